/** The working calendar's API: one year's holiday arrangement (放假调休), read by anyone, replaced whole by the programme office. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarDay, CalendarYear, CalendarYearBody } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { CalendarDay, CalendarYear, CalendarYearBody };

/** The years the server accepts (CalendarYearParams). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export const calendarKey = (year: number) => ['calendar', year] as const;

export const useCalendarYear = (year: number) =>
  useQuery({ queryKey: calendarKey(year), queryFn: () => api.get<CalendarYear>(`/calendar/${year}`) });

/** Replaces the year's whole list; the answer is the year as stored. */
export function useSaveCalendarYear(year: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarYearBody) => api.put<CalendarYear>(`/calendar/${year}`, body),
    onSuccess: (saved) => {
      qc.setQueryData(calendarKey(year), saved);
    },
  });
}
