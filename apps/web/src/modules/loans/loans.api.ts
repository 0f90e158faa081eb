/** The guaranteed start-up loans API (创业担保贷款): requests, review, guarantee, grant, schedules, subsidies. */
import { useQuery } from '@tanstack/react-query';
import type { BankOption, DefaultBody, LoanFinanceView, LoanGrantBody, LoanGuaranteeBody, LoanItem, LoanRequestBody, LoanReviewBody, LoanView, PrepaymentBody, QuarterRunResult, ReserveView, SubsidyRuleBody } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { BankOption, LoanFinanceView, LoanItem, LoanView, ReserveView };

const enc = encodeURIComponent;

export const useLoanItems = () => useQuery({ queryKey: ['loans', 'items'], queryFn: () => api.get<LoanItem[]>('/loans/items') });
export const useMyLoans = () => useQuery({ queryKey: ['loans', 'mine'], queryFn: () => api.get<LoanView[]>('/loans/mine') });
export const useWorkList = () => useQuery({ queryKey: ['loans', 'work'], queryFn: () => api.get<LoanView[]>('/loans/work') });
export const useLoan = (id: string) => useQuery({ queryKey: ['loans', 'loan', id], queryFn: () => api.get<LoanView>(`/loans/${enc(id)}`) });
export const useBanks = (id: string, enabled: boolean) => useQuery({ queryKey: ['loans', 'banks', id], enabled, queryFn: () => api.get<BankOption[]>(`/loans/${enc(id)}/banks`) });

export const requestLoan = (body: LoanRequestBody) => api.post<LoanView>('/loans', body);
export const reviewLoan = (id: string, body: LoanReviewBody) => api.post<LoanView>(`/loans/${enc(id)}/review`, body);
export const guaranteeLoan = (id: string, body: LoanGuaranteeBody) => api.post<LoanView>(`/loans/${enc(id)}/guarantee`, body);
export const grantLoan = (id: string, body: LoanGrantBody) => api.post<LoanView>(`/loans/${enc(id)}/grant`, body);
export const runQuarters = (date: string) => api.post<QuarterRunResult>('/loans/subsidies/run', { date });
export const prepayLoan = (id: string, body: PrepaymentBody) => api.post<LoanView>(`/loans/${enc(id)}/prepayments`, body);
export const reportDefault = (id: string, body: DefaultBody) => api.post<LoanView>(`/loans/${enc(id)}/default`, body);

// The finance bureau: its subsidy items and their rules, the reserve of each of its regions.
export const useFinanceDesk = () => useQuery({ queryKey: ['loans', 'finance'], queryFn: () => api.get<LoanFinanceView>('/loans/finance') });
/** The reserves the user may read: the finance bureau's and the guarantee fund's regions, and those where their bank lends. */
export const useReserves = () => useQuery({ queryKey: ['loans', 'reserves'], queryFn: () => api.get<ReserveView[]>('/loans/reserves') });
export const useReserve = (regionCode: string | undefined) => useQuery({ queryKey: ['loans', 'reserve', regionCode], enabled: !!regionCode, queryFn: () => api.get<ReserveView>(`/loans/reserve/${enc(regionCode ?? '')}`) });
export const setSubsidyRule = (body: SubsidyRuleBody) => api.put<SubsidyRuleBody>('/loans/subsidy-rules', body);
export const fundReserve = (regionCode: string, amountFen: number) => api.post<ReserveView>('/loans/reserve', { regionCode, amountFen });
