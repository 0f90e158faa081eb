/**
 * A carrier's yearly assessment (评估/考核). The programme office covering the carrier opens the
 * year's round; experts covering it score the indicators through the review module (blind, conflicts
 * of interest declared, anyone acting for the carrier's operator refused); the office closes the
 * round once enough experts have scored: the score is the mean of their totals, the grade follows
 * from it. Closed results are public on the carrier's page.
 */
import { ASSESSMENT_GRADES, ASSESSMENT_GRADE_LABELS, ASSESSMENT_INDICATORS, type Assessment, type AssessmentGrade, type AssessmentReviewBody, type Assessments } from '@seedbed/contract';
import { mayAccess, requireAccess, type Principal } from '../../platform/access.js';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import { AppError, conflict, fieldError, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { reviewSummary, scoredCount, submitReview, type CaseKey, type Rubric } from '../review/index.js';
import * as repo from './carriers.repository.js';
import type { CarrierAssessmentTables } from './carriers.tables.js';
import type { CarriersDeps } from './carriers.service.js';

const t = (db: Db | Tx) => tablesOf<CarrierAssessmentTables>(db);
const CARRIER = { zh: '该双创载体', en: 'Carrier' };
const ROUND = { zh: '该年度考核', en: "The year's assessment" };

export const ASSESSMENT_RUBRIC: Rubric = {
  minAssessors: 2,
  criteria: ASSESSMENT_INDICATORS.map((c) => ({ id: c.id, label: { zh: c.label.zh, en: c.label.en }, max: c.max })),
  outlierPoints: 15,
  blind: true,
};
const caseOf = (id: string): CaseKey => ({ owner: 'carriers.assessment', caseId: id });

export function gradeOf(score: number): AssessmentGrade {
  return ASSESSMENT_GRADES.find((g) => score >= ASSESSMENT_GRADE_LABELS[g].from) ?? 'fail';
}

const actsForOperator = (principal: Principal | undefined, organisationId: string) => principal?.memberships.some((m) => m.organisationId === organisationId) ?? false;

async function carrierOf(db: Db | Tx, id: string) {
  const c = await repo.carrierById(db, id);
  if (!c) throw notFound(CARRIER);
  return c;
}

/** The carrier's rounds: results for everyone; the reviews for the office and the experts covering it. */
export async function listAssessments(deps: CarriersDeps, principal: Principal | undefined, carrierId: string): Promise<Assessments> {
  const carrier = await carrierOf(deps.db, carrierId);
  const office = principal !== undefined && mayAccess(principal, 'carriers.assessment', { regionCode: carrier.region_code });
  const expert = principal !== undefined && mayAccess(principal, 'carriers.assess', { regionCode: carrier.region_code });
  const interested = actsForOperator(principal, carrier.organisation_id);
  const rows = await t(deps.db).selectFrom('carrier_assessments').selectAll().where('carrier_id', '=', carrierId).orderBy('year', 'desc').execute();
  const items: Assessment[] = [];
  for (const r of rows) {
    const key = caseOf(r.id);
    const reviewed = principal ? (await reviewSummary(deps.db, key, 1, ASSESSMENT_RUBRIC, { userId: principal.userId, mayStillReview: false })).entries.some((e) => e.mine) : false;
    const summary = await reviewSummary(deps.db, key, 1, ASSESSMENT_RUBRIC, { userId: principal?.userId ?? '', mayStillReview: r.status === 'open' && expert && !reviewed });
    const insider = (office || expert) && !interested;
    items.push({
      year: r.year,
      status: r.status,
      score: r.score === null ? null : Number(r.score),
      grade: r.grade,
      minAssessors: ASSESSMENT_RUBRIC.minAssessors,
      scored: summary.scored,
      entries: insider ? summary.entries : [],
      mayReview: r.status === 'open' && expert && !interested && !reviewed,
      mayClose: r.status === 'open' && office && !interested && summary.complete,
    });
  }
  return { items, mayOpen: office && !interested };
}

export async function openAssessment(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, year: number): Promise<Assessments> {
  const carrier = await carrierOf(deps.db, carrierId);
  requireAccess({ principal, permission: 'carriers.assessment', regionCode: carrier.region_code }, { zh: '只有主管该载体所在地区的双创办可以开启考核', en: "Only the programme office covering the carrier's region may open its assessment" });
  if (year > Number(deps.clock.today().slice(0, 4))) throw invalid([fieldError('year', 'not_future', '不能开启未来年度的考核', 'must not be a future year')]);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCarrier(trx, carrierId);
    const existing = await t(trx).selectFrom('carrier_assessments').select('id').where('carrier_id', '=', carrierId).where('year', '=', year).executeTakeFirst();
    if (existing) throw conflict('ASSESSMENT_EXISTS', '该载体本年度考核已开启', "This year's assessment of the carrier is already open", [fieldError('year', 'once', '每个载体每年考核一次', 'one assessment per carrier and year')]);
    const id = (await t(trx).insertInto('carrier_assessments').values({ carrier_id: carrierId, year, status: 'open', score: null, grade: null, opened_by: principal.userId, opened_at: deps.clock.now(), closed_by: null, closed_at: null }).returning('id').executeTakeFirstOrThrow()).id;
    await record(trx, deps.clock, ctx, { action: 'carrier.assessment_opened', entityType: 'carrier', entityId: carrierId, data: { assessmentId: id, year } });
  });
  return listAssessments(deps, principal, carrierId);
}

