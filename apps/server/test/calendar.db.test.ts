import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendar } from '../src/modules/calendar/index.js';
import { dueDate } from '../src/modules/fulfilment/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

/**
 * The programme office enters a year's holiday arrangement; anyone reads it; deadlines in
 * working days count on it. The days below are made up for the test (not an official notice).
 */
let t: TestContext;
let anonymous: TestClient;
let office: TestClient;
let officer: TestClient;

beforeAll(async () => {
  t = await testApp({ demo: true });
  anonymous = new TestClient(t.app);
  office = new TestClient(t.app);
  await office.loginDemo('office.nanning', t.clock);
  officer = new TestClient(t.app);
  await officer.loginDemo('officer.nanning', t.clock);
}, 180_000);
afterAll(async () => t?.close());

const ARRANGEMENT = {
  source: '测试用安排（非官方通知）',
  days: [
    { day: '2027-02-12', kind: 'holiday', name: '春节' },
    { day: '2027-02-08', kind: 'holiday', name: '春节' },
    { day: '2027-02-09', kind: 'holiday', name: '春节' },
    { day: '2027-02-10', kind: 'holiday', name: '春节' },
    { day: '2027-02-11', kind: 'holiday', name: '春节' },
    { day: '2027-02-06', kind: 'workday', name: '春节调休' },
  ],
};
const fields = (r: { json: () => { errors?: { field: string; rule: string }[] } }) => (r.json().errors ?? []).map((e) => `${e.field}:${e.rule}`);

describe('the working calendar', () => {
  it('is empty until entered, and refuses a wrong arrangement naming the row, field and rule, writing nothing', async () => {
    expect((await anonymous.get('/api/v1/calendar/2027')).json()).toEqual({ year: 2027, days: [], source: '', updatedAt: null });
    const bad = await office.request('PUT', '/api/v1/calendar/2027', {
      source: ' ',
      days: [
        { day: '2027-02-13', kind: 'holiday', name: '周六放假' },
        { day: '2027-02-10', kind: 'workday', name: '周三上班' },
        { day: '2026-12-31', kind: 'holiday', name: '去年' },
        { day: '2027-02-30', kind: 'holiday', name: '' },
        { day: '2027-02-10', kind: 'holiday', name: '重复' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['days.0.kind:holiday_on_weekday', 'days.1.kind:workday_on_weekend', 'days.2.day:in_year', 'days.3.day:format:date', 'days.4.day:unique', 'source:required']);
    expect(bad.json().errors[0].message.zh).toContain('周一至周五');
    expect((await anonymous.get('/api/v1/calendar/2027')).json().days).toEqual([]);
  });

  it('is set by the programme office only, read by anyone, and replaced as a whole', async () => {
    expect((await officer.request('PUT', '/api/v1/calendar/2027', ARRANGEMENT)).statusCode).toBe(403);
    expect((await anonymous.request('PUT', '/api/v1/calendar/2027', ARRANGEMENT)).statusCode).toBe(401);
    const set = await office.request('PUT', '/api/v1/calendar/2027', ARRANGEMENT);
    expect(set.statusCode, set.body).toBe(200);
    const read = (await anonymous.get('/api/v1/calendar/2027')).json();
    expect(read.days.map((d: { day: string }) => d.day)).toEqual(['2027-02-06', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']);
    expect(read.source).toBe('测试用安排（非官方通知）');
    expect(read.updatedAt).not.toBeNull();
    expect((await anonymous.get('/api/v1/calendar/2026')).json().days).toEqual([]);
    const audit = await office.get('/api/v1/admin/audit?entityType=calendar_year&entityId=2027');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['calendar.year_set']);

    // Deadlines in working days count on it.
    const calendar = await workingCalendar(t.deps.db, '2027-02-05');
    expect(dueDate('2027-02-05', { days: 3, working: true }, calendar)).toBe('2027-02-16');

    // Replaced as a whole: fewer days, and the holidays no longer count.
    const fewer = await office.request('PUT', '/api/v1/calendar/2027', { source: '更正', days: [{ day: '2027-02-08', kind: 'holiday', name: '春节' }] });
    expect(fewer.statusCode).toBe(200);
    expect(fewer.json().days).toEqual([{ day: '2027-02-08', kind: 'holiday', name: '春节' }]);
    expect(dueDate('2027-02-05', { days: 3, working: true }, await workingCalendar(t.deps.db, '2027-02-05'))).toBe('2027-02-11');
  });
});
