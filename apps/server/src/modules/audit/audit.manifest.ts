import type { ModuleManifest } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'admin.audit': true;
  }
}

/** No statistic: the log records no region, and its size says nothing a dashboard needs. */
export const auditManifest = {
  name: 'audit',
  label: { zh: '审计日志', en: 'Audit log' },
  permissions: [{ name: 'admin.audit', label: { zh: '查阅审计日志', en: 'Read the audit log' }, roles: ['programme_office'], administrators: true }],
  routes: auditRoutes,
  // Its tables are core tables (src/platform/migrations/): other modules reference them.
  statistics: [],
} satisfies ModuleManifest;
