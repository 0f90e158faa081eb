import { describe, expect, it } from 'vitest';
import { RuleError } from './errors.js';
import { parseRuleFile } from './parser.js';
import { fixture } from './test-support.js';

const item = (extra: string): string => `items:
  - id: a.b
    title: { zh: 甲, en: A }
    entity: enterprise
    benefit: subsidy
    mode: apply
    effective: { from: 2016-01-01 }
    criteria:
      - id: c1
        label: { zh: 条件, en: Condition }
        rule: ${extra}
`;

function problemsOf(text: string): RuleError {
  try {
    parseRuleFile(text, 'x/policy.yaml');
  } catch (e) {
    if (e instanceof RuleError) return e;
    throw e;
  }
  throw new Error('expected a RuleError');
}

describe('parseRuleFile', () => {
  it('accepts the fixtures', () => {
    expect(fixture('demo.yaml').items).toHaveLength(2);
    expect(fixture('demo.cases.yaml').cases?.length).toBeGreaterThan(2);
  });
  it('rejects an unknown operator with file and JSON path', () => {
    const e = problemsOf(item('{ "older_than": [1, 2] }'));
    expect(e.problems).toHaveLength(1);
    expect(e.problem.file).toBe('x/policy.yaml');
    expect(e.problem.path).toBe('/items/0/criteria/0/rule/older_than');
    expect(e.message).toContain('unknown operator "older_than"');
  });
  it('rejects unknown keys, naming each', () => {
    const e = problemsOf(item('true') + '    colour: red\n');
    expect(e.problems.map((p) => p.path)).toEqual(['/items/0/colour']);
    expect(e.message).toContain('unknown key "colour"');
  });
  it('rejects an operator nested deep inside a rule', () => {
    const e = problemsOf(item('{ "and": [true, { "!": [{ "frobnicate": 1 }] }] }'));
    expect(e.problem.path).toBe('/items/0/criteria/0/rule/and/1/!/0/frobnicate');
  });
  it('explains a malformed operation or an empty object', () => {
    expect(problemsOf(item('{ ">": [1, 2], "<": [1, 2] }')).message).toContain('/items/0/criteria/0/rule: an operation must have exactly one operator key');
    expect(problemsOf(item('{}')).message).toContain('an empty object is not an expression');
    expect(problemsOf(item('true').replace('title: { zh: 甲, en: A }', 'title: 5')).problem).toMatchObject({ path: '/items/0/title', message: 'should be object' });
  });
  it('names the line and column of a YAML syntax error', () => {
    const e = problemsOf('items:\n  - id: [unclosed\n');
    expect(e.problem.line).toBeGreaterThan(0);
    expect(e.problem.column).toBeGreaterThan(0);
    expect(e.message).toMatch(/x\/policy\.yaml:\d+:\d+/);
  });
  it('rejects a bad enum value and a bad date format', () => {
    const e = problemsOf(item('true').replace('mode: apply', 'mode: sometimes').replace('2016-01-01', '2016/01/01'));
    expect(e.problems.map((p) => p.path).sort()).toEqual(['/items/0/effective/from', '/items/0/mode']);
  });
});
