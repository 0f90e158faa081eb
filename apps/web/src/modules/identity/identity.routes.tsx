import type { RouteObject } from 'react-router';
import { LoginPage } from './login-page';
import { RegisterPage } from './register-page';

export const identityRoutes: RouteObject[] = [
  { path: 'login', element: <LoginPage /> },
  { path: 'register', element: <RegisterPage /> },
];
