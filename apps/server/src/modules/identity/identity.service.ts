import { createHash, randomBytes } from 'node:crypto';
import { ROLES_BY_KIND, type OrganisationKind, type UserSummary } from '@seedbed/contract';
import { permissionsFor, requiresSecondFactor, type MembershipInfo, type Principal } from '../../platform/access.js';
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

async function membershipInfo(db: Db | Tx, userId: string): Promise<MembershipInfo[]> {
  return (await repo.membershipsOf(db, [userId])).map((m) => ({
    organisationId: m.organisation_id,
    organisationName: m.name,
    organisationKind: m.kind,
    regionCode: m.region_code,
    roles: m.roles,
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
  const allowed = ROLES_BY_KIND[org.kind as OrganisationKind] ?? [];
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

const lockedOut = (until: Date) =>
  new AppError(423, 'ACCOUNT_LOCKED', {
    zh: `登录失败次数过多，账户已锁定至 ${until.toISOString()}`,
    en: `Too many failed logins: the account is locked until ${until.toISOString()}`,
  });

async function audit(deps: IdentityDeps, ctx: AuditContext, action: string, userId: string | null, data: Record<string, unknown> = {}) {
  await deps.db.transaction().execute((trx) => record(trx, deps.clock, ctx, { action, entityType: 'user', entityId: userId, data }));
}

async function registerFailure(deps: IdentityDeps, ctx: AuditContext, user: UserRow, reason: string): Promise<never> {
  const now = deps.clock.now();
  const failures = user.failed_logins + 1;
  const lock = failures >= MAX_FAILED_LOGINS;
  await repo.updateUser(deps.db, user.id, {
    failed_logins: lock ? 0 : failures,
    locked_until: lock ? minutesFrom(now, LOCK_MINUTES) : user.locked_until,
    updated_at: now,
  });
  await audit(deps, { ...ctx, actorUserId: user.id, actor: user.username }, lock ? 'auth.locked' : 'auth.login_failed', user.id, { reason });
  if (lock) throw lockedOut(minutesFrom(now, LOCK_MINUTES));
  throw reason === 'password' ? badCredentials() : new AppError(401, 'INVALID_SECOND_FACTOR', { zh: '动态验证码不正确', en: 'Wrong one-time code' });
}

async function startSession(deps: IdentityDeps, ctx: AuditContext, user: UserRow, meta: { ip: string | null; userAgent: string | null }) {
  const token = newToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await repo.updateUser(trx, user.id, { failed_logins: 0, updated_at: now });
    await record(trx, deps.clock, { ...ctx, actorUserId: user.id, actor: user.username }, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  return token;
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
  const now = deps.clock.now();
  if (user.locked_until && user.locked_until > now) {
    await audit(deps, { ...ctx, actorUserId: user.id, actor: user.username }, 'auth.login_refused_locked', user.id);
    throw lockedOut(user.locked_until);
  }
  if (!(await verifyPassword(input.password, user.password_hash))) return registerFailure(deps, ctx, user, 'password');

  const memberships = await membershipInfo(deps.db, user.id);
  if (!requiresSecondFactor(user.is_platform_admin, memberships)) {
    const sessionToken = await startSession(deps, ctx, user, meta);
    return { status: 'ok', user: summary(user), sessionToken };
  }
  const ticket = newToken();
  if (user.mfa_enabled && user.mfa_secret) {
    await repo.insertTicket(deps.db, { ticket_hash: sha256(ticket), user_id: user.id, purpose: 'mfa', expires_at: minutesFrom(now, TICKET_MINUTES) });
    return { status: 'mfa_required', ticket };
  }
  // First login of a role that needs a second factor: enrol before any session exists.
  const secret = newTotpSecret();
  await repo.updateUser(deps.db, user.id, { mfa_secret: secret, mfa_enabled: false, updated_at: now });
  await repo.insertTicket(deps.db, { ticket_hash: sha256(ticket), user_id: user.id, purpose: 'mfa_enrol', expires_at: minutesFrom(now, TICKET_MINUTES) });
  return { status: 'mfa_enrol', ticket, secret, otpauthUrl: otpauthUrl(secret, user.username) };
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
    throw new AppError(401, 'LOGIN_TICKET_INVALID', { zh: '登录已过期，请重新输入用户名和密码', en: 'This login has expired: enter your username and password again' });
  }
  const user = await repo.findUserById(deps.db, ticket.user_id);
  if (!user?.mfa_secret) throw new AppError(401, 'LOGIN_TICKET_INVALID', { zh: '登录已过期，请重新登录', en: 'This login has expired: log in again' });
  const step = matchTotp(user.mfa_secret, user.username, input.code, now);
  if (step === null || (user.mfa_last_step !== null && step <= user.mfa_last_step)) {
    await repo.bumpTicket(deps.db, hash);
    return registerFailure(deps, ctx, user, 'second_factor');
  }
  await repo.deleteTicket(deps.db, hash);
  await repo.updateUser(deps.db, user.id, { mfa_last_step: step, mfa_enabled: true, updated_at: now });
  if (ticket.purpose === 'mfa_enrol') await audit(deps, { ...ctx, actorUserId: user.id, actor: user.username }, 'auth.mfa_enrolled', user.id);
  const sessionToken = await startSession(deps, ctx, { ...user, mfa_enabled: true }, meta);
  return { user: summary({ ...user, mfa_enabled: true }), sessionToken };
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
  const memberships = await membershipInfo(deps.db, user.id);
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
    permissions: permissionsFor(user.is_platform_admin, memberships),
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

export async function listUsersWithMemberships(db: Db, limit: number, offset: number) {
  const { rows, total } = await repo.listUsers(db, limit, offset);
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

export async function listOrganisationViews(db: Db, filter: { kind?: string | undefined; limit: number; offset: number }, regionName: (code: string) => Promise<string | null>) {
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
  });
}

export async function removeMembership(deps: IdentityDeps, ctx: AuditContext, organisationId: string, userId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.deleteMembership(trx, organisationId, userId)) === 0) throw notFound({ zh: '该成员关系', en: 'Membership' });
    await repo.deleteSessionsOf(trx, userId); // roles changed: sign the user in again
    await record(trx, deps.clock, ctx, { action: 'membership.removed', entityType: 'organisation', entityId: organisationId, data: { userId } });
  });
}

export const getOrganisation = repo.findOrganisation;
