import { createHash, randomBytes } from 'node:crypto';
import { ROLES_BY_KIND, type OrganisationKind, type UserSummary } from '@seedbed/contract';
import { membershipPermissions, permissionsFor, requiresSecondFactor, type AccessPolicy, type MembershipInfo, type Principal } from '../../platform/access.js';
import { applicationChannelsChanged } from '../../platform/application-channels.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, conflict, fieldError, invalid, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import { regionExists } from '../regions/index.js';
import * as repo from './identity.repository.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
export { hashPassword };
import { matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  /** Which permissions roles bring, from the module manifests. */
  modules: AccessPolicy;
}

export const SESSION_HOURS = 12;
const TICKET_MINUTES = 5;
const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;
const MAX_TICKET_ATTEMPTS = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const minutesFrom = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

const summary = (u: UserRow): UserSummary => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  isPlatformAdmin: u.is_platform_admin,
  mfaEnabled: u.mfa_enabled,
});

async function membershipInfo(db: Db | Tx, policy: AccessPolicy, userId: string): Promise<MembershipInfo[]> {
  return (await repo.membershipsOf(db, [userId])).map((m) => ({
    organisationId: m.organisation_id,
    organisationName: m.name,
    organisationKind: m.kind,
    regionCode: m.region_code,
    roles: m.roles,
    permissions: membershipPermissions(policy, m.kind, m.roles),
  }));
}

// ---------------------------------------------------------------- accounts

export async function createUser(
  trx: Tx,
  deps: IdentityDeps,
  ctx: AuditContext,
  input: { username: string; displayName: string; password: string; isPlatformAdmin?: boolean; mfaSecret?: string; passwordHash?: string },
): Promise<string> {
  if (await repo.findUserByUsername(trx, input.username)) {
    throw conflict('USERNAME_TAKEN', '该用户名已被使用', 'This username is already taken', [
      fieldError('username', 'unique', '该用户名已被使用', 'is already taken'),
    ]);
  }
  const id = await repo.insertUser(trx, {
    username: input.username,
    display_name: input.displayName,
    // A caller creating many accounts with one password (demo data) may pass its hash.
    password_hash: input.passwordHash ?? (await hashPassword(input.password)),
    is_platform_admin: input.isPlatformAdmin ?? false,
    mfa_secret: input.mfaSecret ?? null,
    mfa_enabled: input.mfaSecret !== undefined,
    mfa_last_step: null,
    locked_until: null,
  });
  await record(trx, deps.clock, ctx, {
    action: 'user.created',
    entityType: 'user',
    entityId: id,
    data: { username: input.username, isPlatformAdmin: input.isPlatformAdmin ?? false },
  });
  return id;
}

export async function createOrganisation(
  trx: Tx,
  deps: IdentityDeps,
  ctx: AuditContext,
  input: { name: string; kind: OrganisationKind; regionCode: string; parentId?: string | undefined; creditCode?: string | undefined },
  fieldPrefix = '',
): Promise<string> {
  const errors = [];
  if (!(await regionExists(trx, input.regionCode))) {
    errors.push(fieldError(`${fieldPrefix}regionCode`, 'exists:region', '不是现行的行政区划代码（GB/T 2260）', 'is not a current GB/T 2260 region code'));
  }
  if (input.parentId && !(await repo.findOrganisation(trx, input.parentId))) {
    errors.push(fieldError(`${fieldPrefix}parentId`, 'exists', '上级组织不存在', 'no such parent organisation'));
  }
  if (errors.length) throw invalid(errors);
  if (await repo.findOrganisationByName(trx, input.regionCode, input.name)) {
    throw conflict('ORGANISATION_EXISTS', '该地区已有同名组织', 'An organisation of this name already exists in this region', [
      fieldError(`${fieldPrefix}name`, 'unique', '该地区已有同名组织', 'already exists in this region'),
    ]);
  }
  if (input.creditCode && (await repo.findOrganisationByCreditCode(trx, input.creditCode))) {
    throw conflict('CREDIT_CODE_TAKEN', '该统一社会信用代码已登记', 'An organisation with this credit code is already registered', [
      fieldError(`${fieldPrefix}creditCode`, 'unique', '该统一社会信用代码已登记', 'is already registered'),
    ]);
  }
  const id = await repo.insertOrganisation(trx, {
    name: input.name,
    kind: input.kind,
    region_code: input.regionCode,
    parent_id: input.parentId ?? null,
    credit_code: input.creditCode ?? null,
  });
  await record(trx, deps.clock, ctx, { action: 'organisation.created', entityType: 'organisation', entityId: id, data: { ...input } });
  return id;
}

