import { describe, expect, it } from 'vitest';
import { compilePopulation } from './compiler.js';
import { evaluateItem } from './evaluate.js';
import { populationFromInputs, toDictionaryColumn } from './population.js';
import { catalogWith } from './test-support.js';
import type { CriterionStatus, EvaluationInput } from './types.js';

const DATE = '2024-05-01';
const facts = { employees: 7, revenue: 250, rd_ratio: 2.5, size_class: 'small', region: '450103', founded_on: '2020-02-29', is_high_tech_enterprise: true };

// Each operator of the rule language, in a criterion, with the expected status on `facts`;
// checked on the interpreter and on the population compiler (plain and dictionary columns).
const table: [string, unknown, CriterionStatus][] = [
  ['==', { '==': [{ var: 'employees' }, 7] }, 'pass'],
  ['!=', { '!=': [{ var: 'size_class' }, 'micro'] }, 'pass'],
  ['=== on dates', { '===': [{ var: 'founded_on' }, { date: '2020-02-29' }] }, 'pass'],
  ['!==', { '!==': [{ var: 'is_high_tech_enterprise' }, true] }, 'fail'],
  ['<', { '<': [{ var: 'employees' }, 7] }, 'fail'],
  ['<= between', { '<=': [5, { var: 'employees' }, 7] }, 'pass'],
  ['> strings', { '>': [{ var: 'size_class' }, 'medium'] }, 'pass'],
  ['>=', { '>=': [{ var: 'rd_ratio' }, 2.5] }, 'pass'],
  ['!', { '!': [{ var: 'is_high_tech_enterprise' }] }, 'fail'],
  ['!! number', { '!!': [{ '-': [{ var: 'employees' }, 7] }] }, 'fail'],
  ['and', { and: [true, { var: 'is_high_tech_enterprise' }] }, 'pass'],
  ['or', { or: [false, { '<': [{ var: 'employees' }, 3] }] }, 'fail'],
  ['if', { if: [{ var: 'is_high_tech_enterprise' }, { '>': [{ var: 'employees' }, 5] }, false] }, 'pass'],
  ['+ - * /', { '==': [{ '/': [{ '*': [{ '-': [{ '+': [{ var: 'employees' }, 3] }, 2] }, 4] }, 8] }, 4] }, 'pass'],
  ['%', { '==': [{ '%': [{ var: 'employees' }, 4] }, 3] }, 'pass'],
  ['min max', { '==': [{ '+': [{ min: [{ var: 'employees' }, 3, 9] }, { max: [1, { var: 'employees' }] }] }, 10] }, 'pass'],
  ['in list', { in: [{ var: 'size_class' }, ['small', 'micro']] }, 'pass'],
  ['in substring', { in: ['0103', { var: 'region' }] }, 'pass'],
  ['cat', { '==': [{ cat: [{ var: 'size_class' }, '-', 1] }, 'small-1'] }, 'pass'],
  ['missing', { '!': [{ '!!': [{ missing: ['employees', 'revenue'] }] }] }, 'pass'],
  ['missing_some', { '!!': [{ missing_some: [2, ['employees', 'equipment_investment', 'qualifying_hires']] }] }, 'pass'],
  ['months_between ceil', { '==': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'ceil'] }, 51] }, 'pass'],
  ['years_between', { '==': [{ years_between: [{ var: 'founded_on' }, { date: '2021-02-28' }, 'floor'] }, 1] }, 'pass'],
  ['days_between', { '==': [{ days_between: [{ date: '2024-04-01' }, { today: [] }] }, 30] }, 'pass'],
  ['within_years', { within_years: [{ var: 'founded_on' }, 4] }, 'fail'],
  ['add_months', { '==': [{ add_months: [{ var: 'founded_on' }, 12] }, { date: '2021-02-28' }] }, 'pass'],
  ['in_region', { in_region: [{ var: 'region' }, '450100'] }, 'pass'],
  ['round yuan', { '==': [{ round: [{ var: 'revenue' }, 'yuan'] }, 300] }, 'pass'],
  ['received', { '==': [{ received: ['t.item', 'ever'] }, 0] }, 'pass'],
  ['unknown input', { '>': [{ var: 'qualifying_hires' }, 1] }, 'unknown'],
];

describe('rule-language operators on both evaluators', () => {
  it.each(table)('%s', (_name, rule, expected) => {
    const catalog = catalogWith({ c: rule });
    const input: EvaluationInput = { date: DATE, facts };
    const v = evaluateItem(catalog, 't.item', input);
    expect(v.criteria[0]!.status).toBe(expected);
    const plain = populationFromInputs(catalog, [input]);
    const dict = { ...plain, columns: { ...plain.columns, size_class: toDictionaryColumn(plain.columns.size_class as (string | null)[]), region: toDictionaryColumn(plain.columns.region as (string | null)[]) } };
    for (const pop of [plain, dict]) {
      const r = compilePopulation(catalog).evaluate(pop, DATE).items[0]!;
      const status: CriterionStatus = r.eligible ? 'pass' : r.unknown ? 'unknown' : 'fail';
      expect(status).toBe(expected);
    }
  });
});
