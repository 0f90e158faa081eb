import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, RegionCode } from './common.js';
import { LocalisedText } from './problem.js';

/**
 * Open statistics (数据开放): the statistics the modules declare public, for a region and a
 * period, grouped by module, with the breakdowns the public page draws and downloads as CSV and
 * .xlsx. No sign-in.
 */

/** A year (2026), a quarter (2026-Q1) or a month (2026-03). */
export const OpenPeriod = Type.String({
  pattern: '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$',
  description: 'A year (2026), a quarter (2026-Q1) or a month (2026-03); absent: this year up to today',
});
export type OpenPeriod = Static<typeof OpenPeriod>;

export const OpenStatisticsQuery = Type.Object(
  {
    regionCode: Type.Optional(RegionCode),
    period: Type.Optional(OpenPeriod),
  },
  { additionalProperties: false },
);
export type OpenStatisticsQuery = Static<typeof OpenStatisticsQuery>;

export const OpenStatisticsRegion = Type.Object({
  /** null: the whole platform (every region). */
  code: Type.Union([RegionCode, Type.Null()]),
  name: Type.String(),
});
export type OpenStatisticsRegion = Static<typeof OpenStatisticsRegion>;

export const OpenStatisticsPeriod = Type.Object({
  key: OpenPeriod,
  kind: Type.Union([Type.Literal('year'), Type.Literal('quarter'), Type.Literal('month')]),
  label: LocalisedText,
  from: IsoDate,
  /** The period's last day, or today while the period runs. */
  to: IsoDate,
});
export type OpenStatisticsPeriod = Static<typeof OpenStatisticsPeriod>;

export const OpenFigure = Type.Object({
  /** The statistic's declared name (`<module>.<name>`), to ask for its breakdown. */
  name: Type.String(),
  label: LocalisedText,
  unit: LocalisedText,
  /** In the declared unit (money in fen). */
  value: Type.Number(),
});
export type OpenFigure = Static<typeof OpenFigure>;

export const OpenStatisticGroup = Type.Object({
  /** The declaring module's name (to download the group). */
  group: Type.String(),
  label: LocalisedText,
  figures: Type.Array(OpenFigure),
});
export type OpenStatisticGroup = Static<typeof OpenStatisticGroup>;

export const OpenStatisticsView = Type.Object({
  asOf: IsoDate,
  region: OpenStatisticsRegion,
  period: OpenStatisticsPeriod,
  groups: Type.Array(OpenStatisticGroup),
});
export type OpenStatisticsView = Static<typeof OpenStatisticsView>;

export const OpenBreakdownQuery = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'a public statistic (`<module>.<name>`)' }),
    regionCode: Type.Optional(RegionCode),
    period: Type.Optional(OpenPeriod),
  },
  { additionalProperties: false },
);
export type OpenBreakdownQuery = Static<typeof OpenBreakdownQuery>;

export const OpenBreakdown = Type.Object({
  figure: OpenFigure,
  region: OpenStatisticsRegion,
  period: OpenStatisticsPeriod,
  /** The region's child regions (the whole platform: the provinces with a value), same period. */
  byRegion: Type.Array(Type.Object({ code: RegionCode, name: Type.String(), value: Type.Number() })),
  /** Month by month from January of the period's year to the period's end, same region. */
  byMonth: Type.Array(Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }), from: IsoDate, to: IsoDate, value: Type.Number() })),
});
export type OpenBreakdown = Static<typeof OpenBreakdown>;

export const OpenExportQuery = Type.Object(
  {
    group: Type.String({ minLength: 1, maxLength: 50, description: 'the group to download (a module with public statistics)' }),
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
    regionCode: Type.Optional(RegionCode),
    period: Type.Optional(OpenPeriod),
  },
  { additionalProperties: false },
);
export type OpenExportQuery = Static<typeof OpenExportQuery>;

// ---------------------------------------------------------------- datasets (开放数据集)

