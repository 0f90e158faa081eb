import { sql } from 'kysely';
import type { Db } from '../../platform/database.js';
import type { DailyJobDefinition, JobKind, JobKinds } from '../../platform/module.js';

/**
 * A job queued once per slot of `everyMs` of the app's clock, on the runner's daily mechanism:
 * the slot is the dedupe key, so several app processes queue it once. Declared under a manifest's
 * `dailyJobs` (the runner has no other periodic kind); tests move the clock and call
 * `app.jobs.queueDailies()` then `drain()`.
 */
export function intervalJob<K extends JobKind>(kind: K, everyMs: number, payload: (slot: string) => JobKinds[K]): DailyJobDefinition<K> {
  return { kind, schedule: (runner, deps) => runner.daily(kind, () => `slot:${Math.floor(deps.clock.now().getTime() / everyMs)}`, payload) };
}

/** Forgets a periodic kind's finished runs older than a day (one row per slot would pile up). */
export async function forgetOldRuns(db: Db, kind: JobKind): Promise<void> {
  await sql`DELETE FROM platform_jobs WHERE kind = ${kind} AND status = 'done' AND finished_at < now() - interval '1 day'`.execute(db);
}
