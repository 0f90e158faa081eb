import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LogicError } from './errors.js';
import { compileLogic, toLogicColumns } from './logic-compiler.js';
import { evaluateLogic } from './logic-interpreter.js';

const compiled = (rule: unknown, data: unknown): unknown => compileLogic(rule)(toLogicColumns([data]), 0);

describe('plain JSON Logic evaluators', () => {
  it('read variables from columns, including nested paths and whole rows', () => {
    const rows = [{ a: { b: 1 }, c: 2 }, { a: { b: 5 }, c: 7 }];
    const cols = toLogicColumns(rows);
    const f = compileLogic({ '+': [{ var: 'a.b' }, { var: 'c' }] });
    expect([f(cols, 0), f(cols, 1)]).toEqual([3, 12]);
    expect(compileLogic({ var: '' })(cols, 1)).toEqual(rows[1]);
  });
  it('raise typed errors', () => {
    expect(() => evaluateLogic({ '/': [1, 0] }, null)).toThrow(LogicError);
    expect(() => compiled({ nope: [] }, null)).toThrow(/unknown operator/i);
  });
  it('agree with each other on random arithmetic and comparisons', () => {
    const leaf = fc.oneof(fc.integer({ min: -9, max: 9 }), fc.constantFrom({ var: 'x' }, { var: 'y' }, '3', null, true));
    const expr = fc.letrec<{ e: unknown }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.record({ '+': fc.array(tie('e'), { maxLength: 3 }) }),
        fc.record({ '-': fc.array(tie('e'), { minLength: 1, maxLength: 2 }) }),
        fc.record({ '*': fc.array(tie('e'), { maxLength: 3 }) }),
        fc.record({ '/': fc.tuple(tie('e'), tie('e')) }),
        fc.record({ '<': fc.tuple(tie('e'), tie('e')) }),
        fc.record({ '==': fc.tuple(tie('e'), tie('e')) }),
        fc.record({ and: fc.array(tie('e'), { maxLength: 3 }) }),
        fc.record({ or: fc.array(tie('e'), { maxLength: 3 }) }),
        fc.record({ if: fc.array(tie('e'), { maxLength: 5 }) }),
        fc.record({ '!': fc.tuple(tie('e')) }),
      ),
    })).e;
    const outcome = (f: () => unknown): unknown => {
      try {
        return { ok: f() };
      } catch (e) {
        return { err: (e as LogicError).type };
      }
    };
    fc.assert(
      fc.property(expr, fc.record({ x: fc.integer({ min: -3, max: 3 }), y: fc.oneof(fc.string({ maxLength: 2 }), fc.integer()) }), (rule, data) => {
        expect(outcome(() => compiled(rule, data))).toEqual(outcome(() => evaluateLogic(rule, data)));
      }),
      { numRuns: 1000 },
    );
  });
});
