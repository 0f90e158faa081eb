/**
 * The near-miss rules, written once for both evaluators: given a failed criterion and the values
 * an evaluator computed, decide whether the failure can still close (a near miss, with its gap) or
 * cannot (ineligible, with the reason in plain words).
 *
 * - Time only moves forward and the past cannot change. A comparison that time makes true
 *   (months since founding that must reach 12, a date that must be reached) is a near miss whose
 *   gap says what is still to come and the day it is met on. A comparison that time makes worse
 *   (years since founding that must stay within 5, a deadline after graduation) or that only a
 *   date fact decides (founded before a fixed date) is not: the reason says why.
 * - A number the subject can still change (people to hire, sales, investment) is a near miss as
 *   long as the variable may move in the needed direction: a variable marked `direction: fixed`
 *   never moves, `direction: increase_only` only grows (FORMAT.md §1); date facts are fixed.
 *   On an expression (hires × 100 ≥ staff × 30) the gap names the variable to move and how far, in
 *   its own unit ("还差 1 人（…）"), found by searching that variable's value.
 * - `or`: the nearest closable branch (smallest |gap| / max(|target|, 1), dates counted in years
 *   of 365 days; ties: the first branch). `and`: exactly one failing conjunct, closable, the rest
 *   passing.
 *
 * The interpreter calls `assessFailure` with its memo; the population compiler calls `closable`
 * per candidate row with the batch's cells. Both read values only through an `Access`, so they
 * decide alike row by row.
 */
import { formatDate, yearsBetween } from './calendar.js';
import { isMeasurable, type Catalog } from './catalog.js';
import { formatMoney, formatYuan } from './explain.js';
import type { Node } from './type-checker.js';
import { applyStrict, UNKNOWN, type Known, type Value } from './typed-operators.js';
import type { Gap, Text } from './types.js';

/** What the evaluator knows about one subject: the value of any node of the criterion, and the evaluation date. */
export interface Access {
  readonly catalog: Catalog;
  readonly today: number;
  value(node: Node): Value;
  /** Optional memo of time searches (one population run: same date and parameters for every row). */
  readonly searches?: Map<number, Map<unknown, number | null>>;
  /** Optional memo, per comparison node, of the horizon check by the day of its one date input (0 not yet, 1 yes, 2 no). */
  readonly dayTables?: Map<number, Uint8Array>;
}

/** Search horizon for a gap that time closes: a hundred years. */
const HORIZON = 36525;

/** -1, 0 or 1; NaN when it cannot be told. */
type Sign = number;

function combine(signs: readonly number[]): Sign {
  let s = 0;
  for (const x of signs) {
    if (x !== x) return NaN;
    if (x === 0) continue;
    if (s === 0) s = x;
    else if (s !== x) return NaN;
  }
  return s as Sign;
}

const TIME = '\u0000today';

function sign(v: Value): Sign {
  return typeof v === 'number' && v === v ? (Math.sign(v) as Sign) : NaN;
}

/** The sign of a node's value; a constant's without asking the evaluator (so that shapes with constant factors stay static). */
function signOf(node: Node, acc: Access): Sign {
  return sign(node.op === 'const' ? (node.value as Value) : acc.value(node));
}

/**
 * Which way a number or date moves, at the current values, when `wrt` grows (the evaluation date
 * for TIME, else a variable): 1 up, -1 down, 0 not at all, NaN when it cannot be told.
 */
function drift(node: Node, wrt: string, acc: Access): Sign {
  switch (node.op) {
    case 'const':
    case 'param':
    case 'received':
    case 'granted':
      return 0;
    case 'today':
      return wrt === TIME ? 1 : 0;
    case 'var':
      return node.value === wrt ? 1 : 0;
    case '+':
    case 'round':
    case 'add_months':
      return combine(node.args.map((a) => drift(a, wrt, acc)));
    case '-':
      if (node.args.length === 1) return -drift(node.args[0]!, wrt, acc) as Sign;
      return combine([drift(node.args[0]!, wrt, acc), -drift(node.args[1]!, wrt, acc)]);
    case 'months_between':
    case 'years_between':
    case 'days_between':
      return combine([-drift(node.args[0]!, wrt, acc), drift(node.args[1]!, wrt, acc)]);
    case '*': {
      const parts: number[] = [];
      node.args.forEach((a, k) => {
        const d = drift(a, wrt, acc);
        if (d === 0) return;
        let s: number = d;
        node.args.forEach((b, j) => {
          if (j !== k) s *= signOf(b, acc);
        });
        parts.push(s);
      });
      return combine(parts);
    }
    case '/': {
      const [a, b] = node.args as [Node, Node];
      const da = drift(a, wrt, acc);
      const db = drift(b, wrt, acc);
      if (da === 0 && db === 0) return 0;
      const sb = signOf(b, acc);
      if (sb === 0) return NaN;
      return combine([da * sb, db === 0 ? 0 : -db * signOf(a, acc) * sb]);
    }
    case 'min':
    case 'max': {
      const vals = node.args.map((a) => acc.value(a));
      if (vals.some((v) => typeof v !== 'number')) return NaN;
      const best = node.op === 'min' ? Math.min(...(vals as number[])) : Math.max(...(vals as number[]));
      return combine(node.args.filter((_, k) => vals[k] === best).map((a) => drift(a, wrt, acc)));
    }
    case 'if': {
      const args = node.args;
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        const c = acc.value(args[i]!);
        if (c === UNKNOWN) return NaN;
        if (c === true) return drift(args[i + 1]!, wrt, acc);
      }
      return drift(args[i]!, wrt, acc);
    }
  }
  return readsNothingThatMoves(node) ? 0 : NaN;
}

