/**
 * Finance from the browser: a bank (bank.nanning) publishes a product with who may apply; the
 * enterprise (ent.nanning) sees it matched on its profile with the engine's reasons and applies;
 * the bank answers within the deadline with an offer, which the enterprise sees; the finance
 * office (finoffice.nanning) sees the demo's overdue request, escalated, by institution — on a
 * desktop and a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath } from './harness.js';

const session = browserSession();
const { url, errors } = session;
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);
const PRODUCT = '科技成长e贷';

describe('a bank meets an enterprise, and an overdue answer is escalated', () => {
  let bank: Page;
  let ent: Page;

  it('the bank publishes a product', async () => {
    bank = await session.person('bank.nanning', false);
    await scenario(bank, 'finance-publish', async () => {
      await followNav(bank, '我的金融产品');
      await bank.getByRole('heading', { level: 1, name: '我的金融产品' }).waitFor();
      await bank.getByTestId('new-product').click();
      await bank.getByTestId('product-name').fill(PRODUCT);
      await bank.getByTestId('product-amount-min').fill('10');
      await bank.getByTestId('product-amount-max').fill('200');
      await bank.getByTestId('product-rate-min').fill('3.5');
      await bank.getByTestId('product-rate-max').fill('4.2');
      await bank.getByTestId('product-collateral').fill('纯信用，无需抵押');
      await bank.getByTestId('product-description').fill('面向科技型中小企业的线上信用贷款，三个工作日内答复。');
      await bank.getByTestId('product-conditions').getByText('科技型中小企业').click();
      await bank.screenshot({ path: screenshotPath('finance-1-publish'), fullPage: true });
      await bank.getByTestId('product-submit').click();
      await listOf(bank, 'my-products').getByText(PRODUCT).waitFor();
      await bank.getByRole('link', { name: PRODUCT }).click();
      await bank.getByTestId('product-criteria').getByText('科技型中小企业').waitFor();
      await bank.screenshot({ path: screenshotPath('finance-2-product'), fullPage: true });
    });
  }, 120_000);

  it('the enterprise sees it matched, with the reasons, and applies', async () => {
    ent = await session.person('ent.nanning', false);
    await scenario(ent, 'finance-match', async () => {
      await followNav(ent, '产品与匹配');
      await ent.getByTestId('match-count').filter({ hasText: '您符合其中 4 款产品的申请条件' }).waitFor();
      const card = ent.getByTestId(`match-${PRODUCT}`);
      await card.getByText('符合条件').waitFor();
      // a product it does not qualify for says why
      await ent.getByTestId('match-成长贷').getByText('差一点').waitFor();
      await ent.screenshot({ path: screenshotPath('finance-3-matches'), fullPage: true });
      await card.getByTestId('apply-match').click();
      await ent.getByTestId('need-amount').fill('50');
      await ent.getByTestId('need-term').fill('12');
      await ent.getByTestId('need-purpose').fill('采购服务器与研发测试设备');
      await ent.getByTestId('need-collateral').fill('无');
      await ent.getByTestId('need-submit').click();
      await ent.getByText('已提交申请，请等待机构答复').waitFor();
      await followNav(ent, '我的融资需求');
      const need = ent.getByTestId('need').filter({ hasText: '采购服务器与研发测试设备' });
      await need.getByText('等待机构答复').waitFor();
      await need.getByText(/前答复/).first().waitFor();
    });
  }, 120_000);

  it('the bank answers within the deadline; the enterprise sees the offer', async () => {
    await scenario(bank, 'finance-answer', async () => {
      await followNav(bank, '融资申请');
      const pending = listOf(bank, 'incoming-pending');
      await pending.getByText('南宁青禾智能科技有限公司').waitFor();
      await bank.screenshot({ path: screenshotPath('finance-4-incoming'), fullPage: true });
      await pending.getByTestId('answer-request').first().click();
      await bank.getByTestId('answer-amount').fill('50');
      await bank.getByTestId('answer-rate').fill('3.8');
      await bank.getByTestId('answer-submit').click();
      await listOf(bank, 'incoming-answered').getByText(PRODUCT, { exact: false }).first().waitFor();
      expect(await listOf(bank, 'incoming-pending').getByText(PRODUCT, { exact: false }).count()).toBe(0);
    });
    await scenario(ent, 'finance-offer', async () => {
      await ent.goto(url('/finance/needs'));
      const need = ent.getByTestId('need').filter({ hasText: '采购服务器与研发测试设备' });
      await need.getByText('已获授信意向').waitFor();
      await need.getByText(/年利率 3\.80%/).waitFor();
      await ent.screenshot({ path: screenshotPath('finance-5-offer'), fullPage: true });
    });
  }, 120_000);

  it('the finance office sees the overdue request, escalated, by institution', async () => {
    const office = await session.person('finoffice.nanning', true);
    await scenario(office, 'finance-oversight', async () => {
      await followNav(office, '融资督办');
      const overdue = listOf(office, 'oversight-overdue');
      await overdue.getByText('南宁桂信融资担保有限公司', { exact: false }).waitFor();
      await overdue.getByText(/已超期.*已报金融办/).waitFor();
      await office.getByTestId('oversight-chart').waitFor();
      await listOf(office, 'oversight-institutions').getByText('南宁邕江商业银行青秀支行').waitFor();
      await office.screenshot({ path: screenshotPath('finance-6-oversight'), fullPage: true });
    });
    const phone = await session.person('ent.nanning', false, { width: 390, height: 844 });
    await scenario(phone, 'finance-phone', async () => {
      await phone.goto(url('/finance/needs'));
      await phone.getByText('已获授信意向').first().waitFor();
      await phone.screenshot({ path: screenshotPath('finance-7-phone-needs'), fullPage: true });
      await phone.goto(url('/finance'));
      await listOf(phone, 'finance-products').getByText(PRODUCT).waitFor();
      await phone.screenshot({ path: screenshotPath('finance-8-phone-products'), fullPage: true });
    });
  }, 180_000);

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
