/**
 * Tenants' outcomes (成果) and the rewards they trigger. The operator records that a tenant listed
 * on the NEEQ, entered the above-scale statistics or won a competition prize, with the evidence (a
 * file it uploaded) and the date. The catalogue's carrier items that read such an outcome (e.g.
 * Yingtan's rewards to the platform per incubated firm, 即达即兑) are evaluated by the rules engine
 * with the outcome as the product's facts (the product is the incubated firm); each eligible
 * verdict becomes a pending award in fulfilment (`award.pending` with `outcome`) for the carrier's
 * own profile (载体档案, held by its operator), with the evidence attached. The window, the
 * level and "successfully incubated" are the item's rule, never re-stated here. Verdicts are
 * kept per outcome and item, so an award is handed over once; a later graduation re-evaluates.
 */
import { sql } from 'kysely';
import { evaluateAll, itemReads, RuleError, type Verdict } from '@seedbed/rules';
import { isCalendarDate, type FieldError, type Outcome, type OutcomeBody, type OutcomeKind } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { rulesSnapshot } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { carrierProfile } from './carriers.profile.js';
import * as repo from './carriers.repository.js';
import type { CarrierOutcomeTables } from './carriers.tables.js';

export type OutcomeDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events' | 'benefitHistory' | 'modules'>;

const t = (db: Db | Tx) => tablesOf<CarrierOutcomeTables>(db);
const CARRIER = { zh: '该双创载体', en: 'Carrier' };

/** The variable each kind of outcome gives its date as: the items that read it are the ones the outcome can trigger. */
const DATE_VARIABLE: Record<OutcomeKind, string> = {
  neeq_listed: 'yt_incubatee_neeq_listed_on',
  above_scale: 'yt_incubatee_above_scale_on',
  competition: 'yt_incubatee_award_on',
};

interface OutcomeRow {
  id: string;
  carrier_id: string;
  tenancy_id: string;
  subject_id: string;
  kind: OutcomeKind;
  achieved_on: string;
  competition_level: string | null;
  region_code: string | null;
  evidence_file_id: string;
}

/** The product facts of one incubated firm: its stay (graduated = successfully incubated) and every outcome recorded for it. */
function productFacts(carrierRegion: string, tenancy: { exit: string | null; left_on: string | null }, outcomes: readonly OutcomeRow[]): Record<string, unknown> {
  const facts: Record<string, unknown> = { region: carrierRegion, yt_incubatee_incubated: tenancy.exit === 'graduated' };
  if (tenancy.left_on !== null) facts.yt_incubatee_left_on = tenancy.left_on;
  for (const o of outcomes) {
    facts[DATE_VARIABLE[o.kind]] = o.achieved_on;
    if (o.kind === 'above_scale') facts.yt_incubatee_region = o.region_code;
    if (o.kind === 'competition') facts.yt_incubatee_award_level = o.competition_level;
  }
  return facts;
}

const reasonsOf = (v: Verdict) => v.criteria.filter((c) => c.status !== 'pass').map((c) => c.reason ?? c.sentence);

/**
 * Evaluates the carrier items an outcome of the tenancy can trigger and hands each newly eligible
 * verdict to fulfilment as a pending award (once per outcome and item; fulfilment's open-award
 * index and the ledger's once-per-product key hold it once too).
 */
