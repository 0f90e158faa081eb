import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DatasetChangelog, DatasetOverview, DatasetSummary, OpenBreakdown, OpenFigure, OpenStatisticsView } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { DatasetChangelog, DatasetOverview, DatasetSummary, OpenBreakdown, OpenFigure, OpenStatisticsView };

/** Region (absent: the whole platform) and period (absent: this year) of the page. */
export interface OpenFilter {
  regionCode?: string | undefined;
  period?: string | undefined;
}

export function useOpenStatistics(filter: OpenFilter) {
  return useQuery({
    queryKey: ['public', 'statistics', filter.regionCode ?? '', filter.period ?? ''],
    queryFn: () => api.get<OpenStatisticsView>(`/public/statistics${query({ ...filter })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useOpenBreakdown(filter: OpenFilter, name: string | null) {
  return useQuery({
    queryKey: ['public', 'statistics', 'breakdown', name, filter.regionCode ?? '', filter.period ?? ''],
    queryFn: () => api.get<OpenBreakdown>(`/public/statistics/breakdown${query({ ...filter, name: name! })}`),
    enabled: name !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/** Where a group downloads. */
export const downloadHref = (filter: OpenFilter, group: string, format: 'csv' | 'xlsx'): string => `/api/v1/public/statistics/export${query({ ...filter, group, format })}`;

/** The open datasets (title, rows, last change, licence, downloads). */
export function useDatasets() {
  return useQuery({ queryKey: ['public', 'datasets'], queryFn: () => api.get<DatasetOverview>('/public/datasets/overview'), staleTime: 60_000 });
}

/** The datasets' changelog: schema versions and when the rows last changed. */
export function useDatasetChangelog() {
  return useQuery({ queryKey: ['public', 'datasets', 'changelog'], queryFn: () => api.get<DatasetChangelog>('/public/datasets/changelog'), staleTime: 60_000 });
}

/** The DCAT catalogue (JSON-LD) and a dataset's stable URLs, on this site. */
export const CATALOGUE_HREF = '/api/v1/public/datasets';
export const datasetHref = (name: string, what: 'data.csv' | 'data.json' | 'metadata'): string =>
  what === 'metadata' ? `${CATALOGUE_HREF}/${encodeURIComponent(name)}` : `${CATALOGUE_HREF}/${encodeURIComponent(name)}/${what}`;
