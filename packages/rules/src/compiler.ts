/**
 * The population evaluator: the checked IR compiled to closures that each process a whole batch
 * of rows over typed columns (Float64Array with NaN = unknown for numbers and dates, Uint8Array
 * with 0/1/2 = fail/pass/unknown for conditions). Equal subexpressions are one node (see
 * NodeTable), so each is computed once per batch for all items. No eval, no new Function.
 *
 * Rare error paths (a division by zero, a fractional month count) are not decided here: the
 * rows concerned are re-run through the interpreter, which is the reference for what is an
 * error (a division in an `if` branch that is not taken is not one).
 */
import { civilFromDays, monthsBetweenCivil, yearsBetweenCivil, type Civil, type Rounding } from './calendar.js';
import type { Catalog, CompiledItem } from './catalog.js';
import { RuleError } from './errors.js';
import { evaluateWithEnv, selectItems } from './evaluate.js';
import { closable, closesAlways, type Access } from './gaps.js';
import { makeEnv, parameterValue, type ReceivedPeriod } from './interpreter.js';
import { inEffectOn } from './evaluate.js';
import { checkPopulation, isDictionaryColumn, MISSING_BOOL, rowFacts, type Population } from './population.js';
import { regionPrefix } from './regions.js';
import type { Node } from './type-checker.js';
import { applyStrict, roundHalfUp, truthyTyped, UNKNOWN, withinYearsStart, type Known, type Value } from './typed-operators.js';
import { formatDate, parseDate } from './calendar.js';

const BATCH = 4096;
const U = MISSING_BOOL;

/** A string vector: plain values `a[o + i]`, or dictionary codes `dict[codes[o + i]]` (-1 missing). */
interface StrView {
  readonly a: ArrayLike<unknown>;
  readonly o: number;
  readonly codes?: Int32Array;
  readonly dict?: readonly string[];
}

const NO_VALUES: readonly unknown[] = [];

function strAt(v: StrView, i: number): unknown {
  if (v.codes) {
    const c = v.codes[v.o + i]!;
    return c < 0 ? null : v.dict![c];
  }
  return v.a[v.o + i];
}

/** Per distinct dictionary value, the condition's result, cached per dictionary (usually a handful of values). */
function dictTable(cache: WeakMap<readonly string[], Uint8Array>, dict: readonly string[], test: (s: string) => boolean): Uint8Array {
  let t = cache.get(dict);
  if (!t) {
    t = new Uint8Array(dict.length);
    for (let c = 0; c < dict.length; c++) t[c] = test(dict[c]!) ? 1 : 0;
    cache.set(dict, t);
  }
  return t;
}
type Vec = Float64Array | Uint8Array | StrView;

interface Batch {
  pop: Population;
  start: number;
  n: number;
  vals: Vec[];
  /** Rows (absolute) where a kernel met a possible error; confirmed or dismissed by the interpreter. */
  suspects: number[];
}

interface RunConstants {
  today: number;
  todayCivil: Civil;
  params: Map<string, Known>;
}

type Kernel = (b: Batch, rc: RunConstants) => void;

export interface PopulationOptions {
  /** Also return the row indices of eligible subjects (offset by earlier chunks). */
  readonly collectEligible?: boolean;
  /**
   * Also tally each group of rows on its own (e.g. the districts of a simulation, without copying
   * each district's rows out): `groupOf[i]` is row i's group, 0 ≤ group < `groups`. With
   * `evaluate`, `groupOf` covers the population's rows; with `start`, give each chunk's to `add`.
   */
  readonly groups?: number;
  readonly groupOf?: Int32Array;
}

/** The tallies of a population's rows, or of one group of them (PopulationOptions.groups). */
export interface GroupTally {
  readonly eligible: number;
  readonly unknown: number;
  readonly ineligible: number;
  /** Near misses: rows failing exactly this criterion, every other one passing, and the failure closable (gaps.ts), per criterion that could close. */
  readonly nearMiss: Readonly<Record<string, number>>;
  readonly nearMissTotal: number;
  /** Sum of the amounts of eligible rows, in fen (of maxima when `upTo`). */
  readonly amountFen: number;
  /** Eligible rows whose amount could not be computed (an input of the formula or a cap missing). */
  readonly amountUnknown: number;
}

export interface ItemPopulationResult extends GroupTally {
  readonly item: string;
  /** The item's amount is a maximum ("up to"), so `amountFen` is an upper bound of the cost. */
  readonly upTo: boolean;
  /** With `collectEligible`: the eligible rows, in ascending order. */
  readonly eligibleRows?: readonly number[];
  /** With `groups`: each group's tallies (they sum to the item's). */
  readonly groups?: readonly GroupTally[];
}

export interface PopulationResult {
  readonly date: string;
  readonly rows: number;
  readonly items: readonly ItemPopulationResult[];
}

/** A run over a population delivered in chunks (e.g. streamed from PostgreSQL). */
export interface PopulationRun {
  /** Adds a chunk; `groupOf` (its rows' groups) when the run was started with `groups`. */
  add(chunk: Population, groupOf?: Int32Array): void;
  finish(): PopulationResult;
}

export interface PopulationEvaluator {
  readonly itemIds: readonly string[];
  evaluate(pop: Population, date: string, options?: PopulationOptions): PopulationResult;
  start(date: string, options?: PopulationOptions): PopulationRun;
}

