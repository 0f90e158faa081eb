import { loadCatalog, quoteOccurs, type LoadedCatalog } from '@seedbed/catalog';
import { compileCatalog, itemReads, parseRuleFile, RuleError, type Catalog, type ItemSpec, type ParameterSpec, type RuleFileContent, type RuleProblem, type VariableSpec } from '@seedbed/rules';
import type { FieldError, PolicyList, PolicyQuery } from '@seedbed/contract';
import { membershipsGranting, requireAccess, rolesGranting, type AccessPolicy, type Principal } from '../../platform/access.js';
import type { Config } from '../../platform/config.js';
import type { PublishImpact, PublishImpactSource } from '../../platform/publish-impact.js';
import { notify, type NotifyDeps } from '../notifications/index.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { EventBus } from '../../platform/events.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, systemActor, type AuditContext } from '../audit/index.js';
import './policies.events.js';
import * as repo from './policies.repository.js';
import { indexLexemes, markRanges, searchQuery } from './policies.search.js';
import { canonicalUnit, namesOfUnit } from './policies.departments.js';
import type { ApplicationChannel, ApplicationChannelSource, ChannelItem } from '../../platform/application-channels.js';
import type { PolicyMeta, PolicyText } from './policies.tables.js';
import { amountRule, BENEFIT_LABELS, ENTITY_LABELS, howToApply, maxAmountFen, type AmountRuleText } from './policies.text.js';
import { regionAncestors, regionCovers, regionPrefix } from './regions.js';

export interface PolicyDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
}

/** Publishing also needs the thresholds, the population's impact and whom to ask for approval. */
export interface PublishDeps extends PolicyDeps {
  config: Pick<Config, 'publishApprovalSubjects' | 'publishApprovalCostFen'>;
  publishImpact: PublishImpactSource;
  modules: NotifyDeps['modules'] & Pick<AccessPolicy, 'rolePermissions'>;
}

/** What the library and the policy page read besides the policies: how each item is applied for (fulfilment, wired in the app). */
export interface PolicyReadDeps {
  db: Db;
  clock: Clock;
  applicationChannels: ApplicationChannelSource;
}

const UNKNOWN_CHANNEL: ApplicationChannel = { status: 'offline', department: null, reason: { zh: '不在线受理', en: 'Not accepted online' } };

// ---------------------------------------------------------------- the catalogue as shipped

let shipped: LoadedCatalog | undefined;

/** The catalogue in catalog/ (read and validated once per process). */
export function shippedCatalogue(): LoadedCatalog {
  return (shipped ??= loadCatalog());
}

/** The catalogue's variables and parameters as one rule file (items come from the database). */
function baseRuleFile(): RuleFileContent {
  const rules = shippedCatalogue().rules;
  const variables: Record<string, VariableSpec> = {};
  for (const [name, v] of rules.variables) {
    const { name: _n, file: _f, ...spec } = v;
    variables[name] = spec;
  }
  const parameters: Record<string, ParameterSpec> = {};
  for (const [name, p] of rules.parameters) parameters[name] = p.spec;
  return { file: 'catalog', variables, parameters };
}

/** Compiles items with the shipped variables and parameters, later parameter overrides winning. */
function compileItems(items: readonly ItemSpec[], overrides: readonly Record<string, unknown>[]): Catalog {
  const base = baseRuleFile();
  const parameters = { ...base.parameters };
  for (const o of overrides) Object.assign(parameters, o as Record<string, ParameterSpec>);
  return compileCatalog([{ ...base, parameters }, { file: 'policies', items: [...items] }]);
}

// ---------------------------------------------------------------- import (start-up)

function metaFor(entry: LoadedCatalog['items'][number], spec: ItemSpec): PolicyMeta {
  const m = entry.meta;
  return {
    measure: m?.measure ?? null,
    clause: m?.source.clause ?? spec.source?.clause ?? null,
    quote: m?.source.quote ?? '',
    leadUnit: m?.lead_unit ?? null,
    supportingUnits: m?.supporting_units ?? [],
    reading: m?.reading ?? [],
    howToApply: howToApply(spec, m?.lead_unit ?? null),
  };
}

function itemRow(spec: ItemSpec, documentKey: string, version: number, meta: PolicyMeta): repo.ItemRow {
  return {
    id: spec.id,
    document_key: documentKey,
    current_version: version,
    title_zh: spec.title.zh,
    title_en: spec.title.en,
    entity: spec.entity,
    benefit: spec.benefit,
    mode: spec.mode,
    region_code: spec.region ?? null,
    lead_unit: meta.leadUnit,
    effective_from: spec.effective.from,
    effective_to: spec.effective.to ?? null,
  };
}

function lexemes(spec: ItemSpec, meta: PolicyMeta, doc: repo.DocumentRow | undefined): repo.SearchLexemes {
  const join = (...texts: (string | null | undefined)[]) => [...new Set(texts.filter((x): x is string => !!x).flatMap(indexLexemes))];
  return {
    A: join(spec.title.zh, spec.title.en),
    B: join(meta.quote, ...spec.criteria.flatMap((c) => [c.label.zh, c.label.en]), spec.amount?.note?.zh, spec.amount?.note?.en),
    C: join(doc?.title.zh, doc?.title.en, doc?.issuer.zh, doc?.number, meta.leadUnit, ...meta.supportingUnits, BENEFIT_LABELS[spec.benefit]?.zh, BENEFIT_LABELS[spec.benefit]?.en),
  };
}

/**
 * Imports the shipped catalogue as version 1 of every item not yet in the database (idempotent:
 * items already there, and every later version, are left alone). Returns how many were added.
 */
