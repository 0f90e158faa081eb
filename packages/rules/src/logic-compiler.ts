/**
 * Plain JSON Logic compiled to closures over columnar data (no eval, no new Function). The
 * typed population evaluator in `compiler.ts` is the fast path for rule files; this compiler
 * covers the whole plain JSON Logic language (iterators, scopes, try) so that the conformance
 * suites run through a compiler as well as through the interpreter.
 */
import { LogicError } from './errors.js';
import {
  EAGER, exists, isLogicOperator, isPlainObject, missingOf, missingSomeOf, navigate, operatorOf, truthy, varPath,
} from './operators.js';
import { pairHolds } from './logic-interpreter.js';

/** Columns of a plain-JSON population: one array per top-level key, or a single root column when rows are not objects. */
export interface LogicColumns {
  readonly size: number;
  readonly columns: Readonly<Record<string, ArrayLike<unknown>>>;
  readonly root?: ArrayLike<unknown>;
}

/** The row a compiled expression reads; frames above it are pushed by iterators and `try`. */
class RowRef {
  constructor(
    readonly data: LogicColumns,
    readonly row: number,
  ) {}
  materialise(): unknown {
    if (this.data.root) return this.data.root[this.row] ?? null;
    const o: Record<string, unknown> = {};
    for (const [k, col] of Object.entries(this.data.columns)) if (col[this.row] !== undefined) o[k] = col[this.row];
    return o;
  }
  navigate(segs: readonly (string | number)[]): unknown {
    if (this.data.root || segs.length === 0) return navigate(this.materialise(), segs);
    const col = this.data.columns[String(segs[0])];
    return col ? navigate(col[this.row], segs.slice(1)) : undefined;
  }
}

type Frames = unknown[];
type Fn = (f: Frames) => unknown;

function nav(base: unknown, segs: readonly (string | number)[]): unknown {
  return base instanceof RowRef ? base.navigate(segs) : navigate(base, segs);
}
function topOf(f: Frames): unknown {
  return f[f.length - 1];
}
function plain(base: unknown): unknown {
  return base instanceof RowRef ? base.materialise() : base;
}

const constant = (v: unknown): Fn => () => v;

function compileArgs(raw: unknown): (f: Frames) => unknown[] {
  if (Array.isArray(raw)) {
    const fns = raw.map(compile);
    return (f) => fns.map((fn) => fn(f));
  }
  if (operatorOf(raw) !== undefined) {
    const fn = compile(raw);
    return (f) => {
      const v = fn(f);
      return Array.isArray(v) ? v : [v];
    };
  }
  return () => [raw];
}

function lazy(raw: unknown): Fn[] | LogicError {
  if (!Array.isArray(raw)) return new LogicError('Invalid Arguments');
  return raw.map(compile);
}

const fail =
  (e: LogicError): Fn =>
  () => {
    throw e;
  };

export function compileLogic(rule: unknown): (data: LogicColumns, row: number) => unknown {
  const fn = compile(rule);
  return (data, row) => {
    const v = fn([new RowRef(data, row)]);
    return v === undefined ? null : v;
  };
}

/** Splits plain JSON rows into columns, the form the compiled closures read. */
export function toLogicColumns(rows: readonly unknown[]): LogicColumns {
  if (!rows.every((r) => isPlainObject(r))) return { size: rows.length, columns: {}, root: rows };
  const columns: Record<string, unknown[]> = {};
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r as Record<string, unknown>)) (columns[k] ??= new Array<unknown>(rows.length))[i] = v;
  });
  return { size: rows.length, columns };
}

