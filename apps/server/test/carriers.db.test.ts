import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriersManifest } from '../src/modules/carriers/index.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

/**
 * Carriers on the demo data: the public registry and search, an operator registering a carrier,
 * recognitions with the issuer's level rule, tenancies (no overlap, no leaving before entering)
 * writing verified facts on the tenant's profile, the statistics, and bad input naming the
 * field and the rule. Today is 2026-11-20 (the test clock).
 */
let t: TestContext;
const as = demoSignIns(() => t);
const stat = (name: string, regionCode: string, from = '2026-01-01', to = '2026-11-20') =>
  carriersManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode, from, to });

let yuetang: { id: string; credit_code: string };
beforeAll(async () => {
  t = await testApp({ demo: true });
  yuetang = (await sql<{ id: string; credit_code: string }>`SELECT id, credit_code FROM subjects WHERE name = '湘潭岳塘智造装备有限公司'`.execute(t.deps.db)).rows[0]!;
}, 240_000);
afterAll(async () => t?.close());

const NEW = { name: '鹰潭龙虎山青年创业苗圃', kind: 'nursery', address: '鹰潭市月湖区龙虎山大道9号', regionCode: '360602', areaTotalM2: 1500, areaTenantM2: 900, areaPublicM2: 300, services: '工位、导师辅导、路演' };

describe('the public registry', () => {
  it('lists the demo carriers by district with their current level and tenants, searched in words and pinyin', async () => {
    const anon = new TestClient(t.app);
    const all = (await anon.get('/api/v1/carriers')).json() as { name: string; level: string | null; tenants: number; regionName: string }[];
    expect(all.map((c) => [c.name, c.level, c.tenants])).toEqual([
      ['鹰潭信江众创空间', 'provincial', 1],
      ['南宁青秀创业孵化基地', 'city', 1],
    ]);
    expect(all[0]!.regionName).toContain('月湖');
    expect(((await anon.get('/api/v1/carriers?q=孵化基地')).json() as { name: string }[]).map((c) => c.name)).toEqual(['南宁青秀创业孵化基地']);
    expect(((await anon.get('/api/v1/carriers?q=xinjiang')).json() as { name: string }[]).map((c) => c.name)).toEqual(['鹰潭信江众创空间']);
    expect(((await anon.get('/api/v1/carriers?region=450100')).json() as { name: string }[]).map((c) => c.name)).toEqual(['南宁青秀创业孵化基地']);
    expect(((await anon.get('/api/v1/carriers?kind=maker_space')).json() as unknown[]).length).toBe(1);
    expect(fields(await anon.get('/api/v1/carriers?kind=castle')).length).toBeGreaterThan(0);
  });
});

let carrierId: string;
describe('registering a carrier', () => {
  it('is for carrier operators only, and names the field and rule of bad input', async () => {
    expect((await (await as('ent.yingtan')).post('/api/v1/carriers', NEW)).statusCode).toBe(403);
    const op = await as('carrier.yingtan');
    const bad = await op.post('/api/v1/carriers', { ...NEW, areaTenantM2: 1400, regionCode: '360600' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['areaTenantM2:within_total', 'regionCode:district']);
    expect((await op.post('/api/v1/carriers', { ...NEW, extra: 1 })).statusCode).toBe(400);
    expect((await op.post('/api/v1/carriers', { ...NEW, areaTotalM2: -5 })).statusCode).toBe(400);
    const r = await op.post('/api/v1/carriers', NEW);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ name: NEW.name, operatorName: '鹰潭信江众创空间运营管理有限公司', level: null, mayManage: true, mayRecognise: false, recognitions: [] });
    carrierId = r.json().id;
    const again = await op.post('/api/v1/carriers', NEW);
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['name:unique']);
    expect(((await op.get('/api/v1/carriers-mine')).json() as { name: string }[]).map((c) => c.name).sort()).toEqual([NEW.name, '鹰潭信江众创空间'].sort());
  });
});

