/**
 * Security of the money path (issue #10, points 3 and 4).
 *
 * On the PostgreSQL server: a burst of simultaneous approvals and payments on one budget takes
 * its locks in one order (application, budget row, audit chain), so none deadlocks (no 503) and
 * none fails (no 500), and the ledger balances afterwards. PGlite runs one transaction at a
 * time and cannot show a race, so that test runs only with SEEDBED_PG_TESTS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor, verifyChain } from '../src/modules/audit/index.js';
import { setBudget } from '../src/modules/budgets/index.js';
import { createPendingAward } from '../src/modules/fulfilment/index.js';
import { createUser, setMembership } from '../src/modules/identity/index.js';
import { createPersonSubject } from '../src/modules/subjects/index.js';
import type { Principal } from '../src/platform/access.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, testApp, type TestContext } from './test-app.js';

const onServer = process.env.SEEDBED_PG_TESTS === '1';
const ITEM = 'nn.termite-fee-reduction'; // 免申即享, lead unit 市财政局 → 南宁市财政局 in the demo mapping
const EACH = 10_000; // 100 元
const BURST = 20;

async function one<T>(t: TestContext, q: ReturnType<typeof sql<T>>): Promise<T> {
  return (await q.execute(t.database.db)).rows[0]!;
}

const platform: Principal = { userId: '', username: 'test', displayName: 'test', isPlatformAdmin: true, mfaEnabled: true, memberships: [], permissions: new Set(), sessionTokenHash: '' };

describe.runIf(onServer)('approvals and payments on one budget at once (PostgreSQL server)', () => {
  let t: TestContext;
  let financeDept: string;
  const awardIds: string[] = [];

  beforeAll(async () => {
    t = await testApp({ demo: true });
    const ctx = systemActor('test');
    financeDept = (await one(t, sql<{ id: string }>`SELECT id FROM identity_organisations WHERE name = '南宁市财政局'`)).id;
    await t.database.db.transaction().execute(async (trx) => {
      for (const [username, role] of [['reviewer.cz', 'reviewer'], ['officer.cz', 'officer']] as const) {
        const userId = await createUser(trx, t.deps, ctx, { username, displayName: username, password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
        await setMembership(trx, t.deps, ctx, financeDept, userId, [role]);
      }
      // Room for every award; payments at or below the threshold are paid at once (payment, then audit).
      await setBudget(trx, t.deps, platform, ctx, { itemId: ITEM, year: 2026, amountFen: 2 * BURST * EACH, secondApprovalThresholdFen: EACH, financeDepartmentId: financeDept });
      for (let i = 0; i < 2 * BURST; i++) {
        const userId = await createUser(trx, t.deps, ctx, { username: `burst${i}`, displayName: `个体${i}`, password: DEMO_PASSWORD });
        const subjectId = await createPersonSubject(trx, t.deps, ctx, { userId, name: `个体${i}` });
        awardIds.push((await createPendingAward(trx, t.deps, { itemId: ITEM, itemVersion: 1, subjectId, amountFen: EACH, evaluatedOn: '2026-11-20', verdict: { status: 'eligible' } }))!);
      }
    });
  });
  afterAll(async () => t?.close());

  it(`${BURST} approvals and ${BURST} payments at once: no 503, no 500, and the ledger balances`, async () => {
    const login = async (username: string) => {
      const client = new TestClient(t.app);
      await client.loginDemo(username, t.clock);
      return client;
    };
    let reviewer = await login('reviewer.cz');
    const toPay = awardIds.slice(0, BURST);
    const toApprove = awardIds.slice(BURST);
    for (const id of toPay) expect((await reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {})).statusCode).toBe(200);
    t.clock.advance(8 * 24 * 3600 * 1000); // past the 7-day publicity (sessions end: sign in again)
    reviewer = await login('reviewer.cz');
    const officer = await login('officer.cz');
    const finance = await login('finance.nanning');
    for (const id of toPay) expect((await officer.post(`/api/v1/fulfilment/applications/${id}/conclude-publicity`)).json().status).toBe('payment');

    const burst = await Promise.all([
      ...toApprove.map((id) => reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {})),
      ...toPay.map((id) => finance.post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: `burst-${id}` })),
    ]);
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.slice(0, BURST).every((c) => c === 200)).toBe(true);
    expect(codes.slice(BURST).every((c) => c === 201)).toBe(true);

    const budget = await one(t, sql<{ amount_fen: number; committed_fen: number; paid_fen: number }>`SELECT amount_fen::int, committed_fen::int, paid_fen::int FROM budget_budgets WHERE item_id = ${ITEM} AND year = 2026`);
    const ledger = await one(
      t,
      sql<{ commitments: number; releases: number; payments: number }>`
        SELECT coalesce(sum(e.amount_fen) FILTER (WHERE kind = 'commitment'), 0)::int AS commitments,
               coalesce(sum(e.amount_fen) FILTER (WHERE kind = 'release'), 0)::int AS releases,
               coalesce(sum(e.amount_fen) FILTER (WHERE kind = 'payment'), 0)::int AS payments
        FROM budget_ledger_entries e JOIN budget_budgets b ON b.id = e.budget_id WHERE b.item_id = ${ITEM} AND b.year = 2026`,
    );
    expect(ledger).toEqual({ commitments: 2 * BURST * EACH, releases: 0, payments: BURST * EACH });
    expect(budget).toEqual({ amount_fen: 2 * BURST * EACH, committed_fen: ledger.commitments - ledger.releases - ledger.payments, paid_fen: ledger.payments });
    const statuses = await one(t, sql<{ closed: number; publicity: number }>`SELECT count(*) FILTER (WHERE status = 'closed')::int AS closed, count(*) FILTER (WHERE status = 'publicity')::int AS publicity FROM fulfilment_applications WHERE item_id = ${ITEM}`);
    expect(statuses).toEqual({ closed: BURST, publicity: BURST });
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});
