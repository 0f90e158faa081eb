import type { WebModule } from '../../app/module';
import { instrumentsRoutes } from './instruments.routes';

export const instrumentsManifest: WebModule = {
  name: 'instruments',
  routes: instrumentsRoutes,
  nav: [
    { to: '/instruments', label: { zh: '仪器共享', en: 'Instruments' }, order: 36, end: true, audience: 'non-officials', group: 'services' },
    { to: '/instruments/bookings', label: { zh: '我的预约', en: 'My bookings' }, order: 43, audience: 'applicants', group: 'mine' },
    { to: '/instruments/manage', label: { zh: '仪器管理', en: 'Instrument management' }, order: 44, audience: { organisationKind: 'instrument_owner' }, group: 'provider' },
  ],
};
