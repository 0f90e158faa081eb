import { describe, expect, it } from 'vitest';
import { addMonths, periodSubsidies, quarterSubsidy, repaymentSchedule, ScheduleError, splitBetweenLevels, type LoanTerms } from './loans.schedule.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('due dates', () => {
  it('fall on the same day of the month, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
  });
});

describe('equal principal (等额本金): 120,000 元 at 4.35 % over 12 months', () => {
  const terms: LoanTerms = { principalFen: 12_000_000, annualRateBp: 435, termMonths: 12, startOn: '2026-01-15', method: 'equal_principal' };

  it('repays 10,000 元 a month with interest on the falling balance (by hand: 435 元, 398.75 元 … 36.25 元)', () => {
    const s = repaymentSchedule(terms);
    expect(s).toHaveLength(12);
    // Month k: (13 − k) × 10,000 元 × 4.35 % ÷ 12 = (13 − k) × 36.25 元.
    expect(s.map((p) => p.interestFen)).toEqual(Array.from({ length: 12 }, (_, i) => (12 - i) * 3625));
    expect(s.every((p) => p.principalFen === 1_000_000)).toBe(true);
    expect(s[0]).toMatchObject({ n: 1, dueOn: '2026-02-15', openingFen: 12_000_000, paymentFen: 1_043_500, closingFen: 11_000_000 });
    expect(s[11]).toMatchObject({ dueOn: '2027-01-15', closingFen: 0 });
    expect(sum(s.map((p) => p.interestFen))).toBe(282_750); // 36.25 元 × 78
  });

  it('after an early repayment of 30,000 元 at the end of month 6, spreads the 30,000 元 left over the last 6 months', () => {
    const s = repaymentSchedule(terms, [{ afterPeriod: 6, principalFen: 3_000_000 }]);
    expect(s[5]).toMatchObject({ principalFen: 4_000_000, prepaidFen: 3_000_000, closingFen: 3_000_000, paymentFen: 3625 * 7 + 4_000_000 });
    // Month 7 on 30,000 元: 108.75 元; then 500,000 fen of principal a month.
    expect(s[6]).toMatchObject({ openingFen: 3_000_000, interestFen: 10_875, principalFen: 500_000 });
    expect(s.slice(6).map((p) => p.interestFen)).toEqual([10_875, 9063, 7250, 5438, 3625, 1813]);
    expect(sum(s.map((p) => p.principalFen))).toBe(12_000_000);
  });

  it('ends at a full early repayment', () => {
    const s = repaymentSchedule(terms, [{ afterPeriod: 3, principalFen: 9_000_000 }]);
    expect(s).toHaveLength(3);
    expect(s[2]).toMatchObject({ closingFen: 0, prepaidFen: 9_000_000 });
    expect(sum(s.map((p) => p.interestFen))).toBe(3625 * (12 + 11 + 10));
  });
});

describe('equal instalments (等额本息): 100,000 元 at 6 % over 12 months', () => {
  const terms: LoanTerms = { principalFen: 10_000_000, annualRateBp: 600, termMonths: 12, startOn: '2026-03-01', method: 'equal_instalment' };

  it('pays 8,606.64 元 a month; the last month repays what is left', () => {
    const s = repaymentSchedule(terms);
    expect(s[0]).toMatchObject({ interestFen: 50_000, principalFen: 810_664, paymentFen: 860_664 });
    // Month 2: 91,893.36 元 × 0.5 % = 459.4668 元 → 459.47 元.
    expect(s[1]).toMatchObject({ openingFen: 9_189_336, interestFen: 45_947, principalFen: 814_717 });
    expect(s.slice(0, 11).every((p) => p.paymentFen === 860_664)).toBe(true);
    expect(s[11]).toMatchObject({ openingFen: 856_387, interestFen: 4282, principalFen: 856_387, paymentFen: 860_669, closingFen: 0 });
    expect(sum(s.map((p) => p.interestFen))).toBe(327_973);
    expect(sum(s.map((p) => p.principalFen))).toBe(10_000_000);
  });

  it('after an early repayment the instalment falls and the term stays', () => {
    const s = repaymentSchedule(terms, [{ afterPeriod: 6, principalFen: 2_000_000 }]);
    expect(s).toHaveLength(12);
    const before = repaymentSchedule(terms);
    expect(s[6]!.paymentFen).toBeLessThan(before[6]!.paymentFen);
    expect(s[6]!.openingFen).toBe(before[5]!.closingFen - 2_000_000);
    expect(sum(s.map((p) => p.principalFen))).toBe(10_000_000);
    expect(s[11]!.closingFen).toBe(0);
  });
});

