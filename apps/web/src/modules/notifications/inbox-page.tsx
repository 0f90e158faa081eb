/** The inbox: notifications newest first, mark read, and what I want to be told about. */
import { Button, Card, List, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../app/api-client';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import type { MarkReadBody, NotificationInbox, NotificationPreferences, NotificationPreferencesBody } from './notifications.api';

const m = defineMessages({
  zh: { title: '站内通知', readAll: '全部标为已读', prefs: '通知设置', none: '暂无通知', unread: '未读', open: '查看' },
  en: { title: 'Notifications', readAll: 'Mark all read', prefs: 'What to tell me about', none: 'No notifications', unread: 'Unread', open: 'Open' },
});

export function InboxPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const qc = useQueryClient();
  usePageTitle(t.title);
  const inbox = useQuery({ queryKey: ['notifications', 'inbox'], queryFn: () => api.get<NotificationInbox>('/notifications?limit=50') });
  const prefs = useQuery({ queryKey: ['notifications', 'prefs'], queryFn: () => api.get<NotificationPreferences>('/notifications/preferences') });
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({ mutationFn: (ids: MarkReadBody['ids']) => api.post('/notifications/read', { ids }), onSuccess: refresh });
  const setPref = useMutation({ mutationFn: (p: NotificationPreferencesBody['preferences']) => api.put('/notifications/preferences', { preferences: p }), onSuccess: refresh });
  if (inbox.isPending) return <PageLoading />;
  if (inbox.isError) return <LoadError error={inbox.error} />;
  return (
    <>
      <PageHeading title={t.title} extra={<Button onClick={() => read.mutate('all')} disabled={inbox.data.unread === 0}>{t.readAll}</Button>} />
      {inbox.data.items.length === 0 ? <EmptyState description={t.none} /> : (
        <List
          bordered
          dataSource={inbox.data.items}
          renderItem={(n) => (
            <List.Item data-testid="notification" actions={n.link ? [<Link key="o" to={n.link} onClick={() => !n.readAt && read.mutate([n.id])}>{t.open}</Link>] : []}>
              <List.Item.Meta title={<span>{n.readAt ? null : <span className="sb-unread-dot" aria-label={t.unread} />}{l(n.title)}</span>} description={<>{l(n.body)} · {showInstant(n.createdAt, lang)}</>} />
            </List.Item>
          )}
        />
      )}
      <Card title={t.prefs} style={{ marginTop: 16 }}>
        {prefs.data?.items.map((p) => (
          <div key={p.kind} style={{ marginBottom: 8 }}>
            <Switch id={`pref-${p.kind}`} checked={p.enabled} onChange={(v) => setPref.mutate({ [p.kind]: v })} />{' '}
            <label htmlFor={`pref-${p.kind}`}>{l(p.label)}</label>
            <Typography.Paragraph type="secondary" style={{ margin: '0 0 0 52px' }}>{l(p.description)}</Typography.Paragraph>
          </div>
        ))}
      </Card>
    </>
  );
}
