import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  creditCodeCheckCharacter,
  creditCodeProblem,
  idNumberCheckCharacter,
  idNumberProblem,
  isCalendarDate,
  maskIdNumber,
} from './identifiers.js';

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences.
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91110000802100433B')).toBeNull();
  });
  it('rejects a wrong check character, letters I O S V Z, and wrong length', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_character');
    expect(creditCodeProblem('91350100M000100YI3')).toBe('characters');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
  });
  it('maps a check value of 31 to 0 and every computed code validates', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{17}$/), (first17) => {
        const check = creditCodeCheckCharacter(first17);
        expect(check).not.toBeNull();
        expect(creditCodeProblem(first17 + check)).toBeNull();
      }),
    );
  });
});

describe('resident identity card number (GB 11643-1999)', () => {
  it('accepts the standard example and rejects a wrong check character', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toBe('check_character');
  });
  it('rejects impossible birth dates', () => {
    const first17 = '11010519490231002';
    expect(idNumberProblem(first17 + idNumberCheckCharacter(first17))).toBe('date');
  });
  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
});

describe('calendar dates', () => {
  it('knows leap years', () => {
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2015-02-29')).toBe(false);
    expect(isCalendarDate('2015-2-1')).toBe(false);
  });
});
