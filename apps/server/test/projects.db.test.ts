import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { projectsManifest } from '../src/modules/projects/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * The project library on the demo data (today 2026-11-20), in Yingtan: research.yingtan (鹰潭市铜产业
 * 技术服务中心, a service provider with its provider profile) posts a project; officer.hr.yingtan
 * (鹰潭市人力资源和社会保障局, the catalogue's 市人社局 there) admits it; ent.yingtan's firm adopts
 * it, the poster accepts, the adopter records its start-up with a PDF, the bureau verifies it at
 * 4,000 元: Yingtan's reward becomes a pending award for the provider's profile, once per project.
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
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`).sort();
const BOUNDARY = 'seedbed-projects';
async function upload(c: TestClient, seed: number, name = '采用协议.pdf'): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
const stat = (name: string) => projectsManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode: '360600', from: '2026-01-01', to: '2026-12-31' });
interface Mine { posted: { id: string; title: string; status: string; rewards: { status: string; amountFen: number | null; handedToFulfilment: boolean; reasons: { zh: string }[] }[] }[]; adoptions: { id: string; status: string; projectTitle: string }[]; mayPostFor: { subjectId: string; kind: string }[]; mayAdoptFor: { subjectId: string; name: string }[] }
const mineOf = async (u: string) => (await (await as(u)).get('/api/v1/projects/mine')).json() as Mine;
const awardsOf = async (u: string) =>
  ((await (await as(u)).get('/api/v1/fulfilment/applications/mine')).json() as { items: { id: string; itemId: string; status: string; amountFen: number | null; origin: string }[] }).items.filter((a) => a.itemId === 'yt.project-library-adoption-reward');

const TITLE = '铜箔表面处理工艺专利';
let providerSubject: string;
let entSubject: string;
let projectId: string;
let adoptionId: string;
const body = () => ({
  subjectId: providerSubject,
  title: TITLE,
  kind: 'patent',
  summary: '一种电解铜箔表面粗化与防氧化处理工艺，提高与树脂的结合力，适用于锂电池与电路板用铜箔。',
  industry: 'C32',
  regionCode: '360602',
  offers: ['licence', 'cooperation'],
  attachmentFileId: null as string | null,
});

beforeAll(async () => {
  t = await testApp({ demo: true });
  providerSubject = (await mineOf('research.yingtan')).mayPostFor.find((s) => s.kind === 'provider')!.subjectId;
  entSubject = (await mineOf('ent.yingtan')).mayAdoptFor[0]!.subjectId;
}, 240_000);
afterAll(async () => t?.close());

describe('posting and admission', () => {
  it('refuses bad input naming the field and the rule, and writes nothing', async () => {
    const poster = await as('research.yingtan');
    const bad = await poster.post('/api/v1/projects', { ...body(), industry: 'Z99', regionCode: '369999' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['industry:known_industry', 'regionCode:known_region']);
    const schema = await poster.post('/api/v1/projects', { ...body(), kind: 'dream' });
    expect(schema.statusCode).toBe(400);
    expect(schema.body).toContain('kind');
    // An enterprise's profile is not a poster: persons and service organisations post.
    expect(fields(await (await as('ent.yingtan')).post('/api/v1/projects', { ...body(), subjectId: entSubject }))).toEqual(['subjectId:poster']);
    // Someone else's profile neither.
    expect(fields(await (await as('inventor.yingtan')).post('/api/v1/projects', body()))).toEqual(['subjectId:poster']);
    const png = await upload(poster, 7);
    const othersFile = await upload(await as('inventor.yingtan'), 8);
    expect(fields(await poster.post('/api/v1/projects', { ...body(), attachmentFileId: othersFile }))).toEqual(['attachmentFileId:own_upload']);
    expect(png).toBeTruthy();
    expect((await mineOf('research.yingtan')).posted.map((p) => p.title)).not.toContain(TITLE);
  });

  it('is posted by the provider and kept out of the library until the bureau admits it', async () => {
    const poster = await as('research.yingtan');
    const attachment = await upload(poster, 9, '专利说明书.pdf');
    const r = await poster.post('/api/v1/projects', { ...body(), attachmentFileId: attachment });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json<{ id: string; status: string; keeperName: string; mine: boolean; rewardItem: { payableToPoster: boolean } | null; attachmentName: string }>();
    expect(p).toMatchObject({ status: 'submitted', keeperName: '鹰潭市人力资源和社会保障局', mine: true, attachmentName: '专利说明书.pdf', rewardItem: { payableToPoster: true } });
    projectId = p.id;
    expect((await poster.post('/api/v1/projects', body())).statusCode).toBe(409);
    // Not public yet: a visitor does not find it or its page.
    expect(((await new TestClient(t.app).get('/api/v1/projects?q=tongbo')).json() as unknown[]).length).toBe(0);
    expect((await new TestClient(t.app).get(`/api/v1/projects/${projectId}`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).get(`/api/v1/projects/${projectId}/attachment`)).statusCode).toBe(404);
  });

  it('is admitted only by the bureau keeping the library: other officials are refused', async () => {
    // The science bureau of Yingtan holds the permission (officer) but does not keep the library.
    const other = await as('officer.yingtan');
    expect((await other.post(`/api/v1/projects/${projectId}/decision`, { admit: true, reason: null })).statusCode).toBe(403);
    expect((await (await as('ent.yingtan')).post(`/api/v1/projects/${projectId}/decision`, { admit: true, reason: null })).statusCode).toBe(403);
    const hr = await as('officer.hr.yingtan');
    const queue = (await hr.get('/api/v1/projects/review')).json() as { projects: { id: string; title: string }[] };
    expect(queue.projects.map((p) => p.title)).toEqual(expect.arrayContaining([TITLE, '铜工艺文创礼品设计']));
    expect(fields(await hr.post(`/api/v1/projects/${projectId}/decision`, { admit: false, reason: null }))).toEqual(['reason:required_to_return']);
    const ok = await hr.post(`/api/v1/projects/${projectId}/decision`, { admit: true, reason: null });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'admitted', admittedOn: '2026-11-20' });
    expect((await hr.post(`/api/v1/projects/${projectId}/decision`, { admit: true, reason: null })).statusCode).toBe(409);
    const note = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications n JOIN identity_users u ON u.id = n.user_id WHERE u.username = 'research.yingtan' AND n.kind = 'projects.progress'`.execute(t.deps.db);
    expect(note.rows[0]!.n).toBe(1);
  });

  it('is then found by anyone in Chinese words and pinyin, and filtered', async () => {
    const v = new TestClient(t.app);
    const titles = async (q: string) => ((await v.get(`/api/v1/projects?${q}`)).json() as { title: string }[]).map((p) => p.title);
    expect(await titles('q=tongbo')).toEqual([TITLE]);
    expect(await titles(`q=${encodeURIComponent('铜箔')}`)).toEqual([TITLE]);
    expect(await titles('kind=idea')).toEqual(['乡村特产直播电商创业项目']);
    expect((await titles('industry=C32')).sort()).toEqual([TITLE, '高导电铜合金线材制备专利'].sort());
    expect(await titles('region=360681')).toEqual(['废杂铜短流程再生利用技术']);
    expect((await v.get(`/api/v1/projects/${projectId}/attachment`)).statusCode).toBe(200);
  });
});

