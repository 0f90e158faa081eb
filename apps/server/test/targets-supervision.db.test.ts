import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionItemView, SupervisionList, TargetOptions } from '@seedbed/contract';
import { enqueueAnyJob } from '../src/platform/jobs.js';
import { demoSignIns, errorFields, testApp, type TestContext } from './test-app.js';

/**
 * Supervision items (督办件) on the demo data (today 2026-11-20): the Nanning programme office
 * (office.nanning) issues an item on the invention-patent target, whose lead unit is the science
 * bureau (officer.nanning); the bureau answers; the office returns it with a reason, the bureau
 * answers again, the office closes it with its closing record; every step is in the history.
 * Only the office issues and decides, only the responsible unit answers; bad input names its
 * field; the daily job escalates an item past its deadline without an answer exactly once.
 */
let t: TestContext;
const as = demoSignIns(() => t);

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

const NN = 'nn-2016-34';
const ITEMS = '/api/v1/targets/supervision-items';
let patents = '';
let kj = '';
let hr = '';

const byCatalogue = async (id: string) => (await sql<{ id: string }>`SELECT id FROM targets_targets WHERE catalogue_id = ${id} AND parent_id IS NULL`.execute(t.deps.db)).rows[0]!.id;
const issue = async (body: Record<string, unknown>) => (await as('office.nanning')).post(ITEMS, { targetId: patents, subject: '加快发明专利培育', request: '请说明四季度发明专利授权的推进措施和预计完成数', deadline: '2026-11-30', ...body });

