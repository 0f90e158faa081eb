import { randomUUID } from 'node:crypto';
import type { ApplicationChannel, ApplicationChannelSource } from '../../platform/application-channels.js';
import { checkValue, compilePopulation, formatMoney, evaluateItem, verdictsOf, isRealDate, RuleError, type Catalog, type GroupTally, type ItemPopulationResult, type PopulationEvaluator, type Verdict } from '@seedbed/rules';
import type { Principal } from '../../platform/access.js';
import type { BenefitHistorySource } from '../../platform/benefit-history.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { EventBus } from '../../platform/events.js';
import { withFactBases, type FactBasisSource } from '../../platform/fact-basis.js';
import type { PublishImpact } from '../../platform/publish-impact.js';
import { enqueueJob, enqueueJobUnlessQueued, getJob, type ChunkedJob } from '../../platform/jobs.js';
import { AppError, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { notify, type NotifyDeps } from '../notifications/index.js';
import { finderSnapshot, policyItemExists, rulesSnapshot, rulesWithVersion, type RulesSnapshot } from '../policies/index.js';
import { findRegion, knownRegions } from '../regions/index.js';
import { factsForRules, getProfile } from '../subjects/index.js';
import { RENAMED_VARIABLES, underCurrentNames } from '@seedbed/catalog';
import { SUBJECT_KINDS } from '@seedbed/contract';
import { checkBody, checkRequest, evaluateProfile, EVALUATION_DATE_RANGE, placeOf, regionName, type CheckInput, type RegionNames } from './finder.check.js';
import './finder.events.js';
import { chunkPopulation, variablesRead } from './finder.population.js';
import * as repo from './finder.repository.js';

export interface FinderDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  dataKey: Buffer;
  benefitHistory: BenefitHistorySource;
  modules: NotifyDeps['modules'] & { factBases?: readonly FactBasisSource[] };
  /** How each item is applied for (fulfilment's, wired in the app); absent, the results say nothing about it. */
  applicationChannels?: ApplicationChannelSource;
}

// ---------------------------------------------------------------- the anonymous check

/** How the items `ids` (default: every item of the snapshot) are applied for today (fulfilment decides; one query). */
async function channelsOf(source: ApplicationChannelSource, db: Db, snap: RulesSnapshot, today: string, ids?: readonly string[]): Promise<Map<string, ApplicationChannel>> {
  const views = ids ? ids.map((id) => snap.views.get(id)!).filter((v) => v !== undefined) : [...snap.views.values()];
  const items = views.filter((v) => !v.origin).map((v) => ({ id: v.id, mode: v.mode, entity: v.entity, leadUnit: v.leadUnit, regionCode: v.regionCode, effective: v.effective }));
  const channels = await source(db, items, today);
  // Another platform's item is applied for there, never here.
  for (const v of views)
    if (v.origin) channels.set(v.id, { status: 'offline', department: null, reason: { zh: `请到${v.origin.platform}申请`, en: `Apply for it on ${v.origin.platform}` } });
  return channels;
}

/** The check as encoded JSON of the CheckResult shape (see checkBody: verdicts memoised per item). */
export async function check(deps: Pick<FinderDeps, 'db' | 'clock'> & { applicationChannels?: ApplicationChannelSource }, request: CheckInput): Promise<Buffer> {
  // Facts sent under a name the catalogue has since consolidated are read under the shared name.
  const input: CheckInput = { ...request, profile: underCurrentNames(request.profile), ...(request.skip ? { skip: request.skip.map((n) => RENAMED_VARIABLES[n] ?? n) } : {}) };
  // With the items of the platforms this one subscribes to (the feeds module), marked with their origin.
  const snap = await finderSnapshot(deps.db);
  const regions = Object.entries(input.profile).filter(([name]) => snap.catalog.variables.get(name)?.type === 'region');
  const regionKnown = await knownRegions(deps.db, [input.region, ...regions.map(([, v]) => v)]);
  const errors = checkRequest(snap.catalog, input, regionKnown);
  if (errors.length > 0) throw invalid(errors);
  const date = input.date ?? deps.clock.today();
  const names = regionNamesOf(snap, [input.region, ...regions.map(([, v]) => v)]);
  const prepared = evaluateSafely(() => checkBody(snap, input, date, names, 10));
  // How the answered items are applied for (not every item of a large catalogue: a page's).
  const channels = deps.applicationChannels ? await channelsOf(deps.applicationChannels, deps.db, snap, deps.clock.today(), prepared.applicationIds) : new Map<string, ApplicationChannel>();
  return prepared.finish(channels);
}

