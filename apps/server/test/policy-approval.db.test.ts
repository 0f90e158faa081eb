import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * Publishing a policy version above the configured thresholds of affected subjects or cost
 * needs a second officer of the same department: the server computes the impact itself, the
 * draft waits as 'awaiting_approval', its author cannot approve it (nor can another
 * department), the colleague is notified, and the approval publishes it. Also the demo's
 * synthetic population the impact and simulations run over.
 */
let t: TestContext;
let officer: TestClient;
let colleague: TestClient;
let otherDepartment: TestClient;

const ITEM = 'nn.new-product-subsidy';

beforeAll(async () => {
  t = await testApp({ demo: true, config: { publishApprovalSubjects: 3, publishApprovalCostFen: 100_000_000 } });
  officer = new TestClient(t.app);
  await officer.loginDemo('officer.nanning', t.clock);
  colleague = new TestClient(t.app);
  await colleague.loginDemo('officer2.nanning', t.clock);
  otherDepartment = new TestClient(t.app);
  await otherDepartment.loginDemo('officer.hr.nanning', t.clock);
}, 180_000);
afterAll(async () => t?.close());

async function saveDraft(criteria: unknown[], note: string) {
  const v = (await officer.get(`/api/v1/policies/${ITEM}/versions`)).json().items.find((x: { status: string }) => x.status === 'published');
  const r = await officer.request('PUT', `/api/v1/policies/${ITEM}/draft`, { spec: { ...v.spec, criteria }, note });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { version: number; status: string };
}

const currentVersion = async () => (await officer.get(`/api/v1/policies/${ITEM}`)).json().version as number;

