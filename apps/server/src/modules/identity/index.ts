/**
 * Identity and access: person accounts, organisations of every kind on the region tree,
 * memberships with roles, password login with lockout, sessions, and the TOTP second factor
 * that government roles and platform administrators must use.
 */
export type { IdentityTables } from './identity.tables.js';
export {
  createOrganisation,
  createUser,
  hashPassword,
  login,
  resolveSession,
  setMembership,
  type IdentityDeps,
} from './identity.service.js';
export { setSessionCookie, SESSION_COOKIE, loginRateLimit } from './identity.routes.js';
export { identityManifest } from './identity.manifest.js';
export { totpCode } from './totp.js';
export { governmentMembersWithAnyRole, membersOfOrganisations, organisationNames, userNames } from './identity.lookups.js';
