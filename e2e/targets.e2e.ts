/**
 * Targets and the work ledger from the browser, in Nanning: the programme office (office.nanning)
 * loads the city document's targets, binds the maker-space target to the carriers module's
 * statistic and sees the figure the API computes and the records behind it; the science bureau (officer.nanning), the lead
 * unit of the invention-patent target, reports October's figure and sees the light and the
 * report, on a desktop and a phone; the office then drafts a briefing whose chart shows the
 * dashboard's figures, issues it (第1期) and downloads it as Word and PDF. A carrier registered in
 * Nanning raises the bound figure; the office sets milestones and a supporting unit; the lead unit
 * consolidates the supporting unit's report and marks a milestone reached.
 */
import type { Page } from 'playwright-core';
import { TARGET_STATUS_LABELS, type TargetDetail, type TargetList } from '@seedbed/contract';
import { describe, expect, it } from 'vitest';
import { browserSession, chooseOption, followNav, registerCarrier, samplePdf, scenario, screenshotPath, unique } from './harness.js';

const session = browserSession();
const { errors } = session;
const MAKERS = '至2020年底全市建成众创空间10家以上';
const PATENTS = '至2020年底每万人有效发明专利拥有量达到8件';

async function openTarget(page: Page, title: string): Promise<string> {
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return page.url().split('/targets/')[1]!;
}

