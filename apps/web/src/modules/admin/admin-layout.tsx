/**
 * Administration: tabs for organisations, users and the audit log, each its own route. Whoever
 * reads the audit log without administering accounts (the programme office: admin.audit) sees
 * the audit log alone.
 */
import { Result, Tabs } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { hasPermission, RequireAuth, useMe } from '../../app/auth';
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
    auditSubtitle: '平台上每一项操作的记录，不可篡改',
  },
  en: {
    title: 'Administration',
    subtitle: 'Organisations, users and roles, audit log',
    organisations: 'Organisations',
    users: 'Users',
    audit: 'Audit log',
    forbidden: 'Only platform administrators may use administration.',
    auditSubtitle: 'Every action on the platform, tamper-evident',
  },
});

const TABS = ['organisations', 'users', 'audit'] as const;

function AuditShell() {
  const t = useMessages(m);
  usePageTitle(t.audit);
  const location = useLocation();
  if (!location.pathname.startsWith('/admin/audit')) return <Navigate to="/admin/audit" replace />;
  return (
    <>
      <PageHeading title={t.audit} subtitle={t.auditSubtitle} />
      <Outlet />
    </>
  );
}

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
  const { data: me } = useMe();
  if (me && !me.user.isPlatformAdmin && hasPermission(me, 'admin.audit')) {
    return (
      <RequireAuth>
        <AuditShell />
      </RequireAuth>
    );
  }
  return (
    <RequireAuth admin forbidden={<Result status="403" title="403" subTitle={t.forbidden} />}>
      <AdminShell />
    </RequireAuth>
  );
}
