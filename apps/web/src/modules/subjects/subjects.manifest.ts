import type { WebModule } from '../../app/module';
import { subjectsRoutes } from './subjects.routes';

export const subjectsManifest: WebModule = {
  name: 'subjects',
  routes: subjectsRoutes,
  nav: [
    { to: '/profile', label: { zh: '我的档案', en: 'My profile' }, order: 90, audience: 'signed-in' },
  ],
};
