import { Type, type Static } from '@sinclair/typebox';
import { START_BEFORE_END } from './instants.js';

export * from './instants.js';

/**
 * Time of day: instants and ranges of instants, beside the calendar dates (`IsoDate`).
 *
 * - An instant travels as RFC 3339 text with an explicit offset, e.g. `2026-12-03T09:30:00+08:00`
 *   or `2026-12-03T01:30:00Z`: `T` and `Z` in capitals, seconds required, at most three fraction
 *   digits (milliseconds: what a JavaScript `Date` holds), an offset within ±14:00, a real
 *   calendar day and clock time (no 2026-02-30, no hour 24, no leap second 60).
 * - The server writes instants in one form only: UTC with milliseconds and `Z`
 *   (`2026-12-03T01:30:00.000Z`, `formatInstantUtc`); people see them in Asia/Shanghai
 *   (`formatInstant`), whatever the zone of the machine that shows them.
 * - A range is half-open, [start, end): it contains its start, not its end, so [a, b) and
 *   [b, c) are adjacent and do not overlap.
 */

export const Instant = Type.String({
  format: 'date-time',
  description: 'Instant, RFC 3339 with an offset, e.g. 2026-12-03T09:30:00+08:00; the server answers in UTC (…Z)',
});
export type Instant = Static<typeof Instant>;

export const InstantRange = Type.Object(
  { start: Instant, end: Instant },
  { additionalProperties: false, [START_BEFORE_END]: true, description: 'Half-open range of instants [start, end); start < end' },
);
export type InstantRange = Static<typeof InstantRange>;

