import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { mapProblem, matchField, normaliseFieldPath } from './problem';

const problem = (errors: { field: string }[]) =>
  new ApiError({
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    code: 'VALIDATION_FAILED',
    message: { zh: '输入有误', en: 'Invalid input' },
    errors: errors.map((e) => ({ ...e, rule: 'x', message: { zh: `错：${e.field}`, en: `bad: ${e.field}` } })),
  });

describe('field paths', () => {
  it('reads dotted paths and JSON pointers', () => {
    expect(normaliseFieldPath('/enterprise/creditCode')).toBe('enterprise.creditCode');
    expect(normaliseFieldPath('body.username')).toBe('username');
  });

  it('matches exactly first, then by suffix either way', () => {
    const fields = [['username'], ['enterprise', 'creditCode'], ['facts', 'employees']];
    expect(matchField('facts.employees', fields)).toEqual(['facts', 'employees']);
    expect(matchField('creditCode', fields)).toEqual(['enterprise', 'creditCode']);
    expect(matchField('body.enterprise.creditCode', fields)).toEqual(['enterprise', 'creditCode']);
    expect(matchField('password', fields)).toBeNull();
  });
});

describe('mapProblem', () => {
  it('places field errors and keeps the rest for the summary', () => {
    const mapped = mapProblem(problem([{ field: 'username' }, { field: 'nowhere' }]), 'en', [['username']]);
    expect(mapped.placed).toEqual([{ name: ['username'], message: 'bad: username' }]);
    expect(mapped.unplaced).toEqual([{ field: 'nowhere', message: 'bad: nowhere' }]);
    expect(mapped.message).toBe('Invalid input');
  });

  it('points to the fields when all errors were placed', () => {
    const mapped = mapProblem(problem([{ field: 'username' }]), 'zh', [['username']]);
    expect(mapped.message).toContain('1 处需要更正');
  });

  it('gives a message even for what is not a problem document', () => {
    expect(mapProblem(new Error('boom'), 'en', []).message).toMatch(/unexpected/);
  });
});