async function evaluateTenancyOutcomes(trx: Tx, deps: OutcomeDeps, ctx: AuditContext, tenancyId: string): Promise<void> {
  const outcomes = (await t(trx).selectFrom('carrier_outcomes').selectAll().where('tenancy_id', '=', tenancyId).orderBy('recorded_at').execute()) as OutcomeRow[];
  if (outcomes.length === 0) return;
  const tenancy = (await sql<{ exit: string | null; left_on: string | null; carrier_id: string; tenant_name: string; organisation_id: string; region_code: string }>`
    SELECT x.exit, x.left_on, x.carrier_id, s.name AS tenant_name, c.organisation_id, c.region_code
      FROM carrier_tenancies x JOIN subjects s ON s.id = x.subject_id JOIN carriers c ON c.id = x.carrier_id WHERE x.id = ${tenancyId}`.execute(trx)).rows[0]!;
  const snap = await rulesSnapshot(deps.db, trx);
  const carrier = await carrierProfile(trx, deps, ctx, tenancy.carrier_id);
  const facts = Object.fromEntries(Object.entries(productFacts(tenancy.region_code, tenancy, outcomes)).filter(([k]) => snap.catalog.variables.has(k)));
  const history = await deps.benefitHistory(trx, carrier);
  const today = deps.clock.today();
  for (const outcome of outcomes) {
    const reads = DATE_VARIABLE[outcome.kind];
    const ids = [...snap.catalog.items.values()].filter((i) => i.spec.entity === 'carrier' && itemReads(i.spec).includes(reads)).map((i) => i.id);
    if (ids.length === 0) continue;
    let verdicts: Verdict[];
    try {
      verdicts = evaluateAll(snap.catalog, { date: today, facts, history, product: tenancy.tenant_name, regionName: (code) => { const n = regionDisplayName(code); return n ? { zh: n, en: n } : undefined; } }, { ids });
    } catch (e) {
      if (e instanceof RuleError) continue;
      throw e;
    }
    const before = new Map((await t(trx).selectFrom('carrier_outcome_verdicts').select(['item_id', 'status']).where('outcome_id', '=', outcome.id).execute()).map((r) => [r.item_id, r.status]));
    for (const v of verdicts) {
      const amountFen = v.amount?.status === 'known' ? v.amount.fen : null;
      const row = { item_title: JSON.stringify(v.title), status: v.status, amount_fen: amountFen, reasons: JSON.stringify(reasonsOf(v)), evaluated_on: today };
      await t(trx)
        .insertInto('carrier_outcome_verdicts')
        .values({ outcome_id: outcome.id, item_id: v.item, ...row })
        .onConflict((oc) => oc.columns(['outcome_id', 'item_id']).doUpdateSet(row))
        .execute();
      if (v.status !== 'eligible' || before.get(v.item) === 'eligible') continue;
      await deps.events.emit(trx, 'award.pending', {
        itemId: v.item,
        itemVersion: snap.versions.get(v.item) ?? 1,
        subjectId: carrier,
        amountFen,
        evaluatedOn: today,
        verdict: v,
        outcome: { productKey: tenancy.tenant_name, evidenceFileId: outcome.evidence_file_id, source: 'carriers' },
      });
      await notify(trx, deps, {
        subjectId: carrier,
        kind: 'award.pending',
        title: { zh: `待核定奖励：${v.title.zh}`, en: `Award pending: ${v.title.en}` },
        body: {
          zh: `${tenancy.tenant_name}的成果符合该政策条件，已连同证明材料进入兑现流程。下一步：主管部门核定后批复、公示并拨付。`,
          en: `${tenancy.tenant_name}'s outcome meets this policy: it has entered fulfilment with its evidence. Next: the department confirms, approves, publicises and pays it.`,
        },
        link: `/carriers/${tenancy.carrier_id}`,
        dedupeKey: `carrier-award:${v.item}:${outcome.id}`,
      });
    }
  }
}

/** Called when a tenancy closes (a graduation makes the firm "successfully incubated"): its outcomes are evaluated again. */
export async function reevaluateTenancy(trx: Tx, deps: OutcomeDeps, ctx: AuditContext, tenancyId: string): Promise<void> {
  await evaluateTenancyOutcomes(trx, deps, ctx, tenancyId);
}

const isOperatorOf = (principal: Principal, organisationId: string) => principal.memberships.some((m) => m.organisationKind === 'carrier_operator' && m.organisationId === organisationId);

/** The carrier's outcomes with what each made of the items it can trigger: its operator and the departments covering it. */
export async function listOutcomes(deps: OutcomeDeps, principal: Principal, carrierId: string, mayOversee: boolean): Promise<Outcome[]> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  if (!isOperatorOf(principal, carrier.organisation_id) && !mayOversee) throw forbidden('只有载体运营机构和主管部门可以查看在孵企业成果', "Only the carrier's operator and the departments covering it may see its tenants' outcomes");
  const rows = await sql<OutcomeRow & { tenant_name: string; file_name: string; recorded_at: Date }>`
    SELECT o.*, s.name AS tenant_name, f.original_name AS file_name FROM carrier_outcomes o JOIN subjects s ON s.id = o.subject_id JOIN files f ON f.id = o.evidence_file_id
     WHERE o.carrier_id = ${carrierId} ORDER BY o.achieved_on DESC, o.recorded_at DESC`.execute(deps.db);
  const ids = rows.rows.map((r) => r.id);
  const verdicts = ids.length ? await t(deps.db).selectFrom('carrier_outcome_verdicts').selectAll().where('outcome_id', 'in', ids).orderBy('item_id').execute() : [];
  return rows.rows.map((r) => ({
    id: r.id,
    tenantName: r.tenant_name,
    kind: r.kind,
    achievedOn: r.achieved_on,
    competitionLevel: r.competition_level as Outcome['competitionLevel'],
    regionName: r.region_code ? (regionDisplayName(r.region_code) ?? null) : null,
    evidenceName: r.file_name,
    recordedAt: instantOut(r.recorded_at),
    awards: verdicts
      .filter((v) => v.outcome_id === r.id)
      .map((v) => ({ itemTitle: v.item_title as { zh: string; en: string }, status: v.status, amountFen: v.amount_fen === null ? null : Number(v.amount_fen), reasons: v.reasons as { zh: string; en: string }[] })),
  }));
}

