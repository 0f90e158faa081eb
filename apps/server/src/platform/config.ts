import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** Everything Seedbed reads from its environment, read once at start. */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent Seedbed uses embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** A PostgreSQL streaming replica for public reads (library, policy pages, publicity, statistics); needs DATABASE_URL. */
  databaseReadUrl: string | undefined;
  dataDir: string;
  production: boolean;
  /** Create demo organisations and accounts on an empty database (never in production). */
  demo: boolean;
  /** 32-byte key (base64) protecting personal identifiers at rest; generated in the data folder when absent outside production. */
  dataKey: string | undefined;
  webDist: string;
  logLevel: string;
  /** Cookies marked Secure: on in production, where Seedbed is served over HTTPS. */
  secureCookies: boolean;
  /** Login, second-factor and registration attempts allowed per client address and minute. */
  loginRatePerMinute: number;
  /**
   * Proxies whose X-Forwarded-For Seedbed believes (SEEDBED_TRUSTED_PROXIES: comma-separated
   * addresses or CIDR ranges). Empty by default: the client address is the socket's, so a
   * client cannot choose the address its rate limits count against.
   */
  trustedProxies: string[];
  /**
   * Key signing the audit chain's checkpoints (SEEDBED_AUDIT_KEY, base64, at least 32 bytes).
   * Never stored in the database; generated beside the data folder when absent outside production.
   */
  auditKey: string | undefined;
  /** Folder the signed audit checkpoints are written to, outside the database (SEEDBED_AUDIT_DIR). */
  auditDir: string;
  /** Minutes between signed checkpoints of the audit chain while it grows (SEEDBED_AUDIT_CHECKPOINT_MINUTES, default 5). */
  auditCheckpointMinutes: number;
  /**
   * The Chinese font printable PDFs are set in (SEEDBED_CJK_FONT: "file" or "file#face" for a
   * collection). Default: Noto Sans SC (Noto Sans S Chinese, SIL OFL) shipped by the npm package
   * @embedpdf/fonts-sc, so PDFs need no system font; undefined only when that package is missing.
   */
  cjkFont: { file: string; face?: string } | undefined;
  /** Folder uploaded files are stored in (SEEDBED_FILES_DIR, default `files/` beside the data folder). */
  filesDir: string;
  /** Publicity period in days of the demo item `nn.new-product-subsidy` (SEEDBED_DEMO_PUBLICITY_DAYS, default 5; demo only). */
  demoPublicityDays: number;
  /**
   * The demo's year of activity (src/demo/seed-activity-demo.ts: applications in several stages
   * and departments, payments, so the programme office's dashboard is not empty):
   * SEEDBED_DEMO_ACTIVITY=1/0, on by default except under NODE_ENV=test. Demo only.
   */
  demoActivity: boolean;
  /**
   * Publishing a policy version that changes the eligibility of more than this many subjects
   * needs a second officer's approval (SEEDBED_PUBLISH_SECOND_APPROVAL_SUBJECTS, default 100).
   */
  publishApprovalSubjects: number;
  /** …or that changes the total cost by more than this, in fen (SEEDBED_PUBLISH_SECOND_APPROVAL_COST_YUAN in 元, default 500000). */
  publishApprovalCostFen: number;
  /** Synthetic registered subjects the demo creates over the five source regions' districts (SEEDBED_DEMO_POPULATION, default 3000; demo only). */
  demoPopulation: number;
  /**
   * The instant the server's clock starts from (SEEDBED_DEMO_CLOCK, e.g. 2027-01-21T10:00:00+08:00),
   * running on at the real pace: to rehearse deadlines, reminders and escalations on the demo.
   * Refused in production; undefined: the real time.
   */
  demoClock: string | undefined;
  /** Working days a financial institution has to answer a financing request (SEEDBED_FINANCE_ANSWER_WORKING_DAYS, default 10). */
  financeAnswerWorkingDays: number;
  /**
   * Mebibytes of decoded subject columns each process keeps between population jobs
   * (SEEDBED_FINDER_CACHE_MB, default 256; 0 keeps none): what-if simulations over unchanged
   * subjects then read only the blocks' revisions from the database.
   */
  finderCacheMiB: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  if (env.DATABASE_READ_URL && !env.DATABASE_URL) {
    throw new Error('DATABASE_READ_URL (a read replica) needs DATABASE_URL (its primary): the embedded database has no replicas');
  }
  if (production && !env.SEEDBED_DATA_KEY) {
    throw new Error('SEEDBED_DATA_KEY (32 bytes, base64) is required in production');
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir: resolve(env.SEEDBED_DATA_DIR ?? 'data/pglite'),
    production,
    demo: !production && env.SEEDBED_DEMO !== '0',
    dataKey: env.SEEDBED_DATA_KEY || undefined,
    webDist: resolve(env.SEEDBED_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    secureCookies: production,
    loginRatePerMinute: integerIn(env, 'SEEDBED_LOGIN_RATE', 10, 1, 1_000_000),
    trustedProxies: (env.SEEDBED_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    auditKey: env.SEEDBED_AUDIT_KEY || undefined,
    auditCheckpointMinutes: positiveNumber(env, 'SEEDBED_AUDIT_CHECKPOINT_MINUTES', 5),
    auditDir: resolve(env.SEEDBED_AUDIT_DIR ?? join(dirname(resolve(env.SEEDBED_DATA_DIR ?? 'data/pglite')), 'audit')),
    cjkFont: env.SEEDBED_CJK_FONT ? fontSetting(env.SEEDBED_CJK_FONT) : bundledCjkFont(),
    filesDir: resolve(env.SEEDBED_FILES_DIR || join(dirname(resolve(env.SEEDBED_DATA_DIR ?? 'data/pglite')), 'files')),
    demoPublicityDays: integerIn(env, 'SEEDBED_DEMO_PUBLICITY_DAYS', 5, 0, 365),
    demoActivity: env.SEEDBED_DEMO_ACTIVITY ? env.SEEDBED_DEMO_ACTIVITY === '1' : env.NODE_ENV !== 'test',
    publishApprovalSubjects: integerIn(env, 'SEEDBED_PUBLISH_SECOND_APPROVAL_SUBJECTS', 100, 0, 100_000_000),
    publishApprovalCostFen: integerIn(env, 'SEEDBED_PUBLISH_SECOND_APPROVAL_COST_YUAN', 500_000, 0, 10_000_000_000) * 100,
    demoPopulation: integerIn(env, 'SEEDBED_DEMO_POPULATION', 3000, 0, 200_000),
    financeAnswerWorkingDays: integerIn(env, 'SEEDBED_FINANCE_ANSWER_WORKING_DAYS', 10, 1, 60),
    finderCacheMiB: integerIn(env, 'SEEDBED_FINDER_CACHE_MB', 256, 0, 65_536),
    demoClock: demoClock(env, production),
  };
}

function demoClock(env: NodeJS.ProcessEnv, production: boolean): string | undefined {
  const raw = env.SEEDBED_DEMO_CLOCK?.trim();
  if (!raw) return undefined;
  if (production) throw new Error('SEEDBED_DEMO_CLOCK sets the demo server\'s clock and is refused in production');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(new Date(raw).getTime()))
    throw new Error(`SEEDBED_DEMO_CLOCK must be an instant with its offset, e.g. 2027-01-21T10:00:00+08:00, got "${raw}"`);
  return raw;
}

/** "file" or "file#face" (a face of a font collection, .ttc). */
function fontSetting(raw: string): { file: string; face?: string } {
  const hash = raw.lastIndexOf('#');
  const [file, face] = hash > 0 ? [raw.slice(0, hash), raw.slice(hash + 1)] : [raw, ''];
  return { file: resolve(file), ...(face ? { face } : {}) };
}

/** The regular weight of the font package the server depends on (undefined when it is not installed). */
export function bundledCjkFont(): { file: string } | undefined {
  try {
    // The package exports only its index (dist/index.js); the fonts sit beside dist/.
    const index = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    return { file: join(dirname(index), '..', 'fonts', 'NotoSansHans-Regular.otf') };
  } catch {
    return undefined;
  }
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** A whole number from `min` to `max` (inclusive); anything else is a start-up error naming the variable. */
function integerIn(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
