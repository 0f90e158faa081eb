import { describe, expect, it } from 'vitest';
import { fieldLabel, rowField, rowLabel, weekday } from './calendar-fields';

describe('calendar field labels', () => {
  it('names rows from one, with the field', () => {
    expect(fieldLabel('days.0.day', 'zh')).toBe('第1行 日期');
    expect(fieldLabel('days.3.kind', 'zh')).toBe('第4行 类型');
    expect(fieldLabel('days.11.name', 'en')).toBe('Row 12 name');
    expect(fieldLabel('days.2', 'zh')).toBe('第3行');
  });

  it('reads JSON pointers and body-prefixed paths', () => {
    expect(fieldLabel('/days/1/kind', 'zh')).toBe('第2行 类型');
    expect(fieldLabel('body.source', 'en')).toBe('Source');
    expect(rowField('/days/4/day')).toEqual({ index: 4, part: 'day' });
  });

  it('names the source and the list, and leaves unknown fields as they are', () => {
    expect(fieldLabel('source', 'zh')).toBe('依据');
    expect(fieldLabel('days', 'zh')).toBe('放假调休列表');
    expect(fieldLabel('year', 'zh')).toBe('year');
    expect(rowField('source')).toBeNull();
    expect(rowLabel(0, null, 'en')).toBe('Row 1');
  });

  it('gives the weekday of a date', () => {
    expect(weekday('2027-01-02', 'zh')).toBe('周六');
    expect(weekday('2027-02-08', 'en')).toBe('Mon');
    expect(weekday('', 'zh')).toBe('');
  });
});
