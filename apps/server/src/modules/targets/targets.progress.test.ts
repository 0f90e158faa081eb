import { describe, expect, it } from 'vitest';
import { elapsedShare, evaluate, milestoneState, periodDays, previousPeriod, progressShare, reportDeadlines, reportingPeriodOf, rollUp, type Goal } from './targets.progress.js';

const atLeast10: Goal = { comparison: 'at_least', value: 10, baseline: null };
const year = { from: '2026-01-01', to: '2026-12-31' };

describe('time elapsed', () => {
  it('is 0 before the period, counts its first day, and is 1 from its last day on', () => {
    expect(elapsedShare(year.from, year.to, '2025-12-31')).toBe(0);
    expect(elapsedShare(year.from, year.to, '2026-01-01')).toBeCloseTo(1 / 365, 10);
    expect(elapsedShare(year.from, year.to, '2026-07-02')).toBeCloseTo(183 / 365, 10);
    expect(elapsedShare(year.from, year.to, '2026-12-31')).toBe(1);
    expect(elapsedShare(year.from, year.to, '2027-03-01')).toBe(1);
    // A leap year's February counts its 29th.
    expect(elapsedShare('2028-02-01', '2028-02-29', '2028-02-28')).toBeCloseTo(28 / 29, 10);
  });
});

describe('progress', () => {
  it('is the share of the way from the baseline (0 without one) to the goal', () => {
    expect(progressShare(atLeast10, 4)).toBe(0.4);
    expect(progressShare({ comparison: 'at_least', value: 10, baseline: 6 }, 8)).toBe(0.5);
    expect(progressShare({ comparison: 'at_least', value: 10, baseline: 6 }, 5)).toBe(0);
    expect(progressShare(atLeast10, 12)).toBe(1.2);
  });

  it('of a growth target runs from the baseline to baseline × (1 + p%), and is unknown without a baseline', () => {
    const grow30: Goal = { comparison: 'increase_by', value: 30, baseline: 1000 };
    expect(progressShare(grow30, 1000)).toBe(0);
    expect(progressShare(grow30, 1150)).toBeCloseTo(0.5, 10);
    expect(progressShare(grow30, 1300)).toBeCloseTo(1, 10);
    expect(progressShare({ comparison: 'increase_by', value: 30, baseline: null }, 1300)).toBeNull();
  });

  it('is not a way to go for a ceiling', () => {
    expect(progressShare({ comparison: 'at_most', value: 5, baseline: null }, 3)).toBeNull();
  });
});

describe('traffic lights', () => {
  const at = (today: string, figure: number | null, previous: Parameters<typeof evaluate>[0]['previous'] = null, goal: Goal = atLeast10) =>
    evaluate({ goal, figure, ...year, today, previous }).status;

  it('are not started before the period and met the day the goal is reached, even on its first day', () => {
    expect(at('2025-12-31', 10)).toBe('not_started');
    expect(at('2026-01-01', 10)).toBe('met');
    expect(at('2026-01-01', 9)).toBe('on_track');
  });

  it('compare progress with the time elapsed: green at it, yellow within the tolerance, red beyond', () => {
    // 2026-07-02: 183/365 ≈ 0.5014 of the year gone.
    expect(at('2026-07-02', 6)).toBe('on_track'); // 0.6
    expect(at('2026-07-02', 5)).toBe('at_risk'); // 0.5, short by 0.0014
    expect(at('2026-07-02', 4.02)).toBe('at_risk'); // short by 0.0994
    expect(at('2026-07-02', 4)).toBe('behind'); // short by 0.1014
  });

  it('at the last day: met or still running; the day after: missed', () => {
    expect(at('2026-12-31', 9)).toBe('at_risk'); // short by 0.1 exactly: yellow on the boundary
    expect(at('2026-12-31', 8)).toBe('behind');
    expect(at('2026-12-31', 10)).toBe('met');
    expect(at('2027-01-01', 9.99)).toBe('missed');
    expect(at('2027-01-01', 10)).toBe('met');
  });

  it('keep a red target red until the whole shortfall is made up, then yellow, then green', () => {
    // Within the yellow band, but it was red: still red.
    expect(at('2026-07-02', 4.5, 'behind')).toBe('behind');
    // Shortfall made up: yellow first…
    expect(at('2026-07-02', 5.1, 'behind')).toBe('at_risk');
    // …green at the next evaluation that finds it made up.
    expect(at('2026-07-03', 5.2, 'at_risk')).toBe('on_track');
    // A yellow one that slips within the band stays yellow; beyond it, red.
    expect(at('2026-07-02', 4.5, 'at_risk')).toBe('at_risk');
    expect(at('2026-07-02', 3, 'at_risk')).toBe('behind');
  });

  it('of a growth target use its baseline, and ask for one when there is none', () => {
    const grow: Goal = { comparison: 'increase_by', value: 20, baseline: 500 };
    expect(at('2026-07-02', 560, null, grow)).toBe('on_track'); // 0.6 of the way
    expect(at('2026-07-02', 550, null, grow)).toBe('at_risk'); // 0.5
    expect(at('2026-07-02', 600, null, grow)).toBe('met');
    expect(at('2026-07-02', 540, null, grow)).toBe('behind'); // 0.4
    expect(at('2026-07-02', 600, null, { comparison: 'increase_by', value: 20, baseline: null })).toBe('no_figure');
  });

  it('of a ceiling: green while under it, red over it, met or missed when the period ends', () => {
    const ceiling: Goal = { comparison: 'at_most', value: 15, baseline: null };
    expect(at('2026-03-01', 15, null, ceiling)).toBe('on_track');
    expect(at('2026-03-01', 16, null, ceiling)).toBe('behind');
    expect(at('2027-01-01', 15, null, ceiling)).toBe('met');
    expect(at('2027-01-01', 15.5, null, ceiling)).toBe('missed');
    expect(at('2027-01-01', 14.9, null, { comparison: 'less_than', value: 15, baseline: null })).toBe('met');
    expect(at('2027-01-01', 15, null, { comparison: 'less_than', value: 15, baseline: null })).toBe('missed');
  });

  it('without a figure say so rather than guess', () => {
    expect(at('2026-07-02', null)).toBe('no_figure');
  });
});

