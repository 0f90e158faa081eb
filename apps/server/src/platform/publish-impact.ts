import type { Db } from './database.js';

/**
 * What publishing a version of a policy item would change over the registered subjects: the
 * policies module asks before publishing (a second officer approves above the configured
 * thresholds), the finder knows how to evaluate the population. Wired in app construction, so
 * neither module imports the other (as `benefitHistory`).
 */
export interface PublishImpact {
  /** Subjects whose eligibility differs between the version and the current one (a new item: those eligible). */
  affectedSubjects: number;
  /** Change of the total amount over eligible subjects, fen (a new item: the total). */
  costChangeFen: number;
  /** Registered subjects evaluated. */
  evaluated: number;
}

export type PublishImpactSource = (db: Db, itemId: string, version: number, date: string) => Promise<PublishImpact>;

/** No population to evaluate (tests of modules without the finder): nothing is affected. */
export const noPublishImpact: PublishImpactSource = async () => ({ affectedSubjects: 0, costChangeFen: 0, evaluated: 0 });