export async function ensurePolicies(db: Db): Promise<number> {
  const cat = shippedCatalogue();
  const existing = await repo.existingItemIds(db);
  const missing = cat.items.filter((i) => !existing.has(i.id));
  if (missing.length === 0) return 0;
  const docs = new Map<string, repo.DocumentRow>();
  for (const d of cat.documents) {
    docs.set(d.key, {
      key: d.key,
      title: d.document.title,
      issuer: d.document.issuer,
      number: d.document.number,
      region: d.document.region,
      issued_on: d.document.date,
      status: d.document.status,
      source: d.source,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (const d of docs.values()) await repo.insertDocument(trx, d);
    for (const entry of missing) {
      const spec = cat.rules.items.get(entry.id)!.spec;
      const meta = metaFor(entry, spec);
      await repo.insertItem(trx, itemRow(spec, entry.document, 1, meta), lexemes(spec, meta, docs.get(entry.document)));
      await repo.insertVersion(trx, { item_id: entry.id, version: 1, status: 'published', spec, parameters: {}, meta, note: 'catalogue import', created_by: null, published_at: new Date() });
    }
    await record(trx, systemClock, systemActor('policy-import'), {
      action: 'policy.imported',
      entityType: 'policy_catalogue',
      data: { items: missing.map((i) => i.id) },
    });
  });
  invalidateRules(db);
  return missing.length;
}

// ---------------------------------------------------------------- current rules (cached)

export interface PolicyItemView {
  id: string;
  version: number;
  title: PolicyText;
  entity: string;
  benefit: string;
  mode: 'apply' | 'automatic';
  regionCode: string | null;
  leadUnit: string | null;
  supportingUnits: string[];
  requiresMaterials: { id: string; label: PolicyText }[];
  effective: { from: string; to: string | null };
  document: { key: string; title: PolicyText; number: string | null; issuer: PolicyText };
  clause: string | null;
  quote: string;
  /** Set on an item another platform publishes (a subscribed feed): where it comes from and is applied for. */
  origin?: ItemOrigin;
}

/** The platform an item subscribed from another platform's feed comes from (the feeds module). */
export interface ItemOrigin {
  /** upstream: 上级政策 (the city's, the province's); district: 区级政策. */
  kind: 'upstream' | 'district';
  /** The origin platform's name as registered here. */
  platform: string;
  /** The item's id on the origin platform. */
  itemId: string;
  /** The item's page on the origin platform, where it is applied for. */
  url: string;
}

export interface RulesSnapshot {
  catalog: Catalog;
  /** Item id → current published version. */
  versions: ReadonlyMap<string, number>;
  views: ReadonlyMap<string, PolicyItemView>;
  /** Item id → region of its source document (where an item without a region of its own applies). */
  documentRegions: ReadonlyMap<string, string>;
  /** Changes whenever a version is published (cache keys of evaluations). */
  revision: string;
}

const cache = new WeakMap<Db | Tx, { snapshot: Promise<RulesSnapshot>; checkedAt: number; revision: string }>();
/** Another app process may publish: look at the database's revision at most this often. */
const RECHECK_MS = 5000;

async function revisionOf(db: Db | Tx): Promise<string> {
  return revisionKey(await repo.publishedRevision(db));
}

const revisionKey = (r: repo.CatalogRevision): string => `${r.published}:${r.publishedAt ? new Date(r.publishedAt).getTime() : 0}`;

async function buildSnapshot(db: Db | Tx, revision: string): Promise<RulesSnapshot> {
  const rows = await repo.publishedVersions(db);
  const docs = new Map((await repo.documents(db)).map((d) => [d.key, d]));
  const specs = rows.map((r) => r.spec as ItemSpec);
  const catalog = compileItems(
    specs,
    rows.filter((r) => Object.keys(r.parameters).length > 0).sort((a, b) => (a.published_at?.getTime() ?? 0) - (b.published_at?.getTime() ?? 0)).map((r) => r.parameters),
  );
  const versions = new Map(rows.map((r) => [r.item_id, r.version]));
  const views = new Map(rows.map((r) => [r.item_id, viewOf(r.spec as ItemSpec, r.version, r.meta, docs.get(r.document_key))]));
  const documentRegions = new Map(rows.flatMap((r) => { const region = docs.get(r.document_key)?.region; return region ? [[r.item_id, region] as const] : []; }));
  const snapshot = { catalog, versions, views, documentRegions, revision };
  sources.set(snapshot, { specs, overrides: rows.filter((r) => Object.keys(r.parameters).length > 0).sort((a, b) => (a.published_at?.getTime() ?? 0) - (b.published_at?.getTime() ?? 0)).map((r) => r.parameters) });
  return snapshot;
}

/** What a snapshot was compiled from (for the finder's snapshot with other platforms' items added). */
const sources = new WeakMap<RulesSnapshot, { specs: ItemSpec[]; overrides: Record<string, unknown>[] }>();

function viewOf(spec: ItemSpec, version: number, meta: PolicyMeta, doc: repo.DocumentRow | undefined): PolicyItemView {
  return {
    id: spec.id,
    version,
    title: spec.title,
    entity: spec.entity,
    benefit: spec.benefit,
    mode: spec.mode,
    regionCode: spec.region ?? null,
    leadUnit: meta.leadUnit,
    supportingUnits: meta.supportingUnits,
    requiresMaterials: (spec.requires_materials ?? []).map((m) => ({ id: m.id, label: m.label })),
    effective: { from: spec.effective.from, to: spec.effective.to ?? null },
    document: { key: doc?.key ?? '', title: doc?.title ?? { zh: '', en: '' }, number: doc?.number ?? null, issuer: doc?.issuer ?? { zh: '', en: '' } },
    clause: meta.clause,
    quote: meta.quote,
  };
}

/**
 * The compiled rules of every current published version, with versions and views (cached per
 * database; rebuilt after a publish). Inside a transaction pass it as `via` (the root connection's
 * cache, read through the transaction), or pass only the transaction (a cache for that
 * transaction alone): on PGlite a query outside the open transaction would wait for it forever.
 */
export async function rulesSnapshot(db: Db | Tx, via: Db | Tx = db): Promise<RulesSnapshot> {
  const entry = cache.get(db);
  const now = Date.now();
  if (entry && now - entry.checkedAt < RECHECK_MS) return entry.snapshot;
  const revision = await revisionOf(via);
  if (entry && entry.revision === revision) {
    entry.checkedAt = now;
    return entry.snapshot;
  }
  const snapshot = buildSnapshot(via, revision);
  cache.set(db, { snapshot, checkedAt: now, revision });
  snapshot.catch(() => cache.delete(db));
  return snapshot;
}

export function invalidateRules(db: Db): void {
  cache.delete(db);
  extendedCache.delete(db);
}

/** The finder's catalogue must be read afresh: the items of another platform changed in this process (the feeds module). */
export function invalidateFinderRules(db: Db): void {
  extendedCache.delete(db);
}

// ---------------------------------------------------------------- other platforms' items (the finder's catalogue)

/** An item another platform publishes, as the finder evaluates it here: its id namespaced, its view carrying `origin`. */
export interface ExtraPolicyItem {
  spec: ItemSpec;
  version: number;
  view: PolicyItemView & { origin: ItemOrigin };
  documentRegion: string | null;
}

/** A source of items from elsewhere (the feeds module's subscribed upstream items), read per database. */
export interface RulesExtension {
  /** Changes whenever the items change (part of the finder's cache key). Read on the root connection, never inside a transaction. */
  revision(db: Db): Promise<string>;
  items(db: Db): Promise<ExtraPolicyItem[]>;
}

const extensions: RulesExtension[] = [];
/**
 * The finder's catalogue per database: `base` is the local snapshot it was built on, `revision`
 * the extensions' part of its revision, read at most every RECHECK_MS (another process's change
 * is seen within that; one in this process calls invalidateFinderRules or invalidateRules).
 */
const extendedCache = new WeakMap<Db, { snapshot: Promise<RulesSnapshot>; base: RulesSnapshot; revision: string; checkedAt: number }>();

/** Adds a source of items from elsewhere to what the finder evaluates (once per process; the local catalogue is unchanged). */
export function extendFinderRules(extension: RulesExtension): void {
  if (!extensions.includes(extension)) extensions.push(extension);
}

/**
 * The finder's catalogue: the current published rules plus the items of the platforms this one
 * subscribes to (compiled with the same engine, the same variables and parameters; their ids
 * namespaced by the feeds module). Only the finder's check and a subject's matches read it:
 * budgets, fulfilment and automatic awards see the local catalogue alone.
 */
export async function finderSnapshot(db: Db): Promise<RulesSnapshot> {
  const base = await rulesSnapshot(db);
  if (extensions.length === 0) return base;
  const entry = extendedCache.get(db);
  const now = Date.now();
  // The hot path: the same local snapshot, the extensions' revision read less than RECHECK_MS ago.
  if (entry && entry.base === base && now - entry.checkedAt < RECHECK_MS) return entry.snapshot;
  const revision = `${base.revision}|${(await Promise.all(extensions.map((e) => e.revision(db)))).join('|')}`;
  const again = extendedCache.get(db);
  if (again && again.base === base && again.revision === revision) {
    again.checkedAt = now;
    return again.snapshot;
  }
  const snapshot = (async (): Promise<RulesSnapshot> => {
    const extra = (await Promise.all(extensions.map((e) => e.items(db)))).flat().filter((x) => !base.versions.has(x.spec.id));
    if (extra.length === 0) return base;
    const from = sources.get(base);
    if (!from) return base;
    let catalog: Catalog;
    try {
      catalog = compileItems([...from.specs, ...extra.map((x) => x.spec)], from.overrides);
    } catch {
      // Each item was checked on arrival; should the set still not compile, the local catalogue stands alone.
      return base;
    }
    return {
      catalog,
      versions: new Map([...base.versions, ...extra.map((x) => [x.spec.id, x.version] as const)]),
      views: new Map<string, PolicyItemView>([...base.views, ...extra.map((x) => [x.spec.id, x.view] as const)]),
      documentRegions: new Map([...base.documentRegions, ...extra.flatMap((x) => (x.documentRegion ? [[x.spec.id, x.documentRegion] as const] : []))]),
      revision,
    };
  })();
  extendedCache.set(db, { snapshot, base, revision, checkedAt: now });
  snapshot.catch(() => extendedCache.delete(db));
  return snapshot;
}

/** Whether an item spec compiles here, with this platform's variables and parameters (an error message, else null). */
export function compileProblem(spec: ItemSpec): string | null {
  try {
    compileItems([spec], []);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message.slice(0, 1000) : String(e);
  }
}

/** Compiled rules of all current published versions (cached, invalidated on publish). */
export async function currentRules(db: Db | Tx): Promise<Catalog> {
  return (await rulesSnapshot(db)).catalog;
}

/** The current published version of one item, or undefined. */
export async function getPolicyItem(db: Db | Tx, itemId: string): Promise<PolicyItemView | undefined> {
  return (await rulesSnapshot(db)).views.get(itemId);
}

// ---------------------------------------------------------------- library

const isOpen = (from: string, to: string | null, today: string): boolean => from <= today && (to === null || to >= today);

export async function listPolicies(deps: PolicyReadDeps, query: PolicyQuery): Promise<PolicyList> {
  const today = deps.clock.today();
  const tsquery = query.q ? searchQuery(query.q) : null;
  if (query.q && !tsquery) return { total: 0, items: [] };
  const pageSize = query.pageSize ?? 20;
  const byAmount = query.sort === 'amount';
  const filter = {
    tsquery,
    regions: query.region ? { ancestors: regionAncestors(query.region), prefix: regionPrefix(query.region) } : null,
    // A unit is found under any of its names (policies.departments.ts).
    departments: query.department ? namesOfUnit(query.department) : null,
    entity: query.entity ?? null,
    benefit: query.benefit ?? null,
    mode: query.mode ?? null,
    open: query.open ?? null,
    today,
  };
  // The catalogue is a few hundred items: ordering by amount (computed from each rule) is done here, over every match.
  const found = byAmount ? await repo.search(deps.db, { ...filter, limit: 1000, offset: 0 }) : await repo.search(deps.db, { ...filter, limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize });
  const snap = await rulesSnapshot(deps.db);
  const amountOf = (id: string): number | null => {
    const compiled = snap.catalog.items.get(id);
    return compiled ? maxAmountFen(compiled.spec, snap.catalog, today) : null;
  };
  let rows = found.rows.map((r) => ({ r, amount: amountOf(r.id) }));
  if (byAmount) {
    const open = (x: (typeof rows)[number]) => (isOpen(x.r.effective_from, x.r.effective_to, today) ? 1 : 0);
    rows = rows
      .sort((a, b) => open(b) - open(a) || (b.amount ?? -1) - (a.amount ?? -1) || (a.r.id < b.r.id ? -1 : 1))
      .slice(((query.page ?? 1) - 1) * pageSize, (query.page ?? 1) * pageSize);
  }
  const docs = new Map((await repo.documents(deps.db)).map((d) => [d.key, d]));
  const channels = await deps.applicationChannels(deps.db, rows.map(({ r }) => channelItemOf(r)), today);
  return {
    total: found.total,
    items: rows.map(({ r, amount }) => {
      const d = docs.get(r.document_key);
      return {
        id: r.id,
        version: r.current_version,
        title: { zh: r.title_zh, en: r.title_en },
        entity: r.entity,
        benefit: r.benefit,
        mode: r.mode,
        regionCode: r.region_code,
        leadUnit: r.lead_unit,
        leadUnitName: r.lead_unit === null ? null : canonicalUnit(r.lead_unit),
        effective: { from: r.effective_from, to: r.effective_to },
        open: isOpen(r.effective_from, r.effective_to, today),
        document: { key: r.document_key, title: d?.title ?? { zh: '', en: '' }, number: d?.number ?? null, issuer: d?.issuer ?? { zh: '', en: '' } },
        maxAmountFen: amount,
        application: channels.get(r.id) ?? UNKNOWN_CHANNEL,
        highlight: query.q ? { zh: markRanges(r.title_zh, query.q), en: markRanges(r.title_en, query.q) } : null,
      };
    }),
  };
}

const channelItemOf = (r: { id: string; mode: 'apply' | 'automatic'; entity: string; lead_unit: string | null; region_code: string | null; effective_from: string; effective_to: string | null }): ChannelItem => ({
  id: r.id,
  mode: r.mode,
  entity: r.entity,
  leadUnit: r.lead_unit,
  regionCode: r.region_code,
  effective: { from: r.effective_from, to: r.effective_to },
});

export async function policyFacets(db: Db) {
  const { lead, issuers } = await repo.departments(db);
  return {
    // One value per unit: aliases fold into the canonical name (policies.departments.ts).
    departments: [...new Set(lead.map(canonicalUnit))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    issuers,
    entities: Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label })),
    benefits: Object.entries(BENEFIT_LABELS).map(([value, label]) => ({ value, label })),
  };
}

