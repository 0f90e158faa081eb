/**
 * The public portal from the browser: officer.nanning writes a news item with a picture in the
 * rich-text editor and submits it; reviewer.nanning (a second officer) publishes it from the
 * desk; a visitor finds it on the news page by its pinyin and sees the picture, on a desktop
 * and on a phone; the policy item a demo interpretation explains links to it. 南宁市科学技术局 revises
 * its fee list and a visitor on a phone sees the change field by field; a visitor complains of a fee
 * not on the list, the bureau answers, and the answer is public without the visitor's contact.
 */
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, followNav, scenario, screenshotPath } from './harness.js';
import { expectNoIdentifiers } from './identifiers.js';

const session = browserSession();
const { url, errors } = session;
const person = (username: string | null, secondFactor: boolean, viewport?: { width: number; height: number }) => session.person(username, secondFactor, viewport);

const TITLE = '南宁市青年创业训练营开营';
/** Follows a header entry once the signed-in header has rendered it (in its group or alone). */
async function follow(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).locator('a', { hasText: label }).first().waitFor({ state: 'attached' });
  await followNav(page, label);
}
const listOf = (page: Page, id: string) => page.locator(`[data-testid="${id}-table"], [data-testid="${id}-cards"]`);

/** A real PNG (a 48×32 picture in two colours), as a camera or a screenshot tool would make. */
function png(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const [w, h] = [48, 32];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(x < w / 2 ? [22, 119, 255] : [250, 173, 20]));
  }
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

