/** Everything the pages rely on: language, Ant Design locale and theme, data cache. */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { isApiError } from './api-client';
import { ME_QUERY_KEY } from './auth';
import { LangProvider, useLang } from './i18n';

function makeQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A 401 on any query means the session ended (expired, or logged out elsewhere): forget the
    // person, so that pages behind RequireAuth send them to the login page.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== ME_QUERY_KEY[0]) {
          client.setQueryData(ME_QUERY_KEY, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again; network trouble might.
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

// A darker primary than antd's default keeps link and button text above 4.5:1 on white.
const theme = {
  token: {
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // antd's default red (#ff4d4f) and placeholder grey fall below 4.5:1 on white.
    colorError: '#c62828',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Used for description labels and table headers' secondary text.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    // Verified facts are shown in disabled fields: their values must stay readable.
    colorTextDisabled: 'rgba(0, 0, 0, 0.55)',
    borderRadius: 6,
  },
};

function AntdConfig({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <LangProvider>
      <QueryClientProvider client={queryClient}>
        <AntdConfig>{children}</AntdConfig>
      </QueryClientProvider>
    </LangProvider>
  );
}
