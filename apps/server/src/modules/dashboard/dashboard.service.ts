/**
 * The programme office's dashboard: figures computed from the records of the modules that own
 * them (their `*.statistics.ts`), for the office's own region subtree and a period, each with the
 * list behind it. Read only.
 */
import type { DashboardColumn, DashboardFigureName, DashboardTable, DashboardView } from '@seedbed/contract';
import { membershipsGranting, requireAccess, type Principal } from '../../platform/access.js';
import { addDays, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import { fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { budgetAwardIds, budgetFigures } from '../budgets/index.js';
import { workingCalendar } from '../calendar/index.js';
import { matchCounts, matchedSubjects, matchStatuses } from '../finder/index.js';
import {
  appliedPairs,
  applicationsByDepartment,
  applicationsByStatus,
  dashboardApplications,
  overdueByStage,
  stageStays,
  STATUS_LABELS,
  type DashboardApplicationRow,
  type DashboardScope,
  type Status,
} from '../fulfilment/index.js';
import { itemTitles, regionCovers } from '../policies/index.js';
import { findRegion, listChildren, regionDisplayName } from '../regions/index.js';

export interface DashboardDeps {
  db: Db;
  clock: Clock;
}

type Text = { zh: string; en: string };

/** The order statuses are shown in: the stages of the workflow, then where applications end up. */
export const STATUS_ORDER: readonly Status[] = ['acceptance', 'first_review', 'expert_review', 'approval', 'publicity', 'payment', 'returned', 'closed', 'rejected', 'withdrawn'];
/** Stages with a deadline someone works to. */
export const WORKING_STAGES: readonly Status[] = ['acceptance', 'first_review', 'expert_review', 'approval', 'payment'];

const REFUSED = { zh: '只能查看本办公室所辖地区的数据', en: "You may only look at the region your office covers" };

/** Region and period of a request, checked: the region must lie in a region the principal supervises. */
export async function scopeOf(deps: DashboardDeps, principal: Principal, query: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<DashboardScope & { today: string }> {
  const offices = membershipsGranting(principal, 'fulfilment.supervise');
  if (offices.length === 0) throw forbidden(REFUSED.zh, REFUSED.en);
  const regionCode = query.regionCode ?? offices[0]!.regionCode;
  requireAccess({ principal, permission: 'fulfilment.supervise', regionCode }, REFUSED);
  const scopeRegion = offices.find((m) => regionCovers(m.regionCode, regionCode))!.regionCode;
  const today = deps.clock.today();
  const from = query.from ?? `${today.slice(0, 4)}-01-01`;
  const to = query.to ?? today;
  if (from > to) throw invalid([fieldError('to', 'after_from', '结束日期不能早于开始日期', 'the end date must not be before the start date')]);
  return { scopeRegion, regionCode, from, to, today };
}

const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Working days a stay took: the working days after the day it began, up to and including the day it ended. */
async function stayDays(db: Db, stays: { enteredAt: Date; leftAt: Date }[]): Promise<number[]> {
  if (stays.length === 0) return [];
  const first = stays.map((s) => day(s.enteredAt)).sort()[0]!;
  const last = stays.map((s) => day(s.leftAt)).sort().at(-1)!;
  let span = 0;
  for (let d = first; d < last; d = addDays(d, 1)) span++;
  const calendar = await workingCalendar(db, first, span + 1);
  const working = new Set<string>();
  for (let d = first; d <= last; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) working.add(d);
  return stays.map((s) => {
    let n = 0;
    for (let d = addDays(day(s.enteredAt), 1); d <= day(s.leftAt); d = addDays(d, 1)) if (working.has(d)) n++;
    return n;
  });
}

async function regionChoices(db: Db, scopeRegion: string) {
  const root = await findRegion(db, scopeRegion);
  const children = await listChildren(db, scopeRegion);
  return [
    { code: scopeRegion, name: root?.name ?? regionDisplayName(scopeRegion) ?? scopeRegion, parentCode: null },
    ...children.map((c) => ({ code: c.code, name: c.name, parentCode: scopeRegion })),
  ];
}

const budgetLabel = (title: Text | undefined, year: number): Text => ({
  zh: `${title?.zh ?? '（未知事项）'}（${year}年）`,
  en: `${title?.en ?? '(unknown item)'} (${year})`,
});

/**
 * Per item applied for online inside the office's region (免申即享 items need no application):
 * subjects of the chosen region that applied, and of the others those that qualify now and those
 * that may qualify, from the finder's current matches.
 */
async function matchFigures(db: Db, scope: DashboardScope) {
  const counts = await matchCounts(db, scope.regionCode);
  const applied = await appliedPairs(db, scope);
  const titles = await itemTitles(db, [...new Set([...counts.map((c) => c.itemId), ...applied.map((p) => p.itemId)])]);
  const relevant = (itemId: string) => {
    const item = titles.get(itemId);
    return item?.mode === 'apply' && item.regionCode !== null && regionCovers(scope.scopeRegion, item.regionCode);
  };
  const statuses = await matchStatuses(db, applied);
  const rows = new Map<string, { applied: number; eligibleNotApplied: number; possibleNotApplied: number }>();
  const row = (itemId: string) => {
    if (!rows.has(itemId)) rows.set(itemId, { applied: 0, eligibleNotApplied: 0, possibleNotApplied: 0 });
    return rows.get(itemId)!;
  };
  for (const c of counts) {
    if (!relevant(c.itemId)) continue;
    if (c.status === 'eligible') row(c.itemId).eligibleNotApplied += c.n;
    else row(c.itemId).possibleNotApplied += c.n;
  }
  for (const p of applied) {
    if (!relevant(p.itemId)) continue;
    const r = row(p.itemId);
    r.applied++;
    // Who applied is not among those who have not.
    const status = statuses.get(`${p.itemId} ${p.subjectId}`);
    if (status === 'eligible') r.eligibleNotApplied--;
    if (status === 'unknown') r.possibleNotApplied--;
  }
  return { rows, titles, applied: new Set(applied.map((p) => `${p.itemId} ${p.subjectId}`)) };
}

export async function dashboard(deps: DashboardDeps, principal: Principal, query: { regionCode?: string | undefined; from?: string | undefined; to?: string | undefined }): Promise<DashboardView> {
  const scope = await scopeOf(deps, principal, query);
  const { db } = deps;
  const byStatus = new Map((await applicationsByStatus(db, scope)).map((r) => [r.status, r.n]));
  const overdue = new Map((await overdueByStage(db, scope, scope.today)).map((r) => [r.status, r.n]));
  const budgets = await budgetFigures(db, { scopeRegion: scope.scopeRegion, fromYear: Number(scope.from.slice(0, 4)), toYear: Number(scope.to.slice(0, 4)) });
  const budgetTitles = await itemTitles(db, budgets.map((b) => b.itemId));
  const stays = await stageStays(db, scope);
  const days = await stayDays(db, stays);
  const matches = await matchFigures(db, scope);
  const regions = await regionChoices(db, scope.scopeRegion);
  const chosen = regions.find((r) => r.code === scope.regionCode) ?? { code: scope.regionCode, name: (await findRegion(db, scope.regionCode))?.name ?? regionDisplayName(scope.regionCode) ?? '' };
  return {
    region: { code: chosen.code, name: chosen.name },
    regions,
    from: scope.from,
    to: scope.to,
    today: scope.today,
    stages: STATUS_ORDER.map((s) => ({ key: s, label: STATUS_LABELS[s], count: byStatus.get(s) ?? 0 })),
    departments: (await applicationsByDepartment(db, scope)).map((d) => ({ key: d.departmentId, label: { zh: d.name, en: d.name }, count: d.n, open: d.open })),
    budgets: budgets.map((b) => ({ key: b.id, label: budgetLabel(budgetTitles.get(b.itemId), b.year), year: b.year, amountFen: b.amountFen, committedFen: b.committedFen, paidFen: b.paidFen })),
    processing: WORKING_STAGES.map((s) => {
      const mine = days.filter((_, i) => stays[i]!.status === s);
      return {
        key: s,
        label: STATUS_LABELS[s],
        stays: mine.length,
        meanWorkingDays: mine.length ? round1(mine.reduce((a, b) => a + b, 0) / mine.length) : null,
        medianWorkingDays: median(mine),
        overdue: overdue.get(s) ?? 0,
      };
    }),
    matches: [...matches.rows]
      .map(([itemId, r]) => ({ key: itemId, label: { zh: matches.titles.get(itemId)!.zh, en: matches.titles.get(itemId)!.en }, ...r }))
      .sort((a, b) => b.applied + b.eligibleNotApplied + b.possibleNotApplied - (a.applied + a.eligibleNotApplied + a.possibleNotApplied) || a.label.zh.localeCompare(b.label.zh, 'zh-CN')),
  };
}

// ---------------------------------------------------------------- the lists behind the figures

const col = (key: string, zh: string, en: string, type: DashboardColumn['type'] = 'text'): DashboardColumn => ({ key, label: { zh, en }, type });

const APPLICATION_COLUMNS: DashboardColumn[] = [
  col('reference', '受理编号', 'Reference'),
  col('subject', '申请主体', 'Applicant'),
  col('item', '政策事项', 'Policy item'),
  col('department', '牵头部门', 'Lead department'),
  col('status', '当前环节', 'Stage'),
  col('submittedOn', '提交日期', 'Submitted on', 'date'),
  col('stageDueOn', '本环节时限', 'Stage due on', 'date'),
  col('amountFen', '测算金额', 'Amount assessed', 'money'),
  col('approvedFen', '批复金额', 'Amount approved', 'money'),
];

const applicationRows = (rows: DashboardApplicationRow[]): DashboardTable['rows'] =>
  rows.map((a) => ({
    link: `/fulfilment/applications/${a.id}`,
    cells: {
      reference: a.reference,
      subject: a.subjectName,
      item: a.itemTitle,
      department: a.department,
      status: STATUS_LABELS[a.status],
      submittedOn: a.submittedOn,
      stageDueOn: a.stageDueOn,
      amountFen: a.amountFen,
      approvedFen: a.approvedFen,
    },
  }));

const noSuchBar = () => notFound({ zh: '该统计项', en: 'Figure entry' });
const isStatus = (k: string): k is Status => (STATUS_ORDER as readonly string[]).includes(k);

/** A figure as a table (no key) or the list behind one of its bars (key). */
export async function dashboardTable(
  deps: DashboardDeps,
  principal: Principal,
  query: { figure: DashboardFigureName; key?: string | undefined; regionCode?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<DashboardTable> {
  const scope = await scopeOf(deps, principal, query);
  const { db } = deps;
  const period = { zh: `${scope.from} 至 ${scope.to}`, en: `${scope.from} to ${scope.to}` };
  const { figure, key } = query;
  if (key === undefined) {
    const view = await dashboard(deps, principal, query);
    const label = col('label', '项目', 'Entry');
    switch (figure) {
      case 'stages':
        return { title: { zh: `各环节申请数（${period.zh}提交）`, en: `Applications by stage (submitted ${period.en})` }, columns: [label, col('count', '申请数', 'Applications', 'number')], rows: view.stages.map((s) => ({ link: null, cells: { label: s.label, count: s.count } })) };
      case 'departments':
        return {
          title: { zh: `各部门申请数（${period.zh}提交）`, en: `Applications by department (submitted ${period.en})` },
          columns: [label, col('count', '申请数', 'Applications', 'number'), col('open', '在办', 'Open', 'number')],
          rows: view.departments.map((d) => ({ link: null, cells: { label: d.label, count: d.count, open: d.open } })),
        };
      case 'budgets':
        return {
          title: { zh: '预算执行情况', en: 'Budgets: committed and paid' },
          columns: [label, col('amountFen', '预算金额', 'Budget', 'money'), col('committedFen', '已批复待拨付', 'Committed', 'money'), col('paidFen', '已拨付', 'Paid', 'money'), col('leftFen', '可用余额', 'Left', 'money')],
          rows: view.budgets.map((b) => ({ link: null, cells: { label: b.label, amountFen: b.amountFen, committedFen: b.committedFen, paidFen: b.paidFen, leftFen: b.amountFen - b.committedFen - b.paidFen } })),
        };
      case 'processing':
        return {
          title: { zh: `各环节办理用时（${period.zh}办结的环节，工作日）`, en: `Working days per stage (stages completed ${period.en})` },
          columns: [label, col('stays', '办理件次', 'Completed', 'number'), col('mean', '平均用时（工作日）', 'Mean (working days)', 'days'), col('median', '中位用时（工作日）', 'Median (working days)', 'days'), col('overdue', '当前超期', 'Overdue now', 'number')],
          rows: view.processing.map((p) => ({ link: null, cells: { label: p.label, stays: p.stays, mean: p.meanWorkingDays, median: p.medianWorkingDays, overdue: p.overdue } })),
        };
      case 'matches':
        return {
          title: { zh: '已申请与符合条件尚未申请（当前）', en: 'Applied, and qualifying but not applied (now)' },
          columns: [label, col('applied', '已申请', 'Applied', 'number'), col('eligibleNotApplied', '符合条件未申请', 'Qualify, not applied', 'number'), col('possibleNotApplied', '可能符合未申请', 'May qualify, not applied', 'number')],
          rows: view.matches.map((m) => ({ link: null, cells: { label: m.label, applied: m.applied, eligibleNotApplied: m.eligibleNotApplied, possibleNotApplied: m.possibleNotApplied } })),
        };
    }
  }
  switch (figure) {
    case 'stages': {
      if (!isStatus(key)) throw noSuchBar();
      return {
        title: { zh: `${STATUS_LABELS[key].zh}环节的申请（${period.zh}提交）`, en: `Applications at ${STATUS_LABELS[key].en} (submitted ${period.en})` },
        columns: APPLICATION_COLUMNS,
        rows: applicationRows(await dashboardApplications(db, scope, { status: key })),
      };
    }
    case 'departments': {
      const rows = await dashboardApplications(db, scope, { departmentId: key });
      const name = (await applicationsByDepartment(db, scope)).find((d) => d.departmentId === key)?.name;
      if (!name) throw noSuchBar();
      return { title: { zh: `${name}的申请（${period.zh}提交）`, en: `Applications led by ${name} (submitted ${period.en})` }, columns: APPLICATION_COLUMNS, rows: applicationRows(rows) };
    }
    case 'budgets': {
      const budget = (await budgetFigures(db, { scopeRegion: scope.scopeRegion, fromYear: Number(scope.from.slice(0, 4)), toYear: Number(scope.to.slice(0, 4)) })).find((b) => b.id === key);
      if (!budget) throw noSuchBar();
      const label = budgetLabel((await itemTitles(db, [budget.itemId])).get(budget.itemId), budget.year);
      const rows = await dashboardApplications(db, { ...scope, regionCode: scope.scopeRegion }, { ids: await budgetAwardIds(db, budget.id) });
      return { title: { zh: `${label.zh}：已批复与已拨付的奖补`, en: `${label.en}: awards committed and paid` }, columns: APPLICATION_COLUMNS, rows: applicationRows(rows) };
    }
    case 'processing': {
      if (!isStatus(key) || !WORKING_STAGES.includes(key)) throw noSuchBar();
      const rows = await dashboardApplications(db, scope, { status: key, overdueOn: scope.today });
      return { title: { zh: `${STATUS_LABELS[key].zh}环节当前超期的申请`, en: `Applications overdue at ${STATUS_LABELS[key].en} today` }, columns: APPLICATION_COLUMNS, rows: applicationRows(rows) };
    }
    case 'matches': {
      const { rows: figures, titles, applied } = await matchFigures(db, scope);
      const title = titles.get(key);
      if (!title || !figures.has(key)) throw noSuchBar();
      const rows = (await matchedSubjects(db, scope.regionCode, key))
        .filter((m) => !applied.has(`${key} ${m.subjectId}`))
        .map((m) => ({
          link: null,
          cells: {
            subject: m.subjectName,
            region: m.regionCode ? (regionDisplayName(m.regionCode) ?? '') : '',
            status: m.status === 'eligible' ? { zh: '符合条件', en: 'Qualifies' } : { zh: '可能符合（待补充信息）', en: 'May qualify (more to answer)' },
            amountFen: m.amountFen,
          },
        }));
      return {
        title: { zh: `${title.zh}：符合或可能符合条件、尚未申请的主体`, en: `${title.en}: qualify or may qualify, not applied` },
        columns: [col('subject', '主体', 'Subject'), col('region', '所在地区', 'Region'), col('status', '匹配情况', 'Match'), col('amountFen', '测算金额', 'Estimated amount', 'money')],
        rows,
      };
    }
  }
}
