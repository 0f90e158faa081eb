import type { LoginResult, RegisterBody, SignedIn, UserSummary } from '@seedbed/contract';
import { api } from '../../app/api-client';

export type { LoginResult, RegisterBody, SignedIn, UserSummary };

export const login = (username: string, password: string) => api.post<LoginResult>('/auth/login', { username, password });

export const submitMfaCode = (ticket: string, code: string) =>
  api.post<SignedIn>('/auth/mfa', { ticket, code });

export const register = (body: RegisterBody) => api.post<SignedIn>('/auth/register', body);

/** Where to go after signing in: back where the person came from, if that is one of our pages. */
export function safeReturnPath(from: string | null): string | null {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login') || from.startsWith('/register')) return null;
  return from;
}
