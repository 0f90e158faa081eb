/**
 * The credit rating (信用评级) A–D: a transparent, additive model. Every enterprise starts from a
 * baseline of 70 points; each indicator below adds or takes away points (its contribution), each
 * capped so that no single kind of information outweighs everything else; the sum, kept within
 * 0–100, is the score, and the score's band is the grade:
 *
 *   A ≥ 85  good credit: needs positive evidence (honours, a good tax credit grade, years of
 *           trading) on top of a clean file; a clean but unknown firm does not reach it.
 *   B 70–84 normal: the baseline; a firm about which nothing adverse is published is B.
 *   C 50–69 watch: published ordinary breaches, or several corrected ones.
 *   D < 50  poor: a published serious breach takes 30 points by itself.
 *
 * One rule over the sum: while a serious record is published (the enterprise is on the
 * serious-violation list, 严重失信主体), the grade is D whatever the other indicators give — joint
 * punishment does not let honours buy a listed enterprise out of it. Repair or the end of the
 * window ends the cap, and the record then weighs only as a corrected breach (−3).
 *
 * Why these weights: they follow the publication rules (credit.windows.ts): what is published
 * weighs most and serious three times ordinary; minor breaches are not published, so they weigh
 * little; a corrected (repaired or expired) breach still says something for three years, a little.
 * Tax credit grades (纳税信用等级 A/B/M/C/D) are read from the tax records' text and count only
 * as the tax indicator (not again as a breach). The rating is computed on demand from the records
 * and the profile, never stored: the windows move every day, so a stored grade would go stale.
 */
import type { CreditRatingIndicatorKey, CreditRatingView, CreditRecordKind, CreditSeverity } from '@seedbed/contract';
import { addMonths, publicationStatus } from './credit.windows.js';

export const BASELINE = 70;
/** The lowest score of each grade; below C's: D. */
export const GRADE_FLOORS = { A: 85, B: 70, C: 50 } as const;
export type CreditGrade = 'A' | 'B' | 'C' | 'D';

export interface RatingRecord {
  kind: CreditRecordKind;
  severity: CreditSeverity | null;
  decidedOn: string;
  repairedOn: string | null;
  content: string;
}

export interface RatingInput {
  records: readonly RatingRecord[];
  /** The founded_on fact of the profile, if known. */
  foundedOn: string | null;
  today: string;
}

export const gradeOf = (score: number): CreditGrade => (score >= GRADE_FLOORS.A ? 'A' : score >= GRADE_FLOORS.B ? 'B' : score >= GRADE_FLOORS.C ? 'C' : 'D');

const TAX_POINTS: Record<string, number> = { A: 10, B: 5, M: 0, C: -5, D: -10 };
/** The grade letter in a tax record's text: "2025年度纳税信用等级为D级", "纳税信用A级", "grade B". */
export function taxGradeIn(text: string): string | null {
  const m = /(?:纳税信用(?:等级)?(?:评价)?(?:为|:|：)?\s*|grade\s+)([ABMCD])\b|([ABMCD])\s*级/i.exec(text);
  const g = (m?.[1] ?? m?.[2])?.toUpperCase();
  return g && g in TAX_POINTS ? g : null;
}

const capped = (n: number, each: number, cap: number) => (n === 0 ? 0 : Math.sign(each) * Math.min(Math.abs(n * each), Math.abs(cap)));

