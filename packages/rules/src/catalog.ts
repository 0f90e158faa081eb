/**
 * compileCatalog: many rule files (one folder per source document plus a shared variables file)
 * → one checked catalogue. Every problem in every file is collected and reported together.
 */
import { parseDate } from './calendar.js';
import { RuleError, type RuleProblem } from './errors.js';
import { coerceFact, paramsOf } from './interpreter.js';
import { checkExpr, NodeTable, type CheckContext, type Node } from './type-checker.js';
import type { CapKind, ItemSpec, ParameterSpec, RuleFileContent, Text, VariableSpec } from './types.js';

export interface CompiledCriterion {
  readonly id: string;
  readonly label: Text;
  readonly node: Node;
  /** Added by the engine from item fields (effective period, region, once-per, exclusions). */
  readonly implicit: boolean;
  /** True when a failure of this criterion could have a closable gap (a comparison, or and/or over one); gaps.ts decides per subject. */
  readonly gapComputable: boolean;
  /** Its number in the catalogue (0, 1, …): where caches keep what is built once per criterion. */
  readonly seq: number;
}

type UnnumberedCriterion = Omit<CompiledCriterion, 'seq'>;

export interface CompiledCap {
  readonly per: CapKind;
  readonly node: Node;
}

export interface CompiledItem {
  readonly id: string;
  readonly spec: ItemSpec;
  readonly file: string;
  readonly criteria: readonly CompiledCriterion[];
  readonly amount?: Node;
  readonly caps: readonly CompiledCap[];
  readonly excludes: readonly string[];
  /** The parameters its criteria, amount and caps read, each once (checked in force on the evaluation date). */
  readonly params: readonly string[];
  /** The first day on which every one of those parameters has a value in force (−∞ without parameters). */
  readonly paramsInForceFrom: number;
  /** The effective period as day numbers, both ends included (to: +∞ when open). */
  readonly effectiveFrom: number;
  readonly effectiveTo: number;
}

export interface CompiledParameter {
  readonly name: string;
  readonly spec: ParameterSpec;
  /** Values sorted by start day. */
  readonly values: readonly { from: number; value: number | string | boolean; reference: ParameterSpec['values'][number]['reference'] }[];
}

export interface Catalog {
  readonly variables: ReadonlyMap<string, VariableSpec & { readonly name: string; readonly file: string }>;
  readonly parameters: ReadonlyMap<string, CompiledParameter>;
  readonly items: ReadonlyMap<string, CompiledItem>;
  /** All expression nodes, children before parents (ids are a topological order). */
  readonly nodes: readonly Node[];
}

export interface CompileOptions {
  /** Every item must have at least one test case in the files (FORMAT.md §6). */
  readonly requireCases?: boolean;
}

const RELATIONAL = new Set(['<', '<=', '>', '>=', '==', '===']);

/** A two-sided numeric or date comparison: the only leaf a gap is measured on. */
export function isMeasurable(node: Node): boolean {
  return RELATIONAL.has(node.op) && node.args.length === 2 && (node.args[0]!.type === 'number' || node.args[0]!.type === 'date');
}

/**
 * Structurally, whether a failure could be a near miss: a numeric or date comparison, or `and`/`or`
 * over at least one. Whether it is one depends on the values (gaps.ts decides at evaluation).
 */
export function couldClose(node: Node): boolean {
  if (isMeasurable(node)) return true;
  return (node.op === 'and' || node.op === 'or') && node.args.some(couldClose);
}

