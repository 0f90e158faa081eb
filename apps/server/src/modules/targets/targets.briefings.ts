/**
 * Briefings (工作简报) on the targets. The office drafts one for a period: its figures are taken
 * from the same computation as the targets dashboard (listTargets: the lights by status, the
 * targets behind or at risk, each lead unit's targets) plus the reports and escalations of the
 * period, and kept with the draft, so that the printed numbers are the dashboard's of that day.
 * The office edits the text (masthead, title, issuer, summary, next steps, distribution), may take
 * the figures again, and issues it: the next number of its region and year, and it is frozen.
 * Word (.docx, for editing after issue as offices do) and PDF come from the same view.
 */
import type { BriefingCreateBody, BriefingFigures, BriefingList, BriefingTarget, BriefingUnit, BriefingUpdateBody, BriefingView, TargetStatus, TargetView } from '@seedbed/contract';
import { TARGET_COMPARISON_LABELS, TARGET_STATUS_LABELS } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { shanghaiDay } from '../../platform/clock.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { cjkFont, fontMissing } from '../fulfilment/index.js';
import { regionCovers } from '../policies/index.js';
import { findRegion, regionDisplayName } from '../regions/index.js';
import { briefingDocx, briefingPdf } from './targets.briefings.documents.js';
import * as brepo from './targets.briefings.repository.js';
import type { BriefingRow } from './targets.briefings.repository.js';
import * as repo from './targets.repository.js';
import { compareUnits, NO_LEAD_UNIT, statusCounts } from './targets.progress.js';
import { NOT_OFFICE, listTargets, officeRegions, prefixes, requireOffice } from './targets.service.js';

export type BriefingDeps = Pick<AppDeps, 'db' | 'clock' | 'modules' | 'config'>;

const BRIEFING = { zh: '该简报', en: 'Briefing' };
/** The lights a briefing calls out by name: the targets that need leadership's attention. */
const ATTENTION: readonly TargetStatus[] = ['behind', 'missed', 'at_risk'];

const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const goalText = (v: Pick<TargetView, 'comparison' | 'value' | 'unit'>) =>
  v.comparison === 'increase_by' ? `${TARGET_COMPARISON_LABELS.increase_by.zh}${fmt(v.value)}%` : `${TARGET_COMPARISON_LABELS[v.comparison].zh}${fmt(v.value)}${v.unit}`;

/** The figures of a region's targets today, with the reports and escalations of the period. */
export async function briefingFigures(deps: BriefingDeps, principal: Principal, regionCode: string, from: string, to: string): Promise<BriefingFigures> {
  const list = await listTargets(deps, principal, { regionCode });
  const ids = list.items.map((i) => i.id);
  const [reports, chases] = await Promise.all([repo.reportsOf(deps.db, ids), repo.chasesOf(deps.db, ids)]);
  const inPeriod = reports.filter((r) => {
    const day = shanghaiDay(r.revised_at ?? r.reported_at);
    return day >= from && day <= to;
  });
  const escalated = chases.filter((c) => c.stage === 'escalated' && c.on_day >= from && c.on_day <= to);
  const names = await repo.organisationNames(deps.db, [...inPeriod.map((r) => r.organisation_id), ...escalated.map((c) => c.organisation_id)]);
  const byUnit = new Map<string, TargetView[]>();
  for (const v of list.items) {
    const unit = v.lead?.name ?? NO_LEAD_UNIT;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), v]);
  }
  const units: BriefingUnit[] = [...byUnit]
    .map(([name, views]) => ({
      name,
      targets: views.length,
      byStatus: statusCounts(views.map((v) => v.status)),
      reports: inPeriod.filter((r) => names.get(r.organisation_id) === name).length,
      escalated: escalated.filter((c) => names.get(c.organisation_id) === name).length,
    }))
    .sort((a, b) => compareUnits(a.name, b.name));
  const attention: BriefingTarget[] = list.items
    .filter((v) => ATTENTION.includes(v.status))
    .sort((a, b) => ATTENTION.indexOf(a.status) - ATTENTION.indexOf(b.status) || (a.progress ?? 0) - (b.progress ?? 0))
    .map((v) => ({ title: v.title.zh, lead: v.lead?.name ?? NO_LEAD_UNIT, goal: goalText(v), figure: v.figure, unit: v.unit, progress: v.progress, elapsed: v.elapsed, status: v.status }));
  return { asOf: list.asOf, total: list.items.length, byStatus: statusCounts(list.items.map((v) => v.status)), units, attention, reportsInPeriod: inPeriod.length };
}

