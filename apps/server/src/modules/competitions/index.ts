/**
 * Competitions (创新创业大赛): calls with tracks, rules, dates and a rubric published by a
 * programme office; entries by enterprises (team, project, pitch deck); a preliminary and a final
 * round judged by panels from the expert pool with conflicts of interest excluded automatically
 * (same organisation, related enterprise, declared), each exclusion with its reason; scores in the
 * review module; a ranking with published tie-breaks; results with anonymised score
 * distributions; winners' profiles receive the verified fact the catalogue's competition item reads.
 */
export type { CompetitionTables } from './competitions.tables.js';
export { competitionsManifest } from './competitions.manifest.js';