export interface PolicyDetail extends PolicyItemView {
  open: boolean;
  criteria: { id: string; label: PolicyText; implicit: boolean }[];
  amountRule: AmountRuleText;
  howToApply: PolicyText;
  reading: PolicyText[];
  benefitLabel: PolicyText;
  entityLabel: PolicyText;
  maxAmountFen: number | null;
  application: ApplicationChannel;
  /** The variables this item reads, with labels, so the calculator can be opened on it. */
  variables: { name: string; label: PolicyText }[];
  versions: { version: number; status: string; note: string; publishedAt: string | null; createdAt: string }[];
}

export async function getPolicyDetail(deps: PolicyReadDeps, itemId: string): Promise<PolicyDetail> {
  const snap = await rulesSnapshot(deps.db);
  const view = snap.views.get(itemId);
  const compiled = snap.catalog.items.get(itemId);
  if (!view || !compiled) throw notFound({ zh: '该政策', en: 'Policy' });
  const version = await repo.version(deps.db, itemId, view.version);
  const meta = version!.meta;
  const today = deps.clock.today();
  const vars = itemReads(compiled.spec);
  const channels = await deps.applicationChannels(deps.db, [{ id: view.id, mode: view.mode, entity: view.entity, leadUnit: view.leadUnit, regionCode: view.regionCode, effective: view.effective }], today);
  return {
    ...view,
    open: isOpen(view.effective.from, view.effective.to, today),
    maxAmountFen: maxAmountFen(compiled.spec, snap.catalog, today),
    application: channels.get(view.id) ?? UNKNOWN_CHANNEL,
    criteria: compiled.criteria.map((c) => ({ id: c.id, label: c.label, implicit: c.implicit })),
    amountRule: amountRule(compiled.spec, snap.catalog, today),
    howToApply: meta.howToApply,
    reading: meta.reading,
    benefitLabel: BENEFIT_LABELS[view.benefit] ?? { zh: view.benefit, en: view.benefit },
    entityLabel: ENTITY_LABELS[view.entity] ?? { zh: view.entity, en: view.entity },
    variables: vars.filter((v) => snap.catalog.variables.has(v)).map((name) => ({ name, label: snap.catalog.variables.get(name)!.label })),
    versions: (await repo.versions(deps.db, itemId))
      .filter((v) => v.status === 'published' || v.status === 'superseded')
      .map((v) => ({ version: v.version, status: v.status, note: v.note, publishedAt: v.published_at?.toISOString() ?? null, createdAt: v.created_at.toISOString() })),
  };
}

