/**
 * Targets (目标任务) and the work ledger (工作台账). The programme office loads a document's targets
 * for its region (units mapped to the region's departments through fulfilment's department table),
 * adds local ones, splits one into parts, binds a target to a module's declared statistic, and
 * assigns units; units report progress each month or quarter; every figure is computed on read
 * (statistic, the lead unit's latest reported figure, or the sum of the parts) and given a
 * traffic light (targets.progress.ts). A daily job keeps the lights (for the red-stays-red rule)
 * and chases late reports: the unit is reminded, then the programme office is told.
 */
import type {
  TargetCreateBody,
  TargetDetail,
  TargetDocument,
  TargetDue,
  TargetList,
  TargetMilestone,
  TargetLoadBody,
  TargetLoadResult,
  TargetOptions,
  TargetQuery,
  TargetReportBody,
  TargetRecords,
  TargetReportView,
  TargetStatus,
  TargetUpdateBody,
  TargetView,
} from '@seedbed/contract';
import { membershipsGranting, rolesGranting, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import type { Tx } from '../../platform/database.js';
import { fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile, getFiles } from '../files/index.js';
import { findDepartmentByName } from '../fulfilment/index.js';
import { notify } from '../notifications/index.js';
import { namesOfUnit, regionCovers, regionPrefix, shippedCatalogue } from '../policies/index.js';
import { findRegion, regionDisplayName } from '../regions/index.js';
import { evaluate, milestoneState, periodDays, statusCounts, previousPeriod, reportDeadlines, reportingPeriodOf, rollUp, type Comparison } from './targets.progress.js';
import * as repo from './targets.repository.js';
import { ledgerXlsx } from './targets.xlsx.js';
import type { TargetRow } from './targets.repository.js';

export type TargetsDeps = Pick<AppDeps, 'db' | 'clock' | 'modules'>;

const TARGET = { zh: '该目标任务', en: 'Target' };
export const NOT_OFFICE = { zh: '只有本地区的双创办可以管理目标任务', en: "Only the region's programme office manages targets" };

// ---------------------------------------------------------------- who acts

/** The regions the principal's programme offices cover. */
export const officeRegions = (p: Principal) => membershipsGranting(p, 'targets.manage').map((m) => m.regionCode);
export const unitIds = (p: Principal) => p.memberships.filter((m) => m.organisationKind === 'government').map((m) => m.organisationId);

/** Whether one of the principal's programme offices covers the region. */
export const isOfficeFor = (p: Principal, regionCode: string) => officeRegions(p).some((r) => regionCovers(r, regionCode));

export function requireOffice(p: Principal, regionCode: string): void {
  if (!isOfficeFor(p, regionCode)) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
}

export const prefixes = (codes: readonly string[]) => [...new Set(codes.map((c) => regionPrefix(c)))];

// ---------------------------------------------------------------- figures and lights

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
const minDay = (a: string, b: string) => (a < b ? a : b);

interface Computed {
  figure: number | null;
  source: TargetView['figureSource'];
  asOf: string | null;
}

interface Context {
  deps: TargetsDeps;
  today: string;
  parts: Map<string, TargetRow[]>;
  reports: Map<string, repo.ReportRow[]>;
  milestones: Map<string, repo.MilestoneRow[]>;
  memo: Map<string, Computed>;
}

async function contextFor(deps: TargetsDeps, rows: readonly TargetRow[]): Promise<Context> {
  // Parts of every target in view, and their parts (a split may be split again).
  const parts = new Map<string, TargetRow[]>();
  let frontier = rows.map((r) => r.id);
  const all = new Map(rows.map((r) => [r.id, r]));
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      const ps = await repo.partsOf(deps.db, id);
      parts.set(id, ps);
      for (const p of ps) {
        if (all.has(p.id)) continue;
        all.set(p.id, p);
        next.push(p.id);
      }
    }
    frontier = next;
  }
  const reports = new Map<string, repo.ReportRow[]>();
  for (const r of await repo.reportsOf(deps.db, [...all.keys()])) reports.set(r.target_id, [...(reports.get(r.target_id) ?? []), r]);
  const milestones = new Map<string, repo.MilestoneRow[]>();
  for (const m of await repo.milestonesOf(deps.db, rows.map((r) => r.id))) milestones.set(m.target_id, [...(milestones.get(m.target_id) ?? []), m]);
  return { deps, today: deps.clock.today(), parts, reports, milestones, memo: new Map() };
}

