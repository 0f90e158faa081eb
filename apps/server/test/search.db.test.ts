import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directoryManifest } from '../src/modules/directory/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * The enterprise directory and the site-wide search on the demo data: an enterprise opts in and
 * out (visible at once, gone at once), only what it chose is public, a non-listed enterprise never
 * appears, pinyin and initials find rows of every kind, the region filter, and bad input naming
 * the field. Today is 2026-11-20 (the test clock).
 */
let t: TestContext;
const clients = new Map<string, TestClient>();
async function as(username: string): Promise<TestClient> {
  let c = clients.get(username);
  if (!c) {
    c = new TestClient(t.app);
    await c.loginDemo(username, t.clock);
    clients.set(username, c);
  }
  return c;
}
const anon = () => new TestClient(t.app);
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`).sort();
interface Answer {
  total: number;
  kind: string | null;
  kinds: { kind: string; count: number }[];
  hits: { kind: string; title: string; path: string; regionName: string | null; summary: string }[];
}
const find = async (query: string) => {
  const r = await anon().get(`/api/v1/search?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Answer;
};
const count = (a: Answer, kind: string) => a.kinds.find((k) => k.kind === kind)!.count;
const titles = (a: Answer, kind: string) => a.hits.filter((h) => h.kind === kind).map((h) => h.title);

let qinghe: { id: string; credit_code: string };
beforeAll(async () => {
  t = await testApp({ demo: true });
  qinghe = (await sql<{ id: string; credit_code: string }>`SELECT id, credit_code FROM identity_organisations WHERE name = '南宁青禾智能科技有限公司'`.execute(t.deps.db)).rows[0]!;
}, 240_000);
afterAll(async () => t?.close());

const LISTING = {
  introduction: '为广西的果园和茶园提供智能灌溉与墒情监测，联系电话 0771-5550123。',
  products: [
    { name: '智能灌溉控制器', description: '按土壤墒情自动灌溉，手机远程控制。' },
    { name: '墒情监测站', description: '' },
  ],
};

