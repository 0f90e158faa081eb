/**
 * The founder's journey (issue #13), desktop and phone: the home page's figures match the data;
 * an enterprise founder signs in and lands on the overview, searches the library (the matched
 * words highlighted), opens a policy, applies from its page; the officer, reviewer, experts and
 * finance move it on through the API; the founder then sees 已拨付 with the amount and the date on
 * the application and on the overview. On a phone the header folds into a menu and the publicity
 * list reads as cards. The demo item's publicity period is 0 days here, so nobody waits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, DEMO_PASSWORD, DEMO_TOTP_SECRET, launchBrowser, scenario, screenshotPath, signIn, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const ITEM = 'nn.new-product-subsidy';
const TITLE = '工业新产品补助';
const ENTERPRISE = '南宁青禾智能科技有限公司';

let server: RunningServer;
let desktop: RunningBrowser;
let page: Page;
const url = (path: string) => `${server.baseUrl}${path}`;

const files = mkdtempSync(join(tmpdir(), 'seedbed-e2e-founder-'));
const PDF = join(files, '新产品认定证书.pdf');
writeFileSync(PDF, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const sessions = new Map<string, Promise<ApiSession>>();

/** A signed-in API session of a demo account, once per account (a one-time code is taken once). */
function session(username: string): Promise<ApiSession> {
  let s = sessions.get(username);
  if (!s) {
    s = (async () => {
      const api = new ApiSession(server.baseUrl);
      await api.login(username, DEMO_PASSWORD, () => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate());
      return api;
    })();
    sessions.set(username, s);
  }
  return s;
}

async function act(s: ApiSession, path: string, body: unknown = {}): Promise<{ status: string }> {
  const r = await s.request<{ status: string }>('POST', path, body);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
  return r.body;
}

beforeAll(async () => {
  process.env.SEEDBED_DEMO_PUBLICITY_DAYS = '0';
  server = await startServer();
  desktop = await launchBrowser();
  page = await desktop.newPage();
});

afterAll(async () => {
  await desktop?.close();
  await server?.stop();
  delete process.env.SEEDBED_DEMO_PUBLICITY_DAYS;
});

