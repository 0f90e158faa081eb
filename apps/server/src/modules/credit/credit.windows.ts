/**
 * The publication window of a credit record and when it may be repaired, after
 * 《失信行为纠正后的信用信息修复管理办法（试行）》(国家发展改革委令2023年第58号): information on minor
 * dishonesty is not published; on ordinary dishonesty it is published at least 3 months and at
 * most 1 year, on serious dishonesty at least 1 year and at most 3 years, both counted from the day
 * of the decision. Repair (信用修复) may be applied for once the shortest window has passed;
 * publication ends by itself when the longest has. Honours and good records carry no severity and
 * are published without end. Pure: the day is an argument.
 *
 * Days are calendar dates (YYYY-MM-DD); a window is half-open, [from, until): published on `from`,
 * no longer on `until`. Months are added on the calendar, clamped to the month's last day
 * (2026-01-31 + 1 month = 2026-02-28; 2028-02-29 + 12 months = 2029-02-28).
 */
import type { CreditPublicationStatus, CreditSeverity } from '@seedbed/contract';

/** Shortest and longest publication, in months from the decision. */
export const WINDOW_MONTHS: Record<Exclude<CreditSeverity, 'minor'>, { shortest: number; longest: number }> = {
  ordinary: { shortest: 3, longest: 12 },
  serious: { shortest: 12, longest: 36 },
};

export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface PublicationWindow {
  /** First day published; null: never published. */
  from: string | null;
  /** First day no longer published; null: no end (honours) or never published. */
  until: string | null;
  /** First day repair may be applied for; null: nothing to repair. */
  repairFrom: string | null;
}

export function publicationWindow(severity: CreditSeverity | null, decidedOn: string): PublicationWindow {
  if (severity === null) return { from: decidedOn, until: null, repairFrom: null };
  if (severity === 'minor') return { from: null, until: null, repairFrom: null };
  const w = WINDOW_MONTHS[severity];
  return { from: decidedOn, until: addMonths(decidedOn, w.longest), repairFrom: addMonths(decidedOn, w.shortest) };
}

/** Where the record stands on `today`; `repairedOn`: the day a repair was approved, if one was. */
export function publicationStatus(severity: CreditSeverity | null, decidedOn: string, today: string, repairedOn: string | null): CreditPublicationStatus {
  const w = publicationWindow(severity, decidedOn);
  if (w.from === null || today < w.from) return 'not_published';
  if (repairedOn !== null && repairedOn <= today) return 'repaired';
  if (w.until !== null && today >= w.until) return 'expired';
  return 'published';
}

/** Repair may be applied for on `today`: the record is published and its shortest window has passed. */
export function repairOpen(severity: CreditSeverity | null, decidedOn: string, today: string, repairedOn: string | null): boolean {
  const w = publicationWindow(severity, decidedOn);
  return w.repairFrom !== null && today >= w.repairFrom && publicationStatus(severity, decidedOn, today, repairedOn) === 'published';
}

/** The record puts its subject on the serious-violation list on `today`: serious and still published. */
export const gatesOn = (severity: CreditSeverity | null, decidedOn: string, today: string, repairedOn: string | null): boolean =>
  severity === 'serious' && publicationStatus(severity, decidedOn, today, repairedOn) === 'published';
