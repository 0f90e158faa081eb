/**
 * What a verified stage brings. Each stage sets facts under the catalogue's own variables — 挂牌 on
 * the NEEQ `is_listed_neeq` and `neeq_listed_on` (Nanning's 新三板挂牌 subsidies, 001 三(三)14),
 * 辅导备案 and later `yuetang_entered_listing_process` with `yuetang_in_district_pre_ipo_pool` (岳塘's
 * staged listing reward, 004) — written as verified facts where the profile holds them. The
 * enterprise items of the firm's region that read a variable the stage sets are evaluated by the
 * rules engine with the firm's profile and those facts; each eligible verdict becomes
 * `award.pending` with `outcome` (source 'ipo', product `<board>:<stage>`, the stage's evidence)
 * for the firm, as `projects.rewards.ts` does. Amounts, ranges, regions and once-per are the
 * items'; an item the catalogue pays once per subject is handed once per firm, whatever the stage
 * or a later entry (kept in `ipo_reward_verdicts`, whose unique index holds it under concurrency).
 *
 * 岳塘's staged reward (004 三(五)3: "对进入上市程序的企业分不同阶段给予10万元以内的奖励") reads the
 * stage's amount `yuetang_ipo_stage_reward_decided`, which the district's listing-reward rules were to
 * fix. Until they are issued it is fixed here from the catalogue's parameters (the catalogue's
 * reading, stated in items.yaml and document.yaml): 辅导备案 `yuetang_ipo_reward_coaching` (3万元),
 * 申报受理 `yuetang_ipo_reward_filed` (3万元), 挂牌/上市 the ceiling `yuetang_ipo_reward_max` (10万元)
 * less what the firm's earlier stages were handed; every stage is also held to what is left under
 * the ceiling, so a firm's stages together never exceed it, whatever the order. The sum is read from
 * the handed verdicts (pending awards included, not only the budget's approved grants the engine's
 * cap sees; awards fulfilment has since refused or that were withdrawn count for nothing) under the
 * entry's row lock that `verifyStage` holds. A stage with nothing left is
 * recorded as not handed, with the reason.
 */
import { IPO_STAGES, type IpoBoard, type IpoStage } from '@seedbed/contract';
import { evaluateAll, itemReads, parameterValue, parseDate, RuleError, type Catalog, type Verdict } from '@seedbed/rules';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import type { AuditContext } from '../audit/index.js';
import { outcomeAwardKey, outcomeAwardStatuses } from '../fulfilment/index.js';
import { notify } from '../notifications/index.js';
import { regionCovers, rulesSnapshot } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { factsForRules, recordFacts, variableFor } from '../subjects/index.js';
import * as repo from './ipo.repository.js';

export type RewardDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'events' | 'benefitHistory' | 'modules'>;

/** The catalogue's variables the pool speaks. */
export const IPO_FACTS = {
  inPool: 'yuetang_in_district_pre_ipo_pool',
  /** 岳塘's pool takes firms "注册地和纳税登记地均在我区" (004 三(五)3): an admitted entry stands for it. */
  taxRegisteredInDistrict: 'yuetang_tax_registered_in_district',
  inListingProcess: 'yuetang_entered_listing_process',
  listedNeeq: 'is_listed_neeq',
  neeqListedOn: 'neeq_listed_on',
} as const;

/** 岳塘's staged reward: the amount variable the item reads, its ceiling, and each stage's amount (the last stage: the ceiling). */
export const STAGED_REWARD = {
  decided: 'yuetang_ipo_stage_reward_decided',
  ceiling: 'yuetang_ipo_reward_max',
  stages: { coaching: 'yuetang_ipo_reward_coaching', filed: 'yuetang_ipo_reward_filed', listed: 'yuetang_ipo_reward_max' } as Partial<Record<IpoStage, string>>,
} as const;

/** A money parameter's value in force on `day` (fen), if any: the engine's own lookup, without its error for none. */
function moneyParam(catalog: Catalog, name: string, day: string): number | undefined {
  const on = parseDate(day);
  if (on === undefined || !catalog.parameters.has(name)) return undefined;
  try {
    const value = parameterValue(catalog, name, on);
    return typeof value === 'number' ? value : undefined;
  } catch (e) {
    if (e instanceof RuleError) return undefined;
    throw e;
  }
}

