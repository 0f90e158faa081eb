import { describe, expect, it } from 'vitest';
import { evaluateItem } from './evaluate.js';
import { questionsFor } from './questions.js';
import { compilePopulation } from './compiler.js';
import { populationFromInputs } from './population.js';
import { catalogWith, demoCatalog } from './test-support.js';

const params = {
  per_product: { unit: 'fen', label: { zh: '每个产品补助', en: 'Per product' }, values: [{ from: '2016-01-01', value: 2000000, reference: { source: 's.txt' } }] },
};

describe('caps, history, exclusions, effective period', () => {
  const np = demoCatalog();
  it('per-subject-per-year cap counts only this year', () => {
    const facts = { new_products_certified: 3, region: '450103' };
    const h = [
      { item: 'nn.new-product-subsidy', date: '2016-12-01', amount: 5000000 },
      { item: 'nn.new-product-subsidy', date: '2017-01-10', amount: 4500000 },
    ];
    const v = evaluateItem(np, 'nn.new-product-subsidy', { date: '2017-03-01', facts, history: h });
    expect(v.amount?.fen).toBe(500000);
    expect(v.amount?.steps[1]?.en).toContain('already received ¥45,000');
    expect(v.amount?.steps[1]?.zh).toBe('超过每年度上限 5 万元（已获 4.5 万元，余额 5,000 元），按上限计：5,000 元');
  });
  it('a per-subject cap counts everything ever received', () => {
    const c = catalogWith({ c: true }, { amount: { formula: 1000 }, caps: [{ per: 'subject', amount: 1500 }] });
    const v = evaluateItem(c, 't.item', { date: '2024-01-01', facts: {}, history: [{ item: 't.item', date: '2019-01-01', amount: 900 }] });
    expect(v.amount?.fen).toBe(600);
  });
  it('once per subject and once per product', () => {
    const s = catalogWith({ c: true }, { once_per: 'subject' });
    expect(evaluateItem(s, 't.item', { date: '2024-01-01', facts: {}, history: [{ item: 't.item', date: '2019-01-01', amount: 1 }] }).status).toBe('ineligible');
    expect(evaluateItem(s, 't.item', { date: '2024-01-01', facts: {} }).status).toBe('eligible');
    const p = catalogWith({ c: true }, { once_per: 'product', amount: { formula: { param: 'per_product' } }, caps: [{ per: 'product', amount: 3000000 }] }, params);
    const history = [{ item: 't.item', date: '2023-01-01', amount: 2000000, product: 'P1' }];
    expect(evaluateItem(p, 't.item', { date: '2024-01-01', facts: {}, history, product: 'P1' }).status).toBe('ineligible');
    expect(evaluateItem(p, 't.item', { date: '2024-01-01', facts: {}, history, product: 'P2' }).amount?.fen).toBe(2000000);
  });
  it('once-per counts grants, not fen: a grant recorded with amount 0 still counts (both evaluators)', () => {
    const s = catalogWith({ c: true }, { once_per: 'subject' });
    const input = { date: '2024-01-01', facts: {}, history: [{ item: 't.item', date: '2020-01-01', amount: 0 }] };
    expect(evaluateItem(s, 't.item', input).status).toBe('ineligible');
    const r = compilePopulation(s).evaluate(populationFromInputs(s, [input]), '2024-01-01').items[0]!;
    expect(r.ineligible).toBe(1);
  });
  it('an excluded item already received makes the item ineligible', () => {
    const v = evaluateItem(np, 'nn.equipment', {
      date: '2024-05-01',
      facts: {},
      history: [{ item: 'nn.new-product-subsidy', date: '2020-01-01', amount: 1 }],
    });
    expect(v.criteria.find((c) => c.id === 'no_excluded_benefit')?.status).toBe('fail');
    expect(v.status).toBe('ineligible');
  });
  it('outside the effective period the item fails on that alone; outside the region it fails there', () => {
    const late = evaluateItem(np, 'nn.equipment', { date: '2031-01-01', facts: { region: '460100' } });
    expect(late.status).toBe('ineligible');
    expect(late.criteria.map((c) => `${c.id}:${c.status}`)).toEqual(['in_effect:fail']);
    const elsewhere = evaluateItem(np, 'nn.equipment', { date: '2024-05-01', facts: { region: '460100' } });
    expect(elsewhere.status).toBe('ineligible');
    // Nothing else could make it apply: no other criteria, no questions, no amount.
    expect(elsewhere.criteria.map((c) => `${c.id}:${c.status}`)).toEqual(['in_region:fail']);
    expect(elsewhere.missing).toEqual([]);
    expect(elsewhere.amount).toBeNull();
    const unknownRegion = evaluateItem(np, 'nn.equipment', { date: '2024-05-01', facts: {} });
    expect(unknownRegion.status).toBe('unknown');
    expect(unknownRegion.missing).toContain('region');
    expect(unknownRegion.criteria.length).toBeGreaterThan(1);
  });
  it('an up-to amount says so, in the verdict and in the population totals', () => {
    const c = catalogWith({ c: true }, { amount: { formula: 100000000, up_to: true } });
    const v = evaluateItem(c, 't.item', { date: '2024-01-01', facts: {} });
    expect(v.amount?.upTo).toBe(true);
    expect(v.amount?.steps.at(-1)).toEqual({ zh: '最高 100 万元（实际金额以审核为准）', en: 'up to ¥1,000,000 (the amount granted is set on review)' });
    expect(compilePopulation(c).evaluate(populationFromInputs(c, [{ date: '2024-01-01', facts: {} }]), '2024-01-01').items[0]!.upTo).toBe(true);
  });
  it('rounding half up is decimal-exact for representation error (1.005 × 100 → 101)', () => {
    const c = catalogWith({ c: true }, { amount: { formula: { '*': [{ var: 'rd_ratio' }, 100] } } });
    expect(evaluateItem(c, 't.item', { date: '2024-01-01', facts: { rd_ratio: 1.005 } }).amount?.fen).toBe(101);
    expect(evaluateItem(c, 't.item', { date: '2024-01-01', facts: { rd_ratio: 1.0049 } }).amount?.fen).toBe(100);
  });
  it('formula amounts are rounded half up to whole fen and say so, only when rounding changed the amount', () => {
    const c = catalogWith({ c: true }, { amount: { formula: { '*': [{ var: 'employees' }, 0.5] } } });
    const v = evaluateItem(c, 't.item', { date: '2024-01-01', facts: { employees: 5 } });
    expect(v.amount?.fen).toBe(3);
    expect(v.amount?.steps).toEqual([{ zh: '5 人 × 50% ≈ 0.03 元（四舍五入到分）', en: '5 people × 50% ≈ ¥0.03 (rounded to the cent)' }]);
    const whole = evaluateItem(c, 't.item', { date: '2024-01-01', facts: { employees: 6 } });
    expect(whole.amount?.steps).toEqual([{ zh: '6 人 × 50% = 0.03 元', en: '6 people × 50% = ¥0.03' }]);
  });
});

describe('questionsFor', () => {
  it('asks first for the variable that decides the most undecided items', () => {
    const catalog = demoCatalog();
    const qs = questionsFor(catalog, { region: '450103' }, '2024-05-01');
    const names = qs.map((q) => q.variable);
    expect(names).toContain('new_products_certified');
    expect(qs[0]!.decides).toBeGreaterThanOrEqual(qs[qs.length - 1]!.decides);
    const founded = qs.find((q) => q.variable === 'founded_on')!;
    expect(founded.question.zh).toBe('企业何时成立？');
    expect(founded.items).toEqual(['nn.equipment']);
  });
  it('ranks a variable needed by two items above one needed by one', () => {
    const c = catalogWith({ a: { '>': [{ var: 'employees' }, 1] }, b: { var: 'is_high_tech_enterprise' } });
    const qs = questionsFor(c, {}, '2024-01-01');
    expect(qs.map((q) => q.variable).sort()).toEqual(['employees', 'is_high_tech_enterprise']);
    expect(questionsFor(c, { employees: 5, is_high_tech_enterprise: true }, '2024-01-01')).toEqual([]);
  });
});
