/** The finder's API: the anonymous check, a subject's matches, variables, simulations. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client';
import type { CheckBody, FullCheckResult, PolicyDocumentList, PolicyVersionView, ItemVerdict, Question, Simulation, SimulationSide, SubjectMatches, Tally, Variable } from '@seedbed/contract';

// The check's and simulations' shapes are the server's schemas (packages/contract/src/finder.ts).
export type { ItemVerdict, Question, Simulation, SimulationSide, Tally, Variable };
/** The calculator and the matches page read the full form: every item with its explained criteria. */
export type CheckResult = FullCheckResult;

/** The calculator's request; `lang` is the interface language (texts in that language only: half the bytes on a phone). */
export type CheckRequest = Pick<CheckBody, 'profile' | 'region' | 'date' | 'entity' | 'skip'> & { lang?: 'zh' | 'en' };

export const useVariables = () =>
  useQuery({ queryKey: ['finder', 'variables'], queryFn: () => api.get<{ items: Variable[] }>('/eligibility/variables'), staleTime: 5 * 60_000 });

/** The calculator shows every item with its explained criteria (printable), so it asks for the full form. */
export const useCheck = (request: CheckRequest | null) =>
  useQuery({
    queryKey: ['finder', 'check', request],
    queryFn: () => api.post<CheckResult>('/eligibility/check', { ...request, detail: 'full' }),
    enabled: request !== null,
    placeholderData: (previous) => previous,
  });

export const useMatches = (subjectId: string) =>
  useQuery({
    queryKey: ['finder', 'matches', subjectId],
    queryFn: () => api.get<SubjectMatches>(`/finder/subjects/${subjectId}/matches`),
  });

/** One version of a policy item (GET /policies/:id/versions, /policy-drafts) and a source document new items cite (GET /policy-documents). */
export type VersionView = PolicyVersionView;
export type PolicyDocument = PolicyDocumentList['items'][number];

/** 元 with two decimals from fen. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
