import type { ModuleManifest } from '../../platform/module.js';
import { adminRoutes } from './admin.routes.js';
import { identityRoutes } from './identity.routes.js';
import { identityStatistics } from './identity.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'admin.organisations': true;
    'admin.users': true;
  }
}

export const identityManifest = {
  name: 'identity',
  label: { zh: '账号与组织', en: 'Accounts and organisations' },
  permissions: [
    { name: 'admin.organisations', label: { zh: '管理组织', en: 'Administer organisations' }, roles: [], administrators: true },
    { name: 'admin.users', label: { zh: '管理账号', en: 'Administer accounts' }, roles: [], administrators: true },
  ],
  routes: (app) => {
    identityRoutes(app);
    adminRoutes(app);
  },
  // Its tables are core tables (src/platform/migrations/): other modules reference them.
  statistics: identityStatistics,
} satisfies ModuleManifest;
