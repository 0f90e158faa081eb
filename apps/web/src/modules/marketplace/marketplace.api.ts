/** The marketplace's API (服务超市): public search and provider pages, orders, the provider workbench, officers' work. */
import { useQuery } from '@tanstack/react-query';
import type {
  Certification,
  CertificationCase,
  Flag,
  GradeFormula,
  Listing,
  MyVoucher,
  Order,
  ProviderPage,
  ProviderSummary,
  ProviderWorkbench,
  VoucherQuoteView,
} from '@seedbed/contract';
import { api, query, uploadFile } from '../../app/api-client';

export type { Certification, CertificationCase, Flag, GradeFormula, Listing, MyVoucher, Order, ProviderPage, ProviderSummary, ProviderWorkbench, VoucherQuoteView };

const enc = encodeURIComponent;

export interface ListingFilter {
  q?: string;
  category?: string;
  region?: string;
  minPriceFen?: number;
  maxPriceFen?: number;
  voucherPayable?: boolean;
  minStars?: number;
}

export const useListings = (f: ListingFilter) =>
  useQuery({
    queryKey: ['marketplace', 'listings', f],
    queryFn: () => api.get<Listing[]>(`/marketplace/listings${query({ ...f, voucherPayable: f.voucherPayable === undefined ? undefined : String(f.voucherPayable) })}`),
  });
export const useProviders = () => useQuery({ queryKey: ['marketplace', 'providers'], queryFn: () => api.get<ProviderSummary[]>('/marketplace/providers') });
export const useProviderPage = (id: string) => useQuery({ queryKey: ['marketplace', 'provider', id], queryFn: () => api.get<ProviderPage>(`/marketplace/providers/${enc(id)}`) });
export const useFormula = () => useQuery({ queryKey: ['marketplace', 'formula'], queryFn: () => api.get<GradeFormula>('/marketplace/grade-formula') });
export const useMyOrders = () => useQuery({ queryKey: ['marketplace', 'orders'], queryFn: () => api.get<Order[]>('/marketplace/orders') });
export const useWorkbench = () => useQuery({ queryKey: ['marketplace', 'workbench'], queryFn: () => api.get<ProviderWorkbench>('/marketplace/provider') });
export const useCertifications = (status?: string) =>
  useQuery({ queryKey: ['marketplace', 'certifications', status], queryFn: () => api.get<Certification[]>(`/marketplace/certifications${query({ status })}`) });
export const useCertificationCase = (id: string | null) =>
  useQuery({ queryKey: ['marketplace', 'certification', id], enabled: !!id, queryFn: () => api.get<CertificationCase>(`/marketplace/certifications/${enc(id!)}`) });
export const useDisputes = () => useQuery({ queryKey: ['marketplace', 'disputes'], queryFn: () => api.get<Order[]>('/marketplace/disputes') });
export const useFlags = () => useQuery({ queryKey: ['marketplace', 'flags'], queryFn: () => api.get<Flag[]>('/marketplace/flags') });

export const orderAction = (id: string, action: string, body: unknown = {}) => api.post<Order>(`/marketplace/orders/${enc(id)}/${action}`, body);
export const placeOrder = (body: { listingId: string; subjectId: string; priceFen: number | null; voucherId?: string; note?: string }) => api.post<Order>('/marketplace/orders', body);
export const voucherQuote = (body: { listingId: string; subjectId: string; priceFen: number; voucherId: string }) => api.post<VoucherQuoteView>('/marketplace/voucher-quote', body);
export const applyCertification = (body: { categories: string[]; regions: string[]; qualifications: string; fileIds: string[] }) => api.post<Certification>('/marketplace/certifications', body);
export const createListing = (body: unknown) => api.post<Listing>('/marketplace/listings', body);
export const withdrawListing = (id: string) => api.post(`/marketplace/listings/${enc(id)}/withdraw`);
export const certificationAction = (id: string, action: string, body: unknown) => api.post<CertificationCase>(`/marketplace/certifications/${enc(id)}/${action}`, body);
export const resolveFlag = (id: string, body: { action: 'dismiss' | 'revoke'; note: string }) => api.post(`/marketplace/flags/${enc(id)}/resolve`, body);
export const computeGrades = (year: number) => api.post<{ year: number; providers: number; byStars: Record<string, number> }>(`/marketplace/grades/${year}`);

/** Uploads a file to the files module (the one upload of the web app). */
export { uploadFile };

/** The enterprise's vouchers (the vouchers module's `GET /vouchers/mine`), to pay part of an order with one. */
export const useMyVouchersForMarket = (enabled: boolean) =>
  useQuery({ queryKey: ['vouchers', 'mine'], enabled, queryFn: async () => (await api.get<{ items: MyVoucher[] }>('/vouchers/mine')).items });
