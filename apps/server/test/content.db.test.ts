/**
 * Content (资讯) on the demo data: the stored HTML is sanitised (scripts, event handlers,
 * javascript: and data: URLs, frames, style expressions, foreign images all removed); an
 * officer writes, a second officer publishes (never the author; the database refuses it too),
 * scheduled items stay hidden until their time; images follow their item's visibility; the
 * public list is searched in Chinese words and pinyin; interpretations link catalogue items;
 * the feeds and the site map list what is public; bad input names the field and the rule.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf, samplePng } from '../src/modules/files/files.samples.js';
import { contentManifest, sanitiseHtml } from '../src/modules/content/index.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

let t: TestContext;
const as = demoSignIns(() => t);
const BOUNDARY = 'seedbedcontentboundary';
async function upload(c: TestClient, name: string, bytes: Buffer, type: string): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
const put = (c: TestClient, url: string, body: unknown) => c.request('PUT', url, body);

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

const NEWS = { kind: 'news', category: 'programme', title: '玉溪创业孵化基地新入驻十家企业', summary: '', bodyHtml: '<p>本月有十家科技型企业入驻孵化基地。</p>', videoUrl: null, policyItemIds: [], attachmentIds: [] };

describe('the sanitiser', () => {
  it('removes scripts, event handlers, javascript: and data: URLs, frames, style expressions and foreign images', () => {
    const own = '/api/v1/content/files/0b5c2f9e-3c1a-4a8e-9d2f-1a2b3c4d5e6f';
    const dirty = [
      '<p>正文<script>alert(1)</script></p>',
      '<img src="x" onerror="alert(2)">',
      `<img src="${own}" onerror="alert(3)" alt="图">`,
      '<a href="javascript:alert(4)" onclick="alert(5)">链接</a>',
      '<a href="JaVaScRiPt&colon;alert(6)">二</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==">三</a>',
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
      '<iframe src="https://evil.example/"></iframe>',
      '<p style="width: expression(alert(8)); background: url(javascript:alert(9))">样式</p>',
      '<svg onload="alert(10)"><circle/></svg>',
      '<a href="https://www.gov.cn/" target="_blank">政府网</a>',
      '<a href="/policies/nn.new-product-subsidy">事项</a>',
      '<a href="mailto:office@example.cn">邮件</a>',
      '<img src="https://evil.example/pixel.png">',
      '<form action="https://evil.example"><input name="x"></form>',
      '<object data="x.swf"></object><embed src="x.swf">',
      '<style>body{background:url(javascript:alert(11))}</style>',
    ].join('');
    const clean = sanitiseHtml(dirty);
    for (const bad of ['<script', 'alert', 'onerror', 'onclick', 'onload', 'javascript', 'data:', '<iframe', 'style=', 'expression', '<svg', 'evil.example', '<form', '<input', '<object', '<embed', '<style', 'target=']) {
      expect(clean.toLowerCase(), bad).not.toContain(bad);
    }
    expect(clean).toContain(`<img src="${own}" alt="图" />`);
    expect(clean).toContain('<a href="https://www.gov.cn/" rel="noopener noreferrer nofollow">政府网</a>');
    expect(clean).toContain('<a href="/policies/nn.new-product-subsidy" rel="noopener noreferrer nofollow">事项</a>');
    expect(clean).toContain('<a href="mailto:office@example.cn"');
    expect(clean).toContain('<p>正文</p>');
  });
});

describe('writing, review and publication', () => {
  let id = '';
  let image = '';
  it('stores only sanitised HTML, with the officer’s own image', async () => {
    const officer = await as('officer.nanning');
    image = await upload(officer, '基地.png', samplePng(200, 7), 'image/png');
    const pdf = await upload(officer, '入驻名单.pdf', samplePdf(200, 8), 'application/pdf');
    const r = await officer.post('/api/v1/content', {
      ...NEWS,
      bodyHtml: `<p onclick="alert(1)">本月有十家科技型企业入驻孵化基地。<script>alert(2)</script></p><img src="/api/v1/content/files/${image}" onerror="alert(3)" alt="基地"><a href="javascript:alert(4)">看</a><iframe src="https://x.example"></iframe>`,
      attachmentIds: [pdf],
    });
    expect(r.statusCode, r.body).toBe(201);
    const page = r.json<{ id: string; status: string; bodyHtml: string; attachments: { name: string }[]; mayEdit: boolean; summary: string }>();
    id = page.id;
    expect(page.status).toBe('draft');
    expect(page.mayEdit).toBe(true);
    expect(page.attachments.map((a) => a.name)).toEqual(['入驻名单.pdf']);
    expect(page.summary).toBe('本月有十家科技型企业入驻孵化基地。看'); // the text without its tags
    const stored = (await sql<{ body_html: string }>`SELECT body_html FROM content_items WHERE id = ${id}`.execute(t.deps.db)).rows[0]!.body_html;
    expect(stored).toBe(`<p>本月有十家科技型企业入驻孵化基地。</p><img src="/api/v1/content/files/${image}" alt="基地" /><a rel="noopener noreferrer nofollow">看</a>`);
  });

  it('is neither public nor its image readable before publication; its reviewers see it', async () => {
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/v1/content/${id}`)).statusCode).toBe(404);
    expect((await anon.get(`/api/v1/content/files/${image}`)).statusCode).toBe(404);
    expect((await (await as('ent.nanning')).get(`/api/v1/content/files/${image}`)).statusCode).toBe(404);
    expect((await (await as('officer.nanning')).get(`/api/v1/content/files/${image}`)).statusCode).toBe(200);
    const reviewer = await as('reviewer.nanning');
    expect((await reviewer.get(`/api/v1/content/files/${image}`)).statusCode).toBe(200);
    expect((await reviewer.get(`/api/v1/content/${id}`)).json<{ mayReview: boolean }>().mayReview).toBe(false); // not submitted yet
  });

  it('may not be published by its author, nor before it is submitted; the database refuses an author reviewing too', async () => {
    const officer = await as('officer.nanning');
    // the author holds no publishing permission; a second officer without it neither
    expect((await officer.post(`/api/v1/content/${id}/review`, { decision: 'publish', publishAt: null, reason: null })).statusCode).toBe(403);
    const reviewer = await as('reviewer.nanning');
    expect((await reviewer.post(`/api/v1/content/${id}/review`, { decision: 'publish', publishAt: null, reason: null })).statusCode).toBe(409);
    expect((await officer.post(`/api/v1/content/${id}/submit`)).statusCode).toBe(200);
    expect((await (await as('ent.nanning')).post(`/api/v1/content/${id}/submit`)).statusCode).toBe(403);
    await expect(sql`UPDATE content_items SET status = 'published', publish_at = now(), reviewer_id = author_id, reviewed_at = now() WHERE id = ${id}`.execute(t.deps.db)).rejects.toThrow(/content_reviewer_not_author/);
    await expect(sql`UPDATE content_items SET title = '改过的标题' WHERE id = ${id}`.execute(t.deps.db)).rejects.toThrow(/cannot be edited/);
    expect((await put(officer, `/api/v1/content/${id}`, NEWS)).statusCode).toBe(409);
  });

  it('is returned with a reason, edited, resubmitted and published at a set time', async () => {
    const reviewer = await as('reviewer.nanning');
    const bad = await reviewer.post(`/api/v1/content/${id}/review`, { decision: 'return', publishAt: null, reason: '  ' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['reason:required']);
    const returned = await reviewer.post(`/api/v1/content/${id}/review`, { decision: 'return', publishAt: null, reason: '请补充入驻企业名单' });
    expect(returned.json<{ status: string; returnReason: string }>()).toMatchObject({ status: 'returned', returnReason: '请补充入驻企业名单' });
    const officer = await as('officer.nanning');
    const edited = await put(officer, `/api/v1/content/${id}`, { ...NEWS, bodyHtml: `<p>本月有十家科技型企业入驻孵化基地，名单见附件。</p><img src="/api/v1/content/files/${image}" alt="基地">` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await officer.post(`/api/v1/content/${id}/submit`)).json<{ status: string }>().status).toBe('submitted');
    const at = new Date(t.clock.now().getTime() + 2 * 3_600_000).toISOString();
    const published = await reviewer.post(`/api/v1/content/${id}/review`, { decision: 'publish', publishAt: at, reason: null });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<{ status: string; reviewer: string }>()).toMatchObject({ status: 'published', reviewer: '李强（审核）' });
    // scheduled: not public until its time
    const anon = new TestClient(t.app);
    expect((await anon.get(`/api/v1/content/${id}`)).statusCode).toBe(404);
    expect(((await anon.get('/api/v1/public/content?q=孵化基地')).json() as { id: string }[]).map((x) => x.id)).not.toContain(id);
    t.clock.advance(2 * 3_600_000 + 1000);
    expect((await anon.get(`/api/v1/content/${id}`)).statusCode).toBe(200);
    expect((await anon.get(`/api/v1/content/files/${image}`)).statusCode).toBe(200);
  });

  it('is found in Chinese words and in pinyin, by kind', async () => {
    const anon = new TestClient(t.app);
    const titles = async (q: string) => ((await anon.get(`/api/v1/public/content?${q}`)).json() as { title: string }[]).map((x) => x.title);
    expect(await titles(`q=${encodeURIComponent('孵化基地')}`)).toContain(NEWS.title);
    expect(await titles('q=fuhuajidi')).toContain(NEWS.title);
    expect(await titles('q=yuxi')).toContain(NEWS.title);
    expect(await titles('q=fhjd')).toContain(NEWS.title);
    expect(await titles('kind=notice')).not.toContain(NEWS.title);
    expect(await titles('q=zzzzqqq')).toEqual([]);
  });

  it('counts in the statistic', async () => {
    const stat = contentManifest.statistics[0]!;
    const n = await stat.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' });
    expect(n).toBe(4); // three demo items and this one
    expect(await stat.compute(t.deps.db, { regionCode: '530400', from: '2026-01-01', to: '2026-12-31' })).toBe(0);
  });
});

describe('interpretations, videos and bad input', () => {
  it('links the catalogue items an interpretation explains; the item lists its interpretations', async () => {
    const anon = new TestClient(t.app);
    const list = (await anon.get('/api/v1/public/content?policyItem=nn.new-product-subsidy')).json() as { id: string; kind: string }[];
    expect(list.map((x) => x.kind)).toEqual(['interpretation']);
    const page = (await anon.get(`/api/v1/content/${list[0]!.id}`)).json<{ policies: { id: string; title: string }[] }>();
    expect(page.policies.map((p) => p.id)).toEqual(['nn.new-product-subsidy']);
    expect(page.policies[0]!.title.length).toBeGreaterThan(2);
  });

  it('names the field and the rule', async () => {
    const officer = await as('officer.nanning');
    const r1 = await officer.post('/api/v1/content', { ...NEWS, kind: 'interpretation', title: ' ', bodyHtml: '<script>x</script>' });
    expect(r1.statusCode).toBe(400);
    expect(fields(r1).sort()).toEqual(['bodyHtml:required', 'policyItemIds:required', 'title:required']);
    const r2 = await officer.post('/api/v1/content', { ...NEWS, kind: 'video', videoUrl: 'javascript:alert(1)' });
    expect(fields(r2)).toEqual(['videoUrl:url']);
    const r3 = await officer.post('/api/v1/content', { ...NEWS, kind: 'interpretation', policyItemIds: ['nn.no-such-item'] });
    expect(fields(r3)).toEqual(['policyItemIds:known_item']);
    const png = await upload(officer, 'x.png', samplePng(100, 9), 'image/png');
    const r4 = await officer.post('/api/v1/content', { ...NEWS, attachmentIds: [png] });
    expect(fields(r4)).toEqual(['attachmentIds:pdf']);
    const r5 = await officer.post('/api/v1/content', { ...NEWS, kind: 'castle' });
    expect(r5.statusCode).toBe(400);
    expect((await (await as('ent.nanning')).post('/api/v1/content', NEWS)).statusCode).toBe(403);
    const video = await officer.post('/api/v1/content', { ...NEWS, kind: 'video', title: '创业故事：从车库到孵化器', videoUrl: 'https://www.nanning.gov.cn/video/1', bodyHtml: '' });
    expect(video.statusCode, video.body).toBe(201);
    expect(video.json<{ videoUrl: string }>().videoUrl).toBe('https://www.nanning.gov.cn/video/1');
  });
});

describe('feeds and the site map', () => {
  it('lists public news, new policies and the public pages, escaped', async () => {
    const anon = new TestClient(t.app);
    const news = await anon.get('/feeds/news.xml');
    expect(news.statusCode).toBe(200);
    expect(news.headers['content-type']).toContain('application/rss+xml');
    expect(news.body).toContain('<rss version="2.0"');
    expect(news.body).toContain(`<title>${NEWS.title}</title>`);
    expect(news.body).toContain('/news/');
    const policies = await anon.get('/feeds/policies.xml');
    expect(policies.statusCode).toBe(200);
    expect((policies.body.match(/<item>/g) ?? []).length).toBeGreaterThan(5);
    const map = await anon.get('/sitemap.xml');
    expect(map.statusCode).toBe(200);
    expect(map.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(map.body).toContain('/policies/nn.new-product-subsidy</loc>');
    expect(map.body).toMatch(/\/news\/[0-9a-f-]{36}<\/loc><lastmod>2026-/);
  });
});
