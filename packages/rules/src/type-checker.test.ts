import { describe, expect, it } from 'vitest';
import { RuleError } from './errors.js';
import { catalogWith } from './test-support.js';

function loadError(criteria: Record<string, unknown>, extra: Record<string, unknown> = {}): RuleError {
  try {
    catalogWith(criteria, extra);
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a load error');
}

describe('type checking at load time', () => {
  it('rejects comparing a date with a number, naming item, criterion and path', () => {
    const e = loadError({ old: { '>': [{ var: 'founded_on' }, 2016] } });
    expect(e.problem).toMatchObject({ file: 't.yaml', item: 't.item', criterion: 'old', path: '/items/0/criteria/0/rule/>/1' });
    expect(e.message).toContain('cannot compare date with number');
  });
  it('rejects arithmetic on a date', () => {
    const e = loadError({ a: { '>': [{ '+': [{ var: 'founded_on' }, 1] }, 3] } });
    expect(e.problem.path).toBe('/items/0/criteria/0/rule/>/0/+/0');
    expect(e.message).toContain('needs number here, got date');
  });
  it('rejects unknown variables and parameters', () => {
    expect(loadError({ a: { '>': [{ var: 'headcount' }, 3] } }).message).toContain('unknown variable "headcount"');
    expect(loadError({ a: { '>': [{ param: 'nope' }, 3] } }).message).toContain('unknown parameter "nope"');
  });
  it('rejects a default on var: missing is unknown, never a default', () => {
    expect(loadError({ a: { '>': [{ var: ['employees', 0] }, 3] } }).message).toContain('default value on "var" is not allowed');
  });
  it('requires a stated rounding for months_between', () => {
    const e = loadError({ a: { '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }] }, 3] } });
    expect(e.message).toContain('"months_between" takes 3 argument(s)');
    const e2 = loadError({ a: { '>=': [{ months_between: [{ var: 'founded_on' }, { today: [] }, 'nearest'] }, 3] } });
    expect(e2.message).toContain('must be one of floor, ceil');
  });
  it('rejects a criterion that is not a condition and an if without else', () => {
    expect(loadError({ a: { '+': [1, 2] } }).message).toContain('must be a condition (boolean), got number');
    expect(loadError({ a: { if: [true, true] } }).message).toContain('final else');
  });
  it('rejects unknown items in received and excludes; lists every problem at once', () => {
    const e = loadError({ a: { '>': [{ received: ['no.such', 'year'] }, 0] }, b: { '>': [{ var: 'founded_on' }, 1] } }, { excludes: ['ghost'] });
    expect(e.problems.length).toBe(3);
    expect(e.problems.map((p) => p.path)).toContain('/items/0/excludes/0');
  });
  it('rejects a bad date literal and a bad region code', () => {
    expect(loadError({ a: { '>': [{ var: 'founded_on' }, { date: '2016-13-01' }] } }).message).toContain('valid YYYY-MM-DD');
    expect(loadError({ a: { in_region: [{ var: 'region' }, 'Nanning'] } }).message).toContain('region code');
  });
});
