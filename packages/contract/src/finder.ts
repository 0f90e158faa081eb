/**
 * The policy finder's documented JSON shapes. `POST /api/v1/eligibility/check` is the stable
 * contract other platforms call: a profile under the catalogue's variable names, a region, a date
 * → per item a status, the amount, gaps and what is missing (summary, the default) or, with
 * detail=full, each criterion explained in Chinese and English and the amount's computation.
 * The server validates and documents with these schemas; the web app takes its types from them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ApplicationChannel } from './policies.js';

/** Localised text: {zh, en}; with `lang` zh or en only that key. */
export const CheckText = Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) });
const Text = CheckText;
const Date_ = Type.String({ format: 'date' });
const Status = Type.Union([Type.Literal('eligible'), Type.Literal('ineligible'), Type.Literal('near_miss'), Type.Literal('unknown')], {
  description: 'eligible; ineligible (a failed criterion that cannot close says why in `reason`: a date in the past, a limit time only moves further from); near_miss (exactly one criterion fails and it can still close — people to hire, sales to make, months of operation still to come: see gap); unknown (needs more information: see missing — never shown as not eligible)',
});
const Entity = Type.Union(['enterprise', 'person', 'carrier', 'provider', 'institution'].map((x) => Type.Literal(x)));

export const CheckBody = Type.Object(
  {
    profile: Type.Record(Type.String(), Type.Unknown(), {
      description: 'facts under the catalogue variable names (GET /api/v1/eligibility/variables); null or absent = unknown. Money in fen, dates YYYY-MM-DD.',
    }),
    region: Type.Optional(Type.String({ description: 'GB/T 2260 code of the place of registration or residence (sets profile.region)' })),
    date: Type.Optional(
      Type.String({
        description:
          'evaluation date YYYY-MM-DD (default: today in Asia/Shanghai). Any caller may ask "as of" another date through the API (other platforms, checks of historical readings); the web calculator offers it to officers only.',
      }),
    ),
    entity: Type.Optional(Entity),
    skip: Type.Optional(
      Type.Array(Type.String({ maxLength: 120 }), {
        maxItems: 500,
        description: 'variables the person chose not to answer: they stay unknown, are not asked again and count as skipped in `progress`',
      }),
    ),
    items: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 500, description: 'only these items (default: the whole catalogue)' })),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en'), Type.Literal('both')], { description: 'languages of the texts (default both: {zh, en}; zh or en: objects with that key only)' })),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        description:
          'at most this many items in `items` (a page, in the answer\'s order; default: every item in scope). `summary`, `questions` and `progress` still count every item, `applications` covers the page, and `outOfScope` and `ended` list their first `limit` items (their `count` is of all). For large catalogues: ask a page, then the next with `offset`.',
      }),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, description: 'items to pass over before the page (default 0); used with `limit`' })),
    detail: Type.Optional(
      Type.Union([Type.Literal('summary'), Type.Literal('full')], {
        description:
          'summary (default): per item id, status, amountFen, gap text, missing variable names and conflicts (ItemSummary) — the whole catalogue in ~16 KiB; ' +
          'full: per item its criteria with their explanations in Chinese and English, the amount with its computation steps, the gap and the missing variables with labels (ItemVerdict). ' +
          'Titles and documents of items are in GET /api/v1/policies; to explain the items a person opens, ask again with detail=full and those `items`.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CheckBody = Static<typeof CheckBody>;

const Gap = Type.Object({
  amount: Type.Number({ description: 'how far the failing comparison must move, in `unit` (money in yuan)' }),
  direction: Type.String(),
  unit: Text,
  text: Text,
  metOn: Type.Optional(Type.String({ format: 'date', description: 'when time alone closes the gap (months of operation still to come): the first day it is met on' })),
});
const Criterion = Type.Object({
  id: Type.String(),
  label: Text,
  status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('unknown')]),
  sentence: Text,
  values: Type.Record(Type.String(), Type.Unknown()),
  missing: Type.Array(Type.String()),
  gap: Type.Optional(Gap),
  reason: Type.Optional(Text),
  /** What the verified fact a failed criterion read rests on (a credit record: kind, decision number, department, end of publication). */
  basis: Type.Optional(Text),
});
const Amount = Type.Object({
  status: Type.Union([Type.Literal('known'), Type.Literal('unknown')]),
  fen: Type.Union([Type.Integer(), Type.Null()]),
  steps: Type.Array(Text),
  missing: Type.Array(Type.String()),
  note: Type.Optional(Text),
});
const Missing = Type.Object({ variable: Type.String(), label: Text });

/** Where an item published by another platform (a subscribed feed) comes from; it is applied for there. */
export const ItemOrigin = Type.Object(
  {
    kind: Type.Union([Type.Literal('upstream'), Type.Literal('district')], { description: 'upstream: 上级政策 (the city\'s, the province\'s); district: 区级政策' }),
    platform: Type.String({ description: 'the origin platform\'s name' }),
    itemId: Type.String({ description: 'the item\'s id on the origin platform' }),
    url: Type.String({ description: 'the item\'s page on the origin platform, where it is applied for' }),
  },
  { description: 'present on an item another platform publishes (a subscribed policy feed)' },
);
export type ItemOrigin = Static<typeof ItemOrigin>;

export const ItemVerdict = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Text,
  entity: Type.String(),
  benefit: Type.String(),
  mode: Type.Union([Type.Literal('apply'), Type.Literal('automatic')]),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  leadUnit: Type.Union([Type.String(), Type.Null()]),
  document: Type.Object({ key: Type.String(), title: Text, number: Type.Union([Type.String(), Type.Null()]) }),
  status: Status,
  criteria: Type.Array(Criterion),
  amount: Type.Union([Amount, Type.Null()]),
  gap: Type.Optional(Gap),
  missing: Type.Array(Missing),
  conflicts: Type.Array(Type.String()),
  origin: Type.Optional(ItemOrigin),
});