export function compileCatalog(files: readonly RuleFileContent[], options: CompileOptions = {}): Catalog {
  const problems: RuleProblem[] = [];
  const variables = new Map<string, VariableSpec & { name: string; file: string }>();
  const parameters = new Map<string, CompiledParameter>();
  const parameterSpecs = new Map<string, ParameterSpec>();
  const itemSpecs: { spec: ItemSpec; file: string; index: number }[] = [];
  const itemIds = new Set<string>();

  for (const f of files) {
    for (const [name, spec] of Object.entries(f.variables ?? {})) {
      const prev = variables.get(name);
      if (prev) problems.push({ file: f.file, path: `/variables/${name}`, message: `variable "${name}" is already defined in ${prev.file}` });
      else variables.set(name, { ...spec, name, file: f.file });
      if (spec.type === 'enum' && !spec.values) problems.push({ file: f.file, path: `/variables/${name}`, message: 'an enum variable needs its values' });
    }
    for (const [name, spec] of Object.entries(f.parameters ?? {})) {
      if (parameterSpecs.has(name)) {
        problems.push({ file: f.file, path: `/parameters/${name}`, message: `parameter "${name}" is already defined` });
        continue;
      }
      parameterSpecs.set(name, spec);
      const values = spec.values.map((v, i) => {
        const from = parseDate(v.from);
        if (from === undefined) problems.push({ file: f.file, path: `/parameters/${name}/values/${i}/from`, message: 'invalid date', value: v.from });
        if (spec.unit === 'fen' && (typeof v.value !== 'number' || !Number.isInteger(v.value)))
          problems.push({ file: f.file, path: `/parameters/${name}/values/${i}/value`, message: 'money is integer fen', value: v.value });
        return { from: from ?? 0, value: v.value, reference: v.reference };
      });
      values.sort((a, b) => a.from - b.from);
      parameters.set(name, { name, spec, values });
    }
    (f.items ?? []).forEach((spec, index) => {
      if (itemIds.has(spec.id)) problems.push({ file: f.file, path: `/items/${index}/id`, message: `item id "${spec.id}" is not unique`, value: spec.id });
      itemIds.add(spec.id);
      itemSpecs.push({ spec, file: f.file, index });
    });
  }

  const intern = new NodeTable();
  const items = new Map<string, CompiledItem>();
  let criterionCount = 0;
  const titles = new Map<string, Text>();
  for (const { spec } of itemSpecs) titles.set(spec.id, spec.title);
  for (const { spec, file, index } of itemSpecs) {
    const base = `/items/${index}`;
    const ctx = (criterion?: string): CheckContext => ({ file, item: spec.id, criterion, variables, parameters: parameterSpecs, itemIds, problems, intern });
    const unnumbered: UnnumberedCriterion[] = [];
    const seen = new Set<string>();
    spec.criteria.forEach((c, ci) => {
      if (seen.has(c.id)) problems.push({ file, item: spec.id, path: `${base}/criteria/${ci}/id`, message: `criterion id "${c.id}" is not unique` });
      seen.add(c.id);
      const node = checkExpr(c.rule, `${base}/criteria/${ci}/rule`, ctx(c.id));
      if (node && node.type !== 'boolean') problems.push({ file, item: spec.id, criterion: c.id, path: `${base}/criteria/${ci}/rule`, message: `a criterion must be a condition (boolean), got ${node.type}` });
      if (node) unnumbered.push({ id: c.id, label: c.label, node, implicit: false, gapComputable: couldClose(node) });
    });
    unnumbered.push(...implicitCriteria(spec, base, file, ctx(), problems, variables, titles));
    // Written out, not spread (`{ ...c, seq }`): a spread copy's properties were measured a third slower to read on every evaluation.
    const criteria: CompiledCriterion[] = unnumbered.map((c) => ({ id: c.id, label: c.label, node: c.node, implicit: c.implicit, gapComputable: c.gapComputable, seq: criterionCount++ }));
    let amount: Node | undefined;
    if (spec.amount?.formula !== undefined) {
      amount = checkExpr(spec.amount.formula, `${base}/amount/formula`, ctx('amount'));
      if (amount && amount.type !== 'number') problems.push({ file, item: spec.id, path: `${base}/amount/formula`, message: `an amount formula must be a number (fen), got ${amount.type}` });
    }
    const caps: CompiledCap[] = [];
    (spec.caps ?? []).forEach((cap, i) => {
      const node = checkExpr(cap.amount, `${base}/caps/${i}/amount`, ctx('caps'));
      if (node && node.type !== 'number') problems.push({ file, item: spec.id, path: `${base}/caps/${i}/amount`, message: `a cap must be a number (fen), got ${node.type}` });
      else if (node) caps.push({ per: cap.per, node });
    });
    for (const [i, ex] of (spec.excludes ?? []).entries())
      if (!itemIds.has(ex)) problems.push({ file, item: spec.id, path: `${base}/excludes/${i}`, message: `unknown item "${ex}"`, value: ex });
    if (problems.length === 0 || !items.has(spec.id)) {
      const params = new Set<string>();
      for (const c of criteria) paramsOf(c.node, params);
      if (amount) paramsOf(amount, params);
      for (const c of caps) paramsOf(c.node, params);
      // A parameter's values are sorted by start day: its first start is the day it comes into force.
      let paramsInForceFrom = -Infinity;
      for (const p of params) paramsInForceFrom = Math.max(paramsInForceFrom, parameters.get(p)?.values[0]?.from ?? Infinity);
      items.set(spec.id, { id: spec.id, spec, file, criteria, amount, caps, excludes: spec.excludes ?? [], params: [...params], paramsInForceFrom, effectiveFrom: parseDate(spec.effective.from) ?? Infinity, effectiveTo: spec.effective.to ? (parseDate(spec.effective.to) ?? -Infinity) : Infinity });
    }
  }
  checkCases(files, variables, itemIds, problems, options);
  if (problems.length > 0) throw new RuleError(problems);
  return { variables, parameters, items, nodes: intern.all };
}

