/** The site-wide search's API (全站搜索). */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchAnswer } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { SearchAnswer };

export const useSearch = (f: { q: string; kind?: string | null; region?: string | null; page?: number }) =>
  useQuery({
    queryKey: ['search', f],
    enabled: f.q.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: () => api.get<SearchAnswer>(`/search${query({ q: f.q.trim(), kind: f.kind ?? undefined, region: f.region ?? undefined, page: f.page && f.page > 1 ? f.page : undefined })}`),
  });
