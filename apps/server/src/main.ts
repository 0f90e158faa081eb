import { buildApp } from './app.js';
import { shiftedClock, systemClock } from './platform/clock.js';
import { readConfig } from './platform/config.js';
import { loadDataKey } from './platform/data-key.js';
import { openDatabase, openReadPool } from './platform/database.js';
import { MigrationError } from './platform/migrator.js';
import { EventBus } from './platform/events.js';
import { DataDirLockedError } from './platform/data-dir-lock.js';
import { assembleModules } from './platform/module.js';
import { loadAuditKey, scheduleCheckpoints } from './modules/audit/index.js';
import { MODULES } from './manifests.js';
import { benefitHistory } from './workflows/benefit-history.js';
import { blockCache, publishImpact } from './modules/finder/index.js';
import { applicationChannelsOf } from './modules/fulfilment/index.js';
import { voucherPaymentsOf } from './modules/vouchers/index.js';

/** Starts Seedbed: database (embedded PGlite unless DATABASE_URL), migrations, reference data, demo data, HTTP. */
async function main(): Promise<void> {
  const config = readConfig();
  // Contradicting manifests stop the start before anything opens.
  const modules = assembleModules(MODULES);
  // Before anything opens: production refuses to start without SEEDBED_AUDIT_KEY.
  const auditKey = loadAuditKey(config);
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    await database.migrate();
  } catch (error) {
    if (error instanceof MigrationError) {
      console.error(error.message);
      await database.close();
      process.exit(1);
    }
    throw error;
  }
  for (const module of modules.manifests) await module.ensureReferenceData?.(database.db);
  // Decoded subject columns kept between population jobs (SEEDBED_FINDER_CACHE_MB).
  blockCache(database.db).setBudget(config.finderCacheMiB * 1024 * 1024);
  // The real time, or a demo's rehearsal clock (SEEDBED_DEMO_CLOCK).
  const clock = config.demoClock ? shiftedClock(config.demoClock) : systemClock;
  // Public reads from a streaming replica, when one is configured (DATABASE_READ_URL).
  const replica = config.databaseReadUrl ? openReadPool(config.databaseReadUrl) : null;
  const deps = { db: database.db, ...(replica ? { readDb: replica.db } : {}), dbKind: database.kind, clock, config, dataKey: loadDataKey(config), events: new EventBus(modules.events), benefitHistory, publishImpact, applicationChannels: applicationChannelsOf, voucherPayments: voucherPaymentsOf(clock), modules };
  if (config.demo) for (const module of modules.manifests) await module.seedDemo?.(deps);
  const app = await buildApp(deps);
  // Signed checkpoints of the audit chain, outside the database: now, every few minutes while it
  // grows, and a last one on a graceful shutdown (docs/AUDIT-THREAT-MODEL.md).
  const checkpoints = scheduleCheckpoints({
    db: database.db,
    anchor: { dir: config.auditDir, key: () => auditKey },
    clock,
    everyMs: config.auditCheckpointMinutes * 60_000,
    log: (error) => app.log.error({ error: String(error) }, '审计检查点失败 / audit checkpoint failed'),
  });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await checkpoints.stop();
    await replica?.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  await app.jobs.start();
  app.log.info(
    { database: database.kind, readReplica: replica !== null, dataDir: database.kind === 'pglite' ? config.dataDir : undefined, demo: config.demo },
    `Seedbed is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
