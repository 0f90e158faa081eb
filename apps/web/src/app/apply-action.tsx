/**
 * The way into applying, beside an item wherever it is listed (policy page, My matches, the
 * calculator): 申请 where the server says the item is applied for online; otherwise why not
 * (不在线受理, 已截止, 尚未开始) or that it needs no application (免申即享). Signed out, 申请 leads
 * to the login with the apply page as the way back. Officials, who do not apply, see the reason.
 */
import { Button, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { ApplicationChannel } from '@seedbed/contract';
import { useMe } from './auth';
import { isApplicant } from './landing';
import { defineMessages, useLocalise, useMessages } from './i18n';

const m = defineMessages({
  zh: { apply: '申请', signIn: '登录后申请', needsSignIn: '需先登录' },
  en: { apply: 'Apply', signIn: 'Sign in to apply', needsSignIn: 'Sign in first' },
});

/** The channel as the check's one-language texts give it too (`reason` with one key). */
export type ChannelLike = Omit<ApplicationChannel, 'reason'> & { reason: Partial<ApplicationChannel['reason']> };

export function ApplyAction({ itemId, channel, size = 'middle' }: { itemId: string; channel: ChannelLike | undefined; size?: 'small' | 'middle' | 'large' }) {
  const t = useMessages(m);
  const l = useLocalise();
  const me = useMe();
  if (!channel) return null;
  const applyPath = `/fulfilment/apply/${encodeURIComponent(itemId)}`;
  const reason = <Typography.Text type="secondary" data-testid={`apply-reason-${itemId}`}>{l(channel.reason)}</Typography.Text>;
  if (channel.status === 'online') {
    if (me.isPending) return null;
    if (!me.data)
      return (
        <Flex gap={8} wrap align="center" data-testid={`apply-${itemId}`}>
          <Link to={`/login?from=${encodeURIComponent(applyPath)}`}>
            <Button size={size} type="primary">{t.signIn}</Button>
          </Link>
          <Typography.Text type="secondary">{t.needsSignIn}</Typography.Text>
        </Flex>
      );
    if (!isApplicant(me.data)) return <span data-testid={`apply-${itemId}`}>{reason}</span>;
    return (
      <Flex gap={8} wrap align="center" data-testid={`apply-${itemId}`}>
        <Link to={applyPath} data-testid={`apply-link-${itemId}`}>
          <Button size={size} type="primary">{t.apply}</Button>
        </Link>
        {reason}
      </Flex>
    );
  }
  // The reason begins with what it is (免申即享 / 不在线受理 / 已截止 / 尚未开始) and says why.
  return (
    <span data-testid={`apply-${itemId}`} data-status={channel.status}>
      {reason}
    </span>
  );
}