function readsNothingThatMoves(node: Node): boolean {
  if (node.op === 'var' || node.op === 'today' || node.op === 'within_years') return false;
  return node.args.every(readsNothingThatMoves);
}

const todayDependent = new WeakMap<Node, boolean>();

/** Whether a node's value depends on the evaluation date. */
function readsToday(node: Node): boolean {
  let r = todayDependent.get(node);
  if (r === undefined) {
    r = node.op === 'today' || node.op === 'within_years' || node.args.some(readsToday);
    todayDependent.set(node, r);
  }
  return r;
}

/** The node's value if the evaluation date were `day`, everything else equal (an error counts as unknown). */
function valueOn(node: Node, day: number, acc: Access): Value {
  if (!readsToday(node)) return acc.value(node);
  if (node.op === 'today') return day;
  if (node.op === 'and' || node.op === 'or') {
    const isAnd = node.op === 'and';
    let sawUnknown = false;
    for (const a of node.args) {
      const v = valueOn(a, day, acc);
      if (v === UNKNOWN) sawUnknown = true;
      else if (v === !isAnd) return !isAnd;
    }
    return sawUnknown ? UNKNOWN : isAnd;
  }
  if (node.op === 'if') {
    const args = node.args;
    let i = 0;
    for (; i + 1 < args.length; i += 2) {
      const c = valueOn(args[i]!, day, acc);
      if (c === UNKNOWN) return UNKNOWN;
      if (c === true) return valueOn(args[i + 1]!, day, acc);
    }
    return valueOn(args[i]!, day, acc);
  }
  const args: Known[] = [];
  for (const a of node.args) {
    const v = valueOn(a, day, acc);
    if (v === UNKNOWN) return UNKNOWN;
    args.push(v);
  }
  try {
    return applyStrict(node, args, day);
  } catch {
    return UNKNOWN;
  }
}

/** The variables a comparison reads (outside `if` conditions), once each. */
function variablesOf(node: Node, out: Node[] = []): Node[] {
  if (node.op === 'var') {
    if (!out.some((v) => v.value === node.value)) out.push(node);
    return out;
  }
  for (const a of node.args) variablesOf(a, out);
  return out;
}

/** Which ways the subject can move a variable: +1, -1, both (0) or neither (NaN). */
function movable(catalog: Catalog, name: string): Sign {
  const spec = catalog.variables.get(name);
  if (!spec || spec.type === 'date' || spec.direction === 'fixed') return NaN;
  if (spec.type !== 'integer' && spec.type !== 'number' && spec.type !== 'money') return NaN;
  return spec.direction === 'increase_only' ? 1 : 0;
}

/** How a failed measurable comparison stands. */
interface Measured {
  readonly node: Node;
  /** The comparison passes once (left − right) moves this way. */
  readonly need: 1 | -1;
  readonly lv: number;
  readonly rv: number;
  /** time: passes by itself on `metOn`; action: the subject can close it; none: it cannot close. */
  readonly kind: 'time' | 'action' | 'none';
  /** Why it cannot close: time only widens it, or only fixed facts decide it. */
  readonly why?: 'time' | 'fixed';
  readonly metOn?: number;
  /** Size of the gap in the left side's unit (days for dates and for time gaps on dates). */
  readonly amount: number;
  /** |amount| / max(|target|, 1); for dates, in years of 365 days. */
  readonly relative: number;
  /** An action gap on an expression (hires × 100 ≥ staff × 30%): the variable to move, and how far, in its own unit. */
  readonly mover?: { readonly variable: Node; readonly amount: number; readonly up: boolean };
}

function isCount(node: Node): boolean {
  return node.op === 'months_between' || node.op === 'years_between' || node.op === 'days_between';
}

