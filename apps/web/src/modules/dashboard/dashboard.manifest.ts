import type { WebModule } from '../../app/module';
import { dashboardRoutes } from './dashboard.routes';

export const dashboardManifest: WebModule = {
  name: 'dashboard',
  routes: dashboardRoutes,
  nav: [
    { to: '/dashboard', label: { zh: '数据看板', en: 'Dashboard' }, order: 45, audience: { anyPermission: ['fulfilment.supervise'] } },
    // The programme office reads the audit log (admin.audit) without administering accounts.
    { to: '/admin/audit', label: { zh: '审计日志', en: 'Audit log' }, order: 95, audience: { anyPermission: ['fulfilment.supervise'] }, group: 'office' },
  ],
};
