/**
 * JSON Logic operator semantics shared by both evaluators. The eager operators are defined once
 * here as functions of already-evaluated arguments, so the interpreter and the compilers cannot
 * drift apart on them; the lazy ones (and, or, if, comparisons, iterators, try) are written in
 * each evaluator because laziness is what distinguishes them, and are checked against each other
 * by the conformance suites and by property tests.
 *
 * Semantics follow the current JSON Logic specification as pinned by the conformance suites
 * (json-logic/compat-tables): strings are numbers when they parse, null is 0, arrays and objects
 * in arithmetic or ordering are a `NaN` error, wrong argument shapes are `Invalid Arguments`.
 */
import { LogicError } from './errors.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Operators of plain JSON Logic that the evaluators support (the conformance report lists the rest). */
export const LOGIC_OPERATORS = [
  'var', 'val', 'exists', 'missing', 'missing_some', '??', 'preserve', 'throw', 'try',
  '==', '!=', '===', '!==', '<', '<=', '>', '>=', '!', '!!', 'and', 'or', 'if', '?:',
  '+', '-', '*', '/', '%', 'min', 'max', 'in', 'cat', 'substr', 'merge',
  'map', 'filter', 'reduce', 'all', 'some', 'none',
] as const;

/** Seedbed operators: dates, periods, regions, parameters, history. Typed rule files only. */
export const SEEDBED_OPERATORS = [
  'param', 'date', 'today', 'months_between', 'years_between', 'days_between', 'within_years',
  'add_months', 'in_region', 'received', 'round',
] as const;

/** Operators a rule file may use (FORMAT.md §3). Iterators, `val`, `try` etc. are not (yet) allowed there. */
export const RULE_FILE_OPERATORS: readonly string[] = [
  'var', '==', '!=', '===', '!==', '<', '<=', '>', '>=', '!', '!!', 'and', 'or', 'if', '?:',
  '+', '-', '*', '/', '%', 'min', 'max', 'in', 'cat', 'missing', 'missing_some',
  ...SEEDBED_OPERATORS,
];

const LOGIC_SET: ReadonlySet<string> = new Set<string>(LOGIC_OPERATORS);
export function isLogicOperator(op: string): boolean {
  return LOGIC_SET.has(op);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A single-key object whose key is an operator name is an operation; anything else is data. */
export function operatorOf(node: unknown): string | undefined {
  if (!isPlainObject(node)) return undefined;
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return Boolean(v);
}

/** Numeric coercion per the specification; NaN for values that have no number. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return v.trim() === '' ? (v === '' ? 0 : NaN) : Number(v);
  return NaN;
}

function num(v: unknown): number {
  const n = toNumber(v);
  if (Number.isNaN(n)) throw new LogicError('NaN', undefined, `not a number: ${String(v)}`);
  return n;
}

function finite(n: number): number {
  if (!Number.isFinite(n)) throw new LogicError('NaN', undefined, 'result is not a finite number');
  return n;
}

const invalid = (): LogicError => new LogicError('Invalid Arguments');

export function plus(args: readonly unknown[]): number {
  let s = 0;
  for (const a of args) s += num(a);
  return finite(s);
}
export function times(args: readonly unknown[]): number {
  let s = 1;
  for (const a of args) s *= num(a);
  return finite(s);
}
export function minus(args: readonly unknown[]): number {
  if (args.length === 0) throw invalid();
  if (args.length === 1) return finite(-num(args[0]));
  let s = num(args[0]);
  for (let i = 1; i < args.length; i++) s -= num(args[i]);
  return finite(s);
}
export function divide(args: readonly unknown[]): number {
  if (args.length === 0) throw invalid();
  if (args.length === 1) return finite(1 / num(args[0]));
  let s = num(args[0]);
  for (let i = 1; i < args.length; i++) s /= num(args[i]);
  return finite(s);
}
export function modulo(args: readonly unknown[]): number {
  if (args.length < 2) throw invalid();
  let s = num(args[0]);
  for (let i = 1; i < args.length; i++) s %= num(args[i]);
  return finite(s);
}
export function minOf(args: readonly unknown[]): number {
  if (args.length === 0) throw invalid();
  let m = Infinity;
  for (const a of args) m = Math.min(m, num(a));
  return m;
}
export function maxOf(args: readonly unknown[]): number {
  if (args.length === 0) throw invalid();
  let m = -Infinity;
  for (const a of args) m = Math.max(m, num(a));
  return m;
}

function isComposite(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

/** Ordering comparison of two values: strings compare as strings, everything else as numbers. */
export function compare(op: '<' | '<=' | '>' | '>=', a: unknown, b: unknown): boolean {
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') {
    x = a;
    y = b;
  } else {
    if (isComposite(a) || isComposite(b)) throw new LogicError('NaN');
    x = num(a);
    y = num(b);
  }
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

export function looseEquals(a: unknown, b: unknown): boolean {
  if (isComposite(a) || isComposite(b)) throw new LogicError('NaN');
  if (typeof a === typeof b || (a === null && b === null)) return a === b;
  return num(a) === num(b);
}

export function strictEquals(a: unknown, b: unknown): boolean {
  return a === b;
}

export function catOf(args: readonly unknown[]): string {
  let s = '';
  for (const a of args) s += a === null || a === undefined ? '' : Array.isArray(a) ? a.join(',') : String(a);
  return s;
}

export function substrOf(args: readonly unknown[]): string {
  const s = catOf([args[0]]);
  let start = Math.trunc(toNumber(args[1] ?? 0));
  if (start < 0) start = Math.max(0, s.length + start);
  if (args.length > 2 && args[2] !== undefined) {
    const len = Math.trunc(toNumber(args[2]));
    if (len < 0) return s.slice(start, Math.max(start, s.length + len));
    return s.substr(start, len);
  }
  return s.slice(start);
}

export function inOf(args: readonly unknown[]): boolean {
  const [a, b] = args;
  if (Array.isArray(b)) return b.includes(a);
  if (typeof b === 'string') return b.includes(String(a));
  return false;
}

export function mergeOf(args: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const a of args) {
    if (Array.isArray(a)) out.push(...(a as unknown[]));
    else out.push(a);
  }
  return out;
}

