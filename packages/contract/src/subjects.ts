import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common.js';
import { LocalisedText } from './problem.js';

/** Who a profile (一企一档) is of: the catalogue's entities. An item of an entity is evaluated against the profiles of that kind. */
export const SUBJECT_KINDS = ['enterprise', 'person', 'carrier', 'provider', 'institution'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const FactValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const Fact = Type.Object({
  value: FactValue,
  source: Type.String({ description: '`declared`, `computed` or `registry:<name>`' }),
  verified: Type.Boolean(),
  asOf: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String(),
  label: LocalisedText,
  type: Type.String(),
});
export type Fact = Static<typeof Fact>;

export const SubjectSummary = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
});
export type SubjectSummary = Static<typeof SubjectSummary>;

export const SubjectProfile = Type.Object({
  id: Uuid,
  kind: Type.String(),
  name: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  facts: Type.Record(Type.String(), Fact),
  computed: Type.Object({
    sizeClass: Type.Optional(
      Type.Object({
        value: Type.Union([Type.String(), Type.Null()]),
        label: LocalisedText,
        reason: LocalisedText,
        rule: Type.String(),
      }),
    ),
  }),
});
export type SubjectProfile = Static<typeof SubjectProfile>;

/**
 * A fact a profile holds, as the registry (catalog/variables.yaml) defines it: what the web's
 * profile form shows and checks with the same checkValue as the server (@seedbed/rules/values).
 */
export const ProfileVariable = Type.Object({
  name: Type.String(),
  entity: Type.Array(Type.String()),
  type: Type.String({ description: 'boolean | integer | number | money | date | string | enum | region | string_list' }),
  format: Type.Union([Type.String({ description: 'credit_code | id_number | industry' }), Type.Null()]),
  unit: Type.Union([Type.String(), Type.Null()]),
  label: LocalisedText,
  values: Type.Union([Type.Array(Type.Object({ value: Type.String(), label: LocalisedText })), Type.Null()]),
  min: Type.Union([Type.Number(), Type.Null()]),
  max: Type.Union([Type.Number(), Type.Null()]),
  maxFutureDays: Type.Union([Type.Integer(), Type.Null()]),
  personal: Type.Boolean(),
});
export type ProfileVariable = Static<typeof ProfileVariable>;
export const ProfileVariableList = Type.Object({ items: Type.Array(ProfileVariable) });
export type ProfileVariableList = Static<typeof ProfileVariableList>;

export const UpdateFactsBody = Type.Object(
  {
    facts: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), FactValue, { minProperties: 1, maxProperties: 100 }),
    asOf: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type UpdateFactsBody = Static<typeof UpdateFactsBody>;

export const VerifyFactsBody = Type.Object(
  {
    facts: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), FactValue, { minProperties: 1, maxProperties: 100 }),
    registry: Type.String({ minLength: 2, maxLength: 60, pattern: '^[a-z][a-z0-9_]*$', description: 'Registry that confirmed the facts, e.g. market_regulation' }),
    asOf: IsoDate,
  },
  { additionalProperties: false },
);
export type VerifyFactsBody = Static<typeof VerifyFactsBody>;

export const CreateEnterpriseBody = Type.Object(
  {
    creditCode: Type.String({ minLength: 1, maxLength: 18 }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    regionCode: Type.String({ pattern: '^\\d{6}$' }),
  },
  { additionalProperties: false },
);
export type CreateEnterpriseBody = Static<typeof CreateEnterpriseBody>;
