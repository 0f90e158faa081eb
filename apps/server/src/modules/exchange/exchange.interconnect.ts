/**
 * What exchange uses of the interconnect core (modules/interconnect): machine clients, upstreams
 * and calling them. In one place, so the rest of the module reads as its own vocabulary.
 */
export {
  callUpstream,
  liveClientsWithScope as clientsWithScope,
  listUpstreams,
  UpstreamUnavailable,
  type ApiClient,
  type Upstream,
} from '../interconnect/index.js';
