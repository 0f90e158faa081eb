/**
 * The marketplace's use cases: certification of providers (reviewed through `review`), listings
 * and search, orders with the voucher seam, ratings and replies, star grades, misuse flags.
 * Each action is one transaction: the module's own row first (certification, order, flag), then
 * the voucher seam (which locks the voucher's rows), notifications, and the audit chain last.
 */
import {
  ORDER_STATUS_LABELS,
  SERVICE_CATEGORY_LABELS,
  type AcceptQuoteBody,
  type Certification,
  type CertificationApplyBody,
  type CertificationCase,
  type CertificationDecideBody,
  type CertificationReviewBody,
  type FieldError,
  type Flag,
  type FlagResolveBody,
  type Grade,
  type Listing,
  type ListingBody,
  type ListingQuery,
  type Order,
  type OrderBody,
  type ProviderPage,
  type ProviderSummary,
  type ProviderWorkbench,
  type RateBody,
  type RatingView,
  type ServiceCategory,
  type VoucherQuoteBody,
  type VoucherQuoteView,
} from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { AppError, conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFiles } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { indexLexemes, regionPrefix, searchQuery } from '../policies/index.js';
import { knownRegions, regionDisplayName } from '../regions/index.js';
import { reviewSummary, scoredCount, submitReview, type CaseKey, type Rubric } from '../review/index.js';
import { listMine } from '../subjects/index.js';
import { computeGrade, type GradeInputs } from './marketplace.grade.js';
import * as repo from './marketplace.repository.js';
import type { CertificationRow, ListingRow, OrderRow } from './marketplace.repository.js';

export type MarketplaceDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'voucherPayments' | 'modules'>;

/** The rubric officers and reviewers score a certification against. */
export const CERTIFICATION_RUBRIC: Rubric = {
  minAssessors: 1,
  outlierPoints: 8,
  criteria: [
    { id: 'qualifications', label: { zh: '资质条件', en: 'Qualifications' }, max: 10 },
    { id: 'capacity', label: { zh: '服务能力', en: 'Capacity' }, max: 10 },
    { id: 'track_record', label: { zh: '服务业绩', en: 'Track record' }, max: 10 },
  ],
};
const caseOf = (id: string): CaseKey => ({ owner: 'marketplace.certification', caseId: id });

/** A round amount: a whole multiple of 1,000 元. Three such orders between one pair in 180 days are flagged. */
const ROUND_UNIT_FEN = 100_000;
const ROUND_REPEAT = 3;
const ROUND_WINDOW_DAYS = 180;

// ---------------------------------------------------------------- who acts

/** The service-provider organisations the principal acts for (owners for certification and listings). */
function providerMemberships(principal: Principal, ownerOnly: boolean) {
  return principal.memberships.filter((m) => m.organisationKind === 'service_provider' && (!ownerOnly || m.roles.includes('owner')));
}

function requireProvider(principal: Principal, organisationId: string | undefined, ownerOnly: boolean): string {
  const mine = providerMemberships(principal, ownerOnly);
  const m = organisationId ? mine.find((x) => x.organisationId === organisationId) : mine[0];
  if (!m)
    throw forbidden(
      ownerOnly ? '只有服务机构的负责人可以办理此事项' : '只有该服务机构的人员可以办理此事项',
      ownerOnly ? "Only the service provider's owner may do this" : 'Only the service provider’s people may do this',
    );
  return m.organisationId;
}

async function mySubjectIds(db: Db | Tx, principal: Principal): Promise<string[]> {
  return (await listMine(db, principal)).filter((s) => s.kind === 'enterprise').map((s) => s.id);
}

/** The region prefixes in which the principal holds `marketplace.certify` (officers and reviewers). */
function officerPrefixes(principal: Principal): string[] {
  return membershipsGranting(principal, 'marketplace.certify').map((m) => regionPrefix(m.regionCode));
}

function requireOfficerFor(principal: Principal, regionCode: string): void {
  if (!mayAccess(principal, 'marketplace.certify', { regionCode }))
    throw forbidden('该服务机构不在您所在部门的辖区内', "The provider is not in a region your department covers");
}

// ---------------------------------------------------------------- views

const regionView = (code: string) => ({ code, name: regionDisplayName(code) ?? code });

async function certificationView(db: Db | Tx, c: CertificationRow): Promise<Certification> {
  const org = await repo.organisation(db, c.organisation_id);
  const files = await getFiles(db, c.file_ids);
  return {
    id: c.id,
    organisationId: c.organisation_id,
    providerName: org?.name ?? '',
    providerRegionCode: org?.region_code ?? '',
    providerRegionName: org ? (regionDisplayName(org.region_code) ?? org.region_code) : '',
    categories: c.categories as ServiceCategory[],
    regions: c.regions.map(regionView),
    qualifications: c.qualifications,
    files: files.map((f) => ({ id: f.id, name: f.name })),
    status: c.status,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    reason: c.reason,
    appliedAt: instantOut(c.applied_at),
    decidedAt: nullableInstantOut(c.decided_at),
  };
}

/** The standing of a certification on a day: `certified` only while in force. */
function standingOf(c: CertificationRow | undefined, day: string): GradeInputs['standing'] {
  if (!c) return 'none';
  if (c.status === 'certified') return c.valid_from! <= day && day <= c.valid_to! ? 'certified' : 'expired';
  return c.status;
}

