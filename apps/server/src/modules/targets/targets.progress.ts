/**
 * Where a target stands: its progress against the time elapsed of its period, as a traffic light.
 * Pure (no database); dates are calendar days YYYY-MM-DD in Asia/Shanghai, both ends of a period
 * included.
 *
 * Progress is the share of the way from the start to the goal:
 * - at least / more than / exactly N: the figure over N (with a baseline b: (figure − b) / (N − b));
 * - increase by p %: from the baseline b to b × (1 + p / 100);
 * - at most / less than N (a ceiling, e.g. days to decide): not a way to go: on track while the
 *   figure keeps under the ceiling, behind once over it.
 * The light compares progress with the share of the period elapsed (today counted):
 * - met (达标) once the goal is reached, whenever that is; missed (未达标) once the period is over
 *   without it; not started before the period;
 * - on track (正常, green) when progress is at least the time elapsed;
 * - at risk (预警, yellow) when it is short by no more than AT_RISK_TOLERANCE of the whole;
 * - behind (滞后, red) when it is short by more.
 * A red target stays red until its shortfall is made up entirely (progress ≥ time elapsed): a
 * little progress that brings it within the yellow band does not turn it yellow. When the
 * shortfall is made up it turns yellow, and green at the next evaluation that finds it still made
 * up — recovery is watched once before the light is green again.
 */

