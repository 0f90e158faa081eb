import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetDetail, TargetList, TargetOptions, TargetRecords } from '@seedbed/contract';
import { enqueueAnyJob } from '../src/platform/jobs.js';
import { demoSignIns, errorFields, testApp, uploadTestPdf, type TestContext } from './test-app.js';

/**
 * Targets on the demo data (today 2026-11-20): the Nanning programme office (office.nanning) loads
 * the city document's targets (its units mapped to the city's departments), loads them again
 * (nothing changes), binds one to a module's statistic and sees the figure follow a new record,
 * splits one per district, assigns units; the science bureau (officer.nanning) reports; a unit
 * that does not report is reminded, then escalated to the office; bad input names its field.
 */
let t: TestContext;
const as = demoSignIns(() => t);

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

const NN = 'nn-2016-34';
/** A unified social credit code with its check character (GB 32100-2015). */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;
const list = async () => (await (await as('office.nanning')).get('/api/v1/targets')).json<TargetList>();
const byCatalogue = async (id: string) => {
  const row = (await sql<{ id: string }>`SELECT id FROM targets_targets WHERE catalogue_id = ${id} AND parent_id IS NULL`.execute(t.deps.db)).rows[0];
  return row!.id;
};

describe('loading a document', () => {
  it('loads every target of the city document once, mapping units to the city departments', async () => {
    const office = await as('office.nanning');
    const options = (await office.get('/api/v1/targets/options')).json<TargetOptions>();
    const doc = options.documents.find((d) => d.key === NN)!;
    expect(doc).toMatchObject({ regionCode: '450100', loaded: 0 });
    expect(doc.targets).toBeGreaterThan(5);
    expect(doc.tasks).toBeGreaterThan(20);
    const both = doc.targets + doc.tasks;
    // Documents of other cities are not offered to Nanning's office.
    expect(options.documents.map((d) => d.key)).not.toContain('yx-2016-measures');
    expect(options.statistics.map((s) => s.name)).toContain('credit.records');
    expect(options.units.map((u) => u.name)).toContain('南宁市科学技术局');

    const first = await office.post('/api/v1/targets/load', { document: NN });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ loaded: both, alreadyLoaded: 0 });
    const again = (await office.post('/api/v1/targets/load', { document: NN })).json();
    expect(again).toMatchObject({ loaded: 0, alreadyLoaded: both });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM targets_targets`.execute(t.deps.db)).rows[0]!.n).toBe(both);

    const targets = await list();
    const makers = targets.items.find((i) => i.title.zh.includes('众创空间10家'))!;
    // The document's period (to 2020) is over: the target is pursued this calendar year.
    expect(makers).toMatchObject({ periodFrom: '2026-01-01', periodTo: '2026-12-31', lead: { name: '南宁市科学技术局' }, leadUnitName: '市科技局', status: 'no_figure', figure: null });
    expect(makers.source).toMatchObject({ document: NN, clause: '二' });
    expect((await office.get('/api/v1/targets/options')).json<TargetOptions>().documents.find((d) => d.key === NN)!.loaded).toBe(both);
    // Tasks come after the targets, tracked by their completion; a task whose deadline passed runs this year.
    expect(targets.items.slice(0, doc.targets).every((i) => i.kind === 'target')).toBe(true);
    const lists = targets.items.find((i) => i.title.zh.startsWith('2016年12月底以前公布全市所有乡镇政府'))!;
    expect(lists).toMatchObject({ kind: 'task', indicator: { zh: '完成进度' }, comparison: 'at_least', value: 100, unit: '%', periodFrom: '2026-01-01', periodTo: '2026-12-31', leadUnitName: '市编办', lead: null, status: 'no_figure' });
    expect(lists.source).toMatchObject({ document: NN, clause: '三(一)1' });
  });

  it('refuses an unknown document, half a period, and an office of another city', async () => {
    const office = await as('office.nanning');
    const r = await office.post('/api/v1/targets/load', { document: 'no-such-doc' });
    expect(r.statusCode).toBe(400);
    expect(errorFields(r)).toEqual(['document:exists:document']);
    const half = await office.post('/api/v1/targets/load', { document: NN, periodFrom: '2027-01-01' });
    expect(errorFields(half)).toEqual(['periodTo:required:with']);
    expect((await office.post('/api/v1/targets/load', { document: 'yx-2016-measures' })).statusCode).toBe(403);
    expect((await (await as('officer.nanning')).post('/api/v1/targets/load', { document: NN })).statusCode).toBe(403);
  });
});

describe('figures and lights', () => {
  it('a target bound to a statistic follows the records behind it', async () => {
    const office = await as('office.nanning');
    const id = await byCatalogue('nn.target.maker-spaces-2020');
    const bad = await office.patch(`/api/v1/targets/${id}`, { statistic: 'no.such_statistic' });
    expect(errorFields(bad)).toEqual(['statistic:exists:statistic']);
    const bound = (await office.patch(`/api/v1/targets/${id}`, { statistic: 'credit.records' })).json<TargetDetail>();
    expect(bound.target.figureSource).toBe('statistic');
    const before = bound.target.figure!;
    const stat = t.deps.modules.statistics.get('credit.records')!;
    expect(before).toBe(await stat.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-11-20' }));

    const officer = await as('credit.officer');
    const r = await officer.post('/api/v1/credit/records', { creditCode: code('91450103MA5TG0001'), subjectName: '南宁目标测试有限公司', kind: 'honour', severity: null, decisionNumber: 'TGT-1', decidedOn: '2026-11-19', legalBasis: '依据', content: '守信表彰' });
    expect(r.statusCode, r.body).toBe(201);
    const after = (await office.get(`/api/v1/targets/${id}`)).json<TargetDetail>();
    expect(after.target.figure).toBe(before + 1);
    // 10 at least, the year 326/365 gone: the light compares the two.
    expect(after.target.elapsed).toBeCloseTo(324 / 365, 3);
    expect(after.target.status).toBe(after.target.figure! >= 10 ? 'met' : (after.target.figure! / 10) >= 324 / 365 - 0.1 ? 'at_risk' : 'behind');
  });

  it('drills down from a computed figure to the records its statistic counts, where the statistic offers them', async () => {
    const office = await as('office.nanning');
    const id = await byCatalogue('nn.target.maker-spaces-2020');
    // credit.records (bound above) offers no list of its records.
    expect((await office.get(`/api/v1/targets/${id}/records`)).json<TargetRecords>()).toEqual({ available: false, records: [], more: false });
    const bound = (await office.patch(`/api/v1/targets/${id}`, { statistic: 'carriers.carriers' })).json<TargetDetail>();
    const r = (await office.get(`/api/v1/targets/${id}/records`)).json<TargetRecords>();
    expect(r.available).toBe(true);
    expect(bound.target.figure).toBeGreaterThan(0);
    expect(r.records).toHaveLength(Math.min(bound.target.figure!, 50));
    expect(r.more).toBe(bound.target.figure! > 50);
    expect(r.records.every((x) => x.date <= '2026-11-20' && x.link?.startsWith('/carriers/'))).toBe(true);
    expect([...r.records].sort((a, b) => b.date.localeCompare(a.date))).toEqual(r.records);
    // Someone the target does not concern gets nothing.
    expect((await (await as('ent.nanning')).get(`/api/v1/targets/${id}/records`)).statusCode).toBe(404);
    await office.patch(`/api/v1/targets/${id}`, { statistic: 'credit.records' });
  });

  it('a split target sums its parts; a growth target needs its baseline', async () => {
    const office = await as('office.nanning');
    const parent = await byCatalogue('nn.target.tech-smes-2020');
    const units = (await office.get('/api/v1/targets/options')).json<TargetOptions>().units;
    const kj = units.find((u) => u.name === '南宁市科学技术局')!.organisationId;
    const part = (regionCode: string, value: number) =>
      office.post('/api/v1/targets', { parentId: parent, regionCode, title: `新增科技型中小微企业（${regionCode}）`, indicator: '新增科技型中小微企业数量', comparison: 'at_least', value, unit: '家', periodFrom: '2026-01-01', periodTo: '2026-12-31', leadOrganisationId: kj });
    const a = await part('450103', 600);
    expect(a.statusCode, a.body).toBe(201);
    expect((await part('450107', 400)).statusCode).toBe(201);
    const outside = await part('530402', 1);
    expect(errorFields(outside)).toEqual(['regionCode:within:parent']);

    const detail = (await office.get(`/api/v1/targets/${parent}`)).json<TargetDetail>();
    expect(detail.parts).toHaveLength(2);
    expect(detail.target).toMatchObject({ parts: 2, figureSource: 'parts', figure: null, status: 'no_figure' });

    const noBase = await office.post('/api/v1/targets', { title: '技术合同成交额增长', indicator: '技术合同成交额', comparison: 'increase_by', value: 20, unit: '%', periodFrom: '2026-01-01', periodTo: '2026-12-31' });
    expect(errorFields(noBase)).toEqual(['baseline:required:increase_by']);
    const backwards = await office.post('/api/v1/targets', { title: '倒置', indicator: '某指标', comparison: 'at_least', value: 1, unit: '项', periodFrom: '2026-12-31', periodTo: '2026-01-01' });
    expect(errorFields(backwards)).toEqual(['periodTo:after_from']);
    const notDept = await office.post('/api/v1/targets', { title: '单位', indicator: '某指标', comparison: 'at_least', value: 1, unit: '项', periodFrom: '2026-01-01', periodTo: '2026-12-31', leadOrganisationId: '00000000-0000-4000-8000-000000000000' });
    expect(errorFields(notDept)).toEqual(['leadOrganisationId:exists:department']);
  });
});

describe('local tasks', () => {
  it('the office adds a task tracked by its completion; a split task is complete as its parts are on average', async () => {
    const office = await as('office.nanning');
    const kj = (await office.get('/api/v1/targets/options')).json<TargetOptions>().units.find((u) => u.name === '南宁市科学技术局')!.organisationId;
    const period = { periodFrom: '2026-01-01', periodTo: '2026-12-31' };
    // A target names its goal; a task does not.
    expect(errorFields(await office.post('/api/v1/targets', { title: '缺指标的目标', ...period }))).toEqual(['indicator:required:target', 'comparison:required:target', 'value:required:target', 'unit:required:target']);
    const r = await office.post('/api/v1/targets', { kind: 'task', title: '建成全市双创服务平台', ...period, leadOrganisationId: kj });
    expect(r.statusCode, r.body).toBe(201);
    const task = r.json<TargetDetail>().target;
    expect(task).toMatchObject({ kind: 'task', indicator: { zh: '完成进度' }, comparison: 'at_least', value: 100, unit: '%', baseline: null, source: null, status: 'no_figure' });
    const part = async (regionCode: string) => {
      const p = await office.post('/api/v1/targets', { parentId: task.id, regionCode, title: `建成双创服务平台（${regionCode}）`, ...period, leadOrganisationId: kj });
      expect(p.statusCode, p.body).toBe(201);
      return p.json<TargetDetail>().target;
    };
    const [a, b] = [await part('450103'), await part('450107')];
    expect([a.kind, b.kind, a.unit]).toEqual(['task', 'task', '%']);
    const officer = await as('officer.nanning');
    expect((await officer.post(`/api/v1/targets/${a.id}/reports`, { period: '2026-10', value: 100, progress: '青秀区平台已上线' })).statusCode).toBe(200);
    expect((await officer.post(`/api/v1/targets/${b.id}/reports`, { period: '2026-10', value: 50, progress: '西乡塘区平台建设过半' })).statusCode).toBe(200);
    const whole = (await office.get(`/api/v1/targets/${task.id}`)).json<TargetDetail>().target;
    expect(whole).toMatchObject({ figureSource: 'parts', figure: 75, parts: 2 });
  });
});

describe('the work ledger', () => {
  it('the lead unit reports a figure for a reported target; the light follows; a revision replaces it', async () => {
    const officer = await as('officer.nanning');
    const id = await byCatalogue('nn.target.invention-patents-2020');
    const mine = (await officer.get('/api/v1/targets?mine=true')).json<TargetList>();
    expect(mine.items.map((i) => i.id)).toContain(id);
    expect(mine.items.every((i) => i.canReport)).toBe(true);

    const wrongCadence = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-Q3', value: 5, progress: '进展' });
    expect(errorFields(wrongCadence)).toEqual(['period:cadence']);
    const future = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-12', value: 5, progress: '进展' });
    expect(errorFields(future)).toEqual(['period:not_future']);

    const r = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-10', value: 6.5, progress: '新增发明专利授权 120 件' });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json<TargetDetail>();
    // 6.5 of 8 (0.81) against 324/365 (0.89) of the year: short by less than 0.1, yellow.
    expect(d.target).toMatchObject({ figure: 6.5, figureSource: 'reports', figureAsOf: '2026-10-31', status: 'at_risk' });
    expect(d.reports).toHaveLength(1);
    const revised = (await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-10', value: 8, progress: '更正：已达到 8 件' })).json<TargetDetail>();
    expect(revised.reports).toHaveLength(1);
    expect(revised.reports[0]).toMatchObject({ value: 8, progress: '更正：已达到 8 件' });
    expect(revised.reports[0]!.revisedAt).not.toBeNull();
    expect(revised.target.status).toBe('met');

    // A computed figure is not typed in.
    const bound = await byCatalogue('nn.target.maker-spaces-2020');
    expect(errorFields(await officer.post(`/api/v1/targets/${bound}/reports`, { period: '2026-10', value: 3, progress: '进展' }))).toEqual(['value:computed']);
    // Someone else's target is not theirs to report on.
    expect((await (await as('ent.nanning')).post(`/api/v1/targets/${id}/reports`, { period: '2026-10', progress: '进展' })).statusCode).toBe(404);
  });

  it('a report carries the reporter’s own uploads; the target’s units and the office download them, nobody else', async () => {
    const officer = await as('officer.nanning');
    const id = await byCatalogue('nn.target.invention-patents-2020');
    const mine = await uploadTestPdf(officer, 7, '专利授权清单.pdf');
    const theirs = await uploadTestPdf(await as('ent.nanning'), 8);
    const refused = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-09', value: 6, progress: '九月进展', attachments: [mine, theirs] });
    expect(errorFields(refused)).toEqual(['attachments.1:own_upload']);
    const r = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-09', value: 6, progress: '九月进展', attachments: [mine] });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json<TargetDetail>().reports.find((x) => x.period === '2026-09')!;
    expect(report.attachments).toEqual([{ id: mine, name: '专利授权清单.pdf', contentType: 'application/pdf' }]);
    const url = `/api/v1/targets/${id}/reports/${report.id}/attachments/${mine}`;
    for (const who of ['officer.nanning', 'office.nanning']) {
      const d = await (await as(who)).get(url);
      expect(d.statusCode, who).toBe(200);
      expect(d.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await (await as('ent.nanning')).get(url)).statusCode).toBe(404);
    expect((await officer.get(`/api/v1/targets/${id}/reports/${report.id}/attachments/${theirs}`)).statusCode).toBe(404);
  });

  it('a missing report is reminded the day after it is due, then escalated to the office, once each', async () => {
    const office = await as('office.nanning');
    const id = await byCatalogue('nn.target.maker-spaces-2020');
    const run = async (date: string) => {
      await enqueueAnyJob(t.deps.db, 'targets.daily', { date });
      await t.app.jobs.drain();
    };
    const notes = (username: string, kind: string) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications n JOIN identity_users u ON u.id = n.user_id WHERE u.username = ${username} AND n.kind = ${kind} AND n.link = ${`/targets/${id}`}`.execute(t.deps.db).then((r) => r.rows[0]!.n);
    // The October report (due 2026-11-10) from the science bureau is missing.
    await run('2026-11-10');
    expect(await notes('officer.nanning', 'targets.report_due')).toBe(0);
    await run('2026-11-11');
    expect(await notes('officer.nanning', 'targets.report_due')).toBe(1);
    expect(await notes('office.nanning', 'targets.report_escalated')).toBe(0);
    await run('2026-11-15');
    expect(await notes('office.nanning', 'targets.report_escalated')).toBe(0);
    await run('2026-11-16');
    await run('2026-11-17');
    expect(await notes('office.nanning', 'targets.report_escalated')).toBe(1);
    expect(await notes('officer.nanning', 'targets.report_due')).toBe(1);
    const detail = (await office.get(`/api/v1/targets/${id}`)).json<TargetDetail>();
    expect(detail.due.find((d) => d.organisation.name === '南宁市科学技术局')).toMatchObject({ period: '2026-10', dueOn: '2026-11-10', reported: false, chase: 'escalated' });
    // The unit that reported its October figure is not chased.
    const reported = await byCatalogue('nn.target.invention-patents-2020');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM targets_chases WHERE target_id = ${reported} AND organisation_id = (SELECT id FROM identity_organisations WHERE name = '南宁市科学技术局')`.execute(t.deps.db)).rows[0]!.n).toBe(0);
  });

  it('the lead unit consolidates its supporting units’ reports of the period; nobody else does', async () => {
    const office = await as('office.nanning');
    const id = await byCatalogue('nn.target.invention-patents-2020');
    const units = (await office.get('/api/v1/targets/options')).json<TargetOptions>().units;
    const rs = units.find((u) => u.name === '南宁市人力资源和社会保障局')!.organisationId;
    expect((await office.patch(`/api/v1/targets/${id}`, { supportingOrganisationIds: [rs] })).statusCode).toBe(200);
    const hr = await as('officer.hr.nanning');
    const theirs = (await hr.post(`/api/v1/targets/${id}/reports`, { period: '2026-10', value: 3, progress: '人才引进配合：新增专利人才 3 名' })).json<TargetDetail>();
    const hrReport = theirs.reports.find((r) => r.organisation.organisationId === rs && r.period === '2026-10')!;
    expect(hrReport.consolidatedBy).toBeNull();
    const september = (await hr.post(`/api/v1/targets/${id}/reports`, { period: '2026-09', progress: '九月配合' })).json<TargetDetail>().reports.find((r) => r.organisation.organisationId === rs && r.period === '2026-09')!;
    // A supporting unit does not consolidate; the lead consolidates only its supporting units' reports of the same period.
    expect(errorFields(await hr.post(`/api/v1/targets/${id}/reports`, { period: '2026-10', progress: '汇总', consolidates: [hrReport.id] }))).toEqual(['consolidates:lead_only']);
    const officer = await as('officer.nanning');
    const own = theirs.reports.find((r) => r.organisation.name === '南宁市科学技术局' && r.period === '2026-10')!;
    const wrong = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-10', value: 8, progress: '汇总', consolidates: [september.id, own.id, hrReport.id] });
    expect(errorFields(wrong)).toEqual(['consolidates.0:supporting_report_of_period', 'consolidates.1:supporting_report_of_period']);
    const r = await officer.post(`/api/v1/targets/${id}/reports`, { period: '2026-10', value: 8, progress: '汇总人社局报送：全年目标已达成', consolidates: [hrReport.id] });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json<TargetDetail>();
    expect(d.isLead).toBe(true);
    expect(d.reports.find((x) => x.id === own.id)).toMatchObject({ consolidates: [{ id: hrReport.id, organisationName: '南宁市人力资源和社会保障局' }], consolidatedBy: null });
    expect(d.reports.find((x) => x.id === hrReport.id)!.consolidatedBy).toMatchObject({ id: own.id, organisationName: '南宁市科学技术局' });
    expect(d.reports.find((x) => x.id === september.id)!.consolidatedBy).toBeNull();
    // The lead's figure stays the target's (the supporting unit's 3 does not replace it).
    expect(d.target).toMatchObject({ figure: 8, status: 'met' });
    expect((await hr.get(`/api/v1/targets/${id}`)).json<TargetDetail>().isLead).toBe(false);
  });

  it('the office sets milestones; the lead unit marks them reached; a figure reaches its own; states follow the day', async () => {
    const office = await as('office.nanning');
    const id = await byCatalogue('nn.target.invention-patents-2020');
    const add = (body: object) => office.post(`/api/v1/targets/${id}/milestones`, body);
    expect(errorFields(await add({ title: '明年', dueOn: '2027-01-05' }))).toEqual(['dueOn:within:target']);
    expect((await (await as('officer.nanning')).post(`/api/v1/targets/${id}/milestones`, { title: '自设', dueOn: '2026-06-30' })).statusCode).toBe(403);
    expect((await add({ title: '上半年每万人发明专利达到 4 件', dueOn: '2026-06-30', value: 4 })).statusCode).toBe(200);
    expect((await add({ title: '完成专利导航项目立项', dueOn: '2026-09-30' })).statusCode).toBe(200);
    const d = (await add({ title: '年度工作总结', dueOn: '2026-12-20' })).json<TargetDetail>();
    // Today 2026-11-20: the figure (8) reached the first; the second is past its day; the third is ahead.
    expect(d.milestones.map((m) => [m.title, m.state, m.byFigure])).toEqual([
      ['上半年每万人发明专利达到 4 件', 'reached', true],
      ['完成专利导航项目立项', 'overdue', false],
      ['年度工作总结', 'upcoming', false],
    ]);
    expect(d.target.milestones).toEqual({ total: 3, reached: 1, overdue: 1 });
    const [, navigation, summary] = d.milestones;
    const reach = (who: string, milestoneId: string, body: object) => as(who).then((c) => c.post(`/api/v1/targets/${id}/milestones/${milestoneId}/reach`, body));
    // A supporting unit does not mark it; the day is not in the future.
    expect((await reach('officer.hr.nanning', navigation!.id, {})).statusCode).toBe(403);
    expect(errorFields(await reach('officer.nanning', navigation!.id, { reachedOn: '2026-11-21' }))).toEqual(['reachedOn:not_future']);
    const reached = await reach('officer.nanning', navigation!.id, { reachedOn: '2026-10-08', note: '已立项，见十月报送' });
    expect(reached.statusCode, reached.body).toBe(200);
    expect(reached.json<TargetDetail>().milestones[1]).toMatchObject({ state: 'reached', byFigure: false, reachedOn: '2026-10-08', reachedBy: '王敏（经办）', note: '已立项，见十月报送' });
    expect((await reach('officer.nanning', navigation!.id, {})).statusCode).toBe(409);
    // The ledger counts them; a reached milestone stays, an unreached one can be removed.
    expect((await list()).items.find((i) => i.id === id)!.milestones).toEqual({ total: 3, reached: 2, overdue: 0 });
    expect((await office.delete(`/api/v1/targets/${id}/milestones/${navigation!.id}`)).statusCode).toBe(409);
    const removed = await office.delete(`/api/v1/targets/${id}/milestones/${summary!.id}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<TargetDetail>().milestones.map((m) => m.title)).toEqual(['上半年每万人发明专利达到 4 件', '完成专利导航项目立项']);
    expect((await office.delete(`/api/v1/targets/${id}/milestones/${summary!.id}`)).statusCode).toBe(404);
  });

  it('exports the ledger as .xlsx: 总表 with every target, one sheet per unit with its latest report', async () => {
    const office = await as('office.nanning');
    const r = await office.get('/api/v1/targets/ledger.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('总表');
    expect(names).toContain('南宁市科学技术局');
    const targets = await list();
    const summary = wb.getWorksheet('总表')!;
    expect(summary.actualRowCount).toBe(3 + targets.items.length);
    const rows = (ws: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      ws.eachRow((row, n) => n > 3 && out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const kj = rows(wb.getWorksheet('南宁市科学技术局')!);
    const patents = kj.find((row) => row[0] === '至2020年底每万人有效发明专利拥有量达到8件')!;
    // Figure 8 (the revised report) against the goal 8; the unit leads it; its October report.
    expect(patents[3]).toBe(8);
    expect(patents[5]).toBe(8);
    expect(patents[9]).toBe('已达标');
    expect(patents.slice(15, 18)).toEqual(['牵头', '2026-10', 8]);
    // Every sheet's unit leads or supports each of its rows (the 总表 has them all).
    expect(kj.length).toBe(targets.items.filter((i) => i.lead?.name === '南宁市科学技术局' || i.supporting.some((s) => s.name === '南宁市科学技术局')).length);
    expect((await (await as('officer.nanning')).get('/api/v1/targets/ledger.xlsx')).statusCode).toBe(403);
  });
});
