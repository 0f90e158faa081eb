import type { WebModule } from '../../app/module';
import { crowdRoutes } from './crowd.routes';

export const crowdManifest: WebModule = {
  name: 'crowd',
  routes: crowdRoutes,
  nav: [
    // One entry for the header (it stays on one line); the crowd pages link to each other (CrowdTabs).
    // Officials reach tasks through 众包仲裁 (officers) and need no public entry.
    { to: '/crowd', label: { zh: '众包供需', en: 'Crowd' }, order: 25, audience: 'non-officials', group: 'services' },
    { to: '/crowd/disputes', label: { zh: '众包仲裁', en: 'Crowd disputes' }, order: 55, audience: { anyPermission: ['crowd.arbitrate'] }, group: 'oversight' },
  ],
};
