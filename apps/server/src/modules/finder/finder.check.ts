/**
 * One profile against the catalogue: input checks that name the field, the interpreter's
 * verdicts turned into the documented response, and the next questions computed from the same
 * verdicts (the order of the engine's questionsFor, without evaluating everything twice).
 */
import { evaluateAll, evaluateItem, inEffectOn, inRegionSubtree, questionsFromVerdicts as rankQuestions, type Catalog, type CompiledItem, type HistoryEntry, type Verdict, type VariableSpec } from '@seedbed/rules';
import type { FieldError } from '@seedbed/contract';
import { fieldError } from '../../platform/problems.js';
import type { RulesSnapshot } from '../policies/index.js';
import type { CheckResult, ItemVerdict } from './finder.schemas.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const PROFILE_DATE_RANGE = ['1900-01-01', '2100-12-31'] as const;
export const EVALUATION_DATE_RANGE = ['2000-01-01', '2100-12-31'] as const;

export function isRealDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const MAX_FEN = 1e15;

/** Checks one value of a variable; a field error or null. */
export function checkFact(field: string, spec: VariableSpec, value: unknown, regionKnown: (code: string) => boolean): FieldError | null {
  if (value === null || value === undefined) return null;
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : fieldError(field, 'type:boolean', '应为“是”或“否”（true/false）', 'must be true or false');
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 1e9 ? null : fieldError(field, 'type:integer', '应为整数', 'must be a whole number');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : fieldError(field, 'type:number', '应为数字', 'must be a number');
    case 'money':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_FEN
        ? null
        : fieldError(field, 'type:money', '金额应为以分计的非负整数', 'must be a non-negative whole number of fen');
    case 'date':
      if (!isRealDate(value)) return fieldError(field, 'format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD');
      return value < PROFILE_DATE_RANGE[0] || value > PROFILE_DATE_RANGE[1]
        ? fieldError(field, 'range:date', `日期应在${PROFILE_DATE_RANGE[0]}至${PROFILE_DATE_RANGE[1]}之间`, `must lie between ${PROFILE_DATE_RANGE[0]} and ${PROFILE_DATE_RANGE[1]}`)
        : null;
    case 'enum': {
      const allowed = (spec.values ?? []).map((v) => v.value);
      return typeof value === 'string' && allowed.includes(value) ? null : fieldError(field, 'enum', `应为以下之一：${allowed.join('、')}`, `must be one of: ${allowed.join(', ')}`);
    }
    case 'region':
      if (typeof value !== 'string' || !/^\d{6}$/.test(value)) return fieldError(field, 'format:region', '应为6位行政区划代码', 'must be a 6-digit GB/T 2260 code');
      return regionKnown(value) ? null : fieldError(field, 'exists:region', '不是现行的行政区划代码（GB/T 2260）', 'is not a current GB/T 2260 region code');
    case 'string':
      return typeof value === 'string' && value.length <= 200 ? null : fieldError(field, 'type:string', '应为不超过200个字符的文本', 'must be text of at most 200 characters');
    case 'string_list':
      return Array.isArray(value) && value.length <= 100 && value.every((x) => typeof x === 'string' && x.length <= 200)
        ? null
        : fieldError(field, 'type:string_list', '应为文本列表', 'must be a list of texts');
  }
}

export interface CheckInput {
  profile: Record<string, unknown>;
  region?: string;
  date?: string;
  entity?: string;
  items?: string[];
  /** zh, en or both (default): the languages of texts in the response. */
  lang?: 'zh' | 'en' | 'both';
  /** full (default): criteria with sentences; summary: status, amount, gap and missing names per item. */
  detail?: 'full' | 'summary';
}

