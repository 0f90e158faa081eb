import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingManifest } from '../src/modules/training/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * Training on the demo data (today 2026-11-20): trainer.nanning's SYB course (three 8-hour
 * sessions ending today, 1,000 yuan a trainee under nn.startup-training-subsidy); a course with
 * bad input named field by field; the capacity kept by the database; enrolment, attendance,
 * completion at 80% of the hours writing the verified facts on the trainee's profile; the
 * certificate; the subsidy application with those facts known; the six-month follow-up.
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
const stat = (name: string, from = '2026-01-01', to = '2026-11-20', regionCode = '450100') =>
  trainingManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode, from, to });

let demoCourse: { id: string; sessions: { id: string; heldOn: string }[] };
beforeAll(async () => {
  t = await testApp({ demo: true });
  const list = (await new TestClient(t.app).get('/api/v1/training/courses')).json() as { id: string; title: string }[];
  const id = list.find((c) => c.title === '2026年第四期SYB创业培训班')!.id;
  demoCourse = (await new TestClient(t.app).get(`/api/v1/training/courses/${id}`)).json();
}, 240_000);
afterAll(async () => t?.close());

const NEW = {
  title: '网络创业培训（电商方向）',
  kind: 'online_startup',
  regionCode: '450103',
  place: '',
  online: true,
  capacity: 1,
  itemId: 'nn.startup-training-subsidy',
  subsidyFen: 80_000,
  sessions: [
    { heldOn: '2026-12-01', hours: 6, topic: '网店开设与运营' },
    { heldOn: '2026-12-02', hours: 6, topic: '网络营销' },
  ],
};

describe('courses', () => {
  it('lists the demo course publicly with its hours, capacity and subsidy standard', async () => {
    const anon = new TestClient(t.app);
    const page = (await anon.get(`/api/v1/training/courses/${demoCourse.id}`)).json();
    expect(page).toMatchObject({ providerName: '南宁市青秀区创业职业培训学校', hours: 24, capacity: 30, enrolled: 0, subsidyFen: 100_000, open: true, startsOn: '2026-11-18', endsOn: '2026-11-20', mayEnrol: false, mayManage: false });
    expect(page.itemTitle.zh).toBe('创业培训补贴');
    expect(((await anon.get('/api/v1/training/subsidy-items')).json() as { id: string }[]).map((i) => i.id)).toEqual(expect.arrayContaining(['nn.startup-training-subsidy', 'yx.startup-training-subsidy']));
  });

  it('are opened by training providers only, bad input named by field and rule', async () => {
    expect((await (await as('ent.nanning')).post('/api/v1/training/courses', NEW)).statusCode).toBe(403);
    const trainer = await as('trainer.nanning');
    const bad = await trainer.post('/api/v1/training/courses', {
      ...NEW,
      online: false,
      regionCode: '450100',
      itemId: 'nn.new-product-subsidy',
      sessions: [NEW.sessions[0], { ...NEW.sessions[0], topic: '重复' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).sort()).toEqual(['itemId:training_subsidy_item', 'place:required_offline', 'regionCode:district', 'sessions/1/heldOn:one_a_day']);
    expect(bad.json().errors[0].message.zh).toBeTruthy();
    const yx = await trainer.post('/api/v1/training/courses', { ...NEW, itemId: 'yx.startup-training-subsidy' });
    expect(fields(yx)).toEqual(['itemId:item_covers_region']);
    expect((await trainer.post('/api/v1/training/courses', { ...NEW, capacity: 0 })).statusCode).toBe(400);
    expect((await trainer.post('/api/v1/training/courses', { ...NEW, extra: true })).statusCode).toBe(400);
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM training_courses`.execute(t.deps.db)).rows[0]!.n;
    const ok = await trainer.post('/api/v1/training/courses', NEW);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ title: NEW.title, hours: 12, capacity: 1, mayManage: true, sessions: [{ heldOn: '2026-12-01' }, { heldOn: '2026-12-02' }] });
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM training_courses`.execute(t.deps.db)).rows[0]!.n).toBe(before + 1);
    expect(((await trainer.get('/api/v1/training/courses-mine')).json() as unknown[]).length).toBe(2);
  });
});

