/**
 * Policy feeds (互联互通): this platform publishes its policies as a versioned feed
 * (`GET /api/v1/feed/policies`, machine clients with policies:read), and subscribes other
 * platforms' feeds (an upstream registered in the interconnect core): a persisted job pulls them,
 * the items are kept in this module's tables (never in the local catalogue), shown in the library
 * as 上级政策 / 区级政策 with their origin, and evaluated by the finder under namespaced ids.
 */
import { extendFinderRules } from '../policies/index.js';
import { upstreamRules } from './feeds.service.js';

extendFinderRules(upstreamRules);

export type { FeedsTables } from './feeds.tables.js';
export { feedsManifest, FEEDS_TICK_MS } from './feeds.manifest.js';
export { pullFeed, pullDue, policyFeed, namespacedId, upstreamPolicies, FEED_VERSION } from './feeds.service.js';
export { intervalJob, forgetOldRuns } from './feeds.schedule.js';
