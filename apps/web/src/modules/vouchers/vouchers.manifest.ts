import type { WebModule } from '../../app/module';
import { vouchersRoutes } from './vouchers.routes';

export const vouchersManifest: WebModule = {
  name: 'vouchers',
  routes: vouchersRoutes,
  nav: [
    { to: '/vouchers/mine', label: { zh: '我的服务券', en: 'My vouchers' }, order: 42, audience: 'applicants', group: 'mine' },
    { to: '/vouchers/receivables', label: { zh: '应收服务券款', en: 'Voucher receivables' }, order: 43, audience: { organisationKind: 'service_provider' }, group: 'provider' },
    { to: '/vouchers/schemes', label: { zh: '服务券方案', en: 'Voucher schemes' }, order: 62, audience: { anyPermission: ['vouchers.manage'] }, group: 'oversight' },
    { to: '/vouchers/settlement', label: { zh: '服务券结算', en: 'Voucher settlement' }, order: 63, audience: { anyPermission: ['vouchers.settle'] } },
  ],
};
