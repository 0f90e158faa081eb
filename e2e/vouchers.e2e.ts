/**
 * Service vouchers from the browser: the officer of 玉溪市科学技术局 sees the demo innovation-voucher
 * scheme with its budget chart, creates a start-up voucher scheme through the form (a bad face
 * value first: the field says why) and issues it in bulk with the result shown; the demo
 * enterprise sees its voucher, what is left and its use; finance of 玉溪市财政局 proposes a
 * settlement batch of the demo redemption and cannot approve it; a second finance officer does,
 * and the batch is paid. Every page is checked for internal identifiers; the pages also on a phone.
 */
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
/** The demo scheme's year: the server's today, in Beijing time. */
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const person = (username: string, secondFactor: boolean, viewport?: { width: number; height: number }) => session.person(username, secondFactor, viewport);

describe('service vouchers', () => {
  it('an officer creates a scheme and issues it in bulk', async () => {
    const officer = await person('officer.yuxi', true);
    await scenario(officer, 'vouchers-officer', async () => {
      await followNav(officer, '服务券方案');
      await officer.getByRole('heading', { level: 1, name: '服务券方案' }).waitFor();
      await officer.getByTestId('schemes-row').filter({ hasText: `创新券（${YEAR}）` }).first().waitFor();
      await officer.getByTestId('scheme-budgets').waitFor();
      await expectNoIdentifiers(officer, 'vouchers-schemes');
      await officer.getByTestId('new-scheme').click();
      await officer.getByTestId('scheme-item').click();
      await officer.getByTitle('创业券', { exact: true }).click();
      await officer.getByTestId('scheme-face').fill('2000');
      await officer.getByTestId('scheme-budget').fill('1000');
      await officer.getByLabel('培训').check();
      await officer.getByLabel('企业管理').check();
      await officer.getByTestId('scheme-save').click();
      // The face value above the budget: the field says why.
      await officer.getByText('单张面额不能超过方案预算').waitFor();
      await officer.getByTestId('scheme-budget').fill('200000');
      await officer.getByTestId('scheme-save').click();
      await officer.getByText('方案已设立。').waitFor();
      const row = officer.getByTestId('schemes-row').filter({ hasText: `创业券（${YEAR}）` });
      await row.waitFor();
      await row.getByTestId('bulk-issue').click();
      const result = row.getByTestId('issue-result');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.textContent()).toContain('发放完成');
    });
  });

  it('the enterprise sees its voucher and what is left', async () => {
    const ent = await person('ent.yuxi', false);
    await scenario(ent, 'vouchers-enterprise', async () => {
      await followNav(ent, '我的服务券');
      await ent.getByRole('heading', { level: 1, name: '我的服务券' }).waitFor();
      const card = ent.getByTestId('my-voucher').first();
      await card.getByText(`创新券（${YEAR}）`).waitFor();
      // 1万元 less the marketplace demo's 3000 元 redeemed and the instruments demo booking's 300 元 held.
      expect(await card.getByTestId('voucher-left').textContent()).toContain('6,700');
      await card.getByText('玉溪知信知识产权服务有限公司').first().waitFor();
    });
  });

  it('finance settles under the two-person rule', async () => {
    const finance = await person('finance.yuxi', true);
    await scenario(finance, 'vouchers-finance-propose', async () => {
      await finance.getByRole('link', { name: '服务券结算', exact: true }).first().click();
      await finance.getByRole('heading', { level: 1, name: '服务券结算' }).waitFor();
      const scheme = finance.getByTestId('settle-scheme').filter({ hasText: `创新券（${YEAR}）` });
      await scheme.getByText('玉溪知信知识产权服务有限公司').first().waitFor();
      await scheme.getByTestId('propose-batch').click();
      const batch = finance.getByTestId('batches-row').first();
      await batch.getByText('待复核').waitFor();
      expect(await batch.getByTestId('approve-batch').isDisabled()).toBe(true);
    });
    const finance2 = await person('finance2.yuxi', true);
    await scenario(finance2, 'vouchers-finance-approve', async () => {
      await finance2.goto(url('/vouchers/settlement'));
      const batch = finance2.getByTestId('batches-row').first();
      await batch.getByTestId('approve-batch').click();
      await batch.getByText('已支付').waitFor();
    });
  });

  it('reads on a phone', async () => {
    const phone = await person('ent.yuxi', false, { width: 390, height: 844 });
    await scenario(phone, 'vouchers-phone', async () => {
      await phone.goto(url('/vouchers/mine'));
      await phone.getByTestId('my-voucher').first().waitFor();
      await phone.getByTestId('voucher-uses-card').first().waitFor();
    });
    expect(errors).toEqual([]);
  });
});
