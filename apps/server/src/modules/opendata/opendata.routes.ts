import { DatasetChangelog, DatasetOverview, DatasetParams, DatasetRows, DatasetRowsQuery, DcatCatalog, DcatDatasetDocument, OpenBreakdown, OpenBreakdownQuery, OpenExportQuery, OpenStatisticsQuery, OpenStatisticsView } from '@seedbed/contract';
import type { FastifyRequest } from 'fastify';
import { publicReader, type AppInstance } from '../../platform/http.js';
import { attachmentHeader } from '../files/index.js';
import { datasetChangelog, datasetOverview, datasetRows, DATASETS_PATH, dcatCatalog, dcatDataset, rowsCsv } from './opendata.catalogue.js';
import { exportCsv, exportFileName, exportXlsx } from './opendata.files.js';
import { openBreakdown, openExport, openStatistics } from './opendata.service.js';

export function opendataRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/public/statistics',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['opendata'],
        summary: '数据开放 / The public statistics for a region (default: the whole platform) and a year, quarter or month (default: this year), grouped by module',
        querystring: OpenStatisticsQuery,
        response: { 200: OpenStatisticsView },
      },
    },
    async (request) => openStatistics(publicReader(app, request), request.query),
  );

  app.get(
    '/api/v1/public/statistics/breakdown',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['opendata'],
        summary: '数据开放：分地区与逐月 / One public statistic by child region and month by month (each its declared compute)',
        querystring: OpenBreakdownQuery,
        response: { 200: OpenBreakdown },
      },
    },
    async (request) => openBreakdown(publicReader(app, request), request.query),
  );

  app.get(
    '/api/v1/public/statistics/export',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['opendata'],
        summary: '数据开放：下载 / A group of public statistics for the region and its child regions, as CSV (UTF-8 with BOM) or .xlsx',
        querystring: OpenExportQuery,
      },
    },
    async (request, reply) => {
      const data = await openExport(publicReader(app, request), request.query);
      if (request.query.format === 'csv') {
        return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentHeader(exportFileName(data, 'csv'))).send(exportCsv(data));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(exportFileName(data, 'xlsx')))
        .send(await exportXlsx(data));
    },
  );

  // ------------------------------------------------------------ datasets (stable URLs: see docs/API-VERSIONING.md)

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const tags = ['opendata'];
  const JSON_LD = 'application/ld+json; charset=utf-8';

  app.get(
    DATASETS_PATH,
    {
      config: { permission: 'public' },
      schema: { tags, summary: '开放数据目录（DCAT，JSON-LD）/ The datasets catalogue as DCAT 2 JSON-LD: every dataset with its CSV and JSON distributions', response: { 200: DcatCatalog } },
    },
    async (request, reply) => reply.type(JSON_LD).send(await dcatCatalog(publicReader(app, request), origin(request))),
  );

  app.get(
    `${DATASETS_PATH}/overview`,
    {
      config: { permission: 'public' },
      schema: { tags, summary: '开放数据集一览 / The datasets as plain JSON (title, description, rows, last change, licence, download links): what the open-data page lists', response: { 200: DatasetOverview } },
    },
    async (request) => datasetOverview(publicReader(app, request), origin(request)),
  );

  app.get(
    `${DATASETS_PATH}/changelog`,
    {
      config: { permission: 'public' },
      schema: { tags, summary: '开放数据更新记录 / The changelog: each dataset\'s schema versions and when its rows last changed', response: { 200: DatasetChangelog } },
    },
    async (request) => datasetChangelog(publicReader(app, request)),
  );

  app.get(
    `${DATASETS_PATH}/:name`,
    {
      config: { permission: 'public' },
      schema: { tags, summary: '数据集元数据（DCAT，JSON-LD）/ One dataset\'s DCAT description', params: DatasetParams, response: { 200: DcatDatasetDocument } },
    },
    async (request, reply) => reply.type(JSON_LD).send(await dcatDataset(publicReader(app, request), origin(request), request.params.name)),
  );

  app.get(
    `${DATASETS_PATH}/:name/changelog`,
    {
      config: { permission: 'public' },
      schema: { tags, summary: '数据集更新记录 / One dataset\'s changelog', params: DatasetParams, response: { 200: DatasetChangelog } },
    },
    async (request) => datasetChangelog(publicReader(app, request), request.params.name),
  );

  app.get(
    `${DATASETS_PATH}/:name/data.json`,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '数据集（JSON）/ A dataset\'s rows as JSON: columns and rows (at most 10000 a request; page with limit and offset)',
        params: DatasetParams,
        querystring: DatasetRowsQuery,
        response: { 200: DatasetRows },
      },
    },
    async (request) => datasetRows(publicReader(app, request), request.params.name, request.query),
  );

  app.get(
    `${DATASETS_PATH}/:name/data.csv`,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '数据集（CSV）/ A dataset\'s rows as CSV (UTF-8 with BOM, RFC 4180, a header of the column names; at most 10000 rows a request; page with limit and offset)',
        params: DatasetParams,
        querystring: DatasetRowsQuery,
      },
    },
    async (request, reply) => {
      const rows = await datasetRows(publicReader(app, request), request.params.name, request.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachmentHeader(`${rows.dataset}.csv`)).send(rowsCsv(rows));
    },
  );
}