export const COMPARISONS = ['at_least', 'more_than', 'at_most', 'less_than', 'exactly', 'increase_by'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const TARGET_STATUSES = ['not_started', 'on_track', 'at_risk', 'behind', 'met', 'missed', 'no_figure'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** How far short of the time elapsed (a share of the whole) a target may be and still be yellow. */
export const AT_RISK_TOLERANCE = 0.1;

const DAY_MS = 86_400_000;
const dayNumber = (d: string): number => Math.round(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS);

/** The share of the period elapsed by the end of `today` (0 before it starts, 1 from its last day). */
export function elapsedShare(from: string, to: string, today: string): number {
  if (today < from) return 0;
  if (today >= to) return 1;
  const total = dayNumber(to) - dayNumber(from) + 1;
  return (dayNumber(today) - dayNumber(from) + 1) / total;
}

export interface Goal {
  comparison: Comparison;
  value: number;
  /** The figure at the start (required for increase_by). */
  baseline: number | null;
}

/** Whether the figure reaches the goal. */
export function isMet(goal: Goal, figure: number): boolean {
  switch (goal.comparison) {
    case 'at_least':
      return figure >= goal.value;
    case 'more_than':
      return figure > goal.value;
    case 'exactly':
      return figure >= goal.value;
    case 'at_most':
      return figure <= goal.value;
    case 'less_than':
      return figure < goal.value;
    case 'increase_by':
      return goal.baseline !== null && figure >= goal.baseline * (1 + goal.value / 100);
  }
}

/**
 * The share of the way to the goal (may exceed 1, never below 0); null for a ceiling (at most,
 * less than) and for a growth target without a baseline.
 */
export function progressShare(goal: Goal, figure: number): number | null {
  if (goal.comparison === 'at_most' || goal.comparison === 'less_than') return null;
  let start = goal.baseline ?? 0;
  let end = goal.value;
  if (goal.comparison === 'increase_by') {
    if (goal.baseline === null) return null;
    start = goal.baseline;
    end = goal.baseline * (1 + goal.value / 100);
  }
  if (end <= start) return figure >= end ? 1 : 0;
  return Math.max(0, (figure - start) / (end - start));
}

export interface Evaluation {
  status: TargetStatus;
  /** Share of the way to the goal (null: a ceiling, or no figure). */
  progress: number | null;
  /** Share of the period elapsed. */
  elapsed: number;
}

/**
 * The light for a figure on `today`. `previous` is the light the last evaluation (an earlier day)
 * gave: a red target turns yellow only when its shortfall is made up.
 */
export function evaluate(input: { goal: Goal; figure: number | null; from: string; to: string; today: string; previous: TargetStatus | null }): Evaluation {
  const { goal, figure, from, to, today, previous } = input;
  const elapsed = elapsedShare(from, to, today);
  if (today < from) return { status: 'not_started', progress: figure === null ? null : progressShare(goal, figure), elapsed };
  if (figure === null) return { status: 'no_figure', progress: null, elapsed };
  const progress = progressShare(goal, figure);
  const ceiling = goal.comparison === 'at_most' || goal.comparison === 'less_than';
  if (ceiling) {
    const within = isMet(goal, figure);
    if (today > to) return { status: within ? 'met' : 'missed', progress, elapsed };
    return { status: within ? 'on_track' : 'behind', progress, elapsed };
  }
  if (progress === null) return { status: 'no_figure', progress, elapsed };
  if (isMet(goal, figure)) return { status: 'met', progress, elapsed };
  if (today > to) return { status: 'missed', progress, elapsed };
  const shortfall = elapsed - progress;
  if (previous === 'behind') return { status: shortfall <= 0 ? 'at_risk' : 'behind', progress, elapsed };
  if (shortfall <= 0) return { status: 'on_track', progress, elapsed };
  return { status: shortfall <= AT_RISK_TOLERANCE + 1e-9 ? 'at_risk' : 'behind', progress, elapsed };
}

/** A parent target's figure from its parts (split per district or department): their sum, or null while any part has none. */
export function rollUp(parts: readonly (number | null)[], how: 'sum' | 'mean' = 'sum'): number | null {
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
  return how === 'mean' ? sum / parts.length : sum;
}

/** The reporting period a day falls in: YYYY-MM (monthly) or YYYY-Qn (quarterly). */
export function reportingPeriodOf(day: string, cadence: 'monthly' | 'quarterly'): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  return cadence === 'monthly' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.ceil(m / 3)}`;
}

/** The period before `period` (2026-01 → 2025-12; 2026-Q1 → 2025-Q4). */
export function previousPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The first and last day of a reporting period. */
export function periodDays(period: string): { from: string; to: string } {
  const y = Number(period.slice(0, 4));
  const [m1, m2] = period[5] === 'Q' ? [(Number(period.slice(6)) - 1) * 3 + 1, (Number(period.slice(6)) - 1) * 3 + 3] : [Number(period.slice(5, 7)), Number(period.slice(5, 7))];
  const last = new Date(Date.UTC(y, m2, 0)).getUTCDate();
  return { from: `${y}-${String(m1).padStart(2, '0')}-01`, to: `${y}-${String(m2).padStart(2, '0')}-${String(last).padStart(2, '0')}` };
}

/**
 * When a period's report is due and chased: due by REPORT_DUE_DAY of the month after the period;
 * reminded the day after; escalated to the programme office ESCALATE_AFTER_DAYS days after that.
 */
export const REPORT_DUE_DAY = 10;
export const ESCALATE_AFTER_DAYS = 5;

export function reportDeadlines(period: string): { due: string; remind: string; escalate: string } {
  const { to } = periodDays(period);
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7));
  const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
  const due = `${ny}-${String(nm).padStart(2, '0')}-${String(REPORT_DUE_DAY).padStart(2, '0')}`;
  const plus = (d: string, n: number) => new Date((dayNumber(d) + n) * DAY_MS).toISOString().slice(0, 10);
  return { due, remind: plus(due, 1), escalate: plus(due, 1 + ESCALATE_AFTER_DAYS) };
}

/** The order lights are listed in, worst first (the ledger, the dashboard and the briefings alike). */
export const STATUS_ORDER: readonly TargetStatus[] = ['behind', 'at_risk', 'on_track', 'met', 'missed', 'no_figure', 'not_started'];

/** How many targets have each light, the lights present only, worst first. */
export function statusCounts(statuses: readonly TargetStatus[]): { status: TargetStatus; count: number }[] {
  const counts = new Map<TargetStatus, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status)! }));
}

/** The name a target without a lead unit is grouped under, and the order that puts it last. */
export const NO_LEAD_UNIT = '未指派牵头单位';
export const compareUnits = (a: string, b: string): number => (a === NO_LEAD_UNIT ? 1 : b === NO_LEAD_UNIT ? -1 : a.localeCompare(b, 'zh-CN'));

/**
 * A milestone's state on a day: reached when marked, or when its figure is met by the target's
 * figure under an "at least" / "more than" goal (the only goals whose figure grows towards the
 * milestone's); otherwise overdue once its day has passed (its own day still counts), else upcoming.
 */
export function milestoneState(
  m: { dueOn: string; value: number | null; reachedOn: string | null },
  comparison: Comparison,
  figure: number | null,
  today: string,
): { state: 'reached' | 'upcoming' | 'overdue'; byFigure: boolean } {
  if (m.reachedOn !== null) return { state: 'reached', byFigure: false };
  if (m.value !== null && figure !== null && ((comparison === 'at_least' && figure >= m.value) || (comparison === 'more_than' && figure > m.value))) return { state: 'reached', byFigure: true };
  return { state: m.dueOn < today ? 'overdue' : 'upcoming', byFigure: false };
}
