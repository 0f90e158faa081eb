/**
 * Webhooks: machine clients (scope webhooks:manage) subscribe URLs to topics — policy.published,
 * award.published, indicator.updated — and get each event POSTed as signed JSON, retried with
 * backoff, every attempt recorded, replayable. Other modules queue events with
 * `enqueueWebhookEvent(tx, topic, data)` inside their transaction.
 */
export type { WebhooksTables } from './webhooks.tables.js';
export { webhooksManifest, WEBHOOKS_TICK_MS } from './webhooks.manifest.js';
export { enqueueWebhookEvent, deliver, retryDue, eventBody, BACKOFF_MS, MAX_ATTEMPTS } from './webhooks.service.js';
export { verifySignature, signatureHeader, SIGNATURE_HEADER } from './webhooks.signature.js';
