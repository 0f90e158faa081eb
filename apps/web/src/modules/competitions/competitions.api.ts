/** The competitions' API (创新创业大赛): calls, entries, the expert pool, panels, judging, results. */
import { useQuery } from '@tanstack/react-query';
import type { CallBody, CallManagement, CallPage, CallSummary, EntryBody, EntryReviewBody, Expert, ExpertBody, JudgingItem, StoredFile } from '@seedbed/contract';
import { api, ApiError } from '../../app/api-client';

export type { CallManagement, CallPage, CallSummary, Expert, JudgingItem };

const enc = encodeURIComponent;

export const useCalls = () => useQuery({ queryKey: ['competitions', 'list'], queryFn: () => api.get<CallSummary[]>('/competitions') });
export const useCall = (id: string) => useQuery({ queryKey: ['competitions', 'page', id], queryFn: () => api.get<CallPage>(`/competitions/${enc(id)}`) });
export const useManagement = (id: string) => useQuery({ queryKey: ['competitions', 'manage', id], queryFn: () => api.get<CallManagement>(`/competitions/${enc(id)}/manage`) });
export const useExperts = () => useQuery({ queryKey: ['competitions', 'experts'], queryFn: () => api.get<Expert[]>('/competition-experts') });
export const useJudging = () => useQuery({ queryKey: ['competitions', 'judging'], queryFn: () => api.get<JudgingItem[]>('/competitions-judging') });

export const createCall = (body: CallBody) => api.post<CallPage>('/competitions', body);
export const enterCall = (id: string, body: EntryBody) => api.post<CallPage>(`/competitions/${enc(id)}/entries`, body);
export const addExpert = (body: ExpertBody) => api.post<Expert[]>('/competition-experts', body);
export const assignPanel = (id: string, round: number, expertIds: string[]) => api.post<CallManagement>(`/competitions/${enc(id)}/rounds/${round}/panel`, { expertIds });
export const advanceCall = (id: string) => api.post<CallManagement>(`/competitions/${enc(id)}/advance`, {});
export const publishCall = (id: string) => api.post<CallManagement>(`/competitions/${enc(id)}/publish`, {});
export const reviewEntry = (entryId: string, body: EntryReviewBody) => api.post<JudgingItem[]>(`/competition-entries/${enc(entryId)}/review`, body);
/** The pitch deck's address (a plain link: the browser downloads it with the session cookie). */
export const deckHref = (entryId: string) => `/api/v1/competition-entries/${enc(entryId)}/deck`;

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
