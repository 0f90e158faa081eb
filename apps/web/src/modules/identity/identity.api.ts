import type { LoginResult, RegisterBody, UserSummary } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { LoginResult, RegisterBody, UserSummary };

export const login = (username: string, password: string) => api.post<LoginResult>('/auth/login', { username, password });

export const submitMfaCode = (ticket: string, code: string) =>
  api.post<{ status: 'ok'; user: UserSummary }>('/auth/mfa', { ticket, code });

export const register = (body: RegisterBody) => api.post<{ status: 'ok'; user: UserSummary }>('/auth/register', body);

/** Where to go after signing in: back where the person came from, if that is one of our pages. */
export function safeReturnPath(from: string | null): string | null {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login') || from.startsWith('/register')) return null;
  return from;
}
