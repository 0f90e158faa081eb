/**
 * Investors from the browser: the guidance fund (inv.fund.nanning) finds the demo's published
 * roadshow project and expresses interest with a message; the firm (ent.nanning) accepts contact
 * on its projects page and sees the fund's contact; the fund then sees the firm's contact; the
 * finance office (finoffice.nanning) opens the finance dashboard and each chart's data table
 * equals the API; the roadshow and the directory on a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);
const PROJECT = '工业视觉缺陷检测系统 A 轮融资';
const FUND = '南宁市科技成果转化引导基金';

/** The values a chart drew, row by row (category → values of its series), from its data table. */
async function drawn(page: Page, testId: string): Promise<Map<string, number[]>> {
  const table = page.getByTestId(`${testId}-data`);
  await table.locator('td[data-value]').first().waitFor({ state: 'attached' });
  const rows = await table.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th')!.textContent ?? '', Array.from(tr.querySelectorAll('td[data-value]')).map((td) => Number(td.getAttribute('data-value')))] as const),
  );
  return new Map(rows.map(([k, v]) => [k, v]));
}
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

describe('an investor meets a firm on the roadshow; the finance office reads the dashboard', () => {
  let fund: Page;
  let ent: Page;

  it('the fund expresses interest in the published project', async () => {
    fund = await session.person('inv.fund.nanning', false);
    await scenario(fund, 'investors-interest', async () => {
      await followNav(fund, '项目路演');
      await fund.getByRole('heading', { level: 1, name: '项目路演' }).waitFor();
      await listOf(fund, 'roadshow-list').getByRole('link', { name: PROJECT }).click();
      await fund.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
      await fund.getByTestId('interest-message').fill('我们是市级引导基金，希望了解贵公司的客户数据并安排尽调。');
      await fund.getByTestId('interest-submit').click();
      await listOf(fund, 'project-interests').getByText('待企业答复').waitFor();
      await expectNoIdentifiers(fund, 'the project page');
      await fund.screenshot({ path: screenshotPath('investors-1-interest'), fullPage: true });
    });
  }, 90_000);

  it('the firm accepts contact and sees the fund’s contact; the fund sees the firm’s', async () => {
    ent = await session.person('ent.nanning', false);
    await scenario(ent, 'investors-accept', async () => {
      await followNav(ent, '我的路演项目');
      const list = listOf(ent, 'mine-interests');
      const row = list.locator('tr, .ant-card').filter({ hasText: FUND }).last();
      await row.getByTestId('interest-accept').click();
      await list.getByText('0771-5803456').waitFor();
      // The demo's other interest is still pending.
      await list.getByTestId('interest-accept').first().waitFor();
      await expectNoIdentifiers(ent, 'my roadshow projects');
      await ent.screenshot({ path: screenshotPath('investors-2-accepted'), fullPage: true });
    });
    await scenario(fund, 'investors-contact', async () => {
      await fund.goto(url('/investors/desk'));
      await listOf(fund, 'desk-interests').getByText('0771-5806789').waitFor();
      await fund.screenshot({ path: screenshotPath('investors-3-desk'), fullPage: true });
    });
  }, 90_000);

  it('the finance office opens the dashboard: each chart’s data table equals the API', async () => {
    const office = await session.person('finoffice.nanning', true);
    await scenario(office, 'investors-dashboard', async () => {
      await followNav(office, '金融看板');
      await office.getByRole('heading', { level: 1, name: '金融看板' }).waitFor();
      const api = (await office.evaluate(async () => (await fetch('/api/v1/finance/dashboard', { credentials: 'same-origin' })).json())) as {
        needsPosted: number;
        byBank: { name: string; principalFen: number; subsidyFen: number }[];
        byDistrict: { name: string; principalFen: number; subsidyFen: number }[];
      };
      expect(api.byBank.length).toBeGreaterThan(0);
      for (const [testId, rows] of [['dashboard-banks', api.byBank], ['dashboard-districts', api.byDistrict]] as const) {
        const table = await drawn(office, testId);
        expect([...table.keys()]).toEqual(rows.map((r) => r.name));
        for (const r of rows) expect(table.get(r.name)).toEqual([wan(r.principalFen), wan(r.subsidyFen)]);
      }
      await office.getByTestId('dashboard-figures').getByText(String(api.needsPosted), { exact: true }).first().waitFor();
      await expectNoIdentifiers(office, 'the finance dashboard');
      await office.screenshot({ path: screenshotPath('investors-4-dashboard'), fullPage: true });
    });
  }, 90_000);

  it('the roadshow and the directory on a phone', async () => {
    const phone = await session.person(null, false, { width: 390, height: 844 });
    await scenario(phone, 'investors-phone', async () => {
      await phone.goto(url('/roadshow'));
      await listOf(phone, 'roadshow-list').getByText(PROJECT).waitFor();
      await phone.screenshot({ path: screenshotPath('investors-5-phone-roadshow'), fullPage: true });
      await phone.goto(url('/investors'));
      await listOf(phone, 'investors-list').getByText(FUND).waitFor();
      await phone.screenshot({ path: screenshotPath('investors-6-phone-directory'), fullPage: true });
    });
  }, 60_000);

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