describe('issuing', () => {
  beforeAll(async () => {
    const office = await as('office.nanning');
    expect((await office.post('/api/v1/targets/load', { document: NN })).statusCode).toBe(200);
    patents = await byCatalogue('nn.target.invention-patents-2020');
    const units = (await office.get('/api/v1/targets/options')).json<TargetOptions>().units;
    kj = units.find((u) => u.name === '南宁市科学技术局')!.organisationId;
    hr = units.find((u) => u.name === '南宁市人力资源和社会保障局')!.organisationId;
  });

  it('the office issues an item to the target’s lead unit by default; the unit sees it as its open item', async () => {
    const r = await issue({ level: 'key' });
    expect(r.statusCode, r.body).toBe(201);
    const item = r.json<SupervisionItemView>();
    expect(item).toMatchObject({ organisation: { organisationId: kj, name: '南宁市科学技术局' }, status: 'open', level: 'key', deadline: '2026-11-30', overdue: false, escalated: false, canAnswer: false, canDecide: false, issuedBy: '陈刚（双创办）' });
    expect(item.target.title.zh).toBe('至2020年底每万人有效发明专利拥有量达到8件');
    expect(item.history.map((h) => h.action)).toEqual(['issued']);

    const unit = await as('officer.nanning');
    const mine = (await unit.get(`${ITEMS}?status=open`)).json<SupervisionList>();
    expect(mine.items.map((i) => i.id)).toEqual([item.id]);
    expect(mine.items[0]!.canAnswer).toBe(true);
    const onTarget = (await unit.get(`${ITEMS}?targetId=${patents}`)).json<SupervisionList>();
    expect(onTarget.items).toHaveLength(1);
    // The unit was told.
    const told = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications n JOIN identity_users u ON u.id = n.user_id WHERE u.username = 'officer.nanning' AND n.kind = 'targets.supervision_issued'`.execute(t.deps.db);
    expect(told.rows[0]!.n).toBe(1);
    // Another department sees nothing of it.
    expect((await (await as('officer.hr.nanning')).get(ITEMS)).json<SupervisionList>().items).toEqual([]);
    expect((await (await as('officer.hr.nanning')).get(`${ITEMS}/${item.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input, naming the field and the rule, and writes nothing', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM targets_supervision_items`.execute(t.deps.db)).rows[0]!.n;
    const office = await as('office.nanning');
    const missing = await office.post(ITEMS, { targetId: patents, request: '要求', deadline: '2026-11-30' });
    expect(missing.statusCode).toBe(400);
    expect(errorFields(missing)).toEqual(['subject:required']);
    expect(missing.json<{ errors: { message: { zh: string; en: string } }[] }>().errors[0]!.message).toEqual({ zh: '必填', en: 'is required' });
    expect(errorFields(await issue({ subject: '   ' }))).toEqual(['subject:required']);
    const past = await issue({ deadline: '2026-11-19' });
    expect(past.statusCode).toBe(400);
    expect(errorFields(past)).toEqual(['deadline:not_past']);
    expect(past.json<{ errors: { message: { zh: string } }[] }>().errors[0]!.message.zh).toBe('办理期限不能早于今天');
    const unknown = await issue({ targetId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(errorFields(unknown)).toEqual(['targetId:exists']);
    // The human resources bureau neither leads nor supports the patent target.
    expect(errorFields(await issue({ organisationId: hr }))).toEqual(['organisationId:within:target_units']);
    expect(errorFields(await issue({ level: 'urgent' }))[0]).toMatch(/^level:/);
    // Only the office issues.
    expect((await (await as('officer.nanning')).post(ITEMS, { targetId: patents, subject: '自己督办', request: '要求', deadline: '2026-11-30' })).statusCode).toBe(403);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM targets_supervision_items`.execute(t.deps.db)).rows[0]!.n).toBe(before);
  });
});

describe('answering, returning, closing', () => {
  it('the unit answers; the office returns it; the unit answers again; the office closes it; all in the history', async () => {
    const office = await as('office.nanning');
    const unit = await as('officer.nanning');
    const id = (await office.get(`${ITEMS}?targetId=${patents}`)).json<SupervisionList>().items[0]!.id;

    // Nothing to decide before an answer; only the unit answers.
    const early = await office.post(`${ITEMS}/${id}/close`, { text: '结案' });
    expect(early.statusCode).toBe(409);
    expect(errorFields(early)).toEqual(['status:awaiting:decision']);
    expect((await office.post(`${ITEMS}/${id}/answer`, { text: '双创办代答' })).statusCode).toBe(403);
    expect((await (await as('officer.hr.nanning')).post(`${ITEMS}/${id}/answer`, { text: '别的单位答复' })).statusCode).toBe(404);
    expect(errorFields(await unit.post(`${ITEMS}/${id}/answer`, { text: '  ' }))).toEqual(['text:required']);

    const answered = await unit.post(`${ITEMS}/${id}/answer`, { text: '已开展专利导航 3 场，预计年底新增授权 150 件' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<SupervisionItemView>()).toMatchObject({ status: 'answered', canAnswer: false });
    expect(errorFields(await unit.post(`${ITEMS}/${id}/answer`, { text: '再答一次' }))).toEqual(['status:awaiting:answer']);
    // The unit does not close or return.
    expect((await unit.post(`${ITEMS}/${id}/close`, { text: '自行办结' })).statusCode).toBe(403);
    expect(errorFields(await office.post(`${ITEMS}/${id}/return`, { text: '' }))).toEqual(['text:minLength']);

    const returned = (await office.post(`${ITEMS}/${id}/return`, { text: '请补充分季度的完成数' })).json<SupervisionItemView>();
    expect(returned).toMatchObject({ status: 'returned', canDecide: false });
    expect((await unit.get(`${ITEMS}/${id}`)).json<SupervisionItemView>().canAnswer).toBe(true);
    expect((await unit.post(`${ITEMS}/${id}/answer`, { text: '三季度 40 件，四季度预计 110 件' })).statusCode).toBe(200);
    expect((await office.get(`${ITEMS}/${id}`)).json<SupervisionItemView>().canDecide).toBe(true);

    const closed = await office.post(`${ITEMS}/${id}/close`, { text: '措施具体，予以办结' });
    expect(closed.statusCode, closed.body).toBe(200);
    const item = closed.json<SupervisionItemView>();
    expect(item).toMatchObject({ status: 'closed', overdue: false, canDecide: false, canAnswer: false });
    expect(item.closedAt).not.toBeNull();
    expect(item.history.map((h) => [h.action, h.text, h.by, h.organisation])).toEqual([
      ['issued', '请说明四季度发明专利授权的推进措施和预计完成数', '陈刚（双创办）', null],
      ['answered', '已开展专利导航 3 场，预计年底新增授权 150 件', '王敏（经办）', '南宁市科学技术局'],
      ['returned', '请补充分季度的完成数', '陈刚（双创办）', null],
      ['answered', '三季度 40 件，四季度预计 110 件', '王敏（经办）', '南宁市科学技术局'],
      ['closed', '措施具体，予以办结', '陈刚（双创办）', null],
    ]);
    // A closed item is not answered again, nor returned.
    const late = await unit.post(`${ITEMS}/${id}/answer`, { text: '补充' });
    expect(late.statusCode).toBe(409);
    expect(errorFields(late)).toEqual(['status:awaiting:answer']);
    expect(late.json<{ message: { zh: string; en: string } }>().message).toEqual({ zh: '该督办件已办结', en: 'This item is closed' });
    expect((await office.post(`${ITEMS}/${id}/return`, { text: '重开' })).statusCode).toBe(409);
    // The steps are append-only.
    await expect(sql`UPDATE targets_supervision_steps SET text = '改写' WHERE item_id = ${id}`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_id = ${id} ORDER BY id`.execute(t.deps.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['targets.supervision_issued', 'targets.supervision_answered', 'targets.supervision_returned', 'targets.supervision_answered', 'targets.supervision_closed']);
  });
});

describe('overdue items', () => {
  it('shows 逾期 past the deadline; the daily job tells the unit and escalates to the office exactly once', async () => {
    const r = await issue({ subject: '专利质押融资进展', deadline: '2026-11-20' });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<SupervisionItemView>().id;
    const notes = (username: string, kind: string) =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications n JOIN identity_users u ON u.id = n.user_id WHERE u.username = ${username} AND n.kind = ${kind} AND n.link = ${`/targets/supervision/${id}`}`.execute(t.deps.db).then((x) => x.rows[0]!.n);
    const run = async (date: string) => {
      await enqueueAnyJob(t.deps.db, 'targets.daily', { date });
      await t.app.jobs.drain();
    };
    // On the deadline itself it is not late.
    await run('2026-11-20');
    expect(await notes('office.nanning', 'targets.supervision_escalated')).toBe(0);
    await run('2026-11-21');
    await run('2026-11-22');
    await run('2026-11-23');
    expect(await notes('office.nanning', 'targets.supervision_escalated')).toBe(1);
    expect(await notes('officer.nanning', 'targets.supervision_overdue')).toBe(1);
    expect(await notes('officer2.nanning', 'targets.supervision_overdue')).toBe(1);
    // The unit's members are not escalated to; the office is not told it is overdue as a unit.
    expect(await notes('officer.nanning', 'targets.supervision_escalated')).toBe(0);
    const steps = await sql<{ action: string }>`SELECT action FROM targets_supervision_steps WHERE item_id = ${id} ORDER BY id`.execute(t.deps.db);
    expect(steps.rows.map((s) => s.action)).toEqual(['issued', 'escalated']);
    expect((await sql<{ escalated_on: string }>`SELECT escalated_on::text FROM targets_supervision_items WHERE id = ${id}`.execute(t.deps.db)).rows[0]!.escalated_on).toBe('2026-11-21');

    // The clock passes the deadline: the item shows as overdue, in the list's overdue filter.
    t.clock.advance(2 * 86_400_000);
    as.clear();
    try {
      const overdue = (await (await as('office.nanning')).get(`${ITEMS}?status=overdue`)).json<SupervisionList>();
      expect(overdue.items.map((i) => i.id)).toEqual([id]);
      expect(overdue.items[0]).toMatchObject({ overdue: true, escalated: true, status: 'open' });
      expect(overdue.overdue).toBe(1);
      expect(overdue.items[0]!.history.at(-1)).toMatchObject({ action: 'escalated', by: '' });
      // The statistics count it, in the region and the period.
      const stats = t.deps.modules.statistics;
      expect(await stats.get('targets.supervision_overdue')!.compute(t.deps.db, { regionCode: '450100', from: '2026-11-01', to: '2026-11-30' })).toBe(1);
      expect(await stats.get('targets.supervision_items')!.compute(t.deps.db, { regionCode: '450100', from: '2026-11-01', to: '2026-11-30' })).toBe(2);
      expect(await stats.get('targets.supervision_items')!.compute(t.deps.db, { regionCode: '360100', from: '2026-11-01', to: '2026-11-30' })).toBe(0);
    } finally {
      t.clock.advance(-2 * 86_400_000);
      as.clear();
    }
  });
});