/** The per-row inputs of a comparison (facts and amounts received): with the date and parameters fixed, its course in time depends on these alone. */
function rowInputs(node: Node, out: Node[] = []): Node[] {
  if (node.op === 'var' || node.op === 'received' || node.op === 'granted') {
    if (!out.includes(node)) out.push(node);
    return out;
  }
  for (const a of node.args) rowInputs(a, out);
  return out;
}

/**
 * What a comparison's structure decides once (per node): which way time moves it, and whether the
 * subject can close it when it must go down / up; undefined where that depends on the values
 * (a product, a quotient, min/max, if), decided per subject then.
 */
interface Shape {
  readonly time: number | undefined;
  readonly closes: readonly [boolean, boolean] | undefined;
  readonly inputs: readonly Node[];
}
const shapes = new WeakMap<Node, Shape>();

function shapeOf(node: Node, catalog: Catalog): Shape {
  let shape = shapes.get(node);
  if (shape) return shape;
  let dynamic = false;
  const probe: Access = {
    catalog,
    today: 0,
    value: () => {
      dynamic = true;
      return UNKNOWN;
    },
  };
  const [l, r] = node.args as [Node, Node];
  const time = combine([drift(l, TIME, probe), -drift(r, TIME, probe)]);
  const timeStatic = !dynamic;
  dynamic = false;
  const down = actionCloses(node, probe, -1);
  const up = actionCloses(node, probe, 1);
  shape = { time: timeStatic ? time : undefined, closes: dynamic ? undefined : [down, up], inputs: rowInputs(node) };
  shapes.set(node, shape);
  return shape;
}

/** Whether some variable of the comparison can move the way that closes it. */
function actionCloses(node: Node, acc: Access, need: 1 | -1): boolean {
  return moverOf(node, acc, need) !== undefined;
}

/** The first variable of the comparison that can move the way that closes it, and which way (1 up, -1 down). */
function moverOf(node: Node, acc: Access, need: 1 | -1): { variable: Node; way: number } | undefined {
  const [l, r] = node.args as [Node, Node];
  for (const v of variablesOf(node)) {
    const can = movable(acc.catalog, v.value as string);
    if (can !== can) continue;
    const d = combine([drift(l, v.value as string, acc), -drift(r, v.value as string, acc)]);
    if (d !== d || d === 0) continue;
    // The variable must move by d·need; allowed when it moves both ways (0) or that way.
    if (can === 0 || can === d * need) return { variable: v, way: d * need };
  }
  return undefined;
}

function readsVariable(node: Node, name: string): boolean {
  return node.op === 'var' ? node.value === name : node.args.some((a) => readsVariable(a, name));
}

/** The node's value if the variable `name` were `x`, everything else equal (an error counts as unknown). */
function valueWith(node: Node, name: string, x: number, acc: Access): Value {
  if (node.op === 'var' && node.value === name) return x;
  if (!readsVariable(node, name)) return acc.value(node);
  if (node.op === 'and' || node.op === 'or' || node.op === 'if') return UNKNOWN;
  const args: Known[] = [];
  for (const a of node.args) {
    const v = valueWith(a, name, x, acc);
    if (v === UNKNOWN) return UNKNOWN;
    args.push(v);
  }
  try {
    return applyStrict(node, args, acc.today);
  } catch {
    return UNKNOWN;
  }
}

/** How far the variable must move (`way`) for the comparison to pass: whole units for counts and money, else to 4 decimals. */
function solve(node: Node, variable: Node, way: number, acc: Access): number | undefined {
  const name = variable.value as string;
  const x0 = acc.value(variable);
  if (typeof x0 !== 'number') return undefined;
  const type = acc.catalog.variables.get(name)?.type;
  const whole = type === 'integer' || type === 'money';
  const passes = (step: number): boolean => valueWith(node, name, x0 + way * step, acc) === true;
  let lo = 0;
  let hi = whole ? 1 : 1e-4;
  while (!passes(hi)) {
    lo = hi;
    hi *= 2;
    if (hi > 2 ** 53) return undefined;
  }
  for (let k = 0; k < 64 && hi - lo > (whole ? 1 : 1e-6); k++) {
    const mid = whole ? Math.floor((lo + hi) / 2) : (lo + hi) / 2;
    if (passes(mid)) hi = mid;
    else lo = mid;
  }
  if (whole) return hi;
  const rounded = Math.ceil(hi * 1e4 - 1e-9) / 1e4;
  return passes(rounded) ? rounded : hi;
}