// ---------------------------------------------------------------- versions: draft, diff, publish

/** Who may change an item: officers and the programme office of a department whose region covers the item's (platform administration is no shortcut). */
function assertMayManage(principal: Principal, regionCode: string | null): void {
  requireAccess({ principal, permission: 'policies.manage', regionCode }, { zh: '只有负责该地区政策的经办人员可以修改或发布该政策', en: "Only officers responsible for the policy's region may change or publish it" });
}

export interface DraftInput {
  spec: unknown;
  parameters?: Record<string, unknown>;
  note: string;
  meta?: { leadUnit?: string | null; supportingUnits?: string[]; howToApply?: PolicyText };
}

/** Maps an engine problem to a field of the draft request: /items/0/criteria/1/rule → spec.criteria.1.rule. */
function problemField(p: RuleProblem, itemIndex: number): string {
  const path = p.path ?? '';
  const item = path.match(new RegExp(`^/items/${itemIndex}(/.*)?$`));
  if (item) return `spec${(item[1] ?? '').replace(/\//g, '.')}`;
  const param = path.match(/^\/parameters(\/.*)?$/);
  if (param) return `parameters${(param[1] ?? '').replace(/\//g, '.')}`;
  return p.criterion ? `spec.criteria.${p.criterion}` : 'spec';
}

const TYPE_ZH: Record<string, string> = { number: '数值', date: '日期', string: '文字', boolean: '是/否', string_list: '列表' };
const typeZh = (t: string) => t.split(' or ').map((x) => TYPE_ZH[x] ?? x).join('或');

/** The rules engine's common problems in Chinese (the English stays beside it). */
export function ruleMessageZh(message: string): string {
  let m: RegExpMatchArray | null;
  if ((m = message.match(/^cannot compare (\w+) with (\w+)$/))) return `不能把${typeZh(m[1]!)}与${typeZh(m[2]!)}比较`;
  if ((m = message.match(/^"(.+)" needs (.+) here, got (\w+)$/))) return `此处应为${typeZh(m[2]!)}，实为${typeZh(m[3]!)}`;
  if ((m = message.match(/^unknown variable "(.+)"$/))) return `变量库中没有这个变量（${m[1]}）`;
  if ((m = message.match(/^unknown parameter "(.+)"$/))) return `没有这个参数（${m[1]}）`;
  if ((m = message.match(/^unknown operator "(.+)"$/))) return `不支持的运算（${m[1]}）`;
  if ((m = message.match(/^"(.+)" takes (.+) argument\(s\), got (\d+)$/))) return `运算“${m[1]}”的参数个数不对（应为 ${m[2]!.replace('any number of', '任意多')} 个，实为 ${m[3]} 个）`;
  if (message.startsWith('null is not allowed')) return '规则中不能写空值：缺少的信息由“未知”表示';
  if (message.startsWith('"date" needs a valid')) return '日期应为有效的 YYYY-MM-DD';
  if (message.startsWith('"in_region" needs a region code')) return '应选择一个地区';
  if (message.startsWith('every branch of "if"')) return '“如果……则……否则”的各分支类型应一致';
  if (message.startsWith('an operation must have exactly one operator key')) return '每个运算只能有一个运算符';
  if (message === 'should NOT be shorter than 1 characters') return '不能为空';
  if (message.startsWith('should match pattern')) return '格式不对';
  return `规则有误：${message}`;
}