function implicitCriteria(
  spec: ItemSpec,
  base: string,
  file: string,
  ctx: CheckContext,
  problems: RuleProblem[],
  variables: ReadonlyMap<string, VariableSpec>,
  titles: ReadonlyMap<string, Text>,
): UnnumberedCriterion[] {
  const out: UnnumberedCriterion[] = [];
  const add = (id: string, label: Text, expr: unknown, path: string): void => {
    const node = checkExpr(expr, path, { ...ctx, criterion: id });
    if (node) out.push({ id, label, node, implicit: true, gapComputable: false });
  };
  const { from, to } = spec.effective;
  const window: unknown[] = [{ '>=': [{ today: [] }, { date: from }] }];
  if (to) window.push({ '<=': [{ today: [] }, { date: to }] });
  add(
    'in_effect',
    { zh: `政策在有效期内（${from} 起${to ? `至 ${to}` : ''}）`, en: `The policy is in effect (from ${from}${to ? ` to ${to}` : ''})` },
    window.length === 1 ? window[0] : { and: window },
    `${base}/effective`,
  );
  if (spec.region) {
    if (!variables.has('region')) problems.push({ file, item: spec.id, path: `${base}/region`, message: 'an item with a region needs the variable "region" in the catalogue' });
    // The region's name is the caller's (the engine has no region table): the verdict names it when known.
    else add('in_region', { zh: '注册地在本政策适用地区内', en: "Registered within the policy's region" }, { in_region: [{ var: 'region' }, spec.region] }, `${base}/region`);
  }
  // Grants are counted (history entries), not fen: a benefit without an amount (a priority, a
  // voucher) recorded with amount 0 still counts as received.
  const notGranted = (item: string, period: 'ever' | 'product', path: string): Node => {
    const node = ctx.intern.make({ op: 'granted', type: 'number', args: [], value: [item, period], path, file });
    const zero = ctx.intern.make({ op: 'const', type: 'number', args: [], value: 0, path, file });
    return ctx.intern.make({ op: '==', type: 'boolean', args: [node, zero], path, file });
  };
  if (spec.once_per === 'subject')
    out.push({ id: 'not_received_before', label: { zh: '此前未享受过本项', en: 'Has not received this benefit before' }, node: notGranted(spec.id, 'ever', `${base}/once_per`), implicit: true, gapComputable: false });
  if (spec.once_per === 'product')
    out.push({ id: 'not_received_for_product', label: { zh: '该产品此前未享受过本项', en: 'This product has not received this benefit before' }, node: notGranted(spec.id, 'product', `${base}/once_per`), implicit: true, gapComputable: false });
  // Unknown ids are reported once, by the excludes check in compileCatalog.
  const excludes = (spec.excludes ?? []).filter((x) => ctx.itemIds.has(x));
  if (excludes.length > 0) {
    const conds = excludes.map((x) => notGranted(x, 'ever', `${base}/excludes`));
    const node = conds.length === 1 ? conds[0]! : ctx.intern.make({ op: 'and', type: 'boolean', args: conds, path: `${base}/excludes`, file });
    out.push({
      id: 'no_excluded_benefit',
      label: { zh: `未享受过不可同时享受的项目（${excludes.map((x) => titles.get(x)?.zh ?? '').join('、')}）`, en: `Has not received a benefit that cannot be combined with this one (${excludes.map((x) => titles.get(x)?.en ?? '').join('; ')})` },
      node,
      implicit: true,
      gapComputable: false,
    });
  }
  return out;
}

/** Test cases are checked at load like rules: known items and variables, facts of the right type. */
function checkCases(
  files: readonly RuleFileContent[],
  variables: ReadonlyMap<string, VariableSpec>,
  itemIds: ReadonlySet<string>,
  problems: RuleProblem[],
  options: CompileOptions,
): void {
  const covered = new Set<string>();
  for (const f of files) {
    (f.cases ?? []).forEach((c, i) => {
      const at = `/cases/${i}`;
      covered.add(c.item);
      if (!itemIds.has(c.item)) problems.push({ file: f.file, path: `${at}/item`, value: c.item, message: `case "${c.name}": unknown item "${c.item}"` });
      if (parseDate(c.date) === undefined) problems.push({ file: f.file, path: `${at}/date`, value: c.date, message: `case "${c.name}": invalid date` });
      for (const [name, v] of Object.entries(c.facts ?? {})) {
        const spec = variables.get(name);
        if (!spec) problems.push({ file: f.file, path: `${at}/facts/${name}`, message: `case "${c.name}": unknown variable "${name}"` });
        else if (v !== null) {
          try {
            coerceFact(name, spec, v);
          } catch (e) {
            problems.push({ file: f.file, path: `${at}/facts/${name}`, value: v, message: `case "${c.name}": ${e instanceof RuleError ? e.problem.message : String(e)}` });
          }
        }
      }
      (c.history ?? []).forEach((h, j) => {
        if (!itemIds.has(h.item)) problems.push({ file: f.file, path: `${at}/history/${j}/item`, value: h.item, message: `case "${c.name}": unknown item "${h.item}"` });
      });
      for (const m of c.expect.missing ?? [])
        if (!variables.has(m)) problems.push({ file: f.file, path: `${at}/expect/missing`, value: m, message: `case "${c.name}": unknown variable "${m}"` });
    });
  }
  if (options.requireCases)
    for (const id of itemIds) if (!covered.has(id)) problems.push({ item: id, message: `item "${id}" has no test case` });
}
