/** The crowd module's API: 众包 tasks, bids, delivery, acceptance and arbitration; supply and demand posts and their threads. */
import { useQuery } from '@tanstack/react-query';
import {
  CROWD_CATEGORIES,
  CROWD_OTHER_LABEL,
  CROWD_POST_KIND_LABELS,
  CROWD_TASK_STATUS_LABELS,
  SERVICE_CATEGORY_LABELS,
  type CreateCrowdBidBody,
  type CreateCrowdPostBody,
  type CreateCrowdTaskBody,
  type CrowdArbitrateBody,
  type CrowdCategory,
  type CrowdMine,
  type CrowdParties,
  type CrowdPost,
  type CrowdPostList,
  type CrowdTask,
  type CrowdTaskList,
  type CrowdThread,
  type CrowdThreadList,
} from '@seedbed/contract';
import { api, query, uploadFile } from '../../app/api-client';

export type { CrowdCategory, CrowdPost, CrowdTask, CrowdThread };
export { CROWD_CATEGORIES, CROWD_POST_KIND_LABELS, CROWD_TASK_STATUS_LABELS };

export const categoryLabel = (c: CrowdCategory) => (c === 'other' ? CROWD_OTHER_LABEL : SERVICE_CATEGORY_LABELS[c]);
const enc = encodeURIComponent;

export interface TaskFilter {
  q?: string | undefined;
  category?: string | undefined;
  regionCode?: string | undefined;
  status?: string | undefined;
}
export interface PostFilter {
  q?: string | undefined;
  kind?: string | undefined;
  category?: string | undefined;
  regionCode?: string | undefined;
}

export const useTasks = (f: TaskFilter) => useQuery({ queryKey: ['crowd', 'tasks', f], queryFn: () => api.get<CrowdTaskList>(`/crowd/tasks${query({ ...f })}`) });
export const useTask = (id: string) => useQuery({ queryKey: ['crowd', 'task', id], queryFn: () => api.get<CrowdTask>(`/crowd/tasks/${enc(id)}`) });
export const useParties = (enabled = true) => useQuery({ queryKey: ['crowd', 'parties'], queryFn: () => api.get<CrowdParties>('/crowd/parties'), enabled });
export const useMine = () => useQuery({ queryKey: ['crowd', 'mine'], queryFn: () => api.get<CrowdMine>('/crowd/mine') });
export const useMyPosts = () => useQuery({ queryKey: ['crowd', 'my-posts'], queryFn: () => api.get<CrowdPostList>('/crowd/posts/mine') });
export const useDisputes = () => useQuery({ queryKey: ['crowd', 'disputes'], queryFn: () => api.get<CrowdTaskList>('/crowd/disputes') });
export const usePosts = (f: PostFilter) => useQuery({ queryKey: ['crowd', 'posts', f], queryFn: () => api.get<CrowdPostList>(`/crowd/posts${query({ ...f })}`) });
export const usePost = (id: string) => useQuery({ queryKey: ['crowd', 'post', id], queryFn: () => api.get<CrowdPost>(`/crowd/posts/${enc(id)}`) });
export const useThreads = () => useQuery({ queryKey: ['crowd', 'threads'], queryFn: () => api.get<CrowdThreadList>('/crowd/threads') });
export const useThread = (id: string) => useQuery({ queryKey: ['crowd', 'thread', id], queryFn: () => api.get<CrowdThread>(`/crowd/threads/${enc(id)}`) });

export const postTask = (body: CreateCrowdTaskBody) => api.post<CrowdTask>('/crowd/tasks', body);
export const placeBid = (id: string, body: CreateCrowdBidBody) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/bids`, body);
export const pickBid = (id: string, bidId: string) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/pick`, { bidId });
export const cancelTask = (id: string) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/cancel`);
export const deliver = (id: string, fileId: string, note: string) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/deliveries`, { fileId, note });
export const acceptTask = (id: string) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/accept`);
export const disputeTask = (id: string, reason: string) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/dispute`, { reason });
export const arbitrateTask = (id: string, body: CrowdArbitrateBody) => api.post<CrowdTask>(`/crowd/tasks/${enc(id)}/arbitrate`, body);
export const deliveryUrl = (id: string, deliveryId: string) => `/api/v1/crowd/tasks/${enc(id)}/deliveries/${enc(deliveryId)}`;

export const createPost = (body: CreateCrowdPostBody) => api.post<CrowdPost>('/crowd/posts', body);
export const closePost = (id: string) => api.post<CrowdPost>(`/crowd/posts/${enc(id)}/close`);
export const contactPost = (id: string, body: string) => api.post<CrowdThread>(`/crowd/posts/${enc(id)}/contact`, { body });
export const replyThread = (id: string, body: string) => api.post<CrowdThread>(`/crowd/threads/${enc(id)}/messages`, { body });

/** 元 typed in a form to integer fen (no floating point drift: rounded to the fen). */
export const fenOf = (yuan: number | null | undefined): number => Math.round((yuan ?? 0) * 100);

/** Uploads a file to the files module (the one upload of the web app). */
export { uploadFile };