function collect(node: Node, seen: Map<number, Node>): void {
  if (seen.has(node.id)) return;
  // A threshold comparison reads the start date directly, not the month count (see thresholdKernel).
  const children = thresholdable(node) ? [node.args[0]!.args[0]!, node.args[0]!.args[1]!, node.args[1]!] : node.args;
  for (const a of children) collect(a, seen);
  seen.set(node.id, node);
}

const THRESHOLD_OPS = new Set(['<', '<=', '>', '>=', '==', '===']);

/** `months_between(d, E, r) OP N` / `years_between(…) OP N` with E and N fixed for the run. */
function thresholdable(node: Node): boolean {
  if (!THRESHOLD_OPS.has(node.op) || node.args.length !== 2) return false;
  const [m, c] = node.args as [Node, Node];
  return (m.op === 'months_between' || m.op === 'years_between') && isRunConstant(m.args[1]!) && isRunConstant(c);
}

/**
 * Whole months (or years) from d to a fixed end date never increase as d moves later, so
 * "months_between(d, E) >= N" is "d <= D(N)" for one day D(N) found by bisection once per run:
 * one comparison per row instead of calendar arithmetic. Rows outside ±400 years are computed.
 */
function thresholdKernel(node: Node): Kernel {
  const out = new Uint8Array(BATCH);
  const m = node.args[0]!;
  const from = m.args[0]!;
  const endNode = m.args[1]!;
  const rounding = m.value as Rounding;
  const f = m.op === 'months_between' ? monthsBetweenCivil : yearsBetweenCivil;
  const SPAN = 146097; // 400 years of days
  let preparedFor: RunConstants | undefined;
  let lo = 0;
  let hi = 0;
  let upper = 0; // pass when d <= upper …
  let lower = 0; // … and d > lower
  let holds: (d: number) => boolean = () => false;
  const prepare = (rc: RunConstants): void => {
    const end = constNumber(endNode, rc);
    const endCivil = civilFromDays(end);
    const n = constNumber(node.args[1]!, rc);
    const count = (d: number): number => f(civilFromDays(d), endCivil, rounding);
    lo = end - SPAN;
    hi = end + SPAN;
    // Largest day in [lo, hi] whose count is >= k (lo - 1 when none).
    const last = (k: number): number => {
      if (count(lo) < k) return lo - 1;
      let a = lo;
      let b = hi;
      while (a < b) {
        const mid = a + Math.ceil((b - a) / 2);
        if (count(mid) >= k) a = mid;
        else b = mid - 1;
      }
      return a;
    };
    const op = node.op;
    if (op === '>=' || op === '>') {
      upper = last(op === '>=' ? Math.ceil(n) : Math.floor(n) + 1);
      lower = -Infinity;
    } else if (op === '<' || op === '<=') {
      upper = Infinity;
      lower = last(op === '<' ? Math.ceil(n) : Math.floor(n) + 1);
    } else if (Number.isInteger(n)) {
      upper = last(n);
      lower = last(n + 1);
    } else {
      upper = -Infinity;
      lower = Infinity;
    }
    holds = (d: number): boolean => {
      const c = count(d);
      return op === '>=' ? c >= n : op === '>' ? c > n : op === '<=' ? c <= n : op === '<' ? c < n : c === n;
    };
    preparedFor = rc;
  };
  return (b, rc) => {
    if (preparedFor !== rc) prepare(rc);
    const x = b.vals[from.id] as Float64Array;
    const up = upper;
    const low = lower;
    for (let i = 0; i < b.n; i++) {
      const d = x[i]!;
      if (d !== d) out[i] = U;
      else if (d >= lo && d <= hi) out[i] = +(d <= up && d > low);
      else out[i] = holds(d) ? 1 : 0;
    }
    b.vals[node.id] = out;
  };
}

function isRunConstant(n: Node): boolean {
  return n.op === 'const' || n.op === 'today' || n.op === 'param';
}

function constNumber(n: Node, rc: RunConstants): number {
  if (n.op === 'today') return rc.today;
  if (n.op === 'param') return rc.params.get(n.value as string) as number;
  return n.value as number;
}

/** Reads one cell of a vector as an interpreter value. */
function cell(node: Node, v: Vec, i: number): Value {
  if (v instanceof Float64Array) {
    const x = v[i]!;
    return x !== x ? UNKNOWN : x;
  }
  if (v instanceof Uint8Array) {
    const x = v[i]!;
    return x === U ? UNKNOWN : x === 1;
  }
  const x = strAt(v, i);
  return x === null || x === undefined ? UNKNOWN : (x as Known);
}

function allocFor(node: Node): Vec {
  if (node.type === 'number' || node.type === 'date') return new Float64Array(BATCH);
  if (node.type === 'boolean') return new Uint8Array(BATCH);
  return { a: new Array<unknown>(BATCH).fill(null), o: 0 };
}

function write(out: Vec, i: number, v: Value): void {
  if (out instanceof Float64Array) out[i] = v === UNKNOWN ? NaN : (v as number);
  else if (out instanceof Uint8Array) out[i] = v === UNKNOWN ? U : v ? 1 : 0;
  else (out.a as unknown[])[i] = v === UNKNOWN ? null : v;
}

