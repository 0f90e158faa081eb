/** evaluateItem / evaluateAll: verdicts with criteria, sentences, missing inputs, amounts and gaps. */
import type { Catalog, CompiledItem } from './catalog.js';
import { RuleError } from './errors.js';
import { amountLabel, criterionLabel, criterionSentence, formatMoney, renderCached } from './explain.js';
import { assessFailure, type Access, type Failure } from './gaps.js';
import { evalNode, makeEnv, missingVariables, parameterValue, receivedFrom, type Env } from './interpreter.js';
import type { Node } from './type-checker.js';
import { roundHalfUp, UNKNOWN, type Value } from './typed-operators.js';
import type { AmountResult, CriterionResult, EvaluationInput, Gap, Text, Verdict } from './types.js';
import { formatDate } from './calendar.js';

export interface ItemFilter {
  readonly ids?: readonly string[];
  readonly entity?: string;
  readonly mode?: 'apply' | 'automatic';
}

/** Shared by every criterion that misses nothing (most of them): one less allocation each. */
const NONE: readonly string[] = Object.freeze([]);

function withItem(e: unknown, item: CompiledItem, criterion?: string): never {
  if (e instanceof RuleError) throw new RuleError(e.problems.map((p) => ({ ...p, file: p.file ?? item.file, item: item.id, criterion: p.criterion ?? criterion })));
  throw e;
}

function leaves(node: Node, out: Node[]): Node[] {
  if (node.op === 'var' || node.op === 'param' || node.op === 'today') {
    if (!out.includes(node)) out.push(node);
  }
  for (const a of node.args) leaves(a, out);
  return out;
}

/** The evaluation date as text, formatted once per date rather than once per criterion that reads it. */
let lastDay = NaN;
let lastDayText = '';
function dayText(day: number): string {
  if (day !== lastDay) {
    lastDayText = formatDate(day);
    lastDay = day;
  }
  return lastDayText;
}

/** The inputs and parameters a criterion read, by name (dates as YYYY-MM-DD, unknown as null). */
function valuesUsed(node: Node, env: Env): Record<string, unknown> {
  const shared = env.values;
  const hit = shared?.[node.id];
  if (hit) return hit;
  let ls = env.cache.leaves[node.id];
  if (!ls) env.cache.leaves[node.id] = ls = leaves(node, []);
  const out: Record<string, unknown> = {};
  let complete = true;
  for (const l of ls) {
    if (l.op === 'today') {
      out.today = dayText(env.today);
      continue;
    }
    const v = env.memo[l.id];
    if (v === undefined) {
      complete = false;
      continue;
    }
    out[l.value as string] = v === UNKNOWN ? null : l.type === 'date' && typeof v === 'number' ? formatDate(v) : v;
  }
  if (shared && complete) shared[node.id] = out;
  return out;
}

/** Whether the evaluation date lies in the item's effective period (both ends included). */
export function inEffectOn(item: CompiledItem, date: string): boolean {
  const { from, to } = item.spec.effective;
  return date >= from && (!to || date <= to);
}

/**
 * Outside its effective period, or for a subject registered outside its region, an item is
 * ineligible on that alone: its other criteria and amount are not evaluated (the parameters they
 * read may have no value in force on that date, and nothing else could make it apply), and it
 * asks no further questions. The population evaluator counts the same rows as ineligible.
 */
function notApplicable(catalog: Catalog, item: CompiledItem, env: Env, criterionId: 'in_effect' | 'in_region'): Verdict {
  const c = item.criteria.find((x) => x.id === criterionId)!;
  evalNode(c.node, env);
  const label = criterionLabel(c, env);
  return {
    item: item.id,
    title: item.spec.title,
    mode: item.spec.mode,
    status: 'ineligible',
    criteria: [{ id: c.id, label, status: 'fail', values: valuesUsed(c.node, env), sentence: criterionSentence(c, label, 'fail', NONE, catalog, env), missing: NONE }],
    missing: [],
    amount: null,
    conflicts: [],
  };
}

/**
 * The near-miss rules read the interpreter's values through its memo (gaps.ts). Made per item that
 * has a failing criterion, not kept per evaluation in a WeakMap: an entry there outlived its
 * evaluation until the next full collection, so a profile checked many times a second filled the
 * old generation with dead evaluations (measured: a young collection took 2.7 ms instead of 0.3).
 */
function accessOf(env: Env): Access {
  return { catalog: env.catalog, today: env.today, value: (n) => evalNode(n, env) };
}

