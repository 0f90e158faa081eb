import { Navigate, type RouteObject } from 'react-router';
import { AdminLayout } from './admin-layout';
import { AuditPage } from './audit-page';
import { OrganisationsPage } from './organisations-page';
import { UsersPage } from './users-page';

export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    element: <AdminLayout />,
    children: [
      { index: true, element: <Navigate to="organisations" replace /> },
      { path: 'organisations', element: <OrganisationsPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'audit', element: <AuditPage /> },
    ],
  },
];
