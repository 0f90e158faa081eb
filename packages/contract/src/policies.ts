/**
 * The policy library's and versions' request and response schemas (TypeBox → validation, the
 * OpenAPI document, and the web app's types).
 */
import { Type, type Static } from '@sinclair/typebox';
import { FieldError, LocalisedText } from './problem.js';

const Text = LocalisedText;
const RegionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 code' });
/**
 * A benefit item id (`nn.new-product-subsidy`). Path parameters across the API are checked as
 * UUIDs first, so that a malformed one is reported the same way on every route (format:uuid);
 * a UUID names no item and answers 404.
 */
const ItemId = Type.Union([Type.String({ format: 'uuid' }), Type.String({ pattern: '^[a-z0-9]+\\.[a-z0-9.-]+$', maxLength: 120 })], { description: 'benefit item id, e.g. nn.new-product-subsidy' });

export const PolicyDocumentRef = Type.Object({ key: Type.String(), title: Text, number: Type.Union([Type.String(), Type.Null()]), issuer: Text });
const Effective = Type.Object({ from: Type.String({ format: 'date' }), to: Type.Union([Type.String({ format: 'date' }), Type.Null()]) });
const Mode = Type.Union([Type.Literal('apply'), Type.Literal('automatic')]);

/** How an item is applied for (fulfilment decides; the pages offer 申请 only where status is online). */
export const ApplicationChannel = Type.Object(
  {
    status: Type.Union([Type.Literal('online'), Type.Literal('automatic'), Type.Literal('offline'), Type.Literal('not_started'), Type.Literal('ended')], {
      description: 'online: apply on this platform; automatic: 免申即享, no application; offline: not accepted online (reason says why); not_started / ended: outside its effective period',
    }),
    reason: Text,
    department: Type.Union([Type.String(), Type.Null()], { description: 'the department that accepts it online' }),
  },
  { description: 'whether and how the item is applied for, with the reason in both languages' },
);
export type ApplicationChannel = Static<typeof ApplicationChannel>;

const MarkRange = Type.Tuple([Type.Integer({ minimum: 0 }), Type.Integer({ minimum: 0 })]);

export const PolicySummary = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Text,
  entity: Type.String(),
  benefit: Type.String(),
  mode: Mode,
  regionCode: Type.Union([Type.String(), Type.Null()]),
  leadUnit: Type.Union([Type.String(), Type.Null()]),
  effective: Effective,
  open: Type.Boolean(),
  document: PolicyDocumentRef,
  maxAmountFen: Type.Union([Type.Integer(), Type.Null()], { description: 'the most one award can be (fen): a fixed amount or the lowest stated cap; null when the rules set no bound' }),
  application: ApplicationChannel,
  highlight: Type.Union([Type.Object({ zh: Type.Array(MarkRange), en: Type.Array(MarkRange) }), Type.Null()], {
    description: "the title's matched words (by word, pinyin or initials) as [start, end) ranges of each language's title; null unless searching",
  }),
  leadUnitName: Type.Union([Type.String(), Type.Null()], { description: 'the lead unit under its canonical name (aliases folded: 市人社局 → 市人力资源和社会保障局)' }),
});

