/**
 * The reward a verified successful adoption triggers (Yingtan's 创业项目库项目被采用成功创业奖励,
 * 002 四16: 3,000–5,000 元 per project to the project's provider, fixed by the human-resources
 * bureau). The mechanism is the carriers' outcomes' (`carriers.outcomes.ts`): the catalogue's
 * provider items that read a successful adoption are evaluated by the rules engine with the
 * project's facts (in the public library, adopted and succeeded, the reward fixed in fen), the
 * product being the project; each eligible verdict becomes `award.pending` with `outcome` (the
 * project as product key, the adopter's evidence) for the poster's provider profile, handed to
 * fulfilment once per project (kept in `project_reward_verdicts`; fulfilment's once-per-product
 * key holds it once too). The range, the region and the once-per are the item's, never re-stated.
 *
 * A person who posted a project has no provider profile: the catalogue encodes the project's
 * provider as a provider (服务机构) and fulfilment refuses an item to a profile of another kind,
 * so the reward is recorded as not payable here, with the reason, and never faked.
 */
import { evaluateAll, itemReads, RuleError, type Verdict } from '@seedbed/rules';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, invalid } from '../../platform/problems.js';
import type { AuditContext } from '../audit/index.js';
import { departmentOf } from '../fulfilment/index.js';
import { notify } from '../notifications/index.js';
import { getPolicyItem, regionCovers, rulesSnapshot } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import * as repo from './projects.repository.js';

export type RewardDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'events' | 'benefitHistory' | 'modules'>;

/** The catalogue's variables of a project library (Yingtan's names; the items that read them are the rewards). */
export const PROJECT_FACTS = { inLibrary: 'yt_project_in_public_library', succeeded: 'yt_project_adopted_and_succeeded', reward: 'yt_project_reward_decided' } as const;

/** The provider items rewarding an adopted project whose region covers `regionCode`. */
async function rewardItems(db: Db | Tx, regionCode: string, via: Db | Tx = db) {
  const snap = await rulesSnapshot(db, via);
  const items = [...snap.catalog.items.values()].filter(
    (i) => i.spec.entity === 'provider' && itemReads(i.spec).includes(PROJECT_FACTS.succeeded) && i.spec.region !== undefined && regionCovers(i.spec.region, regionCode),
  );
  return { snap, items };
}

/** The reward item of the project's region, for the pages (title and range in words). */
export async function rewardItemFor(deps: Pick<AppDeps, 'db'>, regionCode: string): Promise<{ id: string; title: { zh: string; en: string }; note: { zh: string; en: string } | null } | null> {
  const { items } = await rewardItems(deps.db, regionCode);
  const i = items[0];
  return i ? { id: i.id, title: i.spec.title, note: i.spec.amount?.note ?? null } : null;
}

/** The department keeping the library in the region: the reward item's lead unit as fulfilment maps it there. Read outside a transaction. */
export async function keeperOf(deps: Pick<AppDeps, 'db'>, regionCode: string): Promise<string | null> {
  const { items } = await rewardItems(deps.db, regionCode);
  for (const i of items) {
    const view = await getPolicyItem(deps.db, i.id);
    if (!view) continue;
    const dept = await departmentOf(deps.db, view);
    if (dept) return dept.organisation_id;
  }
  return null;
}

const reasonsOf = (v: Verdict) => v.criteria.filter((c) => c.status !== 'pass').map((c) => c.reason ?? c.sentence);
const NOT_PAYABLE = {
  zh: '项目由个人发布：政策目录将该奖励的对象（项目提供者）编码为服务机构，兑现系统不能把服务机构事项兑现给个人档案，本平台暂不能在线兑现。成功创业的核定已记录，请持核定结果向人社部门咨询线下办理。',
  en: 'The project was posted by a person: the catalogue encodes this reward\'s recipient (the project provider) as a service organisation, and fulfilment cannot pay an organisation\'s item to a person\'s profile, so it cannot be paid online here. The verified success is on record: ask the human-resources bureau about claiming it offline.',
};

