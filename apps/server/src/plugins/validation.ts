import { Ajv, type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isInstant, parseInstant, rangeOrderError, START_BEFORE_END, type FieldError } from '@seedbed/contract';
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
  // Instants as the contract defines them (offset required, a real day and time, at most
  // milliseconds): stricter than ajv-formats, which also takes a space for `T`, lowercase, leap
  // seconds and offsets without a colon.
  ajv.addFormat('date-time', { type: 'string', validate: isInstant });
  ajv.addKeyword({ keyword: START_BEFORE_END, type: 'object', schemaType: 'boolean', errors: true, validate: startBeforeEnd });
  return ajv;
}

/**
 * The `x-start-before-end` keyword (contract `InstantRange`): when both `start` and `end` are
 * instants, `end` must be later. Instants that are malformed are left to their own format error.
 */
const startBeforeEnd: SchemaValidateFunction = (enabled: boolean, data: Record<string, unknown>): boolean => {
  if (!enabled) return true;
  const { start, end } = data;
  if (typeof start !== 'string' || typeof end !== 'string') return true;
  const s = parseInstant(start);
  const e = parseInstant(end);
  if (s === null || e === null || s < e) return true;
  // No instancePath: ajv fills in the path of the object the keyword sits on.
  startBeforeEnd.errors = [{ keyword: START_BEFORE_END, params: {}, message: 'end must be later than start' }];
  return false;
};

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

/** Whole numbers in a path or query string fit PostgreSQL's `integer` unless their schema says otherwise. */
export const TEXT_INTEGER_MIN = -2147483648;
export const TEXT_INTEGER_MAX = 2147483647;

/** A validator as Fastify calls it: true when the data is acceptable, otherwise `errors` says why. */
export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * The validator of one part of a request (body, query string, path parameters, headers):
 * 1. every string and every object key must be text PostgreSQL can store and a person can read:
 *    no NUL character (`no_nul`) and no lone UTF-16 surrogate (`well_formed_unicode`) — checked
 *    before the schema, so that no handler ever sees them, whatever its schema says;
 * 2. the schema (strict for bodies; coercing for text parts, whose whole numbers are bounded to
 *    PostgreSQL's `integer` when their schema sets no bound);
 * 3. every number, after coercion, is finite (`finite`: `1e400` parses to Infinity) and within
 *    ±(2^53 − 1) (`safe_integer`: a 30-digit number has already lost its last digits).
 */
export function compileValidator(schema: object, httpPart: string | undefined): Validator {
  const isBody = httpPart === 'body';
  const validate: ValidateFunction = isBody ? bodyAjv.compile(schema) : textAjv.compile(boundTextIntegers(schema) as object);
  const validator: Validator = (data: unknown) => {
    const badText = findBadText(data, '');
    if (badText) {
      validator.errors = [badText];
      return false;
    }
    // Read before ajv coerces the text; the schema's errors of other fields come first, and the
    // text's error replaces what the schema said of the coerced value of that field.
    const loose = isBody ? null : findLooseNumberText(schema, data);
    if (!validate(data) || loose) {
      const schemaErrors = (validate.errors ?? []).filter((e) => !loose || e.instancePath !== loose.instancePath);
      validator.errors = loose ? [...schemaErrors, loose] : schemaErrors;
      return false;
    }
    const badNumber = findBadNumber(data, '');
    if (badNumber) {
      validator.errors = [badNumber];
      return false;
    }
    validator.errors = null;
    return true;
  };
  return validator;
}

const INTEGER_TEXT = /^-?(0|[1-9]\d*)$/;
const NUMBER_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * A number in a path or query string written as plain decimal digits: ajv's coercion would also
 * read ' 12', '0x10', '1e3', '12.' or '+5' as numbers, so `?year=0x7EA` would mean 2026. The
 * text of each property whose schema is an integer or a number is checked before coercion.
 */
function findLooseNumberText(schema: object, data: unknown): ErrorObject | null {
  type Part = { type?: unknown; items?: Part };
  const properties = (schema as { properties?: Record<string, Part> }).properties;
  if (!properties || !data || typeof data !== 'object') return null;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const property = properties[key];
    // A list (?ids=1&ids=2) is checked by the type of its items.
    const types = [(property?.type === 'array' ? property.items : property)?.type].flat();
    const integer = types.includes('integer');
    if (!integer && !types.includes('number')) continue;
    for (const text of [value].flat()) {
      if (typeof text !== 'string' || (integer ? INTEGER_TEXT : NUMBER_TEXT).test(text)) continue;
      return { keyword: 'type', instancePath: pointer('', key), schemaPath: '#', params: { type: integer ? 'integer' : 'number' }, message: `must be ${integer ? 'integer' : 'number'}` };
    }
  }
  return null;
}

