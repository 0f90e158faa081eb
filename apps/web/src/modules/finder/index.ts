/**
 * The policy finder (政策计算器): the anonymous calculator with shareable, printable URL state,
 * my matches for a saved profile, and the officers' simulation and publishing page.
 */
export { finderManifest } from './finder.manifest';
export { useMatches } from './finder.api';
