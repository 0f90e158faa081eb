/** The fulfilment API: forms, applications, inbox, publicity, budgets and payments. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicationActionBody,
  ApplicationAssessmentBody,
  ApplicationForm,
  ApplicationFormQuestion,
  ApplicationObjectionBody,
  ApplicationPreviewBody,
  ApplicationResubmitBody,
  PayeeAccountBody,
  ApplicationStage,
  ApplicationSummary,
  ApplicationTimelineEntry,
  ApplicationView,
  ApplyBody,
  BatchActionResult,
  Budget,
  BudgetLedgerEntry,
  BudgetBody,
  BudgetChange,
  FulfilmentInboxEntry,
  ObjectionResolutionBody,
  Payment,
  PaymentRequestResult,
  PublicityEntry,
  StoredFile,
  Verdict,
  Workbench,
  WorkbenchEntry,
  PayeeAccount,
} from '@seedbed/contract';
import { api, ApiError, query } from '../../app/api-client';

// The server's shapes come from the contract (packages/contract/src/fulfilment.ts).
export type { ApplicationForm, ApplicationSummary, ApplicationView, BatchActionResult, Budget, BudgetLedgerEntry, PayeeAccount, Payment, PublicityEntry, StoredFile, Verdict, Workbench, WorkbenchEntry };
export type Question = ApplicationFormQuestion;
export type Stage = ApplicationStage;
export type TimelineEntry = ApplicationTimelineEntry;

const enc = encodeURIComponent;

export const useApplicationForm = (itemId: string, subjectId: string | undefined) =>
  useQuery({
    queryKey: ['fulfilment', 'form', itemId, subjectId],
    queryFn: () => api.get<ApplicationForm>(`/fulfilment/form${query({ itemId, subjectId })}`),
    enabled: !!subjectId,
  });

export const useApplication = (id: string) => useQuery({ queryKey: ['fulfilment', 'application', id], queryFn: () => api.get<ApplicationView>(`/fulfilment/applications/${enc(id)}`) });

export const useMyApplications = () =>
  useQuery({ queryKey: ['fulfilment', 'mine'], queryFn: async () => (await api.get<{ items: ApplicationSummary[] }>('/fulfilment/applications/mine')).items });

export const useInbox = (enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'inbox'], queryFn: async () => (await api.get<{ items: FulfilmentInboxEntry[] }>('/fulfilment/inbox')).items, enabled });

export const useWorkbench = (enabled: boolean) =>
  // Work arrives while the page is open (others act, deadlines pass): refreshed every minute and on focus.
  useQuery({ queryKey: ['fulfilment', 'workbench'], queryFn: () => api.get<Workbench>('/fulfilment/workbench'), enabled, refetchInterval: 60_000 });

export const batchAccept = (ids: string[]) => api.post<BatchActionResult>('/fulfilment/applications/batch-actions', { action: 'accept', ids });

export const useBudgetLedger = (budgetId: string | null) =>
  useQuery({
    queryKey: ['fulfilment', 'budget-ledger', budgetId],
    queryFn: async () => (await api.get<{ items: BudgetLedgerEntry[] }>(`/budgets/${enc(budgetId ?? '')}/ledger`)).items,
    enabled: !!budgetId,
  });

export const usePayables = (enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'payables'], queryFn: async () => (await api.get<{ items: FulfilmentInboxEntry[] }>('/fulfilment/payables')).items, enabled });

export const useOverdue = (enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'overdue'], queryFn: async () => (await api.get<{ items: ApplicationSummary[] }>('/fulfilment/overdue')).items, enabled });

export const usePublicity = () => useQuery({ queryKey: ['fulfilment', 'publicity'], queryFn: async () => (await api.get<{ items: PublicityEntry[] }>('/public/publicity')).items });

export const useBudgets = (enabled: boolean) => useQuery({ queryKey: ['fulfilment', 'budgets'], queryFn: async () => (await api.get<{ items: Budget[] }>('/budgets')).items, enabled });

export const usePaymentOf = (awardId: string, enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'payment', awardId], queryFn: async () => (await api.get<{ payment: Payment | null }>(`/budgets/awards/${enc(awardId)}/payment`)).payment, enabled });

export function previewVerdict(body: ApplicationPreviewBody) {
  return api.post<Verdict>('/fulfilment/verdict', body);
}

/** Invalidates everything fulfilment shows after a change. */
export function useFulfilmentMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['fulfilment'] }) });
}

export const submitApplication = (body: ApplyBody) =>
  api.post<ApplicationView>('/fulfilment/applications', body);
export const givePayee = (id: string, body: PayeeAccountBody) => api.put<ApplicationView>(`/fulfilment/applications/${enc(id)}/payee-account`, body);
export const resubmit = (id: string, body: ApplicationResubmitBody) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/resubmit`, body);
export const withdraw = (id: string, reason?: string) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/withdraw`, reason ? { reason } : {});
export const act = (id: string, action: ApplicationActionBody['action'], reason?: string) =>
  api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/actions`, reason ? { action, reason } : { action });
export const approve = (id: string, amountFen?: number) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/approve`, amountFen === undefined ? {} : { amountFen });
export const assess = (id: string, body: ApplicationAssessmentBody) =>
  api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/assessments`, body);
export const concludePublicity = (id: string) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/conclude-publicity`);
export const resolveObjection = (id: string, outcome: ObjectionResolutionBody['outcome'], resolution: string) =>
  api.post<ApplicationView>(`/fulfilment/objections/${enc(id)}/resolve`, { outcome, resolution });
export const fileObjection = (id: string, body: ApplicationObjectionBody) => api.post<{ id: string }>(`/public/publicity/${enc(id)}/objections`, body);
export const requestPayment = (awardId: string, idempotencyKey: string) => api.post<PaymentRequestResult>('/budgets/payments', { awardId, idempotencyKey });
export const approvePayment = (paymentId: string) => api.post<Payment>(`/budgets/payments/${enc(paymentId)}/approve`);

/** Uploads one file (multipart); the server checks the type from the bytes and the size. */
export async function uploadFile(file: File): Promise<StoredFile> {
  const tokenRes = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' });
  const { token } = (await tokenRes.json()) as { token: string };
  const form = new FormData();
  form.append('file', file);
  const res = await fetch('/api/v1/files', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': token, accept: 'application/json' }, body: form });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new ApiError(body as never);
  return body as StoredFile;
}

/** Creates a budget (201), or for an existing one proposes a change (202) that a second finance officer approves. */
export const setBudget = (body: BudgetBody) => api.put<Budget | BudgetChange>('/budgets', body);