interface Decision {
  readonly kind: 'time' | 'action' | 'none';
  readonly why?: 'time' | 'fixed';
  readonly metOn?: number;
}
const ACTION: Decision = { kind: 'action' };
const NONE_TIME: Decision = { kind: 'none', why: 'time' };
const NONE_FIXED: Decision = { kind: 'none', why: 'fixed' };

const TIME_SOMEDAY: Decision = { kind: 'time' };

/**
 * Time, the subject or nothing: what can close a failed comparison that must move by `need`.
 * `day`: also find the day it is met on (the population evaluator only asks whether it closes:
 * for an inequality, whether it holds at the horizon, which is what the search starts from).
 */
function decide(node: Node, acc: Access, need: 1 | -1, day: boolean): Decision {
  const shape = shapeOf(node, acc.catalog);
  const [l, r] = node.args as [Node, Node];
  const timeDrift = shape.time ?? combine([drift(l, TIME, acc), -drift(r, TIME, acc)]);
  if (timeDrift === need) {
    if (!day && node.op !== '==' && node.op !== '===') return reachedAtHorizon(node, shape, acc) ? TIME_SOMEDAY : NONE_TIME;
    const metOn = metOnDay(node, shape, need, acc);
    return metOn === undefined ? NONE_TIME : { kind: 'time', metOn };
  }
  const closes = shape.closes ? shape.closes[need === 1 ? 1 : 0] : actionCloses(node, acc, need);
  return closes ? ACTION : timeDrift === -need ? NONE_TIME : NONE_FIXED;
}

function memoKey(shape: Shape, acc: Access): unknown {
  if (shape.inputs.length === 1) return acc.value(shape.inputs[0]!);
  let k = '';
  for (const v of shape.inputs) k += `${String(acc.value(v))}|`;
  return k;
}

/** Whether an inequality holds at the horizon (memoised per row inputs in a population run). */
function reachedAtHorizon(node: Node, shape: Shape, acc: Access): boolean {
  if (!acc.searches) return valueOn(node, acc.today + HORIZON, acc) === true;
  if (acc.dayTables && shape.inputs.length === 1 && shape.inputs[0]!.type === 'date') {
    // One date input (months since founding ≥ N): a table by day, ±100 years around the evaluation date.
    const d = acc.value(shape.inputs[0]!);
    const k = typeof d === 'number' ? d - acc.today + HORIZON : -1;
    if (k >= 0 && k < 2 * HORIZON) {
      let t = acc.dayTables.get(node.id);
      if (!t) acc.dayTables.set(node.id, (t = new Uint8Array(2 * HORIZON)));
      if (t[k] === 0) t[k] = valueOn(node, acc.today + HORIZON, acc) === true ? 1 : 2;
      return t[k] === 1;
    }
  }
  // Negative keys: the memo of this check, beside the searches' (node ids are never negative).
  let memo = acc.searches.get(-1 - node.id);
  if (!memo) acc.searches.set(-1 - node.id, (memo = new Map()));
  const key = memoKey(shape, acc);
  const hit = memo.get(key);
  if (hit !== undefined) return hit !== null;
  const ok = valueOn(node, acc.today + HORIZON, acc) === true;
  memo.set(key, ok ? 1 : null);
  return ok;
}

/**
 * For the population evaluator: when every failure of this criterion closes, or none does,
 * whatever the values (a count the subject can change; a date fact against a fixed date), so
 * that rows need not be looked at one by one; undefined when it depends on the row.
 */
export function closesAlways(node: Node, catalog: Catalog): boolean | undefined {
  if (!isMeasurable(node) || node.op === '==' || node.op === '===') return undefined;
  const shape = shapeOf(node, catalog);
  if (shape.time === undefined || !shape.closes) return undefined;
  const need = node.op === '>=' || node.op === '>' ? 1 : -1;
  if (shape.time === need) return undefined;
  return shape.closes[need === 1 ? 1 : 0];
}

/** The first day after today on which the comparison passes, if time alone brings it within the horizon. */
function metOnDay(node: Node, shape: Shape, need: 1 | -1, acc: Access): number | undefined {
  let memo: Map<unknown, number | null> | undefined;
  let key: unknown;
  if (acc.searches) {
    memo = acc.searches.get(node.id);
    if (!memo) acc.searches.set(node.id, (memo = new Map()));
    key = memoKey(shape, acc);
    const hit = memo.get(key);
    if (hit !== undefined) return hit ?? undefined;
  }
  const found = search(node, need, acc);
  memo?.set(key, found ?? null);
  return found;
}

