/**
 * The near-miss rules (gaps.ts), operator by operator, each checked on both evaluators: the
 * interpreter's verdict (status, gap or reason) and the population compiler's counts for the same
 * rows (near misses per criterion and in total, ineligible, eligible).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from './catalog.js';
import { compilePopulation } from './compiler.js';
import { evaluateItem } from './evaluate.js';
import { populationFromInputs } from './population.js';
import { catalogWith, demoCatalog } from './test-support.js';
import type { Verdict } from './types.js';

const DATE = '2024-05-01';

/** Evaluates the rows with both evaluators, checks that they agree, and returns the interpreter's verdicts. */
function both(catalog: Catalog, rows: readonly Record<string, unknown>[], date = DATE, item = 't.item'): Verdict[] {
  const inputs = rows.map((facts) => ({ date, facts }));
  const verdicts = inputs.map((i) => evaluateItem(catalog, item, i));
  const r = compilePopulation(catalog, [item]).evaluate(populationFromInputs(catalog, inputs), date).items[0]!;
  const count = (s: string): number => verdicts.filter((v) => v.status === s).length;
  expect(r.eligible).toBe(count('eligible'));
  expect(r.unknown).toBe(count('unknown'));
  expect(r.ineligible).toBe(count('ineligible') + count('near_miss'));
  expect(r.nearMissTotal).toBe(count('near_miss'));
  for (const [id, n] of Object.entries(r.nearMiss)) expect(n, id).toBe(verdicts.filter((v) => v.status === 'near_miss' && v.criteria.find((c) => c.status === 'fail')?.id === id).length);
  return verdicts;
}

function one(rule: unknown, facts: Record<string, unknown>, date = DATE): Verdict {
  return both(catalogWith({ c: rule }), [facts], date)[0]!;
}

const failed = (v: Verdict) => v.criteria.find((c) => c.status === 'fail')!;

describe('numbers the subject can still change are near misses', () => {
  it('>=: people still to hire, with unit and label', () => {
    const v = one({ '>=': [{ var: 'qualifying_hires' }, 3] }, { qualifying_hires: 2 });
    expect(v.status).toBe('near_miss');
    expect(v.gap).toMatchObject({ amount: 1, direction: 'increase' });
    expect(v.gap!.text).toEqual({ zh: '还差 1 人（新招用符合条件人员数）', en: '1 more person (Qualifying hires)' });
    expect(failed(v).gap).toEqual(v.gap);
    expect(failed(v).reason).toBeUndefined();
  });
  it('<= and <: a count that must come down, one more for a strict bound', () => {
    const le = one({ '<=': [{ var: 'employees' }, 10] }, { employees: 12 });
    expect(le.status).toBe('near_miss');
    expect(le.gap!.text).toEqual({ zh: '需减少 2 人（从业人员）', en: '2 fewer people (Employees)' });
    const lt = one({ '<': [{ var: 'employees' }, 10] }, { employees: 10 });
    expect(lt.gap).toMatchObject({ amount: 1, direction: 'decrease' });
  });
  it('>: equal non-whole values need any move upwards; percentages read as percentage points', () => {
    const gt = one({ '>': [{ var: 'rd_ratio' }, 3.5] }, { rd_ratio: 3.5 });
    expect(gt.status).toBe('near_miss');
    expect(gt.gap!.text.zh).toBe('需高于 3.5');
    const ge = one({ '>=': [{ var: 'rd_ratio' }, 5] }, { rd_ratio: 3.5 });
    expect(ge.gap!.text).toEqual({ zh: '还差 1.5 个百分点（研发费用占比）', en: '1.5 more percentage points (R&D spending ratio)' });
    expect(ge.gap!.text.zh).not.toMatch(/×100|ratio/);
  });
  it('==: the direction follows the values', () => {
    const up = one({ '==': [{ var: 'new_products_certified' }, 2] }, { new_products_certified: 0 });
    expect(up.gap).toMatchObject({ amount: 2, direction: 'increase' });
    const down = one({ '==': [{ var: 'new_products_certified' }, 2] }, { new_products_certified: 3 });
    expect(down.gap).toMatchObject({ amount: 1, direction: 'decrease' });
  });
  it('an expression (a share written as hires × 100 ≥ staff × 30): the gap is the variable to move, in its unit', () => {
    const share = { '>=': [{ '*': [{ var: 'qualifying_hires' }, 100] }, { '*': [{ var: 'employees' }, 30] }] };
    const v = one(share, { qualifying_hires: 3, employees: 11 });
    expect(v.status).toBe('near_miss');
    expect(v.gap).toMatchObject({ amount: 1, direction: 'increase' });
    expect(v.gap!.text).toEqual({ zh: '还差 1 人（新招用符合条件人员数）', en: '1 more person (Qualifying hires)' });
    const sum = one({ '>=': [{ '+': [{ var: 'qualifying_hires' }, { var: 'new_products_certified' }] }, 6] }, { qualifying_hires: 2, new_products_certified: 1 });
    expect(sum.gap!.text.zh).toBe('还差 3 人（新招用符合条件人员数）');
    const ratio = one({ '>=': [{ '/': [{ var: 'rd_ratio' }, 2] }, 2.5] }, { rd_ratio: 3.5 });
    expect(ratio.gap!.text.zh).toBe('还差 1.5 个百分点（研发费用占比）');
  });
  it('money: the gap in yuan, never fen', () => {
    const v = one({ '>=': [{ var: 'equipment_investment' }, 1000000] }, { equipment_investment: 900000 });
    expect(v.status).toBe('near_miss');
    expect(v.gap).toMatchObject({ amount: 1000, direction: 'increase', unit: { zh: '元', en: 'yuan' } });
    expect(v.gap!.text).toEqual({ zh: '还差 1,000 元（设备投资额）', en: '¥1,000 more (Equipment investment)' });
  });
});

