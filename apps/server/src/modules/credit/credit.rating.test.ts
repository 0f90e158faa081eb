import { describe, expect, it } from 'vitest';
import { BASELINE, GRADE_FLOORS, gradeOf, rate, taxGradeIn, type RatingRecord } from './credit.rating.js';

const TODAY = '2026-11-20';
const rec = (over: Partial<RatingRecord>): RatingRecord => ({ kind: 'administrative_penalty', severity: 'ordinary', decidedOn: '2026-09-01', repairedOn: null, content: '罚款', ...over });
const points = (r: ReturnType<typeof rate>, key: string) => r.indicators.find((i) => i.key === key)!.points;

describe('grade thresholds', () => {
  it('each floor belongs to its grade, one point below to the next', () => {
    expect([GRADE_FLOORS.A, GRADE_FLOORS.A - 1].map(gradeOf)).toEqual(['A', 'B']);
    expect([GRADE_FLOORS.B, GRADE_FLOORS.B - 1].map(gradeOf)).toEqual(['B', 'C']);
    expect([GRADE_FLOORS.C, GRADE_FLOORS.C - 1].map(gradeOf)).toEqual(['C', 'D']);
    expect([100, 0].map(gradeOf)).toEqual(['A', 'D']);
  });

  it('a clean firm of unknown age is B at the baseline; positive evidence takes it to A at exactly 85', () => {
    const clean = rate({ records: [], foundedOn: null, today: TODAY });
    expect(clean).toMatchObject({ grade: 'B', score: BASELINE, cappedBySeriousViolation: false });
    // 70 + 5 (3 years) + 10 (tax A) = 85: A.
    const a = rate({ records: [rec({ kind: 'tax_credit_grade', severity: 'minor', content: '2025年度纳税信用等级为A级' })], foundedOn: '2023-11-20', today: TODAY });
    expect(a.score).toBe(85);
    expect(a.grade).toBe('A');
    // A day short of three years: +2, not +5: 82, B.
    expect(rate({ records: [rec({ kind: 'tax_credit_grade', severity: 'minor', content: '纳税信用A级' })], foundedOn: '2023-11-21', today: TODAY })).toMatchObject({ score: 82, grade: 'B' });
  });

  it('one published ordinary record (−10) takes a clean firm from B to C; five honours cap at +15', () => {
    expect(rate({ records: [rec({})], foundedOn: null, today: TODAY })).toMatchObject({ score: 60, grade: 'C' });
    const honours = Array.from({ length: 5 }, (_, i) => rec({ kind: 'honour', severity: null, decidedOn: `2025-0${i + 1}-01` }));
    const r = rate({ records: honours, foundedOn: null, today: TODAY });
    expect(points(r, 'honours')).toBe(15);
    expect(r).toMatchObject({ score: 85, grade: 'A' });
  });

  it('C ends at 50: two ordinary records (−20) are 50, C; adding a minor one (−2) is 48, D', () => {
    expect(rate({ records: [rec({ decidedOn: '2026-09-01' }), rec({ decidedOn: '2026-10-01' })], foundedOn: null, today: TODAY })).toMatchObject({ score: 50, grade: 'C' });
    expect(rate({ records: [rec({ decidedOn: '2026-09-01' }), rec({ decidedOn: '2026-10-01' }), rec({ severity: 'minor' })], foundedOn: null, today: TODAY })).toMatchObject({ score: 48, grade: 'D' });
  });
});

describe('the serious-violation list and repair', () => {
  const serious = rec({ severity: 'serious', decidedOn: '2025-10-20' });
  const honours = [1, 2, 3].map((i) => rec({ kind: 'honour', severity: null, decidedOn: `2026-0${i}-01` }));
  const taxA = rec({ kind: 'tax_credit_grade', severity: 'minor', content: '纳税信用等级 A级', decidedOn: '2026-04-01' });

  it('a published serious record makes the grade D even when the score is high', () => {
    const r = rate({ records: [serious, ...honours, taxA], foundedOn: '2010-01-01', today: TODAY });
    // 70 − 30 + 15 + 10 + 5 = 70: a B score, capped to D.
    expect(r.score).toBe(70);
    expect(r).toMatchObject({ grade: 'D', cappedBySeriousViolation: true });
    expect(points(r, 'serious_published')).toBe(-30);
  });

  it('after repair the record weighs −3 as a corrected breach and the grade improves', () => {
    const before = rate({ records: [serious], foundedOn: '2021-04-12', today: TODAY });
    const after = rate({ records: [{ ...serious, repairedOn: '2026-11-20' }], foundedOn: '2021-04-12', today: TODAY });
    expect(before).toMatchObject({ grade: 'D', score: 45 });
    expect(after).toMatchObject({ grade: 'B', score: 72, cappedBySeriousViolation: false });
    expect(points(after, 'serious_published')).toBe(0);
    expect(points(after, 'corrected')).toBe(-3);
  });

  it('a serious record whose three years have passed no longer caps; a repair dated tomorrow does not count yet', () => {
    expect(rate({ records: [rec({ severity: 'serious', decidedOn: '2023-11-20' })], foundedOn: null, today: TODAY })).toMatchObject({ grade: 'C', score: 67 });
    expect(rate({ records: [rec({ severity: 'serious', decidedOn: '2023-11-21' })], foundedOn: null, today: TODAY }).grade).toBe('D');
    expect(rate({ records: [{ ...serious, repairedOn: '2026-11-21' }], foundedOn: null, today: TODAY }).grade).toBe('D');
  });

  it('tax records count once, as the tax grade, not also as a breach', () => {
    const r = rate({ records: [rec({ kind: 'tax_credit_grade', severity: 'serious', content: '2025年度纳税信用等级评价为D级' })], foundedOn: null, today: TODAY });
    expect(points(r, 'tax_grade')).toBe(-10);
    expect(points(r, 'serious_published')).toBe(0);
    expect(r).toMatchObject({ score: 60, grade: 'C', cappedBySeriousViolation: false });
  });
});

describe('explanations', () => {
  it('every indicator has a value text, weight and explanation in both languages, and the points sum to the score', () => {
    const r = rate({ records: [rec({}), rec({ kind: 'honour', severity: null })], foundedOn: '2020-01-01', today: TODAY });
    expect(r.indicators).toHaveLength(7);
    for (const i of r.indicators) for (const t of [i.label, i.valueText, i.weight, i.explanation]) expect(t.zh.length * t.en.length).toBeGreaterThan(0);
    expect(r.baseline + r.indicators.reduce((s, i) => s + i.points, 0)).toBe(r.score);
  });

  it('reads the tax grade from the text', () => {
    expect(['2025年度纳税信用等级为D级', '纳税信用A级', 'M级', 'tax credit grade B', '无'].map(taxGradeIn)).toEqual(['D', 'A', 'M', 'B', null]);
  });
});