function search(node: Node, need: 1 | -1, acc: Access): number | undefined {
  const [l, r] = node.args as [Node, Node];
  const equality = node.op === '==' || node.op === '===';
  // For an equality, search the first day the left side reaches the right one, then check it.
  const reached = (day: number): boolean => {
    if (!equality) return valueOn(node, day, acc) === true;
    const a = valueOn(l, day, acc);
    const b = valueOn(r, day, acc);
    return typeof a === 'number' && typeof b === 'number' && need * (a - b) >= 0;
  };
  let lo = acc.today;
  let hi = acc.today + HORIZON;
  if (!reached(hi)) return undefined;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  if (equality && valueOn(node, hi, acc) !== true) return undefined;
  return hi;
}

function needOf(op: string, lv: number, rv: number): 1 | -1 {
  return op === '>=' || op === '>' ? 1 : op === '<=' || op === '<' ? -1 : rv > lv ? 1 : -1;
}

/** A failed measurable comparison: which way it must move, and whether time, the subject or nothing can move it. */
function measure(node: Node, acc: Access): Measured | undefined {
  const [l, r] = node.args as [Node, Node];
  const lv = acc.value(l);
  const rv = acc.value(r);
  if (typeof lv !== 'number' || typeof rv !== 'number') return undefined;
  const op = node.op;
  const need = needOf(op, lv, rv);
  const integral = Number.isInteger(lv) && Number.isInteger(rv);
  const eps = integral ? 1 : 0;
  const distance = Math.abs(op === '>' ? rv - lv + eps : op === '<' ? rv - lv - eps : rv - lv);
  const d = decide(node, acc, need, true);
  if (d.kind === 'none') return { node, need, lv, rv, kind: 'none', why: d.why, amount: distance, relative: Infinity };
  if (d.kind === 'action') {
    const mover = l.op === 'var' ? undefined : moverOf(node, acc, need);
    const moved = mover ? solve(node, mover.variable, mover.way, acc) : undefined;
    if (mover && moved !== undefined) {
      const target = (acc.value(mover.variable) as number) + mover.way * moved;
      return { node, need, lv, rv, kind: 'action', amount: distance, relative: moved / Math.max(Math.abs(target), 1), mover: { variable: mover.variable, amount: moved, up: mover.way > 0 } };
    }
    return { node, need, lv, rv, kind: 'action', amount: distance, relative: l.type === 'date' ? distance / 365 : distance / Math.max(Math.abs(rv), 1) };
  }
  const metOn = d.metOn!;
  // Counted in the left side's unit (months, years) when it is a count against a fixed target, else in days.
  const counted = isCount(l) && !readsToday(r);
  let amount = metOn - acc.today;
  if (counted) {
    const later = valueOn(l, metOn, acc);
    if (typeof later === 'number') amount = Math.abs(later - lv);
  }
  return { node, need, lv, rv, kind: 'time', metOn, amount, relative: counted ? amount / Math.max(Math.abs(rv), 1) : amount / 365 };
}

/** For the population evaluator, the same decision as `locate` without texts: does this failed condition close for the row `acc` reads? */
function closes(node: Node, acc: Access): boolean {
  if (isMeasurable(node)) {
    // A failed comparison has both sides known; only an equality needs them, for its direction.
    if (acc.value(node) !== false) return false;
    if (node.op !== '==' && node.op !== '===') return decide(node, acc, node.op === '>=' || node.op === '>' ? 1 : -1, false).kind !== 'none';
    const lv = acc.value(node.args[0]!);
    const rv = acc.value(node.args[1]!);
    if (typeof lv !== 'number' || typeof rv !== 'number') return false;
    return decide(node, acc, needOf(node.op, lv, rv), false).kind !== 'none';
  }
  if (node.op === 'and') {
    let failing: Node | undefined;
    let fails = 0;
    for (const a of node.args) {
      const v = acc.value(a);
      if (v === UNKNOWN) return false;
      if (v === false) {
        fails++;
        failing = a;
      }
    }
    return fails === 1 && closes(failing!, acc);
  }
  if (node.op === 'or') return node.args.some((a) => closes(a, acc));
  return false;
}

/** Where a failed condition stands: the comparison that could close it (nearest branch), or the one that explains why not. */
function locate(node: Node, acc: Access): Measured | undefined {
  if (isMeasurable(node)) return acc.value(node) === false ? measure(node, acc) : undefined;
  if (node.op === 'and') {
    const failing: Node[] = [];
    let unknown = false;
    for (const a of node.args) {
      const v = acc.value(a);
      if (v === false) failing.push(a);
      else if (v === UNKNOWN) unknown = true;
    }
    if (failing.length === 1 && !unknown) return locate(failing[0]!, acc);
    // Not closable as a whole: the first failing part that cannot close explains why.
    for (const a of failing) {
      const m = locate(a, acc);
      if (m?.kind === 'none') return m;
    }
    return undefined;
  }
  if (node.op === 'or') {
    let best: Measured | undefined;
    let firstReason: Measured | undefined;
    for (const a of node.args) {
      const m = locate(a, acc);
      if (!m) continue;
      if (m.kind === 'none') firstReason ??= m;
      else if (!best || m.relative < best.relative) best = m;
    }
    return best ?? firstReason;
  }
  return undefined;
}

