import { Type, type Static } from '@sinclair/typebox';
import { Instant } from './time.js';

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Instant,
  actorUserId: Type.Union([Type.String(), Type.Null()]),
  actor: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    entityType: Type.Optional(Type.String({ maxLength: 60 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditList = Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() });

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBroken: Type.Optional(Type.Object({ id: Type.Integer(), reason: Type.String() })),
  /** The signed checkpoints anchoring the chain outside the database; records after the last one are protected by the hash chain only. */
  checkpoints: Type.Optional(
    Type.Object({
      count: Type.Integer(),
      lastHeadId: Type.Union([Type.Integer(), Type.Null()]),
      lastAt: Type.Union([Instant, Type.Null()]),
      unanchored: Type.Integer(),
    }),
  ),
});
export type AuditVerification = Static<typeof AuditVerification>;