/** The opening paragraph a draft starts with (the office rewrites it as it sees fit). */
export function summaryOf(regionName: string, f: BriefingFigures, from: string, to: string): string {
  if (f.total === 0) return `截至${f.asOf}，${regionName}尚未载入目标任务。`;
  const parts = f.byStatus.map((b) => `${TARGET_STATUS_LABELS[b.status].zh}${b.count}项`).join('，');
  return `截至${f.asOf}，${regionName}共有双创目标任务${f.total}项，其中${parts}。${from}至${to}，各责任单位共报送工作进展${f.reportsInPeriod}份。`;
}

function viewOf(row: BriefingRow, people: Map<string, string>): BriefingView {
  return {
    id: row.id,
    regionCode: row.region_code,
    regionName: regionDisplayName(row.region_code) ?? row.region_code,
    state: row.state,
    year: row.year,
    number: row.number,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    masthead: row.masthead,
    title: row.title,
    issuer: row.issuer,
    summary: row.summary,
    nextSteps: row.next_steps,
    distribution: row.distribution,
    figures: row.figures as BriefingFigures,
    issuedOn: row.issued_on,
    createdBy: people.get(row.created_by) ?? '',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function viewsOf(deps: BriefingDeps, rows: readonly BriefingRow[]): Promise<BriefingView[]> {
  const people = await repo.userNames(deps.db, rows.map((r) => r.created_by));
  return rows.map((r) => viewOf(r, people));
}

export async function listBriefings(deps: BriefingDeps, principal: Principal): Promise<BriefingList> {
  const offices = officeRegions(principal);
  if (offices.length === 0) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
  const rows = (await brepo.briefingsIn(deps.db, prefixes(offices))).filter((r) => offices.some((o) => regionCovers(o, r.region_code)));
  return { items: await viewsOf(deps, rows) };
}

async function readable(deps: BriefingDeps, principal: Principal, id: string): Promise<BriefingRow> {
  const row = await brepo.findBriefing(deps.db, id);
  if (!row || !officeRegions(principal).some((o) => regionCovers(o, row.region_code))) throw notFound(BRIEFING);
  return row;
}

export async function briefingDetail(deps: BriefingDeps, principal: Principal, id: string): Promise<BriefingView> {
  const [view] = await viewsOf(deps, [await readable(deps, principal, id)]);
  return view!;
}

export async function createBriefing(deps: BriefingDeps, principal: Principal, ctx: AuditContext, body: BriefingCreateBody): Promise<BriefingView> {
  const offices = officeRegions(principal);
  if (offices.length === 0) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
  const regionCode = body.regionCode ?? offices[0]!;
  if (!(await findRegion(deps.db, regionCode))) throw invalid([fieldError('regionCode', 'exists:region', '没有这个地区', 'no such region')]);
  requireOffice(principal, regionCode);
  if (body.periodTo < body.periodFrom) throw invalid([fieldError('periodTo', 'after:periodFrom', '截止日期不能早于起始日期', 'the period cannot end before it starts')]);
  if (body.periodFrom > deps.clock.today()) throw invalid([fieldError('periodFrom', 'not_future', '简报期间不能从将来开始', 'a briefing covers a period that has begun')]);
  const regionName = regionDisplayName(regionCode) ?? regionCode;
  const figures = await briefingFigures(deps, principal, regionCode, body.periodFrom, body.periodTo);
  const office = officeOf(principal, regionCode);
  const id = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const id = await brepo.insertBriefing(trx, {
      region_code: regionCode,
      period_from: body.periodFrom,
      period_to: body.periodTo,
      masthead: '双创工作简报',
      title: `${regionName}双创目标任务推进情况（${body.periodFrom}至${body.periodTo}）`,
      issuer: office,
      summary: summaryOf(regionName, figures, body.periodFrom, body.periodTo),
      distribution: `报：${regionName}党委、政府领导同志。\n送：双创工作领导小组各成员单位。`,
      figures: JSON.stringify(figures),
      year: null,
      number: null,
      issued_by: null,
      created_by: principal.userId,
      created_at: now,
      updated_at: now,
    });
    await record(trx, deps.clock, ctx, { action: 'targets.briefing_drafted', entityType: 'briefing', entityId: id, data: { regionCode, periodFrom: body.periodFrom, periodTo: body.periodTo } });
    return id;
  });
  return briefingDetail(deps, principal, id);
}

/** The name of the principal's programme office covering the region (编发单位). */
function officeOf(principal: Principal, regionCode: string): string {
  const m = principal.memberships.find((x) => x.permissions.includes('targets.manage') && regionCovers(x.regionCode, regionCode));
  return (m?.organisationName ?? '双创工作领导小组办公室').slice(0, 60);
}