/** For the population evaluator: does this failed condition close (a near miss) for the row `acc` reads? */
export function closable(node: Node, acc: Access): boolean {
  return closes(node, acc);
}

// ---------------------------------------------------------------- texts

const UNITS: Record<string, { zh: string; en: string; one: string }> = {
  month: { zh: '个月', en: 'months', one: 'month' },
  year: { zh: '年', en: 'years', one: 'year' },
  day: { zh: '天', en: 'days', one: 'day' },
  月: { zh: '个月', en: 'months', one: 'month' },
  年: { zh: '年', en: 'years', one: 'year' },
  学年: { zh: '学年', en: 'school years', one: 'school year' },
  人: { zh: '人', en: 'people', one: 'person' },
  个: { zh: '个', en: 'items', one: 'item' },
  次: { zh: '次', en: 'times', one: 'time' },
  岁: { zh: '岁', en: 'years of age', one: 'year of age' },
  '人·月': { zh: '人·月', en: 'person-months', one: 'person-month' },
  'm²': { zh: '平方米', en: 'm²', one: 'm²' },
};

function plainNumber(x: number): string {
  const r = Math.round(x * 1e4) / 1e4;
  if (!Number.isInteger(r) || Math.abs(r) < 10000) return String(r);
  return r.toLocaleString('en-US');
}

/** A value of a node with its unit, as a person writes it: dates, ¥ yuan, percentages, counts. */
function show(node: Node, v: number, lang: 'zh' | 'en', unitHint?: string): string {
  if (node.type === 'date') return formatDate(v);
  const unit = node.unit ?? unitHint ?? '';
  if (unit === 'fen') return formatMoney(v, lang);
  if (unit === '%') return `${plainNumber(v)}%`;
  if (unit === 'ratio') return `${plainNumber(v * 100)}%`;
  const u = UNITS[unit];
  if (!u) return plainNumber(v);
  return lang === 'zh' ? `${plainNumber(v)} ${u.zh}` : `${plainNumber(v)} ${Math.abs(v) === 1 ? u.one : u.en}`;
}

/** A gap's size with its unit; percentages as percentage points. */
function showAmount(unit: string, size: number, lang: 'zh' | 'en'): string {
  if (unit === 'fen') return formatMoney(size, lang);
  if (unit === '%' || unit === 'ratio') {
    const pts = plainNumber(unit === 'ratio' ? size * 100 : size);
    return lang === 'zh' ? `${pts} 个百分点` : `${pts} percentage point${pts === '1' ? '' : 's'}`;
  }
  const u = UNITS[unit];
  if (!u) return plainNumber(size);
  return lang === 'zh' ? `${plainNumber(size)} ${u.zh}` : `${plainNumber(size)} ${size === 1 ? u.one : u.en}`;
}

/** "3 more months", "¥5,000 more", "2 more percentage points", "1 fewer person". */
function moreOrLess(unit: string, size: number, word: 'more' | 'fewer' | 'less'): string {
  if (unit === 'fen') return `${formatYuan(size)} ${word}`;
  if (unit === '%' || unit === 'ratio') {
    const pts = plainNumber(unit === 'ratio' ? size * 100 : size);
    return `${pts} ${word} percentage point${pts === '1' ? '' : 's'}`;
  }
  const u = UNITS[unit];
  if (!u) return `${plainNumber(size)} ${word}`;
  return `${plainNumber(size)} ${word} ${size === 1 ? u.one : u.en}`;
}

function labelOf(node: Node, catalog: Catalog): Text | undefined {
  if (node.op === 'var') return catalog.variables.get(node.value as string)?.label;
  if (node.op === 'param') return catalog.parameters.get(node.value as string)?.spec.label;
  if (node.op === 'today') return { zh: '评估日', en: 'the evaluation date' };
  return undefined;
}

/** "成立（登记）日期" → "成立（登记）": the event a date label names. */
function eventOf(label: string): string {
  return label.replace(/(日期|时间|日)$/u, '');
}

