import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatDate, monthsBetween, monthsBetweenBySearch, parseDate, yearsBetween } from './calendar.js';

const d = (s: string): number => parseDate(s)!;

describe('calendar', () => {
  it('parses strictly and round-trips', () => {
    expect(formatDate(d('2024-02-29'))).toBe('2024-02-29');
    expect(parseDate('2023-02-29')).toBeUndefined();
    expect(parseDate('2023-2-1')).toBeUndefined();
    expect(d('1970-01-01')).toBe(0);
  });
  it('adds months clamping to the end of the month', () => {
    expect(formatDate(addMonths(d('2023-01-31'), 1))).toBe('2023-02-28');
    expect(formatDate(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDate(addMonths(d('2024-03-15'), -15))).toBe('2022-12-15');
  });
  it('counts whole months and years with the stated rounding', () => {
    expect(monthsBetween(d('2022-07-15'), d('2024-05-01'), 'floor')).toBe(21);
    expect(monthsBetween(d('2022-07-15'), d('2024-05-01'), 'ceil')).toBe(22);
    expect(monthsBetween(d('2024-01-31'), d('2024-02-29'), 'floor')).toBe(1);
    expect(yearsBetween(d('2020-02-29'), d('2021-02-28'), 'floor')).toBe(1);
    expect(yearsBetween(d('2020-03-01'), d('2021-02-28'), 'floor')).toBe(0);
    expect(yearsBetween(d('2020-03-01'), d('2021-02-28'), 'ceil')).toBe(1);
  });
  it('the O(1) forms agree with the definition by search', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10000, max: 25000 }), fc.integer({ min: 10000, max: 25000 }), fc.constantFrom('floor' as const, 'ceil' as const), (a, b, r) => {
        expect(monthsBetween(a, b, r)).toBe(monthsBetweenBySearch(a, b, r));
        expect(yearsBetween(a, b, r)).toBe(monthsBetweenBySearch(a, b, r, 12));
      }),
      { numRuns: 3000 },
    );
  });
});