describe("the founder's journey", () => {
  let applicationPath = '';
  let applicationId = '';

  it('shows figures on the home page that match the data', async () => {
    await scenario(page, 'founder-home', async () => {
      const anon = new ApiSession(server.baseUrl);
      // Computed through another route: the library's count of items in force.
      const inForce = (await anon.request<{ total: number }>('GET', '/policies?open=true&pageSize=1')).body.total;
      expect(inForce).toBeGreaterThan(0);
      await page.goto(url('/'));
      await page.getByTestId('figure-items').getByText(String(inForce), { exact: true }).waitFor();
      expect(await page.getByTestId('figure-items').getAttribute('data-value')).toBe(String(inForce));
      // The policies worth most, each with its amount.
      await page.getByTestId('home-top-policy').first().getByText(/最高/).waitFor();
      expect(await page.getByText('免费注册').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('founder-1-home'), fullPage: true });
    });
  });

  it('lands the founder on the overview, never offering to register', async () => {
    await scenario(page, 'founder-overview', async () => {
      await signIn(page, server.baseUrl, 'ent.nanning', false);
      await page.waitForURL(/\/me$/);
      await page.getByRole('heading', { level: 1, name: '我的首页' }).waitFor();
      await page.getByTestId('profile-completeness').getByText(ENTERPRISE).waitFor();
      await page.getByTestId('overview-matches-total').waitFor();
      await page.getByTestId('overview-applications').waitFor();
      await page.getByTestId('overview-notices').waitFor();
      // The header's 我的 group holds the overview, and is marked as the current place.
      expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '我的' }).getAttribute('aria-current')).toBe('page');
      await page.screenshot({ path: screenshotPath('founder-2-overview'), fullPage: true });
      await page.goto(url('/'));
      await page.getByTestId('home-my-work').waitFor();
      await page.getByTestId('home-mine').waitFor();
      expect(await page.getByText('免费注册').count()).toBe(0);
      await expectNoIdentifiers(page, 'home signed in');
    });
  });

  it('searches the library with the matched words highlighted, opens the policy and applies from its page', async () => {
    await scenario(page, 'founder-apply', async () => {
      await page.getByLabel('搜索政策库').fill('新产品');
      await page.getByLabel('搜索政策库').press('Enter');
      await page.waitForURL(/\/policies\?q=/);
      const row = page.getByTestId('policy-row').filter({ hasText: TITLE }).first();
      await row.locator('mark.sb-hit', { hasText: '新产品' }).waitFor();
      expect(await row.getByTestId('policy-row-amount').innerText()).toMatch(/最高|金额按规则计算/);
      await row.getByTestId('policy-row-deadline').waitFor();
      await page.screenshot({ path: screenshotPath('founder-3-library'), fullPage: true });
      await expectNoIdentifiers(page, 'library search');

      await row.getByRole('link', { name: TITLE }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const card = page.getByTestId('apply-card');
      await card.getByText('南宁市工业和信息化委员会').waitFor();
      await page.screenshot({ path: screenshotPath('founder-4-policy'), fullPage: true });
      await expectNoIdentifiers(page, 'policy page');
      await card.getByRole('button', { name: '申请', exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/fulfilment/apply/${ITEM}`);

      await page.locator('#material-new_product_certificate').setInputFiles(PDF);
      await page.getByTestId('uploaded-new_product_certificate').waitFor();
      await page.locator('#nn_new_products_certified').fill('3');
      // Where the money goes: the bank and the account number (the holder is the applicant).
      await page.locator('#payee-bank').fill('中国建设银行南宁分行');
      await page.locator('#payee-number').fill('6217 0031 2345 6789 012');
      await page.getByRole('button', { name: '预判资格' }).click();
      await page.getByTestId('verdict').filter({ hasText: '符合条件' }).waitFor();
      await expectNoIdentifiers(page, 'apply page');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.waitForURL(/\/fulfilment\/applications\/[0-9a-f-]{36}$/);
      applicationPath = new URL(page.url()).pathname;
      applicationId = applicationPath.split('/').pop()!;
    });
  });

  it('follows the application through acceptance, review and approval; on a phone the header is a menu and publicity reads as cards', async () => {
    const [officer, reviewer, expert, expert2] = await Promise.all(['officer.gxj.nanning', 'reviewer.gxj.nanning', 'expert1.nanning', 'expert2.nanning'].map(session));
    const on = (s: ApiSession, action: string, body?: unknown) => act(s!, `/fulfilment/applications/${applicationId}/${action}`, body);
    expect((await on(officer!, 'actions', { action: 'accept' })).status).toBe('first_review');
    expect((await on(reviewer!, 'actions', { action: 'pass' })).status).toBe('expert_review');
    await on(expert!, 'assessments', { conflict: false, scores: { merit: 35, evidence: 25, impact: 25 } });
    await on(expert2!, 'assessments', { conflict: false, scores: { merit: 33, evidence: 24, impact: 24 } });
    expect((await on(officer!, 'actions', { action: 'pass' })).status).toBe('approval');
    expect((await on(reviewer!, 'approve', {})).status).toBe('publicity');

    const phone = await launchBrowser({ viewport: { width: 390, height: 844 } });
    const p = await phone.newPage();
    try {
      await scenario(p, 'founder-phone', async () => {
        await p.goto(url('/'));
        await p.getByRole('heading', { level: 1 }).waitFor();
        // The navigation is behind the menu button.
        expect(await p.getByRole('banner').getByRole('link', { name: '政策库' }).count()).toBe(0);
        await p.getByTestId('menu-button').click();
        const drawer = p.getByRole('dialog');
        await drawer.getByRole('link', { name: '公示', exact: true }).waitFor();
        await p.screenshot({ path: screenshotPath('founder-6-phone-menu') });
        await drawer.getByRole('link', { name: '政策库' }).click();
        await p.waitForURL(/\/policies$/);
        await expectNoIdentifiers(p, 'phone library');

        await p.goto(url('/publicity'));
        await p.getByRole('heading', { level: 1, name: '政策兑现公示' }).waitFor();
        const cardOf = p.getByTestId('publicity-card').filter({ hasText: ENTERPRISE });
        await cardOf.getByText(TITLE).waitFor();
        await cardOf.getByText('60,000.00').waitFor();
        expect(await p.getByTestId('publicity-table').count()).toBe(0);
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, 'the publicity page scrolls sideways on a phone').toBeLessThanOrEqual(0);
        await p.screenshot({ path: screenshotPath('founder-7-phone-publicity'), fullPage: true });

        // The founder's overview on the phone: applications as cards, nothing wider than the screen.
        await signIn(p, server.baseUrl, 'ent.nanning', false);
        await p.waitForURL(/\/me$/);
        await p.getByTestId('my-applications-card').filter({ hasText: TITLE }).waitFor();
        await p.getByTestId('overview-matches-total').waitFor();
        const wide = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(wide, 'the overview scrolls sideways on a phone').toBeLessThanOrEqual(0);
        await p.screenshot({ path: screenshotPath('founder-7b-phone-overview'), fullPage: true });
      });
      expect(phone.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('is paid, and the founder sees 已拨付 with the amount and the date on the application and the overview', async () => {
    const [officer, finance, finance2, ent] = await Promise.all(['officer.gxj.nanning', 'finance.nanning', 'finance2.nanning', 'ent.nanning'].map(session));
    expect((await act(officer!, `/fulfilment/applications/${applicationId}/conclude-publicity`)).status).toBe('payment');
    const requested = await finance!.request<{ payment: { id: string } }>('POST', '/budgets/payments', { awardId: applicationId, idempotencyKey: `founder-${applicationId}` });
    expect(requested.status).toBe(201);
    expect((await act(finance2!, `/budgets/payments/${requested.body.payment.id}/approve`)).status).toBe('paid');
    // The day it was paid, as the applicant's own API says it (Asia/Shanghai).
    const payment = (await ent!.request<{ payment: { paidAt: string; amountFen: number } }>('GET', `/fulfilment/applications/${applicationId}/payment`)).body.payment;
    expect(payment.amountFen).toBe(6_000_000);
    const paidOn = new Date(payment.paidAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

    await scenario(page, 'founder-paid', async () => {
      await page.goto(url(applicationPath));
      const paid = page.getByTestId('paid-summary');
      await paid.getByText(/已拨付/).waitFor();
      expect(await paid.innerText()).toContain('6 万元');
      expect(await paid.innerText()).toContain(paidOn);
      await page.screenshot({ path: screenshotPath('founder-8-application-paid'), fullPage: true });
      await expectNoIdentifiers(page, 'paid application');

      await page.goto(url('/me'));
      const row = page.getByTestId('overview-applications').getByTestId('my-applications-row').filter({ hasText: TITLE });
      await row.getByTestId('paid-summary').getByText(/已拨付/).waitFor();
      expect(await row.innerText()).toContain(paidOn);
      expect(await row.innerText()).toContain('6 万元');
      // The notices say the amount and what happens next.
      await page.getByTestId('overview-notices').getByText(/6 万元已拨付/).waitFor();
      await page.screenshot({ path: screenshotPath('founder-9-overview-paid'), fullPage: true });
    });
  });

  it('leaves no errors in the browser console', () => {
    expect(desktop.errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  });
});
