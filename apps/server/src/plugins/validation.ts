import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '@seedbed/contract';
import { fieldError } from '../platform/problems.js';

// ajv-formats is CommonJS: under ESM its plugin is the `default` property of the import.
const addFormats = addFormatsModule.default;

/**
 * Two validators: bodies are validated strictly (no type coercion, unknown fields are errors,
 * never silently dropped); query strings and path parameters are text by nature, so numbers
 * and booleans in them are coerced.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export function compileValidator(schema: object, httpPart: string | undefined): ValidateFunction {
  return (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['文本', 'text'],
  integer: ['整数', 'a whole number'],
  number: ['数字', 'a number'],
  boolean: ['是/否', 'true or false'],
  object: ['对象', 'an object'],
  array: ['列表', 'a list'],
  null: ['空值', 'null'],
};

const FORMAT_NAMES: Record<string, [string, string]> = {
  date: ['日期（YYYY-MM-DD）', 'a date (YYYY-MM-DD)'],
  uuid: ['标识符（UUID）', 'an identifier (UUID)'],
  email: ['电子邮箱', 'an e-mail address'],
  'date-time': ['时间（ISO 8601）', 'a date-time (ISO 8601)'],
};

/** Turns ajv's errors into field errors that name the field and the rule, in both languages. */
export function fieldErrorsFrom(errors: ErrorObject[], context: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  // A union of literals fails once per literal: gather them into one "one of" per field.
  const constValues = new Map<string, unknown[]>();
  for (const e of errors) {
    if (e.keyword !== 'const') continue;
    const list = constValues.get(e.instancePath) ?? [];
    list.push((e.params as { allowedValue: unknown }).allowedValue);
    constValues.set(e.instancePath, list);
  }
  for (const e of errors) {
    const base = e.instancePath.split('/').filter(Boolean).join('.');
    const prefix = context === 'body' ? '' : `${context}.`;
    const at = (extra?: string) => prefix + [base, extra].filter(Boolean).join('.') || context;
    let item: FieldError;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        item = fieldError(at(String(p.missingProperty)), 'required', '必填', 'is required');
        break;
      case 'additionalProperties':
        item = fieldError(at(String(p.additionalProperty)), 'unknown_field', '不是可接受的字段', 'is not an accepted field');
        break;
      case 'type': {
        const [zh, en] = TYPE_NAMES[String(p.type)] ?? [String(p.type), String(p.type)];
        item = fieldError(at(), `type:${String(p.type)}`, `应为${zh}`, `must be ${en}`);
        break;
      }
      case 'format': {
        const [zh, en] = FORMAT_NAMES[String(p.format)] ?? [String(p.format), String(p.format)];
        item = fieldError(at(), `format:${String(p.format)}`, `格式应为${zh}`, `must be ${en}`);
        break;
      }
      case 'pattern':
        item = fieldError(at(), 'pattern', `格式不正确（应匹配 ${String(p.pattern)}）`, `has the wrong format (must match ${String(p.pattern)})`);
        break;
      case 'minLength':
        item = fieldError(at(), 'minLength', `至少${String(p.limit)}个字符`, `must have at least ${String(p.limit)} characters`);
        break;
      case 'maxLength':
        item = fieldError(at(), 'maxLength', `最多${String(p.limit)}个字符`, `must have at most ${String(p.limit)} characters`);
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        item = fieldError(at(), e.keyword, `应${e.keyword === 'minimum' ? '≥' : '>'} ${String(p.limit)}`, `must be ${e.keyword === 'minimum' ? '≥' : '>'} ${String(p.limit)}`);
        break;
      case 'maximum':
      case 'exclusiveMaximum':
        item = fieldError(at(), e.keyword, `应${e.keyword === 'maximum' ? '≤' : '<'} ${String(p.limit)}`, `must be ${e.keyword === 'maximum' ? '≤' : '<'} ${String(p.limit)}`);
        break;
      case 'minItems':
      case 'minProperties':
        item = fieldError(at(), e.keyword, `至少需要${String(p.limit)}项`, `needs at least ${String(p.limit)} entries`);
        break;
      case 'maxItems':
      case 'maxProperties':
        item = fieldError(at(), e.keyword, `最多${String(p.limit)}项`, `allows at most ${String(p.limit)} entries`);
        break;
      case 'enum':
      case 'const': {
        const allowed = (p.allowedValues as unknown[] | undefined) ?? constValues.get(e.instancePath) ?? [p.allowedValue];
        item = fieldError(at(), 'enum', `应为以下之一：${allowed.join('、')}`, `must be one of: ${allowed.join(', ')}`);
        break;
      }
      case 'anyOf':
      case 'oneOf':
        // The branches' own errors are more precise; only fall back to this when alone.
        continue;
      default:
        item = fieldError(at(), e.keyword, `不符合规则 ${e.keyword}`, `breaks the rule ${e.keyword}`);
    }
    const key = `${item.field}|${item.rule}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  if (out.length === 0 && errors[0]) {
    const e = errors[0];
    const field = e.instancePath.split('/').filter(Boolean).join('.') || context;
    out.push(fieldError(field, e.keyword, '不符合任何可接受的形式', 'matches none of the accepted forms'));
  }
  return out;
}
