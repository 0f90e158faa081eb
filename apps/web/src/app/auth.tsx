/**
 * Who is signed in. The session lives in an httpOnly cookie; the app learns about it from
 * GET /auth/me (401 = nobody). Pages that need a session are wrapped in RequireAuth.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '@seedbed/contract';
import { useCallback } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { api, isApiError, resetCsrfToken } from './api-client';
import { LoadError, PageLoading } from './ui';

export type { Me };

export const ME_QUERY_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/auth/me');
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Call after login, registration or logout: new session, new CSRF token, fresh data. */
export function useSessionChanged(): (me?: Me | null) => Promise<Me | null> {
  const qc = useQueryClient();
  return useCallback(
    async (me?: Me | null) => {
      resetCsrfToken();
      if (me === null) {
        qc.clear();
        qc.setQueryData(ME_QUERY_KEY, null);
        return null;
      }
      await qc.invalidateQueries();
      await qc.refetchQueries({ queryKey: ME_QUERY_KEY });
      return qc.getQueryData<Me | null>(ME_QUERY_KEY) ?? null;
    },
    [qc],
  );
}

/**
 * Whether the session holds a permission, as the server granted it. Platform administration is
 * not a shortcut: an administrator holds the administration permissions and whatever their
 * government roles bring, like anyone else (the server refuses the rest).
 */
export function hasPermission(me: Me | null | undefined, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}

/** Renders children only with a session (and, optionally, as platform administrator). */
export function RequireAuth({ children, admin = false, forbidden }: { children: ReactNode; admin?: boolean; forbidden?: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?from=${encodeURIComponent(from)}`} replace />;
  }
  if (admin && !me.data.user.isPlatformAdmin) return <>{forbidden}</>;
  return <>{children}</>;
}

/** Ends the session on the server and forgets everything cached for it. */
export function useLogout(): () => Promise<void> {
  const sessionChanged = useSessionChanged();
  return useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      await sessionChanged(null);
    }
  }, [sessionChanged]);
}
