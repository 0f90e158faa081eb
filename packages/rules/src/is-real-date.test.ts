import { describe, expect, it } from 'vitest';
import { isRealDate } from './values.js';

describe('isRealDate', () => {
  it('accepts calendar dates written YYYY-MM-DD, leap days included', () => {
    for (const d of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '2026-04-30', '1900-02-28']) expect(isRealDate(d), d).toBe(true);
  });
  it('refuses days a month does not have, and other spellings', () => {
    for (const d of ['2026-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-06-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-01-32', '2026-1-01', '20260101', '2026-01-01T00:00', ''])
      expect(isRealDate(d), d).toBe(false);
    expect(isRealDate(20260101)).toBe(false);
    expect(isRealDate(null)).toBe(false);
  });
});
