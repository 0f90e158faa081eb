import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { Instant, InstantRange } from '@seedbed/contract';
import { compileValidator, fieldErrorsFrom, TEXT_INTEGER_MAX } from './validation.js';

/** The field errors a part of a request gets, or [] when it is accepted. */
function check(schema: object, part: string, data: unknown) {
  const validate = compileValidator(schema, part);
  return validate(data) ? [] : fieldErrorsFrom(validate.errors ?? [], part).map((e) => `${e.field} ${e.rule}`);
}

const Body = Type.Object(
  {
    name: Type.String({ maxLength: 100 }),
    amount: Type.Optional(Type.Integer({ minimum: 0 })),
    ratio: Type.Optional(Type.Number()),
    answers: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    tags: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

describe('text a database can store and a person can read', () => {
  it('refuses NUL anywhere in a body, naming the field, whatever the schema allows there', () => {
    expect(check(Body, 'body', { name: 'a\u0000b' })).toEqual(['name no_nul']);
    expect(check(Body, 'body', { name: 'ok', tags: ['x', '\u0000'] })).toEqual(['tags.1 no_nul']);
    expect(check(Body, 'body', { name: 'ok', answers: { q: { deep: ['\u0000'] } } })).toEqual(['answers.q.deep.0 no_nul']);
    // In a key: the field is named without echoing the character.
    expect(check(Body, 'body', { name: 'ok', answers: { 'k\u0000': 1 } })).toEqual(['answers.k\\0 no_nul']);
  });

  it('refuses lone surrogates, and accepts pairs (emoji) and ordinary Chinese', () => {
    expect(check(Body, 'body', { name: 'a\ud800' })).toEqual(['name well_formed_unicode']);
    expect(check(Body, 'body', { name: '\udc00a' })).toEqual(['name well_formed_unicode']);
    expect(check(Body, 'body', { name: 'ok', answers: { ['\ud83d']: 1 } })).toEqual(['answers.\ufffd well_formed_unicode']);
    expect(check(Body, 'body', { name: '南宁青禾 😀' })).toEqual([]);
  });

  it('checks query strings and path parameters the same way', () => {
    const Query = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) });
    expect(check(Query, 'querystring', { q: 'a\u0000' })).toEqual(['querystring.q no_nul']);
    expect(check(Query, 'querystring', { q: 'a\ud800' })).toEqual(['querystring.q well_formed_unicode']);
    expect(check(Type.Object({ id: Type.String() }), 'params', { id: '\u0000' })).toEqual(['params.id no_nul']);
  });
});

