/**
 * Access control vocabulary and mechanics. Every route states one permission in its
 * `config.permission`; the auth plugin refuses to start a route without a declared one and
 * checks it on every request. `public` needs nobody; `authenticated` any logged-in user; the
 * rest come from roles. Permissions besides `public` and `authenticated` are declared by the modules' manifests
 * (`permissions`, with the roles that hold them) and named here by augmentation, so a route
 * naming an undeclared permission does not compile:
 *
 *   declare module '../../platform/access.js' { interface ModulePermissions { 'calendar.manage': true } }
 */
import { inRegionSubtree } from '@seedbed/rules/regions';
import { forbidden } from './problems.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModulePermissions {}
export type Permission = 'public' | 'authenticated' | keyof ModulePermissions;

/** The roles of a government department (ROLES_BY_KIND.government in the contract). */
export const GOVERNMENT_ROLES = ['officer', 'reviewer', 'expert', 'finance', 'programme_office', 'dept_admin', 'financial_regulator'] as const;
export type GovernmentRole = (typeof GOVERNMENT_ROLES)[number];

/** Which permissions each government role and platform administration bring: built from the manifests (platform/module.ts). */
export interface AccessPolicy {
  readonly rolePermissions: ReadonlyMap<GovernmentRole, readonly Permission[]>;
  readonly administration: readonly Permission[];
}

export interface MembershipInfo {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  regionCode: string;
  roles: string[];
  /** What this membership's roles bring: a government department's roles only (enterprise roles act on their own subject only). */
  permissions: readonly Permission[];
}

/** The authenticated principal of a request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  isPlatformAdmin: boolean;
  mfaEnabled: boolean;
  memberships: MembershipInfo[];
  permissions: ReadonlySet<Permission>;
  sessionTokenHash: string;
}

/** The government roles whose holders `permission` comes with under `policy` (e.g. whom to remind of a stage). */
export function rolesGranting(policy: Pick<AccessPolicy, 'rolePermissions'>, permission: Permission): GovernmentRole[] {
  return [...policy.rolePermissions].filter(([, permissions]) => permissions.includes(permission)).map(([role]) => role);
}

/** The permissions a membership's roles bring under `policy`. */
export function membershipPermissions(policy: AccessPolicy, organisationKind: string, roles: readonly string[]): Permission[] {
  if (organisationKind !== 'government') return [];
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of policy.rolePermissions.get(role as GovernmentRole) ?? []) granted.add(p);
  return [...granted];
}

/**
 * What a person may do: `public` and `authenticated`, what platform administration brings
 * (accounts, organisations and the audit log, nothing else: administering accounts is not a
 * finance, review or approval power), and what their memberships' roles bring.
 */
export function permissionsFor(policy: AccessPolicy, isPlatformAdmin: boolean, memberships: readonly MembershipInfo[]): Set<Permission> {
  const granted = new Set<Permission>(['public', 'authenticated']);
  if (isPlatformAdmin) for (const p of policy.administration) granted.add(p);
  for (const m of memberships) for (const p of m.permissions) granted.add(p);
  return granted;
}

/**
 * The principal's government memberships whose roles bring `permission`: the departments in
 * whose name they hold it. Object-level checks use their regions (a permission is held for the
 * region a department covers, never for the whole platform).
 */
export function membershipsGranting(principal: Pick<Principal, 'memberships'>, permission: Permission): MembershipInfo[] {
  return principal.memberships.filter(
    (m) => m.organisationKind === 'government' && m.permissions.includes(permission),
  );
}

/** Where an object sits, for object-level access: the department it belongs to, the region it is in. */
export interface AccessTarget {
  /** The object's department; `null` (an object without one) is nobody's. */
  organisationId?: string | null;
  /** The object's region; a membership's department must cover it (a city covers its districts). */
  regionCode?: string | null;
}

/**
 * Object-level access in one vocabulary: the principal holds `permission` through a government
 * membership of the object's department (when the target names one) whose region covers the
 * object's region (when it names one). Services ask this, never for a role by name.
 */
export function mayAccess(principal: Pick<Principal, 'memberships'>, permission: Permission, target: AccessTarget = {}): boolean {
  if (target.organisationId === null) return false;
  return membershipsGranting(principal, permission).some(
    (m) =>
      (target.organisationId === undefined || m.organisationId === target.organisationId) &&
      (target.regionCode === undefined || target.regionCode === null || inRegionSubtree(target.regionCode, m.regionCode)),
  );
}

/** `mayAccess`, or a 403 with the reason in Chinese and English. */
export function requireAccess(request: { principal: Pick<Principal, 'memberships'>; permission: Permission } & AccessTarget, refusal: { zh: string; en: string }): void {
  const { principal, permission, ...target } = request;
  if (!mayAccess(principal, permission, target)) throw forbidden(refusal.zh, refusal.en);
}

/** Government roles and platform administration require a second factor. */
export const requiresSecondFactor = (isPlatformAdmin: boolean, memberships: { organisationKind: string }[]): boolean =>
  isPlatformAdmin || memberships.some((m) => m.organisationKind === 'government');
