import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleJpeg, samplePdf, samplePng } from '../src/modules/files/files.samples.js';
import { testOrderId } from '../src/modules/instruments/index.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

/**
 * Shared instruments, second part, on the demo data (clock: Friday 2026-11-20, 10:00 in Shanghai):
 * test services with samples (request → accept or decline → result with a PDF report and the
 * samples tested → per-sample bill), paid with Yuxi's 创新券 (held at the request, released on a
 * decline or cancellation, re-held and redeemed on the result); the printable statement of what
 * the voucher does not pay; the no-show fee as its own rule; service names unique; photos (JPEG
 * or PNG through the files module, the owner's only); a self-operated session started and stopped
 * by the booked, qualified user, its actual use becoming the bill.
 */
let t: TestContext;
const as = demoSignIns(() => t);
const slot = (day: string, from: string, to: string) => ({ start: `${day}T${from}:00+08:00`, end: `${day}T${to}:00+08:00` });
const BOUNDARY = '----seedbedinstrumentstest';
async function upload(c: TestClient, name: string, bytes: Buffer, type: string): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
const uses = (ids: string[]) => t.deps.voucherPayments.usesOf(t.database.db, ids);
const SERVICE = '挥发性成分分析';

let sem: string;
let hplc: string;
let gcms: string;
let yuxiSubject: string;
let voucherId: string;

