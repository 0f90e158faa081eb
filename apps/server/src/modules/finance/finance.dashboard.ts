/**
 * The finance office's dashboard (金融看板): for a region it supervises and a period, the
 * financing needs posted and matched, the requests answered by their due date and the amount
 * offered (finance's declared statistics), and the guaranteed loans and interest subsidies by
 * bank and by district (the loans module's `loanFigures`, on its statistics' definitions).
 */
import type { FinanceDashboard, FinanceDashboardQuery } from '@seedbed/contract';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { StatisticQuery } from '../../platform/module.js';
import { fieldError, forbidden, invalid } from '../../platform/problems.js';
import { loanFigures } from '../loans/index.js';
import { regionCovers } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { financeStatistics } from './finance.statistics.js';
import type { FinanceDeps } from './finance.service.js';

const figure = (name: string) => financeStatistics.find((s) => s.name === name)!;

export async function dashboard(deps: FinanceDeps, principal: Principal, query: FinanceDashboardQuery): Promise<FinanceDashboard> {
  const offices = membershipsGranting(principal, 'finance.supervise');
  if (offices.length === 0) throw forbidden('只有金融监管部门可以查看金融看板', 'Only the finance office may see the finance dashboard');
  const today = deps.clock.today();
  const regionCode = query.regionCode ?? offices[0]!.regionCode;
  const from = query.from ?? `${today.slice(0, 4)}-01-01`;
  const to = query.to ?? today;
  const errors = [];
  if (!offices.some((m) => regionCovers(m.regionCode, regionCode))) errors.push(fieldError('regionCode', 'supervised', '只能查看本部门监管的地区', 'must be a region your office supervises'));
  if (from > to) errors.push(fieldError('from', 'not_after_to', '开始日期不能晚于结束日期', 'must not be after the end date'));
  if (errors.length > 0) throw invalid(errors);
  const q: StatisticQuery = { regionCode, from, to };
  const [needsPosted, needsMatched, answeredInTime, grantedFen, loans] = await Promise.all([
    figure('finance.needs_posted').compute(deps.db, q),
    figure('finance.needs_matched').compute(deps.db, q),
    figure('finance.answered_in_time').compute(deps.db, q),
    figure('finance.granted_fen').compute(deps.db, q),
    loanFigures(deps.db, q),
  ]);
  return {
    regionCode,
    regionName: regionDisplayName(regionCode) ?? '',
    from,
    to,
    needsPosted,
    needsMatched,
    answeredInTime,
    grantedFen,
    byBank: loans.byBank,
    byDistrict: loans.byDistrict.map((d) => ({ ...d, name: regionDisplayName(d.key) ?? '' })),
  };
}
