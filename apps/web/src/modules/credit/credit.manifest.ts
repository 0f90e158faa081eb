import type { WebModule } from '../../app/module';
import { creditRoutes } from './credit.routes';

export const creditManifest: WebModule = {
  name: 'credit',
  routes: creditRoutes,
  nav: [
    { to: '/credit-inquiry', label: { zh: '信用查询', en: 'Credit inquiry' }, order: 80.5, audience: 'everyone', group: 'open' },
    { to: '/credit', label: { zh: '我的信用', en: 'My credit' }, order: 46.8, audience: { organisationKind: 'enterprise' }, group: 'mine' },
    { to: '/credit-work', label: { zh: '信用信息', en: 'Credit records' }, order: 68, audience: { anyPermission: ['credit.record', 'credit.repair'] }, group: 'office' },
  ],
};