function yearBounds(year: number): { from: Date; to: Date } {
  // The year in Asia/Shanghai (UTC+8).
  return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

/** The grade of a provider for a year, as of `day` (the provisional grade: the year so far). */
export async function gradeFor(db: Db | Tx, organisationId: string, year: number, day: string, provisional: boolean): Promise<Grade> {
  const { from, to } = yearBounds(year);
  const rec = await repo.providerRecord(db, organisationId, from, to);
  const certification = (await repo.currentCertifications(db, [organisationId])).get(organisationId);
  const g = computeGrade({ averageRating: rec.average, ratingCount: rec.ratings, settledOrders: rec.settled, upheldDisputes: rec.upheld, standing: standingOf(certification, day) });
  return { year, stars: g.stars, points: g.points, terms: g.terms, provisional };
}

async function listingViews(db: Db | Tx, rows: ListingRow[], today: string): Promise<Listing[]> {
  const names = await repo.organisationNames(db, rows.map((r) => r.organisation_id));
  const grades = new Map<string, Grade>();
  const records = new Map<string, { average: number | null; settled: number }>();
  for (const id of new Set(rows.map((r) => r.organisation_id))) {
    const g = await gradeFor(db, id, Number(today.slice(0, 4)), today, true);
    grades.set(id, g);
    const { from, to } = yearBounds(Number(today.slice(0, 4)));
    const rec = await repo.providerRecord(db, id, from, to);
    records.set(id, { average: rec.average === null ? null : Math.round(rec.average * 100) / 100, settled: rec.settled });
  }
  return rows.map((l) => ({
    id: l.id,
    organisationId: l.organisation_id,
    providerName: names.get(l.organisation_id) ?? '',
    title: l.title,
    description: l.description,
    category: l.category as ServiceCategory,
    priceMinFen: l.price_min_fen,
    priceMaxFen: l.price_max_fen,
    deliveryDays: l.delivery_days,
    regions: l.regions.map(regionView),
    voucherPayable: l.voucher_payable,
    active: l.active,
    stars: grades.get(l.organisation_id)!.stars,
    averageRating: records.get(l.organisation_id)!.average,
    settledOrders: records.get(l.organisation_id)!.settled,
  }));
}

async function orderViews(deps: MarketplaceDeps, db: Db | Tx, rows: OrderRow[]): Promise<Order[]> {
  const providers = await repo.organisationNames(db, rows.map((r) => r.provider_organisation_id));
  const subjects = await repo.subjectNames(db, rows.map((r) => r.subject_id));
  const ids = rows.map((r) => r.id);
  const ratings = await repo.ratingsOfOrders(db, ids);
  const replies = await repo.repliesOf(db, ids);
  const files = new Map((await getFiles(db, rows.map((r) => r.delivery_file_id).filter((x): x is string => !!x))).map((f) => [f.id, f]));
  const uses = await deps.voucherPayments.usesOf(db, rows.filter((r) => r.voucher_id).map((r) => r.id));
  const out: Order[] = [];
  for (const r of rows) {
    const listing = await repo.findListing(db, r.listing_id);
    const mine = ratings.filter((x) => x.order_id === r.id);
    const use = uses.get(r.id);
    out.push({
      id: r.id,
      listingId: r.listing_id,
      title: r.title,
      category: r.category as ServiceCategory,
      providerOrganisationId: r.provider_organisation_id,
      providerName: providers.get(r.provider_organisation_id) ?? '',
      subjectId: r.subject_id,
      enterpriseName: subjects.get(r.subject_id) ?? '',
      note: r.note,
      priceFen: r.price_fen,
      priceMinFen: listing?.price_min_fen ?? 0,
      priceMaxFen: listing?.price_max_fen ?? 0,
      voucherPayable: listing?.voucher_payable ?? false,
      status: r.status,
      voucher: use
        ? { voucherPaysFen: use.voucherPaysFen, enterprisePaysFen: use.enterprisePaysFen, status: use.status }
        : r.voucher_id && r.voucher_pays_fen !== null && r.price_fen !== null
          ? { voucherPaysFen: r.voucher_pays_fen, enterprisePaysFen: r.price_fen - r.voucher_pays_fen, status: 'quoted' }
          : null,
      deliveryFile: r.delivery_file_id ? { name: files.get(r.delivery_file_id)?.name ?? '' } : null,
      deliveryNote: r.delivery_note,
      disputeReason: r.dispute_reason,
      disputeDecision: r.dispute_decision,
      decisionReason: r.decision_reason,
      cancelReason: r.cancel_reason,
      rated: mine.length > 0,
      ratings: Object.fromEntries(mine.map((x) => [x.dimension, x.score])),
      reply: replies.get(r.id) ?? null,
      createdAt: instantOut(r.created_at),
      updatedAt: instantOut(r.updated_at),
    });
  }
  return out;
}

async function ratingViews(db: Db | Tx, providerId: string): Promise<RatingView[]> {
  const orders = await repo.ratedOrdersOf(db, providerId);
  const ids = orders.map((o) => o.order_id);
  const ratings = await repo.ratingsOfOrders(db, ids);
  const replies = await repo.repliesOf(db, ids);
  return orders.map((o) => {
    const mine = ratings.filter((r) => r.order_id === o.order_id);
    return {
      orderId: o.order_id,
      orderTitle: o.title,
      scores: Object.fromEntries(mine.map((r) => [r.dimension, r.score])),
      comment: mine.find((r) => r.comment)?.comment ?? '',
      ratedAt: instantOut(mine[0]!.created_at),
      reply: replies.get(o.order_id) ?? null,
    };
  });
}

// ---------------------------------------------------------------- certification

/** Checks the regions a provider names: real GB/T 2260 codes. */
async function checkRegions(db: Db | Tx, regions: readonly string[], field: string): Promise<FieldError[]> {
  const known = await knownRegions(db, regions);
  return regions.flatMap((r, i) => (known(r) ? [] : [fieldError(`${field}.${i}`, 'region_exists', '不是有效的行政区划代码', 'is not a known region code')]));
}

export async function applyForCertification(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, body: CertificationApplyBody): Promise<Certification> {
  const organisationId = requireProvider(principal, undefined, true);
  const errors: FieldError[] = [];
  if (!body.qualifications.trim()) errors.push(fieldError('qualifications', 'required', '请说明资质条件', 'describe the qualifications'));
  errors.push(...(await checkRegions(deps.db, body.regions, 'regions')));
  const files = await getFiles(deps.db, body.fileIds);
  body.fileIds.forEach((id, i) => {
    const f = files.find((x) => x.id === id);
    if (!f || f.ownerUserId !== principal.userId) errors.push(fieldError(`fileIds.${i}`, 'own_upload', '应为您本人上传的文件', 'must be a file you uploaded'));
  });
  if (errors.length) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    const live = await repo.liveCertification(trx, organisationId);
    if (live)
      throw conflict(
        'CERTIFICATION_EXISTS',
        live.status === 'pending' ? '已有待审核的认证申请' : '已有有效或暂停中的认证，不能重复申请',
        live.status === 'pending' ? 'An application is already pending' : 'The provider already holds a certification (in force or suspended)',
        [fieldError('categories', 'one_live_certification', '同一机构同时只能有一项认证申请或认证', 'one application or certification at a time')],
      );
    const created = await repo
      .insertCertification(trx, {
        organisation_id: organisationId,
        categories: [...body.categories],
        regions: [...body.regions],
        qualifications: body.qualifications.trim(),
        file_ids: [...body.fileIds],
        status: 'pending',
        applied_by: principal.userId,
        applied_at: deps.clock.now(),
      })
      .catch((e: unknown) => {
        if ((e as { code?: string }).code === '23505') throw conflict('CERTIFICATION_EXISTS', '已有认证申请', 'An application already exists');
        throw e;
      });
    await record(trx, deps.clock, ctx, { action: 'marketplace.certification_applied', entityType: 'marketplace_certification', entityId: created, data: { categories: body.categories } });
    return created;
  });
  return certificationView(deps.db, (await repo.findCertification(deps.db, id))!);
}

export async function listCertificationsFor(deps: MarketplaceDeps, principal: Principal, status: string | undefined): Promise<Certification[]> {
  const rows = await repo.listCertifications(deps.db, { status, regionPrefixes: officerPrefixes(principal) });
  const out: Certification[] = [];
  for (const r of rows) out.push(await certificationView(deps.db, r));
  return out;
}

async function certificationCase(deps: MarketplaceDeps, principal: Principal, c: CertificationRow): Promise<CertificationCase> {
  const view = await certificationView(deps.db, c);
  requireOfficerFor(principal, view.providerRegionCode);
  const interested = principal.memberships.some((m) => m.organisationId === c.organisation_id);
  const reviewed = (await reviewSummary(deps.db, caseOf(c.id), 1, CERTIFICATION_RUBRIC, { userId: principal.userId, mayStillReview: false })).entries.some((e) => e.mine);
  const summary = await reviewSummary(deps.db, caseOf(c.id), 1, CERTIFICATION_RUBRIC, { userId: principal.userId, mayStillReview: c.status === 'pending' && !reviewed });
  return {
    certification: view,
    review: { criteria: summary.criteria, minAssessors: summary.minAssessors, entries: summary.entries, scored: summary.scored, complete: summary.complete },
    mayReview: c.status === 'pending' && !interested && !reviewed,
    mayDecide: c.status === 'pending' && !interested && summary.complete,
  };
}