export async function setMembership(trx: Tx, deps: IdentityDeps, ctx: AuditContext, organisationId: string, userId: string, roles: string[]): Promise<void> {
  const org = await repo.findOrganisation(trx, organisationId);
  if (!org) throw notFound({ zh: '该组织', en: 'Organisation' });
  if (!(await repo.findUserById(trx, userId))) {
    throw invalid([fieldError('userId', 'exists', '用户不存在', 'no such user')]);
  }
  const allowed: readonly string[] = ROLES_BY_KIND[org.kind as OrganisationKind] ?? [];
  const bad = roles.filter((r) => !allowed.includes(r));
  if (bad.length) {
    throw invalid([
      fieldError('roles', 'enum', `此类组织可用的角色为：${allowed.join('、')}`, `roles for this kind of organisation are: ${allowed.join(', ')}`),
    ]);
  }
  await repo.upsertMembership(trx, organisationId, userId, [...new Set(roles)]);
  await record(trx, deps.clock, ctx, { action: 'membership.set', entityType: 'organisation', entityId: organisationId, data: { userId, roles } });
}

// ---------------------------------------------------------------- login

export type LoginOutcome =
  | { status: 'ok'; user: UserSummary; sessionToken: string }
  | { status: 'mfa_required'; ticket: string }
  | { status: 'mfa_enrol'; ticket: string; secret: string; otpauthUrl: string };

const badCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', { zh: '用户名或密码不正确', en: 'Wrong username or password' });

const wrongCode = () => new AppError(401, 'INVALID_SECOND_FACTOR', { zh: '动态验证码不正确', en: 'Wrong one-time code' });

const ticketInvalid = () =>
  new AppError(401, 'LOGIN_TICKET_INVALID', { zh: '登录已过期，请重新输入用户名和密码', en: 'This login has expired: enter your username and password again' });

const lockedOut = (until: Date) =>
  new AppError(423, 'ACCOUNT_LOCKED', {
    zh: `登录失败次数过多，账户已锁定至 ${until.toISOString()}`,
    en: `Too many failed logins: the account is locked until ${until.toISOString()}`,
  });

const isLocked = (user: { locked_until: Date | null }, now: Date) => user.locked_until !== null && user.locked_until > now;

async function audit(deps: IdentityDeps, ctx: AuditContext, action: string, userId: string | null, data: Record<string, unknown> = {}) {
  await deps.db.transaction().execute((trx) => record(trx, deps.clock, ctx, { action, entityType: 'user', entityId: userId, data }));
}

const asUser = (ctx: AuditContext, user: UserRow): AuditContext => ({ ...ctx, actorUserId: user.id, actor: user.username });

/** The refusal of an attempt on a locked account (recorded); nothing is checked. */
async function refuseLocked(deps: IdentityDeps, ctx: AuditContext, user: UserRow): Promise<AppError> {
  const now = deps.clock.now();
  const current = await repo.findUserById(deps.db, user.id);
  await audit(deps, asUser(ctx, user), 'auth.login_refused_locked', user.id);
  return lockedOut(current?.locked_until && current.locked_until > now ? current.locked_until : minutesFrom(now, LOCK_MINUTES));
}

/**
 * Locks the account unless a concurrent attempt already did, and in the same transaction ends
 * everything begun before the lock: its login tickets and its sessions. Returns the 423 to throw.
 */