async function figureOf(ctx: Context, row: TargetRow): Promise<Computed> {
  const cached = ctx.memo.get(row.id);
  if (cached) return cached;
  let out: Computed = { figure: null, source: null, asOf: null };
  const parts = ctx.parts.get(row.id) ?? [];
  if (parts.length > 0) {
    const figures = await Promise.all(parts.map((p) => figureOf(ctx, p)));
    // A target's parts add up; a task's completion is its parts' on average.
    out = { figure: rollUp(figures.map((f) => f.figure), row.kind === 'task' ? 'mean' : 'sum'), source: 'parts', asOf: ctx.today };
  } else if (row.statistic) {
    const statistic = ctx.deps.modules.statistics.get(row.statistic);
    if (statistic && ctx.today >= row.period_from) {
      const to = minDay(ctx.today, row.period_to);
      out = { figure: await statistic.compute(ctx.deps.db, { regionCode: row.region_code, from: row.period_from, to }), source: 'statistic', asOf: to };
    }
  } else {
    // The lead unit consolidates: its latest report with a figure (any unit's while it has none).
    const rs = (ctx.reports.get(row.id) ?? []).filter((r) => r.value !== null);
    const lead = rs.find((r) => r.organisation_id === row.lead_org_id) ?? rs[0];
    if (lead) out = { figure: Number(lead.value), source: 'reports', asOf: periodDays(lead.period).to };
  }
  ctx.memo.set(row.id, out);
  return out;
}

/** A target's milestones as the pages show them, their states from its figure today. */
function milestoneViews(ctx: Context, row: TargetRow, figure: number | null, people: ReadonlyMap<string, string> = new Map()): TargetMilestone[] {
  return (ctx.milestones.get(row.id) ?? []).map((m) => {
    const value = num(m.value);
    const { state, byFigure } = milestoneState({ dueOn: m.due_on, value, reachedOn: m.reached_on }, row.comparison as Comparison, figure, ctx.today);
    return { id: m.id, title: m.title, dueOn: m.due_on, value, state, byFigure, reachedOn: m.reached_on, reachedBy: m.reached_by ? (people.get(m.reached_by) ?? '') : null, note: m.note };
  });
}

/** The light the last evaluation on an earlier day gave (today's own evaluation does not count as "before"). */
const previousOf = (row: TargetRow, today: string): TargetStatus | null =>
  (row.evaluated_on === today ? row.previous_status : row.status) as TargetStatus | null;

async function viewsOf(ctx: Context, rows: readonly TargetRow[], principal: Principal | null): Promise<TargetView[]> {
  const orgIds = rows.flatMap((r) => [r.lead_org_id, ...r.supporting_org_ids].filter((x): x is string => !!x));
  const names = await repo.organisationNames(ctx.deps.db, orgIds);
  const documents = new Map(shippedCatalogue().documents.map((d) => [d.key, d.document.title.zh]));
  const mine = new Set(principal ? unitIds(principal) : []);
  const offices = principal ? officeRegions(principal) : [];
  const out: TargetView[] = [];
  for (const r of rows) {
    const c = await figureOf(ctx, r);
    const goal = { comparison: r.comparison as Comparison, value: Number(r.value), baseline: num(r.baseline) };
    const e = evaluate({ goal, figure: c.figure, from: r.period_from, to: r.period_to, today: ctx.today, previous: previousOf(r, ctx.today) });
    const statistic = r.statistic ? ctx.deps.modules.statistics.get(r.statistic) : undefined;
    const unit = (id: string) => ({ organisationId: id, name: names.get(id) ?? '' });
    const milestones = milestoneViews(ctx, r, c.figure);
    out.push({
      id: r.id,
      regionCode: r.region_code,
      regionName: regionDisplayName(r.region_code) ?? r.region_code,
      parentId: r.parent_id,
      kind: r.kind,
      source: r.document_key ? { document: r.document_key, documentTitle: documents.get(r.document_key) ?? r.document_key, clause: r.clause, quote: r.quote } : null,
      title: { zh: r.title_zh, en: r.title_en },
      indicator: { zh: r.indicator_zh, en: r.indicator_en },
      comparison: goal.comparison,
      value: goal.value,
      unit: r.unit,
      baseline: goal.baseline,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      statistic: statistic ? { name: statistic.name, label: statistic.label, unit: statistic.unit } : null,
      leadUnitName: r.lead_unit_name,
      lead: r.lead_org_id ? unit(r.lead_org_id) : null,
      supporting: r.supporting_org_ids.map(unit),
      reporting: r.reporting as TargetView['reporting'],
      figure: c.figure === null ? null : Math.round(c.figure * 100) / 100,
      figureSource: c.source,
      figureAsOf: c.asOf,
      progress: e.progress === null ? null : Math.round(e.progress * 1000) / 1000,
      elapsed: Math.round(e.elapsed * 1000) / 1000,
      status: e.status,
      parts: (ctx.parts.get(r.id) ?? []).length,
      milestones: { total: milestones.length, reached: milestones.filter((x) => x.state === 'reached').length, overdue: milestones.filter((x) => x.state === 'overdue').length },
      canReport: [r.lead_org_id, ...r.supporting_org_ids].some((id) => !!id && mine.has(id)),
      canManage: offices.some((o) => regionCovers(o, r.region_code)),
    });
  }
  return out;
}

/** The targets as the principal sees them, with figures and lights computed now. */
export async function evaluatedViews(deps: TargetsDeps, rows: readonly TargetRow[], principal: Principal | null): Promise<TargetView[]> {
  return viewsOf(await contextFor(deps, rows), rows, principal);
}

