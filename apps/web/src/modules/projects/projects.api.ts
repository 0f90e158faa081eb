/** The project library's API (创业项目库): the public library and a project's page, my projects and adoptions, the bureau's queue. */
import { useQuery } from '@tanstack/react-query';
import type { Adoption, AdoptionAnswerBody, AdoptionBody, AdoptionSuccessBody, AdoptionVerifyBody, MyProjects, ProjectBody, ProjectDecisionBody, ProjectDetail, ProjectReviewQueue, ProjectSummary } from '@seedbed/contract';
import { api, query, uploadFile } from '../../app/api-client';

export type { Adoption, MyProjects, ProjectDetail, ProjectSummary };
const enc = encodeURIComponent;

export const useProjects = (f: { q?: string; kind?: string; industry?: string; region?: string }) =>
  useQuery({ queryKey: ['projects', 'list', f], queryFn: () => api.get<ProjectSummary[]>(`/projects${query(f)}`) });
export const useProject = (id: string) => useQuery({ queryKey: ['projects', 'page', id], queryFn: () => api.get<ProjectDetail>(`/projects/${enc(id)}`) });
export const useMyProjects = (enabled = true) => useQuery({ queryKey: ['projects', 'mine'], enabled, queryFn: () => api.get<MyProjects>('/projects/mine') });
export const useReviewQueue = () => useQuery({ queryKey: ['projects', 'review'], queryFn: () => api.get<ProjectReviewQueue>('/projects/review') });

export const postProject = (body: ProjectBody) => api.post<ProjectDetail>('/projects', body);
export const editProject = (id: string, body: ProjectBody) => api.put<ProjectDetail>(`/projects/${enc(id)}`, body);
export const decideProject = (id: string, body: ProjectDecisionBody) => api.post<ProjectDetail>(`/projects/${enc(id)}/decision`, body);
export const askToAdopt = (id: string, body: AdoptionBody) => api.post<ProjectDetail>(`/projects/${enc(id)}/adoptions`, body);
export const answerAdoption = (id: string, body: AdoptionAnswerBody) => api.post<Adoption>(`/project-adoptions/${enc(id)}/answer`, body);
export const recordSuccess = (id: string, body: AdoptionSuccessBody) => api.post<Adoption>(`/project-adoptions/${enc(id)}/success`, body);
export const verifySuccess = (id: string, body: AdoptionVerifyBody) => api.post<Adoption>(`/project-adoptions/${enc(id)}/verification`, body);
/** Plain links: the browser downloads them with the session cookie. */
export const evidenceHref = (id: string) => `/api/v1/project-adoptions/${enc(id)}/evidence`;

/** Uploads a file to the files module (the one upload of the web app). */
export const uploadPdf = (file: File) => uploadFile(file);
