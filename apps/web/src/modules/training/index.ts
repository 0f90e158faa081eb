/**
 * Start-up training (创业培训): the courses and a course's page (enrol), my training (attendance,
 * certificate, applying for the subsidy), the provider's courses (open one, attendance,
 * completion) and the follow-ups six months after completion.
 */
export { trainingManifest } from './training.manifest';
