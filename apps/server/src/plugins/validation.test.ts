import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
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
    expect(check(Query, 'querystring', { offset: '1e400' })).toEqual(['querystring.offset maximum']);
    expect(check(Query, 'querystring', { offset: '123456789012345678901234567890' })).toEqual(['querystring.offset maximum']);
    expect(check(Query, 'querystring', { offset: String(TEXT_INTEGER_MAX + 1) })).toEqual(['querystring.offset maximum']);
    expect(check(Query, 'querystring', { offset: String(TEXT_INTEGER_MAX) })).toEqual([]);
    expect(check(Query, 'querystring', { offset: '1.5' })).toEqual(['querystring.offset type:integer']);
    expect(check(Query, 'querystring', { year: '2026' })).toEqual([]);
    const Params = Type.Object({ version: Type.Integer({ minimum: 1 }) });
    expect(check(Params, 'params', { version: '-1' })).toEqual(['params.version minimum']);
    expect(check(Params, 'params', { version: '9223372036854775808' })).toEqual(['params.version maximum']);
    const Num = Type.Object({ x: Type.Number() });
    expect(check(Num, 'querystring', { x: '1e400' })).toEqual(['querystring.x finite']);
  });
});
