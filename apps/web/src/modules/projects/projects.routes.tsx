import type { RouteObject } from 'react-router';

// Public: the library and a project's page. Signed in: my projects. The bureau: admission and verification.
export const projectsRoutes: RouteObject[] = [
  { path: 'projects', lazy: async () => ({ Component: (await import('./projects-pages')).ProjectsPage }) },
  { path: 'projects/mine', lazy: async () => ({ Component: (await import('./projects-pages')).MyProjectsPage }) },
  { path: 'projects/:id', lazy: async () => ({ Component: (await import('./projects-pages')).ProjectPage }) },
  { path: 'projects-office', lazy: async () => ({ Component: (await import('./projects-pages')).ProjectsOfficePage }) },
];
