/**
 * Policy fulfilment (政策兑现): apply for an item with the answers and materials it needs and the
 * verdict shown first; follow an application's timeline; officers' inbox with stage actions and
 * reasons, assessor scoring, publicity with objections, finance's budgets and two-person payment.
 */
export { fulfilmentManifest } from './fulfilment.manifest';
export { PaidSummary, useApplicantPayment } from './paid-summary';
export { useMyApplications } from './fulfilment.api';
