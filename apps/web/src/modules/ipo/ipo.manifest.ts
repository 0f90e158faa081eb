import type { WebModule } from '../../app/module';
import { ipoRoutes } from './ipo.routes';

export const ipoManifest: WebModule = {
  name: 'ipo',
  routes: ipoRoutes,
  nav: [
    { to: '/ipo/mine', label: { zh: '上市培育', en: 'Pre-IPO pool' }, order: 46.7, audience: 'applicants', group: 'mine' },
    { to: '/ipo/pool', label: { zh: '后备上市企业资源库', en: 'Pre-IPO pool' }, order: 57.5, audience: { anyPermission: ['ipo.manage'] }, group: 'oversight' },
  ],
};
