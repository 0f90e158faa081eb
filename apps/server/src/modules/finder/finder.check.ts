/**
 * One profile against the catalogue: input checks that name the field, the interpreter's
 * verdicts turned into the documented response, and the next questions computed from the same
 * verdicts (the order of the engine's questionsFor, without evaluating everything twice).
 */
import {
  awaitsAnswers,
  conflictsAmong,
  evaluateAll,
  exclusionPartners,
  inEffectOn,
  inRegionSubtree,
  itemEvaluator,
  isRealDate,
  itemReads,
  questionOf,
  questionsFromVerdicts as rankQuestions,
  type Catalog,
  type CompiledItem,
  type HistoryEntry,
  type Verdict,
} from '@seedbed/rules';
import type { CheckAnswer, CheckProgress, EndedItems, FieldError, OutOfScope } from '@seedbed/contract';
import { fieldError } from '../../platform/problems.js';
import { INDUSTRIES } from '../regions/index.js';
import { checkFactValue } from '../subjects/index.js';
import { regionDisplayName } from '../regions/index.js';
import type { RulesSnapshot } from '../policies/index.js';
import type { CheckResult, FullCheckResult, ItemVerdict } from '@seedbed/contract';
import type { ApplicationChannel } from '../../platform/application-channels.js';

/** Region names for the engine's explanations (the engine has no region table); the same name in both languages. */
export function regionName(code: string): { zh: string; en: string } | undefined {
  const name = regionDisplayName(code);
  return name ? { zh: name, en: name } : undefined;
}

export const EVALUATION_DATE_RANGE = ['2000-01-01', '2100-12-31'] as const;

export interface CheckInput {
  profile: Record<string, unknown>;
  region?: string;
  date?: string;
  entity?: string;
  items?: string[];
  /** Variables the person chose not to answer: unknown, not asked again, counted as skipped. */
  skip?: string[];
  /** zh, en or both (default): the languages of texts in the response. */
  lang?: 'zh' | 'en' | 'both';
  /** full (default): criteria with sentences; summary: status, amount, gap and missing names per item. */
  detail?: 'full' | 'summary';
  /** A page of `items` (in the answer's order); absent, every item in scope. */
  limit?: number;
  offset?: number;
}

/**
 * Every problem with a check request, each naming its field; empty when the request can be
 * evaluated. Profile values are checked as a profile's are (checkFactValue), except that a date
 * may lie in the future: a check asks "what if" on any date, so no date is "after today" there.
 */
export function checkRequest(catalog: Catalog, input: CheckInput, regionKnown: (code: string) => boolean): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(input.profile)) {
    const spec = catalog.variables.get(name);
    if (!spec) {
      errors.push(fieldError(`profile.${name}`, 'known_variable', '不是政策目录中的变量（见 /api/v1/eligibility/variables）', 'is not a variable of the catalogue (see /api/v1/eligibility/variables)'));
      continue;
    }
    const e = checkFactValue(`profile.${name}`, spec, value, { regionKnown });
    if (e) errors.push(e);
  }
  if (input.region !== undefined) {
    const e = checkFactValue('region', { type: 'region' }, input.region, { regionKnown });
    if (e) errors.push(e);
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
  (input.skip ?? []).forEach((name, i) => {
    if (!catalog.variables.has(name)) errors.push(fieldError(`skip.${i}`, 'known_variable', '不是政策目录中的变量（见 /api/v1/eligibility/variables）', 'is not a variable of the catalogue (see /api/v1/eligibility/variables)'));
  });
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

// ---------------------------------------------------------------- scope, ended items, progress, answers

/** Names of regions as people write them (南宁市青秀区), by code: the request's, the items', region facts'. */
export type RegionNames = ReadonlyMap<string, string>;

/**
 * Whether an item of `itemRegion` lies outside the subject's `region`: neither contains the other
 * (a province's or a national item stays in scope for its districts; so does every item while the
 * region is unknown).
 */
export function outOfRegion(itemRegion: string | null, region: string | null): boolean {
  return !!itemRegion && !!region && !inRegionSubtree(region, itemRegion) && !inRegionSubtree(itemRegion, region);
}

const places = new WeakMap<CompiledItem, string | null>();

/** The region codes an `in_region` test of a rule names (`{"in_region": [{"var": …}, "360600"]}`). */
function regionConstants(rule: unknown, out: string[]): string[] {
  if (Array.isArray(rule)) for (const r of rule) regionConstants(r, out);
  else if (rule && typeof rule === 'object')
    for (const [op, args] of Object.entries(rule)) {
      if (op === 'in_region' && Array.isArray(args)) for (const a of args) if (typeof a === 'string' && /^\d{6}$/.test(a)) out.push(a);
      regionConstants(args, out);
    }
  return out;
}

/**
 * The place an item serves: its region; for an item without one, the one region its criteria
 * name (鹰潭's graduate subsidy asks where the firm was founded), else the region of its source
 * document (a 玉溪 measure for inventors in 玉溪's public units); null when it serves everywhere.
 */
export function placeOf(snap: Pick<RulesSnapshot, 'documentRegions'>, item: CompiledItem): string | null {
  let p = places.get(item);
  if (p !== undefined) return p;
  if (item.spec.region) p = item.spec.region;
  else {
    const named = new Set(item.spec.criteria.flatMap((c) => regionConstants(c.rule, [])));
    p = named.size === 1 ? [...named][0]! : (snap.documentRegions.get(item.id) ?? null);
  }
  places.set(item, p);
  return p;
}

/**
 * Where an item goes in a check: out of scope (another region), ended (its effective period does
 * not contain the date) or live (evaluated). An item the caller names in `items` is always live:
 * asked about by name, it is answered with its verdict.
 */
export function placementOf(place: string | null, item: CompiledItem, date: string, region: string | null, named: boolean): 'live' | 'outOfScope' | 'ended' {
  if (named) return 'live';
  if (outOfRegion(place, region)) return 'outOfScope';
  return inEffectOn(item, date) ? 'live' : 'ended';
}

const byId = (a: CompiledItem, b: CompiledItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Items of other regions, by region then id; with `limit`, the first `limit` of them (the count is of all). */
export function outOfScopeJson(snap: Pick<RulesSnapshot, 'documentRegions'>, items: readonly CompiledItem[], names: RegionNames, limit?: number): OutOfScope {
  const at = (i: CompiledItem) => placeOf(snap, i)!;
  const rows = [...items]
    .sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : byId(a, b)))
    .slice(0, limit)
    .map((i) => ({ id: i.id, title: i.spec.title, regionCode: at(i), regionName: names.get(at(i)) ?? '' }));
  return { count: items.length, items: rows };
}

