import { describe, expect, it } from 'vitest';
import {
  compareInstants,
  formatInstant,
  formatInstantUtc,
  instantAtShanghai,
  isInstant,
  isInstantRange,
  parseInstant,
  rangeContains,
  rangeOrderError,
  rangesOverlap,
  shanghaiDateOf,
} from './time.js';

describe('instants: RFC 3339 text with an offset, naming a real moment', () => {
  it('reads Z and numeric offsets to the same moment', () => {
    const utc = Date.UTC(2026, 11, 3, 1, 30);
    expect(parseInstant('2026-12-03T09:30:00+08:00')).toBe(utc);
    expect(parseInstant('2026-12-03T01:30:00Z')).toBe(utc);
    expect(parseInstant('2026-12-02T20:00:00-05:30')).toBe(utc);
    expect(parseInstant('2026-12-03T01:30:00-00:00')).toBe(utc);
    expect(parseInstant('2026-12-03T15:30:00+14:00')).toBe(utc);
  });

  it('keeps milliseconds and pads shorter fractions', () => {
    expect(parseInstant('2026-12-03T01:30:00.1Z')).toBe(Date.UTC(2026, 11, 3, 1, 30, 0, 100));
    expect(parseInstant('2026-12-03T01:30:00.12Z')).toBe(Date.UTC(2026, 11, 3, 1, 30, 0, 120));
    expect(parseInstant('2026-12-03T01:30:00.123Z')).toBe(Date.UTC(2026, 11, 3, 1, 30, 0, 123));
  });

  it('accepts leap days of leap years only', () => {
    expect(parseInstant('2024-02-29T12:00:00+08:00')).toBe(Date.UTC(2024, 1, 29, 4));
    expect(parseInstant('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(isInstant('2026-02-29T12:00:00+08:00')).toBe(false);
    expect(isInstant('1900-02-29T12:00:00+08:00')).toBe(false);
    expect(isInstant('2100-02-29T12:00:00+08:00')).toBe(false);
  });

  it('refuses days, hours, minutes and seconds that do not exist', () => {
    for (const bad of [
      '2026-02-30T09:30:00+08:00',
      '2026-04-31T09:30:00+08:00',
      '2026-13-01T09:30:00+08:00',
      '2026-00-10T09:30:00+08:00',
      '2026-12-00T09:30:00+08:00',
      '0000-12-03T09:30:00Z',
      '2026-12-03T24:00:00+08:00',
      '2026-12-03T09:60:00+08:00',
      '2026-12-31T23:59:60Z',
    ])
      expect(isInstant(bad), bad).toBe(false);
  });

  it('refuses texts without an offset, with a malformed or impossible one, or in other shapes', () => {
    for (const bad of [
      '2026-12-03T09:30:00',
      '2026-12-03T09:30',
      '2026-12-03T09:30+08:00',
      '2026-12-03',
      '2026-12-03 09:30:00+08:00',
      '2026-12-03t09:30:00z',
      '2026-12-03T09:30:00+0800',
      '2026-12-03T09:30:00+08',
      '2026-12-03T09:30:00+08:60',
      '2026-12-03T09:30:00+14:01',
      '2026-12-03T09:30:00-15:00',
      '2026-12-03T09:30:00.1234+08:00',
      '2026-12-03T09:30:00.+08:00',
      '+002026-12-03T09:30:00Z',
      ' 2026-12-03T09:30:00Z',
      '2026-12-03T09:30:00Z\n',
      '',
    ])
      expect(isInstant(bad), JSON.stringify(bad)).toBe(false);
    expect(isInstant(Date.UTC(2026, 11, 3))).toBe(false);
    expect(isInstant(new Date())).toBe(false);
    expect(isInstant(null)).toBe(false);
  });

  it('writes the server form: UTC with milliseconds and Z, from text, Date or milliseconds', () => {
    expect(formatInstantUtc('2026-12-03T09:30:00+08:00')).toBe('2026-12-03T01:30:00.000Z');
    expect(formatInstantUtc(new Date(Date.UTC(2026, 11, 3, 1, 30, 0, 5)))).toBe('2026-12-03T01:30:00.005Z');
    expect(formatInstantUtc(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isInstant(formatInstantUtc(Date.UTC(9999, 11, 31, 23, 59, 59, 999)))).toBe(true);
    expect(() => formatInstantUtc('2026-12-03T09:30:00')).toThrow(/Not an instant/);
    expect(() => formatInstantUtc(Date.UTC(10_000, 0, 1))).toThrow(/out of range/);
    expect(() => formatInstantUtc(Number.NaN)).toThrow(/out of range/);
  });

  it('orders instants by the moment, not by the text', () => {
    // As text, "09:30+08:00" sorts after "02:00Z", but it is earlier.
    expect(compareInstants('2026-12-03T09:30:00+08:00', '2026-12-03T02:00:00Z')).toBe(-1);
    expect(compareInstants('2026-12-03T09:30:00+08:00', '2026-12-03T01:30:00.000Z')).toBe(0);
    expect(compareInstants(new Date(Date.UTC(2026, 11, 3, 2)), '2026-12-03T09:30:00+08:00')).toBe(1);
  });
});

describe('display in Asia/Shanghai', () => {
  it('shows an instant to the minute in Chinese and English', () => {
    expect(formatInstant('2026-12-03T09:30:00+08:00', 'zh')).toBe('2026年12月3日 09:30');
    expect(formatInstant('2026-12-03T09:30:00+08:00', 'en')).toBe('3 Dec 2026 09:30');
    expect(formatInstant('2026-09-03T01:05:59Z', 'en')).toBe('3 Sep 2026 09:05');
    expect(formatInstant('2026-09-03T01:05:09.999Z', 'zh', { seconds: true })).toBe('2026年9月3日 09:05:09');
    expect(formatInstant('2026-09-03T01:05:09Z', 'en', { seconds: true })).toBe('3 Sep 2026 09:05:09');
  });

  it('shows the Shanghai clock whatever offset the text was written in', () => {
    expect(formatInstant('2026-12-02T20:00:00-05:30', 'zh')).toBe('2026年12月3日 09:30');
    expect(formatInstant(new Date(Date.UTC(2026, 11, 3, 1, 30)), 'en')).toBe('3 Dec 2026 09:30');
  });

  it('writes midnight as 00, never 24', () => {
    expect(formatInstant('2026-12-02T16:00:00Z', 'zh')).toBe('2026年12月3日 00:00');
    expect(formatInstant('2026-12-02T16:00:00Z', 'en')).toBe('3 Dec 2026 00:00');
  });

  it('gives the Shanghai calendar date around midnight in UTC and in Shanghai', () => {
    // Midnight UTC is 08:00 in Shanghai, the same day.
    expect(shanghaiDateOf('2026-12-03T00:00:00Z')).toBe('2026-12-03');
    // 15:59:59.999 UTC is the last instant of the Shanghai day; 16:00 UTC is the next day.
    expect(shanghaiDateOf('2026-12-02T15:59:59.999Z')).toBe('2026-12-02');
    expect(shanghaiDateOf('2026-12-02T16:00:00Z')).toBe('2026-12-03');
    expect(shanghaiDateOf('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(shanghaiDateOf('2026-12-03T23:30:00-05:00')).toBe('2026-12-04');
    expect(shanghaiDateOf('2024-02-28T16:00:00Z')).toBe('2024-02-29');
  });

  it('follows the time-zone database, including the summer time of 1986–1991', () => {
    // 1 July 1988: China kept summer time (+09:00).
    expect(formatInstant('1988-07-01T03:00:00Z', 'en')).toBe('1 Jul 1988 12:00');
    expect(formatInstant('1988-12-01T03:00:00Z', 'en')).toBe('1 Dec 1988 11:00');
  });
});

describe('the instant of a Shanghai date and time', () => {
  it('reads a local date and time at +08:00', () => {
    expect(instantAtShanghai('2026-12-03', '09:30')).toBe('2026-12-03T01:30:00.000Z');
    expect(instantAtShanghai('2026-12-03', '00:00:00')).toBe('2026-12-02T16:00:00.000Z');
    expect(instantAtShanghai('2026-12-31', '23:59:59')).toBe('2026-12-31T15:59:59.000Z');
    expect(instantAtShanghai('2024-02-29', '07:59')).toBe('2024-02-28T23:59:00.000Z');
  });

  it('round-trips with the Shanghai date and display', () => {
    const at = instantAtShanghai('2026-12-03', '00:15');
    expect(at).not.toBeNull();
    expect(shanghaiDateOf(at ?? '')).toBe('2026-12-03');
    expect(formatInstant(at ?? '', 'zh')).toBe('2026年12月3日 00:15');
  });

  it('refuses dates and times that do not exist', () => {
    expect(instantAtShanghai('2026-02-29', '09:30')).toBeNull();
    expect(instantAtShanghai('2026-12-03', '24:00')).toBeNull();
    expect(instantAtShanghai('2026-12-03', '9:30')).toBeNull();
    expect(instantAtShanghai('2026-12-03T00:00', '09:30')).toBeNull();
  });

  it('uses the offset in force then: summer time, the skipped hour, the repeated hour', () => {
    expect(instantAtShanghai('1988-07-01', '12:00')).toBe('1988-07-01T03:00:00.000Z');
    // 17 April 1988: clocks went from 02:00 to 03:00, so 02:30 never happened.
    expect(instantAtShanghai('1988-04-17', '02:30')).toBeNull();
    expect(instantAtShanghai('1988-04-17', '03:00')).toBe('1988-04-16T18:00:00.000Z');
    // 11 September 1988: clocks went from 02:00 back to 01:00; 01:30 happened twice, the earlier is taken.
    expect(instantAtShanghai('1988-09-11', '01:30')).toBe('1988-09-10T16:30:00.000Z');
  });
});

describe('half-open ranges [start, end)', () => {
  const r = (start: string, end: string) => ({ start, end });

  it('requires two instants with the start strictly before the end', () => {
    expect(isInstantRange(r('2026-12-03T09:30:00+08:00', '2026-12-03T10:30:00+08:00'))).toBe(true);
    expect(isInstantRange(r('2026-12-03T09:30:00+08:00', '2026-12-03T09:30:00+08:00'))).toBe(false);
    // Compared as moments: 09:30+08:00 is 01:30Z, after 01:00Z.
    expect(isInstantRange(r('2026-12-03T09:30:00+08:00', '2026-12-03T01:00:00Z'))).toBe(false);
    expect(isInstantRange(r('2026-12-03T09:30:00+08:00', '2026-12-03T02:00:00Z'))).toBe(true);
    expect(isInstantRange(r('2026-12-03T09:30:00', '2026-12-03T10:30:00+08:00'))).toBe(false);
    expect(isInstantRange({ start: '2026-12-03T09:30:00+08:00' })).toBe(false);
    expect(isInstantRange(null)).toBe(false);
  });

  it('overlaps only when the ranges share an instant: adjacent ranges do not', () => {
    const a = r('2026-12-03T09:00:00+08:00', '2026-12-03T10:00:00+08:00');
    expect(rangesOverlap(a, r('2026-12-03T10:00:00+08:00', '2026-12-03T11:00:00+08:00'))).toBe(false);
    expect(rangesOverlap(a, r('2026-12-03T08:00:00+08:00', '2026-12-03T09:00:00+08:00'))).toBe(false);
    expect(rangesOverlap(a, r('2026-12-03T09:59:59.999+08:00', '2026-12-03T11:00:00+08:00'))).toBe(true);
    expect(rangesOverlap(a, r('2026-12-03T09:15:00+08:00', '2026-12-03T09:45:00+08:00'))).toBe(true);
    expect(rangesOverlap(a, r('2026-12-03T00:00:00Z', '2026-12-03T02:00:00Z'))).toBe(true);
    expect(rangesOverlap(a, r('2026-12-03T02:00:00Z', '2026-12-03T03:00:00Z'))).toBe(false);
  });

  it('contains its start and not its end', () => {
    const a = r('2026-12-03T09:00:00+08:00', '2026-12-03T10:00:00+08:00');
    expect(rangeContains(a, '2026-12-03T01:00:00Z')).toBe(true);
    expect(rangeContains(a, '2026-12-03T02:00:00Z')).toBe(false);
    expect(rangeContains(a, '2026-12-03T01:59:59.999Z')).toBe(true);
  });

  it('names the end of a misordered range in both languages', () => {
    expect(rangeOrderError('during')).toEqual({ field: 'during.end', rule: 'instant_range', message: { zh: '结束时间应晚于开始时间', en: 'must be later than the start' } });
    expect(rangeOrderError('').field).toBe('end');
  });
});