describe('the capacity is the database rule', () => {
  it('refuses an enrolment beyond it even written straight into the table; the API answers 409', async () => {
    const [course] = (await sql<{ id: string }>`SELECT id FROM training_courses WHERE title = ${NEW.title}`.execute(t.deps.db)).rows;
    const people = (await sql<{ id: string; user_id: string }>`SELECT id, user_id FROM subjects WHERE kind = 'person' AND user_id IS NOT NULL LIMIT 1`.execute(t.deps.db)).rows;
    const others = (await sql<{ id: string }>`SELECT id FROM subjects WHERE kind = 'person' AND demo LIMIT 1`.execute(t.deps.db)).rows;
    const founder = await as('founder');
    const r = await founder.post(`/api/v1/training/courses/${course!.id}/enrol`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ enrolled: 1, open: false, mine: { status: 'enrolled' } });
    await expect(
      sql`INSERT INTO training_enrolments (course_id, subject_id, user_id, status, enrolled_at) VALUES (${course!.id}, ${others[0]!.id}, ${people[0]!.user_id}, 'enrolled', now())`.execute(t.deps.db),
    ).rejects.toThrow(/training_courses_capacity/);
    expect((await founder.post(`/api/v1/training/courses/${course!.id}/enrol`)).json().code).toBe('ALREADY_ENROLLED');
  });
});

describe('withdrawal before the start', () => {
  const liveCount = async (courseId: string) =>
    (await sql<{ enrolled: number; live: number }>`SELECT c.enrolled, (SELECT count(*)::int FROM training_enrolments e WHERE e.course_id = c.id AND e.status <> 'withdrawn') AS live FROM training_courses c WHERE c.id = ${courseId}`.execute(t.deps.db)).rows[0]!;

  it('frees the seat (the trigger keeps the count); enrolling again takes it back under the capacity', async () => {
    const [course] = (await sql<{ id: string }>`SELECT id FROM training_courses WHERE title = ${NEW.title}`.execute(t.deps.db)).rows;
    const founder = await as('founder');
    const other = await as('mentor.nanning'); // a person too (the mentors' demo)
    expect((await other.post(`/api/v1/training/courses/${course!.id}/enrol`)).json().code).toBe('COURSE_FULL');
    expect((await founder.get(`/api/v1/training/courses/${course!.id}`)).json()).toMatchObject({ mayWithdraw: true, mine: { status: 'enrolled' } });
    const out = await founder.post(`/api/v1/training/courses/${course!.id}/withdraw`);
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ enrolled: 0, withdrawn: 1, open: true, mayWithdraw: false, mayEnrol: true, mine: { status: 'withdrawn' } });
    expect(await liveCount(course!.id)).toEqual({ enrolled: 0, live: 0 });
    expect((await founder.post(`/api/v1/training/courses/${course!.id}/withdraw`)).json().code).toBe('NOT_ENROLLED');
    // The freed seat goes to someone else; the founder enrolling again finds the course full.
    expect((await other.post(`/api/v1/training/courses/${course!.id}/enrol`)).json()).toMatchObject({ enrolled: 1, mine: { status: 'enrolled' } });
    expect((await founder.post(`/api/v1/training/courses/${course!.id}/enrol`)).json().code).toBe('COURSE_FULL');
    expect(await liveCount(course!.id)).toEqual({ enrolled: 1, live: 1 });
    expect((await other.post(`/api/v1/training/courses/${course!.id}/withdraw`)).json()).toMatchObject({ enrolled: 0, withdrawn: 2 }); // both
    const again = await founder.post(`/api/v1/training/courses/${course!.id}/enrol`);
    expect(again.json()).toMatchObject({ enrolled: 1, withdrawn: 1, mine: { status: 'enrolled' } });
    expect(await liveCount(course!.id)).toEqual({ enrolled: 1, live: 1 });
    // The provider sees the withdrawal on the roster, with its time, and in its course list.
    const trainer = await as('trainer.nanning');
    const roster = (await trainer.get(`/api/v1/training/courses/${course!.id}/roster`)).json() as { traineeName: string; status: string; withdrawnAt: string | null }[];
    const byName = new Map(roster.map((r) => [r.traineeName, r]));
    expect(roster).toHaveLength(2);
    expect(byName.get('韦小燕')).toMatchObject({ status: 'enrolled', withdrawnAt: null });
    expect(byName.get('覃志远')).toMatchObject({ status: 'withdrawn' });
    expect(byName.get('覃志远')!.withdrawnAt).toMatch(/^2026-11-\d\dT.*Z$/);
    expect(((await trainer.get('/api/v1/training/courses-mine')).json() as { title: string; withdrawn: number }[]).find((c) => c.title === NEW.title)!.withdrawn).toBe(1);
    // The withdrawn row is kept whole: the database refuses a withdrawal without its time.
    await expect(sql`UPDATE training_enrolments SET status = 'withdrawn' WHERE course_id = ${course!.id} AND status = 'enrolled'`.execute(t.deps.db)).rejects.toThrow(/training_enrolments_withdrawn_at/);
    expect(await liveCount(course!.id)).toEqual({ enrolled: 1, live: 1 });
  });
});

