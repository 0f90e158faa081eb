/**
 * Competitions (创新创业大赛): the public list and a call's page with entering and the published
 * results; the programme office's 大赛管理 (calls, the expert pool, panels, exclusions, publishing);
 * a judge's 大赛评审.
 */
export { competitionsManifest } from './competitions.manifest';