async function lockAccount(deps: IdentityDeps, ctx: AuditContext, user: UserRow, reason: string): Promise<AppError> {
  const now = deps.clock.now();
  const until = minutesFrom(now, LOCK_MINUTES);
  const lockedNow = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.lockUser(trx, user.id, now, until))) return false;
    const endedTickets = await repo.deleteTicketsOf(trx, user.id);
    const endedSessions = await repo.deleteSessionsOf(trx, user.id);
    await record(trx, deps.clock, asUser(ctx, user), {
      action: 'auth.locked',
      entityType: 'user',
      entityId: user.id,
      data: { reason, until: until.toISOString(), endedTickets, endedSessions },
    });
    return true;
  });
  return lockedNow ? lockedOut(until) : refuseLocked(deps, ctx, user);
}

/**
 * Takes one attempt from the account's allowance BEFORE the password or code is checked (one
 * atomic statement), so concurrent attempts get exactly MAX_FAILED_LOGINS checks between them,
 * as sequential ones do. A locked account, or one whose allowance is used up, gets no check.
 */
async function takeAttempt(deps: IdentityDeps, ctx: AuditContext, user: UserRow, reason: string): Promise<number> {
  const attempt = await repo.takeLoginAttempt(deps.db, user.id, deps.clock.now(), MAX_FAILED_LOGINS);
  if (attempt === undefined) throw await lockAccount(deps, ctx, user, reason);
  return attempt;
}

/** A wrong password or code: the attempt stays counted; the last one allowed locks the account. */
async function registerFailure(deps: IdentityDeps, ctx: AuditContext, user: UserRow, reason: string, attempt: number): Promise<never> {
  if (attempt >= MAX_FAILED_LOGINS) throw await lockAccount(deps, ctx, user, reason);
  await audit(deps, asUser(ctx, user), 'auth.login_failed', user.id, { reason });
  throw reason === 'password' ? badCredentials() : wrongCode();
}

/**
 * Starts a session in one transaction that first clears the failure count on the condition that
 * the account is still unlocked (the user's row is the first thing it locks, as `lockAccount`
 * does, so a lock and a login are ordered): a login that raced a lockout gets no session.
 * With a second factor, the code's step must be later than the last one used, and the ticket is
 * used up in the same transaction.
 */
async function startSession(
  deps: IdentityDeps,
  ctx: AuditContext,
  user: UserRow,
  meta: { ip: string | null; userAgent: string | null },
  secondFactor?: { step: number; ticketHash: string; enrolled: boolean },
): Promise<{ status: 'ok'; token: string } | { status: 'locked' } | { status: 'code_used' }> {
  const token = newToken();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const patch = secondFactor ? { mfa_last_step: secondFactor.step, mfa_enabled: true } : {};
    if (!(await repo.admitLogin(trx, user.id, now, patch, secondFactor?.step))) {
      const current = await repo.findUserById(trx, user.id);
      return !current || isLocked(current, now) ? ({ status: 'locked' } as const) : ({ status: 'code_used' } as const);
    }
    if (secondFactor && !(await repo.consumeTicket(trx, secondFactor.ticketHash))) throw ticketInvalid();
    await repo.insertSession(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    if (secondFactor?.enrolled) await record(trx, deps.clock, asUser(ctx, user), { action: 'auth.mfa_enrolled', entityType: 'user', entityId: user.id });
    await record(trx, deps.clock, asUser(ctx, user), { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { status: 'ok', token } as const;
  });
}

export async function login(
  deps: IdentityDeps,
  ctx: AuditContext,
  input: { username: string; password: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<LoginOutcome> {
  const user = await repo.findUserByUsername(deps.db, input.username);
  if (!user) {
    await verifyPassword(input.password, DUMMY_HASH); // same cost as a real check
    await audit(deps, ctx, 'auth.login_failed', null, { username: input.username, reason: 'unknown_user' });
    throw badCredentials();
  }
  if (isLocked(user, deps.clock.now())) throw await refuseLocked(deps, ctx, user);
  const attempt = await takeAttempt(deps, ctx, user, 'password');
  if (!(await verifyPassword(input.password, user.password_hash))) return registerFailure(deps, ctx, user, 'password', attempt);

  const memberships = await membershipInfo(deps.db, deps.modules, user.id);
  if (!requiresSecondFactor(user.is_platform_admin, memberships)) {
    const session = await startSession(deps, ctx, user, meta);
    if (session.status !== 'ok') throw await refuseLocked(deps, ctx, user);
    return { status: 'ok', user: summary(user), sessionToken: session.token };
  }
  // The password was right: its attempt is given back (the failure count keeps earlier wrong
  // codes) and the ticket is issued in the same transaction, unless the account locked meanwhile.
  // First login of a role that needs a second factor: enrol before any session exists.
  const now = deps.clock.now();
  const ticket = newToken();
  const enrolSecret = user.mfa_enabled && user.mfa_secret ? null : newTotpSecret();
  const issued = await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.returnLoginAttempt(trx, user.id, now, enrolSecret ? { mfa_secret: enrolSecret, mfa_enabled: false } : {}))) return false;
    await repo.insertTicket(trx, {
      ticket_hash: sha256(ticket),
      user_id: user.id,
      purpose: enrolSecret ? 'mfa_enrol' : 'mfa',
      expires_at: minutesFrom(now, TICKET_MINUTES),
    });
    return true;
  });
  if (!issued) throw await refuseLocked(deps, ctx, user);
  if (!enrolSecret) return { status: 'mfa_required', ticket };
  return { status: 'mfa_enrol', ticket, secret: enrolSecret, otpauthUrl: otpauthUrl(enrolSecret, user.username) };
}

