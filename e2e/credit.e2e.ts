/**
 * Credit (信用) in the browser: the Nanning market regulator's officer (credit.officer) downloads
 * the template and imports a CSV file of three rows, two of them bad: the page reports one
 * recorded and each refused row with its reasons by column. The demo enterprise (credit.ent, a
 * serious penalty of 13 months ago) sees that it is on the serious-violation list because of that
 * record, and applies for repair with a PDF; the officer reviews it (the review module) and approves; the enterprise is off the list
 * and the record no longer published. The rating: D with each indicator's contribution while
 * listed, C after the repair. The public inquiry: a visitor finds the enterprise by name and reads
 * only its published records (not the repaired one), on a desktop and a phone; an officer's lookup
 * shows on the enterprise's page as the organisation that looked. Its page on a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, samplePdf, scenario, screenshotPath, unique } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const PHONE = { width: 390, height: 844 };
const SERIOUS = '南市监处罚〔2025〕88号';

const creditCode = (first17: string) => {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * weights[i]!, 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
};

const serious = (page: Page) => page.getByTestId('credit-record').filter({ hasText: SERIOUS });

describe('credit: import, the list, repair', () => {
  it('the officer imports a file; bad rows are refused with their reasons', async () => {
    const officer = await session.person('credit.officer', true);
    await scenario(officer, 'credit-import', async () => {
      await followNav(officer, '信用信息');
      await officer.getByRole('heading', { level: 1, name: '信用信息' }).waitFor();
      const template = await officer.request.get(url('/api/v1/credit/template.xlsx'));
      expect(template.status()).toBe(200);
      expect(template.headers()['content-type']).toContain('spreadsheetml');
      const n = unique();
      const code = creditCode('91450103MA5E2E001');
      const csv =
        '\uFEFF统一社会信用代码,主体名称,信用信息类别,失信程度,决定文书号,决定日期,法律依据,事由及内容\r\n' +
        `${code},南宁测试广告有限公司,行政处罚,一般,南市监处罚〔E2E〕${n}-1号,2026-10-09,《中华人民共和国广告法》第五十五条,发布虚假广告，罚款两万元\r\n` +
        `91450103MA5E2E0010,南宁测试乙有限公司,行政处罚,一般,南市监处罚〔E2E〕${n}-2号,2026-10-10,《中华人民共和国广告法》,虚假宣传\r\n` +
        `${code},南宁测试广告有限公司,严重失信主体名单,一般,南市监列严〔E2E〕${n}-3号,2026-10-11,,列入严重违法失信名单\r\n`;
      await officer.locator('[data-testid="credit-import"] input[type="file"]').setInputFiles({ name: '处罚信息.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await officer.getByText('处罚信息.csv').waitFor();
      await officer.getByTestId('credit-import-run').click();
      const result = officer.getByTestId('credit-import-result');
      await result.getByText('共 3 行：新登记 1 条，已登记未变 0 条，未导入 2 行').waitFor();
      const refused = (await result.getByTestId('credit-refused').innerText()).replace(/\s+/g, ' ');
      expect(refused).toMatch(/3 .*统一社会信用代码：/);
      expect(refused).toMatch(/4 .*失信程度：列入严重失信主体名单的，失信程度应为“严重”/);
      expect(refused).toContain('法律依据：应填写法律依据');
      await officer.getByText('南宁测试广告有限公司').first().waitFor();
      await expectNoIdentifiers(officer, 'credit-work');
      await officer.screenshot({ path: screenshotPath('credit-1-import'), fullPage: true });
    });
  }, 60_000);

  it('the enterprise sees why it is listed and applies for repair', async () => {
    const ent = await session.person('credit.ent', false);
    await scenario(ent, 'credit-apply', async () => {
      await followNav(ent, '我的信用');
      await ent.getByRole('heading', { level: 1, name: '我的信用' }).waitFor();
      const listed = ent.getByTestId('credit-listed');
      await listed.waitFor();
      expect(await listed.innerText()).toContain(`南宁市市场监督管理局 ${SERIOUS}`);
      await serious(ent).getByText('该记录使本企业列入严重失信主体名单').waitFor();
      // The ordinary penalty of two months ago: not yet repairable, with the day it will be.
      await ent.getByText(/起可申请信用修复/).waitFor();
      // The rating: D, capped by the serious record, with each indicator's contribution.
      const rating = ent.getByTestId('credit-rating');
      expect(await rating.getByTestId('credit-grade').innerText()).toBe('D级（信用较差）');
      await rating.getByText('得分 40（基础分 70，满分 100）').waitFor();
      await rating.getByTestId('credit-rating-capped').waitFor();
      const indicators = (await rating.getByTestId('credit-indicators').innerText()).replace(/\s+/g, ' ');
      expect(indicators).toMatch(/公示中的严重失信记录 1 条 .*−30/);
      expect(indicators).toMatch(/三年内的表彰及良好记录 1 项 .*\+5/);
      const drawn = (await rating.getByTestId('credit-rating-chart-data').textContent()) ?? '';
      expect(drawn).toContain('−30');
      await ent.screenshot({ path: screenshotPath('credit-2-listed'), fullPage: true });
      await serious(ent).getByTestId('repair-open').click();
      await ent.getByTestId('repair-reason').fill('已足额缴纳罚款，召回全部不合格电线电缆并完成整改。');
      await ent.locator('[data-testid="repair-form"] input[type="file"]').setInputFiles({ name: '缴款凭证.pdf', mimeType: 'application/pdf', buffer: samplePdf('Receipt') });
      await ent.getByText('缴款凭证.pdf').waitFor();
      await ent.getByTestId('repair-submit').click();
      await serious(ent).getByText('信用修复申请：待审核', { exact: false }).waitFor();
      await expectNoIdentifiers(ent, 'credit-mine');
      await ent.screenshot({ path: screenshotPath('credit-3-applied'), fullPage: true });
    });
  }, 60_000);

  it('the officer approves; the enterprise is off the list', async () => {
    const officer = await session.person('credit.officer', true);
    await scenario(officer, 'credit-approve', async () => {
      await officer.goto(url('/credit-work'));
      const todo = officer.getByTestId('repairs-to-decide');
      await todo.getByText(SERIOUS, { exact: false }).waitFor();
      await officer.screenshot({ path: screenshotPath('credit-4-to-decide'), fullPage: true });
      // The review module first: score the application against the rubric, then decide.
      await todo.getByTestId('repair-score-corrected').locator('xpath=descendant-or-self::input').first().fill('5');
      await todo.getByTestId('repair-score-obligations').locator('xpath=descendant-or-self::input').first().fill('5');
      await todo.getByTestId('repair-score-evidence').locator('xpath=descendant-or-self::input').first().fill('4');
      await todo.getByTestId('repair-review-comment').fill('罚款缴清，整改报告与现场核查一致');
      await todo.getByTestId('repair-review-submit').click();
      await todo.getByText('罚款缴清，整改报告与现场核查一致', { exact: false }).waitFor();
      await todo.getByTestId('repair-decision-reason').fill('罚款已缴清，整改到位，准予修复');
      await todo.getByTestId('repair-approve').click();
      await todo.waitFor({ state: 'detached' });
    });
    const ent = await session.person('credit.ent', false);
    await scenario(ent, 'credit-repaired', async () => {
      await ent.goto(url('/credit'));
      await ent.getByTestId('credit-clear').waitFor();
      await serious(ent).getByText('已信用修复，停止公示').waitFor();
      await serious(ent).getByText('信用修复申请：已准予修复', { exact: false }).waitFor();
      expect(await ent.getByTestId('credit-grade').innerText()).toBe('C级（信用关注）');
      await ent.getByText('得分 67（基础分 70，满分 100）').waitFor();
      await ent.screenshot({ path: screenshotPath('credit-5-repaired'), fullPage: true });
    });
  }, 60_000);

  it('a visitor looks the enterprise up: only what is published; an officer\'s lookup is shown to it', async () => {
    const visitor = await session.person(null);
    await scenario(visitor, 'credit-inquiry', async () => {
      await visitor.goto(url('/credit-inquiry'));
      await visitor.getByRole('heading', { level: 1, name: '信用查询' }).waitFor();
      await visitor.getByTestId('inquiry-q').fill('诚');
      await visitor.getByTestId('inquiry-submit').click();
      await visitor.getByText('企业名称至少输入2个字').waitFor();
      await visitor.getByTestId('inquiry-q').fill('诚远商贸');
      await visitor.getByTestId('inquiry-submit').click();
      const found = visitor.getByTestId('inquiry-subject').filter({ hasText: '南宁诚远商贸有限公司' });
      await found.waitFor();
      const text = await found.innerText();
      expect(text).toContain('南市监处罚〔2026〕41号');
      expect(text).toContain('南市监〔2024〕12号');
      expect(text).not.toContain(SERIOUS);
      await expectNoIdentifiers(visitor, 'credit-inquiry');
      await visitor.screenshot({ path: screenshotPath('credit-7-inquiry'), fullPage: true });
    });
    const phone = await session.person(null, false, PHONE);
    await scenario(phone, 'credit-inquiry-phone', async () => {
      await phone.goto(url('/credit-inquiry'));
      await phone.getByTestId('inquiry-q').fill('诚远商贸');
      await phone.getByTestId('inquiry-submit').click();
      await phone.getByTestId('inquiry-record').first().waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: screenshotPath('credit-8-inquiry-phone'), fullPage: true });
    });
    const officer = await session.person('credit.officer', true);
    await scenario(officer, 'credit-inquiry-officer', async () => {
      await officer.goto(url('/credit-inquiry'));
      await officer.getByTestId('inquiry-q').fill('南宁诚远商贸有限公司');
      await officer.getByTestId('inquiry-submit').click();
      await officer.getByTestId('inquiry-record').first().waitFor();
    });
    const ent = await session.person('credit.ent', false);
    await scenario(ent, 'credit-who-looked', async () => {
      await ent.goto(url('/credit'));
      await ent.getByTestId('credit-inquiries').getByText('南宁市市场监督管理局').waitFor();
    });
  }, 90_000);

  it('reads well on a phone', async () => {
    const phone = await session.person('credit.ent', false, PHONE);
    await scenario(phone, 'credit-phone', async () => {
      await phone.goto(url('/credit'));
      await phone.getByTestId('credit-clear').waitFor();
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: screenshotPath('credit-6-phone'), fullPage: true });
    });
  }, 60_000);

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