export const Question = Type.Object({
  variable: Type.String(),
  type: Type.String(),
  unit: Type.Union([Type.String(), Type.Null()]),
  label: Text,
  question: Text,
  values: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Text }))),
  decides: Type.Integer({ description: 'how many undecided items need this answer' }),
});

export type ItemVerdict = Static<typeof ItemVerdict>;
export type Question = Static<typeof Question>;
export type OutOfScope = Static<typeof OutOfScope>;
export type EndedItems = Static<typeof Ended>;
export type CheckProgress = Static<typeof Progress>;
export type CheckAnswer = Static<typeof Answer>;
export type CheckStatus = Static<typeof Status>;

export const ItemSummary = Type.Object({
  id: Type.String(),
  status: Status,
  amountFen: Type.Union([Type.Integer(), Type.Null()], { description: 'computed amount in fen, null when none or not yet computable' }),
  gap: Type.Optional(Text),
  missing: Type.Optional(Type.Array(Type.String(), { description: 'variables still needed (absent when none)' })),
  conflicts: Type.Optional(Type.Array(Type.String())),
  origin: Type.Optional(ItemOrigin),
});

export type ItemSummary = Static<typeof ItemSummary>;

const OutOfScope = Type.Object(
  {
    count: Type.Integer(),
    items: Type.Array(
      Type.Object({ id: Type.String(), title: Text, regionCode: Type.String(), regionName: Type.String({ description: 'the region as people name it, e.g. 湘潭市岳塘区' }) }),
    ),
  },
  { description: 'items of other regions than the one given (neither contains the other): not evaluated, not counted in the summary, asked nothing. Empty while the region is unknown.' },
);
const Ended = Type.Object(
  {
    count: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Text,
        endedOn: Type.Union([Date_, Type.Null()], { description: 'last day of the effective period, when the evaluation date lies after it' }),
        beginsOn: Type.Union([Date_, Type.Null()], { description: 'first day of the effective period, when the evaluation date lies before it' }),
      }),
    ),
  },
  { description: 'in-scope items whose effective period does not contain the evaluation date: not current, not counted in the summary, asked nothing' },
);
const Progress = Type.Object({
  answered: Type.Integer({ description: 'facts stated (the region included)' }),
  skipped: Type.Integer({ description: 'variables skipped (in `skip` and not answered)' }),
  remaining: Type.Integer({ description: 'distinct variables still missing across in-scope undecided items, skipped ones left out' }),
});
const Answer = Type.Object({
  variable: Type.String(),
  label: Text,
  text: Text,
});

