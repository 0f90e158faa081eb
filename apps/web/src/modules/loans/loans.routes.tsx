import type { RouteObject } from 'react-router';

// Signed in: my loans (request one), the work list (HR bureau, guarantee fund, bank), a loan's page; the finance bureau's page (reserve, subsidy rules).
export const loansRoutes: RouteObject[] = [
  { path: 'loans', lazy: async () => ({ Component: (await import('./loans-pages')).MyLoansPage }) },
  { path: 'loans-work', lazy: async () => ({ Component: (await import('./loans-pages')).WorkPage }) },
  { path: 'loans-finance', lazy: async () => ({ Component: (await import('./loans-finance-page')).FinancePage }) },
  { path: 'loans/:id', lazy: async () => ({ Component: (await import('./loans-pages')).LoanPage }) },
];
