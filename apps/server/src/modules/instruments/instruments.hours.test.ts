import { describe, expect, it } from 'vitest';
import { withinOpeningHours } from './instruments.service.js';

const at = (local: string) => new Date(`${local}+08:00`);
const allDay = Array(7).fill({ open: 0, close: 1440 });
// Monday to Friday 08:30–17:30, closed at weekends.
const office = [...Array(5).fill({ open: 510, close: 1050 }), null, null];

describe('opening hours of a booking (Beijing time)', () => {
  it('keeps a booking within one day inside that day’s hours', () => {
    expect(withinOpeningHours(office, at('2026-12-07T08:30:00'), at('2026-12-07T17:30:00'))).toBe(true); // a Monday
    expect(withinOpeningHours(office, at('2026-12-07T08:00:00'), at('2026-12-07T09:00:00'))).toBe(false);
    expect(withinOpeningHours(office, at('2026-12-07T17:00:00'), at('2026-12-07T17:31:00'))).toBe(false);
    expect(withinOpeningHours(office, at('2026-12-05T10:00:00'), at('2026-12-05T11:00:00'))).toBe(false); // a Saturday
  });

  it('lets a booking cross midnight only where both days are open through it', () => {
    expect(withinOpeningHours(allDay, at('2026-12-07T23:45:00'), at('2026-12-08T00:15:00'))).toBe(true);
    expect(withinOpeningHours(allDay, at('2026-12-07T23:45:00'), at('2026-12-08T00:00:00'))).toBe(true);
    const lateMonday = [{ open: 480, close: 1440 }, { open: 60, close: 1440 }, ...Array(5).fill({ open: 0, close: 1440 })];
    expect(withinOpeningHours(lateMonday, at('2026-12-07T23:45:00'), at('2026-12-08T00:15:00'))).toBe(false); // Tuesday opens at 01:00
    expect(withinOpeningHours(office, at('2026-12-07T17:00:00'), at('2026-12-08T09:00:00'))).toBe(false);
  });
});
