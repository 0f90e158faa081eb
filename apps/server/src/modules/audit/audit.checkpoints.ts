import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/database.js';
import { lockCheckpoints } from './audit.checkpoints.repository.js';
import { auditKeyId } from './audit.key.js';
import * as repo from './audit.repository.js';
import { canonicalJson, GENESIS_POINT, verifyChain, type ChainPoint, type ChainVerification } from './audit.service.js';

/**
 * Checkpoints anchor the audit chain outside the database. The hash chain alone shows a record
 * altered or removed in the middle, but not a missing tail (the newest records deleted) nor a
 * chain truncated and re-hashed from some record on: both leave a chain that is consistent with
 * itself. A checkpoint states "the chain had `count` records, the last one `headId` with hash
 * `headHash`, at `at`", signed with HMAC-SHA256 under a key the database does not hold, and names
 * the previous checkpoint's signature, so the checkpoints form a chain of their own. They are
 * appended (and fsynced) to `checkpoints.jsonl` in the audit folder, one JSON object a line, and
 * can be exported to the programme office. Verification checks every checkpoint against the
 * records. Records after the last checkpoint are protected by the hash chain only.
 */

export const CHECKPOINT_FILE = 'checkpoints.jsonl';
export const checkpointFileOf = (dir: string): string => join(dir, CHECKPOINT_FILE);

export interface Checkpoint {
  v: 1;
  /** 1, 2, 3 … in the file. */
  seq: number;
  headId: number;
  headHash: string;
  /** Records in the chain up to and including headId. */
  count: number;
  at: string;
  /** The previous checkpoint's signature ('' for the first). */
  prev: string;
  /** Which key signed it (auditKeyId). */
  kid: string;
  /** HMAC-SHA256 (hex) over the canonical JSON of every other field. */
  sig: string;
}

/** Where checkpoints live and the key that signs them (loaded only when needed). */
export interface AuditAnchor {
  dir: string;
  key: () => Buffer;
}

const signatureOf = (key: Buffer, body: Omit<Checkpoint, 'sig'>): string =>
  createHmac('sha256', key).update('seedbed-audit-checkpoint\n').update(canonicalJson(body)).digest('hex');

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export interface CheckpointFileProblem {
  line: number;
  /** The record the checkpoint names, when the line could be read. */
  headId: number | null;
  reason: string;
}

const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1;

function parseLine(text: string): Checkpoint | null {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    return null;
  }
  if (c === null || typeof c !== 'object' || c.v !== 1 || !isCount(c.seq) || !isCount(c.headId) || !isCount(c.count)) return null;
  if (!isHash(c.headHash) || !isHash(c.sig) || typeof c.at !== 'string' || typeof c.kid !== 'string') return null;
  if (c.prev !== '' && !isHash(c.prev)) return null;
  return c as Checkpoint;
}

/**
 * Reads a checkpoint file and checks it on its own: every line a checkpoint, numbered 1, 2, 3 …,
 * signed with `key`, each naming the previous one's signature, heads and counts never going back.
 * Stops at the first problem. A missing file is an empty list.
 */
