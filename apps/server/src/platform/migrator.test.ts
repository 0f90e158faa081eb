import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  discoverMigrations,
  MigrationError,
  migrationFolders,
  orderMigrations,
  planMigrations,
  PREVIOUS_RELEASE_NAMES,
  type Migration,
} from './migrator.js';

const SERVER = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'seedbed-migrator-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const file = (folder: string, name: string) => ({ name, path: `${folder}/${name}` });
const migration = (name: string): Migration => ({ name, stamp: name.slice(0, 14), path: `/m/${name}` });

describe('the global order', () => {
  it('orders files of all folders by their timestamp, whatever folder or listing order they come in', () => {
    const ordered = orderMigrations([
      file('modules/budgets/migrations', '20261101020200_budgets.sql'),
      file('platform/migrations', '20261101010000_platform_jobs.sql'),
      file('modules/subjects/migrations', '20261101000200_subjects.sql'),
      file('platform/migrations', '20261101000100_core.sql'),
      file('modules/ledger/migrations', '20270105093000_ledger.sql'),
    ]);
    expect(ordered.map((m) => m.name)).toEqual([
      '20261101000100_core.sql',
      '20261101000200_subjects.sql',
      '20261101010000_platform_jobs.sql',
      '20261101020200_budgets.sql',
      '20270105093000_ledger.sql',
    ]);
    expect(ordered[4]).toEqual({
      name: '20270105093000_ledger.sql',
      stamp: '20270105093000',
      path: 'modules/ledger/migrations/20270105093000_ledger.sql',
    });
  });

  it.each([
    '0001_core.sql', // the previous release's numbering
    '2026110100010_core.sql', // 13 digits
    '202611010001000_core.sql', // 15 digits
    '20261101000100core.sql',
    '20261101000100-core.sql',
    '20261101000100_Core.sql',
    '20261101000100_1core.sql',
    '20261101000100_.sql',
    '20261101000100_core.SQL',
    '20261101000100_core.sql.bak',
    '20261301000100_core.sql', // month 13
    '20260230000100_core.sql', // 30 February
    '20261101240000_core.sql', // hour 24
    '20261101006000_core.sql', // minute 60
    'README.md',
  ])('refuses a file named %s, naming it and the rule', (name) => {
    const attempt = () =>
      orderMigrations([
        file('platform/migrations', '20261101000100_core.sql'),
        file('modules/x/migrations', name),
      ]);
    expect(attempt).toThrow(MigrationError);
    expect(attempt).toThrow(`modules/x/migrations/${name}`);
    expect(attempt).toThrow('<YYYYMMDDHHMMSS>_<name>.sql');
  });

  it('refuses two files with one timestamp, naming both, even in different folders', () => {
    const attempt = () =>
      orderMigrations([
        file('modules/budgets/migrations', '20270105093000_ledger.sql'),
        file('platform/migrations', '20261101000100_core.sql'),
        file('modules/fulfilment/migrations', '20270105093000_btree_gist.sql'),
      ]);
    expect(attempt).toThrow(MigrationError);
    expect(attempt).toThrow(
      /share the timestamp 20270105093000: .*\/20270105093000_(ledger|btree_gist)\.sql and .*\/20270105093000_(ledger|btree_gist)\.sql/,
    );
  });
});

