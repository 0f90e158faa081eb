import type { WebModule } from '../../app/module';
import { fulfilmentRoutes } from './fulfilment.routes';

export const fulfilmentManifest: WebModule = {
  name: 'fulfilment',
  routes: fulfilmentRoutes,
  nav: [
    { to: '/fulfilment/mine', label: { zh: '我的申请', en: 'My applications' }, order: 40, audience: 'applicants', group: 'mine' },
    { to: '/fulfilment/mine', label: { zh: '载体申请与奖励', en: "My carriers' applications and awards" }, order: 44.5, audience: { organisationKind: 'carrier_operator' }, group: 'provider' },
    { to: '/workbench', label: { zh: '工作台', en: 'Workbench' }, order: 45, audience: { anyPermission: ['fulfilment.work'] } },
    // The programme office's view across departments (overdue work, the award list); officials work from the workbench.
    { to: '/fulfilment/inbox', label: { zh: '兑现督办', en: 'Fulfilment oversight' }, order: 50, audience: { anyPermission: ['fulfilment.supervise'] } },
    { to: '/fulfilment/finance', label: { zh: '预算拨付', en: 'Budgets & payments' }, order: 60, audience: { anyPermission: ['fulfilment.pay'] } },
    { to: '/publicity', label: { zh: '公示', en: 'Publicity' }, order: 80, audience: 'everyone', group: 'open' },
  ],
};
