/** Targets and the work ledger: the list with lights, one target, the office's options and actions, a unit's report. */
import { useQuery } from '@tanstack/react-query';
import type { BriefingCreateBody, BriefingList, BriefingUpdateBody, BriefingView, TargetCreateBody, TargetDashboard, TargetDetail, TargetList, TargetLoadBody, TargetLoadResult, TargetMilestoneBody, TargetMilestoneReachBody, TargetOptions, TargetRecords, TargetReportBody, TargetUpdateBody } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { TargetDetail, TargetList, TargetOptions };
const enc = encodeURIComponent;

export const useTargets = (f: { mine?: boolean }) => useQuery({ queryKey: ['targets', 'list', f], queryFn: () => api.get<TargetList>(`/targets${query({ mine: f.mine ? 'true' : undefined })}`) });
export const useTarget = (id: string) => useQuery({ queryKey: ['targets', 'one', id], queryFn: () => api.get<TargetDetail>(`/targets/${enc(id)}`) });
export const useTargetsDashboard = (enabled: boolean) => useQuery({ queryKey: ['targets', 'dashboard'], queryFn: () => api.get<TargetDashboard>('/targets/dashboard'), enabled });
export const useTargetRecords = (id: string) => useQuery({ queryKey: ['targets', 'records', id], queryFn: () => api.get<TargetRecords>(`/targets/${enc(id)}/records`) });
export const useTargetOptions = (enabled: boolean) => useQuery({ queryKey: ['targets', 'options'], queryFn: () => api.get<TargetOptions>('/targets/options'), enabled, staleTime: 60_000 });

export const loadDocument = (body: TargetLoadBody) => api.post<TargetLoadResult>('/targets/load', body);
export const createTarget = (body: TargetCreateBody) => api.post<TargetDetail>('/targets', body);
export const updateTarget = (id: string, body: TargetUpdateBody) => api.patch<TargetDetail>(`/targets/${enc(id)}`, body);
export const reportProgress = (id: string, body: TargetReportBody) => api.post<TargetDetail>(`/targets/${enc(id)}/reports`, body);
export const addMilestone = (id: string, body: TargetMilestoneBody) => api.post<TargetDetail>(`/targets/${enc(id)}/milestones`, body);
export const reachMilestone = (id: string, milestoneId: string, body: TargetMilestoneReachBody) => api.post<TargetDetail>(`/targets/${enc(id)}/milestones/${enc(milestoneId)}/reach`, body);
export const removeMilestone = (id: string, milestoneId: string) => api.delete<TargetDetail>(`/targets/${enc(id)}/milestones/${enc(milestoneId)}`);

export const useBriefings = () => useQuery({ queryKey: ['briefings', 'list'], queryFn: () => api.get<BriefingList>('/targets/briefings') });
export const useBriefing = (id: string) => useQuery({ queryKey: ['briefings', 'one', id], queryFn: () => api.get<BriefingView>(`/targets/briefings/${enc(id)}`) });
export const createBriefing = (body: BriefingCreateBody) => api.post<BriefingView>('/targets/briefings', body);
export const updateBriefing = (id: string, body: BriefingUpdateBody) => api.patch<BriefingView>(`/targets/briefings/${enc(id)}`, body);
export const refreshBriefing = (id: string) => api.post<BriefingView>(`/targets/briefings/${enc(id)}/refresh`, {});
export const issueBriefing = (id: string) => api.post<BriefingView>(`/targets/briefings/${enc(id)}/issue`, {});