describe('the demo population', () => {
  it('holds synthetic subjects over the districts of the five source regions, marked as demo', async () => {
    const rows = (
      await sql<{ kind: string; name: string; region_code: string; user_id: string | null; organisation_id: string | null }>`SELECT kind, name, region_code, user_id, organisation_id FROM subjects WHERE demo`.execute(t.deps.db)
    ).rows;
    expect(rows.length).toBeGreaterThan(290);
    expect(rows.every((r) => r.name.startsWith('（演示）') && r.user_id === null && r.organisation_id === null)).toBe(true);
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['enterprise', 'person']));
    const cities = new Set(rows.map((r) => (r.region_code === '430304' ? r.region_code : `${r.region_code.slice(0, 4)}00`)));
    expect(cities).toEqual(new Set(['450100', '360100', '360600', '530400', '430304']));
    expect(new Set(rows.filter((r) => r.region_code.startsWith('4501')).map((r) => r.region_code)).size).toBeGreaterThan(5);
    // Not a profile anyone created: the statistics do not count them.
    const created = t.deps.modules.statistics.get('subjects.profiles_created')!;
    // (The demo's accounts' own profiles in Nanning are counted; the synthetic ones, hundreds, are not.)
    const own = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects WHERE NOT demo AND region_code LIKE '4501%'`.execute(t.deps.db)).rows[0]!.n;
    expect(own).toBeGreaterThan(0);
    expect(rows.filter((r) => r.region_code.startsWith('4501')).length).toBeGreaterThan(own);
    expect(await created.compute(t.deps.db, { regionCode: '450100', from: '2000-01-01', to: '2100-12-31' })).toBe(own);
  });

  it('gives a simulation counts and costs per named district', async () => {
    const draft = await saveDraft((await officer.get(`/api/v1/policies/${ITEM}/versions`)).json().items[0].spec.criteria, '模拟');
    const sim = await officer.post('/api/v1/finder/simulations', { itemId: ITEM, version: draft.version });
    expect(sim.statusCode, sim.body).toBe(200);
    await t.app.jobs.drain();
    const done = (await officer.get(`/api/v1/finder/simulations/${sim.json().id}`)).json();
    expect(done.status).toBe('done');
    expect(done.result.rows).toBeGreaterThan(200);
    expect(done.result.draft.total.eligible).toBeGreaterThan(0);
    expect(done.result.draft.total.amountFen).toBeGreaterThan(0);
    expect(done.result.affected).toBe(0);
    const districts = done.result.draft.byDistrict.filter((d: { eligible: number }) => d.eligible > 0);
    expect(districts.length).toBeGreaterThan(1);
    for (const d of districts) expect(d.name).toMatch(/[区县市]$/);
    expect((await officer.delete(`/api/v1/policies/${ITEM}/versions/${draft.version}`)).statusCode).toBe(204);
  });
});

describe('publishing above the thresholds', () => {
  it('publishes a change below the thresholds at once', async () => {
    const before = await currentVersion();
    const v = (await officer.get(`/api/v1/policies/${ITEM}/versions`)).json().items[0];
    const draft = await saveDraft(v.spec.criteria.map((c: { label: { zh: string; en: string } }) => ({ ...c, label: { ...c.label, en: `${c.label.en}.` } })), '措辞');
    const impact = (await officer.get(`/api/v1/policies/${ITEM}/versions/${draft.version}/impact`)).json();
    expect(impact).toMatchObject({ affectedSubjects: 0, costChangeFen: 0, needsApproval: false, thresholds: { subjects: 3, costFen: 100_000_000 } });
    const r = await officer.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/publish`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('published');
    expect(await currentVersion()).toBe(draft.version);
    expect(draft.version).toBeGreaterThan(before);
  });

  it('waits for another officer of the department, who is notified; the author and other departments cannot approve', async () => {
    const before = await currentVersion();
    const draft = await saveDraft([{ id: 'has_three_products', label: { zh: '当年至少3个新产品', en: 'At least three new products this year' }, rule: { '>=': [{ var: 'nn_new_products_certified' }, 3] } }], '提高门槛');
    const impact = (await officer.get(`/api/v1/policies/${ITEM}/versions/${draft.version}/impact`)).json();
    expect(impact.affectedSubjects).toBeGreaterThan(3);
    expect(impact.needsApproval).toBe(true);

    const submitted = await officer.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/publish`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().status).toBe('awaiting_approval');
    expect(submitted.json().approval.impact.affectedSubjects).toBe(impact.affectedSubjects);
    expect(await currentVersion()).toBe(before);

    // Publishing again does not get round the approval.
    expect((await officer.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/publish`)).statusCode).toBe(409);
    const own = await officer.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/approve`);
    expect(own.statusCode).toBe(403);
    expect((await otherDepartment.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/approve`)).statusCode).toBe(403);
    expect(await currentVersion()).toBe(before);

    const inbox = (await colleague.get('/api/v1/notifications')).json();
    const asked = inbox.items.find((n: { kind: string }) => n.kind === 'policy.approval_requested');
    expect(asked?.title.zh).toContain('待审批');
    expect(asked?.link).toBe(`/policies/${ITEM}/manage`);

    const approved = await colleague.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('published');
    expect(await currentVersion()).toBe(draft.version);

    const actions = (
      await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_id = ${ITEM} AND action LIKE 'policy.%' ORDER BY id DESC LIMIT 3`.execute(t.deps.db)
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['policy.published', 'policy.approved', 'policy.approval_requested']);
  });

  it('a colleague may return a submission to its author, who can then change it', async () => {
    const v = (await officer.get(`/api/v1/policies/${ITEM}/versions`)).json().items[0];
    const draft = await saveDraft([{ ...v.spec.criteria[0], rule: { '>=': [{ var: 'nn_new_products_certified' }, 1] } }], '恢复门槛');
    expect((await officer.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/publish`)).json().status).toBe('awaiting_approval');
    const returned = await colleague.post(`/api/v1/policies/${ITEM}/versions/${draft.version}/return`, { reason: '请补充测算说明' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('draft');
    const again = await saveDraft([{ ...v.spec.criteria[0], rule: { '>=': [{ var: 'nn_new_products_certified' }, 1] } }], '恢复门槛（附测算）');
    expect(again.version).toBe(draft.version);
  });
});
