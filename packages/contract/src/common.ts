import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const IsoDate = Type.String({ format: 'date', description: 'Calendar date YYYY-MM-DD (Asia/Shanghai)' });
export const RegionCode = Type.String({ pattern: '^[1-8]\\d{5}$', description: 'GB/T 2260 region code' });
export const Uuid = Type.String({ format: 'uuid' });
export const Fen = Type.Integer({ minimum: 0, description: 'Money in fen (分), integer' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const ListOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) });
/** The type of a `ListOf(item)` answer. */
export interface List<T> {
  items: T[];
  total: number;
}

export const Ok = Type.Object({ ok: Type.Literal(true) });
