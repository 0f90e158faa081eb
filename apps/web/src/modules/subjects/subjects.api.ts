import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Fact, ProfileVariable, ProfileVariableList, SubjectProfile, SubjectSummary, UpdateFactsBody } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { Fact, ProfileVariable, SubjectProfile, SubjectSummary, UpdateFactsBody };
export type FactValue = string | number | boolean | null;

export const subjectKey = (id: string) => ['subjects', id] as const;

export function useMySubjects() {
  return useQuery({
    queryKey: ['subjects', 'mine'],
    queryFn: async () => (await api.get<{ items: SubjectSummary[] }>('/subjects/mine')).items,
  });
}

/** The registry's profile facts (labels, types, bounds, values): fixed while the app runs. */
export function useProfileVariables() {
  return useQuery({
    queryKey: ['subjects', 'variables'],
    queryFn: async () => (await api.get<ProfileVariableList>('/subjects/variables')).items,
    staleTime: Infinity,
  });
}

export function useSubject(id: string) {
  return useQuery({ queryKey: subjectKey(id), queryFn: () => api.get<SubjectProfile>(`/subjects/${encodeURIComponent(id)}`) });
}

export function useUpdateFacts(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateFactsBody) => api.patch<SubjectProfile>(`/subjects/${encodeURIComponent(id)}/facts`, body),
    onSuccess: (subject) => {
      qc.setQueryData(subjectKey(id), subject);
      void qc.invalidateQueries({ queryKey: ['subjects', 'mine'] });
    },
  });
}
