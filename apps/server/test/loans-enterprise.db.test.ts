import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/modules/audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../src/modules/identity/index.js';
import { DEMO_PASSWORD, demoSignIns, errorFields, testApp, type TestContext } from './test-app.js';

/**
 * Guaranteed loans of small enterprises (创业担保贷款 lends to persons and to 小微企业), on the demo
 * data (today 2026-11-20): 玉溪滇云生物科技有限公司 (ent.yuxi: research services, 12 staff, a
 * small enterprise) requests a loan under 玉溪's item for small firms that hire
 * (yx.hiring-firm-startup-loan, at most 2 m CNY); grown to a medium enterprise it is refused,
 * the failing criterion named. Yuxi's HR reviewer (officer.yuxi) approves, its guarantee fund
 * (finance.yuxi) guarantees naming a bank of the region (made here: bank.yuxi), the bank grants
 * it, the quarter's subsidy is computed under the 4:3:3 rule of the enterprise subsidy item,
 * handed to fulfilment and, paid, split on the ledger. Then the reserve (风险准备金): the finance
 * bureau, the guarantee fund and a bank lending there see it, read-only; others do not.
 */
let t: TestContext;
const as = demoSignIns(() => t);
let enterprise = '';
let bankOrg = '';

beforeAll(async () => {
  t = await testApp({ demo: true });
  const ctx = systemActor('test');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await t.deps.db.transaction().execute(async (trx) => {
    const user = await createUser(trx, t.deps, ctx, { username: 'bank.yuxi', displayName: '普信贷（银行客户经理）', password: DEMO_PASSWORD, passwordHash });
    bankOrg = await createOrganisation(trx, t.deps, ctx, { name: '玉溪红塔商业银行高新支行', kind: 'financial_institution', regionCode: '530402' });
    await setMembership(trx, t.deps, ctx, bankOrg, user, ['owner']);
  });
  enterprise = (await sql<{ id: string }>`SELECT id FROM subjects WHERE kind = 'enterprise' AND name = '玉溪滇云生物科技有限公司'`.execute(t.deps.db)).rows[0]!.id;
}, 240_000);
afterAll(async () => t?.close());

