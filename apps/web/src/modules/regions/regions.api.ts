import { regionAncestors } from '@seedbed/rules/regions';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Industry, Region } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { Industry, Region };

export const regionsKey = (parent: string | null) => ['regions', parent ?? ''] as const;

export async function fetchRegions(parent: string | null): Promise<Region[]> {
  const res = await api.get<{ items: Region[] }>(`/regions${query({ parent })}`);
  return res.items;
}

/** Region lists change rarely: keep them for the whole visit. */
export function loadRegions(qc: QueryClient, parent: string | null): Promise<Region[]> {
  return qc.fetchQuery({ queryKey: regionsKey(parent), queryFn: () => fetchRegions(parent), staleTime: Infinity });
}

export function useIndustries() {
  return useQuery({
    queryKey: ['industries'],
    queryFn: async () => (await api.get<{ items: Industry[] }>('/industries')).items,
    staleTime: Infinity,
  });
}

/**
 * The chain of ancestor codes of a GB/T 2260 code, province first: 450103 → 450000, 450100, 450103.
 * Codes encode their ancestry in their digits (2 province, 2 city, 2 county).
 */
export function regionCodePath(code: string): string[] {
  return /^\d{6}$/.test(code) ? regionAncestors(code).reverse() : [];
}
