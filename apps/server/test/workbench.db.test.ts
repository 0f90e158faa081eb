/**
 * The officials' workbench and finance, through HTTP with the demo's roles: 待办 and 已办 per
 * role; batch acceptance with a result per application; experts score and reviewers decide (the
 * reviewer may not score, the second expert sees the first sealed); officers hear of an objection;
 * publicity cannot be ended before its last day; the payee's account is checked, stored encrypted,
 * shown masked and recorded with the payment; a budget's journal carries its balances; budgets
 * are opened for items chosen from the department's list; the award list's cells are numbers and
 * dates.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
const ITEM = 'nn.new-product-subsidy';
const NO_MONEY_ITEM = 'nn.local-procurement-support';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const ACCOUNT = '6222 0212 3456 7890 123';

async function login(username: string): Promise<TestClient> {
  const c = new TestClient(t.app);
  await c.loginDemo(username, t.clock);
  return c;
}

async function upload(c: TestClient): Promise<string> {
  const boundary = '----workbench';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return (await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` })).json().id as string;
}

interface Row {
  id: string;
  status: string;
  stageDueOn: string | null;
  actions: string[];
  myLastAction: { action: string; at: string } | null;
}
const bench = async (c: TestClient) => (await c.get('/api/v1/fulfilment/workbench')).json() as { todo: Row[]; done: Row[] };

let ent: TestClient;
let officer: TestClient;
let reviewer: TestClient;
let subjectId: string;
let subjectName: string;
let money: string; // the new-product subsidy (expert review, payment)
let noMoney: string; // local procurement support (no amount; default workflow)

beforeAll(async () => {
  t = await testApp({ demo: true, publicityDays: 5 });
  ent = await login('ent.nanning');
  officer = await login('officer.gxj.nanning');
  reviewer = await login('reviewer.gxj.nanning');
  const subject = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise');
  subjectId = subject.id;
  subjectName = subject.name;
});
afterAll(async () => t?.close());

describe('applying with the payee account', () => {
  it('refuses a malformed number and a holder other than the applicant, naming the fields', async () => {
    const file = await upload(ent);
    const base = { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 }, materials: { new_product_certificate: file } };
    const bad = await ent.post('/api/v1/fulfilment/applications', { ...base, payeeAccount: { bank: '中国工商银行南宁分行', name: '别人的公司', number: 'ABCD-12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['payeeAccount.name', 'payeeAccount.number']);
    const ok = await ent.post('/api/v1/fulfilment/applications', { ...base, payeeAccount: { bank: '中国工商银行南宁分行', name: subjectName, number: ACCOUNT } });
    expect(ok.statusCode, ok.body).toBe(201);
    money = ok.json().id;
    expect(ok.json().payeeAccount).toEqual({ bank: '中国工商银行南宁分行', name: subjectName, number: '6222 **** 0123' });
    // Stored encrypted: the digits are nowhere in the row.
    const row = (await t.database.db.selectFrom('fulfilment_payee_accounts' as never).selectAll().executeTakeFirstOrThrow()) as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain('6222021234567890123');
    const other = await ent.post('/api/v1/fulfilment/applications', { itemId: NO_MONEY_ITEM, subjectId, answers: { nn_bought_local_catalogue_products: true }, materials: {} });
    expect(other.statusCode, other.body).toBe(201);
    noMoney = other.json().id;
  });
});

describe('the workbench', () => {
  it("lists the officer's 待办 with deadlines, and nothing for the reviewer yet", async () => {
    const b = await bench(officer);
    const mine = b.todo.filter((r) => [money, noMoney].includes(r.id));
    expect(mine).toHaveLength(2);
    for (const r of mine) {
      expect(r.status).toBe('acceptance');
      expect(r.actions).toContain('accept');
      expect(r.stageDueOn).toBe('2026-11-27'); // 5 working days from Friday 2026-11-20
    }
    expect(b.done).toEqual([]);
    expect((await bench(reviewer)).todo.filter((r) => [money, noMoney].includes(r.id))).toEqual([]);
    // Another city's officer sees none of it; an enterprise has no workbench.
    expect(await bench(await login('officer.nanchang'))).toEqual({ todo: [], done: [] });
    expect((await ent.get('/api/v1/fulfilment/workbench')).statusCode).toBe(403);
  });

  it('accepts several applications at once, each on its own, with a result per application', async () => {
    expect((await reviewer.post('/api/v1/fulfilment/applications/batch-actions', { action: 'accept', ids: [money] })).statusCode).toBe(403);
    expect((await officer.post('/api/v1/fulfilment/applications/batch-actions', { action: 'pass', ids: [money] })).statusCode).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    const r = await officer.post('/api/v1/fulfilment/applications/batch-actions', { action: 'accept', ids: [money, noMoney, missing] });
    expect(r.statusCode, r.body).toBe(200);
    const results = r.json().results as { id: string; ok: boolean; statusLabel: { zh: string } | null; problem: { code: string } | null; reference: string | null }[];
    expect(results.map((x) => [x.ok, x.statusLabel?.zh ?? x.problem?.code])).toEqual([
      [true, '初审'],
      [true, '初审'],
      [false, 'NOT_FOUND'],
    ]);
    expect(results[2]!.reference).toBeNull();
    // Again: both already moved on, refused one by one; nothing changes.
    const again = (await officer.post('/api/v1/fulfilment/applications/batch-actions', { action: 'accept', ids: [money, noMoney] })).json().results;
    expect(again.map((x: { problem: { code: string } }) => x.problem.code)).toEqual(['ACTION_NOT_ALLOWED', 'ACTION_NOT_ALLOWED']);
    const b = await bench(officer);
    expect(b.todo.some((x) => x.id === money)).toBe(false);
    expect(b.done.filter((x) => [money, noMoney].includes(x.id)).map((x) => x.myLastAction?.action)).toEqual(['application.accepted', 'application.accepted']);
    expect((await bench(reviewer)).todo.filter((x) => [money, noMoney].includes(x.id)).map((x) => x.actions)).toEqual([
      ['pass', 'return', 'reject'],
      ['pass', 'return', 'reject'],
    ]);
  });

  it('experts score blind and reviewers never score; the expert sees the row in 待办', async () => {
    expect((await reviewer.post(`/api/v1/fulfilment/applications/${money}/actions`, { action: 'pass' })).json().status).toBe('expert_review');
    const scores = { conflict: false, scores: { merit: 34, evidence: 26, impact: 25 } };
    const byReviewer = await reviewer.post(`/api/v1/fulfilment/applications/${money}/assessments`, scores);
    expect(byReviewer.statusCode).toBe(403);
    const expert1 = await login('expert1.nanning');
    const expert2 = await login('expert2.nanning');
    expect((await bench(expert1)).todo.find((x) => x.id === money)?.actions).toEqual(['assess']);
    expect((await expert1.post(`/api/v1/fulfilment/applications/${money}/assessments`, scores)).statusCode).toBe(200);
    const sealed = (await expert2.get(`/api/v1/fulfilment/applications/${money}`)).json().assessment;
    expect(sealed.entries).toEqual([expect.objectContaining({ sealed: true, assessorName: '', total: null, scores: {} })]);
    expect(JSON.stringify(sealed)).not.toContain('覃敏');
    const after = await expert2.post(`/api/v1/fulfilment/applications/${money}/assessments`, { conflict: false, scores: { merit: 30, evidence: 24, impact: 22 } });
    expect(after.json().assessment.entries.map((e: { sealed: boolean; total: number }) => [e.sealed, e.total]).sort()).toEqual([
      [false, 76],
      [false, 85],
    ]);
    expect((await bench(expert1)).done.find((x) => x.id === money)?.myLastAction?.action).toBe('application.assessed');
    // Experts hold no decision: nothing to approve in their workbench, and the route refuses.
    expect((await officer.post(`/api/v1/fulfilment/applications/${money}/actions`, { action: 'pass' })).json().status).toBe('approval');
    expect((await bench(expert1)).todo.some((x) => x.id === money)).toBe(false);
    expect((await expert1.post(`/api/v1/fulfilment/applications/${money}/approve`, {})).statusCode).toBe(403);
  });
});

describe('publicity and objections', () => {
  it('approves; 公示期满 is neither offered nor accepted before the last day; officers hear of an objection', async () => {
    const approved = await reviewer.post(`/api/v1/fulfilment/applications/${money}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const view = (await officer.get(`/api/v1/fulfilment/applications/${money}`)).json();
    expect(view.publicity).toEqual({ from: '2026-11-20', until: '2026-11-25' });
    expect(view.allowedActions).not.toContain('conclude');
    expect(view.allowedActions).toContain('resolve_objection');
    const early = await officer.post(`/api/v1/fulfilment/applications/${money}/conclude-publicity`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PUBLICITY_RUNNING');
    // Not work yet: the award waits in publicity, out of 待办.
    expect((await bench(officer)).todo.some((x) => x.id === money)).toBe(false);

    const filed = await new TestClient(t.app).post(`/api/v1/public/publicity/${money}/objections`, { name: '市民', contact: '13800000000', text: '数量存疑，请核实。' });
    expect(filed.statusCode).toBe(201);
    const notices = (await officer.get('/api/v1/notifications?limit=20')).json().items as { kind?: string; title: { zh: string }; link: string | null }[];
    const notice = notices.find((n) => n.title.zh.startsWith('公示异议'));
    expect(notice?.link).toBe(`/fulfilment/applications/${money}`);
    expect(JSON.stringify(notice)).not.toContain('13800000000');
    // An open objection is work now.
    expect((await bench(officer)).todo.find((x) => x.id === money)?.actions).toEqual(['resolve_objection']);
    const objection = (await officer.get(`/api/v1/fulfilment/applications/${money}`)).json().objections[0].id;
    expect((await officer.post(`/api/v1/fulfilment/objections/${objection}/resolve`, { outcome: 'dismissed', resolution: '经核实无误' })).statusCode).toBe(200);

    // On the last day of publicity it is offered and done.
    t.clock.advance(5 * 86_400_000);
    officer = await login('officer.gxj.nanning');
    expect((await officer.get(`/api/v1/fulfilment/applications/${money}`)).json().allowedActions).toContain('conclude');
    expect((await bench(officer)).todo.find((x) => x.id === money)?.actions).toEqual(['conclude']);
    expect((await officer.post(`/api/v1/fulfilment/applications/${money}/conclude-publicity`)).json().status).toBe('payment');
  });
});

describe('finance', () => {
  it('records the payee with the payment, keeps the ledger with balances, and lists budgetable items', async () => {
    const finance = await login('finance.nanning');
    const finance2 = await login('finance2.nanning');
    expect((await bench(finance)).todo.find((x) => x.id === money)?.actions).toEqual(['pay']);
    const paid = await finance.post('/api/v1/budgets/payments', { awardId: money, idempotencyKey: `pay-${money}` });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().payment.payeeAccount).toEqual({ bank: '中国工商银行南宁分行', name: subjectName, number: '6222 **** 0123' });
    expect((await finance2.post(`/api/v1/budgets/payments/${paid.json().payment.id}/approve`)).json().payeeAccount.number).toBe('6222 **** 0123');

    const budget = (await finance.get('/api/v1/budgets')).json().items.find((b: { itemId: string }) => b.itemId === ITEM);
    const ledger = (await finance.get(`/api/v1/budgets/${budget.id}/ledger`)).json().items;
    expect(ledger.map((e: { kind: string; amountFen: number; committedFen: number; paidFen: number; leftFen: number }) => [e.kind, e.amountFen, e.committedFen, e.paidFen, e.leftFen])).toEqual([
      ['commitment', 6_000_000, 6_000_000, 0, 44_000_000],
      ['payment', 6_000_000, 0, 6_000_000, 44_000_000],
    ]);

    const items = (await finance.get('/api/v1/budgets/items')).json().items as { id: string; financeDepartmentIds: string[] }[];
    expect(items.map((i) => i.id)).toContain(ITEM);
    expect(items.some((i) => i.id.startsWith('nc.'))).toBe(false);
    expect((await officer.get('/api/v1/budgets/items')).statusCode).toBe(403);
  });

  it('exports the award list with amounts as numbers in 元 and dates as dates', async () => {
    const x = await (await login('office.nanning')).get('/api/v1/fulfilment/awards.xlsx');
    expect(x.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(x.rawPayload as never);
    const ws = book.worksheets[0]!;
    const header = Array.from(ws.getRow(2).values as unknown[], (v) => String(v ?? ''));
    const col = (name: string) => header.findIndex((h) => h.startsWith(name));
    const row = ws.getRow(3);
    const amount = row.getCell(col('批复金额'));
    expect(amount.value).toBe(60000);
    expect(amount.numFmt).toContain('元');
    expect(row.getCell(col('批复日期')).value).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(row.getCell(col('收款账户')).value).toBe('中国工商银行南宁分行 6222 **** 0123');
    const total = ws.getRow(4).getCell(col('批复金额')).value as { formula: string; result: number };
    expect(total).toMatchObject({ formula: expect.stringMatching(/^SUM\(/), result: 60000 });
  });
});
