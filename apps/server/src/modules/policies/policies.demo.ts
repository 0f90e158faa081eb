/**
 * Demo data of the policy catalogue: the programme office has renewed (延续执行) a handful of
 * Nanning items for 2026–2027, so that a check on today's date finds current policies, confirmed
 * by the programme office, for a graduate and a young firm. These renewals are demo data only
 * (never in production: main.ts seeds demo data only when config.demo is set). Each goes through
 * the module's own path — a draft of a new version with the same rules and the new end of its
 * effective period, then publish — so it has its version, its diff against the 2016 version and
 * its audit entries like any officer's change.
 */
import type { ItemSpec } from '@seedbed/rules';
import type { Principal } from '../../platform/access.js';
import type { AuditContext } from '../audit/index.js';
import * as repo from './policies.repository.js';
import { publishDraft, saveDraft, type PublishDeps } from './policies.service.js';

/** The end of the renewed period (the demo's programme office decision for 2026–2027). */
export const DEMO_RENEWED_UNTIL = '2027-12-31';

/**
 * Items of 南府办〔2016〕34号 a graduate or a young firm in Nanning would get, with real amounts
 * (catalog/documents/nn-2016-34/items.yaml): the guaranteed start-up loan of up to 10万元 and its
 * interest subsidy (三(三)13), the start-up training subsidy (三(一)6), the incubated firm's
 * one-year subsidy and the interest subsidy for incubated firms hiring graduates. The text sets
 * them no end date (document.yaml: 现行效力需向发文机关核实); the demo's programme office confirms
 * them until 2027-12-31.
 *
 * Each renewal keeps the item's first day: the finder evaluates the current version on every
 * date, so a renewal starting on 2026-01-01 would turn an "as of 2017" evaluation into "not yet
 * begun". For the same reason items that ended (the 2017 tax reliefs) are not renewed here: a
 * new period after a gap needs evaluation by the version in force on the date.
 */
export const DEMO_RENEWED_ITEMS = [
  'nn.startup-guaranteed-loan',
  'nn.startup-loan-interest-subsidy',
  'nn.startup-training-subsidy',
  'nn.tenant-one-year-subsidy',
  'nn.graduate-hire-interest-subsidy',
] as const;

export const DEMO_RENEWAL_NOTE =
  '南宁市推进大众创业万众创新工作办公室确认延续执行至2027年12月31日（2026—2027年度，演示数据）。 / Renewed (延续执行) by the Nanning programme office for 2026–2027, until 31 Dec 2027 (demo data).';

/**
 * Publishes the renewals as `principal` (an officer or the programme office covering Nanning).
 * Items already renewed, or no longer in the catalogue, are left alone; returns the items renewed.
 */
export async function seedRenewedItems(deps: PublishDeps, principal: Principal, ctx: AuditContext): Promise<string[]> {
  const renewed: string[] = [];
  for (const itemId of DEMO_RENEWED_ITEMS) {
    const item = await repo.item(deps.db, itemId);
    if (!item || item.current_version === null) continue;
    const current = (await repo.version(deps.db, itemId, item.current_version))!;
    const spec = current.spec as ItemSpec;
    if (spec.effective.to === DEMO_RENEWED_UNTIL) continue;
    const draft = await saveDraft(deps, principal, ctx, itemId, {
      spec: { ...spec, effective: { ...spec.effective, to: DEMO_RENEWED_UNTIL } },
      parameters: current.parameters,
      note: DEMO_RENEWAL_NOTE,
    });
    await publishDraft(deps, principal, ctx, itemId, draft.version);
    renewed.push(itemId);
  }
  return renewed;
}
