import type { WebModule } from '../../app/module';
import { loansRoutes } from './loans.routes';

export const loansManifest: WebModule = {
  name: 'loans',
  routes: loansRoutes,
  nav: [
    { to: '/loans', label: { zh: '创业担保贷款', en: 'Guaranteed loans' }, order: 45, audience: 'applicants', group: 'mine' },
    { to: '/loans-work', label: { zh: '担保贷款办理', en: 'Guaranteed loans' }, order: 67, audience: { anyPermission: ['loans.review', 'loans.guarantee'] }, group: 'office' },
    { to: '/loans-finance', label: { zh: '担保贷款财政管理', en: 'Guaranteed loans: finance' }, order: 68, audience: { anyPermission: ['loans.fund'] }, group: 'office' },
    { to: '/loans-work', label: { zh: '担保贷款放款', en: 'Guaranteed loans to grant' }, order: 46, audience: { organisationKind: 'financial_institution' }, group: 'provider' },
  ],
};
