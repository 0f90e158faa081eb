/**
 * One profile against the synthetic catalogue at 100 and at 5,000 items, every item evaluated and
 * explained (criteria with their sentences, amount with its steps, gaps, conflicts): µs per item
 * for each and their ratio, measured in the same run. Target: the 5,000-item catalogue costs at
 * most 2× per item what the 100-item one costs.
 *
 * The target is measured on `verdictsOf`, the verdicts handed over one at a time, as the
 * re-matching after a profile change takes them (each is recorded and dropped). `evaluateAll`,
 * which keeps all of them in one array, is reported beside it: the same work, plus the garbage
 * collector copying 5,000 explained verdicts that stay alive until the last one is made.
 *
 *   node --import tsx bench/rules/catalog.ts        # or BENCH_SECTION=catalog bash bench/rules/run.sh
 *   BENCH_CATALOG_RUNS=50 node --import tsx bench/rules/catalog.ts   # at least 50 runs at 5,000 items (2,500 at 100)
 *
 * Each side is measured three times, interleaved (the machine is shared), and the lowest median kept.
 * Criteria with the same rule (the synthetic catalogue draws its rules from fourteen shapes with
 * random thresholds) are explained once per evaluation; the distinct rules are printed beside the counts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { evaluateAll, verdictsOf, type Catalog, type Verdict } from '@seedbed/rules';
import { DATE, hundredItemCatalog } from './synthetic.js';

export const PROFILE = {
  founded_on: '2021-03-04',
  size_class: 'small',
  employees: 23,
  qualifying_hires: 3,
  revenue: 380000000,
  is_high_tech_enterprise: true,
  on_serious_violation_list: false,
  equipment_investment: 12000000,
  region: '450103',
  rd_ratio: 4.5,
};

/** One profile against the whole catalogue: `stream` looks at each verdict and drops it; `held` keeps them all (evaluateAll). */
type Way = 'stream' | 'held';

function once(catalog: Catalog, input: { date: string; facts: typeof PROFILE }, way: Way): void {
  let n = 0;
  let first: Verdict | undefined;
  if (way === 'held') {
    const vs = evaluateAll(catalog, input);
    n = vs.length;
    first = vs[0];
  } else
    for (const v of verdictsOf(catalog, input)) {
      first ??= v;
      n++;
    }
  if (n !== catalog.items.size || !first!.criteria[0]!.sentence.zh) throw new Error('unexpected');
}

/** Median (and p95) of one pass: at least `minRuns` runs and `budgetMs`, after a fifth of that as warm-up; times in ms. */
export function measure(catalog: Catalog, minRuns: number, budgetMs: number, way: Way = 'stream'): { medianMs: number; p95Ms: number; runs: number; cpuMs: number } {
  const input = { date: DATE, facts: PROFILE };
  const warm = performance.now();
  for (let i = 0; i < minRuns / 5 || performance.now() - warm < budgetMs / 5; i++) once(catalog, input, way);
  const times: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < budgetMs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    once(catalog, input, way);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, p95Ms: times[Math.floor(times.length * 0.95)]!, runs: times.length, cpuMs: cpu.reduce((s, x) => s + x, 0) / cpu.length };
}

const ROUNDS = 3;

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function catalogSection(): Promise<void> {
  const runs = Number(process.env.BENCH_CATALOG_RUNS ?? 20);
  const small = hundredItemCatalog(7, 100);
  const large = hundredItemCatalog(7, 5000);
  // Compiling 5,000 items from their text leaves hundreds of MB of garbage behind; a server
  // compiles its catalogue once and runs for days. Collected before measuring, so that the
  // measurement is of evaluating, not of a heap the compile left (it slowed every young collection).
  collectGarbage();
  console.log(`\n## One profile × 100 vs × 5,000 items (every item evaluated and explained; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
  // Criteria with the same rule share its text, values and gap within one evaluation: how many rules there are to explain.
  for (const c of [small, large]) {
    const rules = new Set<number>();
    let criteria = 0;
    for (const it of c.items.values())
      for (const cr of it.criteria) {
        rules.add(cr.node.id);
        criteria++;
      }
    console.log(`  × ${c.items.size} items: ${criteria} criteria, ${rules.size} distinct rules among them`);
  }
  for (const way of ['stream', 'held'] as const) {
    // Interleaved rounds, so that a change of load on the shared machine touches both sides alike;
    // each side's lowest median is kept (this machine has spells of running at half speed).
    const as: ReturnType<typeof measure>[] = [];
    const bs: ReturnType<typeof measure>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      as.push(measure(small, runs * 50, 1000, way));
      bs.push(measure(large, runs, 3000, way));
    }
    const a = as.reduce((x, y) => (y.medianMs < x.medianMs ? y : x));
    const b = bs.reduce((x, y) => (y.medianMs < x.medianMs ? y : x));
    const perA = (a.medianMs * 1000) / small.items.size;
    const perB = (b.medianMs * 1000) / large.items.size;
    const ratio = perB / perA;
    console.log(way === 'stream' ? 'verdictsOf — each verdict handed over and dropped (what re-matching after a profile change does):' : 'evaluateAll — every verdict kept in one array until the last (diagnostic):');
    console.log(`  × ${small.items.size} items: median ${a.medianMs.toFixed(3)} ms (p95 ${a.p95Ms.toFixed(3)}, ${a.runs} runs) = ${perA.toFixed(2)} µs per item`);
    console.log(`  × ${large.items.size} items: median ${b.medianMs.toFixed(3)} ms (p95 ${b.p95Ms.toFixed(3)}, ${b.runs} runs) = ${perB.toFixed(2)} µs per item`);
    console.log(`  ratio per item, 5,000 vs 100: ${ratio.toFixed(2)}×${way === 'stream' ? `   (target ≤ 2×) ${ratio <= 2 ? 'PASS' : 'FAIL'}` : ' (diagnostic)'}`);
    // The process's CPU time (its garbage collector's threads included): what other processes on a shared machine do not inflate.
    const cpuA = (Math.min(...as.map((x) => x.cpuMs)) * 1000) / small.items.size;
    const cpuB = (Math.min(...bs.map((x) => x.cpuMs)) * 1000) / large.items.size;
    console.log(`  CPU time per item (mean): ${cpuA.toFixed(2)} µs × 100, ${cpuB.toFixed(2)} µs × 5,000 — ratio ${(cpuB / cpuA).toFixed(2)}× (diagnostic)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await catalogSection();
