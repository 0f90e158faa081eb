import type { WebModule } from '../../app/module';
import { homeRoutes } from './home.routes';

export const homeManifest: WebModule = {
  name: 'home',
  routes: homeRoutes,
  nav: [
    { to: '/', label: { zh: '首页', en: 'Home' }, order: 0, audience: 'everyone', end: true },
    { to: '/me', label: { zh: '我的首页', en: 'Overview' }, order: 1, audience: 'applicants', group: 'mine' },
  ],
};
