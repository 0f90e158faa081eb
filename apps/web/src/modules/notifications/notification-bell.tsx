/** The bell in the header: unread notifications, linking to the inbox. */
import { BellOutlined } from '@ant-design/icons';
import { Badge } from 'antd';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { defineMessages, useMessages } from '../../app/i18n';
import { useUnreadCount } from './notifications.api';

const m = defineMessages({ zh: { label: (n: number) => `通知，${n} 条未读` }, en: { label: (n: number) => `Notifications, ${n} unread` } });

export function NotificationBell() {
  const t = useMessages(m);
  const me = useMe();
  const unread = useUnreadCount(!!me.data);
  if (!me.data) return null;
  const n = unread.data?.unread ?? 0;
  return (
    <Link to="/notifications" aria-label={t.label(n)} data-testid="notification-bell" className="sb-bell">
      <Badge count={n} size="small"><BellOutlined style={{ fontSize: 18 }} aria-hidden /></Badge>
    </Link>
  );
}