describe('interest only, quarterly (按季付息、到期还本): 100,000 元 at 4.35 % over 2 years', () => {
  const terms: LoanTerms = { principalFen: 10_000_000, annualRateBp: 435, termMonths: 24, startOn: '2026-01-10', method: 'interest_only', interestEveryMonths: 3 };

  it('pays 1,087.50 元 a quarter and the principal at the end', () => {
    const s = repaymentSchedule(terms);
    expect(s).toHaveLength(8);
    expect(s.every((p) => p.interestFen === 108_750)).toBe(true);
    expect(s.slice(0, 7).every((p) => p.principalFen === 0)).toBe(true);
    expect(s[7]).toMatchObject({ dueOn: '2028-01-10', principalFen: 10_000_000, closingFen: 0 });
  });
});

describe('the interest subsidy', () => {
  const terms: LoanTerms = { principalFen: 12_000_000, annualRateBp: 550, termMonths: 12, startOn: '2026-01-15', method: 'equal_principal' };
  const schedule = repaymentSchedule(terms);

  it('in full without a cap equals the interest to the fen', () => {
    expect(periodSubsidies(terms, schedule, { shareBp: 10_000 })).toEqual(schedule.map((p) => p.interestFen));
  });

  it('with the rate capped at 4.35 % covers the interest at 4.35 % only', () => {
    expect(periodSubsidies(terms, schedule, { shareBp: 10_000, rateCapBp: 435 })).toEqual(Array.from({ length: 12 }, (_, i) => (12 - i) * 3625));
  });

  it('of half the interest rounds each period once, half up', () => {
    // Month 1 at 5.5 %: 120,000 元 × 5.5 % ÷ 12 = 550 元 → half 275 元; month 2: 504.1666… ÷ 2 = 252.083… → 252.08 元.
    const half = periodSubsidies(terms, schedule, { shareBp: 5000 });
    expect(half.slice(0, 2)).toEqual([27_500, 25_208]);
  });

  it('for a quarter adds the periods due in it', () => {
    // Due 15 April, 15 May, 15 June: months 3, 4 and 5 at 4.35 %.
    const q2 = quarterSubsidy(terms, schedule, { shareBp: 10_000, rateCapBp: 435 }, 2026, 2);
    expect(q2).toEqual({ periods: [3, 4, 5], subsidyFen: (10 + 9 + 8) * 3625 });
    expect(quarterSubsidy(terms, schedule, { shareBp: 10_000 }, 2025, 4)).toEqual({ periods: [], subsidyFen: 0 });
  });
});

describe('splitting between levels of government', () => {
  it('4 : 3 : 3 by the largest remainder, the parts summing to the whole', () => {
    expect(splitBetweenLevels(97_875, [4, 3, 3])).toEqual([39_150, 29_363, 29_362]);
    expect(splitBetweenLevels(1001, [4, 3, 3])).toEqual([401, 300, 300]);
    expect(splitBetweenLevels(1002, [4, 3, 3])).toEqual([401, 301, 300]);
    expect(splitBetweenLevels(0, [4, 3, 3])).toEqual([0, 0, 0]);
    expect(splitBetweenLevels(7, [1, 0])).toEqual([7, 0]);
  });

  it('refuses shares that cannot split anything', () => {
    expect(() => splitBetweenLevels(100, [0, 0])).toThrow(ScheduleError);
    expect(() => splitBetweenLevels(-1, [1])).toThrow(/total/);
  });
});

describe('bad terms name the field', () => {
  const ok: LoanTerms = { principalFen: 100, annualRateBp: 435, termMonths: 12, startOn: '2026-01-01', method: 'equal_principal' };
  it.each([
    [{ principalFen: 0 }, 'principalFen'],
    [{ principalFen: 1.5 }, 'principalFen'],
    [{ annualRateBp: -1 }, 'annualRateBp'],
    [{ termMonths: 0 }, 'termMonths'],
    [{ startOn: '2026-02-30' }, 'startOn'],
    [{ method: 'interest_only', interestEveryMonths: 3, termMonths: 10 }, 'termMonths'],
  ] as const)('%j → %s', (change, field) => {
    try {
      repaymentSchedule({ ...ok, ...change } as LoanTerms);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScheduleError);
      expect((e as ScheduleError).field).toBe(field);
    }
  });

  it('refuses an early repayment larger than what is owed', () => {
    expect(() => repaymentSchedule({ ...ok, principalFen: 1200 }, [{ afterPeriod: 6, principalFen: 700 }])).toThrow(/exceeds/);
  });
});
