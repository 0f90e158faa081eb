/**
 * Credit (信用): records about an enterprise from the department that decided them (administrative
 * penalties, the serious-violation list, the abnormal-operation list, tax credit grades, court
 * judgements, honours), each with its severity and the publication window that follows from it
 * (minor: not published; ordinary: at least 3 months, at most 1 year; serious: at least 1 year, at
 * most 3 years, counted from the decision, after 《失信行为纠正后的信用信息修复管理办法（试行）》);
 * imports of the source departments' files; repair (信用修复) once the shortest window has passed.
 * Dates YYYY-MM-DD.
 */
import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { IsoDate, Uuid } from './common.js';
import { Instant } from './time.js';

export const CREDIT_RECORD_KINDS = ['administrative_penalty', 'serious_violation_list', 'abnormal_operation', 'tax_credit_grade', 'court_judgement', 'honour'] as const;
export type CreditRecordKind = (typeof CREDIT_RECORD_KINDS)[number];
export const CREDIT_RECORD_KIND_LABELS: Record<CreditRecordKind, { zh: string; en: string }> = {
  administrative_penalty: { zh: '行政处罚', en: 'Administrative penalty' },
  serious_violation_list: { zh: '严重失信主体名单', en: 'Serious-violation list' },
  abnormal_operation: { zh: '经营异常名录', en: 'Abnormal-operation list' },
  tax_credit_grade: { zh: '纳税信用等级', en: 'Tax credit grade' },
  court_judgement: { zh: '司法判决', en: 'Court judgement' },
  honour: { zh: '表彰及良好记录', en: 'Honour or good record' },
};

export const CREDIT_SEVERITIES = ['minor', 'ordinary', 'serious'] as const;
export type CreditSeverity = (typeof CREDIT_SEVERITIES)[number];
export const CREDIT_SEVERITY_LABELS: Record<CreditSeverity, { zh: string; en: string }> = {
  minor: { zh: '轻微', en: 'Minor' },
  ordinary: { zh: '一般', en: 'Ordinary' },
  serious: { zh: '严重', en: 'Serious' },
};

/** Where a record stands on a day: not published (minor), published, repaired (publication ended on approval), expired (its longest window passed). */
export const CREDIT_PUBLICATION_STATUSES = ['not_published', 'published', 'repaired', 'expired'] as const;
export type CreditPublicationStatus = (typeof CREDIT_PUBLICATION_STATUSES)[number];
export const CREDIT_PUBLICATION_STATUS_LABELS: Record<CreditPublicationStatus, { zh: string; en: string }> = {
  not_published: { zh: '不予公示', en: 'Not published' },
  published: { zh: '公示中', en: 'Published' },
  repaired: { zh: '已信用修复，停止公示', en: 'Repaired, no longer published' },
  expired: { zh: '公示期满，停止公示', en: 'Publication period over' },
};

export const CREDIT_REPAIR_STATUSES = ['applied', 'approved', 'refused'] as const;
export type CreditRepairStatus = (typeof CREDIT_REPAIR_STATUSES)[number];
export const CREDIT_REPAIR_STATUS_LABELS: Record<CreditRepairStatus, { zh: string; en: string }> = {
  applied: { zh: '待审核', en: 'Awaiting review' },
  approved: { zh: '已准予修复', en: 'Approved' },
  refused: { zh: '不予修复', en: 'Refused' },
};

