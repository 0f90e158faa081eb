import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Fact, SubjectProfile, SubjectSummary, UpdateFactsBody } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { Fact, SubjectProfile, SubjectSummary, UpdateFactsBody };
export type FactValue = string | number | boolean | null;

export const subjectKey = (id: string) => ['subjects', id] as const;

export function useMySubjects() {
  return useQuery({
    queryKey: ['subjects', 'mine'],
    queryFn: async () => (await api.get<{ items: SubjectSummary[] }>('/subjects/mine')).items,
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