export function rate(input: RatingInput): Omit<CreditRatingView, 'subjectId' | 'name'> {
  const { today } = input;
  const status = (r: RatingRecord) => publicationStatus(r.severity, r.decidedOn, today, r.repairedOn);
  const adverse = input.records.filter((r) => r.severity !== null && r.kind !== 'tax_credit_grade' && r.decidedOn <= today);
  const seriousPublished = adverse.filter((r) => r.severity === 'serious' && status(r) === 'published').length;
  const ordinaryPublished = adverse.filter((r) => r.severity === 'ordinary' && status(r) === 'published').length;
  const threeYearsAgo = addMonths(today, -36);
  const oneYearAgo = addMonths(today, -12);
  const minorRecent = adverse.filter((r) => r.severity === 'minor' && r.decidedOn > oneYearAgo).length;
  const corrected = adverse.filter((r) => (status(r) === 'repaired' || status(r) === 'expired') && (r.repairedOn ?? addMonths(r.decidedOn, r.severity === 'serious' ? 36 : 12)) > threeYearsAgo).length;
  const honours = input.records.filter((r) => r.kind === 'honour' && r.decidedOn <= today && r.decidedOn > threeYearsAgo).length;
  const tax = input.records.filter((r) => r.kind === 'tax_credit_grade' && r.decidedOn <= today).sort((a, b) => b.decidedOn.localeCompare(a.decidedOn)).map((r) => taxGradeIn(r.content)).find((g) => g !== null) ?? null;
  const years = input.foundedOn && input.foundedOn <= today ? Math.floor(monthsBetween(input.foundedOn, today) / 12) : null;

  const indicators: CreditRatingView['indicators'] = [];
  const add = (key: CreditRatingIndicatorKey, label: { zh: string; en: string }, value: number | string | null, valueText: { zh: string; en: string }, weight: { zh: string; en: string }, points: number, explanation: { zh: string; en: string }) =>
    indicators.push({ key, label, value: value === null ? null : String(value), valueText, weight, points, explanation });

  add('serious_published', { zh: '公示中的严重失信记录', en: 'Serious records published' }, seriousPublished, { zh: `${seriousPublished} 条`, en: `${seriousPublished}` }, { zh: '每条 −30 分，最多 −60 分', en: '−30 each, at most −60' }, capped(seriousPublished, -30, 60), {
    zh: '严重失信行为在公示期内（1至3年）扣分最多；公示期间评级为D级。',
    en: 'A serious breach within its window (1–3 years) weighs most; while one is published the grade is D.',
  });
  add('ordinary_published', { zh: '公示中的一般失信记录', en: 'Ordinary records published' }, ordinaryPublished, { zh: `${ordinaryPublished} 条`, en: `${ordinaryPublished}` }, { zh: '每条 −10 分，最多 −30 分', en: '−10 each, at most −30' }, capped(ordinaryPublished, -10, 30), {
    zh: '一般失信行为公示3个月至1年，公示期内扣分。',
    en: 'An ordinary breach is published 3 months to a year; it counts while published.',
  });
  add('minor_recent', { zh: '近一年的轻微失信记录', en: 'Minor records, past year' }, minorRecent, { zh: `${minorRecent} 条`, en: `${minorRecent}` }, { zh: '每条 −2 分，最多 −6 分', en: '−2 each, at most −6' }, capped(minorRecent, -2, 6), {
    zh: '轻微失信不予公示，仅在一年内少量扣分。',
    en: 'Minor breaches are not published; they weigh a little for a year.',
  });
  add('corrected', { zh: '三年内已修复或期满的失信记录', en: 'Corrected records, past 3 years' }, corrected, { zh: `${corrected} 条`, en: `${corrected}` }, { zh: '每条 −3 分，最多 −9 分', en: '−3 each, at most −9' }, capped(corrected, -3, 9), {
    zh: '已信用修复或公示期满的记录不再公示，三年内仍略有影响。',
    en: 'Repaired or expired records are no longer published but weigh a little for three years.',
  });
  add('honours', { zh: '三年内的表彰及良好记录', en: 'Honours, past 3 years' }, honours, { zh: `${honours} 项`, en: `${honours}` }, { zh: '每项 +5 分，最多 +15 分', en: '+5 each, at most +15' }, capped(honours, 5, 15), {
    zh: '守合同重信用等表彰及良好记录加分（守信激励）。',
    en: 'Honours and good records add points (rewards for keeping faith).',
  });
  add('tax_grade', { zh: '纳税信用等级', en: 'Tax credit grade' }, tax, tax ? { zh: `${tax} 级`, en: `Grade ${tax}` } : { zh: '未登记', en: 'Not recorded' }, { zh: 'A +10、B +5、M 0、C −5、D −10', en: 'A +10, B +5, M 0, C −5, D −10' }, tax ? TAX_POINTS[tax]! : 0, {
    zh: '取税务部门最近一次登记的纳税信用等级；未登记不加不减。',
    en: "The tax office's latest recorded grade; none recorded counts nothing.",
  });
  add('age', { zh: '成立年限', en: 'Years trading' }, years, years === null ? { zh: '未知', en: 'Unknown' } : { zh: `${years} 年`, en: `${years} years` }, { zh: '满1年 +2，满3年 +5', en: '1 year +2, 3 years +5' }, years === null ? 0 : years >= 3 ? 5 : years >= 1 ? 2 : 0, {
    zh: '经营时间越长，信用信息越充分；成立日期取自企业档案。',
    en: "The longer a firm has traded, the more its file says; from the profile's founding date.",
  });

  const sum = BASELINE + indicators.reduce((s, i) => s + i.points, 0);
  const score = Math.max(0, Math.min(100, sum));
  const listed = seriousPublished > 0;
  return {
    grade: listed ? 'D' : gradeOf(score),
    score,
    baseline: BASELINE,
    indicators,
    cappedBySeriousViolation: listed,
  };
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}