/** Re-evaluates targets and keeps their lights (the last one and the one before it, by day). */
async function persistLights(deps: TargetsDeps, rows: readonly TargetRow[]): Promise<void> {
  const ctx = await contextFor(deps, rows);
  const views = await viewsOf(ctx, rows, null);
  const today = ctx.today;
  await deps.db.transaction().execute(async (trx) => {
    for (const [i, r] of rows.entries()) {
      const { status, figure, progress } = views[i]!;
      if (r.evaluated_on === today) await repo.updateTarget(trx, r.id, { status });
      else await repo.updateTarget(trx, r.id, { previous_status: r.status, status, evaluated_on: today });
      await repo.upsertSnapshot(trx, { target_id: r.id, day: today, status, figure, progress });
    }
  });
}

// ---------------------------------------------------------------- reading

export async function listTargets(deps: TargetsDeps, principal: Principal, query: TargetQuery): Promise<TargetList> {
  let rows: TargetRow[];
  if (query.mine) rows = await repo.targetsOfUnits(deps.db, unitIds(principal));
  else {
    const offices = officeRegions(principal);
    if (offices.length === 0) rows = await repo.targetsOfUnits(deps.db, unitIds(principal));
    else {
      const region = query.regionCode ?? offices[0]!;
      requireOffice(principal, region);
      rows = (await repo.targetsIn(deps.db, prefixes([region]))).filter((r) => regionCovers(region, r.region_code) && r.parent_id === null);
    }
  }
  const ctx = await contextFor(deps, rows);
  const items = await viewsOf(ctx, rows, principal);
  return { asOf: ctx.today, items, byStatus: statusCounts(items.map((v) => v.status)) };
}

/** The target, when the principal may read it (else 404, as if it did not exist). */
export async function readableTarget(deps: TargetsDeps, principal: Principal, id: string): Promise<TargetRow> {
  const row = await repo.findTarget(deps.db, id);
  if (!row || !mayRead(principal, row)) throw notFound(TARGET);
  return row;
}

export function mayRead(principal: Principal, row: TargetRow): boolean {
  return isOfficeFor(principal, row.region_code) || [row.lead_org_id, ...row.supporting_org_ids].some((id) => !!id && unitIds(principal).includes(id));
}

/** The reporting period whose report is due now (the last one that ended), if the target ran in it. */
function duePeriod(row: TargetRow, today: string): string | null {
  const period = previousPeriod(reportingPeriodOf(today, row.reporting as 'monthly' | 'quarterly'));
  const days = periodDays(period);
  return days.to >= row.period_from && days.from <= row.period_to ? period : null;
}

export async function targetDetail(deps: TargetsDeps, principal: Principal, id: string): Promise<TargetDetail> {
  const row = await readableTarget(deps, principal, id);
  const ctx = await contextFor(deps, [row]);
  const [target] = await viewsOf(ctx, [row], principal);
  const parts = await viewsOf(ctx, ctx.parts.get(row.id) ?? [], principal);
  const reports = ctx.reports.get(row.id) ?? [];
  const names = await repo.organisationNames(deps.db, [...reports.map((r) => r.organisation_id), ...[row.lead_org_id, ...row.supporting_org_ids].filter((x): x is string => !!x)]);
  const due: TargetDue[] = [];
  const period = duePeriod(row, ctx.today);
  if (period) {
    const chases = await repo.chasesOf(deps.db, [row.id]);
    for (const orgId of [row.lead_org_id, ...row.supporting_org_ids].filter((x): x is string => !!x)) {
      const mine = chases.filter((c) => c.organisation_id === orgId && c.period === period);
      due.push({
        organisation: { organisationId: orgId, name: names.get(orgId) ?? '' },
        period,
        dueOn: reportDeadlines(period).due,
        reported: reports.some((r) => r.organisation_id === orgId && r.period === period),
        chase: mine.some((c) => c.stage === 'escalated') ? 'escalated' : mine.some((c) => c.stage === 'reminded') ? 'reminded' : null,
      });
    }
  }
  const people = await repo.userNames(deps.db, (ctx.milestones.get(row.id) ?? []).flatMap((m) => (m.reached_by ? [m.reached_by] : [])));
  const figure = (await figureOf(ctx, row)).figure;
  return {
    target: target!,
    parts,
    reports: await reportViews(deps, reports),
    due,
    milestones: milestoneViews(ctx, row, figure, people),
    isLead: !!row.lead_org_id && unitIds(principal).includes(row.lead_org_id),
  };
}

