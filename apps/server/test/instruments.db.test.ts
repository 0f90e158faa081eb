import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflict } from '../src/platform/problems.js';
import type { VoucherPayments } from '../src/platform/voucher-payments.js';
import { voucherOrderId } from '../src/modules/instruments/index.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

/**
 * Shared instruments on the demo data (clock: Friday 2026-11-20, 10:00 in Shanghai): the rules a
 * booking must keep, each refusal naming its field and rule; the exclusion constraint's overlap
 * as a 409 naming `during`; approval, cancellation and its fee, the waiting list; paying with
 * Yuxi's 创新券 on the real vouchers seam (hold at booking, release on cancel, re-hold and
 * redeem on usage) and its atomicity with the booking; sharing statistics, .xlsx and the ICS feed.
 */
let t: TestContext;
const as = demoSignIns(() => t);
const slot = (day: string, from: string, to: string) => ({ start: `${day}T${from}:00+08:00`, end: `${day}T${to}:00+08:00` });
const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(t.database.db)).rows[0]!;

let sem: string;
let hplc: string;
let gcms: string;
let entYuxiSubject: string;
let voucherId: string;

beforeAll(async () => {
  t = await testApp({ demo: true });
  const anon = new TestClient(t.app);
  const all = (await anon.get('/api/v1/instruments')).json() as { id: string; name: string }[];
  sem = all.find((i) => i.name === '场发射扫描电子显微镜')!.id;
  hplc = all.find((i) => i.name === '高效液相色谱仪')!.id;
  gcms = all.find((i) => i.name === '气相色谱-质谱联用仪')!.id;
  const yuxi = await as('ent.yuxi');
  entYuxiSubject = (await yuxi.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
  voucherId = (await yuxi.get('/api/v1/vouchers/mine')).json().items[0].id;
}, 240_000);
afterAll(async () => t?.close());

describe('the catalogue', () => {
  it('is public, searched by Chinese words, pinyin, category, region, rate and a free day', async () => {
    const anon = new TestClient(t.app);
    const names = async (q: string) => ((await anon.get(`/api/v1/instruments?${q}`)).json() as { name: string }[]).map((i) => i.name).sort();
    expect(await names('')).toHaveLength(5);
    expect(await names(`q=${encodeURIComponent('色谱')}`)).toEqual(['气相色谱-质谱联用仪', '高效液相色谱仪'].sort());
    expect(await names('q=yexiang')).toEqual(['高效液相色谱仪']);
    expect(await names('q=zhipu')).toEqual(['气相色谱-质谱联用仪']);
    expect(await names('category=physical')).toEqual(['电子万能材料试验机']);
    expect(await names('region=530400')).toEqual(['气相色谱-质谱联用仪']);
    expect(await names('maxRateFen=20000')).toEqual(['电子万能材料试验机', '高效液相色谱仪'].sort());
    expect(await names('freeOn=2026-11-22')).toEqual([]); // Sunday: all closed
    expect(await names('freeOn=2026-12-10')).not.toContain('场发射扫描电子显微镜'); // in its maintenance closure
    expect((await anon.get('/api/v1/instruments?freeOn=2026-02-30')).statusCode).toBe(400);
    const page = (await anon.get(`/api/v1/instruments/${sem}`)).json();
    expect(page).toMatchObject({ ownerName: '南宁市科技创新公共实验室', regionName: '青秀区', operation: 'self', approvalRequired: true, mayManage: false, categoryLabel: { zh: '分析仪器' } });
    expect(page.closures).toEqual([{ from: '2026-12-10', to: '2026-12-12', reason: '年度维护保养' }]);
  });

  it('is listed and edited by its owner only, bad input named', async () => {
    const lab = await as('lab.yuxi');
    const current = (await (await as('lab.yuxi')).get(`/api/v1/instruments/${gcms}`)).json();
    expect(current.mayManage).toBe(true);
    const { id: _id, ownerName: _o, regionName: _r, categoryLabel: _c, closures: _cl, photos: _p, mayManage: _m, ...body } = current;
    const bad = await lab.post('/api/v1/instruments', { ...body, name: '台式扫描电镜', minMinutes: 120, maxMinutes: 60, openingHours: [{ open: 600, close: 540 }, null, null, null, null, null, null], operation: 'self', qualification: ' ' });
    expect(fields(bad)).toEqual(['maxMinutes:not_below_min', 'openingHours.0.close:after_open', 'qualification:required_for_self_operation']);
    expect((await lab.post('/api/v1/instruments', { ...body, regionCode: '539999' })).json().errors[0]).toMatchObject({ field: 'regionCode', rule: 'exists' });
    expect((await lab.post('/api/v1/instruments', { ...body, externalRateFen: -1 })).statusCode).toBe(400);
    expect((await lab.post('/api/v1/instruments', { ...body, colour: 'red' })).statusCode).toBe(400);
    expect((await (await as('ent.yuxi')).post('/api/v1/instruments', body)).statusCode).toBe(403);
    expect((await (await as('lab.nanning')).request('PUT', `/api/v1/instruments/${gcms}`, body)).statusCode).toBe(403);
    const edited = await lab.request('PUT', `/api/v1/instruments/${gcms}`, { ...body, specifications: `${body.specifications}新增顶空进样器。` });
    expect(edited.statusCode, edited.body).toBe(200);
    const badClosure = await lab.request('PUT', `/api/v1/instruments/${gcms}/closures`, { closures: [{ from: '2026-12-05', to: '2026-12-01', reason: '维护' }] });
    expect(fields(badClosure)).toEqual(['closures.0.to:not_before_from']);
  });
});

describe('booking', () => {
  it('refuses a slot that breaks a rule, naming the rule', async () => {
    const ent = await as('ent.nanning');
    const f = async (during: { start: string; end: string }, id = sem) => fields(await ent.post(`/api/v1/instruments/${id}/bookings`, { during, purpose: '' }));
    expect(await f(slot('2026-11-19', '09:00', '10:00'), hplc)).toEqual(['during.start:not_past']);
    expect(await f(slot('2026-12-10', '09:00', '10:00'), hplc)).toEqual([]); // the closure is the microscope's, not the HPLC's …
    expect(await f(slot('2026-12-10', '09:00', '10:00'))).toContain('during:closure');
    expect(await f(slot('2026-11-23', '07:00', '09:00'), hplc)).toEqual(['during:opening_hours']);
    expect(await f(slot('2026-11-22', '09:00', '10:00'), hplc)).toEqual(['during:opening_hours']); // Sunday
    expect(await f(slot('2026-11-24', '08:30', '17:30'), hplc)).toEqual(['during:max_length']);
    expect(await f(slot('2026-11-24', '09:00', '09:15'), hplc)).toEqual(['during:min_length']);
    expect(await f(slot('2026-11-24', '09:00', '10:00'))).toEqual(['qualification:self_operation_qualified']);
    const backwards = await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: { start: '2026-11-24T10:00:00+08:00', end: '2026-11-24T09:00:00+08:00' }, purpose: '' });
    expect(backwards.statusCode).toBe(400);
    // … and that accepted HPLC booking on 12-10 is cancelled again (it counts against the cap).
    const mine = (await ent.get('/api/v1/instruments/bookings/mine')).json() as { id: string; during: { start: string } }[];
    const b = mine.find((x) => x.during.start === '2026-12-10T01:00:00.000Z')!;
    expect((await ent.post(`/api/v1/instruments/bookings/${b.id}/cancel`, {})).json()).toMatchObject({ status: 'cancelled', feeFen: 0 });
  });

  it('books a self-operated instrument once the owner confirmed the qualification, and the owner approves', async () => {
    const ent = await as('ent.nanning');
    const lab = await as('lab.nanning');
    expect((await ent.post(`/api/v1/instruments/${hplc}/qualification`, { statement: 'x' })).statusCode).toBe(409); // staff-operated
    expect((await ent.post(`/api/v1/instruments/${sem}/qualification`, { statement: '持同类设备三年操作经历，已参加本实验室上机培训。' })).statusCode).toBe(200);
    const wb = (await lab.get('/api/v1/instruments/owner')).json();
    const q = wb.qualifications.find((x: { userName: string }) => x.userName === '林晓青');
    expect(q).toMatchObject({ status: 'declared', instrumentName: '场发射扫描电子显微镜' });
    expect((await (await as('lab.yuxi')).post(`/api/v1/instruments/${sem}/qualifications/${q.userId}/confirm`, {})).statusCode).toBe(403);
    expect((await lab.post(`/api/v1/instruments/${sem}/qualifications/${q.userId}/confirm`, {})).statusCode).toBe(200);
    const booked = await ent.post(`/api/v1/instruments/${sem}/bookings`, { during: slot('2026-11-24', '09:00', '10:30'), purpose: '材料断口形貌观察' });
    expect(booked.statusCode, booked.body).toBe(200);
    expect(booked.json()).toMatchObject({ status: 'requested', external: true, rateFen: 40_000, estimateFen: 60_000, paidWithVoucher: false });
    const id = booked.json().id;
    expect((await ent.post(`/api/v1/instruments/bookings/${id}/approve`, {})).statusCode).toBe(403);
    expect(fields(await lab.post(`/api/v1/instruments/bookings/${id}/reject`, {}))).toEqual(['reason:required']);
    expect((await lab.post(`/api/v1/instruments/bookings/${id}/approve`, {})).json().status).toBe('confirmed');
    expect(fields(await lab.post(`/api/v1/instruments/bookings/${id}/approve`, {}))).toEqual(['status:in:requested']);
    expect(JSON.stringify((await ent.get('/api/v1/notifications')).json())).toContain('预约已确认');
  });

  it('never double books: the overlap is a 409 naming during; the waiting list is told when the slot frees', async () => {
    const ent = await as('ent.nanning');
    const other = await as('ent.yuxi');
    const first = await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-23', '09:00', '11:00'), purpose: '' });
    expect(first.json()).toMatchObject({ status: 'confirmed', estimateFen: 30_000 });
    const clash = await other.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-23', '10:00', '12:00'), purpose: '' });
    expect(clash.statusCode).toBe(409);
    expect(fields(clash)).toEqual(['during:no_overlap']);
    // Adjacent ranges do not overlap.
    expect((await other.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-23', '11:00', '12:00'), purpose: '' })).statusCode).toBe(200);
    expect(fields(await other.post(`/api/v1/instruments/${hplc}/waitlist`, { during: slot('2026-11-23', '14:00', '15:00') }))).toEqual(['during:taken']);
    expect((await other.post(`/api/v1/instruments/${hplc}/waitlist`, { during: slot('2026-11-23', '10:00', '11:00') })).statusCode).toBe(200);
    // Public busy times say when, not who.
    const busy = (await new TestClient(t.app).get(`/api/v1/instruments/${hplc}/busy?from=2026-11-23&to=2026-11-23`)).json();
    expect(busy.busy).toEqual([
      { start: '2026-11-23T01:00:00.000Z', end: '2026-11-23T03:00:00.000Z' },
      { start: '2026-11-23T03:00:00.000Z', end: '2026-11-23T04:00:00.000Z' },
    ]);
    expect((await ent.post(`/api/v1/instruments/bookings/${first.json().id}/cancel`, {})).json()).toMatchObject({ status: 'cancelled', feeFen: 0 });
    expect(JSON.stringify((await other.get('/api/v1/notifications')).json())).toContain('已空出');
    expect((await other.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-23', '10:00', '11:00'), purpose: '' })).statusCode).toBe(200);
    expect((await ent.post(`/api/v1/instruments/bookings/${first.json().id}/cancel`, {})).statusCode).toBe(409);
  });

  it('charges the fee for a late cancellation, and caps the future bookings per user', async () => {
    const ent = await as('ent.nanning');
    const late = await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-21', '09:00', '10:00'), purpose: '' });
    expect((await ent.post(`/api/v1/instruments/bookings/${late.json().id}/cancel`, {})).json()).toMatchObject({ status: 'cancelled', feeFen: 10_000 });
    for (const day of ['2026-11-25', '2026-11-26', '2026-11-27'])
      expect((await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot(day, '09:00', '10:00'), purpose: '' })).statusCode).toBe(200);
    const over = await ent.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-30', '09:00', '10:00'), purpose: '' });
    expect(over.statusCode).toBe(409);
    expect(fields(over)).toEqual(['during:max_future_bookings']);
    expect((await (await as('ent.yuxi')).post(`/api/v1/instruments/bookings/${late.json().id}/cancel`, {})).statusCode).toBe(403);
  });

  it('publishes the busy times as RFC 5545 without who booked', async () => {
    const r = await new TestClient(t.app).get(`/api/v1/instruments/${hplc}/busy.ics`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(r.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(r.body).toContain('BEGIN:VEVENT\r\n');
    expect(r.body).toContain('DTSTART:20261123T020000Z\r\nDTEND:20261123T030000Z\r\nSUMMARY:已预约\r\n');
    expect(r.body).not.toContain('林晓青');
    expect(r.body.replace(/\r\n/g, '')).not.toContain('\n');
    expect((await new TestClient(t.app).get('/api/v1/instruments/00000000-0000-4000-8000-000000000000/busy.ics')).statusCode).toBe(404);
  });
});

describe('paying with an innovation voucher (the real vouchers seam)', () => {
  const uses = (ids: string[]) => t.deps.voucherPayments.usesOf(t.database.db, ids);

  it('holds at booking, releases on cancellation', async () => {
    const ent = await as('ent.yuxi');
    const noSubject = await ent.post(`/api/v1/instruments/${gcms}/bookings`, { during: slot('2026-11-24', '09:00', '10:00'), voucherId, purpose: '' });
    expect(fields(noSubject)).toEqual(['subjectId:required_with_voucher']);
    const b = await ent.post(`/api/v1/instruments/${gcms}/bookings`, { during: slot('2026-11-24', '09:00', '10:00'), subjectId: entYuxiSubject, voucherId, purpose: '' });
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json()).toMatchObject({ paidWithVoucher: true, estimateFen: 30_000, voucherPaysFen: 15_000 });
    expect((await uses([voucherOrderId(b.json().id)])).get(voucherOrderId(b.json().id))?.status).toBe('held');
    await ent.post(`/api/v1/instruments/bookings/${b.json().id}/cancel`, {});
    expect((await uses([voucherOrderId(b.json().id)])).get(voucherOrderId(b.json().id))?.status).toBe('released');
  });

  it('commits the booking and the hold together or not at all', async () => {
    const real = t.deps.voucherPayments;
    const failing: VoucherPayments = {
      ...real,
      hold: async (trx, use, today) => {
        await real.hold(trx, use, today);
        throw conflict('TEST_FAILURE', '测试：扣券失败', 'Test: the hold failed');
      },
    };
    t.deps.voucherPayments = failing;
    try {
      const ent = await as('ent.yuxi');
      const r = await ent.post(`/api/v1/instruments/${gcms}/bookings`, { during: slot('2026-11-25', '09:00', '10:00'), subjectId: entYuxiSubject, voucherId, purpose: '' });
      expect(r.statusCode).toBe(409);
    } finally {
      t.deps.voucherPayments = real;
    }
    const left = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM instruments_bookings WHERE instrument_id = ${gcms} AND lower(during) = '2026-11-25T01:00:00Z'::timestamptz`);
    expect(left.n).toBe(0);
    // Only the demo's past booking (use not yet recorded) holds a voucher part.
    const held = await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM voucher_uses WHERE order_id LIKE 'instrument-booking:%' AND status = 'held'`);
    expect(held.n).toBe(1);
    // A voucher that cannot pay refuses the booking before anything is written.
    const wrong = await (await as('ent.yuxi')).post(`/api/v1/instruments/${gcms}/bookings`, { during: slot('2026-11-25', '09:00', '10:00'), subjectId: entYuxiSubject, voucherId: '00000000-0000-4000-8000-000000000000', purpose: '' });
    expect(wrong.statusCode).toBeGreaterThanOrEqual(400);
    expect(wrong.json().errors[0].field).toBe('voucherId');
  });

  it('bills the actual use: a different bill releases the estimate, holds and redeems the bill; the statistics show it', async () => {
    const ent = await as('ent.yuxi');
    const b = await ent.post(`/api/v1/instruments/${gcms}/bookings`, { during: slot('2026-11-23', '09:00', '11:00'), subjectId: entYuxiSubject, voucherId, purpose: '烟叶挥发性成分分析' });
    expect(b.json()).toMatchObject({ estimateFen: 60_000, voucherPaysFen: 30_000 });
    const id = b.json().id;
    t.clock.advance(3 * 86_400_000 + 2 * 3_600_000); // Monday 2026-11-23, 12:00 in Shanghai
    as.clear();
    const lab = await as('lab.yuxi');
    expect(fields(await lab.post(`/api/v1/instruments/bookings/${id}/usage`, { start: '2026-11-23T09:00:00+08:00', end: '2026-11-23T08:00:00+08:00' }))).toEqual(['end:after_start']);
    expect(fields(await lab.post(`/api/v1/instruments/bookings/${id}/usage`, { start: '2026-11-23T09:00:00+08:00', end: '2026-11-23T18:00:00+08:00' }))).toEqual(['end:not_future']);
    expect((await (await as('ent.yuxi')).post(`/api/v1/instruments/bookings/${id}/usage`, { start: '2026-11-23T09:00:00+08:00', end: '2026-11-23T10:30:00+08:00' })).statusCode).toBe(403);
    const used = await lab.post(`/api/v1/instruments/bookings/${id}/usage`, { start: '2026-11-23T09:00:00+08:00', end: '2026-11-23T10:30:00+08:00' });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json()).toMatchObject({ status: 'completed', billFen: 45_000, voucherPaysFen: 22_500 });
    const u = await uses([voucherOrderId(id), voucherOrderId(id, true)]);
    expect(u.get(voucherOrderId(id))?.status).toBe('released');
    expect(u.get(voucherOrderId(id, true))).toMatchObject({ status: 'redeemed', voucherPaysFen: 22_500 });

    const stats = (await lab.get('/api/v1/instruments/sharing?year=2026')).json();
    expect(stats.rows).toEqual([expect.objectContaining({ instrumentName: '气相色谱-质谱联用仪', effectiveHours: 1.5, externalHours: 1.5, sharingRate: 1, incomeFen: 45_000, usersServed: 1 })]);
    const xlsx = await lab.get('/api/v1/instruments/sharing.xlsx?year=2026');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await (await as('ent.yuxi')).get('/api/v1/instruments/sharing?year=2026')).statusCode).toBe(403);
  });

  it('records a no-show once the slot has begun, with the fee; not before', async () => {
    const lab = await as('lab.nanning');
    const mine = (await (await as('ent.yuxi')).get('/api/v1/instruments/bookings/mine')).json() as { id: string; instrumentName: string; status: string; during: { start: string } }[];
    const begun = mine.find((b) => b.instrumentName === '高效液相色谱仪' && b.during.start === '2026-11-23T03:00:00.000Z')!;
    const ahead = (await (await as('ent.nanning')).get('/api/v1/instruments/bookings/mine')).json().find((b: { status: string; instrumentName: string }) => b.status === 'confirmed' && b.instrumentName === '高效液相色谱仪');
    expect(fields(await lab.post(`/api/v1/instruments/bookings/${ahead.id}/no-show`, {}))).toEqual(['during.start:begun']);
    expect((await (await as('lab.yuxi')).post(`/api/v1/instruments/bookings/${begun.id}/no-show`, {})).statusCode).toBe(403);
    expect((await lab.post(`/api/v1/instruments/bookings/${begun.id}/no-show`, {})).json()).toMatchObject({ status: 'no_show', feeFen: 10_000 });
  });

  it('computes the demo lab’s sharing figures and the manifest statistics by region', async () => {
    const stats = (await (await as('lab.nanning')).get('/api/v1/instruments/sharing?year=2026')).json();
    // Demo: 15 hours used, 11 by an external enterprise, 4 by the lab itself; income at the external/internal rates.
    expect(stats.total).toMatchObject({ effectiveHours: 15, externalHours: 11, sharingRate: 0.7333, usersServed: 2, incomeFen: 80_000 + 60_000 + 60_000 + 36_000 + 12_000 + 45_000 });
    const q = { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' };
    const stat = (name: string) => t.deps.modules.statistics.get(name)!.compute(t.database.db, q);
    expect(await stat('instruments.instruments')).toBe(4);
    expect(await stat('instruments.effective_hours')).toBe(15);
    expect(await stat('instruments.sharing_rate')).toBe(73.33);
    expect(await stat('instruments.bookings')).toBeGreaterThan(6);
  });
});
