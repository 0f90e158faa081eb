/**
 * The credit gate in the browser (鹰潭, clause 四13: credit linked to preferential policies). The
 * Yingtan market regulator's officer (credit.officer.yingtan) enters a serious administrative
 * penalty of the demo enterprise ent.yingtan (鹰潭铜创电子商务有限公司), decided one month more than
 * the shortest serious window ago, so it is published and repair may already be applied for. The
 * enterprise then finds an item that excludes 失信主体 (跨地域设立“四众”服务平台的政府支持) refused
 * in 我的政策匹配 and on the application form, each citing that decision; on a phone too. It
 * applies for repair with a PDF from 我的信用; the officer scores it (the review module) and
 * approves; the same item no longer refuses it: the credit criterion passes, nothing is cited, and
 * with the item's own question answered the verdict is 符合条件.
 */
import type { Page } from 'playwright-core';
import { creditCodeCheckCharacter, shanghaiDateOf } from '@seedbed/contract';
import { describe, expect, it } from 'vitest';
import { addMonths, WINDOW_MONTHS } from '../apps/server/src/modules/credit/credit.windows.js';
import { browserSession, chooseOption, followNav, samplePdf, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const PHONE = { width: 390, height: 844 };
const OFFICER = 'credit.officer.yingtan';
const REGULATOR = '鹰潭市市场监督管理局';
const ENTERPRISE = '鹰潭铜创电子商务有限公司';
const ITEM = 'yt.cross-region-platform-support';
const ITEM_TITLE = '跨地域设立“四众”服务平台的政府支持';
// The demo enterprise's credit code (apps/server/src/demo/seed-demo.ts: 91 + region + MA + serial).
const CREDIT_CODE = `91360602MA35B0003${creditCodeCheckCharacter('91360602MA35B0003')}`;

// The dates follow the module's repair rules (credit.windows.ts): a serious record may be repaired
// once its shortest window has passed and is published until its longest has. Decided one month
// beyond the shortest window: repairable today, still published (and so gating).
const TODAY = shanghaiDateOf(new Date());
const DECIDED_ON = addMonths(TODAY, -(WINDOW_MONTHS.serious.shortest + 1));
const REPAIR_FROM = addMonths(DECIDED_ON, WINDOW_MONTHS.serious.shortest);
const PUBLISHED_UNTIL = addMonths(DECIDED_ON, WINDOW_MONTHS.serious.longest);
const DECISION = `鹰市监处罚〔${DECIDED_ON.slice(0, 4)}〕27号`;
/** How a refusal names the record: the department, the day, the decision number and the end of publication. */
const CITED = `${REGULATOR} ${DECIDED_ON} 作出的 ${DECISION}`;

/** The select whose input is `#id` (its shown choice only: a label may hold the option's words). */
const select = (page: Page, id: string) => page.locator('.ant-select').filter({ has: page.locator(`#${id}`) });
const record = (page: Page) => page.getByTestId('credit-record').filter({ hasText: DECISION });

/** The item's card in 我的政策匹配 (the refused ones are folded under 不符合的政策). */
async function openMatches(page: Page): Promise<void> {
  await followNav(page, '我的政策');
  await page.getByRole('link', { name: ENTERPRISE }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(ENTERPRISE) }).waitFor();
}
const card = (page: Page) => page.getByTestId(`verdict-${ITEM}`);
const creditCriterion = (page: Page) => card(page).locator('li').filter({ hasText: '未列入严重失信名单' });

