/**
 * `npm run audit:verify`: recomputes the audit log's hash chain and names the first broken
 * record. Exit code 0 when intact, 2 when broken. Uses the same database settings as the server
 * (DATABASE_URL, or the PGlite data folder — stop the server first, PGlite has one opener).
 */
import { readConfig } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';
import { verifyChain } from '../modules/audit/index.js';

const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  await database.migrate();
  const result = await verifyChain(database.db);
  if (result.ok) {
    console.log(`审计链完整 / audit chain intact: ${result.checked} records verified`);
  } else {
    console.error(
      `审计链在第 ${result.firstBroken!.id} 条记录处断裂 / audit chain broken at record ${result.firstBroken!.id}: ${result.firstBroken!.reason} ` +
        `(${result.checked} records before it verified)`,
    );
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