export async function getCertificationCase(deps: MarketplaceDeps, principal: Principal, id: string): Promise<CertificationCase> {
  const c = await repo.findCertification(deps.db, id);
  if (!c) throw notFound({ zh: '该认证申请', en: 'Certification application' });
  return certificationCase(deps, principal, c);
}

async function lockCertificationFor(trx: Tx, principal: Principal, id: string): Promise<{ c: CertificationRow; org: repo.OrganisationInfo }> {
  const c = await repo.lockCertification(trx, id);
  if (!c) throw notFound({ zh: '该认证申请', en: 'Certification application' });
  const org = (await repo.organisation(trx, c.organisation_id))!;
  requireOfficerFor(principal, org.region_code);
  return { c, org };
}

export async function reviewCertification(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, body: CertificationReviewBody): Promise<CertificationCase> {
  await deps.db.transaction().execute(async (trx) => {
    const { c } = await lockCertificationFor(trx, principal, id);
    if (c.status !== 'pending') throw conflict('NOT_PENDING', '该申请已有结论，不再评审', 'The application has been decided: no more reviews');
    const interested = principal.memberships.some((m) => m.organisationId === c.organisation_id);
    const { total } = await submitReview(trx, deps.clock, caseOf(id), 1, { userId: principal.userId, interested }, CERTIFICATION_RUBRIC, body);
    await record(trx, deps.clock, ctx, { action: 'marketplace.certification_reviewed', entityType: 'marketplace_certification', entityId: id, data: { conflict: body.conflict, total } });
  });
  return getCertificationCase(deps, principal, id);
}

async function notifyProvider(trx: Tx, deps: MarketplaceDeps, organisationId: string, kind: 'marketplace.certification' | 'marketplace.order', title: { zh: string; en: string }, body: { zh: string; en: string }, link: string, dedupeKey: string): Promise<void> {
  for (const userId of await repo.membersOf(trx, organisationId)) {
    await notify(trx, deps, { userId, kind, title, body, link, dedupeKey: `${dedupeKey}:${userId}` });
  }
}

export async function decideCertification(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, body: CertificationDecideBody): Promise<CertificationCase> {
  const errors: FieldError[] = [];
  const today = deps.clock.today();
  if (body.decision === 'certify') {
    if (!body.validFrom) errors.push(fieldError('validFrom', 'required', '认证须写明有效期起始日', 'a certification needs the first day of its validity'));
    if (!body.validTo) errors.push(fieldError('validTo', 'required', '认证须写明有效期截止日', 'a certification needs the last day of its validity'));
    if (body.validFrom && body.validTo && body.validTo < body.validFrom) errors.push(fieldError('validTo', 'after_valid_from', '截止日不能早于起始日', 'must not be before validFrom'));
    if (body.validTo && body.validTo < today) errors.push(fieldError('validTo', 'not_past', '截止日不能早于今天', 'must not lie in the past'));
  } else if (!body.reason?.trim()) errors.push(fieldError('reason', 'required', '不予认证须说明理由', 'a rejection needs a reason'));
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const { c } = await lockCertificationFor(trx, principal, id);
    if (c.status !== 'pending') throw conflict('NOT_PENDING', '该申请已有结论', 'The application has already been decided');
    if (principal.memberships.some((m) => m.organisationId === c.organisation_id)) throw new AppError(403, 'CONFLICT_OF_INTEREST', { zh: '您与该机构有利害关系，不能作出认证决定', en: 'You have a stake in this provider and may not decide' });
    if ((await scoredCount(trx, caseOf(id), 1)) < CERTIFICATION_RUBRIC.minAssessors)
      throw conflict('REVIEW_INCOMPLETE', '须先完成评审（至少一份无利益冲突的评分）', 'Complete the review first (at least one score without a conflict of interest)', [
        fieldError('decision', 'review_complete', '评审尚未完成', 'the review is not complete'),
      ]);
    const certify = body.decision === 'certify';
    await repo.updateCertification(trx, id, {
      status: certify ? 'certified' : 'rejected',
      valid_from: certify ? body.validFrom! : null,
      valid_to: certify ? body.validTo! : null,
      reason: certify ? null : body.reason!.trim(),
      decided_by: principal.userId,
      decided_at: deps.clock.now(),
    });
    await notifyProvider(
      trx,
      deps,
      c.organisation_id,
      'marketplace.certification',
      certify ? { zh: '服务机构认证已通过', en: 'Certification granted' } : { zh: '服务机构认证未通过', en: 'Certification refused' },
      certify ? { zh: `有效期 ${body.validFrom} 至 ${body.validTo}`, en: `Valid ${body.validFrom} to ${body.validTo}` } : { zh: `理由：${body.reason}`, en: `Reason: ${body.reason}` },
      '/provider',
      `cert:${id}:decided`,
    );
    await record(trx, deps.clock, ctx, { action: certify ? 'marketplace.certified' : 'marketplace.certification_rejected', entityType: 'marketplace_certification', entityId: id, data: certify ? { validFrom: body.validFrom, validTo: body.validTo } : { reason: body.reason } });
  });
  return getCertificationCase(deps, principal, id);
}

/** Suspends (certified → suspended), revokes (certified or suspended → revoked) or reinstates (suspended → certified). */
export async function changeStanding(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, action: 'suspend' | 'revoke' | 'reinstate', reason: string): Promise<CertificationCase> {
  if (!reason.trim()) throw invalid([fieldError('reason', 'required', '须说明理由', 'a reason is required')]);
  await deps.db.transaction().execute(async (trx) => {
    const { c } = await lockCertificationFor(trx, principal, id);
    await applyStanding(trx, deps, principal, ctx, c, action, reason.trim());
  });
  return getCertificationCase(deps, principal, id);
}

async function applyStanding(trx: Tx, deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, c: CertificationRow, action: 'suspend' | 'revoke' | 'reinstate', reason: string): Promise<void> {
  const allowed = action === 'suspend' ? c.status === 'certified' : action === 'revoke' ? c.status === 'certified' || c.status === 'suspended' : c.status === 'suspended';
  if (!allowed)
    throw conflict('STANDING', `当前状态不能${action === 'suspend' ? '暂停' : action === 'revoke' ? '撤销' : '恢复'}`, `A certification that is ${c.status} cannot be ${action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'reinstated'}`, [
      fieldError('status', `from_${c.status}`, '认证状态不允许此操作', 'the certification’s status does not allow this'),
    ]);
  const status = action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'certified';
  await repo.updateCertification(trx, c.id, { status, reason: action === 'reinstate' ? null : reason, decided_by: principal.userId, decided_at: deps.clock.now() });
  const label = { suspend: { zh: '暂停', en: 'suspended' }, revoke: { zh: '撤销', en: 'revoked' }, reinstate: { zh: '恢复', en: 'reinstated' } }[action];
  await notifyProvider(trx, deps, c.organisation_id, 'marketplace.certification', { zh: `服务机构认证已${label.zh}`, en: `Certification ${label.en}` }, { zh: `理由：${reason}`, en: `Reason: ${reason}` }, '/provider', `cert:${c.id}:${action}:${deps.clock.now().getTime()}`);
  await record(trx, deps.clock, ctx, { action: `marketplace.certification_${action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'reinstated'}`, entityType: 'marketplace_certification', entityId: c.id, data: { reason } });
}

