/**
 * The pre-IPO pool from the browser, in Nanning: ent.nanning's firm (南宁青禾智能科技有限公司)
 * applies to enter with the 新三板 as its board; finoffice.nanning (南宁市地方金融监督管理局, the
 * catalogue's 市金融办) admits it and sees the pool counted by stage; the firm records its 挂牌
 * with a PDF; the office verifies it; the firm sees Nanning's 新三板挂牌 subsidies in fulfilment,
 * at 批复 (approval), on a desktop and a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, samplePdf, scenario, screenshotPath } from './harness.js';

const session = browserSession();
const { url, errors } = session;
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);
const FIRM = '南宁青禾智能科技有限公司';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function choose(page: Page, dialog: ReturnType<Page['getByRole']>, label: string, option: string): Promise<void> {
  await dialog.getByLabel(label).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
}

describe('a firm enters the pool, records its listing, and its subsidies reach fulfilment', () => {
  let firm: Page;
  let office: Page;

  it('the firm applies to enter the pool', async () => {
    firm = await session.person('ent.nanning', false);
    await scenario(firm, 'ipo-apply', async () => {
      await followNav(firm, '上市培育');
      await firm.getByRole('heading', { level: 1, name: '上市培育' }).waitFor();
      await firm.getByTestId('ipo-apply').click();
      const dialog = firm.getByRole('dialog', { name: '申请进入后备上市企业资源库' });
      await choose(firm, dialog, '拟上市板块', '新三板');
      await choose(firm, dialog, '目前所处阶段', '申报受理');
      await dialog.getByTestId('ipo-note').fill('挂牌申请已获全国股转公司受理，预计下月挂牌。');
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await firm.getByText('已提交入库申请，等待金融办审核').waitFor();
      await firm.getByTestId('ipo-entry').getByText('待金融办审核').first().waitFor();
    });
  });

  it('the finance office admits it and sees the pool by stage', async () => {
    office = await session.person('finoffice.nanning', true);
    await scenario(office, 'ipo-admit', async () => {
      await followNav(office, '后备上市企业资源库');
      await office.getByRole('heading', { level: 1, name: '后备上市企业资源库' }).waitFor();
      const row = listOf(office, 'ipo-pool').locator('tr', { hasText: FIRM });
      await row.getByText('待金融办审核').waitFor();
      await row.getByTestId('ipo-admit').click();
      await office.getByText('已入库', { exact: true }).first().waitFor();
      await listOf(office, 'ipo-pool').locator('tr', { hasText: FIRM }).getByTestId('ipo-admit').waitFor({ state: 'detached' });
      // The chart's table: the demo's firms at 辅导备案 and 挂牌/上市, this one at 申报受理.
      const data = office.getByTestId('ipo-stage-chart-data');
      await data.locator('tr', { hasText: '申报受理' }).getByText('1').waitFor();
      await expect(data.locator('tr', { hasText: '辅导备案' }).innerText()).resolves.toContain('1');
      await office.screenshot({ path: screenshotPath('ipo-1-pool'), fullPage: true });
    });
  });

  it('the firm records its 挂牌 with evidence and the office verifies it', async () => {
    await scenario(firm, 'ipo-record', async () => {
      await firm.goto(url('/ipo/mine'));
      await firm.getByTestId('ipo-entry').getByText('已入库').waitFor();
      await firm.getByTestId('ipo-record-stage').click();
      const dialog = firm.getByRole('dialog', { name: '登记达到的上市进程阶段' });
      await choose(firm, dialog, '阶段', '挂牌/上市');
      await dialog.locator('.ant-picker-input input').first().fill(today());
      await firm.keyboard.press('Enter');
      await dialog.locator('input[type="file"]').setInputFiles({ name: '挂牌公告.pdf', mimeType: 'application/pdf', buffer: samplePdf('Listing notice') });
      await dialog.getByText('挂牌公告.pdf').waitFor();
      await dialog.getByRole('button', { name: '登记' }).click();
      await firm.getByText('已登记，等待金融办核实').waitFor();
      await listOf(firm, 'ipo-records').getByText('待金融办核实').first().waitFor();
    });
    await scenario(office, 'ipo-verify', async () => {
      await office.goto(url('/ipo/pool'));
      const row = listOf(office, 'ipo-awaiting').locator('tr', { hasText: FIRM });
      await row.getByText('挂牌公告.pdf').waitFor();
      await office.screenshot({ path: screenshotPath('ipo-2-awaiting'), fullPage: true });
      await row.getByTestId('ipo-verify').click();
      await office.getByText('已核实，奖励已进入兑现流程').waitFor();
      await listOf(office, 'ipo-awaiting').locator('tr', { hasText: FIRM }).waitFor({ state: 'detached' });
    });
  });

  it('the firm sees its subsidies pending in fulfilment, on a desktop and a phone', async () => {
    for (const [name, page] of [
      ['desktop', firm],
      ['phone', await session.person('ent.nanning', false, { width: 390, height: 844 })],
    ] as const) {
      await scenario(page, `ipo-rewards-${name}`, async () => {
        await page.goto(url('/ipo/mine'));
        const rewards = page.getByTestId('ipo-reward');
        await rewards.filter({ hasText: '新三板挂牌市本级工作经费补助' }).getByText('最高 100 万元').waitFor();
        await rewards.filter({ hasText: '新三板挂牌自治区一次性工作经费补助' }).getByText('50 万元').waitFor();
        expect(await rewards.getByText('已进入兑现流程').count()).toBe(2);
        expect(await rewards.getByText('当前环节：批复').count()).toBe(2);
        await page.screenshot({ path: screenshotPath(`ipo-3-firm-${name}`), fullPage: true });
      });
    }
  });

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