export const PolicyQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: '中文、拼音或首字母 / Chinese words, pinyin or initials' })),
    region: Type.Optional(RegionCode),
    department: Type.Optional(Type.String({ maxLength: 100, description: 'lead unit or issuing authority' })),
    entity: Type.Optional(Type.Union(['enterprise', 'person', 'carrier', 'provider', 'institution'].map((x) => Type.Literal(x)))),
    benefit: Type.Optional(Type.Union(['subsidy', 'tax_relief', 'fee_relief', 'loan', 'loan_interest_subsidy', 'voucher', 'space', 'reward', 'priority', 'service'].map((x) => Type.Literal(x)))),
    mode: Type.Optional(Mode),
    open: Type.Optional(Type.Boolean({ description: 'true: in effect today; false: not in effect' })),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('amount')], { description: 'relevance (default: in force first, then by match), or amount (largest first)' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type PolicyQuery = Static<typeof PolicyQuery>;

export const PolicyList = Type.Object({ total: Type.Integer(), items: Type.Array(PolicySummary) });

export const PolicyFacets = Type.Object({
  departments: Type.Array(Type.String(), { description: 'lead units under their canonical names, one per unit' }),
  issuers: Type.Array(Text),
  entities: Type.Array(Type.Object({ value: Type.String(), label: Text })),
  benefits: Type.Array(Type.Object({ value: Type.String(), label: Text })),
});

export const PolicyDetail = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Text,
  entity: Type.String(),
  entityLabel: Text,
  benefit: Type.String(),
  benefitLabel: Text,
  mode: Mode,
  regionCode: Type.Union([Type.String(), Type.Null()]),
  leadUnit: Type.Union([Type.String(), Type.Null()]),
  supportingUnits: Type.Array(Type.String()),
  requiresMaterials: Type.Array(Type.Object({ id: Type.String(), label: Text })),
  effective: Effective,
  open: Type.Boolean(),
  document: PolicyDocumentRef,
  maxAmountFen: Type.Union([Type.Integer(), Type.Null()]),
  application: ApplicationChannel,
  clause: Type.Union([Type.String(), Type.Null()]),
  quote: Type.String(),
  criteria: Type.Array(Type.Object({ id: Type.String(), label: Text, implicit: Type.Boolean() })),
  amountRule: Type.Object({ formula: Type.Union([Text, Type.Null()]), note: Type.Union([Text, Type.Null()]), caps: Type.Array(Text) }),
  howToApply: Text,
  reading: Type.Array(Text),
  variables: Type.Array(Type.Object({ name: Type.String(), label: Text })),
  versions: Type.Array(Type.Object({ version: Type.Integer(), status: Type.String(), note: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String() })),
  canManage: Type.Boolean(),
});

export const PolicyItemParams = Type.Object({ id: ItemId }, { additionalProperties: false });
export const PolicyVersionParams = Type.Object({ id: ItemId, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const PolicyDiffQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const Meta = Type.Object({
  measure: Type.Union([Type.String(), Type.Null()]),
  clause: Type.Union([Type.String(), Type.Null()]),
  quote: Type.String(),
  leadUnit: Type.Union([Type.String(), Type.Null()]),
  supportingUnits: Type.Array(Type.String()),
  reading: Type.Array(Text),
  howToApply: Text,
});

export const PolicyVersionView = Type.Object({
  itemId: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  spec: Type.Unknown({ description: 'the benefit item as a rule (packages/rules/FORMAT.md §4)' }),
  parameters: Type.Record(Type.String(), Type.Unknown()),
  meta: Meta,
  note: Type.String(),
  createdAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  approval: Type.Union([
    Type.Object({
      submittedAt: Type.String(),
      /** Who submitted it and who drafted it (user ids): neither may approve it. */
      submittedBy: Type.Union([Type.String(), Type.Null()]),
      createdBy: Type.Union([Type.String(), Type.Null()]),
      impact: Type.Union([Type.Object({ affectedSubjects: Type.Integer(), costChangeFen: Type.Integer(), evaluated: Type.Integer() }), Type.Null()]),
    }),
    Type.Null(),
  ]),
});

export const PolicyDraftBody = Type.Object(
  {
    spec: Type.Unknown({ description: 'the whole benefit item (FORMAT.md §4); its id must be the item id' }),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'parameters (FORMAT.md §2) this version adds or replaces' })),
    note: Type.String({ minLength: 1, maxLength: 500, description: 'what changes and why (shown in the version history)' }),
    meta: Type.Optional(
      Type.Object(
        { leadUnit: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])), supportingUnits: Type.Optional(Type.Array(Type.String({ maxLength: 100 }))), howToApply: Type.Optional(Text) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PolicyDraftBody = Static<typeof PolicyDraftBody>;

export const NewPolicyItemBody = Type.Object(
  {
    documentKey: Type.String({ maxLength: 60, description: 'the source document (GET /api/v1/policy-documents)' }),
    spec: Type.Unknown({ description: 'the whole benefit item (FORMAT.md §4); spec.id is the new item id, "<prefix>.<name>"' }),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'parameters (FORMAT.md §2) this item adds' })),
    note: Type.String({ minLength: 1, maxLength: 500, description: 'why the item is added (shown in the version history)' }),
    meta: Type.Object(
      {
        clause: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: 'the clause of the document, e.g. 三（二）' })),
        quote: Type.String({ minLength: 4, maxLength: 2000, description: "the passage of the document's source text the item rests on (checked against the source, whitespace aside)" }),
        leadUnit: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
        supportingUnits: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
        howToApply: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const PolicyDocumentList = Type.Object({
  items: Type.Array(Type.Object({ key: Type.String(), title: Text, number: Type.Union([Type.String(), Type.Null()]), region: Type.String(), issuedOn: Type.Union([Type.String(), Type.Null()]) })),
});

