/**
 * The datasets' catalogue: DCAT 2 metadata as JSON-LD (the catalogue and each dataset), the
 * overview the open-data page lists, the rows as JSON and CSV (UTF-8 with BOM, RFC 4180, formula
 * safe: the statistics downloads' writer) and the changelog. URLs are absolute, built from the
 * request's origin, and stable: /api/v1/public/datasets/{name}[/data.csv|/data.json|/changelog].
 */
import { DATASET_MAX_ROWS, type DatasetChangelog, type DatasetOverview, type DatasetRows, type DatasetSummary, type DcatCatalog, type DcatDataset, type DcatDatasetDocument } from '@seedbed/contract';
import type { AppDeps } from '../../platform/http.js';
import { notFound } from '../../platform/problems.js';
import { listChildren } from '../regions/index.js';
import { DATASET_CHANGES, DATASETS, LICENCE, PUBLISHER, versionOf, type DatasetData, type DatasetDefinition } from './opendata.datasets.js';
import { BOM, csvField } from './opendata.files.js';

export const DATASETS_PATH = '/api/v1/public/datasets';

export const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  owl: 'http://www.w3.org/2002/07/owl#',
} as const;

/** The dataset of that name, or a 404 naming it. */
export function datasetNamed(name: string): DatasetDefinition {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw notFound({ zh: `数据集“${name}”`, en: `Dataset “${name}”` });
  return d;
}

export const urlsOf = (origin: string, name: string) => ({
  metadata: `${origin}${DATASETS_PATH}/${name}`,
  csv: `${origin}${DATASETS_PATH}/${name}/data.csv`,
  json: `${origin}${DATASETS_PATH}/${name}/data.json`,
  changelog: `${origin}${DATASETS_PATH}/${name}/changelog`,
});

async function spatial(deps: AppDeps): Promise<{ code: string; name: string }[]> {
  return (await listChildren(deps.db, null)).map((r) => ({ code: r.code, name: r.name }));
}

async function summaryOf(deps: AppDeps, origin: string, d: DatasetDefinition, data: DatasetData, regions: { code: string; name: string }[]): Promise<DatasetSummary> {
  const urls = urlsOf(origin, d.name);
  return {
    name: d.name,
    version: versionOf(d.name),
    title: d.title,
    description: d.description,
    keywords: d.keywords,
    theme: d.theme,
    publisher: PUBLISHER,
    licence: LICENCE,
    temporal: data.temporal,
    spatial: regions,
    modified: data.modified,
    rows: data.rows.length,
    columns: d.columns,
    downloads: { csv: urls.csv, json: urls.json, metadata: urls.metadata },
  };
}

/** Every dataset as the open-data page lists it (each loaded once, to count its rows). */
export async function datasetOverview(deps: AppDeps, origin: string): Promise<DatasetOverview> {
  const regions = await spatial(deps);
  const datasets: DatasetSummary[] = [];
  for (const d of DATASETS) datasets.push(await summaryOf(deps, origin, d, await d.load(deps), regions));
  return { asOf: deps.clock.today(), datasets, catalogue: `${origin}${DATASETS_PATH}` };
}

const lang = (t: { zh: string; en: string }) => [
  { '@language': 'zh', '@value': t.zh },
  { '@language': 'en', '@value': t.en },
];
const dateTime = (s: string) => ({ '@type': 'xsd:dateTime' as const, '@value': s.length === 10 ? `${s}T00:00:00Z` : s });
const date = (s: string) => ({ '@type': 'xsd:date' as const, '@value': s.slice(0, 10) });
const publisher = () => ({ '@type': 'foaf:Organization' as const, 'foaf:name': lang(PUBLISHER) });