/** Names of the items' regions in the snapshot and of the given codes (the request's region, region facts), from the in-memory GB/T 2260 tree. */
export function regionNamesOf(snap: RulesSnapshot, codes: readonly unknown[]): RegionNames {
  // The items' part once per snapshot (it walks the whole catalogue); the request's codes added to a copy when new.
  let base = itemRegionNames.get(snap);
  if (!base) {
    base = new Map<string, string>();
    for (const item of snap.catalog.items.values()) {
      const place = placeOf(snap, item);
      if (place) addRegionName(base, place);
    }
    itemRegionNames.set(snap, base);
  }
  let names: Map<string, string> | undefined;
  for (const c of codes)
    if (typeof c === 'string' && !base.has(c) && !names?.has(c) && regionName(c)) addRegionName((names ??= new Map(base)), c);
  return names ?? base;
}

const itemRegionNames = new WeakMap<RulesSnapshot, Map<string, string>>();

function addRegionName(names: Map<string, string>, code: string): void {
  if (names.has(code)) return;
  const name = regionName(code);
  if (name) names.set(code, name.zh);
}

/** Evaluation errors the checks above cannot foresee (a division by zero in a rule) are reported, never a 500. */
function evaluateSafely<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    const p = e.problems[0];
    const field = p?.path?.startsWith('/facts/') ? `profile.${p.path.slice(7)}` : p?.path === '/date' ? 'date' : 'profile';
    throw new AppError(422, 'EVALUATION_FAILED', { zh: `无法按这些信息评估：${e.message}`, en: `Cannot evaluate with these facts: ${e.message}` }, [
      fieldError(field, 'evaluable', e.message, e.message),
    ]);
  }
}

export async function variables(db: Db) {
  const snap = await rulesSnapshot(db);
  return {
    items: [...snap.catalog.variables.values()].map((v) => ({
      name: v.name,
      entity: Array.isArray(v.entity) ? v.entity : [v.entity],
      type: v.type,
      unit: v.unit ?? null,
      label: v.label,
      question: v.question ?? null,
      ...(v.values ? { values: v.values } : {}),
    })),
  };
}

// ---------------------------------------------------------------- a registered subject (一企一档)

/** The subject's facts as rule inputs: only catalogue variables, and only values the engine accepts. */
function ruleFacts(catalog: Catalog, facts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(facts)) {
    const spec = catalog.variables.get(name);
    if (!spec || v === null || v === undefined) continue;
    if (checkValue(spec, v) === null) out[name] = v;
  }
  return out;
}

async function subjectFacts(deps: FinderDeps, db: Db | Tx, catalog: Catalog, subjectId: string) {
  return ruleFacts(catalog, await factsForRules(deps, db, subjectId));
}

export async function subjectMatches(deps: FinderDeps, principal: Principal, subjectId: string, date?: string) {
  // A person's matches are worked out from their personal data: only those who may read it see them.
  const profile = await getProfile(deps, principal, subjectId, { requirePersonalData: true });
  if (date !== undefined && (!isRealDate(date) || date < EVALUATION_DATE_RANGE[0] || date > EVALUATION_DATE_RANGE[1]))
    throw invalid([fieldError('date', 'range:date', '评估日期无效或超出范围', 'is not a valid evaluation date')]);
  const snap = await finderSnapshot(deps.db);
  const facts = await subjectFacts(deps, deps.db, snap.catalog, subjectId);
  const history = await deps.benefitHistory(deps.db, subjectId);
  const day = date ?? deps.clock.today();
  const names = regionNamesOf(snap, Object.entries(facts).filter(([n]) => snap.catalog.variables.get(n)?.type === 'region').map(([, v]) => v));
  const channels = deps.applicationChannels ? await channelsOf(deps.applicationChannels, deps.db, snap, deps.clock.today()) : new Map<string, ApplicationChannel>();
  const result = evaluateSafely(() => evaluateProfile(snap, { profile: facts, entity: profile.kind }, day, history, 10, names, channels).result);
  // A criterion that failed on a verified fact cites what the fact rests on (the credit record that gates).
  const bases = deps.modules.factBases ?? [];
  const items = bases.length ? await Promise.all(result.items.map(async (i) => (i.status === 'eligible' ? i : { ...i, criteria: await withFactBases(bases, deps.db, subjectId, day, i.criteria) }))) : result.items;
  return { subject: { id: profile.id, kind: profile.kind, name: profile.name, regionCode: profile.regionCode }, profile: facts, ...result, items };
}

