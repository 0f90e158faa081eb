import { describe, expect, it } from 'vitest';
import { checkValue, isRealDate, VALUE_LIMITS, type ValueSpec } from './values.js';
import { inRegionSubtree, regionPrefix } from './regions.js';
import { itemReads, variablesIn } from './reads.js';

const rule = (spec: ValueSpec, value: unknown, ctx = {}): string | null => checkValue(spec, value, ctx)?.rule ?? null;

describe('checkValue', () => {
  it('accepts null and undefined for every type ("not known")', () => {
    for (const type of ['boolean', 'integer', 'number', 'money', 'date', 'string', 'enum', 'region', 'string_list'] as const) {
      expect(checkValue({ type }, null)).toBeNull();
      expect(checkValue({ type }, undefined)).toBeNull();
    }
  });

  it('booleans are true or false, nothing that looks like one', () => {
    expect(rule({ type: 'boolean' }, true)).toBeNull();
    expect(rule({ type: 'boolean' }, false)).toBeNull();
    for (const v of ['true', 1, 0, 'yes', []]) expect(rule({ type: 'boolean' }, v)).toBe('type:boolean');
  });

  it('integers are whole and within the default or the stated bounds', () => {
    const spec: ValueSpec = { type: 'integer' };
    expect(rule(spec, 0)).toBeNull();
    expect(rule(spec, VALUE_LIMITS.integer.max)).toBeNull();
    for (const v of [-1, 1.5, VALUE_LIMITS.integer.max + 1, '3', Number.NaN, Infinity]) expect(rule(spec, v), String(v)).toBe('type:integer');
    const employees: ValueSpec = { type: 'integer', min: 0, max: 10_000_000 };
    expect(rule(employees, 10_000_000)).toBeNull();
    expect(rule(employees, 10_000_001)).toBe('type:integer');
    const p = checkValue(employees, -3)!;
    expect(p.zh).toContain('0至10000000');
    expect(p.en).toBe('must be a whole number from 0 to 10000000');
  });

  it('numbers are finite, within bounds when the variable states them', () => {
    expect(rule({ type: 'number' }, -2.5)).toBeNull();
    for (const v of [Infinity, Number.NaN, '1']) expect(rule({ type: 'number' }, v)).toBe('type:number');
    expect(rule({ type: 'number', min: 0, max: 1 }, 0.5)).toBeNull();
    expect(rule({ type: 'number', min: 0, max: 1 }, 1.5)).toBe('range:number');
    expect(rule({ type: 'number', min: 0 }, -0.1)).toBe('range:number');
  });

  it('money is a non-negative whole number of fen up to 10^15', () => {
    expect(rule({ type: 'money' }, 0)).toBeNull();
    expect(rule({ type: 'money' }, 1e15)).toBeNull();
    for (const v of [-1, 0.5, 1e15 + 2, '100']) expect(rule({ type: 'money' }, v), String(v)).toBe('type:money');
  });

  it('dates are real calendar dates within 1900–2100', () => {
    expect(rule({ type: 'date' }, '2024-02-29')).toBeNull();
    expect(rule({ type: 'date' }, '1900-01-01')).toBeNull();
    expect(rule({ type: 'date' }, '2100-12-31')).toBeNull();
    for (const v of ['2023-02-30', '2023-02-29', '2026-13-01', '2026-04-31', '2026-1-01', '20260101', 20260101, '2026-01-01T00:00:00Z'])
      expect(rule({ type: 'date' }, v), String(v)).toBe('format:date');
    expect(rule({ type: 'date' }, '1899-12-31')).toBe('range:date');
    expect(rule({ type: 'date' }, '2101-01-01')).toBe('range:date');
  });

  it('with the date the facts describe, a date lies at most max_future_days after it', () => {
    const ctx = { today: '2026-06-30' };
    expect(rule({ type: 'date' }, '2026-06-30', ctx)).toBeNull();
    expect(rule({ type: 'date' }, '2026-07-01', ctx)).toBe('range:date');
    expect(checkValue({ type: 'date' }, '2026-07-01', ctx)!.en).toBe('must lie between 1900-01-01 and 2026-06-30');
    expect(rule({ type: 'date', max_future_days: 366 }, '2027-07-01', ctx)).toBeNull();
    expect(rule({ type: 'date', max_future_days: 366 }, '2027-07-02', ctx)).toBe('range:date');
    expect(rule({ type: 'date' }, '2030-01-01')).toBeNull();
  });

  it('enums take one of their values', () => {
    const spec: ValueSpec = { type: 'enum', values: [{ value: 'female', label: { zh: '女', en: 'Female' } }, { value: 'male', label: { zh: '男', en: 'Male' } }] };
    expect(rule(spec, 'male')).toBeNull();
    expect(rule(spec, 'Male')).toBe('enum');
    expect(rule(spec, 1)).toBe('enum');
    expect(checkValue(spec, 'x')!.en).toBe('must be one of: female, male');
  });

  it('regions are six digits, and current when the context can tell', () => {
    expect(rule({ type: 'region' }, '450103')).toBeNull();
    for (const v of ['45010', '4501030', 'abcdef', 450103]) expect(rule({ type: 'region' }, v)).toBe('format:region');
    const ctx = { regionKnown: (c: string) => c === '450103' };
    expect(rule({ type: 'region' }, '450103', ctx)).toBeNull();
    expect(rule({ type: 'region' }, '999999', ctx)).toBe('exists:region');
  });

  it('strings are one line of 1 to 200 characters', () => {
    expect(rule({ type: 'string' }, '南宁市某某科技有限公司')).toBeNull();
    expect(rule({ type: 'string' }, 'x'.repeat(200))).toBeNull();
    for (const v of ['', '   ', 'x'.repeat(201), 3]) expect(rule({ type: 'string' }, v)).toBe('type:string');
    for (const v of ['a\nb', 'a\tb', 'a\u0007b', 'a\u0085b']) expect(rule({ type: 'string' }, v)).toBe('characters:string');
  });

  it('string formats are checked by the context, only when the variable has one', () => {
    const format = (f: string, v: string) => (v === 'ok' ? null : { rule: `format:${f}`, zh: '格式错误', en: 'wrong format' });
    expect(rule({ type: 'string', format: 'credit_code' }, 'ok', { format })).toBeNull();
    expect(rule({ type: 'string', format: 'credit_code' }, 'bad', { format })).toBe('format:credit_code');
    expect(rule({ type: 'string' }, 'bad', { format })).toBeNull();
    expect(rule({ type: 'string', format: 'industry' }, '', { format })).toBe('type:string');
  });

  it('string lists hold at most 100 texts', () => {
    expect(rule({ type: 'string_list' }, ['a', 'b'])).toBeNull();
    expect(rule({ type: 'string_list' }, 'a')).toBe('type:string_list');
    expect(rule({ type: 'string_list' }, Array.from({ length: 101 }, () => 'a'))).toBe('type:string_list');
    expect(rule({ type: 'string_list' }, ['a', 1])).toBe('type:string_list');
  });

  it('isRealDate knows leap years', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2023-02-30')).toBe(false);
    expect(isRealDate(null)).toBe(false);
  });
});

