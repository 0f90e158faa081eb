/** The vouchers' API: schemes and issuing (officers), my vouchers (holders), settlement (finance), receivables (payees). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BulkIssueJob,
  IssuedVoucher,
  MyVoucher,
  Receivable,
  ServiceCategory,
  SettlementBatch,
  SettlementOverview,
  VoucherItem,
  VoucherScheme,
  VoucherSchemeBody,
} from '@seedbed/contract';
import { SERVICE_CATEGORY_LABELS } from '@seedbed/contract';
import { api } from '../../app/api-client';
import type { Lang } from '../../app/i18n';

export type { BulkIssueJob, IssuedVoucher, MyVoucher, Receivable, SettlementBatch, SettlementOverview, VoucherItem, VoucherScheme, VoucherSchemeBody };

const enc = encodeURIComponent;

export const categoryName = (c: ServiceCategory, lang: Lang): string => SERVICE_CATEGORY_LABELS[c]?.[lang] ?? SERVICE_CATEGORY_LABELS[c]?.zh ?? '';

export const useMyVouchers = () => useQuery({ queryKey: ['vouchers', 'mine'], queryFn: async () => (await api.get<{ items: MyVoucher[] }>('/vouchers/mine')).items });
export const useReceivables = () => useQuery({ queryKey: ['vouchers', 'receivables'], queryFn: async () => (await api.get<{ items: Receivable[] }>('/vouchers/receivables')).items });
export const useSchemes = () => useQuery({ queryKey: ['vouchers', 'schemes'], queryFn: async () => (await api.get<{ items: VoucherScheme[] }>('/vouchers/schemes')).items });
export const useVoucherItems = () => useQuery({ queryKey: ['vouchers', 'items'], queryFn: async () => (await api.get<{ items: VoucherItem[] }>('/vouchers/items')).items });
export const useIssued = (schemeId: string | null) =>
  useQuery({ queryKey: ['vouchers', 'issued', schemeId], queryFn: async () => (await api.get<{ items: IssuedVoucher[] }>(`/vouchers/schemes/${enc(schemeId!)}/vouchers`)).items, enabled: !!schemeId });
export const useSettlement = () => useQuery({ queryKey: ['vouchers', 'settlement'], queryFn: () => api.get<SettlementOverview>('/vouchers/settlement') });

/** Follows a bulk issue until it is done (every second while it runs). */
export const useIssueJob = (jobId: string | null) =>
  useQuery({
    queryKey: ['vouchers', 'job', jobId],
    queryFn: () => api.get<BulkIssueJob>(`/vouchers/jobs/${enc(jobId!)}`),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });

function useVoucherMutation<A, R>(fn: (arg: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['vouchers'] }) });
}

export const useCreateScheme = () => useVoucherMutation((body: VoucherSchemeBody) => api.post<VoucherScheme>('/vouchers/schemes', body));
export const useSchemeStatus = () =>
  useVoucherMutation(({ id, status }: { id: string; status: 'active' | 'suspended' }) => api.post<VoucherScheme>(`/vouchers/schemes/${enc(id)}/status`, { status }));
export const useStartIssue = () => useVoucherMutation((schemeId: string) => api.post<{ jobId: string }>(`/vouchers/schemes/${enc(schemeId)}/issue`));
export const useProposeBatch = () => useVoucherMutation((schemeId: string) => api.post<SettlementBatch>('/vouchers/batches', { schemeId }));
export const useApproveBatch = () => useVoucherMutation((id: string) => api.post<{ batch: SettlementBatch; paidFen: number }>(`/vouchers/batches/${enc(id)}/approve`));
export const useRejectBatch = () => useVoucherMutation((id: string) => api.post<SettlementBatch>(`/vouchers/batches/${enc(id)}/reject`));
