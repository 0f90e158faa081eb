/**
 * Supervision items (督查督办) on targets: the programme office issues an item (督办件) on a target
 * to its lead or a supporting unit with a deadline; the unit answers; the office closes it with a
 * closing record (结案意见) or returns it with a reason, and the unit answers again. Every step is
 * kept. An item past its deadline and not closed shows as overdue (逾期); one still awaiting the
 * unit's answer is escalated once to the programme office by the daily job.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common.js';
import { Instant } from './time.js';
import { TargetUnit } from './targets.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const SUPERVISION_STATUSES = ['open', 'answered', 'returned', 'closed'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export const SUPERVISION_STATUS_LABELS: Record<SupervisionStatus, { zh: string; en: string }> = {
  open: { zh: '待答复', en: 'Awaiting answer' },
  answered: { zh: '已答复', en: 'Answered' },
  returned: { zh: '已退回', en: 'Returned' },
  closed: { zh: '已办结', en: 'Closed' },
};
export const SUPERVISION_OVERDUE_LABEL = { zh: '逾期', en: 'Overdue' };

export const SUPERVISION_LEVELS = ['general', 'key'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];
export const SUPERVISION_LEVEL_LABELS: Record<SupervisionLevel, { zh: string; en: string }> = {
  general: { zh: '一般督办', en: 'Standard' },
  key: { zh: '重点督办', en: 'Priority' },
};

export const SUPERVISION_ACTIONS = ['issued', 'answered', 'returned', 'closed', 'escalated'] as const;
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number];
export const SUPERVISION_ACTION_LABELS: Record<SupervisionAction, { zh: string; en: string }> = {
  issued: { zh: '交办', en: 'Issued' },
  answered: { zh: '答复', en: 'Answered' },
  returned: { zh: '退回', en: 'Returned' },
  closed: { zh: '办结', en: 'Closed' },
  escalated: { zh: '逾期，报双创办', en: 'Overdue, escalated to the office' },
};

const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;

/** One step of an item's history: who, when, what. */
export const SupervisionStep = Type.Object({
  action: oneOf(SUPERVISION_ACTIONS),
  text: Type.Union([Type.String(), Type.Null()]),
  /** The person (empty for the daily job's escalation). */
  by: Type.String(),
  /** The unit the person acted for (the responsible unit's answers), else null. */
  organisation: Type.Union([Type.String(), Type.Null()]),
  at: Instant,
});
export type SupervisionStep = Static<typeof SupervisionStep>;

export const SupervisionItemView = Type.Object({
  id: Uuid,
  target: Type.Object({ id: Uuid, title: Text, regionName: Type.String() }),
  organisation: TargetUnit,
  subject: Type.String(),
  request: Type.String(),
  level: oneOf(SUPERVISION_LEVELS),
  deadline: IsoDate,
  status: oneOf(SUPERVISION_STATUSES),
  /** Past its deadline and not closed. */
  overdue: Type.Boolean(),
  /** Escalated to the programme office by the daily job (once). */
  escalated: Type.Boolean(),
  issuedBy: Type.String(),
  issuedAt: Instant,
  closedAt: Type.Union([Instant, Type.Null()]),
  /** A member of the responsible unit, and the item awaits its answer. */
  canAnswer: Type.Boolean(),
  /** The programme office, and the item awaits its decision (close or return). */
  canDecide: Type.Boolean(),
  history: Type.Array(SupervisionStep),
});
export type SupervisionItemView = Static<typeof SupervisionItemView>;

export const SupervisionList = Type.Object({
  asOf: IsoDate,
  items: Type.Array(SupervisionItemView),
  /** Counts by status over the items in view before the status filter, and how many are overdue. */
  byStatus: Type.Array(Type.Object({ status: oneOf(SUPERVISION_STATUSES), count: Type.Integer() })),
  overdue: Type.Integer(),
});
export type SupervisionList = Static<typeof SupervisionList>;

export const SupervisionQuery = Type.Object(
  {
    targetId: Type.Optional(Uuid),
    status: Type.Optional(literals([...SUPERVISION_STATUSES, 'overdue'] as const)),
  },
  { additionalProperties: false },
);
export type SupervisionQuery = Static<typeof SupervisionQuery>;

export const SupervisionIssueBody = Type.Object(
  {
    targetId: Uuid,
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    request: Type.String({ minLength: 1, maxLength: 4000 }),
    deadline: IsoDate,
    /** The responsible unit: the target's lead unit when absent, else its lead or a supporting unit. */
    organisationId: Type.Optional(Uuid),
    level: Type.Optional(literals(SUPERVISION_LEVELS)),
  },
  { additionalProperties: false },
);
export type SupervisionIssueBody = Static<typeof SupervisionIssueBody>;

export const SupervisionTextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
export type SupervisionTextBody = Static<typeof SupervisionTextBody>;

export const SupervisionItemParams = Type.Object({ itemId: Uuid }, { additionalProperties: false });
export type SupervisionItemParams = Static<typeof SupervisionItemParams>;