const ITEM = 'yx.hiring-firm-startup-loan';
const SUBSIDY = 'yx.hiring-firm-startup-loan-interest';
const request = (amountFen: number) => ({ itemId: ITEM, subjectId: enterprise, amountFen, termMonths: 12, purpose: '扩建发酵车间，新招用高校毕业生' });
const loanCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM loan_requests WHERE subject_id = ${enterprise}`.execute(t.deps.db)).rows[0]!.n;

describe("a small enterprise's guaranteed loan", () => {
  let id = '';
  it('lists the enterprise item for the enterprise it acts for, and not for a person', async () => {
    const ent = await as('ent.yuxi');
    const items = (await ent.get('/api/v1/loans/items')).json() as { id: string; subjectId: string; borrowerKind: string; borrowerName: string }[];
    expect(items).toContainEqual(expect.objectContaining({ id: ITEM, subjectId: enterprise, borrowerKind: 'enterprise', borrowerName: '玉溪滇云生物科技有限公司' }));
    expect(items.every((i) => i.borrowerKind === 'enterprise')).toBe(true);
    const founder = (await (await as('founder')).get('/api/v1/loans/items')).json() as { id: string }[];
    expect(founder.map((i) => i.id)).not.toContain(ITEM);
    // Anonymous: every item, with whom it lends to.
    const anyone = (await t.app.inject({ method: 'GET', url: '/api/v1/loans/items' })).json() as { id: string; borrowerKind: string; subjectId: null }[];
    expect(anyone).toContainEqual(expect.objectContaining({ id: ITEM, borrowerKind: 'enterprise', subjectId: null }));
  });

  it('refuses a medium enterprise naming the failing rule, a request for a borrower one does not act for, the wrong kind of item and an amount above the cap', async () => {
    const ent = await as('ent.yuxi');
    // 200 staff in research services: a medium enterprise (工信部联企业〔2011〕300号).
    expect((await ent.request('PATCH', `/api/v1/subjects/${enterprise}/facts`, { facts: { employees: 200 } })).statusCode).toBe(200);
    const medium = await ent.post('/api/v1/loans', request(150_000_000));
    expect(medium.statusCode).toBe(400);
    expect(errorFields(medium)).toEqual(['itemId:may_qualify']);
    const message = medium.json().errors[0].message as { zh: string; en: string };
    expect(message.zh).toContain('小微企业');
    expect(message.en).toContain('Small or micro enterprise');
    expect((await ent.get('/api/v1/loans/items')).json().map((i: { id: string }) => i.id)).not.toContain(ITEM);
    expect((await ent.request('PATCH', `/api/v1/subjects/${enterprise}/facts`, { facts: { employees: 12 } })).statusCode).toBe(200);

    expect((await (await as('founder')).post('/api/v1/loans', request(150_000_000))).statusCode).toBe(403);
    expect((await (await as('ent.nanning')).post('/api/v1/loans', request(150_000_000))).statusCode).toBe(403);
    expect(errorFields(await ent.post('/api/v1/loans', { ...request(8_000_000), itemId: 'yx.youth-guaranteed-loan' }))).toEqual(['itemId:borrower_kind']);
    expect(errorFields(await (await as('founder')).post('/api/v1/loans', { ...request(8_000_000), subjectId: undefined }))).toEqual(['itemId:borrower_kind']);
    // 3 m CNY asked, the item lends at most 2 m.
    expect(errorFields(await ent.post('/api/v1/loans', request(300_000_000)))).toEqual(['amountFen:item_cap']);
    expect(await loanCount()).toBe(0);
  });

  it('requests 1.5 m CNY; the HR bureau approves, the guarantee fund guarantees naming a bank of the region, the bank grants', async () => {
    const ent = await as('ent.yuxi');
    const r = await ent.post('/api/v1/loans', request(150_000_000));
    expect(r.statusCode).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({ status: 'requested', borrowerName: '玉溪滇云生物科技有限公司', amountFen: 150_000_000 });
    expect((await ent.get('/api/v1/loans/mine')).json().map((l: { id: string }) => l.id)).toContain(id);
    expect((await ent.post('/api/v1/loans', request(150_000_000))).statusCode).toBe(409);
    // Another member of no account of the enterprise does not see it.
    expect((await (await as('founder')).get(`/api/v1/loans/${id}`)).statusCode).toBe(404);

    expect((await (await as('reviewer.hr.nanning')).post(`/api/v1/loans/${id}/review`, { decision: 'approve', reason: '' })).statusCode).toBe(403);
    expect((await (await as('officer.yuxi')).post(`/api/v1/loans/${id}/review`, { decision: 'approve', reason: '' })).json().status).toBe('approved');
    const fund = await as('finance.yuxi');
    const banks = (await fund.get(`/api/v1/loans/${id}/banks`)).json() as { id: string; name: string }[];
    expect(banks).toEqual([{ id: bankOrg, name: '玉溪红塔商业银行高新支行' }]);
    expect((await fund.post(`/api/v1/loans/${id}/guarantee`, { decision: 'guarantee', bankOrganisationId: bankOrg, reason: '' })).json()).toMatchObject({ status: 'guaranteed', bankName: '玉溪红塔商业银行高新支行' });
    const bank = await as('bank.yuxi');
    expect(errorFields(await bank.post(`/api/v1/loans/${id}/grant`, { principalFen: 160_000_000, annualRateBp: 435, startOn: '2026-08-20', method: 'equal_principal' }))).toEqual(['principalFen:at_most_requested']);
    const granted = (await bank.post(`/api/v1/loans/${id}/grant`, { principalFen: 150_000_000, annualRateBp: 435, startOn: '2026-08-20', method: 'equal_principal' })).json();
    expect(granted).toMatchObject({ status: 'granted', principalFen: 150_000_000 });
    // 等额本金: 1,500,000 yuan / 12 = 125,000.00 a month; the first month's interest 1,500,000 × 4.35% / 12 = 5,437.50 yuan.
    expect(granted.schedule[0]).toMatchObject({ dueOn: '2026-09-20', openingFen: 150_000_000, principalFen: 12_500_000, interestFen: 543_750 });
    const facts = await sql<{ variable: string; value: unknown; verified: boolean }>`
      SELECT DISTINCT ON (variable) variable, value, verified FROM subject_facts WHERE subject_id = ${enterprise} AND variable LIKE 'guaranteed_loan_%' ORDER BY variable, recorded_at DESC`.execute(t.deps.db);
    expect(facts.rows.map((f) => [f.variable, Number(f.value), f.verified])).toEqual([['guaranteed_loan_granted', 150_000_000, true], ['guaranteed_loan_requested', 150_000_000, false]]);
  });

  it("computes Q3's subsidy under the enterprise item's 4:3:3 rule, hands it to fulfilment, and paid, posts the split", async () => {
    const finance = await as('finance.yuxi');
    expect((await finance.request('PUT', '/api/v1/loans/subsidy-rules', { itemId: SUBSIDY, year: 2026, rateCapBp: null, shareBp: 10_000, weights: [4, 3, 3] })).statusCode).toBe(200);
    expect((await finance.post('/api/v1/loans/subsidies/run', { date: '2026-11-20' })).json().computed).toBeGreaterThanOrEqual(1);
    const ent = await as('ent.yuxi');
    // Q3 holds one period (20 September): 5,437.50 yuan, split 4:3:3 = 2,175.00 / 1,631.25 / 1,631.25.
    expect((await ent.get(`/api/v1/loans/${id}`)).json().subsidies).toEqual([{ year: 2026, quarter: 3, subsidyFen: 543_750, weights: [4, 3, 3], sharesFen: [217_500, 163_125, 163_125], status: 'pending', paidFen: null }]);
    const apps = await sql<{ id: string; status: string; product_key: string; amount_fen: number }>`
      SELECT id, status, product_key, amount_fen::int AS amount_fen FROM fulfilment_applications WHERE subject_id = ${enterprise} AND item_id = ${SUBSIDY}`.execute(t.deps.db);
    expect(apps.rows.map((r) => [r.status, r.product_key, r.amount_fen])).toEqual([['approval', '2026年第3季度贴息', 543_750]]);

    await t.deps.db.transaction().execute((trx) => t.deps.events.emit(trx, 'award.paid', { applicationId: apps.rows[0]!.id, itemId: SUBSIDY, subjectId: enterprise, amountFen: 543_750, productKey: '2026年第3季度贴息' }));
    expect((await ent.get(`/api/v1/loans/${id}`)).json().subsidies[0]).toMatchObject({ status: 'paid', paidFen: 543_750, sharesFen: [217_500, 163_125, 163_125] });
    const balances = await sql<{ purpose: string; balance: number }>`
      SELECT la.purpose, b.balance::int AS balance FROM loan_accounts la JOIN ledger_accounts b ON b.id = la.account_id WHERE la.region_code = '530400' AND la.purpose LIKE ANY(ARRAY['level_%','subsidies_paid']) ORDER BY la.purpose`.execute(t.deps.db);
    expect(balances.rows).toEqual([{ purpose: 'level_1', balance: -217_500 }, { purpose: 'level_2', balance: -163_125 }, { purpose: 'level_3', balance: -163_125 }, { purpose: 'subsidies_paid', balance: 543_750 }]);
  });
});

describe('the reserve (风险准备金), read-only for whom it concerns', () => {
  it('the finance bureau funds it; the guarantee fund and the bank lending in the region see its balance and movements; others do not', async () => {
    const finance = await as('finance.yuxi');
    expect((await finance.post('/api/v1/loans/reserve', { regionCode: '530400', amountFen: 20_000_000 })).json()).toMatchObject({ regionCode: '530400', balanceFen: 20_000_000 });
    const bank = await as('bank.yuxi');
    const seen = (await bank.get('/api/v1/loans/reserve/530400')).json();
    expect(seen).toMatchObject({ regionCode: '530400', balanceFen: 20_000_000, lossesFen: 0 });
    expect(seen.movements.map((m: { kind: string; amountFen: number }) => [m.kind, m.amountFen])).toEqual([['funding', 20_000_000]]);
    // Its list: only the region it lends in; the Nanning bank's: Nanning's, not Yuxi's.
    expect((await bank.get('/api/v1/loans/reserves')).json().map((r: { regionCode: string }) => r.regionCode)).toEqual(['530400']);
    const nanningBank = await as('bank.nanning');
    expect((await nanningBank.get('/api/v1/loans/reserves')).json().map((r: { regionCode: string }) => r.regionCode)).toEqual(['450100']);
    expect((await nanningBank.get('/api/v1/loans/reserve/530400')).statusCode).toBe(403);
    expect((await bank.get('/api/v1/loans/reserve/450100')).statusCode).toBe(403);
    // Read-only: a bank cannot fund it; the borrower and the HR reviewer do not see it.
    expect((await bank.post('/api/v1/loans/reserve', { regionCode: '530400', amountFen: 100 })).statusCode).toBe(403);
    expect((await (await as('ent.yuxi')).get('/api/v1/loans/reserve/530400')).statusCode).toBe(403);
    expect((await (await as('officer.yuxi')).get('/api/v1/loans/reserve/530400')).statusCode).toBe(403);
    expect((await (await as('ent.yuxi')).get('/api/v1/loans/reserves')).json()).toEqual([]);
    // The guarantee fund (the finance bureau's fund) sees Yuxi's, not Nanning's.
    expect((await finance.get('/api/v1/loans/reserves')).json().map((r: { regionCode: string }) => r.regionCode)).toEqual(['530400']);
    expect((await finance.get('/api/v1/loans/reserve/450100')).statusCode).toBe(403);
  });
});
