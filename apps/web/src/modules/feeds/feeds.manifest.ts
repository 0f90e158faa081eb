import type { WebModule } from '../../app/module';
import { feedsRoutes } from './feeds.routes';

export const feedsManifest: WebModule = {
  name: 'feeds',
  routes: feedsRoutes,
  nav: [{ to: '/interconnection', label: { zh: '互联互通', en: 'Interconnection' }, order: 72, audience: { anyPermission: ['interconnect.manage'] }, group: 'office' }],
};