describe('enrolment, attendance, completion and the subsidy', () => {
  let enrolmentId: string;
  it('a person enrols; an enterprise account cannot', async () => {
    expect((await (await as('ent.nanning')).post(`/api/v1/training/courses/${demoCourse.id}/enrol`)).statusCode).toBe(403);
    const r = await (await as('founder')).post(`/api/v1/training/courses/${demoCourse.id}/enrol`);
    expect(r.json()).toMatchObject({ enrolled: 1, mine: { status: 'enrolled', attendedHours: 0, hours: 24 } });
    enrolmentId = r.json().mine.id;
    expect(await stat('training.trainees')).toBe(1); // one person in two courses (覃志远 withdrew)
  });

  it('after the course has started a withdrawal is refused with a 409 naming the rule', async () => {
    const founder = await as('founder');
    expect((await founder.get(`/api/v1/training/courses/${demoCourse.id}`)).json()).toMatchObject({ startsOn: '2026-11-18', mayWithdraw: false, mine: { status: 'enrolled' } });
    const late = await founder.post(`/api/v1/training/courses/${demoCourse.id}/withdraw`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('COURSE_STARTED');
    expect(late.json().message.zh).toContain('开课后不能退出');
    expect(fields(late)).toEqual(['courseId:before_start']);
    expect(late.json().errors[0].message.zh).toContain('2026-11-18');
    expect((await founder.get(`/api/v1/training/courses/${demoCourse.id}`)).json()).toMatchObject({ enrolled: 1, withdrawn: 0, mine: { status: 'enrolled' } });
    expect((await (await as('ent.nanning')).post(`/api/v1/training/courses/${demoCourse.id}/withdraw`)).statusCode).toBe(403);
    expect((await (await as('mentor.nanning')).post(`/api/v1/training/courses/${demoCourse.id}/withdraw`)).json().code).toBe('NOT_ENROLLED');
  });

  it('the provider records attendance; the course cannot close while a session is unrecorded', async () => {
    const trainer = await as('trainer.nanning');
    const [s1, s2, s3] = demoCourse.sessions;
    expect((await (await as('founder')).request('PUT', `/api/v1/training/courses/${demoCourse.id}/sessions/${s1!.id}/attendance`, { present: [enrolmentId] })).statusCode).toBe(403);
    const stranger = await trainer.request('PUT', `/api/v1/training/courses/${demoCourse.id}/sessions/${s1!.id}/attendance`, { present: ['00000000-0000-4000-8000-000000000000'] });
    expect(fields(stranger)).toEqual(['present:enrolled_trainee']);
    for (const s of [s1!, s2!]) expect((await trainer.request('PUT', `/api/v1/training/courses/${demoCourse.id}/sessions/${s.id}/attendance`, { present: [enrolmentId] })).statusCode).toBe(200);
    const early = await trainer.post(`/api/v1/training/courses/${demoCourse.id}/complete`);
    expect(fields(early)).toEqual(['sessions:attendance_recorded']);
    const roster = (await trainer.request('PUT', `/api/v1/training/courses/${demoCourse.id}/sessions/${s3!.id}/attendance`, { present: [enrolmentId] })).json();
    expect(roster).toEqual([expect.objectContaining({ traineeName: '韦小燕', attendedHours: 24, status: 'enrolled' })]);
  });

  it('closing the course completes the trainee and writes the verified facts on the profile', async () => {
    const trainer = await as('trainer.nanning');
    const r = await trainer.post(`/api/v1/training/courses/${demoCourse.id}/complete`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual([expect.objectContaining({ status: 'completed', completedOn: '2026-11-20' })]);
    const facts = (
      await sql<{ variable: string; value: unknown; source: string; verified: boolean }>`
        SELECT f.variable, f.value, f.source, f.verified FROM subject_facts f JOIN subjects s ON s.id = f.subject_id
         WHERE s.name = '韦小燕' AND f.superseded_at IS NULL AND f.variable IN ('attended_startup_training', 'startup_training_subsidy_due') ORDER BY f.variable`.execute(t.deps.db)
    ).rows;
    expect(facts).toEqual([
      { variable: 'attended_startup_training', value: true, source: 'registry:training', verified: true },
      { variable: 'startup_training_subsidy_due', value: 100_000, source: 'registry:training', verified: true },
    ]);
    expect((await trainer.post(`/api/v1/training/courses/${demoCourse.id}/complete`)).json().code).toBe('COURSE_COMPLETED');
    const mine = (await (await as('founder')).get('/api/v1/training/mine')).json();
    expect(mine.find((e: { id: string }) => e.id === enrolmentId)).toMatchObject({ status: 'completed', attendedHours: 24, itemId: 'nn.startup-training-subsidy', subsidyFen: 100_000 });
    expect(await stat('training.completions')).toBe(1);
  });

  it('prints the certificate for the trainee, not for others', async () => {
    const pdf = await (await as('founder')).get(`/api/v1/training/enrolments/${enrolmentId}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await (await as('ent.nanning')).get(`/api/v1/training/enrolments/${enrolmentId}/certificate.pdf`)).statusCode).toBe(403);
  });

  it('the subsidy application knows the training from the profile: the trainee only answers the target group', async () => {
    const founder = await as('founder');
    const subjectId = (await sql<{ id: string }>`SELECT id FROM subjects WHERE name = '韦小燕'`.execute(t.deps.db)).rows[0]!.id;
    const v = await founder.post('/api/v1/fulfilment/verdict', { itemId: 'nn.startup-training-subsidy', subjectId, answers: { nn_in_training_target_group: true } });
    expect(v.json()).toMatchObject({ status: 'eligible', amount: { fen: 100_000 } });
    const claimed = await founder.post('/api/v1/fulfilment/verdict', { itemId: 'nn.startup-training-subsidy', subjectId, answers: { nn_in_training_target_group: true, attended_startup_training: false } });
    expect(claimed.statusCode).toBe(400);
  });
});

describe('the six-month follow-up', () => {
  it('is created by the daily job once six months have passed, and answered by the provider', async () => {
    const job = trainingManifest.jobs[0]!;
    expect(job.kind).toBe('training.follow_ups');
    const { createFollowUpsForTest } = await import('./training-helpers.js');
    expect(await createFollowUpsForTest(t, '2027-05-19')).toBe(0);
    expect(await createFollowUpsForTest(t, '2027-05-20')).toBe(1);
    expect(await createFollowUpsForTest(t, '2027-05-21')).toBe(0);
    const trainer = await as('trainer.nanning');
    const list = (await trainer.get('/api/v1/training/follow-ups')).json();
    expect(list).toEqual([expect.objectContaining({ traineeName: '韦小燕', dueOn: '2027-05-20', outcome: null })]);
    expect((await (await as('carrier.nanning')).get('/api/v1/training/follow-ups')).json()).toEqual([]);
    const bad = await trainer.request('PUT', `/api/v1/training/follow-ups/${list[0].enrolmentId}`, { outcome: 'rich', note: '' });
    expect(bad.statusCode).toBe(400);
    const r = await trainer.request('PUT', `/api/v1/training/follow-ups/${list[0].enrolmentId}`, { outcome: 'started_business', note: '已注册个体工商户' });
    expect(r.json()[0]).toMatchObject({ outcome: 'started_business' });
    expect(await stat('training.employment', '2026-01-01', '2026-12-31')).toBe(1);
    expect(await stat('training.started_business', '2026-01-01', '2026-12-31')).toBe(1);
    expect(await stat('training.employment', '2026-01-01', '2026-12-31', '360000')).toBe(0);
    const office = (await (await as('office.nanning')).get('/api/v1/training/follow-ups')).json();
    expect(office).toHaveLength(1);
  });
});
