/**
 * The project library from the browser, in Yingtan: research.yingtan (鹰潭市铜产业技术服务中心, a
 * service provider) posts a patent with a PDF; officer.hr.yingtan (鹰潭市人力资源和社会保障局, the
 * bureau keeping the library) admits it; a visitor finds it by pinyin; ent.yingtan's firm asks to
 * adopt it; the poster accepts; the adopter records its start-up with evidence; the bureau
 * verifies it at 4,000 元; the provider finds the pending award in fulfilment (/fulfilment/mine).
 * A person's project says, on its page, why its reward cannot be paid online. Desktop and phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, pickRegion, samplePdf, scenario, screenshotPath } from './harness.js';

const session = browserSession();
const { url, errors } = session;
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);

const TITLE = '铜基石墨烯散热片专利';
const REWARD = '创业项目库项目被采用成功创业奖励';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('a project is posted, admitted, found, adopted, and its reward reaches fulfilment', () => {
  let poster: Page;
  let officer: Page;
  let adopter: Page;
  let projectPath = '';

  it('the provider posts a project with a PDF', async () => {
    poster = await session.person('research.yingtan', false);
    await scenario(poster, 'projects-post', async () => {
      await followNav(poster, '我的项目');
      await poster.getByRole('heading', { level: 1, name: '我的项目' }).waitFor();
      await listOf(poster, 'my-projects').getByText('高导电铜合金线材制备专利').first().waitFor();
      await poster.getByTestId('project-post').click();
      const dialog = poster.getByRole('dialog', { name: '发布项目' });
      await dialog.getByTestId('project-title').fill(TITLE);
      await dialog.getByTestId('project-summary').fill('以铜为基体复合石墨烯的高导热散热片制备方法（发明专利），用于5G基站与新能源汽车电控散热，导热率提高约30%。');
      await dialog.getByLabel('所属行业').click();
      await poster.keyboard.type('有色金属');
      await poster.locator('.ant-select-tree-title', { hasText: '有色金属冶炼和压延加工业' }).click();
      await dialog.getByLabel('所在地区').click();
      await pickRegion(poster, ['江西省', '鹰潭市', '月湖区']);
      await dialog.getByRole('checkbox', { name: '许可' }).check();
      await dialog.getByRole('checkbox', { name: '合作' }).check();
      await dialog.locator('input[type="file"]').setInputFiles({ name: '专利说明书.pdf', mimeType: 'application/pdf', buffer: samplePdf('Agreement') });
      await dialog.getByText('专利说明书.pdf').waitFor();
      await poster.screenshot({ path: screenshotPath('projects-1-post-dialog'), fullPage: true });
      await dialog.getByRole('button', { name: '提交审核' }).click();
      await poster.getByText('已提交，等待人社部门入库审核').waitFor();
      await listOf(poster, 'my-projects').locator('tr, .ant-card', { hasText: TITLE }).getByText('待入库审核').first().waitFor();
      await poster.screenshot({ path: screenshotPath('projects-2-mine'), fullPage: true });
    });
  });

  it('the human-resources bureau admits it into the public library', async () => {
    officer = await session.person('officer.hr.yingtan', true);
    await scenario(officer, 'projects-admit', async () => {
      await followNav(officer, '项目库审核');
      await officer.getByRole('heading', { level: 1, name: '项目库审核' }).waitFor();
      const row = listOf(officer, 'review-projects').locator('tr', { hasText: TITLE });
      await row.getByText('鹰潭市铜产业技术服务中心').waitFor();
      await officer.screenshot({ path: screenshotPath('projects-3-review'), fullPage: true });
      await row.getByTestId('project-admit').click();
      await officer.getByText('已入库').first().waitFor();
      await listOf(officer, 'review-projects').locator('tr', { hasText: TITLE }).waitFor({ state: 'detached' });
    });
  });

  it('a visitor finds it by pinyin and reads its page, on a desktop and a phone', async () => {
    for (const [name, viewport] of [['desktop', { width: 1366, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
      const visitor = await session.person(null, false, viewport);
      await scenario(visitor, `projects-find-${name}`, async () => {
        await visitor.goto(url('/projects'));
        await visitor.getByRole('heading', { level: 1, name: '创业项目库' }).waitFor();
        await listOf(visitor, 'projects').getByText('乡村特产直播电商创业项目').first().waitFor();
        await visitor.getByTestId('project-search').locator('input').fill('shimoxi');
        await visitor.getByTestId('project-search').locator('input').press('Enter');
        await listOf(visitor, 'projects').getByRole('link', { name: TITLE }).first().waitFor();
        await listOf(visitor, 'projects').getByText('乡村特产直播电商创业项目').waitFor({ state: 'detached' });
        await visitor.screenshot({ path: screenshotPath(`projects-4-search-${name}`), fullPage: true });
        await listOf(visitor, 'projects').getByRole('link', { name: TITLE }).first().click();
        await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        await visitor.getByText('每个项目3000元至5000元').waitFor();
        await visitor.getByTestId('project-attachment').waitFor();
        projectPath = new URL(visitor.url()).pathname;
        await visitor.screenshot({ path: screenshotPath(`projects-5-page-${name}`), fullPage: true });
      });
    }
  });

  it('an enterprise asks to adopt it and the poster accepts', async () => {
    adopter = await session.person('ent.yingtan', false);
    await scenario(adopter, 'projects-adopt', async () => {
      await adopter.goto(url(projectPath));
      await adopter.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await adopter.getByTestId('adopt').click();
      const dialog = adopter.getByRole('dialog');
      await dialog.getByTestId('adopt-plan').fill('拟采用该专利建设散热片生产线，服务本地电子企业，预计带动就业15人。');
      await dialog.getByRole('button', { name: '提交' }).click();
      await adopter.getByText('已提交采用申请，等待项目提供者答复').waitFor();
    });
    await scenario(poster, 'projects-accept', async () => {
      await poster.goto(url('/projects/mine'));
      const row = listOf(poster, 'received-adoptions').locator('tr', { hasText: TITLE });
      await row.getByText('待项目提供者答复').waitFor();
      await row.getByTestId('adoption-accept').click();
      await poster.getByText('已同意采用').waitFor();
      await listOf(poster, 'received-adoptions').locator('tr', { hasText: TITLE }).getByText('采用中').waitFor();
    });
  });

  it('the adopter records its start-up with evidence; the bureau verifies it with 4,000 元', async () => {
    await scenario(adopter, 'projects-success', async () => {
      await adopter.goto(url('/projects/mine'));
      const row = listOf(adopter, 'my-adoptions').locator('tr', { hasText: TITLE });
      await row.getByTestId('record-success').click();
      const dialog = adopter.getByRole('dialog', { name: '登记采用项目成功创业' });
      await dialog.locator('.ant-picker-input input').first().fill(today());
      await adopter.keyboard.press('Enter');
      await dialog.getByTestId('success-note').fill('鹰潭铜创散热科技有限公司已注册成立并投产');
      await dialog.locator('input[type="file"]').setInputFiles({ name: '采用协议.pdf', mimeType: 'application/pdf', buffer: samplePdf('Agreement') });
      await dialog.getByText('采用协议.pdf').waitFor();
      await dialog.getByRole('button', { name: '登记' }).click();
      await adopter.getByText('已登记，等待人社部门核定').waitFor();
      await listOf(adopter, 'my-adoptions').locator('tr', { hasText: TITLE }).getByText('成功创业待核定').waitFor();
      await adopter.screenshot({ path: screenshotPath('projects-6-adopter'), fullPage: true });
    });
    await scenario(officer, 'projects-verify', async () => {
      await officer.goto(url('/projects-office'));
      const row = listOf(officer, 'review-adoptions').locator('tr', { hasText: TITLE });
      await row.getByText('采用协议.pdf').waitFor();
      await row.getByTestId('verify-success').click();
      const dialog = officer.getByRole('dialog');
      await dialog.getByText('每个项目3000元至5000元').waitFor();
      await dialog.getByTestId('reward-yuan').fill('4000');
      await officer.screenshot({ path: screenshotPath('projects-7-verify'), fullPage: true });
      await dialog.getByRole('button', { name: '确定' }).click();
      await officer.getByText('已核定').first().waitFor();
      await listOf(officer, 'review-adoptions').locator('tr', { hasText: TITLE }).waitFor({ state: 'detached' });
    });
  });

  it("the poster's organisation sees the pending award of 4,000 元 in fulfilment", async () => {
    await scenario(poster, 'projects-award', async () => {
      await poster.goto(url('/projects/mine'));
      const reward = listOf(poster, 'my-projects').locator('tr', { hasText: TITLE }).getByTestId('my-project-reward');
      await reward.getByText('已进入兑现流程').waitFor();
      await reward.getByText('4,000 元').waitFor();
      await poster.screenshot({ path: screenshotPath('projects-8-rewarded'), fullPage: true });
      await reward.getByRole('link', { name: '查看兑现进度' }).click();
      await poster.waitForURL(/\/fulfilment\/mine/);
      const row = poster.getByTestId('my-applications').locator('tr', { hasText: REWARD });
      await row.getByRole('cell', { name: '鹰潭市铜产业技术服务中心', exact: true }).waitFor();
      await row.getByText('4,000.00 元').waitFor();
      await row.getByText('鹰潭市人力资源和社会保障局').waitFor();
      expect(await row.count()).toBe(1);
      await poster.screenshot({ path: screenshotPath('projects-9-fulfilment'), fullPage: true });
    });
  });

  it("a person's project says why its reward cannot be paid online, on a phone", async () => {
    const phone = await session.person('inventor.yingtan', false, { width: 390, height: 844 });
    await scenario(phone, 'projects-person', async () => {
      await phone.goto(url('/projects/mine'));
      await listOf(phone, 'my-projects').getByRole('link', { name: '乡村特产直播电商创业项目' }).first().click();
      await phone.getByTestId('person-reward-note').getByText(/不能向个人档案兑现/).waitFor();
      await phone.screenshot({ path: screenshotPath('projects-10-person-phone'), fullPage: true });
    });
  });

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
