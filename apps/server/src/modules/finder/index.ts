/**
 * The policy finder (政策计算器): for a profile, every policy item it qualifies for, why, what is
 * missing and how much. The anonymous check (`POST /api/v1/eligibility/check`) and a logged-in
 * subject's matches use the interpreter, which explains; officers' what-if simulations and the
 * matching of every registered subject after a publish use the compiled population evaluator in
 * persisted, resumable jobs. A subject that turns eligible is notified; a 免申即享 item emits
 * 'award.pending' for fulfilment.
 */
import './finder.events.js';

export { finderManifest } from './finder.manifest.js';
export { check, publishImpact, simulationJob, SIMULATION_PARTS, type FinderDeps } from './finder.service.js';
export { questionsFromVerdicts, evaluateProfile, checkRequest } from './finder.check.js';
export { chunkPopulation, variablesRead } from './finder.population.js';
export { BLOCKS, blockColumns, blockOf, blockRevisions, refreshBlocks, type SubjectColumns } from './finder.repository.js';
export { SIZE_CLASS_COLUMN } from './finder.blocks.js';
export { blockCache } from './finder.cache.js';
export { matchCounts, matchStatuses, matchedSubjects } from './finder.statistics.js';
/** Evaluates one subject against every item and records its matches (the demo seed, whose events no handler hears yet). */
export { onFactsChanged as matchSubject } from './finder.service.js';
