import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { ipoManifest } from '../src/modules/ipo/index.js';
import { demoSignIns, errorFields, testApp, type TestClient, type TestContext } from './test-app.js';

/**
 * The pre-IPO pool on the demo data, in Nanning: ent.nanning's firm (南宁青禾智能科技有限公司)
 * applies with the 新三板 as its board; finoffice.nanning (南宁市地方金融监督管理局, the catalogue's
 * 市金融办) refuses it with a reason, then admits its new application; the firm records its
 * 挂牌 with a PDF; the office verifies it: the listing is a verified fact on the profile and
 * Nanning's two 新三板挂牌 subsidies (nn.neeq-listing-subsidy-municipal, -region) are pending
 * awards in fulfilment, once.
 */
let t: TestContext;
const as = demoSignIns(() => t);
const fields = (r: Parameters<typeof errorFields>[0]) => errorFields(r).sort();
const BOUNDARY = 'seedbed-ipo';
async function upload(c: TestClient, seed: number, name = '挂牌公告.pdf'): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
const stat = (name: string) => ipoManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' });

interface Entry {
  id: string;
  enterpriseName: string;
  status: string;
  stage: string;
  board: string;
  refusalReason: string | null;
  records: { id: string; stage: string; status: string }[];
  rewards: { stage: string; itemTitle: { zh: string }; status: string; amountFen: number | null; upTo: boolean; handedToFulfilment: boolean; fulfilmentStatus: { zh: string } | null }[];
  rewardItems: { stage: string; title: { zh: string } }[];
}
interface Mine { entries: Entry[]; mayApplyFor: { subjectId: string; name: string }[] }
const mineOf = async (u: string) => (await (await as(u)).get('/api/v1/ipo/mine')).json() as Mine;
const NEEQ_ITEMS = ['nn.neeq-listing-subsidy-municipal', 'nn.neeq-listing-subsidy-region'];
const awardsOf = async (u: string) =>
  ((await (await as(u)).get('/api/v1/fulfilment/applications/mine')).json() as { items: { id: string; itemId: string; status: string; amountFen: number | null; origin: string }[] }).items.filter((a) => NEEQ_ITEMS.includes(a.itemId));

let entSubject: string;
let otherSubject: string;
let entryId: string;
let recordId: string;

beforeAll(async () => {
  t = await testApp({ demo: true });
  entSubject = (await mineOf('ent.nanning')).mayApplyFor[0]!.subjectId;
  otherSubject = (await mineOf('ipo.firm1.nanning')).mayApplyFor[0]!.subjectId;
}, 240_000);
afterAll(async () => t?.close());

describe('the demo pool', () => {
  it('has one firm at 辅导备案 and one listed on the 新三板 with its subsidies pending in fulfilment', async () => {
    const [first] = (await mineOf('ipo.firm1.nanning')).entries;
    expect(first).toMatchObject({ status: 'admitted', board: 'bse', stage: 'coaching' });
    expect(first!.records.map((r) => `${r.stage}:${r.status}`)).toEqual(['coaching:verified']);
    const [second] = (await mineOf('ipo.firm2.nanning')).entries;
    expect(second).toMatchObject({ status: 'admitted', board: 'neeq', stage: 'listed' });
    expect(second!.rewards.filter((r) => r.handedToFulfilment).map((r) => [r.stage, r.amountFen, r.fulfilmentStatus?.zh])).toEqual([
      ['listed', 100_000_000, '批复'],
      ['listed', 50_000_000, '批复'],
    ]);
    expect((await awardsOf('ipo.firm2.nanning')).map((a) => a.status)).toEqual(['approval', 'approval']);
  });
});

