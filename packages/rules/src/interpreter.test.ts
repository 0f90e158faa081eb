import { describe, expect, it } from 'vitest';
import { RuleError } from './errors.js';
import { evaluateItem } from './evaluate.js';
import { catalogWith } from './test-support.js';
import type { Catalog } from './catalog.js';
import type { CriterionStatus, EvaluationInput } from './types.js';

const DATE = '2024-05-01';
function status(catalog: Catalog, facts: Record<string, unknown>, extra: Partial<EvaluationInput> = {}): CriterionStatus {
  return evaluateItem(catalog, 't.item', { date: DATE, facts, ...extra }).criteria[0]!.status;
}
const one = (rule: unknown): Catalog => catalogWith({ c: rule });

describe('Seedbed operators', () => {
  it('months_between / years_between / days_between', () => {
    const m = one({ '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] });
    expect(status(m, { founded_on: '2022-05-01' })).toBe('pass');
    expect(status(m, { founded_on: '2022-05-02' })).toBe('fail');
    const y = one({ '==': [{ years_between: [{ var: 'founded_on' }, { today: [] }, 'ceil'] }, 3] });
    expect(status(y, { founded_on: '2021-05-02' })).toBe('pass');
    const dd = one({ '==': [{ days_between: [{ var: 'founded_on' }, { today: [] }] }, 1] });
    expect(status(dd, { founded_on: '2024-04-30' })).toBe('pass');
  });
  it('within_years is inclusive at both ends', () => {
    const w = one({ within_years: [{ var: 'founded_on' }, 3] });
    expect(status(w, { founded_on: '2021-05-01' })).toBe('pass');
    expect(status(w, { founded_on: '2021-04-30' })).toBe('fail');
    expect(status(w, { founded_on: '2024-05-02' })).toBe('fail');
  });
  it('add_months and date literals', () => {
    const a = one({ '<=': [{ add_months: [{ var: 'founded_on' }, 1] }, { date: '2024-02-29' }] });
    expect(status(a, { founded_on: '2024-01-31' })).toBe('pass');
    expect(status(a, { founded_on: '2024-02-01' })).toBe('fail');
  });
  it('in_region tests subtree membership', () => {
    const r = one({ in_region: [{ var: 'region' }, '450100'] });
    expect(status(r, { region: '450102' })).toBe('pass');
    expect(status(r, { region: '450201' })).toBe('fail');
    const p = one({ in_region: [{ var: 'region' }, '450000'] });
    expect(status(p, { region: '450201' })).toBe('pass');
  });
  it('received sums this year or ever, up to the evaluation date', () => {
    const c = catalogWith({ c: { '<': [{ received: ['t.item', 'year'] }, 100] }, d: { '<': [{ received: ['t.item', 'ever'] }, 100] } });
    const history = [
      { item: 't.item', date: '2023-12-31', amount: 80 },
      { item: 't.item', date: '2024-01-01', amount: 50 },
      { item: 't.item', date: '2024-06-01', amount: 1000 },
    ];
    const v = evaluateItem(c, 't.item', { date: DATE, facts: {}, history });
    expect(v.criteria.map((x) => x.status).slice(0, 2)).toEqual(['pass', 'fail']);
  });
  it('round half up to fen and to yuan', () => {
    const f = one({ '==': [{ round: [{ '*': [{ var: 'employees' }, 0.5] }, 'fen'] }, 2] });
    expect(status(f, { employees: 3 })).toBe('pass');
    const y = one({ '==': [{ round: [{ var: 'revenue' }, 'yuan'] }, 200] });
    expect(status(y, { revenue: 150 })).toBe('pass');
    expect(status(y, { revenue: 149 })).toBe('fail');
  });
  it('parameters take the value in force on the evaluation date; none in force is an error', () => {
    const params = {
      threshold: {
        label: { zh: '门槛', en: 'Threshold' },
        values: [
          { from: '2020-01-01', value: 10, reference: { source: 'a.txt', clause: '一' } },
          { from: '2024-01-01', value: 20, reference: { source: 'b.txt', clause: '二' } },
        ],
      },
    };
    const c = catalogWith({ c: { '>=': [{ var: 'employees' }, { param: 'threshold' }] } }, {}, params);
    expect(status(c, { employees: 15 }, { date: '2023-12-31' })).toBe('pass');
    expect(status(c, { employees: 15 }, { date: '2024-01-01' })).toBe('fail');
    expect(() => status(c, { employees: 15 }, { date: '2019-12-31' })).toThrow(/parameter "threshold" has no value in force on 2019-12-31/);
  });
});

describe('three-valued logic', () => {
  const and = catalogWith({ c: { and: [{ var: 'is_high_tech_enterprise' }, { '>': [{ var: 'employees' }, 5] }] } });
  const or = catalogWith({ c: { or: [{ var: 'is_high_tech_enterprise' }, { '>': [{ var: 'employees' }, 5] }] } });
  it('and: false wins over unknown; true and unknown is unknown', () => {
    expect(status(and, { is_high_tech_enterprise: false })).toBe('fail');
    expect(status(and, { is_high_tech_enterprise: true })).toBe('unknown');
    expect(status(and, { is_high_tech_enterprise: true, employees: 6 })).toBe('pass');
  });
  it('or: true wins over unknown; false or unknown is unknown', () => {
    expect(status(or, { is_high_tech_enterprise: true })).toBe('pass');
    expect(status(or, { is_high_tech_enterprise: false })).toBe('unknown');
  });
  it('not of unknown is unknown; missing is never zero', () => {
    expect(status(one({ '!': [{ var: 'on_serious_violation_list' }] }), {})).toBe('unknown');
    const v = evaluateItem(one({ '<': [{ var: 'employees' }, 5] }), 't.item', { date: DATE, facts: {} });
    expect(v.status).toBe('unknown');
    expect(v.missing).toEqual(['employees']);
  });
  it('if with an unknown condition is unknown; a known one picks its branch', () => {
    const c = one({ '>': [{ if: [{ var: 'is_high_tech_enterprise' }, { var: 'employees' }, 100] }, 10] });
    expect(status(c, { employees: 50 })).toBe('unknown');
    expect(status(c, { is_high_tech_enterprise: false })).toBe('pass');
    expect(evaluateItem(c, 't.item', { date: DATE, facts: { is_high_tech_enterprise: true } }).missing).toEqual(['employees']);
  });
});

describe('bad input is an error, never a silent false', () => {
  const c = one({ '>': [{ var: 'employees' }, 5] });
  it('an input of the wrong type names the variable and value', () => {
    expect(() => status(c, { employees: '12' })).toThrow(RuleError);
    expect(() => status(c, { employees: 1.5 })).toThrow(/variable "employees" expects an integer.*1\.5/);
    expect(() => status(c, { founded_on: '2024-02-30' })).toThrow(/founded_on.*date/);
    expect(() => status(c, { size_class: 'huge' })).toThrow(/one of large, medium, small, micro/);
  });
  it('an unknown variable in the input is an error', () => {
    expect(() => status(c, { headcount: 3 })).toThrow(/unknown variable "headcount"/);
  });
  it('division by zero names the item and the path', () => {
    const d = one({ '>': [{ '/': [{ var: 'revenue' }, { var: 'employees' }] }, 5] });
    try {
      status(d, { revenue: 100, employees: 0 });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).problem).toMatchObject({ item: 't.item', criterion: 'c', path: '/items/0/criteria/0/rule/>/0' });
    }
    expect(status(d, { revenue: 100 })).toBe('unknown');
  });
});
