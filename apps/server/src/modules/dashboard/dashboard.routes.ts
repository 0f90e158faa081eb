import { DashboardQuery, DashboardTable, DashboardTableQuery, DashboardView } from '@seedbed/contract';
import { requirePrincipal, type AppInstance } from '../../platform/http.js';
import { attachmentHeader } from '../files/index.js';
import { dashboard, dashboardTable, scopeOf } from './dashboard.service.js';
import { tableXlsx } from './dashboard.xlsx.js';

export function dashboardRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/dashboard',
    {
      config: { permission: 'fulfilment.supervise' },
      schema: {
        tags: ['dashboard'],
        summary: '数据看板 / The programme office\'s figures for a region it covers and a period (default: this year to today)',
        querystring: DashboardQuery,
        response: { 200: DashboardView },
      },
    },
    async (request) => dashboard(app.deps, requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/dashboard/table',
    {
      config: { permission: 'fulfilment.supervise' },
      schema: {
        tags: ['dashboard'],
        summary: '看板明细 / A figure as a table, or (with key) the list behind one of its bars',
        querystring: DashboardTableQuery,
        response: { 200: DashboardTable },
      },
    },
    async (request) => dashboardTable(app.deps, requirePrincipal(request), request.query),
  );

  app.get(
    '/api/v1/dashboard/table.xlsx',
    {
      config: { permission: 'fulfilment.supervise' },
      schema: {
        tags: ['dashboard'],
        summary: '导出看板明细（Excel）/ The same table as .xlsx: money as numbers in 元, counts and days as numbers',
        querystring: DashboardTableQuery,
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const table = await dashboardTable(app.deps, principal, request.query);
      const scope = await scopeOf(app.deps, principal, request.query);
      const buffer = await tableXlsx(table, `统计期间 ${scope.from} 至 ${scope.to} / Period ${scope.from} to ${scope.to}`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachmentHeader(`${table.title.zh.replace(/[\\/:*?"<>|]/g, '')}-${app.deps.clock.today()}.xlsx`))
        .send(buffer);
    },
  );
}
