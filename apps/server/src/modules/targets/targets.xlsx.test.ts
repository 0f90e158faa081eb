import { describe, expect, it } from 'vitest';
import { sheetName } from './targets.xlsx.js';

describe('sheet names', () => {
  it('drop the characters Excel refuses, keep to 31 characters, and never repeat', () => {
    const taken = new Set<string>();
    expect(sheetName('南宁市科学技术局', taken)).toBe('南宁市科学技术局');
    expect(sheetName('南宁市科学技术局', taken)).toBe('南宁市科学技术局-2');
    expect(sheetName('a/b:c[d]', taken)).toBe('a b c d');
    const long = '某'.repeat(40);
    expect(sheetName(long, taken)).toHaveLength(31);
    expect(sheetName(long, taken)).toBe(`${'某'.repeat(29)}-2`);
    expect(sheetName('  ', taken)).toBe('单位');
  });
});
