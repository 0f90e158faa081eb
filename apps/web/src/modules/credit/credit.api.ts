/** The credit API: records, imports, the enterprise's view, repair. */
import { useQuery } from '@tanstack/react-query';
import type { CreditImportBody, CreditImportResult, CreditInquiryResult, CreditRatingView, CreditRecordBody, CreditRecordView, CreditRepairBody, CreditRepairDecisionBody, CreditRepairReviewBody, CreditWorkView, MyCreditView } from '@seedbed/contract';
import { api, uploadFile } from '../../app/api-client';

export type { CreditImportResult, CreditInquiryResult, CreditRatingView, CreditRecordView, CreditWorkView, MyCreditView };

const enc = encodeURIComponent;

export const useMyCredit = () => useQuery({ queryKey: ['credit', 'mine'], queryFn: () => api.get<MyCreditView>('/credit/mine') });
export const useCreditWork = () => useQuery({ queryKey: ['credit', 'work'], queryFn: () => api.get<CreditWorkView>('/credit/work') });

/** The public inquiry: by name or credit code, a page of 10; only a non-blank query asks. */
export const useCreditInquiry = (q: string, page: number) =>
  useQuery({ queryKey: ['credit', 'inquiry', q, page], enabled: q.trim().length > 0, retry: false, queryFn: () => api.get<CreditInquiryResult>(`/credit/inquiry?q=${enc(q.trim())}&page=${page}`) });

export const enterRecord = (body: CreditRecordBody) => api.post<CreditRecordView>('/credit/records', body);
export const importFile = (body: CreditImportBody) => api.post<CreditImportResult>('/credit/imports', body);
export const applyForRepair = (recordId: string, body: CreditRepairBody) => api.post<CreditRecordView>(`/credit/records/${enc(recordId)}/repairs`, body);
export const reviewRepair = (repairId: string, body: CreditRepairReviewBody) => api.post<CreditRecordView>(`/credit/repairs/${enc(repairId)}/reviews`, body);
export const decideRepair = (repairId: string, body: CreditRepairDecisionBody) => api.post<CreditRecordView>(`/credit/repairs/${enc(repairId)}/decision`, body);
/** Plain links: the browser downloads them with the session cookie. */
export const TEMPLATE_HREF = '/api/v1/credit/template.xlsx';
export const evidenceHref = (repairId: string) => `/api/v1/credit/repairs/${enc(repairId)}/evidence`;

/** The file's bytes as base64 (what the import takes). */
export function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/** Uploads a file to the files module (the one upload of the web app). */
export const uploadPdf = (file: File) => uploadFile(file);
