/**
 * Synthetic enterprises and a synthetic 100-item catalogue for the rules benchmarks. Seeded, so
 * every run measures the same data.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCatalog, MISSING_BOOL, parseDate, parseRuleFile, toDictionaryColumn, type Catalog, type Population } from '@seedbed/rules';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'rules', 'test', 'fixtures');

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DATE = '2024-05-01';
const SIZES = ['large', 'medium', 'small', 'micro'] as const;
const REGIONS = ['450102', '450103', '450105', '450107', '450108', '450109', '450110', '450123', '450203', '450204', '460105', '460106'] as const;

export interface Synthetic {
  population: Population;
  /** Row objects for the baselines, with months of operation precomputed (they have no date operators). */
  rows: () => Record<string, unknown>[];
}

export function syntheticEnterprises(n: number, seed = 42): Synthetic {
  const r = rng(seed);
  const missing = (): boolean => r() < 0.03;
  const lo = parseDate('2005-01-01')!;
  const hi = parseDate('2024-04-30')!;
  const founded = new Float64Array(n);
  const employees = new Float64Array(n);
  const hires = new Float64Array(n);
  const revenue = new Float64Array(n);
  const investment = new Float64Array(n);
  const products = new Float64Array(n);
  const rd = new Float64Array(n);
  const highTech = new Uint8Array(n);
  const violation = new Uint8Array(n);
  const size: (string | null)[] = new Array<string | null>(n);
  const region: (string | null)[] = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    founded[i] = missing() ? NaN : lo + Math.floor(r() * (hi - lo));
    employees[i] = missing() ? NaN : Math.floor(r() * r() * 300);
    hires[i] = missing() ? NaN : Math.floor(r() * 8);
    revenue[i] = missing() ? NaN : Math.floor(r() * r() * 5_000_000_000);
    investment[i] = missing() ? NaN : Math.floor(r() * 200_000_000);
    products[i] = missing() ? NaN : Math.floor(r() * r() * 5);
    rd[i] = missing() ? NaN : Math.round(r() * 1500) / 100;
    highTech[i] = missing() ? MISSING_BOOL : r() < 0.3 ? 1 : 0;
    violation[i] = missing() ? MISSING_BOOL : r() < 0.02 ? 1 : 0;
    size[i] = missing() ? null : SIZES[Math.floor(r() * 4)]!;
    region[i] = missing() ? null : REGIONS[Math.floor(r() * REGIONS.length)]!;
  }
  const population: Population = {
    size: n,
    columns: {
      founded_on: founded,
      employees,
      qualifying_hires: hires,
      revenue,
      equipment_investment: investment,
      new_products_certified: products,
      rd_ratio: rd,
      is_high_tech_enterprise: highTech,
      on_serious_violation_list: violation,
      // Enum-like text columns arrive dictionary-encoded (as PostgreSQL enums / Arrow dictionaries).
      size_class: toDictionaryColumn(size),
      region: toDictionaryColumn(region),
    },
  };
  const today = parseDate(DATE)!;
  const rows = (): Record<string, unknown>[] => {
    const out: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const f = founded[i]!;
      out[i] = {
        months_operating: Number.isNaN(f) ? null : Math.floor((today - f) / 30.4375),
        employees: Number.isNaN(employees[i]!) ? null : employees[i],
        qualifying_hires: Number.isNaN(hires[i]!) ? null : hires[i],
        revenue: Number.isNaN(revenue[i]!) ? null : revenue[i],
        is_high_tech_enterprise: highTech[i] === MISSING_BOOL ? null : highTech[i] === 1,
        on_serious_violation_list: violation[i] === MISSING_BOOL ? null : violation[i] === 1,
        size_class: size[i],
        today,
      };
    }
    return out;
  };
  return { population, rows };
}

export function variablesText(): string {
  return readFileSync(join(FIXTURES, 'variables.yaml'), 'utf8');
}

