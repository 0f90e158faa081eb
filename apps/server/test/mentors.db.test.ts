import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentorsManifest } from '../src/modules/mentors/index.js';
import { score } from '../src/modules/mentors/mentors.service.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * Mentors on the demo data (today 2026-11-20): the library; the score's terms; a founder asks
 * mentor.nanning (the best match for business plan and financing in Qingxiu); the mentor accepts;
 * a session is booked, counts only once both sides confirmed it; ratings; ending; the office's
 * commitments; bad input named by field and rule.
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
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);
const stat = (name: string) => mentorsManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' });

let founderSubject: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  founderSubject = (await sql<{ id: string }>`SELECT id FROM subjects WHERE name = '韦小燕'`.execute(t.deps.db)).rows[0]!.id;
}, 240_000);
afterAll(async () => t?.close());

describe('the score', () => {
  it('adds expertise, industry and region, and takes off for load, each term with its reason', () => {
    const s = score({ fields: ['financing', 'business_plan', 'legal'], industries: ['I'], region_code: '450103', active_pairings: 2 }, { fields: ['financing', 'business_plan', 'marketing'], industry: 'I', regionCode: '450103' });
    expect(s.terms.map((x) => x.points)).toEqual([20, 6, 4, -4]);
    expect(s.score).toBe(26);
    expect(s.terms[0]!.reason.zh).toContain('融资与投资对接');
    const far = score({ fields: ['financing'], industries: [], region_code: '450107', active_pairings: 0 }, { fields: ['financing'], industry: 'C', regionCode: '450103' });
    expect(far.terms.map((x) => x.points)).toEqual([10, 2]);
  });
});

