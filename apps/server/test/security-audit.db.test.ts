import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditKeyFile,
  checkpointFileOf,
  CheckpointRefused,
  loadAuditKey,
  readCheckpoints,
  verifyAudit,
  writeCheckpoint,
  type AuditAnchor,
  type Checkpoint,
} from '../src/modules/audit/index.js';
import { hashRecord } from '../src/modules/audit/audit.service.js';
import type { AuditRow } from '../src/modules/audit/audit.repository.js';
import type { Tx } from '../src/platform/database.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * Point 7 of the security hardening: signed checkpoints outside the database let verification
 * detect what the hash chain alone cannot (a deleted tail, a truncation, a re-hashed rewrite),
 * and a forged or removed checkpoint. Each tamper is done as an attacker with database superuser
 * rights would: the append-only trigger switched off around it. The verification is read through
 * the existing API, which said "intact" to all of these before the checkpoints existed.
 */

const auditDir = mkdtempSync(join(tmpdir(), 'seedbed-audit-'));
const auditKey = randomBytes(32).toString('base64');
const file = checkpointFileOf(auditDir);
let t: TestContext;
let admin: TestClient;
let anchor: AuditAnchor;

interface Verification {
  ok: boolean;
  checked: number;
  firstBroken?: { id: number; reason: string };
  checkpoints?: { count: number; lastHeadId: number | null; lastAt: string | null; unanchored: number };
}

const verify = async (): Promise<Verification> => {
  const r = await admin.get('/api/v1/admin/audit/verify');
  expect(r.statusCode).toBe(200);
  return r.json<Verification>();
};

/** A few more audited events (failed logins are recorded). */
async function moreRecords(n: number): Promise<void> {
  const stranger = new TestClient(t.app);
  for (let i = 0; i < n; i++) await stranger.post('/api/v1/auth/login', { username: `nobody-${i}`, password: 'wrong-password-1' });
}

const headId = async (): Promise<number> =>
  Number((await sql<{ id: number }>`SELECT max(id) AS id FROM audit_log`.execute(t.database.db)).rows[0]!.id);

/** Runs `change` with the append-only triggers off, as a database superuser could. */
async function asSuperuser(change: (trx: Tx) => Promise<void>): Promise<void> {
  await t.database.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(trx);
    await change(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(trx);
  });
}

/**
 * Tampers, verifies, and puts the audit log and the checkpoint file back as they were, so each
 * tamper starts from the same intact, anchored chain.
 */
async function tampered(change: () => Promise<void>): Promise<Verification> {
  const savedFile = readFileSync(file, 'utf8');
  await sql`CREATE TABLE audit_backup AS SELECT * FROM audit_log`.execute(t.database.db);
  try {
    await change();
    return await verify();
  } finally {
    await asSuperuser(async (db) => {
      await sql`DELETE FROM audit_log`.execute(db);
      await sql`INSERT INTO audit_log SELECT * FROM audit_backup`.execute(db);
    });
    await sql`DROP TABLE audit_backup`.execute(t.database.db);
    writeFileSync(file, savedFile);
  }
}

/** Re-hashes the chain from record `from` on, as an attacker who knows the (public) algorithm would. */
async function rehashFrom(db: Tx, from: number, edit: (row: AuditRow) => void = () => undefined): Promise<void> {
  const rows = (await sql<AuditRow>`SELECT * FROM audit_log WHERE id >= ${from - 1} ORDER BY id`.execute(db)).rows;
  let prev = from === 1 ? '0'.repeat(64) : rows.shift()!.hash;
  for (const row of rows) {
    if (row.id === from) edit(row);
    const { hash: _old, ...rest } = { ...row, prev_hash: prev };
    const hash = hashRecord(rest);
    await sql`UPDATE audit_log SET data = ${JSON.stringify(row.data)}::jsonb, actor = ${row.actor}, prev_hash = ${prev}, hash = ${hash} WHERE id = ${row.id}`.execute(db);
    prev = hash;
  }
}

let checkpoints: Checkpoint[];

beforeAll(async () => {
  t = await testApp({ demo: true, config: { auditKey, auditDir } });
  anchor = { dir: auditDir, key: () => loadAuditKey(t.deps.config) };
  admin = new TestClient(t.app);
  await admin.loginDemo('admin', t.clock);
  // Three checkpoints with records between them, then records after the last one.
  const first = await writeCheckpoint(t.database.db, anchor, t.clock);
  await moreRecords(3);
  t.clock.advance(3_600_000);
  const second = await writeCheckpoint(t.database.db, anchor, t.clock);
  await moreRecords(3);
  t.clock.advance(3_600_000);
  const third = await writeCheckpoint(t.database.db, anchor, t.clock);
  await moreRecords(2);
  checkpoints = [first!, second!, third!];
});
afterAll(async () => t?.close());

