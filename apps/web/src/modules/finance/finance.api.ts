/** Finance's API (金融服务): products, matches, needs, requests and the finance office's view. */
import { useQuery } from '@tanstack/react-query';
import type { AcceptBody, FinanceNeedBody, FinanceOversight, IncomingRequest, Need, ProductBody, ProductMatches, ProductPage, ProductStatusBody, ProductSummary, RefuseBody } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { FinanceOversight, IncomingRequest, Need, ProductMatches, ProductPage, ProductSummary };
const enc = encodeURIComponent;

export interface ProductFilter {
  q: string;
  kind: string | undefined;
  amountFen: number | undefined;
}
export const useProducts = (f: ProductFilter) =>
  useQuery({
    queryKey: ['finance', 'products', f],
    queryFn: () => {
      const p = new URLSearchParams();
      if (f.q.trim()) p.set('q', f.q.trim());
      if (f.kind) p.set('kind', f.kind);
      if (f.amountFen !== undefined) p.set('amountFen', String(f.amountFen));
      const qs = p.toString();
      return api.get<ProductSummary[]>(`/public/finance/products${qs ? `?${qs}` : ''}`);
    },
  });
export const useProduct = (id: string) => useQuery({ queryKey: ['finance', 'product', id], queryFn: () => api.get<ProductPage>(`/finance/products/${enc(id)}`) });
export const useMyProducts = () => useQuery({ queryKey: ['finance', 'mine'], queryFn: () => api.get<ProductSummary[]>('/finance/products-mine') });
export const useMatches = (enabled = true) => useQuery({ queryKey: ['finance', 'matches'], queryFn: () => api.get<ProductMatches>('/finance/matches'), enabled, retry: false });
export const useMyNeeds = () => useQuery({ queryKey: ['finance', 'needs'], queryFn: () => api.get<Need[]>('/finance/needs-mine') });
export const useIncoming = () => useQuery({ queryKey: ['finance', 'incoming'], queryFn: () => api.get<IncomingRequest[]>('/finance/requests-incoming') });
export const useOversight = () => useQuery({ queryKey: ['finance', 'oversight'], queryFn: () => api.get<FinanceOversight>('/finance/oversight') });

export const createProduct = (body: ProductBody) => api.post<ProductPage>('/finance/products', body);
export const setProductStatus = (id: string, body: ProductStatusBody) => api.post<ProductPage>(`/finance/products/${enc(id)}/status`, body);
export const postNeed = (body: FinanceNeedBody) => api.post<Need>('/finance/needs', body);
export const setConsent = (id: string, consentToShare: boolean) => api.post<Need>(`/finance/needs/${enc(id)}/consent`, { consentToShare });
export const accept = (id: string, body: AcceptBody) => api.post<IncomingRequest>(`/finance/requests/${enc(id)}/accept`, body);
export const refuse = (id: string, body: RefuseBody) => api.post<IncomingRequest>(`/finance/requests/${enc(id)}/refuse`, body);