describe('news: written, published by a second officer, found by pinyin', () => {
  let newsPath = '';

  it('an officer writes a news item with a picture and submits it', async () => {
    const officer = await person('officer.nanning', true);
    await scenario(officer, 'portal-write', async () => {
      await officer.goto(url('/'));
      await follow(officer, '资讯发布');
      await officer.getByRole('heading', { level: 1, name: '资讯发布' }).waitFor();
      await officer.getByTestId('new-content').click();
      await officer.getByRole('heading', { level: 1, name: '撰写资讯' }).waitFor();
      await officer.getByTestId('content-title').fill(TITLE);
      const editor = officer.getByTestId('content-editor');
      await editor.click();
      await officer.keyboard.type('首期训练营吸引了40名青年创业者参加，课程包括商业计划、融资路演和政策申报。');
      await officer.getByTestId('editor-image').setInputFiles({ name: '训练营合影.png', mimeType: 'image/png', buffer: png() });
      await officer.getByText('图片已插入').waitFor();
      await editor.locator('img').waitFor();
      await expectNoIdentifiers(officer, 'portal-editor');
      await officer.screenshot({ path: screenshotPath('portal-1-editor'), fullPage: true });
      await officer.getByTestId('save-content').click();
      await officer.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      newsPath = new URL(officer.url()).pathname;
      await officer.getByTestId('submit-content').click();
      await officer.getByText('已提交审核').first().waitFor();
      await officer.getByTestId('review-panel').getByText('待审核').waitFor();
    });
  });

  it('a second officer publishes it from the desk', async () => {
    const reviewer = await person('reviewer.nanning', true);
    await scenario(reviewer, 'portal-publish', async () => {
      await reviewer.goto(url('/'));
      await follow(reviewer, '资讯发布');
      await listOf(reviewer, 'to-review').getByRole('link', { name: TITLE }).first().click();
      await reviewer.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      // the picture the author uploaded shows for the reviewer before publication
      await expect.poll(() => reviewer.getByTestId('news-body').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
      await reviewer.getByTestId('publish-content').click();
      await reviewer.getByText('已发布').first().waitFor();
      await reviewer.getByTestId('review-panel').getByText('李强（审核）', { exact: false }).waitFor();
      await reviewer.screenshot({ path: screenshotPath('portal-2-published'), fullPage: true });
    });
  });

  for (const [device, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`a visitor finds it by pinyin and sees the picture (${device})`, async () => {
      const visitor = await person(null, false, viewport);
      await scenario(visitor, `portal-find-${device}`, async () => {
        await visitor.goto(url('/news'));
        await visitor.getByRole('heading', { level: 1, name: '资讯' }).waitFor();
        await visitor.getByTestId('news-search').locator('input').fill('xunlianying');
        await visitor.getByTestId('news-search').locator('input').press('Enter');
        await listOf(visitor, 'news').getByRole('link', { name: TITLE }).first().click();
        await visitor.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        expect(new URL(visitor.url()).pathname).toBe(newsPath);
        await expect.poll(() => visitor.getByTestId('news-body').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
        await visitor.getByTestId('news-body').getByText('首期训练营吸引了40名青年创业者参加').waitFor();
        await visitor.screenshot({ path: screenshotPath(`portal-3-visitor-${device}`), fullPage: true });
      });
    });
  }

  it('a catalogue item lists the interpretation that explains it', async () => {
    const visitor = await person(null, false);
    await scenario(visitor, 'portal-interpretation', async () => {
      await visitor.goto(url('/policies/nn.new-product-subsidy'));
      const card = visitor.getByTestId('interpretations');
      await card.getByRole('link', { name: '一图读懂：工业新产品认定奖励' }).click();
      await visitor.getByRole('heading', { level: 1, name: '一图读懂：工业新产品认定奖励' }).waitFor();
      await visitor.getByText('解读的政策事项').waitFor();
    });
  });

});

describe('lists: a revision and its public diff; a complaint filed and answered', () => {
  let listPath = '';
  it('a department revises its fee list and the public page shows the change field by field', async () => {
    const officer = await person('officer.nanning', true);
    await scenario(officer, 'portal-revise', async () => {
      await officer.goto(url('/'));
      await follow(officer, '清单与投诉');
      await listOf(officer, 'my-lists').getByRole('link', { name: '南宁市科学技术局涉企收费目录清单' }).first().click();
      await officer.getByRole('heading', { level: 1, name: '南宁市科学技术局涉企收费目录清单' }).waitFor();
      listPath = new URL(officer.url()).pathname;
      await officer.getByTestId('revise-list').click();
      await officer.getByTestId('row-1-standard').fill('每项 1500 元');
      await officer.getByTestId('revision-basis').fill('南宁市发展和改革委员会关于调整科技服务收费的通知');
      await officer.getByTestId('revision-note').fill('降低科技成果评价费');
      await officer.getByTestId('publish-revision').click();
      await officer.getByText('修订已公布').waitFor();
    });
    const visitor = await person(null, false, { width: 390, height: 844 });
    await scenario(visitor, 'portal-diff', async () => {
      await visitor.goto(url(listPath));
      const change = visitor.getByTestId('revision-2').getByTestId('field-change');
      await change.getByText('每项 1500 元').waitFor();
      await change.getByText('每项 2000 元').waitFor();
      await expect(change.textContent()).resolves.toContain('收费标准');
      await visitor.screenshot({ path: screenshotPath('portal-4-diff-phone'), fullPage: true });
    });
  });

  it('a visitor complains of a fee not on the list; the department answers; the answer is public', async () => {
    const visitor = await person(null, false);
    await scenario(visitor, 'portal-complain', async () => {
      await visitor.goto(url(listPath));
      await visitor.getByTestId('complaint-charged-by').fill('某科技服务中心');
      await visitor.getByTestId('complaint-what').fill('收取项目申报辅导费');
      await visitor.getByTestId('complaint-amount').fill('500');
      const date = visitor.getByTestId('complaint-card').locator('.ant-picker-input input').first();
      await date.fill('2026-11-02');
      await date.press('Enter');
      await visitor.getByTestId('complaint-name').fill('王先生');
      await visitor.getByTestId('complaint-phone').fill('13800000000');
      await visitor.getByTestId('file-complaint').click();
      await visitor.getByTestId('complaint-filed').waitFor();
    });
    const officer = await person('officer.nanning', true);
    await scenario(officer, 'portal-answer', async () => {
      await officer.goto(url('/lists-desk'));
      const row = listOf(officer, 'department-complaints');
      await row.getByText('王先生 13800000000').first().waitFor();
      await row.getByTestId('answer-complaint').first().click();
      await officer.getByTestId('answer-text').fill('经核查，该中心已退还所收费用，并责令停止收取。');
      await officer.getByRole('button', { name: '答复并公开' }).click();
      await officer.getByText('已答复并公开').waitFor();
    });
    await scenario(visitor, 'portal-answer-public', async () => {
      await visitor.goto(url('/lists'));
      const answered = listOf(visitor, 'public-complaints');
      await answered.getByText('经核查，该中心已退还所收费用，并责令停止收取。').first().waitFor();
      expect(await visitor.locator('body').textContent()).not.toContain('13800000000');
      await visitor.screenshot({ path: screenshotPath('portal-5-complaints'), fullPage: true });
    });
  });

  it('raised no page errors', () => {
    expect(errors).toEqual([]);
  });
});