export function evaluateWithEnv(catalog: Catalog, item: CompiledItem, env: Env): Verdict {
  // The same period as `inEffectOn`, compiled to day numbers: no date formatted per item.
  if (env.today < item.effectiveFrom || env.today > item.effectiveTo) return notApplicable(catalog, item, env, 'in_effect');
  if (item.spec.region) {
    const region = item.criteria.find((x) => x.id === 'in_region');
    if (region && evalNode(region.node, env) === false) return notApplicable(catalog, item, env, 'in_region');
  }
  // Before every parameter it reads is in force, the item cannot be evaluated: the error names the first one that is not.
  if (env.today < item.paramsInForceFrom)
    for (const p of item.params) {
      try {
        parameterValue(catalog, p, env.today);
      } catch (e) {
        withItem(e, item);
      }
    }
  const criteria: CriterionResult[] = [];
  // Made only when something is missing (most verdicts miss nothing).
  let missing: Set<string> | undefined;
  let fails = 0;
  let unknowns = 0;
  let failing: CriterionResult | undefined;
  let access: Access | undefined;
  for (const c of item.criteria) {
    let v: Value;
    try {
      v = evalNode(c.node, env);
    } catch (e) {
      withItem(e, item, c.id);
    }
    const status = v === UNKNOWN ? 'unknown' : v === true ? 'pass' : 'fail';
    const miss = status === 'unknown' ? [...missingVariables(c.node, env)] : NONE;
    if (miss.length > 0) {
      missing ??= new Set();
      for (const m of miss) missing.add(m);
    }
    const label = c.implicit ? criterionLabel(c, env) : c.label;
    const result: CriterionResult = {
      id: c.id,
      label,
      status,
      values: valuesUsed(c.node, env),
      sentence: criterionSentence(c, label, status, miss, catalog, env),
      missing: miss,
    };
    if (status === 'fail' && !c.implicit) {
      // A failure that can still close carries its gap; one that cannot, the reason (gaps.ts).
      // The same for every criterion with this rule in an evaluation over many items (`Env.failures`).
      const shared = env.failures;
      let outcome = shared?.[c.node.id];
      if (outcome === undefined) {
        outcome = assessFailure(c.node, (access ??= accessOf(env))) ?? null;
        if (shared) shared[c.node.id] = outcome;
      }
      if (outcome?.gap && c.gapComputable) (result as { gap?: Gap }).gap = outcome.gap;
      else if (outcome?.reason) (result as { reason?: Text }).reason = outcome.reason;
    }
    criteria.push(result);
    if (status === 'fail') {
      fails++;
      failing = result;
    } else if (status === 'unknown') unknowns++;
  }
  const status = fails === 0 ? (unknowns === 0 ? 'eligible' : 'unknown') : fails === 1 && unknowns === 0 && failing?.gap !== undefined ? 'near_miss' : 'ineligible';
  const amount = status === 'eligible' || status === 'unknown' ? computeAmount(catalog, item, env) : null;
  if (amount && amount.missing.length > 0) {
    missing ??= new Set();
    for (const m of amount.missing) missing.add(m);
  }
  return {
    item: item.id,
    title: item.spec.title,
    mode: item.spec.mode,
    status,
    criteria,
    missing: missing ? [...missing] : [],
    amount,
    ...(status === 'near_miss' && failing?.gap ? { gap: failing.gap } : {}),
    conflicts: [],
  };
}

const CAP_TEXT: Record<string, Text> = {
  claim: { zh: '单次上限', en: 'per-claim cap' },
  subject_year: { zh: '每年度上限', en: 'annual cap per subject' },
  subject: { zh: '累计上限', en: 'lifetime cap per subject' },
  product: { zh: '每个产品上限', en: 'cap per product' },
};

function money(fen: number): Text {
  return { zh: formatMoney(fen, 'zh'), en: formatMoney(fen, 'en') };
}

