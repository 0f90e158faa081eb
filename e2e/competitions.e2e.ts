/**
 * A competition from the browser, from call to published results: 南宁市双创办 (office.nanning)
 * publishes a call; 南宁青禾智能科技有限公司 (ent.nanning) and 南宁精工智造装备有限公司
 * (startup1.nanning) enter with a pitch deck; the office assigns three judges, and 梁宇
 * (expert3.nanning), a shareholder of 青禾, is excluded from its entry automatically — the office
 * sees him and the reason; the judges score the preliminary, the office sends the best to the
 * final, they score again, the office publishes; the public page shows the ranking (equal means
 * decided by the stated tie-break) and an anonymised score distribution, on a desktop and a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, pickRegion, samplePdf, scenario, screenshotPath, unique } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession({ timeout: 30_000 });
const { url } = session;
const person = (username: string | null, secondFactor: boolean, viewport?: { width: number; height: number }) => session.person(username, secondFactor, viewport);

const TITLE = `南宁市青年创新创业大赛${unique().slice(-4)}`;
const QINGHE = '青禾边缘AI质检盒';
const JINGGONG = '精工远程运维平台';
const shanghaiDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);

async function pickDate(page: Page, testId: string, day: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

async function score(page: Page, project: string, scores: [number, number, number]): Promise<void> {
  const card = page.getByTestId('judging-item').filter({ hasText: project });
  await card.getByTestId('score-c1').fill(String(scores[0]));
  await card.getByTestId('score-c2').fill(String(scores[1]));
  await card.getByTestId('score-c3').fill(String(scores[2]));
  await card.getByTestId('score-submit').click();
  await card.getByText('已提交').waitFor();
}

let callPath = '';
let managePath = '';
const judges: Record<string, Page> = {};

describe('a competition runs from call to published results with three judges, one excluded for a conflict', () => {
  it('the programme office publishes a call', async () => {
    const office = await person('office.nanning', true);
    await scenario(office, 'competitions-call', async () => {
      await office.goto(url('/'));
      await followNav(office, '大赛管理');
      await office.getByRole('heading', { level: 1, name: '大赛管理' }).waitFor();
      await listOf(office, 'competition-calls').getByText('南宁市第二届创新创业大赛').first().waitFor();
      const form = office.getByTestId('new-call');
      await form.getByTestId('call-title').fill(TITLE);
      await form.getByLabel('举办地区', { exact: true }).click();
      await pickRegion(office, ['广西壮族自治区', '南宁市']);
      await office.keyboard.press('Escape');
      await form.getByTestId('call-rules').fill('在南宁市注册的企业均可报名，每家企业限报一个项目，须提交路演材料。');
      await form.getByTestId('call-tracks').fill('电子信息、先进制造');
      await form.getByTestId('call-criteria').fill('创新性 40\n市场前景 30\n团队 30');
      await pickDate(office, 'call-opens', shanghaiDay(0));
      await pickDate(office, 'call-closes', shanghaiDay(10));
      await pickDate(office, 'call-final', shanghaiDay(30));
      await form.getByTestId('call-finalists').fill('2');
      await form.getByTestId('call-prizes').fill('1');
      await form.getByTestId('call-submit').click();
      await office.getByText('大赛已发布').waitFor();
      await listOf(office, 'competition-calls').getByRole('link', { name: TITLE }).first().click();
      await office.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      managePath = new URL(office.url()).pathname;
      callPath = managePath.replace(/\/manage$/, '');
      await expectNoIdentifiers(office, 'competitions-manage-open');
    });
  });

  it('two enterprises enter with their team, project and pitch deck', async () => {
    for (const [username, project, track] of [
      ['ent.nanning', QINGHE, '电子信息'],
      ['startup1.nanning', JINGGONG, '先进制造'],
    ] as const) {
      const ent = await person(username, false);
      await scenario(ent, `competitions-enter-${username}`, async () => {
        await ent.goto(url('/competitions'));
        await listOf(ent, 'competition-calls').getByRole('link', { name: TITLE }).first().click();
        await ent.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        await ent.getByTestId('tie-break-rule').getByText('中位数', { exact: false }).waitFor();
        const form = ent.getByTestId('entry-form');
        await form.getByTestId('entry-track').click();
        await ent.locator('.ant-select-item-option', { hasText: track }).click();
        await form.getByTestId('entry-project').fill(project);
        await form.getByTestId('entry-summary').fill('面向中小制造企业的智能化解决方案，已在三家工厂试用。');
        await form.getByTestId('entry-team').fill('林晓青 负责人\n韦峰 算法');
        await form.locator('input[type="file"]').setInputFiles({ name: '商业计划书.pdf', mimeType: 'application/pdf', buffer: samplePdf('Pitch deck') });
        await form.getByTestId('entry-submit').click();
        await ent.getByText('已报名').first().waitFor();
        await listOf(ent, 'my-entries').getByText(project).first().waitFor();
        await expectNoIdentifiers(ent, 'competitions-entered');
        if (username === 'ent.nanning') await ent.screenshot({ path: screenshotPath('competitions-1-entered'), fullPage: true });
      });
    }
  });

  it('the office assigns three judges; 梁宇 is excluded from 青禾 with the reason, visible to the office', async () => {
    const office = await person('office.nanning', true);
    await scenario(office, 'competitions-panel-1', async () => {
      await office.goto(url(managePath));
      await office.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const form = office.getByTestId('panel-form');
      for (const name of ['覃敏', '陆洋', '梁宇']) await form.getByText(name, { exact: false }).click();
      await form.getByTestId('panel-submit').click();
      await office.getByText('已指派评委，利益冲突已自动回避').waitFor();
      const exclusions = listOf(office, 'exclusions');
      await exclusions.getByText('梁宇（评审专家）').first().waitFor();
      await exclusions.getByText('关联企业').first().waitFor();
      await exclusions.getByText('股东', { exact: false }).first().waitFor();
      await expectNoIdentifiers(office, 'competitions-exclusions');
      await office.screenshot({ path: screenshotPath('competitions-2-exclusion'), fullPage: true });
    });
  });

  it('the judges score the preliminary; 梁宇 does not see 青禾', async () => {
    for (const [username, s] of [
      ['expert1.nanning', { [QINGHE]: [35, 25, 25], [JINGGONG]: [30, 20, 20] }],
      ['expert2.nanning', { [QINGHE]: [30, 25, 25], [JINGGONG]: [30, 20, 20] }],
      ['expert3.nanning', { [JINGGONG]: [5, 5, 5] }],
    ] as const) {
      const judge = (judges[username] ??= await person(username, true));
      await scenario(judge, `competitions-judge-1-${username}`, async () => {
        await judge.goto(url('/'));
        // A judge's entry stands on its own in the header (no group to open).
        await judge.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '大赛评审', exact: true }).waitFor();
        await followNav(judge, '大赛评审');
        await judge.getByRole('heading', { level: 1, name: '大赛评审' }).waitFor();
        await judge.getByTestId('judging-item').filter({ hasText: JINGGONG }).waitFor();
        if (username === 'expert3.nanning') expect(await judge.getByTestId('judging-item').filter({ hasText: QINGHE }).count()).toBe(0);
        for (const [project, v] of Object.entries(s)) await score(judge, project, v as [number, number, number]);
        if (username === 'expert1.nanning') await judge.screenshot({ path: screenshotPath('competitions-3-judging'), fullPage: true });
      });
    }
  });

  it('the office sees the outlier, closes the preliminary and assigns the final panel', async () => {
    const office = await person('office.nanning', true);
    await scenario(office, 'competitions-advance', async () => {
      await office.goto(url(managePath));
      await office.getByText('（偏离）', { exact: false }).first().waitFor();
      await office.getByTestId('advance').click();
      await office.getByText('初赛结束，已确定决赛名单').waitFor();
      const form = office.getByTestId('panel-form');
      for (const name of ['覃敏', '陆洋', '梁宇']) await form.getByText(name, { exact: false }).click();
      await form.getByTestId('panel-submit').click();
      await office.getByText('已指派评委，利益冲突已自动回避').waitFor();
    });
  });

  it('the judges score the final', async () => {
    for (const [username, s] of [
      ['expert1.nanning', { [QINGHE]: [36, 22, 22], [JINGGONG]: [30, 20, 20] }],
      ['expert2.nanning', { [QINGHE]: [36, 22, 22], [JINGGONG]: [35, 25, 20] }],
      ['expert3.nanning', { [JINGGONG]: [40, 25, 25] }],
    ] as const) {
      const judge = judges[username]!;
      await scenario(judge, `competitions-judge-2-${username}`, async () => {
        await judge.goto(url('/competitions-judging'));
        await judge.getByText('决赛', { exact: false }).first().waitFor();
        for (const [project, v] of Object.entries(s)) await score(judge, project, v as [number, number, number]);
      });
    }
  });

  it('the office publishes; the public page shows the ranking and an anonymised score distribution', async () => {
    const office = await person('office.nanning', true);
    await scenario(office, 'competitions-publish', async () => {
      await office.goto(url(managePath));
      await office.getByTestId('publish').click();
      await office.getByText('结果已公布').first().waitFor();
    });
    for (const [name, viewport] of [
      ['desktop', { width: 1366, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const visitor = await person(null, false, viewport);
      await scenario(visitor, `competitions-results-${name}`, async () => {
        await visitor.goto(url(callPath));
        await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        const results = listOf(visitor, 'results');
        await results.getByText(QINGHE).first().waitFor();
        const text = await visitor.getByTestId('competition-results').innerText();
        expect(text).toContain('第1名');
        expect(text).toContain('最高分值项');
        expect(text).not.toMatch(/覃敏|陆洋|梁宇/);
        const data = await visitor.getByTestId('score-distribution-data').innerText();
        expect(data).toContain(QINGHE);
        expect(data).toContain('90');
        await expectNoIdentifiers(visitor, `competitions-results-${name}`);
        await visitor.screenshot({ path: screenshotPath(`competitions-4-results-${name}`), fullPage: true });
      });
    }
  });
});
