/**
 * The start-up project library (创业项目库): projects posted by persons and service organisations
 * (patents, research results, business ideas), admitted into the public library by the public
 * employment-and-entrepreneurship service (the human-resources bureau), adopted by enterprises;
 * a successful adoption, verified by the bureau with the reward it fixes (3,000–5,000 元 in
 * Yingtan), is evaluated against the catalogue and handed to fulfilment once per project.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

export const PROJECT_KINDS = ['patent', 'research', 'idea'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Record<ProjectKind, { zh: string; en: string }> = {
  patent: { zh: '专利', en: 'Patent' },
  research: { zh: '科研成果', en: 'Research result' },
  idea: { zh: '创业项目或点子', en: 'Business project or idea' },
};

export const PROJECT_OFFERS = ['transfer', 'licence', 'cooperation', 'free'] as const;
export type ProjectOffer = (typeof PROJECT_OFFERS)[number];
export const PROJECT_OFFER_LABELS: Record<ProjectOffer, { zh: string; en: string }> = {
  transfer: { zh: '转让', en: 'Transfer' },
  licence: { zh: '许可', en: 'Licence' },
  cooperation: { zh: '合作', en: 'Cooperation' },
  free: { zh: '免费', en: 'Free' },
};

export const PROJECT_STATUSES = ['submitted', 'admitted', 'returned'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, { zh: string; en: string }> = {
  submitted: { zh: '待入库审核', en: 'Awaiting admission' },
  admitted: { zh: '已入库', en: 'In the library' },
  returned: { zh: '已退回', en: 'Returned' },
};

export const ADOPTION_STATUSES = ['requested', 'accepted', 'declined', 'succeeded', 'verified'] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];
export const ADOPTION_STATUS_LABELS: Record<AdoptionStatus, { zh: string; en: string }> = {
  requested: { zh: '待项目提供者答复', en: "Awaiting the poster's answer" },
  accepted: { zh: '采用中', en: 'Adopted' },
  declined: { zh: '提供者已婉拒', en: 'Declined' },
  succeeded: { zh: '成功创业待核定', en: 'Success awaiting verification' },
  verified: { zh: '成功创业已核定', en: 'Success verified' },
};

const KindSchema = Type.Union([Type.Literal('patent'), Type.Literal('research'), Type.Literal('idea')]);
const OfferSchema = Type.Union([Type.Literal('transfer'), Type.Literal('licence'), Type.Literal('cooperation'), Type.Literal('free')]);
const StatusSchema = Type.Union([Type.Literal('submitted'), Type.Literal('admitted'), Type.Literal('returned')]);
const AdoptionStatusSchema = Type.Union([Type.Literal('requested'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('succeeded'), Type.Literal('verified')]);
/** Compile-time checks that the literal unions are exactly the lists. */
export const projectKindsMatch: [Static<typeof KindSchema>] extends [ProjectKind] ? ([ProjectKind] extends [Static<typeof KindSchema>] ? true : never) : never = true;
export const projectOffersMatch: [Static<typeof OfferSchema>] extends [ProjectOffer] ? ([ProjectOffer] extends [Static<typeof OfferSchema>] ? true : never) : never = true;
export const projectStatusesMatch: [Static<typeof StatusSchema>] extends [ProjectStatus] ? ([ProjectStatus] extends [Static<typeof StatusSchema>] ? true : never) : never = true;
export const adoptionStatusesMatch: [Static<typeof AdoptionStatusSchema>] extends [AdoptionStatus] ? ([AdoptionStatus] extends [Static<typeof AdoptionStatusSchema>] ? true : never) : never = true;

/** A poster (a person for themself, or a member of a service organisation for its provider profile) posts a project. */
export const ProjectBody = Type.Object(
  {
    /** The poster's profile: the person's own, or the provider profile of an organisation the user acts for. */
    subjectId: Uuid,
    title: Type.String({ minLength: 4, maxLength: 60 }),
    kind: KindSchema,
    summary: Type.String({ minLength: 20, maxLength: 2000 }),
    industry: Type.String({ minLength: 1, maxLength: 5, description: 'GB/T 4754 code (section letter, or letter and division digits)' }),
    regionCode: RegionCode,
    offers: Type.Array(OfferSchema, { minItems: 1, maxItems: 4, uniqueItems: true }),
    attachmentFileId: Type.Union([Uuid, Type.Null()], { description: 'an optional PDF the poster uploaded' }),
  },
  { additionalProperties: false },
);
export type ProjectBody = Static<typeof ProjectBody>;

export const ProjectQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    kind: Type.Optional(KindSchema),
    industry: Type.Optional(Type.String({ minLength: 1, maxLength: 5 })),
    region: Type.Optional(RegionCode),
  },
  { additionalProperties: false },
);
export type ProjectQuery = Static<typeof ProjectQuery>;

export const ProjectSummary = Type.Object({
  id: Uuid,
  title: Type.String(),
  kind: KindSchema,
  summary: Type.String(),
  industry: Type.String(),
  industryName: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  offers: Type.Array(OfferSchema),
  posterName: Type.String(),
  posterIsPerson: Type.Boolean(),
  status: StatusSchema,
  admittedOn: Type.Union([IsoDate, Type.Null()]),
  adoptions: Type.Integer({ description: 'adoptions accepted by the poster' }),
});
export type ProjectSummary = Static<typeof ProjectSummary>;

