import type { RouteObject } from 'react-router';

// Each page asks the server, which checks the permission and the region; the schemes page draws a chart (lazy).
export const vouchersRoutes: RouteObject[] = [
  { path: 'vouchers/mine', lazy: async () => ({ Component: (await import('./my-vouchers-page')).MyVouchersPage }) },
  { path: 'vouchers/receivables', lazy: async () => ({ Component: (await import('./receivables-page')).ReceivablesPage }) },
  { path: 'vouchers/schemes', lazy: async () => ({ Component: (await import('./schemes-page')).SchemesPage }) },
  { path: 'vouchers/settlement', lazy: async () => ({ Component: (await import('./settlement-page')).SettlementPage }) },
];
