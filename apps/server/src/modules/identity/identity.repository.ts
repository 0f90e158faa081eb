import { sql, type Insertable, type Updateable } from 'kysely';
import { escapeLike, tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { IdentityTables, LoginTicketsTable, OrganisationsTable, SessionsTable, UsersTable } from './identity.tables.js';

const t = tablesOf<IdentityTables>;
type Ex = Db | Tx;

export const findUserByUsername = (db: Ex, username: string) =>
  t(db).selectFrom('identity_users').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();

export const findUserById = (db: Ex, id: string) =>
  t(db).selectFrom('identity_users').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(trx: Tx, row: Insertable<UsersTable>): Promise<string> {
  return (await t(trx).insertInto('identity_users').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUser(db: Ex, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await t(db).updateTable('identity_users').set(patch).where('id', '=', id).execute();
}

/** The account is not locked at `now` (never locked, or its lock has run out). */
const unlockedAt = (now: Date) => sql<boolean>`(locked_until IS NULL OR locked_until <= ${now})`;

/**
 * Takes one login attempt (a password or a one-time code about to be checked) from the
 * account's allowance, in one statement: the failure count goes up before the check, so
 * concurrent attempts cannot all read the same count. Returns the attempt's number (1 … max),
 * or undefined when the account is locked or its allowance is used up (then no check may run).
 */
export async function takeLoginAttempt(db: Ex, id: string, now: Date, max: number): Promise<number | undefined> {
  const row = await t(db)
    .updateTable('identity_users')
    .set({ failed_logins: sql`failed_logins + 1`, updated_at: now })
    .where('id', '=', id)
    .where(unlockedAt(now))
    .where('failed_logins', '<', max)
    .returning('failed_logins')
    .executeTakeFirst();
  return row?.failed_logins;
}

/**
 * Gives back an attempt whose check succeeded, when the account is still unlocked (the
 * password was right and a second factor follows); false when the account locked meanwhile.
 */
export async function returnLoginAttempt(db: Ex, id: string, now: Date, patch: Updateable<UsersTable> = {}): Promise<boolean> {
  const row = await t(db)
    .updateTable('identity_users')
    .set({ ...patch, failed_logins: sql`greatest(failed_logins - 1, 0)`, updated_at: now })
    .where('id', '=', id)
    .where(unlockedAt(now))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Clears the failure count of a successful login when the account is still unlocked, with
 * `patch` (e.g. the second factor's step); `onlyAfterStep` refuses a one-time code whose step
 * is not later than the last one used. Returns whether the row was updated.
 */
export async function admitLogin(db: Ex, id: string, now: Date, patch: Updateable<UsersTable> = {}, onlyAfterStep?: number): Promise<boolean> {
  let q = t(db)
    .updateTable('identity_users')
    .set({ ...patch, failed_logins: 0, updated_at: now })
    .where('id', '=', id)
    .where(unlockedAt(now));
  if (onlyAfterStep !== undefined) q = q.where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', onlyAfterStep)]));
  return (await q.returning('id').executeTakeFirst()) !== undefined;
}

/** Locks an account that is not locked yet (one statement); false when it already was. */
export async function lockUser(db: Ex, id: string, now: Date, until: Date): Promise<boolean> {
  const row = await t(db)
    .updateTable('identity_users')
    .set({ locked_until: until, failed_logins: 0, updated_at: now })
    .where('id', '=', id)
    .where(unlockedAt(now))
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface UserFilter {
  /** Username or display name contains (case-insensitive). */
  q?: string | undefined;
  /** Members of this organisation only. */
  organisationId?: string | undefined;
  limit: number;
  offset: number;
}

/** Users, newest first (the account just created is on the first page). */
export async function listUsers(db: Ex, filter: UserFilter) {
  const base = () => {
    let qb = t(db).selectFrom('identity_users as u');
    if (filter.q) {
      const like = `%${escapeLike(filter.q)}%`;
      qb = qb.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
    }
    if (filter.organisationId) {
      const orgId = filter.organisationId;
      qb = qb.where((eb) => eb.exists(eb.selectFrom('identity_memberships as m').select('m.user_id').whereRef('m.user_id', '=', 'u.id').where('m.organisation_id', '=', orgId)));
    }
    return qb;
  };
  const rows = await base().selectAll('u').orderBy('u.created_at', 'desc').orderBy('u.username').limit(filter.limit).offset(filter.offset).execute();
  const total = Number((await base().select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { rows, total };
}

export async function membershipsOf(db: Ex, userIds: string[]) {
  if (userIds.length === 0) return [];
  return t(db)
    .selectFrom('identity_memberships as m')
    .innerJoin('identity_organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.user_id', 'm.organisation_id', 'm.roles', 'o.name', 'o.kind', 'o.region_code'])
    .where('m.user_id', 'in', userIds)
    .orderBy('o.name')
    .execute();
}

export async function insertOrganisation(trx: Tx, row: Insertable<OrganisationsTable>): Promise<string> {
  return (await t(trx).insertInto('identity_organisations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateOrganisation(trx: Tx, id: string, patch: Updateable<OrganisationsTable>): Promise<void> {
  await t(trx).updateTable('identity_organisations').set(patch).where('id', '=', id).execute();
}

export const findOrganisation = (db: Ex, id: string) =>
  t(db).selectFrom('identity_organisations').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrganisationByName = (db: Ex, regionCode: string, name: string) =>
  t(db).selectFrom('identity_organisations').select('id').where('region_code', '=', regionCode).where('name', '=', name).executeTakeFirst();

export const findOrganisationByCreditCode = (db: Ex, code: string) =>
  t(db).selectFrom('identity_organisations').select('id').where('credit_code', '=', code).executeTakeFirst();

export async function listOrganisations(db: Ex, filter: { kind?: string | undefined; q?: string | undefined; limit: number; offset: number }) {
  let q = t(db).selectFrom('identity_organisations as o');
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.credit_code', 'ilike', like)]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .leftJoin('identity_memberships as m', 'm.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.kind', 'o.region_code', 'o.parent_id', 'o.credit_code', 'o.created_at'])
    .select((eb) => eb.fn.count('m.user_id').as('members'))
    .groupBy('o.id')
    .orderBy('o.kind')
    .orderBy('o.region_code')
    .orderBy('o.name')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total };
}

export async function upsertMembership(trx: Tx, organisationId: string, userId: string, roles: string[]): Promise<void> {
  await t(trx)
    .insertInto('identity_memberships')
    .values({ organisation_id: organisationId, user_id: userId, roles })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ roles }))
    .execute();
}

export async function deleteMembership(trx: Tx, organisationId: string, userId: string): Promise<number> {
  const r = await t(trx).deleteFrom('identity_memberships').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertSession(db: Ex, row: Insertable<SessionsTable>): Promise<void> {
  await t(db).insertInto('identity_sessions').values(row).execute();
}

export const findSession = (db: Ex, tokenHash: string) =>
  t(db).selectFrom('identity_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export async function deleteSession(db: Ex, tokenHash: string): Promise<void> {
  await t(db).deleteFrom('identity_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: Ex, userId: string): Promise<number> {
  const r = await t(db).deleteFrom('identity_sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function touchSession(db: Ex, tokenHash: string, at: Date): Promise<void> {
  await t(db).updateTable('identity_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function insertTicket(db: Ex, row: Insertable<LoginTicketsTable>): Promise<void> {
  await t(db).insertInto('identity_login_tickets').values(row).execute();
}

export const findTicket = (db: Ex, hash: string) =>
  t(db).selectFrom('identity_login_tickets').selectAll().where('ticket_hash', '=', hash).executeTakeFirst();

export async function bumpTicket(db: Ex, hash: string): Promise<void> {
  await t(db).updateTable('identity_login_tickets').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('ticket_hash', '=', hash).execute();
}

export async function deleteTicket(db: Ex, hash: string): Promise<void> {
  await t(db).deleteFrom('identity_login_tickets').where('ticket_hash', '=', hash).execute();
}

/** Uses a ticket up: true for the one caller that deleted it, false when it was already gone. */
export async function consumeTicket(db: Ex, hash: string): Promise<boolean> {
  return (await t(db).deleteFrom('identity_login_tickets').where('ticket_hash', '=', hash).returning('ticket_hash').executeTakeFirst()) !== undefined;
}

export async function deleteTicketsOf(db: Ex, userId: string): Promise<number> {
  const r = await t(db).deleteFrom('identity_login_tickets').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
