import type { WebModule } from '../../app/module';
import { policiesRoutes } from './policies.routes';

export const policiesManifest: WebModule = {
  name: 'policies',
  routes: policiesRoutes,
  nav: [
    { to: '/policies', label: { zh: '政策库', en: 'Policies' }, order: 10, audience: 'everyone' },
  ],
};