// ---------------------------------------------------------------- public list, provider page, search

export async function certifiedProviders(deps: MarketplaceDeps): Promise<ProviderSummary[]> {
  const current = await repo.currentCertifications(deps.db);
  const today = deps.clock.today();
  const out: ProviderSummary[] = [];
  for (const c of current.values()) {
    if (c.status !== 'certified' || standingOf(c, today) !== 'certified') continue;
    out.push(await providerSummary(deps.db, c, today));
  }
  return out.sort((a, b) => b.stars - a.stars || a.name.localeCompare(b.name, 'zh'));
}

async function providerSummary(db: Db | Tx, c: CertificationRow, today: string): Promise<ProviderSummary> {
  const org = (await repo.organisation(db, c.organisation_id))!;
  const year = Number(today.slice(0, 4));
  const g = await gradeFor(db, c.organisation_id, year, today, true);
  const rec = await repo.providerRecord(db, c.organisation_id, yearBounds(year).from, yearBounds(year).to);
  return {
    organisationId: org.id,
    name: org.name,
    regionName: regionDisplayName(org.region_code) ?? org.region_code,
    categories: c.categories as ServiceCategory[],
    regions: c.regions.map(regionView),
    validFrom: c.valid_from,
    validTo: c.valid_to,
    status: c.status,
    qualifications: c.qualifications,
    stars: g.stars,
    averageRating: rec.average === null ? null : Math.round(rec.average * 100) / 100,
    settledOrders: rec.settled,
  };
}

const annualGrades = async (db: Db | Tx, organisationId: string): Promise<Grade[]> =>
  (await repo.gradesOf(db, organisationId)).map((g) => ({ year: g.year, stars: g.stars, points: g.points, terms: g.terms as Grade['terms'], provisional: false }));

/** A provider's public page: certification, grade explained, listings, ratings with replies. */
export async function providerPage(deps: MarketplaceDeps, organisationId: string): Promise<ProviderPage> {
  const c = (await repo.currentCertifications(deps.db, [organisationId])).get(organisationId);
  if (!c || c.status === 'pending' || c.status === 'rejected') throw notFound({ zh: '该认证服务机构', en: 'Certified provider' });
  const today = deps.clock.today();
  const listings = c.status === 'certified' ? (await repo.listingsOf(deps.db, organisationId, true)).filter((l) => c.categories.includes(l.category)) : [];
  return {
    provider: await providerSummary(deps.db, c, today),
    grade: await gradeFor(deps.db, organisationId, Number(today.slice(0, 4)), today, true),
    annualGrades: await annualGrades(deps.db, organisationId),
    listings: await listingViews(deps.db, listings, today),
    ratings: await ratingViews(deps.db, organisationId),
  };
}

export async function searchListings(deps: MarketplaceDeps, q: ListingQuery): Promise<Listing[]> {
  const today = deps.clock.today();
  const tsquery = q.q ? searchQuery(q.q) : null;
  if (q.q && q.q.trim() && tsquery === null) return [];
  const rows = await repo.searchListings(deps.db, { tsquery, category: q.category, region: q.region, minPriceFen: q.minPriceFen, maxPriceFen: q.maxPriceFen, voucherPayable: q.voucherPayable, today });
  const views = await listingViews(deps.db, rows, today);
  return q.minStars ? views.filter((v) => v.stars >= q.minStars!) : views;
}

// ---------------------------------------------------------------- listings

export async function createListing(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, body: ListingBody): Promise<Listing> {
  const organisationId = requireProvider(principal, undefined, true);
  const errors: FieldError[] = [];
  if (!body.title.trim()) errors.push(fieldError('title', 'required', '请填写服务名称', 'a title is required'));
  if (body.priceMaxFen < body.priceMinFen) errors.push(fieldError('priceMaxFen', 'at_least_min', '最高价不能低于最低价', 'must not be below priceMinFen'));
  errors.push(...(await checkRegions(deps.db, body.regions, 'regions')));
  const today = deps.clock.today();
  const id = await deps.db.transaction().execute(async (trx) => {
    const c = await repo.liveCertification(trx, organisationId);
    if (!c || standingOf(c, today) !== 'certified')
      errors.push(fieldError('category', 'certified_provider', '机构须持有有效认证才能发布服务', 'the provider must hold a certification in force to list services'));
    else if (!c.categories.includes(body.category))
      errors.push(fieldError('category', 'certified_category', `未获“${SERVICE_CATEGORY_LABELS[body.category].zh}”类别认证`, `the provider is not certified for ${SERVICE_CATEGORY_LABELS[body.category].en}`));
    if (errors.length) throw invalid(errors);
    const label = SERVICE_CATEGORY_LABELS[body.category];
    const created = await repo.insertListing(
      trx,
      {
        organisation_id: organisationId,
        title: body.title.trim(),
        description: body.description.trim(),
        category: body.category,
        price_min_fen: body.priceMinFen,
        price_max_fen: body.priceMaxFen,
        delivery_days: body.deliveryDays,
        regions: [...body.regions],
        voucher_payable: body.voucherPayable,
        created_at: deps.clock.now(),
      },
      indexLexemes(`${body.title} ${body.description} ${label.zh} ${label.en}`),
    );
    await record(trx, deps.clock, ctx, { action: 'marketplace.listing_created', entityType: 'marketplace_listing', entityId: created, data: { category: body.category, priceMinFen: body.priceMinFen, priceMaxFen: body.priceMaxFen } });
    return created;
  });
  return (await listingViews(deps.db, [(await repo.findListing(deps.db, id))!], today))[0]!;
}

export async function withdrawListing(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string): Promise<void> {
  const l = await repo.findListing(deps.db, id);
  if (!l) throw notFound({ zh: '该服务', en: 'Listing' });
  requireProvider(principal, l.organisation_id, true);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setListingActive(trx, id, false);
    await record(trx, deps.clock, ctx, { action: 'marketplace.listing_withdrawn', entityType: 'marketplace_listing', entityId: id });
  });
}

// ---------------------------------------------------------------- orders

