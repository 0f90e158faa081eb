import { describe, expect, it } from 'vitest';
import { busyCalendar, foldLine, icsText, icsUtc } from './instruments.ics.js';

describe('the iCalendar serialiser (RFC 5545)', () => {
  it('writes UTC stamps, escapes text and ends lines with CRLF', () => {
    expect(icsUtc(new Date('2026-12-03T01:30:00.000Z'))).toBe('20261203T013000Z');
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const ics = busyCalendar('扫描电镜', [{ uid: 'b1@seedbed', start: new Date('2026-12-03T01:30:00Z'), end: new Date('2026-12-03T03:00:00Z'), summary: '已预约' }], new Date('2026-12-01T00:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('\r\nBEGIN:VEVENT\r\nUID:b1@seedbed\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20261203T013000Z\r\nDTEND:20261203T030000Z\r\nSUMMARY:已预约\r\n');
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('folds at 75 octets without splitting a character', () => {
    const line = `SUMMARY:${'仪'.repeat(60)}`; // 8 + 180 octets
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(2);
    for (const l of folded) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    for (const l of folded.slice(1)) expect(l.startsWith(' ')).toBe(true);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
    const ascii = foldLine('X'.repeat(150)).split('\r\n');
    expect(ascii.map((l) => l.length)).toEqual([75, 75, 2]);
  });
});
