import { describe, expect, it } from 'vitest';
import { addMonths, gatesOn, publicationStatus, publicationWindow, repairOpen } from './credit.windows.js';

describe('addMonths', () => {
  it('adds calendar months, clamped to the last day of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('publicationWindow', () => {
  it('does not publish minor records', () => {
    expect(publicationWindow('minor', '2026-03-01')).toEqual({ from: null, until: null, repairFrom: null });
    expect(publicationStatus('minor', '2026-03-01', '2026-03-01', null)).toBe('not_published');
  });
  it('publishes ordinary records 3 months to 1 year from the decision', () => {
    expect(publicationWindow('ordinary', '2026-03-01')).toEqual({ from: '2026-03-01', until: '2027-03-01', repairFrom: '2026-06-01' });
  });
  it('publishes serious records 1 to 3 years from the decision', () => {
    expect(publicationWindow('serious', '2026-03-01')).toEqual({ from: '2026-03-01', until: '2029-03-01', repairFrom: '2027-03-01' });
  });
  it('publishes honours without end and with nothing to repair', () => {
    expect(publicationWindow(null, '2026-03-01')).toEqual({ from: '2026-03-01', until: null, repairFrom: null });
    expect(publicationStatus(null, '2026-03-01', '2040-01-01', null)).toBe('published');
  });
});

describe('the boundaries', () => {
  it('an ordinary record: published on its decision day, not the day before; expired on its first anniversary', () => {
    expect(publicationStatus('ordinary', '2026-03-01', '2026-03-01', null)).toBe('published');
    expect(publicationStatus('ordinary', '2026-03-01', '2027-02-28', null)).toBe('published');
    expect(publicationStatus('ordinary', '2026-03-01', '2027-03-01', null)).toBe('expired');
  });
  it('an ordinary record: repair from three months on, not the day before, and not once expired', () => {
    expect(repairOpen('ordinary', '2026-03-01', '2026-05-31', null)).toBe(false);
    expect(repairOpen('ordinary', '2026-03-01', '2026-06-01', null)).toBe(true);
    expect(repairOpen('ordinary', '2026-03-01', '2027-02-28', null)).toBe(true);
    expect(repairOpen('ordinary', '2026-03-01', '2027-03-01', null)).toBe(false);
  });
  it('a serious record: repair from the first anniversary, gate until the third', () => {
    expect(repairOpen('serious', '2026-03-01', '2027-02-28', null)).toBe(false);
    expect(repairOpen('serious', '2026-03-01', '2027-03-01', null)).toBe(true);
    expect(gatesOn('serious', '2026-03-01', '2029-02-28', null)).toBe(true);
    expect(gatesOn('serious', '2026-03-01', '2029-03-01', null)).toBe(false);
    expect(publicationStatus('serious', '2026-03-01', '2029-03-01', null)).toBe('expired');
  });
  it('a repaired record stops being published and gating from the day of approval', () => {
    expect(publicationStatus('serious', '2026-03-01', '2027-04-01', '2027-04-02')).toBe('published');
    expect(publicationStatus('serious', '2026-03-01', '2027-04-02', '2027-04-02')).toBe('repaired');
    expect(gatesOn('serious', '2026-03-01', '2027-04-02', '2027-04-02')).toBe(false);
    expect(repairOpen('serious', '2026-03-01', '2027-04-02', '2027-04-02')).toBe(false);
  });
  it('only serious records gate', () => {
    expect(gatesOn('ordinary', '2026-03-01', '2026-04-01', null)).toBe(false);
    expect(gatesOn(null, '2026-03-01', '2026-04-01', null)).toBe(false);
    expect(gatesOn('serious', '2026-03-01', '2026-02-28', null)).toBe(false);
    expect(publicationStatus('serious', '2026-03-01', '2026-02-28', null)).toBe('not_published');
  });
});
