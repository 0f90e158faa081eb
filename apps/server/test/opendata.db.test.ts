/**
 * Open statistics (数据开放): the public API equals each declared statistic's own compute, for
 * a region, its child regions and month by month; a statistic not declared public never appears;
 * bad regions and periods are refused naming the field; the CSV download has a byte-order mark
 * and RFC 4180 quoting, the .xlsx the same figures.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenBreakdown, OpenStatisticsView } from '@seedbed/contract';
import { MODULES } from '../src/manifests.js';
import type { ModuleManifest, StatisticDefinition } from '../src/platform/module.js';
import { ALL_REGIONS } from '../src/platform/statistics.js';
import { csvField, displayed } from '../src/modules/opendata/opendata.files.js';
import { openBreakdown, openExport, openStatistics, resolvePeriod } from '../src/modules/opendata/opendata.service.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let anon: TestClient;
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);
const declared = (): StatisticDefinition[] => MODULES.flatMap((m: ModuleManifest) => m.statistics ?? []);
const statistic = (name: string) => declared().find((s) => s.name === name)!;
// The test app's clock: 2026-11-20.
const YEAR = { from: '2026-01-01', to: '2026-11-20' };

beforeAll(async () => {
  t = await testApp({ demo: true });
  anon = new TestClient(t.app);
});
afterAll(async () => t?.close());

describe('which statistics are public', () => {
  it('is each declaration’s own flag: aggregates with no personal data', () => {
    const internal = declared().filter((s) => s.public !== true).map((s) => s.name).sort();
    // Reviewed: operational counts (working days, notifications, profiles, matches and simulations,
    // escrow held), judges and their conflicts of interest, and trainees' follow-up outcomes
    // (people's employment), the upstream items a platform subscribes (its own connections), and credit ratings by grade (a small district's D count could point
    // at one firm) stay internal; so do the targets' own counts (the office's working figures).
    expect(internal).toEqual([
      'calendar.working_days',
      'competitions.conflicts_excluded',
      'competitions.judges',
      'credit.ratings_A',
      'credit.ratings_B',
      'credit.ratings_C',
      'credit.ratings_D',
      'crowd.escrow_held_fen',
      'feeds.upstream_items',
      'finder.eligible_matches',
      'finder.simulations_run',
      'notifications.sent_to_subjects',
      'subjects.profiles_created',
      'targets.escalations',
      'targets.reports',
      'targets.supervision_items',
      'targets.supervision_overdue',
      'targets.targets',
      'training.employment',
      'training.started_business',
    ]);
  });

  it('never shows or computes a statistic that is not public', async () => {
    const computed: string[] = [];
    const stat = (name: string, isPublic: boolean): StatisticDefinition => ({
      name,
      label: { zh: name, en: name },
      unit: { zh: '件', en: 'items' },
      ...(isPublic ? { public: true } : {}),
      compute: async () => {
        computed.push(name);
        return 7;
      },
    });
    const fake: ModuleManifest = { name: 'fake', label: { zh: '测试', en: 'Test' }, statistics: [stat('fake.open', true), stat('fake.person', false)] };
    const internalOnly: ModuleManifest = { name: 'hidden', label: { zh: '内部', en: 'Internal' }, statistics: [stat('hidden.count', false)] };
    const deps = { db: t.deps.db, clock: t.clock, modules: { manifests: [fake, internalOnly] } };
    const view = await openStatistics(deps, { regionCode: '450100', period: '2026' });
    expect(view.groups.map((g) => [g.group, g.figures.map((f) => [f.name, f.value])])).toEqual([['fake', [['fake.open', 7]]]]);
    await expect(openBreakdown(deps, { name: 'fake.person', regionCode: '450100' })).rejects.toMatchObject({ status: 400, fieldErrors: [{ field: 'name' }] });
    await expect(openExport(deps, { group: 'hidden' })).rejects.toMatchObject({ status: 400, fieldErrors: [{ field: 'group' }] });
    expect(computed.filter((n) => n !== 'fake.open')).toEqual([]);

    const api = (await anon.get('/api/v1/public/statistics?regionCode=450100')).json() as OpenStatisticsView;
    const shown = api.groups.flatMap((g) => g.figures.map((f) => f.name));
    expect(shown.sort()).toEqual(declared().filter((s) => s.public).map((s) => s.name).sort());
    const refused = await anon.get('/api/v1/public/statistics/breakdown?name=training.employment&regionCode=450100');
    expect(refused.statusCode).toBe(400);
    expect(fields(refused)).toEqual(['name:public_statistic']);
  });
});

describe('the public figures are the declared statistics', () => {
  it('equals each statistic’s compute for a city this year, and for the whole platform', async () => {
    const r = await anon.get('/api/v1/public/statistics?regionCode=450100');
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json() as OpenStatisticsView;
    expect(view.region).toEqual({ code: '450100', name: '南宁市' });
    expect(view.period).toMatchObject({ key: '2026', kind: 'year', ...YEAR, label: { zh: '2026年', en: '2026' } });
    let nonZero = 0;
    for (const g of view.groups) {
      for (const f of g.figures) {
        expect(f.value, f.name).toBe(await statistic(f.name).compute(t.deps.db, { regionCode: '450100', ...YEAR }));
        if (f.value !== 0) nonZero++;
      }
    }
    // The demo fills the city's programme: not a page of zeros.
    expect(nonZero).toBeGreaterThan(10);
    expect(view.groups.find((g) => g.group === 'policies')!.label).toEqual({ zh: '政策库', en: 'Policy catalogue' });

    const whole = (await anon.get('/api/v1/public/statistics?period=2026-Q4')).json() as OpenStatisticsView;
    expect(whole.region).toEqual({ code: null, name: '全平台（所有地区）' });
    expect(whole.period).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-11-20' });
    for (const f of whole.groups.flatMap((g) => g.figures)) {
      expect(f.value, f.name).toBe(await statistic(f.name).compute(t.deps.db, { regionCode: ALL_REGIONS, from: '2026-10-01', to: '2026-11-20' }));
    }
    // The whole platform holds at least the city (carriers counted by a prefix: every region).
    const of = (v: OpenStatisticsView, name: string) => v.groups.flatMap((g) => g.figures).find((f) => f.name === name)!.value;
    const cityQ4 = (await anon.get('/api/v1/public/statistics?regionCode=450100&period=2026-Q4')).json() as OpenStatisticsView;
    expect(of(whole, 'carriers.carriers')).toBeGreaterThanOrEqual(of(cityQ4, 'carriers.carriers'));
    expect(of(cityQ4, 'carriers.carriers')).toBeGreaterThan(0);
  });

  it('breaks a figure down by district and by month with the same compute', async () => {
    const name = 'policies.items_in_force';
    const r = await anon.get(`/api/v1/public/statistics/breakdown?name=${name}&regionCode=450100&period=2026-03`);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json() as OpenBreakdown;
    const s = statistic(name);
    expect(b.period).toMatchObject({ kind: 'month', from: '2026-03-01', to: '2026-03-31', label: { zh: '2026年3月', en: 'March 2026' } });
    expect(b.figure.value).toBe(await s.compute(t.deps.db, { regionCode: '450100', from: '2026-03-01', to: '2026-03-31' }));
    expect(b.byRegion.length).toBeGreaterThan(5);
    expect(b.byRegion.map((x) => x.code).every((c) => c.startsWith('4501') && c !== '450100')).toBe(true);
    for (const x of b.byRegion) expect(x.value, x.name).toBe(await s.compute(t.deps.db, { regionCode: x.code, from: '2026-03-01', to: '2026-03-31' }));
    expect(b.byMonth.map((x) => x.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(b.byMonth[1]).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    for (const x of b.byMonth) expect(x.value).toBe(await s.compute(t.deps.db, { regionCode: '450100', from: x.from, to: x.to }));
    expect(b.figure.value).toBeGreaterThan(0);

    // This year: month by month up to today.
    const year = (await anon.get('/api/v1/public/statistics/breakdown?name=fulfilment.applications_submitted&regionCode=450100')).json() as OpenBreakdown;
    expect(year.byMonth.at(-1)).toMatchObject({ month: '2026-11', from: '2026-11-01', to: '2026-11-20' });
    expect(year.byMonth).toHaveLength(11);
  });
});

describe('bad input is refused, naming the field', () => {
  it('refuses an unknown region, a malformed or future period, an unknown group and format', async () => {
    const cases: [string, string[]][] = [
      ['/api/v1/public/statistics?regionCode=450199', ['regionCode:exists']],
      ['/api/v1/public/statistics?period=2027', ['period:not_begun']],
      ['/api/v1/public/statistics?period=2026-12', ['period:not_begun']],
      ['/api/v1/public/statistics?period=1999-Q4', ['period:minimum']],
      ['/api/v1/public/statistics/export?group=nobody&format=csv', ['group:public_group']],
      ['/api/v1/public/statistics/breakdown?name=finder.simulations_run', ['name:public_statistic']],
    ];
    for (const [url, expected] of cases) {
      const r = await anon.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(fields(r), url).toEqual(expected);
    }
    for (const [url, field] of [
      ['/api/v1/public/statistics?regionCode=abc', 'regionCode'],
      ['/api/v1/public/statistics?period=2026-13', 'period'],
      ['/api/v1/public/statistics?period=2026-Q5', 'period'],
      ['/api/v1/public/statistics/export?group=policies&format=pdf', 'format'],
      ['/api/v1/public/statistics?sort=1', 'sort'],
    ] as const) {
      const r = await anon.get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field), url).toContain(`querystring.${field}`);
    }
  });

  it('reads periods as calendar days', () => {
    expect(resolvePeriod('2024-02', '2026-11-20')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(resolvePeriod('2025-Q4', '2026-11-20')).toMatchObject({ from: '2025-10-01', to: '2025-12-31', label: { zh: '2025年第4季度', en: 'Q4 2025' } });
    expect(resolvePeriod(undefined, '2026-11-20')).toMatchObject({ key: '2026', from: '2026-01-01', to: '2026-11-20' });
  });
});

describe('downloads', () => {
  it('quotes CSV fields by RFC 4180 and keeps formulas out', () => {
    expect(csvField('南宁市')).toBe('南宁市');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1+1,2')).toBe(`"'-1+1,2"`);
    expect(csvField(-12.5)).toBe('-12.5');
  });

  it('gives money in 元 with two decimals', () => {
    expect(displayed({ name: 'x', label: { zh: '', en: '' }, unit: { zh: '分', en: 'fen' }, value: 1_234_567 })).toEqual({ value: 12_345.67, unit: { zh: '元', en: 'yuan' } });
    expect(displayed({ name: 'x', label: { zh: '', en: '' }, unit: { zh: '件', en: 'items' }, value: 3 })).toEqual({ value: 3, unit: { zh: '件', en: 'items' } });
  });

  it('gives a group as CSV with a BOM, the city then its districts, and the same as .xlsx', async () => {
    const r = await anon.get('/api/v1/public/statistics/export?group=policies&format=csv&regionCode=450100');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('政策库-南宁市-2026.csv'));
    const bytes = r.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('指标 Figure,指标（英文） Figure (English),单位 Unit,地区 Region,开始日期 From,结束日期 To,数值 Value');
    const s = statistic('policies.items_in_force');
    const line = (region: string, v: number) => `${s.label.zh},${s.label.en},${s.unit.zh} ${s.unit.en},${region},2026-01-01,2026-11-20,${v}`;
    const city = await s.compute(t.deps.db, { regionCode: '450100', ...YEAR });
    expect(city).toBeGreaterThan(0);
    expect(lines).toContain(line('南宁市', city));
    // Then each district of the city, each its own compute.
    const at = lines.indexOf(line('南宁市', city));
    expect(lines[at + 1]).toBe(line('南宁市兴宁区', await s.compute(t.deps.db, { regionCode: '450102', ...YEAR })));
    expect(lines.filter((l) => l.startsWith(`${s.label.zh},`)).length).toBeGreaterThan(6);

    const x = await anon.get('/api/v1/public/statistics/export?group=policies&format=xlsx&regionCode=450100');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toBe('政策库（南宁市，2026年）');
    const rows = ws.getSheetValues().slice(4).map((v) => (v as unknown[]).slice(1));
    expect(rows).toContainEqual([s.label.zh, s.label.en, `${s.unit.zh} ${s.unit.en}`, '南宁市', '2026-01-01', '2026-11-20', city]);
    expect(rows.length).toBe(lines.length - 2);
  });
});
