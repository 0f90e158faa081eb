/**
 * Browser-test harness: a real Seedbed server (embedded database in a fresh folder, demo data)
 * serving the built web app, and Debian's Chromium driven by playwright-core. Each test file
 * starts one of each and stops them afterwards; failures leave a screenshot in test-results/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OTPAuth from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { expectNoIdentifiers } from './identifiers.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
const CHROMIUM = process.env.SEEDBED_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

/** The demo data's shared password and second-factor secret (apps/server/src/demo/seed-demo.ts). */
export const DEMO_PASSWORD = 'Seedbed-demo-2026';
export const DEMO_TOTP_SECRET = 'KRSXG5CTMVSWIYTFMQYDEMRWGAYDEMRW';

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      if (address && typeof address === 'object') {
        const { port } = address;
        srv.close(() => resolvePort(port));
      } else {
        srv.close(() => reject(new Error('no port')));
      }
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the web app when dist/ is missing (scripts/test-all.sh builds it before the browser tests). */
export function ensureWebBuilt(): void {
  if (existsSync(join(REPO_ROOT, 'apps/web/dist/index.html')) && !process.env.SEEDBED_E2E_REBUILD) return;
  const result = spawnSync('npm', ['run', '-s', 'build', '-w', '@seedbed/web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed');
}

export interface RunningServer {
  baseUrl: string;
  /** Everything the server printed, for diagnosing a failure. */
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts Seedbed (`node --import tsx apps/server/src/main.ts`) on a free port with the demo data.
 * `home`: a folder of the caller's to keep the database in (a later server may start on it again;
 * the caller removes it), else a private one removed on stop. `clock`: the instant the server's
 * clock starts from (SEEDBED_DEMO_CLOCK).
 */
export async function startServer(options: { home?: string; clock?: string } = {}): Promise<RunningServer> {
  ensureWebBuilt();
  if (options.home || options.clock) return launch(options.home ?? mkdtempSync(join(tmpdir(), 'seedbed-e2e-')), !options.home, options.clock);
  // A private folder holding the database and what lives beside it (data key, audit checkpoints,
  // uploaded files), so servers of different test files never share any of it. It starts as a
  // copy of this run's seeded home, when the run has a cache (e2e/global-setup.ts): the first
  // start on an empty folder migrates and seeds the demo data (about 30 s), a start on a seeded
  // one only checks it (about 9 s).
  const home = mkdtempSync(join(tmpdir(), 'seedbed-e2e-'));
  const cache = process.env.SEEDBED_E2E_CACHE;
  if (cache) {
    const template = join(cache, `home-activity-${process.env.SEEDBED_DEMO_ACTIVITY ?? '0'}`);
    if (!existsSync(template)) {
      const building = mkdtempSync(join(cache, 'building-'));
      const first = await launch(building, false);
      await first.stop();
      renameSync(building, template);
    }
    cpSync(template, home, { recursive: true });
  }
  return launch(home, true);
}

/** Starts the server on `home` (its database and what lives beside it); `removeHome`: delete it on stop. */
async function launch(home: string, removeHome: boolean, clock?: string): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = join(home, 'pglite');
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEEDBED_DATA_DIR: dataDir,
      SEEDBED_DEMO: '1',
      // The demo's year of activity (applications, payments) only where a test asks for it (e2e/dashboard.e2e.ts).
      SEEDBED_DEMO_ACTIVITY: process.env.SEEDBED_DEMO_ACTIVITY ?? '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // Every person of a browser test signs in from 127.0.0.1: the per-address login limit (10 a
      // minute by default) is for one address's people, not a whole cast's. The limit itself is
      // tested in apps/server/test/auth.db.test.ts and security-login.db.test.ts.
      SEEDBED_LOGIN_RATE: process.env.SEEDBED_LOGIN_RATE ?? '600',
      NODE_ENV: 'development',
      ...(clock ? { SEEDBED_DEMO_CLOCK: clock } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exited = code ?? -1;
      r();
    }),
  );

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(10_000)]);
      if (exited === null) {
        child.kill('SIGKILL');
        await Promise.race([exit, sleep(5_000)]);
      }
    }
    if (removeHome) rmSync(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the server exited (${exited}) before it was healthy:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not healthy within 240 s:\n${output.slice(-4000)}`);
    }
    await sleep(250);
  }
  return { baseUrl, output: () => output, stop };
}

export interface RunningBrowser {
  context: BrowserContext;
  newPage: () => Promise<Page>;
  /** Console errors and uncaught page errors seen so far (a clean page has none). */
  errors: string[];
  close: () => Promise<void>;
}

/** Launches Debian's Chromium with a fresh profile. */
export async function launchBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<RunningBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'seedbed-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    context,
    errors,
    newPage: async () => {
      const existing = context.pages()[0];
      return existing && existing.url() === 'about:blank' ? existing : context.newPage();
    },
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
}

/**
 * Runs one browser scenario; if it fails, saves a full-page screenshot named after it. The page
 * the scenario ends on is checked for internal identifiers (e2e/identifiers.ts); call
 * `expectNoIdentifiers` on the pages it passes through on the way.
 */
export async function scenario<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    const result = await body();
    if (page.url().startsWith('http')) await expectNoIdentifiers(page, name);
    return result;
  } catch (error) {
    const path = screenshotPath(`FAILED-${name}`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    if (error instanceof Error) error.message += `\n(screenshot: ${path}; page: ${page.url()})`;
    throw error;
  }
}

/** A unique suffix for usernames and names, so tests never collide. */
/** The 30-second step whose one-time code each account last used (the server takes a code once). */
const usedStep = new Map<string, number>();

/**
 * Signs a demo account in through the login page. With `secondFactor`, it answers the one-time
 * code challenge with the demo secret; a second sign-in of the same account within one 30-second
 * step waits for the next code.
 */
export async function signIn(page: Page, baseUrl: string, username: string, secondFactor: boolean, clockOffsetMs = 0): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (secondFactor) {
    await page.getByRole('heading', { level: 1, name: '输入动态验证码' }).waitFor();
    const last = usedStep.get(username);
    // The code of the server's time (a demo clock may run ahead of the real one).
    while (last !== undefined && Math.floor((Date.now() + clockOffsetMs) / 30_000) <= last) await page.waitForTimeout(500);
    const now = Date.now() + clockOffsetMs;
    usedStep.set(username, Math.floor(now / 30_000));
    await page.keyboard.type(new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(DEMO_TOTP_SECRET) }).generate({ timestamp: now }));
    await page.keyboard.press('Enter');
  }
  try {
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  } catch (err) {
    // Say what the login page said (a lockout, a wrong code), not only that it stayed.
    const said = await page.locator('.ant-alert, .ant-form-item-explain-error, .ant-message').allInnerTexts().catch(() => []);
    await page.screenshot({ path: screenshotPath(`FAILED-sign-in-${username}`), fullPage: true }).catch(() => undefined);
    throw new Error(`${username} could not sign in: ${said.join(' | ') || 'the login page stayed without a message'}`, { cause: err });
  }
}

export const unique = (): string => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/**
 * A signed-in API client for setting up what the browser then sees (e.g. an officer verifying
 * facts). Keeps the session cookie and sends the CSRF token, as the web app does.
 */
export class ApiSession {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // The token first: fetching it sets the cookie it is checked against.
    if (method !== 'GET') headers['x-csrf-token'] = await this.token();
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Uploads one file (multipart), as the web app's upload does; answers the stored file's id. */
  async upload(name: string, bytes: Buffer, contentType: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), name);
    const headers = { 'x-csrf-token': await this.token(), cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'application/json' };
    const res = await fetch(`${this.baseUrl}/api/v1/files`, { method: 'POST', headers, body: form });
    const body = (await res.json()) as { id?: string };
    if (res.status !== 201 || !body.id) throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
    return body.id;
  }

  private async token(): Promise<string> {
    if (!this.csrf) {
      this.csrf = '';
      const { body } = await this.request<{ token: string }>('GET', '/auth/csrf');
      this.csrf = body.token;
    }
    return this.csrf;
  }

  /** Signs in, answering a second-factor challenge with codes from `totpSecret`. */
  async login(username: string, password: string, totpCode?: () => string): Promise<void> {
    const first = await this.request<{ status: string; ticket?: string }>('POST', '/auth/login', { username, password });
    if (first.status !== 200) throw new Error(`login of ${username} failed: ${first.status} ${JSON.stringify(first.body)}`);
    if (first.body.status === 'mfa_required') {
      if (!totpCode) throw new Error(`${username} needs a one-time code`);
      const second = await this.request<{ status: string }>('POST', '/auth/mfa', { ticket: first.body.ticket, code: totpCode() });
      if (second.status !== 200) throw new Error(`second factor of ${username} failed: ${second.status} ${JSON.stringify(second.body)}`);
    }
    this.csrf = null;
  }
}

/**
 * Follows an entry of the header's navigation by its label, opening its group (我的, 创业服务,
 * 服务监管, 管理) first when the entry sits in one.
 */
export async function followNav(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: '主导航' });
  const link = nav.getByRole('link', { name: label, exact: true });
  if (!(await link.isVisible())) {
    await nav.locator('.sb-nav-group').filter({ has: page.locator('a', { hasText: label }) }).getByRole('button').click();
  }
  await link.click();
}

/**
 * Picks a region in an open region cascader, level by level (e.g. 广西壮族自治区 → 南宁市 → 青秀区).
 * A level's children load from the server when it is clicked; a click that landed while the
 * menu was still moving is repeated until the next level shows.
 */
export async function pickRegion(page: Page, names: readonly string[]): Promise<void> {
  const item = (name: string) => page.locator(`.ant-cascader-menu-item[title="${name}"]`).first();
  for (const [index, name] of names.entries()) {
    const option = item(name);
    await option.waitFor();
    await option.click();
    const next = names[index + 1];
    if (next === undefined) break;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await item(next).waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await option.click();
      }
    }
  }
}

/**
 * Chooses `title` in the select whose input is `#fieldId`, then waits for `field` (the form item
 * around it) to show it. On a loaded machine a click on an option can land while the list is
 * still moving and be lost; it is repeated (after a wait long enough for a late render, so a
 * choice that did register is never clicked twice and toggled off).
 */