describe('region subtree', () => {
  it('trailing 00 pairs are wildcards', () => {
    expect(regionPrefix('450000')).toBe('45');
    expect(regionPrefix('450100')).toBe('4501');
    expect(regionPrefix('000000')).toBe('');
    expect(regionPrefix('450103')).toBe('450103');
    expect(inRegionSubtree('450103', '450000')).toBe(true);
    expect(inRegionSubtree('450103', '450100')).toBe(true);
    expect(inRegionSubtree('450103', '450103')).toBe(true);
    expect(inRegionSubtree('450100', '450103')).toBe(false);
    expect(inRegionSubtree('460103', '450000')).toBe(false);
    expect(inRegionSubtree('451003', '451000')).toBe(true);
    expect(inRegionSubtree('450103', '451000')).toBe(false);
  });
});

describe('itemReads', () => {
  it('collects var, missing and missing_some names from criteria, region, amount and caps, in that order', () => {
    const item = {
      criteria: [
        { id: 'a', rule: { and: [{ '>=': [{ var: 'employees' }, 10] }, { '==': [{ var: ['size_class', 'micro'] }, 'small'] }] } },
        { id: 'b', rule: { missing: ['revenue'] } },
        { id: 'c', rule: { missing_some: [1, ['founded_on', 'employees']] } },
      ],
      region: '450100',
      amount: { formula: { '*': [{ var: 'total_assets' }, 0.1] } },
      caps: [{ per: 'claim', amount: { var: 'taxable_income' } }],
    };
    expect(itemReads(item)).toEqual(['employees', 'size_class', 'revenue', 'founded_on', 'region', 'total_assets', 'taxable_income']);
    expect(itemReads({ criteria: [] })).toEqual([]);
    expect([...variablesIn({ if: [{ var: 'a' }, { var: 'b' }, 1] })]).toEqual(['a', 'b']);
  });
});
