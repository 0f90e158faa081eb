import { describe, expect, it } from 'vitest';
import { shanghaiToday, showInstant, showInstantDate } from './time';

describe('instants on screen', () => {
  it('shows what the server sends in Asia/Shanghai, whatever the zone of the machine', () => {
    // The test runs in the zone of the machine; the answer must not depend on it.
    expect(showInstant('2026-12-02T16:30:00.000Z', 'zh')).toBe('2026年12月3日 00:30');
    expect(showInstant('2026-12-02T16:30:00.000Z', 'en')).toBe('3 Dec 2026 00:30');
    expect(showInstant('2026-12-02T16:30:05.000Z', 'en', { seconds: true })).toBe('3 Dec 2026 00:30:05');
    expect(showInstantDate('2026-12-02T16:30:00.000Z')).toBe('2026-12-03');
    expect(showInstantDate('2026-12-02T15:30:00.000Z')).toBe('2026-12-02');
    // 20:00 on 2 December in New York is already 3 December in Shanghai.
    expect(shanghaiToday(new Date('2026-12-02T20:00:00-05:00'))).toBe('2026-12-03');
  });

  it('passes through what is not an instant, and shows nothing for no value', () => {
    expect(showInstant('2026-12-03', 'zh')).toBe('2026-12-03');
    expect(showInstant(null, 'zh')).toBe('');
    expect(showInstantDate(undefined)).toBe('');
  });
});