// ---------------------------------------------------------------- automatic matching (免申即享) and notifications

/** The match notice: the item, the amount it is worth to the subject (when known) and what to do next. */
const eligibleText = (v: Verdict, kind: 'policy' | 'profile') => {
  const fen = v.amount?.status === 'known' ? v.amount.fen : null;
  const worth = fen !== null ? { zh: `，预计可得${v.amount?.upTo ? '最高' : ''} ${formatMoney(fen, 'zh')}`, en: `, worth ${v.amount?.upTo ? 'up to ' : ''}${formatMoney(fen, 'en')}` } : { zh: '', en: '' };
  const why =
    kind === 'policy'
      ? { zh: '新发布或调整的政策与您的档案匹配', en: 'A newly published or changed policy matches your profile' }
      : { zh: '您的档案变化后，您已符合该政策条件', en: "After your profile changed, you now meet this policy's criteria" };
  const next =
    v.mode === 'automatic'
      ? { zh: '下一步：无需申请，将自动进入兑现流程。', en: 'Next: no application is needed; it enters fulfilment automatically.' }
      : { zh: '下一步：在“我的政策匹配”中查看条件并申请。', en: 'Next: check the criteria in My matches and apply.' };
  return {
    title: { zh: `您符合“${v.title.zh}”`, en: `You qualify for "${v.title.en}"` },
    body: { zh: `${why.zh}${worth.zh}。${next.zh}`, en: `${why.en}${worth.en}. ${next.en}` },
  };
};

/** Records a subject's new verdict for an item; when it turns eligible, tells the subject and, for 免申即享 items, fulfilment. */
async function recordVerdict(
  trx: Tx,
  deps: FinderDeps,
  subjectId: string,
  v: Verdict,
  version: number,
  date: string,
  kind: 'policy' | 'profile',
  known?: ReadonlyMap<string, repo.MatchRow>,
): Promise<void> {
  const before = known ? known.get(v.item) : await repo.matchOf(trx, subjectId, v.item);
  const amountFen = v.amount?.status === 'known' ? v.amount.fen : null;
  const unchanged = before && before.status === v.status && before.item_version === version && (before.amount_fen === null ? null : Number(before.amount_fen)) === amountFen;
  if (!unchanged) await repo.upsertMatch(trx, { subject_id: subjectId, item_id: v.item, item_version: version, status: v.status, amount_fen: amountFen, evaluated_on: date });
  const newlyEligible = v.status === 'eligible' && (before?.status !== 'eligible' || before.item_version !== version);
  if (!newlyEligible) return;
  const text = eligibleText(v, kind);
  await notify(trx, deps, {
    subjectId,
    kind: kind === 'policy' ? 'policy.match' : 'profile.eligible',
    ...text,
    link: `/finder/matches/${subjectId}#${v.item}`,
    dedupeKey: `eligible:${v.item}:v${version}:${subjectId}`,
  });
  if (v.mode === 'automatic') {
    await deps.events.emit(trx, 'award.pending', { itemId: v.item, itemVersion: version, subjectId, amountFen, evaluatedOn: date, verdict: v });
    await notify(trx, deps, {
      subjectId,
      kind: 'award.pending',
      title: { zh: `免申即享：${v.title.zh}`, en: `No application needed: ${v.title.en}` },
      body: {
        zh: `无需申请，已自动进入兑现流程${amountFen !== null ? `（${formatMoney(amountFen, 'zh')}）` : ''}。下一步：主管部门核定后批复、公示并拨付。`,
        en: `No application is needed: it has entered fulfilment${amountFen !== null ? ` (${formatMoney(amountFen, 'en')})` : ''}. Next: the department confirms, approves, publicises and pays it.`,
      },
      link: `/finder/matches/${subjectId}#${v.item}`,
      dedupeKey: `award:${v.item}:v${version}:${subjectId}`,
    });
  }
}

