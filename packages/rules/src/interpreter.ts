/**
 * The interpreter: one subject, typed, three-valued, with a trace of every value it computed
 * (the explanations are rendered from that trace). Unknown propagates through strict operators;
 * `and`/`or` follow Kleene logic (false wins in `and`, true wins in `or`); `if` with an unknown
 * condition is unknown and evaluates neither branch.
 */
import { formatDate, parseDate, yearOf } from './calendar.js';
import type { Catalog } from './catalog.js';
import { RuleError } from './errors.js';
import type { Node } from './type-checker.js';
import { applyStrict, UNKNOWN, type Known, type Value } from './typed-operators.js';
import type { Failure } from './gaps.js';
import type { EvaluationInput, HistoryEntry, Text, VariableSpec } from './types.js';

export interface Env {
  readonly catalog: Catalog;
  readonly today: number;
  readonly facts: ReadonlyMap<string, Known>;
  readonly history: readonly { item: string; day: number; amount: number; product?: string }[];
  readonly product?: string;
  /** Node id → value, filled as nodes are evaluated (shared across the items of one evaluation). */
  /** By node id: the value computed in this evaluation, undefined when not (yet) evaluated. */
  readonly memo: (Value | undefined)[];
  /** When set, every node id given a memo entry is listed here (so that the entries can be cleared: itemEvaluator). */
  readonly touched?: number[];
  /**
   * By node id and language, when one evaluation explains many items (verdictsOf): a criterion's
   * rule text with this evaluation's values, made once for every criterion with that rule. Only
   * text whose every value was known is kept: values are only ever added to the memo, so such a
   * text cannot change later in the evaluation. So an environment whose memo entries are cleared
   * between items (`touched`, itemEvaluator) must not have these arrays, nor `values` and `failures`.
   */
  readonly texts?: (string | undefined)[];
  /** By node id, in the same evaluations: the values a criterion with that rule read (`valuesUsed`), kept on the same terms. */
  readonly values?: (Record<string, unknown> | undefined)[];
  /** By node id, in the same evaluations: a failed rule's gap or reason (gaps.ts `assessFailure`; null: neither). Its values are computed, not read, so it is kept at once. */
  readonly failures?: (Failure | null | undefined)[];
  /** Per-catalogue caches indexed by node id (explanation templates, leaves), shared by evaluations. */
  readonly cache: NodeCache;
  /** Amounts already received, when they come from precomputed columns instead of a history list. */
  readonly received?: (item: string, period: ReceivedPeriod) => number;
  /** The name of a region code, from the caller (the engine has no region table); explanations only. */
  readonly regionName?: (code: string) => Text | undefined;
}

function badFact(name: string, value: unknown, expected: string): RuleError {
  return new RuleError({ path: `/facts/${name}`, value, message: `variable "${name}" expects ${expected}` });
}

/** Converts one input fact to the engine's representation (dates → day numbers), or throws naming the variable and the value. */
export function coerceFact(name: string, spec: VariableSpec, v: unknown): Known {
  switch (spec.type) {
    case 'boolean':
      if (typeof v !== 'boolean') throw badFact(name, v, 'true or false');
      return v;
    case 'integer':
    case 'money':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw badFact(name, v, spec.type === 'money' ? 'an integer amount in fen' : 'an integer');
      return v;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw badFact(name, v, 'a number');
      return v;
    case 'date': {
      const d = typeof v === 'string' ? parseDate(v) : undefined;
      if (d === undefined) throw badFact(name, v, 'a date YYYY-MM-DD');
      return d;
    }
    case 'enum':
      if (typeof v !== 'string' || !(spec.values ?? []).some((x) => x.value === v)) throw badFact(name, v, `one of ${(spec.values ?? []).map((x) => x.value).join(', ')}`);
      return v;
    case 'region':
      if (typeof v !== 'string' || !/^\d{2,12}$/.test(v)) throw badFact(name, v, 'a region code (digits)');
      return v;
    case 'string':
      if (typeof v !== 'string') throw badFact(name, v, 'a string');
      return v;
    case 'string_list':
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw badFact(name, v, 'a list of strings');
      return v as string[];
  }
}

/** Lazily filled, per catalogue: arrays indexed by node id are cheaper than a WeakMap per lookup. */
export interface NodeCache {
  readonly templates: unknown[];
  /** By criterion (`seq`) and language: what its sentence starts with (explain.ts). */
  readonly leads: (string | undefined)[];
  readonly leaves: (readonly Node[] | undefined)[];
}
const nodeCaches = new WeakMap<Catalog, NodeCache>();

function nodeCache(catalog: Catalog): NodeCache {
  let c = nodeCaches.get(catalog);
  if (!c) {
    let criteria = 0;
    for (const item of catalog.items.values()) criteria += item.criteria.length;
    // Filled with undefined, not sized empty: a large empty array is kept as a dictionary.
    const leads = Array.from({ length: criteria * 2 }, () => undefined);
    nodeCaches.set(catalog, (c = { templates: [], leads, leaves: [] }));
  }
  return c;
}

