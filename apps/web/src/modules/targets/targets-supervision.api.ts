/** Supervision items (督办件): the list (by target, by status), one item, and the steps on it. */
import { useQuery } from '@tanstack/react-query';
import type { SupervisionIssueBody, SupervisionItemView, SupervisionList, SupervisionQuery, SupervisionTextBody } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { SupervisionItemView, SupervisionList };
const enc = encodeURIComponent;
const BASE = '/targets/supervision-items';

export const useSupervisionItems = (f: SupervisionQuery) => useQuery({ queryKey: ['targets', 'supervision', 'list', f], queryFn: () => api.get<SupervisionList>(`${BASE}${query({ targetId: f.targetId, status: f.status })}`) });
export const useSupervisionItem = (id: string) => useQuery({ queryKey: ['targets', 'supervision', 'one', id], queryFn: () => api.get<SupervisionItemView>(`${BASE}/${enc(id)}`) });

export const issueSupervision = (body: SupervisionIssueBody) => api.post<SupervisionItemView>(BASE, body);
export const answerSupervision = (id: string, body: SupervisionTextBody) => api.post<SupervisionItemView>(`${BASE}/${enc(id)}/answer`, body);
export const closeSupervision = (id: string, body: SupervisionTextBody) => api.post<SupervisionItemView>(`${BASE}/${enc(id)}/close`, body);
export const returnSupervision = (id: string, body: SupervisionTextBody) => api.post<SupervisionItemView>(`${BASE}/${enc(id)}/return`, body);
