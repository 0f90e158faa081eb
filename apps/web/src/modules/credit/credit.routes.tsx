import type { RouteObject } from 'react-router';

// Public: the credit inquiry. Signed in: the enterprise's credit page, the source department's page.
export const creditRoutes: RouteObject[] = [
  { path: 'credit-inquiry', lazy: async () => ({ Component: (await import('./credit-inquiry-page')).CreditInquiryPage }) },
  { path: 'credit', lazy: async () => ({ Component: (await import('./credit-pages')).MyCreditPage }) },
  { path: 'credit-work', lazy: async () => ({ Component: (await import('./credit-pages')).CreditWorkPage }) },
];
