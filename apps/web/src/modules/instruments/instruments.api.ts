/** The instruments' API (仪器共享): public search and pages, busy times, bookings, the owner's workbench and statistics. */
import { useQuery } from '@tanstack/react-query';
import type { Booking, Instrument, InstrumentBody, MyVoucher, OwnerWorkbench, SharingStatistics, StoredFile, TestRequest, TestRequestBody } from '@seedbed/contract';
import { api, ApiError, query } from '../../app/api-client';

export type { Booking, Instrument, InstrumentBody, OwnerWorkbench, SharingStatistics, TestRequest };
const enc = encodeURIComponent;

export interface InstrumentFilter {
  q?: string;
  category?: string;
  region?: string;
  maxRateFen?: number;
  freeOn?: string;
}
export interface Busy {
  busy: { start: string; end: string }[];
  closures: { from: string; to: string; reason: string }[];
}

export const useInstruments = (f: InstrumentFilter) => useQuery({ queryKey: ['instruments', 'search', f], queryFn: () => api.get<Instrument[]>(`/instruments${query({ ...f })}`) });
export const useInstrument = (id: string) => useQuery({ queryKey: ['instruments', 'one', id], queryFn: () => api.get<Instrument>(`/instruments/${enc(id)}`) });
export const useBusy = (id: string, from: string, to: string) =>
  useQuery({ queryKey: ['instruments', 'busy', id, from, to], queryFn: () => api.get<Busy>(`/instruments/${enc(id)}/busy${query({ from, to })}`) });
export const useMyBookings = (enabled = true) => useQuery({ queryKey: ['instruments', 'mine'], enabled, queryFn: () => api.get<Booking[]>('/instruments/bookings/mine') });
export const useOwnerWorkbench = () => useQuery({ queryKey: ['instruments', 'owner'], queryFn: () => api.get<OwnerWorkbench>('/instruments/owner') });
export const useSharing = (year: number) => useQuery({ queryKey: ['instruments', 'sharing', year], queryFn: () => api.get<SharingStatistics>(`/instruments/sharing${query({ year })}`) });
export const useMyVouchers = (enabled: boolean) => useQuery({ queryKey: ['instruments', 'vouchers'], enabled, queryFn: async () => (await api.get<{ items: MyVoucher[] }>('/vouchers/mine')).items });

export const book = (id: string, body: { during: { start: string; end: string }; subjectId?: string; voucherId?: string; purpose: string }) => api.post<Booking>(`/instruments/${enc(id)}/bookings`, body);
export const waitFor = (id: string, during: { start: string; end: string }) => api.post(`/instruments/${enc(id)}/waitlist`, { during });
export const declareQualification = (id: string, statement: string) => api.post(`/instruments/${enc(id)}/qualification`, { statement });
export const confirmQualification = (id: string, userId: string) => api.post(`/instruments/${enc(id)}/qualifications/${enc(userId)}/confirm`, {});
export const bookingAction = (id: string, action: 'cancel' | 'approve' | 'reject' | 'no-show', reason?: string) => api.post<Booking>(`/instruments/bookings/${enc(id)}/${action}`, reason ? { reason } : {});
export const recordUsage = (id: string, start: string, end: string) => api.post<Booking>(`/instruments/bookings/${enc(id)}/usage`, { start, end });
export const createInstrument = (body: InstrumentBody) => api.post<Instrument>('/instruments', body);
export const setClosures = (id: string, closures: { from: string; to: string; reason: string }[]) => api.put<Instrument>(`/instruments/${enc(id)}/closures`, { closures });
export const updateInstrument = (id: string, body: InstrumentBody) => api.put<Instrument>(`/instruments/${enc(id)}`, body);
export const useMyTests = (enabled = true) => useQuery({ queryKey: ['instruments', 'tests', 'mine'], enabled, queryFn: () => api.get<TestRequest[]>('/instruments/tests/mine') });
export const requestTest = (id: string, body: TestRequestBody) => api.post<TestRequest>(`/instruments/${enc(id)}/tests`, body);
export const testAction = (id: string, action: 'cancel' | 'accept' | 'decline', reason?: string) => api.post<TestRequest>(`/instruments/tests/${enc(id)}/${action}`, reason ? { reason } : {});
export const recordResult = (id: string, fileId: string, samplesTested: number) => api.post<TestRequest>(`/instruments/tests/${enc(id)}/result`, { fileId, samplesTested });
export const sessionAction = (id: string, action: 'start' | 'stop') => api.post<Booking>(`/instruments/bookings/${enc(id)}/${action}`);
export const addPhoto = (id: string, fileId: string) => api.post<Instrument>(`/instruments/${enc(id)}/photos`, { fileId });
export const removePhoto = (id: string, fileId: string) => api.delete<Instrument>(`/instruments/${enc(id)}/photos/${enc(fileId)}`);
export const photoUrl = (id: string, fileId: string) => `/api/v1/instruments/${enc(id)}/photos/${enc(fileId)}`;
export const reportUrl = (id: string) => `/api/v1/instruments/tests/${enc(id)}/report`;
export const testStatementUrl = (id: string) => `/api/v1/instruments/tests/${enc(id)}/statement.pdf`;
export const bookingStatementUrl = (id: string) => `/api/v1/instruments/bookings/${enc(id)}/statement.pdf`;

/** Uploads one file (a photo or a test report); the server checks its type from the bytes and its size. */
export async function uploadFile(file: File): Promise<StoredFile> {
  const tokenRes = await fetch('/api/v1/auth/csrf', { credentials: 'same-origin' });
  const { token } = (await tokenRes.json()) as { token: string };
  const form = new FormData();
  form.append('file', file);
  const res = await fetch('/api/v1/files', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': token, accept: 'application/json' }, body: form });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new ApiError(body as never);
  return body as StoredFile;
}
