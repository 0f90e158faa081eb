/**
 * Supervision items (督办件) from the browser, in Nanning: the programme office (office.nanning)
 * loads the city document's targets and issues an item on the invention-patent target; its lead
 * unit, the science bureau (officer.nanning), finds it from the ledger page, answers it (desktop
 * and phone); the office closes it with its closing record, and the history shows each step.
 */
import type { Page } from 'playwright-core';
import type { SupervisionItemView, SupervisionList } from '@seedbed/contract';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath } from './harness.js';

const session = browserSession();
const { errors } = session;
const PATENTS = '至2020年底每万人有效发明专利拥有量达到8件';
const SUBJECT = '加快发明专利培育';
/** A week from today in Beijing time. */
const inAWeek = new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const apiItems = async (page: Page) => ((await (await page.request.get(session.url('/api/v1/targets/supervision-items'))).json()) as SupervisionList).items;

describe('supervision: the office issues an item, the unit answers, the office closes it', () => {
  let office: Page;

  it('the office issues an item on a target to its lead unit', async () => {
    office = await session.person('office.nanning', true);
    await scenario(office, 'supervision-issue', async () => {
      await followNav(office, '目标任务');
      await office.getByRole('button', { name: '载入文件目标' }).click();
      const load = office.getByRole('dialog');
      await load.getByLabel('政策文件').click();
      await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '南宁市' }).first().click();
      await load.getByRole('button', { name: '载入文件目标' }).click();
      await office.getByRole('link', { name: PATENTS }).click();
      await office.getByRole('heading', { level: 1, name: PATENTS }).waitFor();
      const section = office.getByTestId('target-supervision');
      await section.getByText('暂无督办件').waitFor();

      await section.getByRole('button', { name: '交办督办件' }).click();
      const dialog = office.getByRole('dialog');
      // The responsible unit defaults to the lead unit.
      await dialog.getByText('南宁市科学技术局').waitFor();
      await dialog.getByLabel('督办事项').fill(SUBJECT);
      await dialog.getByLabel('督办要求').fill('请说明四季度发明专利授权的推进措施和预计完成数');
      // A deadline in the past is refused by the server, naming the field.
      await dialog.getByLabel('办理期限').fill('2020-01-01');
      await dialog.getByRole('button', { name: '交办督办件' }).click();
      await dialog.getByText('办理期限不能早于今天').first().waitFor();
      await dialog.getByLabel('办理期限').fill(inAWeek);
      await dialog.getByRole('button', { name: '交办督办件' }).click();
      await office.getByText('督办件已交办').first().waitFor();
      const item = section.getByTestId('supervision-item');
      await item.getByText(SUBJECT).waitFor();
      expect(await item.getByTestId('supervision-tags').innerText()).toContain('待答复');
      await office.screenshot({ path: screenshotPath('supervision-1-issued'), fullPage: true });
    });
  });

  it('the science bureau finds it from the ledger and answers it, on a desktop and a phone', async () => {
    const unit = await session.person('officer.nanning', true);
    await scenario(unit, 'supervision-answer', async () => {
      await followNav(unit, '目标任务');
      await unit.getByTestId('supervision-note').getByRole('link', { name: '有 1 件督办件待您办理' }).click();
      await unit.getByRole('heading', { level: 1, name: '督办件' }).waitFor();
      await unit.getByTestId('supervision-filter').getByText('待答复 1').click();
      await unit.getByTestId('supervision-list-table').getByRole('link', { name: SUBJECT }).waitFor();
      await unit.screenshot({ path: screenshotPath('supervision-2-list'), fullPage: true });
      // Nothing closed yet: the empty state.
      await unit.getByTestId('supervision-filter').getByText('已办结 0').click();
      await unit.getByText('没有符合条件的督办件').waitFor();
      await unit.getByTestId('supervision-filter').getByText('全部 1').click();
      await unit.getByRole('link', { name: SUBJECT }).click();
      await unit.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();

      const phone = await session.person('officer.nanning', true, { width: 390, height: 844 });
      await phone.goto(session.url('/targets/supervision'));
      await phone.getByTestId('supervision-list-cards').getByRole('link', { name: SUBJECT }).waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('supervision-3-phone-list'), fullPage: true });

      const form = unit.getByTestId('supervision-answer-form');
      await form.getByLabel('答复内容').fill('已开展专利导航 3 场，预计年底新增授权 150 件');
      await form.getByRole('button', { name: '答复' }).click();
      await unit.getByText('已答复').first().waitFor();
      await form.waitFor({ state: 'detached' });
      const [api] = await apiItems(unit);
      expect(api).toMatchObject({ status: 'answered', canAnswer: false });
      expect(await unit.getByTestId('supervision-history').innerText()).toContain('南宁市科学技术局');

      await phone.goto(unit.url());
      await phone.getByTestId('supervision-history').getByText('已开展专利导航 3 场').waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('supervision-4-phone-item'), fullPage: true });
    });
  });

  it('the office closes it with its closing record; the history has every step', async () => {
    await scenario(office, 'supervision-close', async () => {
      await office.reload();
      const item = office.getByTestId('target-supervision').getByTestId('supervision-item');
      expect(await item.getByTestId('supervision-tags').innerText()).toContain('已答复');
      const form = item.getByTestId('supervision-decision-form');
      await form.getByLabel('审核意见').fill('措施具体，予以办结');
      await form.getByRole('button', { name: '办结' }).click();
      await office.getByText('督办件已办结').first().waitFor();
      await expect.poll(async () => item.getByTestId('supervision-tags').innerText()).toContain('已办结');
      const [api] = (await apiItems(office)) as [SupervisionItemView];
      expect(api.status).toBe('closed');
      expect(api.history.map((h) => h.action)).toEqual(['issued', 'answered', 'closed']);
      const history = await item.getByTestId('supervision-history').innerText();
      for (const text of ['交办', '答复', '办结', '措施具体，予以办结']) expect(history).toContain(text);
      await office.screenshot({ path: screenshotPath('supervision-5-closed'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
