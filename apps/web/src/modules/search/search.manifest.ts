import type { WebModule } from '../../app/module';
import { searchRoutes } from './search.routes';

export const searchManifest: WebModule = {
  name: 'search',
  routes: searchRoutes,
  nav: [{ to: '/search', label: { zh: '全站搜索', en: 'Search' }, order: 10.5, audience: 'non-officials', group: 'open' }],
};