export const CheckResult = Type.Object({
  date: Date_,
  region: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()], { description: 'the region as people name it, e.g. 南宁市青秀区' }),
  entity: Type.Union([Type.String(), Type.Null()]),
  catalogueRevision: Type.String(),
  summary: Type.Object({
    eligible: Type.Integer(),
    nearMiss: Type.Integer(),
    unknown: Type.Integer(),
    ineligible: Type.Integer(),
    totalFen: Type.Integer({ description: 'sum of the computed amounts of eligible items (fen)' }),
    totalIsLowerBound: Type.Boolean({ description: 'true when some eligible item has no computable amount yet' }),
  }),
  page: Type.Optional(
    Type.Object(
      { offset: Type.Integer(), limit: Type.Integer(), total: Type.Integer({ description: 'items in scope and in effect, all pages together' }) },
      { description: 'present when the request gave `limit`: where `items` stands among every item in scope' },
    ),
  ),
  items: Type.Array(Type.Union([ItemVerdict, ItemSummary]), {
    description:
      'ItemSummary (detail=summary, the default) or ItemVerdict (detail=full), for the items in scope and in effect (see outOfScope, ended; items named in `items` are always answered here with their verdict). Order: eligible, near miss, unknown, ineligible, then by amount (largest first) and id',
  }),
  questions: Type.Array(Question, { description: 'what to ask next, most useful first (the region first while it is unknown); never a skipped variable' }),
  outOfScope: OutOfScope,
  ended: Ended,
  progress: Progress,
  answers: Type.Array(Answer, { description: 'the facts stated, as people read them: enum values by label, regions by name, money in yuan, dates as dates' }),
  applications: Type.Record(Type.String(), Type.Composite([Type.Omit(ApplicationChannel, ['reason']), Type.Object({ reason: Text })]), { description: 'how each item in `items` is applied for (online, 免申即享, or why not), keyed by item id' }),
});
export type CheckResult = Static<typeof CheckResult>;

export const Variable = Type.Object({
  name: Type.String(),
  entity: Type.Array(Type.String()),
  type: Type.String(),
  unit: Type.Union([Type.String(), Type.Null()]),
  label: Text,
  question: Type.Union([Text, Type.Null()]),
  values: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Text }))),
});
export type Variable = Static<typeof Variable>;
export const VariableList = Type.Object({ items: Type.Array(Variable) });

export const MatchQuery = Type.Object({ date: Type.Optional(Date_) }, { additionalProperties: false });

export const SimulationBody = Type.Object(
  { itemId: Type.String({ maxLength: 120 }), version: Type.Integer({ minimum: 1 }), date: Type.Optional(Date_) },
  { additionalProperties: false },
);

const Tally = Type.Object({
  eligible: Type.Integer(),
  nearMiss: Type.Integer(),
  unknown: Type.Integer(),
  ineligible: Type.Integer(),
  amountFen: Type.Number(),
  amountUnknown: Type.Integer(),
});
const Side = Type.Object({
  version: Type.Integer(),
  total: Tally,
  nearMissByCriterion: Type.Record(Type.String(), Type.Integer()),
  byDistrict: Type.Array(Type.Intersect([Type.Object({ region: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }), Tally])),
});
export const Simulation = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  version: Type.Integer(),
  baseVersion: Type.Union([Type.Integer(), Type.Null()]),
  date: Date_,
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  progress: Type.Number(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  result: Type.Union([
    Type.Object({
      rows: Type.Integer(),
      elapsedMs: Type.Number(),
      draft: Side,
      current: Type.Union([Side, Type.Null()]),
      /** Subjects whose eligibility differs between the draft and the current version (a new item: those eligible). */
      affected: Type.Integer(),
    }),
    Type.Null(),
  ]),
});
export type Simulation = Static<typeof Simulation>;
export type SimulationSide = Static<typeof Side>;
export type Tally = Static<typeof Tally>;

/** The check's answer when every item is an ItemVerdict (detail=full; a subject's matches). */
export const FullCheckResult = Type.Composite([Type.Omit(CheckResult, ['items']), Type.Object({ items: Type.Array(ItemVerdict) })]);
export type FullCheckResult = Static<typeof FullCheckResult>;

/** GET /api/v1/finder/subjects/:id/matches: the subject, its profile as rule facts, and the full check. */
export const SubjectMatches = Type.Composite([
  Type.Object({
    subject: Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String(), regionCode: Type.Union([Type.String(), Type.Null()]) }),
    profile: Type.Record(Type.String(), Type.Unknown()),
  }),
  FullCheckResult,
]);
export type SubjectMatches = Static<typeof SubjectMatches>;
