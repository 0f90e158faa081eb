/** The fulfilment API: forms, applications, inbox, publicity, budgets and payments. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, query } from '../../app/api-client';
import type { Localised } from '../../app/i18n';

export interface Criterion {
  id: string;
  label: Localised;
  status: 'pass' | 'fail' | 'unknown';
  sentence: Localised;
  missing: string[];
}

export interface Verdict {
  item: string;
  status: 'eligible' | 'ineligible' | 'unknown' | 'near_miss';
  criteria: Criterion[];
  missing: string[];
  amount: { status: 'known' | 'unknown'; fen: number | null; steps: Localised[]; note?: Localised } | null;
}

export interface Question {
  variable: string;
  type: string;
  unit: string | null;
  label: Localised;
  question: Localised;
  values: { value: string; label: Localised }[] | null;
  fromProfile: boolean;
  value: unknown;
}

export interface Stage {
  key: string;
  label: Localised;
  role: string | null;
  deadline: { days: number; working: boolean } | null;
}

export interface ApplicationForm {
  item: { id: string; title: Localised; mode: string; leadUnit: string | null; document: { title: Localised; number: string | null }; clause: string | null; requiresMaterials: { id: string; label: Localised }[] };
  department: { id: string; name: string } | null;
  subject: { id: string; name: string; kind: string };
  questions: Question[];
  materials: { id: string; label: Localised }[];
  productRequired: boolean;
  verdict: Verdict;
  stages: Stage[];
  openApplicationId: string | null;
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface ApplicationSummary {
  id: string;
  reference: string;
  origin: 'application' | 'automatic';
  itemId: string;
  itemTitle: Localised;
  subjectId: string;
  subjectName: string;
  department: { id: string; name: string };
  status: string;
  statusLabel: Localised;
  stageDueOn: string | null;
  overdue: boolean;
  amountFen: number | null;
  approvedFen: number | null;
  createdAt: string;
  updatedAt: string;
  actions?: string[];
}

export interface TimelineEntry {
  at: string;
  action: string;
  from: string | null;
  to: string | null;
  stageLabel: Localised | null;
  department: string | null;
  reason: string | null;
}

export interface Objection {
  id: string;
  filedAt: string;
  filerName: string;
  filerContact: string;
  text: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolution: string | null;
}

export interface Assessment {
  round: number;
  minAssessors: number;
  criteria: { id: string; label: Localised; max: number }[];
  entries: { assessorName: string; conflict: boolean; conflictNote: string | null; scores: Record<string, number>; total: number | null; comment: string | null; outlier: boolean; mine: boolean }[];
  scored: number;
  complete: boolean;
}

export interface ApplicationView extends ApplicationSummary {
  reviewRound: number;
  answers: Record<string, unknown>;
  answerLabels: Record<string, Localised>;
  productKey: string | null;
  verdict: Verdict;
  approvedOn: string | null;
  publicity: { from: string; until: string } | null;
  stages: Stage[];
  materials: { materialId: string; label: Localised; file: StoredFile | null }[];
  timeline: TimelineEntry[];
  assessment: Assessment | null;
  objections: Objection[] | null;
  allowedActions: string[];
}

export interface PublicityEntry {
  id: string;
  reference: string;
  itemTitle: Localised;
  subjectName: string;
  department: string;
  approvedFen: number | null;
  publicityFrom: string;
  publicityUntil: string;
  origin: string;
}

export interface Budget {
  id: string;
  itemId: string;
  year: number;
  amountFen: number;
  committedFen: number;
  paidFen: number;
  leftFen: number;
  secondApprovalThresholdFen: number;
}

export interface Payment {
  id: string;
  awardId: string;
  amountFen: number;
  status: 'awaiting_second_approval' | 'paid';
  needsSecondApproval: boolean;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  paidAt: string | null;
}

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
  useQuery({ queryKey: ['fulfilment', 'inbox'], queryFn: async () => (await api.get<{ items: ApplicationSummary[] }>('/fulfilment/inbox')).items, enabled });

export const usePayables = (enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'payables'], queryFn: async () => (await api.get<{ items: ApplicationSummary[] }>('/fulfilment/payables')).items, enabled });

export const useOverdue = (enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'overdue'], queryFn: async () => (await api.get<{ items: ApplicationSummary[] }>('/fulfilment/overdue')).items, enabled });

export const usePublicity = () => useQuery({ queryKey: ['fulfilment', 'publicity'], queryFn: async () => (await api.get<{ items: PublicityEntry[] }>('/public/publicity')).items });

export const useBudgets = (enabled: boolean) => useQuery({ queryKey: ['fulfilment', 'budgets'], queryFn: async () => (await api.get<{ items: Budget[] }>('/budgets')).items, enabled });

export const usePaymentOf = (awardId: string, enabled: boolean) =>
  useQuery({ queryKey: ['fulfilment', 'payment', awardId], queryFn: async () => (await api.get<{ payment: Payment | null }>(`/budgets/awards/${enc(awardId)}/payment`)).payment, enabled });

export function previewVerdict(body: { itemId: string; subjectId: string; answers: Record<string, unknown>; productKey?: string }) {
  return api.post<Verdict>('/fulfilment/verdict', body);
}

/** Invalidates everything fulfilment shows after a change. */
export function useFulfilmentMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['fulfilment'] }) });
}

export const submitApplication = (body: { itemId: string; subjectId: string; answers: Record<string, unknown>; productKey?: string; materials: Record<string, string> }) =>
  api.post<ApplicationView>('/fulfilment/applications', body);
export const resubmit = (id: string, body: { answers: Record<string, unknown>; materials: Record<string, string> }) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/resubmit`, body);
export const withdraw = (id: string, reason?: string) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/withdraw`, reason ? { reason } : {});
export const act = (id: string, action: 'accept' | 'pass' | 'return' | 'reject', reason?: string) =>
  api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/actions`, reason ? { action, reason } : { action });
export const approve = (id: string, amountFen?: number) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/approve`, amountFen === undefined ? {} : { amountFen });
export const assess = (id: string, body: { conflict: boolean; conflictNote?: string; scores?: Record<string, number>; comment?: string }) =>
  api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/assessments`, body);
export const concludePublicity = (id: string) => api.post<ApplicationView>(`/fulfilment/applications/${enc(id)}/conclude-publicity`);
export const resolveObjection = (id: string, outcome: 'upheld' | 'dismissed', resolution: string) =>
  api.post<ApplicationView>(`/fulfilment/objections/${enc(id)}/resolve`, { outcome, resolution });
export const fileObjection = (id: string, body: { name: string; contact: string; text: string }) => api.post<{ id: string }>(`/public/publicity/${enc(id)}/objections`, body);
export const requestPayment = (awardId: string, idempotencyKey: string) => api.post<{ payment: Payment; replayed: boolean }>('/budgets/payments', { awardId, idempotencyKey });
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

export const setBudget = (body: { itemId: string; year: number; amountFen: number; secondApprovalThresholdFen: number; financeDepartmentId: string }) => api.put<Budget>('/budgets', body);
