/**
 * Load-time checking of rule expressions: JSON Logic (plus Seedbed operators) → typed IR nodes.
 * Both evaluators run the IR, never the raw JSON, so anything caught here (unknown names, a date
 * compared with a number, arithmetic on a date, a default on `var`) cannot reach evaluation.
 */
import { parseDate } from './calendar.js';
import type { RuleProblem } from './errors.js';
import { isPlainObject, operatorOf, RULE_FILE_OPERATORS } from './operators.js';
import type { ParameterSpec, VariableSpec } from './types.js';

export type StaticType = 'boolean' | 'number' | 'date' | 'string' | 'string_list';
export type ConstValue = number | boolean | string | readonly string[];

export interface Node {
  /** Unique per structurally distinct expression in a catalogue: the key for sharing and traces. */
  readonly id: number;
  /** `const`, `var`, `param`, `today` or an operator name. */
  readonly op: string;
  readonly type: StaticType;
  readonly args: readonly Node[];
  /** const value, variable/parameter name, rounding, period, region code, item id. */
  readonly value?: ConstValue;
  /** Display unit: 'fen', 'month', 'year', 'day', or a variable's unit. */
  readonly unit?: string;
  /** JSON pointer of the first occurrence, for error messages. */
  readonly path: string;
  readonly file: string;
}

export interface CheckContext {
  readonly file: string;
  readonly item?: string;
  readonly criterion?: string;
  readonly variables: ReadonlyMap<string, VariableSpec>;
  readonly parameters: ReadonlyMap<string, ParameterSpec>;
  readonly itemIds: ReadonlySet<string>;
  readonly problems: RuleProblem[];
  readonly intern: NodeTable;
}

/** Hash-consing table: equal subexpressions across all items become one node, computed once per row. */
export class NodeTable {
  private readonly byKey = new Map<string, Node>();
  readonly all: Node[] = [];
  make(n: Omit<Node, 'id'>): Node {
    // Division and modulo keep their own path: a division by zero must name where it is.
    const key = `${n.op}|${n.type}|${JSON.stringify(n.value ?? null)}|${n.unit ?? ''}|${n.args.map((a) => a.id).join(',')}${n.op === '/' || n.op === '%' ? '|' + n.file + n.path : ''}`;
    const found = this.byKey.get(key);
    if (found) return found;
    const node: Node = { ...n, id: this.all.length };
    this.all.push(node);
    this.byKey.set(key, node);
    return node;
  }
}

export function variableStaticType(v: VariableSpec): StaticType {
  switch (v.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
    case 'money':
      return 'number';
    case 'date':
      return 'date';
    case 'string_list':
      return 'string_list';
    default:
      return 'string';
  }
}

function parameterType(p: ParameterSpec): StaticType | undefined {
  const kinds = new Set(p.values.map((v) => typeof v.value));
  if (kinds.size !== 1) return undefined;
  const k = [...kinds][0];
  return k === 'number' ? 'number' : k === 'boolean' ? 'boolean' : 'string';
}

const COMPARE = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '!=', '===', '!==']);
const ARITH = new Set(['+', '-', '*', '/', '%', 'min', 'max']);

