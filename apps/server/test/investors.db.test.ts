/**
 * Investors on the demo data: the public directory lists only verified entries, searchable in
 * words and pinyin and by kind, never with a contact; the site search finds them; an investor
 * keeps its own entry (bad input names each field; a change awaits the finance office again) and
 * the finance office verifies it; an enterprise posts a roadshow project (with its own PDF deck),
 * the office publishes it; a verified investor expresses interest once; only the project's firm
 * answers, once; after acceptance each side sees the other's contact, and the firm the investor's
 * contact on its directory page; the statistics follow the records.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvestorPage, InvestorSummary, MyInvestorDesk, MyRoadshow, RoadshowPage, RoadshowSummary } from '@seedbed/contract';
import { investorsManifest } from '../src/modules/investors/index.js';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { demoSignIns, errorFields, TestClient, testApp, type TestContext } from './test-app.js';
import { demoCreditCode } from '../src/demo/seed-demo.js';

let t: TestContext;
const as = demoSignIns(() => t);
const WAN = 1_000_000;
const stat = (name: string) => investorsManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' });
const count = async (query: ReturnType<typeof sql<{ n: number }>>) => (await query.execute(t.deps.db)).rows[0]!.n;
const BOUNDARY = 'seedbed-investors';
async function upload(c: TestClient, seed: number): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="路演材料.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

const ENTRY = {
  name: '南宁邕创天使投资合伙企业',
  kind: 'angel',
  stages: ['seed', 'angel'],
  sectors: ['digital'],
  ticketMinFen: 50 * WAN,
  ticketMaxFen: 300 * WAN,
  regionCode: '450103',
  intro: '专注南宁本地早期科技项目。',
  contact: { name: '黄以宁', phone: '0771-5801234', email: 'angel@yongchuang.example.cn' },
};
let projectId = '';
let interestId = '';

describe('the directory', () => {
  it('lists verified investors without contacts; words, pinyin, kind; the site search finds them', async () => {
    const anon = new TestClient(t.app);
    const all = (await anon.get('/api/v1/public/investors')).json() as InvestorSummary[];
    expect(all.map((i) => i.kind).sort()).toEqual(['angel', 'guidance_fund', 'venture']);
    expect(((await anon.get('/api/v1/public/investors?kind=guidance_fund')).json() as InvestorSummary[]).map((i) => i.name)).toEqual(['南宁市科技成果转化引导基金']);
    expect(((await anon.get(`/api/v1/public/investors?q=${encodeURIComponent('引导基金')}`)).json() as InvestorSummary[]).map((i) => i.name)).toEqual(['南宁市科技成果转化引导基金']);
    expect(((await anon.get('/api/v1/public/investors?q=beibuwan')).json() as InvestorSummary[]).map((i) => i.name)).toEqual(['广西北部湾创新创业投资有限公司']);
    expect(((await anon.get('/api/v1/public/investors?stage=pre_ipo')).json() as InvestorSummary[])).toEqual([]);
    const page = (await anon.get(`/api/v1/investors/${all[0]!.id}`)).json<InvestorPage>();
    expect(page.contact).toBeNull();
    expect((await anon.get('/api/v1/public/investors?kind=bank')).statusCode).toBe(400);
    const search = (await anon.get(`/api/v1/search?q=${encodeURIComponent('天使投资')}`)).json() as { hits: { kind: string; title: string; path: string }[] };
    const hit = search.hits.find((h) => h.kind === 'investors');
    expect(hit?.title).toBe('南宁邕创天使投资合伙企业');
    expect(hit?.path).toMatch(/^\/investors\//);
  });

  it('an investor keeps its entry; bad input names each field; a change awaits the office, which verifies it', async () => {
    const angel = await as('inv.angel.nanning');
    const desk = (await angel.get('/api/v1/investors/desk')).json<MyInvestorDesk>();
    expect(desk.organisations).toHaveLength(1);
    const org = desk.organisations[0]!;
    expect(org.investor).toMatchObject({ status: 'verified', mine: true, contact: { phone: '0771-5801234' } });
    expect(desk.interests.map((i) => i.status)).toEqual(['pending']);
    const bad = await angel.request('PUT', `/api/v1/investors/organisations/${org.organisationId}`, { ...ENTRY, name: ' ', stages: [], ticketMinFen: 500 * WAN, regionCode: '999999', contact: { ...ENTRY.contact, phone: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad).sort()).toEqual(['contact.phone:phone', 'name:required', 'regionCode:known_region', 'stages:required', 'ticketMinFen:not_above_max']);
    // Another organisation's entry: refused; the entry is unchanged.
    expect((await (await as('ent.nanning')).request('PUT', `/api/v1/investors/organisations/${org.organisationId}`, ENTRY)).statusCode).toBe(403);
    const saved = (await angel.request('PUT', `/api/v1/investors/organisations/${org.organisationId}`, ENTRY)).json<InvestorPage>();
    expect(saved.status).toBe('pending');
    expect(((await new TestClient(t.app).get('/api/v1/public/investors')).json() as InvestorSummary[]).map((i) => i.kind).sort()).toEqual(['guidance_fund', 'venture']);
    expect((await angel.post(`/api/v1/investors/${saved.id}/verify`, { decision: 'verified', note: '' })).statusCode).toBe(403);
    const office = await as('finoffice.nanning');
    const review = (await office.get('/api/v1/investors/review')).json() as { investors: InvestorPage[] };
    expect(review.investors.find((i) => i.id === saved.id)?.status).toBe('pending');
    expect(errorFields(await office.post(`/api/v1/investors/${saved.id}/verify`, { decision: 'rejected', note: '' }))).toEqual(['note:required']);
    expect((await office.post(`/api/v1/investors/${saved.id}/verify`, { decision: 'verified', note: '' })).json<InvestorPage>().status).toBe('verified');
    expect((await office.post(`/api/v1/investors/${saved.id}/verify`, { decision: 'verified', note: '' })).statusCode).toBe(409);
  });
});

describe('an investor registering itself', () => {
  it('registers as an investor, writes its entry on its desk, and is listed once the office verifies it', async () => {
    const c = new TestClient(t.app);
    const r = await c.post('/api/v1/auth/register', {
      accountType: 'investor',
      username: 'yong.seed.capital',
      password: 'a-long-password-1',
      displayName: '黄一帆',
      enterprise: { creditCode: demoCreditCode('450103', 'T000901'), name: '南宁邕种子创业投资有限公司', regionCode: '450103' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.memberships).toEqual([expect.objectContaining({ organisationName: '南宁邕种子创业投资有限公司', organisationKind: 'investor', roles: ['owner'] })]);
    // No profile (一企一档) for an investor.
    expect((await c.get('/api/v1/subjects/mine')).json().items).toEqual([]);
    const desk = (await c.get('/api/v1/investors/desk')).json<MyInvestorDesk>();
    // The entry form starts from the organisation's registered region.
    expect(desk.organisations).toEqual([expect.objectContaining({ organisationName: '南宁邕种子创业投资有限公司', organisationRegionCode: '450103', investor: null })]);
    const saved = (await c.request('PUT', `/api/v1/investors/organisations/${desk.organisations[0]!.organisationId}`, { ...ENTRY, name: '南宁邕种子创业投资有限公司' })).json<InvestorPage>();
    expect(saved.status).toBe('pending');
    const listed = async () => ((await new TestClient(t.app).get('/api/v1/public/investors')).json() as InvestorSummary[]).some((i) => i.id === saved.id);
    expect(await listed()).toBe(false);
    const office = await as('finoffice.nanning');
    expect((await office.post(`/api/v1/investors/${saved.id}/verify`, { decision: 'verified', note: '' })).json<InvestorPage>().status).toBe('verified');
    expect(await listed()).toBe(true);
  });
});

describe('the roadshow', () => {
  it('an enterprise posts a project with its own PDF deck; the office publishes it', async () => {
    const ent = await as('ent.nanning');
    const mine = (await ent.get('/api/v1/roadshow/mine')).json<MyRoadshow>();
    expect(mine.projects.map((p) => p.status)).toEqual(['published']);
    const subjectId = mine.enterprises[0]!.id;
    const body = { subjectId, name: '智能仓储机器人种子轮', sector: 'manufacturing', stage: 'seed', amountFen: 300 * WAN, useOfFunds: '样机研发与首批客户试点', summary: '面向中小电商仓库的低成本搬运机器人，已完成原型机。', deckFileId: null, contact: { name: '李明', phone: '0771-5806789', email: '' } };
    const bad = await ent.post('/api/v1/roadshow', { ...body, name: '', amountFen: 0, useOfFunds: '', deckFileId: await upload(await as('inv.fund.nanning'), 3) });
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad).sort()).toEqual(['amountFen:positive', 'deckFileId:own_upload', 'name:required', 'useOfFunds:required']);
    expect(errorFields(await (await as('inv.fund.nanning')).post('/api/v1/roadshow', body))).toEqual(['subjectId:acts_for']);
    const before = await stat('investors.projects_posted');
    const posted = await ent.post('/api/v1/roadshow', { ...body, deckFileId: await upload(ent, 4) });
    expect(posted.statusCode, posted.body).toBe(201);
    const p = posted.json<RoadshowPage>();
    projectId = p.id;
    expect(p).toMatchObject({ status: 'submitted', mine: true, deckName: '路演材料.pdf' });
    expect(await stat('investors.projects_posted')).toBe(before + 1);
    // Not public before publication.
    expect((await new TestClient(t.app).get(`/api/v1/roadshow/${projectId}`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(`/api/v1/roadshow/${projectId}/deck`)).statusCode).toBe(404);
    const office = await as('finoffice.nanning');
    expect(errorFields(await office.post(`/api/v1/roadshow/${projectId}/decide`, { decision: 'returned', note: '' }))).toEqual(['note:required']);
    expect((await ent.post(`/api/v1/roadshow/${projectId}/decide`, { decision: 'published', note: '' })).statusCode).toBe(403);
    expect((await office.post(`/api/v1/roadshow/${projectId}/decide`, { decision: 'published', note: '' })).json<RoadshowPage>().status).toBe('published');
    expect(((await new TestClient(t.app).get('/api/v1/public/roadshow')).json() as RoadshowSummary[]).map((x) => x.id)).toContain(projectId);
    const deck = await new TestClient(t.app).get(`/api/v1/roadshow/${projectId}/deck`);
    expect(deck.statusCode).toBe(200);
    expect(deck.headers['content-type']).toContain('application/pdf');
  });

  it('a verified investor expresses interest once; the firm accepts once; both see contacts', async () => {
    const fund = await as('inv.fund.nanning');
    const ent = await as('ent.nanning');
    const page = (await fund.get(`/api/v1/roadshow/${projectId}`)).json<RoadshowPage>();
    expect(page.mayExpressInterest).toBe(true);
    expect((await ent.post(`/api/v1/roadshow/${projectId}/interests`, { message: '有兴趣' })).statusCode).toBe(403);
    expect(errorFields(await fund.post(`/api/v1/roadshow/${projectId}/interests`, { message: ' ' }))).toEqual(['message:required']);
    const expressed = (await fund.post(`/api/v1/roadshow/${projectId}/interests`, { message: '希望了解样机和试点数据' })).json<RoadshowPage>();
    expect(expressed.mayExpressInterest).toBe(false);
    expect(expressed.interestsShown).toHaveLength(1);
    expect(expressed.interestsShown[0]).toMatchObject({ status: 'pending', firmContact: null, investorContact: null });
    interestId = expressed.interestsShown[0]!.id;
    const again = await fund.post(`/api/v1/roadshow/${projectId}/interests`, { message: '再次表达' });
    expect(again.statusCode).toBe(409);
    expect(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM investors_interests WHERE project_id = ${projectId}`)).toBe(1);
    // The investor cannot answer its own interest; another firm cannot either (not found).
    expect((await fund.post(`/api/v1/roadshow/interests/${interestId}/answer`, { decision: 'accepted' })).statusCode).toBe(404);
    const fundId = expressed.interestsShown[0]!.investorId;
    expect((await ent.get(`/api/v1/investors/${fundId}`)).json<InvestorPage>().contact).toBeNull();
    const acceptedBefore = await stat('investors.contacts_accepted');
    const answered = (await ent.post(`/api/v1/roadshow/interests/${interestId}/answer`, { decision: 'accepted' })).json<RoadshowPage>();
    const mineView = answered.interestsShown.find((i) => i.id === interestId)!;
    expect(mineView).toMatchObject({ status: 'accepted', investorContact: { name: '陆晓岚', phone: '0771-5803456' }, firmContact: null });
    expect((await ent.post(`/api/v1/roadshow/interests/${interestId}/answer`, { decision: 'declined' })).statusCode).toBe(409);
    const theirView = (await fund.get(`/api/v1/roadshow/${projectId}`)).json<RoadshowPage>().interestsShown[0]!;
    expect(theirView).toMatchObject({ status: 'accepted', firmContact: { name: '李明', phone: '0771-5806789' }, investorContact: null });
    expect((await ent.get(`/api/v1/investors/${fundId}`)).json<InvestorPage>().contact?.phone).toBe('0771-5803456');
    expect((await fund.get('/api/v1/investors/desk')).json<MyInvestorDesk>().interests[0]!.firmContact?.phone).toBe('0771-5806789');
    expect(await stat('investors.contacts_accepted')).toBe(acceptedBefore + 1);
    // The demo's pending interest: the other investor sees no firm contact.
    const demo = (await (await as('inv.angel.nanning')).get('/api/v1/investors/desk')).json<MyInvestorDesk>().interests[0]!;
    expect(demo).toMatchObject({ status: 'pending', firmContact: null });
  });

  it('the statistics equal the records', async () => {
    expect(await stat('investors.verified_angel')).toBe(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM investors WHERE kind = 'angel' AND status = 'verified'`));
    expect(await stat('investors.verified_guidance_fund')).toBe(1);
    expect(await stat('investors.projects_published')).toBe(await count(sql<{ n: number }>`SELECT count(*)::int AS n FROM investors_projects WHERE status = 'published'`));
    expect(await stat('investors.projects_published')).toBe(2);
    expect(await stat('investors.interests_expressed')).toBe(2);
    expect(await stat('investors.contacts_accepted')).toBe(1);
  });
});
