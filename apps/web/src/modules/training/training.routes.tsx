import type { RouteObject } from 'react-router';

// Public: the courses and a course's page. Signed in: my training, the provider's courses, the office's follow-ups.
export const trainingRoutes: RouteObject[] = [
  { path: 'training', lazy: async () => ({ Component: (await import('./training-pages')).CoursesPage }) },
  { path: 'training/mine', lazy: async () => ({ Component: (await import('./training-pages')).MyTrainingPage }) },
  { path: 'training/:id', lazy: async () => ({ Component: (await import('./training-pages')).CourseDetailPage }) },
  { path: 'training-provider', lazy: async () => ({ Component: (await import('./training-pages')).ProviderPage }) },
  { path: 'training-office', lazy: async () => ({ Component: (await import('./training-pages')).FollowUpsPage }) },
];
