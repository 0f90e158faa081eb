/**
 * Administration from the browser: the platform administrator signs in with a second factor,
 * creates a district department under the city bureau, creates a user and makes them its officer,
 * checks the audit chain; the new officer's first sign-in enrols a second factor.
 */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chooseOption,
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
const totp = (secret: string) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();

async function pickFromSelect(fieldId: string, search: string, optionTitle: string) {
  await page.locator(`#${fieldId}`).click();
  await page.locator(`#${fieldId}`).fill(search);
  const option = page.locator(`.ant-select-dropdown:visible [title="${optionTitle}"]`).first();
  await option.waitFor();
  await option.click();
}

describe('administration', () => {
  const id = unique();
  let department = `南宁市青秀区科学技术局${id}`;
  const officer = { username: `officer_${id}`, displayName: `蒙新（经办）${id}`, password: 'officer-password-1' };

  it('signs the administrator in with a one-time code', async () => {
    await scenario(page, 'admin-login', async () => {
      await page.goto(url('/login'));
      await page.getByLabel('用户名', { exact: true }).fill('admin');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '输入动态验证码' }).waitFor();
      await page.screenshot({ path: screenshotPath('admin-1-mfa-step'), fullPage: true });
      // The code field has the focus: typing and Enter is enough.
      await page.keyboard.type(totp(DEMO_TOTP_SECRET));
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/admin\/organisations$/);
      await page.getByRole('cell', { name: '南宁市科学技术局', exact: true }).waitFor();
      await page.screenshot({ path: screenshotPath('admin-2-organisations'), fullPage: true });
    });
  });

  it('creates a department under the city bureau', async () => {
    await scenario(page, 'admin-create-organisation', async () => {
      await page.getByRole('button', { name: '新建机构' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('名称', { exact: true }).fill(department);
      await dialog.getByLabel('所在地区', { exact: true }).click();
      await pickRegion(page, ['广西壮族自治区', '南宁市', '青秀区']);
      await page.keyboard.press('Escape');
      await pickFromSelect('parentId', '南宁市科学技术局', '南宁市科学技术局');
      await page.screenshot({ path: screenshotPath('admin-3-create-organisation'), fullPage: true });
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByText('机构已创建').waitFor();
      await page.getByRole('cell', { name: department, exact: true }).waitFor();

      // Renaming keeps it under its parent.
      await page.getByRole('button', { name: `编辑 ${department}` }).click();
      const edit = page.getByRole('dialog');
      const renamed = `${department}（更名）`;
      await edit.getByLabel('名称', { exact: true }).fill(renamed);
      await edit.getByRole('button', { name: '保存' }).click();
      await page.getByText('机构已更新').waitFor();
      await page.getByRole('cell', { name: renamed, exact: true }).waitFor();
      department = renamed;
    });
  });

  it('creates a user and makes them the department officer', async () => {
    await scenario(page, 'admin-users-members', async () => {
      await page.getByRole('tab', { name: '用户' }).click();
      await page.waitForURL(/\/admin\/users$/);
      await page.getByText(/共 \d+ 个用户/).waitFor();
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名', { exact: true }).fill(officer.username);
      await dialog.getByLabel('姓名', { exact: true }).fill(officer.displayName);
      await dialog.getByLabel('初始密码', { exact: true }).fill(officer.password);
      await dialog.getByRole('button', { name: '创建' }).click();
      await page.getByText('用户已创建').first().waitFor();
      // Newest first: the account just made heads the list, however many there are.
      await expect.poll(() => page.locator('tbody tr.ant-table-row').first().innerText(), { timeout: 15_000 }).toContain(officer.username);
      await page.screenshot({ path: screenshotPath('admin-4-users'), fullPage: true });
      // The server searches: one demo officer by part of their username, and nobody else.
      await page.getByRole('searchbox', { name: '按用户名或姓名搜索' }).fill('officer.nanch');
      await expect.poll(() => page.locator('tbody tr.ant-table-row').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('officer.nanchang')]);
      await page.getByRole('searchbox', { name: '按用户名或姓名搜索' }).fill('');

      await page.getByRole('tab', { name: '机构' }).click();
      await page.getByRole('button', { name: `成员 ${department}` }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('暂无成员').waitFor();
      // The picker asks the server as the administrator types: the list settles on the one match
      // before it is clicked (a click on the list that was there before the answer would be lost).
      await page.locator('#userId').click();
      await page.locator('#userId').fill(officer.username);
      await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts(), { timeout: 15_000 }).toEqual([
        `${officer.displayName} (${officer.username})`,
      ]);
      // Both choices show in their fields before the form is sent (a click a loaded machine lost
      // is repeated rather than the form sent without them).
      const field = (id: string) => drawer.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
      await chooseOption(page, 'userId', `${officer.displayName} (${officer.username})`, field('userId'));
      await chooseOption(page, 'roles', '经办', field('roles'));
      await page.keyboard.press('Escape');
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
      await drawer.getByRole('button', { name: '添加或更新成员' }).click();
      await page.getByText('成员已保存').waitFor();
      await drawer.getByRole('cell', { name: new RegExp(officer.username) }).waitFor();
      expect(await drawer.locator('.ant-tag', { hasText: '经办' }).count()).toBe(1);
      await page.screenshot({ path: screenshotPath('admin-5-members'), fullPage: true });
      await drawer.getByRole('button', { name: /close|关闭/i }).click();
    });
  });

  it('shows the audit log and verifies its hash chain', async () => {
    await scenario(page, 'admin-audit', async () => {
      await page.getByRole('tab', { name: '审计日志' }).click();
      await page.waitForURL(/\/admin\/audit$/);
      // Each entry is a sentence naming the actor and the object, never a code.
      const entries = page.getByTestId('audit-entry');
      await entries.filter({ hasText: `平台管理员 创建了用户 ${officer.displayName}` }).first().waitFor();
      await entries.filter({ hasText: `平台管理员 设置了 ${officer.displayName} 在 ${department} 的角色` }).first().waitFor();
      expect(await page.getByTestId('audit-list').innerText()).not.toMatch(/organisation\.|membership\.|user\.created/);
      // Who and what: the administrator's account changes only.
      await page.getByTestId('audit-who').locator('input').fill('平台管理员');
      await page.getByTestId('audit-who').locator('input').press('Enter');
      await page.getByTestId('audit-kind').click();
      await page.locator('.ant-select-item-option', { hasText: '账号、机构与角色' }).click();
      // The filtered list replaces the whole one: some entries, each the administrator's, none a sign-in.
      await expect
        .poll(
          async () => {
            const texts = await entries.allInnerTexts();
            return texts.length > 0 && texts.every((text) => text.startsWith('平台管理员') && !text.includes('登录了平台'));
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      await page.getByRole('button', { name: '校验审计链' }).click();
      const result = page.getByTestId('audit-verify-result');
      await result.waitFor();
      expect(await result.innerText()).toMatch(/审计链完整/);
      await page.screenshot({ path: screenshotPath('admin-6-audit'), fullPage: true });

      await page.getByTestId('lang-switch').click();
      await page.getByRole('tab', { name: 'Organisations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
      await page.screenshot({ path: screenshotPath('admin-7-organisations-en'), fullPage: true });
      await page.getByTestId('lang-switch').click();
    });
  });

  it("enrols the new officer's second factor at their first sign-in", async () => {
    await scenario(page, 'officer-enrolment', async () => {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.getByRole('banner').getByRole('link', { name: '登录', exact: true }).click();
      await page.getByLabel('用户名', { exact: true }).fill(officer.username);
      await page.getByLabel('密码', { exact: true }).fill(officer.password);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '设置双重验证' }).waitFor();
      await page.getByRole('img', { name: '双重验证设置二维码' }).waitFor();
      const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
      expect(secret).toMatch(/^[A-Z2-7]+=*$/);
      await page.screenshot({ path: screenshotPath('admin-8-enrolment'), fullPage: true });

      // A wrong code is refused with a message and the field cleared.
      await page.getByLabel('6 位验证码').fill('000000');
      await page.getByRole('button', { name: '验证并登录' }).click();
      await page.locator('.ant-alert-error').waitFor();

      await page.getByLabel('6 位验证码').fill(totp(secret));
      await page.getByRole('button', { name: '验证并登录' }).click();
      // An officer (经办) lands on the workbench (app/landing.ts).
      await page.waitForURL(/\/workbench$/);
      await page.getByTestId('user-menu').waitFor();
      expect(await page.getByTestId('user-menu').innerText()).toContain(officer.displayName);
    });
  });
});