/**
 * The staged reward's amount for `stage`: the stage's parameter, at most the ceiling less what the
 * firm's earlier stages were handed (`handedBefore`, fen); null where the stage has no amount.
 */
export function stagedRewardFen(catalog: Catalog, stage: IpoStage, day: string, handedBefore: number): number | null {
  const name = STAGED_REWARD.stages[stage];
  const ceiling = moneyParam(catalog, STAGED_REWARD.ceiling, day);
  const amount = name === undefined ? undefined : moneyParam(catalog, name, day);
  if (ceiling === undefined || amount === undefined) return null;
  return Math.max(0, Math.min(amount, ceiling - handedBefore));
}

const atLeast = (stage: IpoStage, than: IpoStage) => IPO_STAGES.indexOf(stage) >= IPO_STAGES.indexOf(than);

/** The variables reaching `stage` on `board` makes true: the items reading them are that stage's rewards. */
export function stageTriggers(board: IpoBoard, stage: IpoStage): string[] {
  const out: string[] = [];
  if (atLeast(stage, 'coaching')) out.push(IPO_FACTS.inListingProcess);
  if (stage === 'listed' && board === 'neeq') out.push(IPO_FACTS.listedNeeq);
  return out;
}

/** The facts of a firm in the pool that has reached `stage` on `board` (on `reachedOn`). */
export function stageFacts(board: IpoBoard, stage: IpoStage, reachedOn: string): Record<string, boolean | string> {
  const facts: Record<string, boolean | string> = { [IPO_FACTS.inPool]: true, [IPO_FACTS.taxRegisteredInDistrict]: true };
  if (atLeast(stage, 'coaching')) facts[IPO_FACTS.inListingProcess] = true;
  if (stage === 'listed' && board === 'neeq') Object.assign(facts, { [IPO_FACTS.listedNeeq]: true, [IPO_FACTS.neeqListedOn]: reachedOn });
  return facts;
}

/** The enterprise items of the region that reward reaching `stage` on `board`. */
async function rewardItems(db: Db | Tx, regionCode: string, board: IpoBoard, stage: IpoStage, via: Db | Tx = db) {
  const snap = await rulesSnapshot(db, via);
  const triggers = stageTriggers(board, stage);
  const items = [...snap.catalog.items.values()].filter(
    (i) => i.spec.entity === 'enterprise' && i.spec.region !== undefined && regionCovers(i.spec.region, regionCode) && itemReads(i.spec).some((v) => triggers.includes(v)),
  );
  return { snap, items };
}

/** Each stage's reward items in the region for the board, for the pages (title and the amount's note). */
export async function rewardItemsByStage(deps: Pick<AppDeps, 'db'>, regionCode: string, board: IpoBoard): Promise<{ stage: IpoStage; title: { zh: string; en: string }; note: { zh: string; en: string } | null }[]> {
  const out: { stage: IpoStage; title: { zh: string; en: string }; note: { zh: string; en: string } | null }[] = [];
  for (const stage of IPO_STAGES) {
    const { items } = await rewardItems(deps.db, regionCode, board, stage);
    for (const i of items) out.push({ stage, title: i.spec.title, note: i.spec.amount?.note ?? null });
  }
  return out;
}

const reasonsOf = (v: Verdict) => v.criteria.filter((c) => c.status !== 'pass').map((c) => c.reason ?? c.sentence);
const CEILING_REACHED = { zh: '本企业各阶段奖励已达合计上限（10万元以内）', en: 'The enterprise has reached the total ceiling of the staged reward (100,000 CNY)' };
const ONCE = { zh: '本企业已享受过该项奖励（政策规定每户一次）', en: 'The enterprise has already received this benefit (once per enterprise)' };
const SOURCE = { source: 'registry:ipo', verified: true };

/**
 * Inside the verification's transaction: writes the stage's facts on the firm's profile (verified,
 * those the profile holds), evaluates the stage's reward items and hands each newly eligible
 * verdict to fulfilment. Returns how many awards were handed.
 */
