import type { FieldError } from '@seedbed/contract';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, conflict, fieldError, invalid } from '../../platform/problems.js';
import * as repo from './review.repository.js';
import type { CaseKey } from './review.repository.js';

export type { CaseKey };

interface Text {
  zh: string;
  en: string;
}

/** What assessors score a case against. */
export interface Rubric {
  /** Reviews without a conflict of interest needed before the case may move on. */
  minAssessors: number;
  criteria: { id: string; label: Text; max: number }[];
  /** A total this many points away from the median of the round's totals is flagged as an outlier. */
  outlierPoints: number;
  /**
   * Independent (blind) scoring: an assessor who has not yet reviewed the round sees that others
   * have, but neither who they are nor what they gave. Absent means blind.
   */
  blind?: boolean;
}

export interface ReviewInput {
  conflict: boolean;
  conflictNote?: string | undefined;
  scores?: Record<string, number> | undefined;
  comment?: string | undefined;
}

/** One review as a reader sees it; `sealed` hides another assessor's review from one who has yet to submit. */
export interface ReviewEntry {
  assessorName: string;
  conflict: boolean;
  conflictNote: string | null;
  scores: Record<string, number>;
  total: number | null;
  comment: string | null;
  outlier: boolean;
  mine: boolean;
  sealed: boolean;
}

export interface ReviewSummary {
  round: number;
  minAssessors: number;
  criteria: Rubric['criteria'];
  blind: boolean;
  entries: ReviewEntry[];
  /** Reviews with scores (conflicts of interest do not count). */
  scored: number;
  complete: boolean;
}

/**
 * Outlier flags for totals: a total further than `points` from the median of all totals (with two
 * assessors, both are flagged when they are more than 2 × `points` apart).
 */
export function outliers(totals: readonly number[], points: number): boolean[] {
  if (totals.length < 2) return totals.map(() => false);
  const sorted = [...totals].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return totals.map((t) => Math.abs(t - median) > points);
}

/**
 * Checks a review against the rubric: a conflict of interest needs a note and carries no scores;
 * otherwise every criterion gets a whole number from 0 to its maximum, and nothing else is scored.
 * Every problem is named by its field.
 */
export function checkReview(
  rubric: Rubric,
  input: ReviewInput,
): {
  scores: Record<string, number>;
  total: number | null;
  conflictNote: string | null;
  comment: string | null;
} {
  const errors: FieldError[] = [];
  const scores: Record<string, number> = {};
  const comment = input.comment?.trim() || null;
  if (comment !== null && comment.length > 2000)
    errors.push(fieldError('comment', 'maxLength', '评审意见不超过2000字', 'at most 2,000 characters'));
  if (input.conflict) {
    const note = input.conflictNote?.trim() ?? '';
    if (!note)
      errors.push(
        fieldError('conflictNote', 'required', '声明利益冲突须说明情况', 'describe the conflict of interest'),
      );
    else if (note.length > 1000)
      errors.push(fieldError('conflictNote', 'maxLength', '说明不超过1000字', 'at most 1,000 characters'));
    if (input.scores && Object.keys(input.scores).length > 0)
      errors.push(
        fieldError(
          'scores',
          'not_allowed',
          '声明利益冲突时不评分',
          'a declared conflict of interest carries no scores',
        ),
      );
    if (errors.length) throw invalid(errors);
    return { scores, total: null, conflictNote: note, comment };
  }
  let total = 0;
  for (const c of rubric.criteria) {
    const v = input.scores?.[c.id];
    if (v === undefined)
      errors.push(
        fieldError(`scores.${c.id}`, 'required', `请为“${c.label.zh}”评分`, `score "${c.label.en}"`),
      );
    else if (!Number.isInteger(v) || v < 0 || v > c.max)
      errors.push(
        fieldError(
          `scores.${c.id}`,
          'maximum',
          `应为0至${c.max}的整数`,
          `must be a whole number from 0 to ${c.max}`,
        ),
      );
    else {
      scores[c.id] = v;
      total += v;
    }
  }
  for (const k of Object.keys(input.scores ?? {})) {
    if (!rubric.criteria.some((c) => c.id === k))
      errors.push(fieldError(`scores.${k}`, 'unknown_field', '不是评分标准', 'is not a criterion'));
  }
  if (errors.length) throw invalid(errors);
  return { scores, total, conflictNote: null, comment };
}

