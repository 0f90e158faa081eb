/**
 * The public pages as a person meets them: Chinese first, English one click away and
 * remembered, landmarks and a skip link, usable from the keyboard and on a phone; and a
 * person's own profile with the ID number masked.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, scenario, screenshotPath, startServer, type RunningBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.baseUrl}${path}`;
const htmlLang = () => page.locator('html').getAttribute('lang');

describe('public pages', () => {
  it('shows the home page in Chinese with landmarks and a skip link', async () => {
    await scenario(page, 'home-zh', async () => {
      await page.goto(url('/'));
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await htmlLang()).toBe('zh-CN');
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);
      expect(await page.getByRole('navigation', { name: '主导航' }).count()).toBe(1);
      expect(await page.title()).toContain('Seedbed');

      // The first Tab lands on the skip link, which moves to the main content.
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
      expect(focused).toBe('跳到主要内容');
      await page.screenshot({ path: screenshotPath('pages-1-home-zh'), fullPage: true });
    });
  });

  it('switches to English, remembers it, and switches back', async () => {
    await scenario(page, 'home-en', async () => {
      await page.getByTestId('lang-switch').click();
      expect(await htmlLang()).toBe('en');
      await page.getByRole('heading', { level: 1, name: /Every innovation support policy/ }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: /Every innovation support policy/ }).waitFor();
      expect(await htmlLang()).toBe('en');
      await page.screenshot({ path: screenshotPath('pages-2-home-en'), fullPage: true });
      await page.goto(url('/login'));
      await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
      await page.screenshot({ path: screenshotPath('pages-3-login-en'), fullPage: true });
      await page.getByTestId('lang-switch').click();
      expect(await htmlLang()).toBe('zh-CN');
      await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    });
  });

  it('explains a wrong password without saying which half was wrong', async () => {
    await scenario(page, 'login-wrong-password', async () => {
      await page.goto(url('/login'));
      await page.getByLabel('用户名', { exact: true }).fill('founder');
      await page.getByLabel('密码', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: '登录', exact: true }).click();
      const alert = page.locator('.ant-alert-error');
      await alert.waitFor();
      expect((await alert.innerText()).length).toBeGreaterThan(4);
      expect(page.url()).toContain('/login');
    });
  });

  it('signs a founder in from the keyboard alone and shows their profile with the ID masked', async () => {
    await scenario(page, 'founder-profile', async () => {
      await page.goto(url('/login'));
      await page.getByLabel('用户名', { exact: true }).waitFor();
      // The username field has the focus on arrival.
      await page.keyboard.type('founder');
      await page.keyboard.press('Tab');
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      // A founder lands on their overview (app/landing.ts), which leads on to the profile.
      await page.waitForURL(/\/me$/);
      await page.getByTestId('overview-profile').getByRole('link', { name: /完善档案/ }).click();
      await page.waitForURL(/\/profile\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: '韦小燕' }).waitFor();
      const id = page.locator('#facts_id_number');
      expect(await id.inputValue()).toBe('');
      const placeholder = (await id.getAttribute('placeholder')) ?? '';
      expect(placeholder).toMatch(/\*{4,}/);
      expect(placeholder).not.toContain('450103199803150029');
      expect(await page.locator('#facts_education').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('pages-4-person-profile-zh'), fullPage: true });
      await page.getByTestId('lang-switch').click();
      await page.getByText('Personal profile').first().waitFor();
      await page.screenshot({ path: screenshotPath('pages-5-person-profile-en'), fullPage: true });
      await page.getByTestId('lang-switch').click();
    });
  });

  it("shows a demo enterprise's profile in English, money in 10k yuan and the size class computed", async () => {
    await scenario(page, 'enterprise-profile-en', async () => {
      // Log out from the keyboard: the user menu opens with Enter and is walked with the arrows.
      await page.getByTestId('user-menu').focus();
      await page.keyboard.press('Enter');
      // The menu takes the focus as it opens (autoFocus); keys pressed before that reach the trigger.
      await page.waitForFunction(() => !!document.activeElement?.closest('.ant-dropdown-menu'));
      const active = page.locator('.ant-dropdown-menu-item-active');
      for (let i = 0; i < 3 && (await active.innerText().catch(() => '')) !== '退出登录'; i++) await page.keyboard.press('ArrowDown');
      expect(await active.innerText()).toBe('退出登录');
      // Let the menu apply the item the arrows reached before Enter (a person's keystrokes are
      // frames apart; a keystroke in the same frame would activate the item before).
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.keyboard.press('Enter');
      await page.getByRole('banner').getByRole('link', { name: '登录', exact: true }).waitFor();
      await page.goto(url('/login'));
      await page.getByLabel('用户名', { exact: true }).fill('ent.nanning');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(/\/me$/);
      await page.getByTestId('overview-profile').getByRole('link', { name: /完善档案/ }).click();
      await page.waitForURL(/\/profile\/[0-9a-f-]{36}$/);
      await page.getByTestId('lang-switch').click();
      await page.getByRole('heading', { level: 1, name: '南宁青禾智能科技有限公司' }).waitFor();
      // Demo facts: revenue 320 万元, employees 18, industry I65 (software and IT services).
      expect(await page.locator('#facts_revenue').inputValue()).toBe('320');
      expect(await page.locator('#facts_employees').inputValue()).toBe('18');
      expect(await page.locator('.ant-form-item', { has: page.locator('#facts_industry') }).innerText()).toContain('I65');
      expect((await page.getByTestId('size-class').innerText()).length).toBeGreaterThan(1);
      await page.screenshot({ path: screenshotPath('pages-7-enterprise-profile-en'), fullPage: true });
      await page.getByTestId('lang-switch').click();
    });
  });

  it('answers an unknown address with a page that leads home', async () => {
    await scenario(page, 'not-found', async () => {
      await page.goto(url('/no/such/page'));
      await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.waitForURL(/\/$/);
    });
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    try {
      await scenario(p, 'phone', async () => {
        for (const [path, name] of [
          ['/', 'home'],
          ['/register', 'register'],
          ['/login', 'login'],
        ] as const) {
          await p.goto(url(path));
          await p.getByRole('heading', { level: 1 }).waitFor();
          const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${path} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
          await p.screenshot({ path: screenshotPath(`pages-6-phone-${name}`), fullPage: true });
        }
      });
    } finally {
      await phone.close();
    }
  });

  it('leaves no errors in the browser console', () => {
    expect(browser.errors.filter((e: string) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