/** 'subject.facts_changed': re-evaluates the subject inside the change's transaction. */
export async function onFactsChanged(trx: Tx, deps: FinderDeps, payload: { subjectId: string; kind: string }): Promise<void> {
  // The subject's column block changed: refreshed in the background, before the next population job reads it.
  if (await repo.hasStoredColumns(trx, payload.kind)) await enqueueJobUnlessQueued(trx, 'finder.refresh_blocks', {});
  const snap = await rulesSnapshot(deps.db, trx);
  const facts = await subjectFacts(deps, trx, snap.catalog, payload.subjectId);
  const history = await deps.benefitHistory(trx, payload.subjectId);
  const date = deps.clock.today();
  const known = await repo.matchesOf(trx, payload.subjectId);
  // One verdict at a time: each is recorded and dropped, never the whole catalogue's at once.
  const verdicts = verdictsOf(snap.catalog, { date, facts, history, regionName }, { entity: payload.kind });
  for (;;) {
    let next: IteratorResult<Verdict, void>;
    try {
      next = verdicts.next();
    } catch (e) {
      // A profile the rules cannot evaluate must not block saving it; the calculator shows why.
      // The verdicts recorded before the item that could not be evaluated stand: each is right.
      if (e instanceof RuleError) return;
      throw e;
    }
    if (next.done) return;
    await recordVerdict(trx, deps, payload.subjectId, next.value, snap.versions.get(next.value.item) ?? 1, date, 'profile', known);
  }
}

/** 'policy.published': matching every registered subject is a persisted job. */
export async function onPolicyPublished(trx: Tx, payload: { itemId: string; version: number }): Promise<void> {
  await enqueueJob(trx, 'finder.match_item', { itemId: payload.itemId, version: payload.version });
}

/** The kind of profile an item of this entity is evaluated against (every catalogue entity has one). */
const subjectKind = (entity: string): string | null => ((SUBJECT_KINDS as readonly string[]).includes(entity) ? entity : null);

/** A part of the matching: its subjects seen and newly matched; `eligible` only until its commit writes them. */
interface MatchPart {
  seen: number;
  matched: number;
  eligible?: { id: string; facts: Record<string, unknown> | null }[];
}

/**
 * Job 'finder.match_item', split into slices of the subject id space that any runner of any app
 * process takes: the compiled evaluator picks out a slice's eligible subjects, then the
 * interpreter explains each and their matches and notifications are written in the transaction
 * that marks the slice done (so a slice re-run after a crash writes once).
 */
export function matchItemJob(deps: FinderDeps & { dbKind?: 'pglite' | 'postgres' }, parts = populationParts(deps)): ChunkedJob<{ itemId: string; version: number }, { from: string | null; before: string | null }, MatchPart, unknown> {
  const published = (snap: RulesSnapshot, itemId: string) => {
    const item = snap.catalog.items.get(itemId);
    const version = snap.versions.get(itemId);
    return item && version !== undefined ? { item, version, kind: subjectKind(item.spec.entity) } : null;
  };
  return {
    split: async ({ payload }) => {
      const p = published(await rulesSnapshot(deps.db), payload.itemId);
      return p?.kind ? streams(parts).map(({ from, before }) => ({ from, before })) : [];
    },
    run: async ({ payload, spec }) => {
      const snap = await rulesSnapshot(deps.db);
      const p = published(snap, payload.itemId);
      if (!p?.kind) return { seen: 0, matched: 0 };
      const evaluator = compilePopulation(snap.catalog, [payload.itemId]);
      const { rule, stored } = variablesRead(snap.catalog, [payload.itemId]);
      const date = deps.clock.today();
      const part: MatchPart = { seen: 0, matched: 0, eligible: [] };
      // The demo's synthetic subjects (no account to tell) are simulated, never matched.
      const slices: Stream[] = [{ from: spec.from, before: spec.before }];
      for await (const { rows } of streamedChunks(deps.db, p.kind, snap.catalog, stored, slices, { withDemo: false })) {
        const res = evaluator.evaluate(chunkPopulation(snap.catalog, rows, rule).population, date, { collectEligible: true });
        for (const row of res.items[0]?.eligibleRows ?? []) part.eligible!.push({ id: rows.ids[row]!, facts: repo.factsAt(snap.catalog, rows, row) });
        part.seen += rows.ids.length;
      }
      return part;
    },
    commit: async (trx, { payload }, part) => {
      const snap = await rulesSnapshot(deps.db, trx);
      const p = published(snap, payload.itemId);
      let matched = 0;
      const date = deps.clock.today();
      if (p)
        for (const { id, facts: read } of part.eligible ?? []) {
          const facts = ruleFacts(snap.catalog, { ...(read ?? {}) });
          const all = await subjectFacts(deps, trx, snap.catalog, id);
          const history = await deps.benefitHistory(trx, id);
          let v: Verdict;
          try {
            v = evaluateItem(snap.catalog, payload.itemId, { date, facts: { ...facts, ...all }, history, regionName });
          } catch (e) {
            if (e instanceof RuleError) continue;
            throw e;
          }
          if (v.status === 'eligible') matched++;
          await recordVerdict(trx, deps, id, v, p.version, date, 'policy');
        }
      return { seen: part.seen, matched };
    },
    merge: async ({ payload, trx }, parts) => {
      const p = published(await rulesSnapshot(deps.db, trx), payload.itemId);
      if (!p) return { skipped: 'not published' };
      if (parts.length > 0) await repo.dropOlderMatches(trx, payload.itemId, p.version);
      return { seen: parts.reduce((n, x) => n + x.seen, 0), matched: parts.reduce((n, x) => n + x.matched, 0) };
    },
  };
}