export function checkExpr(expr: unknown, path: string, ctx: CheckContext): Node | undefined {
  const fail = (message: string, value?: unknown, at = path): undefined => {
    ctx.problems.push({ file: ctx.file, item: ctx.item, criterion: ctx.criterion, path: at, message, value });
    return undefined;
  };
  const mk = (op: string, type: StaticType, args: Node[], extra: { value?: ConstValue; unit?: string } = {}): Node =>
    ctx.intern.make({ op, type, args, path, file: ctx.file, ...extra });

  if (typeof expr === 'number') return Number.isFinite(expr) ? mk('const', 'number', [], { value: expr }) : fail('not a finite number', expr);
  if (typeof expr === 'boolean') return mk('const', 'boolean', [], { value: expr });
  if (typeof expr === 'string') return mk('const', 'string', [], { value: expr });
  if (expr === null) return fail('null is not allowed in a rule: a missing value is written as an absent fact, not a literal null', expr);
  if (Array.isArray(expr)) {
    if (expr.every((e) => typeof e === 'string' || typeof e === 'number')) return mk('const', 'string_list', [], { value: expr.map(String) });
    return fail('a literal list may hold only strings or numbers', expr);
  }
  if (!isPlainObject(expr)) return fail('not an expression', expr);
  const op = operatorOf(expr);
  if (op === undefined) return fail('an operation must have exactly one operator key', expr);
  if (!RULE_FILE_OPERATORS.includes(op)) return fail(`unknown operator "${op}"`, undefined, `${path}/${op}`);
  const raw = expr[op];
  const rawArgs: unknown[] = Array.isArray(raw) ? raw : [raw];
  const argPath = (i: number): string => (Array.isArray(raw) ? `${path}/${op}/${i}` : `${path}/${op}`);
  const sub = (i: number): Node | undefined => checkExpr(rawArgs[i], argPath(i), ctx);
  const subs = (): Node[] | undefined => {
    const out: Node[] = [];
    let ok = true;
    rawArgs.forEach((_, i) => {
      const n = sub(i);
      if (n) out.push(n);
      else ok = false;
    });
    return ok ? out : undefined;
  };
  const arity = (min: number, max: number): boolean => {
    if (rawArgs.length < min || rawArgs.length > max) {
      fail(`"${op}" takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} argument(s), got ${rawArgs.length}`, raw);
      return false;
    }
    return true;
  };
  const literal = (i: number, allowed: readonly string[]): string | undefined => {
    const v = rawArgs[i];
    if (typeof v === 'string' && allowed.includes(v)) return v;
    fail(`must be one of ${allowed.join(', ')}`, v, argPath(i));
    return undefined;
  };
  const expect = (n: Node, types: readonly StaticType[], i: number): boolean => {
    if (types.includes(n.type)) return true;
    fail(`"${op}" needs ${types.join(' or ')} here, got ${n.type}`, rawArgs[i], argPath(i));
    return false;
  };

  switch (op) {
    case 'var': {
      if (Array.isArray(raw) && raw.length > 1) return fail('a default value on "var" is not allowed in rule files: missing is unknown, never a default', raw);
      const name = rawArgs[0];
      if (typeof name !== 'string') return fail('"var" needs a variable name', name);
      const spec = ctx.variables.get(name);
      if (!spec) return fail(`unknown variable "${name}"`, name);
      return mk('var', variableStaticType(spec), [], { value: name, unit: spec.type === 'money' ? 'fen' : (spec.unit ?? undefined) });
    }
    case 'param': {
      const name = rawArgs[0];
      if (typeof name !== 'string') return fail('"param" needs a parameter name', name);
      const spec = ctx.parameters.get(name);
      if (!spec) return fail(`unknown parameter "${name}"`, name);
      const t = parameterType(spec);
      if (!t) return fail(`parameter "${name}" mixes value types`, name);
      return mk('param', t, [], { value: name, unit: spec.unit ?? undefined });
    }
    case 'date': {
      const s = rawArgs[0];
      const d = typeof s === 'string' ? parseDate(s) : undefined;
      if (d === undefined) return fail('"date" needs a valid YYYY-MM-DD date', s);
      return mk('const', 'date', [], { value: d });
    }
    case 'today':
      if (rawArgs.length > 0 && !(Array.isArray(raw) && raw.length === 0)) return fail('"today" takes no arguments', raw);
      return mk('today', 'date', []);
  }

  if (COMPARE.has(op) || EQUALITY.has(op)) {
    if (!arity(2, COMPARE.has(op) ? 3 : 2)) return undefined;
    const args = subs();
    if (!args) return undefined;
    const t0 = args[0]!.type;
    const allowed: StaticType[] = COMPARE.has(op) ? ['number', 'date', 'string'] : ['number', 'date', 'string', 'boolean'];
    if (!expect(args[0]!, allowed, 0)) return undefined;
    for (let i = 1; i < args.length; i++) {
      if (args[i]!.type !== t0) return fail(`cannot compare ${t0} with ${args[i]!.type}`, rawArgs[i], argPath(i));
    }
    return mk(op, 'boolean', args);
  }
  if (ARITH.has(op)) {
    const [min, max] = op === '/' || op === '%' ? [2, 2] : op === '-' ? [1, 2] : [1, Infinity];
    if (!arity(min, max)) return undefined;
    const args = subs();
    if (!args) return undefined;
    for (let i = 0; i < args.length; i++) if (!expect(args[i]!, ['number'], i)) return undefined;
    const unit = op === '+' || op === '-' || op === 'min' || op === 'max' ? args.find((a) => a.unit)?.unit : op === '*' ? args.find((a) => a.unit === 'fen')?.unit : undefined;
    return mk(op, 'number', args, { unit });
  }
  switch (op) {
    case '!':
    case '!!': {
      if (!arity(1, 1)) return undefined;
      const a = sub(0);
      if (!a) return undefined;
      if (op === '!' && !expect(a, ['boolean'], 0)) return undefined;
      return mk(op, 'boolean', [a]);
    }
    case 'and':
    case 'or': {
      if (!arity(1, Infinity)) return undefined;
      const args = subs();
      if (!args) return undefined;
      for (let i = 0; i < args.length; i++) if (!expect(args[i]!, ['boolean'], i)) return undefined;
      return mk(op, 'boolean', args);
    }
    case 'if':
    case '?:': {
      if (rawArgs.length < 3 || rawArgs.length % 2 === 0) return fail('"if" needs condition/value pairs and a final else value', raw);
      const args = subs();
      if (!args) return undefined;
      const t = args[1]!.type;
      for (let i = 0; i < args.length; i++) {
        const isCond = i % 2 === 0 && i < args.length - 1;
        if (isCond) {
          if (!expect(args[i]!, ['boolean'], i)) return undefined;
        } else if (args[i]!.type !== t) return fail(`every branch of "if" must have type ${t}, got ${args[i]!.type}`, rawArgs[i], argPath(i));
      }
      return mk('if', t, args, { unit: args[1]!.unit });
    }
    case 'in': {
      if (!arity(2, 2)) return undefined;
      const args = subs();
      if (!args) return undefined;
      const [a, b] = args as [Node, Node];
      if (b.type === 'string_list') {
        if (!expect(a, ['string', 'number'], 0)) return undefined;
      } else if (b.type === 'string') {
        if (!expect(a, ['string'], 0)) return undefined;
      } else return fail('"in" needs a list or a string as second argument', rawArgs[1], argPath(1));
      return mk('in', 'boolean', args);
    }
    case 'cat': {
      const args = subs();
      if (!args) return undefined;
      for (let i = 0; i < args.length; i++) if (!expect(args[i]!, ['string', 'number'], i)) return undefined;
      return mk('cat', 'string', args);
    }
    case 'missing':
    case 'missing_some': {
      const names = (op === 'missing' ? rawArgs : Array.isArray(rawArgs[1]) ? rawArgs[1] : []) as unknown[];
      if (op === 'missing_some' && typeof rawArgs[0] !== 'number') return fail('"missing_some" needs a count then a list of names', raw);
      for (const n of names) if (typeof n !== 'string' || !ctx.variables.has(n)) return fail(`unknown variable "${String(n)}"`, n);
      const vars = names.map((n) => mk('var', variableStaticType(ctx.variables.get(n as string)!), [], { value: n as string }));
      return mk(op, 'string_list', vars, { value: op === 'missing_some' ? String(rawArgs[0]) : '' });
    }
    case 'months_between':
    case 'years_between': {
      if (!arity(3, 3)) return undefined;
      const a = sub(0);
      const b = sub(1);
      const r = literal(2, ['floor', 'ceil']);
      if (!a || !b || !r || !expect(a, ['date'], 0) || !expect(b, ['date'], 1)) return undefined;
      return mk(op, 'number', [a, b], { value: r, unit: op === 'months_between' ? 'month' : 'year' });
    }
    case 'days_between': {
      if (!arity(2, 2)) return undefined;
      const args = subs();
      if (!args || !expect(args[0]!, ['date'], 0) || !expect(args[1]!, ['date'], 1)) return undefined;
      return mk(op, 'number', args, { unit: 'day' });
    }
    case 'within_years': {
      if (!arity(2, 2)) return undefined;
      const args = subs();
      if (!args || !expect(args[0]!, ['date'], 0) || !expect(args[1]!, ['number'], 1)) return undefined;
      return mk(op, 'boolean', args);
    }
    case 'add_months': {
      if (!arity(2, 2)) return undefined;
      const args = subs();
      if (!args || !expect(args[0]!, ['date'], 0) || !expect(args[1]!, ['number'], 1)) return undefined;
      return mk(op, 'date', args);
    }
    case 'in_region': {
      if (!arity(2, 2)) return undefined;
      const a = sub(0);
      const code = rawArgs[1];
      if (!a || !expect(a, ['string'], 0)) return undefined;
      if (typeof code !== 'string' || !/^\d{2,12}$/.test(code)) return fail('"in_region" needs a region code string as second argument', code, argPath(1));
      return mk(op, 'boolean', [a], { value: code });
    }
    case 'received': {
      if (!arity(2, 2)) return undefined;
      const item = rawArgs[0];
      const period = literal(1, ['year', 'ever']);
      if (typeof item !== 'string') return fail('"received" needs an item id', item, argPath(0));
      if (!ctx.itemIds.has(item)) return fail(`unknown item "${item}"`, item, argPath(0));
      if (!period) return undefined;
      return mk(op, 'number', [], { value: [item, period], unit: 'fen' });
    }
    case 'round': {
      if (!arity(2, 2)) return undefined;
      const a = sub(0);
      const to = literal(1, ['fen', 'yuan']);
      if (!a || !to || !expect(a, ['number'], 0)) return undefined;
      return mk(op, 'number', [a], { value: to, unit: a.unit });
    }
  }
  return fail(`operator "${op}" is not supported in rule files`, undefined, `${path}/${op}`);
}

