/** The lists API (清单): public lists and their revisions, complaints, and the departments' revisions and answers. */
import { useQuery } from '@tanstack/react-query';
import type { AnswerBody, ComplaintBody, DepartmentComplaint, ListBody, ListPage, ListSummary, PublicComplaint, RevisionBody } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { DepartmentComplaint, ListPage, ListSummary, PublicComplaint };
const enc = encodeURIComponent;

export const usePublicLists = (kind?: string) => useQuery({ queryKey: ['lists', 'public', kind ?? 'all'], queryFn: () => api.get<ListSummary[]>(`/public/lists${query({ kind })}`) });
export const useList = (id: string) => useQuery({ queryKey: ['lists', 'page', id], queryFn: () => api.get<ListPage>(`/lists/${enc(id)}`) });
export const usePublicComplaints = () => useQuery({ queryKey: ['lists', 'complaints', 'public'], queryFn: () => api.get<PublicComplaint[]>('/public/complaints') });
export const useMyLists = () => useQuery({ queryKey: ['lists', 'mine'], queryFn: () => api.get<ListSummary[]>('/lists-mine') });
export const useDepartmentComplaints = () => useQuery({ queryKey: ['lists', 'complaints', 'mine'], queryFn: () => api.get<DepartmentComplaint[]>('/lists-complaints') });

export const createList = (body: ListBody) => api.post<ListPage>('/lists', body);
export const reviseList = (id: string, body: RevisionBody) => api.post<ListPage>(`/lists/${enc(id)}/revisions`, body);
export const fileComplaint = (body: ComplaintBody) => api.post<PublicComplaint>('/public/complaints', body);
export const answerComplaint = (id: string, body: AnswerBody) => api.post<PublicComplaint>(`/lists-complaints/${enc(id)}/answer`, body);