describe('recognitions', () => {
  const body = { level: 'provincial', issuer: '江西省科学技术厅', issuerRegionCode: '360000', recognisedOn: '2026-10-01', validUntil: '2029-09-30' };
  it('are recorded by a department covering the carrier only', async () => {
    expect((await (await as('carrier.yingtan')).post(`/api/v1/carriers/${carrierId}/recognitions`, body)).statusCode).toBe(403);
    expect((await (await as('officer.nanning')).post(`/api/v1/carriers/${carrierId}/recognitions`, body)).statusCode).toBe(403);
  });
  it('refuse a level the issuing authority cannot grant, naming the rule', async () => {
    const officer = await as('officer.yingtan');
    const cityByProvince = await officer.post(`/api/v1/carriers/${carrierId}/recognitions`, { ...body, level: 'city' });
    expect(cityByProvince.statusCode).toBe(400);
    expect(fields(cityByProvince)).toEqual(['level:issuer_grants_level']);
    expect(cityByProvince.json().errors[0].message ?? cityByProvince.body).toBeTruthy();
    const nationalByCity = await officer.post(`/api/v1/carriers/${carrierId}/recognitions`, { ...body, level: 'national', issuer: '鹰潭市科学技术局', issuerRegionCode: '360600' });
    expect(fields(nationalByCity)).toEqual(['issuerRegionCode:national_issuer']);
    const elsewhere = await officer.post(`/api/v1/carriers/${carrierId}/recognitions`, { ...body, issuer: '广西壮族自治区科学技术厅', issuerRegionCode: '450000' });
    expect(fields(elsewhere)).toEqual(['issuerRegionCode:covers_carrier']);
    const dates = await officer.post(`/api/v1/carriers/${carrierId}/recognitions`, { ...body, recognisedOn: '2026-12-01', validUntil: '2026-11-01' });
    expect(fields(dates).sort()).toEqual(['recognisedOn:not_future', 'validUntil:after_recognised']);
  });
  it('shows the current level on the public page; the database keeps a national level without a region', async () => {
    const officer = await as('officer.yingtan');
    const r = await officer.post(`/api/v1/carriers/${carrierId}/recognitions`, body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ level: 'provincial', mayRecognise: true, recognitions: [{ level: 'provincial', issuer: '江西省科学技术厅', current: true }] });
    expect((await officer.post(`/api/v1/carriers/${carrierId}/recognitions`, body)).statusCode).toBe(409);
    const page = (await new TestClient(t.app).get(`/api/v1/carriers/${carrierId}`)).json();
    expect(page).toMatchObject({ level: 'provincial', mayManage: false, mayRecognise: false });
    await expect(
      sql`INSERT INTO carrier_recognitions (carrier_id, level, issuer, issuer_region_code, recognised_on, recorded_by, recorded_at)
          SELECT ${carrierId}, 'national', '科技部', '360000', '2026-01-01', created_by, now() FROM carriers WHERE id = ${carrierId}`.execute(t.deps.db),
    ).rejects.toThrow(/carrier_recognitions_national_issuer/);
  });
});

