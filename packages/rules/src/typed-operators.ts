/**
 * Semantics of the typed rule language on known values. The interpreter calls these for every
 * strict operator; the population compiler calls them for the operators it does not vectorise,
 * and its vectorised kernels are tested against them.
 */
import { addMonths, daysFromCivil, monthsBetween, yearOf, yearsBetween, type Rounding } from './calendar.js';
import { RuleError } from './errors.js';
import { regionPrefix, type Node } from './type-checker.js';

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Known = number | boolean | string | readonly string[];
export type Value = Known | typeof UNKNOWN;

/** Half up to a whole unit: 0.5 → 1, -0.5 → 0. Money is integer fen everywhere. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

export function divisionByZero(node: Node): RuleError {
  return new RuleError({ file: node.file, path: node.path, message: `division by zero in "${node.op}"` });
}

export function truthyTyped(v: Known): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return v.length > 0;
}

/** First day (inclusive) of the window of `within_years [d, n]` evaluated on `today`. */
export function withinYearsStart(today: number, n: number): number {
  return addMonths(today, -Math.round(n * 12));
}

export function yearStart(today: number): number {
  return daysFromCivil(yearOf(today), 1, 1);
}

/** Applies a strict operator to known arguments. `today` is the evaluation date as a day number. */
export function applyStrict(node: Node, a: readonly Known[], today: number): Known {
  const n = (i: number): number => a[i] as number;
  switch (node.op) {
    case '<':
    case '<=':
    case '>':
    case '>=': {
      for (let i = 0; i + 1 < a.length; i++) {
        const x = a[i] as number | string;
        const y = a[i + 1] as number | string;
        const ok = node.op === '<' ? x < y : node.op === '<=' ? x <= y : node.op === '>' ? x > y : x >= y;
        if (!ok) return false;
      }
      return true;
    }
    case '==':
    case '===':
      return a[0] === a[1];
    case '!=':
    case '!==':
      return a[0] !== a[1];
    case '!':
      return !a[0];
    case '!!':
      return truthyTyped(a[0]!);
    case '+': {
      let s = 0;
      for (const x of a) s += x as number;
      return s;
    }
    case '*': {
      let s = 1;
      for (const x of a) s *= x as number;
      return s;
    }
    case '-':
      return a.length === 1 ? -n(0) : n(0) - n(1);
    case '/':
      if (n(1) === 0) throw divisionByZero(node);
      return n(0) / n(1);
    case '%':
      if (n(1) === 0) throw divisionByZero(node);
      return n(0) % n(1);
    case 'min':
      return Math.min(...(a as number[]));
    case 'max':
      return Math.max(...(a as number[]));
    case 'in': {
      const hay = a[1]!;
      return typeof hay === 'string' ? hay.includes(String(a[0])) : (hay as readonly string[]).includes(String(a[0]));
    }
    case 'cat':
      return a.map(String).join('');
    case 'months_between':
      return monthsBetween(n(0), n(1), node.value as Rounding);
    case 'years_between':
      return yearsBetween(n(0), n(1), node.value as Rounding);
    case 'days_between':
      return n(1) - n(0);
    case 'within_years':
      return n(0) >= withinYearsStart(today, n(1)) && n(0) <= today;
    case 'add_months':
      if (!Number.isInteger(n(1))) throw new RuleError({ file: node.file, path: node.path, message: '"add_months" needs a whole number of months', value: n(1) });
      return addMonths(n(0), n(1));
    case 'in_region':
      return String(a[0]).startsWith(regionPrefix(node.value as string));
    case 'round':
      return node.value === 'yuan' ? roundHalfUp(n(0) / 100) * 100 : roundHalfUp(n(0));
  }
  throw new RuleError({ file: node.file, path: node.path, message: `operator "${node.op}" cannot be applied here` });
}
