import type { FieldError } from './problem.js';

/**
 * The pure helpers of instants and ranges (see `time.ts` for the schemas and the rules), without
 * TypeBox, so that the web app can import them alone (`@seedbed/contract/instants`).
 */

/** The zone every instant is shown in and every local date and time is read in. */
export const SHANGHAI = 'Asia/Shanghai';

/**
 * The schema keyword saying that an object's `end` must be later than its `start`; the server's
 * validator enforces it on bodies (field `end`, rule `instant_range`).
 */
export const START_BEFORE_END = 'x-start-before-end';

/** An instant as contract text (RFC 3339 with an offset); the schema is `Instant` in `time.ts`. */
type Instant = string;
/** A half-open range [start, end) of instants; the schema is `InstantRange` in `time.ts`. */
interface InstantRange {
  start: string;
  end: string;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const MAX_OFFSET_MINUTES = 14 * 60;
const MS_PER_DAY = 86_400_000;

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Milliseconds since the epoch of a wall-clock date and time read as UTC, or null when it is not a real one. */
function wallMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (h > 23 || mi > 59 || s > 59) return null;
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/**
 * The instant an RFC 3339 text names, in milliseconds since 1970-01-01T00:00:00Z, or null when
 * the text is not an instant as the contract accepts it (the rules are in `time.ts`).
 */
export function parseInstant(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const local = wallMs(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), frac ? Number(frac.padEnd(3, '0')) : 0);
  if (local === null) return null;
  if (z) return local;
  if (Number(om) > 59) return null;
  const offset = Number(oh) * 60 + Number(om);
  if (offset > MAX_OFFSET_MINUTES) return null;
  return local - (sign === '-' ? -offset : offset) * 60_000;
}

/** Whether a value is an instant the contract accepts. */
export const isInstant = (value: unknown): value is Instant => typeof value === 'string' && parseInstant(value) !== null;

/** Milliseconds since the epoch of an instant given as contract text, a `Date` or milliseconds; throws on bad text. */
function msOf(instant: string | Date | number): number {
  if (typeof instant === 'number') return instant;
  if (instant instanceof Date) return instant.getTime();
  const ms = parseInstant(instant);
  if (ms === null) throw new RangeError(`Not an instant (RFC 3339 with an offset): ${JSON.stringify(instant)}`);
  return ms;
}

/** The lowest and highest instants the contract's text can carry in UTC: years 0001–9999. */
const MIN_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY;
const MAX_MS = daysFromCivil(10_000, 1, 1) * MS_PER_DAY - 1;

/** The one form the server writes instants in: UTC, milliseconds, `Z` (`2026-12-03T01:30:00.000Z`). */
export function formatInstantUtc(instant: string | Date | number): Instant {
  const ms = msOf(instant);
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) throw new RangeError(`Instant out of range (years 0001–9999): ${String(ms)}`);
  return new Date(ms).toISOString();
}

/** Orders two instants (negative, zero, positive), whatever offsets their texts carry. */
export const compareInstants = (a: string | Date | number, b: string | Date | number): number => Math.sign(msOf(a) - msOf(b));

const shanghaiParts = new Intl.DateTimeFormat('en-US', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
  era: 'short',
});

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The date and clock time in Asia/Shanghai at an instant (from the time-zone database, historical rules included). */
function shanghaiWall(ms: number): Wall {
  const parts: Record<string, string> = {};
  for (const p of shanghaiParts.formatToParts(new Date(ms))) parts[p.type] = p.value;
  if (parts.era !== 'AD') throw new RangeError('Instants before the year 1 are not supported');
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines have written midnight as 24 under hourCycle h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An instant as people read it, in Asia/Shanghai to the minute: zh `2026年12月3日 09:30`,
 * en `3 Dec 2026 09:30` (with `seconds`, `09:30:05`, e.g. for the audit log). The same on every
 * machine, whatever its own time zone.
 */
export function formatInstant(instant: string | Date | number, lang: 'zh' | 'en', options: { seconds?: boolean } = {}): string {
  const w = shanghaiWall(msOf(instant));
  const time = `${pad(w.hour)}:${pad(w.minute)}${options.seconds ? `:${pad(w.second)}` : ''}`;
  return lang === 'zh' ? `${w.year}年${w.month}月${w.day}日 ${time}` : `${w.day} ${MONTHS_EN[w.month - 1]} ${w.year} ${time}`;
}

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai at an instant. */
export function shanghaiDateOf(instant: string | Date | number): string {
  const w = shanghaiWall(msOf(instant));
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant at which Asia/Shanghai's clocks show a date (`YYYY-MM-DD`) and time (`HH:MM` or
 * `HH:MM:SS`), in the server's form (UTC, `Z`); null when the date or time is not a real one or
 * the clocks never showed it (the spring-forward hours of 1986–1991). When they showed it twice
 * (autumn, same years), the earlier instant. China has kept +08:00 all year since 1991, but the
 * offset is taken from the time-zone database, not assumed.
 */
export function instantAtShanghai(date: string, time: string): Instant | null {
  const d = LOCAL_DATE.exec(date);
  const t = LOCAL_TIME.exec(time);
  if (!d || !t) return null;
  const wall = wallMs(Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0), 0);
  if (wall === null) return null;
  // Shanghai's offset from UTC at an instant: its wall clock read as UTC, minus the instant (both to the second).
  const offsetAt = (ms: number) => {
    const w = shanghaiWall(ms);
    const shown = wallMs(w.year, w.month, w.day, w.hour, w.minute, w.second, 0);
    if (shown === null) throw new RangeError(`Unreadable wall time in ${SHANGHAI}`);
    return shown - Math.floor(ms / 1000) * 1000;
  };
  // The offsets in force a day either side of the wall time read as UTC bracket every candidate.
  const candidates = [...new Set([offsetAt(wall - MS_PER_DAY), offsetAt(wall), offsetAt(wall + MS_PER_DAY)])]
    .map((offset) => wall - offset)
    .filter((ms) => offsetAt(ms) === wall - ms)
    .sort((a, b) => a - b);
  return candidates.length === 0 ? null : formatInstantUtc(candidates[0] ?? 0);
}

/** Whether a value is a range the contract accepts: two instants, start strictly before end. */
export function isInstantRange(value: unknown): value is InstantRange {
  if (!value || typeof value !== 'object') return false;
  const { start, end } = value as Record<string, unknown>;
  return isInstant(start) && isInstant(end) && msOf(start) < msOf(end);
}

/** Whether two half-open ranges share an instant: [a, b) and [b, c) do not. */
export const rangesOverlap = (a: InstantRange, b: InstantRange): boolean => msOf(a.start) < msOf(b.end) && msOf(b.start) < msOf(a.end);

/** Whether a half-open range contains an instant (its start yes, its end no). */
export const rangeContains = (range: InstantRange, instant: string | Date | number): boolean =>
  msOf(range.start) <= msOf(instant) && msOf(instant) < msOf(range.end);

/** The field error of a range whose end is not after its start (`field` names the range, e.g. `during`). */
export const rangeOrderError = (field: string): FieldError => ({
  field: field ? `${field}.end` : 'end',
  rule: 'instant_range',
  message: { zh: '结束时间应晚于开始时间', en: 'must be later than the start' },
});