export async function completeSecondFactor(
  deps: IdentityDeps,
  ctx: AuditContext,
  input: { ticket: string; code: string },
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ user: UserSummary; sessionToken: string }> {
  const hash = sha256(input.ticket);
  const ticket = await repo.findTicket(deps.db, hash);
  const now = deps.clock.now();
  if (!ticket || ticket.expires_at <= now || ticket.attempts >= MAX_TICKET_ATTEMPTS) {
    if (ticket) await repo.deleteTicket(deps.db, hash);
    throw ticketInvalid();
  }
  const user = await repo.findUserById(deps.db, ticket.user_id);
  if (!user?.mfa_secret) throw new AppError(401, 'LOGIN_TICKET_INVALID', { zh: '登录已过期，请重新登录', en: 'This login has expired: log in again' });
  // A locked account checks no codes: its ticket ends here, whatever code came with it.
  if (isLocked(user, now)) {
    await repo.deleteTicket(deps.db, hash);
    throw await refuseLocked(deps, ctx, user);
  }
  const attempt = await takeAttempt(deps, ctx, user, 'second_factor');
  await repo.bumpTicket(deps.db, hash);
  const step = matchTotp(user.mfa_secret, user.username, input.code, now);
  if (step === null || (user.mfa_last_step !== null && step <= user.mfa_last_step)) {
    return registerFailure(deps, ctx, user, 'second_factor', attempt);
  }
  const enrolled = { ...user, mfa_enabled: true };
  const session = await startSession(deps, ctx, enrolled, meta, { step, ticketHash: hash, enrolled: ticket.purpose === 'mfa_enrol' });
  if (session.status === 'locked') throw await refuseLocked(deps, ctx, user);
  // The same code was used by a concurrent login a moment ago: a wrong code for this one.
  if (session.status === 'code_used') return registerFailure(deps, ctx, user, 'second_factor', attempt);
  return { user: summary(enrolled), sessionToken: session.token };
}

export async function logout(deps: IdentityDeps, ctx: AuditContext, principal: Principal): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, principal.sessionTokenHash);
    await record(trx, deps.clock, ctx, { action: 'auth.logout', entityType: 'user', entityId: principal.userId });
  });
}

/** The principal behind a session token, or null when the token is unknown or expired. */
export async function resolveSession(deps: IdentityDeps, token: string): Promise<Principal | null> {
  const tokenHash = sha256(token);
  const session = await repo.findSession(deps.db, tokenHash);
  const now = deps.clock.now();
  if (!session) return null;
  if (session.expires_at <= now) {
    await repo.deleteSession(deps.db, tokenHash);
    return null;
  }
  const user = await repo.findUserById(deps.db, session.user_id);
  if (!user) return null;
  // A locked account acts through no session, including one a lockout raced with.
  if (isLocked(user, now)) return null;
  const memberships = await membershipInfo(deps.db, deps.modules, user.id);
  // A role that needs a second factor, granted after this session began, does not ride on it.
  if (requiresSecondFactor(user.is_platform_admin, memberships) && !user.mfa_enabled) return null;
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) await repo.touchSession(deps.db, tokenHash, now);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    isPlatformAdmin: user.is_platform_admin,
    mfaEnabled: user.mfa_enabled,
    memberships,
    permissions: permissionsFor(deps.modules, user.is_platform_admin, memberships),
    sessionTokenHash: tokenHash,
  };
}

