import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingList, BriefingView, TargetDashboard, TargetList } from '@seedbed/contract';
import { enqueueAnyJob } from '../src/platform/jobs.js';
import { demoSignIns, errorFields, testApp, type TestContext } from './test-app.js';

/**
 * Briefings and the leadership dashboard on the demo data (today 2026-11-20): the Nanning programme office loads the city
 * document's targets, a unit reports, the office drafts a briefing whose figures equal the targets
 * dashboard's, edits it, takes its figures again after a change, issues it (第1期, then 第2期), and
 * downloads it as .docx (with the chart as an image) and PDF; an issued briefing stays as it was.
 */
let t: TestContext;
const as = demoSignIns(() => t);

beforeAll(async () => {
  t = await testApp({ demo: true });
  const office = await as('office.nanning');
  expect((await office.post('/api/v1/targets/load', { document: 'nn-2016-34' })).statusCode).toBe(200);
  // Yuxi's science bureau acts as Yuxi's programme office here: another city's office.
  await sql`UPDATE identity_memberships SET roles = roles || '{programme_office}' WHERE user_id = (SELECT id FROM identity_users WHERE username = 'officer.yuxi')`.execute(t.deps.db);
}, 240_000);
afterAll(async () => t?.close());

const dashboard = async () => (await (await as('office.nanning')).get('/api/v1/targets')).json<TargetList>();
const sorted = (xs: { status: string; count: number }[]) => [...xs].sort((a, b) => a.status.localeCompare(b.status));
const byCatalogue = async (id: string) => (await sql<{ id: string }>`SELECT id FROM targets_targets WHERE catalogue_id = ${id} AND parent_id IS NULL`.execute(t.deps.db)).rows[0]!.id;
let draftId = '';

