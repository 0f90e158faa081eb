import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { competitionsManifest } from '../src/modules/competitions/index.js';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

/**
 * Competitions on the demo data: the demo call and expert pool; the programme office publishes a
 * call; two enterprises enter with a pitch deck; the preliminary panel of three has 梁宇 excluded
 * from 青禾's entry as its shareholder (the reason recorded); judges score through review (blind,
 * outliers flagged); the office advances the best to the final and publishes; the ranking follows
 * the stated tie-breaks; the winner's profile receives the verified fact and the finder tells it
 * that it qualifies. Bad input names the field and the rule. Today is 2026-11-20 (the test clock).
 */
let t: TestContext;
const as = demoSignIns(() => t);
const stat = (name: string, regionCode: string) => competitionsManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode, from: '2026-01-01', to: '2026-12-31' });
const BOUNDARY = '----seedbedcompetitiontest';
async function upload(c: TestClient, seed: number): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="deck.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
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

const CALL = {
  title: '南宁市青年创新创业大赛（测试）',
  rules: '在南宁市注册的企业均可报名，每家企业限报一个项目，须提交路演材料。',
  regionCode: '450100',
  tracks: ['电子信息', '先进制造'],
  criteria: [
    { name: '创新性', max: 40 },
    { name: '市场', max: 30 },
    { name: '团队', max: 30 },
  ],
  opensOn: '2026-11-01',
  closesOn: '2026-12-01',
  finalOn: '2026-12-20',
  finalists: 2,
  prizes: 1,
};

describe('the demo', () => {
  it('has a call in progress with entries and a pool of three experts, one tied to 青禾', async () => {
    const list = (await new TestClient(t.app).get('/api/v1/competitions')).json() as { title: string; stage: string; entries: number }[];
    expect(list).toEqual([expect.objectContaining({ title: '南宁市第二届创新创业大赛', stage: 'open', entries: 3 })]);
    const pool = (await (await as('office.nanning')).get('/api/v1/competition-experts')).json() as { name: string; ties: { enterpriseName: string; relation: string }[] }[];
    expect(pool.map((e) => e.name).sort()).toEqual(['梁宇（评审专家）', '覃敏（评审专家）', '陆洋（评审专家）'].sort());
    expect(pool.find((e) => e.name.startsWith('梁宇'))!.ties).toEqual([{ enterpriseName: '南宁青禾智能科技有限公司', relation: 'shareholder' }]);
    expect((await (await as('ent.nanning')).get('/api/v1/competition-experts')).statusCode).toBe(403);
  });
});

let callId = '';
const experts = new Map<string, string>();
const entryIds = new Map<string, string>();

