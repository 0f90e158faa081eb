/**
 * A policy item's title in the reader's language, for tables that hold only the item's key
 * (budgets, budget changes). Shares the policy page's cached query, so a table of budgets asks
 * for each item once; while it loads, a placeholder stands in rather than the key.
 */
import { Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { PolicyDetail } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { useLocalise } from '../../app/i18n';

export function PolicyItemName({ id }: { id: string }) {
  const localise = useLocalise();
  const p = useQuery({ queryKey: ['policies', id, 'detail'], queryFn: () => api.get<PolicyDetail>(`/policies/${encodeURIComponent(id)}`), staleTime: 5 * 60_000 });
  if (p.isPending) return <Skeleton.Input active size="small" style={{ width: 160 }} />;
  if (p.isError) return <span>—</span>;
  return <Link to={`/policies/${encodeURIComponent(id)}`}>{localise(p.data.title)}</Link>;
}
