/**
 * The policy finder from the browser: an anonymous visitor answers the calculator's questions
 * and sees eligible items with their reasons; an officer edits a Nanning 免申即享 policy, runs the
 * what-if simulation, sees the diff and publishes the new version; the registered Nanning
 * enterprise that the policy matches finds the notification behind the bell; an officer creates
 * a new Nanning item from the library (the quote checked against the source), simulates and
 * publishes it, and the public policy page shows it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { ApiSession, DEMO_PASSWORD, DEMO_TOTP_SECRET, launchBrowser, scenario, screenshotPath, signIn, startServer, waitForNotification, type RunningBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
/** A second officer of the Nanning department: approves publications above the thresholds (the demo population makes both of this file's publications exceed them). */
let colleague: ApiSession;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 390, height: 844 } });
  page = await browser.newPage();
  colleague = new ApiSession(server.baseUrl);
  await colleague.login('officer2.nanning', DEMO_PASSWORD, () => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate());
});

/** Confirms the publication in the dialog; above the thresholds it awaits approval, which the colleague gives. */
async function publishWithConfirmation(itemId: string): Promise<void> {
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await dialog.getByTestId('publish-approval-needed').waitFor();
  const needsApproval = (await dialog.getByTestId('publish-approval-needed').innerText()).includes('超过阈值');
  await page.getByTestId('publish-confirm').click();
  if (needsApproval) {
    await page.getByTestId('awaiting-approval').waitFor();
    const versions = await colleague.request<{ items: { version: number; status: string }[] }>('GET', `/policies/${itemId}/versions`);
    const awaiting = versions.body.items.find((v) => v.status === 'awaiting_approval')!;
    expect((await colleague.request('POST', `/policies/${itemId}/versions/${awaiting.version}/approve`)).status).toBe(200);
    await page.reload();
  }
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.baseUrl}${path}`;
const ITEM = 'nn.fee-cancellation-suspension';
const NEW_ITEM = 'nn.demo-new-subsidy';
const NEW_TITLE = '新产品推广奖励（试点）';
/** A sentence of 南府办〔2016〕34号 (catalog/sources/001_b0a6d818020c8865.txt, 三(二)9). */
const NANNING_QUOTE = '对获得工业新产品认定并在广西新产品推介和交易平台发布的工业新产品,按照2万元/个的标准进行补助,对同一企业每年补助最高20万元。';

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

const login = (username: string, withCode: boolean) => signIn(page, server.baseUrl, username, withCode);

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
      // The rule as JSON is the experts' tab beside the visual builder.
      await page.getByRole('tab', { name: 'JSON（专家）' }).click();
      const editor = page.getByTestId('spec-json');
      await expect(editor.inputValue()).resolves.toContain(ITEM);
      const spec = JSON.parse(await editor.inputValue());
      spec.amount = { formula: { '*': [{ var: 'employees' }, 10000] } };
      await editor.fill(JSON.stringify(spec, null, 2));
      await page.getByLabel('修改说明').fill('按从业人员每人100元计算');
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.getByTestId('diff').waitFor();
      await expect(page.getByTestId('diff').innerText()).resolves.toContain('金额公式');
      await page.getByRole('button', { name: '模拟测算' }).click();
      const sim = page.getByTestId('simulation');
      await sim.getByText('已测算').waitFor({ timeout: 60_000 });
      // The registered enterprise (18 employees, 1,800 元) and the demo's synthetic Nanning enterprises.
      await expect(sim.innerText()).resolves.toContain('总金额');
      await sim.getByTestId('sim-district-cost-data').locator('tbody tr').first().waitFor({ state: 'attached' });
      await page.screenshot({ path: screenshotPath('finder-2-simulation'), fullPage: true });
      await publishWithConfirmation(ITEM);
      await page.goto(url(`/policies/${ITEM}`));
      await page.getByText('v2 · 按从业人员每人100元计算').waitFor();
    });
  });

  it('notifies the registered enterprise the published policy matches', async () => {
    await scenario(page, 'finder-notification', async () => {
      await page.context().clearCookies();
      await login('ent.nanning', false);
      const bell = page.getByTestId('notification-bell');
      // The matching job runs in the background: reload until the inbox shows its notification
      // (the demo leaves ent.nanning other notifications, so any notification is not enough).
      const notes = page.getByTestId('notification');
      await waitForNotification(page, server.baseUrl, '取消和暂停征收一批涉企收费');
      await expect(bell.getAttribute('aria-label')).resolves.toMatch(/[1-9]\d* 条未读/);
      // The newest notification is the match.
      await expect(notes.first().innerText()).resolves.toContain('取消和暂停征收一批涉企收费');
      await page.screenshot({ path: screenshotPath('finder-3-notification'), fullPage: true });
      await notes.filter({ hasText: '您符合' }).first().getByRole('link', { name: '查看' }).click();
      await page.getByTestId(`verdict-${ITEM}`).waitFor();
      await expect(page.getByTestId(`verdict-${ITEM}`).innerText()).resolves.toContain('1,800.00');
    });
  });

  it('lets an officer create a new policy item, simulate it and publish it (phone-sized)', async () => {
    await scenario(page, 'finder-new-item', async () => {
      await page.context().clearCookies();
      await page.setViewportSize({ width: 390, height: 844 });
      await login('officer.nanning', true);
      await page.goto(url('/policies'));
      await page.getByRole('heading', { level: 1, name: '政策库' }).waitFor();
      await page.getByRole('link', { name: '新建政策事项' }).click();
      await page.waitForURL(/\/policies\/new$/);
      await page.getByRole('heading', { level: 1, name: '新建政策事项' }).waitFor();
      await page.getByTestId('drafts').waitFor();

      await page.getByLabel('政策文件', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '南府办〔2016〕34号' }).click();
      // The template carries the document's region and date; the officer writes the rest.
      const editor = page.getByTestId('new-spec-json');
      await expect(editor.inputValue()).resolves.toContain('"450100"');
      const spec = JSON.parse(await editor.inputValue());
      Object.assign(spec, {
        id: NEW_ITEM,
        title: { zh: NEW_TITLE, en: 'New-product promotion reward (pilot)' },
        benefit: 'reward',
        mode: 'apply',
        criteria: [{ id: 'enough_staff', label: { zh: '从业人员不少于10人', en: 'At least 10 employees' }, rule: { '>=': [{ var: 'employees' }, 10] } }],
        amount: { formula: 500000 },
      });
      await editor.fill(JSON.stringify(spec, null, 2));
      await page.getByLabel('条款（可选）', { exact: true }).fill('三(二)9');
      await page.getByLabel('牵头单位（可选）', { exact: true }).fill('市工信委');
      await page.getByLabel('说明', { exact: true }).fill('试点：新产品推广奖励');

      // A quote that is not in the document is refused, naming the field.
      await page.getByLabel('原文摘录', { exact: true }).fill('对所有企业每年奖励一百万元。');
      await page.getByRole('button', { name: '创建草稿' }).click();
      const error = page.getByTestId('new-item-error');
      await error.waitFor();
      await expect(error.innerText()).resolves.toContain('原文摘录');
      await expect(error.innerText()).resolves.toContain('meta.quote');
      await page.screenshot({ path: screenshotPath('finder-4-new-item-error'), fullPage: true });

      await page.getByLabel('原文摘录', { exact: true }).fill(NANNING_QUOTE);
      await page.getByRole('button', { name: '创建草稿' }).click();
      await page.waitForURL((u) => u.pathname === `/policies/${NEW_ITEM}/manage`);
      await page.getByTestId('new-item').waitFor();
      await expect(page.getByTestId('new-item').innerText()).resolves.toBe('新政策，尚未发布');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain(NEW_TITLE);
      // Before publication the way back is the list of open drafts, which now holds the new item.
      await page.getByRole('link', { name: '返回新建政策与草稿' }).click();
      await page.getByTestId('drafts').getByRole('link', { name: NEW_TITLE, exact: false }).click();
      await page.waitForURL((u) => u.pathname === `/policies/${NEW_ITEM}/manage`);
      await page.getByTestId('new-item').waitFor();

      // No current version to compare with: the simulation shows the new item's figures only.
      await page.getByRole('button', { name: '模拟测算' }).click();
      const sim = page.getByTestId('simulation');
      await sim.getByText('已测算').waitFor({ timeout: 60_000 });
      await expect(sim.innerText()).resolves.toContain('新版本 v1');
      await page.screenshot({ path: screenshotPath('finder-5-new-item-simulation'), fullPage: true });

      await publishWithConfirmation(NEW_ITEM);
      await page.getByRole('link', { name: '返回政策页' }).waitFor();
      await page.goto(url(`/policies/${NEW_ITEM}`));
      await page.getByRole('heading', { level: 1, name: NEW_TITLE }).waitFor();
      await expect(page.locator('main').innerText()).resolves.toContain('市工信委');
    });
  });
});
