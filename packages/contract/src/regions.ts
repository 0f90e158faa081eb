import { Type, type Static } from '@sinclair/typebox';

export const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer({ minimum: 1, maximum: 3, description: '1 province, 2 city, 3 district/county/zone' }),
  parentCode: Type.Union([Type.String(), Type.Null()]),
});
export type Region = Static<typeof Region>;

export const RegionQuery = Type.Object(
  { parent: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) },
  { additionalProperties: false },
);
export type RegionQuery = Static<typeof RegionQuery>;

export const RegionList = Type.Object({ items: Type.Array(Region), source: Type.String() });

export const Industry = Type.Object({
  code: Type.String({ description: 'Section letter + division digits, e.g. I65' }),
  name: Type.String(),
  section: Type.String(),
});
export type Industry = Static<typeof Industry>;
export const IndustryList = Type.Object({ items: Type.Array(Industry), source: Type.String() });
