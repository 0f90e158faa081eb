/**
 * Ranking a round's entries (pure: no I/O). Each entry's score is the mean of its judges' totals
 * (conflicts of interest carry no score); ties are broken, in this order, by the higher median
 * total, then the higher mean score on the rubric's top criterion (the one worth the most points;
 * the first listed among equals), then the earlier entry. The rule is published on the page as
 * `TIE_BREAK_RULE`.
 */

export interface Criterion {
  id: string;
  max: number;
}

export interface ScoredEntry {
  id: string;
  /** When the entry was submitted (ISO instant): the last tie-break. */
  enteredAt: string;
  /** One per judge who scored: the total and the score per criterion. */
  reviews: { total: number; scores: Record<string, number> }[];
}

export interface RankedEntry {
  id: string;
  rank: number;
  mean: number | null;
  median: number | null;
  topCriterionMean: number | null;
  /** Which rule decided the place against the entry just above (null for the first or a clear lead). */
  decidedBy: 'mean' | 'median' | 'top_criterion' | 'entered_at' | null;
}

export const TIE_BREAK_RULE = {
  zh: '按评委总分的平均分从高到低排名；平均分相同的，依次比较：评委总分的中位数高者在前；评分标准中分值最高一项（同分值取排在前者）的平均分高者在前；报名时间早者在前。',
  en: "Ranked by the mean of the judges' totals, highest first; equal means are decided, in turn, by the higher median total, then the higher mean on the rubric's top criterion (the one worth the most points; the first listed among equals), then the earlier entry.",
} as const;

/** The criterion worth the most points; the first listed among equals. */
export function topCriterion(criteria: readonly Criterion[]): Criterion | undefined {
  let best: Criterion | undefined;
  for (const c of criteria) if (!best || c.max > best.max) best = c;
  return best;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

/** Compares with a tolerance: means of whole numbers differ by at least 1/(n·m) when they differ. */
const EPS = 1e-9;
const cmpDesc = (a: number | null, b: number | null): number => {
  const x = a ?? -Infinity;
  const y = b ?? -Infinity;
  return Math.abs(x - y) < EPS ? 0 : y > x ? 1 : -1;
};

interface Keys {
  entry: ScoredEntry;
  mean: number | null;
  median: number | null;
  top: number | null;
}

function compare(a: Keys, b: Keys): { order: number; by: RankedEntry['decidedBy'] } {
  let c = cmpDesc(a.mean, b.mean);
  if (c) return { order: c, by: 'mean' };
  c = cmpDesc(a.median, b.median);
  if (c) return { order: c, by: 'median' };
  c = cmpDesc(a.top, b.top);
  if (c) return { order: c, by: 'top_criterion' };
  if (a.entry.enteredAt !== b.entry.enteredAt) return { order: a.entry.enteredAt < b.entry.enteredAt ? -1 : 1, by: 'entered_at' };
  return { order: a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0, by: 'entered_at' };
}

/**
 * Ranks entries 1..n, every place distinct (the tie-breaks end with the entry time, then the
 * entry itself, so the order is total). Entries without any score come last.
 */
export function rankEntries(entries: readonly ScoredEntry[], criteria: readonly Criterion[]): RankedEntry[] {
  const top = topCriterion(criteria);
  const keyed: Keys[] = entries.map((entry) => ({
    entry,
    mean: mean(entry.reviews.map((r) => r.total)),
    median: median(entry.reviews.map((r) => r.total)),
    top: top ? mean(entry.reviews.map((r) => r.scores[top.id] ?? 0)) : null,
  }));
  keyed.sort((a, b) => compare(a, b).order);
  return keyed.map((k, i) => ({
    id: k.entry.id,
    rank: i + 1,
    mean: k.mean,
    median: k.median,
    topCriterionMean: k.top,
    decidedBy: i === 0 ? null : compare(keyed[i - 1]!, k).by === 'mean' ? null : compare(keyed[i - 1]!, k).by,
  }));
}
