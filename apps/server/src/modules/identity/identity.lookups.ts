/**
 * Reads other modules make of people and organisations: names for display, members to notify,
 * the government members holding a role (whom to escalate to). Read only.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/database.js';

/** Organisations' names by id (ids not found are absent). */
export async function organisationNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; name: string }>`SELECT id, name FROM identity_organisations WHERE id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

/** People's display names by user id (ids not found are absent). */
export async function userNames(db: Db | Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; display_name: string }>`SELECT id, display_name FROM identity_users WHERE id = ANY(${[...new Set(ids)]}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.display_name]));
}

/** The users who are members of any of the organisations, each once. */
export async function membersOfOrganisations(db: Db | Tx, organisationIds: readonly string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const r = await sql<{ user_id: string }>`SELECT DISTINCT user_id FROM identity_memberships WHERE organisation_id = ANY(${[...organisationIds]}::uuid[])`.execute(db);
  return r.rows.map((x) => x.user_id);
}

/** Government members holding any of `roles`, with their department's region, each pair once (whom to escalate to). */
export async function governmentMembersWithAnyRole(db: Db | Tx, roles: readonly string[]): Promise<{ user_id: string; region_code: string }[]> {
  if (roles.length === 0) return [];
  const r = await sql<{ user_id: string; region_code: string }>`
    SELECT DISTINCT m.user_id, o.region_code FROM identity_memberships m JOIN identity_organisations o ON o.id = m.organisation_id
     WHERE o.kind = 'government' AND m.roles && ${[...roles]}::text[]`.execute(db);
  return r.rows;
}