function compile(node: unknown): Fn {
  if (Array.isArray(node)) {
    const fns = node.map(compile);
    return (f) => fns.map((fn) => fn(f));
  }
  if (!isPlainObject(node) || Object.keys(node).length === 0) return constant(node);
  const op = operatorOf(node);
  if (op === undefined || !isLogicOperator(op)) return fail(new LogicError('Unknown Operator'));
  const raw = node[op];
  const eager = EAGER[op];
  if (eager) {
    const args = compileArgs(raw);
    return (f) => eager(args(f));
  }
  switch (op) {
    case 'preserve':
      return constant(raw);
    case 'var': {
      const args = compileArgs(raw);
      // A constant name is split once here rather than on every row.
      const fixed = Array.isArray(raw) ? raw[0] : raw;
      const constPath = operatorOf(fixed) === undefined ? varPath(fixed) : undefined;
      return (f) => {
        const a = args(f);
        const v = nav(topOf(f), constPath ?? varPath(a[0]));
        return v === undefined || v === null ? (a.length > 1 ? a[1] : null) : plain(v);
      };
    }
    case 'val': {
      const dyn = operatorOf(raw) !== undefined ? compile(raw) : undefined;
      return (f) => {
        let arg: unknown = dyn ? dyn(f) : raw;
        let scope = 0;
        if (!Array.isArray(arg)) arg = arg === null || arg === undefined ? [] : [arg];
        let segs = arg as unknown[];
        if (Array.isArray(segs[0])) {
          scope = Math.abs(Number((segs[0] as unknown[])[0] ?? 0));
          segs = segs.slice(1);
        }
        const v = nav(f[Math.max(0, f.length - 1 - scope)], segs.map((s) => (typeof s === 'number' ? s : String(s))));
        return v === undefined ? null : plain(v);
      };
    }
    case 'exists': {
      const segFns = (Array.isArray(raw) ? raw : [raw]).map(compile);
      return (f) => exists(plain(topOf(f)), segFns.map((s) => String(s(f))));
    }
    case 'missing':
    case 'missing_some': {
      const args = compileArgs(raw);
      const impl = op === 'missing' ? missingOf : missingSomeOf;
      return (f) => impl(args(f), (n) => nav(topOf(f), varPath(n)));
    }
  }
  const parts = op === 'try' && !Array.isArray(raw) ? [compile(raw)] : lazy(raw);
  if (parts instanceof LogicError) return fail(parts);
  switch (op) {
    case 'and':
    case 'or': {
      const isAnd = op === 'and';
      return (f) => {
        let v: unknown = false;
        for (const p of parts) {
          v = p(f);
          if (isAnd ? !truthy(v) : truthy(v)) return v;
        }
        return v;
      };
    }
    case 'if':
    case '?:':
      return (f) => {
        let i = 0;
        for (; i + 1 < parts.length; i += 2) if (truthy(parts[i]!(f))) return parts[i + 1]!(f);
        return i < parts.length ? parts[i]!(f) : null;
      };
    case '??':
      return (f) => {
        for (const p of parts) {
          const v = p(f);
          if (v !== null && v !== undefined) return v;
        }
        return null;
      };
    case 'try':
      return (f) => {
        let stack = f;
        let last = new LogicError('Invalid Arguments');
        for (const p of parts) {
          try {
            return p(stack);
          } catch (e) {
            if (!(e instanceof LogicError)) throw e;
            last = e;
            stack = [...f, { type: e.type }, e.payload];
          }
        }
        throw last;
      };
    case 'map':
    case 'filter':
    case 'reduce':
    case 'all':
    case 'some':
    case 'none':
      return compileIterator(op, raw as unknown[], parts);
    default: {
      if (parts.length < 2) return fail(new LogicError('Invalid Arguments'));
      return (f) => {
        let prev = parts[0]!(f);
        for (let i = 1; i < parts.length; i++) {
          const cur = parts[i]!(f);
          if (!pairHolds(op, prev, cur)) return false;
          prev = cur;
        }
        return true;
      };
    }
  }
}

function compileIterator(op: string, raw: unknown[], parts: Fn[]): Fn {
  if (raw[0] === null || ((op === 'map' || op === 'filter') && raw[1] === null)) return fail(new LogicError('Invalid Arguments'));
  const list = parts[0] ?? constant(null);
  const body = parts[1] ?? constant(null);
  const init = parts[2] ?? constant(null);
  const quantifier = op === 'all' || op === 'some' || op === 'none';
  return (f) => {
    const lv = plain(list(f));
    if (!Array.isArray(lv)) {
      if (quantifier) throw new LogicError('Invalid Arguments');
      return op === 'reduce' ? init(f) : [];
    }
    const items = lv as unknown[];
    const run = (item: unknown, index: number): unknown => body([...f, { index }, item]);
    switch (op) {
      case 'map':
        return items.map(run);
      case 'filter':
        return items.filter((x, i) => truthy(run(x, i)));
      case 'all':
        return items.length > 0 && items.every((x, i) => truthy(run(x, i)));
      case 'some':
        return items.some((x, i) => truthy(run(x, i)));
      case 'none':
        return !items.some((x, i) => truthy(run(x, i)));
      default: {
        let acc = init(f);
        items.forEach((current, index) => {
          acc = body([...f, { index }, { current, accumulator: acc }]);
        });
        return acc;
      }
    }
  };
}