function ruleErrors(e: unknown, itemIndex: number): FieldError[] {
  if (!(e instanceof RuleError)) throw e;
  return e.problems.map((p) => fieldError(problemField(p, itemIndex), 'rule', ruleMessageZh(p.message), `Rule problem: ${p.message}`));
}

/** Validates a draft through the rules engine (schema, then type checking with the whole catalogue); returns the catalogue it makes. */
export async function validateDraft(db: Db, itemId: string, input: DraftInput): Promise<{ spec: ItemSpec; catalog: Catalog }> {
  const errors: FieldError[] = [];
  if (typeof input.spec !== 'object' || input.spec === null || Array.isArray(input.spec)) throw invalid([fieldError('spec', 'type:object', '应为规则对象', 'must be a rule object')]);
  const spec = input.spec as ItemSpec;
  if (spec.id !== itemId) errors.push(fieldError('spec.id', 'equals_item', `应为 ${itemId}`, `must be ${itemId}`));
  if (errors.length) throw invalid(errors);
  try {
    parseRuleFile(JSON.stringify({ items: [spec], parameters: input.parameters ?? {} }), 'draft');
  } catch (e) {
    throw invalid(ruleErrors(e, 0));
  }
  const rows = await repo.publishedVersions(db);
  const others = rows.filter((r) => r.item_id !== itemId).map((r) => r.spec as ItemSpec);
  const overrides = rows.filter((r) => r.item_id !== itemId && Object.keys(r.parameters).length > 0).map((r) => r.parameters);
  try {
    return { spec, catalog: compileItems([...others, spec], [...overrides, input.parameters ?? {}]) };
  } catch (e) {
    throw invalid(ruleErrors(e, others.length));
  }
}

export interface VersionView {
  itemId: string;
  version: number;
  status: string;
  spec: unknown;
  parameters: Record<string, unknown>;
  meta: PolicyMeta;
  note: string;
  createdAt: string;
  publishedAt: string | null;
  /** While awaiting a second officer's approval: when it was submitted and what it changes. */
  approval: { submittedAt: string; submittedBy: string | null; createdBy: string | null; impact: PublishImpact | null } | null;
}

const versionView = (v: repo.VersionRow): VersionView => ({
  itemId: v.item_id,
  version: v.version,
  status: v.status,
  spec: v.spec,
  parameters: v.parameters,
  meta: v.meta,
  note: v.note,
  createdAt: v.created_at.toISOString(),
  publishedAt: v.published_at?.toISOString() ?? null,
  approval: v.status === 'awaiting_approval' && v.submitted_at ? { submittedAt: v.submitted_at.toISOString(), submittedBy: v.submitted_by, createdBy: v.created_by, impact: v.impact } : null,
});

/** Creates the item's draft version, or replaces the open draft's content. */
export async function saveDraft(deps: PolicyDeps, principal: Principal, ctx: AuditContext, itemId: string, input: DraftInput): Promise<VersionView> {
  const current = await repo.item(deps.db, itemId);
  if (!current) throw notFound({ zh: '该政策', en: 'Policy' });
  assertMayManage(principal, current.region_code);
  const { spec } = await validateDraft(deps.db, itemId, input);
  assertMayManage(principal, spec.region ?? null);
  return deps.db.transaction().execute(async (trx) => {
    const item = await repo.lockItem(trx, itemId);
    const open = (await repo.versions(trx, itemId)).find((v) => v.status === 'draft' || v.status === 'awaiting_approval');
    // A new item's first draft carries the citation it was created with.
    const base = item!.current_version !== null ? (await repo.version(trx, itemId, item!.current_version))! : open;
    if (!base) throw notFound({ zh: '该政策', en: 'Policy' });
    const meta: PolicyMeta = {
      ...base.meta,
      ...(input.meta?.leadUnit !== undefined ? { leadUnit: input.meta.leadUnit } : {}),
      ...(input.meta?.supportingUnits ? { supportingUnits: input.meta.supportingUnits } : {}),
    };
    meta.howToApply = input.meta?.howToApply ?? howToApply(spec, meta.leadUnit);
    let version: number;
    if (open) {
      version = open.version;
      await repo.updateDraft(trx, itemId, version, { spec, parameters: input.parameters ?? {}, meta, note: input.note });
    } else {
      version = (await repo.maxVersion(trx, itemId)) + 1;
      await repo.insertVersion(trx, { item_id: itemId, version, status: 'draft', spec, parameters: input.parameters ?? {}, meta, note: input.note, created_by: principal.userId });
    }
    await record(trx, deps.clock, ctx, { action: 'policy.draft_saved', entityType: 'policy_item', entityId: itemId, data: { version, note: input.note } });
    return versionView((await repo.version(trx, itemId, version))!);
  });
}

const ITEM_ID = /^[a-z0-9]+\.[a-z0-9.-]+$/;

export interface NewItemInput extends DraftInput {
  documentKey: string;
  meta: { clause?: string | null; quote: string; leadUnit?: string | null; supportingUnits?: string[]; howToApply?: PolicyText };
}

/**
 * A new policy item from one of the catalogue's documents: created as an unpublished draft
 * (version 1) that officers then edit, simulate and publish like any new version. Its quote must
 * be a passage of the document's source text, as every item of the shipped catalogue is.
 */
