import type { RouteObject } from 'react-router';

// Public: the marketplace, the certified providers, a provider's page, the grade formula.
// Signed in: my orders (enterprises), the provider workbench, the officers' certification work.
export const marketplaceRoutes: RouteObject[] = [
  { path: 'market', lazy: async () => ({ Component: (await import('./market-page')).MarketPage }) },
  { path: 'market/providers', lazy: async () => ({ Component: (await import('./provider-public-pages')).ProvidersPage }) },
  { path: 'market/providers/:id', lazy: async () => ({ Component: (await import('./provider-public-pages')).ProviderPublicPage }) },
  { path: 'market/formula', lazy: async () => ({ Component: (await import('./provider-public-pages')).FormulaPage }) },
  { path: 'orders', lazy: async () => ({ Component: (await import('./orders-page')).OrdersPage }) },
  { path: 'provider', lazy: async () => ({ Component: (await import('./provider-workbench-page')).ProviderWorkbenchPage }) },
  { path: 'provider-certification', lazy: async () => ({ Component: (await import('./officer-page')).OfficerPage }) },
];
