import type { WebModule } from '../../app/module';
import { contentRoutes } from './content.routes';

export const contentManifest: WebModule = {
  name: 'content',
  routes: contentRoutes,
  nav: [
    { to: '/news', label: { zh: '资讯', en: 'News' }, order: 11, audience: 'non-officials', group: 'open' },
    { to: '/content-desk', label: { zh: '资讯发布', en: 'Content' }, order: 72, audience: { anyPermission: ['content.write', 'content.publish'] }, group: 'office' },
  ],
};
