import type { WebModule } from '../../app/module';
import { interconnectRoutes } from './interconnect.routes';

export const interconnectManifest: WebModule = {
  name: 'interconnect',
  routes: interconnectRoutes,
  nav: [{ to: '/interconnect', label: { zh: '互联互通', en: 'Interconnection' }, order: 72, audience: { anyPermission: ['interconnect.manage'] }, group: 'office' }],
};