/** Whether the listing may be ordered today: provider certified and in force, listing in a certified category. */
async function checkOrderable(db: Db | Tx, listing: ListingRow, today: string): Promise<FieldError[]> {
  if (!listing.active) return [fieldError('listingId', 'listing_active', '该服务已下架', 'the listing has been withdrawn')];
  const c = (await repo.currentCertifications(db, [listing.organisation_id])).get(listing.organisation_id);
  const standing = standingOf(c, today);
  if (standing !== 'certified') {
    const zh = { suspended: '已被暂停认证', revoked: '已被撤销认证', expired: '认证已过期' }[standing as string] ?? '未获认证';
    const en = { suspended: 'has its certification suspended', revoked: 'has had its certification revoked', expired: 'has an expired certification' }[standing as string] ?? 'is not certified';
    return [fieldError('listingId', `provider_${standing}`, `该服务机构${zh}，不能下单`, `the provider ${en}: no orders`)];
  }
  if (!c!.categories.includes(listing.category))
    return [fieldError('listingId', 'certified_category', '该服务不在机构的认证类别内，不能下单', "the listing's category is outside the provider's certified categories")];
  return [];
}

function checkPriceInRange(priceFen: number, listing: ListingRow, field: string): FieldError[] {
  if (priceFen < listing.price_min_fen || priceFen > listing.price_max_fen)
    return [fieldError(field, 'within_listing_range', `价格应在 ${listing.price_min_fen / 100} 元至 ${listing.price_max_fen / 100} 元之间`, `must lie within the listing's range (${listing.price_min_fen / 100}–${listing.price_max_fen / 100} yuan)`)];
  return [];
}

async function loadOrderable(deps: MarketplaceDeps, principal: Principal, listingId: string, subjectId: string): Promise<ListingRow> {
  if (!(await mySubjectIds(deps.db, principal)).includes(subjectId)) throw forbidden('只能以您所代表的企业下单', 'Order only for an enterprise you act for');
  const listing = await repo.findListing(deps.db, listingId);
  if (!listing) throw invalid([fieldError('listingId', 'exists', '没有这项服务', 'no such listing')]);
  return listing;
}

const voucherUse = (o: { voucherId: string; subjectId: string; providerId: string; category: string; priceFen: number; orderId: string }) => ({
  voucherId: o.voucherId,
  holderSubjectId: o.subjectId,
  providerOrganisationId: o.providerId,
  category: o.category,
  priceFen: o.priceFen,
  orderId: o.orderId,
});

/** What a voucher would pay of a price on a listing (nothing written). */
export async function quoteVoucher(deps: MarketplaceDeps, principal: Principal, body: VoucherQuoteBody): Promise<VoucherQuoteView> {
  const listing = await loadOrderable(deps, principal, body.listingId, body.subjectId);
  const today = deps.clock.today();
  const errors = [...(await checkOrderable(deps.db, listing, today)), ...checkPriceInRange(body.priceFen, listing, 'priceFen')];
  if (!listing.voucher_payable) errors.push(fieldError('voucherId', 'voucher_payable', '该服务不接受服务券支付', 'the listing is not payable with vouchers'));
  if (errors.length) throw invalid(errors);
  return deps.voucherPayments.quote(
    deps.db,
    voucherUse({ voucherId: body.voucherId, subjectId: body.subjectId, providerId: listing.organisation_id, category: listing.category, priceFen: body.priceFen, orderId: '00000000-0000-0000-0000-000000000000' }),
    today,
  );
}

async function flagRelatedAndRound(trx: Tx, deps: MarketplaceDeps, order: { id: string; providerId: string; subjectId: string; priceFen: number | null; voucher: boolean }): Promise<void> {
  const now = deps.clock.now();
  if (order.voucher) {
    const rel = await repo.relatedParties(trx, order.providerId, order.subjectId);
    const parts: string[] = [];
    if (rel.sharedMembers.length) parts.push(`同一账户同时代表企业与服务机构 / the same account acts for both sides: ${rel.sharedMembers.join('、')}`);
    if (rel.sameOwnerName.length) parts.push(`企业与服务机构负责人同名（仅凭姓名，需核实）/ owners with the same name (by name only; verify): ${rel.sameOwnerName.join('、')}`);
    if (parts.length) await repo.insertFlag(trx, { kind: 'related_parties', provider_organisation_id: order.providerId, subject_id: order.subjectId, order_id: order.id, detail: parts.join('；').slice(0, 1000), created_at: now });
  }
  if (order.priceFen !== null && order.priceFen > 0 && order.priceFen % ROUND_UNIT_FEN === 0) {
    const n = await repo.roundOrdersOfPair(trx, order.providerId, order.subjectId, ROUND_UNIT_FEN, new Date(now.getTime() - ROUND_WINDOW_DAYS * 86_400_000));
    if (n >= ROUND_REPEAT)
      await repo.insertFlag(trx, {
        kind: 'round_amounts',
        provider_organisation_id: order.providerId,
        subject_id: order.subjectId,
        order_id: order.id,
        detail: `${ROUND_WINDOW_DAYS}天内同一企业与机构之间第${n}笔整千元订单（本单 ${order.priceFen / 100} 元）/ order no. ${n} at a whole thousand yuan between the same pair within ${ROUND_WINDOW_DAYS} days (this one ${order.priceFen / 100} yuan)`,
        created_at: now,
      });
  }
}

async function notifyEnterprise(trx: Tx, deps: MarketplaceDeps, o: OrderRow, title: { zh: string; en: string }, step: string): Promise<void> {
  await notify(trx, deps, { subjectId: o.subject_id, kind: 'marketplace.order', title, body: { zh: `订单：${o.title}`, en: `Order: ${o.title}` }, link: '/orders', dedupeKey: `order:${o.id}:${step}` });
}
async function notifyProviderOfOrder(trx: Tx, deps: MarketplaceDeps, o: OrderRow, title: { zh: string; en: string }, step: string): Promise<void> {
  await notifyProvider(trx, deps, o.provider_organisation_id, 'marketplace.order', title, { zh: `订单：${o.title}`, en: `Order: ${o.title}` }, '/provider', `order:${o.id}:${step}`);
}

export async function placeOrder(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, body: OrderBody): Promise<Order> {
  const listing = await loadOrderable(deps, principal, body.listingId, body.subjectId);
  const today = deps.clock.today();
  const errors = await checkOrderable(deps.db, listing, today);
  if (body.priceFen !== null) errors.push(...checkPriceInRange(body.priceFen, listing, 'priceFen'));
  if (body.voucherId && !listing.voucher_payable) errors.push(fieldError('voucherId', 'voucher_payable', '该服务不接受服务券支付', 'the listing is not payable with vouchers'));
  if (body.voucherId && body.priceFen === null) errors.push(fieldError('voucherId', 'after_quote', '询价订单在接受报价时再选择服务券', 'choose the voucher when accepting the quote'));
  if (errors.length) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const orderId = await repo.insertOrder(trx, {
      listing_id: listing.id,
      provider_organisation_id: listing.organisation_id,
      subject_id: body.subjectId,
      ordered_by: principal.userId,
      category: listing.category,
      title: listing.title,
      note: body.note?.trim() ?? '',
      price_fen: body.priceFen,
      status: body.priceFen === null ? 'quote_requested' : 'placed',
      voucher_id: body.voucherId ?? null,
      voucher_pays_fen: null,
      created_at: now,
      updated_at: now,
    });
    if (body.voucherId && body.priceFen !== null) {
      const q = await deps.voucherPayments.quote(trx, voucherUse({ voucherId: body.voucherId, subjectId: body.subjectId, providerId: listing.organisation_id, category: listing.category, priceFen: body.priceFen, orderId }), today);
      await repo.updateOrder(trx, orderId, { voucher_pays_fen: q.voucherPaysFen });
    }
    await flagRelatedAndRound(trx, deps, { id: orderId, providerId: listing.organisation_id, subjectId: body.subjectId, priceFen: body.priceFen, voucher: !!body.voucherId });
    const o = (await repo.findOrder(trx, orderId))!;
    await notifyProviderOfOrder(trx, deps, o, body.priceFen === null ? { zh: '新的询价', en: 'A new quote request' } : { zh: '新的订单待确认', en: 'A new order to confirm' }, 'placed');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_placed', entityType: 'marketplace_order', entityId: orderId, data: { priceFen: body.priceFen, voucher: !!body.voucherId } });
    return orderId;
  });
  return (await orderViews(deps, deps.db, [(await repo.findOrder(deps.db, id))!]))[0]!;
}

