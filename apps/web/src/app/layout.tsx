/**
 * The page shell: skip link, header (brand, navigation, language switch, user menu), main
 * landmark and footer. Navigation shows only what exists and what the person may use.
 */
import { DownOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Flex, Layout, Typography } from 'antd';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { hasPermission, useLogout, useMe } from './auth';
import { defineMessages, useLang, useMessages } from './i18n';
import { problemMessage } from './problem';
import { NotificationBell } from '../modules/notifications';

const m = defineMessages({
  zh: {
    brand: 'Seedbed 双创服务平台',
    skip: '跳到主要内容',
    nav: '主导航',
    home: '首页',
    policies: '政策库',
    calculator: '政策计算器',
    matches: '我的政策',
    publicity: '公示',
    applications: '我的申请',
    inbox: '兑现待办',
    finance: '预算拨付',
    calendar: '工作日历',
    profile: '我的档案',
    admin: '系统管理',
    login: '登录',
    register: '注册',
    logout: '退出登录',
    loggedOut: '已退出登录',
    switchLang: 'Switch to English',
    otherLang: 'English',
    userMenu: '用户菜单',
    footer: 'Seedbed — 开源的大众创业、万众创新服务平台',
  },
  en: {
    brand: 'Seedbed Innovation Platform',
    skip: 'Skip to main content',
    nav: 'Main navigation',
    home: 'Home',
    policies: 'Policies',
    calculator: 'Calculator',
    matches: 'My matches',
    publicity: 'Publicity',
    applications: 'My applications',
    inbox: 'Fulfilment inbox',
    finance: 'Budgets & payments',
    calendar: 'Working calendar',
    profile: 'My profile',
    admin: 'Administration',
    login: 'Log in',
    register: 'Register',
    logout: 'Log out',
    loggedOut: 'You have logged out',
    switchLang: '切换到中文',
    otherLang: '中文',
    userMenu: 'User menu',
    footer: 'Seedbed — open-source platform for entrepreneurship and innovation',
  },
});

function LanguageSwitch() {
  const { lang, setLang } = useLang();
  const t = useMessages(m);
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label={t.switchLang}
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
      data-testid="lang-switch"
    >
      {t.otherLang}
    </Button>
  );
}

function UserMenu() {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();

  if (me.isPending) return null;
  if (!me.data) {
    return (
      <Flex gap={8}>
        <Link to="/login" className="sb-link-button">
          {t.login}
        </Link>
        <Link to="/register" className="sb-link-button sb-link-button-primary">
          {t.register}
        </Link>
      </Flex>
    );
  }

  const onLogout = async () => {
    try {
      await logout();
      void message.success(t.loggedOut);
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
    void navigate('/');
  };

  return (
    <Dropdown
      trigger={['click']}
      // Move the focus into the menu when it opens, so arrow keys and Enter work from the keyboard.
      autoFocus
      menu={{
        items: [
          { key: 'profile', icon: <UserOutlined />, label: t.profile, onClick: () => void navigate('/profile') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t.logout, onClick: () => void onLogout() },
        ],
      }}
    >
      <Button type="text" aria-label={`${t.userMenu}: ${me.data.user.displayName}`} data-testid="user-menu">
        <UserOutlined aria-hidden /> <span className="sb-user-name">{me.data.user.displayName}</span> <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const t = useMessages(m);
  const me = useMe();
  const isOfficial = ['fulfilment.review', 'fulfilment.pay', 'fulfilment.supervise'].some((p) => hasPermission(me.data, p));
  // Platform administration is neither an applicant's nor an official's work: it has its own pages only.
  const isAdministrator = !!me.data?.user.isPlatformAdmin;
  const navItems = [
    { to: '/', label: t.home, end: true, show: true },
    { to: '/policies', label: t.policies, end: false, show: true },
    { to: '/calculator', label: t.calculator, end: false, show: true },
    { to: '/finder/matches', label: t.matches, end: false, show: !!me.data },
    { to: '/fulfilment/mine', label: t.applications, end: false, show: !!me.data && !isOfficial && !isAdministrator },
    { to: '/fulfilment/inbox', label: t.inbox, end: false, show: hasPermission(me.data, 'fulfilment.review') || hasPermission(me.data, 'fulfilment.supervise') },
    { to: '/fulfilment/finance', label: t.finance, end: false, show: hasPermission(me.data, 'fulfilment.pay') },
    { to: '/calendar', label: t.calendar, end: false, show: hasPermission(me.data, 'calendar.manage') },
    { to: '/publicity', label: t.publicity, end: false, show: true },
    { to: '/profile', label: t.profile, end: false, show: !!me.data },
    { to: '/admin', label: t.admin, end: false, show: !!me.data?.user.isPlatformAdmin },
  ].filter((i) => i.show);

  return (
    <Layout className="sb-layout">
      <a className="sb-skip-link" href="#main">
        {t.skip}
      </a>
      <Layout.Header className="sb-header" role="banner">
        <Flex align="center" justify="space-between" gap={16} wrap className="sb-header-inner">
          <Flex align="center" gap={24} wrap>
            <Link to="/" className="sb-brand">
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <span>{t.brand}</span>
            </Link>
            <nav aria-label={t.nav}>
              <ul className="sb-nav">
                {navItems.map((i) => (
                  <li key={i.to}>
                    <NavLink to={i.to} end={i.end}>
                      {i.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </Flex>
          <Flex align="center" gap={8}>
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="sb-main" role="main">
        <div className="sb-container">
          <Outlet />
        </div>
      </Layout.Content>
      <Layout.Footer className="sb-footer" role="contentinfo">
        <Typography.Text type="secondary">{t.footer}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