export function makeEnv(catalog: Catalog, input: EvaluationInput, received?: Env['received']): Env {
  const today = parseDate(input.date);
  if (today === undefined) throw new RuleError({ path: '/date', value: input.date, message: 'the evaluation date must be YYYY-MM-DD' });
  const facts = new Map<string, Known>();
  for (const [name, v] of Object.entries(input.facts ?? {})) {
    const spec = catalog.variables.get(name);
    if (!spec) throw new RuleError({ path: `/facts/${name}`, value: v, message: `unknown variable "${name}"` });
    if (v === null || v === undefined) continue;
    facts.set(name, coerceFact(name, spec, v));
  }
  const history: Env['history'][number][] = [];
  const given: readonly HistoryEntry[] = input.history ?? [];
  for (let i = 0; i < given.length; i++) {
    const h = given[i]!;
    const day = parseDate(h.date);
    if (day === undefined) throw new RuleError({ path: `/history/${i}/date`, value: h.date, message: 'invalid date' });
    if (!Number.isInteger(h.amount)) throw new RuleError({ path: `/history/${i}/amount`, value: h.amount, message: 'money is integer fen' });
    history.push({ item: h.item, day, amount: h.amount, product: h.product });
  }
  return { catalog, today, facts, history, product: input.product, memo: new Array<Value | undefined>(catalog.nodes.length), cache: nodeCache(catalog), ...(received ? { received } : {}), ...(input.regionName ? { regionName: input.regionName } : {}) };
}

/** The parameter value in force on `today`, or an error naming the parameter and the date. */
export function parameterValue(catalog: Catalog, name: string, today: number): Known {
  const p = catalog.parameters.get(name);
  let found: Known | undefined;
  for (const v of p?.values ?? []) if (v.from <= today) found = v.value;
  if (found === undefined) throw new RuleError({ path: `/parameters/${name}`, message: `parameter "${name}" has no value in force on ${formatDate(today)}` });
  return found;
}

/**
 * year / ever / product: fen received from `item` up to `today` (in the calendar year of `today`,
 * ever, for the input's product); grants / grants_product: how many times it was granted.
 */
export type ReceivedPeriod = 'year' | 'ever' | 'product' | 'grants' | 'grants_product';

export function receivedFrom(env: Env, item: string, period: ReceivedPeriod): number {
  if (env.received) return env.received(item, period);
  const year = yearOf(env.today);
  let sum = 0;
  for (const h of env.history) {
    if (h.item !== item || h.day > env.today) continue;
    if (period === 'year' && yearOf(h.day) !== year) continue;
    if ((period === 'product' || period === 'grants_product') && (env.product === undefined || h.product !== env.product)) continue;
    sum += period === 'grants' || period === 'grants_product' ? 1 : h.amount;
  }
  return sum;
}

/** Every parameter an expression reads, so that a parameter missing on the date fails the item whichever branch runs. */
export function paramsOf(node: Node, out = new Set<string>()): Set<string> {
  if (node.op === 'param') out.add(node.value as string);
  for (const a of node.args) paramsOf(a, out);
  return out;
}

export function evalNode(node: Node, env: Env): Value {
  const hit = env.memo[node.id];
  if (hit !== undefined) return hit;
  const v = compute(node, env);
  env.memo[node.id] = v;
  if (env.touched) env.touched.push(node.id);
  return v;
}

function compute(node: Node, env: Env): Value {
  switch (node.op) {
    case 'const':
      return node.value as Known;
    case 'var':
      return env.facts.get(node.value as string) ?? UNKNOWN;
    case 'param':
      return parameterValue(env.catalog, node.value as string, env.today);
    case 'today':
      return env.today;
    case 'received': {
      const [item, period] = node.value as readonly string[];
      return receivedFrom(env, item!, period as 'year' | 'ever');
    }
    case 'granted': {
      const [item, period] = node.value as readonly string[];
      return receivedFrom(env, item!, period === 'product' ? 'grants_product' : 'grants');
    }
    case 'and':
    case 'or': {
      // Kleene: every argument is evaluated (no short-circuit), so that the interpreter and the
      // column compiler report the same errors; false (and) / true (or) dominates unknown.
      const isAnd = node.op === 'and';
      let sawUnknown = false;
      let decided = false;
      for (const a of node.args) {
        const v = evalNode(a, env);
        if (v === UNKNOWN) sawUnknown = true;
        else if (v === !isAnd) decided = true;
      }
      return decided ? !isAnd : sawUnknown ? UNKNOWN : isAnd;
    }
    case 'if': {
      const args = node.args;
      let i = 0;
      for (; i + 1 < args.length; i += 2) {
        const c = evalNode(args[i]!, env);
        if (c === UNKNOWN) return UNKNOWN;
        if (c === true) return evalNode(args[i + 1]!, env);
      }
      return evalNode(args[i]!, env);
    }
    case 'missing':
    case 'missing_some': {
      const miss = node.args.filter((a) => evalNode(a, env) === UNKNOWN).map((a) => a.value as string);
      if (node.op === 'missing') return miss;
      return node.args.length - miss.length >= Number(node.value) ? [] : miss;
    }
  }
  const args: Known[] = [];
  let unknown = false;
  for (const a of node.args) {
    const v = evalNode(a, env);
    if (v === UNKNOWN) unknown = true;
    else args.push(v);
  }
  return unknown ? UNKNOWN : applyStrict(node, args, env.today);
}

/** Variables under a node whose value is unknown (the inputs still needed). */
export function missingVariables(node: Node, env: Env, out = new Set<string>()): Set<string> {
  if (node.op === 'var') {
    if (!env.facts.has(node.value as string)) out.add(node.value as string);
    return out;
  }
  if (node.op === 'if') {
    // Only what is needed to decide: the first unknown condition, or the chosen branch.
    for (let i = 0; i + 1 < node.args.length; i += 2) {
      const c = evalNode(node.args[i]!, env);
      if (c === UNKNOWN) return missingVariables(node.args[i]!, env, out);
      if (c === true) return missingVariables(node.args[i + 1]!, env, out);
    }
    return missingVariables(node.args[node.args.length - 1]!, env, out);
  }
  if (node.op === 'and' || node.op === 'or') {
    for (const a of node.args) if (evalNode(a, env) === UNKNOWN) missingVariables(a, env, out);
    return out;
  }
  for (const a of node.args) missingVariables(a, env, out);
  return out;
}
