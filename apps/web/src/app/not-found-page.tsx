import { Result } from 'antd';
import { Link } from 'react-router';
import { defineMessages, useMessages, usePageTitle } from './i18n';

const m = defineMessages({
  zh: { title: '页面不存在', sub: '您访问的页面不存在或已移动。', home: '返回首页' },
  en: { title: 'Page not found', sub: 'The page you asked for does not exist or has moved.', home: 'Back to the home page' },
});

export function NotFoundPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 24, margin: 0 }}>{t.title}</h1>}
      subTitle={t.sub}
      extra={
        <Link to="/" className="sb-link-button sb-link-button-primary">
          {t.home}
        </Link>
      }
    />
  );
}
