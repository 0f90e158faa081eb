/**
 * Plain JSON Logic interpreter (untyped, two-valued, missing = null). Rule files are evaluated by
 * the typed three-valued interpreter in `interpreter.ts`; this one exists so that the operator
 * semantics we share with it can be checked against the public conformance suites, and it is the
 * reference the closure compiler (`logic-compiler.ts`) is compared with.
 */
import { LogicError } from './errors.js';
import {
  EAGER, compare, exists, isLogicOperator, isPlainObject, looseEquals, missingOf, missingSomeOf,
  navigate, operatorOf, strictEquals, truthy, varPath,
} from './operators.js';

type Frames = unknown[];

/** Lazy operators reject a non-array argument; the spec calls that Invalid Arguments. */
export const LAZY_OPERATORS: ReadonlySet<string> = new Set([
  'and', 'or', 'if', '?:', '<', '<=', '>', '>=', '==', '!=', '===', '!==',
  'map', 'filter', 'reduce', 'all', 'some', 'none', '??', 'try',
]);

export function evaluateLogic(rule: unknown, data: unknown): unknown {
  const v = ev(rule, [data ?? null]);
  return v === undefined ? null : v;
}

function top(frames: Frames): unknown {
  return frames[frames.length - 1];
}

/** Arguments of an operator, evaluated. A non-array argument that is an operation is evaluated and, if it yields an array, spread. */
function evalArgs(raw: unknown, frames: Frames): unknown[] {
  if (Array.isArray(raw)) return raw.map((a) => ev(a, frames));
  if (operatorOf(raw) !== undefined) {
    const v = ev(raw, frames);
    return Array.isArray(v) ? v : [v];
  }
  return [raw];
}

function lazyArgs(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) throw new LogicError('Invalid Arguments');
  return raw;
}

function valSegments(raw: unknown, frames: Frames): { scope: number; segs: (string | number)[] } {
  let arg = raw;
  if (operatorOf(arg) !== undefined) arg = ev(arg, frames);
  if (!Array.isArray(arg)) return { scope: 0, segs: arg === null || arg === undefined ? [] : [arg as string] };
  let scope = 0;
  let rest = arg as unknown[];
  const first = rest[0];
  if (Array.isArray(first)) {
    scope = Math.abs(Number(first[0] ?? 0));
    rest = rest.slice(1);
  }
  return { scope, segs: rest.map((s) => (typeof s === 'number' ? s : String(s))) };
}

function ev(node: unknown, frames: Frames): unknown {
  if (Array.isArray(node)) return node.map((n) => ev(n, frames));
  if (!isPlainObject(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 0) return node;
  const op = operatorOf(node);
  if (op === undefined || !isLogicOperator(op)) throw new LogicError('Unknown Operator', undefined, `unknown operator ${keys.join(',')}`);
  const raw = node[op];
  const eager = EAGER[op];
  if (eager) return eager(evalArgs(raw, frames));
  switch (op) {
    case 'preserve':
      return raw;
    case 'var': {
      const args = evalArgs(raw, frames);
      const v = navigate(top(frames), varPath(args[0]));
      return v === undefined || v === null ? (args.length > 1 ? args[1] : null) : v;
    }
    case 'val': {
      const { scope, segs } = valSegments(raw, frames);
      const base = frames[Math.max(0, frames.length - 1 - scope)];
      const v = navigate(base, segs);
      return v === undefined ? null : v;
    }
    case 'exists': {
      const segs = Array.isArray(raw) ? raw.map((s) => String(ev(s, frames))) : [String(ev(raw, frames))];
      return exists(top(frames), segs);
    }
    case 'missing':
      return missingOf(evalArgs(raw, frames), (n) => navigate(top(frames), varPath(n)));
    case 'missing_some':
      return missingSomeOf(evalArgs(raw, frames), (n) => navigate(top(frames), varPath(n)));
    case 'and':
    case 'or': {
      const args = lazyArgs(raw);
      if (args.length === 0) return false;
      let v: unknown = null;
      for (const a of args) {
        v = ev(a, frames);
        if (op === 'and' ? !truthy(v) : truthy(v)) return v;
      }
      return v;
    }
    case 'if':
    case '?:': {
      const args = lazyArgs(raw);
      let i = 0;
      for (; i + 1 < args.length; i += 2) if (truthy(ev(args[i], frames))) return ev(args[i + 1], frames);
      return i < args.length ? ev(args[i], frames) : null;
    }
    case '??': {
      for (const a of lazyArgs(raw)) {
        const v = ev(a, frames);
        if (v !== null && v !== undefined) return v;
      }
      return null;
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
    case '==':
    case '!=':
    case '===':
    case '!==': {
      const args = lazyArgs(raw);
      if (args.length < 2) throw new LogicError('Invalid Arguments');
      let prev = ev(args[0], frames);
      for (let i = 1; i < args.length; i++) {
        const cur = ev(args[i], frames);
        if (!pairHolds(op, prev, cur)) return false;
        prev = cur;
      }
      return true;
    }
    case 'try': {
      const args = Array.isArray(raw) ? raw : [raw];
      let last: LogicError = new LogicError('Invalid Arguments');
      let stack = frames;
      for (const a of args) {
        try {
          return ev(a, stack);
        } catch (e) {
          if (!(e instanceof LogicError)) throw e;
          last = e;
          stack = [...frames, { type: e.type }, e.payload];
        }
      }
      throw last;
    }
    case 'map':
    case 'filter':
    case 'all':
    case 'some':
    case 'none':
    case 'reduce':
      return iterate(op, lazyArgs(raw), frames);
  }
  throw new LogicError('Unknown Operator', undefined, `unknown operator ${op}`);
}

export function pairHolds(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return looseEquals(a, b);
    case '!=':
      return !looseEquals(a, b);
    case '===':
      return strictEquals(a, b);
    case '!==':
      return !strictEquals(a, b);
    default:
      return compare(op as '<' | '<=' | '>' | '>=', a, b);
  }
}

function iterate(op: string, args: unknown[], frames: Frames): unknown {
  // A literal null where an array or an expression is required is a malformed rule; a value that
  // merely turns out not to be an array at run time is an empty list for map/filter/reduce.
  if (args[0] === null || ((op === 'map' || op === 'filter') && args[1] === null)) throw new LogicError('Invalid Arguments');
  const listV = ev(args[0], frames);
  const quantifier = op === 'all' || op === 'some' || op === 'none';
  if (!Array.isArray(listV)) {
    if (quantifier) throw new LogicError('Invalid Arguments');
    return op === 'reduce' ? ev(args[2] ?? null, frames) : [];
  }
  const list: unknown[] = listV;
  const body = args[1];
  const run = (item: unknown, index: number): unknown => ev(body, [...frames, { index }, item]);
  switch (op) {
    case 'map':
      return list.map(run);
    case 'filter':
      return list.filter((x, i) => truthy(run(x, i)));
    case 'all':
      return list.length > 0 && list.every((x, i) => truthy(run(x, i)));
    case 'some':
      return list.some((x, i) => truthy(run(x, i)));
    case 'none':
      return !list.some((x, i) => truthy(run(x, i)));
    default: {
      let acc = ev(args[2] ?? null, frames);
      list.forEach((current, index) => {
        acc = ev(body, [...frames, { index }, { current, accumulator: acc }]);
      });
      return acc;
    }
  }
}
