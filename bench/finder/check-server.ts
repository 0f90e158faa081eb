/**
 * One HTTP server for the check benchmark, in its own process: `bare` is a Fastify route that
 * returns a small JSON object (the baseline); `seedbed` is the Seedbed app (embedded database,
 * catalogue imported) serving POST /api/v1/eligibility/check. Prints "PORT <n>" when listening.
 */
import Fastify from 'fastify';

process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

const mode = process.argv[2];
if (mode === 'bare') {
  const app = Fastify({ logger: false });
  app.post('/check', async () => ({ ok: true, items: [] as unknown[] }));
  // Diagnostic: a fixed body (set once by the benchmark) served as it is, to show what the client
  // side of the measurement costs for a response of that size and content.
  let fixed = Buffer.from('{}');
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.put('/fixed', async (request) => {
    fixed = request.body as Buffer;
    return { bytes: fixed.length };
  });
  app.post('/fixed', async (_request, reply) => reply.type('application/json; charset=utf-8').send(fixed));
  // Diagnostic only: the same trivial handler as the bare server, behind Seedbed's hooks and plugins.
  app.post('/api/v1/bench/noop', { config: { permission: 'public', csrf: false } }, async () => ({ ok: true, items: [] as unknown[] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
} else {
  const { randomBytes } = await import('node:crypto');
  const { buildApp } = await import('../../apps/server/src/app.js');
  const { systemClock } = await import('../../apps/server/src/platform/clock.js');
  const { readConfig } = await import('../../apps/server/src/platform/config.js');
  const { openDatabase } = await import('../../apps/server/src/platform/database.js');
  const { EventBus } = await import('../../apps/server/src/platform/events.js');
  const { noBenefitHistory } = await import('../../apps/server/src/platform/benefit-history.js');
  const { applicationChannelsOf } = await import('../../apps/server/src/modules/fulfilment/index.js');
  const { assembleModules } = await import('../../apps/server/src/platform/module.js');
  const { MODULES } = await import('../../apps/server/src/manifests.js');
  const modules = assembleModules(MODULES);
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  for (const module of modules.manifests) await module.ensureReferenceData?.(database.db);
  const config = { ...readConfig({ NODE_ENV: 'production', SEEDBED_DATA_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' }), webDist: '/nonexistent' };
  const app = await buildApp({ db: database.db, dbKind: database.kind, clock: systemClock, config, dataKey: randomBytes(32), events: new EventBus(modules.events), benefitHistory: noBenefitHistory, applicationChannels: applicationChannelsOf, modules });
  // Diagnostic only: the same trivial handler as the bare server, behind Seedbed's hooks and plugins.
  app.post('/api/v1/bench/noop', { config: { permission: 'public', csrf: false } }, async () => ({ ok: true, items: [] as unknown[] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
}
