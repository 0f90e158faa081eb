/**
 * What exchange uses of the interconnect core (modules/interconnect): machine clients, upstreams
 * and calling them. In one place, so the rest of the module reads as its own vocabulary.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';
import type { ClientScope } from '@seedbed/contract';

export { callUpstream, listUpstreams, UpstreamUnavailable, type ApiClient, type Upstream } from '../interconnect/index.js';

export interface PlatformClient {
  clientId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  regionCode: string;
}

/** The live (not revoked) machine clients holding `scope`, with their organisation and its region. */
export async function clientsWithScope(db: Db | Tx, scope: ClientScope): Promise<PlatformClient[]> {
  const rows = await sql<{ client_id: string; name: string; organisation_id: string; organisation_name: string; region_code: string }>`
    SELECT c.client_id, c.name, c.organisation_id, o.name AS organisation_name, o.region_code
    FROM interconnect_clients c JOIN identity_organisations o ON o.id = c.organisation_id
    WHERE c.revoked_at IS NULL AND ${scope} = ANY(c.scopes)
    ORDER BY o.region_code, c.name`.execute(db);
  return rows.rows.map((r) => ({ clientId: r.client_id, name: r.name, organisationId: r.organisation_id, organisationName: r.organisation_name, regionCode: r.region_code }));
}