describe('numbers that cannot move the needed way are not', () => {
  it('an age (increase_only) that must be lower: ineligible with the reason; one that must be higher: a near miss', () => {
    const v = one({ '<=': [{ var: 'founder_age' }, 35] }, { founder_age: 40 });
    expect(v.status).toBe('ineligible');
    expect(v.gap).toBeUndefined();
    expect(failed(v).reason).toEqual({ zh: '创办人年龄（40 岁）高于 35 岁，且无法改变', en: "Founder's age (40 years of age) is above 35 years of age, which cannot change" });
    const w = one({ '>=': [{ var: 'founder_age' }, 18] }, { founder_age: 16 });
    expect(w.status).toBe('near_miss');
    expect(w.gap!.text.zh).toBe('还差 2 岁（创办人年龄）');
  });
  it('a fixed figure (a closed year) does not move at all', () => {
    const v = one({ '>=': [{ var: 'prior_year_sales' }, 1000000] }, { prior_year_sales: 900000 });
    expect(v.status).toBe('ineligible');
    expect(failed(v).reason!.zh).toBe('上一年度销售额（9,000 元）低于 1 万元，且无法改变');
  });
});

describe('dates: the past cannot change, time only moves forward', () => {
  it('a date fact against a fixed date is not a near miss, either way', () => {
    const late = one({ '<=': [{ var: 'founded_on' }, { date: '2020-01-01' }] }, { founded_on: '2020-01-11' });
    expect(late.status).toBe('ineligible');
    expect(late.gap).toBeUndefined();
    expect(failed(late).reason).toEqual({ zh: '成立日期（2020-01-11）晚于 2020-01-01，日期已定，无法改变', en: 'Date founded (2020-01-11) is after 2020-01-01; a date that has passed cannot change' });
    const early = one({ '>=': [{ var: 'founded_on' }, { date: '2016-01-01' }] }, { founded_on: '2015-03-01' });
    expect(early.status).toBe('ineligible');
    expect(failed(early).reason!.zh).toBe('成立日期（2015-03-01）早于 2016-01-01，日期已定，无法改变');
    for (const v of [late, early]) expect(JSON.stringify(v)).not.toMatch(/还需早|还需晚|earlier|later/);
  });
  it('a bound derived from today that time reaches: a near miss with the day it is met on', () => {
    // Founded at least a year before the evaluation date.
    const v = one({ '<=': [{ var: 'founded_on' }, { add_months: [{ today: [] }, -12] }] }, { founded_on: '2024-02-01' });
    expect(v.status).toBe('near_miss');
    expect(v.gap).toMatchObject({ amount: 276, direction: 'increase', metOn: '2025-02-01' });
    expect(v.gap!.text).toEqual({ zh: '还需 276 天（2025-02-01 起满足）', en: '276 more days (met from 2025-02-01)' });
  });
  it('a bound derived from today that time moves away from: ineligible, the deadline has passed', () => {
    // Founded within the last five years.
    const v = one({ '>=': [{ var: 'founded_on' }, { add_months: [{ today: [] }, -60] }] }, { founded_on: '2018-01-01' });
    expect(v.status).toBe('ineligible');
    expect(failed(v).reason!.zh).toBe('成立日期（2018-01-01）早于评估日前 60 个月（2019-05-01），期限已过');
    const w = one({ '<=': [{ today: [] }, { add_months: [{ var: 'founded_on' }, 60] }] }, { founded_on: '2018-01-01' });
    expect(w.status).toBe('ineligible');
    expect(failed(w).reason!.en).toBe('the evaluation date (2024-05-01) is after 60 months after Date founded (2023-01-01); the deadline has passed');
  });
  it('months_between(d, today) >= N: months still to come, met on the anniversary', () => {
    const v = one({ '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] }, { founded_on: '2022-07-15' });
    expect(v.status).toBe('near_miss');
    expect(v.gap).toMatchObject({ amount: 3, direction: 'increase', metOn: '2024-07-15', unit: { zh: '个月', en: 'months' } });
    expect(v.gap!.text).toEqual({ zh: '还需 3 个月（2024-07-15 起满足）', en: '3 more months (met from 2024-07-15)' });
    const strict = one({ '>': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] }, { founded_on: '2022-07-15' });
    expect(strict.gap).toMatchObject({ amount: 4, metOn: '2024-08-15' });
  });
  it('years_between(d, today) <= N: past the limit, in plain words', () => {
    const v = one({ '<=': [{ years_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 5] }, { founded_on: '2018-03-01' });
    expect(v.status).toBe('ineligible');
    expect(failed(v).reason).toEqual({ zh: '成立已满 6 年，超过 5 年期限', en: 'Date founded: 6 years ago, beyond the 5-year limit' });
    const lt = one({ '<': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] }, { founded_on: '2021-01-01' });
    expect(lt.status).toBe('ineligible');
    expect(failed(lt).reason!.zh).toBe('成立已满 40 个月，超过 24 个月期限');
  });
  it('== on a count that time moves: a near miss before it, not after', () => {
    const rule = { '==': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 12] };
    expect(one(rule, { founded_on: '2023-07-01' }).gap).toMatchObject({ amount: 2, metOn: '2024-07-01' });
    expect(one(rule, { founded_on: '2022-07-01' }).status).toBe('ineligible');
  });
  it('a count between two fixed dates (an age at hiring) cannot change', () => {
    const v = one({ '>=': [{ years_between: [{ var: 'founded_on' }, { date: '2024-01-01' }, 'floor'] }, 5] }, { founded_on: '2020-01-01' });
    expect(v.status).toBe('ineligible');
    expect(failed(v).reason!.zh).toBe('成立日期至2024-01-01的年数（4 年）低于 5 年，且无法改变');
  });
  it('within_years: the reason names how long ago', () => {
    const v = one({ within_years: [{ var: 'founded_on' }, 2] }, { founded_on: '2021-03-01' });
    expect(v.status).toBe('ineligible');
    expect(failed(v).reason).toEqual({ zh: '成立已满 3 年，超过 2 年期限', en: 'Date founded: 3 years ago, beyond the 2-year limit' });
  });
});

