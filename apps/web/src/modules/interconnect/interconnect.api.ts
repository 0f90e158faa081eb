/** Interconnection's API for the programme office: machine clients, upstream platforms, the call log. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiCallList, ApiClientCreateBody, ApiClientList, ApiClientSecret, ApiClientView, ClientScope, UpstreamCheck, UpstreamCreateBody, UpstreamList, UpstreamView } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { ApiClientSecret, ApiClientView, ClientScope, UpstreamCheck, UpstreamView };

export const useClients = () => useQuery({ queryKey: ['interconnect', 'clients'], queryFn: () => api.get<ApiClientList>('/interconnect/clients') });
export const useUpstreams = () => useQuery({ queryKey: ['interconnect', 'upstreams'], queryFn: () => api.get<UpstreamList>('/interconnect/upstreams') });
export const useCalls = () => useQuery({ queryKey: ['interconnect', 'calls'], queryFn: () => api.get<ApiCallList>('/interconnect/calls') });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['interconnect'] });
}

export function useRegisterClient() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: ApiClientCreateBody) => api.post<ApiClientSecret>('/interconnect/clients', body), onSuccess: done });
}
export function useRotateClient() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.post<ApiClientSecret>(`/interconnect/clients/${id}/rotate`, {}), onSuccess: done });
}
export function useRevokeClient() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.post<ApiClientView>(`/interconnect/clients/${id}/revoke`, {}), onSuccess: done });
}
export function useRegisterUpstream() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: UpstreamCreateBody) => api.post<UpstreamView>('/interconnect/upstreams', body), onSuccess: done });
}
export function useCheckUpstream() {
  return useMutation({ mutationFn: (id: string) => api.post<UpstreamCheck>(`/interconnect/upstreams/${id}/check`, {}) });
}
export function useRemoveUpstream() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (id: string) => api.delete<{ removed: boolean }>(`/interconnect/upstreams/${id}`), onSuccess: done });
}
