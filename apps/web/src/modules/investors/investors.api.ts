/** Investors' API (投融资对接): the directory, an investor's desk, the roadshow, the finance office's review. */
import { useQuery } from '@tanstack/react-query';
import type { InterestAnswerBody, InvestorBody, InvestorPage, InvestorsReview, InvestorSummary, MyInvestorDesk, MyRoadshow, RoadshowBody, RoadshowDecisionBody, RoadshowPage, RoadshowSummary, VerifyInvestorBody } from '@seedbed/contract';
import { api, uploadFile } from '../../app/api-client';

export type { Interest, InvestorPage, InvestorSummary, RoadshowPage, RoadshowSummary } from '@seedbed/contract';
const enc = encodeURIComponent;

export interface InvestorFilter {
  q: string;
  kind: string | undefined;
  stage: string | undefined;
}
export const useDirectory = (f: InvestorFilter) =>
  useQuery({
    queryKey: ['investors', 'directory', f],
    queryFn: () => {
      const p = new URLSearchParams();
      if (f.q.trim()) p.set('q', f.q.trim());
      if (f.kind) p.set('kind', f.kind);
      if (f.stage) p.set('stage', f.stage);
      const qs = p.toString();
      return api.get<InvestorSummary[]>(`/public/investors${qs ? `?${qs}` : ''}`);
    },
  });
export const useInvestor = (id: string) => useQuery({ queryKey: ['investors', 'one', id], queryFn: () => api.get<InvestorPage>(`/investors/${enc(id)}`) });
export const useDesk = () => useQuery({ queryKey: ['investors', 'desk'], queryFn: () => api.get<MyInvestorDesk>('/investors/desk') });
export const useReview = () => useQuery({ queryKey: ['investors', 'review'], queryFn: () => api.get<InvestorsReview>('/investors/review') });
export const useRoadshow = () => useQuery({ queryKey: ['investors', 'roadshow'], queryFn: () => api.get<RoadshowSummary[]>('/public/roadshow') });
export const useProject = (id: string) => useQuery({ queryKey: ['investors', 'project', id], queryFn: () => api.get<RoadshowPage>(`/roadshow/${enc(id)}`) });
export const useMyRoadshow = () => useQuery({ queryKey: ['investors', 'mine'], queryFn: () => api.get<MyRoadshow>('/roadshow/mine') });

export const saveInvestor = (organisationId: string, body: InvestorBody) => api.put<InvestorPage>(`/investors/organisations/${enc(organisationId)}`, body);
export const verifyInvestor = (id: string, body: VerifyInvestorBody) => api.post<InvestorPage>(`/investors/${enc(id)}/verify`, body);
export const postProject = (body: RoadshowBody) => api.post<RoadshowPage>('/roadshow', body);
export const decideProject = (id: string, body: RoadshowDecisionBody) => api.post<RoadshowPage>(`/roadshow/${enc(id)}/decide`, body);
export const expressInterest = (id: string, message: string) => api.post<RoadshowPage>(`/roadshow/${enc(id)}/interests`, { message });
export const answerInterest = (id: string, body: InterestAnswerBody) => api.post<RoadshowPage>(`/roadshow/interests/${enc(id)}/answer`, body);

/** Uploads a file to the files module (the one upload of the web app). */
export const uploadPdf = (file: File) => uploadFile(file);
