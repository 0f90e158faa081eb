import type { WebModule } from '../../app/module';
import { feedsRoutes } from './feeds.routes';

export const feedsManifest: WebModule = {
  name: 'feeds',
  routes: feedsRoutes,
  nav: [],
};