/** Items not in effect on the date, most recently ended first; with `limit`, the first `limit` of them (the count is of all). */
export function endedJson(items: readonly CompiledItem[], date: string, limit?: number): EndedItems {
  const rows = items.map((i) => {
    const { from, to } = i.spec.effective;
    return { id: i.id, title: i.spec.title, endedOn: to && date > to ? to : null, beginsOn: date < from ? from : null };
  });
  // Most recently ended first; items not yet begun after them.
  rows.sort((a, b) => (b.endedOn ?? '').localeCompare(a.endedOn ?? '') || (a.beginsOn ?? '').localeCompare(b.beginsOn ?? '') || (a.id < b.id ? -1 : 1));
  return { count: items.length, items: rows.slice(0, limit) };
}

/** How far the questions have come: facts stated, variables skipped, variables still missing. */
export function progressOf(input: CheckInput, facts: Record<string, unknown>, remaining: number): CheckProgress {
  const skipped = new Set((input.skip ?? []).filter((n) => facts[n] === undefined)).size;
  return { answered: Object.keys(facts).length, skipped, remaining };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const industryNames = new Map(INDUSTRIES.map((i) => [i.code, i.name]));

/** A date as people write it: 2025年6月18日 / 18 Jun 2025. */
export function dateText(d: string): { zh: string; en: string } {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return { zh: `${y}年${m}月${day}日`, en: `${day} ${MONTHS[m - 1]} ${y}` };
}

/** Fen as yuan: 3,200,000 元 / CNY 3,200,000 (cents only when there are any). */
export function yuanText(fen: number): { zh: string; en: string } {
  // Whole fen below 10^15 are written by hand, as toLocaleString writes them (it is slow: one per stated money fact per check).
  const n =
    Number.isSafeInteger(fen) && Math.abs(fen) < 1e15 && !Object.is(fen, -0)
      ? `${fen < 0 ? '-' : ''}${grouped(Math.trunc(Math.abs(fen) / 100))}${fen % 100 === 0 ? '' : `.${String(Math.abs(fen) % 100).padStart(2, '0')}`}`
      : (fen / 100).toLocaleString('en-US', { minimumFractionDigits: fen % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
  return { zh: `${n} 元`, en: `CNY ${n}` };
}

/** A non-negative safe integer with thousands separators (1,234,567), as toLocaleString('en-US') writes it. */
function grouped(n: number): string {
  const s = String(n);
  let out = s.slice(0, ((s.length - 1) % 3) + 1);
  for (let i = out.length; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return out;
}

/** A number as toLocaleString('en-US') writes it (safe integers by hand). */
function numberText(n: number): string {
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? `${n < 0 ? '-' : ''}${grouped(Math.abs(n))}` : n.toLocaleString('en-US');
}

/** One stated fact as people read it: enum values by label, regions by name, money in yuan, dates as dates. */
export function factText(catalog: Catalog, name: string, value: unknown, names: RegionNames): { zh: string; en: string } {
  const spec = catalog.variables.get(name);
  const label = (v: string) => spec?.values?.find((o) => o.value === v)?.label;
  switch (spec?.type) {
    case 'boolean':
      return value ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' };
    case 'money':
      return yuanText(Number(value));
    case 'date':
      return dateText(String(value));
    case 'region': {
      const n = names.get(String(value)) ?? '';
      return { zh: n, en: n };
    }
    case 'enum': {
      const l = label(String(value));
      return l ? { zh: l.zh, en: l.en } : { zh: String(value), en: String(value) };
    }
    case 'string_list': {
      const parts = (value as string[]).map((v) => label(v) ?? { zh: v, en: v });
      return { zh: parts.map((x) => x.zh).join('、'), en: parts.map((x) => x.en).join(', ') };
    }
    case 'integer':
    case 'number': {
      const n = numberText(Number(value));
      return spec.unit ? { zh: `${n} ${spec.unit}`, en: n } : { zh: n, en: n };
    }
    default: {
      const v = String(value);
      if (spec?.format === 'industry') {
        const n = industryNames.get(v.slice(0, 3));
        if (n) return { zh: n, en: n };
      }
      return { zh: v, en: v };
    }
  }
}

export function answersOf(catalog: Catalog, facts: Record<string, unknown>, names: RegionNames): CheckAnswer[] {
  return Object.entries(facts).map(([name, value]) => answerOf(catalog, name, value, names));
}

function answerOf(catalog: Catalog, name: string, value: unknown, names: RegionNames): CheckAnswer {
  return { variable: name, label: catalog.variables.get(name)?.label ?? { zh: name, en: name }, text: factText(catalog, name, value, names) };
}

/**
 * `JSON.stringify(inLang(answersOf(…), lang))`, each answer's JSON kept per snapshot under its
 * variable, value and language (a region's text reads `names`: encoded afresh).
 */
function answersJson(snap: RulesSnapshot, plan: Plan, facts: Record<string, unknown>, names: RegionNames, lang: Lang): string {
  const g = LANGS.indexOf(lang);
  let out = '';
  for (const name in facts) {
    if (!Object.prototype.hasOwnProperty.call(facts, name)) continue;
    const value = facts[name];
    let json: string | undefined;
    if (snap.catalog.variables.get(name)?.type === 'region') json = JSON.stringify(inLang(answerOf(snap.catalog, name, value, names), lang));
    else {
      const key = `${g}\u0001${name}\u0001${JSON.stringify(value)}`;
      json = plan.answers.get(key);
      if (json === undefined) plan.answers.set(key, (json = JSON.stringify(inLang(answerOf(snap.catalog, name, value, names), lang))));
    }
    out += out === '' ? json : `,${json}`;
  }
  return `[${out}]`;
}

/** Each channel's JSON per language (LANGS), for channel objects a source hands out again (fulfilment keeps them). */
const channelJson = new WeakMap<ApplicationChannel, (string | undefined)[]>();

/**
 * `JSON.stringify(inLang(applicationsOf(ids, channels), lang))` from each channel's kept JSON. An
 * id that an object would reorder (an array index) or that inLang treats apart (`values`, `zh`,
 * `en`) takes the general path.
 */
function applicationsJson(ids: readonly string[], channels: ReadonlyMap<string, ApplicationChannel>, lang: Lang): string {
  if (ids.some((id) => id === 'values' || id === 'zh' || id === 'en' || /^(0|[1-9]\d*)$/.test(id)) || new Set(ids).size !== ids.length)
    return JSON.stringify(inLang(applicationsOf(ids, channels), lang));
  const g = LANGS.indexOf(lang);
  let out = '';
  for (const id of ids) {
    const c = channels.get(id);
    if (!c) continue;
    let forms = channelJson.get(c);
    if (!forms) channelJson.set(c, (forms = []));
    const json = (forms[g] ??= JSON.stringify(inLang(c, lang)));
    out += `${out === '' ? '' : ','}${JSON.stringify(id)}:${json}`;
  }
  return `{${out}}`;
}

/**
 * Questions from verdicts, ranked as questionsFor ranks them, without the items list: never a
 * skipped variable, and the region first while it is unknown (it decides what is in scope).
 */
export function questionsFromVerdicts(catalog: Catalog, verdicts: readonly Verdict[], limit: number, skip: ReadonlySet<string> = new Set(), regionKnown = true): CheckResult['questions'] {
  const ranked = rankQuestions(catalog, verdicts).filter((q) => !skip.has(q.variable));
  if (!regionKnown) {
    const at = ranked.findIndex((q) => q.variable === 'region');
    if (at > 0) ranked.unshift(...ranked.splice(at, 1));
  }
  return ranked.slice(0, limit).map(({ items: _items, ...q }) => q as CheckResult['questions'][number]);
}

/** Distinct variables still missing across verdicts that wait for answers, skipped ones left out. */
function remainingOf(verdicts: readonly Verdict[], skip: ReadonlySet<string>): number {
  const missing = new Set<string>();
  for (const v of verdicts) if (awaitsAnswers(v)) for (const m of v.missing) if (!skip.has(m)) missing.add(m);
  return missing.size;
}

export interface Evaluation {
  result: FullCheckResult;
  verdicts: Verdict[];
}

/** Evaluates a checked request against the snapshot and shapes the documented response. */
export function evaluateProfile(
  snap: RulesSnapshot,
  input: CheckInput,
  date: string,
  history: readonly HistoryEntry[] = [],
  questionLimit = 10,
  names: RegionNames = new Map(),
  channels: ReadonlyMap<string, ApplicationChannel> = new Map(),
): Evaluation {
  const facts = factsOf(input);
  const region = typeof facts.region === 'string' ? facts.region : null;
  const named = new Set(input.items ?? []);
  const outOfScope: CompiledItem[] = [];
  const ended: CompiledItem[] = [];
  const live: string[] = [];
  for (const item of snap.catalog.items.values()) {
    if ((input.entity && item.spec.entity !== input.entity) || (named.size > 0 && !named.has(item.id))) continue;
    const place = placementOf(placeOf(snap, item), item, date, region, named.size > 0);
    if (place === 'outOfScope') outOfScope.push(item);
    else if (place === 'ended') ended.push(item);
    else live.push(item.id);
  }
  const verdicts = evaluateAll(snap.catalog, { date, facts, history, regionName }, { ids: live });
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
  const skip = new Set(input.skip ?? []);
  return {
    verdicts,
    result: {
      date,
      region,
      regionName: region ? (names.get(region) ?? null) : null,
      entity: input.entity ?? null,
      catalogueRevision: snap.revision,
      summary,
      items,
      questions: questionsFromVerdicts(snap.catalog, verdicts, questionLimit, skip, region !== null),
      outOfScope: outOfScopeJson(snap, outOfScope, names),
      ended: endedJson(ended, date),
      progress: progressOf(input, facts, remainingOf(verdicts, skip)),
      answers: answersOf(snap.catalog, facts, names),
      applications: applicationsOf(live, channels),
    },
  };
}

/** How each evaluated item is applied for (fulfilment's channels), keyed by item id. */
export function applicationsOf(ids: readonly string[], channels: ReadonlyMap<string, ApplicationChannel>): Record<string, ApplicationChannel> {
  const out: Record<string, ApplicationChannel> = {};
  for (const id of ids) {
    const c = channels.get(id);
    if (c) out[id] = c;
  }
  return out;
}

// ---------------------------------------------------------------- the anonymous check, memoised per item

/**
 * An item's verdict depends only on the evaluation date and the facts the item reads (no history
 * in an anonymous check), so verdicts — and their UTF-8 encoded JSON — are memoised per item under
 * exactly those values. Profiles that differ elsewhere still share the verdicts of items that do
 * not read the difference; a catalogue revision gets new memos. A response is then mostly the
 * concatenation of encoded items: nothing is serialised or encoded twice.
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

type Lang = 'zh' | 'en' | 'both';
type Detail = 'full' | 'summary';
const LANGS: readonly Lang[] = ['both', 'zh', 'en'];
/** Index of a response form (detail × lang) in a memo's encodings. */
const formOf = (detail: Detail, lang: Lang): number => (detail === 'full' ? 0 : 3) + LANGS.indexOf(lang);

interface Memo {
  verdict: Verdict;
  /** Sort key: status order, then amount (descending), then id. */
  order: number;
  fen: number;
  /** When the verdict still needs answers: the missing variables' ranks (Plan.names), for the next questions. */
  needs: readonly number[] | null;
  /** Encoded item JSON per response form (formOf). */
  encoded: (Buffer | undefined)[];
}

function memoOf(plan: Plan, verdict: Verdict): Memo {
  return {
    verdict,
    order: ORDER[verdict.status],
    fen: verdict.amount?.fen ?? -1,
    needs: awaitsAnswers(verdict) && verdict.missing.length > 0 ? verdict.missing.map((name) => plan.nameRank.get(name)!) : null,
    encoded: [],
  };
}

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
function summaryJson(snap: RulesSnapshot, v: Verdict) {
  const origin = snap.views.get(v.item)?.origin;
  return {
    id: v.item,
    status: v.status,
    amountFen: v.amount?.status === 'known' ? v.amount.fen : null,
    ...(v.gap ? { gap: v.gap.text } : {}),
    ...(v.missing.length ? { missing: v.missing } : {}),
    ...(v.conflicts.length ? { conflicts: v.conflicts } : {}),
    // An item of another platform (a subscribed feed): applied for there.
    ...(origin ? { origin } : {}),
  };
}

/** An item's JSON, encoded with a leading comma (the first item of a list drops it: `subarray(1)`). */
function encode(snap: RulesSnapshot, v: Verdict, detail: Detail, lang: Lang): Buffer {
  return Buffer.from(`,${JSON.stringify(inLang(detail === 'full' ? itemJson(snap, v) : summaryJson(snap, v), lang))}`);
}

function encodedItem(snap: RulesSnapshot, m: Memo, detail: Detail, lang: Lang): Buffer {
  const f = formOf(detail, lang);
  return (m.encoded[f] ??= encode(snap, m.verdict, detail, lang));
}

interface ItemPlan {
  id: string;
  entity: string;
  item: CompiledItem;
  /** The facts its criteria and amount read (sorted). */
  reads: readonly string[];
  /** Whether another item excludes it or it excludes another (exclusionPartners): only such items can conflict. */
  partnered: boolean;
  /** Verdicts per date, then under the values of those facts (see checkBody). */
  memos: Map<string, BoundedMemo<Memo>>;
}

/**
 * The live items of a frame that read the same facts: one memo key per request serves them all,
 * and their verdicts for that key are kept together with what the response needs of them (counts,
 * their order, the questions they raise), so a request's work is per bundle, not per item.
 */
interface Bundle {
  reads: readonly string[];
  /** The members' places in the frame's `live` (ascending). */
  at: number[];
  members: ItemPlan[];
  verdicts: BoundedMemo<BundleVerdicts>;
}

/** A bundle's members under one set of fact values. */
interface BundleVerdicts {
  /** The members' memos in answer order (status, amount descending, id). */
  ranked: Memo[];
  eligible: number;
  nearMiss: number;
  unknown: number;
  ineligible: number;
  totalFen: number;
  totalIsLowerBound: boolean;
  /** Per variable rank the members need: how many of them need it, and the sum of their missing counts. */
  needRanks: number[];
  needCounts: number[];
  needLoads: number[];
  /** Frame places of eligible members with exclusion partners (ascending). */
  partneredEligible: number[];
}

/**
 * What one (date, region, entity) asks of the catalogue: the items of other regions (out of
 * scope), those whose period does not contain the date (ended), both encoded once per language,
 * and the items whose verdicts depend on the subject's facts, in bundles by the facts they read.
 */
interface Frame {
  outOfScope: CompiledItem[];
  ended: CompiledItem[];
  /** `,"outOfScope":{…},"ended":{…}` per language (LANGS) and page size. */
  groups: Map<string, Buffer>;
  live: ItemPlan[];
  bundles: Bundle[];
}

interface Plan {
  items: ItemPlan[];
  /** Item id → its place in `items` (catalogue order). */
  placeOf: Map<string, number>;
  frames: BoundedMemo<Frame>;
  /** The catalogue's variables in the engine's tie-break order (localeCompare), and each one's place in it. */
  names: string[];
  nameRank: Map<string, number>;
  /** Per variable rank: how many undecided items need it, and their missing counts (zero between requests). */
  needCount: Int32Array;
  needLoad: Int32Array;
  /** Encoded question JSON up to its `decides` count, per lang, per variable rank. */
  questionHeads: (Buffer | undefined)[][];
  /** Encoded answers (answersJson) by language, variable and value. */
  answers: BoundedMemo<string>;
}

const plans = new WeakMap<RulesSnapshot, Plan>();

function planFor(snap: RulesSnapshot): Plan {
  let p = plans.get(snap);
  if (p) return p;
  const partners = exclusionPartners(snap.catalog);
  // Items reading the same facts share one `reads` array (bundles are formed by identity).
  const readLists = new Map<string, readonly string[]>();
  const items = [...snap.catalog.items.values()].map((item): ItemPlan => {
    const sorted = itemReads(item.spec).sort();
    const sig = sorted.join('\u0001');
    let reads = readLists.get(sig);
    if (!reads) readLists.set(sig, (reads = sorted));
    return {
      id: item.id,
      entity: item.spec.entity,
      item,
      reads,
      partnered: partners.has(item.id),
      memos: new Map(),
    };
  });
  const names = [...snap.catalog.variables.keys()].sort((a, b) => a.localeCompare(b));
  p = {
    items,
    placeOf: new Map(items.map((x, i) => [x.id, i])),
    frames: new BoundedMemo(256),
    names,
    nameRank: new Map(names.map((n, i) => [n, i])),
    needCount: new Int32Array(names.length),
    needLoad: new Int32Array(names.length),
    questionHeads: LANGS.map(() => []),
    answers: new BoundedMemo(10_000),
  };
  plans.set(snap, p);
  return p;
}

function frameFor(snap: RulesSnapshot, plan: Plan, date: string, region: string | null, entity: string | undefined, only: ReadonlySet<string> | null): Frame {
  const key = only ? null : `${date}\u0001${region ?? ''}\u0001${entity ?? ''}`;
  const cached = key === null ? undefined : plan.frames.get(key);
  if (cached) return cached;
  const frame: Frame = { outOfScope: [], ended: [], groups: new Map(), live: [], bundles: [] };
  const bundleOf = new Map<readonly string[], Bundle>();
  // Named items: only those, in catalogue order (not a walk over the whole catalogue per request).
  const candidates = only
    ? [...only]
        .map((id) => plan.placeOf.get(id))
        .filter((at): at is number => at !== undefined)
        .sort((a, b) => a - b)
        .map((at) => plan.items[at]!)
    : plan.items;
  for (const p of candidates) {
    if ((entity && p.entity !== entity) || (only && !only.has(p.id))) continue;
    const place = placementOf(placeOf(snap, p.item), p.item, date, region, only !== null);
    if (place === 'outOfScope') frame.outOfScope.push(p.item);
    else if (place === 'ended') frame.ended.push(p.item);
    else {
      let b = bundleOf.get(p.reads);
      if (!b) {
        bundleOf.set(p.reads, (b = { reads: p.reads, at: [], members: [], verdicts: new BoundedMemo(256) }));
        frame.bundles.push(b);
      }
      b.at.push(frame.live.length);
      b.members.push(p);
      frame.live.push(p);
    }
  }
  if (key !== null) plan.frames.set(key, frame);
  return frame;
}

/** Answer order: eligible, near miss, unknown, ineligible; then amount (descending); then id (ASCII: plain comparison). */
function inAnswerOrder(a: Memo, b: Memo): number {
  return a.order - b.order || b.fen - a.fen || (a.verdict.item < b.verdict.item ? -1 : 1);
}

/** The verdicts of a bundle's members under the facts memo key `key` (each item's verdict from its own memo, else evaluated). */
function bundleVerdicts(plan: Plan, b: Bundle, key: string, date: string, evaluate: () => (itemId: string) => Verdict): BundleVerdicts {
  const memos: Memo[] = new Array(b.members.length);
  const out: BundleVerdicts = {
    ranked: memos,
    eligible: 0,
    nearMiss: 0,
    unknown: 0,
    ineligible: 0,
    totalFen: 0,
    totalIsLowerBound: false,
    needRanks: [],
    needCounts: [],
    needLoads: [],
    partneredEligible: [],
  };
  const needAt = new Map<number, number>();
  for (let k = 0; k < b.members.length; k++) {
    const p = b.members[k]!;
    let memo = p.memos.get(date);
    if (!memo) {
      // Nearly every check is for today: two dates per item, each with a bounded memo, keep the
      // worst case near items × 2 × 1,000 verdicts.
      if (p.memos.size >= 2) p.memos.clear();
      p.memos.set(date, (memo = new BoundedMemo(1000)));
    }
    let m = memo.get(key);
    if (!m) memo.set(key, (m = memoOf(plan, evaluate()(p.id))));
    memos[k] = m;
    const v = m.verdict;
    if (v.status === 'eligible') {
      out.eligible++;
      if (v.amount?.status === 'known' && v.amount.fen !== null) out.totalFen += v.amount.fen;
      else if (v.amount) out.totalIsLowerBound = true;
      if (p.partnered) out.partneredEligible.push(b.at[k]!);
    } else if (v.status === 'near_miss') out.nearMiss++;
    else if (v.status === 'unknown') out.unknown++;
    else out.ineligible++;
    if (m.needs !== null)
      for (const r of m.needs) {
        let j = needAt.get(r);
        if (j === undefined) {
          needAt.set(r, (j = out.needRanks.length));
          out.needRanks.push(r);
          out.needCounts.push(0);
          out.needLoads.push(0);
        }
        out.needCounts[j]! += 1;
        out.needLoads[j]! += m.needs.length;
      }
  }
  memos.sort(inAnswerOrder);
  return out;
}

/**
 * The memos at places [from, to) of the answer order of all bundles' verdicts (each bundle's
 * list already in that order): a merge over a small heap of bundle cursors.
 */
function rankedSlice(lists: readonly Memo[][], from: number, to: number): Memo[] {
  const heap: { list: Memo[]; at: number }[] = [];
  const less = (x: { list: Memo[]; at: number }, y: { list: Memo[]; at: number }) => inAnswerOrder(x.list[x.at]!, y.list[y.at]!) < 0;
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const list of lists) if (list.length > 0) heap.push({ list, at: 0 });
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  const out: Memo[] = [];
  for (let n = 0; n < to && heap.length > 0; n++) {
    const top = heap[0]!;
    if (n >= from) out.push(top.list[top.at]!);
    top.at++;
    if (top.at === top.list.length) {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    down(0);
  }
  return out;
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
    ...(view.origin ? { origin: view.origin } : {}),
  };
}

const ORDER = { eligible: 0, near_miss: 1, unknown: 2, ineligible: 3 } as const;

const QUESTIONS = Buffer.from('],"questions":[');

const DECIDES: Buffer[] = [];

/**
 * The next questions as encoded JSON chunks (the first with a leading comma to drop), ranked as
 * the engine's questionsFromVerdicts ranks them (most undecided items, then fewest other missing
 * answers, then name) over integer variable ranks, each question's fixed part (the engine's
 * questionOf) encoded once per variable and language; skipped variables left out, the region
 * first while it is unknown. `remaining` counts the distinct variables still missing.
 */
function encodedQuestions(
  snap: RulesSnapshot,
  plan: Plan,
  found: readonly BundleVerdicts[],
  lang: Lang,
  limit: number,
  skip: ReadonlySet<number>,
  regionFirst: boolean,
): { chunks: Buffer[]; remaining: number } {
  const { needCount: count, needLoad: load } = plan;
  const touched: number[] = [];
  for (const g of found) {
    const ranks = g.needRanks;
    for (let j = 0; j < ranks.length; j++) {
      const r = ranks[j]!;
      if (count[r] === 0) touched.push(r);
      count[r]! += g.needCounts[j]!;
      load[r]! += g.needLoads[j]!;
    }
  }
  const regionRank = regionFirst ? (plan.nameRank.get('region') ?? -1) : -1;
  const asked = touched.filter((r) => !skip.has(r));
  asked.sort((a, b) => Number(b === regionRank) - Number(a === regionRank) || count[b]! - count[a]! || load[a]! - load[b]! || a - b);
  const heads = plan.questionHeads[LANGS.indexOf(lang)]!;
  const chunks: Buffer[] = [];
  for (let i = 0; i < asked.length && i < limit; i++) {
    const r = asked[i]!;
    let head = heads[r];
    if (!head) {
      const json = JSON.stringify(inLang(questionOf(snap.catalog, plan.names[r]!), lang));
      heads[r] = head = Buffer.from(`,${json.slice(0, -1)},"decides":`);
    }
    chunks.push(head);
    const n = count[r]!;
    chunks.push((DECIDES[n] ??= Buffer.from(`${n}}`)));
  }
  for (const r of touched) count[r] = load[r] = 0;
  return { chunks, remaining: asked.length };
}

/**
 * The anonymous check as an encoded response (the CheckResult shape): the same verdicts as
 * evaluateProfile, each item's encoded JSON reused from the memo when its inputs were seen before.
 * Items of other regions and items not in effect on the date are listed apart (outOfScope,
 * ended), not evaluated. Items are ordered eligible, near miss, unknown, ineligible (then by
 * amount, then id).
 */
export function checkBody(
  snap: RulesSnapshot,
  input: CheckInput,
  date: string,
  names: RegionNames = new Map(),
  questionLimit = 10,
): PreparedCheck {
  const plan = planFor(snap);
  const facts = factsOf(input);
  const region = typeof facts.region === 'string' ? facts.region : null;
  const frame = frameFor(snap, plan, date, region, input.entity, input.items?.length ? new Set(input.items) : null);
  const encodedFacts = new Map<string, string>();
  const livePlans = frame.live;
  // One evaluator per request, made when a verdict is not memoised: each item evaluated as
  // evaluateItem would, without a fresh memo array the size of the catalogue per item.
  let evaluator: ((itemId: string) => Verdict) | undefined;
  const evaluate = () => (evaluator ??= itemEvaluator(snap.catalog, { date, facts, regionName }));
  const summary = { eligible: 0, nearMiss: 0, unknown: 0, ineligible: 0, totalFen: 0, totalIsLowerBound: false };
  const found: BundleVerdicts[] = new Array(frame.bundles.length);
  for (let i = 0; i < frame.bundles.length; i++) {
    const b = frame.bundles[i]!;
    // The key names the facts the bundle's items read that the profile states, by their place in
    // `reads` (an absent fact is null for every profile).
    let key = '';
    const reads = b.reads;
    for (let r = 0; r < reads.length; r++) {
      const name = reads[r]!;
      let e = encodedFacts.get(name);
      if (e === undefined) encodedFacts.set(name, (e = facts[name] === undefined ? '' : JSON.stringify(facts[name])));
      if (e !== '') key += `${r}:${e}\u0001`;
    }
    let g = b.verdicts.get(key);
    if (!g) b.verdicts.set(key, (g = bundleVerdicts(plan, b, key, date, evaluate)));
    found[i] = g;
    summary.eligible += g.eligible;
    summary.nearMiss += g.nearMiss;
    summary.unknown += g.unknown;
    summary.ineligible += g.ineligible;
    summary.totalFen += g.totalFen;
    if (g.totalIsLowerBound) summary.totalIsLowerBound = true;
  }
  const detail = input.detail ?? 'summary';
  const lang = input.lang ?? 'both';
  // Exclusions between eligible items (evaluateAll's conflicts), rare: those items are encoded afresh.
  // Only items with exclusion partners can conflict; conflictsAmong over them, in frame order,
  // gives each the same partners (in the same order) as over every eligible item.
  const conflictsOf = new Map<string, readonly string[]>();
  if (summary.eligible >= 2) {
    const eligibleAt: number[] = [];
    for (const g of found) for (const at of g.partneredEligible) eligibleAt.push(at);
    if (eligibleAt.length > 0) {
      eligibleAt.sort((x, y) => x - y);
      const ids = eligibleAt.map((at) => livePlans[at]!.id);
      const conflicts = conflictsAmong(snap.catalog, ids);
      for (let k = 0; k < ids.length; k++) if (conflicts[k]!.length > 0) conflictsOf.set(ids[k]!, conflicts[k]!);
    }
  }
  const total = livePlans.length;
  // A page, when asked for: only its items are ranked out of the bundles, encoded and their ways to apply listed.
  const offset = input.limit === undefined ? 0 : Math.min(input.offset ?? 0, total);
  const shown = rankedSlice(
    found.map((g) => g.ranked),
    offset,
    input.limit === undefined ? total : offset + input.limit,
  );
  const parts = shown.map((m) => {
    const conflicts = conflictsOf.get(m.verdict.item);
    return { m, buf: conflicts === undefined ? encodedItem(snap, m, detail, lang) : encode(snap, { ...m.verdict, conflicts: [...conflicts] }, detail, lang) };
  });
  const placeName = region ? (names.get(region) ?? null) : null;
  const head =
    `{"date":${JSON.stringify(date)},"region":${JSON.stringify(region)},"regionName":${JSON.stringify(placeName)},"entity":${JSON.stringify(input.entity ?? null)},` +
    `"catalogueRevision":${JSON.stringify(snap.revision)},"summary":${JSON.stringify(summary)},` +
    (input.limit === undefined ? '' : `"page":${JSON.stringify({ offset, limit: input.limit, total })},`) +
    `"items":[`;
  const chunks: Buffer[] = [Buffer.from(head)];
  for (const x of parts) chunks.push(x.buf);
  if (chunks.length > 1) chunks[1] = chunks[1]!.subarray(1);
  chunks.push(QUESTIONS);
  const skipNames = new Set(input.skip ?? []);
  const skipRanks = new Set([...skipNames].map((n) => plan.nameRank.get(n)!).filter((r) => r !== undefined));
  const questions = encodedQuestions(snap, plan, found, lang, questionLimit, skipRanks, region === null);
  if (questions.chunks.length > 0) questions.chunks[0] = questions.chunks[0]!.subarray(1);
  for (const q of questions.chunks) chunks.push(q);
  const g = LANGS.indexOf(lang);
  // Per frame, language and page size (a few of each in practice; the map is bounded).
  const groupKey = `${g}:${input.limit ?? ''}`;
  let groups = frame.groups.get(groupKey);
  if (!groups) {
    if (frame.groups.size >= 32) frame.groups.clear();
    groups = Buffer.from(
      `],"outOfScope":${JSON.stringify(inLang(outOfScopeJson(snap, frame.outOfScope, names, input.limit), lang))},"ended":${JSON.stringify(inLang(endedJson(frame.ended, date, input.limit), lang))}`,
    );
    frame.groups.set(groupKey, groups);
  }
  chunks.push(groups);
  const applicationIds = input.limit === undefined ? livePlans.map((p) => p.id) : parts.map((x) => x.m.verdict.item);
  return {
    applicationIds,
    finish(channels) {
      const tail = `,"progress":${JSON.stringify(progressOf(input, facts, questions.remaining))},"answers":${answersJson(snap, plan, facts, names, lang)},"applications":${applicationsJson(applicationIds, channels, lang)}}`;
      chunks.push(Buffer.from(tail));
      return Buffer.concat(chunks);
    },
  };
}

/** The check evaluated and encoded but for the ways to apply, which are asked for its answered items only. */
export interface PreparedCheck {
  /** The items whose ways to apply the answer lists (with `limit`, the page's). */
  applicationIds: readonly string[];
  finish(channels: ReadonlyMap<string, ApplicationChannel>): Buffer;
}