/** Reports as the pages show them: the unit's and the reporter's names, the attachments' names. */
async function reportViews(deps: TargetsDeps, reports: readonly repo.ReportRow[]): Promise<TargetReportView[]> {
  const names = await repo.organisationNames(deps.db, reports.map((r) => r.organisation_id));
  const people = await repo.userNames(deps.db, reports.map((r) => r.reported_by));
  const files = new Map((await getFiles(deps.db, [...new Set(reports.flatMap((r) => r.attachment_ids))])).map((f) => [f.id, f]));
  const byId = new Map(reports.map((r) => [r.id, r]));
  const consolidator = new Map(reports.flatMap((lead) => lead.consolidates.map((id) => [id, lead] as const)));
  return reports.map((r) => ({
    id: r.id,
    organisation: { organisationId: r.organisation_id, name: names.get(r.organisation_id) ?? '' },
    period: r.period,
    value: num(r.value),
    progress: r.progress,
    reportedBy: people.get(r.reported_by) ?? '',
    reportedAt: r.reported_at.toISOString(),
    revisedAt: r.revised_at ? r.revised_at.toISOString() : null,
    attachments: r.attachment_ids.flatMap((id) => {
      const f = files.get(id);
      return f ? [{ id, name: f.name, contentType: f.contentType }] : [];
    }),
    consolidates: r.consolidates.flatMap((id) => {
      const s = byId.get(id);
      return s ? [{ id, organisationName: names.get(s.organisation_id) ?? '' }] : [];
    }),
    consolidatedBy: ((lead) => (lead ? { id: lead.id, organisationName: names.get(lead.organisation_id) ?? '', reportedAt: (lead.revised_at ?? lead.reported_at).toISOString() } : null))(consolidator.get(r.id)),
  }));
}

/** The records a target's bound statistic counts, for the target's period so far (the figure's own query). */
export async function targetRecords(deps: TargetsDeps, principal: Principal, id: string): Promise<TargetRecords> {
  const row = await readableTarget(deps, principal, id);
  const statistic = row.statistic ? deps.modules.statistics.get(row.statistic) : undefined;
  const today = deps.clock.today();
  if (!statistic?.records || today < row.period_from) return { available: !!statistic?.records, records: [], more: false };
  const records = await statistic.records(deps.db, { regionCode: row.region_code, from: row.period_from, to: minDay(today, row.period_to) }, RECORDS_LIMIT + 1);
  return { available: true, records: records.slice(0, RECORDS_LIMIT), more: records.length > RECORDS_LIMIT };
}
const RECORDS_LIMIT = 50;

/** An attachment of a report on a target the principal may read (its lead and supporting units, the office). */
export async function reportAttachment(deps: TargetsDeps, principal: Principal, targetId: string, reportId: string, fileId: string) {
  await readableTarget(deps, principal, targetId);
  const report = (await repo.reportsOf(deps.db, [targetId])).find((r) => r.id === reportId);
  if (!report || !report.attachment_ids.includes(fileId)) throw notFound({ zh: '该附件', en: 'Attachment' });
  return getFile(deps.db, fileId);
}

export async function targetOptions(deps: TargetsDeps, principal: Principal, regionCode?: string): Promise<TargetOptions> {
  const offices = officeRegions(principal);
  if (offices.length === 0) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
  const region = regionCode ?? offices[0]!;
  requireOffice(principal, region);
  const statistics = [...deps.modules.statistics.values()].map((s) => ({ name: s.name, label: s.label, unit: s.unit })).sort((a, b) => a.name.localeCompare(b.name));
  const units = (await repo.departmentsIn(deps.db, prefixes([region]))).filter((o) => regionCovers(region, o.region_code)).map((o) => ({ organisationId: o.id, name: o.name }));
  const loaded = await repo.loadedCountsByDocument(deps.db, prefixes([region]));
  const documents: TargetDocument[] = [];
  for (const d of shippedCatalogue().documents) {
    const docRegion = d.document.region;
    // A city's office loads its own documents and its districts'; a district office its own.
    if (!regionCovers(region, docRegion) && !regionCovers(docRegion, region)) continue;
    documents.push({ key: d.key, title: d.document.title.zh, regionCode: docRegion, targets: d.targets.length, tasks: d.tasks.length, loaded: loaded.get(d.key) ?? 0 });
  }
  return { statistics, units, documents };
}

/** The office's ledger as .xlsx (总表 and one sheet per unit with its latest reports). */
export async function ledgerWorkbook(deps: TargetsDeps, principal: Principal, regionCode?: string): Promise<{ buffer: Buffer; fileName: string }> {
  const offices = officeRegions(principal);
  if (offices.length === 0) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
  const region = regionCode ?? offices[0]!;
  requireOffice(principal, region);
  const list = await listTargets(deps, principal, { regionCode: region });
  const reports = await repo.reportsOf(deps.db, list.items.map((i) => i.id));
  const views = await reportViews(deps, reports);
  const latest = new Map<string, TargetReportView[]>();
  reports.forEach((r, i) => latest.set(r.target_id, [...(latest.get(r.target_id) ?? []), views[i]!]));
  const regionName = regionDisplayName(region) ?? region;
  const buffer = await ledgerXlsx({ regionName, asOf: list.asOf, targets: list.items, latestReports: latest });
  return { buffer, fileName: `${regionName}目标任务工作台账-${list.asOf}.xlsx` };
}

