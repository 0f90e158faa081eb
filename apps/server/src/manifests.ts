import type { Permission } from './platform/access.js';
import type { EventName } from './platform/events.js';
import type { JobKind, ModuleManifest, NotificationKind } from './platform/module.js';
import { auditManifest } from './modules/audit/index.js';
import { budgetsManifest } from './modules/budgets/index.js';
import { calendarManifest } from './modules/calendar/index.js';
import { dashboardManifest } from './modules/dashboard/index.js';
import { filesManifest } from './modules/files/index.js';
import { finderManifest } from './modules/finder/index.js';
import { fulfilmentManifest } from './modules/fulfilment/index.js';
import { identityManifest } from './modules/identity/index.js';
import { ledgerManifest } from './modules/ledger/index.js';
import { notificationsManifest } from './modules/notifications/index.js';
import { policiesManifest } from './modules/policies/index.js';
import { portalManifest } from './modules/portal/index.js';
import { regionsManifest } from './modules/regions/index.js';
import { reviewManifest } from './modules/review/index.js';
import { subjectsManifest } from './modules/subjects/index.js';
import { workflowsManifest } from './workflows/workflows.manifest.js';

/**
 * Every module of the server, in the order their reference data, demo data and routes are set
 * up (regions before the policies placed on them). A new module is one line here.
 */
export const MODULES = [
  regionsManifest,
  identityManifest,
  subjectsManifest,
  calendarManifest,
  auditManifest,
  policiesManifest,
  finderManifest,
  notificationsManifest,
  filesManifest,
  reviewManifest,
  fulfilmentManifest,
  ledgerManifest,
  budgetsManifest,
  dashboardManifest,
  portalManifest,
  workflowsManifest,
] as const satisfies readonly ModuleManifest[];

// What the code names (augmented interfaces) must each have a manifest entry: otherwise this
// file does not compile, and the error names what is missing.
type Manifest = (typeof MODULES)[number];
// (Element by element, so that an empty list, `never[]`, declares nothing rather than anything.)
type Names<L, F extends string> = L extends readonly (infer E)[] ? (E extends Record<F, infer N> ? N : never) : never;
type PermissionsOf<M> = M extends { permissions: infer L } ? Names<L, 'name'> : never;
type EmitsOf<M> = M extends { events: { emits: readonly (infer E)[] } } ? E : never;
type JobsOf<M> = M extends { jobs: infer L } ? Names<L, 'kind'> : never;
type NotificationKindsOf<M> = M extends { notificationKinds: infer L } ? Names<L, 'kind'> : never;
type Complete<Missing> = [Missing] extends [never] ? true : { missingFromTheManifests: Missing };

export const everyPermissionDeclared: Complete<Exclude<Permission, 'public' | 'authenticated' | PermissionsOf<Manifest>>> = true;
export const everyEventDeclared: Complete<Exclude<EventName, EmitsOf<Manifest>>> = true;
export const everyJobKindHandled: Complete<Exclude<JobKind, JobsOf<Manifest>>> = true;
export const everyNotificationKindDeclared: Complete<Exclude<NotificationKind, NotificationKindsOf<Manifest>>> = true;