export interface Assessor {
  userId: string;
  /**
   * The assessor has a stake in the case (the applicant, or acting for the subject): they may not
   * review it at all, not even to declare the conflict.
   */
  interested: boolean;
}

/**
 * Records one assessor's review of a round, inside the owner's transaction (which has locked the
 * case). Refuses an interested assessor and a second review of the same round.
 */
export async function submitReview(
  trx: Tx,
  clock: Pick<Clock, 'now'>,
  key: CaseKey,
  round: number,
  assessor: Assessor,
  rubric: Rubric,
  input: ReviewInput,
): Promise<{ total: number | null }> {
  if (assessor.interested) {
    throw new AppError(403, 'CONFLICT_OF_INTEREST', {
      zh: '您与本案有利害关系（申请方或其所属主体），不能参与评审',
      en: 'You have a stake in this case (the applicant or acting for its subject) and may not review it',
    });
  }
  const checked = checkReview(rubric, input);
  const inserted = await repo.insertScore(trx, {
    owner: key.owner,
    case_id: key.caseId,
    round,
    assessor_user_id: assessor.userId,
    conflict: input.conflict,
    conflict_note: checked.conflictNote,
    scores: checked.scores,
    total: checked.total,
    comment: checked.comment,
    submitted_at: clock.now(),
  });
  if (!inserted)
    throw conflict('ALREADY_ASSESSED', '您已提交过本轮评审意见', 'You have already assessed this round');
  return { total: checked.total };
}

/** Reviews with scores (not conflicts) in a round: what `minAssessors` counts. */
export async function scoredCount(db: Db | Tx, key: CaseKey, round: number): Promise<number> {
  return (await repo.scoresOf(db, key, round)).filter((r) => !r.conflict).length;
}

/** Everyone who reviewed the case in any round (for separation of duties). */
export const reviewersOf = (db: Db | Tx, key: CaseKey): Promise<string[]> => repo.assessorIdsOf(db, key);

/** Whether a person has reviewed the given round. */
export async function hasReviewed(
  db: Db | Tx,
  key: CaseKey,
  round: number,
  userId: string,
): Promise<boolean> {
  return (await repo.scoresOf(db, key, round)).some((r) => r.assessor_user_id === userId);
}

/**
 * A round's reviews for one reader. With blind scoring, a reader who may still review the round
 * (`mayStillReview`: an assessor who has not yet submitted) sees others' reviews sealed: in their
 * place, without name, scores, total, comment or conflict. Everyone else — assessors who have submitted,
 * the officials who decide — sees every review with its outlier flag.
 */
export async function reviewSummary(
  db: Db | Tx,
  key: CaseKey,
  round: number,
  rubric: Rubric,
  reader: { userId: string; mayStillReview: boolean },
): Promise<ReviewSummary> {
  const rows = await repo.scoresOf(db, key, round);
  const blind = rubric.blind !== false;
  const sealed = blind && reader.mayStillReview && !rows.some((r) => r.assessor_user_id === reader.userId);
  const scoredRows = rows.filter((r) => !r.conflict);
  const flags = outliers(
    scoredRows.map((r) => r.total ?? 0),
    rubric.outlierPoints,
  );
  return {
    round,
    minAssessors: rubric.minAssessors,
    criteria: rubric.criteria,
    blind,
    entries: rows.map((r): ReviewEntry => {
      const mine = r.assessor_user_id === reader.userId;
      if (sealed && !mine) {
        return {
          assessorName: '',
          conflict: false,
          conflictNote: null,
          scores: {},
          total: null,
          comment: null,
          outlier: false,
          mine: false,
          sealed: true,
        };
      }
      return {
        assessorName: r.assessor_name,
        conflict: r.conflict,
        conflictNote: r.conflict_note,
        scores: r.scores,
        total: r.total,
        comment: r.comment,
        outlier: r.conflict ? false : (flags[scoredRows.indexOf(r)] ?? false),
        mine,
        sealed: false,
      };
    }),
    scored: scoredRows.length,
    complete: scoredRows.length >= rubric.minAssessors,
  };
}
