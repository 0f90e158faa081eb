import type { WebModule } from '../../app/module';
import { exchangeRoutes } from './exchange.routes';

export const exchangeManifest: WebModule = {
  name: 'exchange',
  routes: exchangeRoutes,
  nav: [
    { to: '/district-reports', label: { zh: '区县报送', en: 'District reports' }, order: 72, audience: { anyPermission: ['exchange.oversee', 'exchange.report'] }, group: 'office' },
  ],
};
