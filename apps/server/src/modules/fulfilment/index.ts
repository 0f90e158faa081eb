/**
 * Policy fulfilment (政策兑现): an enterprise or person applies once for a policy item (the form
 * asks only what the item's rules and materials need; the verdict is shown before submitting),
 * officers of the item's lead department accept, review (with several assessors where the item
 * needs it), and approve; approved awards are publicised with objections; finance pays from the
 * budget (see modules/budgets and src/workflows/). Pending awards from no-application-needed
 * items (免申即享) join at approval. The workflow is data (workflow.ts, fulfilment_transitions);
 * every step is in the audit log, from which the applicant's timeline is built.
 */
export type { FulfilmentTables } from './fulfilment.tables.js';
export { fulfilmentManifest } from './fulfilment.manifest.js';
export {
  assertPayable,
  completeApproval,
  completeObjectionResolution,
  createPendingAward,
  lockAward,
  organisationByName,
  prepareApproval,
  prepareObjectionResolution,
  recordPaymentStep,
  setDepartment,
  findDepartmentByName,
  setPayingDepartment,
  setWorkflow,
  submitApplication,
} from './fulfilment.actions.js';
export { departmentOf, preloadApplication, type FulfilmentDeps } from './fulfilment.items.js';
export { applicationChannelsOf } from './fulfilment.channels.js';
export { remindOverdue } from './fulfilment.reminders.js';
export { payeeOf } from './fulfilment.payee.js';
export {
  getApplication,
  grantsWithoutAmountHistory,
  awardRows,
  outcomeAwardKey,
  outcomeAwardStatuses,
  type ApplicationView,
} from './fulfilment.views.js';
export { awardListXlsx, applicationPdf, cjkFont, fontMissing } from './fulfilment.exports.js';
export { databasePolicySource, type PolicySource, type PolicyItemView } from './policy-source.js';
export { defaultWorkflow, workflowFor, dueDate, type WorkflowDefinition } from './workflow.js';
export { applicationsByStatus, applicationsByDepartment, overdueByStage, stageStays, appliedPairs, dashboardApplications, applicationNames, type DashboardScope, type DashboardApplicationRow } from './fulfilment.statistics.js';
export { STATUS_LABELS, STAGE_ORDER, type Status } from './workflow.js';
export { actOn, concludePublicity, withdraw } from './fulfilment.actions.js';
/** The awards in publicity now, as the public route lists them (open data). */
export { publicityList } from './fulfilment.views.js';
