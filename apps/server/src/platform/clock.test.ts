import { describe, expect, it } from 'vitest';
import { fixedClock, shanghaiDay, shiftedClock } from './clock.js';

describe('the clock counts days in Asia/Shanghai', () => {
  it('turns the day at 16:00 UTC, whatever the zone of the machine', () => {
    const clock = fixedClock('2026-12-02T15:59:59.999Z');
    expect(clock.today()).toBe('2026-12-02');
    clock.advance(1);
    expect(clock.today()).toBe('2026-12-03');
    expect(shanghaiDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('a demo clock', () => {
  it('starts at its instant and runs on at the real pace', async () => {
    const clock = shiftedClock('2027-01-20T15:59:59.950Z');
    expect(clock.today()).toBe('2027-01-20');
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2027-01-20T15:59:59.950Z'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 80));
    expect(clock.now().getTime()).toBeGreaterThan(first + 50);
    expect(clock.today()).toBe('2027-01-21');
  });
});