describe('what a database needs', () => {
  const available = [
    '20261101000100_core.sql',
    '20261101000200_subjects.sql',
    '20261101010000_platform_jobs.sql',
    '20261101020200_budgets.sql',
  ].map(migration);
  const previous = {
    '0001_core.sql': '20261101000100_core.sql',
    '0002_subjects.sql': '20261101000200_subjects.sql',
    '0100_platform_jobs.sql': '20261101010000_platform_jobs.sql',
  };

  it('applies everything, in order, to a fresh database', () => {
    expect(planMigrations(available, [], previous)).toEqual({ renames: [], pending: available });
  });

  it('applies only what is newer than what the database records', () => {
    const plan = planMigrations(
      available,
      ['20261101000100_core.sql', '20261101000200_subjects.sql'],
      previous,
    );
    expect(plan).toEqual({ renames: [], pending: available.slice(2) });
    expect(
      planMigrations(
        available,
        available.map((m) => m.name),
        previous,
      ),
    ).toEqual({ renames: [], pending: [] });
  });

  it('renames the names the previous release recorded and treats them as applied', () => {
    const plan = planMigrations(
      available,
      ['0001_core.sql', '0002_subjects.sql', '0100_platform_jobs.sql'],
      previous,
    );
    expect(plan.renames).toEqual([
      ['0001_core.sql', '20261101000100_core.sql'],
      ['0002_subjects.sql', '20261101000200_subjects.sql'],
      ['0100_platform_jobs.sql', '20261101010000_platform_jobs.sql'],
    ]);
    expect(plan.pending.map((m) => m.name)).toEqual(['20261101020200_budgets.sql']);
  });

  it('refuses a database that records both a previous name and its new name', () => {
    expect(() => planMigrations(available, ['0001_core.sql', '20261101000100_core.sql'], previous)).toThrow(
      /records both 0001_core\.sql and 20261101000100_core\.sql/,
    );
  });

  it('refuses a database that records a migration no folder holds, naming it', () => {
    const attempt = () =>
      planMigrations(
        available,
        ['0001_core.sql', '0002_subjects.sql', '0205_ledger.sql', '20270105093000_gone.sql'],
        previous,
      );
    expect(attempt).toThrow(MigrationError);
    expect(attempt).toThrow('does not have: 0205_ledger.sql, 20270105093000_gone.sql');
  });

  it('refuses a pending migration older than the newest applied one, naming both', () => {
    const attempt = () =>
      planMigrations(available, ['20261101000100_core.sql', '20261101010000_platform_jobs.sql'], previous);
    expect(attempt).toThrow(MigrationError);
    expect(attempt).toThrow(
      /older than the newest applied one, 20261101010000_platform_jobs\.sql: \/m\/20261101000200_subjects\.sql/,
    );
  });
});

describe('the migrations of this release', () => {
  const folders = migrationFolders();
  const migrations = discoverMigrations(folders);

  it('come from the platform folder and the modules’ folders, with valid, distinct names', () => {
    expect(folders[0]).toBe(join(SERVER, 'src/platform/migrations'));
    expect(folders.slice(1).every((f) => /\/src\/modules\/[a-z-]+\/migrations$/.test(f))).toBe(true);
    expect(folders).toContain(join(SERVER, 'src/modules/fulfilment/migrations'));
    expect(migrations[0]?.name).toBe('20261101000100_core.sql');
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });

  it('leave no SQL in the folder the previous release used (a file there would never run)', () => {
    const old = join(SERVER, 'migrations');
    expect(existsSync(old) ? readdirSync(old) : []).toEqual([]);
  });

  it('map every name of the previous release to a file of this one, in the same order', () => {
    const names = new Set(migrations.map((m) => m.name));
    const entries = Object.entries(PREVIOUS_RELEASE_NAMES);
    expect(entries.filter(([, today]) => !names.has(today))).toEqual([]);
    const byOld = entries.map(([old]) => old).sort();
    const byNew = entries.map(([, today]) => today).sort();
    expect(byOld.map((old) => PREVIOUS_RELEASE_NAMES[old])).toEqual(byNew);
    expect(new Set(byNew).size).toBe(entries.length);
    // Everything released before the move precedes everything after it.
    const firstAfter = migrations.find((m) => !byNew.includes(m.name));
    if (firstAfter) expect(firstAfter.stamp > byNew.at(-1)!.slice(0, 14)).toBe(true);
  });
});

describe('folders', () => {
  it('finds each module’s migrations folder and orders a later file after the others', () => {
    const src = join(tmp, 'src');
    for (const dir of ['platform/migrations', 'modules/a/migrations', 'modules/b', 'modules/c/migrations'])
      mkdirSync(join(src, dir), { recursive: true });
    writeFileSync(join(src, 'platform/migrations/20261101000100_core.sql'), '');
    writeFileSync(join(src, 'modules/a/migrations/20270101000000_a_later.sql'), '');
    writeFileSync(join(src, 'modules/c/migrations/20261201000000_c.sql'), '');
    writeFileSync(join(src, 'modules/README.md'), '');
    const folders = migrationFolders(src);
    expect(folders).toEqual([
      join(src, 'platform/migrations'),
      join(src, 'modules/a/migrations'),
      join(src, 'modules/c/migrations'),
    ]);
    expect(discoverMigrations(folders).map((m) => m.path)).toEqual([
      join(src, 'platform/migrations/20261101000100_core.sql'),
      join(src, 'modules/c/migrations/20261201000000_c.sql'),
      join(src, 'modules/a/migrations/20270101000000_a_later.sql'),
    ]);
    writeFileSync(join(src, 'modules/c/migrations/notes.txt'), '');
    expect(() => discoverMigrations(migrationFolders(src))).toThrow(
      join(src, 'modules/c/migrations/notes.txt'),
    );
  });
});