/**
 * Open datasets: the public data the platform already shows (policies, their source documents,
 * awards in publicity, the public statistics, carriers, listed enterprises, certified service
 * providers) as downloads in CSV and JSON with DCAT metadata (JSON-LD), stable URLs and a
 * changelog. No sign-in.
 */

export const DatasetName = Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', description: 'The dataset\'s stable name (its URLs never change)' });

export const DatasetParams = Type.Object({ name: DatasetName }, { additionalProperties: false });
export type DatasetParams = Static<typeof DatasetParams>;

/** The most rows one download gives; larger datasets are read page by page with limit and offset. */
export const DATASET_MAX_ROWS = 10000;

export const DatasetRowsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DATASET_MAX_ROWS, description: `rows at most (default and maximum ${DATASET_MAX_ROWS})` })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'rows to skip (default 0)' })),
  },
  { additionalProperties: false },
);
export type DatasetRowsQuery = Static<typeof DatasetRowsQuery>;

export const DatasetColumnType = Type.Union([Type.Literal('string'), Type.Literal('integer'), Type.Literal('number'), Type.Literal('boolean'), Type.Literal('date')]);
export type DatasetColumnType = Static<typeof DatasetColumnType>;

export const DatasetColumn = Type.Object({
  name: Type.String({ description: 'the CSV header and the JSON key' }),
  title: LocalisedText,
  type: DatasetColumnType,
  description: Type.Optional(LocalisedText),
});
export type DatasetColumn = Static<typeof DatasetColumn>;

export const DatasetCell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
export type DatasetCell = Static<typeof DatasetCell>;

/** A dataset as the open-data page lists it. */
export const DatasetSummary = Type.Object({
  name: DatasetName,
  version: Type.Integer({ description: 'the schema version (its columns); see the changelog' }),
  title: LocalisedText,
  description: LocalisedText,
  keywords: Type.Array(LocalisedText),
  theme: LocalisedText,
  publisher: LocalisedText,
  licence: Type.Object({ name: Type.String(), url: Type.String() }),
  temporal: Type.Object({ from: Type.Union([IsoDate, Type.Null()]), to: Type.Union([IsoDate, Type.Null()]) }),
  spatial: Type.Array(Type.Object({ code: RegionCode, name: Type.String() })),
  modified: Type.Union([Type.String(), Type.Null()], { description: 'when its rows last changed (ISO 8601), null where the data keeps no such time' }),
  rows: Type.Integer(),
  columns: Type.Array(DatasetColumn),
  downloads: Type.Object({ csv: Type.String(), json: Type.String(), metadata: Type.String() }),
});
export type DatasetSummary = Static<typeof DatasetSummary>;

export const DatasetOverview = Type.Object({ asOf: IsoDate, datasets: Type.Array(DatasetSummary), catalogue: Type.String({ description: 'the DCAT catalogue (JSON-LD)' }) });
export type DatasetOverview = Static<typeof DatasetOverview>;

/** A dataset's rows as JSON: the same rows and columns as its CSV. */
export const DatasetRows = Type.Object({
  dataset: DatasetName,
  version: Type.Integer(),
  modified: Type.Union([Type.String(), Type.Null()]),
  columns: Type.Array(DatasetColumn),
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  rows: Type.Array(Type.Record(Type.String(), DatasetCell)),
});
export type DatasetRows = Static<typeof DatasetRows>;

export const DatasetChange = Type.Object({
  dataset: DatasetName,
  version: Type.Integer(),
  date: IsoDate,
  change: LocalisedText,
});
export type DatasetChange = Static<typeof DatasetChange>;

export const DatasetChangelog = Type.Object({
  schemaChanges: Type.Array(DatasetChange, { description: 'each change of a dataset\'s columns or meaning, newest first' }),
  data: Type.Array(Type.Object({ dataset: DatasetName, title: LocalisedText, version: Type.Integer(), modified: Type.Union([Type.String(), Type.Null()]), rows: Type.Integer() }), { description: 'when each dataset\'s rows last changed' }),
});
export type DatasetChangelog = Static<typeof DatasetChangelog>;