// ---------------------------------------------------------------- changing

async function checkUnits(deps: TargetsDeps, regionCode: string, lead: string | null | undefined, supporting: readonly string[] | undefined): Promise<void> {
  const units = new Set((await repo.departmentsIn(deps.db, prefixes([regionCode.slice(0, 2) + '0000']))).map((o) => o.id));
  const errors = [];
  if (lead && !units.has(lead)) errors.push(fieldError('leadOrganisationId', 'exists:department', '牵头单位须为政府部门', 'the lead unit must be a government department'));
  if (supporting?.some((s) => !units.has(s))) errors.push(fieldError('supportingOrganisationIds', 'exists:department', '配合单位须为政府部门', 'supporting units must be government departments'));
  if (lead && supporting?.includes(lead)) errors.push(fieldError('supportingOrganisationIds', 'distinct', '牵头单位不必再列为配合单位', 'the lead unit is not also a supporting unit'));
  if (errors.length) throw invalid(errors);
}

function checkGoal(deps: TargetsDeps, b: { comparison?: string; value?: number; baseline?: number | null; periodFrom?: string; periodTo?: string; statistic?: string | null }): void {
  const errors = [];
  if (b.periodFrom && b.periodTo && b.periodTo < b.periodFrom) errors.push(fieldError('periodTo', 'after_from', '截止日期不能早于起始日期', 'the end date must not be before the start date'));
  if (b.comparison === 'increase_by' && b.value !== undefined && b.value <= 0) errors.push(fieldError('value', 'positive', '增长目标须为正的百分比', 'a growth target is a positive percentage'));
  if (b.statistic && !deps.modules.statistics.has(b.statistic)) errors.push(fieldError('statistic', 'exists:statistic', '没有这项统计指标', 'no module declares this statistic'));
  if (errors.length) throw invalid(errors);
}

/** What a task (工作任务) is tracked by: its completion, reported by its lead unit. */
const TASK_GOAL = { indicator_zh: '完成进度', indicator_en: 'Completion', comparison: 'at_least', value: 100, unit: '%' } as const;

export async function createTarget(deps: TargetsDeps, principal: Principal, ctx: AuditContext, body: TargetCreateBody): Promise<TargetDetail> {
  let regionCode = body.regionCode ?? officeRegions(principal)[0];
  if (!regionCode) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
  let parent: TargetRow | undefined;
  if (body.parentId) {
    parent = await repo.findTarget(deps.db, body.parentId);
    if (!parent) throw invalid([fieldError('parentId', 'exists', '要分解的目标任务不存在', 'the target to split does not exist')]);
    requireOffice(principal, parent.region_code);
    regionCode = body.regionCode ?? parent.region_code;
    if (!regionCovers(parent.region_code, regionCode)) throw invalid([fieldError('regionCode', 'within:parent', '分解目标的地区须在原目标地区之内', "a part's region lies within the target's")]);
  }
  if (!(await findRegion(deps.db, regionCode))) throw invalid([fieldError('regionCode', 'exists:region', '没有这个地区', 'no such region')]);
  requireOffice(principal, regionCode);
  // A task is tracked by its completion; a target names its indicator and goal.
  const kind = parent?.kind ?? body.kind ?? 'target';
  const goal = kind === 'task' ? TASK_GOAL : { indicator_zh: body.indicator, indicator_en: body.indicator, comparison: body.comparison, value: body.value, unit: body.unit };
  if (kind === 'target') {
    const missing = (['indicator', 'comparison', 'value', 'unit'] as const).filter((f) => body[f] === undefined);
    if (missing.length) throw invalid(missing.map((f) => fieldError(f, 'required:target', '目标须填写指标、要求、目标值和计量单位', 'a target names its indicator, requirement, goal and unit')));
  }
  if (body.comparison === 'increase_by' && (body.baseline === undefined || body.baseline === null)) {
    throw invalid([fieldError('baseline', 'required:increase_by', '增长目标须填写基数', 'a growth target needs its baseline')]);
  }
  checkGoal(deps, body);
  await checkUnits(deps, regionCode, body.leadOrganisationId, body.supportingOrganisationIds);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertTarget(trx, {
      region_code: regionCode,
      parent_id: parent?.id ?? null,
      kind,
      catalogue_id: parent?.catalogue_id ?? null,
      document_key: parent?.document_key ?? null,
      clause: parent?.clause ?? null,
      quote: parent?.quote ?? null,
      title_zh: body.title,
      title_en: body.title,
      indicator_zh: goal.indicator_zh!,
      indicator_en: goal.indicator_en!,
      comparison: goal.comparison!,
      value: goal.value!,
      unit: goal.unit!,
      baseline: kind === 'task' ? null : (body.baseline ?? null),
      period_from: body.periodFrom,
      period_to: body.periodTo,
      statistic: body.statistic ?? null,
      lead_unit_name: null,
      lead_org_id: body.leadOrganisationId ?? null,
      supporting_org_ids: body.supportingOrganisationIds ?? [],
      reporting: body.reporting ?? parent?.reporting ?? 'monthly',
      status: null,
      previous_status: null,
      created_by: principal.userId,
      created_at: deps.clock.now(),
    });
    await record(trx, deps.clock, ctx, { action: parent ? 'targets.split' : 'targets.created', entityType: 'target', entityId: id, data: { parentId: parent?.id ?? null, regionCode, title: body.title, kind } });
    return id;
  });
  return targetDetail(deps, principal, id);
}

