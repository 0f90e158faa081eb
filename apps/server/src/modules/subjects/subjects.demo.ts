/**
 * The demo's synthetic population: registered subjects without an account or organisation,
 * flagged `demo` (never counted by statistics, never matched or notified), written in batches so
 * that a few thousand of them cost the demo's start-up about a second. Only the demo seed calls
 * this (never in production: main.ts seeds demo data only when config.demo is set).
 */
import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { record, type AuditContext } from '../audit/index.js';

export interface DemoSubject {
  kind: 'enterprise' | 'person';
  /** Always starts with （演示）. */
  name: string;
  regionCode: string;
  facts: Record<string, string | number | boolean>;
}

const BATCH = 500;

/** Whether the demo population is already there (a restart of a demo database adds nothing). */
export async function hasDemoPopulation(db: Db | Tx): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM subjects WHERE demo LIMIT 1) x`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

/** Inserts the synthetic subjects and their facts (declared, as of today) in batches, one transaction. Returns how many. */
export async function insertDemoPopulation(db: Db, deps: { clock: Clock }, ctx: AuditContext, subjects: readonly DemoSubject[]): Promise<number> {
  if (subjects.some((s) => !s.name.startsWith('（演示）'))) throw new Error('demo subjects are named （演示）…');
  const today = deps.clock.today();
  return db.transaction().execute(async (trx) => {
    for (let i = 0; i < subjects.length; i += BATCH) {
      const batch = subjects.slice(i, i + BATCH);
      const ids = await sql<{ id: string }>`
        INSERT INTO subjects (kind, name, region_code, demo)
        SELECT * FROM unnest(${batch.map((s) => s.kind)}::text[], ${batch.map((s) => s.name)}::text[], ${batch.map((s) => s.regionCode)}::text[], ${batch.map(() => true)}::boolean[])
        RETURNING id`.execute(trx);
      const subjectIds: string[] = [];
      const variables: string[] = [];
      const values: string[] = [];
      batch.forEach((s, k) => {
        for (const [name, value] of Object.entries({ ...s.facts, region: s.regionCode })) {
          subjectIds.push(ids.rows[k]!.id);
          variables.push(name);
          values.push(JSON.stringify(value));
        }
      });
      await sql`
        INSERT INTO subject_facts (subject_id, variable, value, source, verified, as_of)
        SELECT s, v, x::jsonb, 'declared', false, ${today}::date
          FROM unnest(${subjectIds}::uuid[], ${variables}::text[], ${values}::text[]) AS t(s, v, x)`.execute(trx);
    }
    await record(trx, deps.clock, ctx, { action: 'subjects.demo_population_created', entityType: 'subject', data: { subjects: subjects.length } });
    return subjects.length;
  });
}
