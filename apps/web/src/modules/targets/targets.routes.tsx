import type { RouteObject } from 'react-router';

// Signed in: the ledger (the office: its region's targets; a unit: those it leads or supports), one target;
// the office's briefings.
export const targetsRoutes: RouteObject[] = [
  { path: 'targets', lazy: async () => ({ Component: (await import('./targets-pages')).TargetsPage }) },
  { path: 'targets/briefings', lazy: async () => ({ Component: (await import('./briefings-pages')).BriefingsPage }) },
  { path: 'targets/briefings/:id', lazy: async () => ({ Component: (await import('./briefings-pages')).BriefingPage }) },
  { path: 'targets/:id', lazy: async () => ({ Component: (await import('./targets-pages')).TargetPage }) },
  // Supervision items (督办件): the list by status, one item with its history and actions.
  { path: 'targets/supervision', lazy: async () => ({ Component: (await import('./targets-supervision')).SupervisionPage }) },
  { path: 'targets/supervision/:itemId', lazy: async () => ({ Component: (await import('./targets-supervision')).SupervisionItemPage }) },
];
