/**
 * The calculator asks only what matters (issue #12), from the browser: a Nanning graduate says
 * who and where (the region cascader comes first), answers and skips questions, watches the
 * progress move, is never asked about another city, sees the programme office's renewed items as
 * current with an amount and other cities' policies behind a link; a Nanning firm sees the ended
 * items grouped with their end date; only an officer gets the "as of" date. No variable name,
 * enum code or region code appears as text. Screenshots on a desktop and a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pickRegion, scenario, signIn, startServer, type RunningBrowser, type RunningServer } from './harness.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
/** Variable names and enum codes of the catalogue (GET /api/v1/eligibility/variables): never page text. */
let identifiers: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await browser.newPage();
  const variables = (await (await fetch(`${server.baseUrl}/api/v1/eligibility/variables`)).json()) as { items: { name: string; values?: { value: string }[] }[] };
  identifiers = variables.items.flatMap((v) => [v.name, ...(v.values ?? []).map((x) => x.value)]).filter((x) => x.length > 3);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.baseUrl}${path}`;
/** Cities and districts of the other source documents. */
const OTHER_PLACES = /玉溪|鹰潭|南昌|岳塘|湘潭|云南|江西|湖南|红塔|月湖|余江|贵溪|青山湖|柳州|桂林/;

const questionText = async () => (await page.getByTestId('question').locator('label').first().innerText()).trim();
const progressText = async () => (await page.getByTestId('progress').innerText()).trim();

/** Answers the question shown the way its input asks; returns its text. */
async function answerQuestion(): Promise<string> {
  const q = page.getByTestId('question');
  await q.waitFor();
  const asked = await questionText();
  if ((await q.locator('.ant-radio-button-wrapper').count()) > 0) await q.locator('.ant-radio-button-wrapper').first().click();
  else if ((await q.locator('.ant-input-number-input').count()) > 0) await q.locator('.ant-input-number-input').fill('3');
  else if ((await q.locator('.ant-picker-input input').count()) > 0) {
    await q.locator('.ant-picker-input input').fill('2024-06-30');
    await page.keyboard.press('Enter');
  } else if ((await q.locator('.ant-select').count()) > 0) {
    await q.locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  } else await q.locator('input').first().fill('I65');
  await q.getByRole('button', { name: '确定' }).click();
  await page.waitForFunction((text) => !document.querySelector('[data-testid="question"] label')?.textContent?.includes(text), asked);
  return asked;
}

/** The page's text never names a variable, an enum code or a 6-digit region code. */
async function expectNoIdentifiers(where: string) {
  const text = await page.locator('main').innerText();
  expect(text.match(/(?<![\d.,])\d{6}(?![\d.,])/g) ?? [], `${where}: region codes`).toEqual([]);
  const found = identifiers.filter((id) => new RegExp(`(?<![A-Za-z_])${id}(?![A-Za-z_])`).test(text));
  expect(found, `${where}: identifiers`).toEqual([]);
}

describe('the calculator asks only what matters', () => {
  it('walks a Nanning graduate through: where first, no other city, progress, skip, renewed items current', async () => {
    await scenario(page, 'calculator-graduate', async () => {
      await page.goto(url('/calculator'));
      await page.getByRole('heading', { level: 1, name: '政策计算器' }).waitFor();
      // Anonymous visitors evaluate on today: no "as of" date.
      expect(await page.getByTestId('as-of').count()).toBe(0);
      await page.getByLabel('个人（创业者）', { exact: true }).click();
      await page.waitForURL(/entity=person/);

      // Where, first: the region cascader.
      const q = page.getByTestId('question');
      await q.locator('.ant-cascader').waitFor();
      const before = await progressText();
      await q.locator('.ant-cascader').click();
      await pickRegion(page, ['广西壮族自治区', '南宁市', '青秀区']);
      await q.getByRole('button', { name: '确定' }).click();
      await page.waitForURL(/f\.region=450103/);
      await page.getByTestId('answers').getByText('南宁市青秀区').waitFor();
      await page.waitForFunction((b) => document.querySelector('[data-testid="progress"]')?.textContent !== b, before);
      expect(await progressText()).toMatch(/^已回答 1 题 · 预计还有 \d+ 题$/);

      // A few questions, none about another city; the progress moves with each.
      const asked: string[] = [];
      for (let i = 0; i < 3; i++) {
        const p = await progressText();
        asked.push(await answerQuestion());
        await page.waitForFunction((b) => document.querySelector('[data-testid="progress"]')?.textContent !== b, p);
      }
      expect(await progressText()).toMatch(/^已回答 4 题/);
      await page.screenshot({ path: '/tmp/calc-desktop-questions.png', fullPage: false });

      // Skip: the question goes away, stays unknown (a tag says so) and is counted.
      const skippedQuestion = await questionText();
      await page.getByTestId('question').getByRole('button', { name: '跳过' }).click();
      await page.waitForURL(/skip=/);
      await page.waitForFunction((text) => !document.querySelector('[data-testid="question"] label')?.textContent?.includes(text), skippedQuestion);
      await page.waitForFunction(() => document.querySelector('[data-testid="progress"]')?.textContent?.includes('跳过 1 题'));
      expect(await progressText()).toMatch(/^已回答 4 题 · 跳过 1 题 · 预计还有 \d+ 题$/);
      await page.getByTestId('answers').getByText('已跳过').waitFor();
      for (let i = 0; i < 2 && (await page.getByTestId('question').count()) > 0; i++) asked.push(await answerQuestion());
      for (const text of [...asked, skippedQuestion]) expect(text, text).not.toMatch(OTHER_PLACES);
      expect(new Set(asked).size).toBe(asked.length);
      expect(asked).not.toContain(skippedQuestion);
      await expectNoIdentifiers('questions');

      // The programme office's renewed items are current: a graduate asking for a 10万元 guaranteed loan gets it.
      await page.goto(url('/calculator?entity=person&f.region=450103&f.meets_guaranteed_loan_conditions=true&f.guaranteed_loan_requested=10000000'));
      const loan = page.getByTestId('verdict-nn.startup-guaranteed-loan');
      await loan.waitFor();
      await expect(loan.locator('.ant-tag').first().innerText()).resolves.toBe('符合条件');
      await expect(loan.innerText()).resolves.toContain('100,000.00 元');
      await expect(page.getByTestId('answers').innerText()).resolves.toContain('100,000 元');
      await page.getByTestId('evaluated-on').waitFor();
      const main = await page.locator('main').innerText();
      // Other cities' items are not evaluated, nor listed as not eligible: only behind the link.
      expect(main).not.toMatch(OTHER_PLACES);
      await expectNoIdentifiers('results');
      await page.getByTestId('other-places').click();
      await page.getByText('鹰潭市', { exact: true }).first().waitFor();
      await page.screenshot({ path: '/tmp/calc-desktop.png', fullPage: true });
      await page.getByTestId('other-places').click();
    });
  });

  it('groups a Nanning firm’s ended items with their end date, and fits a phone', async () => {
    await scenario(page, 'calculator-ended', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(url('/calculator?entity=enterprise&f.region=450103'));
      const ended = page.getByTestId('ended');
      await ended.waitFor();
      expect(await ended.innerText()).toMatch(/已结束的政策（\d+ 项）/);
      await ended.locator('.ant-collapse-header').click();
      const vat = page.getByTestId('ended-nn.small-taxpayer-vat-exemption');
      await vat.waitFor();
      expect(await vat.innerText()).toContain('已于 2017-12-31 结束');
      await expectNoIdentifiers('ended');
      await vat.scrollIntoViewIfNeeded();
      await page.waitForTimeout(400); // the panel's opening animation
      await page.screenshot({ path: '/tmp/calc-phone-ended.png' });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: '/tmp/calc-phone.png' });
      // No horizontal scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });

  it('offers an officer the "as of" date', async () => {
    await scenario(page, 'calculator-as-of', async () => {
      await signIn(page, server.baseUrl, 'officer.nanning', true);
      await page.goto(url('/calculator?entity=enterprise&f.region=450103'));
      await page.getByTestId('as-of').waitFor();
      await page.locator('#as-of-date').fill('2017-03-01');
      await page.keyboard.press('Enter');
      await page.waitForURL(/date=2017-03-01/);
      await page.getByText('按 2017年3月1日 的政策评估').waitFor();
      await page.screenshot({ path: '/tmp/calc-desktop-as-of.png' });
      // As of 2017 the VAT exemption was in force: evaluated, not among the ended.
      await page.getByTestId('verdict-nn.small-taxpayer-vat-exemption').waitFor();
      // The anonymous visits ask who is signed in (401 while nobody is): no other error.
      expect(browser.errors.filter((e) => !e.includes('401'))).toEqual([]);
    });
  });
});