describe('entering the pool', () => {
  it('refuses bad input naming the field and the rule, and writes nothing', async () => {
    const ent = await as('ent.nanning');
    const bad = await ent.post('/api/v1/ipo/entries', { subjectId: otherSubject, board: 'neeq', stage: 'listed', note: '' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['stage:not_listed', 'subjectId:acts_for_enterprise']);
    const schema = await ent.post('/api/v1/ipo/entries', { subjectId: entSubject, board: 'nasdaq', stage: 'coaching', note: '' });
    expect(schema.statusCode).toBe(400);
    expect(schema.body).toContain('board');
    expect((await mineOf('ent.nanning')).entries).toEqual([]);
  });

  it('keeps the pool to the finance office', async () => {
    const ent = await as('ent.nanning');
    expect((await ent.get('/api/v1/ipo/pool')).statusCode).toBe(403);
    expect((await ent.post('/api/v1/ipo/pool/enrolments', { creditCode: '91450103MA5KQ0001X', board: 'neeq', stage: 'reform', note: '' })).statusCode).toBe(403);
    // An official of another department (the human-resources bureau in Yingtan) neither.
    expect((await (await as('officer.hr.yingtan')).get('/api/v1/ipo/pool')).statusCode).toBe(403);
  });

  it('is refused only with a reason, and the firm may apply again', async () => {
    const ent = await as('ent.nanning');
    const office = await as('finoffice.nanning');
    const r = await ent.post('/api/v1/ipo/entries', { subjectId: entSubject, board: 'neeq', stage: 'reform', note: '计划明年完成股改并申请新三板挂牌。' });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<Entry>().id;
    expect(r.json<Entry>().status).toBe('applied');
    const twice = await ent.post('/api/v1/ipo/entries', { subjectId: entSubject, board: 'neeq', stage: 'reform', note: '' });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['subjectId:one_live_entry']);
    // The firm cannot decide its own application.
    expect((await ent.post(`/api/v1/ipo/entries/${id}/decision`, { admit: true, reason: null, note: '' })).statusCode).toBe(403);
    const noReason = await office.post(`/api/v1/ipo/entries/${id}/decision`, { admit: false, reason: null, note: '' });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual(['reason:required_to_refuse']);
    const otherNoNote = await office.post(`/api/v1/ipo/entries/${id}/decision`, { admit: false, reason: 'other', note: ' ' });
    expect(fields(otherNoNote)).toEqual(['note:required_for_other']);
    const badReason = await office.post(`/api/v1/ipo/entries/${id}/decision`, { admit: false, reason: 'dislike', note: '' });
    expect(badReason.statusCode).toBe(400);
    const pool = (await office.get('/api/v1/ipo/pool?status=applied')).json() as { entries: Entry[] };
    expect(pool.entries.map((e) => e.enterpriseName)).toContain('南宁青禾智能科技有限公司');
    const refused = await office.post(`/api/v1/ipo/entries/${id}/decision`, { admit: false, reason: 'incomplete', note: '请补充近两年审计报告' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json<Entry>()).toMatchObject({ status: 'refused', refusalReason: 'incomplete' });
    expect((await office.post(`/api/v1/ipo/entries/${id}/decision`, { admit: true, reason: null, note: '' })).statusCode).toBe(409);

    const again = await ent.post('/api/v1/ipo/entries', { subjectId: entSubject, board: 'neeq', stage: 'filed', note: '已补充审计报告，挂牌申请已获受理。' });
    expect(again.statusCode, again.body).toBe(201);
    entryId = again.json<Entry>().id;
    const admitted = await office.post(`/api/v1/ipo/entries/${entryId}/decision`, { admit: true, reason: null, note: '' });
    expect(admitted.statusCode, admitted.body).toBe(200);
    expect(admitted.json<Entry>()).toMatchObject({ status: 'admitted', stage: 'filed' });
    // Its page names the stage rewards of Nanning's catalogue for the 新三板.
    expect(admitted.json<Entry>().rewardItems.filter((i) => i.stage === 'listed').map((i) => i.title.zh)).toEqual(expect.arrayContaining([expect.stringContaining('新三板挂牌')]));
  });

  it("takes an enterprise enrolled by the office by its credit code, in the office's region only", async () => {
    const office = await as('finoffice.nanning');
    const code = async (username: string) =>
      (await sql<{ credit_code: string }>`SELECT s.credit_code FROM subjects s JOIN identity_memberships m ON m.organisation_id = s.organisation_id JOIN identity_users u ON u.id = m.user_id WHERE u.username = ${username} AND s.kind = 'enterprise'`.execute(t.deps.db)).rows[0]!.credit_code;
    const body = { board: 'star', stage: 'reform', note: '' };
    expect(fields(await office.post('/api/v1/ipo/pool/enrolments', { ...body, creditCode: '91450103MA5ZZ9999X' }))).toEqual(['creditCode:registered']);
    expect(fields(await office.post('/api/v1/ipo/pool/enrolments', { ...body, creditCode: await code('ent.yingtan') }))).toEqual(['creditCode:in_your_region']);
    const r = await office.post('/api/v1/ipo/pool/enrolments', { ...body, creditCode: await code('startup1.nanning') });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<Entry & { enrolledByOffice: boolean }>()).toMatchObject({ status: 'admitted', stage: 'reform', board: 'star', enrolledByOffice: true });
    expect((await mineOf('startup1.nanning')).entries.map((e) => e.status)).toEqual(['admitted']);
    expect((await office.post('/api/v1/ipo/pool/enrolments', { ...body, creditCode: await code('startup1.nanning') })).statusCode).toBe(409);
  });

  it('counts the pool by stage for the office', async () => {
    const pool = (await (await as('finoffice.nanning')).get('/api/v1/ipo/pool?region=450100')).json() as { byStage: { stage: string; count: number }[]; entries: Entry[] };
    expect(Object.fromEntries(pool.byStage.map((s) => [s.stage, s.count]))).toEqual({ cultivation: 0, reform: 1, coaching: 1, filed: 1, listed: 1 });
    const listed = (await (await as('finoffice.nanning')).get('/api/v1/ipo/pool?stage=listed&board=neeq')).json() as { entries: Entry[] };
    expect(listed.entries.map((e) => e.enterpriseName)).toEqual(['广西绿源生物科技股份有限公司']);
  });
});

