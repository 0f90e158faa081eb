/**
 * One profile against the synthetic catalogue at 100 and at 5,000 items (`evaluateAll`, with
 * explanations): µs per item for each and their ratio, measured in the same run. Target: the
 * 5,000-item catalogue costs at most 2× per item what the 100-item one costs.
 *
 *   node --import tsx bench/rules/catalog.ts        # or BENCH_SECTION=catalog bash bench/rules/run.sh
 *   BENCH_CATALOG_RUNS=50 node --import tsx bench/rules/catalog.ts   # at least 50 runs at 5,000 items (2,500 at 100)
 *
 * Each side is measured twice, interleaved (the machine is shared), and the lower median kept.
 */
import { evaluateAll, type Catalog } from '@seedbed/rules';
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

/** Median (and p95) of one evaluateAll: at least `minRuns` runs and `budgetMs`, after a fifth of that as warm-up; times in ms. */
export function measure(catalog: Catalog, minRuns: number, budgetMs: number): { medianMs: number; p95Ms: number; runs: number; cpuMs: number } {
  const input = { date: DATE, facts: PROFILE };
  const warm = performance.now();
  for (let i = 0; i < minRuns / 5 || performance.now() - warm < budgetMs / 5; i++) evaluateAll(catalog, input);
  const times: number[] = [];
  const cpu: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < budgetMs) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const vs = evaluateAll(catalog, input);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (vs.length !== catalog.items.size || !vs[0]!.criteria[0]!.sentence.zh) throw new Error('unexpected');
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, p95Ms: times[Math.floor(times.length * 0.95)]!, runs: times.length, cpuMs: cpu.reduce((s, x) => s + x, 0) / cpu.length };
}

export async function catalogSection(): Promise<void> {
  const runs = Number(process.env.BENCH_CATALOG_RUNS ?? 20);
  const small = hundredItemCatalog(7, 100);
  const large = hundredItemCatalog(7, 5000);
  console.log(`\n## One profile × 100 vs × 5,000 items (evaluateAll, explanations included; load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
  // Interleaved, so that a change of load on the shared machine touches both sides alike.
  const a1 = measure(small, runs * 50, 1000);
  const b1 = measure(large, runs, 3000);
  const a2 = measure(small, runs * 50, 1000);
  const b2 = measure(large, runs, 3000);
  const a = a1.medianMs <= a2.medianMs ? a1 : a2;
  const b = b1.medianMs <= b2.medianMs ? b1 : b2;
  const perA = (a.medianMs * 1000) / small.items.size;
  const perB = (b.medianMs * 1000) / large.items.size;
  console.log(`× ${small.items.size} items: median ${a.medianMs.toFixed(3)} ms (p95 ${a.p95Ms.toFixed(3)}, ${a.runs} runs) = ${perA.toFixed(2)} µs per item`);
  console.log(`× ${large.items.size} items: median ${b.medianMs.toFixed(3)} ms (p95 ${b.p95Ms.toFixed(3)}, ${b.runs} runs) = ${perB.toFixed(2)} µs per item`);
  console.log(`ratio per item, 5,000 vs 100: ${(perB / perA).toFixed(2)}×   (target ≤ 2×) ${perB / perA <= 2 ? 'PASS' : 'FAIL'}`);
  // The process's CPU time (its garbage collector's threads included): what other processes on a shared machine do not inflate.
  const cpuA = (Math.min(a1.cpuMs, a2.cpuMs) * 1000) / small.items.size;
  const cpuB = (Math.min(b1.cpuMs, b2.cpuMs) * 1000) / large.items.size;
  console.log(`CPU time per item (mean): ${cpuA.toFixed(2)} µs × 100, ${cpuB.toFixed(2)} µs × 5,000 — ratio ${(cpuB / cpuA).toFixed(2)}× (diagnostic)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await catalogSection();
