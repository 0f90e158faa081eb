/**
 * Policy fulfilment through HTTP with the demo's real roles: apply with an upload, return and
 * resubmit, accept, first review, expert scoring with a conflict declaration, approval against
 * the budget, publicity with an objection, payment with a second finance officer; and the bad
 * inputs the issue names, each refused with a reason and nothing changed.
 */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
const ITEM = 'nn.new-product-subsidy';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');

function multipart(name: string, bytes: Buffer, contentType: string) {
  const boundary = '----seedbedtest';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${contentType}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(c: TestClient, name: string, bytes: Buffer, contentType = 'application/pdf') {
  const m = multipart(name, bytes, contentType);
  return c.request('POST', '/api/v1/files', m.body, m.headers);
}

/**
 * The text a PDF of pdfkit shows: its (deflated) content streams' TJ strings of glyph codes,
 * read through the font's ToUnicode map. Text set in a font without the characters would have
 * no glyphs to map, so a name found here was printed with real Chinese glyphs.
 */
function pdfText(pdf: Buffer): string {
  const latin1 = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of latin1.matchAll(/<<([^<>]*)>>\s*stream\r?\n/g)) {
    const length = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + length);
    streams.push((/\/FlateDecode/.test(m[1]!) ? inflateSync(raw) : raw).toString('latin1'));
  }
  const toUnicode = new Map<number, string>();
  for (const cmap of streams.filter((s) => s.includes('beginbfrange'))) {
    for (const [, from, list] of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
      [...list!.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, hex], i) => {
        const units = hex!.split(' ').map((h) => parseInt(h, 16));
        toUnicode.set(parseInt(from!, 16) + i, String.fromCharCode(...units));
      });
    }
  }
  const shown = streams.filter((s) => / TJ\b/.test(s)).flatMap((s) => [...s.matchAll(/\[([^\]]*)\] TJ/g)]);
  return shown
    .map(([, array]) =>
      [...array!.matchAll(/<([0-9a-f]*)>/gi)]
        .map(([, hex]) => (hex!.match(/.{4}/g) ?? []).map((code) => toUnicode.get(parseInt(code, 16)) ?? '\uFFFD').join(''))
        .join(''),
    )
    .join('\n');
}