// DCAT 2 / DCAT-AP as JSON-LD (https://www.w3.org/TR/vocab-dcat-2/)
const LangString = Type.Object({ '@language': Type.String(), '@value': Type.String() });
const Typed = (type: string) => Type.Object({ '@type': Type.Literal(type), '@value': Type.String() });

export const DcatDistribution = Type.Object({
  '@id': Type.String(),
  '@type': Type.Literal('dcat:Distribution'),
  'dct:title': Type.Array(LangString),
  'dcat:mediaType': Type.String(),
  'dct:format': Type.String(),
  'dcat:downloadURL': Type.Object({ '@id': Type.String() }),
  'dcat:accessURL': Type.Object({ '@id': Type.String() }),
  'dct:license': Type.Object({ '@id': Type.String() }),
});

export const DcatDataset = Type.Object({
  '@id': Type.String(),
  '@type': Type.Literal('dcat:Dataset'),
  'dct:identifier': Type.String(),
  'dct:title': Type.Array(LangString),
  'dct:description': Type.Array(LangString),
  'dcat:keyword': Type.Array(LangString),
  'dcat:theme': Type.Array(LangString),
  'dct:publisher': Type.Object({ '@type': Type.Literal('foaf:Organization'), 'foaf:name': Type.Array(LangString) }),
  'dcat:contactPoint': Type.Object({ '@type': Type.Literal('vcard:Organization'), 'vcard:fn': Type.String(), 'vcard:hasURL': Type.Object({ '@id': Type.String() }) }),
  'dct:license': Type.Object({ '@id': Type.String() }),
  'dct:modified': Type.Optional(Typed('xsd:dateTime')),
  'dct:temporal': Type.Optional(Type.Object({ '@type': Type.Literal('dct:PeriodOfTime'), 'dcat:startDate': Type.Optional(Typed('xsd:date')), 'dcat:endDate': Type.Optional(Typed('xsd:date')) })),
  'dct:spatial': Type.Array(Type.Object({ '@type': Type.Literal('dct:Location'), 'skos:prefLabel': Type.String(), 'dct:identifier': Type.String() })),
  'owl:versionInfo': Type.String(),
  'dcat:landingPage': Type.Object({ '@id': Type.String() }),
  'dcat:distribution': Type.Array(DcatDistribution),
});
export type DcatDataset = Static<typeof DcatDataset>;

export const DcatContext = Type.Object({
  dcat: Type.Literal('http://www.w3.org/ns/dcat#'),
  dct: Type.Literal('http://purl.org/dc/terms/'),
  foaf: Type.Literal('http://xmlns.com/foaf/0.1/'),
  vcard: Type.Literal('http://www.w3.org/2006/vcard/ns#'),
  xsd: Type.Literal('http://www.w3.org/2001/XMLSchema#'),
  skos: Type.Literal('http://www.w3.org/2004/02/skos/core#'),
  owl: Type.Literal('http://www.w3.org/2002/07/owl#'),
});

export const DcatCatalog = Type.Object({
  '@context': DcatContext,
  '@id': Type.String(),
  '@type': Type.Literal('dcat:Catalog'),
  'dct:title': Type.Array(LangString),
  'dct:description': Type.Array(LangString),
  'dct:publisher': Type.Object({ '@type': Type.Literal('foaf:Organization'), 'foaf:name': Type.Array(LangString) }),
  'dct:license': Type.Object({ '@id': Type.String() }),
  'dct:modified': Type.Optional(Typed('xsd:dateTime')),
  'foaf:homepage': Type.Object({ '@id': Type.String() }),
  'dcat:dataset': Type.Array(DcatDataset),
});
export type DcatCatalog = Static<typeof DcatCatalog>;

/** One dataset's DCAT description alone, with the context. */
export const DcatDatasetDocument = Type.Composite([Type.Object({ '@context': DcatContext }), DcatDataset]);
export type DcatDatasetDocument = Static<typeof DcatDatasetDocument>;
