import { createFollowUps } from '../src/modules/training/training.service.js';
import type { TestContext } from './test-app.js';

/** Runs the daily follow-up job's work for a day (what the job runner calls). */
export const createFollowUpsForTest = (t: TestContext, day: string): Promise<number> => createFollowUps(t.deps, day);
