import type { RouteObject } from 'react-router';

// Loaded on demand: the login and registration forms (second factor, region picker) are not
// part of the first page most visitors see.
export const identityRoutes: RouteObject[] = [
  { path: 'login', lazy: async () => ({ Component: (await import('./login-page')).LoginPage }) },
  { path: 'register', lazy: async () => ({ Component: (await import('./register-page')).RegisterPage }) },
];
