import { Kysely, PostgresDialect, type DatabaseConnection, type Dialect, type Driver, type Transaction, type TransactionSettings } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { migrate, migrationFolders, type MigrateOptions } from './migrator.js';

/**
 * Each module types its repository with its own tables only (`Kysely<IdentityTables>` …), so
 * the compiler keeps a module out of another's tables. The connection itself is untyped here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AnyTables {}

/** The brand only the root connection carries; not exported, so nothing else can claim it. */
declare const root: unique symbol;

/**
 * The root connection (the pool, or PGlite's single connection). Nominally distinct from a
 * transaction in both directions:
 * - a transaction is not a `Db`: code that takes `Db` may open its own transaction or query
 *   outside one, so giving it a `trx` (e.g. `{ ...deps, db: trx }`) does not compile;
 * - a `Db` is not a `Tx`: code that must run inside a transaction takes `Tx`.
 * Code that only reads and works on either takes `Db | Tx`. Inside a transaction, a query through
 * the root connection would wait on PGlite for the connection its own transaction holds, so the
 * compiler, not a 30-second timeout, is what stops it. Only `openDatabase` makes a `Db`; casting
 * to `Db` is a lint error (eslint.config.js).
 */
export type Db = Kysely<AnyTables> & { readonly [root]: true };
/** A transaction, as `db.transaction().execute(async (trx) => …)` hands it over. */
export type Tx = Transaction<AnyTables>;
/** A connection or a transaction: repositories accept either. */
export type Executor<T> = Kysely<T> | Transaction<T>;

/** A LIKE pattern's literal text: `%`, `_` and `\` match only themselves. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** View a connection or transaction through one module's table types. */
export const tablesOf = <T>(db: Kysely<AnyTables> | Transaction<AnyTables>): Kysely<T> => db as unknown as Kysely<T>;

/** The one place a Kysely instance becomes the root `Db`: the connection `openDatabase` opened. */
// eslint-disable-next-line no-restricted-syntax -- the brand is minted here and nowhere else
const rootOf = (kysely: Kysely<AnyTables>): Db => kysely as Db;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Applies pending migrations (`platform/migrator.ts`) from `folders`, by default the platform's
   * and every module's `migrations/` folder; returns the names applied. `before` (a migration's
   * file name) stops short of it: a test of a data migration writes rows of the old shape first.
   */
  migrate(folders?: readonly string[], options?: MigrateOptions): Promise<string[]>;
  /** PGlite only: the whole data folder as a tar archive, for `OpenOptions.loadDataDir` (the tests' seeded templates). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for a throw-away in-memory database (tests). */
  dataDir: string;
  /** PGlite only: how long a query may wait for the single connection (default PGLITE_CONNECTION_WAIT_MS). */
  connectionWaitMs?: number;
  /** PGlite only: start from this archive of a data folder (`Database.dumpDataDir`). */
  loadDataDir?: Blob;
}

// pg returns int8 as string by default; our counters and ids fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// Dates stay as YYYY-MM-DD strings: a calendar date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

/**
 * A pool on a PostgreSQL streaming replica (read-only, a little behind the primary) for the public
 * reads that tolerate replication lag; `readerOf` hands it to those routes. Writes, and anything a
 * user must read back at once, stay on the primary.
 */
export function openReadPool(url: string): { db: Db; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error(`PostgreSQL replica connection lost while idle: ${error.message}`);
  });
  const db = rootOf(new Kysely<AnyTables>({ dialect: new PostgresDialect({ pool }) }));
  return { db, close: () => db.destroy() };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // A connection lost while idle in the pool (server restart, failover, an administrator
    // ending sessions) must not crash the process: the pool replaces it on the next checkout.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') console.error(`PostgreSQL connection lost while idle: ${error.message}`);
    });
    const db = rootOf(new Kysely<AnyTables>({ dialect: new PostgresDialect({ pool }) }));
    return {
      db,
      kind: 'postgres',
      migrate: async (folders = migrationFolders(), migrateOptions = {}) => {
        const client = await pool.connect();
        try {
          return await migrate(
            {
              query: (text, params) => client.query(text, params),
              script: async (text) => void (await client.query(text)),
            },
            folders,
            migrateOptions,
          );
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  // Contrib extensions are separate builds in PGlite; btree_gist backs exclusion constraints on
  // ranges of instants (migration 0004_time.sql).
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const inMemory = options.dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(options.dataDir);
  try {
    const client = await PGlite.create({
      ...(inMemory ? {} : { dataDir: options.dataDir }),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: { 1082: (v: string) => v, 20: (v: string) => Number(v) },
      extensions: { btree_gist },
    });
    const db = rootOf(new Kysely<AnyTables>({ dialect: guarded(new PGliteDialect(client), options.connectionWaitMs ?? PGLITE_CONNECTION_WAIT_MS) }));
    return {
      db,
      kind: 'pglite',
      // Runs before the app serves anything, so nothing else is using the single session.
      migrate: (folders = migrationFolders(), migrateOptions = {}) =>
        migrate(
          {
            query: (text, params) => client.query(text, params),
            script: async (text) => void (await client.exec(text)),
          },
          folders,
          migrateOptions,
        ),
      dumpDataDir: () => client.dumpDataDir('none'),
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** How long a query may wait for PGlite's single connection before we call it a deadlock. */
export const PGLITE_CONNECTION_WAIT_MS = 30_000;

/**
 * PGlite has one connection. Code that, inside a transaction, queries through the root `db`
 * instead of the transaction waits for a connection its own transaction holds: a deadlock that
 * a PostgreSQL pool would hide. Rather than hang, such a wait fails with a message saying so,
 * and the connection it would have received is handed back.
 */
function guarded(dialect: Dialect, waitMs: number): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => {
      const inner = dialect.createDriver();
      const driver: Driver = {
        init: () => inner.init(),
        acquireConnection: () =>
          new Promise<DatabaseConnection>((resolve, reject) => {
            let timedOut = false;
            const timer = setTimeout(() => {
              timedOut = true;
              reject(
                new Error(
                  `PGlite: waited ${waitMs / 1000} s for the database connection. A query through the root ` +
                    'connection inside a transaction deadlocks on the embedded database: pass the transaction instead.',
                ),
              );
            }, waitMs);
            inner.acquireConnection().then(
              (connection) => {
                clearTimeout(timer);
                if (timedOut) void inner.releaseConnection(connection);
                else resolve(connection);
              },
              (error: unknown) => {
                clearTimeout(timer);
                reject(error as Error);
              },
            );
          }),
        beginTransaction: (c: DatabaseConnection, settings: TransactionSettings) => inner.beginTransaction(c, settings),
        commitTransaction: (c) => inner.commitTransaction(c),
        rollbackTransaction: (c) => inner.rollbackTransaction(c),
        releaseConnection: (c) => inner.releaseConnection(c),
        destroy: () => inner.destroy(),
      };
      return driver;
    },
  };
}
