import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applicationChannelsOf, setDepartment } from '../src/modules/fulfilment/index.js';
import { finderSnapshot, invalidateRules } from '../src/modules/policies/index.js';
import { testApp, type TestContext } from './test-app.js';

/**
 * The check reads no table per request: the finder's catalogue (local versions and other
 * platforms' items) and the departments behind the ways to apply are kept per connection. A
 * change made in this process is seen at once; one made by another process (here: rows written
 * straight into the tables) within the recheck interval of five seconds.
 */
let t: TestContext;
/** Time moves on only when a test says so (`later`): Date.now runs `skew` ahead of the real clock. */
let skew = 0;
const realNow = Date.now.bind(Date);
beforeAll(async () => {
  t = await testApp();
  vi.spyOn(Date, 'now').mockImplementation(() => realNow() + skew);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
});

/** Writes a published copy of an item under `id`, as another process's publish would (no invalidation here). */
async function publishCopyElsewhere(from: string, id: string): Promise<void> {
  const db = t.database.db;
  await sql`INSERT INTO policy_items SELECT (jsonb_populate_record(p, jsonb_build_object('id', ${id}::text))).* FROM policy_items p WHERE p.id = ${from}`.execute(db);
  await sql`INSERT INTO policy_versions SELECT (jsonb_populate_record(v, jsonb_build_object('item_id', ${id}::text, 'spec', v.spec || jsonb_build_object('id', ${id}::text), 'published_at', now()))).*
              FROM policy_versions v WHERE v.item_id = ${from} AND v.status = 'published'`.execute(db);
}

const later = (ms: number) => {
  skew += ms;
};

describe('the finder catalogue kept between checks', () => {
  it('sees a version another process published within the recheck interval, and one published here at once', async () => {
    const db = t.database.db;
    const before = await finderSnapshot(db);
    const from = [...before.catalog.items.keys()].sort()[0]!;
    await publishCopyElsewhere(from, `${from}-elsewhere`);
    // Within the interval the kept catalogue answers (no query per check)…
    expect((await finderSnapshot(db)).catalog.items.has(`${from}-elsewhere`)).toBe(false);
    // …and after it the other process's publish is there.
    later(6000);
    const after = await finderSnapshot(db);
    expect(after.catalog.items.has(`${from}-elsewhere`)).toBe(true);
    expect(after.revision).not.toBe(before.revision);

    // A publish in this process invalidates at once.
    await publishCopyElsewhere(from, `${from}-here`);
    invalidateRules(db);
    expect((await finderSnapshot(db)).catalog.items.has(`${from}-here`)).toBe(true);
  });

  it('answers a check with the new item after the interval, under the new revision', async () => {
    const db = t.database.db;
    const snap = await finderSnapshot(db);
    const from = [...snap.catalog.items.keys()].sort()[1]!;
    const body = { profile: { is_tech_sme: true }, date: '2026-11-20', detail: 'summary' };
    const ids = (r: { items: { id: string }[]; outOfScope: { items: { id: string }[] }; ended: { items: { id: string }[] } }) => [...r.items, ...r.outOfScope.items, ...r.ended.items].map((x) => x.id);
    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: body })).json();
    await publishCopyElsewhere(from, `${from}-copy`);
    later(6000);
    const second = (await t.app.inject({ method: 'POST', url: '/api/v1/eligibility/check', payload: body })).json();
    expect(ids(first)).not.toContain(`${from}-copy`);
    expect(ids(second)).toContain(`${from}-copy`);
    expect(second.catalogueRevision).not.toBe(first.catalogueRevision);
  });
});

describe('the departments behind the ways to apply', () => {
  it('sees a department set here at once and one set by another process within the interval', async () => {
    const db = t.database.db;
    const item = { id: 'x.cache-probe', mode: 'apply' as const, entity: 'enterprise', leadUnit: '缓存探测局', regionCode: '450100', effective: { from: '2020-01-01', to: null } };
    const org = await sql<{ id: string }>`INSERT INTO identity_organisations (name, kind, region_code) VALUES ('缓存探测局（南宁）', 'government', '450100') RETURNING id`.execute(db);
    const orgId = org.rows[0]!.id;
    expect((await applicationChannelsOf(db, [item], '2026-11-20')).get(item.id)?.status).toBe('offline');
    // Another process sets the department: not yet seen, then seen after the interval.
    await sql`INSERT INTO fulfilment_departments (lead_unit, region_code, organisation_id) VALUES ('缓存探测局', '450100', ${orgId})`.execute(db);
    expect((await applicationChannelsOf(db, [item], '2026-11-20')).get(item.id)?.status).toBe('offline');
    later(6000);
    expect((await applicationChannelsOf(db, [item], '2026-11-20')).get(item.id)).toMatchObject({ status: 'online', department: '缓存探测局（南宁）' });
    // Set here (through fulfilment): seen at once.
    const other = { ...item, id: 'x.cache-probe-2', leadUnit: '缓存探测二局' };
    expect((await applicationChannelsOf(db, [other], '2026-11-20')).get(other.id)?.status).toBe('offline');
    await db.transaction().execute((trx) => setDepartment(trx, { lead_unit: '缓存探测二局', region_code: '450100', organisation_id: orgId, note: null }));
    expect((await applicationChannelsOf(db, [other], '2026-11-20')).get(other.id)?.status).toBe('online');
  });
});