// ---------------------------------------------------------------- what-if simulations

/** A slice of the subject ids [from, before), its bounds on column block boundaries (null: no bound). */
interface Stream {
  from: string | null;
  before: string | null;
}

/** The id space cut in `n` slices of whole column blocks (the parts of a population job). */
function streams(n: number): Stream[] {
  const bound = (k: number) => (k === 0 || k === n ? null : `${Math.floor((k * repo.BLOCKS) / n).toString(16).padStart(3, '0')}00000-0000-0000-0000-000000000000`);
  return Array.from({ length: n }, (_, i) => ({ from: bound(i), before: bound(i + 1) }));
}

/** Blocks read together: about 31,000 subjects at 1,000,000 (the blocks are ~1/4,096 of a kind each). */
const BLOCK_GROUP = 128;
/** Groups of blocks being read at once. */
const READ_AHEAD = 2;

/**
 * The subjects of the slices' id ranges as chunks of stored column blocks (`blockColumns`), the
 * next groups of blocks already being read while the caller evaluates the current one. A slice's
 * bounds are block boundaries (`streams`).
 */
async function* streamedChunks(db: Db, kind: string, catalog: Catalog, stored: readonly string[], slices: Stream[], options: { withDemo?: boolean; withIds?: boolean } = {}): AsyncGenerator<{ slice: number; rows: repo.SubjectColumns }> {
  const groups: { slice: number; lo: number; hi: number }[] = [];
  slices.forEach((st, slice) => {
    const first = st.from === null ? 0 : repo.blockOf(st.from);
    const end = st.before === null ? repo.BLOCKS : repo.blockOf(st.before);
    for (let lo = first; lo < end; lo += BLOCK_GROUP) groups.push({ slice, lo, hi: Math.min(end, lo + BLOCK_GROUP) });
  });
  // The revisions of every group's blocks in one statement: the chunks this process keeps (finder.cache.ts) are checked against them without a query each.
  const revisions = groups.length > 1 ? await repo.blockRevisions(db, kind, groups) : [];
  const fetch = (k: number) => {
    const g = groups[k]!;
    const p = repo.blockColumns(db, kind, catalog, stored, g.lo, g.hi, { ...options, ...(revisions[k] !== undefined ? { revisions: revisions[k] } : {}) }).then((rows) => ({ slice: g.slice, rows }));
    // Keep a failed prefetch from becoming an unhandled rejection while the caller works.
    p.catch(() => undefined);
    return p;
  };
  // Up to READ_AHEAD groups in flight: the database reads the next ones while this process decodes and evaluates.
  const inFlight = Array.from({ length: Math.min(READ_AHEAD, groups.length) }, (_, k) => fetch(k));
  for (let k = 0; k < groups.length; k++) {
    const got = await inFlight.shift()!;
    if (k + READ_AHEAD < groups.length) inFlight.push(fetch(k + READ_AHEAD));
    if (got.rows.size > 0) yield got;
  }
}


interface Tally {
  eligible: number;
  nearMiss: number;
  unknown: number;
  ineligible: number;
  amountFen: number;
  amountUnknown: number;
}
interface SideAcc {
  version: number;
  total: Tally;
  nearMissByCriterion: Record<string, number>;
  byDistrict: Record<string, Tally>;
}
/** A part of a simulation: the tallies of one slice of the subject id space (summed into the result). */
export interface SimulationPart {
  rows: number;
  /** Subjects whose eligibility differs between the two versions (a new item: those eligible). */
  affected: number;
  elapsedMs: number;
  draft: SideAcc;
  current: SideAcc | null;
}
export interface SimulationPayload {
  simulationId: string;
  itemId: string;
  version: number;
  baseVersion: number | null;
  date: string;
}