const DiffEntry = Type.Object({ path: Type.String(), change: Type.String(), before: Type.Optional(Type.Unknown()), after: Type.Optional(Type.Unknown()) });
export const PolicyVersionDiff = Type.Object({
  itemId: Type.String(),
  from: Type.Integer(),
  to: Type.Integer(),
  rules: Type.Array(DiffEntry),
  amounts: Type.Array(DiffEntry),
  parameters: Type.Array(DiffEntry),
  meta: Type.Array(DiffEntry),
});

export type PolicyDocumentRef = Static<typeof PolicyDocumentRef>;
export type PolicySummary = Static<typeof PolicySummary>;
export type PolicyList = Static<typeof PolicyList>;
export type PolicyFacets = Static<typeof PolicyFacets>;
export type PolicyDetail = Static<typeof PolicyDetail>;
export type PolicyItemParams = Static<typeof PolicyItemParams>;
export type PolicyVersionParams = Static<typeof PolicyVersionParams>;
export type PolicyDiffQuery = Static<typeof PolicyDiffQuery>;
export type PolicyVersionView = Static<typeof PolicyVersionView>;
export type NewPolicyItemBody = Static<typeof NewPolicyItemBody>;
export type PolicyDocumentList = Static<typeof PolicyDocumentList>;
export type PolicyVersionDiff = Static<typeof PolicyVersionDiff>;

/** GET /api/v1/policies/:id/versions/:version/impact: what publishing the draft changes, and whether a second officer must approve. */
export const PolicyPublishImpact = Type.Object({
  affectedSubjects: Type.Integer({ description: 'subjects whose eligibility changes (a new item: those eligible)' }),
  costChangeFen: Type.Integer({ description: 'change of the total amount over eligible subjects, fen' }),
  evaluated: Type.Integer({ description: 'registered subjects evaluated' }),
  thresholds: Type.Object({ subjects: Type.Integer(), costFen: Type.Integer() }),
  needsApproval: Type.Boolean(),
});
export type PolicyPublishImpact = Static<typeof PolicyPublishImpact>;

export const PolicyReturnBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the draft goes back to its author' }) },
  { additionalProperties: false },
);

/** GET /api/v1/policy-rule-vocabulary: what the visual rule builder offers (officers). */
export const PolicyRuleVocabulary = Type.Object({
  variables: Type.Array(
    Type.Object({
      name: Type.String(),
      type: Type.String(),
      unit: Type.Union([Type.String(), Type.Null()]),
      label: Text,
      entity: Type.Array(Type.String()),
      values: Type.Union([Type.Array(Type.Object({ value: Type.String(), label: Text })), Type.Null()]),
      min: Type.Union([Type.Number(), Type.Null()]),
      max: Type.Union([Type.Number(), Type.Null()]),
      group: Text,
    }),
  ),
  parameters: Type.Array(
    Type.Object({ name: Type.String(), label: Text, unit: Type.Union([Type.String(), Type.Null()]), value: Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]) }),
  ),
});
export type PolicyRuleVocabulary = Static<typeof PolicyRuleVocabulary>;

export const PolicyPreviewBody = Type.Object(
  {
    spec: Type.Unknown({ description: 'the whole benefit item as edited (FORMAT.md §4)' }),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

/** POST /api/v1/policies/:id/preview: the draft's criteria in the engine's words, or its problems naming the criterion's path. */
export const PolicyRulePreview = Type.Object({
  criteria: Type.Array(Type.Object({ id: Type.String(), label: Text, text: Text, implicit: Type.Boolean() })),
  amount: Type.Union([Type.Object({ formula: Type.Union([Text, Type.Null()]), note: Type.Union([Text, Type.Null()]), caps: Type.Array(Text) }), Type.Null()]),
  errors: Type.Array(FieldError),
});
export type PolicyRulePreview = Static<typeof PolicyRulePreview>;
