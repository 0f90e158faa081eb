/**
 * First load of the home page and the calculator on a phone (see bench/README.md, "web"): a real
 * Seedbed server (embedded database, demo data) serving the built web app, Debian's Chromium
 * through playwright-core with a phone viewport, throttled over CDP (network ~Fast 3G, CPU 4×).
 * Prints script requests, JS bytes transferred (encoded, as on the wire) against the 350 KiB
 * budget, JS bytes decoded, first contentful paint throttled and unthrottled, and a cache check
 * (a second visit transfers no JS; hashed assets carry a year's immutable caching).
 * Prints figures; asserts no times. Exits non-zero only when it cannot run.
 *
 *   BENCH_WEB_DIST=/path/to/dist   another build to measure (default apps/web/dist)
 *   BENCH_PAGES=/,/calculator      the pages
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { FIRST_LOAD_BUDGET_BYTES, firstLoadJs, readManifest, total } from './first-load.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIST = resolve(process.env.BENCH_WEB_DIST ?? join(ROOT, 'apps/web/dist'));
const PAGES = (process.env.BENCH_PAGES ?? '/,/calculator').split(',');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
/** ~Fast 3G: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip; a mid-range phone's CPU (4× slower). */
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** The Seedbed server as the browser tests start it (e2e/harness.ts), serving DIST. */
async function startServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const home = mkdtempSync(join(tmpdir(), 'seedbed-bench-web-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SEEDBED_DATA_DIR: join(home, 'pglite'), SEEDBED_DEMO: '1', SEEDBED_DEMO_ACTIVITY: '0', SEEDBED_WEB_DIST: DIST, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  let exited = false;
  const exit = new Promise<void>((r) => child.once('exit', () => ((exited = true), r())));
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(10_000)]);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before it was healthy:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not healthy within 240 s:\n${output}`);
    }
    await sleep(250);
  }
  return { baseUrl, stop };
}

interface ScriptLoad {
  url: string;
  /** Bytes on the wire: headers and (compressed) body. */
  encoded: number;
  /** Bytes of the response's headers. */
  headers: number;
  decoded: number;
  cacheControl?: string;
  encoding?: string;
  fromCache: boolean;
}

interface Visit {
  scripts: ScriptLoad[];
  fcp: number | null;
}

/** Records every script response of `page` (through CDP) while `run` navigates. */
async function recordScripts(cdp: CDPSession, run: () => Promise<void>): Promise<ScriptLoad[]> {
  const byId = new Map<string, ScriptLoad>();
  const onResponse = (e: { requestId: string; type?: string; response: { url: string; headers: Record<string, string>; mimeType: string; encodedDataLength?: number; fromDiskCache?: boolean; fromPrefetchCache?: boolean } }) => {
    if (e.type !== 'Script' && !/javascript/.test(e.response.mimeType)) return;
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    byId.set(e.requestId, { url: e.response.url, encoded: 0, headers: e.response.encodedDataLength ?? 0, decoded: 0, cacheControl: h['cache-control'], encoding: h['content-encoding'], fromCache: !!e.response.fromDiskCache || !!e.response.fromPrefetchCache });
  };
  const onData = (e: { requestId: string; dataLength: number }) => {
    const s = byId.get(e.requestId);
    if (s) s.decoded += e.dataLength;
  };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    const s = byId.get(e.requestId);
    if (s) s.encoded = e.encodedDataLength;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.dataReceived', onData);
  cdp.on('Network.loadingFinished', onFinished);
  cdp.on('Network.requestServedFromCache', (e: { requestId: string }) => {
    const s = byId.get(e.requestId);
    if (s) s.fromCache = true;
  });
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; type?: string; request: { url: string } }) => {
    if (e.type === 'Script' && !byId.has(e.requestId)) byId.set(e.requestId, { url: e.request.url, encoded: 0, headers: 0, decoded: 0, fromCache: false });
  });
  await run();
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.dataReceived', onData);
  cdp.off('Network.loadingFinished', onFinished);
  return [...byId.values()];
}

/** The page's first contentful paint (ms after navigation start); waits for it up to 30 s, as Chromium may report it after the network is quiet. */
async function fcpOf(page: Page): Promise<number | null> {
  const handle = await page
    .waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, undefined, { timeout: 30_000, polling: 100 })
    .catch(() => null);
  return handle ? ((await handle.jsonValue()) as number) : null;
}

/** A cold visit of `path` in a fresh phone context, then (cache check) a second visit in the same context. */
async function visit(browser: Browser, url: string, throttled: boolean): Promise<{ cold: Visit; warm: Visit }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  const go = async () => {
    await page.goto(url, { waitUntil: 'load', timeout: 180_000 });
    // The lazily loaded route's chunks and its first data: wait until the network is quiet.
    await page.waitForLoadState('networkidle', { timeout: 180_000 }).catch(() => undefined);
  };
  const coldScripts = await recordScripts(cdp, go);
  const cold = { scripts: coldScripts, fcp: await fcpOf(page) };
  const warmScripts = await recordScripts(cdp, go);
  const warm = { scripts: warmScripts, fcp: await fcpOf(page) };
  await context.close();
  return { cold, warm };
}

function manifestFigures(): void {
  if (!existsSync(join(DIST, '.vite', 'manifest.json'))) {
    console.log('(no .vite/manifest.json in this build: static first-load figures skipped)');
    return;
  }
  const manifest = readManifest(DIST);
  const key = (suffix: string) => Object.keys(manifest).find((k) => k.endsWith(suffix));
  console.log('\nFrom the build manifest (entry + static imports; gzip 9 / brotli 11, as precompressed):');
  const rows: [string, (string | undefined)[]][] = [
    ['entry only', []],
    ['/ (home page route)', [key('home/home-page.tsx')]],
    ['/calculator (calculator route)', [key('finder/calculator-page.tsx')]],
  ];
  for (const [name, extra] of rows) {
    const sizes = firstLoadJs(DIST, extra.filter((x): x is string => !!x));
    console.log(`  ${name.padEnd(32)} ${String(sizes.length).padStart(3)} files  ${kib(total(sizes, 'bytes')).padStart(11)} raw  ${kib(total(sizes, 'gzip')).padStart(10)} gzip (${(total(sizes, 'gzip') / FIRST_LOAD_BUDGET_BYTES).toFixed(2)}× budget)  ${kib(total(sizes, 'brotli')).padStart(10)} brotli (${(total(sizes, 'brotli') / FIRST_LOAD_BUDGET_BYTES).toFixed(2)}×)`);
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no built web app at ${DIST} (npm run build:web)`);
  console.log(`web first load — build ${DIST}`);
  manifestFigures();
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.SEEDBED_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    console.log(`\nIn Chromium, phone 390×844; throttled = ${NETWORK.latency} ms RTT, ${((NETWORK.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbit/s down, CPU ${CPU_SLOWDOWN}× slower. Budget ${kib(FIRST_LOAD_BUDGET_BYTES)} of JS transferred.`);
    for (const path of PAGES) {
      const url = `${server.baseUrl}${path}`;
      const fast = await visit(browser, url, false);
      const slow = await visit(browser, url, true);
      const s = slow.cold.scripts;
      const encoded = s.reduce((n, x) => n + x.encoded, 0);
      const bodies = s.reduce((n, x) => n + Math.max(0, x.encoded - x.headers), 0);
      const decoded = s.reduce((n, x) => n + x.decoded, 0);
      const hashed = s.filter((x) => new URL(x.url).pathname.startsWith('/assets/'));
      const immutable = hashed.filter((x) => x.cacheControl === YEAR_IMMUTABLE).length;
      const encodings = [...new Set(s.map((x) => x.encoding ?? 'identity'))].join(', ');
      const warmBytes = slow.warm.scripts.reduce((n, x) => n + x.encoded, 0);
      const warmFromCache = slow.warm.scripts.filter((x) => x.fromCache || x.encoded === 0).length;
      const ms = (v: number | null) => (v === null ? 'n/a' : `${Math.round(v)} ms`);
      console.log(`\n${path}`);
      console.log(`  script requests                 ${s.length}`);
      console.log(`  JS transferred, bodies          ${kib(bodies)}  = ${(bodies / FIRST_LOAD_BUDGET_BYTES).toFixed(2)}× the 350 KiB budget  (content-encoding: ${encodings})`);
      console.log(`  JS transferred, with headers    ${kib(encoded)}  = ${(encoded / FIRST_LOAD_BUDGET_BYTES).toFixed(2)}×`);
      console.log(`  JS decoded (uncompressed)       ${kib(decoded)}`);
      console.log(`  first contentful paint          ${ms(slow.cold.fcp)} throttled, ${ms(fast.cold.fcp)} unthrottled`);
      console.log(`  hashed scripts with "${YEAR_IMMUTABLE}": ${immutable} of ${hashed.length}`);
      console.log(`  second visit (same context)     ${slow.warm.scripts.length} script loads, ${warmFromCache} from cache, ${kib(warmBytes)} JS transferred; FCP ${ms(slow.warm.fcp)} throttled`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