const emptyTally = (): Tally => ({ eligible: 0, nearMiss: 0, unknown: 0, ineligible: 0, amountFen: 0, amountUnknown: 0 });

function addTally(t: Tally, r: Omit<GroupTally, 'nearMiss'>): void {
  t.eligible += r.eligible;
  t.nearMiss += r.nearMissTotal;
  t.unknown += r.unknown;
  t.ineligible += r.ineligible - r.nearMissTotal;
  t.amountFen += r.amountFen;
  t.amountUnknown += r.amountUnknown;
}

/** A chunk's result: its total, and each district's tallies (districts[g] is group g; one without rows is left out). */
function addSide(side: SideAcc, districts: readonly string[], r: ItemPopulationResult): void {
  addTally(side.total, r);
  for (const [c, n] of Object.entries(r.nearMiss)) side.nearMissByCriterion[c] = (side.nearMissByCriterion[c] ?? 0) + n;
  r.groups?.forEach((g, i) => {
    if (g.eligible + g.unknown + g.ineligible > 0) addTally((side.byDistrict[districts[i]!] ??= emptyTally()), g);
  });
}

/** How many parts a population job is split into on a PostgreSQL server (slices of the id space that runners take from the queue). */
export const SIMULATION_PARTS = 8;

/**
 * The parts of a population job (a simulation, a re-matching): SIMULATION_PARTS on a PostgreSQL
 * server, where runners of any process take them side by side; one on PGlite, which is one
 * process with one thread, where more parts would run one after another and only add round
 * trips to the queue.
 */
export const populationParts = (deps: { dbKind?: 'pglite' | 'postgres' }): number => (deps.dbKind === 'pglite' ? 1 : SIMULATION_PARTS);

interface SimulationSetup {
  key: string;
  kind: string | null;
  draftCatalog: Catalog;
  draftEv: PopulationEvaluator;
  currentEv: PopulationEvaluator | null;
  rule: string[];
  stored: string[];
}

async function simulationSetup(db: Db, { itemId, version, baseVersion }: SimulationPayload): Promise<Omit<SimulationSetup, 'key'>> {
  const draftCatalog = await rulesWithVersion(db, itemId, version);
  const draftItem = draftCatalog.items.get(itemId)!;
  const draftEv = compilePopulation(draftCatalog, [itemId]);
  let currentEv: PopulationEvaluator | null = null;
  let currentCatalog: Catalog | null = null;
  if (baseVersion !== null) {
    currentCatalog = await rulesWithVersion(db, itemId, baseVersion);
    currentEv = compilePopulation(currentCatalog, [itemId]);
  }
  const a = variablesRead(draftCatalog, [itemId]);
  const b = currentCatalog ? variablesRead(currentCatalog, [itemId]) : { rule: [], stored: [] };
  return { kind: subjectKind(draftItem.spec.entity), draftCatalog, draftEv, currentEv, rule: [...new Set([...a.rule, ...b.rule])], stored: [...new Set([...a.stored, ...b.stored])] };
}

const side = (v: number): SideAcc => ({ version: v, total: emptyTally(), nearMissByCriterion: {}, byDistrict: {} });

function addTallies(into: Tally, t: Tally): void {
  for (const k of Object.keys(into) as (keyof Tally)[]) into[k] += t[k];
}

function mergeSide(into: SideAcc, s: SideAcc): void {
  addTallies(into.total, s.total);
  for (const [region, t] of Object.entries(s.byDistrict)) addTallies((into.byDistrict[region] ??= emptyTally()), t);
  for (const [c, n] of Object.entries(s.nearMissByCriterion)) into.nearMissByCriterion[c] = (into.nearMissByCriterion[c] ?? 0) + n;
}

/**
 * Job 'finder.simulate': the draft and the current version over every registered subject, split
 * into slices of the subject id space that any runner of any app process takes from the queue;
 * each slice's tallies are stored with its done status and summed when the last one is done.
 */