describe('tenancy', () => {
  const profile = async () => (await (await as('ent.yuetang')).get(`/api/v1/subjects/${yuetang.id}`)).json().facts as Record<string, { value: unknown; source: string; verified: boolean }>;
  let tenancyId: string;

  it('a firm entering becomes a verified fact on its profile', async () => {
    const op = await as('carrier.yingtan');
    expect((await (await as('carrier.nanning')).post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: yuetang.credit_code, lease: '', areaM2: 40, enteredOn: '2026-06-01' })).statusCode).toBe(403);
    const r = await op.post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: yuetang.credit_code, lease: '协议 LH-01', areaM2: 40, enteredOn: '2026-06-01' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject([{ tenantName: '湘潭岳塘智造装备有限公司', enteredOn: '2026-06-01', leftOn: null, exit: null }]);
    tenancyId = r.json()[0].id;
    const facts = await profile();
    expect(facts.is_incubated_in_base).toMatchObject({ value: true, source: 'registry:carriers', verified: true });
    expect(facts.entered_base_on).toMatchObject({ value: '2026-06-01', source: 'registry:carriers', verified: true });
    expect(facts.graduated_from_base_on).toBeUndefined();
    expect((await (await as('officer.yingtan')).get(`/api/v1/carriers/${carrierId}/tenancies`)).statusCode).toBe(200);
    expect((await (await as('officer.nanning')).get(`/api/v1/carriers/${carrierId}/tenancies`)).statusCode).toBe(403);
    expect((await (await as('ent.yuetang')).get(`/api/v1/carriers/${carrierId}/tenancies`)).statusCode).toBe(403);
  });

  it('refuses overlapping stays, leaving before entering, and unknown or malformed credit codes, naming the rule', async () => {
    const op = await as('carrier.yingtan');
    const overlap = await op.post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: yuetang.credit_code, lease: '', areaM2: 40, enteredOn: '2026-03-01', leftOn: '2026-07-01' });
    expect(overlap.statusCode).toBe(409);
    expect(fields(overlap)).toEqual(['enteredOn:no_overlap']);
    const backwards = await op.post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: yuetang.credit_code, lease: '', areaM2: 40, enteredOn: '2026-03-01', leftOn: '2026-02-01' });
    expect(fields(backwards)).toEqual(['leftOn:after_entered']);
    const unknown = await op.post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: '91360602MA3CA09998', lease: '', areaM2: 40, enteredOn: '2026-03-01' });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)[0]).toMatch(/^creditCode:/);
    // A stay that ended before the current one began is no overlap.
    const earlier = await op.post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: yuetang.credit_code, lease: '', areaM2: 30, enteredOn: '2026-01-05', leftOn: '2026-06-01' });
    expect(earlier.statusCode, earlier.body).toBe(201);
    // The database refuses both on its own.
    const insert = (from: string, to: string | null) =>
      sql`INSERT INTO carrier_tenancies (carrier_id, subject_id, lease, area_m2, entered_on, left_on, exit, recorded_by, created_at)
          SELECT ${carrierId}, ${yuetang.id}, '', 10, ${from}::date, ${to}::date, ${to === null ? null : 'left'}, created_by, now() FROM carriers WHERE id = ${carrierId}`.execute(t.deps.db);
    await expect(insert('2026-08-01', null)).rejects.toThrow(/carrier_tenancies_no_overlap/);
    await expect(insert('2025-08-01', '2025-07-01')).rejects.toThrow(/carrier_tenancies_leave_after_enter/);
  });

  it('a graduation needs its reason and ends the verified fact', async () => {
    const op = await as('carrier.yingtan');
    const url = `/api/v1/carriers/${carrierId}/tenancies/${tenancyId}/exit`;
    expect(fields(await op.post(url, { leftOn: '2026-11-10', exit: 'graduated', graduationReason: null }))).toEqual(['graduationReason:required']);
    expect(fields(await op.post(url, { leftOn: '2026-05-01', exit: 'graduated', graduationReason: 'grew_out' }))).toEqual(['leftOn:after_entered']);
    const r = await op.post(url, { leftOn: '2026-11-10', exit: 'graduated', graduationReason: 'grew_out' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().find((x: { id: string }) => x.id === tenancyId)).toMatchObject({ leftOn: '2026-11-10', exit: 'graduated', graduationReason: 'grew_out' });
    expect((await op.post(url, { leftOn: '2026-11-11', exit: 'left', graduationReason: null })).statusCode).toBe(409);
    const facts = await profile();
    expect(facts.is_incubated_in_base).toMatchObject({ value: false, verified: true });
    expect(facts.graduated_from_base_on).toMatchObject({ value: '2026-11-10', source: 'registry:carriers', verified: true });
    expect(facts.entered_base_on).toBeUndefined();
    // The firm cannot change what the carrier's records say.
    const declared = await (await as('ent.yuetang')).request('PATCH', `/api/v1/subjects/${yuetang.id}/facts`, { facts: { graduated_from_base_on: '2026-01-01' } });
    expect(declared.statusCode).toBe(409);
  });
});

describe('statistics', () => {
  it('counts carriers by kind and level, areas, tenants and graduates in a region', async () => {
    expect(await stat('carriers.carriers', '360600')).toBe(2);
    expect(await stat('carriers.kind_maker_space', '360600')).toBe(1);
    expect(await stat('carriers.kind_nursery', '360600')).toBe(1);
    expect(await stat('carriers.level_provincial', '360600')).toBe(2);
    expect(await stat('carriers.level_city', '450100')).toBe(1);
    expect(await stat('carriers.area_total', '360600')).toBe(3200 + 1500);
    expect(await stat('carriers.area_public', '360600')).toBe(600 + 300);
    expect(await stat('carriers.area_total', '360600', '2020-01-01', '2020-12-31')).toBe(0);
    expect(await stat('carriers.tenants', '360600')).toBe(1);
    expect(await stat('carriers.tenants', '450100')).toBe(1);
    expect(await stat('carriers.graduates', '360600')).toBe(1);
    expect(await stat('carriers.graduates', '360600', '2026-01-01', '2026-11-01')).toBe(0);
  });
});