describe('a founder is matched with a mentor', () => {
  let pairingId: string;
  it('suggests the best matches, best first, and asks the chosen one', async () => {
    const founder = await as('founder');
    const list = (await founder.post('/api/v1/mentors/suggestions', { fields: ['business_plan', 'financing'], industry: 'I', regionCode: '450103' })).json();
    expect(list.map((s: { mentor: { name: string }; score: number }) => [s.mentor.name, s.score])).toEqual([
      ['覃志远', 30],
      ['黎晓红', 12],
    ]);
    const mentorId = list[0].mentor.id;
    const bad = await founder.post('/api/v1/mentor-pairings', { mentorId, subjectId: '00000000-0000-4000-8000-000000000000', need: '短', fields: [], industry: null });
    expect(bad.statusCode).toBe(400);
    const notMine = await founder.post('/api/v1/mentor-pairings', { mentorId, subjectId: (await sql<{ id: string }>`SELECT id FROM subjects WHERE name = '南宁青禾智能科技有限公司'`.execute(t.deps.db)).rows[0]!.id, need: '完善商业计划书，准备天使轮融资', fields: ['financing'], industry: 'I' });
    expect(fields(notMine)).toEqual(['subjectId:acts_for']);
    const r = await founder.post('/api/v1/mentor-pairings', { mentorId, subjectId: founderSubject, need: '完善商业计划书，准备天使轮融资', fields: ['business_plan', 'financing'], industry: 'I' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ side: 'founder', mentorName: '覃志远', founderName: '韦小燕', status: 'requested', score: 30 });
    pairingId = r.json().id;
    expect((await founder.post('/api/v1/mentor-pairings', { mentorId, subjectId: founderSubject, need: '再申请一次同一位导师', fields: ['financing'], industry: null })).json().code).toBe('PAIRING_LIVE');
  });

  it('only the mentor answers; sessions wait for the acceptance', async () => {
    const founder = await as('founder');
    expect((await founder.post(`/api/v1/mentor-pairings/${pairingId}/decision`, { accept: true, note: '' })).statusCode).toBe(403);
    expect((await founder.post(`/api/v1/mentor-pairings/${pairingId}/sessions`, { heldOn: '2026-11-20', mode: 'online', place: '' })).json().code).toBe('NOT_ACCEPTED');
    expect((await (await as('ent.nanning')).post(`/api/v1/mentor-pairings/${pairingId}/decision`, { accept: true, note: '' })).statusCode).toBe(404);
    const mentor = await as('mentor.nanning');
    const r = await mentor.post(`/api/v1/mentor-pairings/${pairingId}/decision`, { accept: true, note: '欢迎' });
    expect(r.json()).toMatchObject({ side: 'mentor', status: 'accepted' });
    expect((await mentor.post(`/api/v1/mentor-pairings/${pairingId}/decision`, { accept: false, note: '' })).json().code).toBe('NOT_REQUESTED');
  });

  it('a session counts only once both sides confirmed it', async () => {
    const founder = await as('founder');
    const mentor = await as('mentor.nanning');
    expect(fields(await mentor.post(`/api/v1/mentor-pairings/${pairingId}/sessions`, { heldOn: '2026-11-20', mode: 'in_person', place: '' }))).toEqual(['place:required_in_person']);
    const booked = await mentor.post(`/api/v1/mentor-pairings/${pairingId}/sessions`, { heldOn: '2026-11-20', mode: 'in_person', place: '广西创业投资有限公司会议室' });
    const sessionId = booked.json().sessions[0].id;
    expect((await mentor.post(`/api/v1/mentor-pairings/${pairingId}/sessions`, { heldOn: '2026-11-20', mode: 'online', place: '' })).json().code).toBe('SESSION_EXISTS');
    const future = (await founder.post(`/api/v1/mentor-pairings/${pairingId}/sessions`, { heldOn: '2026-12-10', mode: 'online', place: '' })).json().sessions.find((s: { heldOn: string }) => s.heldOn === '2026-12-10');
    expect(fields(await founder.post(`/api/v1/mentor-pairings/${pairingId}/sessions/${future.id}/confirm`, { record: '还没有举行的辅导' }))).toEqual(['record:held']);
    const one = await mentor.post(`/api/v1/mentor-pairings/${pairingId}/sessions/${sessionId}/confirm`, { record: '梳理了商业模式与收入结构' });
    expect(one.json().sessions[0]).toMatchObject({ confirmed: false, mentorRecord: '梳理了商业模式与收入结构' });
    expect(await stat('mentors.sessions')).toBe(0);
    expect((await mentor.post(`/api/v1/mentor-pairings/${pairingId}/sessions/${sessionId}/confirm`, { record: '再确认一次' })).json().code).toBe('CONFIRMED');
    const both = await founder.post(`/api/v1/mentor-pairings/${pairingId}/sessions/${sessionId}/confirm`, { record: '明确了融资计划下一步' });
    expect(both.json().sessions[0]).toMatchObject({ confirmed: true });
    expect(await stat('mentors.sessions')).toBe(1);
    const office = (await (await as('office.nanning')).get('/api/v1/mentors/commitments/2026')).json();
    expect(office.find((c: { name: string }) => c.name === '覃志远')).toMatchObject({ yearlySessions: 12, confirmed: 1, booked: 2 });
    expect((await founder.get('/api/v1/mentors/commitments/2026')).statusCode).toBe(403);
  });

  it('either side rates and can end the pairing', async () => {
    const founder = await as('founder');
    expect((await founder.post(`/api/v1/mentor-pairings/${pairingId}/rating`, { stars: 6, comment: '' })).statusCode).toBe(400);
    expect((await founder.post(`/api/v1/mentor-pairings/${pairingId}/rating`, { stars: 5, comment: '很有帮助' })).json()).toMatchObject({ myRating: 5, theirRating: null });
    expect((await (await as('mentor.nanning')).post(`/api/v1/mentor-pairings/${pairingId}/rating`, { stars: 4, comment: '' })).json()).toMatchObject({ myRating: 4, theirRating: 5 });
    expect(((await new TestClient(t.app).get('/api/v1/mentors')).json() as { name: string; rating: number | null }[]).find((m) => m.name === '覃志远')!.rating).toBe(5);
    const ended = await founder.post(`/api/v1/mentor-pairings/${pairingId}/end`, { reason: '融资已完成' });
    expect(ended.json()).toMatchObject({ status: 'ended', endReason: '融资已完成' });
    expect((await founder.post(`/api/v1/mentor-pairings/${pairingId}/end`, { reason: '再结束一次' })).json().code).toBe('NOT_LIVE');
  });
});

