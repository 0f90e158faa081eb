import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir, processStartTime, type LockOwner } from './data-dir-lock.js';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const LOCK_MODULE = fileURLToPath(new URL('./data-dir-lock.ts', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'seedbed-lock-')), 'pglite');

/** A live process that is not Seedbed: `sleep`. */
async function sleeper(): Promise<number> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid!;
}

/** A child process running the real lock code on `dir` and keeping it until killed. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const code = `const { lockDataDir } = await import(${JSON.stringify(LOCK_MODULE)}); lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 60000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('locked') && resolve());
    child.once('exit', (c) => reject(new Error(`lock holder exited with ${c}: ${errors}`)));
  });
  return child;
}

const linux = existsSync('/proc/self/stat');

describe('data folder lock', () => {
  it('refuses a second opener while a live Seedbed process holds it, saying what to do', async () => {
    const dir = freshDir();
    const child = await holderProcess(dir);
    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    const message = (error as Error).message;
    expect(message).toContain(dir);
    expect(message).toContain(String(child.pid));
    expect(message).toContain('数据目录');
    expect(message).toContain('only one Seedbed process may open it');
    expect(message).toContain(`delete the lock file ${dir}.lock`);
    expect(message).toContain(`删除锁文件 ${dir}.lock`);
    // Once the holder is gone (killed, no clean-up), its lock is taken over.
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const release = lockDataDir(dir);
    expect((JSON.parse(readFileSync(`${dir}.lock`, 'utf8')) as LockOwner).pid).toBe(process.pid);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);

  it.runIf(linux)('tells the process that wrote a lock from one that reused its pid: other start time or boot is taken over', async () => {
    const pid = await sleeper();
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const owner = (dir: string, o: Partial<LockOwner>): string =>
      JSON.stringify({ pid, start: processStartTime(pid), boot, token: 'other', host: 'x', dataDir: dir, at: '2026-01-01T00:00:00.000Z', ...o });
    // The writer itself, still alive (same pid, start time and boot): held.
    const held = freshDir();
    writeFileSync(`${held}.lock`, owner(held, {}));
    expect(() => lockDataDir(held)).toThrow(DataDirLockedError);
    // The same live pid, started at another time (the pid was reused): stale, taken over.
    const reused = freshDir();
    writeFileSync(`${reused}.lock`, owner(reused, { start: String(Number(processStartTime(pid)) - 1000) }));
    const release = lockDataDir(reused);
    expect((JSON.parse(readFileSync(`${reused}.lock`, 'utf8')) as LockOwner).pid).toBe(process.pid);
    release();
    // pid 1 after a container restart: alive, but not the process that wrote the lock.
    const container = freshDir();
    writeFileSync(`${container}.lock`, owner(container, { pid: 1, start: '1' }));
    lockDataDir(container)();
    // Written before a reboot (other boot id), even though the start time happens to match.
    const rebooted = freshDir();
    writeFileSync(`${rebooted}.lock`, owner(rebooted, { boot: '00000000-0000-0000-0000-000000000000' }));
    lockDataDir(rebooted)();
  });

  it.runIf(linux)('takes over an old-format lock (a bare pid) naming a live process that is not node', async () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, String(await sleeper()));
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that no longer exists, and releases only its own lock', () => {
    const dir = freshDir();
    writeFileSync(`${dir}.lock`, '999999999');
    const release = lockDataDir(dir);
    const second = lockDataDir(dir); // our own pid: re-entrant for the same process
    release(); // the first lock was replaced: releasing it leaves the second in place
    expect(existsSync(`${dir}.lock`)).toBe(true);
    second();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
