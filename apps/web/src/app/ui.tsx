/** Small building blocks every page uses: loading, error and empty states, page headings. */
import { Alert, Button, Empty, Flex, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { defineMessages, useLang, useMessages } from './i18n';
import { problemMessage, type MappedProblem } from './problem';

const m = defineMessages({
  zh: { loading: '正在加载…', retry: '重试', errorTitle: '出错了', fieldPrefix: '字段' },
  en: { loading: 'Loading…', retry: 'Try again', errorTitle: 'Something went wrong', fieldPrefix: 'Field' },
});

export function PageLoading({ label }: { label?: string }) {
  const t = useMessages(m);
  return (
    <Flex justify="center" align="center" style={{ minHeight: 200 }} role="status" aria-live="polite">
      <Spin description={label ?? t.loading} />
    </Flex>
  );
}

/** A failed load, with the server's message in the current language and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return (
    <Alert
      type="error"
      showIcon
      title={t.errorTitle}
      description={problemMessage(error, lang)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.retry}
          </Button>
        ) : undefined
      }
    />
  );
}

/** The general error of a form submission, with the field errors no field took. */
export function ProblemAlert({ problem }: { problem: MappedProblem | null }) {
  const t = useMessages(m);
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={problem.message}
      description={
        problem.unplaced.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {problem.unplaced.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {t.fieldPrefix} <code>{e.field}</code>: {e.message}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <Empty description={description} style={{ padding: '32px 0' }}>
      {children}
    </Empty>
  );
}

export function PageHeading({ title, extra, subtitle }: { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode }) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{subtitle}</Typography.Paragraph> : null}
      </div>
      {extra}
    </Flex>
  );
}
