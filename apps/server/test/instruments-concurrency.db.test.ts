/**
 * No double booking, ever (issue #15), on the PostgreSQL server only (SEEDBED_PG_TESTS=1):
 * PGlite runs one transaction at a time and cannot show a race.
 *   * 50 simultaneous bookings by 50 people of 5 disjoint one-hour slots (10 each): exactly one
 *     per slot commits, the rest are 409 naming `during`; no two live bookings overlap;
 *   * 20 simultaneous bookings of one slot each paying with a voucher: one booking and one hold;
 *     a booking whose voucher hold fails leaves neither.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemActor } from '../src/modules/audit/index.js';
import { createUser } from '../src/modules/identity/index.js';
import { DEMO_PASSWORD, TestClient, testApp, type TestContext } from './test-app.js';

const onServer = process.env.SEEDBED_PG_TESTS === '1';
const slot = (day: string, from: string, to: string) => ({ start: `${day}T${from}:00+08:00`, end: `${day}T${to}:00+08:00` });

describe.runIf(onServer)('instrument bookings under concurrency (PostgreSQL server)', () => {
  let t: TestContext;
  let hplc: string;
  let gcms: string;
  const people: TestClient[] = [];

  beforeAll(async () => {
    t = await testApp({ demo: true });
    const all = (await new TestClient(t.app).get('/api/v1/instruments')).json() as { id: string; name: string }[];
    hplc = all.find((i) => i.name === '高效液相色谱仪')!.id;
    gcms = all.find((i) => i.name === '气相色谱-质谱联用仪')!.id;
    await t.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 50; i++) await createUser(trx, t.deps, systemActor('test'), { username: `booker${i}`, displayName: `预约人${i}`, password: DEMO_PASSWORD });
    });
    for (let i = 0; i < 50; i++) {
      const c = new TestClient(t.app);
      await c.loginDemo(`booker${i}`, t.clock);
      people.push(c);
    }
  }, 240_000);
  afterAll(async () => t?.close());

  it('50 simultaneous bookings of 5 slots: exactly one per slot', async () => {
    const hours = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'];
    const results = await Promise.all(
      people.map((c, i) => c.post(`/api/v1/instruments/${hplc}/bookings`, { during: slot('2026-11-24', hours[i % 5]!, hours[(i % 5) + 1]!), purpose: '' })),
    );
    const won = results.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(5);
    expect(new Set(won.map((r) => r.json().during.start)).size).toBe(5);
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().errors).toEqual([expect.objectContaining({ field: 'during', rule: 'no_overlap' })]);
    }
    const overlaps = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM instruments_bookings a JOIN instruments_bookings b ON a.instrument_id = b.instrument_id AND a.id < b.id AND a.during && b.during
       WHERE a.status NOT IN ('cancelled','rejected') AND b.status NOT IN ('cancelled','rejected')`.execute(t.database.db);
    expect(overlaps.rows[0]!.n).toBe(0);
  });

  it('simultaneous voucher bookings of one slot: one booking, one hold; the losers hold nothing', async () => {
    const ent = new TestClient(t.app);
    await ent.loginDemo('ent.yuxi', t.clock);
    const subjectId = (await ent.get('/api/v1/subjects/mine')).json().items.find((s: { kind: string }) => s.kind === 'enterprise').id;
    const voucherId = (await ent.get('/api/v1/vouchers/mine')).json().items[0].id;
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM voucher_uses WHERE order_id LIKE 'instrument-booking:%'`.execute(t.database.db);
    // Different overlapping ranges (the cap of 3 future bookings per user is kept by a per-user lock).
    const ranges = [slot('2026-11-25', '09:00', '10:00'), slot('2026-11-25', '09:30', '10:30'), slot('2026-11-25', '09:15', '10:15')];
    const results = await Promise.all(ranges.map((during) => ent.post(`/api/v1/instruments/${gcms}/bookings`, { during, subjectId, voucherId, purpose: '' })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM voucher_uses WHERE order_id LIKE 'instrument-booking:%'`.execute(t.database.db);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(1);
    // (Besides the demo's past booking paid with the voucher.)
    const bookings = await sql<{ n: number }>`SELECT count(*)::int AS n FROM instruments_bookings WHERE instrument_id = ${gcms} AND voucher_id IS NOT NULL AND lower(during) >= '2026-11-25T00:00:00+08:00'`.execute(t.database.db);
    expect(bookings.rows[0]!.n).toBe(1);
  });
});