describe('credit gate: refused with the record, repaired, open again', () => {
  it('the source department enters a serious penalty whose repair is already allowed', async () => {
    expect(REPAIR_FROM <= TODAY && TODAY < PUBLISHED_UNTIL).toBe(true);
    const officer = await session.person(OFFICER, true);
    await scenario(officer, 'credit-gate-enter', async () => {
      await followNav(officer, '信用信息');
      await officer.getByRole('heading', { level: 1, name: '信用信息' }).waitFor();
      await officer.getByTestId('credit-entry-open').click();
      await officer.locator('#creditCode').fill(CREDIT_CODE);
      await officer.locator('#subjectName').fill(ENTERPRISE);
      await chooseOption(officer, 'kind', '行政处罚', select(officer, 'kind'));
      await chooseOption(officer, 'severity', '严重', select(officer, 'severity'));
      await officer.locator('#decidedOn').click();
      await officer.locator('#decidedOn').fill(DECIDED_ON);
      await officer.locator('#decidedOn').press('Enter');
      await expect.poll(() => officer.locator('#decidedOn').inputValue()).toBe(DECIDED_ON);
      await officer.locator('#decisionNumber').fill(DECISION);
      await officer.locator('#legalBasis').fill('《中华人民共和国电子商务法》第七十七条');
      await officer.locator('#content').fill('以虚构交易、编造用户评价等方式进行虚假宣传，情节严重，罚款五十万元');
      await officer.getByRole('button', { name: '登记', exact: true }).click();
      const row = officer.getByTestId('credit-records-row').filter({ hasText: DECISION });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain(ENTERPRISE);
      expect(text).toContain('公示中');
      expect(text).toContain(`${DECIDED_ON} 至 ${PUBLISHED_UNTIL}`);
      await officer.screenshot({ path: screenshotPath('credit-gate-1-entered'), fullPage: true });
    });
  }, 90_000);

  it('the enterprise is refused the gated item, with the record named, in its matches and on the form', async () => {
    const ent = await session.person('ent.yingtan', false);
    await scenario(ent, 'credit-gate-refused', async () => {
      await openMatches(ent);
      await ent.getByText(/不符合的政策（\d+ 项）/).click();
      await card(ent).waitFor();
      expect(await card(ent).innerText()).toContain(ITEM_TITLE);
      expect(await creditCriterion(ent).getAttribute('data-status')).toBe('fail');
      const basis = await creditCriterion(ent).getByTestId('criterion-basis').innerText();
      expect(basis).toContain(`${CITED}（行政处罚，严重失信，公示至 ${PUBLISHED_UNTIL} 前）`);
      expect(basis).toContain('可在“我的信用”申请信用修复');
      await card(ent).scrollIntoViewIfNeeded();
      await expectNoIdentifiers(ent, 'credit-gate-matches');
      await ent.screenshot({ path: screenshotPath('credit-gate-2-matches-refused'), fullPage: true });

      await ent.goto(url(`/fulfilment/apply/${ITEM}`));
      await ent.getByRole('heading', { level: 1, name: new RegExp(ITEM_TITLE) }).waitFor();
      const verdict = ent.getByTestId('verdict');
      await verdict.getByTestId('credit-citation').waitFor();
      expect(await verdict.innerText()).toContain('资格预判：不符合条件');
      const citation = await verdict.getByTestId('credit-citation').innerText();
      expect(citation).toContain(`依据 ${CITED}（严重失信，公示至 ${PUBLISHED_UNTIL} 前）`);
      expect(citation).toContain('现可申请信用修复');
      await ent.screenshot({ path: screenshotPath('credit-gate-3-form-refused'), fullPage: true });
      // The way to repair from the refusal.
      await verdict.getByRole('link', { name: '查看我的信用' }).click();
      await ent.getByRole('heading', { level: 1, name: '我的信用' }).waitFor();
      expect(await ent.getByTestId('credit-listed').innerText()).toContain(`${REGULATOR} ${DECISION}`);
    });
    const phone = await session.person('ent.yingtan', false, PHONE);
    await scenario(phone, 'credit-gate-refused-phone', async () => {
      await phone.goto(url(`/fulfilment/apply/${ITEM}`));
      const citation = phone.getByTestId('verdict').getByTestId('credit-citation');
      await citation.waitFor();
      expect(await citation.innerText()).toContain(DECISION);
      await citation.scrollIntoViewIfNeeded();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: screenshotPath('credit-gate-4-refused-phone') });
    });
  }, 90_000);

  it('the enterprise applies for repair with a PDF', async () => {
    const ent = await session.person('ent.yingtan', false);
    await scenario(ent, 'credit-gate-apply', async () => {
      await followNav(ent, '我的信用');
      await ent.getByRole('heading', { level: 1, name: '我的信用' }).waitFor();
      await record(ent).getByText('该记录使本企业列入严重失信主体名单').waitFor();
      expect(await record(ent).innerText()).toContain(REPAIR_FROM);
      await record(ent).getByTestId('repair-open').click();
      await ent.getByTestId('repair-reason').fill('已足额缴纳罚款，下架虚假宣传内容并建立商品评价审核制度。');
      await ent.locator('[data-testid="repair-form"] input[type="file"]').setInputFiles({ name: '整改报告.pdf', mimeType: 'application/pdf', buffer: samplePdf('Rectification report') });
      await ent.getByText('整改报告.pdf').waitFor();
      await ent.getByTestId('repair-submit').click();
      await record(ent).getByText('信用修复申请：待审核', { exact: false }).waitFor();
      // Still listed until the department approves.
      await ent.getByTestId('credit-listed').waitFor();
      await ent.screenshot({ path: screenshotPath('credit-gate-5-applied'), fullPage: true });
    });
  }, 60_000);

  it('the source department scores the repair and approves it', async () => {
    const officer = await session.person(OFFICER, true);
    await scenario(officer, 'credit-gate-approve', async () => {
      await officer.goto(url('/credit-work'));
      const todo = officer.getByTestId('repairs-to-decide');
      await todo.getByText(`${ENTERPRISE} · ${DECISION}`).waitFor();
      await todo.getByText('整改报告.pdf').waitFor();
      await todo.getByTestId('repair-score-corrected').locator('xpath=descendant-or-self::input').first().fill('5');
      await todo.getByTestId('repair-score-obligations').locator('xpath=descendant-or-self::input').first().fill('5');
      await todo.getByTestId('repair-score-evidence').locator('xpath=descendant-or-self::input').first().fill('4');
      await todo.getByTestId('repair-review-comment').fill('罚款已缴清，整改报告与平台核查一致');
      await todo.getByTestId('repair-review-submit').click();
      await todo.getByText('罚款已缴清，整改报告与平台核查一致', { exact: false }).waitFor();
      await todo.getByTestId('repair-decision-reason').fill('整改到位，准予信用修复');
      await todo.getByTestId('repair-approve').click();
      await todo.waitFor({ state: 'detached' });
      const row = officer.getByTestId('credit-records-row').filter({ hasText: DECISION });
      expect(await row.innerText()).toContain('已信用修复');
    });
  }, 90_000);

  it('the same item is open to the enterprise: the credit criterion passes and nothing is cited', async () => {
    const ent = await session.person('ent.yingtan', false);
    await scenario(ent, 'credit-gate-open', async () => {
      await followNav(ent, '我的信用');
      await ent.getByTestId('credit-clear').waitFor();
      await record(ent).getByText('信用修复申请：已准予修复', { exact: false }).waitFor();

      await openMatches(ent);
      await card(ent).waitFor();
      expect(await card(ent).innerText()).not.toContain('不符合');
      expect(await creditCriterion(ent).getAttribute('data-status')).toBe('pass');
      expect(await ent.getByTestId('criterion-basis').count()).toBe(0);
      expect(await ent.locator('body').innerText()).not.toContain(DECISION);
      await card(ent).scrollIntoViewIfNeeded();
      await ent.screenshot({ path: screenshotPath('credit-gate-6-matches-open'), fullPage: true });

      await ent.goto(url(`/fulfilment/apply/${ITEM}`));
      await ent.getByRole('heading', { level: 1, name: new RegExp(ITEM_TITLE) }).waitFor();
      const verdict = ent.getByTestId('verdict');
      await verdict.waitFor();
      expect(await verdict.innerText()).not.toContain('不符合条件');
      expect(await verdict.getByTestId('credit-citation').count()).toBe(0);
      expect(await ent.locator('body').innerText()).not.toContain(DECISION);
      // The item's own question answered, the verdict is 符合条件.
      await chooseOption(ent, 'yt_set_up_cross_region_platform', '是', select(ent, 'yt_set_up_cross_region_platform'));
      await ent.getByRole('button', { name: '预判资格' }).click();
      await expect.poll(() => verdict.innerText()).toContain('资格预判：符合条件');
      expect(await verdict.innerText()).toContain('✓');
      expect(await verdict.innerText()).not.toContain('✗');
      await ent.screenshot({ path: screenshotPath('credit-gate-7-form-open'), fullPage: true });
    });
  }, 90_000);

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
