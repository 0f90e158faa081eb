/**
 * One schema whichever way a database got there: built fresh by today's migrations, or built by
 * the previous release (its files applied its way, recorded by its names) and then upgraded by
 * today's migrator. The two are compared object by object from the catalogue.
 *
 * `fixtures/migrations-previous/` holds the previous release's migration files verbatim. When a
 * release ships, replace them with that release's files (and the way it applied them, below, if
 * that changed); `PREVIOUS_RELEASE_NAMES` stays while databases from before the move may exist.
 *
 * On PGlite by default; on the PostgreSQL server with DATABASE_URL.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Db } from '../src/platform/database.js';
import {
  discoverMigrations,
  migrationFolders,
  PREVIOUS_RELEASE_NAMES,
  type ScriptSession,
} from '../src/platform/migrator.js';
import { dumpSchema, emptySchemaDump, schemaDifferences, type SchemaDump } from './schema-dump.js';
import { testDatabase } from './test-app.js';

const PREVIOUS = fileURLToPath(new URL('./fixtures/migrations-previous/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'seedbed-migrations-'));
const today = discoverMigrations(migrationFolders());
const todayNames = today.map((m) => m.name);
const previousFiles = readdirSync(PREVIOUS).sort();

/** How the previous release migrated: every file of its one folder in name order, recorded by name. */
async function applyPreviousRelease(session: ScriptSession): Promise<void> {
  await session.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  for (const file of previousFiles) {
    await session.query('BEGIN');
    await session.script(readFileSync(join(PREVIOUS, file), 'utf8'));
    await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
    await session.query('COMMIT');
  }
  // Data the upgrade must keep.
  await session.query(
    `INSERT INTO core_regions (code, name, level, valid_from, source) VALUES ('450000', '广西壮族自治区', 1, '2024-01-01', 'test')`,
  );
}

/** A database as the previous release left it, opened by today's code (not yet migrated). */
async function previousReleaseDatabase(): Promise<Database> {
  if (process.env.DATABASE_URL) {
    const database = await testDatabase({ migrate: false });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await applyPreviousRelease({
        query: (text, params) => client.query(text, params),
        script: async (text) => void (await client.query(text)),
      });
    } finally {
      await client.end();
    }
    return database;
  }
  const dataDir = join(tmp, 'previous-release');
  const client = await PGlite.create({ dataDir });
  await applyPreviousRelease({
    query: (text, params) => client.query(text, params),
    script: async (text) => void (await client.exec(text)),
  });
  await client.close();
  return openDatabase({ dataDir });
}

const namesOf = async (db: Db) =>
  (
    await sql<{
      name: string;
      applied_at: string;
    }>`SELECT name, applied_at::text FROM schema_migrations ORDER BY name`.execute(db)
  ).rows;

let fresh: Database;
let upgraded: Database;
let freshApplied: string[];
let upgradeApplied: string[];
let recordedBefore: { name: string; applied_at: string }[];
let freshDump: SchemaDump;
let upgradedDump: SchemaDump;

beforeAll(async () => {
  fresh = await testDatabase({ migrate: false });
  freshApplied = await fresh.migrate();
  freshDump = await dumpSchema(fresh.db);
  upgraded = await previousReleaseDatabase();
  recordedBefore = await namesOf(upgraded.db);
  upgradeApplied = await upgraded.migrate();
  upgradedDump = await dumpSchema(upgraded.db);
});

afterAll(async () => {
  await fresh?.close();
  await upgraded?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the previous release', () => {
  it('is mapped file by file, and each of its files is today’s file verbatim under its new name', () => {
    expect(previousFiles.length).toBeGreaterThan(0);
    expect(Object.keys(PREVIOUS_RELEASE_NAMES).sort()).toEqual(previousFiles);
    for (const file of previousFiles) {
      const now = today.find((m) => m.name === PREVIOUS_RELEASE_NAMES[file]);
      expect(now, file).toBeDefined();
      expect(readFileSync(now!.path, 'utf8'), `${file} → ${now!.path}`).toBe(
        readFileSync(join(PREVIOUS, file), 'utf8'),
      );
    }
  });
});

