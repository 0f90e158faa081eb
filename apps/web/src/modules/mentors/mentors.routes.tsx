import type { RouteObject } from 'react-router';

// Public: the library. Signed in: my mentoring (founder or mentor). The programme office: the figures.
export const mentorsRoutes: RouteObject[] = [
  { path: 'mentors', lazy: async () => ({ Component: (await import('./mentors-pages')).MentorsPage }) },
  { path: 'mentors/mine', lazy: async () => ({ Component: (await import('./mentors-pages')).MyMentoringPage }) },
  { path: 'mentors-office', lazy: async () => ({ Component: (await import('./mentors-pages')).MentorsOfficePage }) },
];
