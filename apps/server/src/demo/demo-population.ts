/**
 * The demo's realistic population: a few thousand synthetic registered subjects (enterprises
 * and persons, no accounts) spread over the districts (县级) of the five source regions, with
 * plausible facts drawn from the catalogue's variables, so that an officer's what-if simulation
 * shows meaningful counts, costs and a per-district chart. Deterministic (a seeded generator, no
 * network): the same seed gives the same population. Every name starts with （演示） and every
 * row carries the `demo` flag (subjects module), so nothing real counts them.
 */
import { checkValue, type VariableSpec } from '@seedbed/rules';

/** The five source regions, the share of the population each gets, its short name and its documents' variable prefix. */
export const DEMO_REGIONS = [
  { code: '450100', short: '南宁', prefix: 'nn', share: 0.3 },
  { code: '360100', short: '南昌', prefix: 'nc', share: 0.28 },
  { code: '360600', short: '鹰潭', prefix: 'yt', share: 0.12 },
  { code: '530400', short: '玉溪', prefix: 'yx', share: 0.15 },
  { code: '430304', short: '岳塘', prefix: 'yuetang', share: 0.15 },
] as const;

export interface GeneratedSubject {
  kind: 'enterprise' | 'person';
  name: string;
  regionCode: string;
  facts: Record<string, string | number | boolean>;
}

/** mulberry32: a small, fast, seeded generator (the same seed, the same population). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WAN_FEN = 1_000_000; // 1万元 in fen
/** How many of its other variables a subject has a value for (at most). */
const FILLED = 12;
const WORDS = ['瑞丰', '宏达', '新锐', '智联', '华创', '恒信', '博远', '科迈', '云启', '鼎盛', '汇通', '启明', '星河', '正泰', '远航', '嘉禾', '同创', '天工', '金桥', '青禾'];
const TRADES: [string, string[]][] = [
  ['科技', ['I65', 'I64', 'M73', 'M75']],
  ['电子', ['C39', 'C38']],
  ['智能装备', ['C34', 'C35']],
  ['新材料', ['C30', 'C26', 'C29']],
  ['生物', ['C27', 'M73']],
  ['商贸', ['F51', 'F52']],
  ['文化传媒', ['R86', 'L72']],
  ['农业开发', ['A01', 'A05']],
  ['建设工程', ['E47', 'E48']],
  ['食品', ['C13', 'C14']],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '韦', '罗', '梁'];

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Generates `count` subjects. `districts` are the county-level codes under each source region
 * (the regions tree); `variables` the catalogue's (shared and per document); `today` bounds dates.
 */
export function generatePopulation(options: {
  count: number;
  seed?: number;
  today: string;
  districts: ReadonlyMap<string, readonly string[]>;
  variables: ReadonlyMap<string, VariableSpec>;
}): GeneratedSubject[] {
  const random = seededRandom(options.seed ?? 20261204);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const todayMs = Date.parse(`${options.today}T00:00:00Z`);
  const daysAgo = (min: number, max: number) => formatDay(todayMs - between(min, max) * 86_400_000);
  const entitiesOf = (v: VariableSpec) => (Array.isArray(v.entity) ? v.entity : [v.entity]);
  const CORE = new Set(['region', 'industry', 'founded_on', 'employees', 'revenue', 'total_assets', 'registered_capital', 'credit_code', 'size_class']);

  /** Variables a subject of the kind in the region may have: the shared ones and its documents' (by prefix). */
  const candidates = (kind: 'enterprise' | 'person', prefix: string) =>
    [...options.variables].filter(([name, v]) => {
      if (CORE.has(name) || v.personal || v.format || v.type === 'string' || v.type === 'string_list' || v.type === 'region') return false;
      if (!entitiesOf(v).includes(kind)) return false;
      const own = DEMO_REGIONS.find((r) => name.startsWith(`${r.prefix}_`));
      return !own || own.prefix === prefix;
    });

  /** A plausible value of a variable, checked as every fact is (values.ts); undefined to leave it unknown. */
  const valueOf = (name: string, v: VariableSpec): string | number | boolean | undefined => {
    let x: string | number | boolean;
    switch (v.type) {
      case 'boolean':
        x = chance(/violation|dishonest|revoked|penal/.test(name) ? 0.02 : 0.35);
        break;
      case 'integer': {
        const lo = v.min ?? 0;
        const hi = Math.min(v.max ?? 1_000_000_000, v.unit === '人' ? 80 : v.unit === '月' ? 36 : 6);
        x = Math.max(lo, Math.min(hi, Math.floor(random() ** 2 * (hi + 1))));
        break;
      }
      case 'number':
        x = v.unit === '%' ? Math.round(random() * 1000) / 10 : Math.round(random() * 100);
        break;
      case 'money':
        // 1万 to about 300万元, most of them small, in whole hundreds of yuan.
        x = Math.round((WAN_FEN * (1 + 299 * random() ** 3)) / 10_000) * 10_000;
        break;
      case 'date':
        x = daysAgo(30, 6 * 365);
        break;
      case 'enum':
        if (!v.values?.length) return undefined;
        x = pick(v.values).value;
        break;
      default:
        return undefined;
    }
    return checkValue(v, x, { today: options.today }) === null ? x : undefined;
  };

  const out: GeneratedSubject[] = [];
  const perRegion = DEMO_REGIONS.map((r) => ({ r, n: Math.round(options.count * r.share) }));
  for (const { r, n } of perRegion) {
    const districts = options.districts.get(r.code)?.length ? options.districts.get(r.code)! : [r.code];
    const forKind = { enterprise: candidates('enterprise', r.prefix), person: candidates('person', r.prefix) };
    for (let i = 0; i < n; i++) {
      const kind = chance(0.75) ? 'enterprise' : 'person';
      const regionCode = pick(districts);
      const facts: Record<string, string | number | boolean> = {};
      let name: string;
      if (kind === 'enterprise') {
        const [trade, industries] = pick(TRADES);
        name = `（演示）${r.short}${pick(WORDS)}${trade}有限公司`;
        const employees = Math.max(1, Math.round(Math.exp(random() * 6))); // 1 to about 400
        facts.industry = pick(industries);
        facts.founded_on = daysAgo(60, 20 * 365);
        facts.employees = employees;
        facts.revenue = Math.round((employees * (20 + random() * 60) * WAN_FEN) / 10_000) * 10_000;
        facts.total_assets = Math.round((employees * (10 + random() * 80) * WAN_FEN) / 10_000) * 10_000;
        facts.registered_capital = pick([10, 50, 100, 200, 500, 1000, 3000]) * WAN_FEN;
      } else {
        name = `（演示）${pick(SURNAMES)}某某`;
      }
      // A dozen of the other variables known, as a profile filled in over time would be (more
      // would only slow the demo's start-up: each is a row of subject_facts).
      const pool = forKind[kind];
      for (let k = 0; k < Math.min(FILLED, pool.length); k++) {
        const [varName, v] = pool[Math.floor(random() * pool.length)]!;
        if (varName in facts) continue;
        const x = valueOf(varName, v);
        if (x !== undefined) facts[varName] = x;
      }
      out.push({ kind, name, regionCode, facts });
    }
  }
  return out;
}