describe('fresh and upgraded databases', () => {
  it('a fresh database gets every migration, in the global order, recorded by its name', async () => {
    expect(freshApplied).toEqual(todayNames);
    expect((await namesOf(fresh.db)).map((r) => r.name)).toEqual([...todayNames].sort());
  });

  it('a database of the previous release keeps its data, has its names renamed (when applied kept) and gets only what came after', async () => {
    expect(recordedBefore.map((r) => r.name)).toEqual(previousFiles);
    const renamed = Object.values(PREVIOUS_RELEASE_NAMES);
    expect(upgradeApplied).toEqual(todayNames.filter((name) => !renamed.includes(name)));
    const after = await namesOf(upgraded.db);
    expect(after.map((r) => r.name)).toEqual([...todayNames].sort());
    for (const before of recordedBefore) {
      expect(after.find((r) => r.name === PREVIOUS_RELEASE_NAMES[before.name])?.applied_at, before.name).toBe(
        before.applied_at,
      );
    }
    const { rows } = await sql<{ name: string }>`SELECT name FROM core_regions WHERE code = '450000'`.execute(
      upgraded.db,
    );
    expect(rows).toEqual([{ name: '广西壮族自治区' }]);
    expect(await upgraded.migrate()).toEqual([]);
  });

  it('have identical schemas', () => {
    // The dump is not empty: it sees the tables, constraints, indexes, triggers and functions.
    expect(freshDump.relations.some((l) => l.startsWith('budget_budgets kind=r'))).toBe(true);
    expect(freshDump.constraints.some((l) => l.includes('budget_not_overdrawn c CHECK'))).toBe(true);
    expect(freshDump.indexes.some((l) => l.includes('CREATE UNIQUE INDEX notifications_dedupe'))).toBe(true);
    expect(freshDump.triggers.some((l) => l.includes('audit_log_no_update'))).toBe(true);
    expect(
      freshDump.functions.some((l) => l.startsWith('audit_log_append_only() CREATE OR REPLACE FUNCTION')),
    ).toBe(true);
    expect(freshDump.sequences.some((l) => l.startsWith('subject_facts_id_seq'))).toBe(true);
    expect(freshDump.extensions.some((l) => l.startsWith('plpgsql '))).toBe(true);
    expect(schemaDifferences(freshDump, upgradedDump)).toEqual([]);
    expect(upgradedDump).toEqual(freshDump);
  });
});

class Rollback extends Error {}

