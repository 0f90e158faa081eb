/**
 * The policy finder from the browser: an anonymous visitor answers the calculator's questions
 * and sees eligible items with their reasons; an officer edits a Nanning 免申即享 policy, runs the
 * what-if simulation, sees the diff and publishes the new version; the registered Nanning
 * enterprise that the policy matches finds the notification behind the bell.
 */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, launchBrowser, scenario, screenshotPath, startServer, type RunningBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.baseUrl}${path}`;
const totp = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();
const ITEM = 'nn.fee-cancellation-suspension';

/** Answers whatever the calculator asks, in the way its input asks for it. */
async function answerQuestion(): Promise<string> {
  const q = page.getByTestId('question');
  await q.waitFor();
  const asked = (await q.locator('label').first().innerText()).trim();
  if ((await q.locator('.ant-radio-button-wrapper').count()) > 0) await q.locator('.ant-radio-button-wrapper').first().click();
  else if ((await q.locator('.ant-input-number-input').count()) > 0) await q.locator('.ant-input-number-input').fill('12');
  else if ((await q.locator('.ant-picker-input input').count()) > 0) {
    await q.locator('.ant-picker-input input').fill('2025-06-18');
    await page.keyboard.press('Enter');
  } else if ((await q.locator('.ant-select').count()) > 0) {
    await q.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  } else await q.locator('input').first().fill('I65');
  await q.getByRole('button', { name: '确定' }).click();
  await page.waitForFunction((text) => !document.querySelector('[data-testid="question"] label')?.textContent?.includes(text), asked);
  return asked;
}

async function login(username: string, withCode: boolean) {
  await page.goto(url('/login'));
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (withCode) {
    await page.getByRole('heading', { level: 1, name: '输入动态验证码' }).waitFor();
    await page.keyboard.type(totp(DEMO_TOTP_SECRET));
    await page.keyboard.press('Enter');
  }
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

describe('policy finder', () => {
  it('lets an anonymous visitor answer questions and see eligible items with reasons (phone-sized)', async () => {
    await scenario(page, 'finder-calculator', async () => {
      await page.goto(url('/calculator'));
      await page.getByRole('heading', { level: 1, name: '政策计算器' }).waitFor();
      await page.getByLabel('企业', { exact: true }).click();
      await page.waitForURL(/entity=enterprise/);
      // The region first, as a shared link would carry it; then whatever the calculator asks next.
      await page.goto(`${page.url()}&f.region=450103`);
      const asked = [await answerQuestion(), await answerQuestion()];
      expect(asked[0]).not.toBe(asked[1]);
      expect((page.url().match(/f\./g) ?? []).length).toBeGreaterThanOrEqual(3);
      const card = page.getByTestId(`verdict-${ITEM}`);
      await card.waitFor();
      await expect(card.locator('.ant-tag').first().innerText()).resolves.toBe('符合条件');
      await expect(card.innerText()).resolves.toContain('满足');
      await page.screenshot({ path: screenshotPath('finder-1-calculator'), fullPage: true });
      // The link carries the answers: opened afresh it shows the same result.
      const shared = page.url();
      await page.goto(shared);
      await page.getByTestId(`verdict-${ITEM}`).waitFor();
    });
  });

  it('lets an officer simulate a new version and publish it with its diff', async () => {
    await scenario(page, 'finder-officer', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await login('officer.nanning', true);
      await page.goto(url(`/policies/${ITEM}`));
      await page.getByTestId('manage').click();
      await page.waitForURL(/\/manage$/);
      const editor = page.getByTestId('spec-json');
      await expect(editor.inputValue()).resolves.toContain(ITEM);
      const spec = JSON.parse(await editor.inputValue());
      spec.amount = { formula: { '*': [{ var: 'employees' }, 10000] } };
      await editor.fill(JSON.stringify(spec, null, 2));
      await page.getByLabel('修改说明').fill('按从业人员每人100元计算');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByTestId('diff').waitFor();
      await expect(page.getByTestId('diff').innerText()).resolves.toContain('amount');
      await page.getByRole('button', { name: '模拟测算' }).click();
      const sim = page.getByTestId('simulation');
      await sim.getByText('已测算').waitFor({ timeout: 60_000 });
      await expect(sim.innerText()).resolves.toContain('1,800.00');
      await page.screenshot({ path: screenshotPath('finder-2-simulation'), fullPage: true });
      await page.getByTestId('publish').click();
      await page.getByText('已发布').first().waitFor();
      await page.goto(url(`/policies/${ITEM}`));
      await page.getByText('v2 · 按从业人员每人100元计算').waitFor();
    });
  });

  it('notifies the registered enterprise the published policy matches', async () => {
    await scenario(page, 'finder-notification', async () => {
      await page.context().clearCookies();
      await login('ent.nanning', false);
      const bell = page.getByTestId('notification-bell');
      // The matching job runs in the background: reload until the bell shows it.
      for (let i = 0; i < 30; i++) {
        await page.goto(url('/notifications'));
        // The inbox has loaded once it shows either notifications or its empty state.
        await page.locator('[data-testid="notification"], .ant-empty').first().waitFor();
        if ((await page.getByTestId('notification').count()) > 0) break;
        await page.waitForTimeout(1000);
      }
      await expect(bell.getAttribute('aria-label')).resolves.toMatch(/[1-9]\d* 条未读/);
      const notes = page.getByTestId('notification');
      await expect(notes.first().innerText()).resolves.toContain('取消和暂停征收一批涉企收费');
      await page.screenshot({ path: screenshotPath('finder-3-notification'), fullPage: true });
      await notes.filter({ hasText: '您符合' }).first().getByRole('link', { name: '查看' }).click();
      await page.getByTestId(`verdict-${ITEM}`).waitFor();
      await expect(page.getByTestId(`verdict-${ITEM}`).innerText()).resolves.toContain('1,800.00');
    });
  });
});
