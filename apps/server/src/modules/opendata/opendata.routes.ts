import { OpenBreakdown, OpenBreakdownQuery, OpenExportQuery, OpenStatisticsQuery, OpenStatisticsView } from '@seedbed/contract';
import { publicReader, type AppInstance } from '../../platform/http.js';
import { attachmentHeader } from '../files/index.js';
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
}