describe('the enterprise directory', () => {
  it('shows the demo listings, never an enterprise that did not opt in', async () => {
    const list = (await anon().get('/api/v1/directory/enterprises')).json() as { total: number; items: { name: string; industry: string | null; regionName: string; products: { name: string }[] }[] };
    expect(list.items.map((e) => e.name).sort()).toEqual(['南昌赣新材料有限公司', '玉溪滇云生物科技有限公司']);
    expect(list.items.find((e) => e.name === '玉溪滇云生物科技有限公司')).toMatchObject({ industry: '研究和试验发展', regionName: expect.stringContaining('红塔') });
    expect((await anon().get(`/api/v1/directory/enterprises/${qinghe.id}`)).statusCode).toBe(404);
    const found = await find('q=qinghe');
    expect(count(found, 'enterprises')).toBe(0);
    expect(JSON.stringify(found)).not.toContain('青禾');
  });

  it('is chosen by a member of the enterprise only, on its profile', async () => {
    expect((await anon().request('PUT', `/api/v1/directory/enterprises/${qinghe.id}`, LISTING)).statusCode).toBe(401);
    expect((await (await as('ent.nanchang')).request('PUT', `/api/v1/directory/enterprises/${qinghe.id}`, LISTING)).statusCode).toBe(403);
    const mine = (await (await as('ent.nanning')).get('/api/v1/directory/mine')).json() as { name: string; listed: boolean; industry: string }[];
    expect(mine).toEqual([expect.objectContaining({ name: '南宁青禾智能科技有限公司', listed: false, industry: '软件和信息技术服务业' })]);
  });

  it('names the field and the rule of bad input, and writes nothing', async () => {
    const owner = await as('ent.nanning');
    const put = (body: unknown) => owner.request('PUT', `/api/v1/directory/enterprises/${qinghe.id}`, body);
    expect(fields(await put({ ...LISTING, introduction: '太短' }))).toEqual(['introduction:minLength']);
    expect(fields(await put({ ...LISTING, extra: true })).length).toBeGreaterThan(0);
    expect((await put({ ...LISTING, products: Array.from({ length: 9 }, (_, i) => ({ name: `产品${i}号`, description: '' })) })).statusCode).toBe(400);
    expect(fields(await put({ ...LISTING, products: [LISTING.products[0], LISTING.products[0]] }))).toEqual(['products.1.name:unique']);
    expect(fields(await put({ ...LISTING, introduction: '法定代表人身份证 450103199001011234，欢迎来电。' }))).toEqual(['introduction:no_id_number']);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM directory_enterprises WHERE organisation_id = ${qinghe.id}`.execute(t.deps.db)).rows[0]!.n).toBe(0);
  });

  it('opting in shows the enterprise and its products at once, with nothing but what it chose', async () => {
    const r = await (await as('ent.nanning')).request('PUT', `/api/v1/directory/enterprises/${qinghe.id}`, LISTING);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ listed: true, products: [{ name: '智能灌溉控制器' }, { name: '墒情监测站' }] });
    const page = await anon().get(`/api/v1/directory/enterprises/${qinghe.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ name: '南宁青禾智能科技有限公司', industry: '软件和信息技术服务业', regionName: '南宁市青秀区', introduction: LISTING.introduction });
    // No credit code, no person, no other fact of the profile.
    expect(page.body).not.toContain(qinghe.credit_code);
    expect(page.body).not.toContain('林晓青');
    expect(page.body).not.toMatch(/revenue|employees|credit/i);
    // Found by pinyin of the name, initials, a product's words and its pinyin.
    for (const q of ['qinghe', 'nnqh', '灌溉', 'guangai', 'shangqing']) {
      const a = await find(`q=${encodeURIComponent(q)}`);
      expect([...titles(a, 'enterprises'), ...titles(a, 'products')], q).not.toHaveLength(0);
    }
    const byProduct = await find('q=zhinengguangai');
    expect(titles(byProduct, 'products')).toEqual(['智能灌溉控制器']);
    expect(byProduct.hits.find((h) => h.kind === 'products')!.path).toBe(`/enterprises/${qinghe.id}`);
    expect(titles(await find('q=qinghe'), 'enterprises')).toEqual(['南宁青禾智能科技有限公司']);
    expect(await directoryManifest.statistics[0]!.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' })).toBe(1);
  });

  it('opting out removes it at once, products too', async () => {
    const r = await (await as('ent.nanning')).delete(`/api/v1/directory/enterprises/${qinghe.id}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ listed: false, products: [] });
    expect((await anon().get(`/api/v1/directory/enterprises/${qinghe.id}`)).statusCode).toBe(404);
    const a = await find('q=qinghe');
    expect(count(a, 'enterprises') + count(a, 'products')).toBe(0);
    expect(count(await find('q=guangai'), 'products')).toBe(0);
    expect(((await anon().get('/api/v1/directory/enterprises?q=qinghe')).json() as { total: number }).total).toBe(0);
  });
});

describe('the site-wide search', () => {
  it('finds carriers, instruments, providers, posts, news and policies in words and pinyin, each linking to its page', async () => {
    const carriers = await find('q=xinjiang');
    expect(titles(carriers, 'carriers')).toEqual(['鹰潭信江众创空间']);
    expect(carriers.hits.find((h) => h.kind === 'carriers')!.path).toMatch(/^\/carriers\/[0-9a-f-]{36}$/);
    const instruments = await find(`q=${encodeURIComponent('saomiao dianzi')}`);
    expect(titles(instruments, 'instruments')[0]).toContain('场发射扫描电子显微镜');
    expect(instruments.hits.find((h) => h.kind === 'instruments')!.path).toMatch(/^\/instruments\//);
    const initials = await find('q=smdzxwj');
    expect(titles(initials, 'instruments')[0]).toContain('扫描电子显微镜');
    const posts = await find('q=qianrushi');
    expect(titles(posts, 'posts')).toEqual(['招聘嵌入式软件外包团队']);
    expect(posts.hits.find((h) => h.kind === 'posts')!.path).toMatch(/^\/crowd\/posts\//);
    const providers = await find('q=zhishichanquan');
    expect(titles(providers, 'providers')).toEqual(['玉溪知信知识产权服务有限公司']);
    expect(providers.hits.find((h) => h.kind === 'providers')!.path).toMatch(/^\/market\/providers\//);
    expect(titles(await find('q=shangbiao'), 'services')).toEqual(['商标注册代理']);
    const news = await find('q=huodongzhou');
    expect(titles(news, 'news')).toEqual(['南宁市举办2026年大众创业万众创新活动周']);
    expect(news.hits.find((h) => h.kind === 'news')!.path).toMatch(/^\/news\//);
    const policies = await find(`q=${encodeURIComponent('创业担保贷款')}`);
    expect(count(policies, 'policies')).toBeGreaterThan(0);
    expect(policies.hits.find((h) => h.kind === 'policies')!.path).toMatch(/^\/policies\//);
    // The overview holds at most three hits of each kind; the counts are the whole.
    const broad = await find('q=nanning');
    for (const k of broad.kinds) expect(broad.hits.filter((h) => h.kind === k.kind).length).toBe(Math.min(3, k.count));
    expect(broad.total).toBe(broad.kinds.reduce((n, k) => n + k.count, 0));
  });

  it('filters by district and pages through one kind', async () => {
    const all = await find('q=chuangye');
    expect(count(all, 'carriers')).toBe(2);
    expect(titles(await find('q=chuangye&region=450100'), 'carriers')).toEqual(['南宁青秀创业孵化基地']);
    expect(titles(await find('q=chuangye&region=360600'), 'carriers')).toEqual(['鹰潭信江众创空间']);
    expect(count(await find('q=chuangye&region=530400'), 'carriers')).toBe(0);
    expect(count(await find('q=xinjiang&region=360602'), 'carriers')).toBe(1);
    expect(count(await find('q=xinjiang&region=450100'), 'carriers')).toBe(0);
    expect(all.kind).toBeNull();
    const policies = await find('q=chuangye&kind=policies');
    expect(policies.kind).toBe('policies');
    expect(policies.hits.every((h) => h.kind === 'policies')).toBe(true);
    const total = count(policies, 'policies');
    expect(policies.hits.length).toBe(Math.min(10, total));
    if (total > 10) {
      const second = await find('q=chuangye&kind=policies&page=2');
      expect(second.hits.length).toBe(Math.min(10, total - 10));
      expect(second.hits[0]!.title).not.toBe(policies.hits[0]!.title);
    }
    // A region filter keeps the city's policies for its district, drops another city's.
    const district = await find('q=chuangye&kind=policies&region=450103');
    expect(count(district, 'policies')).toBeGreaterThan(0);
    expect(count(district, 'policies')).toBeLessThan(total);
  });

  it('answers quickly on the demo data (every source from its GIN index)', async () => {
    const times: number[] = [];
    for (const q of ['chuangye', 'nanning', 'cydb', '创新', 'jiance']) {
      const start = performance.now();
      await find(`q=${q}`);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`site search on the demo data: median ${times[2]!.toFixed(1)} ms, slowest ${times[4]!.toFixed(1)} ms (9 sources, HTTP included)`);
    // Generous for a loaded test machine; a scan of every table would still pass here, the plans below would not.
    expect(times[2]).toBeLessThan(2000);
    for (const [table, column] of [['directory_enterprises', 'search'], ['directory_products', 'search']] as const) {
      const idx = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE tablename = ${table}`.execute(t.deps.db);
      expect(idx.rows.some((r) => r.indexdef.includes('gin') && r.indexdef.includes(column)), table).toBe(true);
    }
  });

  it('answers nothing found for a query with nothing searchable, and names the field of bad input', async () => {
    const nothing = await find(`q=${encodeURIComponent('！？')}`);
    expect(nothing.total).toBe(0);
    expect(nothing.hits).toEqual([]);
    const bad = async (query: string) => {
      const r = await anon().get(`/api/v1/search?${query}`);
      expect(r.statusCode, query).toBe(400);
      return fields(r);
    };
    expect(await bad('q=a&kind=castles')).toEqual(['kind:enum']);
    expect(await bad('q=a&region=459999')).toEqual(['region:known_region']);
    expect((await bad('q=a&region=12')).join()).toContain('region');
    expect((await bad('q=a&page=0')).join()).toContain('page');
    expect((await bad('kind=carriers')).join()).toContain('q');
    expect((await bad(`q=${'很'.repeat(101)}`)).join()).toContain('q');
    expect(await bad(`q=${encodeURIComponent('   ')}`)).toEqual(['q:minLength']);
  });
});
