import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';
import { RequireAuth } from '../../app/auth';
import { PaidSummary } from './paid-summary';

function PaidNotice() {
  const { id = '' } = useParams();
  return (
    <div style={{ marginBottom: 16 }}>
      <PaidSummary applicationId={id} />
    </div>
  );
}

// Loaded on demand; the publicity page is public and light enough for a phone.
export const fulfilmentRoutes: RouteObject[] = [
  { path: 'publicity', lazy: async () => ({ Component: (await import('./publicity-page')).PublicityPage }) },
  {
    path: 'fulfilment/apply/:itemId',
    lazy: async () => {
      const { ApplyPage } = await import('./apply-page');
      return { Component: () => <RequireAuth><ApplyPage /></RequireAuth> };
    },
  },
  {
    path: 'fulfilment/mine',
    lazy: async () => {
      const { MyApplicationsPage } = await import('./lists');
      return { Component: () => <RequireAuth><MyApplicationsPage /></RequireAuth> };
    },
  },
  {
    path: 'workbench',
    lazy: async () => {
      const { WorkbenchPage } = await import('./workbench-page');
      return { Component: () => <RequireAuth><WorkbenchPage /></RequireAuth> };
    },
  },
  {
    path: 'fulfilment/inbox',
    lazy: async () => {
      const { InboxPage } = await import('./lists');
      return { Component: () => <RequireAuth><InboxPage /></RequireAuth> };
    },
  },
  {
    path: 'fulfilment/finance',
    lazy: async () => {
      const { FinancePage } = await import('./lists');
      return { Component: () => <RequireAuth><FinancePage /></RequireAuth> };
    },
  },
  {
    path: 'fulfilment/applications/:id',
    lazy: async () => {
      const { ApplicationPage } = await import('./application-page');
      // A paid award keeps saying what was paid, when and into which account, above the application.
      return { Component: () => <RequireAuth><PaidNotice /><ApplicationPage /></RequireAuth> };
    },
  },
];
