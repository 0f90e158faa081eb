/**
 * Exchange (互联互通): a city's and its districts' Seedbed instances working as one system
 * without one central database. An enterprise consents to a named platform reading its verified
 * profile (and sees who read it); districts report their indicators to the city per period.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from './common.js';
import { LocalisedText } from './problem.js';
import { Instant } from './time.js';

/** A period reported on: a month `YYYY-MM` or a quarter `YYYY-Qn`. */
export const ReportPeriod = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$', description: 'YYYY-MM or YYYY-Qn' });

// ---------------------------------------------------------------- consent and profiles

export const ExchangePlatform = Type.Object({
  clientId: Type.String(),
  name: Type.String({ description: 'the platform (machine client) as registered' }),
  organisationName: Type.String({ description: 'the organisation that registered it' }),
  regionCode: Type.String(),
});
export type ExchangePlatform = Static<typeof ExchangePlatform>;

export const ConsentEvent = Type.Object({
  action: Type.Union([Type.Literal('granted'), Type.Literal('revoked')]),
  clientId: Type.String(),
  platformName: Type.String(),
  organisationName: Type.String(),
  scope: Type.String({ description: 'verified_profile: the verified facts of the profile' }),
  by: Type.String({ description: 'who granted or revoked it' }),
  at: Instant,
});
export type ConsentEvent = Static<typeof ConsentEvent>;

export const ProfileRead = Type.Object({
  platformName: Type.String(),
  organisationName: Type.String(),
  withConsent: Type.Boolean({ description: 'true: the verified profile was read; false: only public data' }),
  at: Instant,
});
export type ProfileRead = Static<typeof ProfileRead>;

export const DataSharing = Type.Object({
  subjectId: Uuid,
  platforms: Type.Array(ExchangePlatform, { description: 'the platforms that may be granted consent (clients with scope subjects:exchange)' }),
  live: Type.Array(ConsentEvent, { description: 'the consents in force (their grant)' }),
  history: Type.Array(ConsentEvent, { description: 'every grant and revocation, newest first' }),
  reads: Type.Array(ProfileRead, { description: '谁读取了我的档案, newest first' }),
});
export type DataSharing = Static<typeof DataSharing>;

export const SharingConsentBody = Type.Object({ clientId: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type SharingConsentBody = Static<typeof SharingConsentBody>;

export const ExchangeSubjectParams = Type.Object({ subjectId: Uuid }, { additionalProperties: false });
export const ExchangeCreditCodeParams = Type.Object({ creditCode: Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: 'the 18-character unified social credit code (GB 32100)' }) }, { additionalProperties: false });

export const ExchangedFact = Type.Object({
  variable: Type.String(),
  label: LocalisedText,
  value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
  source: Type.String(),
  asOf: Type.Union([Type.String(), Type.Null()]),
});
export type ExchangedFact = Static<typeof ExchangedFact>;

export const ExchangedProfile = Type.Object({
  name: Type.String(),
  creditCode: Type.String(),
  regionCode: Type.Union([Type.String(), Type.Null()]),
  consent: Type.Union([Type.Literal('granted'), Type.Literal('missing')], { description: 'missing: only public data is given' }),
  verifiedFacts: Type.Array(ExchangedFact, { description: 'empty without consent' }),
  directory: Type.Union([
    Type.Object({ industry: Type.Union([Type.String(), Type.Null()]), introduction: Type.String(), products: Type.Array(Type.String()) }),
    Type.Null(),
  ], { description: 'what the public directory shows (null: not listed)' }),
  platform: Type.String({ description: 'the platform answering' }),
});
export type ExchangedProfile = Static<typeof ExchangedProfile>;

