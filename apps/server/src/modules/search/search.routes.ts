import { SearchAnswer, SearchQuery } from '@seedbed/contract';
import type { AppInstance } from '../../platform/http.js';
import { search } from './search.service.js';

export function searchRoutes(app: AppInstance): void {
  const d = app.deps;
  app.get(
    '/api/v1/search',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['search'],
        summary: '全站搜索 / Search every public directory at once (enterprises, products, supply and demand, providers, services, carriers, instruments, news, policies) in Chinese or pinyin, by kind and district',
        querystring: SearchQuery,
        response: { 200: SearchAnswer },
      },
    },
    async (request) => search({ db: d.db, clock: d.clock, sources: d.modules.searchSources }, request.query),
  );
}
