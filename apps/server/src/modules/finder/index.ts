/**
 * The policy finder (政策计算器): for a profile, every policy item it qualifies for, why, what is
 * missing and how much. The anonymous check (`POST /api/v1/eligibility/check`) and a logged-in
 * subject's matches use the interpreter, which explains; officers' what-if simulations and the
 * matching of every registered subject after a publish use the compiled population evaluator in
 * persisted, resumable jobs. A subject that turns eligible is notified; a 免申即享 item emits
 * 'award.pending' for fulfilment.
 */
import './finder.events.js';
import type { JobRunner } from '../../platform/jobs.js';
import { matchItemJob, onFactsChanged, onPolicyPublished, simulateJob, type FinderDeps } from './finder.service.js';

export { finderRoutes } from './finder.routes.js';
export { check, type FinderDeps } from './finder.service.js';
export { questionsFromVerdicts, evaluateProfile, checkRequest } from './finder.check.js';
export { districtPopulations, variablesRead } from './finder.population.js';

/** Subscribes the finder to the events it reacts to and registers its jobs. */
export function registerFinder(deps: FinderDeps, jobs: JobRunner): void {
  deps.events.on('subject.facts_changed', (trx, payload) => onFactsChanged(trx, deps, payload));
  deps.events.on('policy.published', (trx, payload) => onPolicyPublished(trx, payload));
  jobs.register('finder.match_item', (ctx) => matchItemJob(deps, ctx as never));
  jobs.register('finder.simulate', (ctx) => simulateJob(deps, ctx as never));
}
