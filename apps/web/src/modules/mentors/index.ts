/**
 * Start-up mentors (创业导师): the library and asking for a mentor with suggested matches, my
 * mentoring (the mentor's answer, sessions confirmed by both sides, ratings, ending), and the
 * office's figures against each mentor's yearly commitment.
 */
export { mentorsManifest } from './mentors.manifest';
