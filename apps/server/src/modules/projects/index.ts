/**
 * The start-up project library (创业项目库): persons and service organisations post projects
 * (patents, research results, business ideas); the human-resources bureau, as the public
 * employment-and-entrepreneurship service, admits them into the public library (searched in words
 * and pinyin) or returns them; enterprises ask to adopt one, the poster answers, the adopter
 * records the successful start-up with evidence, and the bureau verifies it fixing the reward.
 * The catalogue's provider items then judge the project's facts (`projects.rewards.ts`) and hand
 * an eligible reward to fulfilment as a pending award for the poster's provider profile, once per
 * project (the carriers' outcome mechanism: `award.pending` with `outcome`).
 */
export type { ProjectTables } from './projects.tables.js';
export { projectsManifest } from './projects.manifest.js';