export async function updateTarget(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, body: TargetUpdateBody): Promise<TargetDetail> {
  const row = await readableTarget(deps, principal, id);
  requireOffice(principal, row.region_code);
  const periodFrom = body.periodFrom ?? row.period_from;
  const periodTo = body.periodTo ?? row.period_to;
  checkGoal(deps, { comparison: row.comparison, ...(body.value !== undefined ? { value: body.value } : {}), periodFrom, periodTo, ...(body.statistic !== undefined ? { statistic: body.statistic } : {}) });
  const baseline = body.baseline !== undefined ? body.baseline : num(row.baseline);
  if (row.comparison === 'increase_by' && baseline === null) throw invalid([fieldError('baseline', 'required:increase_by', '增长目标须填写基数', 'a growth target needs its baseline')]);
  const lead = body.leadOrganisationId !== undefined ? body.leadOrganisationId : row.lead_org_id;
  const supporting = body.supportingOrganisationIds ?? row.supporting_org_ids;
  await checkUnits(deps, row.region_code, lead, supporting);
  await deps.db.transaction().execute(async (trx: Tx) => {
    await repo.updateTarget(trx, id, {
      ...(body.value !== undefined ? { value: body.value } : {}),
      baseline,
      period_from: periodFrom,
      period_to: periodTo,
      ...(body.statistic !== undefined ? { statistic: body.statistic } : {}),
      lead_org_id: lead,
      supporting_org_ids: supporting,
      ...(body.reporting ? { reporting: body.reporting } : {}),
    });
    await record(trx, deps.clock, ctx, { action: 'targets.updated', entityType: 'target', entityId: id, data: { ...body } });
  });
  return targetDetail(deps, principal, id);
}

/** The period a loaded target is pursued in: the body's, the document's while it runs, else this calendar year. */
function loadPeriod(body: TargetLoadBody, catalogue: { from: string | null; to: string | null }, recurring: string | null | undefined, today: string): { from: string; to: string } {
  if (body.periodFrom && body.periodTo) return { from: body.periodFrom, to: body.periodTo };
  const year = today.slice(0, 4);
  const thisYear = { from: `${year}-01-01`, to: `${year}-12-31` };
  if (recurring === 'year' || !catalogue.to || catalogue.to < today) return thisYear;
  return { from: catalogue.from ?? thisYear.from, to: catalogue.to };
}

