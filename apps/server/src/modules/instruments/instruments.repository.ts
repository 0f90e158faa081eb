import { sql } from 'kysely';
import type { InstantRange } from '@seedbed/contract';
import type { Db, Tx } from '../../platform/database.js';
import { rangeIn } from '../../platform/time.js';
import type { BookingRow, ClosureRow, InstrumentRow, PhotoRow, QualificationRow, TestRequestRow } from './instruments.tables.js';

/** The only SQL on the instruments module's tables (names of owners, regions, people and subjects joined from the core tables). */

const INSTRUMENT = sql`
  SELECT i.*, o.name AS owner_name, r.name AS region_name
    FROM instruments_instruments i
    JOIN identity_organisations o ON o.id = i.organisation_id
    JOIN core_regions r ON r.code = i.region_code`;

export interface InstrumentFields {
  organisation_id: string;
  name: string;
  model: string;
  maker: string;
  category: string;
  location: string;
  region_code: string;
  original_value_fen: number;
  specifications: string;
  services: unknown[];
  internal_rate_fen: number;
  external_rate_fen: number;
  opening_hours: unknown[];
  min_minutes: number;
  max_minutes: number;
  cancel_cutoff_hours: number;
  cancel_fee_fen: number;
  no_show_fee_fen: number;
  max_future_bookings: number;
  approval_required: boolean;
  operation: 'self' | 'staff';
  qualification: string;
}

const tsvector = (lexemes: readonly string[]) => sql`array_to_tsvector(${[...lexemes]}::text[])`;

export async function insertInstrument(trx: Tx, f: InstrumentFields, lexemes: readonly string[], at: Date): Promise<string> {
  const r = await sql<{ id: string }>`
    INSERT INTO instruments_instruments (organisation_id, name, model, maker, category, location, region_code, original_value_fen, specifications, services,
      internal_rate_fen, external_rate_fen, opening_hours, min_minutes, max_minutes, cancel_cutoff_hours, cancel_fee_fen, no_show_fee_fen, max_future_bookings,
      approval_required, operation, qualification, search, created_at, updated_at)
    VALUES (${f.organisation_id}, ${f.name}, ${f.model}, ${f.maker}, ${f.category}, ${f.location}, ${f.region_code}, ${f.original_value_fen}, ${f.specifications},
      ${JSON.stringify(f.services)}::jsonb, ${f.internal_rate_fen}, ${f.external_rate_fen}, ${JSON.stringify(f.opening_hours)}::jsonb, ${f.min_minutes}, ${f.max_minutes},
      ${f.cancel_cutoff_hours}, ${f.cancel_fee_fen}, ${f.no_show_fee_fen}, ${f.max_future_bookings}, ${f.approval_required}, ${f.operation}, ${f.qualification}, ${tsvector(lexemes)}, ${at}, ${at})
    RETURNING id`.execute(trx);
  return r.rows[0]!.id;
}

export async function updateInstrument(trx: Tx, id: string, f: Omit<InstrumentFields, 'organisation_id'>, lexemes: readonly string[], at: Date): Promise<void> {
  await sql`
    UPDATE instruments_instruments SET name = ${f.name}, model = ${f.model}, maker = ${f.maker}, category = ${f.category}, location = ${f.location},
      region_code = ${f.region_code}, original_value_fen = ${f.original_value_fen}, specifications = ${f.specifications}, services = ${JSON.stringify(f.services)}::jsonb,
      internal_rate_fen = ${f.internal_rate_fen}, external_rate_fen = ${f.external_rate_fen}, opening_hours = ${JSON.stringify(f.opening_hours)}::jsonb,
      min_minutes = ${f.min_minutes}, max_minutes = ${f.max_minutes}, cancel_cutoff_hours = ${f.cancel_cutoff_hours}, cancel_fee_fen = ${f.cancel_fee_fen}, no_show_fee_fen = ${f.no_show_fee_fen},
      max_future_bookings = ${f.max_future_bookings}, approval_required = ${f.approval_required}, operation = ${f.operation}, qualification = ${f.qualification},
      search = ${tsvector(lexemes)}, updated_at = ${at}
    WHERE id = ${id}`.execute(trx);
}

