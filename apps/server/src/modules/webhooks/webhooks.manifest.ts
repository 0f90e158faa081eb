import { defineJob, on, type ModuleManifest } from '../../platform/module.js';
import { forgetOldRuns, intervalJob } from '../feeds/index.js';
import { webhooksRoutes } from './webhooks.routes.js';
import { deliver, enqueueWebhookEvent, retryDue } from './webhooks.service.js';

declare module '../../platform/module.js' {
  interface JobKinds {
    /** One attempt of one webhook delivery. */
    'webhooks.deliver': { deliveryId: string };
    /** Every 10 seconds: queues the deliveries whose backoff has passed. */
    'webhooks.tick': { slot: string };
  }
}

export const WEBHOOKS_TICK_MS = 10_000;

export const webhooksManifest = {
  name: 'webhooks',
  label: { zh: 'Webhook 推送', en: 'Webhooks' },
  routes: webhooksRoutes,
  events: {
    handles: [
      // New and changed policies.
      on('policy.published', async (trx, p, deps) => {
        await enqueueWebhookEvent(trx, 'policy.published', { itemId: p.itemId, version: p.version, previousVersion: p.previousVersion }, deps.clock.now());
      }),
      // An award is approved as it enters publicity (公示): fulfilment emits 'award.approved' where publicity starts.
      on('award.approved', async (trx, p, deps) => {
        await enqueueWebhookEvent(trx, 'award.published', { applicationId: p.applicationId, itemId: p.itemId, approvedFen: p.approvedFen }, deps.clock.now());
      }),
    ],
  },
  jobs: [
    defineJob('webhooks.deliver', (deps, ctx) => deliver(deps, ctx.payload.deliveryId)),
    defineJob('webhooks.tick', async (deps) => {
      const r = await retryDue(deps);
      await forgetOldRuns(deps.db, 'webhooks.tick');
      return r;
    }),
  ],
  dailyJobs: [intervalJob('webhooks.tick', WEBHOOKS_TICK_MS, (slot) => ({ slot }))],
  migrations: new URL('./migrations/', import.meta.url),
} satisfies ModuleManifest;
