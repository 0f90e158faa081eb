/**
 * Finance on the demo data: the public product list (words, pinyin, kind, amount); a bank
 * publishes a product (bad input is a 400 naming each field, the rule is checked by the rules
 * engine); an enterprise's matches with the engine's reasons; applying, with the answer due in
 * working days across a holiday of the working calendar; another institution can neither read nor
 * answer; a refusal needs a reason (and a note for 「其他」); with consent a refused need goes to
 * the other matching product; the daily escalation of overdue requests runs once per request;
 * the finance office sees the overdue ones and each institution's record; the statistics.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinanceOversight, IncomingRequest, Need, ProductMatches, ProductPage, ProductSummary } from '@seedbed/contract';
import { escalateOverdue } from '../src/modules/finance/finance.service.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
const clients = new Map<string, TestClient>();
async function as(username: string): Promise<TestClient> {
  let c = clients.get(username);
  if (!c) {
    c = new TestClient(t.app);
    await c.loginDemo(username, t.clock);
    clients.set(username, c);
  }
  return c;
}
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);
const WAN = 1_000_000;

const PRODUCT = {
  name: '科技人才贷',
  kind: 'credit',
  amountMinFen: 20 * WAN,
  amountMaxFen: 200 * WAN,
  rateMinBp: 360,
  rateMaxBp: 420,
  termMinMonths: 6,
  termMaxMonths: 24,
  collateral: '纯信用',
  description: '面向科技型中小企业创始团队的信用贷款。',
  eligibility: [{ id: 'tech_sme', label: { zh: '科技型中小企业', en: 'Tech SME' }, rule: { '==': [{ var: 'is_tech_sme' }, true] } }],
};

let entSubject = '';
let productId = '';
let requestId = '';

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

describe('products', () => {
  it('lists the open products; searched in words, pinyin, by kind and amount', async () => {
    const anon = new TestClient(t.app);
    const all = (await anon.get('/api/v1/public/finance/products')).json() as ProductSummary[];
    expect(all.length).toBe(5);
    expect(((await anon.get(`/api/v1/public/finance/products?q=${encodeURIComponent('知识产权')}`)).json() as ProductSummary[]).map((p) => p.name)).toEqual(['知识产权质押贷']);
    expect(((await anon.get('/api/v1/public/finance/products?q=chengzhang')).json() as ProductSummary[]).map((p) => p.name)).toEqual(['成长贷']);
    expect(((await anon.get('/api/v1/public/finance/products?kind=equity')).json() as ProductSummary[]).map((p) => p.name)).toEqual(['天使跟投计划']);
    // 800 万元: only the products that lend that much
    expect(((await anon.get(`/api/v1/public/finance/products?amountFen=${800 * WAN}`)).json() as ProductSummary[]).map((p) => p.name).sort()).toEqual(['成长贷', '知识产权质押贷']);
    const page = (await anon.get(`/api/v1/finance/products/${all.find((p) => p.name === '科创信用贷')!.id}`)).json<ProductPage>();
    expect(page.criteria.map((c) => c.label.zh)).toEqual(expect.arrayContaining(['科技型中小企业', '中小微企业']));
    expect(page.criteria.every((c) => c.text.zh.length > 0)).toBe(true);
    expect(page.eligibility).toBeNull();
    expect((await anon.get('/api/v1/public/finance/products?bogus=1')).statusCode).toBe(400);
  });

  it('a bank publishes one; bad input is refused naming each field; only institutions publish', async () => {
    const bank = await as('bank.nanning');
    const bad = await bank.post('/api/v1/finance/products', { ...PRODUCT, name: ' ', amountMinFen: 300 * WAN, rateMinBp: 500 });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['amountMinFen:not_above_max', 'name:required', 'rateMinBp:not_above_max']);
    const badRule = await bank.post('/api/v1/finance/products', { ...PRODUCT, eligibility: [{ id: 'x', label: { zh: '某条件', en: 'x' }, rule: { '==': [{ var: 'no_such_variable' }, true] } }] });
    expect(badRule.statusCode).toBe(400);
    expect(fields(badRule)[0]).toMatch(/^eligibility\.0\.rule.*:rule$/);
    const schema = await bank.post('/api/v1/finance/products', { ...PRODUCT, kind: 'loan' });
    expect(schema.statusCode).toBe(400);
    expect(JSON.stringify(schema.json())).toContain('kind');
    expect((await (await as('ent.nanning')).post('/api/v1/finance/products', PRODUCT)).statusCode).toBe(403);
    const r = await bank.post('/api/v1/finance/products', PRODUCT);
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json<ProductPage>();
    productId = p.id;
    expect(p).toMatchObject({ institution: '南宁邕江商业银行青秀支行', status: 'active', mayManage: true, amountMaxFen: 200 * WAN });
    expect(p.eligibility).toHaveLength(1);
    expect(((await new TestClient(t.app).get(`/api/v1/public/finance/products?q=${encodeURIComponent('人才')}`)).json() as ProductSummary[]).map((x) => x.name)).toEqual(['科技人才贷']);
    // another institution may not pause it
    expect((await (await as('bank2.nanning')).post(`/api/v1/finance/products/${productId}/status`, { status: 'paused', note: '' })).statusCode).toBe(403);
  });
});

describe('matching and applying', () => {
  it("evaluates every open product on the enterprise's profile, with the engine's reasons", async () => {
    const ent = await as('ent.nanning');
    const m = (await ent.get('/api/v1/finance/matches')).json<ProductMatches>();
    entSubject = m.subject.id;
    expect(m.total).toBe(6);
    const status = Object.fromEntries(m.items.map((i) => [i.product.name, i.verdict.status]));
    expect(status).toEqual({ 科创信用贷: 'eligible', '创业担保贷款（小微企业）': 'eligible', 天使跟投计划: 'eligible', 科技人才贷: 'eligible', 成长贷: 'near_miss', 知识产权质押贷: 'unknown' });
    expect(m.eligible).toBe(4);
    const growth = m.items.find((i) => i.product.name === '成长贷')!.verdict;
    expect(growth.criteria.find((c) => c.id === 'revenue')!.status).toBe('fail');
    expect(growth.gap?.text.zh ?? growth.criteria.find((c) => c.id === 'revenue')!.gap?.text.zh).toMatch(/180/);
    expect((await (await as('bank.nanning')).get('/api/v1/finance/matches')).statusCode).toBe(403);
  });

  it('applies; the answer is due in 10 working days counted on the calendar, across a holiday', async () => {
    // Two weekday holidays in the coming fortnight (a test arrangement).
    const office = await as('office.nanning');
    const cal = await office.request('PUT', '/api/v1/calendar/2026', { source: '测试用安排（非官方通知）', days: [{ day: '2026-11-25', kind: 'holiday', name: '测试假日' }, { day: '2026-11-26', kind: 'holiday', name: '测试假日' }] });
    expect(cal.statusCode, cal.body).toBe(200);
    const ent = await as('ent.nanning');
    const body = { subjectId: entSubject, productId, amountFen: 100 * WAN, termMonths: 12, purpose: '研发人员薪酬与设备', collateral: '无', consentToShare: false };
    const bad = await ent.post('/api/v1/finance/needs', { ...body, amountFen: 500 * WAN, purpose: ' ', termMonths: 30 });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['amountFen:in_product_range', 'purpose:required', 'termMonths:in_product_range']);
    expect(fields(await ent.post('/api/v1/finance/needs', { ...body, termMonths: 0 }))).toEqual(expect.arrayContaining([expect.stringMatching(/^termMonths:/)]));
    const r = await ent.post('/api/v1/finance/needs', body);
    expect(r.statusCode, r.body).toBe(201);
    const need = r.json<Need>();
    expect(need.status).toBe('waiting');
    expect(need.requests).toHaveLength(1);
    // Friday 2026-11-20 + 10 working days, 25 and 26 November off: Tuesday 8 December (not Friday 4 December)
    expect(need.requests[0]!.dueOn).toBe('2026-12-08');
    requestId = need.requests[0]!.id;
    // the bank is told
    const bankUser = (await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'bank.nanning'`.execute(t.deps.db)).rows[0]!.id;
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${bankUser} AND kind = 'finance.request'`.execute(t.deps.db)).rows[0]!.n).toBe(1);
  });

  it('another institution can neither read nor answer it', async () => {
    const other = await as('bank2.nanning');
    expect((await other.get(`/api/v1/finance/requests/${requestId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/finance/requests/${requestId}/refuse`, { reason: 'cash_flow', note: '' })).statusCode).toBe(404);
    expect((await other.post(`/api/v1/finance/requests/${requestId}/accept`, { amountFen: WAN, rateBp: 400, termMonths: 12, note: '' })).statusCode).toBe(404);
    expect(((await other.get('/api/v1/finance/requests-incoming')).json() as IncomingRequest[]).map((x) => x.id)).not.toContain(requestId);
  });

  it('a refusal needs a reason from the list (and a note for 其他); the bank answers once, within the deadline', async () => {
    const bank = await as('bank.nanning');
    const noReason = await bank.post(`/api/v1/finance/requests/${requestId}/refuse`, { note: '不想贷' });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason');
    expect((await bank.post(`/api/v1/finance/requests/${requestId}/refuse`, { reason: 'dislike', note: '' })).statusCode).toBe(400);
    expect(fields(await bank.post(`/api/v1/finance/requests/${requestId}/refuse`, { reason: 'other', note: ' ' }))).toEqual(['note:required']);
    // the database holds it too
    await expect(sql`UPDATE finance_requests SET status = 'refused', refusal_reason = 'other', note = '', answered_at = now(), answered_on = '2026-11-20', answered_by = created.id FROM (SELECT id FROM identity_users LIMIT 1) created WHERE finance_requests.id = ${requestId}`.execute(t.deps.db)).rejects.toThrow(/finance_request_answer/);
    const incoming = (await bank.get('/api/v1/finance/requests-incoming')).json() as IncomingRequest[];
    expect(incoming.find((x) => x.id === requestId)).toMatchObject({ mayAnswer: true, dueOn: '2026-12-08', subjectName: '南宁青禾智能科技有限公司', amountFen: 100 * WAN });
    t.clock.advance(3 * 86_400_000);
    clients.clear();
    const again = await as('bank.nanning');
    const a = await again.post(`/api/v1/finance/requests/${requestId}/accept`, { amountFen: 80 * WAN, rateBp: 390, termMonths: 12, note: '首期 80 万元' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json<IncomingRequest>()).toMatchObject({ status: 'accepted', overdue: false, offer: { amountFen: 80 * WAN, rateBp: 390, termMonths: 12 } });
    expect((await again.post(`/api/v1/finance/requests/${requestId}/refuse`, { reason: 'cash_flow', note: '' })).statusCode).toBe(409);
    const mine = (await (await as('ent.nanning')).get('/api/v1/finance/needs-mine')).json() as Need[];
    expect(mine.find((n) => n.requests.some((r) => r.id === requestId))!.status).toBe('offered');
  });

  it('with consent, a refused need is offered to the other matching product', async () => {
    const ent = await as('ent.nanning');
    const all = (await new TestClient(t.app).get('/api/v1/public/finance/products')).json() as ProductSummary[];
    const credit = all.find((p) => p.name === '科创信用贷')!;
    const r = await ent.post('/api/v1/finance/needs', { subjectId: entSubject, productId: credit.id, amountFen: 100 * WAN, termMonths: 36, purpose: '扩大生产线', collateral: '可提供设备抵押', consentToShare: true });
    expect(r.statusCode, r.body).toBe(201);
    const need = r.json<Need>();
    const bank = await as('bank.nanning');
    const refused = await bank.post(`/api/v1/finance/requests/${need.requests[0]!.id}/refuse`, { reason: 'cash_flow', note: '近半年回款不稳定' });
    expect(refused.statusCode, refused.body).toBe(200);
    const after = ((await ent.get('/api/v1/finance/needs-mine')).json() as Need[]).find((n) => n.id === need.id)!;
    expect(after.requests.map((x) => [x.institution, x.product.name, x.origin, x.status])).toEqual(
      expect.arrayContaining([
        ['南宁邕江商业银行青秀支行', '科创信用贷', 'applied', 'refused'],
        ['南宁桂信融资担保有限公司', '天使跟投计划', 'referred', 'pending'],
      ]),
    );
    expect(after.requests.find((x) => x.status === 'refused')!.refusal).toEqual({ reason: 'cash_flow', note: '近半年回款不稳定' });
    expect(after.status).toBe('waiting');
    // the institution it was referred to sees it
    expect(((await (await as('bank2.nanning')).get('/api/v1/finance/requests-incoming')).json() as IncomingRequest[]).some((x) => x.needId === need.id)).toBe(true);
  });
});

describe('overdue answers and the finance office', () => {
  it('the daily job escalates each overdue request once and notifies the office and the institution', async () => {
    const office = (await sql<{ id: string }>`SELECT id FROM identity_users WHERE username = 'finoffice.nanning'`.execute(t.deps.db)).rows[0]!.id;
    const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${office} AND kind = 'finance.overdue'`.execute(t.deps.db)).rows[0]!.n;
    // the demo's unanswered request was escalated when the demo was made
    expect(await count()).toBe(1);
    expect((await escalateOverdue(t.deps, t.clock.today())).escalated).toBe(0);
    // the referred request is due 10 working days after 2026-11-23; on 2026-12-09 it is overdue
    const day = '2026-12-10';
    const first = await escalateOverdue(t.deps, day);
    expect(first.escalated).toBe(1);
    expect(await count()).toBe(2);
    const second = await escalateOverdue(t.deps, day);
    expect(second).toEqual({ overdue: 0, escalated: 0 });
    expect((await escalateOverdue(t.deps, '2026-12-11')).escalated).toBe(0);
    expect(await count()).toBe(2);
    await expect(sql`UPDATE finance_requests SET escalated_on = '2026-12-11' WHERE escalated_on IS NOT NULL`.execute(t.deps.db)).rejects.toThrow(/escalated/);
  });

  it('the finance office sees the overdue requests and each institution’s record; others may not', async () => {
    t.clock.advance(20 * 86_400_000);
    clients.clear();
    const office = await as('finoffice.nanning');
    const o = (await office.get('/api/v1/finance/oversight')).json<FinanceOversight>();
    expect(o.overdue.map((x) => [x.institution, x.product.name]).sort()).toEqual([
      ['南宁桂信融资担保有限公司', '天使跟投计划'],
      ['南宁桂信融资担保有限公司', '天使跟投计划'],
    ]);
    const g = o.institutions.find((x) => x.institution === '南宁桂信融资担保有限公司')!;
    expect(g).toMatchObject({ requests: 2, answered: 0, overdue: 2, grantedFen: 0 });
    const b = o.institutions.find((x) => x.institution === '南宁邕江商业银行青秀支行')!;
    expect(b).toMatchObject({ requests: 3, answered: 3, answeredInTime: 3, overdue: 0, grantedFen: 230 * WAN });
    // the office reads a request of its region
    expect((await office.get(`/api/v1/finance/requests/${o.overdue[0]!.id}`)).json<IncomingRequest>().mayAnswer).toBe(false);
    expect((await (await as('officer.nanning')).get('/api/v1/finance/oversight')).statusCode).toBe(403);
    expect((await (await as('bank.nanning')).get('/api/v1/finance/oversight')).statusCode).toBe(403);
  });

  it('declares its statistics', async () => {
    const q = { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' };
    const stat = (name: string) => t.deps.modules.statistics.get(name)!.compute(t.deps.db, q);
    expect(await stat('finance.needs_posted')).toBe(4);
    expect(await stat('finance.needs_matched')).toBe(4);
    expect(await stat('finance.answered_in_time')).toBe(3);
    expect(await stat('finance.overdue')).toBe(2);
    expect(await stat('finance.granted_fen')).toBe(230 * WAN);
    expect(await t.deps.modules.statistics.get('finance.needs_posted')!.compute(t.deps.db, { ...q, regionCode: '530400' })).toBe(0);
  });
});
