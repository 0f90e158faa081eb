/**
 * Guaranteed start-up loans (创业担保贷款) in the browser: the founder (韦小燕, a demo person with no
 * loan) requests 120,000 元 over 12 months on /loans; the HR bureau's reviewer
 * (reviewer.hr.nanning) approves it on /loans-work; the guarantee fund (finance.nanning)
 * guarantees it naming bank.nanning's bank; the bank grants it (4.35 %, equal principal) and the
 * founder's page shows the schedule: chart and list, the first period 10,000 元 principal + 435 元
 * interest (120,000 × 4.35 % / 12). The demo borrower (borrower.nanning) sees his schedule; once
 * the finance bureau runs the quarter's computation, the quarter's subsidy and its split show,
 * and fulfilment holds it as a pending award (/fulfilment/mine); the departments carry it to
 * payment (the industry bureau's reviewer approves it against the budget, its officer ends the
 * publicity, the finance bureau pays it) and the borrower's loan page shows the quarter paid, the
 * amount and the split between levels those computed. The loan page on a phone.
 * Then the bank records an early repayment of 20,000 元 after period 2 (the schedule is
 * recomputed) and reports a default after a confirmation (the page shows the reserve's draw);
 * the finance bureau sees the draw on /loans-finance, funds the reserve (the balance moves) and
 * sets a 4:3:3 subsidy rule (shares that do not add up to 100 % are refused on the field).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath, startServer } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

// The quarter's award passes publicity: the demo's publicity period 0 days here (SEEDBED_DEMO_PUBLICITY_DAYS), so nobody waits.
const session = browserSession({
  start: async () => {
    process.env.SEEDBED_DEMO_PUBLICITY_DAYS = '0';
    try {
      return await startServer();
    } finally {
      delete process.env.SEEDBED_DEMO_PUBLICITY_DAYS;
    }
  },
});
const { url, errors } = session;
const PHONE = { width: 390, height: 844 };
const BANK = '南宁邕江商业银行青秀支行';

const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);
const statusIs = (page: Page, expected: string) => page.getByTestId('loan-status').filter({ hasText: expected }).first().waitFor();
/** A date `months` months before today in Beijing time (YYYY-MM-DD), the day clamped to 28. */
function monthsAgo(months: number): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, Math.min(now.getUTCDate(), 28)));
  return d.toISOString().slice(0, 10);
}
/** Fen as the pages write amounts (amountText, zh): 362.5 元 → “362.50 元”, whole yuan without decimals. */
const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 })} 元`;
/** Fen as fulfilment's pages write them (always two decimals): “362.50 元”. */
const money = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
const LEVELS = ['省级', '市级', '县（区）级'];
interface SubsidyView { year: number; quarter: number; subsidyFen: number; weights: number[]; sharesFen: number[]; status: string; paidFen: number | null }
/** The loan's subsidies as the API gives them to the page's reader. */
async function subsidiesOf(page: Page, loanPath: string): Promise<SubsidyView[]> {
  const res = await page.request.get(url(`/api/v1${loanPath}`));
  expect(res.status()).toBe(200);
  return ((await res.json()) as { subsidies: SubsidyView[] }).subsidies;
}
/** An antd InputNumber's input by its test id (antd puts the id on the input itself). */
const numberInput = (id: string) => `[data-testid="${id}"] input, input[data-testid="${id}"]`;
/** Picks the option of an open antd Select whose text contains `text`. */
async function choose(page: Page, testId: string, text: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('a guaranteed start-up loan from request to schedule', () => {
  let loanPath = '';
  const startOn = monthsAgo(1);

  it('the founder requests a loan', async () => {
    const founder = await session.person('founder', false);
    await scenario(founder, 'loans-request', async () => {
      await followNav(founder, '创业担保贷款');
      await founder.getByRole('heading', { level: 1, name: '创业担保贷款' }).waitFor();
      await founder.getByText('暂无贷款。').waitFor();
      await founder.screenshot({ path: screenshotPath('loans-1-mine-empty'), fullPage: true });
      await choose(founder, 'loan-item', /南宁/);
      // Above the item's ceiling (10 万元): refused on the field, nothing written.
      await founder.locator(numberInput('loan-amount')).fill('120000');
      await founder.locator(numberInput('loan-term')).fill('12');
      await founder.getByTestId('loan-purpose').fill('开设社区洗衣店：设备和首期租金');
      await founder.getByTestId('request-loan').click();
      await founder.getByText(/申请金额超过该事项的上限/).waitFor();
      await founder.screenshot({ path: screenshotPath('loans-1b-over-ceiling'), fullPage: true });
      await founder.locator(numberInput('loan-amount')).fill('100000');
      await founder.getByTestId('request-loan').click();
      await founder.waitForURL(/\/loans\/[0-9a-f-]{36}$/);
      loanPath = new URL(founder.url()).pathname;
      await statusIs(founder, '待人社部门审核');
      await founder.getByText('10 万元').first().waitFor();
      await founder.screenshot({ path: screenshotPath('loans-2-requested'), fullPage: true });
    });
  }, 60_000);

  it('the HR bureau approves on its work list', async () => {
    const hr = await session.person('reviewer.hr.nanning', true);
    await scenario(hr, 'loans-review', async () => {
      await followNav(hr, '担保贷款办理');
      await hr.getByRole('heading', { level: 1, name: '担保贷款办理' }).waitFor();
      await listOf(hr, 'loans-todo').getByRole('link', { name: '韦小燕' }).first().click();
      await hr.waitForURL((u) => u.pathname === loanPath);
      await hr.getByTestId('review-card').waitFor();
      expect(await hr.getByTestId('guarantee-card').count()).toBe(0);
      await hr.screenshot({ path: screenshotPath('loans-3-review'), fullPage: true });
      await hr.getByTestId('submit-review').click();
      await statusIs(hr, '待担保基金担保');
      expect(await hr.getByTestId('review-card').count()).toBe(0);
    });
  }, 90_000);

  it('the guarantee fund guarantees it naming the bank', async () => {
    const fund = await session.person('finance.nanning', true);
    await scenario(fund, 'loans-guarantee', async () => {
      await followNav(fund, '担保贷款办理');
      await listOf(fund, 'loans-todo').getByRole('link', { name: '韦小燕' }).first().click();
      await fund.waitForURL((u) => u.pathname === loanPath);
      await fund.getByTestId('guarantee-card').waitFor();
      await choose(fund, 'bank', BANK);
      await fund.screenshot({ path: screenshotPath('loans-4-guarantee'), fullPage: true });
      await fund.getByTestId('submit-guarantee').click();
      await statusIs(fund, '待银行放款');
      await fund.getByText(BANK).first().waitFor();
    });
  }, 90_000);

  it('the bank grants it; the founder sees the schedule', async () => {
    const bank = await session.person('bank.nanning', false);
    await scenario(bank, 'loans-grant', async () => {
      await followNav(bank, '担保贷款放款');
      await listOf(bank, 'loans-todo').getByRole('link', { name: '韦小燕' }).first().click();
      await bank.waitForURL((u) => u.pathname === loanPath);
      await bank.getByTestId('grant-card').waitFor();
      expect(await bank.locator(numberInput('grant-principal')).inputValue()).toBe('100000.00');
      expect(await bank.locator(numberInput('grant-rate')).inputValue()).toBe('4.35');
      await choose(bank, 'grant-method', '等额本金');
      await bank.screenshot({ path: screenshotPath('loans-5-grant'), fullPage: true });
      // The date typed last: Enter confirms it and submits the form, as for a person at a keyboard.
      await bank.getByTestId('grant-start').click();
      await bank.keyboard.type(startOn);
      await bank.keyboard.press('Enter');
      if (await bank.getByTestId('grant-card').isVisible()) await bank.getByTestId('submit-grant').click().catch(() => undefined);
      await statusIs(bank, '还款中');
    });
    const founder = await session.person('founder', false);
    await scenario(founder, 'loans-schedule', async () => {
      await founder.goto(url(loanPath));
      await statusIs(founder, '还款中');
      await founder.getByTestId('schedule-chart').waitFor();
      await listOf(founder, 'schedule').getByTestId('schedule-row').first().waitFor();
      const rows = listOf(founder, 'schedule').getByTestId('schedule-row');
      expect(await rows.count()).toBe(12);
      // 等额本金: 100,000 / 12 = 8,333.33 元 a month; the first month's interest 100,000 × 4.35 % / 12 = 362.50 元.
      const first = (await rows.first().innerText()).replace(/\s+/g, ' ');
      expect(first).toContain('第1期');
      expect(first).toContain('8,695.83 元');
      expect(first).toContain('8,333.33 元');
      expect(first).toContain('362.50 元');
      expect(first).toContain('91,666.67 元');
      // The chart's accessible table holds the same first period.
      const data = await founder.getByTestId('schedule-chart-data').innerText();
      expect(data).toContain('8,333.33');
      expect(data).toContain('362.5');
      await founder.screenshot({ path: screenshotPath('loans-6-schedule'), fullPage: true });
      await founder.goto(url('/loans'));
      await listOf(founder, 'my-loans').getByText('还款中').waitFor();
      await founder.locator('.ant-spin-blur').waitFor({ state: 'detached' });
      await founder.screenshot({ path: screenshotPath('loans-7-mine'), fullPage: true });
    });
  }, 90_000);

  it('the bank records an early repayment and sees the new schedule', async () => {
    const bank = await session.person('bank.nanning', false);
    await scenario(bank, 'loans-prepay', async () => {
      await bank.goto(url(loanPath));
      await statusIs(bank, '还款中');
      await bank.getByTestId('prepay-card').waitFor();
      expect(await bank.getByTestId('prepaid').count()).toBe(0);
      // Nothing filled: the amount's own message, nothing sent.
      await choose(bank, 'prepay-period', '第2期');
      await bank.getByTestId('submit-prepay').click();
      await bank.getByText('请填写提前归还的本金').waitFor();
      // More than is left after period 2 (83,333.34 元): the server refuses on the amount field.
      await bank.locator(numberInput('prepay-amount')).fill('90000');
      await bank.getByTestId('submit-prepay').click();
      await bank.getByTestId('prepay-card').locator('.ant-form-item-explain-error').filter({ hasText: /提前还款无法登记/ }).waitFor();
      await bank.screenshot({ path: screenshotPath('loans-13-prepay-refused'), fullPage: true });
      await bank.locator(numberInput('prepay-amount')).fill('20000');
      await bank.getByTestId('submit-prepay').click();
      await listOf(bank, 'schedule').getByTestId('prepaid').first().waitFor();
      // 100,000 − 2 × 8,333.33 − 20,000 = 63,333.34 元 left after period 2; period 3 on, 63,333.34 / 10 a month.
      const second = (await listOf(bank, 'schedule').getByTestId('schedule-row').nth(1).innerText()).replace(/\s+/g, ' ');
      expect(second).toContain('20,000.00 元');
      expect(second).toContain('63,333.34 元');
      const third = (await listOf(bank, 'schedule').getByTestId('schedule-row').nth(2).innerText()).replace(/\s+/g, ' ');
      expect(third).toContain('6,333.33 元');
      expect(await listOf(bank, 'schedule').getByTestId('schedule-row').count()).toBe(12);
      await bank.screenshot({ path: screenshotPath('loans-14-prepaid'), fullPage: true });
    });
    const phone = await session.person('bank.nanning', false, PHONE);
    await scenario(phone, 'loans-prepay-phone', async () => {
      await phone.goto(url(loanPath));
      await phone.getByTestId('prepay-card').waitFor();
      await listOf(phone, 'schedule').getByTestId('schedule-card').first().waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: screenshotPath('loans-14b-phone-prepay'), fullPage: true });
    });
  }, 90_000);

  it("the bank reports a default after confirming; the page shows the reserve's draw", async () => {
    const bank = await session.person('bank.nanning', false);
    await scenario(bank, 'loans-default', async () => {
      await bank.goto(url(loanPath));
      await bank.getByTestId('default-card').waitFor();
      expect(await bank.locator(numberInput('default-loss-input')).inputValue()).not.toBe('');
      await bank.locator(numberInput('default-loss-input')).fill('63333.34');
      await bank.getByTestId('default-date').click();
      await bank.keyboard.type(monthsAgo(0));
      await bank.keyboard.press('Enter');
      if (!(await bank.locator('.ant-modal-confirm').isVisible())) await bank.getByTestId('submit-default').click();
      const dialog = bank.locator('.ant-modal-confirm');
      await dialog.getByText('63,333.34 元').waitFor();
      await bank.screenshot({ path: screenshotPath('loans-15-default-confirm'), fullPage: true });
      // Cancelled: nothing happens.
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'detached' });
      await statusIs(bank, '还款中');
      await bank.getByTestId('submit-default').click();
      await bank.locator('.ant-modal-confirm').getByRole('button', { name: '确认报告' }).click();
      await statusIs(bank, '已代偿（违约）');
      expect(await bank.getByTestId('default-loss').innerText()).toBe('63,333.34 元');
      await bank.getByTestId('default-alert').getByText(/风险准备金已代偿 63,333.34 元/).waitFor();
      expect(await bank.getByTestId('prepay-card').count()).toBe(0);
      expect(await bank.getByTestId('default-card').count()).toBe(0);
      await bank.screenshot({ path: screenshotPath('loans-16-defaulted'), fullPage: true });
    });
  }, 90_000);

  it('the finance bureau sees the draw, funds the reserve and sets a 4:3:3 rule', async () => {
    const finance = await session.person('finance.nanning', true);
    await scenario(finance, 'loans-finance', async () => {
      await followNav(finance, '担保贷款财政管理');
      await finance.getByRole('heading', { level: 1, name: '担保贷款财政管理' }).waitFor();
      // The demo's 500,000 元 less the default's 63,333.34 元.
      await finance.getByTestId('reserve-balance').filter({ hasText: '436,666.66 元' }).waitFor();
      expect(await finance.getByTestId('reserve-losses').innerText()).toBe('63,333.34 元');
      const movements = listOf(finance, 'reserve-movements');
      expect((await movements.innerText()).replace(/\s+/g, ' ')).toMatch(/违约代偿 −63,333.34 元/);
      await finance.screenshot({ path: screenshotPath('loans-17-finance'), fullPage: true });
      await finance.locator(numberInput('reserve-amount')).fill('100000');
      await finance.getByTestId('fund-reserve').click();
      await finance.getByTestId('reserve-balance').filter({ hasText: '536,666.66 元' }).waitFor();
      await movements.getByText('+100,000.00 元').waitFor();
      // Shares that do not add up are refused on the field; 40:30:30 is saved and listed.
      await finance.locator(numberInput('rule-year')).fill('2027');
      await finance.locator(numberInput('share-1')).fill('40');
      await finance.locator(numberInput('share-2')).fill('30');
      await finance.locator(numberInput('share-3')).fill('20');
      await finance.getByTestId('save-rule').click();
      await finance.getByText('各级分担比例合计应为 100%，当前为 90%').waitFor();
      await finance.screenshot({ path: screenshotPath('loans-18-rule-refused'), fullPage: true });
      await finance.locator(numberInput('share-3')).fill('30');
      await finance.locator(numberInput('rule-share')).fill('50');
      await finance.getByTestId('save-rule').click();
      const rules = listOf(finance, 'rules');
      await rules.getByText('2027年').waitFor();
      const row = (await rules.innerText()).replace(/\s+/g, ' ');
      expect(row).toContain('利息的 50%');
      expect(row).toContain('省级 40% · 市级 30% · 县（区）级 30%');
      await expectNoIdentifiers(finance, 'loans-finance');
      await finance.screenshot({ path: screenshotPath('loans-19-rule-saved'), fullPage: true });
    });
    const phone = await session.person('finance.nanning', true, PHONE);
    await scenario(phone, 'loans-finance-phone', async () => {
      await phone.goto(url('/loans-finance'));
      await phone.getByTestId('reserve-balance').filter({ hasText: '536,666.66 元' }).waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: screenshotPath('loans-20-phone-finance'), fullPage: true });
    });
  }, 120_000);
});

describe("the demo borrower's quarter subsidy", () => {
  let loanPath = '';

  it('the borrower sees the schedule; the quarter run shows the subsidy, split, and it reaches fulfilment', async () => {
    const borrower = await session.person('borrower.nanning', false);
    await scenario(borrower, 'loans-demo-borrower', async () => {
      await followNav(borrower, '创业担保贷款');
      await listOf(borrower, 'my-loans').getByRole('link').first().click();
      await borrower.waitForURL(/\/loans\/[0-9a-f-]{36}$/);
      loanPath = new URL(borrower.url()).pathname;
      await statusIs(borrower, '还款中');
      await listOf(borrower, 'schedule').getByTestId('schedule-row').first().waitFor();
      expect(await listOf(borrower, 'schedule').getByTestId('schedule-row').count()).toBe(24);
      // 等额本息 100,000 元 at 4.35 % over 24 months: 4,358.09 元 a month; the first interest 100,000 × 4.35 % / 12 = 362.50 元.
      const first = (await listOf(borrower, 'schedule').getByTestId('schedule-row').first().innerText()).replace(/\s+/g, ' ');
      expect(first).toContain('4,358.09 元');
      expect(first).toContain('362.50 元');
      expect(first).toContain('3,995.59 元');
    });
    const fund = await session.person('finance.nanning', true);
    await scenario(fund, 'loans-run-quarters', async () => {
      await followNav(fund, '担保贷款办理');
      await fund.getByTestId('run-quarters').click();
      await fund.locator('.ant-message').getByText(/已核算 \d+ 笔季度贴息|没有需要核算的季度/).waitFor();
      await fund.screenshot({ path: screenshotPath('loans-8-work'), fullPage: true });
    });
    await scenario(borrower, 'loans-demo-subsidy', async () => {
      await borrower.goto(url(loanPath));
      const subsidies = listOf(borrower, 'subsidies');
      await subsidies.waitFor();
      const row = (await subsidies.innerText()).replace(/\s+/g, ' ');
      expect(row).toMatch(/\d{4}年第\d季度/);
      expect(row).toContain('兑现中');
      expect(await subsidies.getByTestId('split').count()).toBeGreaterThan(0);
      expect(await subsidies.getByTestId('split').first().innerText()).toMatch(/省级 .*元/);
      await borrower.screenshot({ path: screenshotPath('loans-9-subsidy'), fullPage: true });
      await borrower.goto(url('/fulfilment/mine'));
      await borrower.getByRole('heading', { level: 1, name: '我的申请' }).waitFor();
      const app = borrower.locator('tr, [role="listitem"]').filter({ hasText: '创业担保贷款财政贴息' }).first();
      await app.waitFor();
      expect(await app.innerText()).toContain('362.50 元');
      await expectNoIdentifiers(borrower, 'loans-fulfilment-mine');
      await borrower.screenshot({ path: screenshotPath('loans-10-fulfilment'), fullPage: true });
    });
  }, 120_000);

  it('the departments approve, publicise and pay the quarter subsidy; the borrower sees it paid, split as computed', async () => {
    const borrower = await session.person('borrower.nanning', false);
    // The quarter the run handed to fulfilment, as the loan page shows it (amount and split) and the API gives it.
    const pending = (await subsidiesOf(borrower, loanPath)).filter((s) => s.status === 'pending');
    expect(pending).toHaveLength(1);
    const subsidy = pending[0]!;
    expect(subsidy.subsidyFen).toBeGreaterThan(0);
    expect(subsidy.sharesFen.reduce((a, b) => a + b, 0)).toBe(subsidy.subsidyFen);
    // The demo's Nanning rule for the quarter's year shares it province : city : county = 4 : 3 : 3.
    expect(subsidy.weights).toEqual([4, 3, 3]);
    // Each level's part is 40 % / 30 % / 30 % of the subsidy to within the fen the largest remainder moves.
    subsidy.sharesFen.forEach((f, i) => expect(Math.abs(f - (subsidy.subsidyFen * [4, 3, 3][i]!) / 10)).toBeLessThan(1));
    const quarter = `${subsidy.year}年第${subsidy.quarter}季度`;
    const splitText = `${subsidy.weights.join(':')} — ${subsidy.sharesFen.map((f, i) => `${LEVELS[i]} ${yuan(f)}`).join('，')}`;
    let applicationPath = '';
    await scenario(borrower, 'loans-subsidy-before-payment', async () => {
      await borrower.goto(url(loanPath));
      const row = listOf(borrower, 'subsidies').locator('tr, [data-testid="subsidies-card"]').filter({ hasText: quarter }).first();
      await row.waitFor();
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(yuan(subsidy.subsidyFen));
      expect(text).toContain('兑现中');
      expect(await row.getByTestId('split').innerText()).toBe(splitText);
      expect(splitText.startsWith('4:3:3 — 省级 ')).toBe(true);
      await borrower.goto(url('/fulfilment/mine'));
      const app = borrower.getByTestId('my-applications').locator('tr').filter({ hasText: '创业担保贷款财政贴息' }).first();
      await app.waitFor();
      expect((await app.innerText()).replace(/\s+/g, ' ')).toContain(money(subsidy.subsidyFen));
      await app.getByRole('link').first().click();
      await borrower.waitForURL(/\/fulfilment\/applications\/[0-9a-f-]{36}$/);
      applicationPath = new URL(borrower.url()).pathname;
      await borrower.getByTestId('status').filter({ hasText: '批复' }).first().waitFor();
      // The award had no application form: the borrower gives the account it is paid to; a wrong holder is refused on the field.
      await borrower.locator('#give-payee-bank').fill(BANK);
      await borrower.locator('#give-payee-name').fill('别人');
      await borrower.locator('#give-payee-number').fill('6222 0200 1234 5678');
      await borrower.getByRole('button', { name: '保存收款账户' }).click();
      await borrower.locator('.ant-form-item-explain-error').filter({ hasText: '户名须与申请主体名称一致' }).first().waitFor();
      await borrower.locator('#give-payee-name').fill('蒙志远');
      await borrower.getByRole('button', { name: '保存收款账户' }).click();
      await borrower.getByTestId('payee-account').filter({ hasText: '6222 **** 5678' }).waitFor();
      // Only the stages the award goes through (it entered at approval), and the step on its timeline in words.
      expect((await borrower.getByLabel('办理环节').innerText()).replace(/\s+/g, ' ')).not.toMatch(/受理|初审/);
      await borrower.getByTestId('timeline').getByText('填写收款账户').first().waitFor();
      await expectNoIdentifiers(borrower, 'loans-subsidy-payee');
      await borrower.screenshot({ path: screenshotPath('loans-20-subsidy-payee'), fullPage: true });
    });
    // The industry bureau (the measure's lead unit, 市工信委) approves it against the item's budget.
    const reviewer = await session.person('reviewer.gxj.nanning', true);
    await scenario(reviewer, 'loans-subsidy-approve', async () => {
      await reviewer.goto(url('/workbench'));
      await reviewer.getByTestId('workbench-todo').getByTestId('workbench-row').filter({ hasText: '蒙志远' }).filter({ hasText: '创业担保贷款财政贴息' }).first().getByRole('link').first().click();
      await reviewer.waitForURL((u) => u.pathname === applicationPath);
      expect(await reviewer.locator('#approve-amount').inputValue()).toBe((subsidy.subsidyFen / 100).toFixed(2));
      await reviewer.screenshot({ path: screenshotPath('loans-21-subsidy-approve'), fullPage: true });
      await reviewer.getByRole('button', { name: '批复', exact: true }).click();
      await reviewer.getByTestId('status').filter({ hasText: '公示' }).first().waitFor();
    });
    // Nobody objected during publicity: the bureau's officer ends it.
    const officer = await session.person('officer.gxj.nanning', true);
    await scenario(officer, 'loans-subsidy-publicity', async () => {
      await officer.goto(url(applicationPath));
      await officer.getByRole('button', { name: '公示期满，进入下一环节' }).click();
      await officer.getByTestId('status').filter({ hasText: '拨付' }).first().waitFor();
    });
    // The finance bureau pays it from its list of payables (below the second-approval threshold: one officer).
    const finance = await session.person('finance.nanning', true);
    await scenario(finance, 'loans-subsidy-pay', async () => {
      await finance.goto(url('/fulfilment/finance'));
      await finance.getByTestId('payables').locator('tr').filter({ hasText: '蒙志远' }).first().getByRole('link').first().click();
      await finance.waitForURL((u) => u.pathname === applicationPath);
      await finance.getByRole('button', { name: '拨付', exact: true }).click();
      const confirmation = finance.getByTestId('payment-confirmation');
      await confirmation.waitFor();
      expect((await confirmation.innerText()).replace(/\s+/g, ' ')).toContain('蒙志远');
      expect((await confirmation.innerText()).replace(/\s+/g, ' ')).toContain(money(subsidy.subsidyFen));
      expect((await confirmation.innerText()).replace(/\s+/g, ' ')).toContain('6222 **** 5678');
      await finance.screenshot({ path: screenshotPath('loans-22-subsidy-pay'), fullPage: true });
      await finance.getByRole('dialog').getByRole('button', { name: '确认拨付' }).click();
      await finance.getByTestId('status').filter({ hasText: '已办结' }).first().waitFor();
    });
    await scenario(borrower, 'loans-subsidy-paid', async () => {
      // The API: the quarter paid in full, its split posted as computed.
      const paid = (await subsidiesOf(borrower, loanPath)).find((s) => s.year === subsidy.year && s.quarter === subsidy.quarter)!;
      expect(paid).toEqual({ ...subsidy, status: 'paid', paidFen: subsidy.subsidyFen });
      await borrower.goto(url(loanPath));
      const row = listOf(borrower, 'subsidies').locator('tr, [data-testid="subsidies-card"]').filter({ hasText: quarter }).first();
      await row.getByText(`已拨付 ${yuan(subsidy.subsidyFen)}`).waitFor();
      expect((await row.innerText()).replace(/\s+/g, ' ')).not.toContain('兑现中');
      expect(await row.getByTestId('split').innerText()).toBe(splitText);
      await expectNoIdentifiers(borrower, 'loans-subsidy-paid');
      await borrower.screenshot({ path: screenshotPath('loans-23-subsidy-paid'), fullPage: true });
      await borrower.goto(url('/fulfilment/mine'));
      const app = borrower.getByTestId('my-applications').locator('tr').filter({ hasText: '创业担保贷款财政贴息' }).first();
      await app.getByText('已办结').waitFor();
      expect((await app.innerText()).replace(/\s+/g, ' ')).toContain(money(subsidy.subsidyFen));
      await borrower.goto(url(applicationPath));
      await borrower.getByTestId('timeline').getByText('已拨付，办结', { exact: true }).first().waitFor();
      await borrower.screenshot({ path: screenshotPath('loans-24-subsidy-timeline'), fullPage: true });
    });
  }, 150_000);

  it('the loan page reads well on a phone', async () => {
    const phone = await session.person('borrower.nanning', false, PHONE);
    await scenario(phone, 'loans-phone', async () => {
      await phone.goto(url(loanPath));
      await statusIs(phone, '还款中');
      await listOf(phone, 'schedule').getByTestId('schedule-card').first().waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // Six periods from the next one due, then all 24 on demand.
      expect(await listOf(phone, 'schedule').getByTestId('schedule-card').count()).toBe(6);
      await phone.screenshot({ path: screenshotPath('loans-11-phone-loan'), fullPage: true });
      await phone.screenshot({ path: screenshotPath('loans-11b-phone-loan-top'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1500 } });
      await phone.getByTestId('schedule-all').click();
      expect(await listOf(phone, 'schedule').getByTestId('schedule-card').count()).toBe(24);
      await phone.goto(url('/loans'));
      await listOf(phone, 'my-loans').getByTestId('my-loans-card').first().waitFor();
      await phone.screenshot({ path: screenshotPath('loans-12-phone-mine'), fullPage: true });
    });
  }, 60_000);

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
