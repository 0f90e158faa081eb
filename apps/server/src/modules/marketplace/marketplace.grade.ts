/**
 * The star grade (星级评选): a published formula over a year's record of a provider. Pure: the
 * service gathers the inputs; the formula turns them into points per term and 1–5 stars, each
 * term explained (its value and the points it brings), the same for the provisional grade of the
 * current year and the programme office's annual grade.
 */
import type { GradeFormula } from '@seedbed/contract';

export interface GradeInputs {
  /** Mean of every rating score (all dimensions) of the year's settled orders; null without ratings. */
  averageRating: number | null;
  ratingCount: number;
  /** Orders accepted (settled) in the year. */
  settledOrders: number;
  /** Disputes decided for the enterprise in the year (complaints upheld). */
  upheldDisputes: number;
  /** The certification's standing on the day the grade is computed for. */
  standing: 'certified' | 'expired' | 'suspended' | 'revoked' | 'pending' | 'rejected' | 'none';
}

export interface GradeTermResult {
  term: string;
  label: { zh: string; en: string };
  value: string;
  points: number;
  max: number;
}

const RATING_MAX = 50;
const VOLUME_MAX = 20;
const VOLUME_FULL = 20;
const DISPUTE_EACH = 10;
const DISPUTE_CAP = 30;
const STANDING_MAX = 30;
/** Minimum points for each number of stars, highest first. */
export const STAR_THRESHOLDS = [
  { stars: 5, minPoints: 85 },
  { stars: 4, minPoints: 70 },
  { stars: 3, minPoints: 55 },
  { stars: 2, minPoints: 40 },
  { stars: 1, minPoints: 0 },
] as const;

export const GRADE_FORMULA: GradeFormula = {
  terms: [
    {
      term: 'rating',
      label: { zh: '服务评价', en: 'Ratings' },
      rule: {
        zh: `全年已验收订单各项评分（质量、及时性、价格，1–5分）的平均分，按（平均分−1）÷4×${RATING_MAX}计分；暂无评价计0分`,
        en: `The mean of every score (quality, timeliness, price; 1–5) on the year's accepted orders, as (mean − 1) ÷ 4 × ${RATING_MAX}; no ratings yet scores 0`,
      },
      max: RATING_MAX,
    },
    {
      term: 'volume',
      label: { zh: '服务量', en: 'Volume' },
      rule: {
        zh: `全年已验收订单数，每单1分，最多${VOLUME_MAX}分（${VOLUME_FULL}单及以上满分）`,
        en: `Orders accepted in the year, one point each, at most ${VOLUME_MAX} (full marks from ${VOLUME_FULL} orders)`,
      },
      max: VOLUME_MAX,
    },
    {
      term: 'disputes',
      label: { zh: '投诉与争议', en: 'Complaints upheld' },
      rule: {
        zh: `全年经裁定支持企业的争议，每件扣${DISPUTE_EACH}分，最多扣${DISPUTE_CAP}分`,
        en: `Each dispute decided for the enterprise in the year takes ${DISPUTE_EACH} points, at most ${DISPUTE_CAP}`,
      },
      max: 0,
    },
    {
      term: 'standing',
      label: { zh: '认证状态', en: 'Certification standing' },
      rule: {
        zh: `认证有效计${STANDING_MAX}分；已过期、暂停或撤销计0分`,
        en: `A certification in force scores ${STANDING_MAX}; expired, suspended or revoked scores 0`,
      },
      max: STANDING_MAX,
    },
  ],
  stars: STAR_THRESHOLDS.map((t) => ({ stars: t.stars, minPoints: t.minPoints })),
};

const STANDING_LABEL: Record<GradeInputs['standing'], string> = {
  certified: '认证有效 / in force',
  expired: '已过期 / expired',
  suspended: '已暂停 / suspended',
  revoked: '已撤销 / revoked',
  pending: '待认证 / pending',
  rejected: '未通过 / rejected',
  none: '未认证 / not certified',
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Points per term, total (0–100) and stars, each term explained. */
export function computeGrade(inputs: GradeInputs): { stars: number; points: number; terms: GradeTermResult[] } {
  const [rating, volume, disputes, standing] = GRADE_FORMULA.terms as [GradeFormula['terms'][number], GradeFormula['terms'][number], GradeFormula['terms'][number], GradeFormula['terms'][number]];
  const ratingPoints = inputs.averageRating === null ? 0 : round1(((inputs.averageRating - 1) / 4) * RATING_MAX);
  const volumePoints = Math.min(inputs.settledOrders, VOLUME_FULL) * (VOLUME_MAX / VOLUME_FULL);
  const disputePoints = -Math.min(inputs.upheldDisputes * DISPUTE_EACH, DISPUTE_CAP);
  const standingPoints = inputs.standing === 'certified' ? STANDING_MAX : 0;
  const terms: GradeTermResult[] = [
    {
      term: rating.term,
      label: rating.label,
      value: inputs.averageRating === null ? '暂无评价 / no ratings' : `${inputs.averageRating.toFixed(2)}（${inputs.ratingCount}项评分 / scores）`,
      points: ratingPoints,
      max: rating.max,
    },
    { term: volume.term, label: volume.label, value: String(inputs.settledOrders), points: volumePoints, max: volume.max },
    { term: disputes.term, label: disputes.label, value: String(inputs.upheldDisputes), points: disputePoints, max: disputes.max },
    { term: standing.term, label: standing.label, value: STANDING_LABEL[inputs.standing], points: standingPoints, max: standing.max },
  ];
  const points = Math.max(0, Math.min(100, round1(ratingPoints + volumePoints + disputePoints + standingPoints)));
  const stars = STAR_THRESHOLDS.find((t) => points >= t.minPoints)!.stars;
  return { stars, points, terms };
}
