/**
 * A late progress report chased to the programme office, on the demo's rehearsal clock
 * (SEEDBED_DEMO_CLOCK): on the 9th of next month (nothing due yet) the Nanning programme office
 * adds a target running from the first of this month, led by the science bureau and reported
 * monthly; the server then starts again on
 * the 21st, past the due day (10th) and the escalation day (16th) of this month's report, and its
 * daily job reminds the science bureau and tells the office. In the browser the office finds the
 * escalation in its inbox and on the target's page; the bureau finds its reminder, reports, and
 * the page shows the report in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import type { TargetDetail, TargetList, TargetOptions } from '@seedbed/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiSession, DEMO_PASSWORD, DEMO_TOTP_SECRET, browserSession, scenario, screenshotPath, startServer, waitForNotification, type RunningServer } from './harness.js';

const TARGET = '新增入库科技型中小企业200家';
const pad = (n: number) => String(n).padStart(2, '0');
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
/** The reporting period whose report goes missing (this month), and the month it falls due in. */
const PERIOD = `${year}-${pad(month)}`;
const NEXT = month === 12 ? `${year + 1}-01` : `${year}-${pad(month + 1)}`;
const LOAD_DAY = `${NEXT}-09T10:00:00+08:00`;
const LATE_DAY = `${NEXT}-21T10:00:00+08:00`;

const home = mkdtempSync(join(tmpdir(), 'seedbed-e2e-rehearsal-'));
let offsetMs = 0;
const code = (offset: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate({ timestamp: Date.now() + offset });

/** The office adds the target on the 9th; the server then starts again on the 21st, on the same data. */
async function rehearse(): Promise<RunningServer> {
  const loadOffset = Date.parse(LOAD_DAY) - Date.now();
  const first = await startServer({ home, clock: LOAD_DAY });
  try {
    const office = new ApiSession(first.baseUrl);
    await office.login('office.nanning', DEMO_PASSWORD, () => code(loadOffset));
    const options = await office.request<TargetOptions>('GET', '/targets/options');
    const kj = options.body.units.find((u) => u.name === '南宁市科学技术局')!.organisationId;
    const added = await office.request<TargetDetail>('POST', '/targets', {
      title: TARGET,
      indicator: '新增入库科技型中小企业数量',
      comparison: 'at_least',
      value: 200,
      unit: '家',
      periodFrom: `${PERIOD}-01`,
      periodTo: `${NEXT.slice(0, 4)}-12-31`,
      leadOrganisationId: kj,
      reporting: 'monthly',
    });
    if (added.status !== 201) throw new Error(`adding the target failed: ${added.status} ${JSON.stringify(added.body)}`);
  } finally {
    await first.stop();
  }
  offsetMs = Date.parse(LATE_DAY) - Date.now();
  return startServer({ home, clock: LATE_DAY });
}

const session = browserSession({ start: rehearse, clockOffsetMs: () => offsetMs });
const { errors } = session;
afterAll(() => rmSync(home, { recursive: true, force: true }));

const inboxShows = (page: Page, text: string) => waitForNotification(page, session.baseUrl(), text);

describe('a late report is reminded, then escalated to the programme office', () => {
  it('the office finds the escalation in its inbox and on the target', async () => {
    const office = await session.person('office.nanning', true);
    await scenario(office, 'targets-escalated-office', async () => {
      await inboxShows(office, '逾期未报送：南宁市科学技术局');
      const note = office.getByTestId('notification').filter({ hasText: '逾期未报送：南宁市科学技术局' }).filter({ hasText: TARGET }).first();
      expect(await note.innerText()).toContain(`${PERIOD} 的进展应于 ${NEXT}-10 前报送`);
      await office.screenshot({ path: screenshotPath('targets-escalation-1-office-inbox'), fullPage: true });
      await note.getByRole('link', { name: '查看' }).click();
      await office.getByRole('heading', { level: 1, name: TARGET }).waitFor();
      const due = office.getByTestId('target-due');
      await due.locator('.ant-list-item').filter({ hasText: '南宁市科学技术局' }).getByText('逾期，已报双创办督办').waitFor();
      expect(await office.getByText(`本期报送情况：${PERIOD}（应于 ${NEXT}-10 前报送）`).count()).toBe(1);
      await office.screenshot({ path: screenshotPath('targets-escalation-2-office-target'), fullPage: true });
    });
  });

  it('the science bureau finds its reminder, reports, and the report is in', async () => {
    const unit = await session.person('officer.nanning', true);
    await scenario(unit, 'targets-escalated-unit', async () => {
      await inboxShows(unit, `工作台账逾期未报：${TARGET}`);
      await unit.getByTestId('notification').filter({ hasText: `工作台账逾期未报：${TARGET}` }).first().getByRole('link', { name: '查看' }).click();
      await unit.getByRole('heading', { level: 1, name: TARGET }).waitFor();
      const row = unit.getByTestId('target-due').locator('.ant-list-item').filter({ hasText: '南宁市科学技术局' });
      await row.getByText('逾期，已报双创办督办').waitFor();
      // The form offers the period that is due.
      const form = unit.getByTestId('target-report-form');
      await form.getByText(PERIOD, { exact: true }).waitFor();
      await form.getByLabel(/本期累计数值/).fill('36');
      await form.getByLabel('工作进展').fill('补报：本月新增入库 36 家');
      await form.getByRole('button', { name: '报送进展' }).click();
      await unit.getByText('进展已报送').first().waitFor();
      await row.getByText('已报送').waitFor();
      const api = (await (await unit.request.get(session.url('/api/v1/targets?mine=true'))).json()) as TargetList;
      expect(api.items.find((i) => i.title.zh === TARGET)).toMatchObject({ figure: 36, figureAsOf: expect.stringMatching(new RegExp(`^${PERIOD}-`)) });
      await unit.screenshot({ path: screenshotPath('targets-escalation-3-unit-reported'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
