/**
 * Start-up mentors (创业导师): the library of mentors (fields of expertise, industries,
 * availability, a yearly commitment of sessions), founders' requests with the platform's
 * suggested matches (a transparent score, each term stated), the mentor's answer, sessions booked,
 * held and confirmed by both sides (a session counts only then), ratings and ending a pairing.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

export const MENTOR_FIELDS = ['business_plan', 'financing', 'finance_tax', 'marketing', 'technology', 'legal', 'hr', 'ecommerce', 'operations'] as const;
export type MentorField = (typeof MENTOR_FIELDS)[number];
export const MENTOR_FIELD_LABELS: Record<MentorField, { zh: string; en: string }> = {
  business_plan: { zh: '商业模式与创业计划', en: 'Business model and plan' },
  financing: { zh: '融资与投资对接', en: 'Raising money' },
  finance_tax: { zh: '财务与税务', en: 'Finance and tax' },
  marketing: { zh: '市场营销', en: 'Marketing' },
  technology: { zh: '技术研发与知识产权', en: 'Technology and IP' },
  legal: { zh: '法律合规', en: 'Law and compliance' },
  hr: { zh: '团队与人力资源', en: 'Team and people' },
  ecommerce: { zh: '电子商务', en: 'E-commerce' },
  operations: { zh: '生产运营与供应链', en: 'Operations and supply chain' },
};

/** GB/T 4754 sections a mentor knows (门类). */
export const MENTOR_INDUSTRIES = ['A', 'C', 'E', 'F', 'H', 'I', 'M', 'R'] as const;
export type MentorIndustry = (typeof MENTOR_INDUSTRIES)[number];
export const MENTOR_INDUSTRY_LABELS: Record<MentorIndustry, { zh: string; en: string }> = {
  A: { zh: '农林牧渔业', en: 'Agriculture' },
  C: { zh: '制造业', en: 'Manufacturing' },
  E: { zh: '建筑业', en: 'Construction' },
  F: { zh: '批发和零售业', en: 'Wholesale and retail' },
  H: { zh: '住宿和餐饮业', en: 'Hotels and catering' },
  I: { zh: '信息传输、软件和信息技术服务业', en: 'Information technology' },
  M: { zh: '科学研究和技术服务业', en: 'Research and technical services' },
  R: { zh: '文化、体育和娱乐业', en: 'Culture, sport and entertainment' },
};

export const SESSION_MODES = ['in_person', 'online', 'phone'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];
export const SESSION_MODE_LABELS: Record<SessionMode, { zh: string; en: string }> = {
  in_person: { zh: '面谈', en: 'In person' },
  online: { zh: '线上', en: 'Online' },
  phone: { zh: '电话', en: 'By phone' },
};

export const PAIRING_STATUSES = ['requested', 'accepted', 'declined', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];
export const PAIRING_STATUS_LABELS: Record<PairingStatus, { zh: string; en: string }> = {
  requested: { zh: '待导师答复', en: 'Awaiting the mentor' },
  accepted: { zh: '辅导中', en: 'Mentoring' },
  declined: { zh: '导师已婉拒', en: 'Declined' },
  ended: { zh: '已结束', en: 'Ended' },
};

const FieldSchema = Type.Union([Type.Literal('business_plan'), Type.Literal('financing'), Type.Literal('finance_tax'), Type.Literal('marketing'), Type.Literal('technology'), Type.Literal('legal'), Type.Literal('hr'), Type.Literal('ecommerce'), Type.Literal('operations')]);
const IndustrySchema = Type.Union([Type.Literal('A'), Type.Literal('C'), Type.Literal('E'), Type.Literal('F'), Type.Literal('H'), Type.Literal('I'), Type.Literal('M'), Type.Literal('R')]);
const ModeSchema = Type.Union([Type.Literal('in_person'), Type.Literal('online'), Type.Literal('phone')]);
const StatusSchema = Type.Union([Type.Literal('requested'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('ended')]);
/** Compile-time checks that the literal unions are exactly the lists. */
export const mentorFieldsMatch: [Static<typeof FieldSchema>] extends [MentorField] ? ([MentorField] extends [Static<typeof FieldSchema>] ? true : never) : never = true;
export const mentorIndustriesMatch: [Static<typeof IndustrySchema>] extends [MentorIndustry] ? ([MentorIndustry] extends [Static<typeof IndustrySchema>] ? true : never) : never = true;
const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const MentorBody = Type.Object(
  {
    username: Type.Optional(Type.String({ minLength: 3, maxLength: 64, description: "the mentor's own account, when they have one" })),
    name: Type.String({ minLength: 2, maxLength: 40 }),
    organisation: Type.String({ minLength: 2, maxLength: 100 }),
    title: Type.String({ maxLength: 100 }),
    regionCode: RegionCode,
    fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 9, uniqueItems: true }),
    industries: Type.Array(IndustrySchema, { maxItems: 8, uniqueItems: true }),
    availability: Type.String({ minLength: 2, maxLength: 200 }),
    yearlySessions: Type.Integer({ minimum: 1, maximum: 200 }),
    bio: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type MentorBody = Static<typeof MentorBody>;

export const Mentor = Type.Object({
  id: Uuid,
  name: Type.String(),
  organisation: Type.String(),
  title: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  fields: Type.Array(FieldSchema),
  industries: Type.Array(IndustrySchema),
  availability: Type.String(),
  yearlySessions: Type.Integer(),
  bio: Type.String(),
  activePairings: Type.Integer(),
  rating: Type.Union([Type.Number(), Type.Null()], { description: 'average stars founders gave, null when none' }),
  hasAccount: Type.Boolean(),
});
export type Mentor = Static<typeof Mentor>;

/** A mentor as the programme office keeps it: the library's record and the linked account's username. */
export const ManagedMentor = Type.Composite([
  Mentor,
  Type.Object({ username: Type.Union([Type.String(), Type.Null()], { description: "the mentor's own account, null when none is linked" }) }),
]);
export type ManagedMentor = Static<typeof ManagedMentor>;

export const NeedBody = Type.Object(
  {
    fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 9, uniqueItems: true }),
    industry: Type.Union([IndustrySchema, Type.Null()]),
    regionCode: Type.Union([RegionCode, Type.Null()]),
  },
  { additionalProperties: false },
);
export type NeedBody = Static<typeof NeedBody>;

