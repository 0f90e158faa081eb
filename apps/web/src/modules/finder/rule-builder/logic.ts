/**
 * The visual rule builder's bridge between our rules (JSON Logic with Seedbed operators, as the
 * rules engine's parser and type checker accept them: packages/rules/FORMAT.md) and
 * react-querybuilder's query, through react-querybuilder's own `parseJsonLogic` and
 * `formatQuery(…, 'jsonlogic')`. Where the two dialects differ this module adapts:
 *
 * - a parameter `{ "param": p }` travels as a field reference `{ "var": "@param:p" }` (a value
 *   taken from another "field"), so a rule compares a variable with a parameter by its label;
 * - a date literal `{ "date": "2020-01-01" }` travels as the plain string and is wrapped again
 *   for date variables (our type checker refuses to compare a date with a string);
 * - `{ "in_region": [{ "var": v }, code] }` is a builder operator of region variables;
 * - values are written in the variable's type (numbers as numbers, money as integer fen).
 *
 * A rule is shown in the builder only when it round-trips exactly (parse, then format, gives
 * the same rule back); anything else (arithmetic, dates computed from today, if/then, what a
 * subject received) stays in the JSON view. Pure: no React, tested in logic.test.ts.
 */
import type { PolicyRuleVocabulary } from '@seedbed/contract';
import { defaultRuleProcessorJsonLogic, formatQuery } from 'react-querybuilder/formatQuery';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import type { FullField, OptionGroup, RuleGroupType, RuleProcessor, RuleType } from 'react-querybuilder';

export interface Text {
  zh: string;
  en: string;
}

/** What the builder offers (GET /api/v1/policy-rule-vocabulary): the contract's type, its variables and parameters. */
export type Vocabulary = PolicyRuleVocabulary;
export type BuilderVariable = PolicyRuleVocabulary['variables'][number];
export type BuilderParameter = PolicyRuleVocabulary['parameters'][number];

export const PARAM_PREFIX = '@param:';
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The operators the builder offers per variable type (react-querybuilder's names; in_region is ours). */
export function operatorsFor(type: string): string[] {
  switch (type) {
    case 'integer':
    case 'number':
    case 'money':
    case 'date':
      return ['>=', '>', '<=', '<', '=', '!=', 'between'];
    case 'boolean':
      return ['='];
    case 'enum':
      return ['=', '!=', 'in', 'notIn'];
    case 'region':
      return ['in_region'];
    case 'string_list':
      return ['contains', 'doesNotContain'];
    default:
      return ['=', '!='];
  }
}

const NUMERIC = new Set(['integer', 'number', 'money']);

/** A value in the variable's type as a rule holds it (numbers as numbers, lists as arrays); undefined when it cannot be. */
export function coerceValue(type: string, operator: string, value: unknown): unknown {
  const one = (v: unknown): unknown => {
    if (NUMERIC.has(type)) {
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
      return undefined;
    }
    if (type === 'boolean') return v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined;
    return typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;
  };
  if (operator === 'between' || operator === 'notBetween' || operator === 'in' || operator === 'notIn') {
    const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
    const out = list.map(one);
    return out.every((x) => x !== undefined) && out.length > 0 ? out : undefined;
  }
  return one(value);
}

// ---------------------------------------------------------------- our rules ↔ react-querybuilder's JSON Logic

/** Our rule as react-querybuilder's JSON Logic: parameters as field references, date literals as strings. */
export function toRqbLogic(expr: unknown): unknown {
  if (Array.isArray(expr)) return expr.map(toRqbLogic);
  if (!isObj(expr)) return expr;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return expr;
  const op = keys[0]!;
  const raw = expr[op];
  if (op === 'param' && typeof raw === 'string') return { var: `${PARAM_PREFIX}${raw}` };
  if (op === 'date' && typeof raw === 'string') return raw;
  if (op === 'var') return expr;
  return { [op]: Array.isArray(raw) ? raw.map(toRqbLogic) : toRqbLogic(raw) };
}

/** react-querybuilder's JSON Logic as our rule: parameters back, date literals wrapped where a date variable is compared. */
export function fromRqbLogic(expr: unknown, types: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(expr)) return expr.map((e) => fromRqbLogic(e, types));
  if (!isObj(expr)) return expr;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return expr;
  const op = keys[0]!;
  const raw = expr[op];
  if (op === 'var') return typeof raw === 'string' && raw.startsWith(PARAM_PREFIX) ? { param: raw.slice(PARAM_PREFIX.length) } : expr;
  if (['==', '!=', '<', '<=', '>', '>=', '===', '!=='].includes(op) && Array.isArray(raw)) {
    const isDate = raw.some((a) => isObj(a) && typeof a.var === 'string' && types.get(a.var) === 'date');
    return { [op]: raw.map((a) => (isDate && typeof a === 'string' ? { date: a } : fromRqbLogic(a, types))) };
  }
  return { [op]: Array.isArray(raw) ? raw.map((e) => fromRqbLogic(e, types)) : fromRqbLogic(raw, types) };
}

