import { sql, type RawBuilder } from 'kysely';
import { formatInstantUtc, parseInstant, type Instant, type InstantRange } from '@seedbed/contract';

/**
 * Instants and ranges of instants between the database and the contract.
 *
 * - Columns are `timestamptz` and `tstzrange`. Both drivers (pg and PGlite) return a `timestamptz`
 *   as a JavaScript `Date` and a `tstzrange` as PostgreSQL's text, written in the session's time
 *   zone: `["2026-12-03 01:30:00+00","2026-12-03 02:30:00+00")`.
 * - The API answers every instant in one form: UTC with milliseconds and `Z`
 *   (`2026-12-03T01:30:00.000Z`), as `Date.prototype.toISOString` writes it; clients show it in
 *   Asia/Shanghai with the contract's `formatInstant`.
 * - Instants go to the database as the client's text (a PostgreSQL `timestamptz` literal keeps its
 *   offset's meaning whatever the session's zone); ranges as `tstzrange(start, end, '[)')`.
 * - A `Date` holds milliseconds and the contract's instants carry no more; microseconds written by
 *   the database itself (`now()`) are cut to the millisecond on the way out.
 */

/** An instant from the database (`Date` from either driver, or PostgreSQL text) in the API's form. */
export function instantOut(value: Date | string): Instant {
  if (value instanceof Date) return formatInstantUtc(value);
  return formatInstantUtc(timestampText(value));
}

/** Like `instantOut`, passing null through (nullable columns). */
export const nullableInstantOut = (value: Date | string | null): Instant | null => (value === null ? null : instantOut(value));

/** A contract instant as a `Date` for a Kysely parameter or a comparison; throws when it is not one. */
export function instantIn(text: string): Date {
  const ms = parseInstant(text);
  if (ms === null) throw new RangeError(`Not an instant (RFC 3339 with an offset): ${JSON.stringify(text)}`);
  return new Date(ms);
}

/** A range of instants as a `tstzrange` value, half-open `[start, end)`, for inserts and comparisons. */
export function rangeIn(range: InstantRange): RawBuilder<string> {
  const start = instantIn(range.start);
  const end = instantIn(range.end);
  if (start >= end) throw new RangeError(`A range must end after it starts: ${range.start} – ${range.end}`);
  return sql<string>`tstzrange(${range.start}::timestamptz, ${range.end}::timestamptz, '[)')`;
}

// PostgreSQL's output of a timestamptz in the ISO date style: `2026-12-03 01:30:00+00`,
// `2026-12-03 09:30:00.123456+08`, `1900-01-01 08:05:43+08:05:43` (local mean time).
const TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

/** PostgreSQL's text of a timestamptz as milliseconds since the epoch; throws on anything else (BC, infinity). */
function timestampText(text: string): number {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) throw new RangeError(`Not a timestamptz the contract can carry: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om = '00', os = '00'] = m;
  const ms = frac ? Number(frac.slice(1, 4).padEnd(3, '0')) : 0;
  // setUTCFullYear, unlike Date.UTC, reads the years 0001–0099 as themselves.
  const local = new Date(0);
  local.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  local.setUTCHours(Number(h), Number(mi), Number(s), ms);
  const offsetSeconds = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * (sign === '-' ? -1 : 1);
  return local.getTime() - offsetSeconds * 1000;
}

/** One bound of PostgreSQL's range text: quoted (doubled or backslashed quotes inside) or bare. */
function unquote(bound: string): string {
  if (!bound.startsWith('"')) return bound;
  return bound.slice(1, -1).replace(/\\(.)|""/g, (all: string, escaped: string | undefined) => escaped ?? '"');
}

const RANGE = /^\[("(?:[^"\\]|\\.|"")*"|[^,"]+),("(?:[^"\\]|\\.|"")*"|[^,")]+)\)$/;

/**
 * A `tstzrange` from the database as the contract's range. Only half-open, bounded, non-empty
 * ranges have a contract form; any other (`empty`, an infinite or missing bound, `(…]`) is a
 * programming error and throws.
 */
export function rangeOut(value: string): InstantRange {
  const m = RANGE.exec(value);
  if (!m?.[1] || !m[2]) throw new RangeError(`Not a bounded [start, end) range: ${JSON.stringify(value)}`);
  const start = timestampText(unquote(m[1]));
  const end = timestampText(unquote(m[2]));
  return { start: formatInstantUtc(start), end: formatInstantUtc(end) };
}
