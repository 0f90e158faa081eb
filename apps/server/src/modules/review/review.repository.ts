import type { Selectable } from 'kysely';
import { tablesOf, type Db, type Tx } from '../../platform/database.js';
import type { ReviewScoresTable, ReviewTables } from './review.tables.js';

const t = (db: Db | Tx) => tablesOf<ReviewTables>(db);

export type ScoreRow = Selectable<ReviewScoresTable> & { assessor_name: string };

export interface CaseKey {
  owner: string;
  caseId: string;
}

/** Inserts one assessor's review of a round; false when they already reviewed it. */
export async function insertScore(
  trx: Tx,
  row: Omit<Selectable<ReviewScoresTable>, 'scores'> & { scores: Record<string, number> },
): Promise<boolean> {
  const r = await t(trx)
    .insertInto('review_scores')
    .values({ ...row, scores: JSON.stringify(row.scores) })
    .onConflict((oc) => oc.columns(['owner', 'case_id', 'round', 'assessor_user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** A round's reviews in the order they were submitted. */
export async function scoresOf(db: Db | Tx, key: CaseKey, round: number): Promise<ScoreRow[]> {
  return t(db)
    .selectFrom('review_scores as s')
    .innerJoin('identity_users as u', 'u.id', 's.assessor_user_id')
    .selectAll('s')
    .select('u.display_name as assessor_name')
    .where('s.owner', '=', key.owner)
    .where('s.case_id', '=', key.caseId)
    .where('s.round', '=', round)
    .orderBy('s.submitted_at')
    .orderBy('s.assessor_user_id')
    .execute();
}

/** Everyone who reviewed the case (scored or declared a conflict) in any round. */
export async function assessorIdsOf(db: Db | Tx, key: CaseKey): Promise<string[]> {
  const rows = await t(db)
    .selectFrom('review_scores')
    .select('assessor_user_id')
    .distinct()
    .where('owner', '=', key.owner)
    .where('case_id', '=', key.caseId)
    .execute();
  return rows.map((r) => r.assessor_user_id);
}