// ---------------------------------------------------------------- fields

export interface FieldContext {
  types: ReadonlyMap<string, string>;
  /** react-querybuilder fields, grouped by the variable's group; parameters are fields too (value sources only). */
  fields: OptionGroup<FullField>[];
  flat: FullField[];
}

/** Fields from the vocabulary: variables by their label in the interface language, parameters as comparable values. */
export function fieldContext(vocabulary: Vocabulary, lang: 'zh' | 'en'): FieldContext {
  const types = new Map<string, string>();
  const groups = new Map<string, FullField[]>();
  const flat: FullField[] = [];
  for (const v of vocabulary.variables) {
    types.set(v.name, v.type);
    const field: FullField = {
      name: v.name,
      value: v.name,
      label: v.label[lang],
      operators: operatorsFor(v.type).map((o) => ({ name: o, value: o, label: o })),
      valueSources: NUMERIC.has(v.type) || v.type === 'date' ? ['value', 'field'] : ['value'],
      comparator: (f: FullField) => f.name.startsWith(PARAM_PREFIX) && paramFits(f, v.type),
      ...(v.values ? { values: v.values.map((x) => ({ name: x.value, value: x.value, label: x.label[lang] })) } : {}),
      variableType: v.type,
    };
    const g = v.group[lang];
    groups.set(g, [...(groups.get(g) ?? []), field]);
    flat.push(field);
  }
  const params: FullField[] = vocabulary.parameters.map((p) => {
    const f: FullField = { name: `${PARAM_PREFIX}${p.name}`, value: `${PARAM_PREFIX}${p.name}`, label: p.label[lang], parameterValue: p.value, parameterUnit: p.unit };
    types.set(f.name, typeof p.value === 'number' ? (p.unit === 'fen' ? 'money' : 'number') : typeof p.value === 'boolean' ? 'boolean' : 'string');
    return f;
  });
  flat.push(...params);
  const fields: OptionGroup<FullField>[] = [...groups].map(([label, options]) => ({ label, options }));
  fields.push({ label: lang === 'zh' ? '政策参数' : 'Parameters', options: params });
  return { types, fields, flat };
}

function paramFits(param: FullField, variableType: string): boolean {
  const v = (param as { parameterValue?: unknown }).parameterValue;
  return NUMERIC.has(variableType) ? typeof v === 'number' : variableType === 'date' ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) : false;
}

// ---------------------------------------------------------------- rule ↔ query

const processor = (types: ReadonlyMap<string, string>): RuleProcessor => (rule: RuleType, options) => {
  const type = types.get(rule.field) ?? 'string';
  if (rule.operator === 'in_region') return typeof rule.value === 'string' && /^\d{2,12}$/.test(rule.value) ? { in_region: [{ var: rule.field }, rule.value] } : false;
  if (rule.valueSource === 'field') return defaultRuleProcessorJsonLogic(rule, { ...options, parseNumbers: false });
  const value = coerceValue(type, rule.operator, rule.value);
  if (value === undefined) return false;
  return defaultRuleProcessorJsonLogic({ ...rule, value }, { ...options, parseNumbers: false, preserveValueOrder: true });
};

/** The query as our rule: undefined when it holds no complete condition. */
export function queryToRule(query: RuleGroupType, ctx: Pick<FieldContext, 'types'>): unknown {
  const logic = formatQuery(query, { format: 'jsonlogic', ruleProcessor: processor(ctx.types) }) as unknown;
  if (!logic) return undefined;
  // One condition is written alone, not as a group of one.
  const single = isObj(logic) && Array.isArray(logic.and) && logic.and.length === 1 ? logic.and[0] : logic;
  return fromRqbLogic(single, ctx.types);
}

/** Our rule as a query, or null when the builder cannot show it exactly (it stays in the JSON view). */
export function ruleToQuery(rule: unknown, ctx: Pick<FieldContext, 'types' | 'flat'>): RuleGroupType | null {
  const logic = toRqbLogic(rule);
  const query = parseJsonLogic(logic as never, {
    fields: ctx.flat,
    jsonLogicOperations: {
      in_region: (args: unknown) => {
        const [v, code] = Array.isArray(args) ? args : [];
        return isObj(v) && typeof v.var === 'string' && typeof code === 'string' ? { field: v.var, operator: 'in_region', value: code } : false;
      },
    },
  });
  if (query.rules.length === 0) return null;
  const back = queryToRule(query, ctx);
  return sameRule(back, rule) ? query : null;
}