/** A side of a comparison as a noun with its value: "成立日期（2019-05-01）", "2016-01-01". */
function side(node: Node, v: number, catalog: Catalog, lang: 'zh' | 'en', unitHint?: string): string {
  const value = show(node, v, lang, unitHint);
  // A bare value after a Chinese verb is set off by a space ("低于 35"), as in the sentences.
  if (node.op === 'const') return lang === 'zh' ? ` ${value}` : value;
  let noun: string | undefined = labelOf(node, catalog)?.[lang];
  if (!noun && isCount(node)) {
    const [a, b] = node.args as [Node, Node];
    const from = labelOf(a, catalog)?.[lang];
    const to = b.op === 'today' ? undefined : b.op === 'const' ? show(b, b.value as number, lang) : labelOf(b, catalog)?.[lang];
    const unit = node.op === 'months_between' ? ['月', 'months'] : node.op === 'years_between' ? ['年', 'years'] : ['天', 'days'];
    if (from) noun = lang === 'zh' ? `${from}至${to ?? '今'}的${unit[0]}数` : `${unit[1]} from ${from} to ${to ?? 'now'}`;
  }
  if (!noun && node.op === 'add_months' && node.args[1]!.op === 'const') {
    const from = labelOf(node.args[0]!, catalog)?.[lang];
    const k = node.args[1]!.value as number;
    if (from) noun = lang === 'zh' ? `${from}${k >= 0 ? '后' : '前'} ${Math.abs(k)} 个月` : `${Math.abs(k)} months ${k >= 0 ? 'after' : 'before'} ${from}`;
  }
  if (!noun) return value;
  return lang === 'zh' ? `${noun}（${value}）` : `${noun} (${value})`;
}

const NOT_MET_ZH: Record<string, string> = { '>=': '低于', '>': '不高于', '<=': '高于', '<': '不低于', '==': '不等于', '===': '不等于' };
const NOT_MET_EN: Record<string, string> = { '>=': 'is below', '>': 'is not above', '<=': 'is above', '<': 'is not below', '==': 'is not', '===': 'is not' };
const DATE_NOT_MET_ZH: Record<string, string> = { '>=': '早于', '>': '不晚于', '<=': '晚于', '<': '不早于', '==': '不是', '===': '不是' };
const DATE_NOT_MET_EN: Record<string, string> = { '>=': 'is before', '>': 'is not after', '<=': 'is after', '<': 'is not before', '==': 'is not', '===': 'is not' };

/** Why a comparison cannot close, in plain words. */
function reasonText(m: Measured, catalog: Catalog): Text {
  const [l, r] = m.node.args as [Node, Node];
  const op = m.node.op;
  // "成立已满 6 年，超过 5 年期限": a count since a date fact up to today that must stay within a limit.
  if (isCount(l) && l.args[1]!.op === 'today' && l.args[0]!.op === 'var' && m.need === -1 && !readsToday(r)) {
    const label = labelOf(l.args[0]!, catalog)!;
    const unit = UNITS[l.unit ?? (l.op === 'months_between' ? 'month' : l.op === 'years_between' ? 'year' : 'day')] ?? UNITS.day!;
    const n = plainNumber(m.lv);
    const limit = plainNumber(m.rv);
    return {
      zh: `${eventOf(label.zh)}已满 ${n} ${unit.zh}，超过 ${limit} ${unit.zh}期限`,
      en: `${label.en}: ${n} ${m.lv === 1 ? unit.one : unit.en} ago, beyond the ${limit}-${unit.one} limit`,
    };
  }
  const date = l.type === 'date';
  const tail =
    m.why === 'time'
      ? date
        ? { zh: '，期限已过', en: '; the deadline has passed' }
        : { zh: '，且随时间推移只会更远', en: ', and time only widens the gap' }
      : date
        ? { zh: '，日期已定，无法改变', en: '; a date that has passed cannot change' }
        : { zh: '，且无法改变', en: ', which cannot change' };
  const rel = date ? { zh: DATE_NOT_MET_ZH[op]!, en: DATE_NOT_MET_EN[op]! } : { zh: NOT_MET_ZH[op]!, en: NOT_MET_EN[op]! };
  return {
    zh: `${side(l, m.lv, catalog, 'zh', r.unit)}${rel.zh}${side(r, m.rv, catalog, 'zh', l.unit)}${tail.zh}`,
    en: `${side(l, m.lv, catalog, 'en', r.unit)} ${rel.en} ${side(r, m.rv, catalog, 'en', l.unit)}${tail.en}`,
  };
}

