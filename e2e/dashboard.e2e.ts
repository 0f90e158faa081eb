/**
 * The programme office's dashboard and audit log from the browser, on the demo's year of activity
 * (SEEDBED_DEMO_ACTIVITY=1: src/demo/seed-activity-demo.ts). office.nanning signs in and opens
 * /dashboard: the values drawn (the charts' data tables) equal the API's figures and the demo's
 * known setup; clicking the 已办结 bar opens the applications behind it, whose .xlsx export holds
 * numbers; a district narrows the figures. The audit log reads as sentences naming the actor and
 * the item, and its filters narrow it. Then the dashboard on a phone.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoIdentifiers } from './identifiers.js';
import { followNav, pickRegion, scenario, screenshotPath, signIn, startServer, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const url = (path: string) => `${server.baseUrl}${path}`;

/** The demo's enterprises of activity (seed-activity-demo.ts). */
const E1 = '南宁演示精工装备有限公司';
const E2 = '南宁演示智控科技有限公司';
const FIRST_SET = '首台（套）重大技术装备销售奖励';

beforeAll(async () => {
  process.env.SEEDBED_DEMO_ACTIVITY = '1';
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.SEEDBED_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  delete process.env.SEEDBED_DEMO_ACTIVITY;
});

async function as(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${username}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`${username}: ${err.message}`));
  await signIn(page, server.baseUrl, username, true);
  return page;
}

/** The values a chart drew, row by row (category → values of its series), from its data table. */
async function drawn(page: Page, testId: string): Promise<Map<string, number[]>> {
  const table = page.getByTestId(`${testId}-data`);
  await table.locator('td[data-value]').first().waitFor({ state: 'attached' });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th')!.textContent ?? '', Array.from(tr.querySelectorAll("td[data-value]")).map((td) => Number(td.getAttribute('data-value')))] as const),
  );
  return new Map(rows.map(([k, v]) => [k, v]));
}

interface Bar {
  key: string;
  label: { zh: string; en: string };
}
interface View {
  stages: (Bar & { count: number })[];
  departments: (Bar & { count: number; open: number })[];
  budgets: (Bar & { amountFen: number; committedFen: number; paidFen: number })[];
  processing: (Bar & { meanWorkingDays: number | null; overdue: number })[];
  matches: (Bar & { applied: number; eligibleNotApplied: number; possibleNotApplied: number })[];
}