describe('annual statistics (火炬统计)', () => {
  let yingtan: string;
  const body = { jobs: 12, revenueFen: 350_000_00, rdFen: 40_000_00, ipCount: 3, investmentFen: 2_000_000_00 };
  it('are computed from the records, checked across fields naming the rule, and filed once', async () => {
    const anon = new TestClient(t.app);
    yingtan = ((await anon.get('/api/v1/carriers?q=信江')).json() as { id: string }[])[0]!.id;
    const op = await as('carrier.yingtan');
    const before = (await op.get(`/api/v1/carriers/${yingtan}/annual/2026`)).json();
    expect(before).toMatchObject({ carrierName: '鹰潭信江众创空间', computed: { tenants: 1, tenantsEver: 1, graduates: 0 }, filed: null, mayFile: true, mayReview: false });
    expect((await (await as('carrier.nanning')).get(`/api/v1/carriers/${yingtan}/annual/2026`)).statusCode).toBe(403);
    const tooFew = await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2026`, { ...body, jobs: 0 });
    expect(tooFew.statusCode).toBe(400);
    expect(fields(tooFew)).toEqual(['jobs:jobs_at_least_tenants']);
    const empty = await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2024`, body);
    expect(fields(empty).sort()).toEqual(['rdFen:tenants_for_rd', 'revenueFen:tenants_for_revenue']);
    expect(fields(await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2027`, body))).toEqual(['year:not_future']);
    expect((await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2026`, { ...body, ipCount: -1 })).statusCode).toBe(400);
    const filed = await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2026`, body);
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json()).toMatchObject({ filed: { tenants: 1, tenantsEver: 1, graduates: 0, jobs: 12, status: 'filed' }, mayFile: false });
    const again = await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2026`, body);
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['year:once']);
  });

  it('are returned with a reason or accepted by the department covering the carrier; refiled after a return', async () => {
    const officer = await as('officer.yingtan');
    const url = `/api/v1/carriers/${yingtan}/annual/2026/review`;
    expect((await (await as('officer.nanning')).post(url, { decision: 'accept', reason: null })).statusCode).toBe(403);
    expect((await (await as('carrier.yingtan')).post(url, { decision: 'accept', reason: null })).statusCode).toBe(403);
    expect(fields(await officer.post(url, { decision: 'return', reason: ' ' }))).toEqual(['reason:required']);
    const returned = await officer.post(url, { decision: 'return', reason: '研发投入请附口径说明' });
    expect(returned.json()).toMatchObject({ filed: { status: 'returned', returnReason: '研发投入请附口径说明' } });
    const op = await as('carrier.yingtan');
    expect((await op.get(`/api/v1/carriers/${yingtan}/annual/2026`)).json().mayFile).toBe(true);
    expect((await op.request('PUT', `/api/v1/carriers/${yingtan}/annual/2026`, { ...body, rdFen: 30_000_00 })).json()).toMatchObject({ filed: { status: 'filed', rdFen: 30_000_00, returnReason: null } });
    expect((await officer.post(url, { decision: 'accept', reason: null })).json()).toMatchObject({ filed: { status: 'accepted' }, mayReview: false });
    expect((await officer.post(url, { decision: 'accept', reason: null })).statusCode).toBe(409);
    expect(await stat('carriers.jobs', '360600')).toBe(12);
    expect(await stat('carriers.jobs', '450100')).toBe(0);
  });

  it('export as .xlsx for the departments covering the carriers only', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const r = await (await as('officer.yingtan')).get('/api/v1/carriers-annual/2026/statistics.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows = ws.getSheetValues().slice(3).map((row) => (row as unknown[]).slice(1));
    const names = rows.map((x) => x[0]);
    expect(names).toContain('鹰潭信江众创空间');
    expect(names).not.toContain('南宁青秀创业孵化基地');
    const yt = rows.find((x) => x[0] === '鹰潭信江众创空间')!;
    expect(yt.slice(3, 8)).toEqual([1, 1, 0, 12, 350000]);
    expect(yt[11]).toBe('已通过 Accepted');
    expect((await (await as('carrier.yingtan')).get('/api/v1/carriers-annual/2026/statistics.xlsx')).statusCode).toBe(403);
  });
});