/** The benchmark item: exactly 7 named criteria (the engine adds its effective-period check as an 8th). */
export const SEVEN_CRITERIA = [
  { id: 'operating_two_years', label: { zh: '成立满 24 个月', en: 'Operating 24 months' }, rule: { '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, 24] } },
  { id: 'small_or_micro', label: { zh: '小微企业', en: 'Small or micro' }, rule: { in: [{ var: 'size_class' }, ['small', 'micro']] } },
  { id: 'staff', label: { zh: '从业人员不少于 10 人', en: 'At least 10 employees' }, rule: { '>=': [{ var: 'employees' }, 10] } },
  { id: 'hires', label: { zh: '新招用不少于 3 人', en: 'At least 3 hires' }, rule: { '>=': [{ var: 'qualifying_hires' }, 3] } },
  { id: 'revenue_band', label: { zh: '营业收入 100 万至 2000 万元', en: 'Revenue 1–20 million' }, rule: { '<=': [100000000, { var: 'revenue' }, 2000000000] } },
  { id: 'high_tech', label: { zh: '高新技术企业', en: 'High-tech' }, rule: { var: 'is_high_tech_enterprise' } },
  { id: 'clean_credit', label: { zh: '未列入严重失信名单', en: 'Clean credit' }, rule: { '!': [{ var: 'on_serious_violation_list' }] } },
];

/** The same eight conditions for the baselines (months of operation precomputed, effective period as a number comparison). */
export const BASELINE_CRITERIA: unknown[] = [
  { '>=': [{ var: 'months_operating' }, 24] },
  { in: [{ var: 'size_class' }, ['small', 'micro']] },
  { '>=': [{ var: 'employees' }, 10] },
  { '>=': [{ var: 'qualifying_hires' }, 3] },
  { '<=': [100000000, { var: 'revenue' }, 2000000000] },
  { '==': [{ var: 'is_high_tech_enterprise' }, true] },
  { '!': [{ var: 'on_serious_violation_list' }] },
  { '>=': [{ var: 'today' }, 16801] },
];

function item(id: string, criteria: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    title: { zh: `项目 ${id}`, en: `Item ${id}` },
    entity: 'enterprise',
    benefit: 'subsidy',
    mode: 'automatic',
    effective: { from: '2016-01-01', to: null },
    criteria,
    ...extra,
  };
}

export function sevenCriteriaCatalog(): Catalog {
  return compileCatalog([parseRuleFile(variablesText(), 'variables.yaml'), parseRuleFile(JSON.stringify({ items: [item('bench.seven', SEVEN_CRITERIA)] }), 'bench.json')]);
}

/**
 * 100 items drawn from a pool of criterion shapes with varied thresholds, amounts and caps.
 * `count` scales the same generator (the first 100 items are the same whatever the count; ids
 * stay distinct: bench.item-000 … bench.item-4999).
 */
export function hundredItemCatalog(seed = 7, count = 100): Catalog {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const pool: (() => unknown)[] = [
    () => ({ '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, pick(['floor', 'ceil'])] }, int(6, 60)] }),
    () => ({ '<=': [{ years_between: [{ var: 'founded_on' }, { today: [] }, 'floor'] }, int(2, 10)] }),
    () => ({ within_years: [{ var: 'founded_on' }, int(1, 5)] }),
    () => ({ in: [{ var: 'size_class' }, pick([['small', 'micro'], ['micro'], ['medium', 'small', 'micro']])] }),
    () => ({ '>=': [{ var: 'employees' }, int(1, 50)] }),
    () => ({ '<': [{ var: 'employees' }, int(50, 300)] }),
    () => ({ '>=': [{ var: 'qualifying_hires' }, int(1, 5)] }),
    () => ({ '<=': [int(0, 5) * 10000000, { var: 'revenue' }, int(10, 200) * 10000000] }),
    () => ({ var: 'is_high_tech_enterprise' }),
    () => ({ '!': [{ var: 'on_serious_violation_list' }] }),
    () => ({ '>=': [{ var: 'new_products_certified' }, 1] }),
    () => ({ '>': [{ var: 'rd_ratio' }, int(2, 8)] }),
    () => ({ or: [{ var: 'is_high_tech_enterprise' }, { '>=': [{ var: 'rd_ratio' }, int(3, 6)] }] }),
    () => ({ '>=': [{ '/': [{ var: 'revenue' }, { '+': [{ var: 'employees' }, 1] }] }, int(1, 20) * 100000] }),
  ];
  const items: unknown[] = [];
  const parameters: Record<string, unknown> = {};
  for (let k = 0; k < count; k++) {
    const id = `bench.item-${String(k).padStart(3, '0')}`;
    const n = int(3, 8);
    const criteria = Array.from({ length: n }, (_, i) => ({ id: `c${i}`, label: { zh: `条件 ${i}`, en: `Criterion ${i}` }, rule: pick(pool)() }));
    const pname = `bench_rate_${k}`;
    parameters[pname] = { label: { zh: `比例 ${k}`, en: `Rate ${k}` }, values: [{ from: '2016-01-01', value: int(10, 80) / 100, reference: { source: 'bench.txt', clause: String(k) } }] };
    const amount =
      k % 3 === 0
        ? { formula: { '*': [{ param: pname }, { var: 'equipment_investment' }] } }
        : k % 3 === 1
          ? { formula: { '*': [{ var: 'qualifying_hires' }, int(1, 10) * 100000] } }
          : { formula: int(1, 50) * 1000000 };
    items.push(item(id, criteria, { amount, caps: [{ per: pick(['claim', 'subject_year']), amount: int(10, 100) * 1000000 }], ...(r() < 0.5 ? { region: pick(['450100', '450000']) } : {}) }));
  }
  return compileCatalog([parseRuleFile(variablesText(), 'variables.yaml'), parseRuleFile(JSON.stringify({ parameters, items }), `bench-${count}.json`)]);
}
