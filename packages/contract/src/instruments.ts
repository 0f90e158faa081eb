/**
 * Shared large research instruments (大型科研仪器开放共享): the catalogue of owners' instruments,
 * bookings of half-open time ranges (never overlapping), usage and bills (payable with an
 * innovation voucher), and the sharing statistics of the national evaluation. Money in fen.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { Instant, InstantRange } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** The classes of research instruments (after the national classification of large instruments). */
export const INSTRUMENT_CATEGORIES = ['analytical', 'physical', 'metrology', 'electronic', 'medical', 'special_testing', 'laser', 'process', 'computing', 'other'] as const;
export type InstrumentCategory = (typeof INSTRUMENT_CATEGORIES)[number];
export const INSTRUMENT_CATEGORY_LABELS: Record<InstrumentCategory, { zh: string; en: string }> = {
  analytical: { zh: '分析仪器', en: 'Analytical instruments' },
  physical: { zh: '物理性能测试仪器', en: 'Physical property testing' },
  metrology: { zh: '计量仪器', en: 'Metrology instruments' },
  electronic: { zh: '电子测量仪器', en: 'Electronic measurement' },
  medical: { zh: '医学科研仪器', en: 'Medical research instruments' },
  special_testing: { zh: '特种检测仪器', en: 'Special inspection instruments' },
  laser: { zh: '激光器', en: 'Lasers' },
  process: { zh: '工艺试验仪器', en: 'Process testing instruments' },
  computing: { zh: '计算机及其配套设备', en: 'Computers and peripherals' },
  other: { zh: '其他', en: 'Other' },
};
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.Union(values.map((v) => Type.Literal(v))));
// Literals written out, so that the type providers read the union (Type.Unsafe is opaque to them).
export const InstrumentCategorySchema = Type.Union([
  Type.Literal('analytical'), Type.Literal('physical'), Type.Literal('metrology'), Type.Literal('electronic'), Type.Literal('medical'),
  Type.Literal('special_testing'), Type.Literal('laser'), Type.Literal('process'), Type.Literal('computing'), Type.Literal('other'),
]);
/** Compile-time check that the literal list above is exactly INSTRUMENT_CATEGORIES. */
export const instrumentCategoriesMatch: [Static<typeof InstrumentCategorySchema>] extends [InstrumentCategory] ? ([InstrumentCategory] extends [Static<typeof InstrumentCategorySchema>] ? true : never) : never = true;

