import type { RouteObject } from 'react-router';
import { RequireAuth } from '../../app/auth';
import { ProfileIndexPage } from './profile-index-page';
import { SubjectProfilePage } from './subject-profile-page';

export const subjectsRoutes: RouteObject[] = [
  {
    path: 'profile',
    element: (
      <RequireAuth>
        <ProfileIndexPage />
      </RequireAuth>
    ),
  },
  {
    path: 'profile/:id',
    element: (
      <RequireAuth>
        <SubjectProfilePage />
      </RequireAuth>
    ),
  },
];
