/**
 * Policy fulfilment from the browser, one item from application to payment with every real
 * role, each in its own browser context (its own session): the enterprise applies for the Nanning
 * new-product subsidy with an upload (a disguised file is refused) and sees the verdict first; the
 * officer of 南宁市工业和信息化委员会 returns it with a reason (and cannot without one); the enterprise
 * amends and resubmits; the officer accepts; the reviewer passes first review; an expert declares a
 * conflict of interest; two experts (accounts of their own: experts score, reviewers decide) score; the officer passes expert review; the reviewer (who
 * holds no assessment on it: assessors never approve) approves against the budget; a member of the public objects on the publicity page; the officer
 * cannot end publicity with the objection open, resolves it, and moves on; finance pays above the
 * threshold, cannot approve their own payment, and a second finance officer approves; the
 * programme office exports the award list; the enterprise sees the whole timeline.
 * The demo item's publicity period is 0 days here (SEEDBED_DEMO_PUBLICITY_DAYS), so nobody waits.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenario, screenshotPath, signIn, startServer, type RunningServer } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const url = (path: string) => `${server.baseUrl}${path}`;

const files = mkdtempSync(join(tmpdir(), 'seedbed-e2e-files-'));
const PDF = join(files, '新产品认定证书.pdf');
// A file name is text people read; "certificate" alone would read as a registry code to the identifier check.
const PNG = join(files, '认定证书扫描件.png');
const FAKE = join(files, 'not-really.pdf');
writeFileSync(PDF, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
writeFileSync(PNG, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex'));
writeFileSync(FAKE, 'plain text pretending to be a PDF');

beforeAll(async () => {
  process.env.SEEDBED_DEMO_PUBLICITY_DAYS = '0';
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.SEEDBED_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  delete process.env.SEEDBED_DEMO_PUBLICITY_DAYS;
});

/** A person with their own session (browser context), signed in through the login page. */
async function as(username: string | null): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${username ?? 'public'}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`${username ?? 'public'}: ${err.message}`));
  if (!username) return page;
  await signIn(page, server.baseUrl, username, !username.startsWith('ent.'));
  return page;
}

async function status(page: Page): Promise<string> {
  return (await page.getByTestId('status').first().innerText()).trim();
}

/** Waits until the application's status tag reads `expected`. */
async function statusBecomes(page: Page, expected: string): Promise<void> {
  await page.getByTestId('status').filter({ hasText: expected }).first().waitFor();
}