/** A copy of a text part's schema where whole numbers without bounds get PostgreSQL `integer` bounds. */
function boundTextIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundTextIntegers);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(schema)) out[key] = boundTextIntegers((schema as Record<string | symbol, unknown>)[key]);
  const types = [out.type].flat();
  if (types.includes('integer')) {
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = TEXT_INTEGER_MAX;
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = TEXT_INTEGER_MIN;
  }
  return out;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const pointer = (path: string, key: string | number) => `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
/** A key fit to appear in a field name (the bad characters themselves are not echoed). */
// eslint-disable-next-line no-control-regex
const printable = (key: string) => key.replace(/\u0000/g, '\\0').replace(/[\ud800-\udfff]/g, '\ufffd');

function textError(instancePath: string, text: string): ErrorObject | null {
  if (text.includes('\u0000')) return { keyword: 'no_nul', instancePath, schemaPath: '#', params: {}, message: 'must not contain NUL' };
  if (LONE_SURROGATE.test(text)) return { keyword: 'well_formed_unicode', instancePath, schemaPath: '#', params: {}, message: 'must be well-formed Unicode' };
  return null;
}

/** The first string or object key in `data` that is not storable text, as an ajv-style error. */
export function findBadText(data: unknown, path: string): ErrorObject | null {
  if (typeof data === 'string') return textError(path, data);
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const bad = findBadText(data[i], pointer(path, i));
      if (bad) return bad;
    }
    return null;
  }
  if (data && typeof data === 'object' && !Buffer.isBuffer(data)) {
    for (const [key, value] of Object.entries(data)) {
      const keyError = textError(pointer(path, printable(key)), key);
      if (keyError) return keyError;
      const bad = findBadText(value, pointer(path, key));
      if (bad) return bad;
    }
  }
  return null;
}

/** The first number in `data` that is not finite or beyond ±(2^53 − 1), as an ajv-style error. */
export function findBadNumber(data: unknown, path: string): ErrorObject | null {
  if (typeof data === 'number') {
    if (!Number.isFinite(data)) return { keyword: 'finite', instancePath: path, schemaPath: '#', params: {}, message: 'must be finite' };
    if (Math.abs(data) > Number.MAX_SAFE_INTEGER) return { keyword: 'safe_integer', instancePath: path, schemaPath: '#', params: {}, message: 'is out of range' };
    return null;
  }
  if (Array.isArray(data)) {
    for (let i = 0; i < data.length; i++) {
      const bad = findBadNumber(data[i], pointer(path, i));
      if (bad) return bad;
    }
    return null;
  }
  if (data && typeof data === 'object' && !Buffer.isBuffer(data)) {
    for (const [key, value] of Object.entries(data)) {
      const bad = findBadNumber(value, pointer(path, key));
      if (bad) return bad;
    }
  }
  return null;
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
  'date-time': ['带时区的时间（如 2026-12-03T09:30:00+08:00）', 'an instant with its offset (e.g. 2026-12-03T09:30:00+08:00)'],
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
      case 'no_nul':
        item = fieldError(at(), 'no_nul', '不能包含空字符（U+0000）', 'must not contain the NUL character (U+0000)');
        break;
      case 'well_formed_unicode':
        item = fieldError(at(), 'well_formed_unicode', '包含无效的 Unicode 字符（孤立的代理项）', 'contains invalid Unicode (a lone surrogate)');
        break;
      case 'finite':
        item = fieldError(at(), 'finite', '应为有限的数字', 'must be a finite number');
        break;
      case 'safe_integer':
        item = fieldError(at(), 'safe_integer', `应在 ±${Number.MAX_SAFE_INTEGER} 之内`, `must be within ±${Number.MAX_SAFE_INTEGER}`);
        break;
      case START_BEFORE_END:
        item = { ...rangeOrderError(''), field: at('end') };
        break;
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
