import type { WebModule } from '../../app/module';
import { investorsRoutes } from './investors.routes';

export const investorsManifest: WebModule = {
  name: 'investors',
  routes: investorsRoutes,
  nav: [
    { to: '/investors', label: { zh: '投资机构', en: 'Investors' }, order: 41.2, end: true, audience: 'non-officials', group: 'services' },
    { to: '/roadshow', label: { zh: '项目路演', en: 'Roadshow' }, order: 41.3, end: true, audience: 'non-officials', group: 'services' },
    { to: '/roadshow/mine', label: { zh: '我的路演项目', en: 'My roadshow projects' }, order: 46.7, audience: 'applicants', group: 'mine' },
    { to: '/investors/desk', label: { zh: '投资机构工作台', en: 'Investor desk' }, order: 42.8, audience: { organisationKind: 'investor' }, group: 'provider' },
    { to: '/investors/review', label: { zh: '投资机构核实', en: 'Investor review' }, order: 57.5, audience: { anyPermission: ['investors.manage'] }, group: 'oversight' },
  ],
};
