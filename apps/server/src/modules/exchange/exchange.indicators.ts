import type { Text } from '../../platform/module.js';

/**
 * The indicators districts report to the city (000 §13: 多部门互联互通; the figures of the
 * entrepreneurship programme's monthly report). A flow is summed over the months of a range; a
 * stock (what exists at the end of a period) is taken from the latest period in the range.
 * `local` is the district's own statistic the value is read from when it pushes (none: typed in
 * the form); its unit is the indicator's.
 */
export interface IndicatorDefinition {
  name: string;
  label: Text;
  unit: Text;
  kind: 'flow' | 'stock';
  local: string | null;
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  { name: 'market_subjects_new', label: { zh: '新增市场主体', en: 'New market subjects' }, unit: { zh: '户', en: 'subjects' }, kind: 'flow', local: null },
  { name: 'enterprises_new', label: { zh: '新增企业', en: 'New enterprises' }, unit: { zh: '家', en: 'enterprises' }, kind: 'flow', local: 'identity.enterprises_registered' },
  { name: 'carriers', label: { zh: '众创空间、孵化器等双创载体', en: 'Maker spaces and incubators' }, unit: { zh: '家', en: 'carriers' }, kind: 'stock', local: 'carriers.carriers' },
  { name: 'incubated_firms', label: { zh: '在孵企业', en: 'Incubated firms' }, unit: { zh: '家', en: 'firms' }, kind: 'stock', local: 'carriers.tenants' },
  { name: 'jobs_created', label: { zh: '带动就业', en: 'Jobs created' }, unit: { zh: '人', en: 'jobs' }, kind: 'flow', local: null },
  { name: 'guaranteed_loans', label: { zh: '发放创业担保贷款', en: 'Entrepreneurship-guaranteed loans granted' }, unit: { zh: '笔', en: 'loans' }, kind: 'flow', local: 'loans.granted' },
];

export const indicatorByName = (name: string): IndicatorDefinition | undefined => INDICATORS.find((i) => i.name === name);

/** The city-side statistic of an indicator. */
export const statisticName = (indicator: string): string => `exchange.${indicator}`;

/** First and last day of a period `YYYY-MM` or `YYYY-Qn`. */
export function periodRange(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const q = /^\d{4}-Q([1-4])$/.exec(period);
  const firstMonth = q ? (Number(q[1]) - 1) * 3 + 1 : Number(period.slice(5, 7));
  const lastMonth = q ? firstMonth + 2 : firstMonth;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(firstMonth)}-01`, to: `${year}-${mm(lastMonth)}-${mm(lastDay)}` };
}

/**
 * The reporting deadline of a period: the 10th of the month after the period ends, to the end of
 * that day in Asia/Shanghai (a report received later is late; a later corrected version of a
 * report first received in time is not).
 */
export function periodDeadline(period: string): string {
  const { to } = periodRange(period);
  const year = Number(to.slice(0, 4));
  const month = Number(to.slice(5, 7));
  return month === 12 ? `${year + 1}-01-10` : `${year}-${String(month + 1).padStart(2, '0')}-10`;
}

/** The instant a period's deadline ends (the deadline day's midnight in Asia/Shanghai, UTC+8). */
export const deadlineEnd = (period: string): Date => new Date(`${periodDeadline(period)}T23:59:59.999+08:00`);

export const DEADLINE_RULE: Text = {
  zh: '报送截止日为报告期结束后次月10日（北京时间当日24时前）；逾期首次报送记为迟报，按时报送后的更正版本不记迟报',
  en: "A period's report is due by the end of the 10th of the month after the period ends (Beijing time); a first report received later is late, a corrected version of a report received in time is not",
};