/** Every problem with a check request, each naming its field; empty when the request can be evaluated. */
export function checkRequest(catalog: Catalog, input: CheckInput, regionKnown: (code: string) => boolean): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(input.profile)) {
    const spec = catalog.variables.get(name);
    if (!spec) {
      errors.push(fieldError(`profile.${name}`, 'known_variable', '不是政策目录中的变量（见 /api/v1/eligibility/variables）', 'is not a variable of the catalogue (see /api/v1/eligibility/variables)'));
      continue;
    }
    const e = checkFact(`profile.${name}`, spec, value, regionKnown);
    if (e) errors.push(e);
  }
  if (input.region !== undefined) {
    if (!/^\d{6}$/.test(input.region)) errors.push(fieldError('region', 'format:region', '应为6位行政区划代码', 'must be a 6-digit GB/T 2260 code'));
    else if (!regionKnown(input.region)) errors.push(fieldError('region', 'exists:region', '不是现行的行政区划代码（GB/T 2260）', 'is not a current GB/T 2260 region code'));
    const own = input.profile.region;
    if (typeof own === 'string' && own !== input.region) errors.push(fieldError('region', 'consistent', '与 profile.region 不一致', 'differs from profile.region'));
  }
  if (input.date !== undefined) {
    if (!isRealDate(input.date)) errors.push(fieldError('date', 'format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD'));
    else if (input.date < EVALUATION_DATE_RANGE[0] || input.date > EVALUATION_DATE_RANGE[1])
      errors.push(
        fieldError('date', 'range:date', `评估日期应在${EVALUATION_DATE_RANGE[0]}至${EVALUATION_DATE_RANGE[1]}之间`, `must lie between ${EVALUATION_DATE_RANGE[0]} and ${EVALUATION_DATE_RANGE[1]}`),
      );
  }
  (input.items ?? []).forEach((id, i) => {
    if (!catalog.items.has(id)) errors.push(fieldError(`items.${i}`, 'known_item', '不是已发布的政策事项', 'is not a published policy item'));
  });
  return errors;
}

/** The profile as rule facts: nulls dropped, the request's region applied. */
export function factsOf(input: CheckInput): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.profile)) if (v !== null && v !== undefined) facts[k] = v;
  if (input.region) facts.region = input.region;
  return facts;
}

/** Questions from verdicts, ranked as questionsFor ranks them, without the items list. */
export function questionsFromVerdicts(catalog: Catalog, verdicts: readonly Verdict[], limit: number): CheckResult['questions'] {
  return rankQuestions(catalog, verdicts)
    .slice(0, limit)
    .map(({ items: _items, ...q }) => q as CheckResult['questions'][number]);
}

export interface Evaluation {
  result: CheckResult;
  verdicts: Verdict[];
}

/** Evaluates a checked request against the snapshot and shapes the documented response. */
export function evaluateProfile(
  snap: RulesSnapshot,
  input: CheckInput,
  date: string,
  history: readonly HistoryEntry[] = [],
  questionLimit = 10,
): Evaluation {
  const facts = factsOf(input);
  const verdicts = evaluateAll(snap.catalog, { date, facts, history }, { ...(input.entity ? { entity: input.entity } : {}), ...(input.items?.length ? { ids: input.items } : {}) });
  const summary = { eligible: 0, nearMiss: 0, unknown: 0, ineligible: 0, totalFen: 0, totalIsLowerBound: false };
  const items = verdicts.map((v) => {
    if (v.status === 'eligible') {
      summary.eligible++;
      if (v.amount?.status === 'known' && v.amount.fen !== null) summary.totalFen += v.amount.fen;
      else if (v.amount) summary.totalIsLowerBound = true;
    } else if (v.status === 'near_miss') summary.nearMiss++;
    else if (v.status === 'unknown') summary.unknown++;
    else summary.ineligible++;
    return itemJson(snap, v);
  });
  items.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (b.amount?.fen ?? -1) - (a.amount?.fen ?? -1) || a.id.localeCompare(b.id));
  return {
    verdicts,
    result: {
      date,
      region: typeof facts.region === 'string' ? facts.region : null,
      entity: input.entity ?? null,
      catalogueRevision: snap.revision,
      summary,
      items,
      questions: questionsFromVerdicts(snap.catalog, verdicts, questionLimit),
    },
  };
}

// ---------------------------------------------------------------- the anonymous check, memoised per item

/**
 * An item's verdict depends only on the evaluation date and the facts the item reads (no history
 * in an anonymous check), so verdicts — and their serialised JSON — are memoised per item under
 * exactly those values. Profiles that differ elsewhere still share the verdicts of items that do
 * not read the difference; a catalogue revision gets new memos.
 */
