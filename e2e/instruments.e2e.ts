/**
 * Shared instruments from the browser: the Yuxi lab (lab.yuxi) lists an instrument; ent.yuxi
 * finds it by pinyin, selects a slot on the instrument's week calendar (next Monday 09:00–10:00,
 * Beijing time) and books it paying with its 创新券; the booking shows in 我的预约 with the
 * voucher's held part. Usage: the demo holds ent.yuxi's booking of the lab's GC-MS two days ago
 * (09:00–11:00, paid in part with the 创新券, use not yet recorded: a slot booked here lies in the
 * future); lab.yuxi records its actual use (09:00–10:30) in 仪器管理, sees the bill and the
 * voucher's part, and the year's sharing statistics show the hours and the sharing rate; ent.yuxi
 * sees the bill in 我的预约. The Nanning lab's statistics (from its recorded uses) show as a chart
 * and figures; pages are shot on desktop and phone.
 */
import { describe, expect, it } from 'vitest';
import { ApiSession, browserSession, DEMO_PASSWORD, pickRegion, samplePdf, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const person = (username: string, viewport?: { width: number; height: number }) => session.person(username, false, viewport);

const NAME = '冷场发射透射电子显微镜';
const SERVICE = '高分辨形貌观察';

/** A 1×1 PNG: a photo of the instrument. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082', 'hex');
async function api(username: string): Promise<ApiSession> {
  const a = new ApiSession(session.baseUrl());
  await a.login(username, DEMO_PASSWORD);
  return a;
}

/** Next Monday (Beijing time) as YYYY-MM-DD. */
function nextMonday(): string {
  const local = new Date(Date.now() + 8 * 3_600_000);
  const dow = local.getUTCDay();
  const add = ((8 - dow) % 7) || 7;
  return new Date(local.getTime() + add * 86_400_000).toISOString().slice(0, 10);
}

describe('an owner lists an instrument; an enterprise books it with its voucher', () => {
  it('lab.yuxi lists an instrument', async () => {
    const lab = await person('lab.yuxi');
    await scenario(lab, 'instruments-list', async () => {
      await lab.goto(url('/instruments/manage'));
      await lab.getByRole('heading', { level: 1, name: '仪器管理' }).waitFor();
      await lab.getByTestId('new-instrument').click();
      await lab.getByTestId('instrument-name').fill(NAME);
      await lab.getByTestId('instrument-location').fill('玉溪市红塔区玉溪大道检验检测中心 5 层');
      const cascader = lab.locator('.ant-modal .ant-cascader').first();
      await cascader.click();
      await pickRegion(lab, ['云南省', '玉溪市', '红塔区']);
      await lab.getByTestId('instrument-save').click();
      await lab.getByText('仪器已发布').waitFor();
      await lab.getByRole('tab', { name: '仪器' }).click();
      await lab.getByTestId('owner-instruments-table').getByText(NAME).first().waitFor();
    });
  });

  it('ent.yuxi finds it by pinyin, selects a slot on the calendar and books it with its voucher', async () => {
    const ent = await person('ent.yuxi');
    await scenario(ent, 'instruments-book', async () => {
      await ent.goto(url('/instruments'));
      await ent.getByTestId('instruments-q').fill('toushe');
      await ent.getByTestId('instruments-search').click();
      await ent.getByTestId('instruments-table').getByRole('link', { name: NAME }).first().click();
      await ent.getByRole('heading', { level: 1, name: NAME }).waitFor();
      const day = nextMonday();
      const cal = ent.getByTestId('instrument-calendar');
      await cal.locator('.fc-timegrid-slot-lane').first().waitFor();
      const col = cal.locator(`.fc-timegrid-col[data-date="${day}"]`);
      if ((await col.count()) === 0) await cal.locator('.fc-next-button').click();
      await col.waitFor();
      const colBox = (await col.boundingBox())!;
      const from = (await cal.locator('.fc-timegrid-slot-lane[data-time="09:00:00"]').boundingBox())!;
      const to = (await cal.locator('.fc-timegrid-slot-lane[data-time="09:30:00"]').boundingBox())!;
      const x = colBox.x + colBox.width / 2;
      await ent.mouse.move(x, from.y + from.height / 2);
      await ent.mouse.down();
      await ent.mouse.move(x, from.y + from.height / 2 + 5, { steps: 3 });
      await ent.mouse.move(x, to.y + to.height / 2, { steps: 5 });
      await ent.mouse.up();
      await ent.getByText(`时段：${day} 09:00 至 ${day} 10:00（60分钟，北京时间）`).waitFor();
      await ent.getByTestId('voucher-select').click();
      await ent.locator('.ant-select-item-option').first().click();
      await ent.getByTestId('book-confirm').click();
      await ent.getByText('预约已提交').waitFor();
      await ent.screenshot({ path: screenshotPath('instruments-calendar-desktop'), fullPage: true });
      await ent.goto(url('/instruments/bookings'));
      const row = ent.getByTestId('my-bookings-table').getByText(NAME).first();
      await row.waitFor();
      await expect(ent.getByTestId('my-bookings-table').getByText('创新券已冻结').count()).resolves.toBeGreaterThan(0);
      await expectNoIdentifiers(ent, 'instruments-my-bookings');
      await ent.screenshot({ path: screenshotPath('instruments-my-bookings-desktop'), fullPage: true });
    });
  });

  it('lab.yuxi records the use of the past booking; the bill and the sharing statistics show it', async () => {
    const lab = await person('lab.yuxi');
    await scenario(lab, 'instruments-usage', async () => {
      await lab.goto(url('/instruments/manage'));
      await lab.getByRole('heading', { level: 1, name: '仪器管理' }).waitFor();
      const table = lab.getByTestId('owner-bookings-table');
      const row = table.getByTestId('owner-bookings-row').filter({ hasText: '气相色谱-质谱联用仪' }).filter({ has: lab.getByTestId('record-usage') });
      await expect(row.count()).resolves.toBe(1);
      await expect(row.textContent()).resolves.toContain('玉溪滇云生物科技有限公司');
      await expect(row.textContent()).resolves.toContain('创新券已冻结 300 元');
      await row.getByTestId('record-usage').click();
      const dialog = lab.getByRole('dialog');
      const endInput = dialog.getByLabel('实际结束');
      const bookedEnd = await endInput.inputValue(); // the booking's end, YYYY-MM-DDT11:00
      expect(bookedEnd.slice(11)).toBe('11:00');
      await expect(dialog.getByLabel('实际开始').inputValue()).resolves.toBe(`${bookedEnd.slice(0, 11)}09:00`);
      await endInput.fill(`${bookedEnd.slice(0, 11)}10:30`);
      await expect(endInput.inputValue()).resolves.toBe(`${bookedEnd.slice(0, 11)}10:30`);
      await lab.getByTestId('usage-confirm').click();
      // Recording settles the bill and redeems the voucher in one transaction: on a loaded machine
      // it can take longer than a click's usual wait.
      await lab.getByText('已登记，费用450.00元').waitFor({ timeout: 45_000 });
      await dialog.waitFor({ state: 'hidden' });
      // 1.5 hours at the external rate of 300 元 an hour; the voucher pays half, redeemed.
      const done = table.getByTestId('owner-bookings-row').filter({ hasText: '气相色谱-质谱联用仪' }).filter({ hasText: '已使用' });
      await done.waitFor();
      await expect(done.textContent()).resolves.toContain('450 元');
      await expect(done.textContent()).resolves.toContain('其中创新券支付 225 元');
      await expect.poll(() => table.getByTestId('record-usage').count(), { timeout: 15_000 }).toBe(0);
      await expectNoIdentifiers(lab, 'instruments-usage-recorded');
      await lab.screenshot({ path: screenshotPath('instruments-usage-desktop'), fullPage: true });

      await lab.getByRole('tab', { name: '共享统计' }).click();
      // The year of the use (the page opens on this year; early in January the use was last year's).
      const year = lab.getByLabel('年度');
      if ((await year.inputValue()) !== bookedEnd.slice(0, 4)) {
        await year.fill(bookedEnd.slice(0, 4));
        await year.press('Enter');
      }
      const total = lab.getByTestId('sharing-total');
      await expect.poll(async () => (await total.textContent()) ?? '').toContain('有效机时：1.5');
      const text = (await total.textContent()) ?? '';
      expect(text).toContain('有效机时：1.5');
      expect(text).toContain('对外服务机时：1.5');
      expect(text).toContain('共享率：100.0%');
      expect(text).toContain('服务收入：450 元');
      expect(text).toContain('服务用户：1');
      await lab.getByTestId('sharing-chart').waitFor();
      await lab.screenshot({ path: screenshotPath('instruments-usage-sharing-desktop'), fullPage: true });
    });
  });

  it('ent.yuxi sees the bill in 我的预约', async () => {
    const ent = await person('ent.yuxi');
    await scenario(ent, 'instruments-bill', async () => {
      await ent.goto(url('/instruments/bookings'));
      const row = ent.getByTestId('my-bookings-table').getByTestId('my-bookings-row').filter({ hasText: '气相色谱-质谱联用仪' }).filter({ hasText: '已使用' });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('450 元');
      await expect(row.textContent()).resolves.toContain('其中创新券支付 225 元');
      await expectNoIdentifiers(ent, 'instruments-my-bill');
    });
  });

  it('the Nanning lab sees its sharing statistics with a chart', async () => {
    const lab = await person('lab.nanning');
    await scenario(lab, 'instruments-sharing', async () => {
      await lab.goto(url('/instruments/manage'));
      await lab.getByRole('tab', { name: '共享统计' }).click();
      const total = lab.getByTestId('sharing-total');
      await total.waitFor();
      await expect(total.textContent()).resolves.toContain('有效机时：15');
      await expect(total.textContent()).resolves.toContain('共享率：73.3%');
      await lab.getByTestId('sharing-chart').waitFor();
      await lab.screenshot({ path: screenshotPath('instruments-sharing-desktop'), fullPage: true });
    });
  });

  it('lab.yuxi edits the new instrument’s rules and adds a test service on the form', async () => {
    const lab = await person('lab.yuxi');
    await scenario(lab, 'instruments-edit-rules', async () => {
      await lab.goto(url('/instruments/manage'));
      await lab.getByRole('tab', { name: '仪器' }).click();
      const row = lab.getByTestId('owner-instruments-table').getByTestId('owner-instruments-row').filter({ hasText: NAME });
      await row.getByTestId('edit-instrument').click();
      const form = lab.getByTestId('instrument-form');
      await expect(form.getByTestId('instrument-name').inputValue()).resolves.toBe(NAME);
      await form.getByTestId('rule-max-minutes').fill('240');
      await form.getByTestId('rule-no-show-fee').fill('150');
      await form.getByTestId('add-service').click();
      await form.getByTestId('service-name').fill(SERVICE);
      await form.getByTestId('service-price').fill('300');
      await form.locator('.ant-select').filter({ hasText: '由本单位人员操作' }).click();
      await lab.locator('.ant-select-item-option', { hasText: '用户具备资质后自行操作' }).click();
      await form.getByLabel('自行操作所需资质').fill('持透射电镜上机培训合格证。');
      await lab.screenshot({ path: screenshotPath('instruments-edit-form-desktop'), fullPage: true });
      await lab.getByTestId('instrument-save').click();
      await lab.getByText('已保存').waitFor();
      await form.waitFor({ state: 'hidden' });
      await lab.goto(url('/instruments/manage'));
      await lab.getByRole('tab', { name: '仪器' }).click();
      await lab.getByTestId('owner-instruments-table').getByRole('link', { name: NAME }).click();
      await lab.getByRole('heading', { level: 1, name: NAME }).waitFor();
      await lab.getByText('每次30–240分钟').waitFor();
      await lab.getByText('爽约收取150.00元', { exact: false }).waitFor();
      await lab.getByText('自行操作，须具备资质：持透射电镜上机培训合格证。').waitFor();
      await lab.getByTestId('instrument-services').getByText(SERVICE).waitFor();
      // A photo, uploaded through the files module, shows on the instrument's page.
      const photos = lab.getByTestId('instrument-photos');
      await photos.getByText('还没有照片。').waitFor();
      await photos.locator('input[type="file"]').setInputFiles({ name: '仪器外观.png', mimeType: 'image/png', buffer: PNG });
      await lab.getByText('已添加照片').waitFor();
      await photos.locator('img').first().waitFor();
      await expectNoIdentifiers(lab, 'instruments-edited');
      await lab.screenshot({ path: screenshotPath('instruments-page-owner-desktop'), fullPage: true });
    });
  });

  it('a test service with samples goes from the request to the result and the bill', async () => {
    const ent = await person('ent.yuxi');
    await scenario(ent, 'instruments-test-request', async () => {
      await ent.goto(url('/instruments'));
      await ent.getByTestId('instruments-q').fill('toushe');
      await ent.getByTestId('instruments-search').click();
      await ent.getByTestId('instruments-table').getByRole('link', { name: NAME }).first().click();
      await ent.getByTestId('instrument-services').getByTestId('request-test').click();
      await ent.getByTestId('test-samples').fill('2');
      await ent.getByTestId('test-note').fill('陶瓷断口样品 2 件，直径 3 mm，已干燥');
      await ent.getByTestId('test-voucher-select').click();
      await ent.locator('.ant-select-item-option').first().click();
      await ent.getByTestId('test-confirm').click();
      await ent.getByText('测试申请已提交，待仪器所有单位受理').waitFor();
    });
    const lab = await person('lab.yuxi');
    await scenario(lab, 'instruments-test-result', async () => {
      await lab.goto(url('/instruments/manage'));
      await lab.getByRole('tab', { name: '测试申请' }).click();
      const row = lab.getByTestId('owner-tests-table').getByTestId('owner-tests-row').filter({ hasText: SERVICE });
      await expect(row.textContent()).resolves.toContain('陶瓷断口样品');
      await row.getByTestId('accept-test').click();
      await lab.getByText('已受理，申请人将收到通知').waitFor();
      await row.getByTestId('record-result').click();
      const dialog = lab.getByRole('dialog');
      await dialog.locator('input[type="file"]').setInputFiles({ name: '检测报告.pdf', mimeType: 'application/pdf', buffer: samplePdf('Report') });
      await dialog.getByTestId('report-name').waitFor();
      await lab.getByTestId('result-confirm').click();
      // 2 samples at 300 元 each.
      await lab.getByText('已出具结果，费用600.00元').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await expect(row.textContent()).resolves.toContain('已出结果');
      await lab.screenshot({ path: screenshotPath('instruments-tests-owner-desktop'), fullPage: true });
    });
    await scenario(ent, 'instruments-test-bill', async () => {
      await ent.goto(url('/instruments/bookings'));
      const row = ent.getByTestId('my-tests-table').getByTestId('my-tests-row').filter({ hasText: SERVICE });
      await row.getByText('已出结果').waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('600 元');
      expect(text).toContain('其中创新券支付 300 元');
      await row.getByTestId('report-link').waitFor();
      const href = await row.getByTestId('statement-link').getAttribute('href');
      const statement = await ent.request.get(url(href!));
      expect(statement.status()).toBe(200);
      expect(statement.headers()['content-type']).toBe('application/pdf');
      await expectNoIdentifiers(ent, 'instruments-test-bill');
      await ent.screenshot({ path: screenshotPath('instruments-tests-mine-desktop'), fullPage: true });
    });
  });

  it('ent.yuxi starts and stops a self-operated session; the use becomes the bill', async () => {
    // Set-up through the API: the instrument open round the clock, ent.yuxi's qualification
    // confirmed, and a booking that begins in a minute.
    const labApi = await api('lab.yuxi');
    const entApi = await api('ent.yuxi');
    const list = await labApi.request<{ instruments: ({ id: string; name: string } & Record<string, unknown>)[] }>('GET', '/instruments/owner');
    const instrument = list.body.instruments.find((i) => i.name === NAME)!;
    const { id, ownerName: _o, regionName: _r, categoryLabel: _c, closures: _cl, photos: _p, mayManage: _m, ...body } = instrument;
    const opened = await labApi.request('PUT', `/instruments/${id}`, { ...body, openingHours: Array(7).fill({ open: 0, close: 1440 }) });
    expect(opened.status).toBe(200);
    expect((await entApi.request('POST', `/instruments/${id}/qualification`, { statement: '持透射电镜上机培训合格证。' })).status).toBe(200);
    const q = (await labApi.request<{ qualifications: { userId: string; instrumentName: string }[] }>('GET', '/instruments/owner')).body.qualifications.find((x) => x.instrumentName === NAME)!;
    expect((await labApi.request('POST', `/instruments/${id}/qualifications/${q.userId}/confirm`)).status).toBe(200);
    const start = new Date(Date.now() + 60_000);
    const booked = await entApi.request('POST', `/instruments/${id}/bookings`, { during: { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() }, purpose: '自行上机' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);

    const ent = await person('ent.yuxi');
    await scenario(ent, 'instruments-self-operation', async () => {
      await ent.goto(url('/instruments/bookings'));
      const row = ent.getByTestId('my-bookings-table').getByTestId('my-bookings-row').filter({ has: ent.getByTestId('session-start') });
      await expect(row.textContent()).resolves.toContain(NAME);
      await row.getByTestId('session-start').click();
      await ent.getByText('已开始使用，用完请点“结束使用”').waitFor();
      const running = ent.getByTestId('my-bookings-table').getByTestId('my-bookings-row').filter({ has: ent.getByTestId('session-stop') });
      await running.getByText('使用中', { exact: false }).waitFor();
      await ent.screenshot({ path: screenshotPath('instruments-session-running-desktop'), fullPage: true });
      await running.getByTestId('session-stop').click();
      await ent.getByText('已结束使用，费用', { exact: false }).waitFor();
      await expect.poll(() => ent.getByTestId('session-stop').count(), { timeout: 15_000 }).toBe(0);
      const done = ent.getByTestId('my-bookings-table').getByTestId('my-bookings-row').filter({ hasText: NAME }).filter({ hasText: '已使用' });
      await done.waitFor();
      await expect(done.textContent()).resolves.toContain('开具发票结算');
      await expectNoIdentifiers(ent, 'instruments-session-stopped');
    });
  });

  it('works on a phone', async () => {
    const page = await session.person(null, false, { width: 390, height: 844 });
    await scenario(page, 'instruments-phone', async () => {
      await page.goto(url('/instruments'));
      await page.getByRole('heading', { level: 1, name: '仪器共享' }).waitFor();
      await page.getByText('气相色谱-质谱联用仪').first().waitFor();
      await page.screenshot({ path: screenshotPath('instruments-list-phone'), fullPage: true });
      await page.getByRole('link', { name: '气相色谱-质谱联用仪' }).first().click();
      await page.getByTestId('instrument-calendar').locator('.fc-timegrid-slot-lane').first().waitFor();
      await page.screenshot({ path: screenshotPath('instruments-page-phone'), fullPage: true });
      await page.goto(url(`/instruments`));
      await page.getByTestId('instruments-q').fill('toushe');
      await page.getByTestId('instruments-search').click();
      await page.getByRole('link', { name: NAME }).first().click();
      await page.getByTestId('instrument-services').waitFor();
      await page.screenshot({ path: screenshotPath('instruments-services-phone'), fullPage: true });
    });
    expect(errors).toEqual([]);
  });
});