function dcatOf(origin: string, s: DatasetSummary): DcatDataset {
  const urls = urlsOf(origin, s.name);
  const distribution = (format: 'csv' | 'json') => ({
    '@id': `${urls[format]}#distribution`,
    '@type': 'dcat:Distribution' as const,
    'dct:title': lang(format === 'csv' ? { zh: `${s.title.zh}（CSV）`, en: `${s.title.en} (CSV)` } : { zh: `${s.title.zh}（JSON）`, en: `${s.title.en} (JSON)` }),
    'dcat:mediaType': format === 'csv' ? 'text/csv' : 'application/json',
    'dct:format': format === 'csv' ? 'CSV' : 'JSON',
    'dcat:downloadURL': { '@id': urls[format] },
    'dcat:accessURL': { '@id': urls[format] },
    'dct:license': { '@id': LICENCE.url },
  });
  const temporal =
    s.temporal.from || s.temporal.to
      ? { 'dct:temporal': { '@type': 'dct:PeriodOfTime' as const, ...(s.temporal.from ? { 'dcat:startDate': date(s.temporal.from) } : {}), ...(s.temporal.to ? { 'dcat:endDate': date(s.temporal.to) } : {}) } }
      : {};
  return {
    '@id': urls.metadata,
    '@type': 'dcat:Dataset',
    'dct:identifier': s.name,
    'dct:title': lang(s.title),
    'dct:description': lang(s.description),
    'dcat:keyword': s.keywords.flatMap(lang),
    'dcat:theme': lang(s.theme),
    'dct:publisher': publisher(),
    'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': `${PUBLISHER.zh} / ${PUBLISHER.en}`, 'vcard:hasURL': { '@id': `${origin}/open-data` } },
    'dct:license': { '@id': LICENCE.url },
    ...(s.modified ? { 'dct:modified': dateTime(s.modified) } : {}),
    ...temporal,
    'dct:spatial': s.spatial.map((r) => ({ '@type': 'dct:Location' as const, 'skos:prefLabel': r.name, 'dct:identifier': r.code })),
    'owl:versionInfo': String(s.version),
    'dcat:landingPage': { '@id': `${origin}/open-data` },
    'dcat:distribution': [distribution('csv'), distribution('json')],
  };
}

/** The DCAT catalogue (JSON-LD) of every dataset. */
export async function dcatCatalog(deps: AppDeps, origin: string): Promise<DcatCatalog> {
  const { datasets } = await datasetOverview(deps, origin);
  const modified = datasets.map((d) => d.modified).filter((m): m is string => m !== null).map((m) => dateTime(m)['@value']).sort().at(-1);
  return {
    '@context': CONTEXT,
    '@id': `${origin}${DATASETS_PATH}`,
    '@type': 'dcat:Catalog',
    'dct:title': lang({ zh: '开放数据目录', en: 'Open data catalogue' }),
    'dct:description': lang({ zh: '平台公开数据集：政策、公示、统计与名录，CSV 与 JSON 下载。', en: 'The platform’s public datasets: policies, publicity, statistics and directories, downloadable as CSV and JSON.' }),
    'dct:publisher': publisher(),
    'dct:license': { '@id': LICENCE.url },
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    'foaf:homepage': { '@id': `${origin}/open-data` },
    'dcat:dataset': datasets.map((s) => dcatOf(origin, s)),
  };
}

/** One dataset's DCAT description (JSON-LD). */
export async function dcatDataset(deps: AppDeps, origin: string, name: string): Promise<DcatDatasetDocument> {
  const d = datasetNamed(name);
  const summary = await summaryOf(deps, origin, d, await d.load(deps), await spatial(deps));
  return { '@context': CONTEXT, ...dcatOf(origin, summary) };
}

/** The rows (a page of them: at most DATASET_MAX_ROWS), as JSON. */
export async function datasetRows(deps: AppDeps, name: string, page: { limit?: number | undefined; offset?: number | undefined }): Promise<DatasetRows> {
  const d = datasetNamed(name);
  const data = await d.load(deps);
  const offset = page.offset ?? 0;
  const limit = Math.min(page.limit ?? DATASET_MAX_ROWS, DATASET_MAX_ROWS);
  return { dataset: d.name, version: versionOf(d.name), modified: data.modified, columns: d.columns, total: data.rows.length, offset, limit, rows: data.rows.slice(offset, offset + limit) };
}

const cell = (v: unknown): string | number => (v === null || v === undefined ? '' : typeof v === 'number' ? v : typeof v === 'boolean' ? String(v) : String(v));

/** The same rows as CSV: a header of the column names, then one line a row. */
export function rowsCsv(r: DatasetRows): string {
  const names = r.columns.map((c) => c.name);
  const lines = [names, ...r.rows.map((row) => names.map((n) => cell(row[n])))];
  return BOM + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The changelog: schema changes (all, or one dataset's) and when the data last changed. */
export async function datasetChangelog(deps: AppDeps, name?: string): Promise<DatasetChangelog> {
  const chosen = name === undefined ? DATASETS : [datasetNamed(name)];
  const data: DatasetChangelog['data'] = [];
  for (const d of chosen) {
    const loaded = await d.load(deps);
    data.push({ dataset: d.name, title: d.title, version: versionOf(d.name), modified: loaded.modified, rows: loaded.rows.length });
  }
  const names = new Set(chosen.map((d) => d.name));
  const schemaChanges = DATASET_CHANGES.filter((c) => names.has(c.dataset)).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.dataset.localeCompare(b.dataset)));
  return { schemaChanges, data };
}
