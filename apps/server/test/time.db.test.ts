/**
 * Instants and ranges of instants through a real table, on PGlite and (with DATABASE_URL) on
 * PostgreSQL: the conversions of `platform/time.ts` in both directions, an exclusion constraint on
 * ranges (btree_gist, migration 0004_time.sql), and a route whose body carries an instant and a
 * range, validated and answered by the real app's plugins.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Instant, InstantRange } from '@seedbed/contract';
import { buildApp } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { readConfig } from '../src/platform/config.js';
import type { Database } from '../src/platform/database.js';
import { EventBus } from '../src/platform/events.js';
import { assembleModules } from '../src/platform/module.js';
import { MODULES } from '../src/manifests.js';
import type { AppInstance } from '../src/platform/http.js';
import { instantIn, instantOut, nullableInstantOut, rangeIn, rangeOut } from '../src/platform/time.js';
import { benefitHistory } from '../src/workflows/benefit-history.js';
import { applicationChannelsOf } from '../src/modules/fulfilment/index.js';
import { TestClient, testDatabase } from './test-app.js';
import { noPublishImpact } from '../src/platform/publish-impact.js';
import { voucherPaymentsOf } from '../src/modules/vouchers/index.js';

let database: Database;
let app: AppInstance;

interface Row {
  id: number;
  at: Date;
  during: string;
}

beforeAll(async () => {
  database = await testDatabase();
  await sql`
    CREATE TABLE zz_time_bookings (
      id          serial PRIMARY KEY,
      resource_id integer NOT NULL,
      at          timestamptz NOT NULL,
      during      tstzrange NOT NULL,
      CONSTRAINT zz_time_bookings_no_overlap EXCLUDE USING gist (resource_id WITH =, during WITH &&)
    )`.execute(database.db);

  // The real app (validation, errors, CSRF), with one booking route on the table above.
  const config = { ...readConfig({ NODE_ENV: 'test', SEEDBED_DATA_DIR: '/nonexistent/pglite' }), webDist: '/nonexistent' };
  const modules = assembleModules(MODULES);
  const clock = fixedClock('2026-11-20T02:00:00Z');
  app = await buildApp({
    db: database.db,
    dbKind: database.kind,
    clock,
    config,
    dataKey: randomBytes(32),
    events: new EventBus(modules.events),
    benefitHistory,
    publishImpact: noPublishImpact,
    applicationChannels: applicationChannelsOf,
    voucherPayments: voucherPaymentsOf(clock),
    modules,
  });
  const Booking = Type.Object({ resourceId: Type.Integer({ minimum: 1 }), at: Instant, during: InstantRange }, { additionalProperties: false });
  app.post(
    '/api/v1/zz-time-bookings',
    { config: { permission: 'public' }, schema: { body: Booking, response: { 200: Type.Object({ id: Type.Integer(), at: Instant, during: InstantRange }) } } },
    async (request) => {
      const { resourceId, at, during } = request.body as { resourceId: number; at: string; during: InstantRange };
      const row = await insert(resourceId, at, during);
      return { id: row.id, at: instantOut(row.at), during: rangeOut(row.during) };
    },
  );
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const insert = (resourceId: number, at: string, during: InstantRange) =>
  sql<Row>`INSERT INTO zz_time_bookings (resource_id, at, during) VALUES (${resourceId}, ${at}::timestamptz, ${rangeIn(during)}) RETURNING id, at, during::text AS during`
    .execute(database.db)
    .then((r) => {
      const row = r.rows[0];
      if (!row) throw new Error('no row returned');
      return row;
    });

const range = (start: string, end: string): InstantRange => ({ start, end });

describe('instants and ranges through the database', () => {
  it('returns a timestamptz as a Date from either driver, written out in UTC with Z', async () => {
    const row = await insert(1, '2026-12-03T09:30:00.123+08:00', range('2026-12-03T09:30:00+08:00', '2026-12-03T10:30:00+08:00'));
    expect(row.at).toBeInstanceOf(Date);
    expect(instantOut(row.at)).toBe('2026-12-03T01:30:00.123Z');
    expect(rangeOut(row.during)).toEqual({ start: '2026-12-03T01:30:00.000Z', end: '2026-12-03T02:30:00.000Z' });
    expect(nullableInstantOut(null)).toBeNull();
  });

  it('keeps the moment whatever offset the client wrote and whatever zone the session is in', async () => {
    const row = await insert(2, '2026-12-02T20:00:00-05:30', range('2026-12-03T01:30:00Z', '2026-12-03T10:30:00+08:00'));
    expect(instantOut(row.at)).toBe('2026-12-03T01:30:00.000Z');
    const shown = await database.db.transaction().execute(async (trx) => {
      const out: Record<string, { at: Date; during: string; atText: string }> = {};
      for (const zone of ['Asia/Shanghai', 'Asia/Kolkata', 'America/St_Johns']) {
        await sql`SELECT set_config('TimeZone', ${zone}, true)`.execute(trx);
        const r = await sql<{ at: Date; during: string; atText: string }>`SELECT at, during::text AS during, at::text AS "atText" FROM zz_time_bookings WHERE id = ${row.id}`.execute(trx);
        if (r.rows[0]) out[zone] = r.rows[0];
      }
      return out;
    });
    // The database writes the range in the session's zone; the conversion reads any offset.
    expect(shown['Asia/Shanghai']?.during).toBe('["2026-12-03 09:30:00+08","2026-12-03 10:30:00+08")');
    expect(shown['Asia/Kolkata']?.during).toBe('["2026-12-03 07:00:00+05:30","2026-12-03 08:00:00+05:30")');
    expect(shown['America/St_Johns']?.atText).toBe('2026-12-02 22:00:00-03:30');
    for (const zone of Object.keys(shown)) {
      expect(instantOut(shown[zone]?.at ?? '')).toBe('2026-12-03T01:30:00.000Z');
      expect(instantOut(shown[zone]?.atText ?? '')).toBe('2026-12-03T01:30:00.000Z');
      expect(rangeOut(shown[zone]?.during ?? '')).toEqual({ start: '2026-12-03T01:30:00.000Z', end: '2026-12-03T02:30:00.000Z' });
    }
  });

  it('reads offsets with seconds (local mean time before 1901) and cuts microseconds to milliseconds', async () => {
    const r = await database.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('TimeZone', 'Asia/Shanghai', true)`.execute(trx);
      return sql<{ t: string; r: string }>`SELECT '1900-01-01T00:00:00Z'::timestamptz::text AS t, tstzrange('2026-12-03T01:30:00.123456Z', '2026-12-03T01:30:00.5Z')::text AS r`.execute(trx);
    });
    const row = r.rows[0];
    expect(row?.t).toBe('1900-01-01 08:05:43+08:05:43');
    expect(instantOut(row?.t ?? '')).toBe('1900-01-01T00:00:00.000Z');
    expect(rangeOut(row?.r ?? '')).toEqual({ start: '2026-12-03T01:30:00.123Z', end: '2026-12-03T01:30:00.500Z' });
  });

  it('refuses ranges the contract cannot carry: empty, unbounded, infinite, closed at the end, BC', async () => {
    const r = await sql<Record<string, string>>`SELECT
        'empty'::tstzrange::text AS empty,
        tstzrange('2026-12-03T01:30:00Z', NULL)::text AS unbounded,
        tstzrange('-infinity', '2026-12-03T01:30:00Z')::text AS infinite,
        tstzrange('2026-12-03T01:30:00Z', '2026-12-03T02:30:00Z', '[]')::text AS closed,
        tstzrange('0010-01-01 00:00:00+00 BC', '2026-12-03T02:30:00Z')::text AS bc`.execute(database.db);
    const row = r.rows[0] ?? {};
    expect(Object.keys(row)).toHaveLength(5);
    for (const [name, text] of Object.entries(row)) expect(() => rangeOut(text), name).toThrow(RangeError);
    expect(() => instantOut('infinity')).toThrow(RangeError);
    expect(() => rangeIn(range('2026-12-03T02:00:00Z', '2026-12-03T10:00:00+08:00'))).toThrow(/end after it starts/);
    expect(() => instantIn('2026-12-03T09:30:00')).toThrow(/Not an instant/);
    expect(instantIn('2026-12-03T09:30:00+08:00').toISOString()).toBe('2026-12-03T01:30:00.000Z');
  });

  it('keeps ranges of one resource apart, accepting adjacent ones [a,b) [b,c) and other resources', async () => {
    await insert(10, '2026-12-01T00:00:00Z', range('2026-12-03T09:00:00+08:00', '2026-12-03T10:00:00+08:00'));
    // Adjacent on both sides, written with another offset.
    await insert(10, '2026-12-01T00:00:00Z', range('2026-12-03T02:00:00Z', '2026-12-03T03:00:00Z'));
    await insert(10, '2026-12-01T00:00:00Z', range('2026-12-03T08:00:00+08:00', '2026-12-03T09:00:00+08:00'));
    // The same hour for another resource.
    await insert(11, '2026-12-01T00:00:00Z', range('2026-12-03T09:00:00+08:00', '2026-12-03T10:00:00+08:00'));
    // Overlapping by a millisecond, and contained.
    for (const during of [range('2026-12-03T09:59:59.999+08:00', '2026-12-03T10:30:00+08:00'), range('2026-12-03T01:15:00Z', '2026-12-03T01:45:00Z')]) {
      const refused = await insert(10, '2026-12-01T00:00:00Z', during).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused, JSON.stringify(during)).toMatchObject({ code: '23P01', constraint: 'zz_time_bookings_no_overlap' });
    }
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zz_time_bookings WHERE resource_id = 10`.execute(database.db);
    expect(count.rows[0]?.n).toBe(3);
    const overlapping = await sql<{ n: number }>`SELECT count(*)::int AS n FROM zz_time_bookings WHERE resource_id = 10 AND during && ${rangeIn(range('2026-12-03T09:30:00+08:00', '2026-12-03T09:45:00+08:00'))}`.execute(database.db);
    expect(overlapping.rows[0]?.n).toBe(1);
  });
});

describe('a route taking an instant and a range', () => {
  let client: TestClient;
  beforeAll(() => {
    client = new TestClient(app);
  });
  const errors = (r: { json: () => { errors?: { field: string; rule: string; message: { zh: string; en: string } }[] } }) =>
    (r.json().errors ?? []).map((e) => `${e.field} ${e.rule}`);
  const body = (at: string, start: string, end: string) => ({ resourceId: 20, at, during: { start, end } });

  it('refuses an instant without an offset or on a day that does not exist with a 400 naming the field', async () => {
    const r = await client.post('/api/v1/zz-time-bookings', body('2026-12-03T09:30:00', '2026-12-03T09:00:00+08:00', '2026-12-03T10:00:00+08:00'));
    expect(r.statusCode).toBe(400);
    expect(errors(r)).toEqual(['at format:date-time']);
    const message = r.json<{ errors: { message: { zh: string; en: string } }[] }>().errors[0]?.message;
    expect(message?.zh).toMatch(/时区/);
    expect(message?.en).toMatch(/offset/);
    const leap = await client.post('/api/v1/zz-time-bookings', body('2026-12-03T09:30:00+08:00', '2026-02-29T09:00:00+08:00', '2026-03-01T10:00:00+08:00'));
    expect(leap.statusCode).toBe(400);
    expect(errors(leap)).toEqual(['during.start format:date-time']);
  });

  it('refuses a range that ends before it starts, naming its end', async () => {
    const r = await client.post('/api/v1/zz-time-bookings', body('2026-12-03T09:30:00+08:00', '2026-12-03T10:00:00+08:00', '2026-12-03T01:00:00Z'));
    expect(r.statusCode).toBe(400);
    expect(errors(r)).toEqual(['during.end instant_range']);
  });

  it('describes the instant and the range in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>> } }> } } }>;
    }>();
    const properties = doc.paths['/api/v1/zz-time-bookings']?.post?.requestBody?.content['application/json']?.schema.properties;
    expect(properties?.at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(properties?.during).toMatchObject({ type: 'object', 'x-start-before-end': true, properties: { start: { format: 'date-time' }, end: { format: 'date-time' } } });
  });

  it('stores a good booking and answers its instants in UTC with Z; an overlapping one is a 409', async () => {
    const r = await client.post('/api/v1/zz-time-bookings', body('2026-12-03T09:30:00+08:00', '2026-12-03T09:00:00+08:00', '2026-12-03T10:00:00+08:00'));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ at: '2026-12-03T01:30:00.000Z', during: { start: '2026-12-03T01:00:00.000Z', end: '2026-12-03T02:00:00.000Z' } });
    const again = await client.post('/api/v1/zz-time-bookings', body('2026-12-03T09:30:00+08:00', '2026-12-03T01:30:00Z', '2026-12-03T11:00:00+08:00'));
    expect(again.statusCode).toBe(409);
    expect(errors(again)).toEqual(['zz_time_bookings zz_time_bookings_no_overlap']);
  });
});
