import type { RouteObject } from 'react-router';

// Public: the instruments and each instrument's page (its calendar). Signed in: my bookings; an owner's workbench.
export const instrumentsRoutes: RouteObject[] = [
  { path: 'instruments', lazy: async () => ({ Component: (await import('./instruments-page')).InstrumentsPage }) },
  { path: 'instruments/bookings', lazy: async () => ({ Component: (await import('./my-bookings-page')).MyBookingsPage }) },
  { path: 'instruments/manage', lazy: async () => ({ Component: (await import('./owner-page')).OwnerPage }) },
  { path: 'instruments/:id', lazy: async () => ({ Component: (await import('./instrument-page')).InstrumentPage }) },
];