const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** An officer of the source department enters one record (the department is the officer's). */
export const CreditRecordBody = Type.Object(
  {
    creditCode: Type.String({ minLength: 1, maxLength: 18, description: '统一社会信用代码 (GB 32100-2015)' }),
    subjectName: Type.String({ minLength: 1, maxLength: 200 }),
    kind: literals(CREDIT_RECORD_KINDS),
    severity: Type.Union([literals(CREDIT_SEVERITIES), Type.Null()], { description: 'null only for an honour or good record' }),
    decisionNumber: Type.String({ minLength: 1, maxLength: 100, description: '决定文书号, unique per source department' }),
    decidedOn: IsoDate,
    legalBasis: Type.String({ minLength: 1, maxLength: 500 }),
    content: Type.String({ minLength: 1, maxLength: 2000, description: '事由及内容' }),
    /** The department the officer acts for, where they act for more than one. */
    sourceOrganisationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CreditRecordBody = Static<typeof CreditRecordBody>;

export const CreditRepairView = Type.Object({
  id: Uuid,
  status: oneOf(CREDIT_REPAIR_STATUSES),
  reason: Type.String(),
  evidenceFileName: Type.String(),
  appliedAt: Instant,
  decidedAt: Type.Union([Instant, Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  /**
   * The review of the application through the review module (case `credit.repair`): the source
   * department's reviewers score it against the rubric before it is decided. Shown to the source
   * department's officers only (null to the enterprise).
   */
  review: Type.Union([
    Type.Object({
      criteria: Type.Array(Type.Object({ id: Type.String(), label: Type.Object({ zh: Type.String(), en: Type.String() }), max: Type.Integer() })),
      minAssessors: Type.Integer(),
      scored: Type.Integer(),
      complete: Type.Boolean(),
      entries: Type.Array(
        Type.Object({
          assessorName: Type.String(),
          conflict: Type.Boolean(),
          conflictNote: Type.Union([Type.String(), Type.Null()]),
          scores: Type.Record(Type.String(), Type.Integer()),
          total: Type.Union([Type.Integer(), Type.Null()]),
          comment: Type.Union([Type.String(), Type.Null()]),
          outlier: Type.Boolean(),
          mine: Type.Boolean(),
          sealed: Type.Boolean(),
        }),
      ),
      /** The reader may still review this application (an officer of the source department who has not, with no stake in it). */
      mayReview: Type.Boolean(),
    }),
    Type.Null(),
  ]),
});
export type CreditRepairView = Static<typeof CreditRepairView>;

export const CreditRecordView = Type.Object({
  id: Uuid,
  creditCode: Type.String(),
  subjectName: Type.String(),
  /** Whether the record is linked to a registered enterprise's profile (its gate follows it). */
  registered: Type.Boolean(),
  kind: oneOf(CREDIT_RECORD_KINDS),
  severity: Type.Union([oneOf(CREDIT_SEVERITIES), Type.Null()]),
  sourceName: Type.String(),
  decisionNumber: Type.String(),
  decidedOn: IsoDate,
  legalBasis: Type.String(),
  content: Type.String(),
  status: oneOf(CREDIT_PUBLICATION_STATUSES),
  /** First day published; null when never published. */
  publishedFrom: Type.Union([IsoDate, Type.Null()]),
  /** First day no longer published (the longest window); null when never published or without end (honours). */
  publishedUntil: Type.Union([IsoDate, Type.Null()]),
  /** First day repair may be applied for (the shortest window); null when there is nothing to repair. */
  repairFrom: Type.Union([IsoDate, Type.Null()]),
  /** This record puts the enterprise on the serious-violation list today. */
  gates: Type.Boolean(),
  mayApplyForRepair: Type.Boolean(),
  mayDecideRepair: Type.Boolean(),
  repairs: Type.Array(CreditRepairView),
  origin: oneOf(['entered', 'imported'] as const),
  recordedAt: Instant,
});
export type CreditRecordView = Static<typeof CreditRecordView>;

export const CreditImportBody = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200, description: 'ends with .xlsx or .csv' }),
    contentBase64: Type.String({ minLength: 1, maxLength: 900_000, description: 'the file, base64 (at most ~650 KB)' }),
    sourceOrganisationId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type CreditImportBody = Static<typeof CreditImportBody>;

export const CreditImportRefusal = Type.Object({
  /** The row's number in the file as a spreadsheet shows it (the header is row 1). */
  row: Type.Integer(),
  decisionNumber: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(Type.Object({ column: Type.String(), message: Text })),
});
export type CreditImportRefusal = Static<typeof CreditImportRefusal>;

export const CreditImportResult = Type.Object({
  rows: Type.Integer(),
  created: Type.Integer(),
  unchanged: Type.Integer(),
  refused: Type.Array(CreditImportRefusal),
});
export type CreditImportResult = Static<typeof CreditImportResult>;

export const CreditRepairBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 2000, description: '纠正失信行为的说明' }),
    evidenceFileId: Uuid,
  },
  { additionalProperties: false },
);
export type CreditRepairBody = Static<typeof CreditRepairBody>;

export const CreditRepairDecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('refuse')]),
    reason: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type CreditRepairDecisionBody = Static<typeof CreditRepairDecisionBody>;

