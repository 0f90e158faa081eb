/**
 * Targets (目标任务) and the work ledger (工作台账): the programme's goals for a region from the
 * catalogue's documents or added locally, split per district or department, assigned to units,
 * measured by the modules' declared statistics or the units' reports, with traffic lights and
 * chasing of late reports; supervision items (督办件) issued on a target to its unit, answered,
 * returned or closed, overdue ones escalated (targets.supervision.ts).
 */
export type { TargetsTables } from './targets.tables.js';
export { targetsManifest } from './targets.manifest.js';
export { dailyTargets, listTargets, loadDocument } from './targets.service.js';
