import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * Officers add a policy item that the shipped catalogue does not have: cited from a source
 * document (the quote must be in its text), checked by the rules engine, kept out of the library,
 * the calculator and the finder until it is published, simulated with no current version to
 * compare, then published and matched to the registered subjects it fits.
 */
let t: TestContext;
let anonymous: TestClient;
let officer: TestClient;
let owner: TestClient;

beforeAll(async () => {
  t = await testApp({ demo: true });
  anonymous = new TestClient(t.app);
  officer = new TestClient(t.app);
  await officer.loginDemo('officer.nanning', t.clock);
  owner = new TestClient(t.app);
  await owner.loginDemo('ent.nanning', t.clock);
}, 180_000);
afterAll(async () => t?.close());

const TEMPLATE_ITEM = 'nn.fee-cancellation-suspension';
const NEW_ID = 'nn.demo-new-item';

async function newItemBody(overrides: { spec?: Record<string, unknown>; quote?: string; documentKey?: string } = {}) {
  const v1 = (await officer.get(`/api/v1/policies/${TEMPLATE_ITEM}/versions/1`)).json();
  return {
    documentKey: overrides.documentKey ?? 'nn-2016-34',
    spec: { ...v1.spec, id: NEW_ID, title: { zh: '新设示范补贴', en: 'A new demonstration subsidy' }, mode: 'apply', amount: { formula: 500000 }, ...overrides.spec },
    note: '新增政策事项',
    meta: { clause: v1.meta.clause, quote: overrides.quote ?? v1.meta.quote, leadUnit: '市科技局' },
  };
}

const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);

describe('a new policy item', () => {
  it('is refused with the field and rule named, writing nothing', async () => {
    const notInSource = await officer.post('/api/v1/policies', await newItemBody({ quote: '对所有企业一律发放一百万元补贴。' }));
    expect(notInSource.statusCode).toBe(400);
    expect(fields(notInSource)).toEqual(['meta.quote:occurs_in_source']);

    const badId = await officer.post('/api/v1/policies', await newItemBody({ spec: { id: 'Demo Item' } }));
    expect(badId.statusCode).toBe(400);
    expect(fields(badId)).toContain('spec.id:format');

    const noDocument = await officer.post('/api/v1/policies', await newItemBody({ documentKey: 'nn-1999-1' }));
    expect(noDocument.statusCode).toBe(400);
    expect(fields(noDocument)).toContain('documentKey:exists');

    const elsewhere = await officer.post('/api/v1/policies', await newItemBody({ spec: { region: '360100' } }));
    expect(elsewhere.statusCode).toBe(400);
    expect(fields(elsewhere)).toContain('spec.region:within_document');

    const badRule = await officer.post('/api/v1/policies', await newItemBody({ spec: { amount: { formula: { '*': [{ var: 'no_such_variable' }, 2] } } } }));
    expect(badRule.statusCode).toBe(400);
    expect(fields(badRule).join(' ')).toMatch(/^spec\.amount/);

    const other = new TestClient(t.app);
    await other.loginDemo('officer.yuxi', t.clock);
    expect((await other.post('/api/v1/policies', await newItemBody())).statusCode).toBe(403);
    expect((await owner.post('/api/v1/policies', await newItemBody())).statusCode).toBe(403);

    expect((await officer.get(`/api/v1/policies/${NEW_ID}/versions`)).statusCode).toBe(404);
  });

  it('stays out of the library, the calculator and the finder until it is published; then it is matched', async () => {
    const countBefore = (await anonymous.post('/api/v1/eligibility/check', { profile: {}, region: '450103' })).json().items.length;
    const created = await officer.post('/api/v1/policies', await newItemBody());
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ itemId: NEW_ID, version: 1, status: 'draft', meta: { leadUnit: '市科技局' } });
    const again = await officer.post('/api/v1/policies', await newItemBody());
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['spec.id:unique']);

    // Unpublished: the officers see the draft; nobody else sees the item.
    expect((await officer.get(`/api/v1/policies/${NEW_ID}/versions`)).json().items.map((v: { status: string }) => v.status)).toEqual(['draft']);
    expect((await officer.get('/api/v1/policy-drafts')).json().items.some((v: { itemId: string }) => v.itemId === NEW_ID)).toBe(true);
    expect((await anonymous.get(`/api/v1/policies/${NEW_ID}`)).statusCode).toBe(404);
    const library = (await anonymous.get(`/api/v1/policies?q=${encodeURIComponent('示范补贴')}`)).json();
    expect(library.items.some((i: { id: string }) => i.id === NEW_ID)).toBe(false);
    expect((await anonymous.post('/api/v1/eligibility/check', { profile: {}, region: '450103' })).json().items.length).toBe(countBefore);

    // Edits go to the same draft and keep the citation.
    const edited = await officer.request('PUT', `/api/v1/policies/${NEW_ID}/draft`, { spec: (await newItemBody({ spec: { amount: { formula: 600000 } } })).spec, note: '金额调整为6000元' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 1, status: 'draft', meta: { leadUnit: '市科技局' } });
    expect(edited.json().meta.quote.length).toBeGreaterThan(4);

    // The simulation runs the draft alone: there is no current version to compare.
    const sim = await officer.post('/api/v1/finder/simulations', { itemId: NEW_ID, version: 1, date: '2026-11-20' });
    expect(sim.statusCode, sim.body).toBe(200);
    await t.app.jobs.drain();
    const done = (await officer.get(`/api/v1/finder/simulations/${sim.json().id}`)).json();
    expect(done).toMatchObject({ status: 'done', baseVersion: null });
    expect(done.result.current).toBeNull();
    // Every enterprise registered in Nanning qualifies: the demo's one with an account and the
    // demo population's synthetic ones (simulated, never matched or notified).
    const nanning = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects WHERE kind = 'enterprise' AND region_code LIKE '4501%'`.execute(t.deps.db)).rows[0]!.n;
    expect(nanning).toBeGreaterThan(1);
    expect(done.result.draft.total.eligible).toBe(nanning);
    expect(done.result.draft.total.amountFen).toBe(600000 * nanning);
    expect(done.result.affected).toBe(nanning);

    const published = await officer.post(`/api/v1/policies/${NEW_ID}/versions/1/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ version: 1, status: 'published' });
    const detail = await anonymous.get(`/api/v1/policies/${NEW_ID}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ version: 1, title: { zh: '新设示范补贴' }, leadUnit: '市科技局' });
    expect((await anonymous.get(`/api/v1/policies?q=${encodeURIComponent('示范补贴')}`)).json().items.map((i: { id: string }) => i.id)).toContain(NEW_ID);
    const check = (await anonymous.post('/api/v1/eligibility/check', { profile: {}, region: '450103' })).json();
    expect(check.items.length).toBe(countBefore + 1);
    expect(check.items.find((i: { id: string }) => i.id === NEW_ID)).toMatchObject({ status: 'eligible', amountFen: 600000 });

    await t.app.jobs.drain();
    const inbox = (await owner.get('/api/v1/notifications')).json();
    expect(inbox.items.some((n: { kind: string; link: string }) => n.kind === 'policy.match' && n.link.includes(NEW_ID))).toBe(true);
  });
});
