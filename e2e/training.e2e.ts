/**
 * Training from the browser, enrolment to the subsidy paid: the founder (韦小燕) enrols in
 * trainer.nanning's SYB course (three sessions ending today); the provider records attendance
 * session by session and closes the course; the founder sees the completion, prints the
 * certificate and applies for the Nanning start-up training subsidy — the training is on her
 * profile, she answers only the target group; the human-resources bureau accepts
 * (officer.hr.nanning) and approves (reviewer.hr.nanning); publicity ends (0 days here,
 * SEEDBED_DEMO_PUBLICITY_DAYS); finance pays 1,000 yuan. Pages on a desktop and a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

process.env.SEEDBED_DEMO_PUBLICITY_DAYS = '0';
const session = browserSession();
const { url, errors } = session;
const PHONE = { width: 390, height: 844 };

const COURSE = '2026年第四期SYB创业培训班';
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);
const statusBecomes = (page: Page, expected: string) => page.getByTestId('status').filter({ hasText: expected }).first().waitFor();

describe('a trainee enrols, attends, completes, and the training subsidy is paid', () => {
  let founder: Page;
  let coursePath = '';
  let applicationPath = '';
  let officer: Page;

  it('the founder finds the course and enrols', async () => {
    founder = await session.person('founder', false);
    await scenario(founder, 'training-enrol', async () => {
      await followNav(founder, '创业培训');
      await founder.getByRole('heading', { level: 1, name: '创业培训' }).waitFor();
      await listOf(founder, 'courses').getByRole('link', { name: COURSE }).first().click();
      await founder.getByRole('heading', { level: 1, name: COURSE }).waitFor();
      coursePath = new URL(founder.url()).pathname;
      expect(await founder.getByTestId('seats').innerText()).toBe('0 / 30');
      await founder.getByTestId('enrol').click();
      await founder.getByTestId('my-enrolment').getByText('在学').waitFor();
      expect(await founder.getByTestId('seats').innerText()).toBe('1 / 30');
      await founder.screenshot({ path: screenshotPath('training-1-course'), fullPage: true });
    });
  });

  it('the provider records attendance session by session and closes the course', async () => {
    const trainer = await session.person('trainer.nanning', false);
    await scenario(trainer, 'training-attendance', async () => {
      await followNav(trainer, '培训管理');
      await trainer.getByRole('heading', { level: 1, name: '培训管理' }).waitFor();
      await listOf(trainer, 'my-courses').getByRole('link', { name: COURSE }).first().click();
      await trainer.getByRole('heading', { level: 1, name: COURSE }).waitFor();
      await listOf(trainer, 'roster').getByText('韦小燕').first().waitFor();
      const cards = trainer.locator('[data-testid^="attendance-"]');
      expect(await cards.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        const card = cards.nth(i);
        await card.getByLabel('韦小燕').check();
        await card.getByRole('button', { name: '登记考勤' }).click();
        await card.getByText('已登记', { exact: true }).waitFor();
      }
      await listOf(trainer, 'roster').getByText('24 / 24').first().waitFor();
      await trainer.screenshot({ path: screenshotPath('training-2-attendance'), fullPage: true });
      await trainer.getByTestId('complete-course').click();
      await listOf(trainer, 'roster').getByText('已结业').first().waitFor();
      await expectNoIdentifiers(trainer, 'training-provider-course');
    });
  });

  it('the founder sees the completion, prints the certificate and applies for the subsidy', async () => {
    await scenario(founder, 'training-apply', async () => {
      await followNav(founder, '我的培训');
      await founder.getByRole('heading', { level: 1, name: '我的培训' }).waitFor();
      const mine = listOf(founder, 'my-training');
      await mine.getByText('已结业').first().waitFor();
      const href = await mine.getByTestId('certificate').first().getAttribute('href');
      const pdf = await founder.request.get(url(href!));
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await founder.screenshot({ path: screenshotPath('training-3-mine'), fullPage: true });
      await mine.getByTestId('apply-subsidy').first().click();
      await founder.waitForURL((u) => u.pathname === '/fulfilment/apply/nn.startup-training-subsidy');
      await founder.getByRole('heading', { level: 1, name: /创业培训补贴/ }).waitFor();
      // The training and the standard come from the profile; the founder answers the target group only.
      await founder.locator('#nn_in_training_target_group').click();
      await founder.locator('.ant-select-item-option').filter({ hasText: /^是$/ }).click();
      await founder.locator('#payee-bank').fill('中国农业银行南宁青秀支行');
      await founder.locator('#payee-number').fill('6228 4801 2345 6789 012');
      await founder.getByRole('button', { name: '预判资格' }).click();
      await founder.getByTestId('verdict').filter({ hasText: '符合条件' }).waitFor();
      expect(await founder.getByTestId('verdict').innerText()).toContain('1,000.00');
      await expectNoIdentifiers(founder, 'training-apply-form');
      await founder.screenshot({ path: screenshotPath('training-4-apply'), fullPage: true });
      await founder.getByRole('button', { name: '提交申请' }).click();
      await founder.waitForURL(/\/fulfilment\/applications\/[0-9a-f-]{36}$/);
      applicationPath = new URL(founder.url()).pathname;
      await statusBecomes(founder, '受理');
    });
  });

  it('the human-resources bureau accepts and passes first review', async () => {
    officer = await session.person('officer.hr.nanning', true);
    await scenario(officer, 'training-accept', async () => {
      await officer.goto(url(applicationPath));
      await officer.getByRole('button', { name: '受理', exact: true }).click();
      await statusBecomes(officer, '初审');
      await officer.getByRole('button', { name: '审核通过' }).click();
      await statusBecomes(officer, '批复');
    });
  }, 240_000);

  it('a second reviewer approves; publicity ends', async () => {
    const reviewer = await session.person('reviewer.hr.nanning', true);
    await scenario(reviewer, 'training-approve', async () => {
      await reviewer.goto(url(applicationPath));
      expect(await reviewer.locator('#approve-amount').inputValue()).toBe('1000.00');
      await reviewer.getByRole('button', { name: '批复', exact: true }).click();
      await statusBecomes(reviewer, '公示');
    });
    await scenario(officer, 'training-publicity', async () => {
      await officer.reload();
      await officer.getByRole('button', { name: '公示期满，进入下一环节' }).click();
      await statusBecomes(officer, '拨付');
    });
  }, 240_000);

  it('finance pays; the founder sees it paid', async () => {
    const finance = await session.person('finance.nanning', true);
    await scenario(finance, 'training-pay', async () => {
      await finance.goto(url(applicationPath));
      await finance.getByRole('button', { name: '拨付', exact: true }).click();
      await finance.getByRole('dialog').getByRole('button', { name: '确认拨付' }).click();
      await statusBecomes(finance, '已办结');
    });
    await scenario(founder, 'training-paid', async () => {
      await founder.goto(url(applicationPath));
      await statusBecomes(founder, '已办结');
      await founder.screenshot({ path: screenshotPath('training-5-paid'), fullPage: true });
    });
  }, 240_000);

  it('the pages read well on a phone', async () => {
    const phone = await session.person('founder', false, PHONE);
    await scenario(phone, 'training-phone', async () => {
      await phone.goto(url('/training/mine'));
      await listOf(phone, 'my-training').getByText('已结业').first().waitFor();
      await phone.screenshot({ path: screenshotPath('training-6-phone-mine'), fullPage: true });
      await phone.goto(url(coursePath));
      await phone.getByRole('heading', { level: 1, name: COURSE }).waitFor();
      await phone.screenshot({ path: screenshotPath('training-7-phone-course'), fullPage: true });
    });
  });

  it('leaves no errors in the browser', () => {
    expect(errors).toEqual([]);
  });
});
