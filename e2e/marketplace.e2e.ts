/**
 * The marketplace from the browser: officer.yuxi reviews and certifies 玉溪精测检验检测有限公司
 * (provider2.yuxi, pending in the demo); the provider lists a service; ent.yuxi finds it in the
 * 服务超市 and orders it without a voucher; the provider confirms and uploads the result; the
 * enterprise accepts and rates it; the provider's public page shows the rating in its grade.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession, browserSession, DEMO_PASSWORD, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const person = (username: string, secondFactor: boolean, viewport?: { width: number; height: number }) => session.person(username, secondFactor, viewport);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const TITLE = '食品菌落总数检测';

describe('a provider is certified, lists a service, is ordered, delivers, is accepted and rated', () => {
  let provider: Page;
  let ent: Page;
  let providerPath = '';

  it('the officer of Yuxi reviews and certifies the pending provider', async () => {
    const officer = await person('officer.yuxi', true);
    await scenario(officer, 'marketplace-certify', async () => {
      await officer.goto(url('/provider-certification'));
      await officer.getByRole('heading', { level: 1, name: '服务机构认证' }).waitFor();
      await officer.getByTestId('certifications-pending-table').getByRole('button', { name: '玉溪精测检验检测有限公司' }).click();
      await officer.getByTestId('certification-case').waitFor();
      await expectNoIdentifiers(officer, 'marketplace-certify-case');
      await officer.getByTestId('score-qualifications').fill('9');
      await officer.getByTestId('score-capacity').fill('8');
      await officer.getByTestId('score-track_record').fill('8');
      await officer.getByTestId('submit-review').click();
      await officer.getByTestId('decide').and(officer.locator(':not([disabled])')).waitFor();
      await officer.getByTestId('decide').click();
      await officer.getByTestId('certification-case').getByText('已认证').waitFor();
      await officer.screenshot({ path: screenshotPath('marketplace-officer'), fullPage: true });
    });
  });

  it('the provider lands on its workbench, sees the certification and lists a service', async () => {
    provider = await person('provider2.yuxi', false);
    await scenario(provider, 'marketplace-provider-listing', async () => {
      await provider.waitForURL(/\/provider$/);
      await provider.getByRole('heading', { level: 1, name: '服务机构工作台' }).waitFor();
      await provider.getByRole('tab', { name: '认证' }).click();
      await provider.getByTestId('certification-status').getByText('已认证').waitFor();
      await provider.getByRole('tab', { name: '服务项目' }).click();
      await provider.getByTestId('new-listing').click();
      await provider.getByTestId('listing-title').fill(TITLE);
      await provider.getByTestId('listing-min').fill('1500');
      await provider.getByTestId('listing-max').fill('3000');
      await provider.getByTestId('listing-submit').click();
      await provider.getByTestId('my-listings-table').getByText(TITLE).waitFor();
      await provider.screenshot({ path: screenshotPath('marketplace-workbench-listings'), fullPage: true });
    });
  });

  it('the enterprise finds it by pinyin and orders it without a voucher', async () => {
    ent = await person('ent.yuxi', false);
    await scenario(ent, 'marketplace-order', async () => {
      await ent.goto(url('/market'));
      await ent.getByTestId('market-q').fill('junluo');
      await ent.getByTestId('market-search').click();
      const row = ent.getByTestId('listings-row').filter({ hasText: TITLE });
      await row.waitFor();
      expect(await ent.getByTestId('listings-row').count()).toBe(1);
      await ent.screenshot({ path: screenshotPath('marketplace-search'), fullPage: true });
      providerPath = (await row.getByRole('link', { name: '玉溪精测检验检测有限公司' }).getAttribute('href')) ?? '';
      await row.getByTestId('order-button').click();
      await ent.getByTestId('order-price').fill('2000');
      // The order is placed before leaving the page (navigating at once would abort the request).
      const placed = ent.waitForResponse((r) => r.url().endsWith('/api/v1/marketplace/orders') && r.request().method() === 'POST');
      await ent.getByTestId('order-submit').click();
      expect((await placed).status()).toBe(200);
      await ent.goto(url('/orders'));
      await ent.getByTestId('orders-row').filter({ hasText: TITLE }).getByText('待确认').waitFor();
    });
  });

  it('the provider confirms and uploads the result', async () => {
    await scenario(provider, 'marketplace-deliver', async () => {
      await provider.goto(url('/provider'));
      const row = provider.getByTestId('provider-orders-row').filter({ hasText: TITLE });
      await row.getByTestId('confirm-order').click();
      await row.getByText('服务中').waitFor();
      const chooser = provider.waitForEvent('filechooser');
      await row.getByTestId('deliver-order').click();
      await (await chooser).setFiles({ name: '检测报告.pdf', mimeType: 'application/pdf', buffer: PDF });
      await row.getByText('待验收').waitFor();
    });
  });

  it('the enterprise accepts and rates; the provider’s grade shows the rating', async () => {
    await scenario(ent, 'marketplace-accept-rate', async () => {
      await ent.goto(url(providerPath));
      await ent.getByTestId('grade-terms').waitFor();
      await ent.getByTestId('grade-terms').getByText('暂无评价').waitFor();
      const before = await ent.getByTestId('grade-points').textContent();

      await ent.goto(url('/orders'));
      const row = ent.getByTestId('orders-row').filter({ hasText: TITLE });
      await row.getByTestId('accept-delivery').click();
      await row.getByText('已验收').waitFor();
      await row.getByTestId('rate-order').click();
      for (const d of ['quality', 'timeliness', 'price']) await ent.getByTestId(`rate-${d}`).locator('li').nth(4).click();
      await ent.getByTestId('rate-submit').click();
      await row.getByTestId('rate-order').waitFor({ state: 'detached' });
      await ent.screenshot({ path: screenshotPath('marketplace-orders'), fullPage: true });

      await ent.goto(url(providerPath));
      await ent.getByTestId('grade-terms').getByText('5.00（3项评分 / scores）').waitFor();
      const after = await ent.getByTestId('grade-points').textContent();
      expect(after).not.toBe(before);
      await ent.getByTestId('ratings-row').first().waitFor();
      await ent.screenshot({ path: screenshotPath('marketplace-provider-page'), fullPage: true });

      // Two services side by side.
      await ent.goto(url('/market'));
      await ent.getByTestId('market-q').fill('检测');
      await ent.getByTestId('market-search').click();
      await ent.getByTestId('listings-row').nth(1).waitFor();
      await ent.getByTestId('listings-row').nth(0).getByRole('checkbox').check();
      await ent.getByTestId('listings-row').nth(1).getByRole('checkbox').check();
      const comparison = ent.getByTestId('comparison');
      await comparison.getByText('平均评分').waitFor();
      await comparison.getByText('5.00').waitFor();
      await ent.screenshot({ path: screenshotPath('marketplace-compare'), fullPage: true });
    });
  });

  it('an officer decides a dispute for the enterprise and handles a misuse flag', async () => {
    // Set up through the API: an order delivered and disputed, and a rating tried before acceptance.
    const entApi = new ApiSession(session.baseUrl());
    await entApi.login('ent.yuxi', DEMO_PASSWORD);
    const providerApi = new ApiSession(session.baseUrl());
    await providerApi.login('provider2.yuxi', DEMO_PASSWORD);
    const subjectId = (await entApi.request<{ items: { id: string; kind: string }[] }>('GET', '/subjects/mine')).body.items.find((x) => x.kind === 'enterprise')!.id;
    const listing = (await entApi.request<{ id: string; title: string }[]>('GET', `/marketplace/listings?q=${encodeURIComponent('菌落')}`)).body[0]!.id;
    const order = (await entApi.request<{ id: string }>('POST', '/marketplace/orders', { listingId: listing, subjectId, priceFen: 250_000 })).body.id;
    expect((await providerApi.request('POST', `/marketplace/orders/${order}/confirm`)).status).toBe(200);
    expect((await entApi.request('POST', `/marketplace/orders/${order}/rate`, { quality: 5, timeliness: 5, price: 5 })).status).toBe(409);
    const file = await providerApi.upload('报告.pdf', PDF, 'application/pdf');
    expect((await providerApi.request('POST', `/marketplace/orders/${order}/deliver`, { fileId: file })).status).toBe(200);
    expect((await entApi.request('POST', `/marketplace/orders/${order}/dispute`, { reason: '报告缺少第二批次' })).status).toBe(200);

    const officer = await person('officer.yuxi', true);
    await scenario(officer, 'marketplace-dispute-flag', async () => {
      await officer.goto(url('/provider-certification'));
      await officer.getByRole('tab', { name: '争议裁定' }).click();
      const row = officer.getByTestId('disputes-row').filter({ hasText: '报告缺少第二批次' });
      await row.getByRole('button', { name: '支持企业' }).click();
      await officer.getByRole('dialog').getByRole('textbox').fill('交付不完整');
      await officer.getByRole('dialog').getByRole('button', { name: '提交' }).click();
      await row.waitFor({ state: 'detached' });
      await officer.getByRole('tab', { name: '违规线索' }).click();
      const flag = officer.getByTestId('flags-row').filter({ hasText: '未交付即评价' }).filter({ hasText: '待处理' });
      await flag.first().waitFor();
      await expectNoIdentifiers(officer, 'marketplace-flags');
      await officer.screenshot({ path: screenshotPath('marketplace-flags'), fullPage: true });
      await flag.first().getByRole('button', { name: '排除' }).click();
      await officer.getByRole('dialog').getByRole('textbox').fill('企业误操作');
      await officer.getByRole('dialog').getByRole('button', { name: '提交' }).click();
      await officer.getByTestId('flags-row').filter({ hasText: '企业误操作' }).waitFor();
    });
    const after = (await entApi.request<{ id: string; status: string; disputeDecision: string }[]>('GET', '/marketplace/orders')).body.find((o) => o.id === order)!;
    expect(after).toMatchObject({ status: 'cancelled', disputeDecision: 'enterprise' });
  });

  it('the marketplace and the formula read well on a phone', async () => {
    const phone = await session.person(null, false, { width: 390, height: 844 });
    await scenario(phone, 'marketplace-phone', async () => {
      await phone.goto(url('/market'));
      await phone.getByTestId('listings-card').first().waitFor();
      await phone.screenshot({ path: screenshotPath('marketplace-phone'), fullPage: true });
      await phone.goto(url('/market/formula'));
      await phone.getByTestId('formula-terms').waitFor();
    });
    const phoneProvider = await person('provider.yuxi', false, { width: 390, height: 844 });
    await scenario(phoneProvider, 'marketplace-phone-workbench', async () => {
      await phoneProvider.getByTestId('provider-orders-card').first().waitFor();
      await phoneProvider.screenshot({ path: screenshotPath('marketplace-phone-workbench'), fullPage: true });
    });
    const phoneEnt = await person('ent.yuxi', false, { width: 390, height: 844 });
    await scenario(phoneEnt, 'marketplace-phone-orders', async () => {
      await phoneEnt.goto(url('/orders'));
      await phoneEnt.getByTestId('orders-card').first().waitFor();
      await phoneEnt.screenshot({ path: screenshotPath('marketplace-phone-orders'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