export async function recordOutcome(deps: OutcomeDeps, principal: Principal, ctx: AuditContext, carrierId: string, body: OutcomeBody, mayOversee: boolean): Promise<Outcome[]> {
  const carrier = await repo.carrierById(deps.db, carrierId);
  if (!carrier) throw notFound(CARRIER);
  if (!isOperatorOf(principal, carrier.organisation_id)) throw forbidden('只有该载体的运营机构人员可以登记在孵企业成果', "Only the carrier's operator may record its tenants' outcomes");
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  if (!isCalendarDate(body.achievedOn)) errors.push(fieldError('achievedOn', 'format:date', '应为有效日期', 'must be a real date'));
  else if (body.achievedOn > today) errors.push(fieldError('achievedOn', 'not_future', '成果日期不能晚于今天', 'must not lie after today'));
  if (body.kind === 'competition' && body.competitionLevel === null) errors.push(fieldError('competitionLevel', 'required', '大赛获奖应注明大赛级别', 'a competition prize must give the level of the competition'));
  if (body.kind !== 'competition' && body.competitionLevel !== null) errors.push(fieldError('competitionLevel', 'competitions_only', '只有大赛获奖才填写大赛级别', 'only a competition prize has a level'));
  if (body.kind === 'above_scale' && body.regionCode === null) errors.push(fieldError('regionCode', 'required', '入规上户应注明纳入统计的地区', 'an above-scale enterprise must give the region where it entered the statistics'));
  if (body.kind !== 'above_scale' && body.regionCode !== null) errors.push(fieldError('regionCode', 'above_scale_only', '只有入规上户才填写地区', 'only an above-scale outcome has a region'));
  if (body.regionCode !== null && (await repo.regionLevel(deps.db, body.regionCode)) === undefined) errors.push(fieldError('regionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
  const file = await getFile(deps.db, body.evidenceFileId).catch(() => null);
  if (!file) errors.push(fieldError('evidenceFileId', 'uploaded', '请先上传证明材料（PDF或图片）', 'upload the evidence (a PDF or an image) first'));
  else if (file.ownerUserId !== principal.userId) errors.push(fieldError('evidenceFileId', 'own_upload', '证明材料应由本人上传', 'must be a file you uploaded'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    const tenancy = await repo.tenancyById(trx, carrierId, body.tenancyId);
    if (!tenancy) throw notFound({ zh: '该入驻记录', en: 'Tenancy' });
    if (body.achievedOn < tenancy.entered_on) throw invalid([fieldError('achievedOn', 'after_entered', '成果日期不能早于企业入驻本载体的日期', 'must not lie before the firm entered the carrier')]);
    const existing = await t(trx).selectFrom('carrier_outcomes').select('id').where('carrier_id', '=', carrierId).where('subject_id', '=', tenancy.subject_id).where('kind', '=', body.kind).executeTakeFirst();
    if (existing)
      throw conflict('OUTCOME_RECORDED', '该企业的这一成果已登记', "This outcome of the firm is already recorded", [fieldError('kind', 'once', '同一企业在本载体的同类成果只登记一次（奖励按每家孵化企业一次）', "one outcome of each kind per firm and carrier (rewards are once per incubated firm)")]);
    const id = (
      await t(trx)
        .insertInto('carrier_outcomes')
        .values({
          carrier_id: carrierId,
          tenancy_id: tenancy.id,
          subject_id: tenancy.subject_id,
          kind: body.kind,
          achieved_on: body.achievedOn,
          competition_level: body.competitionLevel,
          region_code: body.regionCode,
          evidence_file_id: body.evidenceFileId,
          recorded_by: principal.userId,
          recorded_at: deps.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await record(trx, deps.clock, ctx, { action: 'carrier.outcome_recorded', entityType: 'carrier', entityId: carrierId, data: { outcomeId: id, tenancyId: tenancy.id, subjectId: tenancy.subject_id, kind: body.kind, achievedOn: body.achievedOn, evidenceFileId: body.evidenceFileId } });
    await evaluateTenancyOutcomes(trx, deps, ctx, tenancy.id);
  });
  return listOutcomes(deps, principal, carrierId, mayOversee);
}
