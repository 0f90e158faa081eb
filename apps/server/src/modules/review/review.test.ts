import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/problems.js';
import { checkReview, outliers, type Rubric } from './review.service.js';

const RUBRIC: Rubric = {
  minAssessors: 2,
  criteria: [
    { id: 'merit', label: { zh: '项目水平', en: 'Merit' }, max: 40 },
    { id: 'impact', label: { zh: '效益', en: 'Impact' }, max: 60 },
  ],
  outlierPoints: 20,
};

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).fieldErrors ?? []).map((e) => `${e.field}:${e.rule}`);
  }
  throw new Error('expected a refusal');
}

describe('outlier detection', () => {
  it('flags totals far from the median of the round', () => {
    expect(outliers([80, 82, 30], 20)).toEqual([false, false, true]);
    expect(outliers([80, 82, 78, 81], 20)).toEqual([false, false, false, false]);
    expect(outliers([85, 30], 20)).toEqual([true, true]);
    expect(outliers([85, 80], 20)).toEqual([false, false]);
    expect(outliers([85], 20)).toEqual([false]);
    expect(outliers([], 20)).toEqual([]);
  });
});

describe('checking a review against its rubric', () => {
  it('totals the scores of every criterion', () => {
    expect(
      checkReview(RUBRIC, { conflict: false, scores: { merit: 30, impact: 45 }, comment: '  好  ' }),
    ).toEqual({ scores: { merit: 30, impact: 45 }, total: 75, conflictNote: null, comment: '好' });
  });

  it('names each missing, out-of-range, fractional and unknown score', () => {
    expect(fieldsOf(() => checkReview(RUBRIC, { conflict: false, scores: { merit: 41 } }))).toEqual([
      'scores.merit:maximum',
      'scores.impact:required',
    ]);
    expect(
      fieldsOf(() => checkReview(RUBRIC, { conflict: false, scores: { merit: -1, impact: 2.5 } })),
    ).toEqual(['scores.merit:maximum', 'scores.impact:maximum']);
    expect(
      fieldsOf(() => checkReview(RUBRIC, { conflict: false, scores: { merit: 1, impact: 1, luck: 3 } })),
    ).toEqual(['scores.luck:unknown_field']);
  });

  it('takes a declared conflict of interest with its note and without scores', () => {
    expect(checkReview(RUBRIC, { conflict: true, conflictNote: ' 曾为该企业提供咨询 ' })).toMatchObject({
      total: null,
      conflictNote: '曾为该企业提供咨询',
      scores: {},
    });
    expect(fieldsOf(() => checkReview(RUBRIC, { conflict: true, conflictNote: '   ' }))).toEqual([
      'conflictNote:required',
    ]);
    expect(
      fieldsOf(() => checkReview(RUBRIC, { conflict: true, conflictNote: '亲属', scores: { merit: 10 } })),
    ).toEqual(['scores:not_allowed']);
  });

  it('bounds the comment', () => {
    expect(
      fieldsOf(() =>
        checkReview(RUBRIC, { conflict: false, scores: { merit: 1, impact: 1 }, comment: '长'.repeat(2001) }),
      ),
    ).toEqual(['comment:maxLength']);
  });
});
