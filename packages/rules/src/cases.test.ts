import { describe, expect, it } from 'vitest';
import { runCases } from './cases.js';
import { compileCatalog } from './catalog.js';
import { RuleError } from './errors.js';
import { parseRuleFile } from './parser.js';
import { demoCatalog, fixture, variablesFile } from './test-support.js';
import type { CaseSpec } from './types.js';

describe('rule test cases are checked at load', () => {
  it('unknown items and variables, facts of the wrong type: errors with file and path', () => {
    const cases = parseRuleFile(
      JSON.stringify({
        cases: [
          { name: 'a', item: 'no.such', date: '2024-01-01', expect: { status: 'eligible' } },
          { name: 'b', item: 'nn.equipment', date: '2024-01-01', facts: { employees: 'ten', headcount: 3 }, expect: { status: 'eligible', missing: ['nope'] } },
        ],
      }),
      'bad.cases.yaml',
    );
    try {
      compileCatalog([variablesFile(), fixture('demo.yaml'), cases]);
      throw new Error('expected a load error');
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).problems.map((p) => `${p.file} ${p.path}`)).toEqual([
        'bad.cases.yaml /cases/0/item',
        'bad.cases.yaml /cases/1/facts/employees',
        'bad.cases.yaml /cases/1/facts/headcount',
        'bad.cases.yaml /cases/1/expect/missing',
      ]);
    }
  });
  it('requireCases names every item without a case', () => {
    expect(() => compileCatalog([variablesFile(), fixture('demo.yaml')], { requireCases: true })).toThrow(/item "nn.equipment" has no test case/);
    expect(() => compileCatalog([variablesFile(), fixture('demo.yaml'), fixture('demo.cases.yaml')], { requireCases: true })).not.toThrow();
  });
});

describe('rule test cases (FORMAT.md §6)', () => {
  const catalog = demoCatalog();
  it('runs every fixture case on both evaluators', () => {
    const cases = fixture('demo.cases.yaml').cases ?? [];
    const results = runCases(catalog, cases);
    expect(results).toHaveLength(cases.length * 2);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
  it('reports a wrong expectation with a diff, on both evaluators', () => {
    const wrong: CaseSpec = {
      name: 'wrong',
      item: 'nn.new-product-subsidy',
      date: '2017-03-01',
      facts: { new_products_certified: 2, region: '450103' },
      expect: { status: 'eligible', amount: 1 },
    };
    const results = runCases(catalog, [wrong, { ...wrong, expect: { status: 'unknown', missing: ['region'] } }]);
    expect(results.map((r) => r.passed)).toEqual([false, false, false, false]);
    expect(results[0]!.diff).toEqual(['amount: expected 1, got 4000000']);
    expect(results[1]!.diff).toEqual(['amount: expected 1, got 4000000']);
    expect(results[2]!.diff).toEqual(['status: expected unknown, got eligible', 'missing: expected [region], got []']);
    expect(results[3]!.diff).toEqual(['status: expected unknown, got eligible']);
  });
  it('an evaluation error is a failed case, not a crash', () => {
    const r = runCases(catalog, [{ name: 'bad', item: 'nn.equipment', date: '2024-01-01', facts: { employees: 'many' }, expect: { status: 'eligible' } }]);
    expect(r[0]!.passed).toBe(false);
    expect(r[0]!.diff[0]).toMatch(/error: .*employees/);
  });
});
