import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Migrations are owned by whoever owns the tables: `src/platform/migrations/` for the core tables
 * every module may reference and the platform's own (jobs), `src/modules/<m>/migrations/` for a
 * module's. A file is named `<YYYYMMDDHHMMSS>_<name>.sql` (a UTC timestamp, then lower-case words)
 * and is never edited once released. All folders together form one global order, by timestamp:
 * adding a migration with a later timestamp, in any folder, is all a change needs, and never
 * moves the ones before it. Each file runs in its own transaction and is recorded by its file
 * name in `schema_migrations`. The same files run on PGlite and on PostgreSQL.
 *
 * The migrator refuses to start, changing nothing, when:
 * - a file in a migrations folder is not named by the pattern, or two files share a timestamp;
 * - the database records a migration no folder holds (a database newer than this code, or a file
 *   removed or renamed after release);
 * - a pending migration is older than the newest applied one: applied now, it would run after
 *   newer ones, in an order a fresh database never sees. Give it a timestamp after the newest
 *   applied migration (it has not been released, or it would be applied).
 */

/** A raw session that can run a multi-statement SQL script. */
export interface ScriptSession {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  script(text: string): Promise<void>;
}

export interface Migration {
  /** The file name, as recorded in schema_migrations. */
  name: string;
  /** The 14-digit UTC timestamp that places it in the global order. */
  stamp: string;
  /** Where the file is. */
  path: string;
}

export const MIGRATION_FILE_PATTERN = /^(\d{14})_([a-z][a-z0-9_]*)\.sql$/;

