import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loansManifest } from '../src/modules/loans/index.js';
import { enqueueAnyJob } from '../src/platform/jobs.js';
import { demoSignIns, errorFields, testApp, type TestContext } from './test-app.js';

/**
 * Guaranteed start-up loans on the demo data (today 2026-11-20): the founder (韦小燕) requests a
 * loan under the Nanning item; the HR bureau's reviewer approves it (the verified condition on her
 * profile); the guarantee fund (Nanning finance bureau) guarantees it naming the demo bank; the
 * bank grants it (schedule); the quarter's subsidy is computed once, split 4:3:3 under the finance
 * bureau's rule, written on her profile and handed to fulfilment as a pending award; payment posts
 * the split on the ledger; a default draws on the reserve, never below zero. Refusals and bad input.
 */
let t: TestContext;
const as = demoSignIns(() => t);
const stat = (name: string) => loansManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' });

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

const REQUEST = { itemId: 'nn.startup-guaranteed-loan', amountFen: 8_000_000, termMonths: 12, purpose: '开设社区洗衣店：设备和首期租金' };

describe('the demo loan', () => {
  it("shows the borrower a granted loan with its schedule; the daily job makes the last quarter's subsidy a pending award, once", async () => {
    const borrower = await as('borrower.nanning');
    expect((await borrower.get('/api/v1/loans/mine')).json()[0].subsidies).toEqual([]);
    for (let i = 0; i < 2; i++) {
      await enqueueAnyJob(t.deps.db, 'loans.quarter_subsidies', { date: '2026-11-20' });
      await t.app.jobs.drain();
    }
    const [loan] = (await borrower.get('/api/v1/loans/mine')).json();
    expect(loan).toMatchObject({ status: 'granted', principalFen: 10_000_000, annualRateBp: 435, method: 'equal_instalment', startOn: '2026-07-20', bankName: '南宁邕江商业银行青秀支行' });
    expect(loan.schedule).toHaveLength(24);
    expect(loan.schedule.reduce((s: number, p: { principalFen: number }) => s + p.principalFen, 0)).toBe(10_000_000);
    // Q3 2026: the periods due 20 August and 20 September, in full, split 4:3:3 under the demo's Nanning rule for 2026
    // (largest remainder: each level's floor of total × weight / 10, the fen left over to the largest fractions).
    const total = loan.schedule[0].interestFen + loan.schedule[1].interestFen;
    const exact = [4, 3, 3].map((w) => (total * w) / 10);
    const shares = exact.map(Math.floor);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const left = total - shares.reduce((a, b) => a + b, 0);
    for (let k = 0; k < left; k++) shares[order[k]![1]]! += 1;
    expect(loan.subsidies).toEqual([{ year: 2026, quarter: 3, subsidyFen: total, weights: [4, 3, 3], sharesFen: shares, status: 'pending', paidFen: null }]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
    const apps = await sql<{ status: string; product_key: string; amount_fen: number }>`
      SELECT a.status, a.product_key, a.amount_fen FROM fulfilment_applications a JOIN subjects s ON s.id = a.subject_id WHERE s.name = '蒙志远' AND a.item_id = 'nn.startup-loan-interest-subsidy'`.execute(t.deps.db);
    expect(apps.rows).toEqual([{ status: 'approval', product_key: '2026年第3季度贴息', amount_fen: loan.subsidies[0].subsidyFen }]);
  });

  it('lets the borrower give the payee account of the pending quarter subsidy, checked as with an application', async () => {
    const borrower = await as('borrower.nanning');
    const [award] = (await borrower.get('/api/v1/fulfilment/applications/mine')).json().items.filter((a: { itemId: string }) => a.itemId === 'nn.startup-loan-interest-subsidy');
    const view = (await borrower.get(`/api/v1/fulfilment/applications/${award.id}`)).json();
    expect(view).toMatchObject({ payeeAccount: null, allowedActions: ['give_payee'] });
    // It entered at approval: the page's steps start there, with no 受理 or 初审 it never went through.
    expect(view.stages.map((st: { key: string }) => st.key)).toEqual(['approval', 'publicity', 'payment']);
    const url = `/api/v1/fulfilment/applications/${award.id}/payee-account`;
    const bad = await borrower.request('PUT', url, { bank: '南宁邕江商业银行青秀支行', name: '别人', number: '6222-00-ab12' });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad).sort()).toEqual(['payeeAccount.name:equals:subject_name', 'payeeAccount.number:format:bank_account']);
    // Nobody else gives it: the founder does not act for the borrower.
    expect((await (await as('founder')).request('PUT', url, { bank: '南宁邕江商业银行青秀支行', name: '蒙志远', number: '6222 0200 1234 5678' })).statusCode).toBe(404);
    const given = await borrower.request('PUT', url, { bank: '南宁邕江商业银行青秀支行', name: '蒙志远', number: '6222 0200 1234 5678' });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().payeeAccount).toEqual({ bank: '南宁邕江商业银行青秀支行', name: '蒙志远', number: '6222 **** 5678' });
    // The payment reads the same stored account (encrypted, the masked copy beside it).
    const row = await sql<{ number_masked: string; number_enc: string }>`SELECT number_masked, number_enc FROM fulfilment_payee_accounts WHERE application_id = ${award.id}`.execute(t.deps.db);
    expect(row.rows[0]!.number_masked).toBe('6222 **** 5678');
    expect(row.rows[0]!.number_enc).not.toContain('62220200');
  });
});