/** Row-at-a-time fallback for operators without a vector kernel; uses the interpreter's own semantics. */
function rowwise(node: Node): Kernel {
  const out = allocFor(node);
  const ids = node.args.map((a) => a.id);
  return (b, rc) => {
    const vs = ids.map((id) => b.vals[id]!);
    const args: Known[] = [];
    for (let i = 0; i < b.n; i++) {
      args.length = 0;
      let unknown = false;
      const missingNames: string[] = [];
      for (let k = 0; k < vs.length; k++) {
        const v = cell(node.args[k]!, vs[k]!, i);
        if (v === UNKNOWN) {
          unknown = true;
          missingNames.push(node.args[k]!.value as string);
        } else args.push(v);
      }
      if (node.op === 'missing') write(out, i, missingNames);
      else if (node.op === 'missing_some') write(out, i, node.args.length - missingNames.length >= Number(node.value) ? [] : missingNames);
      else if (node.op === '!!' && !unknown) write(out, i, truthyTyped(args[0]!));
      else if (unknown) write(out, i, UNKNOWN);
      else {
        try {
          write(out, i, applyStrict(node, args, rc.today));
        } catch {
          b.suspects.push(b.start + i);
          write(out, i, UNKNOWN);
        }
      }
    }
    b.vals[node.id] = out;
  };
}

function compareKernel(node: Node): Kernel | undefined {
  const [a, c] = node.args as [Node, Node];
  if (node.args.length !== 2 || (a.type !== 'number' && a.type !== 'date')) return undefined;
  const out = new Uint8Array(BATCH);
  const op = node.op;
  if (isRunConstant(c)) {
    return (b, rc) => {
      const x = b.vals[a.id] as Float64Array;
      const q = constNumber(c, rc);
      const n = b.n;
      // Branch-free: random data would make a branch per row mispredict half the time.
      // NaN (unknown) compares false, so (p !== p) << 1 turns it into U = 2.
      switch (op) {
        case '>=':
          for (let i = 0; i < n; i++) { const p = x[i]!; out[i] = +(p >= q) | (+(p !== p) << 1); }
          break;
        case '>':
          for (let i = 0; i < n; i++) { const p = x[i]!; out[i] = +(p > q) | (+(p !== p) << 1); }
          break;
        case '<=':
          for (let i = 0; i < n; i++) { const p = x[i]!; out[i] = +(p <= q) | (+(p !== p) << 1); }
          break;
        case '<':
          for (let i = 0; i < n; i++) { const p = x[i]!; out[i] = +(p < q) | (+(p !== p) << 1); }
          break;
        case '==':
        case '===':
          for (let i = 0; i < n; i++) { const p = x[i]!; out[i] = +(p === q) | (+(p !== p) << 1); }
          break;
        default:
          for (let i = 0; i < n; i++) { const p = x[i]!; out[i] = p !== p ? U : +(p !== q); }
      }
      b.vals[node.id] = out;
    };
  }
  return (b) => {
    const x = b.vals[a.id] as Float64Array;
    const y = b.vals[c.id] as Float64Array;
    const n = b.n;
    for (let i = 0; i < n; i++) {
      const p = x[i]!;
      const q = y[i]!;
      let r: boolean;
      if (p !== p || q !== q) {
        out[i] = U;
        continue;
      }
      switch (op) {
        case '>=': r = p >= q; break;
        case '>': r = p > q; break;
        case '<=': r = p <= q; break;
        case '<': r = p < q; break;
        case '==':
        case '===': r = p === q; break;
        default: r = p !== q;
      }
      out[i] = r ? 1 : 0;
    }
    b.vals[node.id] = out;
  };
}

function between(node: Node): Kernel | undefined {
  if (node.args.length !== 3 || node.args[0]!.type === 'string') return undefined;
  const out = new Uint8Array(BATCH);
  const strict = node.op === '<' || node.op === '>';
  const asc = node.op === '<' || node.op === '<=';
  const [a, m, c] = node.args.map((x) => x.id) as [number, number, number];
  return (b) => {
    const x = b.vals[a] as Float64Array;
    const y = b.vals[m] as Float64Array;
    const z = b.vals[c] as Float64Array;
    for (let i = 0; i < b.n; i++) {
      const p = x[i]!;
      const q = y[i]!;
      const r = z[i]!;
      const ok = asc ? (strict ? +(p < q) & +(q < r) : +(p <= q) & +(q <= r)) : strict ? +(p > q) & +(q > r) : +(p >= q) & +(q >= r);
      out[i] = ok | (+(p !== p || q !== q || r !== r) << 1);
    }
    b.vals[node.id] = out;
  };
}