describe('the programme office sets targets; a unit reports', () => {
  let office: Page;

  it('the office loads the city document’s targets', async () => {
    office = await session.person('office.nanning', true);
    await scenario(office, 'targets-load', async () => {
      await followNav(office, '目标任务');
      await office.getByRole('heading', { level: 1, name: '目标任务与工作台账' }).waitFor();
      await office.getByRole('button', { name: '载入文件目标' }).click();
      const dialog = office.getByRole('dialog');
      await dialog.getByLabel('政策文件').click();
      await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '南宁市' }).first().click();
      await dialog.getByRole('button', { name: '载入文件目标' }).click();
      await office.getByText(/已载入 \d+ 项/).first().waitFor();
      await office.getByRole('link', { name: MAKERS }).waitFor();
      // The table's lights are the API's.
      const api = (await (await office.request.get(session.url('/api/v1/targets'))).json()) as TargetList;
      expect(api.items.length).toBeGreaterThan(5);
      await expect.poll(() => office.locator('[data-testid="targets-table"] tbody tr.ant-table-row').count()).toBe(Math.min(api.items.length, 30));
      await office.screenshot({ path: screenshotPath('targets-1-loaded'), fullPage: true });
      // The ledger downloads as the office's workbook.
      const [download] = await Promise.all([office.waitForEvent('download'), office.getByRole('link', { name: /导出台账/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/^南宁市目标任务工作台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(await download.failure()).toBeNull();
    });
  });

  it('binds the maker-space target to the carriers statistic and shows the computed figure', async () => {
    await scenario(office, 'targets-bind', async () => {
      const id = await openTarget(office, MAKERS);
      const settings = office.getByTestId('target-settings');
      await settings.getByLabel('绑定统计指标').click();
      await settings.getByLabel('绑定统计指标').fill('众创空间');
      await office.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '双创载体：众创空间' }).first().click();
      await settings.getByRole('button', { name: '保存' }).click();
      await office.getByText('已保存').first().waitFor();
      await office.getByTestId('target-facts').getByText('平台统计：双创载体：众创空间').waitFor();
      const api = (await (await office.request.get(session.url(`/api/v1/targets/${id}`))).json()) as TargetDetail;
      expect(api.target.figureSource).toBe('statistic');
      expect(api.target.figure).not.toBeNull();
      expect((await office.getByTestId('target-figure').innerText()).replace(/,/g, '')).toBe(String(api.target.figure));
      expect(await office.getByTestId('target-facts').innerText()).toContain('南宁市科学技术局');
      // The figure drills down to the records behind it: as many as it counts (up to 50 listed).
      const records = office.getByTestId('target-records');
      if (api.target.figure === 0) await records.getByText('本期尚无记录').waitFor();
      else await expect.poll(() => records.locator('.ant-list-item').count()).toBe(Math.min(api.target.figure!, 50));
      await office.screenshot({ path: screenshotPath('targets-2-bound'), fullPage: true });
    });
  });

  it('a maker space registered in Nanning raises the bound figure and joins the records behind it', async () => {
    const name = `南宁青秀${unique()}众创空间`;
    const operator = await session.person('carrier.yingtan', false);
    await scenario(operator, 'targets-statistic-record', async () => {
      const before = (await (await office.request.get(session.url('/api/v1/targets'))).json()) as TargetList;
      const target = before.items.find((i) => i.title.zh === MAKERS)!;
      await registerCarrier(operator, session.baseUrl(), { name, kind: '众创空间', region: ['广西壮族自治区', '南宁市', '青秀区'], address: '南宁市青秀区民族大道100号', areaTotal: '1200', areaTenant: '700', areaPublic: '200' });

      // The office's page of the bound target shows one more, and the new carrier among its records.
      await office.goto(session.url(`/targets/${target.id}`));
      await expect.poll(async () => Number((await office.getByTestId('target-figure').innerText()).replace(/,/g, ''))).toBe(target.figure! + 1);
      await office.getByTestId('target-records').getByRole('link', { name: new RegExp(name) }).waitFor();
      await office.screenshot({ path: screenshotPath('targets-2b-record-added'), fullPage: true });
    });
  });

  it('the science bureau reports the patent figure; the report and the light follow', async () => {
    const unit = await session.person('officer.nanning', true);
    await scenario(unit, 'targets-report', async () => {
      await followNav(unit, '目标任务');
      await unit.getByRole('heading', { level: 1, name: '目标任务与工作台账' }).waitFor();
      const id = await openTarget(unit, PATENTS);
      const form = unit.getByTestId('target-report-form');
      await form.getByLabel(/本期累计数值/).fill('6.5');
      await form.getByLabel('工作进展').fill('新增发明专利授权 120 件，开展专利导航服务 3 场');
      await form.locator('input[type="file"]').setInputFiles({ name: '专利授权清单.pdf', mimeType: 'application/pdf', buffer: samplePdf('Patents') });
      await form.getByText('专利授权清单.pdf').waitFor();
      await form.getByRole('button', { name: '报送进展' }).click();
      await unit.getByText('进展已报送').first().waitFor();
      await unit.getByTestId('target-reports').getByText('新增发明专利授权 120 件').waitFor();
      // The attachment is listed with the report and downloads as the PDF uploaded.
      const link = unit.getByTestId('target-reports').getByRole('link', { name: /专利授权清单\.pdf/ });
      const file = await unit.request.get(session.url((await link.getAttribute('href'))!));
      expect(file.status()).toBe(200);
      expect((await file.body()).toString('latin1')).toContain('(Patents)');
      await expect.poll(async () => (await unit.getByTestId('target-figure').innerText()).trim()).toBe('6.5');
      const api = (await (await unit.request.get(session.url(`/api/v1/targets/${id}`))).json()) as TargetDetail;
      expect(api.target).toMatchObject({ figure: 6.5, figureSource: 'reports' });
      // The light under the title is the API's.
      expect(await unit.getByRole('heading', { level: 1 }).locator('..').innerText()).toContain(TARGET_STATUS_LABELS[api.target.status].zh);
      await unit.screenshot({ path: screenshotPath('targets-3-reported'), fullPage: true });

      const phone = await session.person('officer.nanning', true, { width: 390, height: 844 });
      await phone.goto(session.url(`/targets/${id}`));
      await phone.getByTestId('target-reports').getByText('新增发明专利授权 120 件').waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('targets-4-phone'), fullPage: true });
    });
  });

  it('the office sets milestones and a supporting unit; the lead unit consolidates its report and marks a milestone reached', async () => {
    const NAVIGATION = '完成专利导航项目立项';
    await scenario(office, 'targets-milestones', async () => {
      const board = (await (await office.request.get(session.url('/api/v1/targets'))).json()) as TargetList;
      const id = board.items.find((i) => i.title.zh === PATENTS)!.id;
      await office.goto(session.url(`/targets/${id}`));
      await office.getByRole('heading', { level: 1, name: PATENTS }).waitFor();
      const settings = office.getByTestId('target-settings');
      const field = (fieldId: string) => settings.locator('.ant-form-item').filter({ has: office.locator(`#${fieldId}`) });
      await chooseOption(office, 'supportingOrganisationIds', '南宁市人力资源和社会保障局', field('supportingOrganisationIds'));
      await office.keyboard.press('Escape');
      await settings.getByRole('button', { name: '保存' }).click();
      await office.getByText('已保存').first().waitFor();
      await office.getByTestId('target-facts').getByText('南宁市人力资源和社会保障局').waitFor();

      const milestones = office.getByTestId('target-milestones');
      await milestones.getByText('尚未设置里程碑').waitFor();
      const add = async (title: string, dueOn: string, value?: string) => {
        await milestones.getByRole('button', { name: '设置里程碑' }).click();
        const dialog = office.getByRole('dialog', { name: '设置里程碑' });
        await dialog.getByLabel('节点内容').fill(title);
        await dialog.getByLabel('节点日期').fill(dueOn);
        if (value) await dialog.getByLabel(/届时应达到的数值/).fill(value);
        await dialog.getByRole('button', { name: '设置里程碑' }).click();
        await office.getByText('里程碑已设置').first().waitFor();
        await dialog.waitFor({ state: 'detached' });
      };
      // A day outside the target's period is refused on its field.
      await milestones.getByRole('button', { name: '设置里程碑' }).click();
      const dialog = office.getByRole('dialog', { name: '设置里程碑' });
      await dialog.getByLabel('节点内容').fill('明年再说');
      await dialog.getByLabel('节点日期').fill(`${Number(board.asOf.slice(0, 4)) + 1}-01-15`);
      await dialog.getByRole('button', { name: '设置里程碑' }).click();
      await dialog.getByText(/里程碑日期须在目标任务的起止日期/).first().waitFor();
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'detached' });
      await add('上半年每万人发明专利达到 4 件', `${board.asOf.slice(0, 4)}-06-30`, '4');
      await add(NAVIGATION, board.asOf);
      // The reported 6.5 reached the first by itself; the second is due today.
      const row = (title: string) => milestones.locator('.ant-list-item').filter({ hasText: title });
      await row('上半年每万人发明专利达到 4 件').getByText('当前值已达到，自动确认').waitFor();
      expect(await row('上半年每万人发明专利达到 4 件').locator('.ant-tag').innerText()).toBe('已达成');
      expect(await row(NAVIGATION).locator('.ant-tag').innerText()).toBe('未到期');
    });

    const hr = await session.person('officer.hr.nanning', true);
    let period = '';
    await scenario(hr, 'targets-supporting-report', async () => {
      const mine = (await (await hr.request.get(session.url('/api/v1/targets?mine=true'))).json()) as TargetList;
      const id = mine.items.find((i) => i.title.zh === PATENTS)!.id;
      await hr.goto(session.url(`/targets/${id}`));
      const form = hr.getByTestId('target-report-form');
      // The form offers the period the lead unit reported for (the last one ended) first.
      const api = (await (await hr.request.get(session.url(`/api/v1/targets/${id}`))).json()) as TargetDetail;
      period = api.reports.find((r) => r.organisation.name === '南宁市科学技术局')!.period;
      await form.getByText(period, { exact: true }).waitFor();
      await form.getByLabel(/本期累计数值/).fill('2');
      await form.getByLabel('工作进展').fill('引进知识产权专业人才 2 名，配合开展专利导航');
      await form.getByRole('button', { name: '报送进展' }).click();
      await hr.getByText('进展已报送').first().waitFor();
      await hr.getByTestId('target-reports').locator('.ant-list-item').filter({ hasText: '引进知识产权专业人才' }).getByText('待牵头单位汇总').waitFor();
      // A supporting unit neither consolidates nor marks milestones.
      expect(await form.getByText('汇总配合单位本期报送').count()).toBe(0);
      expect(await hr.getByTestId('target-milestones').getByRole('button', { name: '确认达成' }).count()).toBe(0);
    });

    const lead = await session.person('officer.nanning', true);
    await scenario(lead, 'targets-consolidate', async () => {
      const board = (await (await lead.request.get(session.url('/api/v1/targets?mine=true'))).json()) as TargetList;
      const id = board.items.find((i) => i.title.zh === PATENTS)!.id;
      await lead.goto(session.url(`/targets/${id}`));
      const form = lead.getByTestId('target-report-form');
      await form.getByText(period, { exact: true }).waitFor();
      // The supporting unit's report of the period is offered, ticked.
      const box = lead.getByTestId('target-consolidates').getByRole('checkbox', { name: /南宁市人力资源和社会保障局：2/ });
      await box.waitFor();
      expect(await box.isChecked()).toBe(true);
      await form.getByLabel(/本期累计数值/).fill('7');
      await form.getByLabel('工作进展').fill('汇总人社局报送：本期新增发明专利授权 150 件');
      await form.getByRole('button', { name: '报送进展' }).click();
      await lead.getByText('进展已报送').first().waitFor();
      const reports = lead.getByTestId('target-reports');
      await reports.locator('.ant-list-item').filter({ hasText: '汇总人社局报送' }).getByText('汇总：南宁市人力资源和社会保障局').waitFor();
      await reports.locator('.ant-list-item').filter({ hasText: '引进知识产权专业人才' }).getByText('已由南宁市科学技术局汇总').waitFor();
      await expect.poll(async () => (await lead.getByTestId('target-figure').innerText()).trim()).toBe('7');

      // The lead marks the milestone due today reached, with its note.
      const milestones = lead.getByTestId('target-milestones');
      await milestones.locator('.ant-list-item').filter({ hasText: NAVIGATION }).getByRole('button', { name: '确认达成' }).click();
      const dialog = lead.getByRole('dialog', { name: /确认达成/ });
      await dialog.getByLabel('说明').fill('已立项，见本期报送');
      await dialog.getByRole('button', { name: '确认达成' }).click();
      await lead.getByText('已确认达成').first().waitFor();
      const reached = milestones.locator('.ant-list-item').filter({ hasText: NAVIGATION });
      await reached.getByText(/王敏（经办） 确认于 \d{4}-\d{2}-\d{2} 达成/).waitFor();
      expect(await reached.locator('.ant-tag').innerText()).toBe('已达成');
      const api = (await (await lead.request.get(session.url(`/api/v1/targets/${id}`))).json()) as TargetDetail;
      expect(api.target.milestones).toEqual({ total: 2, reached: 2, overdue: 0 });
      await lead.screenshot({ path: screenshotPath('targets-4b-milestones-consolidated'), fullPage: true });
    });
  });

  it('the office drafts a briefing with the dashboard’s figures, issues it, and downloads Word and PDF', async () => {
    await scenario(office, 'targets-briefing', async () => {
      await office.goto(session.url('/targets'));
      await office.getByRole('button', { name: '工作简报' }).click();
      await office.getByRole('heading', { level: 1, name: '工作简报' }).waitFor();
      const board = (await (await office.request.get(session.url('/api/v1/targets'))).json()) as TargetList;
      await office.getByRole('button', { name: '起草简报' }).click();
      const dialog = office.getByRole('dialog');
      await dialog.getByLabel('起始日期').fill(`${board.asOf.slice(0, 8)}01`);
      await dialog.getByLabel('截止日期').fill(board.asOf);
      await dialog.getByRole('button', { name: '起草简报' }).click();
      await office.getByRole('button', { name: '印发' }).waitFor();
      // The chart's figures are the dashboard's (the API's byStatus) of the same moment.
      const drawn = await office
        .getByTestId('briefing-status-chart-data')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => `${r.querySelector('th')?.textContent ?? ''}=${r.querySelector('td')?.getAttribute('data-value') ?? ''}`));
      expect(drawn.sort()).toEqual(board.byStatus.map((b) => `${TARGET_STATUS_LABELS[b.status].zh}=${b.count}`).sort());
      await office.getByTestId('briefing-form').getByLabel('下步工作').fill('按月调度滞后任务。');
      await office.getByTestId('briefing-form').getByRole('button', { name: '保存' }).click();
      await office.getByText('已保存').first().waitFor();
      await office.getByRole('button', { name: '印发' }).click();
      await office.locator('.ant-popconfirm').getByRole('button', { name: '印发' }).click();
      await office.getByText(/已印发：\d{4}年第1期/).first().waitFor();
      await office.getByTestId('briefing-issued').getByText('按月调度滞后任务。').waitFor();
      await office.screenshot({ path: screenshotPath('targets-5-briefing'), fullPage: true });
      const [word] = await Promise.all([office.waitForEvent('download'), office.getByRole('link', { name: /^Word / }).click()]);
      expect(word.suggestedFilename()).toMatch(/^双创工作简报\d{4}年第1期\.docx$/);
      expect(await word.failure()).toBeNull();
      const pdf = await office.request.get(await office.getByRole('link', { name: /^PDF / }).getAttribute('href').then((h) => session.url(h!)));
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      const phone = await session.person('office.nanning', true, { width: 390, height: 844 });
      await phone.goto(office.url());
      await phone.getByTestId('briefing-issued').waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: screenshotPath('targets-6-briefing-phone'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