describe('the lifecycle', () => {
  let id = '';
  it('refuses bad input naming the field and the rule, and a request by someone who is not a person', async () => {
    const founder = await as('founder');
    expect(errorFields(await founder.post('/api/v1/loans', { ...REQUEST, itemId: 'nn.startup-training-subsidy' }))).toEqual(['itemId:loan_item']);
    expect(errorFields(await founder.post('/api/v1/loans', { ...REQUEST, purpose: ' ' }))).toEqual(['purpose:required']);
    const r = await founder.post('/api/v1/loans', { ...REQUEST, termMonths: 99 });
    expect(r.statusCode).toBe(400);
    expect(errorFields(r)[0]).toMatch(/^termMonths:/);
    expect((await (await as('ent.nanning')).post('/api/v1/loans', REQUEST)).statusCode).toBe(403);
  });

  it('the founder requests a loan under an item she may qualify for', async () => {
    const founder = await as('founder');
    const items = (await founder.get('/api/v1/loans/items')).json() as { id: string }[];
    expect(items.map((i) => i.id)).toContain('nn.startup-guaranteed-loan');
    const r = await founder.post('/api/v1/loans', REQUEST);
    expect(r.statusCode).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({ status: 'requested', amountFen: 8_000_000, mayReview: false });
    expect((await founder.post('/api/v1/loans', REQUEST)).statusCode).toBe(409);
    expect(await stat('loans.requested')).toBe(2);
  });

  it('only the HR reviewer of the region reviews; a refusal needs a reason; approval writes the verified condition', async () => {
    expect((await (await as('officer.yuxi')).post(`/api/v1/loans/${id}/review`, { decision: 'approve', reason: '' })).statusCode).toBe(403);
    expect((await (await as('finance.nanning')).post(`/api/v1/loans/${id}/review`, { decision: 'approve', reason: '' })).statusCode).toBe(403);
    const hr = await as('reviewer.hr.nanning');
    expect((await hr.get('/api/v1/loans/work')).json().some((l: { id: string; mayReview: boolean }) => l.id === id && l.mayReview)).toBe(true);
    expect(errorFields(await hr.post(`/api/v1/loans/${id}/review`, { decision: 'refuse', reason: '' }))).toEqual(['reason:required_on_refusal']);
    expect((await hr.post(`/api/v1/loans/${id}/review`, { decision: 'approve', reason: '' })).json().status).toBe('approved');
    const fact = await sql<{ verified: boolean; source: string }>`
      SELECT f.verified, f.source FROM subject_facts f JOIN subjects s ON s.id = f.subject_id WHERE s.name = '韦小燕' AND f.variable = 'meets_guaranteed_loan_conditions' ORDER BY f.recorded_at DESC LIMIT 1`.execute(t.deps.db);
    expect(fact.rows[0]).toEqual({ verified: true, source: 'registry:loans' });
  });

  it('the guarantee fund guarantees naming a bank of the region; the bank grants and the schedule follows', async () => {
    const fund = await as('finance.nanning');
    expect((await (await as('reviewer.hr.nanning')).post(`/api/v1/loans/${id}/guarantee`, { decision: 'guarantee', bankOrganisationId: null, reason: '' })).statusCode).toBe(403);
    const banks = (await fund.get(`/api/v1/loans/${id}/banks`)).json() as { id: string; name: string }[];
    // The finance module's demo institutions in Nanning: the bank that lends and a guarantee company.
    expect(banks.map((b) => b.name).sort()).toEqual(['南宁桂信融资担保有限公司', '南宁邕江商业银行青秀支行'].sort());
    const lender = banks.find((b) => b.name === '南宁邕江商业银行青秀支行')!;
    expect(errorFields(await fund.post(`/api/v1/loans/${id}/guarantee`, { decision: 'guarantee', bankOrganisationId: null, reason: '' }))).toEqual(['bankOrganisationId:bank_in_region']);
    expect((await fund.post(`/api/v1/loans/${id}/guarantee`, { decision: 'guarantee', bankOrganisationId: lender.id, reason: '' })).json()).toMatchObject({ status: 'guaranteed', bankName: '南宁邕江商业银行青秀支行' });

    const bank = await as('bank.nanning');
    expect((await (await as('founder')).post(`/api/v1/loans/${id}/grant`, { principalFen: 8_000_000, annualRateBp: 435, startOn: '2026-08-20', method: 'equal_principal' })).statusCode).toBe(403);
    expect(errorFields(await bank.post(`/api/v1/loans/${id}/grant`, { principalFen: 9_000_000, annualRateBp: 435, startOn: '2026-12-01', method: 'equal_principal' }))).toEqual(['principalFen:at_most_requested', 'startOn:not_future']);
    const granted = (await bank.post(`/api/v1/loans/${id}/grant`, { principalFen: 8_000_000, annualRateBp: 435, startOn: '2026-08-20', method: 'equal_principal' })).json();
    expect(granted.status).toBe('granted');
    expect(granted.schedule).toHaveLength(12);
    // 等额本金: 80,000 yuan / 12 = 6,666.67 a month; the first month's interest 80,000 × 4.35% / 12 = 290.00 yuan.
    expect(granted.schedule[0]).toMatchObject({ dueOn: '2026-09-20', openingFen: 8_000_000, principalFen: 666_667, interestFen: 29_000 });
    expect(await stat('loans.granted')).toBe(2);
    expect(await stat('loans.granted_amount')).toBe(18_000_000);
  });

  it('the quarter job computes Q3 once under the 4:3:3 rule, writes the fact and hands it to fulfilment', async () => {
    const finance = await as('finance.nanning');
    const rule = await finance.request('PUT', '/api/v1/loans/subsidy-rules', { itemId: 'nn.startup-loan-interest-subsidy', year: 2026, rateCapBp: null, shareBp: 10_000, weights: [4, 3, 3] });
    expect(rule.statusCode).toBe(200);
    expect(errorFields(await finance.request('PUT', '/api/v1/loans/subsidy-rules', { itemId: 'nn.startup-loan-interest-subsidy', year: 2026, rateCapBp: null, shareBp: 10_000, weights: [0, 0, 0] }))).toEqual(['weights:one_positive']);
    expect((await (await as('finance.yuxi')).request('PUT', '/api/v1/loans/subsidy-rules', { itemId: 'nn.startup-loan-interest-subsidy', year: 2026, rateCapBp: null, shareBp: 10_000, weights: [1, 0, 0] })).statusCode).toBe(403);
    expect(errorFields(await finance.post('/api/v1/loans/subsidies/run', { date: '2026-12-31' }))).toEqual(['date:not_future']);
    expect((await finance.post('/api/v1/loans/subsidies/run', { date: '2026-11-20' })).json()).toEqual({ computed: 1 });
    expect((await finance.post('/api/v1/loans/subsidies/run', { date: '2026-11-20' })).json()).toEqual({ computed: 0 });
    expect((await (await as('founder')).post('/api/v1/loans/subsidies/run', { date: '2026-11-20' })).statusCode).toBe(403);
    const loan = (await (await as('founder')).get(`/api/v1/loans/${id}`)).json();
    // Q3 holds one period (20 September): 290.00 yuan, split 4:3:3 = 116.00 / 87.00 / 87.00.
    expect(loan.subsidies).toEqual([{ year: 2026, quarter: 3, subsidyFen: 29_000, weights: [4, 3, 3], sharesFen: [11_600, 8_700, 8_700], status: 'pending', paidFen: null }]);
    const apps = await sql<{ status: string; product_key: string; amount_fen: number; id: string; subject_id: string }>`
      SELECT a.id, a.subject_id, a.status, a.product_key, a.amount_fen FROM fulfilment_applications a JOIN subjects s ON s.id = a.subject_id WHERE s.name = '韦小燕' AND a.item_id = 'nn.startup-loan-interest-subsidy'`.execute(t.deps.db);
    expect(apps.rows.map((r) => [r.status, r.product_key, r.amount_fen])).toEqual([['approval', '2026年第3季度贴息', 29_000]]);
    expect(await stat('loans.subsidies_computed')).toBeGreaterThanOrEqual(29_000);

    // Fulfilment pays it: the split is posted on the ledger, once.
    const a = apps.rows[0]!;
    // A paid award names its quarter: another quarter's payment leaves this one pending.
    await t.deps.db.transaction().execute((trx) => t.deps.events.emit(trx, 'award.paid', { applicationId: a.id, itemId: 'nn.startup-loan-interest-subsidy', subjectId: a.subject_id, amountFen: 29_000, productKey: '2026年第2季度贴息' }));
    expect((await (await as('founder')).get(`/api/v1/loans/${id}`)).json().subsidies[0]).toMatchObject({ status: 'pending', paidFen: null });
    for (let i = 0; i < 2; i++) await t.deps.db.transaction().execute((trx) => t.deps.events.emit(trx, 'award.paid', { applicationId: a.id, itemId: 'nn.startup-loan-interest-subsidy', subjectId: a.subject_id, amountFen: 29_000, productKey: a.product_key }));
    const after = (await (await as('founder')).get(`/api/v1/loans/${id}`)).json();
    expect(after.subsidies[0]).toMatchObject({ status: 'paid', paidFen: 29_000, sharesFen: [11_600, 8_700, 8_700] });
    const balances = await sql<{ purpose: string; balance: number }>`
      SELECT la.purpose, b.balance::int AS balance FROM loan_accounts la JOIN ledger_accounts b ON b.id = la.account_id WHERE la.region_code = '450100' AND la.purpose LIKE ANY(ARRAY['level_%','subsidies_paid']) ORDER BY la.purpose`.execute(t.deps.db);
    expect(balances.rows).toEqual([{ purpose: 'level_1', balance: -11_600 }, { purpose: 'level_2', balance: -8_700 }, { purpose: 'level_3', balance: -8_700 }, { purpose: 'subsidies_paid', balance: 29_000 }]);
  });

  it('an early repayment recomputes the schedule; a default draws on the reserve, never below zero', async () => {
    const bank = await as('bank.nanning');
    expect(errorFields(await bank.post(`/api/v1/loans/${id}/prepayments`, { afterPeriod: 12, principalFen: 100 }))).toEqual(['afterPeriod:schedule']);
    const prepaid = (await bank.post(`/api/v1/loans/${id}/prepayments`, { afterPeriod: 2, principalFen: 2_000_000 })).json();
    expect(prepaid.schedule[1]).toMatchObject({ prepaidFen: 2_000_000, closingFen: 8_000_000 - 2 * 666_667 - 2_000_000 });
    expect(prepaid.schedule[2].openingFen).toBe(8_000_000 - 2 * 666_667 - 2_000_000);
    const finance = await as('finance.nanning');
    expect((await finance.get('/api/v1/loans/reserve/450100')).json()).toMatchObject({ balanceFen: 50_000_000, lossesFen: 0 });
    expect(errorFields(await bank.post(`/api/v1/loans/${id}/default`, { lossFen: 9_000_000, defaultedOn: '2026-11-01' }))).toEqual(['lossFen:at_most_principal']);
    // The demo loan's default of 100,000 yuan first; then the reserve is topped up only so far.
    const [demo] = (await (await as('borrower.nanning')).get('/api/v1/loans/mine')).json();
    const r1 = await bank.post(`/api/v1/loans/${demo.id}/default`, { lossFen: 10_000_000, defaultedOn: '2026-11-01' });
    expect(r1.json()).toMatchObject({ status: 'defaulted', defaultLossFen: 10_000_000, defaultedOn: '2026-11-01' });
    // A loan still being repaid shows no default.
    expect((await bank.get(`/api/v1/loans/${id}`)).json()).toMatchObject({ defaultLossFen: null, defaultedOn: null });
    const afterDefault = (await finance.get('/api/v1/loans/reserve/450100')).json();
    expect(afterDefault).toMatchObject({ balanceFen: 40_000_000, lossesFen: 10_000_000 });
    // Its movements, newest first: the default's draw, then the demo's funding.
    expect(afterDefault.movements.map((m: { kind: string; amountFen: number }) => [m.kind, m.amountFen])).toEqual([['default', -10_000_000], ['funding', 50_000_000]]);
    // Drain the reserve to 10,000 yuan, then a loss of 50,000 yuan is refused whole.
    await t.deps.db.transaction().execute(async (trx) => {
      const [reserve, funding] = (await sql<{ account_id: string }>`SELECT account_id FROM loan_accounts WHERE region_code = '450100' AND purpose IN ('reserve','reserve_funding') ORDER BY purpose`.execute(trx)).rows;
      const { postTransaction } = await import('../src/modules/ledger/index.js');
      await postTransaction(trx, t.deps.clock, { scope: 'test', idempotencyKey: 'drain', postings: [{ accountId: reserve!.account_id, amount: -39_000_000 }, { accountId: funding!.account_id, amount: 39_000_000 }] });
    });
    const r2 = await bank.post(`/api/v1/loans/${id}/default`, { lossFen: 5_000_000, defaultedOn: '2026-11-01' });
    expect(r2.statusCode).toBe(409);
    expect(errorFields(r2)).toEqual(['lossFen:reserve_floor']);
    expect((await (await as('founder')).get(`/api/v1/loans/${id}`)).json().status).toBe('granted');
    expect((await finance.get('/api/v1/loans/reserve/450100')).json()).toMatchObject({ balanceFen: 1_000_000 });
  });
});

