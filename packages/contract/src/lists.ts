/**
 * Lists (清单): each department's 涉企收费目录清单 (fee list) and 权责清单 (power and
 * responsibility list), published in numbered revisions with their legal basis and a change note;
 * the public sees every revision's changes row by row and field by field. "Charged but not on the
 * list" (乱收费) complaints are routed to the department and answered within working days.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, Uuid } from './common.js';
import { Instant } from './time.js';

export const LIST_KINDS = ['fee', 'power'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const LIST_KIND_LABELS: Record<ListKind, { zh: string; en: string }> = {
  fee: { zh: '涉企收费目录清单', en: 'Fees charged to enterprises' },
  power: { zh: '权责清单', en: 'Powers and responsibilities' },
};
/** The fields of a row of each kind, in order; the first names the row (the diff matches rows by it). */
export const LIST_FIELDS: Record<ListKind, readonly { key: string; zh: string; en: string }[]> = {
  fee: [
    { key: 'item', zh: '收费项目', en: 'Fee' },
    { key: 'body', zh: '收费单位', en: 'Charging body' },
    { key: 'basis', zh: '设立依据', en: 'Legal basis' },
    { key: 'standard', zh: '收费标准', en: 'Standard' },
    { key: 'scope', zh: '适用范围', en: 'Scope' },
  ],
  power: [
    { key: 'item', zh: '权力事项', en: 'Power' },
    { key: 'kind', zh: '权力类型', en: 'Kind' },
    { key: 'basis', zh: '设定依据', en: 'Legal basis' },
    { key: 'department', zh: '责任部门', en: 'Responsible department' },
  ],
};
/** Days to answer a complaint, in working days (the working calendar). */
export const COMPLAINT_WORKING_DAYS = 15;

const ListKindSchema = Type.Union([Type.Literal('fee'), Type.Literal('power')]);
export const ListRow = Type.Record(Type.String({ pattern: '^(item|body|basis|standard|scope|kind|department)$' }), Type.String({ maxLength: 500 }));
export type ListRow = Static<typeof ListRow>;

export const ListBody = Type.Object({ kind: ListKindSchema, title: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
export type ListBody = Static<typeof ListBody>;

export const RevisionBody = Type.Object(
  {
    legalBasis: Type.String({ maxLength: 500, description: 'the decision or document the revision rests on' }),
    changeNote: Type.String({ maxLength: 1000 }),
    rows: Type.Array(ListRow, { maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type RevisionBody = Static<typeof RevisionBody>;

export const FieldChange = Type.Object({ field: Type.String(), before: Type.String(), after: Type.String() });
export type FieldChange = Static<typeof FieldChange>;
export const RevisionDiff = Type.Object({
  added: Type.Array(ListRow),
  removed: Type.Array(ListRow),
  changed: Type.Array(Type.Object({ item: Type.String(), fields: Type.Array(FieldChange) })),
});
export type RevisionDiff = Static<typeof RevisionDiff>;

export const Revision = Type.Object({
  number: Type.Integer(),
  legalBasis: Type.String(),
  changeNote: Type.String(),
  publishedAt: Instant,
  publishedBy: Type.String(),
  diff: RevisionDiff,
});
export type Revision = Static<typeof Revision>;

export const ListSummary = Type.Object({
  id: Uuid,
  kind: ListKindSchema,
  title: Type.String(),
  department: Type.String(),
  revision: Type.Union([Type.Integer(), Type.Null()]),
  updatedAt: Type.Union([Instant, Type.Null()]),
  rows: Type.Integer(),
});
export type ListSummary = Static<typeof ListSummary>;

export const ListPage = Type.Composite([
  ListSummary,
  Type.Object({
    current: Type.Array(ListRow),
    revisions: Type.Array(Revision, { description: 'newest first, each with its changes against the one before' }),
    mayRevise: Type.Boolean(),
  }),
]);
export type ListPage = Static<typeof ListPage>;

export const ComplaintBody = Type.Object(
  {
    listId: Uuid,
    chargedBy: Type.String({ maxLength: 100 }),
    what: Type.String({ maxLength: 1000 }),
    amountFen: Fen,
    chargedOn: IsoDate,
    contactName: Type.Union([Type.String({ maxLength: 50 }), Type.Null()], { description: 'required when not signed in; never published' }),
    contactPhone: Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: 'required when not signed in; never published' }),
  },
  { additionalProperties: false },
);
export type ComplaintBody = Static<typeof ComplaintBody>;

export const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 2000 }) }, { additionalProperties: false });
export type AnswerBody = Static<typeof AnswerBody>;

/** A complaint as published: no complainant's name, contact or account. */
export const PublicComplaint = Type.Object({
  id: Uuid,
  list: Type.String(),
  department: Type.String(),
  chargedBy: Type.String(),
  what: Type.String(),
  amountFen: Type.Integer(),
  chargedOn: IsoDate,
  filedAt: Instant,
  dueOn: IsoDate,
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Instant, Type.Null()]),
  overdue: Type.Boolean(),
});
export type PublicComplaint = Static<typeof PublicComplaint>;

/** A complaint as its department sees it: with the contact, to reach the complainant. */
export const DepartmentComplaint = Type.Composite([PublicComplaint, Type.Object({ contact: Type.String() })]);
export type DepartmentComplaint = Static<typeof DepartmentComplaint>;
