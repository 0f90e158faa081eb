/**
 * Start-up training (创业培训): courses run by training providers (SYB, 创业培训, 网创), enrolment up
 * to the course's capacity, attendance per session, completion at 80% of the hours with a
 * printable certificate, and the follow-up six months later (started a business, found work).
 * Completion writes the facts the catalogue's training-subsidy items read onto the trainee's
 * profile. Dates YYYY-MM-DD; hours whole hours; money integer fen.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

export const COURSE_KINDS = ['syb', 'startup', 'online_startup', 'improve'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];
export const COURSE_KIND_LABELS: Record<CourseKind, { zh: string; en: string }> = {
  syb: { zh: 'SYB创业培训（创办你的企业）', en: 'SYB (Start Your Business)' },
  startup: { zh: '创业培训', en: 'Start-up training' },
  online_startup: { zh: '网络创业培训（网创）', en: 'Online business start-up training' },
  improve: { zh: 'IYB改善你的企业', en: 'IYB (Improve Your Business)' },
};

export const FOLLOW_UP_OUTCOMES = ['started_business', 'employed', 'neither', 'unreachable'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const FOLLOW_UP_OUTCOME_LABELS: Record<FollowUpOutcome, { zh: string; en: string }> = {
  started_business: { zh: '已创业', en: 'Started a business' },
  employed: { zh: '已就业', en: 'Found work' },
  neither: { zh: '尚未创业或就业', en: 'Neither yet' },
  unreachable: { zh: '无法联系', en: 'Could not be reached' },
};

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'not_completed', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, { zh: string; en: string }> = {
  enrolled: { zh: '在学', en: 'Enrolled' },
  completed: { zh: '已结业', en: 'Completed' },
  not_completed: { zh: '未达结业要求', en: 'Did not complete' },
  withdrawn: { zh: '已退出', en: 'Withdrew' },
};

/** Share of a course's hours a trainee attends to complete it (创业培训合格: 出勤不少于80%). */
export const COMPLETION_SHARE = 0.8;

const KindSchema = Type.Union([Type.Literal('syb'), Type.Literal('startup'), Type.Literal('online_startup'), Type.Literal('improve')]);
const OutcomeSchema = Type.Union([Type.Literal('started_business'), Type.Literal('employed'), Type.Literal('neither'), Type.Literal('unreachable')]);
const StatusSchema = Type.Union([Type.Literal('enrolled'), Type.Literal('completed'), Type.Literal('not_completed'), Type.Literal('withdrawn')]);
export const courseKindsMatch: [Static<typeof KindSchema>] extends [CourseKind] ? ([CourseKind] extends [Static<typeof KindSchema>] ? true : never) : never = true;
export const followUpOutcomesMatch: [Static<typeof OutcomeSchema>] extends [FollowUpOutcome] ? ([FollowUpOutcome] extends [Static<typeof OutcomeSchema>] ? true : never) : never = true;

