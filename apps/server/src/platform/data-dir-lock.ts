import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * PGlite must never be opened by two processes: its files would be corrupted. We hold a lock
 * file beside the data folder with our pid; a second process finds it and stops with a clear
 * message, unless the recorded process no longer exists (a crash), in which case the lock is
 * taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用；同一数据目录只能由一个 Seedbed 进程打开。\n` +
        `The data folder ${dataDir} is in use by process ${pid}; only one Seedbed process may open it. ` +
        `Stop that process, or set SEEDBED_DATA_DIR to another folder.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  const lockPath = join(dirname(dataDir), `${dataDir.split('/').pop()}.lock`);
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new DataDirLockedError(dataDir, pid);
      }
      unlinkSync(lockPath); // stale lock from a process that is gone
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}