type Side = 'provider' | 'enterprise' | 'officer';

/** Runs one step of an order in a transaction: the order row locked first, the side checked, the status required. */
async function orderStep(
  deps: MarketplaceDeps,
  principal: Principal,
  id: string,
  side: Side,
  from: readonly OrderRow['status'][],
  step: (trx: Tx, o: OrderRow) => Promise<void>,
): Promise<Order> {
  const mine = side === 'enterprise' ? await mySubjectIds(deps.db, principal) : [];
  await deps.db.transaction().execute(async (trx) => {
    const o = await repo.lockOrder(trx, id);
    if (!o) throw notFound({ zh: '该订单', en: 'Order' });
    if (side === 'provider') requireProvider(principal, o.provider_organisation_id, false);
    if (side === 'enterprise' && !mine.includes(o.subject_id)) throw forbidden('只有下单企业可以办理', 'Only the ordering enterprise may do this');
    if (side === 'officer') requireOfficerFor(principal, (await repo.organisation(trx, o.provider_organisation_id))!.region_code);
    if (!from.includes(o.status))
      throw conflict('ORDER_STATUS', '订单当前状态不允许此操作', `An order that is ${o.status} does not allow this`, [fieldError('status', `from_${o.status}`, '订单状态不允许此操作', 'the order’s status does not allow this')]);
    await step(trx, o);
  });
  return (await orderViews(deps, deps.db, [(await repo.findOrder(deps.db, id))!]))[0]!;
}

export const quoteOrder = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, priceFen: number) =>
  orderStep(deps, principal, id, 'provider', ['quote_requested'], async (trx, o) => {
    await repo.updateOrder(trx, id, { status: 'quoted', price_fen: priceFen, updated_at: deps.clock.now() });
    await notifyEnterprise(trx, deps, o, { zh: `服务机构已报价 ${priceFen / 100} 元`, en: `Quoted ${priceFen / 100} yuan` }, 'quoted');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_quoted', entityType: 'marketplace_order', entityId: id, data: { priceFen } });
  });

/** The enterprise accepts the quote: both sides have agreed, so the order is confirmed and a voucher's part held. */
export const acceptQuote = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, body: AcceptQuoteBody) =>
  orderStep(deps, principal, id, 'enterprise', ['quoted'], async (trx, o) => {
    const listing = (await repo.findListing(trx, o.listing_id))!;
    const errors = await checkOrderable(trx, listing, deps.clock.today());
    if (body.voucherId && !listing.voucher_payable) errors.push(fieldError('voucherId', 'voucher_payable', '该服务不接受服务券支付', 'the listing is not payable with vouchers'));
    if (errors.length) throw invalid(errors);
    let voucherPays: number | null = null;
    if (body.voucherId) {
      const q = await deps.voucherPayments.hold(trx, voucherUse({ voucherId: body.voucherId, subjectId: o.subject_id, providerId: o.provider_organisation_id, category: o.category, priceFen: o.price_fen!, orderId: o.id }), deps.clock.today());
      voucherPays = q.voucherPaysFen;
    }
    await repo.updateOrder(trx, id, { status: 'confirmed', voucher_id: body.voucherId ?? null, voucher_pays_fen: voucherPays, updated_at: deps.clock.now() });
    await flagRelatedAndRound(trx, deps, { id, providerId: o.provider_organisation_id, subjectId: o.subject_id, priceFen: o.price_fen, voucher: !!body.voucherId });
    await notifyProviderOfOrder(trx, deps, o, { zh: '企业已接受报价，请开始服务', en: 'The quote was accepted: start the service' }, 'quote_accepted');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_quote_accepted', entityType: 'marketplace_order', entityId: id, data: { voucher: !!body.voucherId } });
  });

/** The provider confirms a placed order: a voucher's part is held (the vouchers module locks the voucher). */
export const confirmOrder = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string) =>
  orderStep(deps, principal, id, 'provider', ['placed'], async (trx, o) => {
    const listing = (await repo.findListing(trx, o.listing_id))!;
    const errors = await checkOrderable(trx, listing, deps.clock.today());
    if (errors.length) throw invalid(errors);
    let voucherPays = o.voucher_pays_fen;
    if (o.voucher_id) {
      const q = await deps.voucherPayments.hold(trx, voucherUse({ voucherId: o.voucher_id, subjectId: o.subject_id, providerId: o.provider_organisation_id, category: o.category, priceFen: o.price_fen!, orderId: o.id }), deps.clock.today());
      voucherPays = q.voucherPaysFen;
    }
    await repo.updateOrder(trx, id, { status: 'confirmed', voucher_pays_fen: voucherPays, updated_at: deps.clock.now() });
    await notifyEnterprise(trx, deps, o, { zh: '服务机构已确认订单', en: 'The provider confirmed the order' }, 'confirmed');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_confirmed', entityType: 'marketplace_order', entityId: id, data: { voucherPaysFen: voucherPays } });
  });

/** Either side cancels before delivery (the provider declines, the enterprise withdraws); a held voucher part is released. */
export const cancelOrder = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, side: 'provider' | 'enterprise', reason: string | undefined) =>
  orderStep(deps, principal, id, side, ['quote_requested', 'quoted', 'placed', 'confirmed'], async (trx, o) => {
    if (o.voucher_id) await deps.voucherPayments.release(trx, o.id);
    await repo.updateOrder(trx, id, { status: 'cancelled', cancel_reason: reason?.trim() || null, updated_at: deps.clock.now() });
    if (side === 'provider') await notifyEnterprise(trx, deps, o, { zh: '服务机构取消了订单', en: 'The provider cancelled the order' }, 'cancelled');
    else await notifyProviderOfOrder(trx, deps, o, { zh: '企业取消了订单', en: 'The enterprise cancelled the order' }, 'cancelled');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_cancelled', entityType: 'marketplace_order', entityId: id, data: { by: side } });
  });

