/**
 * Security of the money path (issue #10, points 3 and 4).
 *
 * The two-person rule cannot be switched off by the person it binds: changing a budget's amount,
 * threshold or finance department is proposed by one finance officer and takes effect only when a
 * different finance officer of the department that will hold the budget approves it (the database
 * refuses any other change of those columns); a budget exists only for a catalogue item whose
 * region its department covers; setting a budget never moves it to another department alone; a
 * budget lowered below what is committed is a 409 naming the rule. On PGlite and on the server.
 *
 * On the PostgreSQL server: a burst of simultaneous approvals and payments on one budget takes
 * its locks in one order (application, budget row, audit chain), so none deadlocks (no 503) and
 * none fails (no 500), and the ledger balances afterwards. PGlite runs one transaction at a
 * time and cannot show a race, so that test runs only with SEEDBED_PG_TESTS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor, verifyChain } from '../src/modules/audit/index.js';
import { commitGrant, openBudget } from '../src/modules/budgets/index.js';
import { createPendingAward } from '../src/modules/fulfilment/index.js';
import { createOrganisation, createUser, setMembership } from '../src/modules/identity/index.js';
import { createPersonSubject } from '../src/modules/subjects/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, TestClient, testApp, type TestContext } from './test-app.js';
import { eligibleVerdict } from './verdicts.js';

const DEMO_ITEM = 'nn.new-product-subsidy'; // the demo's budget: 50万元 for 2026, above 5万元 a second finance officer, 南宁市财政局

const onServer = process.env.SEEDBED_PG_TESTS === '1';
const ITEM = 'nn.termite-fee-reduction'; // 免申即享, lead unit 市财政局 → 南宁市财政局 in the demo mapping
const EACH = 10_000; // 100 元
const BURST = 20;
const EXTRA = 10; // awards for the race of a budget change against approvals

async function one<T>(t: TestContext, q: ReturnType<typeof sql<T>>): Promise<T> {
  return (await q.execute(t.database.db)).rows[0]!;
}

const put = (client: TestClient, body: unknown) => client.request('PUT', '/api/v1/budgets', body);

async function login(t: TestContext, username: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.loginDemo(username, t.clock);
  return client;
}

describe('the two-person rule over budgets (issue #10, point 3)', () => {
  let t: TestContext;
  let finance: TestClient; // 南宁市财政局
  let finance2: TestClient; // 南宁市财政局, a second officer
  let province: TestClient; // 广西壮族自治区财政厅 (region 450000 covers Nanning's items)
  let province2: TestClient;
  let nanning: string;
  let gx: string;
  let subjectId: string;

  const budgetRow = (itemId: string) =>
    one(t, sql<{ id: string; amount_fen: number; second_approval_threshold_fen: number; finance_department_id: string; committed_fen: number }>`
      SELECT id, amount_fen::int, second_approval_threshold_fen::int, finance_department_id, committed_fen::int FROM budget_budgets WHERE item_id = ${itemId} AND year = 2026`);
  const auditActions = async (budgetId: string) =>
    (await sql<{ action: string; actor: string | null; data: Record<string, unknown> }>`SELECT action, actor, data FROM audit_log WHERE entity_type = 'budget' AND entity_id = ${budgetId} ORDER BY id`.execute(t.database.db)).rows;

  beforeAll(async () => {
    t = await testApp({ demo: true });
    const ctx = systemActor('test');
    nanning = (await one(t, sql<{ id: string }>`SELECT id FROM identity_organisations WHERE name = '南宁市财政局'`)).id;
    await t.database.db.transaction().execute(async (trx) => {
      gx = await createOrganisation(trx, t.deps, ctx, { name: '广西壮族自治区财政厅', kind: 'government', regionCode: '450000' });
      for (const username of ['finance.gx', 'finance2.gx']) {
        const userId = await createUser(trx, t.deps, ctx, { username, displayName: username, password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
        await setMembership(trx, t.deps, ctx, gx, userId, ['finance']);
      }
      const userId = await createUser(trx, t.deps, ctx, { username: 'person.money', displayName: '个体', password: DEMO_PASSWORD });
      subjectId = await createPersonSubject(trx, t.deps, ctx, { userId, name: '个体' });
    });
    finance = await login(t, 'finance.nanning');
    finance2 = await login(t, 'finance2.nanning');
    province = await login(t, 'finance.gx');
    province2 = await login(t, 'finance2.gx');
  });
  afterAll(async () => t?.close());

  it('one finance officer cannot raise the threshold alone: the change waits for a second officer, who is never the proposer; all of it in the audit log', async () => {
    const before = await budgetRow(DEMO_ITEM);
    const proposed = await put(finance, { itemId: DEMO_ITEM, year: 2026, amountFen: 60_000_000, secondApprovalThresholdFen: 1_000_000_000, financeDepartmentId: nanning });
    expect(proposed.statusCode).toBe(202);
    const change = proposed.json();
    expect(change).toMatchObject({ status: 'pending', amountFen: 60_000_000, secondApprovalThresholdFen: 1_000_000_000, fromAmountFen: 50_000_000, fromSecondApprovalThresholdFen: 5_000_000, decidedBy: null });
    // Nothing has changed yet: a payment above 5万元 still needs a second officer.
    expect(await budgetRow(DEMO_ITEM)).toEqual(before);

    // A second proposal waits for the first to be decided.
    const another = await put(finance2, { itemId: DEMO_ITEM, year: 2026, amountFen: 70_000_000, secondApprovalThresholdFen: 5_000_000, financeDepartmentId: nanning });
    expect(another.statusCode).toBe(409);
    expect(another.json().code).toBe('BUDGET_CHANGE_PENDING');

    const self = await finance.post(`/api/v1/budgets/changes/${change.id}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('BUDGET_CHANGE_SAME_PERSON');
    // An officer of another department cannot be the second person either.
    expect((await province.post(`/api/v1/budgets/changes/${change.id}/approve`)).statusCode).toBe(403);
    expect(await budgetRow(DEMO_ITEM)).toEqual(before);

    const pending = (await finance2.get('/api/v1/budgets/changes?status=pending')).json().items;
    expect(pending.map((c: { id: string }) => c.id)).toEqual([change.id]);
    const approved = await finance2.post(`/api/v1/budgets/changes/${change.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().change).toMatchObject({ status: 'approved' });
    expect(approved.json().budget).toMatchObject({ amountFen: 60_000_000, secondApprovalThresholdFen: 1_000_000_000, financeDepartmentId: nanning });
    expect(await budgetRow(DEMO_ITEM)).toMatchObject({ amount_fen: 60_000_000, second_approval_threshold_fen: 1_000_000_000 });
    const again = await finance2.post(`/api/v1/budgets/changes/${change.id}/approve`);
    expect(again.json().code).toBe('BUDGET_CHANGE_DECIDED');

    // The same values again change nothing and propose nothing.
    const same = await put(finance, { itemId: DEMO_ITEM, year: 2026, amountFen: 60_000_000, secondApprovalThresholdFen: 1_000_000_000, financeDepartmentId: nanning });
    expect(same.statusCode).toBe(200);

    const audit = await auditActions(before.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['budget.created', 'system:demo-seed'],
      ['budget.change_proposed', 'finance.nanning'],
      ['budget.change_approved', 'finance2.nanning'],
    ]);
    expect(audit[2]!.data).toMatchObject({ changeId: change.id, from: { amountFen: 50_000_000, secondApprovalThresholdFen: 5_000_000 }, to: { amountFen: 60_000_000, secondApprovalThresholdFen: 1_000_000_000 } });
  });

  it('the proposer can withdraw a change and another officer can reject one; neither changes the budget', async () => {
    const before = await budgetRow(DEMO_ITEM);
    const a = (await put(finance, { itemId: DEMO_ITEM, year: 2026, amountFen: before.amount_fen, secondApprovalThresholdFen: 0, financeDepartmentId: nanning })).json();
    const withdrawn = await finance.post(`/api/v1/budgets/changes/${a.id}/reject`);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    const b = (await put(finance, { itemId: DEMO_ITEM, year: 2026, amountFen: before.amount_fen, secondApprovalThresholdFen: 0, financeDepartmentId: nanning })).json();
    const rejected = await finance2.post(`/api/v1/budgets/changes/${b.id}/reject`);
    expect(rejected.json()).toMatchObject({ status: 'rejected' });
    expect(await budgetRow(DEMO_ITEM)).toEqual(before);
    const actions = (await auditActions(before.id)).map((r) => r.action);
    expect(actions.slice(-4)).toEqual(['budget.change_proposed', 'budget.change_withdrawn', 'budget.change_proposed', 'budget.change_rejected']);
  });

  it('the database refuses changing an amount, threshold or owner without an approved change in the same transaction', async () => {
    const { id } = await budgetRow(DEMO_ITEM);
    for (const set of [sql`amount_fen = amount_fen + 1`, sql`second_approval_threshold_fen = 0`, sql`finance_department_id = ${gx}`]) {
      const error = await sql`UPDATE budget_budgets SET ${set} WHERE id = ${id}`.execute(t.database.db).then(
        () => null,
        (e: { code?: string; message?: string }) => e,
      );
      expect(error).toMatchObject({ code: '23514' });
      expect(error!.message).toContain('budget_change_second_person');
    }
  });

  it('a budget exists only for a catalogue item whose region the finance department covers', async () => {
    const missing = await put(finance, { itemId: 'nn.no-such-item', year: 2026, amountFen: 100_000, secondApprovalThresholdFen: 0, financeDepartmentId: nanning });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'itemId', rule: 'exists' })]);
    // 450000 (the autonomous region) is above Nanning: the city's finance bureau does not cover it.
    const outside = await put(finance, { itemId: 'nn.first-set-equipment-buyer-subsidy', year: 2026, amountFen: 100_000, secondApprovalThresholdFen: 0, financeDepartmentId: nanning });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([expect.objectContaining({ field: 'financeDepartmentId', rule: 'covers_item_region' })]);
    expect((await sql`SELECT 1 FROM budget_budgets WHERE item_id IN ('nn.no-such-item', 'nn.first-set-equipment-buyer-subsidy')`.execute(t.database.db)).rows).toEqual([]);
    // The first time, one finance officer of a covering department creates it at once.
    const created = await put(province, { itemId: 'nn.first-set-equipment-buyer-subsidy', year: 2026, amountFen: 100_000, secondApprovalThresholdFen: 0, financeDepartmentId: gx });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ financeDepartmentId: gx, amountFen: 100_000 });
    expect((await auditActions(created.json().id)).map((r) => r.action)).toEqual(['budget.created']);
  });

  it('setting a budget never moves it to another department: the move is a change the receiving department approves', async () => {
    const before = await budgetRow(DEMO_ITEM);
    // Another department's officer cannot take the budget over, not even by naming their own department.
    const grab = await put(province, { itemId: DEMO_ITEM, year: 2026, amountFen: before.amount_fen, secondApprovalThresholdFen: before.second_approval_threshold_fen, financeDepartmentId: gx });
    expect(grab.statusCode).toBe(403);
    expect(await budgetRow(DEMO_ITEM)).toEqual(before);

    const move = await put(finance, { itemId: DEMO_ITEM, year: 2026, amountFen: before.amount_fen, secondApprovalThresholdFen: before.second_approval_threshold_fen, financeDepartmentId: gx });
    expect(move.statusCode).toBe(202);
    expect(await budgetRow(DEMO_ITEM)).toEqual(before);
    // Only the receiving department approves a move.
    expect((await finance2.post(`/api/v1/budgets/changes/${move.json().id}/approve`)).statusCode).toBe(403);
    const ok = await province2.post(`/api/v1/budgets/changes/${move.json().id}/approve`);
    expect(ok.statusCode).toBe(200);
    expect(await budgetRow(DEMO_ITEM)).toMatchObject({ finance_department_id: gx });
    // And back again, the same way (the demo's other tests expect Nanning).
    const back = await put(province, { itemId: DEMO_ITEM, year: 2026, amountFen: before.amount_fen, secondApprovalThresholdFen: before.second_approval_threshold_fen, financeDepartmentId: nanning });
    expect((await finance.post(`/api/v1/budgets/changes/${back.json().id}/approve`)).statusCode).toBe(200);
    expect(await budgetRow(DEMO_ITEM)).toEqual(before);
  });

  it('a budget lowered below what is committed is a 409 naming the rule, never a 500, and changes nothing', async () => {
    const ITEM2 = 'nn.local-procurement-support';
    const ctx = systemActor('test');
    await t.database.db.transaction().execute((trx) => openBudget(trx, t.deps, ctx, { itemId: ITEM2, year: 2026, amountFen: 100_000, secondApprovalThresholdFen: 0, financeDepartmentId: nanning }));
    const commit = (amountFen: number) =>
      t.database.db.transaction().execute((trx) => commitGrant(trx, t.deps.clock, { awardId: crypto.randomUUID(), itemId: ITEM2, subjectId, grantedOn: '2026-11-20', productKey: null, onceKey: null, amountFen, subjectYearCapFen: null, actorUserId: null }));
    await commit(30_000);
    const tooLow = await put(finance, { itemId: ITEM2, year: 2026, amountFen: 20_000, secondApprovalThresholdFen: 0, financeDepartmentId: nanning });
    expect(tooLow.statusCode).toBe(400);
    expect(tooLow.json().errors).toEqual([expect.objectContaining({ field: 'amountFen', rule: 'minimum' })]);
    // Proposed while it fits; by the time the second officer approves, more has been committed.
    const change = (await put(finance, { itemId: ITEM2, year: 2026, amountFen: 40_000, secondApprovalThresholdFen: 0, financeDepartmentId: nanning })).json();
    await commit(20_000);
    const late = await finance2.post(`/api/v1/budgets/changes/${change.id}/approve`);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'BUDGET_BELOW_COMMITTED', errors: [expect.objectContaining({ field: 'amountFen', rule: 'minimum' })] });
    expect(await budgetRow(ITEM2)).toMatchObject({ amount_fen: 100_000, committed_fen: 50_000 });
    expect((await finance2.get(`/api/v1/budgets/changes?budgetId=${change.budgetId}`)).json().items[0]).toMatchObject({ id: change.id, status: 'pending' });
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});

describe.runIf(onServer)('approvals and payments on one budget at once (PostgreSQL server)', () => {
  let t: TestContext;
  let financeDept: string;
  const awardIds: string[] = [];
  const BUDGET = (2 * BURST + EXTRA) * EACH;

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
      await openBudget(trx, t.deps, ctx, { itemId: ITEM, year: 2026, amountFen: BUDGET, secondApprovalThresholdFen: EACH, financeDepartmentId: financeDept });
      for (let i = 0; i < 2 * BURST + EXTRA; i++) {
        const userId = await createUser(trx, t.deps, ctx, { username: `burst${i}`, displayName: `个体${i}`, password: DEMO_PASSWORD });
        const subjectId = await createPersonSubject(trx, t.deps, ctx, { userId, name: `个体${i}` });
        awardIds.push((await createPendingAward(trx, t.deps, { itemId: ITEM, itemVersion: 1, subjectId, amountFen: EACH, evaluatedOn: '2026-11-20', verdict: eligibleVerdict(ITEM, EACH) }))!);
      }
    });
  });
  afterAll(async () => t?.close());

  it(`${BURST} approvals and ${BURST} payments at once: no 503, no 500, and the ledger balances`, async () => {
    let reviewer = await login(t, 'reviewer.cz');
    const toPay = awardIds.slice(0, BURST);
    const toApprove = awardIds.slice(BURST, 2 * BURST);
    for (const id of toPay) expect((await reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {})).statusCode).toBe(200);
    t.clock.advance(8 * 24 * 3600 * 1000); // past the 7-day publicity (sessions end: sign in again)
    reviewer = await login(t, 'reviewer.cz');
    const officer = await login(t, 'officer.cz');
    const finance = await login(t, 'finance.nanning');
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
    expect(budget).toEqual({ amount_fen: BUDGET, committed_fen: ledger.commitments - ledger.releases - ledger.payments, paid_fen: ledger.payments });
    const statuses = await one(t, sql<{ closed: number; publicity: number }>`SELECT count(*) FILTER (WHERE status = 'closed')::int AS closed, count(*) FILTER (WHERE status = 'publicity')::int AS publicity FROM fulfilment_applications WHERE item_id = ${ITEM}`);
    expect(statuses).toEqual({ closed: BURST, publicity: BURST });
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });

  it('a budget change lowering the amount races approvals: every refusal is a 409 naming its rule, never a 500, and the budget is never overdrawn', async () => {
    const reviewer = await login(t, 'reviewer.cz');
    const finance = await login(t, 'finance.nanning');
    const finance2 = await login(t, 'finance2.nanning');
    const lowered = 2 * BURST * EACH + (EXTRA / 2) * EACH; // room for half of the remaining awards
    const proposed = await finance.request('PUT', '/api/v1/budgets', { itemId: ITEM, year: 2026, amountFen: lowered, secondApprovalThresholdFen: EACH, financeDepartmentId: financeDept });
    expect(proposed.statusCode).toBe(202);
    const results = await Promise.all([
      finance2.post(`/api/v1/budgets/changes/${proposed.json().id}/approve`),
      ...awardIds.slice(2 * BURST).map((id) => reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {})),
    ]);
    const outcomes = results.map((r) => (r.statusCode === 200 ? 'ok' : `${r.statusCode} ${r.json().code}`));
    expect(outcomes.filter((o) => o !== 'ok' && o !== '409 BUDGET_EXCEEDED' && o !== '409 BUDGET_BELOW_COMMITTED')).toEqual([]);
    const budget = await one(t, sql<{ amount_fen: number; committed_fen: number; paid_fen: number }>`SELECT amount_fen::int, committed_fen::int, paid_fen::int FROM budget_budgets WHERE item_id = ${ITEM} AND year = 2026`);
    const approvals = outcomes.slice(1).filter((o) => o === 'ok').length;
    expect(budget.committed_fen + budget.paid_fen).toBe((2 * BURST + approvals) * EACH);
    expect(budget.committed_fen + budget.paid_fen).toBeLessThanOrEqual(budget.amount_fen);
    // Either the change took effect (and then at most half of the awards fit), or it was refused because more was committed first.
    if (outcomes[0] === 'ok') expect({ amount: budget.amount_fen, approvals: approvals <= EXTRA / 2 }).toEqual({ amount: lowered, approvals: true });
    else expect({ outcome: outcomes[0], amount: budget.amount_fen, approvals: approvals > EXTRA / 2 }).toEqual({ outcome: '409 BUDGET_BELOW_COMMITTED', amount: BUDGET, approvals: true });
    expect((await verifyChain(t.database.db)).ok).toBe(true);
  });
});