/** The schema as it would be after `statements`, which are rolled back again. */
async function dumpAfter(db: Db, statements: string[]): Promise<SchemaDump> {
  let dump: SchemaDump | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      for (const statement of statements) await sql.raw(statement).execute(trx);
      dump = await dumpSchema(trx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return dump!;
}

describe('the comparison', () => {
  it('reports what only one side has, by section', () => {
    const empty = emptySchemaDump();
    expect(schemaDifferences(empty, empty)).toEqual([]);
    const a = { ...empty, indexes: ['t CREATE INDEX i ON public.t USING btree (a)'] };
    const b = { ...empty, indexes: ['t CREATE INDEX i ON public.t USING btree (b)'] };
    expect(schemaDifferences(a, b)).toEqual([
      'indexes: - t CREATE INDEX i ON public.t USING btree (a)',
      'indexes: + t CREATE INDEX i ON public.t USING btree (b)',
    ]);
  });

  it.each<[string, string[], string, string]>([
    [
      'a dropped default',
      ['ALTER TABLE budget_budgets ALTER COLUMN paid_fen DROP DEFAULT'],
      'columns',
      'budget_budgets #007 paid_fen',
    ],
    [
      'a column made nullable',
      ['ALTER TABLE files ALTER COLUMN created_at DROP NOT NULL'],
      'columns',
      'files #007 created_at',
    ],
    [
      'a changed column type',
      ['ALTER TABLE notifications ALTER COLUMN link TYPE varchar(200)'],
      'columns',
      'character varying(200)',
    ],
    [
      'columns in another order',
      [
        'ALTER TABLE core_calendar_days DROP COLUMN kind',
        "ALTER TABLE core_calendar_days ADD COLUMN kind text NOT NULL DEFAULT 'holiday'",
      ],
      'columns',
      'core_calendar_days #003 kind',
    ],
    [
      'a dropped constraint',
      ['ALTER TABLE budget_budgets DROP CONSTRAINT budget_not_overdrawn'],
      'constraints',
      'budget_not_overdrawn',
    ],
    [
      'a changed check',
      [
        'ALTER TABLE budget_budgets DROP CONSTRAINT budget_not_overdrawn',
        'ALTER TABLE budget_budgets ADD CONSTRAINT budget_not_overdrawn CHECK (committed_fen <= amount_fen)',
      ],
      'constraints',
      'budget_not_overdrawn c CHECK (committed_fen <= amount_fen)',
    ],
    [
      'an index without its condition',
      ['DROP INDEX notifications_unread', 'CREATE INDEX notifications_unread ON notifications (user_id)'],
      'indexes',
      'notifications_unread',
    ],
    [
      'a dropped trigger',
      ['DROP TRIGGER audit_log_no_truncate ON audit_log'],
      'triggers',
      'audit_log_no_truncate',
    ],
    [
      'a changed function body',
      [
        'CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$',
      ],
      'functions',
      'RETURN NULL',
    ],
    [
      'a changed sequence',
      ['ALTER TABLE subject_facts ALTER COLUMN id SET INCREMENT BY 2'],
      'sequences',
      'subject_facts_id_seq',
    ],
    ['an extra table', ['CREATE TABLE extra_table (id integer)'], 'relations', 'extra_table'],
    [
      'row-level security switched on',
      ['ALTER TABLE files ENABLE ROW LEVEL SECURITY'],
      'relations',
      'files kind=r',
    ],
    ['a view', ['CREATE VIEW extra_view AS SELECT 1 AS one'], 'views', 'extra_view'],
    ['an enum', ["CREATE TYPE extra_mood AS ENUM ('calm')"], 'types', 'extra_mood'],
    ['a policy', ['CREATE POLICY extra_policy ON files USING (true)'], 'policies', 'extra_policy'],
    ['a comment', ["COMMENT ON COLUMN files.sha256 IS 'hex'"], 'comments', 'files.sha256'],
  ])('finds %s', async (_what, statements, section, fragment) => {
    const differences = schemaDifferences(freshDump, await dumpAfter(fresh.db, statements));
    expect(
      differences.some((line) => line.startsWith(`${section}: `) && line.includes(fragment)),
      differences.join('\n'),
    ).toBe(true);
    // Rolled back: the database is as it was.
    expect(schemaDifferences(freshDump, await dumpSchema(fresh.db))).toEqual([]);
  });
});

describe('start-up', () => {
  it('applies a migration in a new module folder after the others, and refuses one older than the newest applied', async () => {
    const folder = join(tmp, 'modules', 'extra', 'migrations');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '20000101000000_too_old.sql'), 'CREATE TABLE extra_too_old (id integer);');
    await expect(fresh.migrate([...migrationFolders(), folder])).rejects.toThrow(
      /older than the newest applied one.*20000101000000_too_old\.sql/s,
    );
    rmSync(join(folder, '20000101000000_too_old.sql'));
    writeFileSync(join(folder, '29991231235959_extra.sql'), 'CREATE TABLE extra_later (id integer);');
    expect(await fresh.migrate([...migrationFolders(), folder])).toEqual(['29991231235959_extra.sql']);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM extra_later`.execute(fresh.db);
    expect(rows).toEqual([{ n: 0 }]);
    // Without that folder, the database records a migration this code does not have.
    await expect(fresh.migrate()).rejects.toThrow(/does not have: 29991231235959_extra\.sql/);
  });

  it('refuses a database that records a migration this release does not have, and changes nothing', async () => {
    await sql`INSERT INTO schema_migrations (name) VALUES ('0205_ledger.sql')`.execute(upgraded.db);
    const before = await namesOf(upgraded.db);
    await expect(upgraded.migrate()).rejects.toThrow(
      /数据库记录了本版本没有的迁移：0205_ledger\.sql[\s\S]*does not have: 0205_ledger\.sql/,
    );
    expect(await namesOf(upgraded.db)).toEqual(before);
  });
});
