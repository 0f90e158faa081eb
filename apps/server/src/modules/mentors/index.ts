/**
 * Start-up mentors (创业导师): the library, founders' requests with suggested matches scored in
 * the open (expertise, industry, region, load), the mentor's answer, sessions confirmed by both
 * sides with a short record, ratings, ending a pairing, and the office's view of each mentor's
 * confirmed sessions against the yearly commitment.
 */
export type { MentorTables } from './mentors.tables.js';
export { mentorsManifest } from './mentors.manifest.js';