describe("the finance bureau's desk", () => {
  it('lists the subsidy items of its regions with their rules, and the regions whose reserve it funds; funding moves the balance', async () => {
    const finance = await as('finance.nanning');
    const desk = (await finance.get('/api/v1/loans/finance')).json();
    expect(desk.regions).toContainEqual({ regionCode: '450100', regionName: expect.any(String) });
    const item = desk.items.find((i: { itemId: string }) => i.itemId === 'nn.startup-loan-interest-subsidy');
    expect(item).toMatchObject({ regionCode: '450100', title: { zh: expect.any(String), en: expect.any(String) } });
    const before = item.rules.length;
    expect((await finance.request('PUT', '/api/v1/loans/subsidy-rules', { itemId: item.itemId, year: 2027, rateCapBp: 435, shareBp: 5_000, weights: [40, 30, 30] })).statusCode).toBe(200);
    const again = (await finance.get('/api/v1/loans/finance')).json().items.find((i: { itemId: string }) => i.itemId === item.itemId);
    expect(again.rules).toHaveLength(before + 1);
    expect(again.rules[0]).toEqual({ year: 2027, rateCapBp: 435, shareBp: 5_000, weights: [40, 30, 30] });
    // Another region's finance bureau sees no Nanning item; a person may not open the desk.
    const yuxi = (await (await as('finance.yuxi')).get('/api/v1/loans/finance')).json();
    expect(yuxi.items.map((i: { itemId: string }) => i.itemId)).not.toContain(item.itemId);
    expect((await (await as('founder')).get('/api/v1/loans/finance')).statusCode).toBe(403);
    const reserve = (await finance.get('/api/v1/loans/reserve/450100')).json();
    const funded = (await finance.post('/api/v1/loans/reserve', { regionCode: '450100', amountFen: 12_345_600 })).json();
    expect(funded.balanceFen).toBe(reserve.balanceFen + 12_345_600);
    expect(funded.movements[0]).toMatchObject({ kind: 'funding', amountFen: 12_345_600 });
    expect(errorFields(await finance.post('/api/v1/loans/reserve', { regionCode: '450100', amountFen: 0 }))[0]).toMatch(/^amountFen:/);
  });
});
