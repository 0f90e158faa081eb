import { describe, expect, it } from 'vitest';
import { fixedClock, shanghaiDay } from './clock.js';

describe('the clock counts days in Asia/Shanghai', () => {
  it('turns the day at 16:00 UTC, whatever the zone of the machine', () => {
    const clock = fixedClock('2026-12-02T15:59:59.999Z');
    expect(clock.today()).toBe('2026-12-02');
    clock.advance(1);
    expect(clock.today()).toBe('2026-12-03');
    expect(shanghaiDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