describe('adoption', () => {
  it('is asked by an enterprise the user acts for, never for one they do not', async () => {
    expect(fields(await (await as('ent.nanning')).post(`/api/v1/projects/${projectId}/adoptions`, { subjectId: entSubject, plan: '拟采用该专利建设生产线' }))).toEqual(['subjectId:acts_for_enterprise']);
    expect(fields(await (await as('research.yingtan')).post(`/api/v1/projects/${projectId}/adoptions`, { subjectId: providerSubject, plan: '拟采用该专利建设生产线' }))).toEqual(['subjectId:acts_for_enterprise', 'subjectId:not_own_project']);
    const r = await (await as('ent.yingtan')).post(`/api/v1/projects/${projectId}/adoptions`, { subjectId: entSubject, plan: '拟采用该专利建设锂电铜箔处理生产线' });
    expect(r.statusCode, r.body).toBe(201);
    adoptionId = (await mineOf('ent.yingtan')).adoptions.find((a) => a.projectTitle === TITLE)!.id;
    expect((await (await as('ent.yingtan')).post(`/api/v1/projects/${projectId}/adoptions`, { subjectId: entSubject, plan: '再次申请采用该专利项目' })).statusCode).toBe(409);
  });

  it('moves only as its state machine allows, each step by its own side', async () => {
    const url = (s: string) => `/api/v1/project-adoptions/${adoptionId}/${s}`;
    const evidence = await upload(await as('ent.yingtan'), 11);
    const success = { succeededOn: '2026-11-20', evidenceFileId: evidence, note: '已注册成立并投产' };
    // Success before the poster agreed: refused.
    expect((await (await as('ent.yingtan')).post(url('success'), success)).statusCode).toBe(409);
    // Only the poster answers; strangers do not even see it.
    expect((await (await as('ent.yingtan')).post(url('answer'), { accept: true, note: '' })).statusCode).toBe(403);
    expect((await (await as('ent.nanning')).post(url('answer'), { accept: true, note: '' })).statusCode).toBe(404);
    expect(fields(await (await as('research.yingtan')).post(url('answer'), { accept: false, note: '' }))).toEqual(['note:required_to_decline']);
    const accepted = await (await as('research.yingtan')).post(url('answer'), { accept: true, note: '同意，欢迎合作' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect((await (await as('research.yingtan')).post(url('answer'), { accept: true, note: '' })).statusCode).toBe(409);
    // Only the adopter records the success, with its own PDF, on a real past date.
    expect((await (await as('research.yingtan')).post(url('success'), success)).statusCode).toBe(403);
    expect(fields(await (await as('ent.yingtan')).post(url('success'), { ...success, succeededOn: '2026-12-01' }))).toEqual(['succeededOn:not_future']);
    expect(fields(await (await as('ent.yingtan')).post(url('success'), { ...success, succeededOn: '2026-11-18' }))).toEqual(['succeededOn:after_request']);
    expect(fields(await (await as('ent.yingtan')).post(url('success'), { ...success, evidenceFileId: await upload(await as('research.yingtan'), 12) }))).toEqual(['evidenceFileId:own_upload']);
    const recorded = await (await as('ent.yingtan')).post(url('success'), success);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ status: 'succeeded', succeededOn: '2026-11-20', evidenceName: '采用协议.pdf' });
    expect(await awardsOf('research.yingtan')).toEqual([]);
  });

  it('is verified by the bureau within the item\'s range: the reward goes to fulfilment for the provider\'s profile', async () => {
    const url = `/api/v1/project-adoptions/${adoptionId}/verification`;
    expect((await (await as('officer.yingtan')).post(url, { approve: true, rewardFen: 400_000, reason: null })).statusCode).toBe(403);
    expect((await (await as('research.yingtan')).post(url, { approve: true, rewardFen: 400_000, reason: null })).statusCode).toBe(403);
    const hr = await as('officer.hr.yingtan');
    expect(fields(await hr.post(url, { approve: true, rewardFen: null, reason: null }))).toEqual(['rewardFen:required']);
    expect(fields(await hr.post(url, { approve: true, rewardFen: 600_000, reason: null }))).toEqual(['rewardFen:item_range']);
    // Nothing half-written by the refusal.
    expect(((await hr.get('/api/v1/projects/review')).json() as { adoptions: { id: string }[] }).adoptions.map((a) => a.id)).toContain(adoptionId);
    const ok = await hr.post(url, { approve: true, rewardFen: 400_000, reason: null });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'verified', rewardFen: 400_000, verifiedOn: '2026-11-20' });
    const awards = await awardsOf('research.yingtan');
    expect(awards).toMatchObject([{ origin: 'automatic', status: 'approval', amountFen: 400_000 }]);
    const view = (await (await as('research.yingtan')).get(`/api/v1/fulfilment/applications/${awards[0]!.id}`)).json();
    expect(view).toMatchObject({ productKey: TITLE, subjectName: '鹰潭市铜产业技术服务中心', materials: [{ materialId: 'outcome_evidence', file: { name: '采用协议.pdf' } }] });
    const subject = await sql<{ kind: string }>`SELECT s.kind FROM fulfilment_applications a JOIN subjects s ON s.id = a.subject_id WHERE a.id = ${awards[0]!.id}`.execute(t.deps.db);
    expect(subject.rows).toEqual([{ kind: 'provider' }]);
    // The bureau (the item's 市人社局 in Yingtan) has it to approve.
    expect((await hr.get(`/api/v1/fulfilment/applications/${awards[0]!.id}`)).statusCode).toBe(200);
    const mine = (await mineOf('research.yingtan')).posted.find((p) => p.id === projectId)!;
    expect(mine.rewards).toMatchObject([{ status: 'eligible', amountFen: 400_000, handedToFulfilment: true }]);
  });

  it('refuses a second reward for the same project', async () => {
    const other = await as('ent.nanchang');
    const nanchang = (await mineOf('ent.nanchang')).mayAdoptFor[0]!.subjectId;
    expect((await other.post(`/api/v1/projects/${projectId}/adoptions`, { subjectId: nanchang, plan: '拟在南昌采用该专利生产铜箔' })).statusCode).toBe(201);
    const second = (await mineOf('ent.nanchang')).adoptions.find((a) => a.projectTitle === TITLE)!.id;
    expect((await (await as('research.yingtan')).post(`/api/v1/project-adoptions/${second}/answer`, { accept: true, note: '' })).statusCode).toBe(200);
    const evidence = await upload(other, 13, '营业执照.pdf');
    expect((await other.post(`/api/v1/project-adoptions/${second}/success`, { succeededOn: '2026-11-20', evidenceFileId: evidence, note: '新公司已成立' })).statusCode).toBe(200);
    const r = await (await as('officer.hr.yingtan')).post(`/api/v1/project-adoptions/${second}/verification`, { approve: true, rewardFen: 400_000, reason: null });
    expect(r.statusCode).toBe(409);
    expect(fields(r)).toEqual(['rewardFen:once_per_project']);
    expect(await awardsOf('research.yingtan')).toHaveLength(1);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fulfilment_applications WHERE item_id = 'yt.project-library-adoption-reward'`.execute(t.deps.db);
    expect(rows.rows[0]!.n).toBe(1);
    // The bureau may still send the record back with a reason.
    const back = await (await as('officer.hr.yingtan')).post(`/api/v1/project-adoptions/${second}/verification`, { approve: false, rewardFen: null, reason: '奖励已发放给该项目' });
    expect(back.json()).toMatchObject({ status: 'accepted', returnNote: '奖励已发放给该项目' });
  });

  it("of a person's project is verified but not paid online: the reason is stated, nothing faked", async () => {
    const v = new TestClient(t.app);
    const idea = ((await v.get(`/api/v1/projects?q=${encodeURIComponent('直播')}`)).json() as { id: string; posterIsPerson: boolean }[])[0]!;
    expect(idea.posterIsPerson).toBe(true);
    const ent = await as('ent.yingtan');
    expect((await ent.post(`/api/v1/projects/${idea.id}/adoptions`, { subjectId: entSubject, plan: '拟在月湖区建设直播电商基地' })).statusCode).toBe(201);
    const a = (await mineOf('ent.yingtan')).adoptions.find((x) => x.projectTitle === '乡村特产直播电商创业项目')!.id;
    expect((await (await as('inventor.yingtan')).post(`/api/v1/project-adoptions/${a}/answer`, { accept: true, note: '' })).statusCode).toBe(200);
    expect((await ent.post(`/api/v1/project-adoptions/${a}/success`, { succeededOn: '2026-11-20', evidenceFileId: await upload(ent, 14), note: '直播基地已开业' })).statusCode).toBe(200);
    expect((await (await as('officer.hr.yingtan')).post(`/api/v1/project-adoptions/${a}/verification`, { approve: true, rewardFen: 300_000, reason: null })).statusCode).toBe(200);
    const posted = (await mineOf('inventor.yingtan')).posted.find((p) => p.id === idea.id)!;
    expect(posted.rewards).toMatchObject([{ status: 'not_payable', amountFen: 300_000, handedToFulfilment: false }]);
    expect(posted.rewards[0]!.reasons[0]!.zh).toContain('个人');
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fulfilment_applications WHERE item_id = 'yt.project-library-adoption-reward'`.execute(t.deps.db);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('counts in the statistics', async () => {
    expect(await stat('projects.posted')).toBe(5);
    expect(await stat('projects.admitted')).toBe(4);
    expect(await stat('projects.adoptions')).toBe(4);
    expect(await stat('projects.successes')).toBe(2);
    expect(await stat('projects.rewards')).toBe(1);
  });
});
