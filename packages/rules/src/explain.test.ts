import { describe, expect, it } from 'vitest';
import { evaluateAll, evaluateItem } from './evaluate.js';
import { catalogWith, demoCatalog } from './test-support.js';

const base = {
  founded_on: '2022-01-15',
  size_class: 'micro',
  employees: 12,
  qualifying_hires: 3,
  revenue: 500000000,
  is_high_tech_enterprise: true,
  on_serious_violation_list: false,
  equipment_investment: 90000000,
  region: '450103',
};

describe('explanations', () => {
  const catalog = demoCatalog();
  it('renders each criterion as a sentence in Chinese and English with the values used', () => {
    const v = evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: base });
    const c = v.criteria.find((x) => x.id === 'operating_two_years')!;
    expect(c.status).toBe('pass');
    expect(c.values).toEqual({ founded_on: '2022-01-15', today: '2024-05-01' });
    expect(c.sentence.zh).toBe('成立满 24 个月：从成立日期（2022-01-15）到评估日（2024-05-01）的整月数（不足整数舍去）（27） ≥ 24——满足。');
    expect(c.sentence.en).toBe('Operating for at least 24 months: whole months from Date founded (2022-01-15) to the evaluation date (2024-05-01), rounded down (27) ≥ 24 — met.');
    const size = v.criteria.find((x) => x.id === 'small_or_micro')!;
    expect(size.sentence.zh).toContain('企业规模（微型）');
  });
  it('explains the amount: percentage, rounding to whole fen, caps', () => {
    const v = evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: base });
    expect(v.status).toBe('eligible');
    expect(v.amount?.fen).toBe(55000000);
    expect(v.amount?.steps.map((s) => s.en)).toEqual([
      '70% × ¥900,000 = ¥630,000',
      'rounded half up to whole fen: ¥630,000',
      'capped at ¥550,000 by the per-claim cap of ¥550,000',
    ]);
    expect(v.amount?.steps[2]?.zh).toBe('按单次上限 ¥550,000 封顶：¥550,000');
  });
  it('renders a rounded product in the amount steps without losing or shifting values', () => {
    const catalog = catalogWith(
      { invests: { '>': [{ var: 'equipment_investment' }, 0] } },
      { amount: { formula: { round: [{ '*': [{ var: 'equipment_investment' }, { param: 't_share' }] }, 'fen'] } } },
      { t_share: { unit: null, label: { zh: '比例', en: 'Share' }, values: [{ from: '2000-01-01', value: 0.5, reference: { source: 't', clause: '1' } }] } },
    );
    for (const investment of [300000000, 400000001]) {
      const v = evaluateItem(catalog, 't.item', { date: '2024-05-01', facts: { equipment_investment: investment } });
      const steps = v.amount!.steps.map((x) => `${x.zh} | ${x.en}`).join('\n');
      expect(steps).not.toMatch(/undefined|NaN/);
      expect(steps.includes(String.fromCharCode(1))).toBe(false);
      expect(v.amount!.steps[0]!.en).toBe(`¥${(investment / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} × 50% = ¥${(Math.round(investment / 2) / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`);
    }
  });
  // Gaps and reasons of failures: gaps.test.ts.
  it('two failures are not a near miss; a failure without a measurable gap is not either', () => {
    expect(evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: { ...base, qualifying_hires: 2, employees: 3 } }).status).toBe('ineligible');
    expect(evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: { ...base, is_high_tech_enterprise: false } }).status).toBe('ineligible');
  });
  it('an unknown criterion names the missing input in both languages', () => {
    const v = evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: { ...base, employees: null } });
    expect(v.status).toBe('unknown');
    expect(v.missing).toEqual(['employees']);
    const c = v.criteria.find((x) => x.id === 'staff')!;
    expect(c.sentence.zh).toContain('无法判断，缺少：从业人员');
    expect(c.sentence.en).toContain('cannot tell yet, missing: Employees');
  });
  it('evaluateAll shares work between items and flags mutually exclusive eligible items', () => {
    const vs = evaluateAll(catalog, { date: '2024-05-01', facts: { ...base, new_products_certified: 1 } });
    const eq = vs.find((v) => v.item === 'nn.equipment')!;
    const np = vs.find((v) => v.item === 'nn.new-product-subsidy')!;
    expect(eq.status).toBe('eligible');
    expect(np.status).toBe('eligible');
    expect(eq.conflicts).toEqual(['nn.new-product-subsidy']);
    expect(np.conflicts).toEqual(['nn.equipment']);
  });
});