describe('the programme office dashboard', () => {
  let office: Page;

  it('draws the figures the API computes from the demo year', async () => {
    office = await as('office.nanning', { width: 1280, height: 900 });
    await scenario(office, 'dashboard-figures', async () => {
      await office.goto(url('/dashboard'));
      await office.getByRole('heading', { level: 1, name: '数据看板' }).waitFor();
      const api = (await (await office.request.get(url('/api/v1/dashboard'))).json()) as View;

      const stages = await drawn(office, 'chart-stages');
      expect([...stages.keys()]).toEqual(api.stages.map((s) => s.label.zh));
      for (const s of api.stages) expect(stages.get(s.label.zh)).toEqual([s.count]);
      // The demo's setup: three concluded (two first-set rewards paid, one without money), three awaiting acceptance.
      expect(stages.get('已办结')).toEqual([3]);
      expect(stages.get('受理')).toEqual([3]);

      const departments = await drawn(office, 'chart-departments');
      for (const d of api.departments) expect(departments.get(d.label.zh)).toEqual([d.count, d.open]);
      // The activity demo's three applications of 工信委 are concluded; other demos (the guaranteed
      // loans' interest subsidy) may add open ones of their own.
      const [industry, industryOpen] = departments.get('南宁市工业和信息化委员会')!;
      expect(industry! - industryOpen!).toBe(3);
      expect(departments.get('南宁市人力资源和社会保障局')).toEqual([5, 3]);
      expect(departments.get('南宁市科学技术局')).toEqual([4, 3]);

      const budgets = await drawn(office, 'chart-budgets');
      const year = new Date().getFullYear();
      // Paid, committed, left: 80,000 + 120,000 元 paid of 1,000,000 元.
      expect(budgets.get(`${FIRST_SET}（${year}年）`)).toEqual([200_000_00, 0, 800_000_00]);
      for (const b of api.budgets) expect(budgets.get(b.label.zh)).toEqual([b.paidFen, b.committedFen, b.amountFen - b.committedFen - b.paidFen]);

      const processing = await drawn(office, 'chart-processing');
      for (const p of api.processing) expect(processing.get(p.label.zh)?.[0]).toBe(p.meanWorkingDays ?? 0);
      expect(processing.get('拨付')![0]).toBeGreaterThan(0);
      const overdue = await drawn(office, 'chart-overdue');
      for (const p of api.processing) expect(overdue.get(p.label.zh)).toEqual([p.overdue]);
      expect(overdue.get('受理')![0]).toBeGreaterThan(0);

      const matches = await drawn(office, 'chart-matches');
      for (const x of api.matches) expect(matches.get(x.label.zh)).toEqual([x.applied, x.eligibleNotApplied, x.possibleNotApplied]);
      // Applicants of the first-set reward in the demo: three enterprises.
      expect(matches.get(FIRST_SET)![0]).toBe(3);
      await office.screenshot({ path: screenshotPath('dashboard-1-desktop'), fullPage: true });
    });
  });

  it('drills down from a bar to its applications and exports them with numbers as numbers', async () => {
    await scenario(office, 'dashboard-drill', async () => {
      // 已办结 is the 8th of the ten stages, one of the two tallest bars: click near its foot.
      const canvas = office.getByTestId('chart-stages').locator('canvas');
      const box = (await canvas.boundingBox())!;
      const plotLeft = box.x + 30;
      const plotWidth = box.width - 30 - 16;
      await office.mouse.click(plotLeft + (7.5 * plotWidth) / 10, box.y + box.height - 45);
      const list = office.getByTestId('drill-list');
      await office.getByTestId('drill-title').filter({ hasText: '已办结环节的申请' }).waitFor();
      await list.getByText(E1).waitFor();
      expect(await list.locator('tbody tr.ant-table-row').count()).toBe(3);
      await list.getByText(E2).waitFor();
      await expectNoIdentifiers(office, 'dashboard drill-down');
      await office.screenshot({ path: screenshotPath('dashboard-2-drill'), fullPage: true });

      const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('drill-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headers = (ws.getRow(3).values as unknown[]).slice(1).map(String);
      const subject = headers.findIndex((h) => h.startsWith('申请主体')) + 1;
      const approved = headers.findIndex((h) => h.startsWith('批复金额')) + 1;
      const byName = new Map<string, unknown>();
      for (let r = 4; r <= ws.rowCount; r++) byName.set(String(ws.getRow(r).getCell(subject).value), ws.getRow(r).getCell(approved).value);
      expect(byName.get(E1)).toBe(80_000);
      expect(byName.get(E2)).toBe(120_000);
      expect(ws.getRow(4).getCell(approved).numFmt).toContain('元');

      // A row opens the application.
      await list.getByRole('link').first().click();
      await office.waitForURL(/\/fulfilment\/applications\//);
      await office.getByTestId('status').first().waitFor();
      await expectNoIdentifiers(office, 'application from the dashboard');
    });
  });

  it('narrows the figures to a district', async () => {
    await scenario(office, 'dashboard-region', async () => {
      await office.goto(url('/dashboard'));
      await office.getByTestId('chart-stages-data').locator('td').first().waitFor({ state: 'attached' });
      await office.getByTestId('dashboard-region').click();
      await pickRegion(office, ['南宁市', '西乡塘区']);
      await office.waitForURL(/region=450107/);
      await office.getByRole('heading', { level: 1, name: '数据看板' }).waitFor();
      await office.getByText(/西乡塘区 · /).waitFor();
      const stages = await drawn(office, 'chart-stages');
      const api = (await (await office.request.get(url('/api/v1/dashboard?regionCode=450107'))).json()) as View;
      for (const s of api.stages) expect(stages.get(s.label.zh)).toEqual([s.count]);
      // 西乡塘区 holds 南宁演示精工装备有限公司's three applications (paid, awaiting approval,
      // returned); other demos (the pre-IPO pool's listed firm) add pending awards of their own.
      expect([...stages.values()].reduce((n, [v]) => n + v!, 0)).toBeGreaterThanOrEqual(3);
      expect(stages.get('批复')![0]).toBeGreaterThanOrEqual(1);
      expect(stages.get('已办结')).toEqual([1]);
      expect(stages.get('退回补正')).toEqual([1]);
    });
  });

  it('reads the audit log as sentences; its filters narrow it', async () => {
    await scenario(office, 'dashboard-audit', async () => {
      await followNav(office, '审计日志');
      await office.waitForURL(/\/admin\/audit$/);
      const entries = office.getByTestId('audit-entry');
      await entries.first().waitFor();
      const before = await office.getByTestId('audit-total').innerText();
      await office.getByTestId('audit-who').locator('input').fill('蒙佳');
      await office.getByTestId('audit-who').locator('input').press('Enter');
      await entries.filter({ hasText: `蒙佳（工信经办） 受理了 ${E1} 的 ${FIRST_SET} 申请` }).waitFor();
      const after = await office.getByTestId('audit-total').innerText();
      expect(Number(after.replace(/\D/g, ''))).toBeLessThan(Number(before.replace(/\D/g, '')));
      for (const text of await entries.allInnerTexts()) expect(text.startsWith('蒙佳')).toBe(true);
      // Only this application: its whole history, whoever acted.
      await entries.filter({ hasText: `受理了 ${E1} 的 ${FIRST_SET} 申请` }).getByRole('button', { name: '只看此对象' }).click();
      await office.getByTestId('audit-object').waitFor();
      await office.getByTestId('audit-who').locator('.ant-input-clear-icon').click();
      await entries.filter({ hasText: `张华（财务） 拨付了 ${E1} 的 ${FIRST_SET} 申请，金额 80,000.00 元，办结` }).waitFor();
      expect(await entries.count()).toBe(7); // submitted, accepted, passed, approved, publicity concluded, payment requested, paid
      await office.screenshot({ path: screenshotPath('dashboard-3-audit'), fullPage: true });
    });
  });

  it('works on a phone', async () => {
    const phone = await as('office.nanning', { width: 390, height: 844 });
    await scenario(phone, 'dashboard-phone', async () => {
      await phone.goto(url('/dashboard'));
      await phone.getByTestId('chart-budgets-data').locator('td').first().waitFor({ state: 'attached' });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('dashboard-4-phone'), fullPage: true });
      await expectNoIdentifiers(phone, 'dashboard on a phone');
      await phone.goto(url('/admin/audit'));
      await phone.getByTestId('audit-entry').first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('dashboard-5-audit-phone'), fullPage: false });
    });
  }, 90_000);

  it('leaves no errors in the browser consoles', () => {
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
