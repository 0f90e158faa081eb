import { Navigate, type RouteObject } from 'react-router';

// Loaded on demand: most visitors never open administration.
export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    lazy: async () => ({ Component: (await import('./admin-layout')).AdminLayout }),
    children: [
      { index: true, element: <Navigate to="organisations" replace /> },
      { path: 'organisations', lazy: async () => ({ Component: (await import('./organisations-page')).OrganisationsPage }) },
      { path: 'users', lazy: async () => ({ Component: (await import('./users-page')).UsersPage }) },
      { path: 'audit', lazy: async () => ({ Component: (await import('./audit-page')).AuditPage }) },
    ],
  },
];