export async function deliverOrder(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, fileId: string, note: string | undefined): Promise<Order> {
  const [file] = await getFiles(deps.db, [fileId]);
  if (!file || file.ownerUserId !== principal.userId) throw invalid([fieldError('fileId', 'own_upload', '应为您本人上传的交付文件', 'must be a file you uploaded')]);
  return orderStep(deps, principal, id, 'provider', ['confirmed'], async (trx, o) => {
    await repo.updateOrder(trx, id, { status: 'delivered', delivery_file_id: fileId, delivery_note: note?.trim() || null, updated_at: deps.clock.now() });
    await notifyEnterprise(trx, deps, o, { zh: '服务已交付，请验收', en: 'Delivered: please accept or dispute' }, 'delivered');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_delivered', entityType: 'marketplace_order', entityId: id, data: { fileId } });
  });
}

async function settle(trx: Tx, deps: MarketplaceDeps, o: OrderRow, patch: { dispute_decision?: 'provider'; decision_reason?: string; decided_by?: string }): Promise<void> {
  if (o.voucher_id) await deps.voucherPayments.redeem(trx, o.id);
  const now = deps.clock.now();
  await repo.updateOrder(trx, o.id, { status: 'accepted', accepted_at: now, updated_at: now, ...patch });
}

export const acceptDelivery = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string) =>
  orderStep(deps, principal, id, 'enterprise', ['delivered'], async (trx, o) => {
    await settle(trx, deps, o, {});
    await notifyProviderOfOrder(trx, deps, o, { zh: '企业已验收', en: 'The enterprise accepted the delivery' }, 'accepted');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_accepted', entityType: 'marketplace_order', entityId: id });
  });

export const disputeDelivery = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, reason: string) => {
  if (!reason.trim()) throw invalid([fieldError('reason', 'required', '请说明争议理由', 'a reason is required')]);
  return orderStep(deps, principal, id, 'enterprise', ['delivered'], async (trx, o) => {
    await repo.updateOrder(trx, id, { status: 'disputed', dispute_reason: reason.trim(), updated_at: deps.clock.now() });
    await notifyProviderOfOrder(trx, deps, o, { zh: '企业对交付提出争议', en: 'The enterprise disputes the delivery' }, 'disputed');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_disputed', entityType: 'marketplace_order', entityId: id, data: { reason: reason.trim() } });
  });
};

/** An officer decides a dispute: for the provider it counts as accepted (voucher redeemed); for the enterprise the order is cancelled (voucher released). */
export const decideDispute = (deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, decision: 'provider' | 'enterprise', reason: string) => {
  if (!reason.trim()) throw invalid([fieldError('reason', 'required', '请说明裁定理由', 'a reason is required')]);
  return orderStep(deps, principal, id, 'officer', ['disputed'], async (trx, o) => {
    if (decision === 'provider') await settle(trx, deps, o, { dispute_decision: 'provider', decision_reason: reason.trim(), decided_by: principal.userId });
    else {
      if (o.voucher_id) await deps.voucherPayments.release(trx, o.id);
      await repo.updateOrder(trx, id, { status: 'cancelled', dispute_decision: 'enterprise', decision_reason: reason.trim(), decided_by: principal.userId, updated_at: deps.clock.now() });
    }
    const title = decision === 'provider' ? { zh: '争议裁定：支持服务机构，订单视为验收', en: 'Dispute decided for the provider: accepted' } : { zh: '争议裁定：支持企业，订单取消', en: 'Dispute decided for the enterprise: cancelled' };
    await notifyEnterprise(trx, deps, o, title, 'dispute_decided');
    await notifyProviderOfOrder(trx, deps, o, title, 'dispute_decided');
    await record(trx, deps.clock, ctx, { action: 'marketplace.dispute_decided', entityType: 'marketplace_order', entityId: id, data: { decision, reason: reason.trim() } });
  });
};

export async function rateOrder(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, body: RateBody): Promise<Order> {
  const mine = await mySubjectIds(deps.db, principal);
  const o = await repo.findOrder(deps.db, id);
  if (!o) throw notFound({ zh: '该订单', en: 'Order' });
  if (!mine.includes(o.subject_id)) throw forbidden('只有下单企业可以评价', 'Only the ordering enterprise may rate');
  if (o.status !== 'accepted') {
    // Prevented, and flagged to officers: a rating attempted without an accepted delivery.
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertFlag(trx, {
        kind: 'rating_without_delivery',
        provider_organisation_id: o.provider_organisation_id,
        subject_id: o.subject_id,
        order_id: o.id,
        detail: `订单未验收即尝试评价（订单状态：${ORDER_STATUS_LABELS[o.status].zh}）/ a rating was tried before the enterprise took delivery (order: ${ORDER_STATUS_LABELS[o.status].en})`,
        created_at: deps.clock.now(),
      });
    });
    throw conflict('NOT_SETTLED', '只有已验收的订单可以评价', 'Only an accepted order can be rated', [fieldError('status', 'accepted_only', '订单尚未验收', 'the order has not been accepted')]);
  }
  return orderStep(deps, principal, id, 'enterprise', ['accepted'], async (trx, order) => {
    const now = deps.clock.now();
    const comment = body.comment?.trim() ?? '';
    const inserted = await repo.insertRatings(
      trx,
      (['quality', 'timeliness', 'price'] as const).map((dimension) => ({ order_id: id, dimension, score: body[dimension], provider_organisation_id: order.provider_organisation_id, rated_by: principal.userId, comment, created_at: now })),
    );
    if (!inserted) throw conflict('ALREADY_RATED', '该订单已评价', 'The order has already been rated', [fieldError('orderId', 'once_per_dimension', '每个订单每项只能评价一次', 'one rating per order and dimension')]);
    await notifyProviderOfOrder(trx, deps, order, { zh: '企业已评价您的服务', en: 'The enterprise rated your service' }, 'rated');
    await record(trx, deps.clock, ctx, { action: 'marketplace.order_rated', entityType: 'marketplace_order', entityId: id, data: { quality: body.quality, timeliness: body.timeliness, price: body.price } });
  });
}

export async function replyToRating(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, text: string): Promise<Order> {
  if (!text.trim()) throw invalid([fieldError('text', 'required', '请填写回复', 'a reply is required')]);
  return orderStep(deps, principal, id, 'provider', ['accepted'], async (trx) => {
    if ((await repo.ratingsOfOrders(trx, [id])).length === 0) throw conflict('NOT_RATED', '该订单尚无评价', 'The order has no rating yet', [fieldError('orderId', 'rated', '尚无评价可回复', 'nothing to reply to')]);
    if (!(await repo.insertReply(trx, { order_id: id, text: text.trim(), replied_by: principal.userId, replied_at: deps.clock.now() })))
      throw conflict('ALREADY_REPLIED', '每个评价只能回复一次', 'A rating can be replied to once', [fieldError('text', 'once', '已回复过', 'already replied')]);
    await record(trx, deps.clock, ctx, { action: 'marketplace.rating_replied', entityType: 'marketplace_order', entityId: id });
  });
}

export async function myOrders(deps: MarketplaceDeps, principal: Principal, status?: string): Promise<Order[]> {
  const rows = await repo.listOrders(deps.db, { subjectIds: await mySubjectIds(deps.db, principal), status });
  return orderViews(deps, deps.db, rows);
}