export function readCheckpoints(file: string, key: () => Buffer): { checkpoints: Checkpoint[]; problem?: CheckpointFileProblem } {
  if (!existsSync(file)) return { checkpoints: [] };
  const lines = readFileSync(file, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const checkpoints: Checkpoint[] = [];
  let k: Buffer | null = null;
  for (const [index, text] of lines.entries()) {
    const line = index + 1;
    const c = parseLine(text);
    if (!c) return { checkpoints, problem: { line, headId: null, reason: `checkpoint file line ${line} is not a checkpoint (damaged or edited)` } };
    k ??= key();
    const before = checkpoints.at(-1);
    const at = (reason: string) => ({ checkpoints, problem: { line, headId: c.headId, reason: `checkpoint #${c.seq} (line ${line}): ${reason}` } });
    if (c.kid !== auditKeyId(k)) return at(`signed with another key (key id ${c.kid}, the configured key is ${auditKeyId(k)}): set SEEDBED_AUDIT_KEY to the key that signed it`);
    const { sig, ...body } = c;
    if (!sameHex(sig, signatureOf(k, body))) return at('signature does not match its content (forged or altered checkpoint)');
    if (c.seq !== line) return at(`is numbered ${c.seq} but is checkpoint ${line} of the file (a checkpoint was removed or inserted)`);
    if (c.prev !== (before?.sig ?? '')) return at('does not name the previous checkpoint\'s signature (a checkpoint before it was removed or replaced)');
    if (before && (c.headId < before.headId || c.count < before.count)) return at(`goes back from record ${before.headId} to ${c.headId}`);
    checkpoints.push(c);
  }
  return { checkpoints };
}

export interface AuditVerificationReport extends ChainVerification {
  checkpoints: {
    /** Checkpoints read (all of them when ok). */
    count: number;
    lastHeadId: number | null;
    lastAt: string | null;
    /** Records after the last checkpoint: protected by the hash chain only. */
    unanchored: number;
  };
}

/**
 * Verifies the chain and every checkpoint: each checkpoint's signature and place in the
 * checkpoint chain, that the record it names exists with the hash it signed, that the chain had
 * as many records up to it as it counted, and that the chain continues from it. Names the first
 * problem. `file` verifies against another copy of the checkpoints (e.g. the programme office's).
 */
export async function verifyAudit(db: Db, anchor: AuditAnchor, file = checkpointFileOf(anchor.dir)): Promise<AuditVerificationReport> {
  const { checkpoints, problem } = readCheckpoints(file, anchor.key);
  const last = checkpoints.at(-1);
  const summary = (head: ChainPoint) => ({
    count: checkpoints.length,
    lastHeadId: last?.headId ?? null,
    lastAt: last?.at ?? null,
    unanchored: Math.max(0, head.id - (last?.headId ?? 0)),
  });
  const byHead = new Map<number, Checkpoint[]>();
  for (const c of checkpoints) byHead.set(c.headId, [...(byHead.get(c.headId) ?? []), c]);
  let position = 0;
  const chain = await verifyChain(db, {
    visit: (row) => {
      position++;
      for (const c of byHead.get(row.id) ?? []) {
        if (row.hash !== c.headHash) {
          return `hash differs from the one checkpoint #${c.seq} of ${c.at} signed for this record: the chain was rewritten (re-hashed) from here or before`;
        }
        if (position !== c.count) return `checkpoint #${c.seq} of ${c.at} counted ${c.count} records up to this one, the chain has ${position}`;
      }
      return undefined;
    },
  });
  const { head, ...result } = chain;
  if (problem) {
    return { ok: false, checked: result.checked, firstBroken: { id: problem.headId ?? 0, reason: problem.reason }, checkpoints: summary(head) };
  }
  if (!result.ok) return { ...result, checkpoints: summary(head) };
  if (last && head.id < last.headId) {
    return {
      ok: false,
      checked: result.checked,
      firstBroken: {
        id: head.id + 1,
        reason:
          `records ${head.id + 1}–${last.headId} are missing: checkpoint #${last.seq} of ${last.at} signed the chain up to record ${last.headId} ` +
          '(the newest records were deleted, or the chain was truncated)',
      },
      checkpoints: summary(head),
    };
  }
  return { ...result, checkpoints: summary(head) };
}

export class CheckpointRefused extends Error {
  constructor(reason: string) {
    super(`审计检查点未写入：审计链或检查点文件校验失败 / Audit checkpoint not written: ${reason}. Run npm run audit:verify.`);
    this.name = 'CheckpointRefused';
  }
}

function appendLine(dir: string, file: string, line: string): void {
  const created = !existsSync(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const before = created ? '' : readFileSync(file, 'utf8');
  // A line torn by a crash stays on its own line (verification reports it) rather than gluing onto ours.
  const text = (before !== '' && !before.endsWith('\n') ? '\n' : '') + line + '\n';
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}

/**
 * Writes a checkpoint for the chain's current head, after verifying the records since the last
 * checkpoint (the one before must still be in place with the hash it signed): a checkpoint never
 * vouches for a chain that does not verify. Returns null when the head has not moved since the
 * last checkpoint (unless `force`) or the chain is empty; throws CheckpointRefused when the
 * chain or the checkpoint file does not verify.
 */
export async function writeCheckpoint(db: Db, anchor: AuditAnchor, clock: Clock, options: { force?: boolean } = {}): Promise<Checkpoint | null> {
  const file = checkpointFileOf(anchor.dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    const { checkpoints, problem } = readCheckpoints(file, anchor.key);
    if (problem) throw new CheckpointRefused(problem.reason);
    const last = checkpoints.at(-1);
    let from = GENESIS_POINT;
    if (last) {
      const [row] = await repo.rowsAfter(db, last.headId - 1, 1);
      if (row?.id !== last.headId) throw new CheckpointRefused(`record ${last.headId} named by checkpoint #${last.seq} is missing`);
      if (row.hash !== last.headHash) throw new CheckpointRefused(`record ${last.headId} no longer has the hash checkpoint #${last.seq} signed`);
      from = { id: last.headId, hash: last.headHash };
    }
    const chain = await verifyChain(db, { from });
    if (!chain.ok) throw new CheckpointRefused(`record ${chain.firstBroken!.id}: ${chain.firstBroken!.reason}`);
    if (chain.head.id === 0 || (last && chain.head.id === last.headId && !options.force)) return null;
    const key = anchor.key();
    const written = await db.transaction().execute(async (trx) => {
      await lockCheckpoints(trx);
      // Another process sharing the folder may have written one meanwhile: start again from it.
      const now = readCheckpoints(file, () => key).checkpoints.at(-1);
      if (now?.sig !== last?.sig) return null;
      const body: Omit<Checkpoint, 'sig'> = {
        v: 1,
        seq: (last?.seq ?? 0) + 1,
        headId: chain.head.id,
        headHash: chain.head.hash,
        count: (last?.count ?? 0) + chain.checked,
        at: clock.now().toISOString(),
        prev: last?.sig ?? '',
        kid: auditKeyId(key),
      };
      const checkpoint: Checkpoint = { ...body, sig: signatureOf(key, body) };
      appendLine(anchor.dir, file, JSON.stringify(checkpoint));
      return checkpoint;
    });
    if (written) return written;
  }
  return null;
}

export interface CheckpointSchedule {
  /** Writes a checkpoint now (queued behind one in progress). */
  checkpoint(force?: boolean): Promise<Checkpoint | null>;
  /** Stops the timer and writes a last checkpoint (graceful shutdown). */
  stop(): Promise<void>;
}

/**
 * Writes a checkpoint at once, then every `everyMs` while the head moves, and a last one on
 * `stop`. Failures (a chain that no longer verifies) are reported through `log` and retried at
 * the next tick; nothing is signed until the chain verifies again.
 */
export function scheduleCheckpoints(options: {
  db: Db;
  anchor: AuditAnchor;
  clock: Clock;
  everyMs: number;
  log: (error: unknown) => void;
}): CheckpointSchedule {
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const checkpoint = (force = false): Promise<Checkpoint | null> => {
    const next = queue.then(() => writeCheckpoint(options.db, options.anchor, options.clock, { force }));
    queue = next.catch(() => undefined);
    return next;
  };
  const tick = () => {
    checkpoint()
      .catch(options.log)
      .finally(() => {
        if (!stopped) {
          timer = setTimeout(tick, options.everyMs);
          timer.unref();
        }
      });
  };
  tick();
  return {
    checkpoint,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await checkpoint().catch(options.log);
    },
  };
}
