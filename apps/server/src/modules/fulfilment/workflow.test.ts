import { describe, expect, it } from 'vitest';
import { defaultWorkflow, dueDate, nextStage, workflowFor } from './workflow.js';

describe('workflow as data', () => {
  it('defaults by mode: applications start at acceptance, pending awards at approval', () => {
    expect(defaultWorkflow('apply').stages.map((s) => s.key)).toEqual([
      'acceptance',
      'first_review',
      'approval',
      'publicity',
      'payment',
    ]);
    expect(defaultWorkflow('automatic').stages.map((s) => s.key)).toEqual([
      'approval',
      'publicity',
      'payment',
    ]);
  });

  it('an item override adds expert review in its place, with the default assessment, and never to pending awards', () => {
    const withExpert = workflowFor('apply', {
      stages: [
        ...defaultWorkflow('apply').stages,
        { key: 'expert_review', role: 'officer', department: 'lead', deadline: { days: 10, working: true } },
      ],
    });
    expect(withExpert.stages.map((s) => s.key)).toEqual([
      'acceptance',
      'first_review',
      'expert_review',
      'approval',
      'publicity',
      'payment',
    ]);
    expect(withExpert.assessment?.minAssessors).toBe(2);
    expect(workflowFor('automatic', { stages: withExpert.stages }).stages.map((s) => s.key)).toEqual([
      'approval',
      'publicity',
      'payment',
    ]);
  });

  it('moves to the next stage of the item, skipping payment when nothing is to be paid', () => {
    const def = defaultWorkflow('apply');
    expect(nextStage(def, 'acceptance', true)).toBe('first_review');
    expect(nextStage(def, 'first_review', true)).toBe('approval');
    expect(nextStage(def, 'publicity', true)).toBe('payment');
    expect(nextStage(def, 'publicity', false)).toBe('closed');
    expect(nextStage(def, 'payment', true)).toBe('closed');
  });

  it('counts working days over weekends and calendar days as they are', () => {
    expect(dueDate('2026-11-20', { days: 5, working: true })).toBe('2026-11-27'); // Friday + 5 working days
    expect(dueDate('2026-11-21', { days: 1, working: true })).toBe('2026-11-23'); // Saturday → Monday
    expect(dueDate('2026-11-20', { days: 7, working: false })).toBe('2026-11-27');
    expect(dueDate('2026-12-31', { days: 1, working: false })).toBe('2027-01-01');
    expect(dueDate('2026-11-20', null)).toBeNull();
  });

  it('counts working days on a working calendar: holidays skipped, weekend days worked in exchange counted', () => {
    // A made-up arrangement: Monday 8 to Friday 12 February off, Saturday 6 February worked.
    const off = new Set(['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']);
    const calendar = {
      isWorkingDay: (d: string) =>
        d === '2027-02-06' || (!off.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())),
    };
    expect(dueDate('2027-02-05', { days: 3, working: true }, calendar)).toBe('2027-02-16'); // Sat 6 (worked), Mon 15, Tue 16
    expect(dueDate('2027-02-05', { days: 3, working: true })).toBe('2027-02-10'); // Monday to Friday only
    expect(dueDate('2027-02-05', { days: 10, working: false }, calendar)).toBe('2027-02-15'); // calendar days ignore it
  });
});
