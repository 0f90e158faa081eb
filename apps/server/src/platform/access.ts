/**
 * Access control vocabulary. Every route states one permission in its `config.permission`;
 * the auth plugin refuses to start a route without one and checks it on every request.
 * `public` needs nobody; `authenticated` any logged-in user; the rest come from roles.
 */
export const PERMISSIONS = [
  'public',
  'authenticated',
  'admin.organisations',
  'admin.users',
  'admin.audit',
  'subjects.read_any',
  'subjects.verify',
  /** Draft, simulate and publish versions of policy items (officers and the programme office; the region is checked per item). */
  'policies.manage',
  'fulfilment.review',
  'fulfilment.assess',
  'fulfilment.pay',
  'fulfilment.supervise',
  'fulfilment.export',
  /** Enter each year's holiday arrangement (放假调休) that deadlines in working days count on (the programme office). */
  'calendar.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface MembershipInfo {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  regionCode: string;
  roles: string[];
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

/** Which permissions each government role brings (enterprise roles act on their own subject only). */
const GOVERNMENT_ROLE_PERMISSIONS: Record<string, Permission[]> = {
  officer: ['subjects.read_any', 'subjects.verify', 'policies.manage', 'fulfilment.review', 'fulfilment.export'],
  reviewer: ['subjects.read_any', 'subjects.verify', 'fulfilment.review', 'fulfilment.assess', 'fulfilment.export'],
  finance: ['subjects.read_any', 'fulfilment.pay', 'fulfilment.export'],
  programme_office: ['subjects.read_any', 'admin.audit', 'policies.manage', 'fulfilment.supervise', 'fulfilment.export', 'calendar.manage'],
  dept_admin: ['subjects.read_any'],
};

/**
 * What platform administration brings: accounts, organisations and the audit log, nothing else.
 * Administering accounts is not a finance, review or approval power: an administrator who is
 * also an official gets those only from the government roles they hold, like anyone else.
 */
export const ADMINISTRATION_PERMISSIONS: readonly Permission[] = ['admin.organisations', 'admin.users', 'admin.audit'];

export function permissionsFor(isPlatformAdmin: boolean, memberships: MembershipInfo[]): Set<Permission> {
  const granted = new Set<Permission>(['public', 'authenticated']);
  if (isPlatformAdmin) for (const p of ADMINISTRATION_PERMISSIONS) granted.add(p);
  for (const m of memberships) {
    if (m.organisationKind !== 'government') continue;
    for (const role of m.roles) for (const p of GOVERNMENT_ROLE_PERMISSIONS[role] ?? []) granted.add(p);
  }
  return granted;
}

/**
 * The principal's government memberships whose roles bring `permission`: the departments in
 * whose name they hold it. Object-level checks use their regions (a permission is held for the
 * region a department covers, never for the whole platform).
 */
export function membershipsGranting(principal: Pick<Principal, 'memberships'>, permission: Permission): MembershipInfo[] {
  return principal.memberships.filter(
    (m) => m.organisationKind === 'government' && m.roles.some((role) => (GOVERNMENT_ROLE_PERMISSIONS[role] ?? []).includes(permission)),
  );
}

/** Government roles and platform administration require a second factor. */
export const requiresSecondFactor = (isPlatformAdmin: boolean, memberships: { organisationKind: string }[]): boolean =>
  isPlatformAdmin || memberships.some((m) => m.organisationKind === 'government');
