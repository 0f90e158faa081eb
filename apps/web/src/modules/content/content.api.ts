/** The content API (资讯): public list and pages, the officers' desk, writing, review and publication. */
import { useQuery } from '@tanstack/react-query';
import type { ContentBody, ContentDesk, ContentPage, ContentReviewBody, ContentSummary } from '@seedbed/contract';
import { api, query, uploadFile } from '../../app/api-client';

export type { ContentBody, ContentDesk, ContentPage, ContentSummary };

const enc = encodeURIComponent;

export const usePublicContent = (f: { q?: string; kind?: string; category?: string; policyItem?: string }) =>
  useQuery({ queryKey: ['content', 'public', f], queryFn: () => api.get<ContentSummary[]>(`/public/content${query(f)}`) });
export const useContent = (id: string) => useQuery({ queryKey: ['content', 'page', id], enabled: id !== '', queryFn: () => api.get<ContentPage>(`/content/${enc(id)}`) });
export const useDesk = () => useQuery({ queryKey: ['content', 'desk'], queryFn: () => api.get<ContentDesk>('/content-desk') });

export const createContent = (body: ContentBody) => api.post<ContentPage>('/content', body);
export const updateContent = (id: string, body: ContentBody) => api.put<ContentPage>(`/content/${enc(id)}`, body);
export const submitContent = (id: string) => api.post<ContentPage>(`/content/${enc(id)}/submit`, {});
export const reviewContent = (id: string, body: ContentReviewBody) => api.post<ContentPage>(`/content/${enc(id)}/review`, body);
export const withdrawContent = (id: string) => api.post<ContentPage>(`/content/${enc(id)}/withdraw`, {});

/** Where an uploaded file is shown from in an item (the server serves it as the item's visibility allows). */
export const contentFileHref = (fileId: string) => `/api/v1/content/files/${fileId}`;

/** Uploads a file to the files module (the one upload of the web app). */
export { uploadFile };
