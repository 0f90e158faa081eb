import type { WebModule } from '../../app/module';
import { finderRoutes } from './finder.routes';

export const finderManifest: WebModule = {
  name: 'finder',
  routes: finderRoutes,
  nav: [
    { to: '/calculator', label: { zh: '政策计算器', en: 'Calculator' }, order: 20, audience: 'everyone' },
    { to: '/finder/matches', label: { zh: '我的政策', en: 'My matches' }, order: 30, audience: 'applicants', group: 'mine' },
    // A carrier's operator applies for its carriers (载体档案): their matches beside its carrier management.
    { to: '/finder/matches', label: { zh: '载体政策匹配', en: "My carriers' matches" }, order: 44, audience: { organisationKind: 'carrier_operator' }, group: 'provider' },
  ],
};
