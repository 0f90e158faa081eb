import { shanghaiDateOf } from '@seedbed/contract';

/** The only source of "now" for services; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
  /** Today's calendar date in Asia/Shanghai, YYYY-MM-DD. */
  today(): string;
}

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai at an instant (the contract's `shanghaiDateOf`). */
export const shanghaiDay = (instant: Date): string => shanghaiDateOf(instant);

/** Today's date as of the current whole second (Asia/Shanghai's days begin on whole seconds): formatted once a second, not once a call. */
let todayAt: { second: number; day: string } = { second: Number.NaN, day: '' };
function systemToday(): string {
  const ms = Date.now();
  const second = Math.floor(ms / 1000);
  if (todayAt.second !== second) todayAt = { second, day: shanghaiDay(new Date(ms)) };
  return todayAt.day;
}

export const systemClock: Clock = { now: () => new Date(), today: systemToday };

export function fixedClock(iso: string): Clock & { advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    today: () => shanghaiDay(new Date(t)),
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * A clock that reads `start` when it is made and runs on from there at the real pace (a demo's
 * rehearsal of later days: SEEDBED_DEMO_CLOCK, never in production).
 */
export function shiftedClock(start: string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  const now = () => new Date(Date.now() + offset);
  return { now, today: () => shanghaiDay(now()) };
}

/** The calendar date `days` after (or before, when negative) a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