describe('drafting', () => {
  it('takes the dashboard figures of the day, lists the lead units and the targets behind', async () => {
    const officer = await as('officer.nanning');
    const patents = await byCatalogue('nn.target.invention-patents-2020');
    // 6.5 of 8 against 324/365 of the year: at risk, so the briefing names it.
    expect((await officer.post(`/api/v1/targets/${patents}/reports`, { period: '2026-10', value: 6.5, progress: '新增发明专利授权' })).statusCode).toBe(200);

    const office = await as('office.nanning');
    const r = await office.post('/api/v1/targets/briefings', { periodFrom: '2026-11-01', periodTo: '2026-11-30' });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json<BriefingView>();
    draftId = b.id;
    const board = await dashboard();
    expect(b).toMatchObject({ state: 'draft', number: null, year: null, regionCode: '450100', masthead: '双创工作简报', issuer: '南宁市推进大众创业万众创新工作办公室', issuedOn: null });
    expect(b.figures.asOf).toBe(board.asOf);
    expect(b.figures.total).toBe(board.items.length);
    expect(sorted(b.figures.byStatus)).toEqual(sorted(board.byStatus));
    expect(b.figures.attention.map((a) => a.title)).toContain(board.items.find((i) => i.id === patents)!.title.zh);
    expect(b.figures.attention.find((a) => a.status === 'at_risk')).toMatchObject({ figure: 6.5, lead: '南宁市科学技术局' });
    const science = b.figures.units.find((u) => u.name === '南宁市科学技术局')!;
    expect(science.targets).toBe(board.items.filter((i) => i.lead?.name === '南宁市科学技术局').length);
    expect(science.reports).toBe(1);
    expect(b.summary).toContain(`共有双创目标任务${board.items.length}项`);
    expect(b.summary).toContain('预警1项');
  });

  it('refuses a period that ends before it starts or begins in the future, and anyone but the office', async () => {
    const office = await as('office.nanning');
    expect(errorFields(await office.post('/api/v1/targets/briefings', { periodFrom: '2026-11-10', periodTo: '2026-11-01' }))).toEqual(['periodTo:after:periodFrom']);
    expect(errorFields(await office.post('/api/v1/targets/briefings', { periodFrom: '2026-12-01', periodTo: '2026-12-31' }))).toEqual(['periodFrom:not_future']);
    expect(errorFields(await office.post('/api/v1/targets/briefings', { periodFrom: '2026-11-01' }))).toContain('periodTo:required');
    expect((await (await as('officer.nanning')).get('/api/v1/targets/briefings')).statusCode).toBe(403);
    expect((await (await as('ent.nanning')).post('/api/v1/targets/briefings', { periodFrom: '2026-11-01', periodTo: '2026-11-30' })).statusCode).toBe(403);
    // Another city's office does not see Nanning's briefing.
    const other = await as('officer.yuxi');
    expect((await other.get(`/api/v1/targets/briefings/${draftId}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/targets/briefings')).json<BriefingList>().items.map((i) => i.id)).not.toContain(draftId);
  });
});

describe('editing and issuing', () => {
  it('edits the text, takes the figures again after a change, and keeps a rewritten summary', async () => {
    const office = await as('office.nanning');
    expect(errorFields(await office.patch(`/api/v1/targets/briefings/${draftId}`, { title: '  ' }))).toEqual(['title:required']);
    const edited = await office.patch(`/api/v1/targets/briefings/${draftId}`, { nextSteps: '加快推进众创空间建设。\n按月调度滞后任务。', title: '南宁市双创目标任务十一月推进情况' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<BriefingView>()).toMatchObject({ title: '南宁市双创目标任务十一月推进情况', nextSteps: '加快推进众创空间建设。\n按月调度滞后任务。' });

    // The report is revised to the full figure: the target is met; the refreshed draft follows.
    const officer = await as('officer.nanning');
    await officer.post(`/api/v1/targets/${await byCatalogue('nn.target.invention-patents-2020')}/reports`, { period: '2026-10', value: 8, progress: '已达到' });
    const refreshed = (await office.post(`/api/v1/targets/briefings/${draftId}/refresh`)).json<BriefingView>();
    expect(sorted(refreshed.figures.byStatus)).toEqual(sorted((await dashboard()).byStatus));
    expect(refreshed.figures.attention.find((a) => a.lead === '南宁市科学技术局' && a.status === 'at_risk')).toBeUndefined();
    expect(refreshed.summary).not.toContain('预警');
    expect(refreshed.title).toBe('南宁市双创目标任务十一月推进情况');

    await office.patch(`/api/v1/targets/briefings/${draftId}`, { summary: '本月总体平稳。' });
    const again = (await office.post(`/api/v1/targets/briefings/${draftId}/refresh`)).json<BriefingView>();
    expect(again.summary).toBe('本月总体平稳。');
  });

  it('issues with the next number of the year; an issued briefing cannot change', async () => {
    const office = await as('office.nanning');
    const issued = (await office.post(`/api/v1/targets/briefings/${draftId}/issue`)).json<BriefingView>();
    expect(issued).toMatchObject({ state: 'issued', year: 2026, number: 1, issuedOn: '2026-11-20' });
    const frozen = await office.patch(`/api/v1/targets/briefings/${draftId}`, { title: '改' });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'BRIEFING_ISSUED' });
    expect((await office.post(`/api/v1/targets/briefings/${draftId}/refresh`)).statusCode).toBe(409);
    expect((await office.post(`/api/v1/targets/briefings/${draftId}/issue`)).statusCode).toBe(409);

    const second = (await office.post('/api/v1/targets/briefings', { periodFrom: '2026-11-01', periodTo: '2026-11-20' })).json<BriefingView>();
    expect((await office.post(`/api/v1/targets/briefings/${second.id}/issue`)).json<BriefingView>()).toMatchObject({ number: 2, year: 2026 });
    const list = (await office.get('/api/v1/targets/briefings')).json<BriefingList>();
    expect(list.items.map((i) => i.number)).toEqual([2, 1]);
  });
});

describe('documents', () => {
  it('is a Word document in the briefing layout, with the chart as an image and the figures in its tables', async () => {
    const office = await as('office.nanning');
    const r = await office.get(`/api/v1/targets/briefings/${draftId}/briefing.docx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain('双创工作简报2026年第1期.docx');
    const zip = await JSZip.loadAsync(r.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of ['双创工作简报', '2026年第1期', '南宁市推进大众创业万众创新工作办公室', '2026年11月20日', '南宁市双创目标任务十一月推进情况', '本月总体平稳。', '二、各责任单位推进情况', '南宁市科学技术局', '加快推进众创空间建设。', '送：双创工作领导小组各成员单位。']) {
      expect(text).toContain(s);
    }
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
    // The chart's description carries the same counts as the dashboard.
    const board = await dashboard();
    for (const b of board.byStatus) expect(xml).toMatch(new RegExp(`descr="[^"]*${b.count}项`));
  });

  it('is a PDF with the chart; a briefing of another office is not to be had', async () => {
    const office = await as('office.nanning');
    const r = await office.get(`/api/v1/targets/briefings/${draftId}/briefing.pdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(r.rawPayload.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect((await (await as('officer.yuxi')).get(`/api/v1/targets/briefings/${draftId}/briefing.pdf`)).statusCode).toBe(404);
  });
});

describe('the leadership dashboard', () => {
  it('counts by lead unit as the ledger does, rolls districts up by region, and trends the daily lights by week', async () => {
    const office = await as('office.nanning');
    const makers = await byCatalogue('nn.target.maker-spaces-2020');
    // A part for a district (青秀区): the region view shows it under the district.
    const part = await office.post('/api/v1/targets', { parentId: makers, regionCode: '450103', title: '青秀区新建众创空间', indicator: '众创空间', comparison: 'at_least', value: 3, unit: '家', periodFrom: '2026-01-01', periodTo: '2026-12-31' });
    expect(part.statusCode, part.body).toBe(201);
    // The daily evaluation a fortnight ago found every top-level target behind.
    const board = await dashboard();
    for (const item of board.items) await sql`INSERT INTO targets_snapshots (target_id, day, status) VALUES (${item.id}, '2026-11-06', 'behind')`.execute(t.deps.db);

    const r = await office.get('/api/v1/targets/dashboard');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json<TargetDashboard>();
    const total = (counts: { count: number }[]) => counts.reduce((s, c) => s + c.count, 0);
    expect(d).toMatchObject({ asOf: board.asOf, regionCode: '450100', regionName: '南宁市' });
    expect(d.byUnit.reduce((s, u) => s + total(u.counts), 0)).toBe(board.items.length);
    const science = d.byUnit.find((u) => u.unit === '南宁市科学技术局')!;
    expect(total(science.counts)).toBe(board.items.filter((i) => i.lead?.name === '南宁市科学技术局').length);
    expect(d.byRegion[0]).toMatchObject({ regionCode: '450100' });
    expect(total(d.byRegion[0]!.counts)).toBe(board.items.length);
    expect(d.byRegion.find((x) => x.regionCode === '450103')).toMatchObject({ regionName: expect.stringContaining('青秀区'), counts: [{ count: 1 }] });
    // Weekly points: none before the first evaluation; the weeks after it read it; today is the ledger's.
    expect(d.trend.map((p) => p.day)).toEqual(['2026-11-06', '2026-11-13', '2026-11-20']);
    expect(d.trend[0]!.counts).toEqual([{ status: 'behind', count: board.items.length }]);
    expect(sorted(d.trend.at(-1)!.counts)).toEqual(sorted(board.byStatus));

    // The daily job keeps today's evaluation, one row per target.
    await enqueueAnyJob(t.deps.db, 'targets.daily', { date: '2026-11-20' });
    await t.app.jobs.drain();
    const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM targets_snapshots WHERE day = '2026-11-20'`.execute(t.deps.db);
    expect(kept.rows[0]!.n).toBe((await sql<{ n: number }>`SELECT count(*)::int AS n FROM targets_targets`.execute(t.deps.db)).rows[0]!.n);
    expect((await (await as('officer.nanning')).get('/api/v1/targets/dashboard')).statusCode).toBe(403);
  });
});