function kernelFor(node: Node, catalog: Catalog): Kernel {
  const id = node.id;
  switch (node.op) {
    case 'const':
    case 'today':
    case 'param': {
      const out = allocFor(node);
      let filledFor: RunConstants | undefined;
      return (b, rc) => {
        if (filledFor !== rc) {
          const v: Known = node.op === 'const' ? (node.value as Known) : node.op === 'today' ? rc.today : rc.params.get(node.value as string)!;
          if (out instanceof Float64Array) out.fill(v as number);
          else if (out instanceof Uint8Array) out.fill(v ? 1 : 0);
          else (out.a as unknown[]).fill(v);
          filledFor = rc;
        }
        b.vals[id] = out;
      };
    }
    case 'var': {
      const name = node.value as string;
      const missing = allocFor(node);
      if (missing instanceof Float64Array) missing.fill(NaN);
      else if (missing instanceof Uint8Array) missing.fill(U);
      return (b) => {
        const col = b.pop.columns[name];
        if (!col) b.vals[id] = missing;
        else if (col instanceof Float64Array || col instanceof Uint8Array) b.vals[id] = col.subarray(b.start, b.start + b.n);
        else if (isDictionaryColumn(col)) b.vals[id] = { a: NO_VALUES, o: b.start, codes: col.codes, dict: col.dict };
        else b.vals[id] = { a: col, o: b.start };
      };
    }
    case 'received':
    case 'granted': {
      const [item, period] = node.value as readonly string[];
      const key = node.op === 'received' ? `${item}|${period}` : `${item}|${period === 'product' ? 'grants_product' : 'grants'}`;
      const zeros = new Float64Array(BATCH);
      return (b) => {
        const col = b.pop.received?.[key];
        b.vals[id] = col ? col.subarray(b.start, b.start + b.n) : zeros;
      };
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      if (thresholdable(node)) return thresholdKernel(node);
      return compareKernel(node) ?? between(node) ?? rowwise(node);
    case '==':
    case '!=':
    case '===':
    case '!==': {
      if (thresholdable(node)) return thresholdKernel(node);
      const k = compareKernel(node);
      if (k) return k;
      if (node.args[0]!.type !== 'boolean') return rowwise(node);
      const out = new Uint8Array(BATCH);
      const eq = node.op === '==' || node.op === '===';
      const [x, y] = node.args.map((a) => a.id) as [number, number];
      return (b) => {
        const p = b.vals[x] as Uint8Array;
        const q = b.vals[y] as Uint8Array;
        for (let i = 0; i < b.n; i++) out[i] = p[i] === U || q[i] === U ? U : (p[i] === q[i]) === eq ? 1 : 0;
        b.vals[id] = out;
      };
    }
    case '!': {
      const out = new Uint8Array(BATCH);
      const x = node.args[0]!.id;
      return (b) => {
        const p = b.vals[x] as Uint8Array;
        for (let i = 0; i < b.n; i++) out[i] = p[i] === U ? U : 1 - p[i]!;
        b.vals[id] = out;
      };
    }
    case '!!': {
      const t = node.args[0]!.type;
      if (t !== 'boolean' && t !== 'number') return rowwise(node);
      const out = new Uint8Array(BATCH);
      const x = node.args[0]!.id;
      return (b) => {
        const p = b.vals[x]!;
        if (p instanceof Uint8Array) out.set(p.subarray(0, b.n));
        else {
          const f = p as Float64Array;
          for (let i = 0; i < b.n; i++) out[i] = f[i]! !== f[i]! ? U : f[i] !== 0 ? 1 : 0;
        }
        b.vals[id] = out;
      };
    }
    case 'and':
    case 'or': {
      const out = new Uint8Array(BATCH);
      const ids = node.args.map((a) => a.id);
      const dom = node.op === 'and' ? 0 : 1;
      const neutral = 1 - dom;
      return (b) => {
        const n = b.n;
        out.fill(neutral, 0, n);
        for (const a of ids) {
          const v = b.vals[a] as Uint8Array;
          for (let i = 0; i < n; i++) {
            const o = out[i]!;
            if (o === dom) continue;
            const x = v[i]!;
            out[i] = x === dom ? dom : x === U ? U : o;
          }
        }
        b.vals[id] = out;
      };
    }
    case 'if': {
      const out = allocFor(node);
      const args = node.args;
      const ids = args.map((a) => a.id);
      return (b) => {
        const vs = ids.map((x) => b.vals[x]!);
        for (let i = 0; i < b.n; i++) {
          let k = 0;
          let chosen = -1;
          for (; k + 1 < ids.length; k += 2) {
            const c = (vs[k] as Uint8Array)[i]!;
            if (c === U) break;
            if (c === 1) {
              chosen = k + 1;
              break;
            }
          }
          if (chosen < 0 && k + 1 >= ids.length) chosen = ids.length - 1;
          write(out, i, chosen < 0 ? UNKNOWN : cell(args[chosen]!, vs[chosen]!, i));
        }
        b.vals[id] = out;
      };
    }
    case '+':
    case '*':
    case 'min':
    case 'max': {
      const out = new Float64Array(BATCH);
      const ids = node.args.map((a) => a.id);
      const op = node.op;
      return (b) => {
        const n = b.n;
        out.set((b.vals[ids[0]!] as Float64Array).subarray(0, n));
        for (let k = 1; k < ids.length; k++) {
          const v = b.vals[ids[k]!] as Float64Array;
          if (op === '+') for (let i = 0; i < n; i++) out[i] = out[i]! + v[i]!;
          else if (op === '*') for (let i = 0; i < n; i++) out[i] = out[i]! * v[i]!;
          else if (op === 'min') for (let i = 0; i < n; i++) out[i] = Math.min(out[i]!, v[i]!);
          else for (let i = 0; i < n; i++) out[i] = Math.max(out[i]!, v[i]!);
        }
        b.vals[id] = out;
      };
    }
    case '-':
    case '/':
    case '%': {
      const out = new Float64Array(BATCH);
      const [x, y] = node.args.map((a) => a.id) as [number, number | undefined];
      const op = node.op;
      return (b) => {
        const p = b.vals[x] as Float64Array;
        const n = b.n;
        if (y === undefined) {
          for (let i = 0; i < n; i++) out[i] = -p[i]!;
        } else {
          const q = b.vals[y] as Float64Array;
          if (op === '-') for (let i = 0; i < n; i++) out[i] = p[i]! - q[i]!;
          else
            for (let i = 0; i < n; i++) {
              const d = q[i]!;
              if (d === 0 && p[i]! === p[i]!) {
                b.suspects.push(b.start + i);
                out[i] = NaN;
              } else out[i] = op === '/' ? p[i]! / d : p[i]! % d;
            }
        }
        b.vals[id] = out;
      };
    }
    case 'months_between':
    case 'years_between': {
      const out = new Float64Array(BATCH);
      const [from, to] = node.args as [Node, Node];
      const rounding = node.value as Rounding;
      const f = node.op === 'months_between' ? monthsBetweenCivil : yearsBetweenCivil;
      const toConst = isRunConstant(to);
      // With a fixed end date (usually the evaluation date) the result depends on the start day
      // only: a table over ±100 years of start days, filled on first use, replaces the calendar
      // arithmetic per row.
      const SPAN = 36525;
      let table: Float64Array | undefined;
      let tableFor: RunConstants | undefined;
      let base = 0;
      return (b, rc) => {
        const p = b.vals[from.id] as Float64Array;
        const q = b.vals[to.id] as Float64Array;
        if (toConst) {
          const end = to.op === 'today' ? rc.today : constNumber(to, rc);
          const tc = to.op === 'today' ? rc.todayCivil : civilFromDays(end);
          if (tableFor !== rc) {
            table = (table ?? new Float64Array(2 * SPAN)).fill(NaN);
            base = end - SPAN;
            tableFor = rc;
          }
          const t = table!;
          for (let i = 0; i < b.n; i++) {
            const x = p[i]!;
            if (x !== x) {
              out[i] = NaN;
              continue;
            }
            const k = x - base;
            if (k >= 0 && k < 2 * SPAN) {
              let v = t[k]!;
              if (v !== v) t[k] = v = f(civilFromDays(x), tc, rounding);
              out[i] = v;
            } else out[i] = f(civilFromDays(x), tc, rounding);
          }
        } else {
          for (let i = 0; i < b.n; i++) {
            const x = p[i]!;
            const y = q[i]!;
            out[i] = x !== x || y !== y ? NaN : f(civilFromDays(x), civilFromDays(y), rounding);
          }
        }
        b.vals[id] = out;
      };
    }
    case 'days_between': {
      const out = new Float64Array(BATCH);
      const [x, y] = node.args.map((a) => a.id) as [number, number];
      return (b) => {
        const p = b.vals[x] as Float64Array;
        const q = b.vals[y] as Float64Array;
        for (let i = 0; i < b.n; i++) out[i] = q[i]! - p[i]!;
        b.vals[id] = out;
      };
    }
    case 'within_years': {
      const out = new Uint8Array(BATCH);
      const [d, years] = node.args as [Node, Node];
      return (b, rc) => {
        const p = b.vals[d.id] as Float64Array;
        const q = b.vals[years.id] as Float64Array;
        const fixed = isRunConstant(years) ? withinYearsStart(rc.today, constNumber(years, rc)) : NaN;
        const t = rc.today;
        for (let i = 0; i < b.n; i++) {
          const x = p[i]!;
          const y = q[i]!;
          if (x !== x || y !== y) out[i] = U;
          else {
            const s = fixed === fixed ? fixed : withinYearsStart(t, y);
            out[i] = x >= s && x <= t ? 1 : 0;
          }
        }
        b.vals[id] = out;
      };
    }
    case 'in_region': {
      const out = new Uint8Array(BATCH);
      const prefix = regionPrefix(node.value as string);
      const x = node.args[0]!.id;
      const tables = new WeakMap<readonly string[], Uint8Array>();
      const test = (s: string): boolean => s.startsWith(prefix);
      return (b) => {
        const v = b.vals[x] as StrView;
        if (v.codes) {
          const t = dictTable(tables, v.dict!, test);
          const codes = v.codes;
          for (let i = 0; i < b.n; i++) {
            const c = codes[v.o + i]!;
            out[i] = c < 0 ? U : t[c]!;
          }
          b.vals[id] = out;
          return;
        }
        for (let i = 0; i < b.n; i++) {
          const s = v.a[v.o + i];
          out[i] = s === null || s === undefined ? U : (s as string).startsWith(prefix) ? 1 : 0;
        }
        b.vals[id] = out;
      };
    }
    case 'in': {
      const [needle, hay] = node.args as [Node, Node];
      if (hay.op !== 'const' || hay.type !== 'string_list') return rowwise(node);
      const set = new Set(hay.value as readonly string[]);
      const out = new Uint8Array(BATCH);
      const tables = new WeakMap<readonly string[], Uint8Array>();
      const test = (s: string): boolean => set.has(s);
      return (b) => {
        const v = b.vals[needle.id]!;
        if (!(v instanceof Float64Array) && !(v instanceof Uint8Array) && v.codes) {
          const t = dictTable(tables, v.dict!, test);
          const codes = v.codes;
          for (let i = 0; i < b.n; i++) {
            const c = codes[v.o + i]!;
            out[i] = c < 0 ? U : t[c]!;
          }
        } else if (v instanceof Float64Array) for (let i = 0; i < b.n; i++) out[i] = v[i]! !== v[i]! ? U : set.has(String(v[i])) ? 1 : 0;
        else {
          const s = v as StrView;
          for (let i = 0; i < b.n; i++) {
            const x = s.a[s.o + i];
            out[i] = x === null || x === undefined ? U : set.has(x as string) ? 1 : 0;
          }
        }
        b.vals[id] = out;
      };
    }
    case 'round': {
      const out = new Float64Array(BATCH);
      const x = node.args[0]!.id;
      const yuan = node.value === 'yuan';
      return (b) => {
        const p = b.vals[x] as Float64Array;
        for (let i = 0; i < b.n; i++) out[i] = yuan ? roundHalfUp(p[i]! / 100) * 100 : roundHalfUp(p[i]!);
        b.vals[id] = out;
      };
    }
  }
  void catalog;
  return rowwise(node);
}

interface ItemPlan {
  readonly item: CompiledItem;
  readonly criteria: readonly number[];
  readonly nodes: readonly Node[];
  readonly gapComputable: readonly boolean[];
  /** Per criterion, when its failures all close or none does whatever the row (gaps.ts closesAlways). */
  readonly closesAlways: readonly (boolean | undefined)[];
  readonly amount?: number;
  readonly caps: readonly { per: string; id: number }[];
  readonly params: readonly string[];
}

/** Compiles the selected items (all by default) for populations. */
export function compilePopulation(catalog: Catalog, itemIds?: readonly string[]): PopulationEvaluator {
  const items = selectItems(catalog, itemIds ? { ids: itemIds } : undefined);
  const nodes = new Map<number, Node>();
  const plans: ItemPlan[] = items.map((item) => {
    const params = new Set<string>();
    const visit = (n: Node): void => {
      collect(n, nodes);
      const walk = (m: Node): void => {
        if (m.op === 'param') params.add(m.value as string);
        m.args.forEach(walk);
      };
      walk(n);
    };
    item.criteria.forEach((c) => visit(c.node));
    if (item.amount) visit(item.amount);
    item.caps.forEach((c) => visit(c.node));
    return {
      item,
      criteria: item.criteria.map((c) => c.node.id),
      nodes: item.criteria.map((c) => c.node),
      closesAlways: item.criteria.map((c) => (c.gapComputable ? closesAlways(c.node, catalog) : false)),
      gapComputable: item.criteria.map((c) => c.gapComputable),
      amount: item.amount?.id,
      caps: item.caps.map((c) => ({ per: c.per, id: c.node.id })),
      params: [...params],
    };
  });
  const order = [...nodes.values()].sort((a, b) => a.id - b.id);
  const usedVariables = new Set<string>();
  for (const n of order) if (n.op === 'var') usedVariables.add(n.value as string);
  const kernels = order.map((n) => kernelFor(n, catalog));

  const start = (date: string, options: PopulationOptions = {}): PopulationRun => {
    const today = parseDate(date);
    if (today === undefined) throw new RuleError({ path: '/date', value: date, message: 'the evaluation date must be YYYY-MM-DD' });
    const params = new Map<string, Known>();
    for (const plan of plans) {
      // An item outside its effective period fails its in_effect criterion on every row; the
      // parameters only it reads may have no value in force then, which is not an error.
      const inEffect = inEffectOn(plan.item, date);
      for (const p of plan.params) {
        if (params.has(p)) continue;
        try {
          params.set(p, parameterValue(catalog, p, today));
        } catch (e) {
          if (!inEffect) continue;
          if (e instanceof RuleError) throw new RuleError(e.problems.map((q) => ({ ...q, file: plan.item.file, item: plan.item.id })));
          throw e;
        }
      }
    }
    const rc: RunConstants = { today, todayCivil: civilFromDays(today), params };
    // Near misses: a row failing exactly one criterion that could close is one when gaps.ts says
    // that criterion closes for the row's values, read from the batch as the interpreter reads its memo.
    let row = 0;
    const rowValue = (n: Node): Value => {
      const v = vals[n.id];
      if (v !== undefined) return cell(n, v, row);
      // Not computed in this run (the month count under a threshold comparison): from its arguments.
      const args: Known[] = [];
      for (const a of n.args) {
        const x = rowValue(a);
        if (x === UNKNOWN) return UNKNOWN;
        args.push(x);
      }
      try {
        return applyStrict(n, args, today);
      } catch {
        return UNKNOWN;
      }
    };
    const access: Access = { catalog, today, value: rowValue, searches: new Map(), dayTables: new Map() };
    // A criterion shared by several items (one node) is decided once per row: per node and batch, 0 not yet, 1 closes, 2 not.
    const decided = new Map<number, { batch: number; rows: Uint8Array }>();
    const closesAt = (node: Node, i: number): boolean => {
      let d = decided.get(node.id);
      if (!d) decided.set(node.id, (d = { batch: batchNo, rows: new Uint8Array(BATCH) }));
      else if (d.batch !== batchNo) {
        d.rows.fill(0);
        d.batch = batchNo;
      }
      let r = d.rows[i]!;
      if (r === 0) {
        row = i;
        d.rows[i] = r = closable(node, access) ? 1 : 2;
      }
      return r === 1;
    };
    const acc = plans.map((plan) => ({
      eligible: 0,
      unknown: 0,
      ineligible: 0,
      nearMiss: new Float64Array(plan.criteria.length),
      amountFen: 0,
      amountUnknown: 0,
      rows: options.collectEligible ? ([] as number[]) : undefined,
      groups: options.groups ? Array.from({ length: options.groups }, () => ({ eligible: 0, unknown: 0, ineligible: 0, nearMiss: new Float64Array(plan.criteria.length), amountFen: 0, amountUnknown: 0 })) : undefined,
    }));
    let offset = 0;
    let batchNo = 0;
    const vals: Vec[] = new Array<Vec>(catalog.nodes.length);

    const add = (pop: Population, groupOf?: Int32Array): void => {
      checkPopulation(catalog, pop, usedVariables);
      if (options.groups) {
        if (!groupOf || groupOf.length !== pop.size) throw new RuleError({ message: `each row needs its group: ${groupOf?.length ?? 0} groups for ${pop.size} rows` });
        for (let i = 0; i < groupOf.length; i++)
          if (!(groupOf[i]! >= 0 && groupOf[i]! < options.groups)) throw new RuleError({ path: `/groupOf/${i}`, value: groupOf[i], message: `a group must be from 0 to ${options.groups - 1}` });
      }
      for (let s = 0; s < pop.size; s += BATCH) {
        const b: Batch = { pop, start: s, n: Math.min(BATCH, pop.size - s), vals, suspects: [] };
        batchNo++;
        for (const k of kernels) k(b, rc);
        if (b.suspects.length > 0) confirmSuspects(catalog, plans, pop, b.suspects, date, offset);
        const n = b.n;
        plans.forEach((plan, pi) => {
          const a = acc[pi]!;
          // Bit-parallel tally, 32 rows per word: per criterion a fail word and an unknown word;
          // `one` = some criterion failed, `two` = at least two failed. Branches per row would
          // mispredict on real data; word operations do not.
          const k = plan.criteria.length;
          const fw: Uint32Array[] = [];
          const uw: Uint32Array[] = [];
          for (let ci = 0; ci < k; ci++) {
            const bits = bitsOf(plan.criteria[ci]!, vals, n, batchNo);
            fw.push(bits.f);
            uw.push(bits.u);
          }
          const amount = plan.amount !== undefined ? (vals[plan.amount] as Float64Array) : undefined;
          const caps = plan.caps.map((c) => ({ v: vals[c.id] as Float64Array, received: receivedColumn(pop, plan.item.id, c.per) }));
          const gap = plan.gapComputable;
          const critNodes = plan.nodes;
          const words = (n + 31) >>> 5;
          for (let w = 0; w < words; w++) {
            const valid = w === words - 1 && (n & 31) !== 0 ? (1 << (n & 31)) - 1 : -1;
            let one = 0;
            let two = 0;
            let unk = 0;
            for (let ci = 0; ci < k; ci++) {
              const f = fw[ci]![w]!;
              two |= one & f;
              one |= f;
              unk |= uw[ci]![w]!;
            }
            one &= valid;
            two &= valid;
            unk &= valid;
            const elig = ~(one | unk) & valid;
            a.eligible += popcount(elig);
            a.unknown += popcount(~one & unk & valid);
            a.ineligible += popcount(one);
            const ga = a.groups;
            const base = s + (w << 5);
            if (ga) {
              for (let u = ~one & unk & valid; u !== 0; ) {
                const low = u & -u;
                u ^= low;
                ga[groupOf![base + (31 - Math.clz32(low))]!]!.unknown++;
              }
              for (let o = one; o !== 0; ) {
                const low = o & -o;
                o ^= low;
                ga[groupOf![base + (31 - Math.clz32(low))]!]!.ineligible++;
              }
            }
            const exactlyOne = one & ~two & ~unk;
            if (exactlyOne !== 0)
              for (let ci = 0; ci < k; ci++) {
                if (!gap[ci]) continue;
                const always = plan.closesAlways[ci];
                if (always !== undefined) {
                  if (always) {
                    a.nearMiss[ci]! += popcount(exactlyOne & fw[ci]![w]!);
                    if (ga)
                      for (let c = exactlyOne & fw[ci]![w]!; c !== 0; ) {
                        const low = c & -c;
                        c ^= low;
                        ga[groupOf![base + (31 - Math.clz32(low))]!]!.nearMiss[ci]!++;
                      }
                  }
                  continue;
                }
                let c = exactlyOne & fw[ci]![w]!;
                while (c !== 0) {
                  const low = c & -c;
                  c ^= low;
                  const i = (w << 5) + (31 - Math.clz32(low));
                  if (closesAt(critNodes[ci]!, i)) {
                    a.nearMiss[ci]!++;
                    if (ga) ga[groupOf![s + i]!]!.nearMiss[ci]!++;
                  }
                }
              }
            let e = elig;
            while (e !== 0) {
              const low = e & -e;
              const i = (w << 5) + (31 - Math.clz32(low));
              e ^= low;
              a.rows?.push(offset + s + i);
              const g = ga ? ga[groupOf![s + i]!]! : undefined;
              if (g) g.eligible++;
              if (!amount) continue;
              const raw = amount[i]!;
              if (raw !== raw) {
                a.amountUnknown++;
                if (g) g.amountUnknown++;
                continue;
              }
              let fen = roundHalfUp(raw);
              let unknownCap = false;
              for (const c of caps) {
                const cap = c.v[i]!;
                if (cap !== cap) {
                  unknownCap = true;
                  continue;
                }
                const limit = Math.max(0, cap - (c.received ? c.received[s + i]! : 0));
                if (fen > limit) fen = limit;
              }
              if (unknownCap) {
                a.amountUnknown++;
                if (g) g.amountUnknown++;
              } else {
                a.amountFen += fen;
                if (g) g.amountFen += fen;
              }
            }
          }
        });
      }
      offset += pop.size;
    };

    const finish = (): PopulationResult => ({
      date,
      rows: offset,
      items: plans.map((plan, pi) => {
        const a = acc[pi]!;
        // Tallies with near misses by criterion id (of the criteria whose gap is computable).
        const tally = (t: { eligible: number; unknown: number; ineligible: number; nearMiss: Float64Array; amountFen: number; amountUnknown: number }): GroupTally => {
          const nearMiss: Record<string, number> = {};
          let total = 0;
          plan.item.criteria.forEach((c, ci) => {
            if (plan.gapComputable[ci]) {
              nearMiss[c.id] = t.nearMiss[ci]!;
              total += t.nearMiss[ci]!;
            }
          });
          return { eligible: t.eligible, unknown: t.unknown, ineligible: t.ineligible, nearMiss, nearMissTotal: total, amountFen: t.amountFen, amountUnknown: t.amountUnknown };
        };
        return {
          item: plan.item.id,
          ...tally(a),
          upTo: plan.item.spec.amount?.up_to === true,
          ...(a.rows ? { eligibleRows: a.rows } : {}),
          ...(a.groups ? { groups: a.groups.map(tally) } : {}),
        };
      }),
    });
    return { add, finish };
  };

  return {
    itemIds: plans.map((p) => p.item.id),
    start,
    evaluate(pop, date, options) {
      const run = start(date, options);
      run.add(pop, options?.groupOf);
      return run.finish();
    },
  };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

interface Bits {
  readonly f: Uint32Array;
  readonly u: Uint32Array;
  batch: number;
}
const bitCache = new WeakMap<Vec[], Map<number, Bits>>();

/**
 * A condition's 0/1/2 bytes packed into fail and unknown bit words, once per batch per node (a
 * criterion shared by many items is packed once).
 */
function bitsOf(id: number, vals: Vec[], n: number, batch: number): Bits {
  let cache = bitCache.get(vals);
  if (!cache) bitCache.set(vals, (cache = new Map()));
  let bits = cache.get(id);
  if (!bits) cache.set(id, (bits = { f: new Uint32Array(BATCH >>> 5), u: new Uint32Array(BATCH >>> 5), batch: -1 }));
  if (bits.batch === batch) return bits;
  bits.batch = batch;
  const v = vals[id] as Uint8Array;
  const words = (n + 31) >>> 5;
  if ((v.byteOffset & 3) === 0 && (n & 31) === 0) {
    // Four rows per 32-bit read (little-endian byte order, as on every platform Node runs on):
    // per byte, fail = (x ^ 1) & ~(x >> 1) & 1 and unknown = x >> 1, gathered into 4 adjacent bits.
    const q = new Uint32Array(v.buffer, v.byteOffset, n >>> 2);
    for (let w = 0; w < words; w++) {
      let f = 0;
      let u = 0;
      const base = w << 3;
      for (let j = 0; j < 8; j++) {
        const x = q[base + j]!;
        const fm = (x ^ 0x01010101) & ~(x >>> 1) & 0x01010101;
        const um = (x >>> 1) & 0x01010101;
        f |= ((fm | (fm >>> 7) | (fm >>> 14) | (fm >>> 21)) & 0xf) << (j << 2);
        u |= ((um | (um >>> 7) | (um >>> 14) | (um >>> 21)) & 0xf) << (j << 2);
      }
      bits.f[w] = f;
      bits.u[w] = u;
    }
    return bits;
  }
  for (let w = 0; w < words; w++) {
    let f = 0;
    let u = 0;
    const base = w << 5;
    const end = Math.min(32, n - base);
    for (let j = 0; j < end; j++) {
      const x = v[base + j]!;
      // x: 0 fail, 1 pass, 2 unknown → fail bit (x ^ 1) & ~(x >> 1) & 1, unknown bit x >> 1.
      f |= ((x ^ 1) & ~(x >> 1) & 1) << j;
      u |= (x >> 1) << j;
    }
    bits.f[w] = f;
    bits.u[w] = u;
  }
  return bits;
}

function receivedColumn(pop: Population, item: string, per: string): Float64Array | undefined {
  if (per === 'claim') return undefined;
  const period = per === 'subject_year' ? 'year' : per === 'subject' ? 'ever' : 'product';
  return pop.received?.[`${item}|${period}`];
}

/** Re-runs suspect rows through the interpreter; an error it raises is the population run's error, naming the row. */
function confirmSuspects(catalog: Catalog, plans: readonly ItemPlan[], pop: Population, rows: readonly number[], date: string, offset: number): void {
  for (const row of new Set(rows)) {
    const received = (item: string, period: ReceivedPeriod): number => pop.received?.[`${item}|${period}`]?.[row] ?? 0;
    const env = makeEnv(catalog, { date, facts: rowFacts(catalog, pop, row) }, received);
    for (const plan of plans) {
      try {
        evaluateWithEnv(catalog, plan.item, env);
      } catch (e) {
        if (e instanceof RuleError) throw new RuleError(e.problems.map((p) => ({ ...p, message: `row ${offset + row}: ${p.message}` })));
        throw e;
      }
    }
  }
}

export { formatDate };
