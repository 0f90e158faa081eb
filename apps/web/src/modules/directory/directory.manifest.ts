import type { WebModule } from '../../app/module';
import { directoryRoutes } from './directory.routes';

export const directoryManifest: WebModule = {
  name: 'directory',
  routes: directoryRoutes,
  nav: [{ to: '/enterprises', label: { zh: '企业名录', en: 'Enterprises' }, order: 34, audience: 'non-officials', group: 'services' }],
};
