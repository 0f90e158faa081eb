import type { WebModule } from '../../app/module';
import { adminRoutes } from './admin.routes';

export const adminManifest: WebModule = {
  name: 'admin',
  routes: adminRoutes,
  nav: [
    { to: '/admin', label: { zh: '系统管理', en: 'Administration' }, order: 100, audience: 'administrators' },
  ],
};
