/**
 * Policy fulfilment's (政策兑现) documented JSON shapes: the application form, applications with
 * their timeline, assessments and objections, the officers' inbox, publicity, and finance's
 * budgets and payments. The server validates and serialises with these schemas; the web app
 * takes its types from them. An application's `status` stays a string: the workflow is data.
 * The rules engine's verdict is `Verdict` (as the engine gives it, in both languages).
 */
import { Type, type ArrayOptions, type Static, type TSchema } from '@sinclair/typebox';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const VariableName = Type.String({ pattern: '^[a-z][a-z0-9_]*$' });
const Origin = Type.Union([Type.Literal('application'), Type.Literal('automatic')], {
  description: 'application: applied for; automatic: 免申即享, no application needed',
});

// ---------------------------------------------------------------- the rules engine's verdict

/** An array the reader only reads: the same JSON schema, typed `readonly` so the engine's verdict fits as it is. */
const ReadArray = <T extends TSchema>(item: T, options?: ArrayOptions) => Type.Unsafe<readonly Static<T>[]>(Type.Array(item, options));

const Gap = Type.Object({
  amount: Type.Number({ description: 'how much the left-hand side must move for the criterion to pass, in `unit` (money in yuan)' }),
  direction: Type.Union([Type.Literal('increase'), Type.Literal('decrease')]),
  unit: Text,
  text: Text,
  metOn: Type.Optional(Type.String({ format: 'date', description: 'when time alone closes the gap: the first day the criterion is met on' })),
});

export const VerdictCriterion = Type.Object({
  id: Type.String(),
  label: Text,
  status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('unknown')]),
  values: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'variables and parameters the criterion read, with their values' })),
  sentence: Text,
  missing: ReadArray(Type.String()),
  gap: Type.Optional(Gap),
  reason: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() }, { description: 'why a failed criterion cannot close (a date in the past, a limit time only moves further from)' })),
  basis: Type.Optional(Type.Object({ zh: Type.String(), en: Type.String() }, { description: 'what the verified fact a failed criterion read rests on (the credit record that puts the enterprise on the serious-violation list: kind, decision number, department, end of publication)' })),
});
export type VerdictCriterion = Static<typeof VerdictCriterion>;

export const VerdictAmount = Type.Object({
  status: Type.Union([Type.Literal('known'), Type.Literal('unknown')]),
  fen: Nullable(Type.Integer()),
  upTo: Type.Optional(Type.Boolean({ description: 'true when `fen` is a maximum ("up to")' })),
  steps: ReadArray(Text),
  missing: Type.Optional(ReadArray(Type.String())),
  note: Type.Optional(Text),
});
export type VerdictAmount = Static<typeof VerdictAmount>;

/** The rules engine's verdict on one item for one subject (`@seedbed/rules` Verdict), as stored with an application. */
export const Verdict = Type.Object(
  {
    item: Type.String(),
    title: Type.Optional(Text),
    mode: Type.Optional(Type.Union([Type.Literal('apply'), Type.Literal('automatic')])),
    status: Type.Union([Type.Literal('eligible'), Type.Literal('ineligible'), Type.Literal('unknown'), Type.Literal('near_miss')]),
    criteria: ReadArray(VerdictCriterion),
    missing: ReadArray(Type.String(), { description: 'variables still needed to decide' }),
    amount: Nullable(VerdictAmount),
    gap: Type.Optional(Gap),
    conflicts: Type.Optional(ReadArray(Type.String(), { description: 'other eligible items this one cannot be granted together with' })),
  },
  { description: 'The eligibility verdict of the rules engine: status, each criterion with its explanation in Chinese and English, the amount with its computation' },
);
export type Verdict = Static<typeof Verdict>;

// ---------------------------------------------------------------- applications

/**
 * The bank account an award is paid to (收款账户), as the applicant gives it with the application.
 * In answers the number is masked (first four and last four digits); the full number is stored
 * encrypted and never leaves the server.
 */
export const PayeeAccount = Type.Object({
  bank: Type.String({ description: '开户银行 / bank and branch' }),
  name: Type.String({ description: '户名 / account holder' }),
  number: Type.String({ description: '账号（脱敏）/ account number, masked' }),
});
export type PayeeAccount = Static<typeof PayeeAccount>;

