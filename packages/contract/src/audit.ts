import { Type, type Static } from '@sinclair/typebox';
import { IsoDate } from './common.js';
import { LocalisedText } from './problem.js';
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
  /** The actor as people read it: a name, the platform, or a member of the public. */
  actorName: LocalisedText,
  /** The kind of action (AuditList.kinds), when it has one. */
  kind: Type.Union([Type.String(), Type.Null()]),
  kindLabel: Type.Union([LocalisedText, Type.Null()]),
  /** The object's human name (an application: its applicant and item). */
  objectLabel: Type.Union([LocalisedText, Type.Null()]),
  /** The entry as a sentence: "蒙佳 受理了 南宁某某科技有限公司 的 工业新产品补助 申请". */
  sentence: LocalisedText,
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    entityType: Type.Optional(Type.String({ maxLength: 60 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    /** Part of the actor's name or account name. */
    who: Type.Optional(Type.String({ maxLength: 60 })),
    /** A kind of action (AuditList.kinds). */
    kind: Type.Optional(Type.String({ maxLength: 30 })),
    /** Calendar days in Asia/Shanghai, both included. */
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** The export takes the list's filters, without paging. */
export const AuditExportQuery = Type.Omit(AuditQuery, ['limit', 'before'], { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

const Choice = Type.Object({ key: Type.String(), label: LocalisedText });

export const AuditList = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer(),
  /** The kinds of action and of object to filter by. */
  kinds: Type.Array(Choice),
  objectTypes: Type.Array(Choice),
});
export type AuditList = Static<typeof AuditList>;

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