const count = async (table: string) =>
  Number(((await t.database.db.selectFrom(table as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as { n: number }).n);

let ent: TestClient;
let officer: TestClient;
let reviewer: TestClient;
let expert: TestClient;
let finance: TestClient;
let finance2: TestClient;
let office: TestClient;
let subjectId: string;

beforeAll(async () => {
  t = await testApp({ demo: true, publicityDays: 5 });
  await loginAll();
  subjectId = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
});
afterAll(async () => t?.close());

/** Logs everyone in again (sessions expire when the test clock jumps days ahead). */
async function loginAll() {
  const login = async (u: string) => {
    const c = new TestClient(t.app);
    await c.loginDemo(u, t.clock);
    return c;
  };
  ent = await login('ent.nanning');
  officer = await login('officer.gxj.nanning');
  reviewer = await login('reviewer.gxj.nanning');
  expert = await login('expert1.nanning');
  finance = await login('finance.nanning');
  finance2 = await login('finance2.nanning');
  office = await login('office.nanning');
}

describe('uploads', () => {
  it('accepts a PDF by its bytes and refuses a disguised text file and an oversize file', async () => {
    const ok = await upload(ent, '证书.pdf', PDF);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'application/pdf', name: '证书.pdf', size: PDF.length });
    const before = await count('files');
    const fake = await upload(ent, 'fake.pdf', Buffer.from('just text pretending'), 'application/pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const big = await upload(ent, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(await count('files')).toBe(before);
  });
});

describe('one item from application to payment', () => {
  let id: string;
  let certificate: string;

  it('shows the form with the questions, materials and verdict', async () => {
    const r = await ent.get(`/api/v1/fulfilment/form?itemId=${ITEM}&subjectId=${subjectId}`);
    expect(r.statusCode).toBe(200);
    const form = r.json();
    expect(form.department.name).toBe('南宁市工业和信息化委员会');
    expect(form.materials.map((m: { id: string }) => m.id)).toEqual(['new_product_certificate']);
    const q = form.questions.find((x: { variable: string }) => x.variable === 'nn_new_products_certified');
    expect(q).toMatchObject({ fromProfile: false, type: 'integer' });
    expect(form.questions.find((x: { variable: string }) => x.variable === 'region')).toMatchObject({ fromProfile: true, value: '450103' });
    expect(form.verdict.status).toBe('unknown');
    const v = await ent.post('/api/v1/fulfilment/verdict', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 } });
    expect(v.json()).toMatchObject({ status: 'eligible', amount: { fen: 6_000_000 } });
  });

  it('refuses missing materials, an ineligible answer and a wrong answer type, creating nothing', async () => {
    const before = await count('fulfilment_applications');
    const missing = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 }, materials: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'materials.new_product_certificate', rule: 'required' });
    const inel = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 0 }, materials: {} });
    expect(inel.statusCode).toBe(422);
    expect(inel.json().code).toBe('NOT_ELIGIBLE');
    const wrongType = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 'three', region: '110000' }, materials: {} });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)).toEqual(
      expect.arrayContaining(['answers.nn_new_products_certified:type:integer', 'answers.region:from_profile']),
    );
    expect(await count('fulfilment_applications')).toBe(before);
  });

  it('submits with the upload and shows the timeline with department and stage', async () => {
    certificate = (await upload(ent, '新产品认定证书.pdf', PDF)).json().id;
    const r = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 }, materials: { new_product_certificate: certificate } });
    expect(r.statusCode).toBe(201);
    const a = r.json();
    id = a.id;
    expect(a).toMatchObject({ status: 'acceptance', amountFen: 6_000_000, department: { name: '南宁市工业和信息化委员会' }, allowedActions: ['withdraw'] });
    expect(a.stageDueOn).toBe('2026-11-27'); // 5 working days from Friday 2026-11-20
    expect(a.answerLabels.nn_new_products_certified.zh).toContain('新产品');
    expect(a.timeline).toEqual([expect.objectContaining({ action: 'application.submitted', to: 'acceptance', department: '南宁市工业和信息化委员会' })]);
    const again = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 3 }, materials: { new_product_certificate: certificate } });
    expect(again.json().code).toBe('APPLICATION_OPEN');
  });

  it('keeps other departments and other enterprises out', async () => {
    const other = new TestClient(t.app);
    await other.loginDemo('ent.nanchang', t.clock);
    expect((await other.get(`/api/v1/fulfilment/applications/${id}`)).statusCode).toBe(404);
    const kj = new TestClient(t.app);
    await kj.loginDemo('officer.nanning', t.clock);
    const r = await kj.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'accept' });
    expect(r.statusCode).toBe(403);
  });

  it('refuses a return without a reason and actions out of order', async () => {
    expect((await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'return' })).json().errors[0]).toMatchObject({ field: 'reason', rule: 'required' });
    const early = await reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('ACTION_NOT_ALLOWED');
    const pass = await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'pass' });
    expect(pass.json().code).toBe('ACTION_NOT_ALLOWED');
  });

  it('returns with a reason the applicant sees; the applicant amends and resubmits', async () => {
    const r = await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'return', reason: '证书扫描件不清晰，请重新上传' });
    expect(r.json().status).toBe('returned');
    const seen = (await ent.get(`/api/v1/fulfilment/applications/${id}`)).json();
    expect(seen.allowedActions).toEqual(['withdraw', 'resubmit']);
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'application.returned', from: 'acceptance', to: 'returned', reason: '证书扫描件不清晰，请重新上传', department: '南宁市工业和信息化委员会' });
    const png = (await upload(ent, 'certificate.png', PNG, 'image/png')).json().id;
    const re = await ent.post(`/api/v1/fulfilment/applications/${id}/resubmit`, { answers: { nn_new_products_certified: 3 }, materials: { new_product_certificate: png } });
    expect(re.statusCode).toBe(200);
    expect(re.json()).toMatchObject({ status: 'acceptance', reviewRound: 2 });
    expect(re.json().materials[0].file.contentType).toBe('image/png');
  });

  it('accepts, passes first review, scores with a conflict declared, and passes expert review', async () => {
    expect((await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'accept' })).json().status).toBe('first_review');
    expect((await reviewer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'pass' })).json().status).toBe('expert_review');
    const early = await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'pass' });
    expect(early.json().code).toBe('ASSESSMENT_INCOMPLETE');
    const bad = await expert.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: false, scores: { merit: 41, evidence: 20 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['scores.merit', 'scores.impact']));
    expect((await expert.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: false, scores: { merit: 35, evidence: 25, impact: 25 } })).statusCode).toBe(200);
    // The conflict is declared by a third expert: the reviewer, who approves later, holds no assessment on it.
    const third = new TestClient(t.app);
    await third.loginDemo('expert3.nanning', t.clock);
    // Blind scoring: before reviewing, the third expert sees that one review exists, not whose or what.
    const sealed = (await third.get(`/api/v1/fulfilment/applications/${id}`)).json().assessment;
    expect(sealed).toMatchObject({ blind: true, scored: 1 });
    expect(sealed.entries).toEqual([{ sealed: true, assessorName: '', conflict: false, conflictNote: null, scores: {}, total: null, comment: null, outlier: false, mine: false }]);
    // The officer, who does not score, sees every review.
    expect((await officer.get(`/api/v1/fulfilment/applications/${id}`)).json().assessment.entries).toEqual([expect.objectContaining({ sealed: false, total: 85, scores: { merit: 35, evidence: 25, impact: 25 } })]);
    // Someone who acts for the applicant may not review, not even to recuse: refused, nothing written.
    const insider = await insiderAssessor();
    const before = await count('review_scores');
    const refused = await insider.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: false, scores: { merit: 40, evidence: 30, impact: 30 } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CONFLICT_OF_INTEREST');
    expect(await count('review_scores')).toBe(before);
    const conflicted = await third.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: true, conflictNote: '曾为该企业提供咨询' });
    expect(conflicted.json().assessment).toMatchObject({ scored: 1, complete: false });
    // Having reviewed, the third expert sees the others unsealed.
    expect(conflicted.json().assessment.entries.map((e: { sealed: boolean; total: number | null }) => [e.sealed, e.total])).toEqual([
      [false, 85],
      [false, null],
    ]);
    expect((await expert.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: false, scores: { merit: 1, evidence: 1, impact: 1 } })).json().code).toBe('ALREADY_ASSESSED');
    expect((await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'pass' })).json().code).toBe('ASSESSMENT_INCOMPLETE');
    // A second, unconflicted assessor: the officer's department adds one more expert.
    const second = await secondAssessor();
    const scored = await second.post(`/api/v1/fulfilment/applications/${id}/assessments`, { conflict: false, scores: { merit: 10, evidence: 10, impact: 10 } });
    expect(scored.json().assessment).toMatchObject({ scored: 2, complete: true });
    // 85 against 30: far apart, both flagged.
    expect(scored.json().assessment.entries.filter((e: { outlier: boolean }) => e.outlier)).toHaveLength(2);
    expect((await officer.post(`/api/v1/fulfilment/applications/${id}/actions`, { action: 'pass' })).json().status).toBe('approval');
  });

  it('approves against the budget and starts publicity', async () => {
    const tooMuch = await reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, { amountFen: 6_000_001 });
    expect(tooMuch.statusCode).toBe(400);
    const r = await reviewer.post(`/api/v1/fulfilment/applications/${id}/approve`, {});
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'publicity', approvedFen: 6_000_000, publicity: { from: '2026-11-20', until: '2026-11-25' } });
    const budgets = (await finance.get('/api/v1/budgets')).json().items;
    expect(budgets[0]).toMatchObject({ itemId: ITEM, amountFen: 50_000_000, committedFen: 6_000_000, paidFen: 0, leftFen: 44_000_000 });
    const pub = (await new TestClient(t.app).get('/api/v1/public/publicity')).json().items;
    expect(pub).toEqual([expect.objectContaining({ id, subjectName: '南宁青禾智能科技有限公司', approvedFen: 6_000_000 })]);
  });

  it('takes an objection from anyone; publicity cannot end early or with it open; the officer dismisses it', async () => {
    const anon = new TestClient(t.app);
    const o = await anon.post(`/api/v1/public/publicity/${id}/objections`, { name: '市民张先生', contact: '13800000000', text: '该企业新产品数量存疑，请核实。' });
    expect(o.statusCode).toBe(201);
    const early = await officer.post(`/api/v1/fulfilment/applications/${id}/conclude-publicity`);
    expect(early.json().code).toBe('PUBLICITY_RUNNING');
    t.clock.advance(6 * 24 * 3600 * 1000);
    await loginAll();
    const blocked = await officer.post(`/api/v1/fulfilment/applications/${id}/conclude-publicity`);
    expect(blocked.json().code).toBe('OBJECTION_OPEN');
    // The applicant sees that an objection was filed, not who filed it.
    const seen = (await ent.get(`/api/v1/fulfilment/applications/${id}`)).json();
    expect(seen.objections).toBeNull();
    expect(JSON.stringify(seen.timeline)).not.toContain('13800000000');
    const resolved = await officer.post(`/api/v1/fulfilment/objections/${o.json().id}/resolve`, { outcome: 'dismissed', resolution: '经核实，新产品认定证书3份均真实有效。' });
    expect(resolved.json().objections[0]).toMatchObject({ status: 'dismissed' });
    expect((await officer.post(`/api/v1/fulfilment/applications/${id}/conclude-publicity`)).json().status).toBe('payment');
  });

  it('pays once with two finance officers; retries and second payments pay nothing more', async () => {
    const key = `pay-${id}`;
    const r = await finance.post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: key });
    expect(r.statusCode).toBe(201);
    expect(r.json().payment).toMatchObject({ status: 'awaiting_second_approval', needsSecondApproval: true, amountFen: 6_000_000 });
    const retry = await finance.post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: key });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ replayed: true, payment: { id: r.json().payment.id } });
    const other = await finance.post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: `other-${id}` });
    expect(other.json().code).toBe('ALREADY_PAID');
    const same = await finance.post(`/api/v1/budgets/payments/${r.json().payment.id}/approve`);
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe('SECOND_APPROVER_SAME');
    expect((await finance.get('/api/v1/budgets')).json().items[0]).toMatchObject({ committedFen: 6_000_000, paidFen: 0 });
    const ok = await finance2.post(`/api/v1/budgets/payments/${r.json().payment.id}/approve`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'paid' });
    expect((await finance.get('/api/v1/budgets')).json().items[0]).toMatchObject({ committedFen: 0, paidFen: 6_000_000, leftFen: 44_000_000 });
    const twice = await finance.post('/api/v1/budgets/payments', { awardId: id, idempotencyKey: `third-${id}` });
    expect(twice.json().code).toBe('ALREADY_PAID');
    const done = (await ent.get(`/api/v1/fulfilment/applications/${id}`)).json();
    expect(done.status).toBe('closed');
    expect(done.timeline.map((e: { action: string }) => e.action)).toEqual([
      'application.submitted',
      'application.returned',
      'application.resubmitted',
      'application.accepted',
      'application.passed',
      'application.assessed',
      'application.assessed',
      'application.assessed',
      'application.passed',
      'application.approved',
      'application.objection_filed',
      'application.objection_resolved',
      'application.publicity_concluded',
      'application.payment_requested',
      'application.paid',
    ]);
    // Payment is the finance bureau's stage: the timeline names it.
    expect(done.timeline.at(-1)).toMatchObject({ action: 'application.paid', department: '南宁市财政局' });
    // The applicant was told of each change of stage, with the reason of the return.
    const notes = (await ent.get('/api/v1/notifications')).json().items as { kind: string; body: { zh: string } }[];
    const stageNotes = notes.filter((n) => n.kind === 'application.stage');
    expect(stageNotes.length).toBeGreaterThanOrEqual(8);
    expect(stageNotes.some((n) => n.body.zh.includes('证书扫描件不清晰'))).toBe(true);
  });

  it('the yearly cap holds for a second application in the same year', async () => {
    // 20万 a year: 6万 granted, a claim of 10 products (20万) is cut to 14万 by the engine.
    const v = await ent.post('/api/v1/fulfilment/verdict', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 10 } });
    expect(v.json().amount.fen).toBe(14_000_000);
  });

  it('exports the award list and publicity list as .xlsx and the application as a PDF', async () => {
    const x = await office.get('/api/v1/fulfilment/awards.xlsx');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const p = await new TestClient(t.app).get('/api/v1/public/publicity.xlsx');
    expect(p.statusCode).toBe(200);
    const pdf = await ent.get(`/api/v1/fulfilment/applications/${id}/print.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Set in the font the npm package ships (no system font): the title, the item and the
    // applicant's Chinese name are text in the PDF.
    const view = (await ent.get(`/api/v1/fulfilment/applications/${id}`)).json();
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('政策兑现申请表');
    expect(text).toContain(view.subjectName);
    expect(view.subjectName).toMatch(/\p{Script=Han}/u);
    expect(text).toContain(`${view.reference}`);
    expect(text).not.toContain('\uFFFD');
    // Without a Chinese font the PDF is refused with a problem naming the package, never a 500.
    const configured = t.deps.config.cjkFont;
    t.deps.config.cjkFont = { file: '/nonexistent/font.ttc' };
    try {
      const missing = await ent.get(`/api/v1/fulfilment/applications/${id}/print.pdf`);
      expect(missing.statusCode).toBe(503);
      expect(missing.json()).toMatchObject({ code: 'PDF_FONT_MISSING' });
      expect(missing.json().message.zh).toContain('@embedpdf/fonts-sc');
    } finally {
      t.deps.config.cjkFont = configured;
    }
  });

  it('shows overdue work to the programme office', async () => {
    const first = (await upload(ent, 'c.pdf', PDF)).json().id;
    const r = await ent.post('/api/v1/fulfilment/applications', { itemId: ITEM, subjectId, answers: { nn_new_products_certified: 1 }, materials: { new_product_certificate: first } });
    expect(r.statusCode).toBe(201);
    t.clock.advance(10 * 24 * 3600 * 1000);
    await loginAll();
    const overdue = (await office.get('/api/v1/fulfilment/overdue')).json().items;
    // Other demos' awards in the city may be overdue too (the pre-IPO pool's wait at approval).
    expect(overdue.filter((i: { itemId: string }) => i.itemId === ITEM)).toEqual([expect.objectContaining({ id: r.json().id, overdue: true })]);
    expect(overdue.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect((await officer.get('/api/v1/fulfilment/inbox')).json().items.find((i: { id: string }) => i.id === r.json().id)).toMatchObject({ overdue: true });
  });

  it('reminds the officers of the stage and the programme office of overdue work once a day, once per stage', async () => {
    const jobsOfKind = async () =>
      Number(((await t.database.db.selectFrom('platform_jobs' as never).select((eb) => eb.fn.countAll().as('n')).where('kind' as never, '=', 'fulfilment.overdue_reminders' as never).executeTakeFirstOrThrow()) as { n: number }).n);
    const before = await jobsOfKind();
    // The polling runner queues the day's job once, however often it polls (and whichever process does).
    await t.app.jobs.queueDailies();
    await t.app.jobs.queueDailies();
    expect(await jobsOfKind()).toBe(before + 1);
    await t.app.jobs.drain();
    const overdueFor = async (c: TestClient) =>
      (await c.get('/api/v1/notifications')).json().items.filter((n: { kind: string }) => n.kind === 'fulfilment.overdue') as { title: { zh: string }; body: { zh: string }; link: string }[];
    const overdueItems = (await office.get('/api/v1/fulfilment/overdue')).json().items as { id: string; itemId: string; department: { id: string } }[];
    const overdueIds = overdueItems.map((i) => i.id);
    // The officer is told of their own department's overdue work (other demos' awards elsewhere may be overdue too).
    const department = overdueItems.find((i) => i.itemId === ITEM)!.department.id;
    const officersIds = overdueItems.filter((i) => i.department.id === department).map((i) => i.id);
    expect(officersIds.length).toBeGreaterThan(0);
    const toOfficer = await overdueFor(officer);
    expect(toOfficer.map((n) => n.link).sort()).toEqual(officersIds.map((id) => `/fulfilment/applications/${id}`).sort());
    expect(toOfficer[0]!.title.zh).toMatch(/^超期待办：/);
    expect(toOfficer[0]!.body.zh).toContain('受理');
    expect((await overdueFor(office)).length).toBe(overdueIds.length);
    // Acceptance is the officer's stage: the reviewer and the applicant are not told.
    expect(await overdueFor(reviewer)).toEqual([]);
    expect(await overdueFor(ent)).toEqual([]);
    // The next day's run does not tell anyone again about the same stage and due date.
    t.clock.advance(24 * 3600 * 1000);
    await loginAll();
    await t.app.jobs.queueDailies();
    await t.app.jobs.drain();
    expect((await overdueFor(officer)).length).toBe(officersIds.length);
  });
});

describe('the database refuses illegal transitions whatever the route', () => {
  it('rejects a direct status jump from acceptance to payment', async () => {
    const row = (await t.database.db.selectFrom('fulfilment_applications' as never).select(['id' as never]).where('status' as never, '=', 'acceptance' as never).executeTakeFirstOrThrow()) as { id: string };
    await expect(
      t.database.db.updateTable('fulfilment_applications' as never).set({ status: 'payment' } as never).where('id' as never, '=', row.id as never).execute(),
    ).rejects.toThrow(/illegal transition acceptance -> payment/);
  });
});

/** A second assessor account in the demo department (created here: the demo has one expert). */
async function secondAssessor(): Promise<TestClient> {
  const { createUser, setMembership } = await import('../src/modules/identity/index.js');
  const { systemActor } = await import('../src/modules/audit/index.js');
  const { DEMO_PASSWORD, DEMO_TOTP_SECRET } = await import('./test-app.js');
  const org = (await t.database.db.selectFrom('identity_organisations' as never).select(['id' as never]).where('name' as never, '=', '南宁市工业和信息化委员会' as never).executeTakeFirstOrThrow()) as { id: string };
  await t.database.db.transaction().execute(async (trx) => {
    const userId = await createUser(trx, t.deps, systemActor('test'), { username: 'expert2.gxj', displayName: '第二位专家', password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, t.deps, systemActor('test'), org.id, userId, ['expert']);
  });
  const c = new TestClient(t.app);
  await c.loginDemo('expert2.gxj', t.clock);
  return c;
}

/** An expert of the demo department who is also a member of the applicant enterprise: a stake in the case. */
async function insiderAssessor(): Promise<TestClient> {
  const { createUser, setMembership } = await import('../src/modules/identity/index.js');
  const { systemActor } = await import('../src/modules/audit/index.js');
  const { DEMO_PASSWORD, DEMO_TOTP_SECRET } = await import('./test-app.js');
  const orgId = async (name: string) =>
    ((await t.database.db.selectFrom('identity_organisations' as never).select(['id' as never]).where('name' as never, '=', name as never).executeTakeFirstOrThrow()) as { id: string }).id;
  const enterpriseName = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').name as string;
  const department = await orgId('南宁市工业和信息化委员会');
  const enterprise = await orgId(enterpriseName);
  await t.database.db.transaction().execute(async (trx) => {
    const userId = await createUser(trx, t.deps, systemActor('test'), { username: 'expert.insider', displayName: '内部专家', password: DEMO_PASSWORD, mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, t.deps, systemActor('test'), department, userId, ['expert']);
    await setMembership(trx, t.deps, systemActor('test'), enterprise, userId, ['member']);
  });
  const c = new TestClient(t.app);
  await c.loginDemo('expert.insider', t.clock);
  return c;
}