export const CourseSessionBody = Type.Object(
  {
    heldOn: IsoDate,
    hours: Type.Integer({ minimum: 1, maximum: 12 }),
    topic: Type.String({ minLength: 2, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CourseSessionBody = Static<typeof CourseSessionBody>;

export const CourseBody = Type.Object(
  {
    title: Type.String({ minLength: 2, maxLength: 100 }),
    kind: KindSchema,
    regionCode: RegionCode,
    place: Type.String({ maxLength: 200, description: 'Where it is held; empty when online' }),
    online: Type.Boolean(),
    capacity: Type.Integer({ minimum: 1, maximum: 500 }),
    itemId: Type.String({ minLength: 1, maxLength: 100, description: "The catalogue's training-subsidy item whose standard applies" }),
    subsidyFen: Fen,
    sessions: Type.Array(CourseSessionBody, { minItems: 1, maxItems: 60 }),
  },
  { additionalProperties: false },
);
export type CourseBody = Static<typeof CourseBody>;

export const CourseSession = Type.Object({ id: Uuid, heldOn: IsoDate, hours: Type.Integer(), topic: Type.String(), recorded: Type.Boolean({ description: 'attendance recorded' }) });
export type CourseSession = Static<typeof CourseSession>;

export const CourseSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  kind: KindSchema,
  providerName: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  place: Type.String(),
  online: Type.Boolean(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  hours: Type.Integer(),
  capacity: Type.Integer(),
  enrolled: Type.Integer(),
  withdrawn: Type.Integer({ description: 'enrolments withdrawn before the start (their seats freed)' }),
  itemTitle: Type.Object({ zh: Type.String(), en: Type.String() }),
  subsidyFen: Fen,
  open: Type.Boolean({ description: 'enrolment open: not full and not ended' }),
  completedAt: Type.Union([Instant, Type.Null()]),
});
export type CourseSummary = Static<typeof CourseSummary>;

export const MyEnrolment = Type.Object({
  id: Uuid,
  courseId: Uuid,
  courseTitle: Type.String(),
  providerName: Type.String(),
  status: StatusSchema,
  attendedHours: Type.Integer(),
  hours: Type.Integer(),
  completedOn: Type.Union([IsoDate, Type.Null()]),
  itemId: Type.String(),
  itemTitle: Type.Object({ zh: Type.String(), en: Type.String() }),
  subsidyFen: Fen,
  followUp: Type.Union([OutcomeSchema, Type.Null()]),
});
export type MyEnrolment = Static<typeof MyEnrolment>;

export const CoursePage = Type.Composite([
  CourseSummary,
  Type.Object({
    sessions: Type.Array(CourseSession),
    mayManage: Type.Boolean(),
    mayEnrol: Type.Boolean({ description: 'the viewer is a person who may enrol now' }),
    mayWithdraw: Type.Boolean({ description: 'the viewer is enrolled and the course has not started: they may withdraw' }),
    mine: Type.Union([MyEnrolment, Type.Null()]),
  }),
]);
export type CoursePage = Static<typeof CoursePage>;

export const RosterEntry = Type.Object({
  id: Uuid,
  traineeName: Type.String(),
  status: StatusSchema,
  present: Type.Array(Uuid, { description: 'the sessions attended' }),
  attendedHours: Type.Integer(),
  completedOn: Type.Union([IsoDate, Type.Null()]),
  withdrawnAt: Type.Union([Instant, Type.Null()], { description: 'when the trainee withdrew, null unless withdrawn' }),
});
export type RosterEntry = Static<typeof RosterEntry>;

export const AttendanceBody = Type.Object(
  { present: Type.Array(Uuid, { maxItems: 500, uniqueItems: true, description: 'the enrolments present at the session; the others were absent' }) },
  { additionalProperties: false },
);
export type AttendanceBody = Static<typeof AttendanceBody>;

export const SessionParams = Type.Object({ id: Uuid, sessionId: Uuid }, { additionalProperties: false });
export type SessionParams = Static<typeof SessionParams>;

export const CourseQuery = Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false });
export type CourseQuery = Static<typeof CourseQuery>;

export const SubsidyItem = Type.Object({ id: Type.String(), title: Type.Object({ zh: Type.String(), en: Type.String() }), regionCode: Type.Union([RegionCode, Type.Null()]), regionName: Type.String({ description: 'where it applies, empty for everywhere' }), mode: Type.Union([Type.Literal('apply'), Type.Literal('automatic')]) });
export type SubsidyItem = Static<typeof SubsidyItem>;

export const FollowUp = Type.Object({
  enrolmentId: Uuid,
  traineeName: Type.String(),
  courseTitle: Type.String(),
  providerName: Type.String(),
  completedOn: IsoDate,
  dueOn: IsoDate,
  outcome: Type.Union([OutcomeSchema, Type.Null()]),
  recordedAt: Type.Union([Instant, Type.Null()]),
});
export type FollowUp = Static<typeof FollowUp>;

export const FollowUpBody = Type.Object({ outcome: OutcomeSchema, note: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type FollowUpBody = Static<typeof FollowUpBody>;