/** A bounded memo: when full it starts again (cheaper per hit than keeping recency order). */
class BoundedMemo<V> {
  private map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, v: V): void {
    if (this.map.size >= this.max) this.map = new Map();
    this.map.set(key, v);
  }
}

interface Memo {
  verdict: Verdict;
  /** Serialised item, per `${detail}:${lang}`. */
  json: Map<string, string>;
}

type Lang = 'zh' | 'en' | 'both';

/** Keeps one language of every {zh, en} text (deeply); `both` keeps the object as it is. */
function inLang<T>(value: T, lang: Lang): T {
  if (lang === 'both') return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 2 && typeof o.zh === 'string' && typeof o.en === 'string') return { [lang]: o[lang] };
      const out: Record<string, unknown> = {};
      for (const k of keys) out[k] = k === 'values' ? o[k] : walk(o[k]);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** The lean form for callers that list many items: status, amount, gap and what is missing; texts only for the gap. */
function summaryJson(v: Verdict) {
  return {
    id: v.item,
    status: v.status,
    amountFen: v.amount?.status === 'known' ? v.amount.fen : null,
    ...(v.gap ? { gap: v.gap.text } : {}),
    ...(v.missing.length ? { missing: v.missing } : {}),
    ...(v.conflicts.length ? { conflicts: v.conflicts } : {}),
  };
}

function serialise(snap: RulesSnapshot, v: Verdict, detail: 'full' | 'summary', lang: Lang): string {
  return JSON.stringify(inLang(detail === 'full' ? itemJson(snap, v) : summaryJson(v), lang));
}

function memoJson(snap: RulesSnapshot, m: Memo, detail: 'full' | 'summary', lang: Lang): string {
  const k = `${detail}:${lang}`;
  let j = m.json.get(k);
  if (j === undefined) m.json.set(k, (j = serialise(snap, m.verdict, detail, lang)));
  return j;
}

interface ItemPlan {
  id: string;
  entity: string;
  /** The item's region and effective period: outside them its verdict depends on nothing else. */
  region: string | null;
  item: CompiledItem;
  reads: readonly string[];
  excludes: readonly string[];
  memo: BoundedMemo<Memo>;
}

const plans = new WeakMap<RulesSnapshot, ItemPlan[]>();

function planFor(snap: RulesSnapshot): ItemPlan[] {
  let p = plans.get(snap);
  if (p) return p;
  p = [...snap.catalog.items.values()].map((item) => {
    const reads = new Set<string>();
    const walk = (e: unknown): void => {
      if (Array.isArray(e)) e.forEach(walk);
      else if (e && typeof e === 'object')
        for (const [k, v] of Object.entries(e)) {
          if (k === 'var') reads.add(String(Array.isArray(v) ? v[0] : v));
          else walk(v);
        }
    };
    walk(item.spec.criteria.map((c) => c.rule));
    walk(item.spec.amount?.formula);
    walk(item.spec.caps?.map((c) => c.amount));
    if (item.spec.region) reads.add('region');
    return {
      id: item.id,
      entity: item.spec.entity,
      region: item.spec.region ?? null,
      item,
      reads: [...reads].sort(),
      excludes: item.excludes,
      memo: new BoundedMemo<Memo>(2000),
    };
  });
  plans.set(snap, p);
  return p;
}

function itemJson(snap: RulesSnapshot, v: Verdict): ItemVerdict {
  const view = snap.views.get(v.item)!;
  const label = (name: string) => snap.catalog.variables.get(name)?.label ?? { zh: name, en: name };
  return {
    id: v.item,
    version: view.version,
    title: v.title,
    entity: view.entity,
    benefit: view.benefit,
    mode: v.mode,
    regionCode: view.regionCode,
    leadUnit: view.leadUnit,
    document: { key: view.document.key, title: view.document.title, number: view.document.number },
    status: v.status,
    criteria: v.criteria as ItemVerdict['criteria'],
    amount: v.amount as ItemVerdict['amount'],
    ...(v.gap ? { gap: v.gap } : {}),
    missing: v.missing.map((m) => ({ variable: m, label: label(m) })),
    conflicts: [...v.conflicts],
  };
}

