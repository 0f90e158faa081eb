import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddMemberBody,
  AdminUser,
  AuditEntry,
  AuditList,
  AuditVerification,
  CreateOrganisationBody,
  CreateUserBody,
  Organisation,
  OrganisationKind,
  List,
  UpdateOrganisationBody,
} from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type {
  AddMemberBody,
  AdminUser,
  AuditEntry,
  AuditVerification,
  CreateOrganisationBody,
  CreateUserBody,
  Organisation,
  OrganisationKind,
  UpdateOrganisationBody,
};

const ORGS = ['admin', 'organisations'] as const;
const USERS = ['admin', 'users'] as const;

/** Organisations, the first 500 (the tree of the page); `q` and `kind` search on the server. */
export function useOrganisations(f: { q?: string | undefined; kind?: string | undefined } = {}) {
  return useQuery({ queryKey: [...ORGS, f], queryFn: () => api.get<List<Organisation>>(`/admin/organisations${query({ limit: 500, q: f.q, kind: f.kind })}`), placeholderData: keepPreviousData });
}

export interface UserQuery {
  q?: string;
  organisationId?: string;
  limit?: number;
  offset?: number;
}

/** Users, newest first; the server searches and pages (a city has thousands of accounts). */
export function useUsers(filter: UserQuery, enabled = true) {
  return useQuery({
    queryKey: [...USERS, filter],
    queryFn: () => api.get<List<AdminUser>>(`/admin/users${query({ ...filter })}`),
    // While the next page or search loads, the last one stays (no flash of an empty table); an
    // organisation's member list never shows another organisation's members meanwhile.
    placeholderData: filter.organisationId ? undefined : (previous: List<AdminUser> | undefined) => previous,
    enabled,
  });
}

/** Every admin change can alter organisations, users and memberships: refresh them all. */
function useAdminMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin'] });
    },
  });
}

export const useCreateOrganisation = () => useAdminMutation((body: CreateOrganisationBody) => api.post<Organisation>('/admin/organisations', body));

export const useUpdateOrganisation = () =>
  useAdminMutation(({ id, body }: { id: string; body: UpdateOrganisationBody }) => api.patch<Organisation>(`/admin/organisations/${id}`, body));

export const useCreateUser = () => useAdminMutation((body: CreateUserBody) => api.post<AdminUser>('/admin/users', body));

export const useAddMember = () =>
  useAdminMutation(({ organisationId, body }: { organisationId: string; body: AddMemberBody }) =>
    api.post<unknown>(`/admin/organisations/${organisationId}/members`, body),
  );

export const useRemoveMember = () =>
  useAdminMutation(({ organisationId, userId }: { organisationId: string; userId: string }) =>
    api.delete<unknown>(`/admin/organisations/${organisationId}/members/${userId}`),
  );

const AUDIT_PAGE = 50;

/** What the audit log is narrowed to: who (part of a name), kind of action, object, days. */
export interface AuditFilter {
  who?: string | undefined;
  kind?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useAuditLog(filter: AuditFilter = {}) {
  return useInfiniteQuery({
    queryKey: ['admin', 'audit', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api.get<AuditList>(`/admin/audit${query({ ...filter, limit: AUDIT_PAGE, before: pageParam })}`),
    getNextPageParam: (last) => {
      if (last.items.length < AUDIT_PAGE) return undefined;
      const oldest = last.items[last.items.length - 1];
      return oldest ? oldest.id : undefined;
    },
  });
}

/** The filtered log as .xlsx. */
export const auditExportHref = (filter: AuditFilter): string => `/api/v1/admin/audit.xlsx${query({ ...filter })}`;

export const verifyAuditChain = () => api.get<AuditVerification>('/admin/audit/verify');
