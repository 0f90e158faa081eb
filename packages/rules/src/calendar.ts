/**
 * Calendar arithmetic on day numbers (days since 1970-01-01). Dates in rule files are civil
 * dates in Asia/Shanghai; we never need a time of day, so an integer day number is exact and
 * lets the population evaluator keep dates in typed arrays.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days from civil date (proleptic Gregorian), after Howard Hinnant's algorithm. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  y: number;
  m: number;
  d: number;
}

export function civilFromDays(z0: number): Civil {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Parses `YYYY-MM-DD` strictly; returns undefined for anything else (including 2023-02-30). */
export function parseDate(s: string): number | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return daysFromCivil(y, mo, d);
}

const formatted = new Map<number, string>();

/** YYYY-MM-DD; memoised because explanations format the same few dates many times. */
export function formatDate(days: number): string {
  let s = formatted.get(days);
  if (s === undefined) {
    const { y, m, d } = civilFromDays(days);
    s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (formatted.size < 100_000) formatted.set(days, s);
  }
  return s;
}

/** Adds calendar months; the day is clamped to the end of a shorter month (01-31 + 1 → 02-28). */
export function addMonths(days: number, n: number): number {
  const { y, m, d } = civilFromDays(days);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export type Rounding = 'floor' | 'ceil';

/**
 * Whole months from → to. `floor`: the largest n with addMonths(from, n) <= to; `ceil`: the
 * smallest n with addMonths(from, n) >= to. Stated rounding is required because "成立满 N 个月"
 * and "不超过 N 个月" round in different directions.
 */
export function monthsBetween(from: number, to: number, rounding: Rounding): number {
  return monthsBetweenCivil(civilFromDays(from), civilFromDays(to), rounding);
}

/**
 * O(1) form used by both evaluators: addMonths(from, n0) always lands in the month of `to`
 * (day clamped), so comparing that clamped day with the day of `to` decides the rounding.
 */
export function monthsBetweenCivil(a: Civil, b: Civil, rounding: Rounding): number {
  const n0 = (b.y - a.y) * 12 + (b.m - a.m);
  const day = Math.min(a.d, daysInMonth(b.y, b.m));
  if (rounding === 'floor') return day <= b.d ? n0 : n0 - 1;
  return day >= b.d ? n0 : n0 + 1;
}

/** Whole years: addMonths(from, 12·k0) lands in the year of `to` at from's month and (clamped) day. */
export function yearsBetweenCivil(a: Civil, b: Civil, rounding: Rounding): number {
  const k0 = b.y - a.y;
  const day = Math.min(a.d, daysInMonth(b.y, a.m));
  const cmp = a.m !== b.m ? a.m - b.m : day - b.d;
  if (rounding === 'floor') return cmp <= 0 ? k0 : k0 - 1;
  return cmp >= 0 ? k0 : k0 + 1;
}

export function yearsBetween(from: number, to: number, rounding: Rounding): number {
  return yearsBetweenCivil(civilFromDays(from), civilFromDays(to), rounding);
}

/** Reference definition by search, kept for the tests of the O(1) forms. */
export function monthsBetweenBySearch(from: number, to: number, rounding: Rounding, step = 1): number {
  let n = 0;
  if (rounding === 'floor') {
    while (addMonths(from, n * step) > to) n--;
    while (addMonths(from, (n + 1) * step) <= to) n++;
  } else {
    while (addMonths(from, n * step) < to) n++;
    while (addMonths(from, (n - 1) * step) >= to) n--;
  }
  return n;
}

/** Calendar year of a day number; used for per-year caps and `received … year`. */
export function yearOf(days: number): number {
  return civilFromDays(days).y;
}