export async function findInstrument(db: Db | Tx, id: string, lock = false): Promise<InstrumentRow | undefined> {
  const r = await sql<InstrumentRow>`${INSTRUMENT} WHERE i.id = ${id} ${lock ? sql`FOR NO KEY UPDATE OF i` : sql``}`.execute(db);
  return r.rows[0];
}

export async function searchInstruments(
  db: Db | Tx,
  f: { tsquery: string | null; category?: string | undefined; regionPrefix?: string | undefined; maxRateFen?: number | undefined; organisationIds?: readonly string[] },
): Promise<InstrumentRow[]> {
  const r = await sql<InstrumentRow>`${INSTRUMENT}
     WHERE (${f.tsquery}::text IS NULL OR i.search @@ ${f.tsquery ?? ''}::tsquery)
       AND (${f.category ?? null}::text IS NULL OR i.category = ${f.category ?? null})
       AND (${f.regionPrefix ?? null}::text IS NULL OR i.region_code LIKE ${(f.regionPrefix ?? '') + '%'})
       AND (${f.maxRateFen ?? null}::int IS NULL OR i.external_rate_fen <= ${f.maxRateFen ?? 0})
       ${f.organisationIds ? sql`AND i.organisation_id = ANY(${[...f.organisationIds]}::uuid[])` : sql``}
     ORDER BY ${f.tsquery ? sql`ts_rank(i.search, ${f.tsquery}::tsquery) DESC,` : sql``} i.name`.execute(db);
  return r.rows;
}

export async function closuresOf(db: Db | Tx, ids: readonly string[]): Promise<ClosureRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<ClosureRow>`
    SELECT instrument_id, from_day::text AS from_day, to_day::text AS to_day, reason FROM instruments_closures
     WHERE instrument_id = ANY(${[...ids]}::uuid[]) ORDER BY from_day`.execute(db);
  return r.rows;
}

export async function replaceClosures(trx: Tx, id: string, closures: readonly { from: string; to: string; reason: string }[]): Promise<void> {
  await sql`DELETE FROM instruments_closures WHERE instrument_id = ${id}`.execute(trx);
  for (const c of closures) await sql`INSERT INTO instruments_closures (instrument_id, from_day, to_day, reason) VALUES (${id}, ${c.from}::date, ${c.to}::date, ${c.reason})`.execute(trx);
}

/** The live bookings' ranges of an instrument overlapping [from, to). */
export async function busyRanges(db: Db | Tx, instrumentId: string, from: Date, to: Date): Promise<{ id: string; during: string }[]> {
  const r = await sql<{ id: string; during: string }>`
    SELECT id, during::text AS during FROM instruments_bookings
     WHERE instrument_id = ${instrumentId} AND status IN ('requested','confirmed','completed','no_show')
       AND during && tstzrange(${from}, ${to}, '[)') ORDER BY lower(during)`.execute(db);
  return r.rows;
}

const BOOKING = sql`
  SELECT b.id, b.instrument_id, i.name AS instrument_name, i.organisation_id, o.name AS owner_name, i.operation, b.user_id, u.display_name AS booked_by,
         b.subject_id, s.name AS subject_name, b.during::text AS during, b.status, b.external, b.rate_fen, b.estimate_fen, b.purpose,
         b.voucher_id, b.voucher_order_id, b.actual_start, b.actual_end, b.bill_fen, b.fee_fen, b.reason
    FROM instruments_bookings b
    JOIN instruments_instruments i ON i.id = b.instrument_id
    JOIN identity_organisations o ON o.id = i.organisation_id
    JOIN identity_users u ON u.id = b.user_id
    LEFT JOIN subjects s ON s.id = b.subject_id`;

export async function findBooking(db: Db | Tx, id: string, lock = false): Promise<BookingRow | undefined> {
  const r = await sql<BookingRow>`${BOOKING} WHERE b.id = ${id} ${lock ? sql`FOR NO KEY UPDATE OF b` : sql``}`.execute(db);
  return r.rows[0];
}

