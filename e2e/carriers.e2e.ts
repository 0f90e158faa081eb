/**
 * Carriers from the browser: carrier.yingtan registers a new 创业苗圃 in 月湖区; officer.yingtan
 * (the science bureau covering Yingtan) records its provincial recognition; the operator records
 * 湘潭岳塘智造装备有限公司 entering; the firm's profile shows the verified fact; the public
 * registry lists the carrier with its level, on a desktop and on a phone; the operator files
 * the year's statistics (the tenant counted from the records), the bureau accepts and exports them.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession, browserSession, pickRegion, registerCarrier, samplePdf, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const person = (username: string | null, secondFactor: boolean, viewport?: { width: number; height: number }) => session.person(username, secondFactor, viewport);

const NAME = '鹰潭龙虎山青年创业苗圃';
const FIRM = '湘潭岳塘智造装备有限公司';

/** A ResponsiveList: its table on a desktop, its cards on a phone. */
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);

describe('a carrier is registered, recognised, takes a tenant whose profile shows it', () => {
  let carrierPath = '';
  let operator: Page;

  it('the operator registers a carrier', async () => {
    operator = await person('carrier.yingtan', false);
    await scenario(operator, 'carriers-register', async () => {
      await registerCarrier(operator, session.baseUrl(), { name: NAME, kind: '创业苗圃', region: ['江西省', '鹰潭市', '月湖区'], address: '鹰潭市月湖区龙虎山大道9号', areaTotal: '1500', areaTenant: '900', areaPublic: '300' });
      // Its list holds the carrier it already ran, and the new one.
      await listOf(operator, 'my-carriers').getByText('鹰潭信江众创空间').first().waitFor();
      await listOf(operator, 'my-carriers').getByRole('link', { name: NAME }).first().click();
      await operator.getByRole('heading', { level: 1, name: NAME }).waitFor();
      carrierPath = new URL(operator.url()).pathname;
      await expectNoIdentifiers(operator, 'carriers-operator-page');
      await operator.screenshot({ path: screenshotPath('carriers-1-operator'), fullPage: true });
    });
  });

  it('the science bureau covering Yingtan records its provincial recognition', async () => {
    const officer = await person('officer.yingtan', true);
    await scenario(officer, 'carriers-recognise', async () => {
      await officer.goto(url(carrierPath));
      await officer.getByRole('heading', { level: 1, name: NAME }).waitFor();
      await officer.getByTestId('record-recognition').click();
      const dialog = officer.getByRole('dialog');
      await dialog.getByTestId('recognition-issuer').fill('江西省科学技术厅');
      // A click on the province can be lost while the menu is still opening on a loaded machine:
      // the field must show it before the form goes on (tried again, at most three times).
      const regionField = dialog.locator('.ant-form-item').filter({ hasText: '认定部门所在地区' });
      for (let attempt = 1; ; attempt += 1) {
        await dialog.getByLabel('认定部门所在地区', { exact: true }).click();
        await pickRegion(officer, ['江西省']);
        await officer.keyboard.press('Escape');
        try {
          await regionField.getByText(/请选择省/).waitFor({ state: 'hidden', timeout: 3_000 });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
      await dialog.locator('.ant-picker-input input').first().fill('2026-10-01');
      await officer.keyboard.press('Enter');
      await dialog.getByRole('button', { name: '登记' }).click();
      await officer.getByText('已登记认定').waitFor();
      await listOf(officer, 'recognitions').getByText('江西省科学技术厅').first().waitFor();
      await expectNoIdentifiers(officer, 'carriers-officer-page');
      await officer.screenshot({ path: screenshotPath('carriers-2-officer'), fullPage: true });
    });
  });

  it('a firm enters and its profile shows the verified fact', async () => {
    const api = new ApiSession(session.baseUrl());
    await api.login('ent.yuetang', 'Seedbed-demo-2026');
    const mine = await api.request<{ items: { id: string; kind: string }[] }>('GET', '/subjects/mine');
    const subjectId = mine.body.items.find((s) => s.kind === 'enterprise')!.id;
    const profile = await api.request<{ facts: Record<string, { value: unknown }> }>('GET', `/subjects/${subjectId}`);
    const creditCode = String(profile.body.facts.credit_code!.value);
    await scenario(operator, 'carriers-tenant', async () => {
      await operator.goto(url(carrierPath));
      await operator.getByTestId('enter-tenant').click();
      const dialog = operator.getByRole('dialog');
      await dialog.getByTestId('tenant-credit-code').fill(creditCode);
      await dialog.getByTestId('tenant-area').fill('40');
      await dialog.getByRole('button', { name: '登记' }).click();
      await operator.getByText('已登记入驻，企业档案已更新').waitFor();
      await listOf(operator, 'tenancies').getByText(FIRM).first().waitFor();
      await operator.screenshot({ path: screenshotPath('carriers-3-tenant'), fullPage: true });
    });
    const ent = await person('ent.yuetang', false);
    await scenario(ent, 'carriers-profile-fact', async () => {
      await ent.goto(url('/profile'));
      const item = ent.locator('.ant-form-item', { hasText: '入驻经认定的创业孵化基地' });
      await item.getByText('已核验，不可修改').waitFor();
      await item.getByText('双创载体运营机构').first().waitFor();
      // The region field shows codes until its names have loaded.
      await ent.getByText('岳塘区').first().waitFor();
      await expectNoIdentifiers(ent, 'carriers-profile');
    });
  });

  it('the operator files the annual statistics with the tenant counted; the bureau accepts and exports them', async () => {
    await scenario(operator, 'carriers-annual-file', async () => {
      await operator.goto(url(carrierPath));
      const card = operator.getByTestId('annual');
      await card.getByTestId('annual-tenants').getByText('1', { exact: true }).waitFor();
      await card.getByTestId('annual-jobs').fill('5');
      await card.getByTestId('annual-file').click();
      await operator.getByText('年度统计已报送').waitFor();
      await card.getByText('已报送，待审核').waitFor();
      await expectNoIdentifiers(operator, 'carriers-annual-operator');
    });
    const officer = await person('officer.yingtan', true);
    await scenario(officer, 'carriers-annual-review', async () => {
      await officer.goto(url(carrierPath));
      const card = officer.getByTestId('annual');
      await card.getByTestId('annual-accept').click();
      await card.getByText('已通过').waitFor();
      const [download] = await Promise.all([officer.waitForEvent('download'), card.getByTestId('annual-export').click()]);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile((await download.path())!);
      const rows = wb.worksheets[0]!.getSheetValues().slice(3).map((row) => (row as unknown[]).slice(1));
      const mine = rows.find((x) => x[0] === NAME)!;
      expect(mine.slice(3, 7)).toEqual([1, 1, 0, 5]);
      expect(mine[11]).toBe('已通过 Accepted');
      await officer.screenshot({ path: screenshotPath('carriers-5-annual'), fullPage: true });
    });
  });

  it("a graduate's NEEQ listing with its evidence becomes a pending award for the carrier, which its operator follows in fulfilment", async () => {
    const TENANT = '鹰潭铜创电子商务有限公司';
    const REWARD = '孵化企业新三板挂牌奖励众创平台';
    await scenario(operator, 'carriers-outcome', async () => {
      await operator.goto(url('/carriers-mine'));
      await listOf(operator, 'my-carriers').getByRole('link', { name: '鹰潭信江众创空间', exact: true }).first().click();
      await operator.getByRole('heading', { level: 1, name: '鹰潭信江众创空间' }).waitFor();
      // The firm graduates (listed), then its listing is recorded with the notice as evidence.
      await listOf(operator, 'tenancies').getByRole('button', { name: '离开/毕业' }).first().click();
      const exit = operator.getByRole('dialog');
      await exit.getByLabel('毕业原因').click();
      await operator.locator('.ant-select-item-option', { hasText: '上市或挂牌' }).click();
      await exit.getByRole('button', { name: '登记' }).click();
      await listOf(operator, 'tenancies').getByText('毕业（上市或挂牌）').first().waitFor();
      await operator.getByTestId('record-outcome').click();
      const dialog = operator.getByRole('dialog', { name: '登记在孵企业成果' });
      await dialog.getByTestId('outcome-tenant').click();
      await operator.locator('.ant-select-item-option', { hasText: TENANT }).click();
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await dialog.locator('.ant-picker-input input').first().fill(yesterday);
      await operator.keyboard.press('Enter');
      await dialog.locator('input[type="file"]').setInputFiles({ name: '挂牌公告.pdf', mimeType: 'application/pdf', buffer: samplePdf('NEEQ') });
      await dialog.getByText('挂牌公告.pdf').waitFor();
      await dialog.getByRole('button', { name: '登记' }).click();
      await operator.getByText('成果已登记，奖励已进入兑现流程').waitFor();
      const award = operator.getByTestId('outcomes').getByTestId('outcome-award').filter({ hasText: REWARD });
      await award.getByText('已进入兑现流程，待主管部门核定').waitFor();
      await award.getByText('30 万元').waitFor();
      await expectNoIdentifiers(operator, 'carriers-outcome');
      await operator.screenshot({ path: screenshotPath('carriers-7-outcome'), fullPage: true });
      await award.getByRole('link', { name: '查看兑现进度' }).click();
      // The award is the carrier's own (its profile, held by the operator), not the operator
      // company's (which may have applications of its own in the same list).
      const row = operator.getByTestId('my-applications').locator('tr', { hasText: REWARD });
      await row.getByRole('cell', { name: '鹰潭信江众创空间', exact: true }).waitFor();
      expect(await row.getByText('运营管理有限公司').count()).toBe(0);
      await expectNoIdentifiers(operator, 'carriers-outcome-fulfilment');
      await operator.screenshot({ path: screenshotPath('carriers-8-pending-award'), fullPage: true });
    });
  });

  it("the carrier's own profile shows its recognition as a verified fact, and its policy matches, on a phone too", async () => {
    for (const [name, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await person('carrier.yingtan', false, viewport);
      await scenario(page, `carriers-profile-${name}`, async () => {
        await page.goto(url('/finder/matches'));
        await page.getByRole('link', { name: '鹰潭信江众创空间', exact: true }).click();
        await page.getByRole('heading', { level: 1, name: /鹰潭信江众创空间/ }).waitFor();
        await page.getByText('省级众创空间一次性奖励').first().waitFor();
        await expectNoIdentifiers(page, `carriers-matches-${name}`);
        await page.screenshot({ path: screenshotPath(`carriers-11-matches-${name}`), fullPage: true });
        await page.getByRole('link', { name: '完善档案' }).click();
        await page.getByText('载体档案').first().waitFor();
        await page.getByText('被列入省级众创空间（科技孵化器）').first().waitFor();
        await expectNoIdentifiers(page, `carriers-carrier-profile-${name}`);
        await page.screenshot({ path: screenshotPath(`carriers-12-carrier-profile-${name}`), fullPage: true });
      });
    }
  });

  it("the programme office opens the year's assessment of a Nanning base, two experts score it, the office closes it with its grade", async () => {
    const BASE = '南宁青秀创业孵化基地';
    const goToBase = async (page: Page) => {
      await page.goto(url('/carriers-office'));
      await listOf(page, 'carriers').getByRole('link', { name: BASE }).first().click();
      await page.getByRole('heading', { level: 1, name: BASE }).waitFor();
    };
    const office = await person('office.nanning', true);
    await scenario(office, 'carriers-assessment-open', async () => {
      await goToBase(office);
      await office.getByTestId('open-assessment').click();
      await office.getByText('已开启考核').waitFor();
      await office.getByTestId('assessments').getByText('已有 0 位专家评分').waitFor();
    });
    for (const [expert, marks] of [['expert1.nanning', [18, 27, 26, 18]], ['expert2.nanning', [16, 24, 22, 15]]] as const) {
      const page = await person(expert, true);
      await scenario(page, `carriers-assessment-${expert}`, async () => {
        await goToBase(page);
        const form = page.getByTestId('assessment-review');
        for (const [i, id] of (['facilities', 'services', 'results', 'management'] as const).entries()) await form.getByTestId(`score-${id}`).fill(String(marks[i]));
        await form.getByTestId('submit-assessment').click();
        await page.getByText('评分已提交').waitFor();
        await form.waitFor({ state: 'detached' });
        await expectNoIdentifiers(page, `carriers-assessment-${expert}`);
      });
    }
    await scenario(office, 'carriers-assessment-close', async () => {
      await goToBase(office);
      await office.getByTestId('close-assessment').click();
      await office.getByText('考核已结束').waitFor();
      const card = office.getByTestId('assessments');
      await card.getByText('良好').waitFor();
      await card.getByText('得分 83').waitFor();
      await expectNoIdentifiers(office, 'carriers-assessment-office');
      await office.screenshot({ path: screenshotPath('carriers-9-assessment'), fullPage: true });
    });
  });

  it('the public registry lists it with its level and tenant, on a phone too', async () => {
    for (const [name, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
      const anon = await person(null, false, viewport);
      await scenario(anon, `carriers-registry-${name}`, async () => {
        await anon.goto(url('/carriers'));
        await anon.getByRole('heading', { level: 1, name: '双创载体名录' }).waitFor();
        await anon.getByTestId('carrier-search').locator('input').fill('longhushan');
        await anon.getByTestId('carrier-search').locator('input').press('Enter');
        const list = listOf(anon, 'carriers');
        await list.getByText(NAME).first().waitFor();
        await list.getByText('省级').first().waitFor();
        await list.getByRole('link', { name: '鹰潭信江众创空间', exact: true }).waitFor({ state: 'detached' });
        await expectNoIdentifiers(anon, `carriers-registry-${name}`);
        await anon.screenshot({ path: screenshotPath(`carriers-4-registry-${name}`), fullPage: true });
        await list.getByRole('link', { name: NAME }).first().click();
        await anon.getByRole('heading', { level: 1, name: NAME }).waitFor();
        await listOf(anon, 'recognitions').getByText('江西省科学技术厅').first().waitFor();
        await expectNoIdentifiers(anon, `carriers-page-${name}`);
        await anon.screenshot({ path: screenshotPath(`carriers-6-page-${name}`), fullPage: true });
      });
    }
    expect(errors).toEqual([]);
  });
});
