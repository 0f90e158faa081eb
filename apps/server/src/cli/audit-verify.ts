/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and checks every signed checkpoint
 * against it (signature, checkpoint chain, the head and count each one signed), naming the first
 * problem. Exit code 0 when intact, 2 when broken, 1 on a usage or start-up error.
 *
 *   npm run audit:verify                                  the chain and the checkpoints in SEEDBED_AUDIT_DIR
 *   npm run audit:verify -- --checkpoint                  first write a checkpoint for the current head (on demand)
 *   npm run audit:verify -- --checkpoints <file>          check against another copy of the checkpoints
 *                                                         (e.g. the one exported to the programme office)
 *
 * Uses the same settings as the server (DATABASE_URL, or the PGlite data folder — stop the server
 * first, PGlite has one opener; SEEDBED_AUDIT_KEY; SEEDBED_AUDIT_DIR).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../platform/clock.js';
import { readConfig } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';
import { DataDirLockedError } from '../platform/data-dir-lock.js';
import { checkpointFileOf, loadAuditKey, verifyAudit, writeCheckpoint, type AuditAnchor } from '../modules/audit/index.js';

let args;
try {
  args = parseArgs({ options: { checkpoint: { type: 'boolean' }, checkpoints: { type: 'string' } }, strict: true }).values;
} catch (error) {
  console.error(`参数有误 / Bad arguments: ${(error as Error).message}\nUsage: npm run audit:verify [-- --checkpoint] [-- --checkpoints <file>]`);
  process.exit(1);
}

const config = readConfig();
const anchor: AuditAnchor = { dir: config.auditDir, key: () => loadAuditKey(config) };
const file = args.checkpoints ? resolve(args.checkpoints) : checkpointFileOf(config.auditDir);
let database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`${error.message}\n(审计校验需要先停止服务器 / stop the server before verifying the embedded database)`);
  process.exit(1);
}
try {
  await database.migrate();
  if (args.checkpoint) {
    const written = await writeCheckpoint(database.db, anchor, systemClock, { force: true });
    console.log(
      written
        ? `已写入检查点 #${written.seq} / checkpoint #${written.seq} written: record ${written.headId}, ${written.count} records, ${written.at}`
        : '审计日志为空，未写入检查点 / the audit log is empty: no checkpoint written',
    );
  }
  const result = await verifyAudit(database.db, anchor, file);
  const c = result.checkpoints;
  console.log(`检查点文件 / checkpoint file: ${file} (${c.count} checkpoints)`);
  if (result.ok) {
    console.log(`审计链完整 / audit chain intact: ${result.checked} records verified, ${c.count} signed checkpoints verified`);
  } else {
    console.error(
      `审计链在第 ${result.firstBroken!.id} 条记录处断裂 / audit chain broken at record ${result.firstBroken!.id}: ${result.firstBroken!.reason} ` +
        `(${result.checked} records verified before it)`,
    );
    process.exitCode = 2;
  }
  if (c.count === 0) {
    console.warn(
      '警告：没有签名检查点，删除最新记录或截断后重算的链无法被发现 / warning: no signed checkpoints: deleting the newest records, ' +
        'or truncating and re-hashing the chain, cannot be detected (run with --checkpoint, or start the server, to write one)',
    );
  } else if (c.unanchored > 0) {
    console.warn(
      `注意：最后一个检查点（第 ${c.lastHeadId} 条，${c.lastAt}）之后的 ${c.unanchored} 条记录仅受哈希链保护，删除它们无法被发现 / ` +
        `note: the ${c.unanchored} records after the last checkpoint (record ${c.lastHeadId}, ${c.lastAt}) are protected by the hash chain only: ` +
        'deleting them cannot be detected',
    );
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.close();
}
