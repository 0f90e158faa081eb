/**
 * Issue #14 from the browser, vouchers and marketplace together: officer.yuxi certifies
 * 玉溪精测检验检测有限公司 (provider2.yuxi, pending in the demo), which lists a testing service
 * payable with vouchers; ent.yuxi (holding the demo 创新券) orders it paying half with the voucher
 * (the dialog shows what the voucher pays and what it pays); the provider confirms (the voucher's
 * part is held: 我的服务券 shows it), delivers a PDF; ent.yuxi accepts and rates; finance.yuxi
 * proposes the settlement batch, which finance.yuxi cannot approve and finance2.yuxi does; the
 * provider's receivables show it paid, and its public page shows the rating in its grade.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
/** The demo scheme's year: the server's today, in Beijing time. */
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
const person = (username: string, secondFactor: boolean, viewport?: { width: number; height: number }) => session.person(username, secondFactor, viewport);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const TITLE = '食品农药残留检测';
const PROVIDER = '玉溪精测检验检测有限公司';

describe('a service paid with a voucher, from certification to settlement', () => {
  let provider: Page;
  let ent: Page;
  let providerPath = '';

  it('the officer certifies the provider, which lists a voucher-payable testing service', async () => {
    const officer = await person('officer.yuxi', true);
    await scenario(officer, 'voucher-market-certify', async () => {
      await officer.goto(url('/provider-certification'));
      await officer.getByTestId('certifications-pending-table').getByRole('button', { name: PROVIDER }).click();
      await officer.getByTestId('certification-case').waitFor();
      await officer.getByTestId('score-qualifications').fill('9');
      await officer.getByTestId('score-capacity').fill('8');
      await officer.getByTestId('score-track_record').fill('8');
      await officer.getByTestId('submit-review').click();
      await officer.getByTestId('decide').and(officer.locator(':not([disabled])')).waitFor();
      await officer.getByTestId('decide').click();
      await officer.getByTestId('certification-case').getByText('已认证').waitFor();
    });
    provider = await person('provider2.yuxi', false);
    await scenario(provider, 'voucher-market-listing', async () => {
      await provider.goto(url('/provider'));
      await provider.getByRole('tab', { name: '服务项目' }).click();
      await provider.getByTestId('new-listing').click();
      const dialog = provider.getByRole('dialog');
      await provider.getByTestId('listing-title').fill(TITLE);
      await provider.getByTestId('listing-min').fill('1500');
      await provider.getByTestId('listing-max').fill('3000');
      // Accepting vouchers is on by default.
      expect(await dialog.getByRole('switch').last().getAttribute('aria-checked')).toBe('true');
      await provider.getByTestId('listing-submit').click();
      await provider.getByTestId('my-listings-table').getByText(TITLE).waitFor();
    });
  });

  it('the enterprise orders it, paying half with its voucher', async () => {
    ent = await person('ent.yuxi', false);
    await scenario(ent, 'voucher-market-order', async () => {
      await ent.goto(url('/market'));
      await ent.getByTestId('market-q').fill('农药残留');
      await ent.getByTestId('market-search').click();
      const row = ent.getByTestId('listings-row').filter({ hasText: TITLE });
      await row.waitFor();
      providerPath = (await row.getByRole('link', { name: PROVIDER }).getAttribute('href')) ?? '';
      await row.getByTestId('order-button').click();
      await ent.getByTestId('order-price').fill('2000');
      const picker = ent.getByTestId('voucher-picker');
      await picker.getByText(`创新券（${YEAR}）`).click();
      const quote = ent.getByTestId('voucher-quote');
      await quote.getByText('服务券支付 1,000 元 · 企业自付 1,000 元').waitFor();
      await expectNoIdentifiers(ent, 'voucher-market-order-dialog');
      await ent.screenshot({ path: screenshotPath('voucher-market-order-dialog'), fullPage: true });
      await ent.getByTestId('order-submit').click();
      await ent.getByRole('dialog').waitFor({ state: 'detached' });
      await ent.goto(url('/orders'));
      const order = ent.getByTestId('orders-row').filter({ hasText: TITLE });
      await order.getByText('待确认').waitFor();
      await order.getByTestId('voucher-split').getByText('服务券支付 1,000 元 · 企业自付 1,000 元').waitFor();
      await order.getByTestId('voucher-state').getByText('机构确认后占用').waitFor();
    });
  });

  it('the provider confirms: the voucher’s part is held; it delivers a PDF', async () => {
    await scenario(provider, 'voucher-market-confirm', async () => {
      await provider.goto(url('/provider'));
      const row = provider.getByTestId('provider-orders-row').filter({ hasText: TITLE });
      await row.getByTestId('confirm-order').click();
      await row.getByText('服务中').waitFor();
      await row.getByTestId('voucher-state').getByText('已占用').waitFor();
    });
    await scenario(ent, 'voucher-market-held', async () => {
      await ent.goto(url('/vouchers/mine'));
      const card = ent.getByTestId('my-voucher').filter({ hasText: `创新券（${YEAR}）` });
      const use = card.getByTestId('voucher-uses-row').filter({ hasText: PROVIDER });
      await use.getByText('已占用').waitFor();
      // 10,000 − 3,000 redeemed by the demo order − 300 held by the demo's instrument booking − 1,000 held now.
      expect(await card.getByTestId('voucher-left').textContent()).toContain('5,700');
      await ent.screenshot({ path: screenshotPath('voucher-market-held'), fullPage: true });
    });
    await scenario(provider, 'voucher-market-deliver', async () => {
      const row = provider.getByTestId('provider-orders-row').filter({ hasText: TITLE });
      const chooser = provider.waitForEvent('filechooser');
      await row.getByTestId('deliver-order').click();
      await (await chooser).setFiles({ name: '检测报告.pdf', mimeType: 'application/pdf', buffer: PDF });
      await row.getByText('待验收').waitFor();
    });
  });

  it('the enterprise accepts and rates', async () => {
    await scenario(ent, 'voucher-market-accept', async () => {
      await ent.goto(url(providerPath));
      await ent.getByTestId('grade-terms').getByText('暂无评价').waitFor();
      await ent.goto(url('/orders'));
      const row = ent.getByTestId('orders-row').filter({ hasText: TITLE });
      await row.getByTestId('accept-delivery').click();
      await row.getByText('已验收').waitFor();
      await row.getByTestId('voucher-state').getByText('已兑付，待财政结算').waitFor();
      await row.getByTestId('rate-order').click();
      for (const d of ['quality', 'timeliness', 'price']) await ent.getByTestId(`rate-${d}`).locator('li').nth(3).click();
      await ent.getByTestId('rate-submit').click();
      await row.getByTestId('rate-order').waitFor({ state: 'detached' });
      await ent.screenshot({ path: screenshotPath('voucher-market-orders'), fullPage: true });
    });
  });

  it('two finance officers settle it; the provider sees it paid; its grade reflects the rating', async () => {
    const finance = await person('finance.yuxi', true);
    await scenario(finance, 'voucher-market-propose', async () => {
      await finance.goto(url('/vouchers/settlement'));
      const scheme = finance.getByTestId('settle-scheme').filter({ hasText: `创新券（${YEAR}）` });
      await scheme.getByText(PROVIDER).first().waitFor();
      await scheme.getByTestId('propose-batch').click();
      const batch = finance.getByTestId('batches-row').first();
      await batch.getByText('待复核').waitFor();
      // The proposer cannot approve its own batch.
      expect(await batch.getByTestId('approve-batch').isDisabled()).toBe(true);
    });
    const finance2 = await person('finance2.yuxi', true);
    await scenario(finance2, 'voucher-market-approve', async () => {
      await finance2.goto(url('/vouchers/settlement'));
      const batch = finance2.getByTestId('batches-row').first();
      await batch.getByTestId('approve-batch').click();
      await batch.getByText('已支付').waitFor();
    });
    await scenario(provider, 'voucher-market-receivables', async () => {
      await provider.goto(url('/vouchers/receivables'));
      const row = provider.getByTestId('receivables-row').filter({ hasText: PROVIDER });
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      // held, redeemed to settle, in a batch, paid.
      expect(cells.slice(2)).toEqual(['0 元', '0 元', '0 元', '1,000 元']);
      await provider.screenshot({ path: screenshotPath('voucher-market-receivables'), fullPage: true });
    });
    await scenario(ent, 'voucher-market-grade', async () => {
      await ent.goto(url(providerPath));
      await ent.getByTestId('grade-terms').getByText('4.00（3项评分 / scores）').waitFor();
      await ent.getByTestId('ratings-row').first().waitFor();
      await ent.screenshot({ path: screenshotPath('voucher-market-provider-page'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
