import { loadCatalog } from '@seedbed/catalog';
import { compileCatalog, RuleError } from '@seedbed/rules';
import { describe, expect, it } from 'vitest';
import { amountFormula, amountShape, fieldContext, queryToRule, ruleToQuery, whyNotRepresentable, type Vocabulary } from './logic';

/**
 * Every criterion of the shipped catalogue that the visual builder can show goes through
 * react-querybuilder (parseJsonLogic, then formatQuery 'jsonlogic' with our adaptations) and
 * comes back as the same rule, which the rules engine's parser and type checker accept. The
 * others stay in the JSON view; the report below says which and why.
 */
const catalogue = loadCatalog();
const vocabulary: Vocabulary = {
  variables: [...catalogue.rules.variables.values()].map((v) => ({
    name: v.name,
    type: v.type,
    unit: v.unit ?? null,
    label: v.label,
    entity: Array.isArray(v.entity) ? v.entity : [v.entity],
    values: v.values ?? null,
    min: v.min ?? null,
    max: v.max ?? null,
    group: { zh: '通用信息', en: 'Shared' },
  })),
  parameters: [...catalogue.rules.parameters.values()].map((p) => ({ name: p.name, label: p.spec.label, unit: p.spec.unit ?? null, value: p.spec.values[0]!.value })),
};
const ctx = fieldContext(vocabulary, 'zh');

/** The engine's check of one item with the given criteria (the catalogue's variables and parameters). */
function engineAccepts(itemId: string, criteria: { id: string; label: { zh: string; en: string }; rule: unknown }[]): string | null {
  const item = catalogue.rules.items.get(itemId)!;
  const variables = Object.fromEntries([...catalogue.rules.variables].map(([n, v]) => { const { name: _n, file: _f, ...spec } = v; return [n, spec]; }));
  const parameters = Object.fromEntries([...catalogue.rules.parameters].map(([n, p]) => [n, p.spec]));
  const others = [...catalogue.rules.items.values()].filter((i) => i.id !== itemId).map((i) => i.spec);
  try {
    compileCatalog([{ file: 'vars', variables, parameters }, { file: 'items', items: [...others, { ...item.spec, criteria }] }]);
    return null;
  } catch (e) {
    if (e instanceof RuleError) return e.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    throw e;
  }
}

describe('the visual rule builder and the catalogue', () => {
  const criteria = [...catalogue.rules.items.values()].flatMap((item) => item.spec.criteria.map((c) => ({ item: item.id, criterion: c })));
  const shown = criteria.filter((c) => ruleToQuery(c.criterion.rule, ctx) !== null);
  const notShown = criteria.filter((c) => ruleToQuery(c.criterion.rule, ctx) === null);

  it('shows most criteria, each coming back unchanged and accepted by the engine', () => {
    expect(criteria.length).toBeGreaterThan(200);
    expect(shown.length / criteria.length).toBeGreaterThan(0.85);
    for (const { item, criterion } of shown) {
      const back = queryToRule(ruleToQuery(criterion.rule, ctx)!, ctx);
      expect(JSON.stringify(back), `${item} ${criterion.id}`).toBe(JSON.stringify(criterion.rule));
      expect(engineAccepts(item, [{ ...criterion, rule: back }]), `${item} ${criterion.id}`).toBeNull();
    }
  });

  it('says why the others stay in the JSON view', () => {
    const reasons = new Map<string, number>();
    for (const { criterion } of notShown) {
      const why = whyNotRepresentable(criterion.rule);
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
    }
    console.log(`builder: ${shown.length} of ${criteria.length} criteria; JSON view: ${JSON.stringify(Object.fromEntries(reasons))}`);
    expect(notShown.every(({ criterion }) => whyNotRepresentable(criterion.rule).length > 0)).toBe(true);
  });

  it('writes what the engine accepts for each kind of variable', () => {
    const query = (field: string, operator: string, value: unknown, valueSource?: 'field') => ({ combinator: 'and', rules: [{ field, operator, value, ...(valueSource ? { valueSource } : {}) }] });
    expect(queryToRule(query('employees', '>=', '10'), ctx)).toEqual({ '>=': [{ var: 'employees' }, 10] });
    expect(queryToRule(query('revenue', 'between', [100000000, 50000000]), ctx)).toEqual({ '<=': [100000000, { var: 'revenue' }, 50000000] });
    expect(queryToRule(query('founded_on', '>=', '2024-01-01'), ctx)).toEqual({ '>=': [{ var: 'founded_on' }, { date: '2024-01-01' }] });
    expect(queryToRule(query('is_tech_sme', '=', true), ctx)).toEqual({ '==': [{ var: 'is_tech_sme' }, true] });
    expect(queryToRule(query('size_class', 'in', ['small', 'micro']), ctx)).toEqual({ in: [{ var: 'size_class' }, ['small', 'micro']] });
    expect(queryToRule(query('size_class', 'notIn', ['large']), ctx)).toEqual({ '!': { in: [{ var: 'size_class' }, ['large']] } });
    expect(queryToRule(query('region', 'in_region', '450103'), ctx)).toEqual({ in_region: [{ var: 'region' }, '450103'] });
    expect(queryToRule(query('nn_guangxi_new_product_share', '>=', '@param:nn_local_product_share_min', 'field'), ctx)).toEqual({ '>=': [{ var: 'nn_guangxi_new_product_share' }, { param: 'nn_local_product_share_min' }] });
    // An incomplete condition is no rule.
    expect(queryToRule(query('employees', '>=', ''), ctx)).toBeUndefined();
    const two = queryToRule({ combinator: 'or', rules: [query('employees', '>=', 10).rules[0]!, query('is_tech_sme', '=', true).rules[0]!] }, ctx);
    expect(two).toEqual({ or: [{ '>=': [{ var: 'employees' }, 10] }, { '==': [{ var: 'is_tech_sme' }, true] }] });
    expect(engineAccepts('nn.new-product-subsidy', [{ id: 'x', label: { zh: 'x', en: 'x' }, rule: two }])).toBeNull();
  });
});

describe('the amount builder and the catalogue', () => {
  it('reads the common shapes and writes them back unchanged', () => {
    let shown = 0;
    const items = [...catalogue.rules.items.values()].filter((i) => i.spec.amount?.formula !== undefined);
    for (const item of items) {
      const shape = amountShape(item.spec.amount!.formula, ctx);
      if (!shape) continue;
      shown++;
      expect(JSON.stringify(amountFormula(shape)), item.id).toBe(JSON.stringify(item.spec.amount!.formula));
    }
    console.log(`amount builder: ${shown} of ${items.length} formulas; the rest (arithmetic of several terms, nested min/max/if) in the JSON view`);
    expect(shown / items.length).toBeGreaterThan(0.4);
    expect(amountShape(500000, ctx)).toEqual({ kind: 'fixed', amount: 500000 });
    expect(amountFormula({ kind: 'product', base: 'nn_first_set_sale_price', factor: 0.5, round: true, cap: 200000000 })).toEqual({ min: [{ round: [{ '*': [{ var: 'nn_first_set_sale_price' }, 0.5] }, 'fen'] }, 200000000] });
    expect(amountShape({ if: [{ '>=': [{ var: 'employees' }, 50] }, 10000000, 5000000] }, ctx)).toEqual({ kind: 'tiers', tiers: [{ when: { '>=': [{ var: 'employees' }, 50] }, amount: 10000000 }], otherwise: 5000000 });
  });
});
