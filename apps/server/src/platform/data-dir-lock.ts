import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * PGlite must never be opened by two processes: its files would be corrupted. We hold a lock
 * file beside the data folder (`<folder>.lock`) naming our process: its pid, its start time
 * (Linux: field 22 of /proc/<pid>/stat, in clock ticks since boot) with the boot id, and a random
 * token. A second process finds it and stops with a clear message while that very process lives.
 *
 * A pid alone is not enough: after a reboot or a container restart the pid in a lock left behind
 * may belong to an unrelated process (in a container often pid 1, i.e. ourselves), and start-up
 * would be blocked forever. So the lock is stale, and taken over, when the named pid is gone, or
 * is alive but started at another time or in another boot than the process that wrote it. Where
 * /proc is not available the start time cannot be compared and a live pid counts as the holder.
 * A lock in the old format (a bare pid) is held only by a live process whose command is `node`.
 *
 * The lock protects processes of one host (one pid namespace): do not share a PGlite data folder
 * between containers.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockPath: string = `${dataDir}.lock`,
    readonly detail: string = '',
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid}${detail ? `（${detail}）` : ''} 使用；同一数据目录只能由一个 Seedbed 进程打开。` +
        `请先停止该进程，或将 SEEDBED_DATA_DIR 设为另一个目录；如确认没有 Seedbed 进程在使用该目录，可删除锁文件 ${lockPath} 后重新启动。\n` +
        `The data folder ${dataDir} is in use by process ${pid}${detail ? ` (${detail})` : ''}; only one Seedbed process may open it. ` +
        `Stop that process, or set SEEDBED_DATA_DIR to another folder. If you are sure no Seedbed process uses the folder, ` +
        `delete the lock file ${lockPath} and start again.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** What a lock file records about its holder. */
export interface LockOwner {
  pid: number;
  /** Start time of the process in clock ticks since boot (/proc/<pid>/stat field 22); null where unknown. */
  start: string | null;
  /** /proc/sys/kernel/random/boot_id of the boot the process runs in; null where unknown. */
  boot: string | null;
  token: string;
  host: string;
  dataDir: string;
  at: string;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat (starttime), or null when /proc is not readable (not Linux, process gone). */
export function processStartTime(pid: number): string | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // Field 2 is the command in parentheses and may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[22 - 3] ?? null;
}

function bootId(): string | null {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;
}

function commandOf(pid: number): string[] | null {
  const cmdline = readProc(`/proc/${pid}/cmdline`);
  return cmdline === null ? null : cmdline.split('\0').filter(Boolean);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | { pid: number; legacy: true } | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), legacy: true };
  try {
    const owner = JSON.parse(trimmed) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 && typeof owner.token === 'string' ? owner : null;
  } catch {
    return null;
  }
}

/** Why the recorded process still holds the lock (a description for the message), or null when the lock is stale. */
function holder(owner: LockOwner | { pid: number; legacy: true }): string | null {
  const { pid } = owner;
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
  const command = commandOf(pid);
  if ('legacy' in owner) {
    // Old format, nothing but a pid: a live node process may be the Seedbed that wrote it.
    if (command === null) return pid === process.pid ? null : 'pid only';
    return command[0] && basename(command[0]).startsWith('node') && pid !== process.pid ? command.join(' ').replace(/\s+/g, ' ').slice(0, 200) : null;
  }
  const start = processStartTime(pid);
  if (owner.start === null || start === null) {
    // No start time to compare (not Linux): a live pid other than ours is taken to be the holder.
    return pid === process.pid ? null : `host ${owner.host}`;
  }
  if (owner.start !== start) return null; // the pid was reused by a process started later
  const boot = bootId();
  if (owner.boot !== null && boot !== null && owner.boot !== boot) return null; // written before a reboot
  if (pid === process.pid) return null; // re-entrant: this very process wrote it
  return `${command ? command.join(' ').replace(/\s+/g, ' ').slice(0, 200) : 'unknown command'}, since ${owner.at}`;
}

/**
 * Locks the PGlite data folder for this process; returns the release function. Throws
 * DataDirLockedError while another live Seedbed process holds it.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dirname(dataDir), `${basename(dataDir)}.lock`);
  mkdirSync(dirname(lockPath), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    start: processStartTime(process.pid),
    boot: bootId(),
    token: randomBytes(16).toString('hex'),
    host: hostname(),
    dataDir,
    at: new Date().toISOString(),
  };
  const content = JSON.stringify(owner);
  for (let attempt = 0; attempt < 5; attempt++) {
    // Written in full beside the lock, then linked into place: creation is atomic (link fails
    // when the lock exists), and nobody ever reads a half-written lock.
    const pending = `${lockPath}.${owner.token}`;
    const fd = openSync(pending, 'w', 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(pending, lockPath);
      unlinkSync(pending);
      return release(lockPath, owner.token);
    } catch (error) {
      unlinkSync(pending);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = readProc(lockPath);
    if (found === null) continue; // released meanwhile
    const recorded = parseOwner(found);
    if (recorded) {
      const held = holder(recorded);
      if (held !== null) throw new DataDirLockedError(dataDir, recorded.pid, lockPath, held);
    }
    takeOver(lockPath, found, owner.token);
  }
  throw new Error(`无法锁定 / Could not lock ${lockPath}: it changed hands repeatedly while starting`);
}

/**
 * Moves a stale lock aside. Two processes may judge the same lock stale at once: each moves the
 * file to its own name and checks it moved the stale lock it judged, not the other's fresh one;
 * if it moved a fresh one it puts it back.
 */
function takeOver(lockPath: string, staleContent: string, token: string): void {
  const aside = `${lockPath}.${token}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readProc(aside);
  if (moved !== staleContent) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // someone created a lock meanwhile: the next attempt reads it
    }
  }
  unlinkSync(aside);
}

function release(lockPath: string, token: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Remove the lock only while it is still ours (never a successor's).
    const current = readProc(lockPath);
    if (current === null) return;
    const recorded = parseOwner(current);
    if (!recorded || 'legacy' in recorded || recorded.token !== token) return;
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
}
