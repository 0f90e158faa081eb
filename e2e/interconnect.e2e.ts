/**
 * 互联互通 in the browser: Nanning's programme office registers a district platform as a machine
 * client with two scopes, copies the credentials shown once, and the platform gets a token with
 * them (OAuth 2.0 client credentials, over HTTP); the office registers this same platform as an
 * upstream with those credentials and the connection test passes; the call log shows the calls;
 * the office revokes the client, the token endpoint refuses it and the connection test fails. On a
 * phone the page reads too, and the former address of the feeds page opens its tab here.
 */
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, openTab, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const PHONE = { width: 390, height: 844 };
const CLIENT = '青秀区双创服务平台';

const token = (clientId: string, clientSecret: string) =>
  fetch(url('/api/v1/oauth/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
  });

describe('interconnection: machine clients and upstreams', () => {
  it('registers a client whose credentials work once copied, and revokes it', async () => {
    const page = await session.person('office.nanning', true);
    await scenario(page, 'interconnect-clients', async () => {
      await followNav(page, '互联互通');
      await page.getByRole('heading', { level: 1, name: '互联互通' }).waitFor();
      await page.getByText('尚未登记对接客户端').waitFor();
      await page.getByRole('button', { name: '登记客户端' }).click();
      const dialog = page.getByRole('dialog', { name: '登记客户端' });
      await dialog.getByLabel('平台或系统名称').fill(CLIENT);
      await dialog.getByRole('checkbox', { name: '报送指标' }).check();
      await dialog.getByRole('button', { name: '登 记' }).or(dialog.getByRole('button', { name: '登记' })).click();

      const secretDialog = page.getByRole('dialog', { name: '请立即保存客户端凭证' });
      await secretDialog.waitFor();
      const clientId = (await secretDialog.getByTestId('client-id').innerText()).trim();
      const clientSecret = (await secretDialog.getByTestId('client-secret').innerText()).trim();
      expect(clientId).toMatch(/^sbc_[0-9a-f]{24}$/);
      expect(clientSecret).toMatch(/^sbs_/);
      await page.screenshot({ path: screenshotPath('interconnect-secret') });
      await secretDialog.getByRole('button', { name: '我已保存' }).click();

      const issued = await token(clientId, clientSecret);
      expect(issued.status).toBe(200);
      expect(((await issued.json()) as { scope: string }).scope).toBe('policies:read reports:push');

      const row = page.getByRole('row').filter({ hasText: CLIENT });
      await row.getByText('启用').waitFor();
      await row.getByText('读取政策').waitFor();
      await row.getByText('报送指标').waitFor();

      // The same platform as an upstream of itself: the stored credentials fetch a token.
      await page.getByRole('tab', { name: /上级平台/ }).click();
      await page.getByRole('button', { name: '登记上级平台' }).click();
      const up = page.getByRole('dialog', { name: '登记上级平台' });
      await up.getByLabel('平台名称').fill('南宁市双创服务平台');
      await up.getByLabel('平台地址').fill(url(''));
      await up.getByLabel('对方签发的客户端标识').fill(clientId);
      await up.getByLabel('对方签发的客户端密钥').fill(clientSecret);
      await up.getByRole('button', { name: '登 记' }).or(up.getByRole('button', { name: '登记' })).click();
      const upRow = page.getByRole('row').filter({ hasText: '南宁市双创服务平台' });
      await upRow.waitFor();
      await upRow.getByRole('button', { name: '测试连接' }).click();
      await page.getByText('连接正常，已取得访问令牌').waitFor();

      await page.getByRole('tab', { name: /对接客户端/ }).click();
      await row.getByRole('button', { name: '吊销' }).click();
      await page.getByRole('button', { name: '确 定' }).or(page.getByRole('button', { name: '确定' })).click();
      await row.getByText(/已吊销/).waitFor();
      const refused = await token(clientId, clientSecret);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: string }).error).toBe('invalid_client');

      await page.getByRole('tab', { name: /上级平台/ }).click();
      await upRow.getByRole('button', { name: '测试连接' }).click();
      await page.getByText(/连接失败/).waitFor();
      await expectNoIdentifiers(page, 'interconnection');
    });
  });

  it('reads on a phone', async () => {
    const page = await session.person('office.nanning', true, PHONE);
    await page.goto(url('/interconnect'));
    await page.getByRole('heading', { level: 1, name: '互联互通' }).waitFor();
    await page.getByRole('row').filter({ hasText: CLIENT }).getByText(/已吊销/).waitFor();
    await page.screenshot({ path: screenshotPath('interconnect-phone'), fullPage: true });
    // The feeds and webhooks are tabs of the same page; their former address opens the feeds tab.
    await page.goto(url('/interconnection'));
    await page.getByRole('tab', { name: /订阅的政策/, selected: true }).waitFor();
    expect(new URL(page.url()).search).toBe('?tab=feeds');
    await page.getByText('尚未订阅其他平台的政策。').waitFor();
    await openTab(page, /事件推送/);
    await page.getByText('本单位的对接客户端尚未登记 Webhook。').waitFor();
    expect(new URL(page.url()).search).toBe('?tab=webhooks');
    await page.screenshot({ path: screenshotPath('interconnect-webhooks-phone'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