describe('or and and', () => {
  const hiresOrStaff = (staff: number) => ({ or: [{ '>=': [{ var: 'qualifying_hires' }, 5] }, { '>=': [{ var: 'employees' }, staff] }] });
  it('or: the nearest branch by relative gap; ties go to the first', () => {
    // hires 3 of 5 (0.4) against staff 12 of 20 (0.4): a tie.
    const tie = one(hiresOrStaff(20), { qualifying_hires: 3, employees: 12 });
    expect(tie.status).toBe('near_miss');
    expect(tie.gap!.text.zh).toBe('还差 2 人（新招用符合条件人员数）');
    // staff 12 of 14 (0.14) is nearer.
    const near = one(hiresOrStaff(14), { qualifying_hires: 3, employees: 12 });
    expect(near.gap!.text.zh).toBe('还差 2 人（从业人员）');
  });
  it('or: a branch that cannot close is passed over for one that can; none closing is ineligible with a reason', () => {
    const rule = { or: [{ '>=': [{ var: 'founded_on' }, { date: '2020-01-01' }] }, { '>=': [{ var: 'qualifying_hires' }, 5] }] };
    const v = one(rule, { founded_on: '2019-01-01', qualifying_hires: 4 });
    expect(v.status).toBe('near_miss');
    expect(v.gap!.text.zh).toBe('还差 1 人（新招用符合条件人员数）');
    const w = one({ or: [{ '>=': [{ var: 'founded_on' }, { date: '2020-01-01' }] }, { '<=': [{ var: 'founder_age' }, 35] }] }, { founded_on: '2019-01-01', founder_age: 40 });
    expect(w.status).toBe('ineligible');
    expect(failed(w).reason!.zh).toContain('成立日期（2019-01-01）早于 2020-01-01');
  });
  it('and inside or: a branch counts only when exactly one conjunct fails and closes, the rest passing', () => {
    const rule = { or: [{ and: [{ '>=': [{ var: 'qualifying_hires' }, 5] }, { '>=': [{ var: 'employees' }, 10] }] }, { '>=': [{ var: 'rd_ratio' }, 10] }] };
    const a = one(rule, { qualifying_hires: 3, employees: 12, rd_ratio: 2 });
    expect(a.gap!.text.zh).toBe('还差 2 人（新招用符合条件人员数）');
    const b = one(rule, { qualifying_hires: 3, employees: 5, rd_ratio: 2 });
    expect(b.gap!.text.zh).toBe('还差 8 个百分点（研发费用占比）');
    const c = one(rule, { qualifying_hires: 3, rd_ratio: 2 });
    expect(c.status).toBe('near_miss');
    expect(c.gap!.text.zh).toBe('还差 8 个百分点（研发费用占比）');
  });
  it('and at the top: exactly one failing conjunct that closes; two failing are not a near miss', () => {
    const rule = { and: [{ '>=': [{ var: 'qualifying_hires' }, 5] }, { '>=': [{ var: 'employees' }, 10] }] };
    expect(one(rule, { qualifying_hires: 3, employees: 12 }).status).toBe('near_miss');
    expect(one(rule, { qualifying_hires: 3, employees: 5 }).status).toBe('ineligible');
    expect(one(rule, { qualifying_hires: 3 }).status).toBe('ineligible');
    const past = one({ and: [{ '>=': [{ var: 'founded_on' }, { date: '2020-01-01' }] }, { '>=': [{ var: 'employees' }, 10] }] }, { founded_on: '2019-01-01', employees: 5 });
    expect(past.status).toBe('ineligible');
    expect(failed(past).reason!.zh).toContain('早于 2020-01-01');
  });
});