const ISSUED = () => conflict('BRIEFING_ISSUED', '简报已印发，不能再修改', 'The briefing has been issued and can no longer be changed');

async function changeDraft(
  deps: BriefingDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  change: (row: BriefingRow) => Parameters<typeof brepo.updateBriefing>[2],
  audit: { action: string; data: Record<string, unknown> },
): Promise<BriefingView> {
  await readable(deps, principal, id);
  await deps.db.transaction().execute(async (trx) => {
    const row = (await brepo.findBriefing(trx, id, true))!;
    requireOffice(principal, row.region_code);
    if (row.state !== 'draft') throw ISSUED();
    await brepo.updateBriefing(trx, id, { ...change(row), updated_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { ...audit, entityType: 'briefing', entityId: id });
  });
  return briefingDetail(deps, principal, id);
}

export async function updateBriefing(deps: BriefingDeps, principal: Principal, ctx: AuditContext, id: string, body: BriefingUpdateBody): Promise<BriefingView> {
  for (const key of ['masthead', 'title', 'issuer'] as const) {
    if (body[key] !== undefined && body[key].trim() === '') throw invalid([fieldError(key, 'required', '不能为空', 'cannot be blank')]);
  }
  const set = {
    ...(body.masthead !== undefined ? { masthead: body.masthead.trim() } : {}),
    ...(body.title !== undefined ? { title: body.title.trim() } : {}),
    ...(body.issuer !== undefined ? { issuer: body.issuer.trim() } : {}),
    ...(body.summary !== undefined ? { summary: body.summary } : {}),
    ...(body.nextSteps !== undefined ? { next_steps: body.nextSteps } : {}),
    ...(body.distribution !== undefined ? { distribution: body.distribution } : {}),
  };
  return changeDraft(deps, principal, ctx, id, () => set, { action: 'targets.briefing_edited', data: { fields: Object.keys(body) } });
}

/** Takes the figures again (a draft only); the summary follows them unless the office rewrote it. */
export async function refreshBriefing(deps: BriefingDeps, principal: Principal, ctx: AuditContext, id: string): Promise<BriefingView> {
  const row = await readable(deps, principal, id);
  const regionName = regionDisplayName(row.region_code) ?? row.region_code;
  const figures = await briefingFigures(deps, principal, row.region_code, row.period_from, row.period_to);
  return changeDraft(
    deps,
    principal,
    ctx,
    id,
    (current) => ({
      figures: JSON.stringify(figures),
      ...(current.summary === summaryOf(regionName, current.figures as BriefingFigures, current.period_from, current.period_to) ? { summary: summaryOf(regionName, figures, current.period_from, current.period_to) } : {}),
    }),
    { action: 'targets.briefing_refreshed', data: { asOf: figures.asOf } },
  );
}

/** Issues a draft: the next number of its region and year, today's date; frozen from then on. */
export async function issueBriefing(deps: BriefingDeps, principal: Principal, ctx: AuditContext, id: string): Promise<BriefingView> {
  await readable(deps, principal, id);
  await deps.db.transaction().execute(async (trx) => {
    const row = (await brepo.findBriefing(trx, id, true))!;
    requireOffice(principal, row.region_code);
    if (row.state !== 'draft') throw ISSUED();
    const today = deps.clock.today();
    const year = Number(today.slice(0, 4));
    const number = await brepo.nextNumber(trx, row.region_code, year);
    await brepo.updateBriefing(trx, id, { state: 'issued', year, number, issued_on: today, issued_by: principal.userId, updated_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'targets.briefing_issued', entityType: 'briefing', entityId: id, data: { regionCode: row.region_code, year, number } });
  });
  return briefingDetail(deps, principal, id);
}

const fileBase = (v: BriefingView) => `${v.masthead}${v.number !== null ? `${v.year}年第${v.number}期` : '（草稿）'}`;

export async function briefingDocument(deps: BriefingDeps, principal: Principal, id: string, format: 'docx' | 'pdf'): Promise<{ buffer: Buffer; fileName: string }> {
  const view = await briefingDetail(deps, principal, id);
  // The chart's labels are Chinese in both formats: without the font neither can be made.
  const font = cjkFont(deps.config.cjkFont);
  if (!font) throw fontMissing();
  const buffer = format === 'docx' ? await briefingDocx(view, font) : await briefingPdf(view, font);
  return { buffer, fileName: `${fileBase(view)}.${format}` };
}