describe('audit checkpoints', () => {
  it('an untouched chain with checkpoints verifies intact, naming the records after the last checkpoint', async () => {
    expect(checkpoints.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(checkpoints[1]!.headId).toBeGreaterThan(checkpoints[0]!.headId);
    expect(checkpoints[1]!.prev).toBe(checkpoints[0]!.sig);
    const head = await headId();
    const v = await verify();
    expect(v).toEqual({
      ok: true,
      checked: head,
      checkpoints: { count: 3, lastHeadId: checkpoints[2]!.headId, lastAt: checkpoints[2]!.at, unanchored: head - checkpoints[2]!.headId },
    });
    expect(v.checkpoints!.unanchored).toBeGreaterThan(0);
    // The file is outside the database: JSON lines, one checkpoint a line, nothing else.
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Checkpoint)).toEqual(checkpoints);
  });

  it('writes nothing while the head has not moved, unless asked', async () => {
    const before = readFileSync(file, 'utf8');
    await moreRecords(1);
    const now = await writeCheckpoint(t.database.db, anchor, t.clock);
    expect(now?.seq).toBe(4);
    expect(await writeCheckpoint(t.database.db, anchor, t.clock)).toBeNull();
    expect((await writeCheckpoint(t.database.db, anchor, t.clock, { force: true }))?.headId).toBe(now!.headId);
    writeFileSync(file, before); // back to three checkpoints for the tampering below
    await moreRecords(1);
  });

  it('detects the newest records deleted after a checkpoint (a missing tail)', async () => {
    const last = checkpoints[2]!;
    const v = await tampered(() => asSuperuser(async (db) => void (await sql`DELETE FROM audit_log WHERE id > ${last.headId - 2}`.execute(db))));
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ id: last.headId - 1, reason: expect.stringContaining(`records ${last.headId - 1}–${last.headId} are missing`) });
    expect(v.firstBroken!.reason).toContain(`checkpoint #3`);
  });

  it('detects a truncation followed by new, correctly hashed records (the chain alone verifies)', async () => {
    const cut = checkpoints[1]!.headId - 1;
    const v = await tampered(async () => {
      await asSuperuser(async (db) => {
        await sql`DELETE FROM audit_log WHERE id > ${cut}`.execute(db);
        const prev = (await sql<{ hash: string }>`SELECT hash FROM audit_log WHERE id = ${cut}`.execute(db)).rows[0]!.hash;
        let prevHash = prev;
        for (let id = cut + 1; id <= cut + 20; id++) {
          const row = { id, at: new Date('2026-11-20T03:00:00Z'), actor_user_id: null, actor: 'system:forged', action: 'auth.login_failed', entity_type: 'user', entity_id: null, data: {}, request_id: null, ip: null, prev_hash: prevHash };
          const hash = hashRecord(row);
          await sql`INSERT INTO audit_log (id, at, actor, action, entity_type, data, prev_hash, hash) VALUES (${id}, ${row.at}, ${row.actor}, ${row.action}, ${row.entity_type}, '{}'::jsonb, ${prevHash}, ${hash})`.execute(db);
          prevHash = hash;
        }
      });
    });
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ id: checkpoints[1]!.headId, reason: expect.stringContaining('checkpoint #2') });
    expect(v.firstBroken!.reason).toContain('rewritten');
  });

  it('detects a full re-hashed rewrite of the chain', async () => {
    const v = await tampered(() =>
      asSuperuser((db) =>
        rehashFrom(db, 3, (row) => {
          row.actor = 'mallory';
        }),
      ),
    );
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ id: checkpoints[0]!.headId, reason: expect.stringContaining('checkpoint #1') });
    expect(v.firstBroken!.reason).toContain('rewritten');
    expect(v.checked).toBe(checkpoints[0]!.headId - 1);
  });

  it('detects a forged checkpoint: altered content, or signed with a key other than the configured one', async () => {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // Move the last checkpoint back to an earlier head (to hide a deleted tail) without the key.
    const moved = { ...checkpoints[2]!, headId: checkpoints[1]!.headId, headHash: checkpoints[1]!.headHash, count: checkpoints[1]!.count };
    let v = await tampered(async () => writeFileSync(file, [...lines.slice(0, 2), JSON.stringify(moved)].join('\n') + '\n'));
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.reason).toMatch(/checkpoint #3 \(line 3\): signature does not match/);
    // A whole new checkpoint file, signed with the attacker's own key.
    const otherKey = randomBytes(32).toString('base64');
    const otherDir = mkdtempSync(join(tmpdir(), 'seedbed-audit-forged-'));
    await writeCheckpoint(t.database.db, { dir: otherDir, key: () => Buffer.from(otherKey, 'base64') }, t.clock);
    v = await tampered(async () => copyFileSync(checkpointFileOf(otherDir), file));
    expect(v.ok).toBe(false);
    expect(v.firstBroken!.reason).toContain('signed with another key');
  });

  it('detects a checkpoint deleted from the middle of the file', async () => {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const v = await tampered(async () => writeFileSync(file, [lines[0], lines[2]].join('\n') + '\n'));
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ id: checkpoints[2]!.headId, reason: expect.stringContaining('checkpoint #3 (line 2)') });
    expect(v.firstBroken!.reason).toMatch(/removed/);
  });

  it('a copy exported to the programme office still detects a deleted tail when the local file was cut back too', async () => {
    const exported = await admin.get('/api/v1/admin/audit/checkpoints');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/x-ndjson');
    expect(exported.body).toBe(readFileSync(file, 'utf8'));
    const copy = join(mkdtempSync(join(tmpdir(), 'seedbed-office-')), 'checkpoints.jsonl');
    writeFileSync(copy, exported.body);
    const lines = exported.body.trim().split('\n');
    const last = checkpoints[2]!;
    await tampered(async () => {
      await asSuperuser(async (db) => void (await sql`DELETE FROM audit_log WHERE id > ${checkpoints[1]!.headId}`.execute(db)));
      writeFileSync(file, lines.slice(0, 2).join('\n') + '\n'); // the attacker also holds the app server
      const local = await verifyAudit(t.database.db, anchor);
      expect(local.ok).toBe(true); // what cannot be seen locally any more …
      expect(local.checkpoints.count).toBe(2);
      const office = await verifyAudit(t.database.db, anchor, copy); // … the office's copy shows
      expect(office.ok).toBe(false);
      expect(office.firstBroken).toEqual({ id: checkpoints[1]!.headId + 1, reason: expect.stringContaining(`${last.headId} are missing`) });
    });
    // Only for auditors.
    const founder = new TestClient(t.app);
    await founder.loginDemo('founder', t.clock);
    expect((await founder.get('/api/v1/admin/audit/checkpoints')).statusCode).toBe(403);
  });

  it('refuses to sign a checkpoint over a chain that does not verify, and the tamper stays visible', async () => {
    const before = readFileSync(file, 'utf8');
    await tampered(async () => {
      await asSuperuser((db) =>
        rehashFrom(db, checkpoints[2]!.headId, (row) => {
          row.actor = 'mallory';
        }),
      );
      await expect(writeCheckpoint(t.database.db, anchor, t.clock, { force: true })).rejects.toThrow(CheckpointRefused);
      expect(readFileSync(file, 'utf8')).toBe(before);
    });
  });

  it('checkpoints written at once by several writers sharing the folder form one valid chain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedbed-audit-race-'));
    const shared: AuditAnchor = { dir, key: anchor.key };
    await Promise.all(Array.from({ length: 4 }, () => writeCheckpoint(t.database.db, shared, t.clock, { force: true })));
    const { checkpoints: written, problem } = readCheckpoints(checkpointFileOf(dir), shared.key);
    expect(problem).toBeUndefined();
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(written.map((c) => c.seq)).toEqual(written.map((_c, i) => i + 1));
  });
});

describe('the audit key', () => {
  it('is required in production, never generated there', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'seedbed-key-')), 'pglite');
    expect(() => loadAuditKey({ production: true, auditKey: undefined, dataDir })).toThrow(/SEEDBED_AUDIT_KEY.*required in production/);
    expect(existsSync(auditKeyFile({ dataDir }))).toBe(false);
  });

  it('outside production is generated once beside the data folder, readable by its owner only, and reused', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'seedbed-key-')), 'pglite');
    const key = loadAuditKey({ production: false, auditKey: undefined, dataDir });
    expect(key.length).toBe(32);
    expect(statSync(auditKeyFile({ dataDir })).mode & 0o777).toBe(0o600);
    expect(loadAuditKey({ production: false, auditKey: undefined, dataDir }).equals(key)).toBe(true);
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => loadAuditKey({ production: true, auditKey: randomBytes(16).toString('base64'), dataDir: '/nonexistent/pglite' })).toThrow(/at least 32 bytes/);
  });
});