export function simulationJob(deps: Pick<FinderDeps, 'db'> & { dbKind?: 'pglite' | 'postgres' }, parts = populationParts(deps)): ChunkedJob<SimulationPayload, { from: string | null; before: string | null }, SimulationPart, unknown> {
  // The evaluators of the simulation this runner last worked on (its next part is likely the same
  // one's). Kept for that simulation only: a draft is edited in place, under the same version.
  let cached: Promise<SimulationSetup> | null = null;
  const setupOf = (p: SimulationPayload): Promise<SimulationSetup> => {
    const key = JSON.stringify([p.simulationId, p.itemId, p.version, p.baseVersion]);
    const hit = cached;
    if (hit) return hit.then((s) => (s.key === key ? s : (cached = simulationSetup(deps.db, p).then((x) => ({ ...x, key })))));
    return (cached = simulationSetup(deps.db, p).then((x) => ({ ...x, key })));
  };
  return {
    split: async () => streams(parts).map(({ from, before }) => ({ from, before })),
    run: async ({ payload, spec }) => {
      const started = performance.now();
      const s = await setupOf(payload).catch((e: unknown) => {
        cached = null;
        throw e;
      });
      const part: SimulationPart = { rows: 0, affected: 0, elapsedMs: 0, draft: side(payload.version), current: payload.baseVersion !== null ? side(payload.baseVersion) : null };
      const slices: Stream[] = [{ from: spec.from, before: spec.before }];
      for await (const { rows } of s.kind ? streamedChunks(deps.db, s.kind, s.draftCatalog, s.stored, slices, { withIds: false }) : []) {
        // The chunk evaluated once per version, with each district tallied by the evaluator.
        const { population, districts, groupOf } = chunkPopulation(s.draftCatalog, rows, s.rule);
        const options = { collectEligible: true, groups: districts.length, groupOf };
        const a = s.draftEv.evaluate(population, payload.date, options).items[0]!;
        addSide(part.draft, districts, a);
        const b = s.currentEv && part.current ? s.currentEv.evaluate(population, payload.date, options).items[0]! : null;
        if (b && part.current) addSide(part.current, districts, b);
        part.affected += eligibilityChanges(a, b);
        part.rows += rows.size;
      }
      part.elapsedMs = performance.now() - started;
      return part;
    },
    merge: async ({ payload, startedAt }, parts) => {
      const out = { rows: 0, elapsedMs: 0, draft: side(payload.version), current: payload.baseVersion !== null ? side(payload.baseVersion) : null, affected: 0 };
      for (const p of parts) {
        out.rows += p.rows;
        out.affected += p.affected;
        mergeSide(out.draft, p.draft);
        if (out.current && p.current) mergeSide(out.current, p.current);
      }
      // Wall time from the first claim to the last part (the parts ran side by side).
      out.elapsedMs = Math.max(0, Date.now() - startedAt.getTime());
      return out;
    },
  };
}

/** Rows eligible under exactly one of the two results (without a current version: the eligible rows). */
function eligibilityChanges(draft: ItemPopulationResult, current: ItemPopulationResult | null): number {
  const a = draft.eligibleRows ?? [];
  if (!current) return a.length;
  const b = current.eligibleRows ?? [];
  // Both lists are in row order: walked side by side.
  let same = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      same++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return a.length - same + (b.length - same);
}

/**
 * What publishing `version` of the item would change, evaluated now over every registered
 * subject (the demo's synthetic ones included) against the published version: the policies
 * module's gate for a second approval (wired as `deps.publishImpact`). The compiled evaluator
 * makes this a fraction of a second for thousands of subjects.
 */
export async function publishImpact(db: Db, itemId: string, version: number, date: string): Promise<PublishImpact> {
  const snap = await rulesSnapshot(db);
  const baseVersion = snap.versions.get(itemId) ?? null;
  const draftCatalog = await rulesWithVersion(db, itemId, version);
  const draftItem = draftCatalog.items.get(itemId)!;
  const kind = subjectKind(draftItem.spec.entity);
  if (!kind) return { affectedSubjects: 0, costChangeFen: 0, evaluated: 0 };
  const draftEv = compilePopulation(draftCatalog, [itemId]);
  const currentCatalog = baseVersion !== null && baseVersion !== version ? snap.catalog : null;
  const currentEv = currentCatalog?.items.has(itemId) ? compilePopulation(currentCatalog, [itemId]) : null;
  const a = variablesRead(draftCatalog, [itemId]);
  const b = currentEv && currentCatalog ? variablesRead(currentCatalog, [itemId]) : { rule: [], stored: [] };
  const rule = [...new Set([...a.rule, ...b.rule])];
  const stored = [...new Set([...a.stored, ...b.stored])];
  let affectedSubjects = 0;
  let costChangeFen = 0;
  let evaluated = 0;
  for await (const { rows } of streamedChunks(db, kind, draftCatalog, stored, [{ from: null, before: null }], { withIds: false })) {
    evaluated += rows.size;
    const { population } = chunkPopulation(draftCatalog, rows, rule);
    const x = draftEv.evaluate(population, date, { collectEligible: true }).items[0]!;
    const y = currentEv ? currentEv.evaluate(population, date, { collectEligible: true }).items[0]! : null;
    affectedSubjects += eligibilityChanges(x, y);
    costChangeFen += x.amountFen - (y?.amountFen ?? 0);
  }
  return { affectedSubjects, costChangeFen, evaluated };
}

