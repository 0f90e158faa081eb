/**
 * The one check of a variable's value, wherever a value enters: a subject's profile, the
 * anonymous eligibility check, an application's answers and the web's forms. The variable's
 * definition (the catalogue's registry, catalog/variables.yaml and the documents' items.yaml)
 * says its type, bounds, values and format; what needs the outside world (whether a region code
 * is current, what an identifier's check character is) arrives through the context. Pure.
 */
import { formatDate, parseDate } from './calendar.js';
import type { ValueFormat, VariableSpec } from './types.js';

/** What the check reads of a variable's definition. */
export type ValueSpec = Pick<VariableSpec, 'type' | 'values' | 'min' | 'max' | 'format' | 'max_future_days'>;

/** A refused value: the rule it broke (`type:integer`, `format:date`, `enum`…) and why, in Chinese and English. */
export interface ValueProblem {
  readonly rule: string;
  readonly zh: string;
  readonly en: string;
}

export interface ValueContext {
  /**
   * The date the facts describe (today for a profile or an application, the evaluation date of a
   * check): a date may lie at most the variable's `max_future_days` after it. Without it only the
   * fixed range applies.
   */
  readonly today?: string;
  /** Whether a well-formed region code is a current GB/T 2260 code; without it any six digits pass. */
  readonly regionKnown?: (code: string) => boolean;
  /** The check of an identifier format (credit codes, ID numbers, industry codes); without it any text passes. */
  readonly format?: (format: ValueFormat, value: string) => ValueProblem | null;
}

/** Defaults where a variable states no bounds. */
export const VALUE_LIMITS = {
  integer: { min: 0, max: 1_000_000_000 },
  money: { min: 0, max: 1e15 },
  dates: { from: '1900-01-01', to: '2100-12-31' },
  textLength: 200,
  listLength: 100,
} as const;

/** True for a real calendar date written YYYY-MM-DD (2024-02-29 is one, 2023-02-30 is not). */
export const isRealDate = (s: unknown): s is string => typeof s === 'string' && parseDate(s) !== undefined;

// C0 and C1 control characters (tabs and line breaks included): a fact's text is one line.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const REGION = /^\d{6}$/;

const problem = (rule: string, zh: string, en: string): ValueProblem => ({ rule, zh, en });

function textProblem(value: unknown, rule: string): ValueProblem | null {
  const max = VALUE_LIMITS.textLength;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max)
    return problem(rule, `应为1至${max}个字符的文本`, `must be text of 1 to ${max} characters`);
  if (CONTROL.test(value)) return problem('characters:string', '不能含有换行、制表符等控制字符', 'must not contain control characters (line breaks, tabs)');
  return null;
}

function latestDate(spec: ValueSpec, today: string | undefined): string {
  const limit = VALUE_LIMITS.dates.to;
  const day = today === undefined ? undefined : parseDate(today);
  if (day === undefined) return limit;
  const latest = formatDate(day + (spec.max_future_days ?? 0));
  return latest < limit ? latest : limit;
}

/** Checks one value of a variable: null when it is acceptable (null itself always is: "not known"). */
export function checkValue(spec: ValueSpec, value: unknown, ctx: ValueContext = {}): ValueProblem | null {
  if (value === null || value === undefined) return null;
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : problem('type:boolean', '应为“是”或“否”（true/false）', 'must be true or false');
    case 'integer': {
      const min = spec.min ?? VALUE_LIMITS.integer.min;
      const max = spec.max ?? VALUE_LIMITS.integer.max;
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? null
        : problem('type:integer', `应为${min}至${max}之间的整数`, `must be a whole number from ${min} to ${max}`);
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem('type:number', '应为数字', 'must be a number');
      if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max))
        return problem('range:number', `应在${spec.min ?? '-∞'}至${spec.max ?? '∞'}之间`, `must lie between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}`);
      return null;
    }
    case 'money': {
      const min = spec.min ?? VALUE_LIMITS.money.min;
      const max = spec.max ?? VALUE_LIMITS.money.max;
      return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
        ? null
        : problem('type:money', `金额应为以分计的非负整数（${min}至${max}）`, `must be a non-negative whole number of fen (${min} to ${max})`);
    }
    case 'date': {
      if (!isRealDate(value)) return problem('format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD');
      const from = VALUE_LIMITS.dates.from;
      const to = latestDate(spec, ctx.today);
      return value < from || value > to ? problem('range:date', `日期应在${from}至${to}之间`, `must lie between ${from} and ${to}`) : null;
    }
    case 'enum': {
      const allowed = (spec.values ?? []).map((v) => v.value);
      return typeof value === 'string' && allowed.includes(value) ? null : problem('enum', `应为以下之一：${allowed.join('、')}`, `must be one of: ${allowed.join(', ')}`);
    }
    case 'region':
      if (typeof value !== 'string' || !REGION.test(value)) return problem('format:region', '应为6位行政区划代码', 'must be a 6-digit GB/T 2260 code');
      return !ctx.regionKnown || ctx.regionKnown(value) ? null : problem('exists:region', '不是现行的行政区划代码（GB/T 2260）', 'is not a current GB/T 2260 region code');
    case 'string': {
      const bad = textProblem(value, 'type:string');
      if (bad) return bad;
      return spec.format && ctx.format ? ctx.format(spec.format, value as string) : null;
    }
    case 'string_list': {
      const max = VALUE_LIMITS.listLength;
      if (!Array.isArray(value) || value.length > max) return problem('type:string_list', `应为不超过${max}项的文本列表`, `must be a list of at most ${max} texts`);
      for (const x of value) {
        const bad = textProblem(x, 'type:string_list');
        if (bad) return bad;
      }
      return null;
    }
  }
}