export async function createItem(deps: PolicyDeps, principal: Principal, ctx: AuditContext, input: NewItemInput): Promise<VersionView> {
  const errors: FieldError[] = [];
  const raw = input.spec;
  const id = raw && typeof raw === 'object' && !Array.isArray(raw) && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null;
  if (id === null) errors.push(fieldError('spec.id', 'required', '应填写政策事项编号', 'is required'));
  else if (!ITEM_ID.test(id) || id.length > 120)
    errors.push(fieldError('spec.id', 'format', '应为“前缀.名称”，由小写字母、数字、点和连字符组成，如 nn.new-subsidy', 'must be "<prefix>.<name>" in lower-case letters, digits, dots and hyphens, e.g. nn.new-subsidy'));
  const doc = (await repo.documents(deps.db)).find((d) => d.key === input.documentKey);
  if (!doc) errors.push(fieldError('documentKey', 'exists', '不是政策目录中的文件', 'is not a document of the catalogue'));
  else {
    const source = shippedCatalogue().sources.get(doc.source);
    if (!source || !quoteOccurs(input.meta.quote, source))
      errors.push(fieldError('meta.quote', 'occurs_in_source', '不是该文件原文中的文字（不计空白）', "is not a passage of the document's source text (whitespace aside)"));
  }
  if (errors.length > 0 || !doc || id === null) throw invalid(errors);
  const taken = () => conflict('ITEM_EXISTS', '已有同一编号的政策事项', 'A policy item with this id exists', [fieldError('spec.id', 'unique', '已被使用', 'is already used')]);
  if (await repo.item(deps.db, id)) throw taken();
  const { spec } = await validateDraft(deps.db, id, input);
  if (spec.region && !regionCovers(doc.region, spec.region))
    throw invalid([fieldError('spec.region', 'within_document', `应在发文地区 ${doc.region} 辖区内`, `must lie within the document's region ${doc.region}`)]);
  assertMayManage(principal, spec.region ?? doc.region);
  const leadUnit = input.meta.leadUnit ?? null;
  const meta: PolicyMeta = {
    measure: null,
    clause: input.meta.clause ?? spec.source?.clause ?? null,
    quote: input.meta.quote.trim(),
    leadUnit,
    supportingUnits: input.meta.supportingUnits ?? [],
    reading: [],
    howToApply: input.meta.howToApply ?? howToApply(spec, leadUnit),
  };
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.insertNewItem(trx, { ...itemRow(spec, doc.key, 1, meta), current_version: null }, lexemes(spec, meta, doc))))
      throw taken();
    await repo.insertVersion(trx, { item_id: id, version: 1, status: 'draft', spec, parameters: input.parameters ?? {}, meta, note: input.note, created_by: principal.userId });
    await record(trx, deps.clock, ctx, { action: 'policy.item_created', entityType: 'policy_item', entityId: id, data: { document: doc.key, note: input.note } });
    return versionView((await repo.version(trx, id, 1))!);
  });
}

/** Whether the item exists, published or not. */
export async function policyItemExists(db: Db, itemId: string): Promise<boolean> {
  return (await repo.item(db, itemId)) !== undefined;
}

/** The catalogue's source documents (for citing a new item). */
export async function listDocuments(db: Db) {
  return {
    items: (await repo.documents(db)).map((d) => ({ key: d.key, title: d.title, number: d.number, region: d.region, issuedOn: d.issued_on })),
  };
}

export async function listVersions(db: Db, itemId: string): Promise<VersionView[]> {
  if (!(await repo.item(db, itemId))) throw notFound({ zh: '该政策', en: 'Policy' });
  return (await repo.versions(db, itemId)).filter((v) => v.status !== 'discarded').map(versionView);
}

export async function getVersion(db: Db, itemId: string, version: number): Promise<VersionView> {
  const v = await repo.version(db, itemId, version);
  if (!v) throw notFound({ zh: '该政策版本', en: 'Policy version' });
  return versionView(v);
}

