import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY, ACTIVITY_ENTERPRISES, FIRST_SET } from '../src/demo/seed-activity-demo.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
/** The pending awards of the pre-IPO pool's demo (Nanning's municipal and Guangxi's 新三板 listing subsidies). */
const IPO_DEMO_AWARDS = 2;
let office: TestClient;

/** Where each scripted application of the demo ends up. */
function finalStatus(script: (typeof ACTIVITY)[number]): string {
  let status = 'acceptance';
  for (const step of script.steps) {
    if (step.do === 'accept') status = 'first_review';
    else if (step.do === 'pass') status = 'approval';
    else if (step.do === 'return') status = 'returned';
    else if (step.do === 'reject') status = 'rejected';
    else if (step.do === 'withdraw') status = 'withdrawn';
    else if (step.do === 'approve') status = 'publicity';
    else if (step.do === 'conclude') status = script.item === FIRST_SET ? 'payment' : 'closed';
    else if (step.do === 'pay') status = 'closed';
  }
  return status;
}

beforeAll(async () => {
  t = await testApp({ demo: true, config: { demoActivity: true } });
  office = new TestClient(t.app);
  await office.loginDemo('office.nanning', t.clock);
}, 240_000);
afterAll(async () => t?.close());

interface Bar {
  key: string;
  label: { zh: string; en: string };
  [k: string]: unknown;
}

