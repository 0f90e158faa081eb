/**
 * The page shell: skip link, header (brand, navigation, language switch, user menu), main
 * landmark and footer. Navigation shows only what exists and what the person may use: each
 * module's entries from its manifest (modules/index.ts). Below 768 px the header keeps the
 * brand, the bell and a menu button; the navigation, language and account open in a drawer.
 */
import { DownOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Divider, Drawer, Dropdown, Flex, Layout, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useIsPhone } from './responsive';
import { useLogout, useMe } from './auth';
import { defineMessages, useLang, useMessages } from './i18n';
import { problemMessage } from './problem';
import { NotificationBell } from '../modules/notifications';
import { WEB_MODULES } from '../modules';
import { headerItems, navigationFor, type HeaderItem, type NavEntry } from './module';

const m = defineMessages({
  zh: {
    brand: 'Seedbed 双创服务平台',
    brandShort: 'Seedbed 双创',
    menu: '打开菜单',
    menuTitle: '菜单',
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
    brandShort: 'Seedbed',
    menu: 'Open the menu',
    menuTitle: 'Menu',
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

/** Signing out from either menu: tell the person, go home. */
function useSignOut(): () => Promise<void> {
  const t = useMessages(m);
  const { lang } = useLang();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  return async () => {
    try {
      await logout();
      void message.success(t.loggedOut);
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
    void navigate('/');
  };
}

function UserMenu() {
  const t = useMessages(m);
  const me = useMe();
  const navigate = useNavigate();
  const onLogout = useSignOut();

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

const isUnder = (pathname: string, e: NavEntry) => (e.end ? pathname === e.to : pathname === e.to || pathname.startsWith(`${e.to}/`));

/**
 * A group of the header (e.g. 我的): a button that opens its links below it, as a disclosure
 * (aria-expanded); Escape, a click elsewhere, moving the focus out or following a link closes
 * it. The button is marked current when the page is one of the group's.
 */
function NavGroup({ group }: { group: Extract<HeaderItem, { kind: 'group' }> }) {
  const { lang } = useLang();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const current = group.entries.some((e) => isUnder(pathname, e));
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div
      ref={root}
      className="sb-nav-group"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={current ? 'sb-nav-group-button active' : 'sb-nav-group-button'}
        aria-expanded={open}
        aria-controls={listId}
        aria-current={current ? 'page' : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {group.label[lang]} <DownOutlined aria-hidden className="sb-nav-group-caret" />
      </button>
      <ul id={listId} className="sb-nav-group-list" hidden={!open}>
        {group.entries.map((e) => (
          <li key={e.to}>
            <NavLink to={e.to} end={e.end ?? false} onClick={() => setOpen(false)}>
              {e.label[lang]}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The phone's menu: the navigation, then the language and the account, in a drawer. */
function PhoneMenu({ navItems }: { navItems: ReturnType<typeof navigationFor> }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  // A link followed closes the menu.
  const close = () => setOpen(false);
  const onLogout = async () => {
    setOpen(false);
    await signOut();
  };
  return (
    <>
      <Button type="text" icon={<MenuOutlined aria-hidden />} aria-label={t.menu} aria-expanded={open} onClick={() => setOpen(true)} data-testid="menu-button" />
      <Drawer open={open} onClose={() => setOpen(false)} placement="right" size="default" title={t.menuTitle} data-testid="menu-drawer">
        <nav aria-label={t.nav}>
          <ul className="sb-drawer-nav">
            {headerItems(navItems).map((item) =>
              item.kind === 'entry' ? (
                <li key={item.entry.to}>
                  <NavLink to={item.entry.to} end={item.entry.end ?? false} onClick={close}>
                    {item.entry.label[lang]}
                  </NavLink>
                </li>
              ) : (
                <li key={item.key}>
                  <span className="sb-drawer-group">{item.label[lang]}</span>
                  <ul>
                    {item.entries.map((e) => (
                      <li key={e.to}>
                        <NavLink to={e.to} end={e.end ?? false} onClick={close}>
                          {e.label[lang]}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </li>
              ),
            )}
          </ul>
        </nav>
        <Divider style={{ margin: '12px 0' }} />
        <Flex vertical gap={8} align="flex-start">
          <LanguageSwitch />
          {me.data ? (
            <>
              <Typography.Text type="secondary">{me.data.user.displayName}</Typography.Text>
              <Link to="/profile" className="sb-link-button" onClick={close}>
                <UserOutlined aria-hidden style={{ marginInlineEnd: 8 }} />
                {t.profile}
              </Link>
              <Button type="text" icon={<LogoutOutlined aria-hidden />} onClick={() => void onLogout()}>
                {t.logout}
              </Button>
            </>
          ) : me.isPending ? null : (
            <Flex gap={8}>
              <Link to="/login" className="sb-link-button" onClick={close}>
                {t.login}
              </Link>
              <Link to="/register" className="sb-link-button sb-link-button-primary" onClick={close}>
                {t.register}
              </Link>
            </Flex>
          )}
        </Flex>
      </Drawer>
    </>
  );
}

export function AppLayout() {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  const phone = useIsPhone();
  // Each module's entries (modules/index.ts), as this person may see them.
  const navItems = navigationFor(WEB_MODULES, me.data);

  return (
    <Layout className="sb-layout">
      <a className="sb-skip-link" href="#main">
        {t.skip}
      </a>
      <Layout.Header className="sb-header" role="banner">
        <Flex align="center" justify="space-between" gap={16} wrap={!phone} className="sb-header-inner">
          <Flex align="center" gap={24} wrap>
            <Link to="/" className="sb-brand">
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <span className="sb-brand-long">{t.brand}</span>
              <span className="sb-brand-short">{t.brandShort}</span>
            </Link>
            {phone ? null : (
              <nav aria-label={t.nav}>
                <ul className="sb-nav">
                  {headerItems(navItems).map((item) =>
                    item.kind === 'entry' ? (
                      <li key={item.entry.to}>
                        <NavLink to={item.entry.to} end={item.entry.end ?? false}>
                          {item.entry.label[lang]}
                        </NavLink>
                      </li>
                    ) : (
                      <li key={item.key}>
                        <NavGroup group={item} />
                      </li>
                    ),
                  )}
                </ul>
              </nav>
            )}
          </Flex>
          <Flex align="center" gap={8}>
            <NotificationBell />
            {phone ? (
              <PhoneMenu navItems={navItems} />
            ) : (
              <>
                <LanguageSwitch />
                <UserMenu />
              </>
            )}
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
