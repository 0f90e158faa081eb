/**
 * `npm run openapi`: writes the OpenAPI document the server serves at /api/openapi.json to
 * docs/openapi.json, in canonical form (platform/openapi.ts). Run it after changing a route or a
 * contract schema and commit the result; a test fails while the two differ.
 * The app is built as the tests build it: an in-memory database, no web app, no demo data.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { fixedClock } from '../platform/clock.js';
import { readConfig } from '../platform/config.js';
import { openDatabase } from '../platform/database.js';
import { EventBus } from '../platform/events.js';
import { assembleModules } from '../platform/module.js';
import { MODULES } from '../manifests.js';
import { canonicalJson, OPENAPI_FILE } from '../platform/openapi.js';
import { benefitHistory } from '../workflows/benefit-history.js';
import { noPublishImpact } from '../platform/publish-impact.js';
import { applicationChannelsOf } from '../modules/fulfilment/index.js';
import { voucherPaymentsOf } from '../modules/vouchers/index.js';

const modules = assembleModules(MODULES);
const database = await openDatabase({ dataDir: 'memory://' });
const config = { ...readConfig({ NODE_ENV: 'test', SEEDBED_DATA_DIR: '/nonexistent/pglite' }), webDist: '/nonexistent' };
const clock = fixedClock('2026-01-01T00:00:00Z');
const app = await buildApp({
  db: database.db,
  dbKind: database.kind,
  clock,
  config,
  dataKey: randomBytes(32),
  events: new EventBus(modules.events),
  benefitHistory,
  publishImpact: noPublishImpact,
  applicationChannels: applicationChannelsOf,
  voucherPayments: voucherPaymentsOf(clock),
  modules,
});
await app.ready();
const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
if (response.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${response.statusCode}`);
writeFileSync(OPENAPI_FILE, canonicalJson(response.json()));
await app.close();
await database.close();
console.log(`${fileURLToPath(OPENAPI_FILE)} 已更新 / written`);