describe('the programme office dashboard', () => {
  it('counts the demo year by stage and department, from the records', async () => {
    const r = await office.get('/api/v1/dashboard');
    expect(r.statusCode).toBe(200);
    const view = r.json<{ from: string; to: string; region: { code: string; name: string }; stages: (Bar & { count: number })[]; departments: (Bar & { count: number; open: number })[] }>();
    expect(view.region).toEqual({ code: '450100', name: '南宁市' });
    expect(view.from).toBe('2026-01-01');
    expect(view.to).toBe('2026-11-20');
    const expected = new Map<string, number>();
    for (const s of ACTIVITY) expected.set(finalStatus(s), (expected.get(finalStatus(s)) ?? 0) + 1);
    // The pre-IPO pool's demo: 广西绿源生物科技股份有限公司's 新三板 listing, verified, made Nanning's two listing subsidies pending awards at approval.
    expected.set('approval', (expected.get('approval') ?? 0) + IPO_DEMO_AWARDS);
    for (const bar of view.stages) expect([bar.key, bar.count]).toEqual([bar.key, expected.get(bar.key) ?? 0]);
    expect(view.stages.find((s) => s.key === 'closed')!.label).toEqual({ zh: '已办结', en: 'Closed' });
    const byDept = Object.fromEntries(view.departments.map((d) => [d.label.zh, [d.count, d.open]]));
    expect(byDept).toEqual({
      南宁市人力资源和社会保障局: [5, 3],
      南宁市科学技术局: [4, 3],
      南宁市工业和信息化委员会: [3, 0],
      南宁市地方金融监督管理局: [IPO_DEMO_AWARDS, IPO_DEMO_AWARDS],
    });
  });

  it('shows budgets committed and paid, stage times in working days and overdue work', async () => {
    const view = (await office.get('/api/v1/dashboard')).json<{
      budgets: (Bar & { year: number; amountFen: number; committedFen: number; paidFen: number })[];
      processing: (Bar & { stays: number; meanWorkingDays: number | null; medianWorkingDays: number | null; overdue: number })[];
    }>();
    const firstSet = view.budgets.find((b) => b.label.zh === '首台（套）重大技术装备销售奖励（2026年）')!;
    expect(firstSet).toMatchObject({ year: 2026, amountFen: 1_000_000_00, committedFen: 0, paidFen: (80_000 + 120_000) * 100 });
    const acceptance = view.processing.find((p) => p.key === 'acceptance')!;
    // Accepted, returned or rejected at acceptance: every application with a step at all, but the withdrawn one (withdrawn the day after).
    expect(acceptance.stays).toBe(ACTIVITY.filter((s) => s.steps.length > 0).length);
    expect(acceptance.meanWorkingDays).toBeGreaterThan(0);
    expect(view.processing.find((p) => p.key === 'payment')!.stays).toBe(2);
    // Overdue today (2026-11-20): acceptance of the item submitted 12 days ago (科技局, 5 working days),
    // first review at 人社局 accepted 18 days ago (10 working days), approval at 科技局 since 20 days ago (5 working days).
    expect(Object.fromEntries(view.processing.map((p) => [p.key, p.overdue]))).toMatchObject({ acceptance: 2, first_review: 1, approval: 1 });
  });

  it('drills down to the applications behind a bar and exports them with numbers as numbers', async () => {
    const closed = (await office.get('/api/v1/dashboard/table?figure=stages&key=closed')).json<{ rows: { cells: Record<string, unknown>; link: string }[] }>();
    expect(closed.rows).toHaveLength(3);
    expect(closed.rows.map((r) => r.cells.subject).sort()).toEqual([ACTIVITY_ENTERPRISES[0].name, ACTIVITY_ENTERPRISES[1].name, ACTIVITY_ENTERPRISES[2].name].sort());
    expect(closed.rows[0]!.link).toMatch(/^\/fulfilment\/applications\/[0-9a-f-]{36}$/);
    const view = (await office.get('/api/v1/dashboard')).json<{ budgets: Bar[] }>();
    const budget = view.budgets.find((b) => b.label.zh.startsWith('首台'))!;
    const awards = (await office.get(`/api/v1/dashboard/table?figure=budgets&key=${budget.key}`)).json<{ rows: { cells: Record<string, unknown> }[] }>();
    expect(awards.rows.map((r) => Number(r.cells.approvedFen)).sort((a, b) => a - b)).toEqual([80_000_00, 120_000_00]);

    const xlsx = await office.get(`/api/v1/dashboard/table.xlsx?figure=budgets&key=${budget.key}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    const approvedColumn = headers.findIndex((h) => String(h).startsWith('批复金额')) + 1;
    const amounts = [ws.getRow(4).getCell(approvedColumn), ws.getRow(5).getCell(approvedColumn)];
    expect(amounts.map((c) => Number(c.value)).sort((a, b) => a - b)).toEqual([80_000, 120_000]);
    expect(amounts[0]!.numFmt).toContain('元');
  });

  it('keeps the office to its own region and refuses those who do not supervise', async () => {
    expect((await office.get('/api/v1/dashboard?regionCode=360100')).statusCode).toBe(403);
    const district = (await office.get('/api/v1/dashboard?regionCode=450107')).json<{ stages: (Bar & { count: number })[] }>();
    // 西乡塘区: the applications of 南宁演示精工装备有限公司, and the pre-IPO pool's demo listing subsidies (广西绿源生物科技股份有限公司).
    expect(district.stages.reduce((n, s) => n + s.count, 0)).toBe(ACTIVITY.filter((s) => s.enterprise === 'E1').length + IPO_DEMO_AWARDS);
    expect((await office.get('/api/v1/dashboard?from=2026-05-01&to=2026-04-01')).statusCode).toBe(400);
    const officer = new TestClient(t.app);
    await officer.loginDemo('officer.nanning', t.clock);
    expect((await officer.get('/api/v1/dashboard')).statusCode).toBe(403);
  });
});

describe('applied, and qualifying but not applied', () => {
  it('counts each item\'s applicants once and lists only those who have not applied', async () => {
    const view = (await office.get('/api/v1/dashboard')).json<{ matches: (Bar & { applied: number; eligibleNotApplied: number; possibleNotApplied: number })[] }>();
    const applied = Object.fromEntries(view.matches.map((m) => [m.key, m.applied]));
    const expected: Record<string, Set<string>> = {};
    for (const s of ACTIVITY) (expected[s.item] ??= new Set()).add(s.enterprise);
    for (const [item, who] of Object.entries(expected)) expect(applied[item]).toBe(who.size);
    for (const m of view.matches) expect(m.eligibleNotApplied + m.possibleNotApplied).toBeGreaterThanOrEqual(0);
    const list = (await office.get(`/api/v1/dashboard/table?figure=matches&key=${FIRST_SET}`)).json<{ rows: { cells: Record<string, unknown> }[] }>();
    const firstSet = view.matches.find((m) => m.key === FIRST_SET)!;
    expect(list.rows).toHaveLength(firstSet.eligibleNotApplied + firstSet.possibleNotApplied);
    const applicants = ACTIVITY.filter((s) => s.item === FIRST_SET).map((s) => ACTIVITY_ENTERPRISES.find((e) => e.key === s.enterprise)!.name);
    for (const r of list.rows) expect(applicants).not.toContain(r.cells.subject);
  });
});

describe('the audit log as sentences', () => {
  it('names the actor, the applicant and the item, and its filters narrow the list', async () => {
    const all = (await office.get('/api/v1/admin/audit?limit=500')).json<{ total: number; items: { sentence: { zh: string; en: string }; action: string; kind: string | null }[] }>();
    const zh = all.items.map((i) => i.sentence.zh);
    expect(zh).toContain(`蒙佳（工信经办） 受理了 ${ACTIVITY_ENTERPRISES[0].name} 的 首台（套）重大技术装备销售奖励 申请`);
    expect(zh).toContain(`张华（财务） 拨付了 ${ACTIVITY_ENTERPRISES[0].name} 的 首台（套）重大技术装备销售奖励 申请，金额 80,000.00 元，办结`);
    expect(zh.some((s) => s.startsWith('张华（财务） 设立了 首台（套）重大技术装备销售奖励 2026 年度预算，金额 1,000,000.00 元'))).toBe(true);
    // No codes in the sentences.
    for (const s of all.items) expect(s.sentence.zh).not.toMatch(/[a-z]+\.[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}/);

    const mengjia = (await office.get(`/api/v1/admin/audit?limit=500&who=${encodeURIComponent('蒙佳')}&kind=application`)).json<{ total: number; items: { sentence: { zh: string } }[] }>();
    expect(mengjia.total).toBeGreaterThan(0);
    expect(mengjia.total).toBeLessThan(all.total);
    for (const i of mengjia.items) expect(i.sentence.zh.startsWith('蒙佳')).toBe(true);
    expect((await office.get('/api/v1/admin/audit?kind=nonsense')).statusCode).toBe(400);
    const none = (await office.get('/api/v1/admin/audit?from=2020-01-01&to=2020-12-31')).json<{ total: number }>();
    expect(none.total).toBe(0);

    const xlsx = await office.get(`/api/v1/admin/audit.xlsx?who=${encodeURIComponent('蒙佳')}&kind=application`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(mengjia.total + 1);
  });
});