export const ScoreTerm = Type.Object({ points: Type.Integer(), reason: Text });
export const Suggestion = Type.Object({ mentor: Mentor, score: Type.Integer(), terms: Type.Array(ScoreTerm) });
export type Suggestion = Static<typeof Suggestion>;

export const PairingBody = Type.Object(
  {
    mentorId: Uuid,
    subjectId: Uuid,
    need: Type.String({ minLength: 5, maxLength: 1000 }),
    fields: Type.Array(FieldSchema, { minItems: 1, maxItems: 9, uniqueItems: true }),
    industry: Type.Union([IndustrySchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type PairingBody = Static<typeof PairingBody>;

export const MentorSession = Type.Object({
  id: Uuid,
  heldOn: IsoDate,
  mode: ModeSchema,
  place: Type.String(),
  mentorRecord: Type.Union([Type.String(), Type.Null()]),
  founderRecord: Type.Union([Type.String(), Type.Null()]),
  mentorConfirmedAt: Type.Union([Instant, Type.Null()]),
  founderConfirmedAt: Type.Union([Instant, Type.Null()]),
  confirmed: Type.Boolean({ description: 'both sides confirmed: the session counts' }),
});
export type MentorSession = Static<typeof MentorSession>;

export const Pairing = Type.Object({
  id: Uuid,
  side: Type.Union([Type.Literal('founder'), Type.Literal('mentor')], { description: "the viewer's side" }),
  mentorName: Type.String(),
  founderName: Type.String(),
  need: Type.String(),
  fields: Type.Array(FieldSchema),
  status: StatusSchema,
  score: Type.Integer(),
  terms: Type.Array(ScoreTerm),
  requestedAt: Instant,
  endReason: Type.Union([Type.String(), Type.Null()]),
  sessions: Type.Array(MentorSession),
  myRating: Type.Union([Type.Integer(), Type.Null()]),
  theirRating: Type.Union([Type.Integer(), Type.Null()]),
});
export type Pairing = Static<typeof Pairing>;

export const DecideBody = Type.Object({ accept: Type.Boolean(), note: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type DecideBody = Static<typeof DecideBody>;
export const SessionBookBody = Type.Object({ heldOn: IsoDate, mode: ModeSchema, place: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export type SessionBookBody = Static<typeof SessionBookBody>;
export const SessionConfirmBody = Type.Object({ record: Type.String({ minLength: 5, maxLength: 1000, description: 'a short record of what was discussed' }) }, { additionalProperties: false });
export type SessionConfirmBody = Static<typeof SessionConfirmBody>;
export const MentorRateBody = Type.Object({ stars: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type MentorRateBody = Static<typeof MentorRateBody>;
export const EndBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false });
export type EndBody = Static<typeof EndBody>;
export const PairingSessionParams = Type.Object({ id: Uuid, sessionId: Uuid }, { additionalProperties: false });
export type PairingSessionParams = Static<typeof PairingSessionParams>;

export const CommitmentParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
export const Commitment = Type.Object({ mentorId: Uuid, name: Type.String(), organisation: Type.String(), regionName: Type.String(), yearlySessions: Type.Integer(), confirmed: Type.Integer(), booked: Type.Integer() });
export type Commitment = Static<typeof Commitment>;