export async function rewardStage(
  trx: Tx,
  deps: RewardDeps,
  ctx: AuditContext,
  entry: repo.EntryRow,
  record: { stage: IpoStage; reachedOn: string; evidenceFileId: string },
): Promise<number> {
  const facts = stageFacts(entry.board, record.stage, record.reachedOn);
  const onProfile = Object.fromEntries(Object.entries(facts).filter(([k]) => variableFor('enterprise', k) !== undefined));
  if (Object.keys(onProfile).length > 0) await recordFacts(trx, deps, ctx, entry.subject_id, { facts: onProfile }, SOURCE);
  const { snap, items } = await rewardItems(deps.db, entry.region_code, entry.board, record.stage, trx);
  if (items.length === 0) return 0;
  const profile = await factsForRules(deps, trx, entry.subject_id);
  const known: Record<string, boolean | string | number> = Object.fromEntries(Object.entries(facts).filter(([k]) => snap.catalog.variables.has(k)));
  const productKey = `${entry.board}:${record.stage}`;
  const today = deps.clock.today();
  const handedBefore = await repo.handedFor(trx, entry.subject_id);
  const staged = new Set(items.filter((i) => itemReads(i.spec).includes(STAGED_REWARD.decided)).map((i) => i.id));
  if (staged.size > 0 && snap.catalog.variables.has(STAGED_REWARD.decided)) {
    // Awards later refused or withdrawn in fulfilment pay nothing, so they leave the ceiling free.
    const earlier = handedBefore
      .filter((h) => staged.has(h.item_id) && h.product_key !== productKey)
      .map((h) => ({ award: { subjectId: entry.subject_id, itemId: h.item_id, productKey: h.product_key }, fen: h.amount_fen ?? 0 }));
    const statuses = await outcomeAwardStatuses(trx, earlier.map((e) => e.award));
    const before = earlier.filter((e) => statuses.get(outcomeAwardKey(e.award))?.refused !== true).reduce((sum, e) => sum + e.fen, 0);
    const fen = stagedRewardFen(snap.catalog, record.stage, today, before);
    if (fen !== null) known[STAGED_REWARD.decided] = fen;
  }
  let verdicts: Verdict[];
  try {
    verdicts = evaluateAll(
      snap.catalog,
      {
        date: today,
        facts: { ...profile, region: entry.region_code, ...known },
        history: await deps.benefitHistory(trx, entry.subject_id),
        product: productKey,
        regionName: (code) => {
          const n = regionDisplayName(code);
          return n ? { zh: n, en: n } : undefined;
        },
      },
      { ids: items.map((i) => i.id) },
    );
  } catch (e) {
    if (e instanceof RuleError) return 0;
    throw e;
  }
  let handed = 0;
  for (const v of verdicts) {
    const spec = snap.catalog.items.get(v.item)?.spec;
    const amountFen = v.amount?.status === 'known' ? v.amount.fen : null;
    const once = handedBefore.some((h) => h.item_id === v.item && (h.product_key === productKey || spec?.once_per === 'subject'));
    const ceilingReached = !once && staged.has(v.item) && amountFen === 0;
    const already = once || ceilingReached;
    const hand = v.status === 'eligible' && !already;
    await repo.putVerdict(trx, {
      entry_id: entry.id,
      subject_id: entry.subject_id,
      stage: record.stage,
      item_id: v.item,
      product_key: productKey,
      item_title: v.title,
      status: already ? 'already_rewarded' : v.status,
      amount_fen: amountFen,
      up_to: v.amount?.upTo === true,
      reasons: once ? [ONCE] : ceilingReached ? [CEILING_REACHED] : reasonsOf(v),
      handed: hand,
      evaluated_on: today,
    });
    if (!hand) continue;
    handed += 1;
    await deps.events.emit(trx, 'award.pending', {
      itemId: v.item,
      itemVersion: snap.versions.get(v.item) ?? 1,
      subjectId: entry.subject_id,
      amountFen,
      evaluatedOn: today,
      verdict: v,
      outcome: { productKey, evidenceFileId: record.evidenceFileId, source: 'ipo' },
    });
    await notify(trx, deps, {
      subjectId: entry.subject_id,
      kind: 'award.pending',
      title: { zh: `待核定奖励：${v.title.zh}`, en: `Award pending: ${v.title.en}` },
      body: {
        zh: '上市进程阶段已经金融办核实，奖励已连同证明材料进入兑现流程。下一步：主管部门批复、公示并拨付。',
        en: 'The finance office verified the listing stage: the reward has entered fulfilment with the evidence. Next: the department approves, publicises and pays it.',
      },
      link: '/ipo/mine',
      dedupeKey: `ipo-award:${v.item}:${entry.subject_id}:${productKey}`,
    });
  }
  return handed;
}
