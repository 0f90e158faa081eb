import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DashboardFigureName, DashboardTable, DashboardView } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { DashboardFigureName, DashboardTable, DashboardView };

/** Region and period of the page (absent: the office's region, this year to today). */
export interface DashboardFilter {
  regionCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useDashboard(filter: DashboardFilter) {
  return useQuery({
    queryKey: ['dashboard', filter.regionCode ?? '', filter.from ?? '', filter.to ?? ''],
    queryFn: () => api.get<DashboardView>(`/dashboard${query({ ...filter })}`),
    placeholderData: keepPreviousData,
  });
}

export function useDashboardTable(filter: DashboardFilter, figure: DashboardFigureName | null, key: string | null) {
  return useQuery({
    queryKey: ['dashboard', 'table', figure, key, filter.regionCode ?? '', filter.from ?? '', filter.to ?? ''],
    queryFn: () => api.get<DashboardTable>(`/dashboard/table${query({ ...filter, figure: figure!, key })}`),
    enabled: figure !== null,
  });
}

/** Where a figure's table (or the list behind one bar) downloads as .xlsx. */
export const exportHref = (filter: DashboardFilter, figure: DashboardFigureName, key?: string | null): string =>
  `/api/v1/dashboard/table.xlsx${query({ ...filter, figure, key: key ?? undefined })}`;
