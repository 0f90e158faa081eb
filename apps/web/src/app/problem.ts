/**
 * Turning a server problem into what a person sees: the message in the current language, and
 * each field error placed under the form field it names. Field paths from the server are dotted
 * (`facts.employees`, `enterprise.creditCode`) or sometimes JSON pointers (`/enterprise/creditCode`);
 * a form's fields are antd name paths. We match exactly first, then by suffix, so that a server
 * that reports `creditCode` still lands on the form's `enterprise.creditCode`.
 */
import type { FormInstance } from 'antd';
import { isApiError, type Problem } from './api-client';
import type { Lang } from './i18n';

export type FieldPath = readonly (string | number)[];

export interface FieldProblem {
  field: string;
  message: string;
}

export interface MappedProblem {
  /** The general message, in the current language. */
  message: string;
  /** Field errors that no form field took, to show in the general alert. */
  unplaced: FieldProblem[];
  /** Field errors placed on form fields. */
  placed: { name: FieldPath; message: string }[];
  code: string;
}

export function normaliseFieldPath(field: string): string {
  let f = field.trim();
  if (f.startsWith('/')) f = f.slice(1).replace(/\//g, '.');
  if (f.startsWith('body.')) f = f.slice(5);
  return f;
}

/** Finds the form field a server field path names, or null. */
export function matchField(serverField: string, fields: readonly FieldPath[]): FieldPath | null {
  const target = normaliseFieldPath(serverField);
  const joined = fields.map((f) => ({ f, j: f.join('.') }));
  const exact = joined.find((x) => x.j === target);
  if (exact) return exact.f;
  const suffix = joined.find((x) => x.j.endsWith(`.${target}`) || target.endsWith(`.${x.j}`));
  return suffix ? suffix.f : null;
}

const SEE_FIELDS: Record<Lang, (n: number) => string> = {
  zh: (n) => `有 ${n} 处需要更正，请查看下方标红的字段。`,
  en: (n) => `${n === 1 ? 'One field needs' : `${n} fields need`} correcting; see the fields marked below.`,
};

const UNKNOWN: Record<Lang, string> = {
  zh: '操作未完成，出现了意外错误。请稍后重试。',
  en: 'The operation did not complete because of an unexpected error. Try again later.',
};

export function problemOf(error: unknown): Problem | null {
  return isApiError(error) ? error.problem : null;
}

export function problemMessage(error: unknown, lang: Lang): string {
  const p = problemOf(error);
  if (!p) return UNKNOWN[lang];
  return p.message[lang] || p.message.zh || p.title;
}

/** Splits a problem into field errors for the given fields and the rest. */
export function mapProblem(error: unknown, lang: Lang, fields: readonly FieldPath[]): MappedProblem {
  const p = problemOf(error);
  const mapped: MappedProblem = { message: problemMessage(error, lang), unplaced: [], placed: [], code: p?.code ?? 'UNKNOWN' };
  for (const e of p?.errors ?? []) {
    const message = e.message[lang] || e.message.zh;
    const name = matchField(e.field, fields);
    if (name) mapped.placed.push({ name, message });
    else mapped.unplaced.push({ field: e.field, message });
  }
  // When every field error sits under its field, the summary points there instead of repeating
  // the server's technical paths.
  if (mapped.placed.length > 0 && mapped.unplaced.length === 0) mapped.message = SEE_FIELDS[lang](mapped.placed.length);
  return mapped;
}

/** Puts a problem's field errors on an antd form; returns the mapped problem for the alert. */
export function applyProblemToForm(form: FormInstance, error: unknown, lang: Lang, fields: readonly FieldPath[]): MappedProblem {
  const mapped = mapProblem(error, lang, fields);
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const { name, message } of mapped.placed) {
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: [...name], errors })));
  const first = mapped.placed[0];
  if (first) form.scrollToField([...first.name], { block: 'center', focus: true });
  return mapped;
}
