/**
 * Mentors from the browser: the founder (韦小燕) describes her need, the platform suggests
 * mentors and says why, she asks the best match (覃志远, mentor.nanning); the mentor accepts and
 * books a session today; both confirm it with a short record and it counts; the programme office
 * sees it against the mentor's yearly commitment (chart and table), on a desktop and a phone.
 * The office adds a mentor on its form (each missing field named first), sees the new mentor in
 * the library, and corrects the yearly commitment.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, pickRegion, scenario, screenshotPath } from './harness.js';

const session = browserSession();
const { url, errors } = session;
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);

/**
 * Waits until the table has settled: the loading veil gone. While loading, antd's Spin dims the
 * table (opacity 0.5 and a white layer) and fades that out over 0.3 s once the rows arrive; a
 * screenshot taken in that moment shows the rows greyed.
 */
async function settled(page: Page, testId: string): Promise<void> {
  await page.waitForFunction((id) => {
    const table = document.querySelector(`[data-testid="${id}-table"]`);
    const container = table?.closest('.ant-spin-container');
    if (!table || !container) return false;
    return table.closest('[aria-busy="true"]') === null && getComputedStyle(container).opacity === '1' && getComputedStyle(container, '::after').opacity === '0';
  }, testId);
}

describe('a founder is matched with a mentor and a session is confirmed by both', () => {
  let founder: Page;
  let mentor: Page;
  let office: Page;

  it('the founder asks the best suggested match', async () => {
    founder = await session.person('founder', false);
    await scenario(founder, 'mentors-ask', async () => {
      await followNav(founder, '创业导师');
      await founder.getByRole('heading', { level: 1, name: '创业导师' }).waitFor();
      await founder.getByTestId('need').fill('完善商业计划书，准备天使轮融资');
      await founder.getByTestId('need-fields').click();
      await founder.locator('.ant-select-item-option', { hasText: '商业模式与创业计划' }).click();
      await founder.locator('.ant-select-item-option', { hasText: '融资与投资对接' }).click();
      await founder.keyboard.press('Escape');
      await founder.getByTestId('suggest').click();
      const suggestions = founder.getByTestId('suggestions');
      await suggestions.getByText('覃志远').waitFor();
      await suggestions.getByText(/擅长您需要的2个领域/).waitFor();
      await founder.screenshot({ path: screenshotPath('mentors-1-suggestions'), fullPage: true });
      await founder.getByRole('button', { name: '向覃志远申请' }).click();
      await founder.getByTestId('asked').waitFor();
    });
  });

  it('the mentor accepts and books a session; both confirm it', async () => {
    mentor = await session.person('mentor.nanning', false);
    await scenario(mentor, 'mentors-accept', async () => {
      await followNav(mentor, '我的导师辅导');
      const card = mentor.getByTestId('pairing').first();
      await card.getByText('完善商业计划书，准备天使轮融资').waitFor();
      await card.getByRole('button', { name: '接受' }).click();
      await card.getByTestId('pairing-status').filter({ hasText: '辅导中' }).waitFor();
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      await card.locator('.ant-picker-input input').first().fill(today);
      await mentor.keyboard.press('Enter');
      await card.getByLabel('地点').fill('广西创业投资有限公司会议室');
      await card.getByRole('button', { name: '预约辅导' }).click();
      await card.locator('[data-testid^="session-"]').first().waitFor();
      await card.getByPlaceholder('简要记录本次辅导内容').fill('梳理了商业模式与收入结构');
      await card.getByRole('button', { name: '确认已辅导' }).click();
      await card.getByText('待创业者确认').waitFor();
    });
    await scenario(founder, 'mentors-confirm', async () => {
      await founder.goto(url('/mentors/mine'));
      const card = founder.getByTestId('pairing').first();
      await card.getByText('导师记录：').waitFor();
      await card.getByPlaceholder('简要记录本次辅导内容').fill('明确了融资计划的下一步');
      await card.getByRole('button', { name: '确认已辅导' }).click();
      await card.getByText('双方已确认').waitFor();
      await founder.screenshot({ path: screenshotPath('mentors-2-confirmed'), fullPage: true });
    });
  }, 240_000);

  it('the programme office sees it against the yearly commitment', async () => {
    office = await session.person('office.nanning', true);
    await scenario(office, 'mentors-office', async () => {
      await followNav(office, '导师辅导情况');
      await listOf(office, 'commitments').getByText('1 / 12').first().waitFor();
      await office.getByTestId('commitments-chart').waitFor();
      await settled(office, 'commitments');
      await office.screenshot({ path: screenshotPath('mentors-3-office'), fullPage: true });
    });
    const phone = await session.person('founder', false, { width: 390, height: 844 });
    await scenario(phone, 'mentors-phone', async () => {
      await phone.goto(url('/mentors/mine'));
      await phone.getByText('双方已确认').waitFor();
      await phone.screenshot({ path: screenshotPath('mentors-4-phone'), fullPage: true });
    });
  }, 240_000);

  it('the office adds a mentor on its form, sees them in the library and corrects the commitment', async () => {
    await scenario(office, 'mentors-add', async () => {
      await office.goto(url('/mentors-office'));
      await office.getByTestId('add-mentor').click();
      const dialog = office.getByRole('dialog');
      await dialog.getByTestId('mentor-save').click();
      // Each missing field is named.
      for (const text of ['请填写导师姓名（至少2个字）', '请填写所在单位（至少2个字）', '请选择导师所在区县', '请至少选择一个擅长领域', '请填写可辅导时间（至少2个字），如“每周三下午”']) await dialog.getByText(text).waitFor();
      await dialog.getByLabel('导师姓名').fill('黄海燕');
      await dialog.getByLabel('所在单位').fill('南宁市跨境电商协会');
      await dialog.getByLabel('职务或职称').fill('副会长');
      await dialog.getByLabel('所在区县').click();
      await pickRegion(office, ['广西壮族自治区', '南宁市', '良庆区']);
      await dialog.getByTestId('mentor-fields').click();
      await office.locator('.ant-select-item-option', { hasText: '电子商务' }).click();
      await office.locator('.ant-select-item-option', { hasText: '市场营销' }).click();
      await office.keyboard.press('Escape');
      await dialog.getByTestId('mentor-industries').click();
      await office.locator('.ant-select-item-option', { hasText: '批发和零售业' }).click();
      await office.keyboard.press('Escape');
      await dialog.getByLabel('可辅导时间').fill('每周二晚上，线上');
      await dialog.getByLabel('年度辅导承诺（次）').fill('10');
      await dialog.getByLabel(/关联的平台账号/).fill('nobody.here');
      await office.screenshot({ path: screenshotPath('mentors-5-add-form'), fullPage: true });
      await dialog.getByTestId('mentor-save').click();
      // The server's rule lands under its field.
      await dialog.getByText('没有这个用户名的账号').waitFor();
      await dialog.getByLabel(/关联的平台账号/).fill('');
      await dialog.getByTestId('mentor-save').click();
      await office.getByText('已登记导师黄海燕').waitFor();
      await listOf(office, 'commitments').getByText('0 / 10').first().waitFor();
      await office.getByRole('link', { name: '导师库' }).click();
      await office.getByRole('heading', { level: 1, name: '创业导师' }).waitFor();
      const row = listOf(office, 'mentors').locator('[data-testid="mentors-row"]', { hasText: '黄海燕' });
      await row.getByText('南宁市跨境电商协会 副会长').waitFor();
      await row.getByText('电子商务').waitFor();
      await row.getByText('批发和零售业').waitFor();
      await row.getByText('南宁市良庆区').waitFor();
      await row.getByText('每周二晚上，线上').waitFor();
      await office.screenshot({ path: screenshotPath('mentors-6-library'), fullPage: true });
      await office.goBack();
      await office.getByRole('button', { name: '修改黄海燕' }).click();
      await expect.poll(() => office.getByRole('dialog').getByLabel('导师姓名').inputValue()).toBe('黄海燕');
      await office.getByRole('dialog').getByLabel('年度辅导承诺（次）').fill('15');
      await office.getByRole('dialog').getByTestId('mentor-save').click();
      await office.getByText('已保存黄海燕的信息').waitFor();
      await listOf(office, 'commitments').getByText('0 / 15').first().waitFor();
    });
  }, 240_000);

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
