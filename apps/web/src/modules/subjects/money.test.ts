import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertTyped, displayFen, formatFen, parseMoney } from './money';

describe('money', () => {
  it('formats fen in 元 and 万元', () => {
    expect(formatFen(123456, 'yuan')).toBe('1234.56');
    expect(formatFen(100, 'yuan')).toBe('1');
    expect(formatFen(5, 'yuan')).toBe('0.05');
    expect(formatFen(123456, 'wan')).toBe('0.123456');
    expect(formatFen(5_000_000_00, 'wan')).toBe('500');
    expect(formatFen(0, 'wan')).toBe('0');
  });

  it('displays with grouping', () => {
    expect(displayFen(1234567, 'yuan', 'en-US')).toBe('12,345.67');
    expect(displayFen(100, 'yuan', 'en-US')).toBe('1.00');
    expect(displayFen(150_000_000, 'wan', 'en-US')).toBe('150');
  });

  it('parses typed amounts exactly', () => {
    expect(parseMoney('1,234.56', 'yuan')).toEqual({ ok: true, fen: 123456 });
    expect(parseMoney('0.1', 'yuan')).toEqual({ ok: true, fen: 10 });
    expect(parseMoney('１２', 'yuan')).toEqual({ ok: true, fen: 1200 });
    expect(parseMoney('150', 'wan')).toEqual({ ok: true, fen: 150_000_000 });
    expect(parseMoney('0.000001', 'wan')).toEqual({ ok: true, fen: 1 });
    expect(parseMoney('1.50', 'yuan')).toEqual({ ok: true, fen: 150 });
  });

  it('refuses what it cannot represent', () => {
    expect(parseMoney('1.234', 'yuan')).toEqual({ ok: false, reason: 'precision' });
    expect(parseMoney('-3', 'yuan')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('abc', 'yuan')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('', 'yuan')).toEqual({ ok: false, reason: 'format' });
    expect(parseMoney('999999999999999999', 'wan')).toEqual({ ok: false, reason: 'too_large' });
  });

  it('round-trips every amount through both units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        for (const unit of ['yuan', 'wan'] as const) expect(parseMoney(formatFen(fen, unit), unit)).toEqual({ ok: true, fen });
        expect(convertTyped(formatFen(fen, 'yuan'), 'yuan', 'wan')).toBe(formatFen(fen, 'wan'));
      }),
    );
  });
});
