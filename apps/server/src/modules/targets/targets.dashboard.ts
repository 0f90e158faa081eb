/**
 * The leadership dashboard of a region's targets (领导看板), evaluated once: the ledger's targets by lead unit, every
 * target of the region and its districts by region (parts included, so a city sees its districts'
 * shares), and the lights' trend by week from the daily evaluations (targets_snapshots), whose
 * last point is today's count, the ledger's own.
 */
import type { TargetDashboard, TargetStatus } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import { forbidden } from '../../platform/problems.js';
import { regionCovers } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { compareUnits, NO_LEAD_UNIT, statusCounts } from './targets.progress.js';
import * as repo from './targets.repository.js';
import { NOT_OFFICE, evaluatedViews, officeRegions, prefixes, requireOffice, type TargetsDeps } from './targets.service.js';

/** Weeks of trend shown before today. */
export const TREND_WEEKS = 12;
export async function targetsDashboard(deps: TargetsDeps, principal: Principal, regionCode?: string): Promise<TargetDashboard> {
  const offices = officeRegions(principal);
  if (offices.length === 0) throw forbidden(NOT_OFFICE.zh, NOT_OFFICE.en);
  const region = regionCode ?? offices[0]!;
  requireOffice(principal, region);
  // Every target of the region and its districts, evaluated once: the ledger's are those without a parent.
  const rows = (await repo.targetsIn(deps.db, prefixes([region]))).filter((r) => regionCovers(region, r.region_code));
  const views = await evaluatedViews(deps, rows, principal);
  const ledger = views.filter((v) => v.parentId === null);

  const units = new Map<string, { organisationId: string | null; statuses: TargetStatus[] }>();
  for (const v of ledger) {
    const key = v.lead?.name ?? NO_LEAD_UNIT;
    const u = units.get(key) ?? { organisationId: v.lead?.organisationId ?? null, statuses: [] };
    u.statuses.push(v.status);
    units.set(key, u);
  }
  const byUnit = [...units]
    .map(([unit, u]) => ({ unit, organisationId: u.organisationId, counts: statusCounts(u.statuses) }))
    .sort((a, b) => compareUnits(a.unit, b.unit));

  const regions = new Map<string, TargetStatus[]>();
  for (const v of views) regions.set(v.regionCode, [...(regions.get(v.regionCode) ?? []), v.status]);
  const byRegion = [...regions]
    .sort(([a], [b]) => (a === region ? -1 : b === region ? 1 : a.localeCompare(b)))
    .map(([code, statuses]) => ({ regionCode: code, regionName: regionDisplayName(code) ?? code, counts: statusCounts(statuses) }));

  // Each week's point: every target's latest evaluation on or before that day.
  const today = deps.clock.today();
  const days = Array.from({ length: TREND_WEEKS }, (_, i) => addDays(today, -7 * (TREND_WEEKS - i)));
  const snapshots = await repo.snapshotsSince(deps.db, ledger.map((v) => v.id), addDays(days[0]!, -7));
  const trend: TargetDashboard['trend'] = [];
  for (const day of days) {
    const latest = new Map<string, TargetStatus>();
    for (const s of snapshots) if (s.day <= day) latest.set(s.target_id, s.status as TargetStatus);
    if (latest.size > 0) trend.push({ day, counts: statusCounts([...latest.values()]) });
  }
  trend.push({ day: today, counts: statusCounts(ledger.map((v) => v.status)) });
  return { asOf: today, regionCode: region, regionName: regionDisplayName(region) ?? region, byUnit, byRegion, trend };
}
