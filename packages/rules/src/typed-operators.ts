/**
 * Semantics of the typed rule language on known values. The interpreter calls these for every
 * strict operator; the population compiler calls them for the operators it does not vectorise,
 * and its vectorised kernels are tested against them.
 */
import { addMonths, daysFromCivil, monthsBetween, yearOf, yearsBetween, type Rounding } from './calendar.js';
import { RuleError } from './errors.js';
import { inRegionSubtree } from './regions.js';
import type { Node } from './type-checker.js';

export const UNKNOWN: unique symbol = Symbol('unknown');
export type Known = number | boolean | string | readonly string[];
export type Value = Known | typeof UNKNOWN;

/**
 * Half up to a whole unit: 0.5 → 1, -0.5 → 0. Money is integer fen everywhere. A few ulps of
 * tolerance absorb binary representation error, so that 1.005 yuan × 100 (100.49999999999999
 * in floating point) rounds to 101 fen as the decimal value does.
 */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + Math.abs(x) * 4 * Number.EPSILON);
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
      return a.length === 1 ? -(a[0] as number) : (a[0] as number) - (a[1] as number);
    case '/':
      if ((a[1] as number) === 0) throw divisionByZero(node);
      return (a[0] as number) / (a[1] as number);
    case '%':
      if ((a[1] as number) === 0) throw divisionByZero(node);
      return (a[0] as number) % (a[1] as number);
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
      return monthsBetween((a[0] as number), (a[1] as number), node.value as Rounding);
    case 'years_between':
      return yearsBetween((a[0] as number), (a[1] as number), node.value as Rounding);
    case 'days_between':
      return (a[1] as number) - (a[0] as number);
    case 'within_years':
      return (a[0] as number) >= withinYearsStart(today, (a[1] as number)) && (a[0] as number) <= today;
    case 'add_months':
      if (!Number.isInteger((a[1] as number))) throw new RuleError({ file: node.file, path: node.path, message: '"add_months" needs a whole number of months', value: (a[1] as number) });
      return addMonths((a[0] as number), (a[1] as number));
    case 'in_region':
      return inRegionSubtree(String(a[0]), node.value as string);
    case 'round':
      return node.value === 'yuan' ? roundHalfUp((a[0] as number) / 100) * 100 : roundHalfUp((a[0] as number));
  }
  throw new RuleError({ file: node.file, path: node.path, message: `operator "${node.op}" cannot be applied here` });
}
