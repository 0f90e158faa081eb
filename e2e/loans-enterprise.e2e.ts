/**
 * A small enterprise's guaranteed loan and the reserve a bank reads, in the browser: the member of
 * 玉溪滇云生物科技有限公司 (ent.yuxi) requests a loan for the enterprise under Yuxi's item for
 * small firms that hire — 3 m CNY is refused on the field (the item lends at most 2 m), 1.5 m is
 * requested — on desktop and phone; the demo bank (bank.nanning) reads the Nanning reserve,
 * read-only, on its work list. The finance office's dashboard shows its region picker and the
 * loans by the borrowers' districts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath } from './harness.js';

const session = browserSession();
const { errors } = session;
const PHONE = { width: 390, height: 844 };
const numberInput = (id: string) => `[data-testid="${id}"] input, input[data-testid="${id}"]`;
async function choose(page: Page, testId: string, text: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

describe("an enterprise's guaranteed loan", () => {
  it('the enterprise requests a loan for itself', async () => {
    const ent = await session.person('ent.yuxi', false);
    await scenario(ent, 'loans-enterprise-request', async () => {
      await followNav(ent, '创业担保贷款');
      await ent.getByRole('heading', { level: 1, name: '创业担保贷款' }).waitFor();
      await choose(ent, 'loan-item', /玉溪滇云生物科技有限公司/);
      await ent.locator(numberInput('loan-amount')).fill('3000000');
      await ent.locator(numberInput('loan-term')).fill('12');
      await ent.getByTestId('loan-purpose').fill('扩建发酵车间，新招用高校毕业生');
      await ent.getByTestId('request-loan').click();
      await ent.getByText(/申请金额超过该事项的上限/).first().waitFor();
      await ent.screenshot({ path: screenshotPath('loans-ent-1-over-cap'), fullPage: true });
      await ent.locator(numberInput('loan-amount')).fill('1500000');
      await ent.getByTestId('request-loan').click();
      await ent.waitForURL(/\/loans\/[0-9a-f-]{36}$/);
      await ent.getByTestId('loan-status').filter({ hasText: '待人社部门审核' }).first().waitFor();
      await ent.getByText('玉溪滇云生物科技有限公司').first().waitFor();
      await ent.screenshot({ path: screenshotPath('loans-ent-2-requested'), fullPage: true });
    });
    const phone = await session.person('ent.yuxi', false, PHONE);
    await scenario(phone, 'loans-enterprise-phone', async () => {
      await phone.goto(session.url('/loans'));
      await phone.getByTestId('request-loan').waitFor();
      await phone.getByText('吸纳就业小微企业创业贷款').first().waitFor();
      await phone.screenshot({ path: screenshotPath('loans-ent-3-phone'), fullPage: true });
    });
  }, 90_000);

  it('the bank reads the reserve of the region it lends in, read-only', async () => {
    const bank = await session.person('bank.nanning', false);
    await scenario(bank, 'loans-bank-reserve', async () => {
      await bank.goto(session.url('/loans-work'));
      await bank.getByTestId('reserves-card').waitFor();
      await bank.getByTestId('reserve-view-balance').first().waitFor();
      expect(await bank.getByTestId('fund-reserve').count()).toBe(0);
      await bank.screenshot({ path: screenshotPath('loans-ent-4-bank-reserve'), fullPage: true });
    });
    const phone = await session.person('bank.nanning', false, PHONE);
    await phone.goto(session.url('/loans-work'));
    await phone.getByTestId('reserves-card').waitFor();
    await phone.screenshot({ path: screenshotPath('loans-ent-5-bank-reserve-phone'), fullPage: true });
  }, 90_000);

  it("the finance office's dashboard picks a region and shows loans by the borrowers' districts", async () => {
    const office = await session.person('finoffice.nanning', true);
    await scenario(office, 'finance-dashboard-region', async () => {
      await office.goto(session.url('/finance/dashboard'));
      await office.getByTestId('dashboard-region').waitFor();
      await office.getByTestId('dashboard-districts').waitFor();
      await office.getByText('青秀区').first().waitFor();
      await office.screenshot({ path: screenshotPath('loans-ent-6-dashboard'), fullPage: true });
    });
    const phone = await session.person('finoffice.nanning', true, PHONE);
    await phone.goto(session.url('/finance/dashboard'));
    await phone.getByTestId('dashboard-region').waitFor();
    await phone.screenshot({ path: screenshotPath('loans-ent-7-dashboard-phone'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);
});
