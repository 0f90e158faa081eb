/**
 * Repayment schedules of guaranteed start-up loans (创业担保贷款) and the interest subsidy (财政贴息)
 * on them, in integer fen. Pure: no I/O, no clock.
 *
 * Conventions (stated once, applied everywhere):
 * - Periods are calendar months from the loan's start date (a quarter for interest-only loans that
 *   pay interest quarterly, 按季付息); a due date past the end of a shorter month falls on its last
 *   day (31 January + 1 month = 28 or 29 February).
 * - A period's interest is the opening principal × the annual rate ÷ periods per year (月利率 =
 *   年利率 ÷ 12), rounded half up to the fen, each period on its own; rates are in basis points
 *   (435 = 4.35 %).
 * - 等额本息 (equal instalments): the instalment P·r·(1+r)^n / ((1+r)^n − 1) rounded half up to the
 *   fen; 等额本金 (equal principal): the principal ÷ the periods, rounded half up; in both the last
 *   period repays whatever principal is left, so the principal repaid always sums to the loan.
 * - An early repayment (提前还款) is made at the end of a period, after its instalment; the rest
 *   of the loan is then spread over the remaining periods by the same method (the term stays, the
 *   instalment falls); repaying everything ends the schedule.
 * - The subsidy of a period is the opening principal × the subsidised rate (the loan's rate, capped
 *   where the rule caps it) × the subsidised share ÷ periods per year, rounded half up once, so
 *   a full subsidy without a cap equals the period's interest to the fen.
 * - A subsidy shared between levels of government (e.g. province : city : county = 4 : 3 : 3) is
 *   split by the largest remainder: each level gets the floor of its share, the fen left over go
 *   one each to the largest fractional parts, a tie to the earlier level; the parts sum to the whole.
 */

export type RepaymentMethod = 'equal_principal' | 'equal_instalment' | 'interest_only';

export interface LoanTerms {
  principalFen: number;
  /** The annual rate in basis points: 435 = 4.35 %. */
  annualRateBp: number;
  termMonths: number;
  /** The day the loan was paid out, YYYY-MM-DD. */
  startOn: string;
  method: RepaymentMethod;
  /** Months per period for interest-only loans: 1 (monthly) or 3 (quarterly); others pay monthly. */
  interestEveryMonths?: 1 | 3;
}

/** An extra repayment of principal at the end of period `afterPeriod` (1-based). */
export interface Prepayment {
  afterPeriod: number;
  principalFen: number;
}

export interface SchedulePeriod {
  /** 1-based. */
  n: number;
  dueOn: string;
  openingFen: number;
  interestFen: number;
  /** Principal repaid by the instalment, the period's early repayment included. */
  principalFen: number;
  /** Of which repaid early at the end of the period. */
  prepaidFen: number;
  paymentFen: number;
  closingFen: number;
}

export interface SubsidyRule {
  /** The highest annual rate the subsidy covers (e.g. the LPR plus a margin), basis points; none: the loan's rate. */
  rateCapBp?: number | null;
  /** The share of that interest subsidised, basis points of the whole: 10000 = all of it (全额贴息). */
  shareBp: number;
}

export class ScheduleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** a / b rounded half up, for non-negative integers a and positive b. */
function divRound(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) {
    const q = (BigInt(a) * 2n + BigInt(b)) / (BigInt(b) * 2n);
    return Number(q);
  }
  return Math.floor((2 * a + b) / (2 * b));
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The day `months` calendar months after `day`, on the month's last day where the day does not exist. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function checkTerms(t: LoanTerms): void {
  if (!Number.isSafeInteger(t.principalFen) || t.principalFen <= 0) throw new ScheduleError('principalFen', 'the principal must be a positive whole number of fen');
  if (!Number.isSafeInteger(t.annualRateBp) || t.annualRateBp < 0 || t.annualRateBp > 10_000) throw new ScheduleError('annualRateBp', 'the annual rate must be 0 to 10000 basis points');
  if (!Number.isSafeInteger(t.termMonths) || t.termMonths < 1 || t.termMonths > 600) throw new ScheduleError('termMonths', 'the term must be 1 to 600 months');
  if (!isDay(t.startOn)) throw new ScheduleError('startOn', 'the start must be a date YYYY-MM-DD');
  const every = t.method === 'interest_only' ? (t.interestEveryMonths ?? 1) : 1;
  if (every !== 1 && every !== 3) throw new ScheduleError('interestEveryMonths', 'interest is paid every 1 or 3 months');
  if (t.termMonths % every !== 0) throw new ScheduleError('termMonths', 'the term must be a whole number of interest periods');
}

const monthsPerPeriod = (t: LoanTerms): number => (t.method === 'interest_only' ? (t.interestEveryMonths ?? 1) : 1);

/** Interest of one period on `openingFen` at `rateBp` a year: opening × rate ÷ (10000 × periods a year), half up. */
function periodInterest(openingFen: number, rateBp: number, periodsPerYear: number): number {
  return divRound(openingFen * rateBp, 10_000 * periodsPerYear);
}