export async function disputes(deps: MarketplaceDeps, principal: Principal): Promise<Order[]> {
  const rows = await repo.listOrders(deps.db, { status: 'disputed', regionPrefixes: officerPrefixes(principal) });
  return orderViews(deps, deps.db, rows);
}

/** The delivery file of an order, for its enterprise, its provider and the officers of its region. */
export async function deliveryFileOf(deps: MarketplaceDeps, principal: Principal, id: string): Promise<string> {
  const o = await repo.findOrder(deps.db, id);
  if (!o?.delivery_file_id) throw notFound({ zh: '交付文件', en: 'Delivery file' });
  const provider = principal.memberships.some((m) => m.organisationId === o.provider_organisation_id);
  const enterprise = (await mySubjectIds(deps.db, principal)).includes(o.subject_id);
  const officer = mayAccess(principal, 'marketplace.certify', { regionCode: (await repo.organisation(deps.db, o.provider_organisation_id))!.region_code });
  if (!provider && !enterprise && !officer) throw forbidden('您不能查看该交付文件', 'You may not read this delivery');
  return o.delivery_file_id;
}

/** A qualification document of a certification: its provider and the officers of its region. */
export async function certificationFileOf(deps: MarketplaceDeps, principal: Principal, id: string, fileId: string): Promise<string> {
  const c = await repo.findCertification(deps.db, id);
  if (!c || !c.file_ids.includes(fileId)) throw notFound({ zh: '资质文件', en: 'Qualification document' });
  const org = (await repo.organisation(deps.db, c.organisation_id))!;
  if (!principal.memberships.some((m) => m.organisationId === c.organisation_id) && !mayAccess(principal, 'marketplace.certify', { regionCode: org.region_code }))
    throw forbidden('您不能查看该资质文件', 'You may not read this document');
  return fileId;
}

// ---------------------------------------------------------------- provider workbench

export async function workbench(deps: MarketplaceDeps, principal: Principal): Promise<ProviderWorkbench> {
  const organisationId = requireProvider(principal, undefined, false);
  const org = (await repo.organisation(deps.db, organisationId))!;
  const history = await repo.certificationsOf(deps.db, organisationId);
  const current = (await repo.currentCertifications(deps.db, [organisationId])).get(organisationId);
  const today = deps.clock.today();
  const historyViews: Certification[] = [];
  for (const c of history) historyViews.push(await certificationView(deps.db, c));
  return {
    organisationId,
    name: org.name,
    regionCode: org.region_code,
    certification: current ? historyViews.find((h) => h.id === current.id)! : null,
    history: historyViews,
    listings: await listingViews(deps.db, await repo.listingsOf(deps.db, organisationId, false), today),
    orders: await orderViews(deps, deps.db, await repo.listOrders(deps.db, { providerId: organisationId })),
    ratings: await ratingViews(deps.db, organisationId),
    grade: await gradeFor(deps.db, organisationId, Number(today.slice(0, 4)), today, true),
  };
}

// ---------------------------------------------------------------- misuse flags

export async function flags(deps: MarketplaceDeps, principal: Principal): Promise<Flag[]> {
  const rows = await repo.listFlags(deps.db, officerPrefixes(principal));
  const providers = await repo.organisationNames(deps.db, rows.map((r) => r.provider_organisation_id));
  const subjects = await repo.subjectNames(deps.db, rows.map((r) => r.subject_id).filter((x): x is string => !!x));
  const out: Flag[] = [];
  for (const r of rows) {
    const o = r.order_id ? await repo.findOrder(deps.db, r.order_id) : undefined;
    out.push({
      id: r.id,
      kind: r.kind,
      providerOrganisationId: r.provider_organisation_id,
      providerName: providers.get(r.provider_organisation_id) ?? '',
      enterpriseName: r.subject_id ? (subjects.get(r.subject_id) ?? null) : null,
      orderTitle: o?.title ?? null,
      detail: r.detail,
      status: r.status,
      resolution: r.resolution,
      createdAt: instantOut(r.created_at),
    });
  }
  return out;
}

/** Dismisses a flag, or acts on it: the provider's certification is revoked with the flag as the reason. */
export async function resolveFlag(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, id: string, body: FlagResolveBody): Promise<void> {
  if (!body.note.trim()) throw invalid([fieldError('note', 'required', '请说明处理意见', 'a note is required')]);
  await deps.db.transaction().execute(async (trx) => {
    const f = await repo.lockFlag(trx, id);
    if (!f) throw notFound({ zh: '该线索', en: 'Flag' });
    const org = (await repo.organisation(trx, f.provider_organisation_id))!;
    requireOfficerFor(principal, org.region_code);
    if (f.status !== 'open') throw conflict('FLAG_RESOLVED', '该线索已处理', 'The flag has already been handled');
    await repo.resolveFlag(trx, id, { status: body.action === 'revoke' ? 'acted' : 'dismissed', resolution: body.note.trim(), resolved_by: principal.userId, resolved_at: deps.clock.now() });
    if (body.action === 'revoke') {
      const live = await repo.liveCertification(trx, f.provider_organisation_id);
      if (!live) throw conflict('NOT_CERTIFIED', '该机构当前没有可撤销的认证', 'The provider holds no certification to revoke');
      const c = (await repo.lockCertification(trx, live.id))!;
      // Notifications and the audit entry of the revocation; the chain stays the last lock.
      await applyStanding(trx, deps, principal, ctx, c, 'revoke', `违规线索查实：${f.detail}（${body.note.trim()}）`.slice(0, 1000));
    }
    await record(trx, deps.clock, ctx, { action: 'marketplace.flag_resolved', entityType: 'marketplace_flag', entityId: id, data: { action: body.action } });
  });
}

// ---------------------------------------------------------------- annual grades

/** The programme office computes a year's grades for every provider in the regions it supervises (the year's record as of its last day, or today). */
export async function computeAnnualGrades(deps: MarketplaceDeps, principal: Principal, ctx: AuditContext, year: number): Promise<{ year: number; providers: number; byStars: Record<string, number> }> {
  const prefixes = membershipsGranting(principal, 'marketplace.grade').map((m) => regionPrefix(m.regionCode));
  const today = deps.clock.today();
  if (year > Number(today.slice(0, 4))) throw invalid([fieldError('year', 'not_future', '不能评选未来年度', 'cannot grade a future year')]);
  const day = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
  const byStars: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let providers = 0;
  await deps.db.transaction().execute(async (trx) => {
    const current = await repo.currentCertifications(trx);
    for (const c of current.values()) {
      if (c.status === 'pending' || c.status === 'rejected') continue;
      const org = (await repo.organisation(trx, c.organisation_id))!;
      if (!prefixes.some((p) => org.region_code.startsWith(p))) continue;
      const g = await gradeFor(trx, c.organisation_id, year, day, false);
      await repo.upsertGrade(trx, { organisation_id: c.organisation_id, year, stars: g.stars, points: g.points, terms: g.terms, computed_by: principal.userId, computed_at: deps.clock.now() });
      byStars[String(g.stars)]!++;
      providers++;
    }
    await record(trx, deps.clock, ctx, { action: 'marketplace.grades_computed', entityType: 'marketplace_grades', entityId: String(year), data: { providers, byStars } });
  });
  return { year, providers, byStars };
}

