/**
 * The pre-IPO pool (后备上市企业资源库): enterprises enter (applying themselves, or enrolled by the
 * finance office 金融办) with their target board and current stage; the office admits or refuses
 * them with a structured reason; the firm records each stage reached (入库培育 → 股改 → 辅导备案 →
 * 申报受理 → 挂牌/上市) with evidence, the office verifies it, and the catalogue's stage rewards
 * become pending awards in fulfilment (once per subject per item where the catalogue says so).
 */
import { Type, type Static } from '@sinclair/typebox';
import { Fen, IsoDate, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
type Label = { zh: string; en: string };

export const IPO_BOARDS = ['neeq', 'bse', 'chinext', 'star', 'main', 'overseas'] as const;
export type IpoBoard = (typeof IPO_BOARDS)[number];
export const IPO_BOARD_LABELS: Record<IpoBoard, Label> = {
  neeq: { zh: '新三板', en: 'NEEQ (New Third Board)' },
  bse: { zh: '北交所', en: 'Beijing Stock Exchange' },
  chinext: { zh: '创业板', en: 'ChiNext' },
  star: { zh: '科创板', en: 'STAR Market' },
  main: { zh: '主板', en: 'Main board' },
  overseas: { zh: '境外', en: 'Overseas' },
};

/** The stages in their order; `listed` is 挂牌 on the NEEQ and 上市 elsewhere. */
export const IPO_STAGES = ['cultivation', 'reform', 'coaching', 'filed', 'listed'] as const;
export type IpoStage = (typeof IPO_STAGES)[number];
export const IPO_STAGE_LABELS: Record<IpoStage, Label> = {
  cultivation: { zh: '入库培育', en: 'In cultivation' },
  reform: { zh: '股改', en: 'Shareholding reform' },
  coaching: { zh: '辅导备案', en: 'Coaching filed' },
  filed: { zh: '申报受理', en: 'Application accepted' },
  listed: { zh: '挂牌/上市', en: 'Listed' },
};

export const IPO_ENTRY_STATUSES = ['applied', 'admitted', 'refused'] as const;
export type IpoEntryStatus = (typeof IPO_ENTRY_STATUSES)[number];
export const IPO_ENTRY_STATUS_LABELS: Record<IpoEntryStatus, Label> = {
  applied: { zh: '待金融办审核', en: 'Awaiting the finance office' },
  admitted: { zh: '已入库', en: 'In the pool' },
  refused: { zh: '未予入库', en: 'Refused' },
};

export const IPO_REFUSAL_REASONS = ['outside_region', 'not_ready', 'incomplete', 'compliance', 'other'] as const;
export type IpoRefusalReason = (typeof IPO_REFUSAL_REASONS)[number];
export const IPO_REFUSAL_LABELS: Record<IpoRefusalReason, Label> = {
  outside_region: { zh: '注册地不在本地区', en: 'Not registered in the region' },
  not_ready: { zh: '尚不具备上市培育条件（规模、盈利或治理）', en: 'Not yet ready for listing (size, profit or governance)' },
  incomplete: { zh: '申报材料不完整', en: 'The application is incomplete' },
  compliance: { zh: '存在合规或信用问题', en: 'Compliance or credit issues' },
  other: { zh: '其他原因（见说明）', en: 'Other (see the note)' },
};

export const IPO_RECORD_STATUSES = ['recorded', 'verified', 'returned'] as const;
export type IpoRecordStatus = (typeof IPO_RECORD_STATUSES)[number];
export const IPO_RECORD_STATUS_LABELS: Record<IpoRecordStatus, Label> = {
  recorded: { zh: '待金融办核实', en: 'Awaiting verification' },
  verified: { zh: '已核实', en: 'Verified' },
  returned: { zh: '已退回', en: 'Sent back' },
};

const BoardSchema = Type.Union([Type.Literal('neeq'), Type.Literal('bse'), Type.Literal('chinext'), Type.Literal('star'), Type.Literal('main'), Type.Literal('overseas')]);
const StageSchema = Type.Union([Type.Literal('cultivation'), Type.Literal('reform'), Type.Literal('coaching'), Type.Literal('filed'), Type.Literal('listed')]);
const ReasonSchema = Type.Union([Type.Literal('outside_region'), Type.Literal('not_ready'), Type.Literal('incomplete'), Type.Literal('compliance'), Type.Literal('other')]);
const EntryStatusSchema = Type.Union([Type.Literal('applied'), Type.Literal('admitted'), Type.Literal('refused')]);
const RecordStatusSchema = Type.Union([Type.Literal('recorded'), Type.Literal('verified'), Type.Literal('returned')]);
const same = <A, B>(ok: [A] extends [B] ? ([B] extends [A] ? true : never) : never) => ok;
/** Compile-time checks that the literal unions are exactly the lists. */
export const ipoListsMatch = [
  same<Static<typeof BoardSchema>, IpoBoard>(true),
  same<Static<typeof StageSchema>, IpoStage>(true),
  same<Static<typeof ReasonSchema>, IpoRefusalReason>(true),
  same<Static<typeof EntryStatusSchema>, IpoEntryStatus>(true),
  same<Static<typeof RecordStatusSchema>, IpoRecordStatus>(true),
];

/** An enterprise one acts for asks to enter the pool. */
export const IpoApplyBody = Type.Object({ subjectId: Uuid, board: BoardSchema, stage: StageSchema, note: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type IpoApplyBody = { subjectId: string; board: IpoBoard; stage: IpoStage; note: string };
/** The finance office enrols an enterprise by its credit code: it is in the pool at once. */
export const IpoEnrolBody = Type.Object({ creditCode: Type.String({ maxLength: 18 }), board: BoardSchema, stage: StageSchema, note: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type IpoEnrolBody = { creditCode: string; board: IpoBoard; stage: IpoStage; note: string };
export const IpoDecisionBody = Type.Object({ admit: Type.Boolean(), reason: Type.Union([ReasonSchema, Type.Null()]), note: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type IpoDecisionBody = { admit: boolean; reason: IpoRefusalReason | null; note: string };
export const IpoStageBody = Type.Object({ stage: StageSchema, reachedOn: Type.String({ maxLength: 10 }), evidenceFileId: Uuid, note: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type IpoStageBody = { stage: IpoStage; reachedOn: string; evidenceFileId: string; note: string };
export const IpoVerifyBody = Type.Object({ approve: Type.Boolean(), note: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export type IpoVerifyBody = { approve: boolean; note: string };
export const IpoPoolQuery = Type.Object(
  { region: Type.Optional(RegionCode), stage: Type.Optional(StageSchema), board: Type.Optional(BoardSchema), status: Type.Optional(EntryStatusSchema) },
  { additionalProperties: false },
);
export type IpoPoolQuery = { region?: string; stage?: IpoStage; board?: IpoBoard; status?: IpoEntryStatus };

export const IpoStageRecord = Type.Object({
  id: Uuid,
  stage: StageSchema,
  reachedOn: IsoDate,
  note: Type.String(),
  evidenceName: Type.Union([Type.String(), Type.Null()]),
  status: RecordStatusSchema,
  returnNote: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Instant,
  verifiedOn: Type.Union([IsoDate, Type.Null()]),
});
export type IpoStageRecord = Static<typeof IpoStageRecord>;

/** What the catalogue made of a verified stage, and where fulfilment has it. */
export const IpoReward = Type.Object({
  stage: StageSchema,
  itemTitle: Text,
  status: Type.String(),
  amountFen: Type.Union([Fen, Type.Null()]),
  upTo: Type.Boolean(),
  reasons: Type.Array(Text),
  handedToFulfilment: Type.Boolean(),
  /** The award's stage in fulfilment (批复, 公示, 拨付, 已办结 …), when handed. */
  fulfilmentStatus: Type.Union([Text, Type.Null()]),
});
export type IpoReward = Static<typeof IpoReward>;

export const IpoEntry = Type.Object({
  id: Uuid,
  enterpriseName: Type.String(),
  regionCode: RegionCode,
  regionName: Type.String(),
  board: BoardSchema,
  stage: StageSchema,
  status: EntryStatusSchema,
  note: Type.String(),
  refusalReason: Type.Union([ReasonSchema, Type.Null()]),
  refusalNote: Type.Union([Type.String(), Type.Null()]),
  enrolledByOffice: Type.Boolean(),
  appliedAt: Instant,
  admittedOn: Type.Union([IsoDate, Type.Null()]),
  records: Type.Array(IpoStageRecord),
  rewards: Type.Array(IpoReward),
  /** The stages the catalogue rewards in the firm's region for its board, named, for the page. */
  rewardItems: Type.Array(Type.Object({ stage: StageSchema, title: Text, note: Type.Union([Text, Type.Null()]) })),
});
export type IpoEntry = Static<typeof IpoEntry>;

export const MyIpo = Type.Object({
  entries: Type.Array(IpoEntry),
  mayApplyFor: Type.Array(Type.Object({ subjectId: Uuid, name: Type.String() })),
});
export type MyIpo = Static<typeof MyIpo>;

export const IpoPool = Type.Object({
  entries: Type.Array(IpoEntry),
  /** Admitted entries per stage (in the stages' order), for the chart. */
  byStage: Type.Array(Type.Object({ stage: StageSchema, count: Type.Integer() })),
  /** Stage records awaiting verification, with the entry's name. */
  awaiting: Type.Array(Type.Object({ entryId: Uuid, enterpriseName: Type.String(), board: BoardSchema, record: IpoStageRecord })),
});
export type IpoPool = Static<typeof IpoPool>;