/** The amount in fen: formula, rounded half up to whole fen, then each cap in order. */
export function computeAmount(catalog: Catalog, item: CompiledItem, env: Env): AmountResult | null {
  if (!item.amount) return null;
  const note = item.spec.amount?.note;
  const upTo = item.spec.amount?.up_to === true;
  let v: Value;
  try {
    v = evalNode(item.amount, env);
  } catch (e) {
    withItem(e, item, 'amount');
  }
  if (v === UNKNOWN || typeof v !== 'number') {
    return { status: 'unknown', fen: null, upTo, steps: [], missing: [...missingVariables(item.amount, env)], ...(note ? { note } : {}) };
  }
  const steps: Text[] = [];
  let fen = roundHalfUp(v);
  // Binary noise (0.7 × 900,000 = 629,999.99999999) is not a rounding a person would see.
  const exact = Math.abs(v - fen) < 1e-6;
  // The computation as a person writes it ("3 个 × 2 万元 = 6 万元"); a single figure by its label;
  // rounding only when it changed something.
  const single = amountLabel(item.amount, catalog);
  const m = money(fen);
  if (single) steps.push({ zh: `${single.zh}：${m.zh}`, en: `${single.en}: ${m.en}` });
  else {
    const zh = renderCached(item.amount, { catalog, env, lang: 'zh', terse: true, money: true });
    const en = renderCached(item.amount, { catalog, env, lang: 'en', terse: true, money: true });
    steps.push(exact ? { zh: `${zh} = ${m.zh}`, en: `${en} = ${m.en}` } : { zh: `${zh} ≈ ${m.zh}（四舍五入到分）`, en: `${en} ≈ ${m.en} (rounded to the cent)` });
  }
  const missing: string[] = [];
  for (const cap of item.caps) {
    let c: Value;
    try {
      c = evalNode(cap.node, env);
    } catch (e) {
      withItem(e, item, 'caps');
    }
    if (c === UNKNOWN || typeof c !== 'number') {
      missing.push(...missingVariables(cap.node, env));
      continue;
    }
    const already = cap.per === 'claim' ? 0 : receivedFrom(env, item.id, cap.per === 'subject_year' ? 'year' : cap.per === 'subject' ? 'ever' : 'product');
    const limit = Math.max(0, c - already);
    const name = CAP_TEXT[cap.per]!;
    const cm = money(c);
    const lm = money(limit);
    const prior = already > 0 ? { zh: `（已获 ${money(already).zh}，余额 ${lm.zh}）`, en: ` (already received ${money(already).en}, ${lm.en} left)` } : { zh: '', en: '' };
    if (fen > limit) {
      fen = limit;
      steps.push({ zh: `超过${name.zh} ${cm.zh}${prior.zh}，按上限计：${lm.zh}`, en: `above the ${name.en} of ${cm.en}${prior.en}: capped at ${lm.en}` });
    } else steps.push({ zh: `未超过${name.zh} ${cm.zh}${prior.zh}`, en: `within the ${name.en} of ${cm.en}${prior.en}` });
  }
  if (upTo) steps.push({ zh: `最高 ${money(fen).zh}（实际金额以审核为准）`, en: `up to ${money(fen).en} (the amount granted is set on review)` });
  if (missing.length > 0) return { status: 'unknown', fen: null, upTo, steps, missing, ...(note ? { note } : {}) };
  return { status: 'known', fen, upTo, steps, missing: [], ...(note ? { note } : {}) };
}

function getItem(catalog: Catalog, itemId: string): CompiledItem {
  const item = catalog.items.get(itemId);
  if (!item) throw new RuleError({ item: itemId, message: `unknown item "${itemId}"` });
  return item;
}

export function evaluateItem(catalog: Catalog, itemId: string, input: EvaluationInput): Verdict {
  const item = getItem(catalog, itemId);
  return evaluateWithEnv(catalog, item, makeEnv(catalog, input));
}

/**
 * Items evaluated one at a time against one input, each exactly as evaluateItem evaluates it
 * (nothing one item computed is seen by the next: its memo entries and checked parameters are
 * cleared after it), but with the input coerced once and one memo array for all of them.
 * evaluateItem allocates a memo array as long as the whole catalogue's node count on every call,
 * so evaluating many items of a large catalogue one by one cost catalogue size × items.
 */
export function itemEvaluator(catalog: Catalog, input: EvaluationInput): (itemId: string) => Verdict {
  const env: Env = { ...makeEnv(catalog, input), touched: [] };
  const memo = env.memo;
  const touched = env.touched!;
  return (itemId) => {
    const item = getItem(catalog, itemId);
    try {
      return evaluateWithEnv(catalog, item, env);
    } finally {
      for (let i = 0; i < touched.length; i++) memo[touched[i]!] = undefined;
      touched.length = 0;
    }
  };
}

const allItems = new WeakMap<Catalog, CompiledItem[]>();

export function selectItems(catalog: Catalog, filter?: ItemFilter): CompiledItem[] {
  if (!filter) {
    let all = allItems.get(catalog);
    if (!all) allItems.set(catalog, (all = [...catalog.items.values()]));
    return all;
  }
  const out: CompiledItem[] = [];
  for (const id of filter.ids ?? catalog.items.keys()) {
    const it = getItem(catalog, id);
    if ((!filter.entity || it.spec.entity === filter.entity) && (!filter.mode || it.spec.mode === filter.mode)) out.push(it);
  }
  return out;
}