describe('numbers a database can store', () => {
  it('refuses infinite numbers (1e400) and numbers beyond 2^53 - 1 (30 digits) in bodies', () => {
    expect(check(Body, 'body', { name: 'ok', amount: Infinity })).not.toEqual([]);
    expect(check(Body, 'body', { name: 'ok', ratio: Infinity })).toEqual(['ratio finite']);
    expect(check(Body, 'body', { name: 'ok', amount: 1e29 })).toEqual(['amount safe_integer']);
    expect(check(Body, 'body', { name: 'ok', answers: { n: -1e29 } })).toEqual(['answers.n safe_integer']);
    expect(check(Body, 'body', { name: 'ok', amount: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });

  it('refuses 1e400 and 30 digits in query strings and paths, and bounds their whole numbers to PostgreSQL integer', () => {
    const Query = Type.Object({ offset: Type.Optional(Type.Integer({ minimum: 0 })), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
    expect(check(Query, 'querystring', { offset: '1e400' })).toEqual(['querystring.offset type:integer']);
    expect(check(Query, 'querystring', { offset: '123456789012345678901234567890' })).toEqual(['querystring.offset maximum']);
    expect(check(Query, 'querystring', { offset: String(TEXT_INTEGER_MAX + 1) })).toEqual(['querystring.offset maximum']);
    expect(check(Query, 'querystring', { offset: String(TEXT_INTEGER_MAX) })).toEqual([]);
    expect(check(Query, 'querystring', { offset: '1.5' })).toEqual(['querystring.offset type:integer']);
    expect(check(Query, 'querystring', { year: '2026' })).toEqual([]);
    const Params = Type.Object({ version: Type.Integer({ minimum: 1 }) });
    expect(check(Params, 'params', { version: '-1' })).toEqual(['params.version minimum']);
    expect(check(Params, 'params', { version: '9223372036854775808' })).toEqual(['params.version maximum']);
    const Num = Type.Object({ x: Type.Number() });
    expect(check(Num, 'querystring', { x: '1e400' })).toEqual(['querystring.x type:number']);
    expect(check(Num, 'querystring', { x: '-12.50' })).toEqual([]);
  });

  it('reads a number in a query string or path only from plain decimal digits, as a person writes it', () => {
    const Query = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), ids: Type.Optional(Type.Array(Type.Integer())) });
    // Each of these is a number to JavaScript (and to ajv's coercion): 2026 in hexadecimal, with a space, exponent, sign, trailing dot.
    for (const text of ['0x7EA', ' 2026', '2026 ', '2.026e3', '+2026', '2026.', '02026', '']) {
      expect(check(Query, 'querystring', { year: text }), JSON.stringify(text)).toEqual(['querystring.year type:integer']);
    }
    expect(check(Query, 'querystring', { year: '2026' })).toEqual([]);
    expect(check(Query, 'querystring', { ids: ['1', '0x2'] })).toEqual(['querystring.ids type:integer']);
    const Num = Type.Object({ x: Type.Number() });
    for (const text of ['1e3', '.5', 'Infinity', 'NaN', '0b1']) expect(check(Num, 'params', { x: text }), text).toEqual(['params.x type:number']);
  });
});

describe('instants and ranges of instants', () => {
  const Booking = Type.Object(
    { at: Type.Optional(Instant), during: Type.Optional(InstantRange), slots: Type.Optional(Type.Array(InstantRange)) },
    { additionalProperties: false },
  );

  it('accepts RFC 3339 instants with an offset', () => {
    expect(check(Booking, 'body', { at: '2026-12-03T09:30:00+08:00' })).toEqual([]);
    expect(check(Booking, 'body', { at: '2026-12-03T01:30:00.000Z' })).toEqual([]);
    expect(check(Booking, 'body', { at: '2024-02-29T09:30:00+08:00' })).toEqual([]);
  });

  it('refuses what ajv-formats alone would take, and days and hours that do not exist, naming the field', () => {
    for (const bad of ['2026-12-03T09:30:00', '2026-12-03 09:30:00+08:00', '2026-12-03t09:30:00z', '2026-12-31T23:59:60Z', '2026-12-03T09:30:00+0800'])
      expect(check(Booking, 'body', { at: bad }), bad).toEqual(['at format:date-time']);
    for (const bad of ['2026-02-30T09:30:00+08:00', '2026-02-29T09:30:00+08:00', '2026-12-03T24:00:00+08:00', '2026-12-03T09:30:00+15:00'])
      expect(check(Booking, 'body', { at: bad }), bad).toEqual(['at format:date-time']);
    expect(check(Type.Object({ from: Instant }), 'querystring', { from: '2026-12-03T09:30:00' })).toEqual(['querystring.from format:date-time']);
  });

  it('says what an instant must look like, in both languages', () => {
    const validate = compileValidator(Booking, 'body');
    expect(validate({ at: '2026-12-03T09:30:00' })).toBe(false);
    const [error] = fieldErrorsFrom(validate.errors ?? [], 'body');
    expect(error?.message.zh).toContain('2026-12-03T09:30:00+08:00');
    expect(error?.message.en).toContain('an instant with its offset');
  });

  it('requires a range to end after it starts, comparing moments rather than texts', () => {
    const during = (start: string, end: string) => ({ during: { start, end } });
    expect(check(Booking, 'body', during('2026-12-03T09:30:00+08:00', '2026-12-03T10:30:00+08:00'))).toEqual([]);
    expect(check(Booking, 'body', during('2026-12-03T09:30:00+08:00', '2026-12-03T09:30:00+08:00'))).toEqual(['during.end instant_range']);
    expect(check(Booking, 'body', during('2026-12-03T09:30:00+08:00', '2026-12-03T01:00:00Z'))).toEqual(['during.end instant_range']);
    expect(check(Booking, 'body', during('2026-12-03T09:30:00+08:00', '2026-12-03T02:00:00Z'))).toEqual([]);
    expect(check(Booking, 'body', { slots: [{ start: '2026-12-03T01:00:00Z', end: '2026-12-03T02:00:00Z' }, { start: '2026-12-03T02:00:00Z', end: '2026-12-03T02:00:00Z' }] })).toEqual([
      'slots.1.end instant_range',
    ]);
    // A malformed bound is reported as such, not also as a misordered range.
    expect(check(Booking, 'body', during('2026-12-03T09:30:00', '2026-12-03T01:00:00Z'))).toEqual(['during.start format:date-time']);
    expect(check(Booking, 'body', { during: { start: '2026-12-03T01:00:00Z' } })).toEqual(['during.end required']);
    expect(check(InstantRange, 'body', { start: '2026-12-03T02:00:00Z', end: '2026-12-03T01:00:00Z' })).toEqual(['end instant_range']);
  });
});