export async function chooseOption(page: Page, fieldId: string, title: string, field: Locator): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    if ((await field.innerText()).includes(title)) return;
    // This select's own list (another select's list may still be closing).
    const list = page.locator('.ant-select-dropdown:visible').filter({ has: page.locator(`#${fieldId}_list`) });
    if ((await list.count()) === 0) await page.locator(`#${fieldId}`).click();
    await list.locator(`[title="${title}"]`).first().click();
    try {
      await expect.poll(() => field.innerText(), { timeout: 4_000 }).toContain(title);
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/**
 * Chooses the option labelled exactly `label` in `select` (an Ant Design select without an id),
 * typing `search` first when given, then waits for the select to show it. A lost click on a
 * loaded machine is repeated as in chooseOption.
 */
export async function chooseInSelect(page: Page, select: Locator, label: string, search?: string): Promise<void> {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  for (let attempt = 1; ; attempt += 1) {
    if ((await select.innerText()).includes(label)) return;
    const list = page.locator('.ant-select-dropdown:visible');
    if ((await list.count()) === 0) {
      await select.click();
      if (search) {
        // A search left from a lost attempt is replaced, not added to.
        await page.keyboard.press('ControlOrMeta+A');
        await page.keyboard.type(search);
      }
    }
    await list.locator('.ant-select-item-option').filter({ hasText: exact }).first().click();
    try {
      await expect.poll(() => select.innerText(), { timeout: 4_000 }).toContain(label);
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}

/**
 * Opens the tab named `name` and waits until it is the selected one. A click that lands while the
 * tab bar is still scrolling its selected tab into view (on a phone) can be lost: it is repeated.
 */
export async function openTab(page: Page, name: string | RegExp): Promise<void> {
  const selected = page.getByRole('tab', { name, selected: true });
  for (let attempt = 1; ; attempt += 1) {
    await page.getByRole('tab', { name }).click();
    try {
      await selected.waitFor({ timeout: 4_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * Reloads the inbox until a notification with the text shows (background jobs write them), up to
 * 30 times a second apart; fails naming the text otherwise.
 */
export async function waitForNotification(page: Page, baseUrl: string, text: string): Promise<void> {
  const note = page.getByTestId('notification').filter({ hasText: text });
  for (let i = 0; i < 30; i++) {
    await page.goto(`${baseUrl}/notifications`);
    // The inbox has loaded once it shows either notifications or its empty state.
    await page.locator('[data-testid="notification"], .ant-empty').first().waitFor();
    if ((await note.count()) > 0) return;
    await page.waitForTimeout(1000);
  }
  throw new Error(`the inbox never showed "${text}"`);
}

/** A carrier operator registers a carrier on 载体管理 (/carriers-mine), through its form, and sees it registered. */
export async function registerCarrier(
  page: Page,
  baseUrl: string,
  c: { name: string; kind: string; region: readonly string[]; address: string; areaTotal: string; areaTenant: string; areaPublic: string },
): Promise<void> {
  await page.goto(`${baseUrl}/carriers-mine`);
  await page.getByRole('heading', { level: 1, name: '载体管理' }).waitFor();
  await page.getByTestId('carrier-name').fill(c.name);
  await page.getByTestId('carrier-kind').click();
  await page.locator('.ant-select-item-option', { hasText: c.kind }).first().click();
  await page.getByLabel('所在区县', { exact: true }).click();
  await pickRegion(page, c.region);
  await page.getByTestId('carrier-address').fill(c.address);
  await page.getByTestId('carrier-area-total').fill(c.areaTotal);
  await page.getByTestId('carrier-area-tenant').fill(c.areaTenant);
  await page.getByTestId('carrier-area-public').fill(c.areaPublic);
  await page.getByTestId('register-carrier').click();
  await page.getByText('载体已登记').waitFor();
}

export interface BrowserSession {
  /** The server's address (after the file's `beforeAll`). */
  baseUrl(): string;
  url(path: string): string;
  /**
   * A new browser context (zh-CN, Asia/Shanghai) signed in as `username` (with the second factor
   * where the account has one), or a visitor when `username` is null; its uncaught page errors
   * go to `errors`.
   */
  person(username: string | null, secondFactor?: boolean, viewport?: { width: number; height: number }): Promise<Page>;
  /** Uncaught page errors seen so far, each prefixed by whose page it was. */
  errors: string[];
}

/**
 * One server and one Chromium for a test file, started before its tests and stopped after them,
 * with a context per person: the set-up every scenario file shares.
 */
export function browserSession(
  options: {
    timeout?: number;
    /** How the server starts (default: `startServer()`), e.g. after setting up on an earlier one. */
    start?: () => Promise<RunningServer>;
    /** How far the server's clock runs ahead of the real one (a demo clock), for one-time codes. */
    clockOffsetMs?: () => number;
  } = {},
): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  beforeAll(async () => {
    server = await (options.start ?? startServer)();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  const baseUrl = () => {
    if (!server) throw new Error('the browser session has not started (used outside a test?)');
    return server.baseUrl;
  };
  return {
    baseUrl,
    url: (path) => `${baseUrl()}${path}`,
    errors,
    async person(username, secondFactor = false, viewport = { width: 1366, height: 900 }) {
      if (!browser) throw new Error('the browser session has not started (used outside a test?)');
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
      context.setDefaultTimeout(options.timeout ?? 15_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(`${username ?? 'public'}: ${err.message}`));
      if (username) await signIn(page, baseUrl(), username, secondFactor, options.clockOffsetMs?.() ?? 0);
      return page;
    },
  };
}

/** A small well-formed PDF with one line of text (the server checks the structure from the bytes). */
export function samplePdf(text = 'Seedbed'): Buffer {
  const stream = Buffer.from(`BT /F1 12 Tf 72 720 Td (${text}) Tj ET`, 'latin1');
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1'),
  ]);
}