export async function bookingsOfUser(db: Db | Tx, userId: string, subjectIds: readonly string[]): Promise<BookingRow[]> {
  const r = await sql<BookingRow>`${BOOKING} WHERE b.user_id = ${userId} OR b.subject_id = ANY(${[...subjectIds]}::uuid[]) ORDER BY lower(b.during) DESC`.execute(db);
  return r.rows;
}

export async function bookingsOfOrganisations(db: Db | Tx, organisationIds: readonly string[]): Promise<BookingRow[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<BookingRow>`${BOOKING} WHERE i.organisation_id = ANY(${[...organisationIds]}::uuid[]) ORDER BY lower(b.during) DESC LIMIT 500`.execute(db);
  return r.rows;
}

/** A user's bookings of an instrument still to come (requested or confirmed, not yet ended). */
export async function futureBookingsOf(trx: Tx, instrumentId: string, userId: string, now: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM instruments_bookings
     WHERE instrument_id = ${instrumentId} AND user_id = ${userId} AND status IN ('requested','confirmed') AND upper(during) > ${now}`.execute(trx);
  return r.rows[0]?.n ?? 0;
}

/** Serialises one user's bookings of one instrument (the cap on future bookings); taken before any other lock. */
export async function lockUserOnInstrument(trx: Tx, instrumentId: string, userId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`instruments:${instrumentId}:${userId}`}, 0))`.execute(trx);
}

export interface NewBooking {
  id: string;
  instrument_id: string;
  user_id: string;
  subject_id: string | null;
  during: InstantRange;
  status: 'requested' | 'confirmed';
  external: boolean;
  rate_fen: number;
  estimate_fen: number;
  purpose: string;
  voucher_id: string | null;
  voucher_order_id: string | null;
}

export async function insertBooking(trx: Tx, b: NewBooking, at: Date): Promise<void> {
  await sql`
    INSERT INTO instruments_bookings (id, instrument_id, user_id, subject_id, during, status, external, rate_fen, estimate_fen, purpose, voucher_id, voucher_order_id, created_at, updated_at)
    VALUES (${b.id}, ${b.instrument_id}, ${b.user_id}, ${b.subject_id}, ${rangeIn(b.during)}, ${b.status}, ${b.external}, ${b.rate_fen}, ${b.estimate_fen}, ${b.purpose},
            ${b.voucher_id}, ${b.voucher_order_id}, ${at}, ${at})`.execute(trx);
}

export async function updateBooking(
  trx: Tx,
  id: string,
  f: { status: BookingRow['status']; at: Date; reason?: string | null; fee_fen?: number | null; actual_start?: Date; actual_end?: Date; bill_fen?: number; voucher_order_id?: string | null },
): Promise<void> {
  await sql`
    UPDATE instruments_bookings SET status = ${f.status}, updated_at = ${f.at},
      reason = ${f.reason === undefined ? sql`reason` : sql`${f.reason}`},
      fee_fen = ${f.fee_fen === undefined ? sql`fee_fen` : sql`${f.fee_fen}`},
      actual_start = ${f.actual_start === undefined ? sql`actual_start` : sql`${f.actual_start}`},
      actual_end = ${f.actual_end === undefined ? sql`actual_end` : sql`${f.actual_end}`},
      bill_fen = ${f.bill_fen === undefined ? sql`bill_fen` : sql`${f.bill_fen}`},
      voucher_order_id = ${f.voucher_order_id === undefined ? sql`voucher_order_id` : sql`${f.voucher_order_id}`}
    WHERE id = ${id}`.execute(trx);
}

export async function qualificationOf(db: Db | Tx, instrumentId: string, userId: string): Promise<{ status: 'declared' | 'confirmed' } | undefined> {
  const r = await sql<{ status: 'declared' | 'confirmed' }>`SELECT status FROM instruments_qualifications WHERE instrument_id = ${instrumentId} AND user_id = ${userId}`.execute(db);
  return r.rows[0];
}

