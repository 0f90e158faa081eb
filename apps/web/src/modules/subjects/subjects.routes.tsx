import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';

// Loaded on demand, so that the public pages stay light on a phone.
export const subjectsRoutes: RouteObject[] = [
  {
    path: 'profile',
    lazy: async () => {
      const { ProfileIndexPage } = await import('./profile-index-page');
      return {
        Component: () => (
          <RequireAuth>
            <ProfileIndexPage />
          </RequireAuth>
        ),
      };
    },
  },
  {
    path: 'profile/:id',
    lazy: async () => {
      const { SubjectProfilePage } = await import('./subject-profile-page');
      return {
        Component: () => (
          <RequireAuth>
            <SubjectProfilePage />
          </RequireAuth>
        ),
      };
    },
  },
];
