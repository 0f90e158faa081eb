/**
 * Instants as people read them: always in Asia/Shanghai (the programme's zone), whatever zone the
 * browser is in, through the contract's display helper. The server sends instants as RFC 3339
 * text in UTC (`2026-12-03T01:30:00.000Z`); calendar dates (`YYYY-MM-DD`) are shown as they are.
 */
import { formatInstant, isInstant, shanghaiDateOf } from '@seedbed/contract/instants';
import type { Lang } from './i18n';

/**
 * An instant in Asia/Shanghai to the minute (zh `2026年12月3日 09:30`, en `3 Dec 2026 09:30`),
 * or to the second with `seconds`. Text that is not an instant is shown as it came rather than
 * breaking the page; null and undefined as an empty string.
 */
export function showInstant(value: string | null | undefined, lang: Lang, options: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  return isInstant(value) ? formatInstant(value, lang, options) : value;
}

/** Today's calendar date (YYYY-MM-DD) in Asia/Shanghai, as the server's clock counts days. */
export const shanghaiToday = (now: Date = new Date()): string => shanghaiDateOf(now);

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant, or the text as it came. */
export function showInstantDate(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return isInstant(value) ? shanghaiDateOf(value) : value;
}
