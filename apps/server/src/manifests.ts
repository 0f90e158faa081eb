import type { Permission } from './platform/access.js';
import type { EventName } from './platform/events.js';
import type { JobKind, ModuleManifest, NotificationKind } from './platform/module.js';
import { auditManifest } from './modules/audit/index.js';
import { budgetsManifest } from './modules/budgets/index.js';
import { calendarManifest } from './modules/calendar/index.js';
import { contentManifest } from './modules/content/index.js';
import { carriersManifest } from './modules/carriers/index.js';
import { competitionsManifest } from './modules/competitions/index.js';
import { crowdManifest } from './modules/crowd/index.js';
import { dashboardManifest } from './modules/dashboard/index.js';
import { filesManifest } from './modules/files/index.js';
import { financeManifest } from './modules/finance/index.js';
import { finderManifest } from './modules/finder/index.js';
import { fulfilmentManifest } from './modules/fulfilment/index.js';
import { identityManifest } from './modules/identity/index.js';
import { instrumentsManifest } from './modules/instruments/index.js';
import { interconnectManifest } from './modules/interconnect/index.js';
import { ipoManifest } from './modules/ipo/index.js';
import { investorsManifest } from './modules/investors/index.js';
import { ledgerManifest } from './modules/ledger/index.js';
import { listsManifest } from './modules/lists/index.js';
import { loansManifest } from './modules/loans/index.js';
import { creditManifest } from './modules/credit/index.js';
import { targetsManifest } from './modules/targets/index.js';
import { marketplaceManifest } from './modules/marketplace/index.js';
import { mentorsManifest } from './modules/mentors/index.js';
import { notificationsManifest } from './modules/notifications/index.js';
import { opendataManifest } from './modules/opendata/index.js';
import { policiesManifest } from './modules/policies/index.js';
import { portalManifest } from './modules/portal/index.js';
import { projectsManifest } from './modules/projects/index.js';
import { regionsManifest } from './modules/regions/index.js';
import { reviewManifest } from './modules/review/index.js';
import { subjectsManifest } from './modules/subjects/index.js';
import { directoryManifest } from './modules/directory/index.js';
import { exchangeManifest } from './modules/exchange/index.js';
import { searchManifest } from './modules/search/index.js';
import { trainingManifest } from './modules/training/index.js';
import { vouchersManifest } from './modules/vouchers/index.js';
import { workflowsManifest } from './workflows/workflows.manifest.js';
import { feedsManifest } from './modules/feeds/index.js';
import { webhooksManifest } from './modules/webhooks/index.js';

/**
 * Every module of the server, in the order their reference data, demo data and routes are set
 * up (regions before the policies placed on them). A new module is one line here.
 */
export const MODULES = [
  regionsManifest,
  identityManifest,
  // Right after identity: its machine clients belong to organisations, and other modules' machine routes use its check.
  interconnectManifest,
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
  // After the workflows: their demo data need the demo's accounts and profiles, which the
  // workflows' demo creates; the vouchers' demo scheme before the marketplace's demo orders that spend it.
  crowdManifest,
  vouchersManifest,
  marketplaceManifest,
  carriersManifest,
  instrumentsManifest,
  competitionsManifest,
  // After the workflows' demo: its news are written and published by the demo's officers.
  contentManifest,
  listsManifest,
  trainingManifest,
  mentorsManifest,
  // After the workflows' demo (ent.yingtan's firm adopts a demo project) and fulfilment's departments.
  projectsManifest,
  // Reads every module's public statistics (no tables, no demo).
  opendataManifest,
  // After the workflows' demo: its enterprises list themselves in the directory.
  directoryManifest,
  searchManifest,
  // After the workflows' demo: its banks' demo needs come from ent.nanning.
  financeManifest,
  // After training's demo: its HR reviewer reviewed the demo loan.
  loansManifest,
  // After finance's demo: the pool is kept by its finance office (finoffice.nanning).
  ipoManifest,
  // After the workflows' demo: its Nanning market regulator may already exist.
  creditManifest,
  // After finance's demo: the finance office verifies the demo investors; ent.nanning posts the roadshow project.
  investorsManifest,
  // Districts' reports to the city and enterprises' consent to platforms reading their profiles (no demo).
  exchangeManifest,
  // Interconnection: the policy feed and its subscriptions (no demo), webhooks.
  feedsManifest,
  webhooksManifest,
  // Last: its demo loads targets whose figures come from the other modules' records.
  targetsManifest,
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