/** The instalment that repays `principal` over `n` periods at `rateBp` a year (equal instalments), half up to the fen. */
export function equalInstalment(principalFen: number, rateBp: number, n: number, periodsPerYear = 12): number {
  if (rateBp === 0) return divRound(principalFen, n);
  const r = rateBp / 10_000 / periodsPerYear;
  const growth = (1 + r) ** n;
  const exact = (principalFen * r * growth) / (growth - 1);
  // Half up, guarding against a binary fraction just under .5.
  return Math.floor(exact + 0.5 + 1e-9);
}

/** The whole schedule of a loan, with its early repayments. */
export function repaymentSchedule(terms: LoanTerms, prepayments: readonly Prepayment[] = []): SchedulePeriod[] {
  checkTerms(terms);
  const every = monthsPerPeriod(terms);
  const periods = terms.termMonths / every;
  const perYear = 12 / every;
  const early = new Map<number, number>();
  for (const [i, p] of prepayments.entries()) {
    if (!Number.isSafeInteger(p.afterPeriod) || p.afterPeriod < 1 || p.afterPeriod >= periods) throw new ScheduleError(`prepayments[${i}].afterPeriod`, `an early repayment is made after period 1 to ${periods - 1}`);
    if (!Number.isSafeInteger(p.principalFen) || p.principalFen <= 0) throw new ScheduleError(`prepayments[${i}].principalFen`, 'an early repayment must be a positive whole number of fen');
    if (early.has(p.afterPeriod)) throw new ScheduleError(`prepayments[${i}].afterPeriod`, 'one early repayment per period');
    early.set(p.afterPeriod, p.principalFen);
  }

  const out: SchedulePeriod[] = [];
  let balance = terms.principalFen;
  // The instalment (equal instalments) or the principal part (equal principal), recomputed after an early repayment.
  let level = 0;
  const relevel = (remaining: number) => {
    if (terms.method === 'equal_instalment') level = equalInstalment(balance, terms.annualRateBp, remaining, perYear);
    else if (terms.method === 'equal_principal') level = divRound(balance, remaining);
  };
  relevel(periods);
  for (let n = 1; n <= periods && balance > 0; n += 1) {
    const opening = balance;
    const interest = periodInterest(opening, terms.annualRateBp, perYear);
    let principal: number;
    if (n === periods) principal = opening;
    else if (terms.method === 'interest_only') principal = 0;
    else if (terms.method === 'equal_principal') principal = Math.min(level, opening);
    else principal = Math.min(Math.max(level - interest, 0), opening);
    balance = opening - principal;
    let prepaid = 0;
    const extra = early.get(n);
    if (extra !== undefined) {
      if (extra > balance) throw new ScheduleError('prepayments', `the early repayment after period ${n} exceeds the principal then owed (${balance} fen)`);
      prepaid = extra;
      balance -= extra;
      if (balance > 0) relevel(periods - n);
    }
    out.push({
      n,
      dueOn: addMonths(terms.startOn, n * every),
      openingFen: opening,
      interestFen: interest,
      principalFen: principal + prepaid,
      prepaidFen: prepaid,
      paymentFen: interest + principal + prepaid,
      closingFen: balance,
    });
  }
  return out;
}

/** The subsidy of each period of a schedule under a rule, in fen. */
export function periodSubsidies(terms: LoanTerms, schedule: readonly SchedulePeriod[], rule: SubsidyRule): number[] {
  checkTerms(terms);
  if (!Number.isSafeInteger(rule.shareBp) || rule.shareBp < 0 || rule.shareBp > 10_000) throw new ScheduleError('shareBp', 'the subsidised share must be 0 to 10000 basis points');
  if (rule.rateCapBp != null && (!Number.isSafeInteger(rule.rateCapBp) || rule.rateCapBp < 0)) throw new ScheduleError('rateCapBp', 'the rate cap must be a non-negative number of basis points');
  const rate = rule.rateCapBp == null ? terms.annualRateBp : Math.min(terms.annualRateBp, rule.rateCapBp);
  const perYear = 12 / monthsPerPeriod(terms);
  return schedule.map((p) => divRound(p.openingFen * rate * rule.shareBp, 10_000 * 10_000 * perYear));
}

/** The periods due in the quarter holding `day` (Q1 = January to March) and their subsidy, in fen. */
export function quarterSubsidy(terms: LoanTerms, schedule: readonly SchedulePeriod[], rule: SubsidyRule, year: number, quarter: 1 | 2 | 3 | 4): { periods: number[]; subsidyFen: number } {
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  const to = addMonths(from, 3);
  const subsidies = periodSubsidies(terms, schedule, rule);
  const periods: number[] = [];
  let subsidyFen = 0;
  schedule.forEach((p, i) => {
    if (p.dueOn >= from && p.dueOn < to) {
      periods.push(p.n);
      subsidyFen += subsidies[i]!;
    }
  });
  return { periods, subsidyFen };
}

/** Splits `totalFen` between levels by `weights` (e.g. [4, 3, 3]) by the largest remainder; the parts sum to the total. */
export function splitBetweenLevels(totalFen: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalFen) || totalFen < 0) throw new ScheduleError('totalFen', 'the total must be a non-negative whole number of fen');
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0) || weights.every((w) => w === 0)) {
    throw new ScheduleError('weights', 'the shares must be non-negative whole numbers, at least one positive');
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((totalFen * w) / sum));
  const remainders = weights.map((w, i) => ({ i, r: (totalFen * w) % sum }));
  let left = totalFen - parts.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
