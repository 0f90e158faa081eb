/**
 * Start-up training (创业培训): courses of training providers with sessions, capacity and the
 * catalogue's training-subsidy item whose standard applies; enrolment (capacity enforced by the
 * database), attendance per session, completion at 80% of the hours with a printable
 * certificate; completion writes the verified facts the subsidy items read onto the trainee's
 * profile (through subjects), so fulfilment pays the subsidy; a follow-up six months later.
 */
export type { TrainingTables } from './training.tables.js';
export { trainingManifest } from './training.manifest.js';
