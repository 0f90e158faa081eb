import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { copySeededFiles, createServerDatabase, databaseUrl, seededState, templatePrefix, whileInUse, type SeededState } from './seeded-cache.js';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { fixedClock } from '../src/platform/clock.js';
import { readConfig, type Config } from '../src/platform/config.js';
import { openDatabase, type Database } from '../src/platform/database.js';
import { EventBus } from '../src/platform/events.js';
import { benefitHistory } from '../src/workflows/benefit-history.js';
import { publishImpact } from '../src/modules/finder/index.js';
import { applicationChannelsOf } from '../src/modules/fulfilment/index.js';
import type { AppDeps, AppInstance } from '../src/platform/http.js';
import { assembleModules, type ModuleManifest } from '../src/platform/module.js';
import { MODULES } from '../src/manifests.js';
import { totpCode } from '../src/modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/demo/seed-demo.js';
import { voucherPaymentsOf } from '../src/modules/vouchers/index.js';
import { samplePdf } from '../src/modules/files/files.samples.js';

/**
 * A database for one test file: in-memory PGlite by default; a fresh database on the
 * PostgreSQL server at DATABASE_URL when it is set (dropped again on close). Migrated unless
 * `migrate: false`; `migrateBefore` (a migration's file name) stops short of it, so that a test
 * of a data migration can write rows of the old shape and then migrate the rest. A fully migrated
 * database starts from this run's migrated template (test/seeded-cache.ts) when there is one.
 */
export async function testDatabase(options: { migrate?: boolean; migrateBefore?: string } = {}): Promise<Database & { url?: string }> {
  const whole = options.migrate !== false && options.migrateBefore === undefined;
  if (whole) {
    const state = await migratedState();
    if (state) return databaseFrom(state);
  }
  return freshDatabase(options);
}

const TEMPLATE_PREFIX = templatePrefix(process.env.SEEDBED_TEST_RUN ?? 'none');

/** This run's migrated, empty database (undefined outside the run's global set-up). */
const migratedState = () => seededState({ migrated: true }, async () => finishTemplate(await freshDatabase({ migrate: true }, TEMPLATE_PREFIX), randomBytes(32)));

/** A migrated database to seed a template in: kept (not dropped) by `finishTemplate`. */
async function templateBuilder(): Promise<ServerOrEmbedded> {
  const state = await migratedState();
  return state ? databaseFrom(state, TEMPLATE_PREFIX) : freshDatabase({ migrate: true }, TEMPLATE_PREFIX);
}

type ServerOrEmbedded = Database & { url?: string; name?: string; keep?: () => Promise<void> };

/** Closes a template's builder: PGlite answers its archive, a server database its name. */
async function finishTemplate(built: ServerOrEmbedded, dataKey: Buffer): Promise<{ dataKey: Buffer; archive?: Blob; template?: string }> {
  if (built.kind === 'pglite') {
    const archive = await built.dumpDataDir!();
    await built.close();
    return { dataKey, archive };
  }
  // The template itself stays (the run's teardown drops it); only the pool closes.
  await built.keep!();
  return { dataKey, template: built.name! };
}

/** A private copy of a cached state's database. */
async function databaseFrom(state: SeededState, prefix = 'seedbed_test_'): Promise<ServerOrEmbedded> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ dataDir: 'memory://', loadDataDir: state.archive! });
  const name = await createServerDatabase(serverUrl, prefix, state.template!);
  return serverDatabase(serverUrl, name);
}

async function freshDatabase(options: { migrate?: boolean; migrateBefore?: string }, prefix = 'seedbed_test_'): Promise<ServerOrEmbedded> {
  const serverUrl = process.env.DATABASE_URL;
  const migrate = async (database: Database) => {
    if (options.migrate === false) return;
    await database.migrate(undefined, options.migrateBefore === undefined ? {} : { before: options.migrateBefore });
  };
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return database;
  }
  const name = await createServerDatabase(serverUrl, prefix);
  const database = await serverDatabase(serverUrl, name);
  await migrate(database);
  return database;
}