export async function createSimulation(deps: FinderDeps, principal: Principal, ctx: AuditContext, input: { itemId: string; version: number; date?: string }) {
  const snap = await rulesSnapshot(deps.db);
  // A new item (no published version yet) is simulated alone, with no current version to compare.
  if (!snap.versions.has(input.itemId) && !(await policyItemExists(deps.db, input.itemId)))
    throw invalid([fieldError('itemId', 'known_item', '不是政策目录中的事项', 'is not a policy item of the catalogue')]);
  if (input.date !== undefined && (!isRealDate(input.date) || input.date < EVALUATION_DATE_RANGE[0] || input.date > EVALUATION_DATE_RANGE[1]))
    throw invalid([fieldError('date', 'range:date', '评估日期无效或超出范围', 'is not a valid evaluation date')]);
  try {
    await rulesWithVersion(deps.db, input.itemId, input.version);
  } catch (e) {
    if (e instanceof AppError) throw invalid([fieldError('version', 'exists', '该版本不存在', 'no such version')]);
    throw e;
  }
  const baseVersion = snap.versions.get(input.itemId) ?? null;
  const id = randomUUID();
  const payload: SimulationPayload = { simulationId: id, itemId: input.itemId, version: input.version, baseVersion: baseVersion === input.version ? null : baseVersion, date: input.date ?? deps.clock.today() };
  await deps.db.transaction().execute(async (trx) => {
    const jobId = await enqueueJob(trx, 'finder.simulate', payload);
    await repo.insertSimulation(trx, { id, item_id: input.itemId, item_version: input.version, base_version: payload.baseVersion, evaluated_on: payload.date, job_id: jobId, created_by: principal.userId });
    await record(trx, deps.clock, ctx, { action: 'finder.simulation_requested', entityType: 'policy_item', entityId: input.itemId, data: { simulationId: id, version: input.version } });
  });
  return getSimulation(deps, id);
}

async function namedDistricts(db: Db, side: SideAcc | null) {
  if (!side) return null;
  const byDistrict = [];
  for (const [region, t] of Object.entries(side.byDistrict).sort((x, y) => y[1].amountFen - x[1].amountFen || x[0].localeCompare(y[0]))) {
    byDistrict.push({ region, name: /^\d{6}$/.test(region) ? ((await findRegion(db, region))?.name ?? null) : null, ...t });
  }
  return { version: side.version, total: side.total, nearMissByCriterion: side.nearMissByCriterion, byDistrict };
}

export async function getSimulation(deps: Pick<FinderDeps, 'db'>, id: string) {
  const s = await repo.simulation(deps.db, id);
  if (!s) throw notFound({ zh: '该模拟测算', en: 'Simulation' });
  const job = await getJob(deps.db, s.job_id);
  const raw = job?.status === 'done' ? (job.result as { rows: number; elapsedMs: number; draft: SideAcc; current: SideAcc | null; affected?: number }) : null;
  return {
    id: s.id,
    itemId: s.item_id,
    version: s.item_version,
    baseVersion: s.base_version,
    date: s.evaluated_on,
    status: job?.status ?? 'failed',
    progress: job?.progress ?? 0,
    error: job?.status === 'failed' ? job.error : null,
    createdAt: s.created_at.toISOString(),
    result: raw ? { rows: raw.rows, elapsedMs: raw.elapsedMs, draft: (await namedDistricts(deps.db, raw.draft))!, current: await namedDistricts(deps.db, raw.current), affected: raw.affected ?? 0 } : null,
  };
}

export async function listSimulations(deps: Pick<FinderDeps, 'db'>, itemId: string) {
  const rows = await repo.simulationsOf(deps.db, itemId, 20);
  return { items: await Promise.all(rows.map((r) => getSimulation(deps, r.id))) };
}

export function assertOfficer(principal: Principal): void {
  if (!principal.memberships.some((m) => m.organisationKind === 'government')) throw forbidden();
}

export type { RulesSnapshot };