export function describePrincipal(p: Principal) {
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName, isPlatformAdmin: p.isPlatformAdmin, mfaEnabled: p.mfaEnabled },
    memberships: p.memberships.map(({ organisationId, organisationName, organisationKind, roles }) => ({
      organisationId,
      organisationName,
      organisationKind,
      roles,
    })),
    permissions: [...p.permissions].sort(),
  };
}

// ---------------------------------------------------------------- administration views

export async function listUsersWithMemberships(db: Db, filter: repo.UserFilter) {
  const { rows, total } = await repo.listUsers(db, filter);
  const memberships = await repo.membershipsOf(db, rows.map((r) => r.id));
  return {
    total,
    items: rows.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      isPlatformAdmin: u.is_platform_admin,
      mfaEnabled: u.mfa_enabled,
      lockedUntil: u.locked_until ? u.locked_until.toISOString() : null,
      createdAt: u.created_at.toISOString(),
      memberships: memberships
        .filter((m) => m.user_id === u.id)
        .map((m) => ({ organisationId: m.organisation_id, organisationName: m.name, organisationKind: m.kind, roles: m.roles })),
    })),
  };
}

export async function listOrganisationViews(db: Db, filter: { kind?: string | undefined; q?: string | undefined; limit: number; offset: number }, regionName: (code: string) => Promise<string | null>) {
  const { rows, total } = await repo.listOrganisations(db, filter);
  const items = [];
  for (const o of rows) {
    items.push({
      id: o.id,
      name: o.name,
      kind: o.kind,
      regionCode: o.region_code,
      regionName: await regionName(o.region_code),
      parentId: o.parent_id,
      creditCode: o.credit_code,
      memberCount: Number(o.members),
      createdAt: o.created_at.toISOString(),
    });
  }
  return { items, total };
}

export async function updateOrganisation(
  deps: IdentityDeps,
  ctx: AuditContext,
  id: string,
  patch: { name?: string | undefined; regionCode?: string | undefined; parentId?: string | null | undefined },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const org = await repo.findOrganisation(trx, id);
    if (!org) throw notFound({ zh: '该组织', en: 'Organisation' });
    if (patch.regionCode && !(await regionExists(trx, patch.regionCode))) {
      throw invalid([fieldError('regionCode', 'exists:region', '不是现行的行政区划代码（GB/T 2260）', 'is not a current GB/T 2260 region code')]);
    }
    if (patch.parentId) {
      if (patch.parentId === id) throw invalid([fieldError('parentId', 'not_self', '组织不能以自己为上级', 'an organisation cannot be its own parent')]);
      if (!(await repo.findOrganisation(trx, patch.parentId))) throw invalid([fieldError('parentId', 'exists', '上级组织不存在', 'no such parent organisation')]);
    }
    await repo.updateOrganisation(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.regionCode !== undefined ? { region_code: patch.regionCode } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
    });
    await record(trx, deps.clock, ctx, { action: 'organisation.updated', entityType: 'organisation', entityId: id, data: { ...patch } });
  });  // An organisation's name is the department that ways to apply name.
  if (patch.name !== undefined) applicationChannelsChanged();
}

export async function removeMembership(deps: IdentityDeps, ctx: AuditContext, organisationId: string, userId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.deleteMembership(trx, organisationId, userId)) === 0) throw notFound({ zh: '该成员关系', en: 'Membership' });
    await repo.deleteSessionsOf(trx, userId); // roles changed: sign the user in again
    await record(trx, deps.clock, ctx, { action: 'membership.removed', entityType: 'organisation', entityId: organisationId, data: { userId } });
  });
}

export const getOrganisation = repo.findOrganisation;