beforeAll(async () => {
  t = await testApp({ demo: true });
  const all = (await new TestClient(t.app).get('/api/v1/instruments')).json() as { id: string; name: string }[];
  sem = all.find((i) => i.name === '场发射扫描电子显微镜')!.id;
  hplc = all.find((i) => i.name === '高效液相色谱仪')!.id;
  gcms = all.find((i) => i.name === '气相色谱-质谱联用仪')!.id;
  const yuxi = await as('ent.yuxi');
  yuxiSubject = (await yuxi.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
  voucherId = (await yuxi.get('/api/v1/vouchers/mine')).json().items[0].id;
}, 240_000);
afterAll(async () => t?.close());

async function editable(id: string, owner: string) {
  const current = (await (await as(owner)).get(`/api/v1/instruments/${id}`)).json();
  const { id: _id, ownerName: _o, regionName: _r, categoryLabel: _c, closures: _cl, photos: _p, mayManage: _m, ...body } = current;
  return body;
}

describe('the instrument form’s rules', () => {
  it('keeps test service names unique and prices them per sample, internal and external', async () => {
    const lab = await as('lab.yuxi');
    const body = await editable(gcms, 'lab.yuxi');
    expect(body.services).toEqual([expect.objectContaining({ name: SERVICE, pricePerSampleFen: 50_000, internalPricePerSampleFen: 25_000 })]);
    const dup = await lab.request('PUT', `/api/v1/instruments/${gcms}`, { ...body, services: [...body.services, { ...body.services[0], sampleRequirements: '' }] });
    expect(dup.statusCode).toBe(400);
    expect(fields(dup)).toEqual(['services.1.name:unique']);
    expect(dup.json().errors[0].message).toBeTruthy();
    const missing = await lab.request('PUT', `/api/v1/instruments/${gcms}`, { ...body, services: [{ name: '农残检测', sampleRequirements: '', pricePerSampleFen: 100 }] });
    expect(missing.statusCode).toBe(400);
  });

  it('charges the no-show fee the owner set, not the cancellation fee', async () => {
    const lab = await as('lab.nanning');
    const body = await editable(hplc, 'lab.nanning');
    expect(body).toMatchObject({ cancelFeeFen: 10_000, noShowFeeFen: 10_000 });
    const edited = await lab.request('PUT', `/api/v1/instruments/${hplc}`, { ...body, noShowFeeFen: 25_000 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ cancelFeeFen: 10_000, noShowFeeFen: 25_000 });
    expect((await lab.request('PUT', `/api/v1/instruments/${hplc}`, { ...body, noShowFeeFen: -1 })).statusCode).toBe(400);
    const ent = await as('ent.nanning');
    const b = await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-20', '10:30', '11:30'), purpose: '' });
    expect(b.statusCode, b.body).toBe(200);
    t.clock.advance(45 * 60_000); // 10:45
    const noShow = await lab.post(`/api/v1/instruments/bookings/${b.json().id}/no-show`, {});
    expect(noShow.json()).toMatchObject({ status: 'no_show', feeFen: 25_000 });
    // The fee is due: the statement prints it.
    const pdf = await ent.get(`/api/v1/instruments/bookings/${b.json().id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('test services', () => {
  it('refuses a bad request, naming the field and rule', async () => {
    const ent = await as('ent.yuxi');
    expect(fields(await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: '不存在的项目', samples: 1, note: '' }))).toEqual(['serviceName:offered']);
    expect((await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 0, note: '' })).statusCode).toBe(400);
    expect(fields(await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 1, note: '', voucherId }))).toEqual(['subjectId:required_with_voucher']);
    const wrong = await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 1, note: '', subjectId: yuxiSubject, voucherId: '00000000-0000-4000-8000-000000000000' });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.json().errors[0].field).toBe('voucherId');
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM instruments_test_requests`.execute(t.database.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('holds the voucher at the request and releases it on a decline (with its reason) or a cancellation', async () => {
    const ent = await as('ent.yuxi');
    const lab = await as('lab.yuxi');
    const r = await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 3, note: '烟叶样品 3 份，每份 25 g', subjectId: yuxiSubject, voucherId });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'requested', external: true, pricePerSampleFen: 50_000, estimateFen: 150_000, paidWithVoucher: true, voucherPaysFen: 75_000 });
    const id = r.json().id;
    expect((await uses([testOrderId(id)])).get(testOrderId(id))?.status).toBe('held');
    expect((await ent.post(`/api/v1/instruments/tests/${id}/accept`, {})).statusCode).toBe(403);
    expect((await (await as('lab.nanning')).post(`/api/v1/instruments/tests/${id}/decline`, { reason: '否' })).statusCode).toBe(403);
    expect(fields(await lab.post(`/api/v1/instruments/tests/${id}/decline`, {}))).toEqual(['reason:required']);
    const declined = await lab.post(`/api/v1/instruments/tests/${id}/decline`, { reason: '本月排期已满' });
    expect(declined.json()).toMatchObject({ status: 'declined', reason: '本月排期已满' });
    expect((await uses([testOrderId(id)])).get(testOrderId(id))?.status).toBe('released');
    expect(JSON.stringify((await ent.get('/api/v1/notifications')).json())).toContain('本月排期已满');
    expect(fields(await lab.post(`/api/v1/instruments/tests/${id}/accept`, {}))).toEqual(['status:in:requested']);

    const again = await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 1, note: '', subjectId: yuxiSubject, voucherId });
    const againId = again.json().id;
    expect((await lab.post(`/api/v1/instruments/tests/${againId}/accept`, {})).json().status).toBe('accepted');
    expect((await lab.post(`/api/v1/instruments/tests/${againId}/cancel`, {})).statusCode).toBe(403);
    expect((await ent.post(`/api/v1/instruments/tests/${againId}/cancel`, {})).json().status).toBe('cancelled');
    expect((await uses([testOrderId(againId)])).get(testOrderId(againId))?.status).toBe('released');
  });

  it('records the result with a PDF report and the samples tested; the bill is per sample; the voucher redeems its part', async () => {
    const ent = await as('ent.yuxi');
    const lab = await as('lab.yuxi');
    const r = await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 3, note: '烟叶样品 3 份', subjectId: yuxiSubject, voucherId });
    const id = r.json().id;
    const report = await upload(lab, '检测报告.pdf', samplePdf(300, 7), 'application/pdf');
    // Not before it is accepted.
    expect(fields(await lab.post(`/api/v1/instruments/tests/${id}/result`, { fileId: report, samplesTested: 2 }))).toEqual(['status:in:accepted']);
    await lab.post(`/api/v1/instruments/tests/${id}/accept`, {});
    const image = await upload(lab, '照片.png', samplePng(64, 3), 'image/png');
    expect(fields(await lab.post(`/api/v1/instruments/tests/${id}/result`, { fileId: image, samplesTested: 2 }))).toEqual(['fileId:pdf']);
    const entFile = await upload(ent, '自己的.pdf', samplePdf(100, 9), 'application/pdf');
    expect(fields(await lab.post(`/api/v1/instruments/tests/${id}/result`, { fileId: entFile, samplesTested: 2 }))).toEqual(['fileId:own_upload']);
    expect(fields(await lab.post(`/api/v1/instruments/tests/${id}/result`, { fileId: report, samplesTested: 4 }))).toEqual(['samplesTested:at_most_requested']);
    expect((await ent.post(`/api/v1/instruments/tests/${id}/result`, { fileId: report, samplesTested: 2 })).statusCode).toBe(400); // not the requester's upload, nor theirs to do
    const done = await lab.post(`/api/v1/instruments/tests/${id}/result`, { fileId: report, samplesTested: 2 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', samplesTested: 2, billFen: 100_000, voucherPaysFen: 50_000, hasReport: true });
    const u = await uses([testOrderId(id), testOrderId(id, true)]);
    expect(u.get(testOrderId(id))?.status).toBe('released');
    expect(u.get(testOrderId(id, true))).toMatchObject({ status: 'redeemed', voucherPaysFen: 50_000 });
    expect(fields(await ent.post(`/api/v1/instruments/tests/${id}/cancel`, {}))).toEqual(['status:in:requested,accepted']);

    // The requester and the owner read the report; nobody else does.
    const got = await ent.get(`/api/v1/instruments/tests/${id}/report`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(samplePdf(300, 7))).toBe(true);
    expect((await lab.get(`/api/v1/instruments/tests/${id}/report`)).statusCode).toBe(200);
    expect((await (await as('ent.nanning')).get(`/api/v1/instruments/tests/${id}/report`)).statusCode).toBe(404);
    const mine = (await ent.get('/api/v1/instruments/tests/mine')).json() as { id: string; status: string }[];
    expect(mine.find((x) => x.id === id)?.status).toBe('completed');
    expect((await lab.get('/api/v1/instruments/owner')).json().tests.map((x: { id: string }) => x.id)).toContain(id);

    // The statement of what the voucher does not pay: 1,000 元 billed, 500 元 by the voucher.
    const pdf = await ent.get(`/api/v1/instruments/tests/${id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await (await as('ent.nanning')).get(`/api/v1/instruments/tests/${id}/statement.pdf`)).statusCode).toBe(404);

    // The sharing statistics count the test's income, samples and the enterprise served.
    const stats = (await lab.get('/api/v1/instruments/sharing?year=2026')).json();
    expect(stats.rows).toEqual([expect.objectContaining({ instrumentName: '气相色谱-质谱联用仪', incomeFen: 100_000, testIncomeFen: 100_000, samplesTested: 2, usersServed: 1, effectiveHours: 0 })]);
    expect(stats.total).toMatchObject({ testIncomeFen: 100_000, samplesTested: 2, usersServed: 1 });
  });

  it('has no statement when a voucher pays everything or nothing is billed', async () => {
    const ent = await as('ent.yuxi');
    const lab = await as('lab.yuxi');
    const r = await ent.post(`/api/v1/instruments/${gcms}/tests`, { serviceName: SERVICE, samples: 1, note: '', subjectId: yuxiSubject, voucherId });
    await lab.post(`/api/v1/instruments/tests/${r.json().id}/accept`, {});
    const report = await upload(lab, '未检测说明.pdf', samplePdf(120, 11), 'application/pdf');
    const none = await lab.post(`/api/v1/instruments/tests/${r.json().id}/result`, { fileId: report, samplesTested: 0 });
    expect(none.json()).toMatchObject({ status: 'completed', billFen: 0 });
    expect((await uses([testOrderId(r.json().id)])).get(testOrderId(r.json().id))?.status).toBe('released');
    expect(fields(await ent.get(`/api/v1/instruments/tests/${r.json().id}/statement.pdf`))).toEqual(['billFen:amount_due']);
  });
});

describe('photos', () => {
  it('are JPEG or PNG uploads the owner adds and removes; anyone sees them', async () => {
    const lab = await as('lab.yuxi');
    const jpeg = await upload(lab, '仪器外观.jpg', sampleJpeg(200, 5), 'image/jpeg');
    const pdf = await upload(lab, '说明书.pdf', samplePdf(100, 5), 'application/pdf');
    expect(fields(await lab.post(`/api/v1/instruments/${gcms}/photos`, { fileId: pdf }))).toEqual(['fileId:image']);
    const other = await upload(await as('lab.nanning'), 'x.png', samplePng(32, 8), 'image/png');
    expect(fields(await lab.post(`/api/v1/instruments/${gcms}/photos`, { fileId: other }))).toEqual(['fileId:own_upload']);
    expect((await (await as('lab.nanning')).post(`/api/v1/instruments/${gcms}/photos`, { fileId: other })).statusCode).toBe(403);
    const added = await lab.post(`/api/v1/instruments/${gcms}/photos`, { fileId: jpeg });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().photos).toEqual([{ fileId: jpeg, name: '仪器外观.jpg' }]);
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/v1/instruments/${gcms}`)).json().photos).toHaveLength(1);
    const img = await anon.get(`/api/v1/instruments/${gcms}/photos/${jpeg}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toContain('image/jpeg');
    expect((await anon.get(`/api/v1/instruments/${sem}/photos/${jpeg}`)).statusCode).toBe(404);
    expect((await (await as('lab.nanning')).request('DELETE', `/api/v1/instruments/${gcms}/photos/${jpeg}`)).statusCode).toBe(403);
    expect((await lab.request('DELETE', `/api/v1/instruments/${gcms}/photos/${jpeg}`)).json().photos).toEqual([]);
    expect((await lab.request('DELETE', `/api/v1/instruments/${gcms}/photos/${jpeg}`)).statusCode).toBe(404);
  });
});

describe('self-operation', () => {
  it('the booked, qualified user starts and stops the session; the actual use becomes the bill', async () => {
    const ent = await as('ent.nanning');
    const lab = await as('lab.nanning');
    await ent.post(`/api/v1/instruments/${sem}/qualification`, { statement: '持同类设备三年操作经历。' });
    const q = (await lab.get('/api/v1/instruments/owner')).json().qualifications.find((x: { userName: string }) => x.userName === '林晓青');
    await lab.post(`/api/v1/instruments/${sem}/qualifications/${q.userId}/confirm`, {});
    // The clock is 10:45 (see the no-show above): a slot from 11:30 to 13:00 … opening hours end 17:30.
    const b = await ent.post(`/api/v1/instruments/${sem}/bookings`, { during: slot('2026-11-20', '11:30', '13:00'), purpose: '断口形貌' });
    expect(b.statusCode, b.body).toBe(200);
    const id = b.json().id;
    expect(b.json()).toMatchObject({ mayStart: false, mayStop: false });
    expect(fields(await ent.post(`/api/v1/instruments/bookings/${id}/start`, {}))).toEqual(['status:in:confirmed']); // awaiting approval
    await lab.post(`/api/v1/instruments/bookings/${id}/approve`, {});
    expect(fields(await ent.post(`/api/v1/instruments/bookings/${id}/start`, {}))).toEqual(['during.start:start_window']);
    t.clock.advance(35 * 60_000); // 11:20
    expect((await lab.post(`/api/v1/instruments/bookings/${id}/start`, {})).statusCode).toBe(403);
    expect(fields(await ent.post(`/api/v1/instruments/bookings/${id}/stop`, {}))).toEqual(['status:started']);
    const mine = (await ent.get('/api/v1/instruments/bookings/mine')).json().find((x: { id: string }) => x.id === id);
    expect(mine).toMatchObject({ mayStart: true, mayStop: false });
    const started = await ent.post(`/api/v1/instruments/bookings/${id}/start`, {});
    expect(started.json()).toMatchObject({ status: 'confirmed', actualStart: '2026-11-20T03:20:00.000Z', mayStart: false, mayStop: true, mayCancel: false });
    expect(fields(await ent.post(`/api/v1/instruments/bookings/${id}/start`, {}))).toEqual(['status:not_started']);
    t.clock.advance(20 * 60_000); // 11:40: begun; a started session is no no-show
    expect(fields(await lab.post(`/api/v1/instruments/bookings/${id}/no-show`, {}))).toEqual(['status:not_started']);
    t.clock.advance(30 * 60_000); // 12:10
    const stopped = await ent.post(`/api/v1/instruments/bookings/${id}/stop`, {});
    expect(stopped.statusCode, stopped.body).toBe(200);
    // 50 minutes at the external rate of 400 元 an hour.
    expect(stopped.json()).toMatchObject({ status: 'completed', actualStart: '2026-11-20T03:20:00.000Z', actualEnd: '2026-11-20T04:10:00.000Z', billFen: 33_333, mayStop: false });
    expect((await ent.post(`/api/v1/instruments/bookings/${id}/stop`, {})).statusCode).toBe(409);
    const pdf = await ent.get(`/api/v1/instruments/bookings/${id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is for self-operated instruments only: the staff record the use of the others', async () => {
    const ent = await as('ent.nanning');
    const b = await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-20', '14:00', '15:00'), purpose: '' });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().mayStart).toBe(false);
    t.clock.advance(2 * 3_600_000); // 14:10
    expect(fields(await ent.post(`/api/v1/instruments/bookings/${b.json().id}/start`, {}))).toEqual(['operation:self_operation']);
    // Nothing billed yet: no statement.
    expect(fields(await ent.get(`/api/v1/instruments/bookings/${b.json().id}/statement.pdf`))).toEqual(['billFen:amount_due']);
  });
});
