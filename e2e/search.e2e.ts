/**
 * The enterprise directory and the site-wide search from the browser: ent.nanning lists 南宁青禾
 *智能科技 publicly (公开展示) on its profile with a product; a visitor, signed out, goes from the
 * home page to 全站搜索, finds an instrument by its initials (smdzxwj), then the enterprise and a carrier by the
 * pinyin of their district, opens the enterprise's page (name, industry, district, product; never
 * its credit code or people) and finds it in the directory — on a desktop and on a phone; the
 * owner withdraws the listing and the search no longer finds it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;

const FIRM = '南宁青禾智能科技有限公司';
const PRODUCT = '智能灌溉控制器';
const VIEWPORTS = [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const;

async function search(page: Page, text: string): Promise<void> {
  const input = page.getByTestId('site-search').locator('input');
  await input.fill(text);
  await input.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === text);
}
const group = (page: Page, kind: string) => page.getByTestId(`search-group-${kind}`);

describe('an enterprise lists itself; a visitor finds it by pinyin with a carrier and an instrument', () => {
  let owner: Page;

  it('the enterprise chooses 公开展示 on its profile, with a product', async () => {
    owner = await session.person('ent.nanning', false);
    await scenario(owner, 'search-opt-in', async () => {
      await owner.goto(url('/profile'));
      const panel = owner.getByTestId('listing-panel');
      await panel.waitFor();
      await expect(panel.getByTestId('listing-status').textContent()).resolves.toBe('未公开展示');
      await panel.getByText('统一社会信用代码、人员和档案中的其他信息不会公开').waitFor();
      await panel.getByTestId('listing-introduction').fill('为广西的果园和茶园提供智能灌溉与墒情监测设备及服务。');
      await panel.getByTestId('listing-product-name-0').fill(PRODUCT);
      await panel.getByTestId('listing-product-description-0').fill('按土壤墒情自动灌溉，手机远程控制。');
      await panel.getByTestId('listing-save').click();
      await owner.getByText('已公开展示，企业名录中立即可见').waitFor();
      await panel.getByTestId('listing-status').getByText('已公开展示').waitFor();
      await panel.getByRole('link', { name: '查看公开页面' }).waitFor();
      await expectNoIdentifiers(owner, 'search-opt-in');
      await panel.screenshot({ path: screenshotPath('search-1-opt-in') });
    });
  });

  it('a visitor finds an instrument by initials, the enterprise and a carrier by pinyin and opens the enterprise, on a phone too', async () => {
    for (const [name, viewport] of VIEWPORTS) {
      const visitor = await session.person(null, false, viewport);
      await scenario(visitor, `search-visitor-${name}`, async () => {
        await visitor.goto(url('/'));
        await visitor.getByTestId('home-site-search').click();
        await visitor.getByRole('heading', { level: 1, name: '全站搜索' }).waitFor();
        await visitor.getByText('输入关键词开始搜索').waitFor();

        await search(visitor, 'smdzxwj');
        await group(visitor, 'instruments').getByRole('link', { name: /场发射扫描电子显微镜/ }).waitFor();

        await search(visitor, 'qingxiu');
        await group(visitor, 'enterprises').getByRole('link', { name: FIRM }).waitFor();
        await group(visitor, 'carriers').getByRole('link', { name: '南宁青秀创业孵化基地' }).waitFor();
        await visitor.getByTestId('search-tabs').getByText(/^企业 1$/).first().waitFor();
        await expectNoIdentifiers(visitor, `search-results-${name}`);
        await visitor.screenshot({ path: screenshotPath(`search-2-results-${name}`), fullPage: true });

        // One kind, in its own tab.
        await visitor.getByTestId('search-tabs').getByText(/^双创载体 \d+$/).first().click();
        await visitor.waitForURL((u) => u.searchParams.get('kind') === 'carriers');
        // (The previous answer shows until the new one arrives.)
        await expect
          .poll(() => visitor.getByTestId('search-hit').evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute('data-kind') === 'carriers')), { timeout: 15_000 })
          .toBe(true);

        // A new query keeps the chosen tab; back to all kinds.
        await visitor.getByTestId('search-tabs').getByText(/^全部 \d+$/).first().click();
        await visitor.waitForURL((u) => !u.searchParams.has('kind'));
        await search(visitor, 'guangai');
        await group(visitor, 'products').getByRole('link', { name: PRODUCT }).click();
        await visitor.getByRole('heading', { level: 1, name: FIRM }).waitFor();
        const page = visitor.getByTestId('enterprise-page');
        await page.getByText('软件和信息技术服务业').waitFor();
        await page.getByText('南宁市青秀区').waitFor();
        await page.getByTestId('enterprise-products').getByText(PRODUCT).waitFor();
        const text = (await page.textContent()) ?? '';
        expect(text).not.toMatch(/林晓青|信用代码|91450103/);
        await expectNoIdentifiers(visitor, `search-enterprise-${name}`);
        await visitor.screenshot({ path: screenshotPath(`search-3-enterprise-${name}`), fullPage: true });

        await visitor.getByRole('link', { name: '返回企业名录' }).click();
        await visitor.getByRole('heading', { level: 1, name: '企业名录' }).waitFor();
        await visitor.getByTestId('directory-enterprise').getByRole('link', { name: FIRM }).waitFor();
        await expectNoIdentifiers(visitor, `search-directory-${name}`);
        await visitor.screenshot({ path: screenshotPath(`search-4-directory-${name}`), fullPage: true });

      });
    }
    expect(errors).toEqual([]);
  });

  it('withdrawing removes the enterprise from the search at once', async () => {
    await scenario(owner, 'search-opt-out', async () => {
      await owner.goto(url('/profile'));
      const panel = owner.getByTestId('listing-panel');
      await panel.getByTestId('listing-withdraw').click();
      await owner.getByRole('button', { name: '确定' }).click();
      await owner.getByText('已取消公开展示').waitFor();
      await panel.getByTestId('listing-status').getByText('未公开展示').waitFor();
    });
    const visitor = await session.person(null, false);
    await scenario(visitor, 'search-after-opt-out', async () => {
      await visitor.goto(url('/search?q=qingxiu'));
      await group(visitor, 'carriers').getByRole('link', { name: '南宁青秀创业孵化基地' }).waitFor();
      expect(await group(visitor, 'enterprises').count()).toBe(0);
      await visitor.goto(url('/search?q=qinghe'));
      await visitor.getByTestId('search-empty').waitFor();
      await visitor.screenshot({ path: screenshotPath('search-5-empty'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