export async function declareQualification(trx: Tx, instrumentId: string, userId: string, statement: string, at: Date): Promise<void> {
  await sql`
    INSERT INTO instruments_qualifications (instrument_id, user_id, statement, status, declared_at) VALUES (${instrumentId}, ${userId}, ${statement}, 'declared', ${at})
    ON CONFLICT (instrument_id, user_id) DO UPDATE SET statement = EXCLUDED.statement, declared_at = EXCLUDED.declared_at
      WHERE instruments_qualifications.status = 'declared'`.execute(trx);
}

export async function confirmQualification(trx: Tx, instrumentId: string, userId: string, by: string, at: Date): Promise<boolean> {
  const r = await sql`
    UPDATE instruments_qualifications SET status = 'confirmed', confirmed_by = ${by}, confirmed_at = ${at}
     WHERE instrument_id = ${instrumentId} AND user_id = ${userId} AND status = 'declared'`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function qualificationsOfOrganisations(db: Db | Tx, organisationIds: readonly string[]): Promise<QualificationRow[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<QualificationRow>`
    SELECT q.instrument_id, i.name AS instrument_name, q.user_id, u.display_name AS user_name, q.statement, q.status
      FROM instruments_qualifications q JOIN instruments_instruments i ON i.id = q.instrument_id JOIN identity_users u ON u.id = q.user_id
     WHERE i.organisation_id = ANY(${[...organisationIds]}::uuid[]) ORDER BY q.status, q.declared_at`.execute(db);
  return r.rows;
}

export async function insertWaiter(trx: Tx, instrumentId: string, userId: string, during: InstantRange, at: Date): Promise<void> {
  await sql`
    INSERT INTO instruments_waitlist (instrument_id, user_id, during, created_at) VALUES (${instrumentId}, ${userId}, ${rangeIn(during)}, ${at})
    ON CONFLICT (instrument_id, user_id, during) DO NOTHING`.execute(trx);
}

/** Those waiting for a time overlapping `during` (text of a tstzrange), not yet told; marks them told. */
export async function takeWaiters(trx: Tx, instrumentId: string, during: string, at: Date): Promise<{ user_id: string; during: string }[]> {
  const r = await sql<{ user_id: string; during: string }>`
    UPDATE instruments_waitlist SET notified_at = ${at}
     WHERE instrument_id = ${instrumentId} AND notified_at IS NULL AND during && ${during}::tstzrange
    RETURNING user_id, during::text AS during`.execute(trx);
  return r.rows;
}

export interface SharingDbRow {
  instrument_id: string;
  instrument_name: string;
  owner_name: string;
  effective_seconds: string | number;
  external_seconds: string | number;
  income_fen: string | number;
  test_income_fen: string | number;
  samples_tested: string | number;
  users_served: number;
}

/** The year's completed bookings (by their actual start) and test services (by their result), in Asia/Shanghai. */
const SERVED = (organisationIds: readonly string[], year: number) => sql`
  SELECT b.instrument_id, coalesce(b.subject_id::text, b.user_id::text) AS who FROM instruments_bookings b JOIN instruments_instruments i ON i.id = b.instrument_id
   WHERE i.organisation_id = ANY(${[...organisationIds]}::uuid[]) AND b.status = 'completed' AND extract(year FROM b.actual_start AT TIME ZONE 'Asia/Shanghai') = ${year}
  UNION
  SELECT t.instrument_id, coalesce(t.subject_id::text, t.user_id::text) AS who FROM instruments_test_requests t JOIN instruments_instruments i ON i.id = t.instrument_id
   WHERE i.organisation_id = ANY(${[...organisationIds]}::uuid[]) AND t.status = 'completed' AND extract(year FROM t.completed_at AT TIME ZONE 'Asia/Shanghai') = ${year}`;

/** Per instrument of the organisations: the year's used time (completed bookings), external part, income (bookings and test services), samples and users. */
export async function sharing(db: Db | Tx, organisationIds: readonly string[], year: number): Promise<SharingDbRow[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<SharingDbRow>`
    WITH used AS (
      SELECT b.instrument_id,
             sum(extract(epoch FROM b.actual_end - b.actual_start)) AS seconds,
             coalesce(sum(extract(epoch FROM b.actual_end - b.actual_start)) FILTER (WHERE b.external), 0) AS external_seconds,
             sum(b.bill_fen) AS income
        FROM instruments_bookings b
       WHERE b.status = 'completed' AND extract(year FROM b.actual_start AT TIME ZONE 'Asia/Shanghai') = ${year}
       GROUP BY b.instrument_id),
    tested AS (
      SELECT t.instrument_id, sum(t.bill_fen) AS income, sum(t.samples_tested) AS samples
        FROM instruments_test_requests t
       WHERE t.status = 'completed' AND extract(year FROM t.completed_at AT TIME ZONE 'Asia/Shanghai') = ${year}
       GROUP BY t.instrument_id),
    served AS (SELECT instrument_id, count(DISTINCT who)::int AS n FROM (${SERVED(organisationIds, year)}) x GROUP BY instrument_id)
    SELECT i.id AS instrument_id, i.name AS instrument_name, o.name AS owner_name,
           coalesce(u.seconds, 0)::bigint AS effective_seconds,
           coalesce(u.external_seconds, 0)::bigint AS external_seconds,
           (coalesce(u.income, 0) + coalesce(te.income, 0))::bigint AS income_fen,
           coalesce(te.income, 0)::bigint AS test_income_fen,
           coalesce(te.samples, 0)::bigint AS samples_tested,
           coalesce(sv.n, 0)::int AS users_served
      FROM instruments_instruments i
      JOIN identity_organisations o ON o.id = i.organisation_id
      LEFT JOIN used u ON u.instrument_id = i.id
      LEFT JOIN tested te ON te.instrument_id = i.id
      LEFT JOIN served sv ON sv.instrument_id = i.id
     WHERE i.organisation_id = ANY(${[...organisationIds]}::uuid[])
     ORDER BY o.name, i.name`.execute(db);
  return r.rows;
}

export async function regionName(db: Db | Tx, code: string): Promise<string | null> {
  const r = await sql<{ name: string }>`SELECT name FROM core_regions WHERE code = ${code}`.execute(db);
  return r.rows[0]?.name ?? null;
}

/** The distinct users served (an enterprise counts once, a person once) by the organisations' instruments in a year: bookings and test services. */
export async function usersServed(db: Db | Tx, organisationIds: readonly string[], year: number): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<{ who: string }>`SELECT DISTINCT who FROM (${SERVED(organisationIds, year)}) x`.execute(db);
  return r.rows.map((x) => x.who);
}