/** Database `name` on the server, dropped again on close (`keep` closes without dropping). */
async function serverDatabase(serverUrl: string, name: string): Promise<Database & { url: string; name: string; keep: () => Promise<void> }> {
  const url = databaseUrl(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
  return {
    ...database,
    url,
    name,
    keep: () => database.close(),
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      // Wait for the pool's connections to finish closing rather than terminate them (a
      // terminated client would raise an uncaught error); forced only after 5 s.
      await whileInUse(50, (attempt) => dropper.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 50 ? ' WITH (FORCE)' : ''}`));
      await dropper.end();
    },
  };
}

let filesDir: string | undefined;
/** One throw-away folder for the uploaded files of this test process. */
function testFilesDir(): string {
  return (filesDir ??= mkdtempSync(join(tmpdir(), 'seedbed-test-files-')));
}

export interface TestContext {
  app: AppInstance;
  deps: AppDeps;
  clock: ReturnType<typeof fixedClock>;
  database: Database;
  close(): Promise<void>;
}

export async function testApp(
  options: { demo?: boolean; now?: string; loginRatePerMinute?: number; publicityDays?: number; config?: Partial<Config>; modules?: readonly ModuleManifest[] } = {},
): Promise<TestContext> {
  const modules = assembleModules(options.modules ?? MODULES);
  const clock = fixedClock(options.now ?? '2026-11-20T02:00:00Z');
  const configFor = (filesDir: string): Config => ({
    ...readConfig({ NODE_ENV: 'test', SEEDBED_DATA_DIR: '/nonexistent/pglite' }),
    webDist: '/nonexistent',
    loginRatePerMinute: options.loginRatePerMinute ?? 1000,
    // Uploaded files of tests go to a throw-away folder.
    filesDir,
    demoPublicityDays: options.publicityDays ?? 5,
    // A smaller synthetic population than the demo's default keeps the database tests quick.
    demoPopulation: 300,
    ...options.config,
  });
  const depsOf = (database: Database, config: Config, dataKey: Buffer): AppDeps => ({
    db: database.db,
    dbKind: database.kind,
    clock,
    config,
    dataKey,
    events: new EventBus(modules.events),
    benefitHistory,
    publishImpact,
    applicationChannels: applicationChannelsOf,
    voucherPayments: voucherPaymentsOf(clock),
    modules,
  });
  // Reference data is brought up to date on every start, as the server does; the demo is seeded on top.
  const referenceData = async (deps: AppDeps) => {
    for (const module of modules.manifests) await module.ensureReferenceData?.(deps.db);
  };
  const seed = async (deps: AppDeps) => {
    await referenceData(deps);
    if (options.demo) for (const module of modules.manifests) await module.seedDemo?.(deps);
  };

  // The demo data with the standard modules and configuration is seeded once per run and copied
  // (test/seeded-cache.ts); anything else is seeded here.
  const cacheable = options.demo === true && options.modules === undefined && options.config === undefined;
  const state = cacheable
    ? await seededState({ demo: true, now: options.now ?? null, publicityDays: options.publicityDays ?? null, loginRatePerMinute: options.loginRatePerMinute ?? null }, async (filesDir) => {
        const built = await templateBuilder();
        const dataKey = randomBytes(32);
        await seed(depsOf(built, configFor(filesDir), dataKey));
        return finishTemplate(built, dataKey);
      })
    : undefined;
  let database: Database;
  let deps: AppDeps;
  if (state) {
    database = await databaseFrom(state);
    copySeededFiles(state, testFilesDir());
    deps = depsOf(database, configFor(testFilesDir()), state.dataKey);
    await referenceData(deps);
  } else {
    database = await testDatabase();
    deps = depsOf(database, configFor(testFilesDir()), randomBytes(32));
    await seed(deps);
  }
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    deps,
    clock,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** A browser-like client: keeps cookies, sends the CSRF token on changing requests. */
export class TestClient {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(private readonly app: AppInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && this.csrf === null) {
      const r = await this.app.inject({ method: 'GET', url: '/api/v1/auth/csrf', headers: { cookie: this.cookieHeader() } });
      this.keep(r);
      this.csrf = r.json<{ token: string }>().token;
    }
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      ...(body === undefined ? {} : { payload: body as object }),
      headers: { cookie: this.cookieHeader(), ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...headers },
    });
    this.keep(response);
    return response;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  hasSession(): boolean {
    return this.cookies.has('sb_session');
  }

  /** Logs in a demo account, completing the second factor when asked. */
  async loginDemo(username: string, clock: { now(): Date; advance(ms: number): void }): Promise<void> {
    const r = await this.post('/api/v1/auth/login', { username, password: DEMO_PASSWORD });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    const body = r.json<{ status: string; ticket?: string }>();
    if (body.status === 'ok') return;
    // Each code is good once: move to a fresh 30-second step for every second-factor login.
    clock.advance(30_000);
    const m = await this.post('/api/v1/auth/mfa', { ticket: body.ticket, code: totpCode(DEMO_TOTP_SECRET, clock.now()) });
    if (m.statusCode !== 200) throw new Error(`mfa ${username}: ${m.statusCode} ${m.body}`);
  }
}

/** Signed-in demo clients of a test app, one per username, signed in on first use; `clear` forgets them (e.g. after the clock has passed their sessions' end). */
export interface DemoSignIns {
  (username: string): Promise<TestClient>;
  clear(): void;
}

export function demoSignIns(context: () => TestContext): DemoSignIns {
  const clients = new Map<string, TestClient>();
  const as = async (username: string): Promise<TestClient> => {
    let c = clients.get(username);
    if (!c) {
      const t = context();
      c = new TestClient(t.app);
      await c.loginDemo(username, t.clock);
      clients.set(username, c);
    }
    return c;
  };
  return Object.assign(as, { clear: () => clients.clear() });
}

/** A problem's errors as `field:rule`, the pairs a bad request must name. */
export const errorFields = (r: { json: () => { errors?: { field: string; rule: string }[] } }): string[] => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);

export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

const UPLOAD_BOUNDARY = '----seedbedtestupload';
/** Uploads a small well-formed PDF (distinct per seed) as the client; returns the file's id. */
export async function uploadTestPdf(c: TestClient, seed = 1, filename = 'evidence.pdf'): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${UPLOAD_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${UPLOAD_BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${UPLOAD_BOUNDARY}` });
  if (r.statusCode !== 201) throw new Error(`upload refused: ${r.statusCode} ${r.body}`);
  return r.json<{ id: string }>().id;
}
