/**
 * Interconnection (互联互通): machine clients of this platform (OAuth 2.0 client credentials, ES256
 * tokens, scopes, rotation, revocation, per-client rate, every call recorded) and the upstream
 * platforms it calls (`callUpstream`). Machine routes of any module declare
 * `config: { permission: 'interconnect.client', clientScope, csrf: false }` and read `request.apiClient`.
 */
export type { InterconnectTables } from './interconnect.tables.js';
export { authenticateApiClient, liveClientsWithScope, recordCall, type ApiClient, type LiveClient } from './interconnect.service.js';
export { callUpstream, listUpstreams, UpstreamUnavailable, type Upstream, type UpstreamAnswer, type UpstreamCall } from './interconnect.upstreams.js';
export { interconnectManifest } from './interconnect.manifest.js';
