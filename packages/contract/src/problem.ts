import { Type, type Static } from '@sinclair/typebox';

/** A sentence in both interface languages; Chinese is the primary one. */
export const LocalisedText = Type.Object(
  { zh: Type.String(), en: Type.String() },
  { additionalProperties: false },
);
export type LocalisedText = Static<typeof LocalisedText>;

export const FieldError = Type.Object(
  {
    field: Type.String({ description: 'Dotted path of the offending field, e.g. `facts.employees`' }),
    rule: Type.String({ description: 'The rule it broke, e.g. `required`, `format:date`, `check_character`' }),
    message: LocalisedText,
  },
  { additionalProperties: false },
);
export type FieldError = Static<typeof FieldError>;

/** RFC 9457 problem details, with a stable `code` and messages in Chinese and English. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable machine-readable error code' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    message: LocalisedText,
    errors: Type.Optional(Type.Array(FieldError)),
    requestId: Type.Optional(Type.String()),
  },
);
export type Problem = Static<typeof Problem>;

export const problemTypeUri = (code: string): string => `https://seedbed.example/problems/${code.toLowerCase()}`;
