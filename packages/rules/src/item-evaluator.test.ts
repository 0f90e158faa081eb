import { describe, expect, it } from 'vitest';
import { compileCatalog } from './catalog.js';
import { evaluateAll, evaluateItem, itemEvaluator } from './evaluate.js';
import { parseRuleFile } from './parser.js';
import { demoCatalog, variablesFile } from './test-support.js';

const item = (id: string, rule: unknown): Record<string, unknown> => ({
  id,
  title: { zh: id, en: id },
  entity: 'enterprise',
  benefit: 'subsidy',
  mode: 'apply',
  effective: { from: '2000-01-01' },
  criteria: [{ id: 'c', label: { zh: '条件', en: 'Criterion' }, rule }],
});

/** `t.b` reads revenue; `t.a` reads it only on one branch of an `if`: a memo shared between them shows in `t.a`'s values. */
const catalog = compileCatalog([
  variablesFile(),
  parseRuleFile(
    JSON.stringify({
      items: [
        item('t.b', { '>=': [{ var: 'revenue' }, 100] }),
        item('t.a', { if: [{ var: 'is_high_tech_enterprise' }, { '>=': [{ var: 'employees' }, 5] }, { '>=': [{ var: 'revenue' }, 100] }] }),
        item('t.c', { '>=': [{ '/': [{ var: 'revenue' }, { var: 'employees' }] }, 1] }),
      ],
    }),
    't.yaml',
  ),
]);

describe('itemEvaluator', () => {
  it('evaluates each item as evaluateItem does, whatever was evaluated before it', () => {
    const input = { date: '2024-05-01', facts: { revenue: 500, employees: 7, is_high_tech_enterprise: true } };
    const evaluate = itemEvaluator(catalog, input);
    for (const id of ['t.b', 't.a', 't.c', 't.a', 't.b']) expect(evaluate(id)).toEqual(evaluateItem(catalog, id, input));
    // The same order through one shared memo (evaluateAll) does show revenue in t.a's values: the test can tell.
    const shared = evaluateAll(catalog, input).find((v) => v.item === 't.a')!;
    expect(shared.criteria[0]!.values).toHaveProperty('revenue');
    expect(evaluateItem(catalog, 't.a', input).criteria[0]!.values).not.toHaveProperty('revenue');
  });

  it('after an item that fails to evaluate, the next ones are still evaluated afresh', () => {
    const input = { date: '2024-05-01', facts: { revenue: 500, employees: 0, is_high_tech_enterprise: false } };
    const evaluate = itemEvaluator(catalog, input);
    expect(() => evaluate('t.c')).toThrow();
    expect(() => evaluateItem(catalog, 't.c', input)).toThrow();
    expect(evaluate('t.a')).toEqual(evaluateItem(catalog, 't.a', input));
    expect(() => evaluate('t.nope')).toThrow(/unknown item/);
  });

  it('gives the demo catalogue the verdicts of evaluateItem for several profiles, in catalogue and reverse order', () => {
    const demo = demoCatalog();
    const ids = [...demo.items.keys()];
    const profiles = [
      { founded_on: '2021-03-04', size_class: 'small', employees: 23, qualifying_hires: 3, revenue: 380000000, is_high_tech_enterprise: true, on_serious_violation_list: false, equipment_investment: 12000000, region: '450103' },
      { founded_on: '2010-01-01', employees: 2 },
      {},
    ];
    for (const facts of profiles) {
      const input = { date: '2024-05-01', facts };
      const evaluate = itemEvaluator(demo, input);
      for (const id of [...ids, ...[...ids].reverse()]) expect(evaluate(id)).toEqual(evaluateItem(demo, id, input));
    }
  });
});