export const BOOKING_STATUSES = ['requested', 'confirmed', 'completed', 'no_show', 'cancelled', 'rejected'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_STATUS_LABELS: Record<BookingStatus, { zh: string; en: string }> = {
  requested: { zh: '待审核', en: 'Awaiting approval' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  completed: { zh: '已使用', en: 'Used' },
  no_show: { zh: '爽约', en: 'No-show' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

/** A test service (测试项目): the owner's staff test the samples sent in; priced per sample, external (`pricePerSampleFen`) and internal. */
export const InstrumentService = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    sampleRequirements: Type.String({ maxLength: 500 }),
    /** Per sample for external users. */
    pricePerSampleFen: Fen,
    /** Per sample for the owner's own people. */
    internalPricePerSampleFen: Fen,
  },
  { additionalProperties: false },
);
/** Opening hours of one weekday: minutes after midnight (Asia/Shanghai), open < close; null: closed. */
export const OpeningHours = Type.Union([
  Type.Object({ open: Type.Integer({ minimum: 0, maximum: 1439 }), close: Type.Integer({ minimum: 1, maximum: 1440 }) }, { additionalProperties: false }),
  Type.Null(),
]);

export const InstrumentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    model: Type.String({ maxLength: 100 }),
    maker: Type.String({ maxLength: 100 }),
    category: InstrumentCategorySchema,
    location: Type.String({ minLength: 1, maxLength: 200 }),
    regionCode: RegionCode,
    originalValueFen: Fen,
    specifications: Type.String({ maxLength: 4000 }),
    services: Type.Array(InstrumentService, { maxItems: 30 }),
    internalRateFen: Fen,
    externalRateFen: Fen,
    /** Monday … Sunday. */
    openingHours: Type.Array(OpeningHours, { minItems: 7, maxItems: 7 }),
    minMinutes: Type.Integer({ minimum: 15, maximum: 10080 }),
    maxMinutes: Type.Integer({ minimum: 15, maximum: 10080 }),
    cancelCutoffHours: Type.Integer({ minimum: 0, maximum: 720 }),
    cancelFeeFen: Fen,
    /** Charged when the owner records a no-show. */
    noShowFeeFen: Fen,
    maxFutureBookings: Type.Integer({ minimum: 1, maximum: 100 }),
    approvalRequired: Type.Boolean(),
    /** `self`: users with a confirmed qualification operate it; `staff`: operated by the owner's staff. */
    operation: Type.Union([Type.Literal('self'), Type.Literal('staff')]),
    qualification: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type InstrumentBody = Static<typeof InstrumentBody>;

export const Closure = Type.Object({ from: IsoDate, to: IsoDate, reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type Closure = Static<typeof Closure>;

export const Instrument = Type.Object({
  ...InstrumentBody.properties,
  id: Uuid,
  ownerName: Type.String(),
  regionName: Type.String(),
  categoryLabel: Text,
  closures: Type.Array(Closure),
  /** Photos (uploads of the files module), shown from `/instruments/:id/photos/:fileId`. */
  photos: Type.Array(Type.Object({ fileId: Uuid, name: Type.String() })),
  mayManage: Type.Boolean(),
});
export type Instrument = Static<typeof Instrument>;

export const InstrumentQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    category: Type.Optional(InstrumentCategorySchema),
    region: Type.Optional(RegionCode),
    maxRateFen: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Only instruments open and with some free time on that day. */
    freeOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type InstrumentQuery = Static<typeof InstrumentQuery>;

export const BusyQuery = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });
export const BusyRanges = Type.Object({ busy: Type.Array(InstantRange), closures: Type.Array(Closure) });

export const BookingBody = Type.Object(
  {
    during: InstantRange,
    /** The enterprise (一企一档 subject) booking; absent: the person books for themselves. */
    subjectId: Type.Optional(Uuid),
    /** Pay with this voucher (held at booking, redeemed on usage). */
    voucherId: Type.Optional(Uuid),
    purpose: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type BookingBody = Static<typeof BookingBody>;

export const WaitBody = Type.Object({ during: InstantRange }, { additionalProperties: false });
export const QualificationBody = Type.Object({ statement: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export const UsageBody = Type.Object({ start: Instant, end: Instant }, { additionalProperties: false });
export const BookingReasonBody = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false });

export const Booking = Type.Object({
  id: Uuid,
  instrumentId: Uuid,
  instrumentName: Type.String(),
  ownerName: Type.String(),
  bookedBy: Type.String(),
  subjectName: Type.Union([Type.String(), Type.Null()]),
  during: InstantRange,
  status: oneOf(BOOKING_STATUSES),
  external: Type.Boolean(),
  rateFen: Fen,
  estimateFen: Fen,
  purpose: Type.String(),
  paidWithVoucher: Type.Boolean(),
  voucherPaysFen: Type.Union([Fen, Type.Null()]),
  actualStart: Type.Union([Instant, Type.Null()]),
  actualEnd: Type.Union([Instant, Type.Null()]),
  billFen: Type.Union([Fen, Type.Null()]),
  feeFen: Type.Union([Fen, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  mayCancel: Type.Boolean(),
  /** Self-operation: the booked user may start the session now (qualified, within the slot). */
  mayStart: Type.Boolean(),
  /** A session started and not yet stopped: the booked user stops it (the use and bill follow). */
  mayStop: Type.Boolean(),
});
export type Booking = Static<typeof Booking>;

export const TEST_STATUSES = ['requested', 'accepted', 'declined', 'cancelled', 'completed'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];
export const TEST_STATUS_LABELS: Record<TestStatus, { zh: string; en: string }> = {
  requested: { zh: '待受理', en: 'Awaiting the owner' },
  accepted: { zh: '检测中', en: 'Being tested' },
  declined: { zh: '不予受理', en: 'Declined' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  completed: { zh: '已出结果', en: 'Result issued' },
};

export const TestRequestBody = Type.Object(
  {
    /** The name of one of the instrument's services. */
    serviceName: Type.String({ minLength: 1, maxLength: 100 }),
    samples: Type.Integer({ minimum: 1, maximum: 1000 }),
    /** The samples described (what, how many of each, hazards) and anything the lab should know. */
    note: Type.String({ maxLength: 1000 }),
    subjectId: Type.Optional(Uuid),
    /** Pay with this voucher (held at the request, redeemed on the result). */
    voucherId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TestRequestBody = Static<typeof TestRequestBody>;
export const TestResultBody = Type.Object(
  { fileId: Uuid, samplesTested: Type.Integer({ minimum: 0, maximum: 1000 }) },
  { additionalProperties: false },
);
export const TestReasonBody = Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false });
export const PhotoBody = Type.Object({ fileId: Uuid }, { additionalProperties: false });

export const TestRequest = Type.Object({
  id: Uuid,
  instrumentId: Uuid,
  instrumentName: Type.String(),
  ownerName: Type.String(),
  serviceName: Type.String(),
  requestedBy: Type.String(),
  subjectName: Type.Union([Type.String(), Type.Null()]),
  samples: Type.Integer(),
  note: Type.String(),
  status: oneOf(TEST_STATUSES),
  external: Type.Boolean(),
  pricePerSampleFen: Fen,
  estimateFen: Fen,
  paidWithVoucher: Type.Boolean(),
  voucherPaysFen: Type.Union([Fen, Type.Null()]),
  samplesTested: Type.Union([Type.Integer(), Type.Null()]),
  billFen: Type.Union([Fen, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** The result's report (a PDF) exists: download it from `/instruments/tests/:id/report`. */
  hasReport: Type.Boolean(),
  requestedAt: Instant,
  mayCancel: Type.Boolean(),
});
export type TestRequest = Static<typeof TestRequest>;

export const QualificationView = Type.Object({
  instrumentId: Uuid,
  instrumentName: Type.String(),
  userId: Uuid,
  userName: Type.String(),
  statement: Type.String(),
  status: oneOf(['declared', 'confirmed'] as const),
});
export const OwnerWorkbench = Type.Object({
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  instruments: Type.Array(Instrument),
  bookings: Type.Array(Booking),
  tests: Type.Array(TestRequest),
  qualifications: Type.Array(QualificationView),
});
export type OwnerWorkbench = Static<typeof OwnerWorkbench>;

export const SharingRow = Type.Object({
  instrumentId: Uuid,
  instrumentName: Type.String(),
  ownerName: Type.String(),
  effectiveHours: Type.Number(),
  externalHours: Type.Number(),
  /** External ÷ effective hours, 0–1; 0 without use. */
  sharingRate: Type.Number(),
  /** Bookings' bills and test services' bills. */
  incomeFen: Fen,
  /** Of it, the test services'. */
  testIncomeFen: Fen,
  samplesTested: Type.Integer(),
  usersServed: Type.Integer(),
});
export const SharingStatistics = Type.Object({ year: Type.Integer(), rows: Type.Array(SharingRow), total: Type.Omit(SharingRow, ['instrumentId', 'instrumentName']) });
export type SharingStatistics = Static<typeof SharingStatistics>;
export const SharingQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false });
