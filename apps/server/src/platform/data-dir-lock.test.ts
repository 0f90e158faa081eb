import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

describe('data folder lock', () => {
  it('refuses a second opener with a message naming the folder and the process', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'seedbed-lock-')), 'pglite');
    // Simulate another live process holding it: our parent is alive and is not us.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    try {
      lockDataDir(dir);
    } catch (error) {
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toContain(String(process.ppid));
      expect((error as Error).message).toContain('数据目录');
    }
  });

  it('takes over a lock left by a process that no longer exists, and releases it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'seedbed-lock-')), 'pglite');
    writeFileSync(`${dir}.lock`, '999999999');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).not.toThrow(); // our own pid: re-entrant for the same process
    release();
  });
});
