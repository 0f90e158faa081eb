import { describe, expect, it } from 'vitest';
import { compileCatalog, type Catalog } from './catalog.js';
import { evaluateAll, evaluateItem, evaluateWithEnv, itemEvaluator } from './evaluate.js';
import { makeEnv } from './interpreter.js';
import { parseRuleFile } from './parser.js';
import { demoCatalog, variablesFile } from './test-support.js';
import type { EvaluationInput } from './types.js';

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

describe('evaluateAll: what criteria with the same rule share', () => {
  // x1 and x3 have one rule whose untaken branch counts months; x2 and x4 have that comparison itself.
  const ratio = { '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] };
  const branch = { if: [{ var: 'is_high_tech_enterprise' }, { '>=': [{ var: 'employees' }, 5] }, ratio] };
  const shared = compileCatalog([variablesFile(), parseRuleFile(JSON.stringify({ items: [item('x1', branch), item('x2', ratio), item('x3', branch), item('x4', ratio)] }), 'x.yaml')]);

  /** The same items in the same order through one memo, each explained afresh (nothing shared but the memo). */
  function afresh(catalog: Catalog, input: EvaluationInput) {
    const env = makeEnv(catalog, input);
    return [...catalog.items.values()].map((it) => evaluateWithEnv(catalog, it, env));
  }

  it('gives the verdicts of items explained one by one, for the demo catalogue and for rules reached late', () => {
    const demo = demoCatalog();
    for (const facts of [
      { founded_on: '2021-03-04', size_class: 'small', employees: 23, qualifying_hires: 3, revenue: 380000000, is_high_tech_enterprise: true, on_serious_violation_list: false, equipment_investment: 12000000, region: '450103' },
      { founded_on: '2010-01-01', employees: 2, revenue: 5 },
      { founded_on: '2023-01-01', employees: 7, is_high_tech_enterprise: true },
      {},
    ]) {
      const input = { date: '2024-05-01', facts };
      expect(evaluateAll(demo, input)).toEqual(afresh(demo, input));
      expect(evaluateAll(shared, input)).toEqual(afresh(shared, input));
    }
  });

  it('shares a rule’s text, values and gap, but not text made before a value it shows was reached', () => {
    const input = { date: '2024-05-01', facts: { founded_on: '2023-01-01', employees: 7, is_high_tech_enterprise: true } };
    const [x1, x2, x3, x4] = evaluateAll(shared, input).map((v) => v.criteria[0]!);
    // x1 came before the months were counted; x3, with the same rule, after: it shows them.
    expect(x1!.sentence.zh).not.toContain('16 个月');
    expect(x3!.sentence.zh).toContain('16 个月');
    expect(x1!.values).not.toBe(x3!.values);
    // x2 and x4 fail the same rule on the same facts: one values object and one gap for both.
    expect(x2!.status).toBe('fail');
    expect(x4!.values).toBe(x2!.values);
    expect(x4!.gap).toBeDefined();
    expect(x4!.gap).toBe(x2!.gap);
    expect(x4!.sentence).toEqual(x2!.sentence);
  });
});