/** What the catalogue made of a verified success: the reward item, its verdict, and whether it went to fulfilment. */
export const ProjectReward = Type.Object({
  itemTitle: Text,
  status: Type.Union([Type.Literal('eligible'), Type.Literal('ineligible'), Type.Literal('unknown'), Type.Literal('near_miss'), Type.Literal('not_payable')]),
  amountFen: Type.Union([Type.Integer(), Type.Null()]),
  /** The criteria that failed, or why the reward cannot be paid on this platform, in words. */
  reasons: Type.Array(Text),
  handedToFulfilment: Type.Boolean(),
});
export type ProjectReward = Static<typeof ProjectReward>;

export const Adoption = Type.Object({
  id: Uuid,
  projectId: Uuid,
  projectTitle: Type.String(),
  adopterName: Type.String(),
  posterName: Type.String(),
  /** The reader's side: the adopter, the poster, or an official reading it. */
  side: Type.Union([Type.Literal('adopter'), Type.Literal('poster'), Type.Literal('official')]),
  plan: Type.String(),
  status: AdoptionStatusSchema,
  requestedAt: Instant,
  answerNote: Type.Union([Type.String(), Type.Null()]),
  succeededOn: Type.Union([IsoDate, Type.Null()]),
  successNote: Type.Union([Type.String(), Type.Null()]),
  evidenceName: Type.Union([Type.String(), Type.Null()]),
  /** Why the bureau sent a recorded success back (the adopter may record it again). */
  returnNote: Type.Union([Type.String(), Type.Null()]),
  rewardFen: Type.Union([Fen, Type.Null()]),
  verifiedOn: Type.Union([IsoDate, Type.Null()]),
});
export type Adoption = Static<typeof Adoption>;

export const ProjectDetail = Type.Object({
  ...ProjectSummary.properties,
  /** The department that keeps the library in the project's city, when the platform has one. */
  keeperName: Type.Union([Type.String(), Type.Null()]),
  attachmentName: Type.Union([Type.String(), Type.Null()]),
  /** Where the reader may download the attachment (admitted projects, the poster, the bureau). */
  attachmentUrl: Type.Union([Type.String(), Type.Null()]),
  returnReason: Type.Union([Type.String(), Type.Null()]),
  postedAt: Instant,
  mine: Type.Boolean(),
  mayReview: Type.Boolean(),
  /** Adoptions the reader may see: all for the poster and the bureau, their own for an adopter. */
  adoptionList: Type.Array(Adoption),
  rewards: Type.Array(ProjectReward),
  /** The catalogue's reward for a successful adoption in the project's region, if any: its title, the range in words, and whether this poster can be paid it here. */
  rewardItem: Type.Union([Type.Object({ title: Text, note: Type.Union([Text, Type.Null()]), payableToPoster: Type.Boolean() }), Type.Null()]),
});
export type ProjectDetail = Static<typeof ProjectDetail>;

export const ProjectDecisionBody = Type.Object(
  { admit: Type.Boolean(), reason: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'required when returning a project' }) },
  { additionalProperties: false },
);
export type ProjectDecisionBody = Static<typeof ProjectDecisionBody>;

export const AdoptionBody = Type.Object(
  { subjectId: Uuid, plan: Type.String({ minLength: 10, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type AdoptionBody = Static<typeof AdoptionBody>;

export const AdoptionAnswerBody = Type.Object({ accept: Type.Boolean(), note: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export type AdoptionAnswerBody = Static<typeof AdoptionAnswerBody>;

export const AdoptionSuccessBody = Type.Object(
  { succeededOn: IsoDate, evidenceFileId: Uuid, note: Type.String({ minLength: 4, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type AdoptionSuccessBody = Static<typeof AdoptionSuccessBody>;

export const AdoptionVerifyBody = Type.Object(
  {
    approve: Type.Boolean(),
    /** The reward the bureau fixes, in fen (3,000–5,000 元 in Yingtan); required when approving. */
    rewardFen: Type.Union([Fen, Type.Null()]),
    reason: Type.Union([Type.String({ maxLength: 500 }), Type.Null()], { description: 'required when sending the record back' }),
  },
  { additionalProperties: false },
);
export type AdoptionVerifyBody = Static<typeof AdoptionVerifyBody>;

export const MyProjects = Type.Object({
  posted: Type.Array(ProjectDetail),
  adoptions: Type.Array(Adoption),
  /** Profiles the user may post for (own person profile, providers' profiles) and adopt for (enterprises). */
  mayPostFor: Type.Array(Type.Object({ subjectId: Uuid, name: Type.String(), kind: Type.String() })),
  mayAdoptFor: Type.Array(Type.Object({ subjectId: Uuid, name: Type.String() })),
});
export type MyProjects = Static<typeof MyProjects>;

export const ProjectReviewQueue = Type.Object({
  projects: Type.Array(ProjectDetail),
  adoptions: Type.Array(Adoption),
});
export type ProjectReviewQueue = Static<typeof ProjectReviewQueue>;
