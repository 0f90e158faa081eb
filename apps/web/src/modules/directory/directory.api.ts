/** The enterprise directory's API (企业名录): the public list and pages; an enterprise's own listing. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DirectoryEnterprise, DirectoryList, DirectoryListingBody, MyDirectoryListing } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { DirectoryEnterprise, MyDirectoryListing };

const enc = encodeURIComponent;

export const useDirectory = (f: { q?: string; region?: string | null; page?: number }) =>
  useQuery({
    queryKey: ['directory', 'list', f],
    placeholderData: keepPreviousData,
    queryFn: () => api.get<DirectoryList>(`/directory/enterprises${query({ q: f.q?.trim() || undefined, region: f.region ?? undefined, page: f.page && f.page > 1 ? f.page : undefined })}`),
  });
export const useListedEnterprise = (id: string) => useQuery({ queryKey: ['directory', 'page', id], queryFn: () => api.get<DirectoryEnterprise>(`/directory/enterprises/${enc(id)}`) });
export const useMyListings = (enabled = true) => useQuery({ queryKey: ['directory', 'mine'], enabled, queryFn: () => api.get<MyDirectoryListing[]>('/directory/mine') });

export const saveListing = (organisationId: string, body: DirectoryListingBody) => api.put<MyDirectoryListing>(`/directory/enterprises/${enc(organisationId)}`, body);
export const removeListing = (organisationId: string) => api.delete<MyDirectoryListing>(`/directory/enterprises/${enc(organisationId)}`);