export const ImportSubjectBody = Type.Object(
  { upstreamId: Type.String({ minLength: 1, maxLength: 100 }), creditCode: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);
export type ImportSubjectBody = Static<typeof ImportSubjectBody>;

export const ImportSubjectResult = Type.Object({
  subjectId: Uuid,
  imported: Type.Array(Type.String(), { description: 'the variables written' }),
  source: Type.String(),
});
export type ImportSubjectResult = Static<typeof ImportSubjectResult>;

export const ExchangeUpstreamSummary = Type.Object({ id: Type.String(), name: Type.String(), baseUrl: Type.String() });
export const ExchangeUpstreamList = Type.Object({ items: Type.Array(ExchangeUpstreamSummary) });
export type ExchangeUpstreamList = Static<typeof ExchangeUpstreamList>;

// ---------------------------------------------------------------- indicators

export const IndicatorDefinition = Type.Object({
  name: Type.String(),
  label: LocalisedText,
  unit: LocalisedText,
  kind: Type.Union([Type.Literal('flow'), Type.Literal('stock')], { description: 'flow: summed over months; stock: the latest period' }),
  statistic: Type.String({ description: 'the city-side statistic summing the reports' }),
  localStatistic: Type.Union([Type.String(), Type.Null()], { description: "the district's own statistic it is read from, if any" }),
});
export const IndicatorList = Type.Object({ items: Type.Array(IndicatorDefinition) });
export type IndicatorList = Static<typeof IndicatorList>;

export const IndicatorValue = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }), value: Type.Number({ minimum: 0 }), unit: Type.String({ maxLength: 20 }) },
  { additionalProperties: false },
);
export type IndicatorValue = Static<typeof IndicatorValue>;

export const IndicatorReportBody = Type.Object(
  { period: ReportPeriod, version: Type.Integer({ minimum: 1 }), indicators: Type.Array(IndicatorValue, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
export type IndicatorReportBody = Static<typeof IndicatorReportBody>;

export const IndicatorReceipt = Type.Object({
  receiptId: Type.String(),
  period: Type.String(),
  version: Type.Integer(),
  regionCode: Type.String(),
  digest: Type.String({ description: 'sha-256 of the body as received, base64' }),
  receivedAt: Instant,
  late: Type.Boolean({ description: "received after the period's deadline" }),
});
export type IndicatorReceipt = Static<typeof IndicatorReceipt>;

export const PushIndicatorsBody = Type.Object(
  {
    upstreamId: Type.String({ minLength: 1, maxLength: 100 }),
    period: ReportPeriod,
    indicators: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), value: Type.Number({ minimum: 0 }) }, { additionalProperties: false }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type PushIndicatorsBody = Static<typeof PushIndicatorsBody>;

export const PushIndicatorsResult = Type.Object({
  status: Type.Integer({ description: "the city's answer" }),
  receipt: Type.Union([IndicatorReceipt, Type.Null()]),
  sent: Type.Array(Type.Object({ name: Type.String(), value: Type.Number(), unit: Type.String(), from: Type.Union([Type.Literal('statistic'), Type.Literal('form')]) })),
  version: Type.Integer(),
});
export type PushIndicatorsResult = Static<typeof PushIndicatorsResult>;

export const DistrictReportsQuery = Type.Object({ period: ReportPeriod, regionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) }, { additionalProperties: false });
export type DistrictReportsQuery = Static<typeof DistrictReportsQuery>;

export const DistrictReportRow = Type.Object({
  platformName: Type.String(),
  organisationName: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  status: Type.Union([Type.Literal('received'), Type.Literal('late'), Type.Literal('missing'), Type.Literal('not_due')]),
  version: Type.Union([Type.Integer(), Type.Null()]),
  firstReceivedAt: Type.Union([Instant, Type.Null()]),
  receivedAt: Type.Union([Instant, Type.Null()], { description: 'the latest version' }),
});
export const DistrictReports = Type.Object({
  period: Type.String(),
  regionCode: Type.String(),
  deadline: Type.String({ description: "YYYY-MM-DD, Asia/Shanghai: the 10th of the month after the period's end" }),
  rule: LocalisedText,
  districts: Type.Array(DistrictReportRow),
  indicators: Type.Array(
    Type.Object({
      name: Type.String(),
      label: LocalisedText,
      unit: LocalisedText,
      total: Type.Number(),
      shares: Type.Array(Type.Object({ regionCode: Type.String(), regionName: Type.String(), value: Type.Number() })),
    }),
  ),
});
export type DistrictReports = Static<typeof DistrictReports>;