export async function loadDocument(deps: TargetsDeps, principal: Principal, ctx: AuditContext, body: TargetLoadBody): Promise<TargetLoadResult> {
  const doc = shippedCatalogue().documents.find((d) => d.key === body.document);
  if (!doc) throw invalid([fieldError('document', 'exists:document', '目录中没有这份文件', 'no such document in the catalogue')]);
  if ((body.periodFrom === undefined) !== (body.periodTo === undefined)) throw invalid([fieldError(body.periodFrom ? 'periodTo' : 'periodFrom', 'required:with', '起止日期须同时填写', 'give both ends of the period')]);
  if (body.periodFrom && body.periodTo && body.periodTo < body.periodFrom) throw invalid([fieldError('periodTo', 'after_from', '截止日期不能早于起始日期', 'the end date must not be before the start date')]);
  const regionCode = doc.document.region;
  requireOffice(principal, regionCode);
  const today = deps.clock.today();
  let loaded = 0;
  let alreadyLoaded = 0;
  let unassigned = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const target of doc.targets) {
      const period = loadPeriod(body, target.period, target.recurring, today);
      if ((await repo.loadedCatalogueIds(trx, regionCode, period.from)).has(target.id)) {
        alreadyLoaded++;
        continue;
      }
      const mapped: string[] = [];
      for (const unit of target.responsible_units) {
        const found = await findDepartmentByName(trx, namesOfUnit(unit), regionCode);
        if (found && !mapped.includes(found)) mapped.push(found);
      }
      const leadName = target.responsible_units[0] ?? null;
      const lead = leadName ? await findDepartmentByName(trx, namesOfUnit(leadName), regionCode) : undefined;
      if (!lead) unassigned++;
      const baseline = typeof target.baseline === 'string' && /^-?\d+(\.\d+)?$/.test(target.baseline) ? Number(target.baseline) : null;
      await repo.insertTarget(trx, {
        region_code: regionCode,
        parent_id: null,
        catalogue_id: target.id,
        document_key: doc.key,
        clause: target.source.clause,
        quote: target.source.quote,
        title_zh: target.title.zh,
        title_en: target.title.en,
        indicator_zh: target.indicator.zh,
        indicator_en: target.indicator.en,
        comparison: target.comparison,
        value: target.value,
        unit: target.unit,
        baseline,
        period_from: period.from,
        period_to: period.to,
        statistic: null,
        lead_unit_name: leadName,
        lead_org_id: lead ?? null,
        supporting_org_ids: mapped.filter((m) => m !== lead),
        reporting: target.recurring === 'year' ? 'quarterly' : 'monthly',
        status: null,
        previous_status: null,
        created_by: principal.userId,
        created_at: deps.clock.now(),
      });
      loaded++;
    }
    // Tasks: tracked by their completion, reported by the lead unit, by their deadline where it is still ahead.
    for (const task of doc.tasks) {
      const period = loadPeriod(body, { from: null, to: task.deadline ?? null }, null, today);
      if ((await repo.loadedCatalogueIds(trx, regionCode, period.from)).has(task.id)) {
        alreadyLoaded++;
        continue;
      }
      const units = [task.lead_unit, ...task.supporting_units].filter((u): u is string => !!u);
      const mapped: string[] = [];
      for (const unit of units) {
        const found = await findDepartmentByName(trx, namesOfUnit(unit), regionCode);
        if (found && !mapped.includes(found)) mapped.push(found);
      }
      const lead = task.lead_unit ? await findDepartmentByName(trx, namesOfUnit(task.lead_unit), regionCode) : undefined;
      if (!lead) unassigned++;
      await repo.insertTarget(trx, {
        region_code: regionCode,
        parent_id: null,
        kind: 'task',
        catalogue_id: task.id,
        document_key: doc.key,
        clause: task.source.clause,
        quote: task.source.quote,
        title_zh: task.title.zh,
        title_en: task.title.en,
        ...TASK_GOAL,
        baseline: null,
        period_from: period.from,
        period_to: period.to,
        statistic: null,
        lead_unit_name: task.lead_unit,
        lead_org_id: lead ?? null,
        supporting_org_ids: mapped.filter((m) => m !== lead),
        reporting: 'monthly',
        status: null,
        previous_status: null,
        created_by: principal.userId,
        created_at: deps.clock.now(),
      });
      loaded++;
    }
    await record(trx, deps.clock, ctx, { action: 'targets.loaded', entityType: 'target_document', entityId: null, data: { document: doc.key, regionCode, loaded, alreadyLoaded } });
  });
  return { loaded, alreadyLoaded, unassigned };
}

export async function reportProgress(deps: TargetsDeps, principal: Principal, ctx: AuditContext, id: string, body: TargetReportBody): Promise<TargetDetail> {
  const row = await readableTarget(deps, principal, id);
  const units = [row.lead_org_id, ...row.supporting_org_ids].filter((x): x is string => !!x);
  const unit = unitIds(principal).find((o) => units.includes(o));
  if (!unit) throw forbidden('只有牵头单位和配合单位可以报送进展', 'Only the lead and supporting units report progress');
  const errors = [];
  const cadence = row.reporting as 'monthly' | 'quarterly';
  if ((cadence === 'quarterly') !== body.period.includes('Q')) errors.push(fieldError('period', 'cadence', cadence === 'quarterly' ? '本任务按季度报送（如 2026-Q4）' : '本任务按月报送（如 2026-11）', cadence === 'quarterly' ? 'This target is reported quarterly (e.g. 2026-Q4)' : 'This target is reported monthly (e.g. 2026-11)'));
  else {
    const days = periodDays(body.period);
    if (days.to < row.period_from || days.from > row.period_to) errors.push(fieldError('period', 'within:target', '报送期须在目标任务的起止日期之内', "the reporting period lies within the target's period"));
    if (days.from > deps.clock.today()) errors.push(fieldError('period', 'not_future', '不能报送尚未开始的期间', 'a period that has not begun cannot be reported'));
  }
  const computed = row.statistic !== null || (await repo.partsOf(deps.db, row.id)).length > 0;
  if (computed && body.value !== undefined && body.value !== null) errors.push(fieldError('value', 'computed', '该指标由平台数据自动计算，无需填报数值', 'this figure is computed from the platform’s records: report progress in words only'));
  const attachments = body.attachments ?? [];
  const uploaded = new Map((await getFiles(deps.db, attachments)).map((f) => [f.id, f]));
  attachments.forEach((fileId, i) => {
    if (uploaded.get(fileId)?.ownerUserId !== principal.userId) errors.push(fieldError(`attachments.${i}`, 'own_upload', '附件应为您本人上传的文件', 'an attachment must be a file you uploaded'));
  });
  // The lead unit consolidates its supporting units' reports of the same period.
  const consolidates = body.consolidates ?? [];
  if (consolidates.length > 0) {
    if (unit !== row.lead_org_id) errors.push(fieldError('consolidates', 'lead_only', '只有牵头单位可以汇总配合单位的报送', "only the lead unit consolidates the supporting units' reports"));
    else {
      const theirs = new Map((await repo.reportsOf(deps.db, [id])).map((r) => [r.id, r]));
      consolidates.forEach((reportId, i) => {
        const r = theirs.get(reportId);
        if (!r || r.organisation_id === row.lead_org_id || !row.supporting_org_ids.includes(r.organisation_id) || r.period !== body.period)
          errors.push(fieldError(`consolidates.${i}`, 'supporting_report_of_period', '汇总的应为本目标任务配合单位同一报送期的报送', "a consolidated report is a supporting unit's report on this target for the same period"));
      });
    }
  }
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const how = await repo.upsertReport(trx, { target_id: id, organisation_id: unit, period: body.period, value: body.value ?? null, progress: body.progress, reported_by: principal.userId, reported_at: deps.clock.now(), revised_at: null, attachment_ids: attachments, consolidates });
    await record(trx, deps.clock, ctx, { action: how === 'created' ? 'targets.reported' : 'targets.report_revised', entityType: 'target', entityId: id, data: { organisationId: unit, period: body.period, value: body.value ?? null, ...(consolidates.length ? { consolidates } : {}) } });
  });
  await persistLights(deps, [row]);
  return targetDetail(deps, principal, id);
}

