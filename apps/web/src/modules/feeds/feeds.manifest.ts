import type { WebModule } from '../../app/module';
import { feedsRoutes } from './feeds.routes';

export const feedsManifest: WebModule = {
  name: 'feeds',
  routes: feedsRoutes,
  nav: [{ to: '/interconnection', label: { zh: '订阅与推送', en: 'Feeds and webhooks' }, order: 73, audience: { anyPermission: ['interconnect.manage'] }, group: 'office' }],
};
