import { describe, expect, it } from 'vitest';
import { evaluateAll, evaluateItem } from './evaluate.js';
import { formatMoney, formatQuantity } from './explain.js';
import { compileCatalog } from './catalog.js';
import { parseRuleFile } from './parser.js';
import { catalogWith, demoCatalog, variablesFile } from './test-support.js';

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
  it('a rule shared by criteria under different labels reads with each one, met or not, evaluation after evaluation', () => {
    // The same rule twice is one node in the catalogue; the sentences built for it are kept per criterion.
    const rule = { '>=': [{ var: 'employees' }, 10] };
    const item = (id: string, zh: string, en: string) => ({ id, title: { zh, en }, entity: 'enterprise', benefit: 'subsidy', mode: 'apply', effective: { from: '2000-01-01' }, criteria: [{ id: 'staff', label: { zh, en }, rule }] });
    const shared = compileCatalog([variablesFile(), parseRuleFile(JSON.stringify({ items: [item('t.a', '甲条件', 'Rule A'), item('t.b', '乙条件', 'Rule B')] }), 't.yaml')]);
    expect(shared.items.get('t.a')!.criteria[0]!.node).toBe(shared.items.get('t.b')!.criteria[0]!.node);
    for (const [employees, zhEnd, enEnd] of [[12, '——满足。', ' — met.'], [3, '——不满足。', ' — not met.'], [12, '——满足。', ' — met.']] as const) {
      const [a, b] = evaluateAll(shared, { date: '2024-05-01', facts: { employees } });
      expect(a!.criteria[0]!.sentence.zh).toBe(`甲条件：从业人员（${employees} 人） ≥ 10 人${zhEnd}`);
      expect(b!.criteria[0]!.sentence.zh).toBe(`乙条件：从业人员（${employees} 人） ≥ 10 人${zhEnd}`);
      expect(a!.criteria[0]!.sentence.en).toBe(`Rule A: Employees (${employees} people) ≥ 10 people${enEnd}`);
      expect(b!.criteria[0]!.sentence.en).toBe(`Rule B: Employees (${employees} people) ≥ 10 people${enEnd}`);
    }
    const [unknown] = evaluateAll(shared, { date: '2024-05-01', facts: {} });
    expect(unknown!.criteria[0]!.sentence.zh).toBe('甲条件：从业人员（未知） ≥ 10 人——无法判断，缺少：从业人员。');
  });

  it('renders each criterion as a sentence in Chinese and English with the values used', () => {
    const v = evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: base });
    const c = v.criteria.find((x) => x.id === 'operating_two_years')!;
    expect(c.status).toBe('pass');
    expect(c.values).toEqual({ founded_on: '2022-01-15', today: '2024-05-01' });
    expect(c.sentence.zh).toBe('成立满 24 个月：从成立日期（2022-01-15）到评估日（2024-05-01）已满的整月数（27 个月） ≥ 24 个月——满足。');
    expect(c.sentence.en).toBe('Operating for at least 24 months: full months from Date founded (2022-01-15) to the evaluation date (2024-05-01) (27 months) ≥ 24 months — met.');
    const size = v.criteria.find((x) => x.id === 'small_or_micro')!;
    expect(size.sentence.zh).toMatch(/企业规模：微型（须为.*小型或微型）/);
    expect(size.sentence.en).toMatch(/Size class: Micro \(must be .*Small or Micro\)/);
  });
  it('explains the amount: percentage, rounding to whole fen, caps', () => {
    const v = evaluateItem(catalog, 'nn.equipment', { date: '2024-05-01', facts: base });
    expect(v.status).toBe('eligible');
    expect(v.amount?.fen).toBe(55000000);
    // No rounding step: rounding changed nothing. The cap step states the final amount.
    expect(v.amount?.steps.map((s) => s.en)).toEqual(['70% × ¥900,000 = ¥630,000', 'above the per-claim cap of ¥550,000: capped at ¥550,000']);
    expect(v.amount?.steps.map((s) => s.zh)).toEqual(['70% × 90 万元 = 63 万元', '超过单次上限 55 万元，按上限计：55 万元']);
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

describe('sentences per operator and variable type', () => {
  const names: Record<string, string> = { '450100': '南宁市', '450103': '南宁市青秀区' };
  const regionName = (c: string) => (names[c] ? { zh: names[c]!, en: 'Nanning' + (c === '450103' ? ', Qingxiu' : '') } : undefined);
  it('money reads in 万元 / 亿元 / 元 in Chinese and ¥ in English', () => {
    expect(formatMoney(6_000_000, 'zh')).toBe('6 万元');
    expect(formatMoney(1_050_000, 'zh')).toBe('1.05 万元');
    expect(formatMoney(270_000, 'zh')).toBe('2,700 元');
    expect(formatMoney(1_234_567, 'zh')).toBe('12,345.67 元');
    expect(formatMoney(10_000_000_000, 'zh')).toBe('1 亿元');
    expect(formatMoney(6_000_000, 'en')).toBe('¥60,000');
    expect(formatQuantity(0.015, 'ratio', 'zh')).toBe('1.5%');
    expect(formatQuantity(80, '%', 'en')).toBe('80%');
    expect(formatQuantity(1, 'month', 'en')).toBe('1 month');
    expect(formatQuantity(3, '人', 'zh')).toBe('3 人');
  });
  it('an enum compared with a value reads as the labels, never the codes', () => {
    const c = catalogWith({ is_small: { '==': [{ var: 'size_class' }, 'small'] }, not_large: { '!=': [{ var: 'size_class' }, 'large'] } });
    const v = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { size_class: 'micro' } });
    expect(v.criteria[0]!.sentence).toEqual({ zh: 'is_small：企业规模：微型（须为小型）——不满足。', en: 'is_small: Size class: Micro (must be Small) — not met.' });
    expect(v.criteria[1]!.sentence.zh).toBe('not_large：企业规模：微型（须不为大型）——满足。');
    const unknown = evaluateItem(c, 't.item', { date: '2024-05-01', facts: {} });
    expect(unknown.criteria[0]!.sentence.zh).toBe('is_small：企业规模：未知（须为小型）——无法判断，缺少：企业规模。');
  });
  it('a yes/no fact reads as the fact and its answer; a required "no" says so', () => {
    const c = catalogWith({ hte: { '==': [{ var: 'is_high_tech_enterprise' }, true] }, clean: { '==': [{ var: 'on_serious_violation_list' }, false] }, bare: { var: 'is_high_tech_enterprise' }, neg: { '!': [{ var: 'on_serious_violation_list' }] } });
    const v = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { is_high_tech_enterprise: false, on_serious_violation_list: true } });
    const [hte, clean, bare, neg] = v.criteria.map((x) => x.sentence);
    expect(hte!.zh).toMatch(/^hte：[^=]+：否——不满足。$/);
    expect(hte!.en).toMatch(/^hte: [^=]+: no — not met\.$/);
    expect(bare!.zh).toBe(hte!.zh.replace('hte', 'bare'));
    expect(clean!.zh).toMatch(/：是（须为否）——不满足。$/);
    expect(clean!.en).toMatch(/: yes \(must be no\) — not met\.$/);
    expect(neg!.zh).toBe(clean!.zh.replace('clean', 'neg'));
  });
  it('regions are named by the caller, never shown as codes; without a name the sentence says so plainly', () => {
    const c = catalogWith({}, { region: '450100' });
    const named = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { region: '450103' }, regionName });
    const crit = named.criteria.find((x) => x.id === 'in_region')!;
    expect(crit.label).toEqual({ zh: '注册地在南宁市辖区内', en: 'Registered within Nanning' });
    expect(crit.sentence.zh).toBe('注册地在南宁市辖区内：注册地：南宁市青秀区（须在南宁市辖区内）——满足。');
    expect(crit.sentence.en).toBe('Registered within Nanning: Region: Nanning, Qingxiu (must lie within Nanning) — met.');
    // The template cached by the first evaluation must not carry its names into the next.
    const anonymous = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { region: '110101' } });
    const a = anonymous.criteria.find((x) => x.id === 'in_region')!;
    expect(a.label.zh).toBe('注册地在本政策适用地区内');
    expect(a.sentence.zh).toBe('注册地在本政策适用地区内：注册地：所选地区（须在本政策适用地区辖区内）——不满足。');
    expect(a.sentence.en).toBe("Registered within the policy's region: Region: the selected region (must lie within the policy's region) — not met.");
  });
  it('an exclusion names the other item by its title, not its id', () => {
    const catalog = demoCatalog();
    const item = catalog.items.get('nn.equipment')!;
    const ex = item.criteria.find((x) => x.id === 'no_excluded_benefit');
    expect(ex).toBeDefined();
    const other = catalog.items.get(item.excludes[0]!)!;
    expect(ex!.label.zh).toContain(other.spec.title.zh);
    expect(ex!.label.zh).not.toContain(other.id);
    expect(ex!.label.en).not.toContain(other.id);
  });
  it('a conditional amount shows the branch taken and why, never an untaken branch', () => {
    const c = catalogWith(
      { c: true },
      { amount: { formula: { '*': [{ var: 'qualifying_hires' }, { if: [{ '>=': [{ var: 'rd_ratio' }, 50] }, 120000, 90000] }] } } },
    );
    const low = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { qualifying_hires: 3, rd_ratio: 30 } });
    expect(low.amount!.fen).toBe(270000);
    expect(low.amount!.steps[0]!.zh).toMatch(/^3 人 × 900 元（因.*（30%） ≥ 50%不成立） = 2,700 元$/);
    expect(low.amount!.steps[0]!.en).toMatch(/^3 people × ¥900 \(as .* \(30%\) ≥ 50% does not hold\) = ¥2,700$/);
    const high = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { qualifying_hires: 3, rd_ratio: 60 } });
    expect(high.amount!.steps[0]!.zh).toMatch(/^3 人 × 1,200 元（因.*（60%） ≥ 50%） = 3,600 元$/);
    for (const s of [...low.amount!.steps, ...high.amount!.steps]) expect(`${s.zh} ${s.en}`).not.toMatch(/未计算|not evaluated|若|否则|otherwise/);
  });
  it('a condition with an untaken branch shows that branch without values', () => {
    const c = catalogWith({ c: { '>=': [{ var: 'employees' }, { if: [{ var: 'is_high_tech_enterprise' }, 5, 10] }] } });
    const v = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { employees: 7, is_high_tech_enterprise: true } });
    expect(v.criteria[0]!.sentence.zh).toMatch(/^c：从业人员（7 人） ≥ （若[^；]+：是，则5；否则10）（5）——满足。$/);
    expect(v.criteria[0]!.sentence.en).not.toContain('not evaluated');
  });
  it('nested minimums and maximums are bracketed as a person would', () => {
    const c = catalogWith({ c: true }, { amount: { formula: { min: [{ max: [{ var: 'revenue' }, 300000] }, 500000] } } });
    const v = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { revenue: 3000000 } });
    expect(v.amount!.steps[0]).toEqual({ zh: '（3 万元、3,000 元中较大者）、5,000 元中较小者 = 5,000 元', en: 'the lesser of (the greater of ¥30,000 and ¥3,000) and ¥5,000 = ¥5,000' });
  });
  it('a single-figure amount reads as its label and value', () => {
    const c = catalogWith({ c: true }, { amount: { formula: { var: 'revenue' } } });
    const v = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { revenue: 3000000 } });
    expect(v.amount!.steps).toEqual([{ zh: '上年营业收入：3 万元', en: 'Revenue last year: ¥30,000' }]);
  });
  it('a percentage rule reads "× 30%", not "× 30 ÷ 100"; a loan above zero reads "0 元 <"', () => {
    const c = catalogWith({
      share: { '>=': [{ var: 'qualifying_hires' }, { '/': [{ '*': [{ var: 'employees' }, { var: 'rd_ratio' }] }, 100] }] },
      loan: { '<=': [1, { var: 'revenue' }, 5000000] },
    });
    const v = evaluateItem(c, 't.item', { date: '2024-05-01', facts: { qualifying_hires: 3, employees: 10, revenue: 100, rd_ratio: 30 } });
    expect(v.criteria[0]!.sentence.zh).toMatch(/^share：[^（]+（3 人） ≥ 从业人员（10 人） × [^（]+（30%）（3）——满足。$/);
    expect(v.criteria[1]!.sentence.zh).toBe('loan：0 元 < 上年营业收入（1 元） ≤ 5 万元——满足。');
    expect(v.criteria[1]!.sentence.en).toBe('loan: ¥0 < Revenue last year (¥1) ≤ ¥50,000 — met.');
  });
});

