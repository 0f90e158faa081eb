/**
 * The page shell: skip link, header (brand, navigation, language switch, user menu), main
 * landmark and footer. Navigation shows only what exists and what the person may use: each
 * module's entries from its manifest (modules/index.ts).
 */
import { DownOutlined, GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Flex, Layout, Typography } from 'antd';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useLogout, useMe } from './auth';
import { defineMessages, useLang, useMessages } from './i18n';
import { problemMessage } from './problem';
import { NotificationBell } from '../modules/notifications';
import { WEB_MODULES } from '../modules';
import { navigationFor } from './module';

const m = defineMessages({
  zh: {
    brand: 'Seedbed 双创服务平台',
    skip: '跳到主要内容',
    nav: '主导航',
    profile: '我的档案',
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
    profile: 'My profile',
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
  const { lang } = useLang();
  const me = useMe();
  // Each module's entries (modules/index.ts), as this person may see them.
  const navItems = navigationFor(WEB_MODULES, me.data);

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
                    <NavLink to={i.to} end={i.end ?? false}>
                      {i.label[lang]}
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
