import { Type } from '@sinclair/typebox';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const StatusSchema = Type.String();

export const StageViewSchema = Type.Object({
  key: Type.String(),
  label: Text,
  role: Nullable(Type.String()),
  deadline: Nullable(Type.Object({ days: Type.Integer(), working: Type.Boolean() })),
});

const FileSchema = Type.Object({ id: Type.String(), name: Type.String(), contentType: Type.String(), size: Type.Integer(), sha256: Type.String(), uploadedAt: Type.String() });

const summaryProps = {
  id: Type.String(),
  reference: Type.String(),
  origin: Type.String(),
  itemId: Type.String(),
  itemTitle: Text,
  subjectId: Type.String(),
  subjectName: Type.String(),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  status: StatusSchema,
  statusLabel: Text,
  stageDueOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
  amountFen: Nullable(Type.Integer()),
  approvedFen: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};

export const ApplicationSummarySchema = Type.Object(summaryProps);
export const InboxEntrySchema = Type.Object({ ...summaryProps, actions: Type.Array(Type.String()) });

export const ApplicationViewSchema = Type.Object({
  ...summaryProps,
  itemVersion: Type.Integer(),
  reviewRound: Type.Integer(),
  answers: Type.Record(Type.String(), Type.Unknown()),
  answerLabels: Type.Record(Type.String(), Text),
  productKey: Nullable(Type.String()),
  verdict: Type.Unknown(),
  evaluatedOn: Type.String(),
  approvedOn: Nullable(Type.String()),
  publicity: Nullable(Type.Object({ from: Type.String(), until: Type.String() })),
  stages: Type.Array(StageViewSchema),
  materials: Type.Array(Type.Object({ materialId: Type.String(), label: Text, file: Nullable(FileSchema) })),
  timeline: Type.Array(
    Type.Object({
      at: Type.String(),
      action: Type.String(),
      from: Nullable(Type.String()),
      to: Nullable(Type.String()),
      stageLabel: Nullable(Text),
      department: Nullable(Type.String()),
      reason: Nullable(Type.String()),
    }),
  ),
  assessment: Nullable(
    Type.Object({
      round: Type.Integer(),
      minAssessors: Type.Integer(),
      criteria: Type.Array(Type.Object({ id: Type.String(), label: Text, max: Type.Integer() })),
      entries: Type.Array(
        Type.Object({
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
    }),
  ),
  objections: Nullable(
    Type.Array(
      Type.Object({
        id: Type.String(),
        filedAt: Type.String(),
        filerName: Type.String(),
        filerContact: Type.String(),
        text: Type.String(),
        status: Type.String(),
        resolution: Nullable(Type.String()),
        resolvedAt: Nullable(Type.String()),
      }),
    ),
  ),
  allowedActions: Type.Array(Type.String()),
});

export const ApplicationFormSchema = Type.Object({
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
  questions: Type.Array(
    Type.Object({
      variable: Type.String(),
      type: Type.String(),
      unit: Nullable(Type.String()),
      label: Text,
      question: Text,
      values: Nullable(Type.Array(Type.Object({ value: Type.String(), label: Text }))),
      fromProfile: Type.Boolean(),
      value: Type.Unknown(),
    }),
  ),
  materials: Type.Array(Type.Object({ id: Type.String(), label: Text })),
  productRequired: Type.Boolean(),
  verdict: Type.Unknown(),
  stages: Type.Array(StageViewSchema),
  openApplicationId: Nullable(Type.String()),
});

export const ApplyBody = Type.Object(
  {
    itemId: Type.String({ minLength: 3, maxLength: 100 }),
    subjectId: Type.String({ format: 'uuid' }),
    answers: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.Unknown()),
    productKey: Type.Optional(Type.String({ maxLength: 100 })),
    materials: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const PreviewBody = Type.Object(
  {
    itemId: Type.String({ minLength: 3, maxLength: 100 }),
    subjectId: Type.String({ format: 'uuid' }),
    answers: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.Unknown()),
    productKey: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const ResubmitBody = Type.Object(
  {
    answers: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.Unknown()),
    productKey: Type.Optional(Type.String({ maxLength: 100 })),
    materials: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const ActionBody = Type.Object(
  {
    action: Type.Union([Type.Literal('accept'), Type.Literal('pass'), Type.Literal('return'), Type.Literal('reject')]),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const AssessmentBody = Type.Object(
  {
    conflict: Type.Boolean(),
    conflictNote: Type.Optional(Type.String({ maxLength: 1000 })),
    scores: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), Type.Integer())),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ObjectionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    contact: Type.String({ minLength: 3, maxLength: 100 }),
    text: Type.String({ minLength: 5, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const PublicityEntrySchema = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  itemTitle: Text,
  subjectName: Type.String(),
  department: Type.String(),
  approvedFen: Nullable(Type.Integer()),
  publicityFrom: Type.String(),
  publicityUntil: Type.String(),
  origin: Type.String(),
});
