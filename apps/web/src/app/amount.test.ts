import { describe, expect, it } from 'vitest';
import { amountText } from './amount';

describe('amountText', () => {
  it('reads whole 万元 as 万元 and the rest as 元', () => {
    expect(amountText(50_000_000, 'zh')).toBe('50 万元');
    expect(amountText(6_000_000, 'zh')).toBe('6 万元');
    expect(amountText(1_500_000, 'zh')).toBe('1.5 万元');
    expect(amountText(123_456, 'zh')).toBe('1,234.56 元');
    expect(amountText(50_000_000, 'en')).toBe('CNY 500,000');
  });
});