/** The same rule, groups of one condition aside. */
export function sameRule(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function normalise(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(normalise);
  if (!isObj(x)) return x;
  const keys = Object.keys(x);
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') && Array.isArray(x[keys[0]!]) && (x[keys[0]!] as unknown[]).length === 1) return normalise((x[keys[0]!] as unknown[])[0]);
  if (keys.length === 1 && keys[0] === '===') return { '==': normalise(x['===']) };
  if (keys.length === 1 && keys[0] === '!==') return { '!=': normalise(x['!==']) };
  return Object.fromEntries(keys.map((k) => [k, normalise(x[k])]));
}

/** Why a rule cannot be shown in the builder (for the officer, and for the round-trip test's report). */
export function whyNotRepresentable(rule: unknown): string {
  const ops = new Set<string>();
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (isObj(x)) for (const [k, v] of Object.entries(x)) {
      ops.add(k);
      walk(v);
    }
  };
  walk(rule);
  const has = (...names: string[]) => names.filter((n) => ops.has(n));
  const reasons = [
    has('+', '-', '*', '/', '%', 'min', 'max', 'round').length ? 'arithmetic' : '',
    has('if', '?:').length ? 'if/then' : '',
    has('months_between', 'years_between', 'days_between', 'within_years', 'add_months', 'today').length ? 'dates computed from other dates or today' : '',
    has('received').length ? 'what a subject received' : '',
    has('missing', 'missing_some', 'cat', '!!').length ? 'operators the builder does not offer' : '',
  ].filter(Boolean);
  if (reasons.length) return reasons.join(', ');
  // e.g. 1 ≤ loan ≤ {param}: a range whose ends are one a number and one a parameter.
  return 'a range from a number to a parameter, or another comparison the builder does not write';
}

// ---------------------------------------------------------------- amounts

/** A number in fen, or a parameter. */
export type Figure = number | { param: string };

/** The amount shapes the builder edits; anything else stays in the JSON view. */
export type AmountShape =
  | { kind: 'none' }
  /** A fixed amount (fen) or the amount a parameter sets. */
  | { kind: 'fixed'; amount: Figure }
  /** base × factor: a money base times a rate (rounded to the fen), or a count times an amount per unit; at most `cap`. */
  | { kind: 'product'; base: string; factor: Figure; round: boolean; cap: Figure | null }
  /** The first tier whose condition holds gives its amount; otherwise the last. */
  | { kind: 'tiers'; tiers: { when: unknown; amount: Figure }[]; otherwise: Figure };

const isFigure = (x: unknown): x is Figure => (typeof x === 'number' && Number.isFinite(x)) || (isObj(x) && Object.keys(x).length === 1 && typeof x.param === 'string');

/** The shape of an amount formula, or null when the builder cannot show it. */
export function amountShape(formula: unknown, ctx: Pick<FieldContext, 'types' | 'flat'>): AmountShape | null {
  if (formula === undefined) return { kind: 'none' };
  if (isFigure(formula)) return { kind: 'fixed', amount: formula };
  if (!isObj(formula)) return null;
  const product = (x: unknown, cap: Figure | null): AmountShape | null => {
    let round = false;
    if (isObj(x) && Array.isArray(x.round) && x.round.length === 2 && x.round[1] === 'fen') {
      round = true;
      x = x.round[0];
    }
    if (!isObj(x) || !Array.isArray(x['*']) || x['*'].length !== 2) return null;
    const [a, b] = x['*'] as unknown[];
    if (!isObj(a) || typeof a.var !== 'string' || !ctx.types.has(a.var) || !isFigure(b)) return null;
    return { kind: 'product', base: a.var, factor: b, round, cap };
  };
  if (Array.isArray(formula.min) && formula.min.length === 2 && isFigure(formula.min[1])) return product(formula.min[0], formula.min[1] as Figure);
  if ('round' in formula || '*' in formula) return product(formula, null);
  if (Array.isArray(formula.if) && formula.if.length >= 3 && formula.if.length % 2 === 1) {
    const args = formula.if as unknown[];
    const tiers: { when: unknown; amount: Figure }[] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      const amount = args[i + 1];
      if (!isFigure(amount) || ruleToQuery(args[i], ctx) === null) return null;
      tiers.push({ when: args[i], amount });
    }
    const otherwise = args[args.length - 1];
    if (!isFigure(otherwise)) return null;
    return { kind: 'tiers', tiers, otherwise };
  }
  return null;
}

/** The amount formula of a shape (undefined: no amount). */
export function amountFormula(shape: AmountShape): unknown {
  switch (shape.kind) {
    case 'none':
      return undefined;
    case 'fixed':
      return shape.amount;
    case 'product': {
      const p = { '*': [{ var: shape.base }, shape.factor] };
      const rounded = shape.round ? { round: [p, 'fen'] } : p;
      return shape.cap === null ? rounded : { min: [rounded, shape.cap] };
    }
    case 'tiers':
      return { if: [...shape.tiers.flatMap((t) => [t.when, t.amount]), shape.otherwise] };
  }
}
