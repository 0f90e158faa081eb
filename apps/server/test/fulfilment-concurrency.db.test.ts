/**
 * Money under concurrency, on a PostgreSQL server (DATABASE_URL): many approvals racing for one
 * small budget never overdraw it; caps per subject and once-per-product hold when commitments
 * race; a payment request retried with the same idempotency key, also concurrently, pays once.
 * PGlite runs one transaction at a time and cannot show a race, so without DATABASE_URL these
 * tests are skipped (the single-connection behaviour is covered by fulfilment.db.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../src/modules/audit/index.js';
import { verifyChain } from '../src/modules/audit/index.js';
import { commitGrant, openBudget } from '../src/modules/budgets/index.js';
import { createPendingAward } from '../src/modules/fulfilment/index.js';
import { createUser, setMembership } from '../src/modules/identity/index.js';
import { createPersonSubject } from '../src/modules/subjects/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, testApp, type TestContext } from './test-app.js';
import { eligibleVerdict } from './verdicts.js';

const onServer = !!process.env.DATABASE_URL;
const ITEM = 'nn.termite-fee-reduction'; // 免申即享, lead unit 市财政局 → 南宁市财政局 in the demo mapping
// A budget exists only for a catalogue item its department covers: a Nanning item whose caps the test states itself.
const CAPPED = 'nn.first-set-equipment-reward';
const AWARDS = 20;
const EACH = 10_000; // 100 元
const BUDGET = 95_000; // room for 9 awards, not 10

let t: TestContext;
let reviewer: TestClient;
let officer: TestClient;
let finance: TestClient;
const awardIds: string[] = [];
const subjects: string[] = [];
let financeDept: string;

async function one<T>(q: ReturnType<typeof sql<T>>): Promise<T> {
  return (await q.execute(t.database.db)).rows[0]!;
}

describe.runIf(onServer)('money under concurrency on the PostgreSQL server (PGlite serialises transactions and cannot show races)', () => {
  beforeAll(async () => {
    t = await testApp({ demo: true });
    const ctx = systemActor('test');
    const dept = await one(sql<{ id: string }>`SELECT id FROM identity_organisations WHERE name = '南宁市财政局'`);
    financeDept = dept.id;
    await t.database.db.transaction().execute(async (trx) => {
      for (const [username, role] of [['reviewer.cz', 'reviewer'], ['officer.cz', 'officer']] as const) {
        const userId = await createUser(trx, t.deps, ctx, { username, displayName: username, password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
        await setMembership(trx, t.deps, ctx, financeDept, userId, [role]);
      }
      for (let i = 0; i < AWARDS; i++) {
        const userId = await createUser(trx, t.deps, ctx, { username: `person${i}`, displayName: `个体${i}`, password: DEMO_PASSWORD });
        subjects.push(await createPersonSubject(trx, t.deps, ctx, { userId, name: `个体${i}` }));
      }
      await openBudget(trx, t.deps, ctx, { itemId: ITEM, year: 2026, amountFen: BUDGET, secondApprovalThresholdFen: 1_000_000, financeDepartmentId: financeDept });
      for (const subjectId of subjects) {
        const id = await createPendingAward(trx, t.deps, { itemId: ITEM, itemVersion: 1, subjectId, amountFen: EACH, evaluatedOn: '2026-11-20', verdict: eligibleVerdict(ITEM, EACH) });
        awardIds.push(id!);
      }
    });
    reviewer = new TestClient(t.app);
    await reviewer.loginDemo('reviewer.cz', t.clock);
  });
  afterAll(async () => t?.close());

  it(`approves ${AWARDS} pending awards at once against a budget for 9: exactly 9 pass, the rest are refused, nothing is overdrawn`, async () => {
    expect(awardIds.every(Boolean)).toBe(true);
    const results = await Promise.all(awardIds.map((id) => reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {})));
    const codes = results.map((r) => (r.statusCode === 200 ? 'ok' : r.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(9);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'BUDGET_EXCEEDED')).toBe(true);
    const budget = await one(sql<{ amount_fen: number; committed_fen: number; paid_fen: number }>`SELECT amount_fen, committed_fen, paid_fen FROM budget_budgets WHERE item_id = ${ITEM}`);
    expect(budget).toEqual({ amount_fen: BUDGET, committed_fen: 9 * EACH, paid_fen: 0 });
    const ledger = await one(sql<{ n: number; total: number }>`SELECT count(*)::int AS n, coalesce(sum(e.amount_fen), 0)::int AS total FROM budget_ledger_entries e JOIN budget_budgets b ON b.id = e.budget_id WHERE b.item_id = ${ITEM} AND kind = 'commitment'`);
    expect(ledger).toEqual({ n: 9, total: 9 * EACH });
    const statuses = await one(sql<{ publicity: number; approval: number }>`SELECT count(*) FILTER (WHERE status = 'publicity')::int AS publicity, count(*) FILTER (WHERE status = 'approval')::int AS approval FROM fulfilment_applications WHERE item_id = ${ITEM}`);
    // The refused approvals changed nothing: those awards still wait for approval.
    expect(statuses).toEqual({ publicity: 9, approval: AWARDS - 9 });
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('keeps a subject under its yearly cap and grants once per product when commitments race', async () => {
    const subjectId = subjects[0]!;
    await t.database.db.transaction().execute((trx) => openBudget(trx, t.deps, systemActor('test'), { itemId: CAPPED, year: 2026, amountFen: 10_000_000, secondApprovalThresholdFen: 0, financeDepartmentId: financeDept }));
    const attempt = (i: number, extra: { subjectYearCapFen: number | null; onceKey: string | null }) =>
      t.database.db
        .transaction()
        .execute((trx) =>
          commitGrant(trx, t.deps.clock, { awardId: crypto.randomUUID(), itemId: CAPPED, subjectId, grantedOn: '2026-11-20', productKey: extra.onceKey ? 'P-1' : null, amountFen: EACH, actorUserId: null, ...extra }),
        )
        .then(() => 'ok', (e: { code?: string }) => e.code ?? 'error');
    const capped = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i, { subjectYearCapFen: 35_000, onceKey: null })));
    expect(capped.filter((c) => c === 'ok')).toHaveLength(3);
    expect(capped.filter((c) => c !== 'ok').every((c) => c === 'SUBJECT_CAP_EXCEEDED')).toBe(true);
    const total = await one(sql<{ granted_fen: number; cap_fen: number }>`SELECT granted_fen, cap_fen FROM budget_subject_year_totals WHERE item_id = ${CAPPED} AND subject_id = ${subjectId}`);
    expect(total).toEqual({ granted_fen: 30_000, cap_fen: 35_000 });

    const once = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i, { subjectYearCapFen: null, onceKey: 'product:P-1' })));
    expect(once.filter((c) => c === 'ok')).toHaveLength(1);
    expect(once.filter((c) => c !== 'ok').every((c) => c === 'ALREADY_GRANTED')).toBe(true);
  });

  it('pays once when the same payment request is sent ten times at once and again later', async () => {
    const id = awardIds.find(Boolean)!;
    const approved = await one(sql<{ id: string }>`SELECT id FROM fulfilment_applications WHERE item_id = ${ITEM} AND status = 'publicity' ORDER BY reference LIMIT 1`);
    t.clock.advance(8 * 24 * 3600 * 1000); // past the 7-day default publicity
    officer = new TestClient(t.app);
    await officer.loginDemo('officer.cz', t.clock);
    finance = new TestClient(t.app);
    await finance.loginDemo('finance.nanning', t.clock);
    const concluded = await officer.post(`/api/v1/fulfilment/applications/${approved.id}/conclude-publicity`);
    expect(concluded.json().status).toBe('payment');
    expect(id).toBeTruthy();

    const key = `retry-${approved.id}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => finance.post('/api/v1/budgets/payments', { awardId: approved.id, idempotencyKey: key })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const paymentIds = new Set(results.map((r) => r.json().payment.id));
    expect(paymentIds.size).toBe(1);
    const later = await finance.post('/api/v1/budgets/payments', { awardId: approved.id, idempotencyKey: key });
    expect(later.json()).toMatchObject({ replayed: true, payment: { status: 'paid', amountFen: EACH } });

    const payments = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM budget_payments WHERE award_id = ${approved.id}`);
    const entries = await one(sql<{ n: number; total: number }>`SELECT count(*)::int AS n, sum(amount_fen)::int AS total FROM budget_ledger_entries WHERE award_id = ${approved.id} AND kind = 'payment'`);
    const budget = await one(sql<{ committed_fen: number; paid_fen: number }>`SELECT committed_fen, paid_fen FROM budget_budgets WHERE item_id = ${ITEM}`);
    expect(payments.n).toBe(1);
    expect(entries).toEqual({ n: 1, total: EACH });
    expect(budget).toEqual({ committed_fen: 8 * EACH, paid_fen: EACH });
    expect((await officer.get(`/api/v1/fulfilment/applications/${approved.id}`)).json().status).toBe('closed');
  });
});
