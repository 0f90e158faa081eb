/**
 * An enterprise's account from the browser: register → log out → log in → edit the profile →
 * reload and see the saved values; and a wrong credit code answered with an inline error on
 * that field, in Chinese and in English.
 */
import { creditCodeCheckCharacter } from '@seedbed/contract';
import * as OTPAuth from 'otpauth';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiSession,
  DEMO_PASSWORD,
  DEMO_TOTP_SECRET,
  launchBrowser,
  pickRegion,
  scenario,
  screenshotPath,
  startServer,
  unique,
  type RunningBrowser,
  type RunningServer,
} from './harness.js';

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

/** Polls until the locator's input value is `expected` (the page fills forms asynchronously). */
async function valueOf(locator: Locator, expected: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let value = await locator.inputValue();
  while (value !== expected && Date.now() < deadline) {
    await page.waitForTimeout(100);
    value = await locator.inputValue();
  }
  return value;
}

/** A well-formed code for a Nanning (Qingxiu district) enterprise; `wrong` spoils its check character. */
function creditCode(wrong = false): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let serial = '';
  for (let i = 0; i < 7; i++) serial += alphabet[Math.floor(Math.random() * alphabet.length)];
  const first17 = `91450103MA${serial}`;
  const check = creditCodeCheckCharacter(first17)!;
  if (!wrong) return first17 + check;
  const other = alphabet[(alphabet.indexOf(check) + 1) % alphabet.length]!;
  return first17 + other;
}

async function chooseRegion(label: string, names: string[]) {
  await page.getByLabel(label, { exact: true }).click();
  await pickRegion(page, names);
  // The menu closes once a district (a leaf) is chosen; Escape closes it in any case.
  await page.keyboard.press('Escape');
}

interface Enterprise {
  username: string;
  password: string;
  displayName: string;
  name: string;
  creditCode: string;
}

async function fillRegistration(e: Enterprise) {
  await page.goto(url('/register'));
  await page.getByRole('heading', { level: 1, name: '注册账号' }).waitFor();
  await page.getByRole('radio', { name: '企业' }).check();
  await page.getByLabel('用户名', { exact: true }).fill(e.username);
  await page.getByLabel('姓名 / 称呼', { exact: true }).fill(e.displayName);
  await page.getByLabel('密码', { exact: true }).fill(e.password);
  await page.getByLabel('确认密码', { exact: true }).fill(e.password);
  await page.getByLabel('统一社会信用代码', { exact: true }).fill(e.creditCode);
  await page.getByLabel('企业名称', { exact: true }).fill(e.name);
  await chooseRegion('注册地', ['广西壮族自治区', '南宁市', '青秀区']);
}

async function logOut() {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('banner').getByRole('link', { name: '登录', exact: true }).waitFor();
}

