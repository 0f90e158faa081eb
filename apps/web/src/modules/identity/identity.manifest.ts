import type { WebModule } from '../../app/module';
import { identityRoutes } from './identity.routes';

export const identityManifest: WebModule = {
  name: 'identity',
  routes: identityRoutes,
};