/** The account as the applicant enters it: the number as digits (spaces allowed), 9 to 30 of them. */
export const PayeeAccountBody = Type.Object(
  {
    bank: Type.String({ minLength: 2, maxLength: 100 }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    number: Type.String({ minLength: 9, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type PayeeAccountBody = Static<typeof PayeeAccountBody>;

export const ApplicationStage = Type.Object({
  key: Type.String(),
  label: Text,
  role: Nullable(Type.String()),
  deadline: Nullable(Type.Object({ days: Type.Integer(), working: Type.Boolean() })),
});
export type ApplicationStage = Static<typeof ApplicationStage>;

export const ApplicationMaterialFile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});
export type ApplicationMaterialFile = Static<typeof ApplicationMaterialFile>;

const summaryProps = {
  id: Type.String(),
  reference: Type.String(),
  origin: Origin,
  itemId: Type.String(),
  itemTitle: Text,
  subjectId: Type.String(),
  subjectName: Type.String(),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  status: Type.String(),
  statusLabel: Text,
  stageDueOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
  amountFen: Nullable(Type.Integer()),
  approvedFen: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  creditPriority: Type.Optional(Type.Boolean({ description: '守信优先: the applicant holds the credit registry\'s rating A and is not on the serious-violation list (joint rewards for good credit); reviewers may take these first' })),
};

export const ApplicationSummary = Type.Object(summaryProps);
export type ApplicationSummary = Static<typeof ApplicationSummary>;
/** An inbox row: an application with the actions the reader may take on it now. */
export const FulfilmentInboxEntry = Type.Object({ ...summaryProps, actions: Type.Array(Type.String()) });
export type FulfilmentInboxEntry = Static<typeof FulfilmentInboxEntry>;

/** A workbench row: an application with what the reader may do now, and what they last did on it. */
export const WorkbenchEntry = Type.Object({
  ...summaryProps,
  actions: Type.Array(Type.String()),
  /** The reader's latest action on it (已办): its audit action and when. */
  myLastAction: Nullable(Type.Object({ action: Type.String(), at: Type.String() })),
});
export type WorkbenchEntry = Static<typeof WorkbenchEntry>;

/** The official's workbench: 待办 (what they may act on now, soonest due first) and 已办 (what they acted on, newest first). */
export const Workbench = Type.Object({
  todo: Type.Array(WorkbenchEntry),
  done: Type.Array(WorkbenchEntry),
});
export type Workbench = Static<typeof Workbench>;

/** A batch of one safe action (受理) over several applications, each done on its own. */
export const BatchActionBody = Type.Object(
  {
    action: Type.Literal('accept'),
    ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type BatchActionBody = Static<typeof BatchActionBody>;

/** Each application's outcome: done (with its new stage), or refused with the problem's code and message. */
export const BatchActionResult = Type.Object({
  results: Type.Array(
    Type.Object({
      id: Type.String(),
      reference: Nullable(Type.String()),
      ok: Type.Boolean(),
      statusLabel: Nullable(Text),
      problem: Nullable(Type.Object({ code: Type.String(), message: Text })),
    }),
  ),
});
export type BatchActionResult = Static<typeof BatchActionResult>;

export const ApplicationTimelineEntry = Type.Object({
  at: Type.String(),
  action: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  stageLabel: Nullable(Text),
  department: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type ApplicationTimelineEntry = Static<typeof ApplicationTimelineEntry>;

export const ApplicationAssessment = Type.Object({
  round: Type.Integer(),
  minAssessors: Type.Integer(),
  criteria: Type.Array(Type.Object({ id: Type.String(), label: Text, max: Type.Integer() })),
  blind: Type.Boolean({ description: 'independent scoring: an assessor who has yet to review sees the others sealed' }),
  entries: Type.Array(
    Type.Object({
      sealed: Type.Boolean({ description: 'another assessor\'s review, hidden from a reader who has yet to submit their own: only its number is shown' }),
      assessorName: Type.String(),
      conflict: Type.Boolean(),
      conflictNote: Nullable(Type.String()),
      scores: Type.Record(Type.String(), Type.Integer()),
      total: Nullable(Type.Integer()),
      comment: Nullable(Type.String()),
      outlier: Type.Boolean(),
      mine: Type.Boolean(),
    }),
  ),
  scored: Type.Integer(),
  complete: Type.Boolean(),
});
export type ApplicationAssessment = Static<typeof ApplicationAssessment>;

export const ApplicationObjection = Type.Object({
  id: Type.String(),
  filedAt: Type.String(),
  filerName: Type.String(),
  filerContact: Type.String(),
  text: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('upheld'), Type.Literal('dismissed')]),
  resolution: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
});
export type ApplicationObjection = Static<typeof ApplicationObjection>;

export const ApplicationView = Type.Object({
  ...summaryProps,
  itemVersion: Type.Integer(),
  reviewRound: Type.Integer(),
  answers: Type.Record(Type.String(), Type.Unknown()),
  /** What each answered variable is, in both languages. */
  answerLabels: Type.Record(Type.String(), Text),
  productKey: Nullable(Type.String()),
  verdict: Verdict,
  evaluatedOn: Type.String(),
  approvedOn: Nullable(Type.String()),
  publicity: Nullable(Type.Object({ from: Type.String(), until: Type.String() })),
  stages: Type.Array(ApplicationStage),
  materials: Type.Array(
    Type.Object({ materialId: Type.String(), label: Text, file: Nullable(ApplicationMaterialFile) }),
  ),
  timeline: Type.Array(ApplicationTimelineEntry),
  assessment: Nullable(ApplicationAssessment),
  /** Officials only (null for the applicant). */
  objections: Nullable(Type.Array(ApplicationObjection)),
  allowedActions: Type.Array(Type.String()),
  /** Where the award is paid (masked); null when the applicant gave none (免申即享 awards have no form). */
  payeeAccount: Type.Optional(Nullable(PayeeAccount)),
});
export type ApplicationView = Static<typeof ApplicationView>;

export const ApplicationFormQuestion = Type.Object({
  variable: Type.String(),
  type: Type.String(),
  unit: Nullable(Type.String()),
  label: Text,
  question: Text,
  values: Nullable(Type.Array(Type.Object({ value: Type.String(), label: Text }))),
  /** Present in the profile: shown read-only, changed in the profile. */
  fromProfile: Type.Boolean(),
  value: Type.Unknown(),
});
export type ApplicationFormQuestion = Static<typeof ApplicationFormQuestion>;

export const ApplicationForm = Type.Object({
  item: Type.Object({
    id: Type.String(),
    version: Type.Integer(),
    title: Text,
    entity: Type.String(),
    benefit: Type.String(),
    mode: Type.String(),
    regionCode: Nullable(Type.String()),
    leadUnit: Nullable(Type.String()),
    supportingUnits: Type.Array(Type.String()),
    requiresMaterials: Type.Array(Type.Object({ id: Type.String(), label: Text })),
    effective: Type.Object({ from: Type.String(), to: Nullable(Type.String()) }),
    document: Type.Object({ key: Type.String(), title: Text, number: Nullable(Type.String()) }),
    clause: Nullable(Type.String()),
    quote: Nullable(Type.String()),
  }),
  department: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  subject: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
  questions: Type.Array(ApplicationFormQuestion),
  materials: Type.Array(Type.Object({ id: Type.String(), label: Text })),
  productRequired: Type.Boolean(),
  verdict: Verdict,
  stages: Type.Array(ApplicationStage),
  openApplicationId: Nullable(Type.String()),
});
export type ApplicationForm = Static<typeof ApplicationForm>;

export const PublicityEntry = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  itemTitle: Text,
  subjectName: Type.String(),
  department: Type.String(),
  approvedFen: Nullable(Type.Integer()),
  publicityFrom: Type.String(),
  publicityUntil: Type.String(),
  origin: Origin,
});
export type PublicityEntry = Static<typeof PublicityEntry>;

// ---------------------------------------------------------------- requests

export const ApplyBody = Type.Object(
  {
    itemId: Type.String({ minLength: 3, maxLength: 100 }),
    subjectId: Type.String({ format: 'uuid' }),
    answers: Type.Record(VariableName, Type.Unknown()),
    productKey: Type.Optional(Type.String({ maxLength: 100 })),
    materials: Type.Record(VariableName, Type.String({ format: 'uuid' })),
    payeeAccount: Type.Optional(PayeeAccountBody),
  },
  { additionalProperties: false },
);
export type ApplyBody = Static<typeof ApplyBody>;

export const ApplicationPreviewBody = Type.Object(
  {
    itemId: Type.String({ minLength: 3, maxLength: 100 }),
    subjectId: Type.String({ format: 'uuid' }),
    answers: Type.Record(VariableName, Type.Unknown()),
    productKey: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ApplicationPreviewBody = Static<typeof ApplicationPreviewBody>;

export const ApplicationResubmitBody = Type.Object(
  {
    answers: Type.Record(VariableName, Type.Unknown()),
    productKey: Type.Optional(Type.String({ maxLength: 100 })),
    materials: Type.Record(VariableName, Type.String({ format: 'uuid' })),
    payeeAccount: Type.Optional(PayeeAccountBody),
  },
  { additionalProperties: false },
);
export type ApplicationResubmitBody = Static<typeof ApplicationResubmitBody>;

export const ApplicationWithdrawalBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);
export type ApplicationWithdrawalBody = Static<typeof ApplicationWithdrawalBody>;

export const ApplicationActionBody = Type.Object(
  {
    action: Type.Union([
      Type.Literal('accept'),
      Type.Literal('pass'),
      Type.Literal('return'),
      Type.Literal('reject'),
    ]),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ApplicationActionBody = Static<typeof ApplicationActionBody>;

export const ApplicationAssessmentBody = Type.Object(
  {
    conflict: Type.Boolean(),
    conflictNote: Type.Optional(Type.String({ maxLength: 1000 })),
    scores: Type.Optional(Type.Record(VariableName, Type.Integer())),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ApplicationAssessmentBody = Static<typeof ApplicationAssessmentBody>;

export const ApplicationApprovalBody = Type.Object(
  {
    amountFen: Type.Optional(Type.Integer({ minimum: 0 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type ApplicationApprovalBody = Static<typeof ApplicationApprovalBody>;

/** An objection filed by anyone during publicity. */
export const ApplicationObjectionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    contact: Type.String({ minLength: 3, maxLength: 100 }),
    text: Type.String({ minLength: 5, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ApplicationObjectionBody = Static<typeof ApplicationObjectionBody>;

export const ObjectionResolutionBody = Type.Object(
  {
    outcome: Type.Union([Type.Literal('upheld'), Type.Literal('dismissed')]),
    resolution: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ObjectionResolutionBody = Static<typeof ObjectionResolutionBody>;

// ---------------------------------------------------------------- budgets and payments (finance)

export const Budget = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  year: Type.Integer(),
  financeDepartmentId: Nullable(Type.String()),
  amountFen: Type.Integer(),
  committedFen: Type.Integer(),
  paidFen: Type.Integer(),
  leftFen: Type.Integer(),
  secondApprovalThresholdFen: Type.Integer(),
});
export type Budget = Static<typeof Budget>;

export const BudgetQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
  { additionalProperties: false },
);
export type BudgetQuery = Static<typeof BudgetQuery>;

export const BudgetBody = Type.Object(
  {
    itemId: Type.String({ minLength: 3, maxLength: 100 }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    amountFen: Type.Integer({ minimum: 0, maximum: 1e15 }),
    secondApprovalThresholdFen: Type.Integer({ minimum: 0, maximum: 1e15 }),
    financeDepartmentId: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type BudgetBody = Static<typeof BudgetBody>;

export const BudgetLedgerEntry = Type.Object({
  id: Type.Integer(),
  awardId: Type.String(),
  kind: Type.String(),
  amountFen: Type.Integer(),
  at: Type.String(),
  /** The budget's balances after this entry (running totals of the journal, against today's budget amount). */
  committedFen: Type.Optional(Type.Integer()),
  paidFen: Type.Optional(Type.Integer()),
  leftFen: Type.Optional(Type.Integer()),
});
export type BudgetLedgerEntry = Static<typeof BudgetLedgerEntry>;

export const Payment = Type.Object({
  id: Type.String(),
  awardId: Type.String(),
  amountFen: Type.Integer(),
  status: Type.Union([Type.Literal('awaiting_second_approval'), Type.Literal('paid')]),
  needsSecondApproval: Type.Boolean(),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  approvedBy: Nullable(Type.String()),
  paidAt: Nullable(Type.String()),
  /** The account paid to, as recorded with the payment (masked); null when the applicant gave none. */
  payeeAccount: Type.Optional(Nullable(PayeeAccount)),
});
export type Payment = Static<typeof Payment>;

/** What the applicant sees of the payment of their award: read-only, no officer's name. */
export const ApplicantPayment = Type.Object({
  status: Type.Union([Type.Literal('awaiting_second_approval'), Type.Literal('paid')]),
  amountFen: Type.Integer(),
  paidAt: Nullable(Type.String({ description: 'when it was paid (an instant), null while it awaits the second approval' })),
  payeeAccount: Nullable(Type.String({ description: 'the account paid into, as the payment records it (null where the payment records none)' })),
});
export type ApplicantPayment = Static<typeof ApplicantPayment>;

export const PaymentRequestBody = Type.Object(
  {
    awardId: Type.String({ format: 'uuid' }),
    idempotencyKey: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }),
  },
  { additionalProperties: false },
);
export type PaymentRequestBody = Static<typeof PaymentRequestBody>;

/** The answer to a payment request: `replayed` when the idempotency key was seen before. */
export const PaymentRequestResult = Type.Object({ payment: Payment, replayed: Type.Boolean() });
export type PaymentRequestResult = Static<typeof PaymentRequestResult>;
