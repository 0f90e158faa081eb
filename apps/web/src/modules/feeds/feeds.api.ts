/** Interconnection's API: upstream policy feeds this platform subscribes to, webhook subscriptions and their deliveries, the library's upstream items. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeedPullResult, FeedSubscription, FeedSubscriptionBody, FeedSubscriptionPatch, UpstreamPolicyList, WebhookDelivery, WebhookDeliveryList, WebhookSubscription } from '@seedbed/contract';
import { api, query } from '../../app/api-client';

export type { FeedSubscription, UpstreamPolicyList, WebhookDelivery, WebhookSubscription };

export const useFeedSubscriptions = () =>
  useQuery({ queryKey: ['interconnect', 'feeds'], queryFn: () => api.get<{ items: FeedSubscription[] }>('/interconnect/feed-subscriptions') });

export const useWebhookSubscriptions = () =>
  useQuery({ queryKey: ['interconnect', 'webhooks'], queryFn: () => api.get<{ items: WebhookSubscription[] }>('/interconnect/webhooks') });

export const useWebhookDeliveries = (id: string | null) =>
  useQuery({ queryKey: ['interconnect', 'webhooks', id, 'deliveries'], enabled: id !== null, queryFn: () => api.get<WebhookDeliveryList>(`/interconnect/webhooks/${id}/deliveries`) });

export function usePullNow() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<FeedPullResult>(`/interconnect/feed-subscriptions/${id}/pull`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: ['interconnect', 'feeds'] }),
  });
}

export function usePatchFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FeedSubscriptionPatch }) => api.patch<FeedSubscription>(`/interconnect/feed-subscriptions/${id}`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: ['interconnect', 'feeds'] }),
  });
}

export function useReplayDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookDelivery>(`/interconnect/webhook-deliveries/${id}/replay`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: ['interconnect', 'webhooks'] }),
  });
}

export const useUpstreamPolicies = (q: { q?: string; entity?: string; benefit?: string; open?: string }) =>
  useQuery({ queryKey: ['upstream-policies', q], queryFn: () => api.get<UpstreamPolicyList>(`/upstream-policies${query(q)}`), staleTime: 60_000 });

export function useSubscribeFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedSubscriptionBody) => api.post<FeedSubscription>('/interconnect/feed-subscriptions', body),
    onSettled: () => qc.invalidateQueries({ queryKey: ['interconnect', 'feeds'] }),
  });
}
