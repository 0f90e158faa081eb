import type { RouteObject } from 'react-router';

// Public: the products and each product's page. Enterprises: matches and their needs. Institutions:
// their products and the requests they answer. The finance office: overdue requests by institution.
export const financeRoutes: RouteObject[] = [
  { path: 'finance', lazy: async () => ({ Component: (await import('./finance-pages')).ProductsPage }) },
  { path: 'finance/products/:id', lazy: async () => ({ Component: (await import('./finance-pages')).ProductDetailPage }) },
  { path: 'finance/matches', lazy: async () => ({ Component: (await import('./finance-pages')).MatchesPage }) },
  { path: 'finance/needs', lazy: async () => ({ Component: (await import('./finance-pages')).MyNeedsPage }) },
  { path: 'finance/products-mine', lazy: async () => ({ Component: (await import('./finance-institution')).MyProductsPage }) },
  { path: 'finance/incoming', lazy: async () => ({ Component: (await import('./finance-institution')).IncomingPage }) },
  { path: 'finance/dashboard', lazy: async () => ({ Component: (await import('./finance-dashboard')).FinanceDashboardPage }) },
  { path: 'finance/oversight', lazy: async () => ({ Component: (await import('./finance-institution')).OversightPage }) },
];