describe('the library', () => {
  it('the office adds mentors in its region, linked to an account when named', async () => {
    const office = await as('office.nanning');
    const body = { name: '韦明', organisation: '南宁市科技企业孵化器协会', title: '秘书长', regionCode: '450103', fields: ['operations'], industries: ['C'], availability: '每周一上午', yearlySessions: 10, bio: '' };
    expect((await (await as('founder')).post('/api/v1/mentors', body)).statusCode).toBe(403);
    expect(fields(await office.post('/api/v1/mentors', { ...body, regionCode: '360602', username: 'nobody.here' })).sort()).toEqual(['regionCode:office_region', 'username:known_account']);
    expect(fields(await office.post('/api/v1/mentors', { ...body, username: 'mentor.nanning' }))).toEqual(['username:unique']);
    const r = await office.post('/api/v1/mentors', body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ name: '韦明', hasAccount: false, activePairings: 0, rating: null });
    expect(await stat('mentors.mentors')).toBe(4);
  });

  it('the office edits a mentor of its region; the account changes only without live pairings', async () => {
    const office = await as('office.nanning');
    const managed = (await office.get('/api/v1/mentors/managed')).json() as { id: string; name: string; username: string | null; yearlySessions: number }[];
    expect(managed.map((m) => m.name).sort()).toEqual(['卢建国', '覃志远', '韦明', '黎晓红'].sort());
    expect(managed.find((m) => m.name === '覃志远')!.username).toBe('mentor.nanning');
    expect((await (await as('founder')).get('/api/v1/mentors/managed')).statusCode).toBe(403);
    const wei = managed.find((m) => m.name === '韦明')!;
    const body = { name: '韦明', organisation: '南宁市科技企业孵化器协会', title: '秘书长', regionCode: '450103', fields: ['operations', 'hr'], industries: ['C', 'F'], availability: '每周一、周四上午', yearlySessions: 16, bio: '二十年企业管理经验。' };
    const bad = await office.request('PUT', `/api/v1/mentors/${wei.id}`, { ...body, name: '  ', availability: ' x ', regionCode: '360602' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['availability:required', 'name:required', 'regionCode:office_region']);
    expect(bad.json().errors.find((e: { field: string }) => e.field === 'name').message.zh).toContain('导师姓名');
    expect((await office.request('PUT', `/api/v1/mentors/${wei.id}`, { ...body, yearlySessions: 0 })).statusCode).toBe(400);
    expect((await office.request('PUT', '/api/v1/mentors/00000000-0000-4000-8000-000000000000', body)).statusCode).toBe(404);
    const ok = await office.request('PUT', `/api/v1/mentors/${wei.id}`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '韦明', fields: ['operations', 'hr'], industries: ['C', 'F'], availability: '每周一、周四上午', yearlySessions: 16, username: null, hasAccount: false });
    // Linked to an account: another mentor's is refused, a free person's taken.
    expect(fields(await office.request('PUT', `/api/v1/mentors/${wei.id}`, { ...body, username: 'mentor.nanning' }))).toEqual(['username:unique']);
    const linked = await office.request('PUT', `/api/v1/mentors/${wei.id}`, { ...body, username: 'startup1.nanning' });
    expect(linked.json()).toMatchObject({ username: 'startup1.nanning', hasAccount: true });
    // 覃志远 has no live pairing any more (ended above); a live one blocks a change of account.
    const qin = managed.find((m) => m.name === '覃志远')!;
    const asked = await (await as('founder')).post('/api/v1/mentor-pairings', { mentorId: qin.id, subjectId: founderSubject, need: '再请导师辅导市场推广', fields: ['financing'], industry: null });
    expect(asked.statusCode, asked.body).toBe(201);
    const qinBody = { name: '覃志远', organisation: '广西创业投资有限公司', title: '投资总监', regionCode: '450103', fields: ['business_plan', 'financing', 'finance_tax'], industries: ['I', 'M'], availability: '每周三下午，可面谈或线上', yearlySessions: 12, bio: '' };
    const blocked = await office.request('PUT', `/api/v1/mentors/${qin.id}`, qinBody);
    expect(blocked.statusCode).toBe(409);
    expect(fields(blocked)).toEqual(['username:no_live_pairings']);
    const kept = await office.request('PUT', `/api/v1/mentors/${qin.id}`, { ...qinBody, username: 'mentor.nanning', yearlySessions: 14 });
    expect(kept.json()).toMatchObject({ username: 'mentor.nanning', yearlySessions: 14 });
    const audit = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'mentor.updated'`.execute(t.deps.db)).rows[0]!.n;
    expect(audit).toBe(3);
  });
});
