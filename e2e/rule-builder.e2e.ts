/**
 * Rules without JSON: an officer (officer.nanning) opens a Nanning item's manage page, adds a
 * criterion in the visual rule builder (a variable picked by its label, an operator, a value),
 * sees the rules engine's plain-language preview change and a validation message naming the
 * criterion for a bad value, saves and simulates it (the per-district chart's data table matches
 * the simulation's API answer), and publishes it: above the threshold of affected subjects it
 * waits for a second officer of the department (officer2.nanning), who approves it in the
 * browser, and the new version is live (checked through the API). Desktop, and one phone
 * screenshot of the builder.
 */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, chooseInSelect, DEMO_PASSWORD, DEMO_TOTP_SECRET, launchBrowser, scenario, screenshotPath, signIn, startServer, type RunningBrowser, type RunningServer } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

let server: RunningServer;
let browser: RunningBrowser;
let page: Page;
let api: ApiSession;

const ITEM = 'nn.new-product-subsidy';
const CRITERION = '从业人员不少于10人';

beforeAll(async () => {
  // A low threshold of affected subjects, so that this change needs the second officer whatever
  // the synthetic population draws (the default is 100: README, configuration).
  process.env.SEEDBED_PUBLISH_SECOND_APPROVAL_SUBJECTS = '5';
  server = await startServer();
  delete process.env.SEEDBED_PUBLISH_SECOND_APPROVAL_SUBJECTS;
  browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  page = await browser.newPage();
  api = new ApiSession(server.baseUrl);
  // Another account than the browser's: a one-time code is good once.
  await api.login('office.nanning', DEMO_PASSWORD, () => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const url = (path: string) => `${server.baseUrl}${path}`;

interface SimulationAnswer {
  status: string;
  result: { draft: { byDistrict: { name: string | null; eligible: number; amountFen: number }[] } } | null;
}

describe('the visual rule builder', () => {
  it('builds, previews, validates, simulates and publishes a criterion with a second officer', async () => {
    await scenario(page, 'rule-builder', async () => {
      await signIn(page, server.baseUrl, 'officer.nanning', true);
      await page.goto(url(`/policies/${ITEM}/manage`));
      const preview = page.getByTestId('rule-preview');
      await preview.getByTestId('preview-sentence').first().waitFor();
      const before = await preview.innerText();
      expect(before).toContain('工业新产品数 ≥ 1 个');
      await expectNoIdentifiers(page, 'manage page');

      // A new criterion: the variable by its label, the operator, a value.
      await page.getByTestId('add-criterion').click();
      const card = page.getByTestId('criterion-1');
      await card.getByTestId('criterion-name').fill(CRITERION);
      await card.getByLabel('条件名称（英文）').fill('At least 10 employees');
      await card.getByRole('button', { name: '＋ 添加条件', exact: true }).click();
      await chooseInSelect(page, card.getByTestId('rb-field'), '从业人员', '从业人员');
      await chooseInSelect(page, card.getByTestId('rb-operator'), '大于或等于');
      const value = card.locator('input.ant-input-number-input');

      // A bad value is named with its criterion.
      await value.fill('-5');
      const problem = card.getByTestId('criterion-problem');
      await problem.waitFor();
      await expect(problem.innerText()).resolves.toMatch(/条件 2「从业人员不少于10人」：从业人员：/);
      await page.screenshot({ path: screenshotPath('rule-builder-1-validation'), fullPage: true });

      await value.fill('10');
      await problem.waitFor({ state: 'detached' });
      // The engine's words follow the builder.
      await preview.getByText('从业人员 ≥ 10 人').waitFor();
      expect(await preview.innerText()).not.toBe(before);
      await page.screenshot({ path: screenshotPath('rule-builder-2-preview'), fullPage: true });

      // The phone: the builder wraps on a narrow screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('rule-builder-3-phone'), fullPage: false });
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByLabel('修改说明').fill('新增从业人员条件');
      await page.getByTestId('save-draft').click();
      await page.getByTestId('diff').waitFor();
      await expect(page.getByTestId('diff').innerText()).resolves.toContain(`条件「${CRITERION}」`);

      // The simulation: the chart's data table holds the API's per-district figures.
      await page.getByTestId('simulate').click();
      const sim = page.getByTestId('simulation');
      await sim.getByText('已测算').waitFor({ timeout: 60_000 });
      const table = page.getByTestId('sim-district-subjects-data');
      await table.locator('tbody tr').first().waitFor({ state: 'attached' });
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ name: tr.querySelector('th')?.textContent ?? '', value: Number(tr.querySelector('td')?.getAttribute('data-value')) })),
      );
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.every((r) => r.value > 0 && !/\d{6}/.test(r.name))).toBe(true);
      const list = await api.request<{ items: (SimulationAnswer & { version: number })[] }>('GET', `/finder/simulations?itemId=${ITEM}`);
      const answer = list.body.items.find((s) => s.status === 'done')!;
      const fromApi = answer.result!.draft.byDistrict.filter((d) => d.eligible > 0).map((d) => ({ name: d.name, value: d.eligible }));
      expect(new Map(rows.map((r) => [r.name, r.value]))).toEqual(new Map(fromApi.map((r) => [r.name, r.value])));
      await page.screenshot({ path: screenshotPath('rule-builder-4-simulation'), fullPage: true });
      await expectNoIdentifiers(page, 'simulation');

      // Publishing asks for confirmation; above the threshold it goes to a second officer.
      const before2 = (await api.request<{ version: number }>('GET', `/policies/${ITEM}`)).body.version;
      await page.getByTestId('publish').click();
      const dialog = page.getByTestId('publish-dialog');
      await expect(dialog.getByTestId('publish-approval-needed').innerText()).resolves.toContain('超过阈值');
      await page.screenshot({ path: screenshotPath('rule-builder-5-confirm'), fullPage: false });
      await page.getByRole('button', { name: '提交审批' }).click();
      await page.getByTestId('awaiting-approval').waitFor();
      await expectNoIdentifiers(page, 'awaiting approval');
      expect((await api.request<{ version: number }>('GET', `/policies/${ITEM}`)).body.version).toBe(before2);

      // The second officer approves in the browser; the new version is live.
      await page.context().clearCookies();
      await signIn(page, server.baseUrl, 'officer2.nanning', true);
      await page.goto(url(`/policies/${ITEM}/manage`));
      await page.getByTestId('awaiting-approval').waitFor();
      await page.screenshot({ path: screenshotPath('rule-builder-6-approval'), fullPage: true });
      await page.getByTestId('approve').click();
      await page.getByText('已批准，新版本已生效').waitFor();
      const live = await api.request<{ version: number; criteria: { label: { zh: string } }[] }>('GET', `/policies/${ITEM}`);
      expect(live.body.version).toBeGreaterThan(before2);
      expect(live.body.criteria.map((c) => c.label.zh)).toContain(CRITERION);
    });
  });
});