// ------------------------------------------------------------------ test services

const TEST = sql`
  SELECT t.id, t.instrument_id, i.name AS instrument_name, i.organisation_id, o.name AS owner_name, t.service_name, t.user_id, u.display_name AS requested_by,
         t.subject_id, s.name AS subject_name, t.samples, t.note, t.status, t.external, t.price_per_sample_fen, t.estimate_fen, t.voucher_id, t.voucher_order_id,
         t.samples_tested, t.bill_fen, t.report_file_id, t.reason, t.created_at, t.completed_at
    FROM instruments_test_requests t
    JOIN instruments_instruments i ON i.id = t.instrument_id
    JOIN identity_organisations o ON o.id = i.organisation_id
    JOIN identity_users u ON u.id = t.user_id
    LEFT JOIN subjects s ON s.id = t.subject_id`;

export interface NewTestRequest {
  id: string;
  instrument_id: string;
  service_name: string;
  user_id: string;
  subject_id: string | null;
  samples: number;
  note: string;
  external: boolean;
  price_per_sample_fen: number;
  estimate_fen: number;
  voucher_id: string | null;
  voucher_order_id: string | null;
}

export async function insertTestRequest(trx: Tx, t: NewTestRequest, at: Date): Promise<void> {
  await sql`
    INSERT INTO instruments_test_requests (id, instrument_id, service_name, user_id, subject_id, samples, note, status, external, price_per_sample_fen, estimate_fen,
                                           voucher_id, voucher_order_id, created_at, updated_at)
    VALUES (${t.id}, ${t.instrument_id}, ${t.service_name}, ${t.user_id}, ${t.subject_id}, ${t.samples}, ${t.note}, 'requested', ${t.external}, ${t.price_per_sample_fen},
            ${t.estimate_fen}, ${t.voucher_id}, ${t.voucher_order_id}, ${at}, ${at})`.execute(trx);
}