describe('enterprise account', () => {
  const id = unique();
  let subjectOfEnterprise = '';
  const enterprise: Enterprise = {
    username: `e2e_${id}`,
    password: 'correct-horse-battery',
    displayName: '测试员',
    name: `南宁测试科技有限公司${id}`,
    creditCode: creditCode(),
  };

  it('registers, logs out, logs in, edits the profile and finds the edits after a reload', async () => {
    await scenario(page, 'account-lifecycle', async () => {
      await fillRegistration(enterprise);
      await page.getByRole('button', { name: '注册', exact: true }).click();

      // Registration signs in and opens the enterprise's profile.
      await page.waitForURL(/\/profile\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: enterprise.name }).waitFor();
      expect(await valueOf(page.locator('#facts_credit_code'), enterprise.creditCode)).toBe(enterprise.creditCode);
      await page.screenshot({ path: screenshotPath('account-1-profile-after-registration'), fullPage: true });

      await logOut();
      expect(await page.getByTestId('user-menu').count()).toBe(0);

      await page.goto(url('/login'));
      await page.getByLabel('用户名', { exact: true }).fill(enterprise.username);
      await page.getByLabel('密码', { exact: true }).fill(enterprise.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      // Login lands on the overview (app/landing.ts); registration went straight to the profile.
      await page.waitForURL(/\/me$/);
      await page.getByTestId('overview-profile').getByRole('link', { name: /完善档案/ }).click();
      await page.waitForURL(/\/profile\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { level: 1, name: enterprise.name }).waitFor();
      const subjectId = new URL(page.url()).pathname.split('/').pop()!;

      // Money is typed in 万元 by default; 150.5 万元 is exactly 150 500 000 fen.
      await page.locator('#facts_employees').fill('42');
      await page.locator('#facts_revenue').fill('150.5');
      await page.getByRole('button', { name: '保存修改' }).click();
      await page.getByText('档案已保存').waitFor({ timeout: 30_000 });

      await page.reload();
      await page.getByRole('heading', { level: 1, name: enterprise.name }).waitFor();
      expect(await valueOf(page.locator('#facts_employees'), '42')).toBe('42');
      expect(await valueOf(page.locator('#facts_revenue'), '150.5')).toBe('150.5');

      // The stored value is exact fen, declared by the enterprise itself.
      const stored = await page.evaluate(async (sid) => {
        const res = await fetch(`/api/v1/subjects/${sid}`, { credentials: 'same-origin' });
        return (await res.json()) as { facts: Record<string, { value: unknown; source: string }> };
      }, subjectId);
      expect(stored.facts.revenue?.value).toBe(150_500_000);
      expect(stored.facts.employees?.value).toBe(42);
      expect(stored.facts.revenue?.source).toBe('declared');

      // In 元 the same amount reads 1505000.
      await page.locator('.ant-segmented-item-label', { hasText: /^元$/ }).click();
      expect(await valueOf(page.locator('#facts_revenue'), '1505000')).toBe('1505000');
      await page.screenshot({ path: screenshotPath('account-2-profile-after-reload'), fullPage: true });
      subjectOfEnterprise = subjectId;
    });
  });

  it('shows a fact confirmed by a registry as verified and read-only', async () => {
    await scenario(page, 'verified-fact', async () => {
      // An officer of Nanning (whose department covers the enterprise's 青秀区) records the founding date as confirmed by market regulation.
      const officer = new ApiSession(server.baseUrl);
      await officer.login('officer.nanning', DEMO_PASSWORD, () => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate());
      const verified = await officer.request('POST', `/subjects/${subjectOfEnterprise}/verified-facts`, {
        facts: { founded_on: '2024-03-01' },
        registry: 'market_regulation',
        asOf: '2026-01-31',
      });
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);

      await page.reload();
      const founded = page.locator('#facts_founded_on');
      expect(await valueOf(founded, '2024-03-01')).toBe('2024-03-01');
      expect(await founded.isDisabled()).toBe(true);
      const item = page.locator('.ant-form-item', { has: founded });
      await item.getByText('已核验，不可修改').waitFor();
      await item.getByText('来自登记机关（市场监管部门）').waitFor();
      await item.getByText('截至 2026-01-31').waitFor();
      await page.screenshot({ path: screenshotPath('account-5-verified-fact'), fullPage: true });
    });
  });

  it('answers a wrong credit code with an inline error on that field', async () => {
    await scenario(page, 'wrong-credit-code', async () => {
      await logOut();
      const other: Enterprise = { ...enterprise, username: `e2e_bad_${id}`, name: `错误代码测试公司${id}`, creditCode: creditCode(true) };
      await fillRegistration(other);
      await page.getByRole('button', { name: '注册', exact: true }).click();

      const field = page.getByLabel('统一社会信用代码', { exact: true });
      const help = page.locator('#enterprise_creditCode_help');
      await help.getByText(/统一社会信用代码/).waitFor();
      expect(await help.innerText()).toMatch(/统一社会信用代码.*校验/);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(page.url()).toContain('/register');
      await page.screenshot({ path: screenshotPath('account-3-wrong-credit-code-zh'), fullPage: true });

      // The same error in English, one click away.
      await page.getByTestId('lang-switch').click();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
      await page.getByRole('button', { name: 'Register', exact: true }).click();
      await help.getByText(/credit code/i).waitFor();
      expect(await help.innerText()).toMatch(/unified social credit code/i);
      await page.screenshot({ path: screenshotPath('account-4-wrong-credit-code-en'), fullPage: true });
      await page.getByTestId('lang-switch').click();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    });
  });

  it('catches a malformed credit code before sending it', async () => {
    await scenario(page, 'malformed-credit-code', async () => {
      // In Chinese whatever the test before left the language at.
      await page.evaluate(() => localStorage.setItem('seedbed.lang', 'zh'));
      await page.goto(url('/register'));
      await page.getByRole('heading', { level: 1, name: '注册账号' }).waitFor();
      const field = page.getByLabel('统一社会信用代码', { exact: true });
      await field.fill('12345');
      await field.blur();
      await page.getByRole('button', { name: '注册', exact: true }).click();
      await page.locator('#enterprise_creditCode_help').getByText(/18 位/).waitFor();
    });
  });

  it('registers an investor, which lands on its desk to write its directory entry', async () => {
    await scenario(page, 'investor-registration', async () => {
      await page.context().clearCookies();
      const id2 = unique();
      await page.goto(url('/register'));
      await page.getByRole('heading', { level: 1, name: '注册账号' }).waitFor();
      // A button-style radio: its input is hidden, its label is what a person clicks.
      await page.locator('.ant-radio-button-wrapper').filter({ hasText: '投资机构' }).click();
      await page.getByText(/投资机构信息（天使、创投、基金/).waitFor();
      expect(await page.getByRole('radio', { name: '投资机构' }).isChecked()).toBe(true);
      await page.getByLabel('用户名', { exact: true }).fill(`inv_${id2}`);
      await page.getByLabel('姓名 / 称呼', { exact: true }).fill('投资经理');
      await page.getByLabel('密码', { exact: true }).fill('correct-horse-battery');
      await page.getByLabel('确认密码', { exact: true }).fill('correct-horse-battery');
      await page.getByLabel('统一社会信用代码', { exact: true }).fill(creditCode());
      await page.getByLabel('机构名称', { exact: true }).fill(`南宁测试创投有限公司${id2}`);
      await chooseRegion('注册地', ['广西壮族自治区', '南宁市', '青秀区']);
      await page.getByRole('button', { name: '注册', exact: true }).click();
      await page.waitForURL(/\/investors\/desk$/);
      const card = page.locator('.ant-card').filter({ hasText: `南宁测试创投有限公司${id2}` });
      await card.getByText('尚未填写').waitFor();
      await page.screenshot({ path: screenshotPath('account-investor-desk'), fullPage: true });
    });
  });

  it('leaves no errors in the browser console', () => {
    // Expected 4xx answers (401 from /auth/me when signed out, 400 for the wrong code) are not errors of the page.
    expect(browser.errors.filter((e: string) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
