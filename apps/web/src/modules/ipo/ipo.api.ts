/** The pre-IPO pool's API: my enterprises' entries, the finance office's pool, and the actions on them. */
import { useQuery } from '@tanstack/react-query';
import type { IpoApplyBody, IpoDecisionBody, IpoEnrolBody, IpoEntry, IpoPool, IpoPoolQuery, IpoStageBody, IpoVerifyBody, MyIpo } from '@seedbed/contract';
import { api, query, uploadFile } from '../../app/api-client';

export type { IpoEntry, IpoPool, MyIpo };
const enc = encodeURIComponent;

export const useMyIpo = () => useQuery({ queryKey: ['ipo', 'mine'], queryFn: () => api.get<MyIpo>('/ipo/mine') });
export const useIpoPool = (f: IpoPoolQuery) => useQuery({ queryKey: ['ipo', 'pool', f], queryFn: () => api.get<IpoPool>(`/ipo/pool${query(f)}`) });

export const applyToPool = (body: IpoApplyBody) => api.post<IpoEntry>('/ipo/entries', body);
export const recordStage = (entryId: string, body: IpoStageBody) => api.post<IpoEntry>(`/ipo/entries/${enc(entryId)}/stages`, body);
export const enrol = (body: IpoEnrolBody) => api.post<IpoEntry>('/ipo/pool/enrolments', body);
export const decide = (entryId: string, body: IpoDecisionBody) => api.post<IpoEntry>(`/ipo/entries/${enc(entryId)}/decision`, body);
export const verifyStage = (recordId: string, body: IpoVerifyBody) => api.post<IpoEntry>(`/ipo/stage-records/${enc(recordId)}/verification`, body);
/** A plain link: the browser downloads it with the session cookie. */
export const evidenceHref = (recordId: string) => `/api/v1/ipo/stage-records/${enc(recordId)}/evidence`;

/** Uploads a file to the files module (the one upload of the web app). */
export const uploadPdf = (file: File) => uploadFile(file);
