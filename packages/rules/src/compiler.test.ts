import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatDate, parseDate } from './calendar.js';
import type { Catalog } from './catalog.js';
import { compilePopulation } from './compiler.js';
import { RuleError } from './errors.js';
import { evaluateItem } from './evaluate.js';
import { populationFromInputs, toDictionaryColumn } from './population.js';
import { catalogWith, demoCatalog } from './test-support.js';
import type { EvaluationInput, Verdict } from './types.js';

const DATE = '2024-05-01';

// Random well-typed rules over the fixture variables.
const num = (v: string): { var: string } => ({ var: v });
const { expr: arb } = fc.letrec<{ num: unknown; date: unknown; bool: unknown; expr: unknown }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.integer({ min: -2, max: 12 }), weight: 6 },
    { arbitrary: fc.constantFrom(num('employees'), num('qualifying_hires'), num('new_products_certified'), num('rd_ratio')), weight: 6 },
    fc.record({ months_between: fc.tuple(tie('date'), tie('date'), fc.constantFrom('floor', 'ceil')) }),
    fc.record({ years_between: fc.tuple(tie('date'), tie('date'), fc.constantFrom('floor', 'ceil')) }),
    fc.record({ days_between: fc.tuple(tie('date'), tie('date')) }),
    fc.record({ '+': fc.array(tie('num'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ '-': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '*': fc.tuple(tie('num'), tie('num')) }),
    // Divisions are rare and mostly by a non-zero constant: a division by zero in any row makes
    // the whole run an error case, which checks less.
    fc.record({ '/': fc.tuple(tie('num'), fc.oneof({ arbitrary: fc.constantFrom(2, 3, -4), weight: 4 }, { arbitrary: tie('num'), weight: 1 })) }),
    fc.record({ '%': fc.tuple(tie('num'), fc.constantFrom(2, 3, 5)) }),
    fc.record({ min: fc.array(tie('num'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ max: fc.array(tie('num'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ if: fc.tuple(tie('bool'), tie('num'), tie('num')) }),
    fc.record({ round: fc.tuple(tie('num'), fc.constantFrom('fen', 'yuan')) }),
    fc.record({ received: fc.constant(['t.item', 'year']) }),
  ),
  date: fc.oneof(
    { depthSize: 'small' },
    fc.constant({ var: 'founded_on' }),
    fc.constant({ today: [] }),
    fc.date({ min: new Date('2015-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => ({ date: d.toISOString().slice(0, 10) })),
    fc.record({ add_months: fc.tuple(tie('date'), fc.integer({ min: -30, max: 30 })) }),
  ),
  bool: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom({ var: 'is_high_tech_enterprise' }, { var: 'on_serious_violation_list' }),
    fc.record({ '>=': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '<': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '>': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '<=': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '==': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '!=': fc.tuple(tie('num'), tie('num')) }),
    fc.record({ '<=': fc.tuple(tie('num'), tie('num'), tie('num')) }),
    fc.record({ '>': fc.tuple(tie('date'), tie('date')) }),
    fc.record({ and: fc.array(tie('bool'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie('bool'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ '!': fc.tuple(tie('bool')) }),
    fc.record({ '!!': fc.tuple(tie('num')) }),
    fc.record({ '==': fc.tuple(tie('bool'), tie('bool')) }),
    fc.record({ in: fc.tuple(fc.constant({ var: 'size_class' }), fc.subarray(['large', 'medium', 'small', 'micro'])) }),
    fc.record({ '==': fc.tuple(fc.constant({ var: 'size_class' }), fc.constantFrom('small', 'micro')) }),
    fc.record({ '!=': fc.tuple(fc.constant({ var: 'region' }), fc.constantFrom('450103', '460100')) }),
    fc.record({ '<': fc.tuple(fc.constant({ var: 'size_class' }), fc.constantFrom('medium', 'small')) }),
    fc.record({ '!!': fc.tuple(fc.record({ missing: fc.subarray(['employees', 'region', 'founded_on'], { minLength: 1 }) })) }),
    fc.record({ '!': fc.tuple(fc.record({ '!!': fc.tuple(fc.record({ missing_some: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.constant(['employees', 'region', 'size_class'])) })) })) }),
    fc.record({ in: fc.tuple(fc.constant('45'), fc.constant({ var: 'region' })) }),
    fc.record({ in_region: fc.tuple(fc.constant({ var: 'region' }), fc.constantFrom('450000', '450100', '460100')) }),
    fc.record({ within_years: fc.tuple(tie('date'), fc.integer({ min: 0, max: 6 })) }),
    fc.record({ if: fc.tuple(tie('bool'), tie('bool'), tie('bool')) }),
  ),
  expr: tie('bool'),
}));
const numArb = fc.letrec(() => ({ n: fc.constant(0) })).n;
void numArb;

const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 4 });
const inputArb: fc.Arbitrary<EvaluationInput> = fc
  .record({
    founded_on: maybe(fc.date({ min: new Date('2012-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    employees: maybe(fc.integer({ min: 0, max: 12 })),
    qualifying_hires: maybe(fc.integer({ min: 0, max: 5 })),
    new_products_certified: maybe(fc.integer({ min: 0, max: 3 })),
    rd_ratio: maybe(fc.double({ min: 0, max: 20, noNaN: true })),
    is_high_tech_enterprise: maybe(fc.boolean()),
    on_serious_violation_list: maybe(fc.boolean()),
    size_class: maybe(fc.constantFrom('large', 'medium', 'small', 'micro')),
    region: maybe(fc.constantFrom('450103', '450201', '460100')),
    received: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  })
  .map(({ received, ...facts }) => ({
    date: DATE,
    facts: Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)),
    history: received === undefined ? [] : [{ item: 't.item', date: '2024-02-01', amount: received }],
  }));

function interpret(catalog: Catalog, inputs: readonly EvaluationInput[]): Verdict[] | RuleError {
  try {
    return inputs.map((i) => evaluateItem(catalog, 't.item', i));
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
}

describe('interpreter and compiler agree', () => {
  it('on random rules and random data (fast-check)', () => {
    let compared = 0;
    let errors = 0;
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 4 }), fc.option(fc.constantFrom<unknown>({ '*': [{ var: 'employees' }, 150.5] }, { '+': [{ var: 'qualifying_hires' }, 7] }), { nil: undefined }), fc.array(inputArb, { minLength: 1, maxLength: 70 }), fc.boolean(), (rules, formula, inputs, dictionary) => {
        const criteria = Object.fromEntries(rules.map((r, i) => [`c${i}`, r]));
        const catalog = catalogWith(criteria, formula ? { amount: { formula }, caps: [{ per: 'subject_year', amount: 900 }] } : {});
        const verdicts = interpret(catalog, inputs);
        // Half the runs give the string columns dictionary-encoded, the other half as plain arrays.
        const plain = populationFromInputs(catalog, inputs);
        const pop = dictionary
          ? { ...plain, columns: { ...plain.columns, size_class: toDictionaryColumn(plain.columns.size_class as (string | null)[]), region: toDictionaryColumn(plain.columns.region as (string | null)[]) } }
          : plain;
        const run = (): ReturnType<ReturnType<typeof compilePopulation>['evaluate']> => compilePopulation(catalog).evaluate(pop, DATE, { collectEligible: true });
        if (verdicts instanceof RuleError) {
          errors++;
          expect(run).toThrow(RuleError);
          return;
        }
        compared++;
        const r = run().items[0]!;
        const idx = verdicts.flatMap((v, i) => (v.status === 'eligible' ? [i] : []));
        expect(r.eligibleRows).toEqual(idx);
        expect(r.unknown).toBe(verdicts.filter((v) => v.status === 'unknown').length);
        expect(r.nearMissTotal).toBe(verdicts.filter((v) => v.status === 'near_miss').length);
        for (const [id, n] of Object.entries(r.nearMiss)) expect(n).toBe(verdicts.filter((v) => v.status === 'near_miss' && v.criteria.find((c) => c.status === 'fail')?.id === id).length);
        const eligible = verdicts.filter((v) => v.status === 'eligible');
        expect(r.amountFen).toBe(eligible.reduce((s, v) => s + (v.amount?.fen ?? 0), 0));
        expect(r.amountUnknown).toBe(eligible.filter((v) => v.amount?.status === 'unknown').length);
      }),
      { numRuns: 300 },
    );
    // The property is only as strong as the share of runs that compare results.
    expect(compared).toBeGreaterThan(errors * 3);
  });

  it('tallies each group of rows as the interpreter counts that group (fast-check)', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.array(fc.tuple(inputArb, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 90 }), (rules, withAmount, rows) => {
        const criteria = Object.fromEntries(rules.map((r, i) => [`c${i}`, r]));
        const catalog = catalogWith(criteria, withAmount ? { amount: { formula: { '*': [{ var: 'employees' }, 150.5] } }, caps: [{ per: 'subject_year', amount: 900 }] } : {});
        const inputs = rows.map(([input]) => input);
        const groupOf = Int32Array.from(rows, ([, g]) => g);
        const verdicts = interpret(catalog, inputs);
        if (verdicts instanceof RuleError) return;
        compared++;
        const r = compilePopulation(catalog).evaluate(populationFromInputs(catalog, inputs), DATE, { groups: 3, groupOf }).items[0]!;
        expect(r.groups).toHaveLength(3);
        for (let g = 0; g < 3; g++) {
          const mine = verdicts.filter((_, i) => groupOf[i] === g);
          const got = r.groups![g]!;
          const eligible = mine.filter((v) => v.status === 'eligible');
          expect(got.eligible).toBe(eligible.length);
          expect(got.unknown).toBe(mine.filter((v) => v.status === 'unknown').length);
          expect(got.ineligible).toBe(mine.filter((v) => v.status === 'ineligible' || v.status === 'near_miss').length);
          expect(got.nearMissTotal).toBe(mine.filter((v) => v.status === 'near_miss').length);
          for (const [id, n] of Object.entries(got.nearMiss)) expect(n).toBe(mine.filter((v) => v.status === 'near_miss' && v.criteria.find((c) => c.status === 'fail')?.id === id).length);
          expect(got.amountFen).toBe(eligible.reduce((sum, v) => sum + (v.amount?.fen ?? 0), 0));
          expect(got.amountUnknown).toBe(eligible.filter((v) => v.amount?.status === 'unknown').length);
        }
        // The groups sum to the whole.
        expect(r.groups!.reduce((n, g) => n + g.eligible + g.unknown + g.ineligible, 0)).toBe(rows.length);
        expect(r.groups!.reduce((n, g) => n + g.amountFen, 0)).toBe(r.amountFen);
      }),
      { numRuns: 200 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('refuses groups that do not cover the rows or fall outside the count', () => {
    const catalog = catalogWith({ c0: { '>=': [{ var: 'employees' }, 1] } });
    const pop = populationFromInputs(catalog, [{ date: DATE, facts: { employees: 2 } }, { date: DATE, facts: { employees: 0 } }]);
    const ev = compilePopulation(catalog);
    expect(() => ev.evaluate(pop, DATE, { groups: 2, groupOf: Int32Array.from([0]) })).toThrow(/each row needs its group/);
    expect(() => ev.evaluate(pop, DATE, { groups: 2, groupOf: Int32Array.from([0, 2]) })).toThrow(/from 0 to 1/);
    expect(ev.evaluate(pop, DATE, { groups: 2, groupOf: Int32Array.from([1, 0]) }).items[0]!.groups!.map((g) => g.eligible)).toEqual([0, 1]);
  });
});

describe('month and year thresholds (compiled as one date comparison)', () => {
  it('agree with the interpreter for every operator, rounding and boundary', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('months_between', 'years_between'),
        fc.constantFrom('floor', 'ceil'),
        fc.constantFrom('<', '<=', '>', '>=', '==', '==='),
        fc.oneof(fc.integer({ min: -3, max: 60 }), fc.double({ min: -2, max: 30, noNaN: true })),
        fc.option(fc.integer({ min: 17000, max: 20500 }), { nil: undefined }),
        fc.array(fc.oneof(fc.tuple(fc.integer({ min: -2, max: 65 }), fc.integer({ min: -2, max: 2 })), fc.tuple(fc.constant(NaN), fc.integer({ min: 14000, max: 20500 }))), { minLength: 1, maxLength: 60 }),
        (op, rounding, cmp, n, endDay, starts) => {
          const end = endDay === undefined ? { today: [] } : { date: formatDate(endDay) };
          const endAt = endDay ?? parseDate(DATE)!;
          const catalog = catalogWith({ c: { [cmp]: [{ [op]: [{ var: 'founded_on' }, end, rounding] }, n] } });
          // Start dates a whole number of months (or years) before the end, give or take two days,
          // so that the boundary days are hit; and some anywhere.
          const unit = op === 'months_between' ? 1 : 12;
          const inputs = starts.map(([k, delta]) => ({
            date: DATE,
            facts: { founded_on: formatDate(Number.isNaN(k) ? delta : addMonths(endAt, -k * unit) + delta) },
          }));
          const expected = inputs.flatMap((i, k) => (evaluateItem(catalog, 't.item', i).status === 'eligible' ? [k] : []));
          const r = compilePopulation(catalog).evaluate(populationFromInputs(catalog, inputs), DATE, { collectEligible: true }).items[0]!;
          expect(r.eligibleRows).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
  it('is exact at the boundary day', () => {
    const catalog = catalogWith({ c: { '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] } });
    const inputs = ['2022-05-01', '2022-05-02', '2022-04-30'].map((d) => ({ date: DATE, facts: { founded_on: d } }));
    const r = compilePopulation(catalog).evaluate(populationFromInputs(catalog, inputs), DATE, { collectEligible: true }).items[0]!;
    expect(r.eligibleRows).toEqual([0, 2]);
  });
});

describe('population evaluator', () => {
  const catalog = demoCatalog();
  const inputs: EvaluationInput[] = [
    { date: DATE, facts: { founded_on: '2022-01-15', size_class: 'micro', employees: 12, qualifying_hires: 3, revenue: 500000000, is_high_tech_enterprise: true, on_serious_violation_list: false, equipment_investment: 90000000, region: '450103' } },
    { date: DATE, facts: { founded_on: '2022-07-15', size_class: 'micro', employees: 12, qualifying_hires: 3, revenue: 500000000, is_high_tech_enterprise: true, on_serious_violation_list: false, equipment_investment: 90000000, region: '450103' } },
    { date: DATE, facts: { region: '450103' } },
  ];
  it('counts eligible, unknown, near misses per criterion and totals amounts', () => {
    const r = compilePopulation(catalog, ['nn.equipment']).evaluate(populationFromInputs(catalog, inputs), DATE, { collectEligible: true });
    expect(r.items[0]).toMatchObject({ item: 'nn.equipment', eligible: 1, unknown: 1, ineligible: 1, nearMissTotal: 1, amountFen: 55000000, eligibleRows: [0] });
    expect(r.items[0]!.nearMiss.operating_two_years).toBe(1);
  });
  it('gives the same result in chunks, with row indices offset across chunks', () => {
    const ev = compilePopulation(catalog);
    const whole = ev.evaluate(populationFromInputs(catalog, [...inputs, ...inputs]), DATE, { collectEligible: true });
    const run = ev.start(DATE, { collectEligible: true });
    run.add(populationFromInputs(catalog, inputs));
    run.add(populationFromInputs(catalog, inputs));
    expect(run.finish()).toEqual(whole);
    expect(whole.items.find((i) => i.item === 'nn.equipment')!.eligibleRows).toEqual([0, 3]);
  });
  it('a division by zero is an error naming the row, not a silent unknown; an untaken branch is fine', () => {
    const c = catalogWith({ c: { '>': [{ '/': [10, { var: 'employees' }] }, 1] } });
    const pop = populationFromInputs(c, [{ date: DATE, facts: { employees: 5 } }, { date: DATE, facts: { employees: 0 } }]);
    expect(() => compilePopulation(c).evaluate(pop, DATE)).toThrow(/row 1: division by zero/);
    const guarded = catalogWith({ c: { '>': [{ if: [{ '>': [{ var: 'employees' }, 0] }, { '/': [10, { var: 'employees' }] }, 0] }, 1] } });
    expect(compilePopulation(guarded).evaluate(populationFromInputs(guarded, [{ date: DATE, facts: { employees: 0 } }]), DATE).items[0]!.ineligible).toBe(1);
  });
  it('rejects cells of the wrong type, naming variable, row and value', () => {
    const c = demoCatalog();
    const employees = new Float64Array([3, 2.5]);
    expect(() => compilePopulation(c).evaluate({ size: 2, columns: { employees } }, DATE)).toThrow(/columns\/employees\/1.*expects an integer.*2\.5/);
    expect(() => compilePopulation(c).evaluate({ size: 2, columns: { size_class: ['small', 'huge'] } }, DATE)).toThrow(/columns\/size_class\/1.*"huge"/);
    expect(() => compilePopulation(c).evaluate({ size: 1, columns: { region: toDictionaryColumn(['Nanning']) } }, DATE)).toThrow(/region/);
  });
  it('rejects a column of the wrong type', () => {
    expect(() => compilePopulation(catalog).evaluate({ size: 1, columns: { employees: new Uint8Array(1) } }, DATE)).toThrow(/must be a Float64Array/);
  });
});

describe('an item outside its effective period', () => {
  // The parameter only exists from the day the document took effect, as in the catalogue.
  const catalog = catalogWith(
    { invests: { '>': [{ var: 'equipment_investment' }, { param: 't_floor' }] } },
    { effective: { from: '2016-06-13', to: '2020-12-31' }, amount: { formula: { var: 'equipment_investment' } } },
    { t_floor: { unit: 'fen', label: { zh: '门槛', en: 'Floor' }, values: [{ from: '2016-06-13', value: 100, reference: { source: 't', clause: '1' } }] } },
  );
  const facts = { equipment_investment: 5000 };

  it('is ineligible before it starts and after it ends, on both evaluators, without reading its parameters', () => {
    for (const date of ['2016-06-12', '2021-01-01']) {
      const v = evaluateItem(catalog, 't.item', { date, facts });
      expect(v.status).toBe('ineligible');
      expect(v.criteria.map((c) => `${c.id}:${c.status}`)).toEqual(['in_effect:fail']);
      expect(v.amount).toBeNull();
      const r = compilePopulation(catalog).evaluate(populationFromInputs(catalog, [{ date, facts }, { date, facts: {} }]), date).items[0]!;
      expect(r.eligible).toBe(0);
      expect(r.unknown).toBe(0);
      expect(r.ineligible).toBe(2);
      expect(r.amountFen).toBe(0);
    }
  });

  it('is evaluated normally on its first and last day', () => {
    for (const date of ['2016-06-13', '2020-12-31']) {
      expect(evaluateItem(catalog, 't.item', { date, facts }).status).toBe('eligible');
      expect(compilePopulation(catalog).evaluate(populationFromInputs(catalog, [{ date, facts }]), date).items[0]!.eligible).toBe(1);
    }
  });
});