export function notOf(args: readonly unknown[]): boolean {
  return !truthy(args[0]);
}
export function bangBang(args: readonly unknown[]): boolean {
  return truthy(args[0]);
}

/** The error object a `throw` raises: `{"throw": "x"}` and `{"throw": {"type": "x"}}` both give type x. */
export function throwOf(args: readonly unknown[]): never {
  const v = args[0];
  if (isPlainObject(v) && typeof v.type === 'string') throw new LogicError(v.type, v);
  throw new LogicError(String(v), { type: String(v) });
}

/** Eager operators: evaluated arguments in, value out. */
export const EAGER: Readonly<Record<string, (args: readonly unknown[]) => unknown>> = {
  '+': plus,
  '-': minus,
  '*': times,
  '/': divide,
  '%': modulo,
  min: minOf,
  max: maxOf,
  cat: catOf,
  substr: substrOf,
  in: inOf,
  merge: mergeOf,
  '!': notOf,
  '!!': bangBang,
  throw: throwOf,
};

/** Path navigation for `var` (dot-separated) and `val` (segment list). Undefined when absent. */
export function navigate(data: unknown, segments: readonly (string | number)[]): unknown {
  let cur: unknown = data;
  for (const seg of segments) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (typeof cur === 'object') {
      const o = cur as Record<string, unknown>;
      cur = Object.prototype.hasOwnProperty.call(o, String(seg)) ? o[String(seg)] : undefined;
    } else return undefined;
  }
  return cur;
}

export function exists(data: unknown, segments: readonly (string | number)[]): boolean {
  let cur: unknown = data;
  for (const seg of segments) {
    if (cur === null || typeof cur !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(cur, String(seg))) return false;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return true;
}

export function varPath(name: unknown): (string | number)[] {
  if (name === null || name === undefined || name === '') return [];
  if (typeof name === 'number') return [name];
  return String(name).split('.');
}

/** `missing`: the names whose value is null, undefined or the empty string. */
export function missingOf(args: readonly unknown[], lookup: (name: string) => unknown): string[] {
  const names = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const out: string[] = [];
  for (const n of names) {
    const v = lookup(String(n));
    if (v === null || v === undefined || v === '') out.push(String(n));
  }
  return out;
}

export function missingSomeOf(args: readonly unknown[], lookup: (name: string) => unknown): string[] {
  const need = toNumber(args[0]);
  const names = Array.isArray(args[1]) ? (args[1] as unknown[]) : [];
  const miss = missingOf([names], lookup);
  return names.length - miss.length >= need ? [] : miss;
}
