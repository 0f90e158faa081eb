/**
 * The founder's journey on the server (issue #13): how each item is applied for, as the library,
 * the policy page and the finder say it; one unit per department in the library's facet and
 * filter; ranking and highlights; the public figures computed from the data; the notices with
 * the amount and the next step; and the applicant's read-only view of the payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let anon: TestClient;
const ITEM = 'nn.new-product-subsidy';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface Channel {
  status: string;
  reason: { zh: string; en: string };
  department: string | null;
}
interface Summary {
  id: string;
  open: boolean;
  mode: string;
  leadUnit: string | null;
  leadUnitName: string | null;
  maxAmountFen: number | null;
  application: Channel;
  highlight: { zh: [number, number][]; en: [number, number][] } | null;
  title: { zh: string; en: string };
}

beforeAll(async () => {
  t = await testApp({ demo: true, publicityDays: 0 });
  anon = new TestClient(t.app);
});
afterAll(async () => t?.close());

const all = async (query = ''): Promise<{ total: number; items: Summary[] }> => (await anon.get(`/api/v1/policies?pageSize=200${query}`)).json();

describe('how an item is applied for', () => {
  it('says online with the department, 免申即享, or why not, the same on the library, the policy page and the finder', async () => {
    const { items } = await all();
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(ITEM)!.application).toEqual({ status: 'online', department: '南宁市工业和信息化委员会', reason: expect.objectContaining({ zh: expect.stringContaining('南宁市工业和信息化委员会') }) });
    const automatic = items.find((i) => i.mode === 'automatic')!;
    expect(automatic.application.status).toBe('automatic');
    // An item whose lead unit has no department on the platform is not offered online, and says so.
    const offline = items.find((i) => i.open && i.mode === 'apply' && i.application.status === 'offline')!;
    expect(offline.application.reason.zh).toContain('不在线受理');
    const ended = items.find((i) => !i.open)!;
    expect(['ended', 'not_started', 'automatic']).toContain(ended.application.status);
    for (const i of items) if (i.application.status === 'online') expect(i.open && i.mode === 'apply').toBe(true);

    const detail = (await anon.get(`/api/v1/policies/${ITEM}`)).json();
    expect(detail.application).toEqual(byId.get(ITEM)!.application);
    expect(detail.maxAmountFen).toBe(byId.get(ITEM)!.maxAmountFen);

    const check = (await anon.post('/api/v1/eligibility/check', { profile: { region: '450103' }, entity: 'enterprise', detail: 'full' })).json();
    expect(check.applications[ITEM]).toMatchObject({ status: 'online', department: '南宁市工业和信息化委员会' });
    for (const item of check.items as { id: string }[]) expect(check.applications[item.id]).toBeDefined();
    const zh = (await anon.post('/api/v1/eligibility/check', { profile: { region: '450103' }, entity: 'enterprise', lang: 'zh' })).json();
    expect(zh.applications[ITEM].reason).toEqual({ zh: expect.any(String) });
  });

  it('shows my matches with the same channels', async () => {
    const ent = new TestClient(t.app);
    await ent.loginDemo('ent.nanning', t.clock);
    const subject = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise');
    const matches = (await ent.get(`/api/v1/finder/subjects/${subject.id}/matches`)).json();
    expect(matches.applications[ITEM]).toMatchObject({ status: 'online' });
  });
});

describe('the library', () => {
  it('folds a unit\'s names into one facet value and finds every item under any of them', async () => {
    const facets = (await anon.get('/api/v1/policies/facets')).json();
    expect(facets.departments).toContain('市人力资源和社会保障局');
    expect(facets.departments).not.toContain('市人社局');
    expect(facets.departments).not.toContain('市人力资源社会保障局');
    expect(new Set(facets.departments).size).toBe(facets.departments.length);
    const hr = await all(`&department=${encodeURIComponent('市人力资源和社会保障局')}`);
    const spellings = new Set(hr.items.map((i) => i.leadUnit));
    expect(spellings.size).toBeGreaterThan(1);
    expect([...spellings].every((s) => ['市人社局', '市人力资源社会保障局', '市人力资源和社会保障局'].includes(s!))).toBe(true);
    expect(hr.items.every((i) => i.leadUnitName === '市人力资源和社会保障局')).toBe(true);
    // Asking by an alias finds the same items.
    expect((await all(`&department=${encodeURIComponent('市人社局')}`)).total).toBe(hr.total);
  });

  it('lists items in force first, highlights what matched, and sorts by amount on request', async () => {
    const found = await all(`&q=${encodeURIComponent('chuangye')}`);
    expect(found.total).toBeGreaterThan(0);
    const firstClosed = found.items.findIndex((i) => !i.open);
    if (firstClosed >= 0) expect(found.items.slice(firstClosed).every((i) => !i.open)).toBe(true);
    for (const i of found.items.slice(0, 5)) {
      const marked = i.highlight!.zh.map(([a, b]) => i.title.zh.slice(a, b));
      if (marked.length) expect(marked.join('')).toContain('创业');
    }
    expect(found.items.some((i) => i.highlight!.zh.length > 0)).toBe(true);
    expect((await all()).items[0]!.highlight).toBeNull();
    const top = (await anon.get('/api/v1/policies?open=true&sort=amount&pageSize=5')).json().items as Summary[];
    const amounts = top.map((i) => i.maxAmountFen ?? -1);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(amounts[0]).toBeGreaterThan(0);
    expect(top.every((i) => i.open)).toBe(true);
  });
});

describe('from application to payment: figures, notices and the payment the applicant sees', () => {
  it('counts from the data and tells the applicant the amount and the next step', async () => {
    const before = (await anon.get('/api/v1/public/figures')).json();
    expect(before).toMatchObject({ asOf: '2026-11-20', year: 2026 });
    expect(before.itemsInForce).toBe((await all('&open=true')).total);

    const login = async (u: string) => {
      const c = new TestClient(t.app);
      await c.loginDemo(u, t.clock);
      return c;
    };
    const ent = await login('ent.nanning');
    const subjectId = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
    const boundary = '----seedbed';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="证书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const file = (await ent.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` })).json().id;
    const a = (await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 }, materials: { new_product_certificate: file } })).json();
    expect(a.status).toBe('acceptance');
    expect((await ent.get(`/api/v1/fulfilment/applications/${a.id}/payment`)).json()).toEqual({ payment: null });

    const officer = await login('officer.gxj.nanning');
    const reviewer = await login('reviewer.gxj.nanning');
    const expert = await login('expert1.nanning');
    const expert2 = await login('expert2.nanning');
    const finance = await login('finance.nanning');
    const finance2 = await login('finance2.nanning');
    const act = async (c: TestClient, path: string, b?: unknown) => {
      const r = await c.post(`/api/v1/fulfilment/applications/${a.id}/${path}`, b);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    await act(officer, 'actions', { action: 'accept' });
    await act(reviewer, 'actions', { action: 'pass' });
    await act(expert, 'assessments', { conflict: false, scores: { merit: 30, evidence: 20, impact: 20 } });
    await act(expert2, 'assessments', { conflict: false, scores: { merit: 32, evidence: 22, impact: 20 } });
    await act(officer, 'actions', { action: 'pass' });
    const approved = await act(reviewer, 'approve', {});
    expect(approved.approvedFen).toBe(6_000_000);
    await act(officer, 'conclude-publicity');
    const pay = await finance.post('/api/v1/budgets/payments', { awardId: a.id, idempotencyKey: `pay-${a.id}` });
    expect(pay.statusCode, pay.body).toBe(201);
    expect((await ent.get(`/api/v1/fulfilment/applications/${a.id}/payment`)).json().payment).toMatchObject({ status: 'awaiting_second_approval', amountFen: 6_000_000, paidAt: null });
    expect((await finance2.post(`/api/v1/budgets/payments/${pay.json().payment.id}/approve`)).json().status).toBe('paid');

    const payment = (await ent.get(`/api/v1/fulfilment/applications/${a.id}/payment`)).json().payment;
    expect(payment).toMatchObject({ status: 'paid', amountFen: 6_000_000 });
    expect(payment.paidAt.slice(0, 10)).toBe('2026-11-20');
    expect(payment).not.toHaveProperty('requestedBy');
    // Someone else's application: refused as not found.
    const other = await login('ent.nanchang');
    expect((await other.get(`/api/v1/fulfilment/applications/${a.id}/payment`)).statusCode).toBe(404);

    const after = (await anon.get('/api/v1/public/figures')).json();
    expect(after.paidFen - before.paidFen).toBe(6_000_000);
    expect(after.applicationsDecided - before.applicationsDecided).toBe(1);

    const notices = (await ent.get('/api/v1/notifications')).json().items as { title: { zh: string }; body: { zh: string } }[];
    const texts = notices.map((n) => `${n.title.zh}｜${n.body.zh}`);
    expect(texts).toEqual(expect.arrayContaining([expect.stringMatching(/已批复 6 万元，正在公示.*下一步：公示期满无异议后拨付/), expect.stringMatching(/已拨付｜.*6 万元已拨付/), expect.stringMatching(/已受理.*下一步：初审，时限 \d{4}-\d\d-\d\d/)]));
  });
});
