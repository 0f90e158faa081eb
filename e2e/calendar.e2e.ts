/**
 * The working calendar from the browser: the programme office opens 2027, enters a holiday on a
 * Saturday and is told which row is wrong (a holiday must fall on a weekday), corrects it to a
 * weekday holiday plus one Saturday worked in exchange (调休上班), names the notice, saves, and
 * after a reload sees both rows. An anonymous visitor on a phone reads the same year without any
 * edit controls.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followNav, scenario, screenshotPath, signIn, startServer, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const url = (path: string) => `${server.baseUrl}${path}`;

const YEAR = 2027;
/** 2027-01-01 is a Friday, 2027-01-02 a Saturday, 2027-02-06 a Saturday. */
const FRIDAY = '2027-01-01';
const SATURDAY = '2027-01-02';
const WORKED_SATURDAY = '2027-02-06';
const SOURCE = '国务院办公厅关于2027年部分节假日安排的通知（测试）';

beforeAll(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.SEEDBED_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** A person with their own session (browser context), signed in through the login page; null: anonymous. */
async function as(username: string | null, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${username ?? 'public'}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`${username ?? 'public'}: ${err.message}`));
  if (!username) return page;
  await signIn(page, server.baseUrl, username, true);
  return page;
}

/** Types a date into the date picker labelled `label` and confirms it. */
async function pickDate(page: Page, label: string, day: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  await expect(input.inputValue()).resolves.toBe(day);
}

/** The table's rows as their cells' text. */
async function tableRows(page: Page): Promise<string[]> {
  const rows = page.getByTestId('calendar-table').locator('tbody tr.ant-table-row');
  return (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}

describe('working calendar', () => {
  it('lets the programme office enter a year, naming the row a refusal is about', async () => {
    const office = await as('office.nanning', { width: 1280, height: 900 });
    await scenario(office, 'calendar-office', async () => {
      // The navigation offers the page to the programme office.
      await followNav(office, '工作日历');
      await office.getByRole('heading', { level: 1, name: '工作日历' }).waitFor();
      await office.getByText('截止日期按工作日计算').waitFor();

      await office.goto(url(`/calendar?year=${YEAR}`));
      await office.getByRole('heading', { level: 2, name: `${YEAR} 年放假调休安排` }).waitFor();
      await office.getByText(`${YEAR} 年尚未录入放假调休安排`).waitFor();
      await office.getByTestId('calendar-edit').click();

      // A holiday on a Saturday: the server refuses it and the page names the row.
      await office.getByRole('button', { name: '添加一行' }).click();
      await pickDate(office, '第1行 日期', SATURDAY);
      await office.getByLabel('第1行 名称', { exact: true }).fill('元旦');
      await office.getByLabel('依据（通知名称）', { exact: true }).fill(SOURCE);
      await office.getByRole('button', { name: '保存', exact: true }).click();
      const error = office.getByTestId('calendar-error');
      await error.waitFor();
      await expect(error.innerText()).resolves.toContain('第1行 类型');
      await office.screenshot({ path: screenshotPath('calendar-1-refused'), fullPage: true });
      // The editor fits a phone too.
      await office.setViewportSize({ width: 390, height: 844 });
      await expect(office.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
      await office.screenshot({ path: screenshotPath('calendar-1-refused-phone'), fullPage: true });
      await office.setViewportSize({ width: 1280, height: 900 });
      // The edits are still there to correct.
      await expect(office.getByLabel('第1行 日期', { exact: true }).inputValue()).resolves.toBe(SATURDAY);
      await expect(office.getByLabel('第1行 名称', { exact: true }).inputValue()).resolves.toBe('元旦');

      // Corrected: the holiday on the Friday, plus a Saturday worked in exchange.
      await pickDate(office, '第1行 日期', FRIDAY);
      await office.getByRole('button', { name: '添加一行' }).click();
      await pickDate(office, '第2行 日期', WORKED_SATURDAY);
      await office.getByLabel('第2行 类型', { exact: true }).click();
      await office.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '调休上班' }).click();
      await office.getByLabel('第2行 名称', { exact: true }).fill('春节');
      await office.getByRole('button', { name: '保存', exact: true }).click();
      await office.getByText(`${YEAR} 年工作日历已保存`).waitFor();
      await office.getByTestId('calendar-table').waitFor();

      await office.reload();
      await office.getByRole('heading', { level: 2, name: `${YEAR} 年放假调休安排` }).waitFor();
      await office.getByTestId('calendar-table').locator('tbody tr.ant-table-row').nth(1).waitFor();
      const rows = await tableRows(office);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain(`${FRIDAY} 周五`);
      expect(rows[0]).toContain('放假');
      expect(rows[0]).toContain('元旦');
      expect(rows[1]).toContain(`${WORKED_SATURDAY} 周六`);
      expect(rows[1]).toContain('调休上班');
      expect(rows[1]).toContain('春节');
      await expect(office.getByTestId('calendar-source').innerText()).resolves.toBe(SOURCE);
      await office.screenshot({ path: screenshotPath('calendar-2-saved'), fullPage: true });
    });
  });

  it('lets an anonymous visitor read the year on a phone, without edit controls', async () => {
    const visitor = await as(null, { width: 390, height: 844 });
    await scenario(visitor, 'calendar-anonymous', async () => {
      await visitor.goto(url(`/calendar?year=${YEAR}`));
      await visitor.getByRole('heading', { level: 2, name: `${YEAR} 年放假调休安排` }).waitFor();
      await visitor.getByTestId('calendar-table').locator('tbody tr.ant-table-row').nth(1).waitFor();
      const rows = await tableRows(visitor);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain(FRIDAY);
      expect(rows[1]).toContain(WORKED_SATURDAY);
      await expect(visitor.getByTestId('calendar-source').innerText()).resolves.toBe(SOURCE);
      await expect(visitor.getByTestId('calendar-edit').count()).resolves.toBe(0);
      await expect(visitor.getByRole('button', { name: '添加一行' }).count()).resolves.toBe(0);
      await expect(visitor.getByRole('button', { name: '保存', exact: true }).count()).resolves.toBe(0);
      // Nor is the page in the navigation for them.
      await expect(visitor.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作日历' }).count()).resolves.toBe(0);
      // The page fits the phone's width.
      await expect(visitor.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
      // The year selector moves to the next year, which has nothing entered.
      await visitor.getByRole('button', { name: `下一年（${YEAR + 1} 年）` }).click();
      await visitor.getByRole('heading', { level: 2, name: `${YEAR + 1} 年放假调休安排` }).waitFor();
      await visitor.getByText(`${YEAR + 1} 年尚未录入放假调休安排`).waitFor();
      await visitor.goBack();
      await visitor.getByRole('heading', { level: 2, name: `${YEAR} 年放假调休安排` }).waitFor();
      await visitor.screenshot({ path: screenshotPath('calendar-3-anonymous-phone'), fullPage: true });
    });
  });

  it('leaves no errors in the browser consoles', () => {
    // The refusal the scenario provokes (400) is an answer, not a page error.
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
