/** Exchange (互联互通): data-sharing consent, profile import from an upstream platform, district reports and pushes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DataSharing, DistrictReports, ImportSubjectResult, IndicatorList, PushIndicatorsBody, PushIndicatorsResult, ExchangeUpstreamList } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { DataSharing, DistrictReports, ImportSubjectResult, IndicatorList, PushIndicatorsResult };

export const sharingKey = (subjectId: string) => ['exchange', 'sharing', subjectId] as const;

/** The enterprise's data sharing (its members only: anyone else gets a 403, and the card shows nothing). */
export const useDataSharing = (subjectId: string) =>
  useQuery({ queryKey: sharingKey(subjectId), queryFn: () => api.get<DataSharing>(`/exchange/sharing/${encodeURIComponent(subjectId)}`), retry: false });

export function useChangeConsent(subjectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ clientId, action }: { clientId: string; action: 'grant' | 'revoke' }) =>
      api.post<DataSharing>(`/exchange/sharing/${encodeURIComponent(subjectId)}/${action}`, { clientId }),
    onSuccess: (sharing) => qc.setQueryData(sharingKey(subjectId), sharing),
  });
}

export const useUpstreams = () => useQuery({ queryKey: ['exchange', 'upstreams'], queryFn: async () => (await api.get<ExchangeUpstreamList>('/exchange/upstreams')).items });

export function useImportSubject(subjectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { upstreamId: string; creditCode: string }) => api.post<ImportSubjectResult>('/exchange/import-subject', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['subjects', subjectId] }),
  });
}

export const useIndicatorList = () =>
  useQuery({ queryKey: ['exchange', 'indicators'], queryFn: async () => (await api.get<IndicatorList>('/exchange/indicator-list')).items, staleTime: Infinity });

export const useDistrictReports = (period: string, enabled: boolean) =>
  useQuery({ queryKey: ['exchange', 'district-reports', period], queryFn: () => api.get<DistrictReports>(`/exchange/district-reports?period=${encodeURIComponent(period)}`), enabled });

export function usePushIndicators() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PushIndicatorsBody) => api.post<PushIndicatorsResult>('/exchange/push-indicators', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['exchange', 'district-reports'] }),
  });
}