/** A reviewer's review of a repair application: scores per criterion of the rubric, or a declared conflict of interest (no scores). */
export const CreditRepairReviewBody = Type.Object(
  {
    conflict: Type.Boolean(),
    conflictNote: Type.Optional(Type.String({ maxLength: 1000 })),
    scores: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_]+$' }), Type.Integer({ minimum: 0, maximum: 100 }))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreditRepairReviewBody = Static<typeof CreditRepairReviewBody>;

// ---------------------------------------------------------------- rating and public inquiry

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGradeLetter = (typeof CREDIT_GRADES)[number];
export const CREDIT_GRADE_LABELS: Record<CreditGradeLetter, { zh: string; en: string }> = {
  A: { zh: 'A级（信用良好）', en: 'A (good)' },
  B: { zh: 'B级（信用一般）', en: 'B (normal)' },
  C: { zh: 'C级（信用关注）', en: 'C (watch)' },
  D: { zh: 'D级（信用较差）', en: 'D (poor)' },
};
export const CREDIT_RATING_INDICATORS = ['serious_published', 'ordinary_published', 'minor_recent', 'corrected', 'honours', 'tax_grade', 'age'] as const;
export type CreditRatingIndicatorKey = (typeof CREDIT_RATING_INDICATORS)[number];

/** The rating of one enterprise, computed on demand: the grade, the score, and every indicator's value and contribution. */
export const CreditRatingView = Type.Object({
  subjectId: Uuid,
  name: Type.String(),
  grade: oneOf(CREDIT_GRADES),
  /** 0–100: the baseline plus the indicators' points. */
  score: Type.Integer(),
  baseline: Type.Integer(),
  indicators: Type.Array(
    Type.Object({
      key: oneOf(CREDIT_RATING_INDICATORS),
      label: Text,
      /** The indicator's value (a count, a grade letter, years); null when unknown. */
      value: Type.Union([Type.String(), Type.Null()]),
      valueText: Text,
      weight: Text,
      /** The points it adds (positive) or takes away (negative). */
      points: Type.Integer(),
      explanation: Text,
    }),
  ),
  /** A serious record is published: the grade is D whatever the score. */
  cappedBySeriousViolation: Type.Boolean(),
});
export type CreditRatingView = Static<typeof CreditRatingView>;

/** Who looked at the enterprise's file through the public inquiry: the officer's organisation and when. */
export const CreditInquiryLogEntry = Type.Object({ organisationName: Type.String(), at: Instant });
export type CreditInquiryLogEntry = Static<typeof CreditInquiryLogEntry>;

export const CreditInquiryQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100, description: '主体名称（至少2个字）或18位统一社会信用代码' }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);
export type CreditInquiryQuery = Static<typeof CreditInquiryQuery>;

/** A published record as anyone may read it: no ids, no repair or internal data. */
export const PublicCreditRecord = Type.Object({
  kind: oneOf(CREDIT_RECORD_KINDS),
  severity: Type.Union([oneOf(CREDIT_SEVERITIES), Type.Null()]),
  sourceName: Type.String(),
  decisionNumber: Type.String(),
  decidedOn: IsoDate,
  legalBasis: Type.String(),
  content: Type.String(),
  publishedUntil: Type.Union([IsoDate, Type.Null()]),
});
export type PublicCreditRecord = Static<typeof PublicCreditRecord>;

export const CreditInquiryResult = Type.Object({
  subjects: Type.Array(Type.Object({ creditCode: Type.String(), name: Type.String(), records: Type.Array(PublicCreditRecord) })),
  page: Type.Integer(),
  /** Subjects per page (at most this many come back). */
  pageSize: Type.Integer(),
  hasMore: Type.Boolean(),
});
export type CreditInquiryResult = Static<typeof CreditInquiryResult>;

/** What an enterprise sees: its records and whether it is on the serious-violation list, with the records that put it there. */
export const MyCreditView = Type.Object({
  subjects: Type.Array(
    Type.Object({
      subjectId: Uuid,
      name: Type.String(),
      onSeriousViolationList: Type.Boolean(),
      records: Type.Array(CreditRecordView),
      rating: CreditRatingView,
      /** Officers' organisations that looked the enterprise up in the public inquiry, newest first (at most 50). */
      inquiries: Type.Array(CreditInquiryLogEntry),
    }),
  ),
});
export type MyCreditView = Static<typeof MyCreditView>;

/** The officer's page: the departments they record for, and those departments' records. */
export const CreditWorkView = Type.Object({
  departments: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  records: Type.Array(CreditRecordView),
  /** The ratings of the registered enterprises these records are about. */
  ratings: Type.Array(CreditRatingView),
});
export type CreditWorkView = Static<typeof CreditWorkView>;
