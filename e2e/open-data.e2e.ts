/**
 * Open statistics (数据开放) from the browser, on the demo's year of activity
 * (SEEDBED_DEMO_ACTIVITY=1): office.nanning reads the money paid on the dashboard; a visitor
 * reaches 数据开放 from the home page, picks 南宁市 and this year, and reads the same amount as
 * the public figure 已拨付金额; its charts by district and month by month add up to it; the
 * group's CSV download has a BOM and the same figure. Then the page on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserSession, pickRegion, scenario, screenshotPath } from './harness.js';

process.env.SEEDBED_DEMO_ACTIVITY = '1';
// A smaller synthetic population starts the server sooner; the figures read here are the demo's accounts'.
process.env.SEEDBED_DEMO_POPULATION = '300';
const session = browserSession();
afterAll(() => {
  delete process.env.SEEDBED_DEMO_ACTIVITY;
  delete process.env.SEEDBED_DEMO_POPULATION;
});
const { url, errors } = session;

/** The values a chart drew, row by row (category → values of its series), from its data table. */
async function drawn(page: Page, testId: string): Promise<Map<string, number[]>> {
  const table = page.getByTestId(`${testId}-data`);
  await table.locator('td[data-value]').first().waitFor({ state: 'attached' });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th')!.textContent ?? '', Array.from(tr.querySelectorAll('td[data-value]')).map((td) => Number(td.getAttribute('data-value')))] as const),
  );
  return new Map(rows.map(([k, v]) => [k, v]));
}

const figure = (page: Page, label: string) => page.locator(`[data-testid="open-figure"][data-label="${label}"]`);
const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

describe('open statistics', () => {
  let paidOnDashboard = 0;
  let submittedOnDashboard = 0;
  let period = '';

  it('shows the money paid that the dashboard shows, for the same region and period', async () => {
    const office = await session.person('office.nanning', true);
    await scenario(office, 'open-data-dashboard', async () => {
      await office.goto(url('/dashboard'));
      await office.getByRole('heading', { level: 1, name: '数据看板' }).waitFor();
      // The dashboard's default: the office's city, this year up to today.
      const subtitle = (await office.locator('h1 + div.ant-typography, h1 + .ant-typography').first().textContent()) ?? '';
      expect(subtitle).toMatch(/^南宁市 · \d{4}-01-01 至 \d{4}-\d{2}-\d{2}$/);
      period = subtitle.replace('南宁市 · ', '');
      const budgets = await drawn(office, 'chart-budgets');
      paidOnDashboard = [...budgets.values()].reduce((sum, [paid]) => sum + paid!, 0);
      const departments = await drawn(office, 'chart-departments');
      submittedOnDashboard = [...departments.values()].reduce((sum, [count]) => sum + count!, 0);
      // The demo year: 80,000 + 120,000 元 paid of the first-set budget.
      expect(paidOnDashboard).toBe(200_000_00);
    });

    const visitor = await session.person(null);
    await scenario(visitor, 'open-data-figures', async () => {
      await visitor.goto(url('/'));
      await visitor.getByTestId('home-open-data').click();
      await visitor.getByRole('heading', { level: 1, name: '数据开放' }).waitFor();
      // The whole platform first; then 南宁市 in the region cascader.
      await expect(visitor.getByTestId('open-data-subtitle').textContent()).resolves.toMatch(/^全平台（所有地区） · \d{4}年（/);
      await visitor.getByLabel('地区', { exact: true }).click();
      await pickRegion(visitor, ['广西壮族自治区', '南宁市']);
      await visitor.keyboard.press('Escape');
      await visitor.getByTestId('open-data-subtitle').filter({ hasText: /^南宁市 · / }).waitFor();
      expect(await visitor.getByTestId('open-data-subtitle').textContent()).toBe(`南宁市 · ${period.slice(0, 4)}年（${period}）`);

      const paid = figure(visitor, '已拨付金额');
      await expect(paid.getAttribute('data-value').then(Number)).resolves.toBe(paidOnDashboard);
      await expect(paid.textContent()).resolves.toContain(yuan(paidOnDashboard));
      // The dashboard's applications by department also count awards nobody applied for (免申即享,
      // outcomes, loan quarters); the public 提交的兑现申请 counts those applied for online only.
      expect(submittedOnDashboard).toBeGreaterThan(0);
      const submitted = Number(await figure(visitor, '提交的兑现申请').getAttribute('data-value'));
      expect(submitted).toBeGreaterThan(0);
      expect(submitted).toBeLessThanOrEqual(submittedOnDashboard);

      // Its charts and sentence: month by month adding up to the figure (money paid is a flow); the
      // districts all 0, as payments are placed by the paying finance department, the city's own.
      await paid.click();
      await visitor.getByTestId('open-sentence').filter({ hasText: '已拨付金额' }).waitFor();
      expect(await visitor.getByTestId('open-sentence').textContent()).toContain(`南宁市${period.slice(0, 4)}年已拨付金额为${yuan(paidOnDashboard)}。`);
      const months = await drawn(visitor, 'open-chart-months');
      expect([...months.keys()][0]).toBe('1月');
      expect([...months.values()].reduce((s, [v]) => s + v!, 0)).toBe(paidOnDashboard);
      await visitor.getByTestId('open-regions-zero').filter({ hasText: '记在南宁市本级' }).waitFor();

      // Enterprises registered, by district: each district's own count, together at most the city's.
      const registered = figure(visitor, '新注册企业');
      const inCity = Number(await registered.getAttribute('data-value'));
      await registered.click();
      await visitor.getByTestId('open-sentence').filter({ hasText: '新注册企业' }).waitFor();
      const districts = await drawn(visitor, 'open-chart-regions');
      expect(districts.size).toBeGreaterThan(5);
      expect([...districts.keys()].every((name) => name.startsWith('南宁市'))).toBe(true);
      const sum = [...districts.values()].reduce((s, [v]) => s + v!, 0);
      expect(sum).toBeGreaterThan(0);
      expect(sum).toBeLessThanOrEqual(inCity);

      // The group's CSV: a BOM, then the header and the city's row with the same amount in 元.
      const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByTestId('download-budgets-csv').click()]);
      expect(download.suggestedFilename()).toBe(`预算与拨付-南宁市-${period.slice(0, 4)}.csv`);
      const bytes = readFileSync((await download.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('指标 Figure,指标（英文） Figure (English),单位 Unit,地区 Region,开始日期 From,结束日期 To,数值 Value');
      const [from, to] = period.split(' 至 ');
      expect(lines[1]).toBe(`已拨付金额,Amount paid,元 yuan,南宁市,${from},${to},${paidOnDashboard / 100}`);
      await visitor.screenshot({ path: screenshotPath('open-data-1-desktop'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });

  it('reads on a phone, with an empty state for a period with nothing yet', async () => {
    const phone = await session.person(null, false, { width: 390, height: 844 });
    await scenario(phone, 'open-data-phone', async () => {
      await phone.goto(url(`/open-data?region=450100&figure=${encodeURIComponent('fulfilment.applications_submitted')}`));
      await phone.getByRole('heading', { level: 1, name: '数据开放' }).waitFor();
      await drawn(phone, 'open-chart-months');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('open-data-2-phone'), fullPage: true });

      // January 2000: nothing recorded yet.
      await phone.goto(url('/open-data?region=450100&period=2000-01'));
      await phone.getByText('所选地区和期间暂无数据').waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('open-data-3-phone-empty'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
