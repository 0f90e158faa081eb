/** Administration: tabs for organisations, users and the audit log, each its own route. */
import { Result, Tabs } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { RequireAuth } from '../../app/auth';
import { defineMessages, useMessages, usePageTitle } from '../../app/i18n';
import { PageHeading } from '../../app/ui';

const m = defineMessages({
  zh: {
    title: '系统管理',
    subtitle: '机构、用户与角色、审计日志',
    organisations: '机构',
    users: '用户',
    audit: '审计日志',
    forbidden: '只有平台管理员可以访问系统管理。',
  },
  en: {
    title: 'Administration',
    subtitle: 'Organisations, users and roles, audit log',
    organisations: 'Organisations',
    users: 'Users',
    audit: 'Audit log',
    forbidden: 'Only platform administrators may use administration.',
  },
});

const TABS = ['organisations', 'users', 'audit'] as const;

function AdminShell() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const location = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((k) => location.pathname.startsWith(`/admin/${k}`)) ?? 'organisations';
  return (
    <>
      <PageHeading title={t.title} subtitle={t.subtitle} />
      <Tabs
        activeKey={active}
        onChange={(k) => void navigate(`/admin/${k}`)}
        items={TABS.map((k) => ({ key: k, label: t[k] }))}
      />
      <Outlet />
    </>
  );
}

export function AdminLayout() {
  const t = useMessages(m);
  return (
    <RequireAuth admin forbidden={<Result status="403" title="403" subTitle={t.forbidden} />}>
      <AdminShell />
    </RequireAuth>
  );
}