const ORDER = { eligible: 0, near_miss: 1, unknown: 2, ineligible: 3 } as const;

/**
 * The anonymous check as a serialised response (the CheckResult shape): the same verdicts as
 * evaluateAll, each item's JSON reused from the memo when its inputs were seen before.
 */
export function checkJson(snap: RulesSnapshot, input: CheckInput, date: string, questionLimit = 10): string {
  const facts = factsOf(input);
  const only = input.items?.length ? new Set(input.items) : null;
  const chosen = planFor(snap).filter((p) => (!input.entity || p.entity === input.entity) && (!only || only.has(p.id)));
  const memos: Memo[] = [];
  const encoded = new Map<string, string>();
  const enc = (name: string): string => {
    let e = encoded.get(name);
    if (e === undefined) encoded.set(name, (e = JSON.stringify(facts[name] ?? null)));
    return e;
  };
  const region = typeof facts.region === 'string' ? facts.region : null;
  for (const p of chosen) {
    let key = date;
    // Outside its period or its region an item is ineligible on that alone (the engine says so
    // without reading anything else), so one verdict serves every profile of that date/region.
    if (!inEffectOn(p.item, date)) key += '\u0002';
    else if (p.region && region && !inRegionSubtree(region, p.region)) key += `\u0002${region}`;
    else for (const r of p.reads) key += `\u0001${enc(r)}`;
    let m = p.memo.get(key);
    if (!m) {
      const verdict = evaluateItem(snap.catalog, p.id, { date, facts });
      m = { verdict, json: new Map() };
      p.memo.set(key, m);
    }
    memos.push(m);
  }
  // Exclusions between eligible items (evaluateAll's conflicts), rare: those items are re-serialised.
  const eligible = new Set(memos.filter((m) => m.verdict.status === 'eligible').map((m) => m.verdict.item));
  const detail = input.detail ?? 'full';
  const lang = input.lang ?? 'both';
  const parts: { m: Memo; json: string }[] = memos.map((m, i) => {
    if (m.verdict.status !== 'eligible' || eligible.size < 2) return { m, json: memoJson(snap, m, detail, lang) };
    const p = chosen[i]!;
    const conflicts = [...eligible].filter((o) => o !== p.id && (p.excludes.includes(o) || snap.catalog.items.get(o)!.excludes.includes(p.id)));
    return conflicts.length === 0 ? { m, json: memoJson(snap, m, detail, lang) } : { m, json: serialise(snap, { ...m.verdict, conflicts }, detail, lang) };
  });
  const summary = { eligible: 0, nearMiss: 0, unknown: 0, ineligible: 0, totalFen: 0, totalIsLowerBound: false };
  for (const { m } of parts) {
    const v = m.verdict;
    if (v.status === 'eligible') {
      summary.eligible++;
      if (v.amount?.status === 'known' && v.amount.fen !== null) summary.totalFen += v.amount.fen;
      else if (v.amount) summary.totalIsLowerBound = true;
    } else if (v.status === 'near_miss') summary.nearMiss++;
    else if (v.status === 'unknown') summary.unknown++;
    else summary.ineligible++;
  }
  // Item ids are ASCII: plain comparison (localeCompare would be most of this function's time).
  parts.sort((a, b) => ORDER[a.m.verdict.status] - ORDER[b.m.verdict.status] || (b.m.verdict.amount?.fen ?? -1) - (a.m.verdict.amount?.fen ?? -1) || (a.m.verdict.item < b.m.verdict.item ? -1 : 1));
  const questions = inLang(questionsFromVerdicts(snap.catalog, parts.map((x) => x.m.verdict), questionLimit), lang);
  return (
    `{"date":${JSON.stringify(date)},"region":${JSON.stringify(typeof facts.region === 'string' ? facts.region : null)},"entity":${JSON.stringify(input.entity ?? null)},` +
    `"catalogueRevision":${JSON.stringify(snap.revision)},"summary":${JSON.stringify(summary)},"items":[${parts.map((x) => x.json).join(',')}],"questions":${JSON.stringify(questions)}}`
  );
}
