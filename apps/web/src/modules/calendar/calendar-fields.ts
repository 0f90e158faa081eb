/**
 * Naming what a calendar problem is about the way the page shows it: the server's field paths
 * (`days.3.kind`, `/days/3/kind`, `source`) become "第4行 类型" / "Row 4 kind", so a person finds
 * the row without knowing that rows are counted from zero.
 */
import type { Lang } from '../../app/i18n';
import { normaliseFieldPath } from '../../app/problem';

export type RowPart = 'day' | 'kind' | 'name';

const PARTS: Record<Lang, Record<RowPart, string>> = {
  zh: { day: '日期', kind: '类型', name: '名称' },
  en: { day: 'date', kind: 'kind', name: 'name' },
};

const OTHER: Record<Lang, { source: string; days: string; row: (n: number) => string }> = {
  zh: { source: '依据', days: '放假调休列表', row: (n) => `第${n}行` },
  en: { source: 'Source', days: 'The list of days', row: (n) => `Row ${n}` },
};

/** The row (0-based, as sent) and the part of it a field path names, or null for other fields. */
export function rowField(field: string): { index: number; part: RowPart | null } | null {
  const match = /^days\.(\d+)(?:\.(day|kind|name))?$/.exec(normaliseFieldPath(field));
  if (!match) return null;
  return { index: Number(match[1]), part: (match[2] as RowPart | undefined) ?? null };
}

/** The label of a row's field as the editor shows it: 第1行 日期 / Row 1 date. */
export function rowLabel(index: number, part: RowPart | null, lang: Lang): string {
  const row = OTHER[lang].row(index + 1);
  return part ? `${row} ${PARTS[lang][part]}` : row;
}

/** What a server field path names, in the interface language; unknown paths are shown as they are. */
export function fieldLabel(field: string, lang: Lang): string {
  const row = rowField(field);
  if (row) return rowLabel(row.index, row.part, lang);
  const f = normaliseFieldPath(field);
  if (f === 'source') return OTHER[lang].source;
  if (f === 'days') return OTHER[lang].days;
  return f;
}

const WEEKDAYS: Record<Lang, readonly string[]> = {
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** The weekday of a YYYY-MM-DD date (the calendar's own, whatever the browser's time zone). */
export function weekday(day: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return '';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return WEEKDAYS[lang][date.getUTCDay()] ?? '';
}