/** Why migrations cannot run: a start-up error for the operator, in Chinese and English. */
export class MigrationError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`);
    this.name = 'MigrationError';
  }
}

/**
 * The releases before migrations moved to their owners numbered files in one folder
 * (`apps/server/migrations/0001_core.sql` …). A database they migrated records those names; on
 * start they are renamed to the files' names today (same text, same order), so that such a
 * database sees them as applied. Keep this as long as a database from before the move may exist.
 */
export const PREVIOUS_RELEASE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  '0001_core.sql': '20261101000100_core.sql',
  '0002_subjects.sql': '20261101000200_subjects.sql',
  '0003_calendar.sql': '20261101000300_calendar.sql',
  '0100_platform_jobs.sql': '20261101010000_platform_jobs.sql',
  '0101_policies.sql': '20261101010100_policies.sql',
  '0102_notifications.sql': '20261101010200_notifications.sql',
  '0103_finder.sql': '20261101010300_finder.sql',
  '0104_policy_new_items.sql': '20261101010400_policy_new_items.sql',
  '0105_platform_jobs_daily.sql': '20261101010500_platform_jobs_daily.sql',
  '0200_files.sql': '20261101020000_files.sql',
  '0201_fulfilment.sql': '20261101020100_fulfilment.sql',
  '0202_budgets.sql': '20261101020200_budgets.sql',
  '0203_fulfilment_grants_without_amount.sql': '20261101020300_fulfilment_grants_without_amount.sql',
  '0204_budget_changes.sql': '20261101020400_budget_changes.sql',
});

const SRC_DIR = fileURLToPath(new URL('../', import.meta.url));

/**
 * The folders that hold migrations: the platform's, then each module's `migrations/` folder.
 * Order does not matter (the timestamps decide); a module declaring its own folder would add it
 * to this list.
 */
export function migrationFolders(srcDir: string = SRC_DIR): string[] {
  const folders = [join(srcDir, 'platform', 'migrations')];
  const modulesDir = join(srcDir, 'modules');
  const modules = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const module of modules) {
    const folder = join(modulesDir, module, 'migrations');
    if (existsSync(folder)) folders.push(folder);
  }
  return folders;
}

/** A real UTC date and time, written YYYYMMDDHHMMSS. */
function isTimestamp(stamp: string): boolean {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) =>
    Number(stamp.slice(at, at + (i === 0 ? 4 : 2))),
  ) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s
  );
}

/**
 * Checks each file's name and puts them in the global order. Throws on a name that does not
 * follow the pattern and on two files with one timestamp (their order would be a guess).
 */
export function orderMigrations(files: readonly { name: string; path: string }[]): Migration[] {
  const migrations = files.map(({ name, path }): Migration => {
    const match = MIGRATION_FILE_PATTERN.exec(name);
    if (!match || !isTimestamp(match[1]!)) {
      throw new MigrationError(
        `迁移文件名不合规则：${path}。文件名须为 <YYYYMMDDHHMMSS>_<名称>.sql（UTC 时间，名称为小写字母、数字和下划线，以字母开头）。`,
        `Migration file name does not follow the rule: ${path}. Name it <YYYYMMDDHHMMSS>_<name>.sql ` +
          '(a UTC date and time, then lower-case letters, digits and underscores starting with a letter).',
      );
    }
    return { name, stamp: match[1]!, path };
  });
  migrations.sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0));
  for (let i = 1; i < migrations.length; i++) {
    const [before, after] = [migrations[i - 1]!, migrations[i]!];
    if (before.stamp === after.stamp) {
      throw new MigrationError(
        `两个迁移文件的时间戳相同（${after.stamp}）：${before.path} 与 ${after.path}。请给尚未发布的那个一个更晚的时间戳。`,
        `Two migration files share the timestamp ${after.stamp}: ${before.path} and ${after.path}. ` +
          'Give the one not yet released a later timestamp.',
      );
    }
  }
  return migrations;
}

/** Every migration in the given folders, in the global order. */
export function discoverMigrations(folders: readonly string[]): Migration[] {
  return orderMigrations(
    folders.flatMap((folder) => readdirSync(folder).map((name) => ({ name, path: join(folder, name) }))),
  );
}

export interface MigrateOptions {
  /** Apply only the migrations before this one (a file name): for tests of a data migration. */
  before?: string;
}

export interface MigrationPlan {
  /** Names recorded by the previous release, to be renamed: [recorded, today's]. */
  renames: [string, string][];
  /** What to apply, in order. */
  pending: Migration[];
}

/**
 * What to do with a database that records `recorded` as applied. Throws, before anything is
 * changed, on a recorded migration that no longer exists and on a pending one older than the
 * newest applied.
 */
export function planMigrations(
  available: readonly Migration[],
  recorded: readonly string[],
  previousNames: Readonly<Record<string, string>> = PREVIOUS_RELEASE_NAMES,
): MigrationPlan {
  const recordedSet = new Set(recorded);
  const renames: [string, string][] = [];
  for (const name of recorded) {
    const today = Object.hasOwn(previousNames, name) ? previousNames[name] : undefined;
    if (today === undefined) continue;
    if (recordedSet.has(today)) {
      throw new MigrationError(
        `schema_migrations 同时记录了 ${name} 和 ${today}，二者是同一个迁移。请核对该数据库。`,
        `schema_migrations records both ${name} and ${today}, which are the same migration. Check this database.`,
      );
    }
    renames.push([name, today]);
  }
  const renamed = new Map(renames);
  const applied = new Set(recorded.map((name) => renamed.get(name) ?? name));
  const byName = new Map(available.map((m) => [m.name, m]));
  const unknown = [...applied].filter((name) => !byName.has(name)).sort();
  if (unknown.length > 0) {
    throw new MigrationError(
      `数据库记录了本版本没有的迁移：${unknown.join('、')}。该数据库可能由更新的版本迁移过，或迁移文件在发布后被删除或改名。`,
      `The database records migrations this release does not have: ${unknown.join(', ')}. ` +
        'It may have been migrated by a newer release, or the files were removed or renamed after release.',
    );
  }
  const newest = available.filter((m) => applied.has(m.name)).at(-1);
  const pending = available.filter((m) => !applied.has(m.name));
  const late = pending.filter((m) => newest !== undefined && m.stamp < newest.stamp);
  if (newest !== undefined && late.length > 0) {
    const names = late.map((m) => m.path).join(', ');
    throw new MigrationError(
      `待执行的迁移早于已执行的最新迁移 ${newest.name}：${names}。现在执行它们，顺序将与新建数据库不同。请把它们改名为晚于 ${newest.stamp} 的时间戳。`,
      `Pending migrations are older than the newest applied one, ${newest.name}: ${names}. ` +
        `Applied now they would run in an order a fresh database never sees; rename them to timestamps after ${newest.stamp}.`,
    );
  }
  return { renames, pending };
}

async function inTransaction(session: ScriptSession, what: string, work: () => Promise<void>): Promise<void> {
  await session.query('BEGIN');
  try {
    await work();
    await session.query('COMMIT');
  } catch (error) {
    await session.query('ROLLBACK');
    throw new Error(`${what} failed: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Applies the pending migrations of `folders` in the global order, each in its own
 * transaction, and returns the names applied. Names recorded by the previous release are first
 * renamed, all in one transaction. An advisory lock keeps two app processes starting together
 * from applying one file twice.
 */
export async function migrate(
  session: ScriptSession,
  folders: readonly string[] = migrationFolders(),
  options: MigrateOptions = {},
): Promise<string[]> {
  const all = discoverMigrations(folders);
  const stop = options.before === undefined ? undefined : all.find((m) => m.name === options.before);
  if (options.before !== undefined && !stop) throw new Error(`No migration is named ${options.before}`);
  const available = stop ? all.filter((m) => m.stamp < stop.stamp) : all;
  const applied: string[] = [];
  await session.query('SELECT pg_advisory_lock(424242)');
  try {
    await session.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const recorded = (
      (await session.query('SELECT name FROM schema_migrations')).rows as { name: string }[]
    ).map((r) => r.name);
    const plan = planMigrations(available, recorded);
    if (plan.renames.length > 0) {
      await inTransaction(session, 'Renaming the previous release’s migrations', async () => {
        for (const [from, to] of plan.renames) {
          await session.query('UPDATE schema_migrations SET name = $2 WHERE name = $1', [from, to]);
        }
      });
    }
    for (const migration of plan.pending) {
      const text = readFileSync(migration.path, 'utf8');
      await inTransaction(session, `Migration ${migration.name}`, async () => {
        await session.script(text);
        await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [migration.name]);
      });
      applied.push(migration.name);
    }
  } finally {
    await session.query('SELECT pg_advisory_unlock(424242)');
  }
  return applied;
}