/** The gap of a comparison that can close. */
function gapOf(m: Measured, acc: Access): Gap {
  const [l, r] = m.node.args as [Node, Node];
  if (m.kind === 'time') {
    const met = formatDate(m.metOn!);
    const unitKey = isCount(l) && !readsToday(r) ? (l.unit ?? 'day') : 'day';
    const unit = UNITS[unitKey] ?? UNITS.day!;
    return {
      amount: m.amount,
      direction: 'increase',
      unit: { zh: unit.zh, en: unit.en },
      metOn: met,
      text: { zh: `还需 ${showAmount(unitKey, m.amount, 'zh')}（${met} 起满足）`, en: `${moreOrLess(unitKey, m.amount, 'more')} (met from ${met})` },
    };
  }
  if (m.mover) return moverGap(m.mover, acc);
  const direction = m.need === 1 ? 'increase' : 'decrease';
  const label = labelOf(l, acc.catalog);
  const unitKey = l.unit ?? '';
  const unit: Text = unitKey === 'fen' ? { zh: '元', en: 'yuan' } : UNITS[unitKey] ? { zh: UNITS[unitKey]!.zh, en: UNITS[unitKey]!.en } : { zh: unitKey, en: unitKey };
  if (m.amount === 0) {
    // A strict inequality between equal non-whole values: any move in the right way passes.
    const edge = show(r, m.rv, 'zh');
    const edgeEn = show(r, m.rv, 'en');
    return { amount: 0, direction, unit, text: m.need === 1 ? { zh: `需高于 ${edge}`, en: `must be above ${edgeEn}` } : { zh: `需低于 ${edge}`, en: `must be below ${edgeEn}` } };
  }
  const zh = showAmount(unitKey, m.amount, 'zh');
  const en = moreOrLess(unitKey, m.amount, m.need === 1 ? 'more' : unitKey === 'fen' ? 'less' : 'fewer');
  const of = label ? { zh: `（${label.zh}）`, en: ` (${label.en})` } : { zh: '', en: '' };
  // Money in yuan: the gap's amount is given in yuan too, never fen.
  const amount = unitKey === 'fen' ? m.amount / 100 : m.amount;
  return {
    amount,
    direction,
    unit,
    text: m.need === 1 ? { zh: `还差 ${zh}${of.zh}`, en: `${en}${of.en}` } : { zh: `需减少 ${zh}${of.zh}`, en: `${en}${of.en}` },
  };
}

/** The gap as the variable to move: "还差 1 人（当年新招用…人数）". */
function moverGap(mover: NonNullable<Measured['mover']>, acc: Access): Gap {
  const v = mover.variable;
  const label = labelOf(v, acc.catalog)!;
  const unitKey = v.unit ?? '';
  const unit: Text = unitKey === 'fen' ? { zh: '元', en: 'yuan' } : UNITS[unitKey] ? { zh: UNITS[unitKey]!.zh, en: UNITS[unitKey]!.en } : { zh: unitKey, en: unitKey };
  const zh = showAmount(unitKey, mover.amount, 'zh');
  const en = moreOrLess(unitKey, mover.amount, mover.up ? 'more' : unitKey === 'fen' ? 'less' : 'fewer');
  return {
    amount: unitKey === 'fen' ? mover.amount / 100 : mover.amount,
    direction: mover.up ? 'increase' : 'decrease',
    unit,
    text: { zh: `${mover.up ? '还差' : '需减少'} ${zh}（${label.zh}）`, en: `${en} (${label.en})` },
  };
}

export type Failure = { readonly gap: Gap; readonly reason?: undefined } | { readonly reason: Text; readonly gap?: undefined };

/** For the interpreter: a failed criterion's gap (a near miss) or the reason it cannot close; undefined when neither applies. */
export function assessFailure(node: Node, acc: Access): Failure | undefined {
  const m = node.op === 'within_years' ? undefined : locate(node, acc);
  if (m) return m.kind === 'none' ? { reason: reasonText(m, acc.catalog) } : { gap: gapOf(m, acc) };
  if (node.op === 'within_years') return withinYearsReason(node, acc);
  return undefined;
}

/** within_years [d, n] failed: the date is more than n years back (or after the evaluation date). */
function withinYearsReason(node: Node, acc: Access): Failure | undefined {
  const [d, n] = node.args as [Node, Node];
  const dv = acc.value(d);
  const nv = acc.value(n);
  if (typeof dv !== 'number' || typeof nv !== 'number') return undefined;
  const label = labelOf(d, acc.catalog) ?? { zh: '日期', en: 'The date' };
  if (dv > acc.today)
    return { reason: { zh: `${label.zh}（${formatDate(dv)}）晚于评估日（${formatDate(acc.today)}）`, en: `${label.en} (${formatDate(dv)}) is after the evaluation date (${formatDate(acc.today)})` } };
  const shown = yearsBetween(dv, acc.today, 'floor');
  return {
    reason: {
      zh: `${eventOf(label.zh)}已满 ${plainNumber(shown)} 年，超过 ${plainNumber(nv)} 年期限`,
      en: `${label.en}: ${plainNumber(shown)} ${shown === 1 ? 'year' : 'years'} ago, beyond the ${plainNumber(nv)}-year limit`,
    },
  };
}
