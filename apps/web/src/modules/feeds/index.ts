/**
 * Feeds and webhooks (tabs of the 互联互通 page): the policy feeds this platform subscribes from the city's or a
 * district's platform, and the webhook subscriptions of its clients with their deliveries; the
 * library's section of those platforms' items.
 */
export { feedsManifest } from './feeds.manifest';
export { UpstreamPolicies } from './upstream-section';
export { FeedsTab, WebhooksTab } from './interconnection-page';
