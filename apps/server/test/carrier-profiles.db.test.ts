import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * A carrier's own profile (载体档案) on the demo data, today 2026-11-20: carrier.yingtan registers
 * a maker space in Yingtan; its profile is made with it and held by the operator. The province's
 * recognition, recorded by Yingtan's science bureau, becomes verified facts of the profile; with
 * the construction requirements declared, the finder shows Yingtan's one-off reward for a
 * provincial maker space as eligible; a member of the operator applies for it through fulfilment,
 * and nobody outside the operator reads the profile or applies with it.
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
const ITEM = 'yt.maker-space-provincial-reward';
const NEW = { name: '鹰潭龙虎山众创空间', kind: 'maker_space', address: '鹰潭市月湖区龙虎山大道8号', regionCode: '360602', areaTotalM2: 1500, areaTenantM2: 900, areaPublicM2: 300, services: '创业辅导、投融资对接' };
type Facts = Record<string, { value: unknown; source: string; verified: boolean }>;

let carrierId: string;
let subjectId: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

describe("a carrier's profile", () => {
  it('is made with the carrier, named as it, and listed for the operator only', async () => {
    const op = await as('carrier.yingtan');
    const r = await op.post('/api/v1/carriers', NEW);
    expect(r.statusCode, r.body).toBe(201);
    carrierId = r.json<{ id: string }>().id;
    const mine = (await op.get('/api/v1/subjects/mine')).json<{ items: { id: string; kind: string; name: string; regionCode: string }[] }>().items;
    const profile = mine.find((s) => s.kind === 'carrier' && s.name === NEW.name);
    expect(profile).toMatchObject({ regionCode: '360602' });
    subjectId = profile!.id;
    const row = await sql<{ carrier_id: string }>`SELECT carrier_id FROM subjects WHERE id = ${subjectId}`.execute(t.deps.db);
    expect(row.rows[0]!.carrier_id).toBe(carrierId);
    // The demo's own carrier has its profile too.
    expect(mine.map((s) => s.name)).toContain('鹰潭信江众创空间');
    const facts = (await op.get(`/api/v1/subjects/${subjectId}`)).json<{ kind: string; facts: Facts }>();
    expect(facts.kind).toBe('carrier');
    expect(facts.facts.yt_is_maker_space).toMatchObject({ value: true, verified: false });
    expect(facts.facts.yt_listed_provincial_maker_space).toBeUndefined();
    for (const other of ['ent.yingtan', 'carrier.nanning']) expect((await (await as(other)).get(`/api/v1/subjects/${subjectId}`)).statusCode).toBe(403);
  });

  it("receives the carrier's recognition as verified facts", async () => {
    const r = await (await as('officer.yingtan')).post(`/api/v1/carriers/${carrierId}/recognitions`, { level: 'provincial', issuer: '江西省科学技术厅', issuerRegionCode: '360000', recognisedOn: '2026-10-01', validUntil: '2029-09-30' });
    expect(r.statusCode, r.body).toBe(201);
    const facts = (await (await as('carrier.yingtan')).get(`/api/v1/subjects/${subjectId}`)).json<{ facts: Facts }>().facts;
    expect(facts.yt_listed_provincial_maker_space).toMatchObject({ value: true, source: 'registry:carriers', verified: true });
    expect(facts.nn_is_recognised_incubation_base).toMatchObject({ value: true, verified: true });
    expect(facts.nn_base_awarded_on).toMatchObject({ value: '2026-10-01', verified: true });
    expect(facts.yuetang_carrier_designation_level).toMatchObject({ value: 'provincial', verified: true });
    expect(facts.yt_is_city_maker_space).toMatchObject({ value: false, verified: true });
    // Verified: the operator cannot change it.
    const change = await (await as('carrier.yingtan')).patch(`/api/v1/subjects/${subjectId}/facts`, { facts: { yt_listed_provincial_maker_space: false } });
    expect(change.statusCode).toBe(409);
    // A fact of another kind of profile is refused, naming the field and the kind.
    const wrong = await (await as('carrier.yingtan')).patch(`/api/v1/subjects/${subjectId}/facts`, { facts: { employees: 10 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('facts.employees');
    expect(wrong.body).toContain('载体');
  });

  it('is evaluated by the finder against the carrier items: eligible once the requirements are declared', async () => {
    const op = await as('carrier.yingtan');
    const status = async () => (await op.get(`/api/v1/finder/subjects/${subjectId}/matches`)).json<{ subject: { kind: string }; items: { id: string; status: string }[] }>();
    const before = (await status()).items.find((v) => v.id === ITEM);
    expect(before?.status).not.toBe('eligible');
    const declared = await op.patch(`/api/v1/subjects/${subjectId}/facts`, { facts: { yt_maker_space_meets_build_requirements: true } });
    expect(declared.statusCode, declared.body).toBe(200);
    const matches = await status();
    expect(matches.subject.kind).toBe('carrier');
    expect(matches.items.find((v) => v.id === ITEM)?.status).toBe('eligible');
    // Only carrier items are evaluated for a carrier.
    expect(matches.items.length).toBeGreaterThan(0);
    expect(matches.items.some((v) => v.id === 'yt.public-welfare-post-subsidy')).toBe(false);
    const match = await sql<{ status: string }>`SELECT status FROM finder_matches WHERE subject_id = ${subjectId} AND item_id = ${ITEM}`.execute(t.deps.db);
    expect(match.rows).toEqual([{ status: 'eligible' }]);
    // Items of other entities are not evaluated against a carrier.
    const others = await sql<{ n: number }>`SELECT count(*)::int AS n FROM finder_matches m WHERE m.subject_id = ${subjectId} AND m.item_id NOT LIKE 'yt.%' AND m.item_id NOT LIKE 'nn.%' AND m.item_id NOT LIKE 'yuetang.%' AND m.item_id NOT LIKE 'yx.%'`.execute(t.deps.db);
    expect(others.rows[0]!.n).toBe(0);
  });

  it('is applied for by a member of the operator through fulfilment; nobody else may', async () => {
    const form = await (await as('carrier.yingtan')).get(`/api/v1/fulfilment/form?itemId=${ITEM}&subjectId=${subjectId}`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ subject: { id: subjectId, name: NEW.name, kind: 'carrier' }, verdict: { status: 'eligible' } });
    const body = { itemId: ITEM, subjectId, answers: {}, materials: {} };
    expect((await (await as('ent.yingtan')).post('/api/v1/fulfilment/applications', body)).statusCode).toBe(403);
    expect((await (await as('carrier.nanning')).post('/api/v1/fulfilment/applications', body)).statusCode).toBe(403);
    // The payee is the carrier or its operator (a carrier is no legal person), never a third party.
    const third = await (await as('carrier.yingtan')).post('/api/v1/fulfilment/applications', { ...body, payeeAccount: { bank: '中国银行鹰潭分行', name: '某某公司', number: '6222020200112233445' } });
    expect(third.statusCode).toBe(400);
    expect(third.body).toContain('payeeAccount.name');
    const r = await (await as('carrier.yingtan')).post('/api/v1/fulfilment/applications', { ...body, payeeAccount: { bank: '中国银行鹰潭分行', name: '鹰潭信江众创空间运营管理有限公司', number: '6222020200112233445' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ itemId: ITEM, subjectName: NEW.name });
    const mine = (await (await as('carrier.yingtan')).get('/api/v1/fulfilment/applications/mine')).json<{ items: { itemId: string }[] }>().items;
    expect(mine.map((a) => a.itemId)).toContain(ITEM);
    // Another organisation does not learn it exists.
    expect((await (await as('carrier.nanning')).get(`/api/v1/fulfilment/applications/${r.json<{ id: string }>().id}`)).statusCode).toBe(404);
  });
});