/**
 * Evaluates the project's reward items with the verified success (inside the verification's
 * transaction) and hands each newly eligible verdict to fulfilment. A fixed reward outside the
 * item's range is refused naming `rewardFen` (the transaction then writes nothing).
 */
export async function evaluateReward(trx: Tx, deps: RewardDeps, ctx: AuditContext, project: repo.ProjectRow, success: { rewardFen: number; evidenceFileId: string }): Promise<void> {
  void ctx;
  const { snap, items } = await rewardItems(deps.db, project.region_code, trx);
  if (items.length === 0) return;
  const facts = Object.fromEntries(
    Object.entries({ region: project.region_code, [PROJECT_FACTS.inLibrary]: project.status === 'admitted', [PROJECT_FACTS.succeeded]: true, [PROJECT_FACTS.reward]: success.rewardFen }).filter(([k]) => snap.catalog.variables.has(k)),
  );
  const poster = project.poster_subject_id;
  const payable = project.poster_kind === 'provider';
  const history = payable ? await deps.benefitHistory(trx, poster) : [];
  const today = deps.clock.today();
  let verdicts: Verdict[];
  try {
    verdicts = evaluateAll(snap.catalog, { date: today, facts, history, product: project.title, regionName: (code) => { const n = regionDisplayName(code); return n ? { zh: n, en: n } : undefined; } }, { ids: items.map((i) => i.id) });
  } catch (e) {
    if (e instanceof RuleError) return;
    throw e;
  }
  const before = await repo.verdictStatus(trx, project.id);
  for (const v of verdicts) {
    const amountFen = v.amount?.status === 'known' ? v.amount.fen : null;
    // The bureau fixes the amount within the item's range: one the formula would move is out of range.
    if (v.status === 'eligible' && amountFen !== null && amountFen !== success.rewardFen) {
      const note = snap.catalog.items.get(v.item)?.spec.amount?.note;
      throw invalid([fieldError('rewardFen', 'item_range', `核定金额应在政策规定的区间内（${note?.zh ?? v.title.zh}）`, `must lie within the policy's range (${note?.en ?? v.title.en})`)]);
    }
    const handedBefore = before.get(v.item)?.handed === true;
    if (handedBefore) throw conflict('PROJECT_REWARDED', '该项目的奖励已进入兑现流程（每个项目奖励一次）', "This project's reward is already in fulfilment (once per project)", [fieldError('rewardFen', 'once_per_project', '每个项目只奖励一次', 'one reward per project')]);
    const hand = payable && v.status === 'eligible';
    await repo.putVerdict(trx, {
      project_id: project.id,
      item_id: v.item,
      item_title: v.title,
      status: payable ? v.status : 'not_payable',
      amount_fen: amountFen,
      reasons: payable ? reasonsOf(v) : [NOT_PAYABLE],
      handed: hand,
      evaluated_on: today,
    });
    if (!hand) continue;
    await deps.events.emit(trx, 'award.pending', {
      itemId: v.item,
      itemVersion: snap.versions.get(v.item) ?? 1,
      subjectId: poster,
      amountFen,
      evaluatedOn: today,
      verdict: v,
      outcome: { productKey: project.title, evidenceFileId: success.evidenceFileId, source: 'projects' },
    });
    await notify(trx, deps, {
      subjectId: poster,
      kind: 'award.pending',
      title: { zh: `待核定奖励：${v.title.zh}`, en: `Award pending: ${v.title.en}` },
      body: {
        zh: `项目“${project.title}”被采用并成功创业，奖励已连同证明材料进入兑现流程。下一步：主管部门批复、公示并拨付。`,
        en: `Project "${project.title}" was adopted by a successful start-up: the reward has entered fulfilment with the evidence. Next: the department approves, publicises and pays it.`,
      },
      link: '/fulfilment/mine',
      dedupeKey: `project-award:${v.item}:${project.id}`,
    });
  }
}