describe('a stage reached', () => {
  it('is recorded with its evidence; bad input names the field', async () => {
    const ent = await as('ent.nanning');
    const pdf = await upload(ent, 31);
    const others = await upload(await as('ipo.firm1.nanning'), 32);
    const future = await ent.post(`/api/v1/ipo/entries/${entryId}/stages`, { stage: 'cultivation', reachedOn: '2099-01-01', evidenceFileId: others, note: '' });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['evidenceFileId:own_upload', 'reachedOn:not_future', 'stage:after_entry']);
    expect(fields(await ent.post(`/api/v1/ipo/entries/${entryId}/stages`, { stage: 'reform', reachedOn: '2026-10-01', evidenceFileId: pdf, note: '' }))).toEqual(['stage:not_behind']);
    // Another firm's entry is not found for this firm.
    expect((await (await as('ipo.firm1.nanning')).post(`/api/v1/ipo/entries/${entryId}/stages`, { stage: 'listed', reachedOn: '2026-11-02', evidenceFileId: others, note: '' })).statusCode).toBe(404);
    const r = await ent.post(`/api/v1/ipo/entries/${entryId}/stages`, { stage: 'listed', reachedOn: '2026-11-02', evidenceFileId: pdf, note: '已在全国股转系统挂牌' });
    expect(r.statusCode, r.body).toBe(201);
    const rec = r.json<Entry>().records.find((x) => x.stage === 'listed')!;
    expect(rec.status).toBe('recorded');
    recordId = rec.id;
    const office = (await (await as('finoffice.nanning')).get('/api/v1/ipo/pool')).json() as { awaiting: { record: { id: string } }[] };
    expect(office.awaiting.map((a) => a.record.id)).toContain(recordId);
    expect((await ent.get(`/api/v1/ipo/stage-records/${recordId}/evidence`)).statusCode).toBe(200);
    expect((await (await as('ipo.firm1.nanning')).get(`/api/v1/ipo/stage-records/${recordId}/evidence`)).statusCode).toBe(404);
  });

  it('verified by the office, sets the verified fact and hands the subsidies to fulfilment as pending awards', async () => {
    const ent = await as('ent.nanning');
    expect((await ent.post(`/api/v1/ipo/stage-records/${recordId}/verification`, { approve: true, note: '' })).statusCode).toBe(403);
    const before = await stat('ipo.rewards');
    const v = await (await as('finoffice.nanning')).post(`/api/v1/ipo/stage-records/${recordId}/verification`, { approve: true, note: '' });
    expect(v.statusCode, v.body).toBe(200);
    const entry = v.json<Entry>();
    expect(entry.stage).toBe('listed');
    expect(entry.rewards.filter((r) => r.handedToFulfilment).map((r) => [r.itemTitle.zh, r.amountFen, r.upTo, r.fulfilmentStatus?.zh])).toEqual([
      [expect.stringContaining('市本级'), 100_000_000, true, '批复'],
      [expect.stringContaining('自治区'), 50_000_000, false, '批复'],
    ]);
    const awards = await awardsOf('ent.nanning');
    expect(awards.map((a) => [a.itemId, a.status, a.amountFen]).sort()).toEqual([
      ['nn.neeq-listing-subsidy-municipal', 'approval', 100_000_000],
      ['nn.neeq-listing-subsidy-region', 'approval', 50_000_000],
    ]);
    const profile = (await ent.get(`/api/v1/subjects/${entSubject}`)).json() as { facts: Record<string, { value: unknown; verified: boolean }> };
    expect(profile.facts.is_listed_neeq).toMatchObject({ value: true, verified: true });
    expect(profile.facts.neeq_listed_on).toMatchObject({ value: '2026-11-02', verified: true });
    expect((await stat('ipo.rewards')) - before).toBe(2);
    expect(await stat('ipo.listings')).toBe(2);
    expect(await stat('ipo.in_pool_listed')).toBe(2);
    expect(await stat('ipo.in_pool')).toBe(4);
  });

  it('is not paid twice: a second verification or a second record of the stage is refused', async () => {
    const ent = await as('ent.nanning');
    const office = await as('finoffice.nanning');
    const again = await office.post(`/api/v1/ipo/stage-records/${recordId}/verification`, { approve: true, note: '' });
    expect(again.statusCode).toBe(409);
    const pdf = await upload(ent, 33);
    const twice = await ent.post(`/api/v1/ipo/entries/${entryId}/stages`, { stage: 'listed', reachedOn: '2026-11-03', evidenceFileId: pdf, note: '再次登记' });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['stage:once_per_stage']);
    expect((await awardsOf('ent.nanning')).length).toBe(2);
  });

  it('is sent back only with a note', async () => {
    const firm = await as('ipo.firm1.nanning');
    const [entry] = (await mineOf('ipo.firm1.nanning')).entries;
    const pdf = await upload(firm, 34, '申报受理通知书.pdf');
    const r = await firm.post(`/api/v1/ipo/entries/${entry!.id}/stages`, { stage: 'filed', reachedOn: '2026-11-10', evidenceFileId: pdf, note: '北交所已受理' });
    expect(r.statusCode, r.body).toBe(201);
    const rec = r.json<Entry>().records.find((x) => x.stage === 'filed')!;
    const office = await as('finoffice.nanning');
    expect(fields(await office.post(`/api/v1/ipo/stage-records/${rec.id}/verification`, { approve: false, note: '' }))).toEqual(['note:required_to_return']);
    const back = await office.post(`/api/v1/ipo/stage-records/${rec.id}/verification`, { approve: false, note: '受理通知书不清晰，请重新上传' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<Entry>().records.find((x) => x.id === rec.id)!.status).toBe('returned');
    expect(back.json<Entry>().stage).toBe('coaching');
  });
});