export async function findTestRequest(db: Db | Tx, id: string, lock = false): Promise<TestRequestRow | undefined> {
  const r = await sql<TestRequestRow>`${TEST} WHERE t.id = ${id} ${lock ? sql`FOR NO KEY UPDATE OF t` : sql``}`.execute(db);
  return r.rows[0];
}

export async function testRequestsOfUser(db: Db | Tx, userId: string, subjectIds: readonly string[]): Promise<TestRequestRow[]> {
  const r = await sql<TestRequestRow>`${TEST} WHERE t.user_id = ${userId} OR t.subject_id = ANY(${[...subjectIds]}::uuid[]) ORDER BY t.created_at DESC`.execute(db);
  return r.rows;
}

export async function testRequestsOfOrganisations(db: Db | Tx, organisationIds: readonly string[]): Promise<TestRequestRow[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<TestRequestRow>`${TEST} WHERE i.organisation_id = ANY(${[...organisationIds]}::uuid[]) ORDER BY t.created_at DESC LIMIT 500`.execute(db);
  return r.rows;
}

export async function updateTestRequest(
  trx: Tx,
  id: string,
  f: { status: TestRequestRow['status']; at: Date; reason?: string | null; samples_tested?: number; bill_fen?: number; report_file_id?: string; completed_at?: Date; voucher_order_id?: string | null },
): Promise<void> {
  await sql`
    UPDATE instruments_test_requests SET status = ${f.status}, updated_at = ${f.at},
      reason = ${f.reason === undefined ? sql`reason` : sql`${f.reason}`},
      samples_tested = ${f.samples_tested === undefined ? sql`samples_tested` : sql`${f.samples_tested}`},
      bill_fen = ${f.bill_fen === undefined ? sql`bill_fen` : sql`${f.bill_fen}`},
      report_file_id = ${f.report_file_id === undefined ? sql`report_file_id` : sql`${f.report_file_id}`},
      completed_at = ${f.completed_at === undefined ? sql`completed_at` : sql`${f.completed_at}`},
      voucher_order_id = ${f.voucher_order_id === undefined ? sql`voucher_order_id` : sql`${f.voucher_order_id}`}
    WHERE id = ${id}`.execute(trx);
}

// ------------------------------------------------------------------ photos

export async function photosOf(db: Db | Tx, ids: readonly string[]): Promise<PhotoRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<PhotoRow>`
    SELECT p.instrument_id, p.file_id, f.original_name AS name FROM instruments_photos p JOIN files f ON f.id = p.file_id
     WHERE p.instrument_id = ANY(${[...ids]}::uuid[]) ORDER BY p.added_at, p.file_id`.execute(db);
  return r.rows;
}

export async function addPhoto(trx: Tx, instrumentId: string, fileId: string, at: Date): Promise<void> {
  await sql`INSERT INTO instruments_photos (instrument_id, file_id, added_at) VALUES (${instrumentId}, ${fileId}, ${at}) ON CONFLICT DO NOTHING`.execute(trx);
}

export async function countPhotos(trx: Tx, instrumentId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM instruments_photos WHERE instrument_id = ${instrumentId}`.execute(trx);
  return r.rows[0]?.n ?? 0;
}

export async function removePhoto(trx: Tx, instrumentId: string, fileId: string): Promise<boolean> {
  const r = await sql`DELETE FROM instruments_photos WHERE instrument_id = ${instrumentId} AND file_id = ${fileId}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** Starts a self-operated session: the actual start, once. */
export async function startSession(trx: Tx, id: string, at: Date): Promise<void> {
  await sql`UPDATE instruments_bookings SET actual_start = ${at}, updated_at = ${at} WHERE id = ${id}`.execute(trx);
}