// ---------------------------------------------------------------- the daily job

/**
 * Daily job 'targets.daily': every target's light is kept (today's, and the one before it), and
 * late reports are chased — the unit reminded the day after the due date, the programme offices
 * covering the target told ESCALATE_AFTER_DAYS later; each once per unit and period.
 */
/** Who a late unit is escalated to: the members of the departments holding `targets.manage` (the programme offices). */
export const programmeOffices = (deps: TargetsDeps) => repo.governmentMembersWithAnyRole(deps.db, rolesGranting(deps.modules, 'targets.manage'));

/** Escalation: tells every programme office member whose region covers the target's region. */
export async function escalateToOffices(
  trx: Tx,
  deps: TargetsDeps,
  offices: readonly { user_id: string; region_code: string }[],
  regionCode: string,
  n: { kind: 'targets.report_escalated' | 'targets.supervision_escalated'; title: { zh: string; en: string }; body: { zh: string; en: string }; link: string; dedupeKey: string },
): Promise<void> {
  for (const o of offices.filter((o) => regionCovers(o.region_code, regionCode))) {
    await notify(trx, deps, { userId: o.user_id, ...n });
  }
}

export async function dailyTargets(deps: TargetsDeps, day: string): Promise<{ evaluated: number; reminded: number; escalated: number }> {
  const rows = await repo.allTargets(deps.db);
  await persistLights(deps, rows);
  const offices = await programmeOffices(deps);
  const reports = await repo.reportsOf(deps.db, rows.map((r) => r.id));
  let reminded = 0;
  let escalated = 0;
  for (const row of rows) {
    const period = duePeriod(row, day);
    if (!period) continue;
    const when = reportDeadlines(period);
    if (day < when.remind) continue;
    for (const orgId of [row.lead_org_id, ...row.supporting_org_ids].filter((x): x is string => !!x)) {
      if (reports.some((r) => r.target_id === row.id && r.organisation_id === orgId && r.period === period)) continue;
      await deps.db.transaction().execute(async (trx) => {
        if (await repo.markChase(trx, { target_id: row.id, organisation_id: orgId, period, stage: 'reminded', on_day: day })) {
          reminded++;
          for (const userId of await repo.membersOf(trx, [orgId])) {
            await notify(trx, deps, {
              userId,
              kind: 'targets.report_due',
              title: { zh: `工作台账逾期未报：${row.title_zh}`, en: `Progress report overdue: ${row.title_en}` },
              body: { zh: `${period} 的进展应于 ${when.due} 前报送，请尽快报送；${when.escalate} 仍未报送的，将报双创办督办。`, en: `The report for ${period} was due by ${when.due}. Please file it; if it is still missing on ${when.escalate} it goes to the programme office.` },
              link: `/targets/${row.id}`,
              dedupeKey: `targets-due:${row.id}:${orgId}:${period}`,
            });
          }
        }
        if (day >= when.escalate && (await repo.markChase(trx, { target_id: row.id, organisation_id: orgId, period, stage: 'escalated', on_day: day }))) {
          escalated++;
          const names = await repo.organisationNames(trx, [orgId]);
          await escalateToOffices(trx, deps, offices, row.region_code, {
            kind: 'targets.report_escalated',
            title: { zh: `逾期未报送：${names.get(orgId) ?? ''}`, en: `Report missing: ${names.get(orgId) ?? ''}` },
            body: { zh: `“${row.title_zh}” ${period} 的进展应于 ${when.due} 前报送，已催报仍未报送。`, en: `The ${period} report on "${row.title_en}" was due by ${when.due} and is still missing after a reminder.` },
            link: `/targets/${row.id}`,
            dedupeKey: `targets-escalated:${row.id}:${orgId}:${period}`,
          });
        }
      });
    }
  }
  return { evaluated: rows.length, reminded, escalated };
}
