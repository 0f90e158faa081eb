/**
 * Seeded databases shared by the test files of one run. Migrating a fresh database and seeding
 * the demo data cost 5-15 s per test file (much more on a loaded machine), the same work every
 * time: the first file that needs a given state builds it once, and later files start from a copy
 * (PGlite: an archive of the data folder, loaded into memory; PostgreSQL server: a template
 * database, copied by CREATE DATABASE … TEMPLATE). Each copy is private to its test file.
 *
 * The run's cache folder comes from the global set-up (apps/server/test/global-setup.ts) through
 * SEEDBED_TEST_CACHE; without it (a test file run outside vitest's set-up) nothing is cached.
 * A state is keyed by everything that shaped it; the seed's uploaded files and its data key are
 * kept beside it, since the copy's encrypted facts and file rows refer to them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface SeededState {
  /** The data key the seed encrypted with. */
  dataKey: Buffer;
  /** PGlite: the data folder's archive. */
  archive?: Blob;
  /** PostgreSQL server: the template database's name. */
  template?: string;
  /** The folder holding the files the seed uploaded. */
  filesDir: string;
}

interface StoredState {
  dataKey: string;
  archive?: string;
  template?: string;
  filesDir: string;
}

/** The prefix of this run's template databases, dropped by the global set-up's teardown. */
export const templatePrefix = (runId: string): string => `seedbed_tpl_${runId}_`;

const cacheDir = (): string | undefined => process.env.SEEDBED_TEST_CACHE || undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock file older than this was left by a process that died while building: it is taken over. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * The state named by `key` (any JSON), built by `build` when this run has none yet. `build`
 * receives a fresh folder for the seed's files and answers the state; it runs in one process at a
 * time per key (a lock file), the others wait for its result. Without a cache folder, `undefined`.
 */
export async function seededState(key: unknown, build: (filesDir: string) => Promise<Omit<SeededState, 'filesDir'>>): Promise<SeededState | undefined> {
  const dir = cacheDir();
  if (!dir) return undefined;
  const hash = createHash('sha256')
    .update(JSON.stringify({ key, server: process.env.DATABASE_URL ?? 'pglite' }))
    .digest('hex')
    .slice(0, 16);
  const meta = join(dir, `${hash}.json`);
  const lock = join(dir, `${hash}.lock`);
  for (;;) {
    if (existsSync(meta)) return load(meta);
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      // Another process is building it: wait for its result, or take over a lock it left behind.
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // The lock went away meanwhile.
      }
      await sleep(200);
    }
  }
  try {
    if (existsSync(meta)) return load(meta);
    const filesDir = join(dir, `${hash}.files`);
    rmSync(filesDir, { recursive: true, force: true });
    mkdirSync(filesDir, { recursive: true });
    const built = await build(filesDir);
    const stored: StoredState = { dataKey: built.dataKey.toString('hex'), filesDir };
    if (built.archive) {
      const archive = join(dir, `${hash}.tar`);
      writeFileSync(archive, new Uint8Array(await built.archive.arrayBuffer()));
      stored.archive = archive;
    }
    if (built.template) stored.template = built.template;
    writeFileSync(`${meta}.part`, JSON.stringify(stored));
    renameSync(`${meta}.part`, meta);
    return { ...built, filesDir };
  } finally {
    rmSync(lock, { force: true });
  }
}

function load(meta: string): SeededState {
  const stored = JSON.parse(readFileSync(meta, 'utf8')) as StoredState;
  return {
    dataKey: Buffer.from(stored.dataKey, 'hex'),
    filesDir: stored.filesDir,
    ...(stored.archive ? { archive: new Blob([new Uint8Array(readFileSync(stored.archive))]) } : {}),
    ...(stored.template ? { template: stored.template } : {}),
  };
}

/** Copies the seed's uploaded files into a test process's files folder. */
export function copySeededFiles(state: SeededState, filesDir: string): void {
  mkdirSync(filesDir, { recursive: true });
  for (const name of readdirSync(state.filesDir)) {
    const to = join(filesDir, name);
    if (!existsSync(to)) copyFileSync(join(state.filesDir, name), to);
  }
}

/** A new, empty database on the server at `serverUrl`, optionally a copy of `template`; answers its name. */
export async function createServerDatabase(serverUrl: string, prefix = 'seedbed_test_', template?: string): Promise<string> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // The template may still have a connection: its builder's pool is closing.
    await whileInUse(100, () => admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  } finally {
    await admin.end();
  }
  return name;
}

/**
 * Runs `statement` (CREATE or DROP DATABASE) again every 100 ms while the database it names is
 * still in use by another connection (55006: a pool finishes closing just after `end()`
 * resolves), at most `attempts` times; `attempt` counts the tries so far.
 */
export async function whileInUse(attempts: number, statement: (attempt: number) => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await statement(attempt);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= attempts) throw error;
      await sleep(100);
    }
  }
}

/** The URL of database `name` on the server at `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