describe('the verdict', () => {
  it('is a near miss only with exactly one failure that closes and nothing unknown', () => {
    const catalog = catalogWith({ hires: { '>=': [{ var: 'qualifying_hires' }, 5] }, staff: { '>=': [{ var: 'employees' }, 10] }, founded: { '<=': [{ var: 'founded_on' }, { date: '2020-01-01' }] } });
    const vs = both(catalog, [
      { qualifying_hires: 4, employees: 10, founded_on: '2019-01-01' },
      { qualifying_hires: 4, employees: 9, founded_on: '2019-01-01' },
      { qualifying_hires: 4, founded_on: '2019-01-01' },
      { qualifying_hires: 5, employees: 10, founded_on: '2021-01-01' },
      { qualifying_hires: 5, employees: 10, founded_on: '2019-01-01' },
    ]);
    // A failure beside an unknown criterion is ineligible, never a near miss.
    expect(vs.map((v) => v.status)).toEqual(['near_miss', 'ineligible', 'ineligible', 'ineligible', 'eligible']);
    expect(vs[2]!.gap).toBeUndefined();
    expect(vs[1]!.criteria.filter((c) => c.gap).map((c) => c.id)).toEqual(['hires', 'staff']);
    expect(vs[3]!.criteria.find((c) => c.id === 'founded')!.reason).toBeDefined();
  });
  it('counts the same on both evaluators over many rows of a time comparison (memoised searches included)', () => {
    const catalog = catalogWith({ months: { '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] }, staff: { '>=': [{ var: 'employees' }, 3] } });
    const rows = Array.from({ length: 120 }, (_, i) => ({ founded_on: `20${String(20 + (i % 5)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`, employees: i % 4 }));
    const vs = both(catalog, rows);
    expect(vs.some((v) => v.status === 'near_miss')).toBe(true);
    expect(vs.some((v) => v.status === 'ineligible')).toBe(true);
  });
  it('the demo catalogue: months of operation still to come on nn.equipment', () => {
    const catalog = demoCatalog();
    const base = { founded_on: '2022-01-15', size_class: 'micro', employees: 12, qualifying_hires: 3, revenue: 500000000, is_high_tech_enterprise: true, on_serious_violation_list: false, equipment_investment: 90000000, region: '450103' };
    const [v, w] = both(catalog, [{ ...base, founded_on: '2022-07-15' }, { ...base, qualifying_hires: 2 }], DATE, 'nn.equipment');
    expect(v!.status).toBe('near_miss');
    expect(v!.gap!.text.zh).toBe('还需 3 个月（2024-07-15 起满足）');
    expect(v!.amount).toBeNull();
    expect(w!.gap!.text).toEqual({ zh: '还差 1 人（新招用符合条件人员数）', en: '1 more person (Qualifying hires)' });
  });
});

describe('both evaluators decide near misses alike (fast-check)', () => {
  // Comparisons that time, the subject or nothing can close, and and/or over them.
  const num = fc.oneof(
    fc.constantFrom({ var: 'employees' }, { var: 'qualifying_hires' }, { var: 'founder_age' }, { var: 'rd_ratio' }),
    fc.record({ '*': fc.tuple(fc.constantFrom({ var: 'qualifying_hires' }, { var: 'employees' }), fc.constantFrom(100, -2, 0.5)) }),
    fc.record({ '+': fc.tuple(fc.constantFrom({ var: 'qualifying_hires' }, { var: 'founder_age' }), fc.constantFrom({ var: 'employees' }, 3)) }),
    fc.record({ months_between: fc.tuple(fc.constantFrom({ var: 'founded_on' }, { today: [] }), fc.constantFrom({ today: [] }, { var: 'founded_on' }, { date: '2023-01-01' }), fc.constantFrom('floor', 'ceil')) }),
    fc.record({ years_between: fc.tuple(fc.constant({ var: 'founded_on' }), fc.constant({ today: [] }), fc.constant('floor')) }),
  );
  const date = fc.oneof(
    fc.constantFrom({ var: 'founded_on' }, { today: [] }, { date: '2022-06-30' }),
    fc.record({ add_months: fc.tuple(fc.constantFrom({ var: 'founded_on' }, { today: [] }), fc.integer({ min: -60, max: 60 })) }),
  );
  const op = fc.constantFrom('<', '<=', '>', '>=', '==');
  const cmp = fc.oneof(
    fc.tuple(op, num, fc.integer({ min: -3, max: 40 })).map(([o, a, b]) => ({ [o]: [a, b] })),
    fc.tuple(op, date, date).map(([o, a, b]) => ({ [o]: [a, b] })),
  );
  const cond = fc.oneof(cmp, fc.record({ or: fc.array(cmp, { minLength: 2, maxLength: 3 }) }), fc.record({ and: fc.array(cmp, { minLength: 2, maxLength: 3 }) }), fc.record({ or: fc.tuple(fc.record({ and: fc.array(cmp, { minLength: 2, maxLength: 2 }) }), cmp) }));
  const row = fc.record({
    employees: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined, freq: 8 }),
    qualifying_hires: fc.integer({ min: 0, max: 10 }),
    founder_age: fc.integer({ min: 16, max: 60 }),
    rd_ratio: fc.double({ min: 0, max: 20, noNaN: true }),
    founded_on: fc.date({ min: new Date('2015-01-01'), max: new Date('2024-04-30'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  });
  it('on random near-miss-prone criteria and rows', () => {
    let nearMisses = 0;
    fc.assert(
      fc.property(fc.array(cond, { minLength: 1, maxLength: 2 }), fc.array(row, { minLength: 1, maxLength: 40 }), (rules, rows) => {
        const catalog = catalogWith(Object.fromEntries(rules.map((r, i) => [`c${i}`, r])));
        const facts = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
        const vs = both(catalog, facts);
        for (const v of vs) {
          if (v.status === 'near_miss') nearMisses++;
          for (const c of v.criteria) if (c.gap && c.reason) throw new Error('a criterion with both a gap and a reason');
        }
      }),
      { numRuns: 200 },
    );
    expect(nearMisses).toBeGreaterThan(100);
  });
});
