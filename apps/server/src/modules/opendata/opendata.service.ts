/**
 * Open statistics: the statistics the modules declare `public`, for a region of the tree (or the
 * whole platform) and a year, quarter or month. Every number is the declared statistic's own
 * `compute` for that region and period: the breakdowns call it once per child region and once
 * per month, so a figure here means what it means on a dashboard.
 */
import type { OpenBreakdown, OpenFigure, OpenStatisticGroup, OpenStatisticsPeriod, OpenStatisticsRegion, OpenStatisticsView } from '@seedbed/contract';
import { addDays, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import type { ModuleCatalogue, StatisticDefinition } from '../../platform/module.js';
import { fieldError, invalid } from '../../platform/problems.js';
import { ALL_REGIONS } from '../../platform/statistics.js';
import { findRegion, listChildren, regionDisplayName, regionExists } from '../regions/index.js';

export interface OpenDataDeps {
  db: Db;
  clock: Clock;
  modules: Pick<ModuleCatalogue, 'manifests'>;
}

export interface OpenQuery {
  regionCode?: string | undefined;
  period?: string | undefined;
}

/** The first year the page offers (the programme's records start later). */
export const FIRST_YEAR = 2000;

const WHOLE_PLATFORM = { zh: '全平台（所有地区）', en: 'Whole platform (all regions)' };

/** The public statistics, by the module declaring them (modules without one are left out). */
export function publicGroups(modules: Pick<ModuleCatalogue, 'manifests'>): { group: string; label: { zh: string; en: string }; statistics: StatisticDefinition[] }[] {
  return modules.manifests
    .map((m) => ({ group: m.name, label: m.label, statistics: (m.statistics ?? []).filter((s) => s.public === true) }))
    .filter((g) => g.statistics.length > 0);
}

const lastDayOfMonth = (year: number, month: number): string => addDays(`${month === 12 ? year + 1 : year}-${String(month === 12 ? 1 : month + 1).padStart(2, '0')}-01`, -1);
const pad = (n: number) => String(n).padStart(2, '0');

/** The period asked for (absent: this year), checked against today: a period that has not begun is refused; a running one ends today. */
export function resolvePeriod(period: string | undefined, today: string): OpenStatisticsPeriod {
  const key = period ?? today.slice(0, 4);
  const year = Number(key.slice(0, 4));
  const quarter = /-Q([1-4])$/.exec(key);
  const month = /-(\d{2})$/.exec(key);
  let from: string;
  let end: string;
  let kind: OpenStatisticsPeriod['kind'];
  let label: { zh: string; en: string };
  if (quarter) {
    const q = Number(quarter[1]);
    kind = 'quarter';
    from = `${year}-${pad(q * 3 - 2)}-01`;
    end = lastDayOfMonth(year, q * 3);
    label = { zh: `${year}年第${q}季度`, en: `Q${q} ${year}` };
  } else if (month) {
    const mo = Number(month[1]);
    kind = 'month';
    from = `${year}-${pad(mo)}-01`;
    end = lastDayOfMonth(year, mo);
    label = { zh: `${year}年${mo}月`, en: `${new Date(Date.UTC(year, mo - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${year}` };
  } else {
    kind = 'year';
    from = `${year}-01-01`;
    end = `${year}-12-31`;
    label = { zh: `${year}年`, en: String(year) };
  }
  if (year < FIRST_YEAR) throw invalid([fieldError('period', 'minimum', `统计期间不能早于${FIRST_YEAR}年`, `the period cannot be before ${FIRST_YEAR}`)]);
  if (from > today) throw invalid([fieldError('period', 'not_begun', '统计期间尚未开始', 'the period has not begun yet')]);
  return { key, kind, label, from, to: end < today ? end : today };
}

/** The region asked for (absent: the whole platform), checked against the region tree. */
export async function resolveRegion(db: Db, regionCode: string | undefined): Promise<OpenStatisticsRegion & { query: string }> {
  if (regionCode === undefined) return { code: null, name: WHOLE_PLATFORM.zh, query: ALL_REGIONS };
  if (!(await regionExists(db, regionCode))) throw invalid([fieldError('regionCode', 'exists', '没有这个地区', 'no such region')]);
  const name = regionDisplayName(regionCode) ?? (await findRegion(db, regionCode))?.name ?? '';
  return { code: regionCode, name, query: regionCode };
}

/** One statistic's value, as its module computes it (rounded to two decimals for display). */
async function value(db: Db, s: StatisticDefinition, regionCode: string, from: string, to: string): Promise<number> {
  const n = await s.compute(db, { regionCode, from, to });
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}

const figureOf = (s: StatisticDefinition, v: number): OpenFigure => ({ name: s.name, label: s.label, unit: s.unit, value: v });

/** Every public statistic of the region and period, grouped by the module declaring it. */
export async function openStatistics(deps: OpenDataDeps, query: OpenQuery): Promise<OpenStatisticsView> {
  const today = deps.clock.today();
  const period = resolvePeriod(query.period, today);
  const region = await resolveRegion(deps.db, query.regionCode);
  const groups: OpenStatisticGroup[] = [];
  for (const g of publicGroups(deps.modules)) {
    const figures: OpenFigure[] = [];
    for (const s of g.statistics) figures.push(figureOf(s, await value(deps.db, s, region.query, period.from, period.to)));
    groups.push({ group: g.group, label: g.label, figures });
  }
  return { asOf: today, region: { code: region.code, name: region.name }, period, groups };
}

function findPublic(deps: OpenDataDeps, name: string): StatisticDefinition {
  for (const g of publicGroups(deps.modules)) {
    const s = g.statistics.find((x) => x.name === name);
    if (s) return s;
  }
  throw invalid([fieldError('name', 'public_statistic', '没有这项公开统计', 'no such public statistic')]);
}

/** The child regions to compare: a region's children; for the whole platform the provinces (only those with a value are kept). */
async function childRegions(db: Db, region: { code: string | null }): Promise<{ code: string; name: string }[]> {
  const children = await listChildren(db, region.code);
  return children.map((c) => ({ code: c.code, name: region.code === null ? c.name : (regionDisplayName(c.code) ?? c.name) }));
}

/** One public statistic by child region and by month, each the statistic's own compute. */
export async function openBreakdown(deps: OpenDataDeps, query: OpenQuery & { name: string }): Promise<OpenBreakdown> {
  const statistic = findPublic(deps, query.name);
  const today = deps.clock.today();
  const period = resolvePeriod(query.period, today);
  const region = await resolveRegion(deps.db, query.regionCode);
  const total = await value(deps.db, statistic, region.query, period.from, period.to);
  const byRegion: OpenBreakdown['byRegion'] = [];
  for (const c of await childRegions(deps.db, region)) {
    const v = await value(deps.db, statistic, c.code, period.from, period.to);
    if (region.code !== null || v !== 0) byRegion.push({ code: c.code, name: c.name, value: v });
  }
  const year = Number(period.from.slice(0, 4));
  const lastMonth = Number(period.to.slice(5, 7));
  const byMonth: OpenBreakdown['byMonth'] = [];
  for (let mo = 1; mo <= lastMonth; mo++) {
    const from = `${year}-${pad(mo)}-01`;
    const end = lastDayOfMonth(year, mo);
    const to = end < period.to ? end : period.to;
    byMonth.push({ month: `${year}-${pad(mo)}`, from, to, value: await value(deps.db, statistic, region.query, from, to) });
  }
  return { figure: figureOf(statistic, total), region: { code: region.code, name: region.name }, period, byRegion, byMonth };
}

/** A group's figures for the region and each of its child regions: the rows of its downloads. */
export interface OpenExport {
  title: { zh: string; en: string };
  region: OpenStatisticsRegion;
  period: OpenStatisticsPeriod;
  rows: { figure: OpenFigure; region: { code: string | null; name: string } }[];
}

export async function openExport(deps: OpenDataDeps, query: OpenQuery & { group: string }): Promise<OpenExport> {
  const group = publicGroups(deps.modules).find((g) => g.group === query.group);
  if (!group) throw invalid([fieldError('group', 'public_group', '没有这组公开统计', 'no such group of public statistics')]);
  const today = deps.clock.today();
  const period = resolvePeriod(query.period, today);
  const region = await resolveRegion(deps.db, query.regionCode);
  const children = await childRegions(deps.db, region);
  const rows: OpenExport['rows'] = [];
  for (const s of group.statistics) {
    rows.push({ figure: figureOf(s, await value(deps.db, s, region.query, period.from, period.to)), region: { code: region.code, name: region.name } });
    for (const c of children) {
      const v = await value(deps.db, s, c.code, period.from, period.to);
      if (region.code !== null || v !== 0) rows.push({ figure: figureOf(s, v), region: c });
    }
  }
  return { title: group.label, region: { code: region.code, name: region.name }, period, rows };
}
