import { PublicFigures } from '@seedbed/contract';
import { publicReader, type AppInstance } from '../../platform/http.js';
import { publicFigures } from './portal.service.js';

export function portalRoutes(app: AppInstance): void {
  app.get(
    '/api/v1/public/figures',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['portal'],
        summary: '平台数据 / The home page figures: policy items in force, applications decided and money paid this year (public)',
        response: { 200: PublicFigures },
      },
    },
    async (request) => publicFigures(publicReader(app, request)),
  );
}