describe('a competition from call to published results', () => {
  it('the office publishes a call; bad input names the field and the rule', async () => {
    const office = await as('office.nanning');
    expect((await (await as('ent.nanning')).post('/api/v1/competitions', CALL)).statusCode).toBe(403);
    const bad = await office.post('/api/v1/competitions', { ...CALL, tracks: ['电子信息', '电子信息'], closesOn: '2026-10-01', prizes: 3 });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['closesOn:after_opens', 'closesOn:not_past', 'prizes:within_finalists', 'tracks.1:unique']);
    expect((await office.post('/api/v1/competitions', { ...CALL, extra: 1 })).statusCode).toBe(400);
    const r = await office.post('/api/v1/competitions', CALL);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ title: CALL.title, stage: 'open', mayManage: true, results: [], tieBreakRule: { zh: expect.stringContaining('中位数') } });
    callId = r.json().id;
    expect(fields(await office.post('/api/v1/competitions', CALL))).toEqual(['title:unique']);
    expect((await (await as('officer.yingtan')).post('/api/v1/competitions', CALL)).statusCode).toBe(403);
    for (const e of (await office.get('/api/v1/competition-experts')).json() as { id: string; name: string }[]) experts.set(e.name.slice(0, 2), e.id);
  });

  it('enterprises enter with their team, project and a PDF pitch deck, once each', async () => {
    for (const [username, project, track, seed] of [
      ['ent.nanning', '青禾边缘AI质检盒（测试）', '电子信息', 11],
      ['startup1.nanning', '精工远程运维平台（测试）', '先进制造', 12],
    ] as const) {
      const c = await as(username);
      const page = (await c.get(`/api/v1/competitions/${callId}`)).json() as { mayEnterFor: { subjectId: string }[] };
      expect(page.mayEnterFor).toHaveLength(1);
      const subjectId = page.mayEnterFor[0]!.subjectId;
      const deckFileId = await upload(c, seed);
      const body = { subjectId, track, project, summary: '项目简介：面向中小企业的智能化解决方案。', team: [{ name: '负责人', role: '总体' }], deckFileId };
      const wrong = await c.post(`/api/v1/competitions/${callId}/entries`, { ...body, track: '生物医药', team: [{ name: ' ', role: '总体' }] });
      expect(fields(wrong).sort()).toEqual(['team.0.name:required', 'track:enum']);
      const r = await c.post(`/api/v1/competitions/${callId}/entries`, body);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().myEntries).toEqual([expect.objectContaining({ project, finalist: false })]);
      entryIds.set(username, r.json().myEntries[0].id);
      expect(fields(await c.post(`/api/v1/competitions/${callId}/entries`, { ...body, deckFileId: await upload(c, seed + 100) }))).toEqual(['subjectId:unique']);
    }
    // Someone else's upload is not a pitch deck of one's own.
    const other = await as('startup2.nanning');
    const subjectId = ((await other.get(`/api/v1/competitions/${callId}`)).json() as { mayEnterFor: { subjectId: string }[] }).mayEnterFor[0]!.subjectId;
    const stolen = await other.post(`/api/v1/competitions/${callId}/entries`, { subjectId, track: '电子信息', project: '冒用材料', summary: '使用他人上传的路演材料报名。', team: [{ name: '甲', role: '乙' }], deckFileId: await upload(await as('ent.nanning'), 99) });
    expect(fields(stolen)).toEqual(['deckFileId:own_upload']);
    expect(await stat('competitions.entries', '450100')).toBe(5);
    expect(await stat('competitions.entries', '360600')).toBe(0);
  });

  it('the preliminary panel of three: 梁宇 is excluded from 青禾 as a shareholder, with the reason', async () => {
    const office = await as('office.nanning');
    const ids = [experts.get('覃敏')!, experts.get('陆洋')!, experts.get('梁宇')!];
    expect(fields(await office.post(`/api/v1/competitions/${callId}/rounds/1/panel`, { expertIds: [experts.get('梁宇')!, experts.get('覃敏')!] }))).toEqual(['expertIds:min_judges']);
    const r = await office.post(`/api/v1/competitions/${callId}/rounds/1/panel`, { expertIds: ids });
    expect(r.statusCode, r.body).toBe(200);
    const m = r.json();
    expect(m.call.stage).toBe('preliminary');
    expect(m.exclusions).toEqual([
      { round: 1, project: '青禾边缘AI质检盒（测试）', entrantName: '南宁青禾智能科技有限公司', judgeName: '梁宇（评审专家）', reason: 'related_enterprise', detail: { zh: expect.stringContaining('股东'), en: expect.stringContaining('shareholder') } },
    ]);
    // Entries are closed now.
    const late = await as('ent.yingtan');
    expect(((await late.get(`/api/v1/competitions/${callId}`)).json() as { mayEnterFor: unknown[] }).mayEnterFor).toEqual([]);
    // 梁宇 sees only the entry he may judge; he cannot score 青禾's nor read its deck.
    const liang = await as('expert3.nanning');
    const work = (await liang.get('/api/v1/competitions-judging')).json() as { project: string }[];
    expect(work.map((w) => w.project)).toEqual(['精工远程运维平台（测试）']);
    const refused = await liang.post(`/api/v1/competition-entries/${entryIds.get('ent.nanning')}/review`, { round: 1, conflict: false, scores: { c1: 40, c2: 30, c3: 30 } });
    expect(refused.statusCode).toBe(403);
    expect((await liang.get(`/api/v1/competition-entries/${entryIds.get('ent.nanning')}/deck`)).statusCode).toBe(403);
    expect((await (await as('expert1.nanning')).get(`/api/v1/competition-entries/${entryIds.get('ent.nanning')}/deck`)).statusCode).toBe(200);
    expect(await stat('competitions.judges', '450100')).toBe(3);
  });

  it('judges score through review: bad scores name the criterion; blind until one has scored; the round must be complete to advance', async () => {
    const qin = await as('expert1.nanning');
    const qinghe = entryIds.get('ent.nanning')!;
    const jinggong = entryIds.get('startup1.nanning')!;
    expect(fields(await qin.post(`/api/v1/competition-entries/${qinghe}/review`, { round: 1, conflict: false, scores: { c1: 41, c2: 30 } })).sort()).toEqual(['scores.c1:maximum', 'scores.c3:required']);
    expect(fields(await qin.post(`/api/v1/competition-entries/${qinghe}/review`, { round: 2, conflict: false, scores: { c1: 1, c2: 1, c3: 1 } }))).toEqual(['round:current_round']);
    expect((await qin.post(`/api/v1/competition-entries/${qinghe}/review`, { round: 1, conflict: false, scores: { c1: 35, c2: 25, c3: 25 } })).statusCode).toBe(200);
    expect((await qin.post(`/api/v1/competition-entries/${qinghe}/review`, { round: 1, conflict: false, scores: { c1: 35, c2: 25, c3: 25 } })).statusCode).toBe(409);
    const office = await as('office.nanning');
    expect(fields(await office.post(`/api/v1/competitions/${callId}/advance`, {}))).toEqual(['round:min_judges']);
    await qin.post(`/api/v1/competition-entries/${jinggong}/review`, { round: 1, conflict: false, scores: { c1: 30, c2: 20, c3: 20 } });
    const lu = await as('expert2.nanning');
    await lu.post(`/api/v1/competition-entries/${qinghe}/review`, { round: 1, conflict: false, scores: { c1: 30, c2: 25, c3: 25 } });
    await lu.post(`/api/v1/competition-entries/${jinggong}/review`, { round: 1, conflict: false, scores: { c1: 30, c2: 20, c3: 20 } });
    // 梁宇 scores far from the others: flagged as an outlier for the office.
    await (await as('expert3.nanning')).post(`/api/v1/competition-entries/${jinggong}/review`, { round: 1, conflict: false, scores: { c1: 5, c2: 5, c3: 5 } });
    const m = (await office.get(`/api/v1/competitions/${callId}/manage`)).json();
    expect(m.roundComplete).toBe(true);
    const jg = m.entries.find((e: { id: string }) => e.id === jinggong);
    expect(jg.reviews.map((r: { total: number; outlier: boolean }) => [r.total, r.outlier]).sort((a: number[], b: number[]) => b[0]! - a[0]!)).toEqual([
      [70, false],
      [70, false],
      [15, true],
    ]);
    const adv = await office.post(`/api/v1/competitions/${callId}/advance`, {});
    expect(adv.statusCode, adv.body).toBe(200);
    expect(adv.json().call.stage).toBe('final');
    expect(adv.json().entries.map((e: { finalist: boolean }) => e.finalist)).toEqual([true, true]);
  });

  it('the final: the panel again excludes 梁宇 from 青禾; equal means and medians are decided by the top criterion', async () => {
    const office = await as('office.nanning');
    const r = await office.post(`/api/v1/competitions/${callId}/rounds/2/panel`, { expertIds: [experts.get('覃敏')!, experts.get('陆洋')!, experts.get('梁宇')!] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().exclusions.filter((x: { round: number }) => x.round === 2).map((x: { judgeName: string; reason: string }) => [x.judgeName, x.reason])).toEqual([['梁宇（评审专家）', 'related_enterprise']]);
    const qinghe = entryIds.get('ent.nanning')!;
    const jinggong = entryIds.get('startup1.nanning')!;
    // Each judge sees their own work once: 覃敏 both finalists, 梁宇 only 精工.
    expect(((await (await as('expert1.nanning')).get('/api/v1/competitions-judging')).json() as { project: string; round: number }[]).map((w) => [w.project, w.round]).sort()).toEqual([
      ['精工远程运维平台（测试）', 2],
      ['青禾边缘AI质检盒（测试）', 2],
    ]);
    expect(((await (await as('expert3.nanning')).get('/api/v1/competitions-judging')).json() as { project: string }[]).map((w) => w.project)).toEqual(['精工远程运维平台（测试）']);
    // 青禾: 80 and 80 → mean 80, median 80. 精工: 70, 80, 90 → mean 80, median 80 …
    // then the top criterion (创新性, 40 points): 青禾 36, 精工 35 → 青禾 first, decided by the top criterion.
    await (await as('expert1.nanning')).post(`/api/v1/competition-entries/${qinghe}/review`, { round: 2, conflict: false, scores: { c1: 36, c2: 22, c3: 22 } });
    await (await as('expert2.nanning')).post(`/api/v1/competition-entries/${qinghe}/review`, { round: 2, conflict: false, scores: { c1: 36, c2: 22, c3: 22 } });
    await (await as('expert1.nanning')).post(`/api/v1/competition-entries/${jinggong}/review`, { round: 2, conflict: false, scores: { c1: 30, c2: 20, c3: 20 } });
    await (await as('expert2.nanning')).post(`/api/v1/competition-entries/${jinggong}/review`, { round: 2, conflict: false, scores: { c1: 35, c2: 25, c3: 20 } });
    await (await as('expert3.nanning')).post(`/api/v1/competition-entries/${jinggong}/review`, { round: 2, conflict: false, scores: { c1: 40, c2: 25, c3: 25 } });
    const pub = await office.post(`/api/v1/competitions/${callId}/publish`, {});
    expect(pub.statusCode, pub.body).toBe(200);
    const page = (await new TestClient(t.app).get(`/api/v1/competitions/${callId}`)).json();
    expect(page.stage).toBe('published');
    expect(page.results.map((x: { rank: number; project: string; winner: boolean; mean: number; decidedBy: string | null; totals: number[] }) => [x.rank, x.project, x.winner, x.mean, x.decidedBy, x.totals])).toEqual([
      [1, '青禾边缘AI质检盒（测试）', true, 80, null, [80, 80]],
      [2, '精工远程运维平台（测试）', false, 80, 'top_criterion', [70, 80, 90]],
    ]);
    // The public results name no judge.
    expect(JSON.stringify(page)).not.toMatch(/覃敏|陆洋|梁宇/);
    expect(fields(await office.post(`/api/v1/competitions/${callId}/publish`, {}))).toEqual([]);
    expect((await office.post(`/api/v1/competitions/${callId}/publish`, {})).statusCode).toBe(409);
  });

  it("the winner's profile holds the verified prize, and the finder tells it that it qualifies", async () => {
    const fact = (await sql<{ value: unknown; source: string; verified: boolean }>`
      SELECT f.value, f.source, f.verified FROM subject_facts f JOIN subjects s ON s.id = f.subject_id
       WHERE s.name = '南宁青禾智能科技有限公司' AND f.variable = 'nn_won_renowned_competition' AND f.superseded_at IS NULL`.execute(t.deps.db)).rows;
    expect(fact).toEqual([{ value: true, source: 'registry:competitions', verified: true }]);
    const loser = (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM subject_facts f JOIN subjects s ON s.id = f.subject_id
       WHERE s.name = '南宁精工智造装备有限公司' AND f.variable = 'nn_won_renowned_competition' AND f.source = 'registry:competitions'`.execute(t.deps.db)).rows[0]!.n;
    expect(loser).toBe(0);
    const inbox = (await (await as('ent.nanning')).get('/api/v1/notifications')).json() as { items: { title: { zh: string } }[] };
    const titles = inbox.items.map((n) => n.title.zh);
    expect(titles.some((x) => x.includes('创业大赛获奖项目优先科技计划立项'))).toBe(true);
    expect(titles.some((x) => x.includes('第1名'))).toBe(true);
    expect(await stat('competitions.winners', '450100')).toBe(1);
    expect(await stat('competitions.conflicts_excluded', '450100')).toBe(2);
  });
});

describe('a declared conflict of interest', () => {
  it('is refused without a note, then recorded as an exclusion with its reason; the judge no longer sees the entry', async () => {
    const office = await as('office.nanning');
    const demo = ((await new TestClient(t.app).get('/api/v1/competitions')).json() as { id: string; title: string }[]).find((c) => c.title === '南宁市第二届创新创业大赛')!;
    const pool = (await office.get('/api/v1/competition-experts')).json() as { id: string }[];
    expect((await office.post(`/api/v1/competitions/${demo.id}/rounds/1/panel`, { expertIds: pool.map((e) => e.id) })).statusCode).toBe(200);
    const qin = await as('expert1.nanning');
    const work = (await qin.get('/api/v1/competitions-judging')).json() as { entryId: string; project: string; callId: string }[];
    const target = work.find((w) => w.callId === demo.id && w.project === '智控园区能耗托管服务')!;
    expect(fields(await qin.post(`/api/v1/competition-entries/${target.entryId}/review`, { round: 1, conflict: true, conflictNote: ' ' }))).toEqual(['conflictNote:required']);
    expect((await qin.post(`/api/v1/competition-entries/${target.entryId}/review`, { round: 1, conflict: true, conflictNote: '曾为该企业提供有偿咨询' })).statusCode).toBe(200);
    const after = (await qin.get('/api/v1/competitions-judging')).json() as { entryId: string }[];
    expect(after.some((w) => w.entryId === target.entryId)).toBe(false);
    const m = (await office.get(`/api/v1/competitions/${demo.id}/manage`)).json() as { exclusions: { judgeName: string; reason: string; detail: { zh: string } }[] };
    expect(m.exclusions.map((x) => [x.judgeName, x.reason])).toEqual([
      ['梁宇（评审专家）', 'related_enterprise'],
      ['覃敏（评审专家）', 'declared'],
    ]);
    expect(m.exclusions[1]!.detail.zh).toContain('曾为该企业提供有偿咨询');
  });
});
