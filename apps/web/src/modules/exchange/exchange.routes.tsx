import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

export const exchangeRoutes: RouteObject[] = [
  {
    path: 'district-reports',
    lazy: async () => {
      const { DistrictReportsPage } = await import('./district-reports-page');
      return {
        Component: () => (
          <RequireAuth>
            <DistrictReportsPage />
          </RequireAuth>
        ),
      };
    },
  },
];