async function lockRound(trx: Tx, carrierId: string, year: number) {
  await repo.lockCarrier(trx, carrierId);
  const r = await t(trx).selectFrom('carrier_assessments').selectAll().where('carrier_id', '=', carrierId).where('year', '=', year).forUpdate().executeTakeFirst();
  if (!r) throw notFound(ROUND);
  if (r.status !== 'open') throw conflict('ASSESSMENT_CLOSED', '该年度考核已结束', "The year's assessment is closed");
  return r;
}

export async function reviewAssessment(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, year: number, body: AssessmentReviewBody): Promise<Assessments> {
  const carrier = await carrierOf(deps.db, carrierId);
  requireAccess({ principal, permission: 'carriers.assess', regionCode: carrier.region_code }, { zh: '只有主管该载体所在地区的评审专家可以评分', en: "Only experts covering the carrier's region may score it" });
  await deps.db.transaction().execute(async (trx) => {
    const r = await lockRound(trx, carrierId, year);
    const { total } = await submitReview(trx, deps.clock, caseOf(r.id), 1, { userId: principal.userId, interested: actsForOperator(principal, carrier.organisation_id) }, ASSESSMENT_RUBRIC, body);
    await record(trx, deps.clock, ctx, { action: 'carrier.assessment_reviewed', entityType: 'carrier', entityId: carrierId, data: { year, conflict: body.conflict, total } });
  });
  return listAssessments(deps, principal, carrierId);
}

export async function closeAssessment(deps: CarriersDeps, principal: Principal, ctx: AuditContext, carrierId: string, year: number): Promise<Assessments> {
  const carrier = await carrierOf(deps.db, carrierId);
  requireAccess({ principal, permission: 'carriers.assessment', regionCode: carrier.region_code }, { zh: '只有主管该载体所在地区的双创办可以结束考核', en: "Only the programme office covering the carrier's region may close its assessment" });
  if (actsForOperator(principal, carrier.organisation_id)) throw new AppError(403, 'CONFLICT_OF_INTEREST', { zh: '您与该载体有利害关系，不能作出考核结论', en: 'You have a stake in this carrier and may not decide its assessment' });
  await deps.db.transaction().execute(async (trx) => {
    const r = await lockRound(trx, carrierId, year);
    const key = caseOf(r.id);
    const scored = await scoredCount(trx, key, 1);
    if (scored < ASSESSMENT_RUBRIC.minAssessors)
      throw conflict('ASSESSMENT_INCOMPLETE', `至少需要${ASSESSMENT_RUBRIC.minAssessors}位无利益冲突的专家评分`, `At least ${ASSESSMENT_RUBRIC.minAssessors} experts without a conflict of interest must score first`, [
        fieldError('year', 'min_assessors', `已有${scored}位专家评分，至少需要${ASSESSMENT_RUBRIC.minAssessors}位`, `${scored} scored; at least ${ASSESSMENT_RUBRIC.minAssessors} needed`),
      ]);
    const totals = (await reviewSummary(trx, key, 1, ASSESSMENT_RUBRIC, { userId: principal.userId, mayStillReview: false })).entries.filter((e) => !e.conflict && e.total !== null).map((e) => e.total!);
    const score = Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10;
    const grade = gradeOf(score);
    await t(trx).updateTable('carrier_assessments').set({ status: 'closed', score, grade, closed_by: principal.userId, closed_at: deps.clock.now() }).where('id', '=', r.id).execute();
    await record(trx, deps.clock, ctx, { action: 'carrier.assessment_closed', entityType: 'carrier', entityId: carrierId, data: { year, score, grade, experts: totals.length } });
  });
  return listAssessments(deps, principal, carrierId);
}
