import type { RouteObject } from 'react-router';

// Public: the directory, an investor's page, the roadshow and a project's page. Investors: their
// desk. Enterprises: their projects. The finance office: verification and publication.
export const investorsRoutes: RouteObject[] = [
  { path: 'investors', lazy: async () => ({ Component: (await import('./investors-pages')).DirectoryPage }) },
  { path: 'investors/desk', lazy: async () => ({ Component: (await import('./investors-pages')).DeskPage }) },
  { path: 'investors/review', lazy: async () => ({ Component: (await import('./investors-pages')).ReviewPage }) },
  { path: 'investors/:id', lazy: async () => ({ Component: (await import('./investors-pages')).InvestorDetailPage }) },
  { path: 'roadshow', lazy: async () => ({ Component: (await import('./investors-pages')).RoadshowPageView }) },
  { path: 'roadshow/mine', lazy: async () => ({ Component: (await import('./investors-pages')).MyRoadshowPage }) },
  { path: 'roadshow/:id', lazy: async () => ({ Component: (await import('./investors-pages')).ProjectDetailPage }) },
];
