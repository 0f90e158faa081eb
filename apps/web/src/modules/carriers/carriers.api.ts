/** The carriers' API (双创载体): the public registry and a carrier's page, the operator's carriers and tenants, recognitions. */
import { useQuery } from '@tanstack/react-query';
import type { AnnualBody, AnnualReport, AnnualReviewBody, CarrierBody, CarrierPage, CarrierSummary, Outcome, OutcomeBody, RecognitionBody, Tenancy, TenancyBody, TenancyExitBody } from '@seedbed/contract';
import { api, query, uploadFile } from '../../app/api-client';

export type { CarrierPage, CarrierSummary, Outcome, Tenancy };

const enc = encodeURIComponent;

export const useCarriers = (f: { q?: string; kind?: string; region?: string }) =>
  useQuery({ queryKey: ['carriers', 'list', f], queryFn: () => api.get<CarrierSummary[]>(`/carriers${query(f)}`) });
export const useCarrier = (id: string) => useQuery({ queryKey: ['carriers', 'page', id], queryFn: () => api.get<CarrierPage>(`/carriers/${enc(id)}`) });
export const useMyCarriers = () => useQuery({ queryKey: ['carriers', 'mine'], queryFn: () => api.get<CarrierSummary[]>('/carriers-mine') });
export const useTenancies = (id: string, enabled: boolean) =>
  useQuery({ queryKey: ['carriers', 'tenancies', id], enabled, queryFn: () => api.get<Tenancy[]>(`/carriers/${enc(id)}/tenancies`) });

export const registerCarrier = (body: CarrierBody) => api.post<CarrierPage>('/carriers', body);
export const recordRecognition = (id: string, body: RecognitionBody) => api.post<CarrierPage>(`/carriers/${enc(id)}/recognitions`, body);
export const enterTenancy = (id: string, body: TenancyBody) => api.post<Tenancy[]>(`/carriers/${enc(id)}/tenancies`, body);
export const exitTenancy = (id: string, tenancyId: string, body: TenancyExitBody) => api.post<Tenancy[]>(`/carriers/${enc(id)}/tenancies/${enc(tenancyId)}/exit`, body);

export const useAnnual = (id: string, year: number, enabled: boolean) =>
  useQuery({ queryKey: ['carriers', 'annual', id, year], enabled, queryFn: () => api.get<AnnualReport>(`/carriers/${enc(id)}/annual/${year}`) });
export const fileAnnual = (id: string, year: number, body: AnnualBody) => api.put<AnnualReport>(`/carriers/${enc(id)}/annual/${year}`, body);
export const reviewAnnual = (id: string, year: number, body: AnnualReviewBody) => api.post<AnnualReport>(`/carriers/${enc(id)}/annual/${year}/review`, body);
/** The export's address (a plain link: the browser downloads it with the session cookie). */
export const annualXlsxHref = (year: number) => `/api/v1/carriers-annual/${year}/statistics.xlsx`;

export const useOutcomes = (id: string) => useQuery({ queryKey: ['carriers', 'outcomes', id], queryFn: () => api.get<Outcome[]>(`/carriers/${enc(id)}/outcomes`) });
export const recordOutcome = (id: string, body: OutcomeBody) => api.post<Outcome[]>(`/carriers/${enc(id)}/outcomes`, body);

/** Uploads a file to the files module (the one upload of the web app). */
export const uploadEvidence = (file: File) => uploadFile(file);
