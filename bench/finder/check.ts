/**
 * Benchmark: the anonymous eligibility check over the whole catalogue against a bare Fastify
 * JSON route, both measured in this run with autocannon over loopback, each server in its own
 * process. Target: the check sustains ≥ 25% of the bare route's requests per second.
 * The check requests cycle through distinct profiles (founders at different stages, several
 * districts), so nothing is answered from a cache of identical requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** BENCH_CATALOG_ITEMS=5000: the server's catalogue is scaled to that many published items (check-server.ts); target ≥ 10%. */
const ITEMS = Number(process.env.BENCH_CATALOG_ITEMS ?? 0);
const TARGET = ITEMS > 0 ? 0.1 : 0.25;

function start(mode: string): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/finder/check-server.ts', mode], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.once('exit', (code) => {
      reject(new Error(`${mode} server exited (${code})`));
      process.exit(1);
    });
  });
}

const REGIONS = ['450103', '450102', '450107', '360111', '360602', '530402', '430304'];
function profiles(n: number, extra: object = {}): object[] {
  const out: object[] = [];
  for (let i = 0; i < n; i++) {
    const year = 2014 + (i % 12);
    out.push({
      ...extra,
      region: REGIONS[i % REGIONS.length],
      date: '2026-11-20',
      profile: {
        founded_on: `${year}-0${1 + (i % 9)}-1${i % 10}`,
        industry: ['I65', 'C30', 'F52', 'M73', 'C34'][i % 5],
        employees: 3 + ((i * 7) % 120),
        revenue: ((i * 37) % 3000) * 1_000_000,
        total_assets: ((i * 53) % 2500) * 1_000_000,
        is_tech_sme: i % 2 === 0,
        is_high_tech_enterprise: i % 3 === 0,
        is_small_scale_taxpayer: i % 4 === 0,
      },
    });
  }
  return out;
}

async function measure(url: string, bodies: object[]): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const requests = bodies.map((b) => ({ method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }));
  // Warm-up, then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, requests });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));
const bare = await start('bare');
children.push(bare.child);
const seedbed = await start('seedbed');
children.push(seedbed.child);
try {
  const probe = await fetch(`http://127.0.0.1:${seedbed.port}/api/v1/eligibility/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(profiles(1)[0]) });
  const body = (await probe.json()) as { items: unknown[] };
  console.log(`load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
  console.log(`whole catalogue${ITEMS > 0 ? ` scaled to ${ITEMS} published items` : ''}: ${body.items.length} items per check; ${DURATION} s per measurement, ${CONNECTIONS} connections, 500 distinct profiles`);
  const b = await measure(`http://127.0.0.1:${bare.port}/check`, [{ profile: {} }]);
  console.log(`bare Fastify JSON route            : ${b.rps.toFixed(0)} req/s (p99 ${b.p99} ms, errors ${b.errors}, non-2xx ${b.non2xx})`);
  const noop = await measure(`http://127.0.0.1:${seedbed.port}/api/v1/bench/noop`, [{ profile: {} }]);
  console.log(`same trivial route in the Seedbed app: ${noop.rps.toFixed(0)} req/s = ${((noop.rps / b.rps) * 100).toFixed(1)}% of bare (diagnostic: the cost of Seedbed's hooks and plugins)`);
  // The default (summary) is what the target is about: every item of the catalogue for one profile.
  // The full forms are reported beside it: one opened item (what the calculator fetches when a
  // person opens a policy), and every item's full explanation in one answer (diagnostic).
  // [name, request extra, counts for the target, also measure its bytes as a fixed body from the bare server]
  const variants: [string, object, boolean, boolean][] =
    ITEMS > 0
      ? [
          // A catalogue this large is read a page at a time (`limit`): the summary counts every item, `items` holds the page.
          ['check, summary, a page of 20', { limit: 20 }, true, false],
          ['check, summary, zh only, a page of 20', { lang: 'zh', limit: 20 }, true, false],
          ['check, summary, every item in one answer', {}, false, true],
          ['check, full, one opened item', { detail: 'full', items: ['nn.startup-guaranteed-loan'] }, false, false],
        ]
      : [
          ['check, summary, zh+en (default)', {}, true, false],
          ['check, summary, zh only', { lang: 'zh' }, true, false],
          ['check, full, one opened item', { detail: 'full', items: ['nn.startup-guaranteed-loan'] }, true, false],
          ['check, full, whole catalogue', { detail: 'full' }, false, true],
        ];
  let failed = false;
  for (const [name, extra, target, ceiling] of variants) {
    const bodies = profiles(500, extra);
    const probe = await fetch(`http://127.0.0.1:${seedbed.port}/api/v1/eligibility/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodies[0]) });
    if (probe.status !== 200) throw new Error(`${name}: ${probe.status} ${await probe.text()}`);
    const size = (await probe.arrayBuffer()).byteLength;
    const s = await measure(`http://127.0.0.1:${seedbed.port}/api/v1/eligibility/check`, bodies);
    const ratio = s.rps / b.rps;
    const verdict = target ? (ratio >= TARGET ? 'PASS' : 'FAIL') : 'diagnostic';
    if (target && ratio < TARGET) failed = true;
    console.log(`${name.padEnd(35)}: ${s.rps.toFixed(0)} req/s (p99 ${s.p99} ms, non-2xx ${s.non2xx}, ${(size / 1024).toFixed(1)} KiB) — ${(ratio * 100).toFixed(1)}% of bare (target ≥ ${TARGET * 100}%) ${verdict}`);
    if (ceiling) {
      // The same bytes served as a fixed body by the bare server: no evaluation at all, so this is
      // the ceiling that the response's size and content (autocannon decodes it) allow.
      const body = await (await fetch(`http://127.0.0.1:${seedbed.port}/api/v1/eligibility/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bodies[0]) })).arrayBuffer();
      await fetch(`http://127.0.0.1:${bare.port}/fixed`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from(body) });
      const f = await measure(`http://127.0.0.1:${bare.port}/fixed`, [{ profile: {} }]);
      console.log(`${'  same bytes as a fixed body, bare'.padEnd(35)}: ${f.rps.toFixed(0)} req/s — ${((f.rps / b.rps) * 100).toFixed(1)}% of bare (ceiling for that response)`);
    }
  }
  process.exitCode = failed ? 1 : 0;
} finally {
  bare.child.kill('SIGTERM');
  seedbed.child.kill('SIGTERM');
}
process.exit(process.exitCode ?? 0);
