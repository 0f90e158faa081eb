import type { WebModule } from '../../app/module';
import { listsRoutes } from './lists.routes';

export const listsManifest: WebModule = {
  name: 'lists',
  routes: listsRoutes,
  nav: [
    { to: '/lists', label: { zh: '清单公开', en: 'Fee and power lists' }, order: 12, audience: 'non-officials', group: 'open' },
    { to: '/lists-desk', label: { zh: '清单与投诉', en: 'Lists and complaints' }, order: 73, audience: { anyPermission: ['lists.manage'] }, group: 'office' },
  ],
};