export interface DiffEntry {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** A structural diff: objects by key, lists of objects with an `id` by id, other lists by position. */
export function diffJson(a: unknown, b: unknown, path = ''): DiffEntry[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (a === undefined) return [{ path, change: 'added', after: b }];
  if (b === undefined) return [{ path, change: 'removed', before: a }];
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffJson(a[k], b[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const keyed = [...a, ...b].every((x) => isObj(x) && typeof x.id === 'string');
    if (keyed) {
      const ma = new Map(a.map((x) => [(x as { id: string }).id, x]));
      const mb = new Map(b.map((x) => [(x as { id: string }).id, x]));
      const ids = [...new Set([...ma.keys(), ...mb.keys()])];
      return ids.flatMap((id) => diffJson(ma.get(id), mb.get(id), `${path}[${id}]`));
    }
    if (a.length === b.length) return a.flatMap((x, i) => diffJson(x, b[i], `${path}[${i}]`));
  }
  return [{ path, change: 'changed', before: a, after: b }];
}

export interface VersionDiff {
  itemId: string;
  from: number;
  to: number;
  rules: DiffEntry[];
  parameters: DiffEntry[];
  amounts: DiffEntry[];
  meta: DiffEntry[];
}

export async function diffVersions(db: Db, itemId: string, from: number, to: number): Promise<VersionDiff> {
  const [a, b] = [await repo.version(db, itemId, from), await repo.version(db, itemId, to)];
  if (!a || !b) throw notFound({ zh: '该政策版本', en: 'Policy version' });
  const sa = a.spec as Record<string, unknown>;
  const sb = b.spec as Record<string, unknown>;
  const amountKeys = ['amount', 'caps'];
  const pick = (s: Record<string, unknown>, keep: boolean) => Object.fromEntries(Object.entries(s).filter(([k]) => amountKeys.includes(k) === keep));
  return {
    itemId,
    from,
    to,
    rules: diffJson(pick(sa, false), pick(sb, false)),
    amounts: diffJson(pick(sa, true), pick(sb, true)),
    parameters: diffJson(a.parameters, b.parameters),
    meta: diffJson({ leadUnit: a.meta.leadUnit, supportingUnits: a.meta.supportingUnits, howToApply: a.meta.howToApply }, { leadUnit: b.meta.leadUnit, supportingUnits: b.meta.supportingUnits, howToApply: b.meta.howToApply }),
  };
}

/** The catalogue as it would be with the item's draft (version) published: for simulations. */
export async function rulesWithVersion(db: Db, itemId: string, version: number): Promise<Catalog> {
  const found = await repo.versionWithRevision(db, itemId, version);
  if (!found) throw notFound({ zh: '该政策版本', en: 'Policy version' });
  const v = found.row;
  // Kept per database for the published versions as they are and the version as it is now (a
  // draft is edited in place, under the same number): an officer's next what-if of the same
  // draft compiles nothing.
  const key = JSON.stringify([revisionKey(found.revision), itemId, version, v.spec, v.parameters]);
  let kept = withVersionCache.get(db);
  if (!kept) withVersionCache.set(db, (kept = new Map()));
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const rows = await repo.publishedVersions(db);
  const others = rows.filter((r) => r.item_id !== itemId);
  const catalog = compileItems(
    [...others.map((r) => r.spec as ItemSpec), v.spec as ItemSpec],
    [...others.filter((r) => Object.keys(r.parameters).length > 0).map((r) => r.parameters), v.parameters],
  );
  kept.set(key, catalog);
  for (const old of kept.keys()) {
    if (kept.size <= WITH_VERSION_KEPT) break;
    kept.delete(old);
  }
  return catalog;
}

/** Catalogues with one version put in (`rulesWithVersion`), the least recently used dropped beyond WITH_VERSION_KEPT. */
const withVersionCache = new WeakMap<Db, Map<string, Catalog>>();
const WITH_VERSION_KEPT = 8;

/** The impact of publishing and whether it needs a second officer (the thresholds of `config`). */
export interface PublishCheck extends PublishImpact {
  thresholds: { subjects: number; costFen: number };
  needsApproval: boolean;
}

async function publishCheck(deps: PublishDeps, itemId: string, version: number): Promise<PublishCheck> {
  const impact = await deps.publishImpact(deps.db, itemId, version, deps.clock.today());
  const thresholds = { subjects: deps.config.publishApprovalSubjects, costFen: deps.config.publishApprovalCostFen };
  const needsApproval = impact.affectedSubjects > thresholds.subjects || Math.abs(impact.costChangeFen) > thresholds.costFen;
  return { ...impact, thresholds, needsApproval };
}

/** What publishing the draft would change, and whether a second officer must approve it (for the confirmation dialog). */
export async function publishImpactOf(deps: PublishDeps, principal: Principal, itemId: string, version: number): Promise<PublishCheck> {
  const current = await repo.item(deps.db, itemId);
  if (!current) throw notFound({ zh: '该政策', en: 'Policy' });
  assertMayManage(principal, current.region_code);
  const v = await repo.version(deps.db, itemId, version);
  if (!v || (v.status !== 'draft' && v.status !== 'awaiting_approval')) throw notFound({ zh: '该草稿', en: 'Draft' });
  return publishCheck(deps, itemId, version);
}

/**
 * Publishes a draft, or, when it changes the eligibility of more subjects or the cost by more
 * than the configured thresholds, submits it for a second officer's approval (status
 * 'awaiting_approval'; the officers of the author's department who may approve are notified).
 * The impact is computed here, on the server, whatever the client showed.
 */
export async function publishDraft(deps: PublishDeps, principal: Principal, ctx: AuditContext, itemId: string, version: number): Promise<VersionView> {
  const current = await repo.item(deps.db, itemId);
  if (!current) throw notFound({ zh: '该政策', en: 'Policy' });
  assertMayManage(principal, current.region_code);
  const draft = await repo.version(deps.db, itemId, version);
  if (!draft) throw notFound({ zh: '该政策版本', en: 'Policy version' });
  if (draft.status === 'awaiting_approval')
    throw conflict('AWAITING_APPROVAL', '该草稿正等待另一位经办人审批', 'This draft is awaiting a second officer\'s approval', [fieldError('version', 'awaiting_approval', '等待审批中', 'is awaiting approval')]);
  if (draft.status !== 'draft') throw conflict('NOT_A_DRAFT', '只能发布草稿版本', 'Only a draft version can be published', [fieldError('version', 'draft', '不是草稿', 'is not a draft')]);
  // The catalogue may have changed since the draft was saved: check again.
  const { spec } = await validateDraft(deps.db, itemId, { spec: draft.spec, parameters: draft.parameters, note: draft.note });
  const check = await publishCheck(deps, itemId, version);
  if (check.needsApproval) return submitForApproval(deps, principal, ctx, itemId, version, current.region_code, check);
  const result = await deps.db.transaction().execute(async (trx) => {
    const again = await repo.version(trx, itemId, version);
    if (again?.status !== 'draft') throw conflict('NOT_A_DRAFT', '该草稿已被发布或撤销', 'This draft was already published or discarded');
    return publishInTransaction(deps, trx, principal, ctx, itemId, version, spec, draft);
  });
  invalidateRules(deps.db);
  return result;
}

async function publishInTransaction(deps: PolicyDeps, trx: Tx, principal: Principal, ctx: AuditContext, itemId: string, version: number, spec: ItemSpec, draft: repo.VersionRow): Promise<VersionView> {
  const docs = new Map((await repo.documents(trx)).map((d) => [d.key, d]));
  const item = (await repo.lockItem(trx, itemId))!;
  const now = deps.clock.now();
  if (item.current_version !== null) await repo.setVersionStatus(trx, itemId, item.current_version, 'superseded');
  await repo.setVersionStatus(trx, itemId, version, 'published', principal.userId, now);
  await repo.updateItem(trx, itemRow(spec, item.document_key, version, draft.meta), lexemes(spec, draft.meta, docs.get(item.document_key)));
  await record(trx, deps.clock, ctx, { action: 'policy.published', entityType: 'policy_item', entityId: itemId, data: { version, previousVersion: item.current_version, note: draft.note } });
  await deps.events.emit(trx, 'policy.published', { itemId, version, previousVersion: item.current_version, publishedBy: principal.userId });
  return versionView((await repo.version(trx, itemId, version))!);
}

const yuanText = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

async function submitForApproval(deps: PublishDeps, principal: Principal, ctx: AuditContext, itemId: string, version: number, regionCode: string | null, check: PublishCheck): Promise<VersionView> {
  // The department the author acts for on this item: its other officers may approve.
  const department = membershipsGranting(principal, 'policies.manage').find((m) => regionCode === null || regionCovers(m.regionCode, regionCode));
  if (!department) throw forbidden('只有负责该地区政策的经办人员可以提交发布', "Only officers responsible for the policy's region may submit it");
  const impact: PublishImpact = { affectedSubjects: check.affectedSubjects, costChangeFen: check.costChangeFen, evaluated: check.evaluated };
  return deps.db.transaction().execute(async (trx) => {
    const item = (await repo.lockItem(trx, itemId))!;
    const again = await repo.version(trx, itemId, version);
    if (again?.status !== 'draft') throw conflict('NOT_A_DRAFT', '该草稿已被发布或撤销', 'This draft was already published or discarded');
    await repo.submitForApproval(trx, itemId, version, { submittedBy: principal.userId, at: deps.clock.now(), department: department.organisationId, impact });
    await record(trx, deps.clock, ctx, {
      action: 'policy.approval_requested',
      entityType: 'policy_item',
      entityId: itemId,
      data: { version, department: department.organisationId, ...impact, thresholds: check.thresholds },
    });
    const approvers = (await repo.departmentMembersWithAnyRole(trx, department.organisationId, rolesGranting(deps.modules, 'policies.manage'))).filter(
      (u) => u !== principal.userId && u !== again.created_by,
    );
    for (const userId of approvers) {
      await notify(trx, deps, {
        userId,
        kind: 'policy.approval_requested',
        title: { zh: `待审批：${item.title_zh}（第 ${version} 版）`, en: `Awaiting approval: ${item.title_en} (version ${version})` },
        body: {
          zh: `${principal.displayName} 提交发布，影响 ${impact.affectedSubjects} 个主体，总金额变化 ${yuanText(impact.costChangeFen)} 元，超过需双人审批的阈值。请核对后批准或退回。`,
          en: `${principal.displayName} submitted it for publication: ${impact.affectedSubjects} subjects affected, total cost changing by ${yuanText(impact.costChangeFen)} CNY, above the threshold for a second approval. Please check it, then approve or return it.`,
        },
        link: `/policies/${itemId}/manage`,
        dedupeKey: `policy.approval:${itemId}:${version}:${deps.clock.now().toISOString()}`,
      });
    }
    return versionView((await repo.version(trx, itemId, version))!);
  });
}

function assertMayApprove(principal: Principal, v: repo.VersionRow): void {
  if (v.submitted_by === principal.userId || v.created_by === principal.userId)
    throw forbidden('提交人或起草人不能审批自己的草稿，须由另一位经办人审批', 'The author of a draft cannot approve it: a second officer must');
  if (!membershipsGranting(principal, 'policies.manage').some((m) => m.organisationId === v.approval_department))
    throw forbidden('只有同一部门具有政策管理权限的另一位经办人可以审批', 'Only another officer of the same department with the policy-management permission may approve');
}

/** A second officer of the author's department approves a draft awaiting approval: it is published. */
export async function approveDraft(deps: PublishDeps, principal: Principal, ctx: AuditContext, itemId: string, version: number): Promise<VersionView> {
  const current = await repo.item(deps.db, itemId);
  if (!current) throw notFound({ zh: '该政策', en: 'Policy' });
  assertMayManage(principal, current.region_code);
  const draft = await repo.version(deps.db, itemId, version);
  if (!draft) throw notFound({ zh: '该政策版本', en: 'Policy version' });
  if (draft.status !== 'awaiting_approval') throw conflict('NOT_AWAITING_APPROVAL', '该版本没有在等待审批', 'This version is not awaiting approval', [fieldError('version', 'awaiting_approval', '不在审批中', 'is not awaiting approval')]);
  assertMayApprove(principal, draft);
  const { spec } = await validateDraft(deps.db, itemId, { spec: draft.spec, parameters: draft.parameters, note: draft.note });
  const result = await deps.db.transaction().execute(async (trx) => {
    const again = await repo.version(trx, itemId, version);
    if (again?.status !== 'awaiting_approval') throw conflict('NOT_AWAITING_APPROVAL', '该版本已被处理', 'This version was already handled');
    await repo.setApprovedBy(trx, itemId, version, principal.userId);
    await record(trx, deps.clock, ctx, { action: 'policy.approved', entityType: 'policy_item', entityId: itemId, data: { version, submittedBy: again.submitted_by, impact: again.impact } });
    const view = await publishInTransaction(deps, trx, principal, ctx, itemId, version, spec, again);
    if (again.submitted_by)
      await notify(trx, deps, { userId: again.submitted_by, kind: 'policy.approval_requested', title: { zh: `已批准并发布：${current.title_zh}（第 ${version} 版）`, en: `Approved and published: ${current.title_en} (version ${version})` }, body: { zh: `${principal.displayName} 批准了您提交的版本，新版本已生效。`, en: `${principal.displayName} approved your submission; the new version is in force.` }, link: `/policies/${itemId}/manage` });
    return view;
  });
  invalidateRules(deps.db);
  return result;
}

/** A second officer sends a draft awaiting approval back to its author as an ordinary draft. */
export async function returnDraft(deps: PublishDeps, principal: Principal, ctx: AuditContext, itemId: string, version: number, reason: string): Promise<VersionView> {
  const current = await repo.item(deps.db, itemId);
  if (!current) throw notFound({ zh: '该政策', en: 'Policy' });
  assertMayManage(principal, current.region_code);
  return deps.db.transaction().execute(async (trx) => {
    await repo.lockItem(trx, itemId);
    const v = await repo.version(trx, itemId, version);
    if (v?.status !== 'awaiting_approval') throw conflict('NOT_AWAITING_APPROVAL', '该版本没有在等待审批', 'This version is not awaiting approval');
    assertMayApprove(principal, v);
    await repo.returnToDraft(trx, itemId, version);
    await record(trx, deps.clock, ctx, { action: 'policy.approval_returned', entityType: 'policy_item', entityId: itemId, data: { version, reason } });
    if (v.submitted_by)
      await notify(trx, deps, { userId: v.submitted_by, kind: 'policy.approval_requested', title: { zh: `已退回：${current.title_zh}（第 ${version} 版）`, en: `Returned: ${current.title_en} (version ${version})` }, body: { zh: `${principal.displayName} 退回了您提交的版本：${reason}`, en: `${principal.displayName} returned your submission: ${reason}` }, link: `/policies/${itemId}/manage` });
    return versionView((await repo.version(trx, itemId, version))!);
  });
}

export async function discardDraft(deps: PolicyDeps, principal: Principal, ctx: AuditContext, itemId: string, version: number): Promise<void> {
  const current = await repo.item(deps.db, itemId);
  if (!current) throw notFound({ zh: '该政策', en: 'Policy' });
  assertMayManage(principal, current.region_code);
  await deps.db.transaction().execute(async (trx) => {
    const v = await repo.version(trx, itemId, version);
    if (v?.status !== 'draft' && v?.status !== 'awaiting_approval') throw conflict('NOT_A_DRAFT', '只能撤销草稿版本', 'Only a draft version can be discarded');
    await repo.setVersionStatus(trx, itemId, version, 'discarded');
    await record(trx, deps.clock, ctx, { action: 'policy.draft_discarded', entityType: 'policy_item', entityId: itemId, data: { version } });
  });
}

export async function listDrafts(db: Db): Promise<VersionView[]> {
  return (await repo.drafts(db)).map(versionView);
}

/** True when the principal may manage the item (for the web app to show officer actions). */
export async function mayManage(db: Db, principal: Principal | null, itemId: string): Promise<boolean> {
  if (!principal) return false;
  const item = await repo.item(db, itemId);
  if (!item) return false;
  try {
    assertMayManage(principal, item.region_code);
    return true;
  } catch {
    return false;
  }
}

