/**
 * The officials' workbench from the browser: every officer role signs in and does its step from
 * /workbench. Two applications of 南宁青禾智能科技有限公司 are set up through the API (the
 * new-product subsidy, which has expert review and pays money to the account given with it; and
 * the local-procurement support, which pays nothing and keeps the default 7-day publicity). The
 * officer accepts both at once; the reviewer passes first review of both and approves the second;
 * two experts score the first blind (the second does not see the first's name or score before
 * scoring); the officer passes expert review; the reviewer approves; the officer ends publicity of
 * the first (0 days here) while 公示期满 is absent for the second, still in publicity; finance pays
 * after confirming payee, account and amount in a dialog, and a second finance officer approves.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, DEMO_PASSWORD, scenario, screenshotPath, signIn, startServer, type RunningServer } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const url = (path: string) => `${server.baseUrl}${path}`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let money = ''; // the new-product subsidy (expert review, payment)
let noMoney = ''; // local procurement support (no money, 7 days of publicity)
let moneyRef = '';
let noMoneyRef = '';

beforeAll(async () => {
  process.env.SEEDBED_DEMO_PUBLICITY_DAYS = '0';
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.SEEDBED_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // The enterprise applies through the API: the browser is not the point here.
  const ent = new ApiSession(server.baseUrl);
  await ent.login('ent.nanning', DEMO_PASSWORD);
  const subject = (await ent.request<{ items: { id: string; kind: string; name: string }[] }>('GET', '/subjects/mine')).body.items.find((s) => s.kind === 'enterprise')!;
  const file = await ent.upload('新产品认定证书.pdf', PDF, 'application/pdf');
  const a = await ent.request<{ id: string; reference: string }>('POST', '/fulfilment/applications', {
    itemId: 'nn.new-product-subsidy',
    subjectId: subject.id,
    answers: { nn_new_products_certified: 3 },
    materials: { new_product_certificate: file },
    payeeAccount: { bank: '中国工商银行南宁青秀支行', name: subject.name, number: '6222 0212 3456 7890 123' },
  });
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  const b = await ent.request<{ id: string; reference: string }>('POST', '/fulfilment/applications', {
    itemId: 'nn.local-procurement-support',
    subjectId: subject.id,
    answers: { nn_bought_local_catalogue_products: true },
    materials: {},
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  [money, moneyRef, noMoney, noMoneyRef] = [a.body.id, a.body.reference, b.body.id, b.body.reference];
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
  delete process.env.SEEDBED_DEMO_PUBLICITY_DAYS;
});

/** An official with their own session, signed in through the login page and at their workbench. */
async function official(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`${username}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`${username}: ${err.message}`));
  await signIn(page, server.baseUrl, username, true);
  await workbench(page);
  return page;
}

/** Opens the workbench (offered in the header as 工作台) and waits for its lists. */
async function workbench(page: Page): Promise<void> {
  // The header offers it to every official (a toast may cover the header: load the address itself, afresh at 待办).
  await page.getByRole('link', { name: '工作台', exact: true }).first().waitFor();
  await page.goto(url('/workbench'));
  await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
  await page.getByTestId('tab-todo').waitFor();
}

/** The 待办 row of an application (by its reference), once it is there. */
function todoRow(page: Page, reference: string) {
  return page.getByTestId('workbench-todo').getByTestId('workbench-row').filter({ hasText: reference });
}

/** Opens an application from its 待办 row and waits for its page. */
async function openFromWorkbench(page: Page, reference: string, id: string): Promise<void> {
  const row = todoRow(page, reference);
  await row.getByTestId('deadline').waitFor();
  await row.getByRole('button', { name: '办理' }).click();
  await page.waitForURL(new RegExp(`/fulfilment/applications/${id}$`));
  await page.getByTestId('status').first().waitFor();
}

const statusBecomes = (page: Page, expected: string) => page.getByTestId('status').filter({ hasText: expected }).first().waitFor();

describe('each officer role does its step from the workbench', () => {
  let officer: Page;
  let reviewer: Page;

  it('the officer sees both applications with deadlines and accepts them at once', async () => {
    officer = await official('officer.gxj.nanning');
    await scenario(officer, 'workbench-officer-batch', async () => {
      expect(await officer.getByTestId('tab-todo').innerText()).toMatch(/待办\s*2/);
      for (const ref of [moneyRef, noMoneyRef]) {
        const row = todoRow(officer, ref);
        expect(await row.getByTestId('deadline').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} 剩 \d+ 天$/);
        await row.getByRole('checkbox').check();
      }
      // Search and filters narrow the list (an item picked by its name, the search over references, applicants and items).
      await officer.getByRole('combobox', { name: '政策事项' }).click();
      await officer.locator('.ant-select-item-option').filter({ hasText: '工业新产品补助' }).click();
      await expectNoIdentifiers(officer, 'workbench-item-filter');
      expect(await officer.getByTestId('workbench-todo').getByTestId('workbench-row').count()).toBe(1);
      await officer.getByRole('button', { name: '清除筛选' }).click();
      await officer.getByLabel('搜索编号、申请主体或事项').fill(noMoneyRef);
      expect(await officer.getByTestId('workbench-todo').getByTestId('workbench-row').allInnerTexts()).toEqual([expect.stringContaining('采购本地产品')]);
      await officer.getByRole('button', { name: '清除筛选' }).click();
      await officer.screenshot({ path: screenshotPath('workbench-1-officer'), fullPage: true });
      await officer.getByRole('button', { name: '批量受理（2）' }).click();
      await officer.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
      const results = officer.getByTestId('batch-results');
      await results.getByText('已受理 2 / 2 份').waitFor();
      expect(await results.innerText()).toContain(`${moneyRef}：已受理 → 初审`);
      await officer.getByText('暂无待办，辛苦了').waitFor();
      await officer.getByTestId('tab-done').click();
      await officer.getByTestId('workbench-done').getByText(moneyRef).waitFor();
      await expectNoIdentifiers(officer, 'workbench-officer-done');
    });
  });

  it('the reviewer passes first review of both and approves the one without expert review', async () => {
    reviewer = await official('reviewer.gxj.nanning');
    await scenario(reviewer, 'workbench-reviewer', async () => {
      await openFromWorkbench(reviewer, moneyRef, money);
      await expectNoIdentifiers(reviewer, 'workbench-reviewer-application');
      // Reviewers decide; scoring is the experts'.
      expect(await reviewer.getByRole('button', { name: '提交评审意见' }).count()).toBe(0);
      await reviewer.getByRole('button', { name: '审核通过' }).click();
      await statusBecomes(reviewer, '专家评审');
      await workbench(reviewer);
      await openFromWorkbench(reviewer, noMoneyRef, noMoney);
      await reviewer.getByRole('button', { name: '审核通过' }).click();
      await statusBecomes(reviewer, '批复');
      await reviewer.getByRole('button', { name: '批复', exact: true }).click();
      await statusBecomes(reviewer, '公示');
    });
  });

  it('two experts score blind: the second sees neither the first one\'s name nor score before scoring', async () => {
    const expert1 = await official('expert1.nanning');
    await scenario(expert1, 'workbench-expert1', async () => {
      await todoRow(expert1, moneyRef).getByText('专家评分').waitFor();
      await openFromWorkbench(expert1, moneyRef, money);
      await expert1.getByLabel('项目水平与创新性').fill('34');
      await expert1.getByLabel('材料真实完整').fill('26');
      await expert1.getByLabel('经济社会效益').fill('25');
      await expert1.getByRole('button', { name: '提交评审意见' }).click();
      await expert1.getByRole('button', { name: '提交评审意见' }).waitFor({ state: 'detached' });
    });
    const expert2 = await official('expert2.nanning');
    await scenario(expert2, 'workbench-expert2-blind', async () => {
      await openFromWorkbench(expert2, moneyRef, money);
      await expert2.getByRole('cell', { name: '评审专家 1' }).waitFor();
      await expert2.getByText('已提交，您提交评审意见后可见').waitFor();
      const before = await expert2.locator('main').innerText();
      expect(before).not.toContain('覃敏');
      expect(before).not.toMatch(/\b85\b/);
      await expert2.screenshot({ path: screenshotPath('workbench-2-blind-review'), fullPage: true });
      await expert2.getByLabel('项目水平与创新性').fill('30');
      await expert2.getByLabel('材料真实完整').fill('24');
      await expert2.getByLabel('经济社会效益').fill('22');
      await expert2.getByRole('button', { name: '提交评审意见' }).click();
      // Once scored, the other review opens.
      await expert2.getByRole('cell', { name: /覃敏/ }).waitFor();
    });
  });

  it('the officer passes expert review, the reviewer approves, and 公示期满 is absent while publicity runs', async () => {
    await scenario(officer, 'workbench-officer-expert-pass', async () => {
      await workbench(officer);
      await openFromWorkbench(officer, moneyRef, money);
      await officer.getByText('已有 2 位专家评分').waitFor();
      await officer.getByRole('button', { name: '审核通过' }).click();
      await statusBecomes(officer, '批复');
    });
    await scenario(reviewer, 'workbench-reviewer-approve', async () => {
      await workbench(reviewer);
      await openFromWorkbench(reviewer, moneyRef, money);
      await reviewer.getByRole('button', { name: '批复', exact: true }).click();
      await statusBecomes(reviewer, '公示');
    });
    await scenario(officer, 'workbench-officer-publicity', async () => {
      // The award without money is in its 7 days of publicity: not in 待办, and no button to end it.
      await officer.goto(url(`/fulfilment/applications/${noMoney}`));
      await officer.getByTestId('publicity-running').waitFor();
      expect(await officer.getByTestId('publicity-running').innerText()).toMatch(/公示期至 \d{4}-\d{2}-\d{2}，\d{4}-\d{2}-\d{2} 起可结束公示/);
      expect(await officer.getByRole('button', { name: /公示期满/ }).count()).toBe(0);
      await expectNoIdentifiers(officer, 'workbench-publicity-running');
      // The other one's publicity (0 days here) is over: it is work, and it ends.
      await workbench(officer);
      expect(await todoRow(officer, noMoneyRef).count()).toBe(0);
      await todoRow(officer, moneyRef).getByText('结束公示').waitFor();
      await openFromWorkbench(officer, moneyRef, money);
      await officer.getByRole('button', { name: '公示期满，进入下一环节' }).click();
      await statusBecomes(officer, '拨付');
    });
  });

  it('finance confirms payee, account and amount before paying; a second finance officer approves', async () => {
    const finance = await official('finance.nanning');
    await scenario(finance, 'workbench-finance-pay', async () => {
      await todoRow(finance, moneyRef).getByText('拨付').first().waitFor();
      await openFromWorkbench(finance, moneyRef, money);
      await finance.getByRole('button', { name: '拨付', exact: true }).click();
      const dialog = finance.getByRole('dialog');
      const confirmation = dialog.getByTestId('payment-confirmation');
      await confirmation.waitFor();
      const text = await confirmation.innerText();
      expect(text).toContain('南宁青禾智能科技有限公司');
      expect(text).toContain('中国工商银行南宁青秀支行');
      expect(text).toContain('6222 **** 0123');
      expect(text).toContain('60,000.00');
      expect(text).not.toContain('6222021234567890123');
      await finance.waitForTimeout(400); // the dialog's opening animation, for the screenshot
      await finance.screenshot({ path: screenshotPath('workbench-3-pay-confirmation') });
      await dialog.getByRole('button', { name: '确认拨付' }).click();
      await finance.getByTestId('payment-status').filter({ hasText: '待另一名财务人员复核' }).waitFor();
    });
    const finance2 = await official('finance2.nanning');
    await scenario(finance2, 'workbench-finance-second', async () => {
      await openFromWorkbench(finance2, moneyRef, money);
      await finance2.getByRole('button', { name: '复核并拨付' }).click();
      const dialog = finance2.getByRole('dialog');
      expect(await dialog.getByTestId('payment-confirmation').innerText()).toContain('6222 **** 0123');
      await dialog.getByRole('button', { name: '确认拨付' }).click();
      await statusBecomes(finance2, '已办结');
      await workbench(finance2);
      await finance2.getByTestId('tab-done').click();
      await finance2.getByTestId('workbench-done').getByText(moneyRef).waitFor();
    });
    await scenario(finance2, 'workbench-finance-ledger', async () => {
      await finance2.getByRole('link', { name: '预算与台账' }).click();
      await finance2.waitForURL(/\/fulfilment\/finance$/);
      // A budget is opened for an item picked by its name from the department's list, never a typed id.
      await finance2.getByRole('button', { name: '安排预算' }).click();
      const form = finance2.getByRole('dialog');
      await form.getByRole('combobox', { name: '政策事项' }).click();
      await finance2.locator('.ant-select-item-option').first().waitFor();
      expect(await finance2.locator('.ant-select-item-option').first().innerText()).toMatch(/（南府办〔2016〕34号）$/);
      await form.getByRole('combobox', { name: '政策事项' }).fill('工业新产品');
      await finance2.locator('.ant-select-item-option').filter({ hasText: '工业新产品补助' }).first().waitFor();
      await expectNoIdentifiers(finance2, 'workbench-budget-items');
      await finance2.screenshot({ path: screenshotPath('workbench-5-budget-items') });
      await finance2.keyboard.press('Escape');
      await form.getByRole('button', { name: 'Close' }).click().catch(() => finance2.keyboard.press('Escape'));
      // The budget's journal: the commitment at approval, then the payment, with the balances after each.
      await finance2.getByTestId('budgets').getByRole('button', { name: '台账' }).first().click();
      const ledger = finance2.getByTestId('budget-ledger');
      await ledger.waitFor();
      const rows = await ledger.locator('tbody tr.ant-table-row').allInnerTexts();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/批复占用\s+60,000\.00 元\s+60,000\.00 元\s+0\.00 元\s+440,000\.00 元/);
      expect(rows[1]).toMatch(/拨付\s+60,000\.00 元\s+0\.00 元\s+60,000\.00 元\s+440,000\.00 元/);
      await finance2.screenshot({ path: screenshotPath('workbench-6-ledger') });
    });
  });

  it('the workbench reads on a phone', async () => {
    await scenario(officer, 'workbench-phone', async () => {
      await officer.setViewportSize({ width: 390, height: 844 });
      await workbench(officer).catch(async () => {
        // The header may fold its links into a menu on a phone: open the page directly.
        await officer.goto(url('/workbench'));
        await officer.getByTestId('tab-todo').waitFor();
      });
      await officer.getByTestId('tab-done').click();
      await officer.getByTestId('workbench-done').getByText(moneyRef).waitFor();
      await officer.screenshot({ path: screenshotPath('workbench-4-phone'), fullPage: true });
    });
  });

  it('leaves no errors in the browser consoles', () => {
    expect(errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e))).toEqual([]);
  });
});