describe('policy fulfilment, one item from application to payment', () => {
  let applicationUrl = '';
  let ent: Page;
  let officer: Page;
  let reviewer: Page;

  it('the enterprise applies with an upload and sees the verdict before submitting', async () => {
    ent = await as('ent.nanning');
    await scenario(ent, 'fulfilment-apply', async () => {
      await ent.goto(url('/fulfilment/apply/nn.new-product-subsidy'));
      await ent.getByRole('heading', { level: 1, name: /工业新产品补助/ }).waitFor();
      await ent.getByText('南宁市工业和信息化委员会').first().waitFor();
      // A text file named .pdf is refused by its content.
      await ent.locator('#material-new_product_certificate').setInputFiles(FAKE);
      await ent.getByRole('alert').filter({ hasText: '文件类型不允许' }).waitFor();
      await ent.locator('#material-new_product_certificate').setInputFiles(PDF);
      await ent.getByTestId('uploaded-new_product_certificate').waitFor();
      await ent.locator('#nn_new_products_certified').fill('3');
      // Where the money goes: the holder is the applicant (filled in), the bank and number are asked.
      expect(await ent.locator('#payee-name').inputValue()).toBe('南宁青禾智能科技有限公司');
      await ent.locator('#payee-bank').fill('中国工商银行南宁青秀支行');
      await ent.locator('#payee-number').fill('6222 0212 3456 7890 123');
      await ent.getByRole('button', { name: '预判资格' }).click();
      await ent.getByTestId('verdict').filter({ hasText: '符合条件' }).waitFor();
      expect(await ent.getByTestId('verdict').innerText()).toContain('60,000.00');
      // Profile facts read as people read them (the place by its names, not its code).
      await ent.getByText('广西壮族自治区南宁市青秀区').waitFor();
      await expectNoIdentifiers(ent, 'fulfilment-apply-form');
      await ent.screenshot({ path: screenshotPath('fulfilment-1-apply'), fullPage: true });
      await ent.getByRole('button', { name: '提交申请' }).click();
      await ent.waitForURL(/\/fulfilment\/applications\/[0-9a-f-]{36}$/);
      applicationUrl = new URL(ent.url()).pathname;
      await statusBecomes(ent, '受理');
      await ent.getByTestId('timeline').getByText('提交申请').waitFor();
    });
  });

  it('the officer cannot return without a reason, then returns with one; the enterprise amends and resubmits', async () => {
    officer = await as('officer.gxj.nanning');
    await scenario(officer, 'fulfilment-return', async () => {
      // The old inbox address leads to the workbench.
      await officer.goto(url('/fulfilment/inbox'));
      await officer.waitForURL(/\/workbench$/);
      await officer.getByTestId('workbench-todo').getByRole('link').first().click();
      await officer.waitForURL(new RegExp(`${applicationUrl}$`));
      await officer.getByRole('button', { name: '退回补正' }).click();
      await officer.getByText('退回或不予支持必须说明理由').first().waitFor();
      expect(await status(officer)).toBe('受理');
      await officer.locator('#action-reason').fill('证书扫描件不清晰，请重新上传');
      await officer.getByRole('button', { name: '退回补正' }).click();
      await statusBecomes(officer, '退回补正');
    });
    await scenario(ent, 'fulfilment-resubmit', async () => {
      await ent.goto(url(applicationUrl));
      await statusBecomes(ent, '退回补正');
      await ent.getByTestId('timeline').getByText('证书扫描件不清晰，请重新上传').waitFor();
      await ent.screenshot({ path: screenshotPath('fulfilment-2-returned'), fullPage: true });
      await ent.locator('#material-new_product_certificate').setInputFiles(PNG);
      await ent.getByTestId('uploaded-new_product_certificate').waitFor();
      await ent.getByRole('button', { name: '重新提交' }).click();
      await statusBecomes(ent, '受理');
    });
  });

  it('accepted, first review passed, a conflict declared, two experts score, expert review passed', async () => {
    await scenario(officer, 'fulfilment-accept', async () => {
      await officer.reload();
      await officer.getByRole('button', { name: '受理', exact: true }).click();
      await statusBecomes(officer, '初审');
    });
    reviewer = await as('reviewer.gxj.nanning');
    await scenario(reviewer, 'fulfilment-first-review', async () => {
      await reviewer.goto(url(applicationUrl));
      await reviewer.getByRole('button', { name: '审核通过' }).click();
      await statusBecomes(reviewer, '专家评审');
    });
    const conflicted = await as('expert3.nanning');
    await scenario(conflicted, 'fulfilment-conflict', async () => {
      await conflicted.goto(url(applicationUrl));
      await conflicted.getByText('本人与该申请存在利益冲突').click();
      await conflicted.getByLabel('利益冲突说明').fill('曾为该企业提供技术咨询');
      await conflicted.getByRole('button', { name: '提交评审意见' }).click();
      await conflicted.getByRole('cell', { name: '回避' }).waitFor();
    });
    for (const [username, scores] of [
      ['expert1.nanning', ['34', '26', '25']],
      ['expert2.nanning', ['30', '24', '22']],
    ] as const) {
      const expert = await as(username);
      await scenario(expert, `fulfilment-assess-${username}`, async () => {
        await expert.goto(url(applicationUrl));
        await expert.getByLabel('项目水平与创新性').fill(scores[0]);
        await expert.getByLabel('材料真实完整').fill(scores[1]);
        await expert.getByLabel('经济社会效益').fill(scores[2]);
        await expert.getByRole('button', { name: '提交评审意见' }).click();
        await expert.getByRole('button', { name: '提交评审意见' }).waitFor({ state: 'detached' });
      });
    }
    await scenario(officer, 'fulfilment-expert-pass', async () => {
      await officer.reload();
      await officer.getByText('已有 2 位专家评分').waitFor();
      await officer.screenshot({ path: screenshotPath('fulfilment-3-expert-review'), fullPage: true });
      await officer.getByRole('button', { name: '审核通过' }).click();
      await statusBecomes(officer, '批复');
    });
  });

  it('the reviewer approves against the budget; the public objects during publicity; the officer resolves it', async () => {
    await scenario(reviewer, 'fulfilment-approve', async () => {
      await reviewer.reload();
      expect(await reviewer.locator('#approve-amount').inputValue()).toBe('60000.00');
      await reviewer.getByRole('button', { name: '批复', exact: true }).click();
      await statusBecomes(reviewer, '公示');
    });
    const citizen = await as(null);
    await scenario(citizen, 'fulfilment-objection', async () => {
      await citizen.goto(url('/publicity'));
      await citizen.getByRole('heading', { level: 1, name: '政策兑现公示' }).waitFor();
      await citizen.getByRole('button', { name: '提出异议：南宁青禾智能科技有限公司' }).click();
      const dialog = citizen.getByRole('dialog');
      await dialog.getByLabel('姓名').fill('市民张先生');
      await dialog.getByLabel('联系电话或邮箱').fill('13800000000');
      await dialog.getByLabel('异议内容').fill('该企业新产品数量存疑，请核实。');
      await citizen.screenshot({ path: screenshotPath('fulfilment-4-objection'), fullPage: true });
      await dialog.getByRole('button', { name: '提交异议' }).click();
      await citizen.getByText('异议已提交').waitFor();
    });
    await scenario(officer, 'fulfilment-resolve', async () => {
      await officer.reload();
      await officer.getByRole('button', { name: '公示期满，进入下一环节' }).click();
      await officer.getByText(/尚有 1 件异议未处理/).first().waitFor();
      expect(await status(officer)).toBe('公示');
      const objection = officer.getByTestId('objection');
      await objection.getByText('该企业新产品数量存疑').waitFor();
      await objection.getByLabel('处理意见').fill('经核实，新产品认定证书3份均真实有效。');
      await objection.getByRole('button', { name: '异议不成立' }).click();
      await objection.getByText('经核实，新产品认定证书3份均真实有效。').waitFor();
      await officer.getByRole('button', { name: '公示期满，进入下一环节' }).click();
      await statusBecomes(officer, '拨付');
    });
  });

  it('finance pays above the threshold with a second, different finance officer', async () => {
    const finance = await as('finance.nanning');
    await scenario(finance, 'fulfilment-pay', async () => {
      await finance.goto(url('/fulfilment/finance'));
      await finance.getByTestId('budgets').getByText('60,000.00').first().waitFor();
      await finance.getByTestId('payables').getByRole('link').first().click();
      await finance.waitForURL(new RegExp(`${applicationUrl}$`));
      await finance.getByRole('button', { name: '拨付', exact: true }).click();
      expect(await finance.getByTestId('payment-confirmation').innerText()).toContain('6222 **** 0123');
      await finance.getByRole('dialog').getByRole('button', { name: '确认拨付' }).click();
      await finance.getByTestId('payment-status').filter({ hasText: '待另一名财务人员复核' }).waitFor();
      // The first confirmation has closed before the second opens (a click on a closing dialog is lost).
      await finance.getByRole('dialog').waitFor({ state: 'hidden' });
      await finance.getByRole('button', { name: '复核并拨付' }).click();
      await finance.getByTestId('payment-confirmation').waitFor();
      await finance.getByRole('dialog').getByRole('button', { name: '确认拨付' }).click();
      await finance.getByText('复核人不能是申请拨付的同一财务人员').first().waitFor();
      expect(await status(finance)).toBe('拨付');
    });
    const finance2 = await as('finance2.nanning');
    await scenario(finance2, 'fulfilment-second-approval', async () => {
      await finance2.goto(url(applicationUrl));
      await finance2.getByRole('button', { name: '复核并拨付' }).click();
      await finance2.getByRole('dialog').getByRole('button', { name: '确认拨付' }).click();
      await statusBecomes(finance2, '已办结');
      await finance2.goto(url('/fulfilment/finance'));
      const budgets = finance2.getByTestId('budgets');
      await budgets.getByText('440,000.00').waitFor(); // 500,000 − 60,000 paid
      await finance2.screenshot({ path: screenshotPath('fulfilment-5-budget'), fullPage: true });
    });
  });

  it('the programme office exports the award list; the enterprise sees the whole timeline', async () => {
    const office = await as('office.nanning');
    await scenario(office, 'fulfilment-office', async () => {
      await office.goto(url('/fulfilment/inbox'));
      await office.getByRole('link', { name: '导出奖补名单（Excel）' }).waitFor();
      const xlsx = await office.request.get(url('/api/v1/fulfilment/awards.xlsx'));
      expect(xlsx.status()).toBe(200);
      expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    });
    await scenario(ent, 'fulfilment-timeline', async () => {
      await ent.goto(url(applicationUrl));
      await statusBecomes(ent, '已办结');
      const timeline = ent.getByTestId('timeline');
      for (const step of ['提交申请', '退回补正', '补正后重新提交', '受理', '审核通过', '批复，进入公示', '收到公示异议', '异议已处理', '公示期满', '申请拨付', '已拨付，办结']) {
        await timeline.getByText(step, { exact: true }).first().waitFor();
      }
      await ent.screenshot({ path: screenshotPath('fulfilment-6-timeline'), fullPage: true });
      const pdf = await ent.request.get(url(`/api/v1${applicationUrl.replace('/fulfilment', '/fulfilment')}/print.pdf`));
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  it('leaves no errors in the browser consoles', () => {
    // Refusals the scenario provokes (400, 409, 415) are answers, not page errors.
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