describe('roll-up and reporting periods', () => {
  it('sums the parts, and waits while a part has no figure', () => {
    expect(rollUp([3, 4.5, 0])).toBe(7.5);
    expect(rollUp([3, null])).toBeNull();
    expect(rollUp([])).toBeNull();
    // A task's parts: its completion is theirs on average (each part is a share of the work).
    expect(rollUp([100, 50, 30], 'mean')).toBe(60);
    expect(rollUp([100, null], 'mean')).toBeNull();
  });

  it('names months and quarters, steps back across a year, and knows their days', () => {
    expect(reportingPeriodOf('2026-12-31', 'monthly')).toBe('2026-12');
    expect(reportingPeriodOf('2026-03-31', 'quarterly')).toBe('2026-Q1');
    expect(reportingPeriodOf('2026-04-01', 'quarterly')).toBe('2026-Q2');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(periodDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodDays('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('a report is due by the 10th of the next month, reminded the day after, escalated five days later', () => {
    expect(reportDeadlines('2026-11')).toEqual({ due: '2026-12-10', remind: '2026-12-11', escalate: '2026-12-16' });
    expect(reportDeadlines('2026-12')).toEqual({ due: '2027-01-10', remind: '2027-01-11', escalate: '2027-01-16' });
    expect(reportDeadlines('2026-Q3')).toEqual({ due: '2026-10-10', remind: '2026-10-11', escalate: '2026-10-16' });
  });
});

describe('milestones', () => {
  const m = (value: number | null, reachedOn: string | null = null) => ({ dueOn: '2026-06-30', value, reachedOn });
  it('are due through their own day and overdue from the next, unless reached', () => {
    expect(milestoneState(m(null), 'at_least', null, '2026-06-30')).toEqual({ state: 'upcoming', byFigure: false });
    expect(milestoneState(m(null), 'at_least', null, '2026-07-01')).toEqual({ state: 'overdue', byFigure: false });
    expect(milestoneState(m(null, '2026-07-05'), 'at_least', null, '2026-07-10')).toEqual({ state: 'reached', byFigure: false });
  });

  it('with a figure are reached by the target figure only under goals that grow towards it', () => {
    expect(milestoneState(m(4), 'at_least', 4, '2026-07-10')).toEqual({ state: 'reached', byFigure: true });
    expect(milestoneState(m(4), 'at_least', 3.99, '2026-07-10')).toEqual({ state: 'overdue', byFigure: false });
    expect(milestoneState(m(4), 'more_than', 4, '2026-06-01')).toEqual({ state: 'upcoming', byFigure: false });
    expect(milestoneState(m(4), 'more_than', 4.5, '2026-06-01')).toEqual({ state: 'reached', byFigure: true });
    // Under a ceiling, a figure below the milestone's says nothing about reaching it.
    expect(milestoneState(m(4), 'at_most', 1, '2026-07-10')).toEqual({ state: 'overdue', byFigure: false });
    expect(milestoneState(m(4), 'at_least', null, '2026-07-10')).toEqual({ state: 'overdue', byFigure: false });
  });
});