const partnersByCatalog = new WeakMap<Catalog, ReadonlyMap<string, readonly string[]>>();

/**
 * Per catalogue, per item: the other items it cannot be combined with, in either direction (the
 * ids in its `excludes` and the items whose `excludes` name it). Built once per catalogue.
 */
export function exclusionPartners(catalog: Catalog): ReadonlyMap<string, readonly string[]> {
  let partners = partnersByCatalog.get(catalog);
  if (!partners) {
    const sets = new Map<string, Set<string>>();
    const add = (a: string, b: string): void => {
      let s = sets.get(a);
      if (!s) sets.set(a, (s = new Set()));
      s.add(b);
    };
    for (const it of catalog.items.values())
      for (const x of it.excludes) {
        if (x === it.id) continue;
        add(it.id, x);
        add(x, it.id);
      }
    partners = new Map([...sets].map(([id, s]) => [id, [...s]]));
    partnersByCatalog.set(catalog, partners);
  }
  return partners;
}

/**
 * For each of the eligible items (in their order): the other eligible items it cannot be
 * combined with, in the same order — an item conflicts with another when either excludes the
 * other. Linear in the eligible items and their exclusions (the exclusion index is per catalogue),
 * instead of comparing every eligible pair.
 */
export function conflictsAmong(catalog: Catalog, eligible: readonly string[]): (readonly string[])[] {
  const place = new Map<string, number>();
  for (let i = 0; i < eligible.length; i++) place.set(eligible[i]!, i);
  if (place.size !== eligible.length) {
    // The same item selected twice (a filter listing an id twice): every pair, as listed.
    return eligible.map((id) => {
      const item = catalog.items.get(id)!;
      return eligible.filter((o) => o !== id && (item.excludes.includes(o) || catalog.items.get(o)!.excludes.includes(id)));
    });
  }
  const partners = exclusionPartners(catalog);
  return eligible.map((id) => {
    const ps = partners.get(id);
    if (!ps) return NONE;
    const at: number[] = [];
    for (const o of ps) {
      const k = place.get(o);
      if (k !== undefined) at.push(k);
    }
    if (at.length === 0) return NONE;
    at.sort((a, b) => a - b);
    return at.map((k) => eligible[k]!);
  });
}

/**
 * Every selected item against one subject, one verdict at a time and in the catalogue's order,
 * each exactly as `evaluateAll` returns it (its conflicts included); values shared between items
 * are computed once. Nothing is kept once the caller has a verdict, so a caller that looks at each
 * verdict and moves on (records a match, writes a line) holds one verdict, not the catalogue's.
 * The items that exclusions connect are evaluated first (an eligible item's conflicts name the
 * other eligible items it cannot be combined with); a rule error in any item is thrown before the
 * first verdict of such a catalogue.
 */
export function* verdictsOf(catalog: Catalog, input: EvaluationInput, filter?: ItemFilter): Generator<Verdict, void, undefined> {
  // What criteria with the same rule share within this evaluation: its text, its values, its gap.
  const n = catalog.nodes.length;
  const env: Env = { ...makeEnv(catalog, input), texts: new Array<string | undefined>(n * 2), values: new Array<Record<string, unknown> | undefined>(n), failures: new Array<Failure | null | undefined>(n) };
  const items = selectItems(catalog, filter);
  const partners = exclusionPartners(catalog);
  // Without exclusions (most items), a verdict's conflicts are none: it is evaluated when reached.
  let early: Map<number, Verdict> | undefined;
  if (partners.size > 0) {
    const eligible: string[] = [];
    const at: number[] = [];
    for (let i = 0; i < items.length; i++) {
      if (!partners.has(items[i]!.id)) continue;
      const v = evaluateWithEnv(catalog, items[i]!, env);
      (early ??= new Map()).set(i, v);
      if (v.status === 'eligible') {
        eligible.push(v.item);
        at.push(i);
      }
    }
    if (eligible.length >= 2) {
      const conflicts = conflictsAmong(catalog, eligible);
      for (let k = 0; k < at.length; k++) if (conflicts[k]!.length > 0) early!.set(at[k]!, { ...early!.get(at[k]!)!, conflicts: [...conflicts[k]!] });
    }
  }
  for (let i = 0; i < items.length; i++) yield early?.get(i) ?? evaluateWithEnv(catalog, items[i]!, env);
}

/** Every selected item against one subject, in one array: what `verdictsOf` hands over, kept. */
export function evaluateAll(catalog: Catalog, input: EvaluationInput, filter?: ItemFilter): Verdict[] {
  return [...verdictsOf(catalog, input, filter)];
}
