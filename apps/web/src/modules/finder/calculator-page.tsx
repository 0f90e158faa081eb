/**
 * 政策计算器 (no account needed): asks only what the catalogue needs — where first, then the most
 * useful question — with a progress indicator and a skip that leaves the answer unknown; every
 * answer goes into the URL, so the page can be shared as a link and printed. It evaluates on
 * today's date; officers may evaluate "as of" another date.
 */
import { App as AntApp, Button, Card, Flex, Progress, Radio, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { defineMessages, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';
import { problemMessage } from '../../app/problem';
import { useLang } from '../../app/i18n';
import { hasPermission, useMe } from '../../app/auth';
import { useCheck, useVariables, type Variable } from './finder.api';

// Loaded on demand: the first screen asks only who the visitor is (three radio buttons). The
// question's input controls (DatePicker, Cascader, Select, InputNumber, Form) come once that is
// answered or the link says it, the verdicts (List, Collapse, Statistic) with the first result.
const QuestionForm = lazy(async () => ({ default: (await import('./calculator-controls')).QuestionForm }));
const AsOfDate = lazy(async () => ({ default: (await import('./calculator-controls')).AsOfDate }));
const VerdictList = lazy(async () => ({ default: (await import('./verdict-list')).VerdictList }));

const m = defineMessages({
  zh: {
    title: '政策计算器',
    subtitle: '无需注册。只回答政策需要的问题，随时查看可享受的政策、原因和金额。',
    who: '您是？',
    enterprise: '企业',
    person: '个人（创业者）',
    carrier: '众创空间、孵化器等载体',
    next: '下一个问题',
    unknownAnswer: '不清楚',
    answered: '已回答',
    remove: '删除',
    share: '复制分享链接',
    copied: '链接已复制',
    print: '打印',
    restart: '重新开始',
    allAnswered: '政策需要的问题都已回答。',
    region: '所在地区',
    date: '评估日期',
    progress: (a: number, s: number, r: number) => `已回答 ${a} 题${s > 0 ? ` · 跳过 ${s} 题` : ''} · 预计还有 ${r} 题`,
    skippedTag: '已跳过',
    unskip: '重新回答',
    evaluatedOn: (d: string) => `按 ${d} 的政策评估`,
  },
  en: {
    title: 'Policy calculator',
    subtitle: 'No account needed. Answer only what the policies need and see, at any time, what you qualify for, why, and how much.',
    who: 'Who are you?',
    enterprise: 'An enterprise',
    person: 'A person (founder)',
    carrier: 'A maker space, incubator or other carrier',
    next: 'Next question',
    unknownAnswer: 'Not sure',
    answered: 'Your answers',
    remove: 'Remove',
    share: 'Copy link to share',
    copied: 'Link copied',
    print: 'Print',
    restart: 'Start again',
    allAnswered: 'Every question the policies need has been answered.',
    region: 'Region',
    date: 'Evaluation date',
    progress: (a: number, s: number, r: number) => `${a} answered${s > 0 ? ` · ${s} skipped` : ''} · about ${r} to go`,
    skippedTag: 'Skipped',
    unskip: 'Answer again',
    evaluatedOn: (d: string) => `Policies as in force on ${d}`,
  },
});

/** A calendar date as people write it: 2027年1月1日 / 1 Jan 2027. */
export function formatDay(day: string, lang: string): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return lang === 'zh' ? `${y}年${mo}月${d}日` : `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][mo - 1]} ${y}`;
}

/** Facts from the URL (`f.<variable>=value`), typed by the variable. */
export function factsFromParams(params: URLSearchParams, variables: Map<string, Variable>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [key, raw] of params) {
    if (!key.startsWith('f.')) continue;
    const name = key.slice(2);
    const v = variables.get(name);
    if (!v) continue;
    if (v.type === 'boolean') facts[name] = raw === 'true';
    else if (v.type === 'integer' || v.type === 'money' || v.type === 'number') facts[name] = Number(raw);
    else if (v.type === 'string_list') facts[name] = raw.split(',').filter(Boolean);
    else facts[name] = raw;
  }
  return facts;
}

export function CalculatorPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const variables = useVariables();
  const byName = useMemo(() => new Map((variables.data?.items ?? []).map((v) => [v.name, v])), [variables.data]);
  const me = useMe();
  // Officers (who draft and simulate policies) may evaluate as of another date; everyone else on today.
  const officer = hasPermission(me.data, 'policies.manage');
  const entity = params.get('entity') ?? undefined;
  const skipped = useMemo(() => new Set((params.get('skip') ?? '').split(',').filter(Boolean)), [params]);
  const facts = useMemo(() => factsFromParams(params, byName), [params, byName]);
  const asOf = officer ? (params.get('date') ?? undefined) : undefined;
  const request = entity && variables.data ? { profile: facts, entity, lang, ...(skipped.size > 0 ? { skip: [...skipped] } : {}), ...(asOf ? { date: asOf } : {}) } : null;
  const check = useCheck(request);
  // Once the visitor has said who they are, fetch the controls and the verdicts' code while the
  // first result is being computed rather than after it.
  useEffect(() => {
    if (entity) Promise.all([import('./calculator-controls'), import('./verdict-list')]).catch(() => undefined); // the lazy components report a failed load
  }, [entity]);

  const update = (fn: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    fn(next);
    setParams(next, { replace: false });
  };
  if (variables.isPending) return <PageLoading />;
  if (variables.isError) return <LoadError error={variables.error} onRetry={() => void variables.refetch()} />;

  // The server leaves skipped variables out and asks the region first while it is unknown.
  const question = check.data?.questions.find((q) => !skipped.has(q.variable));
  const progress = check.data?.progress;
  const done = progress ? progress.answered + progress.skipped : 0;
  const share = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      void message.success(t.copied);
    } catch {
      void message.info(window.location.href);
    }
  };
  return (
    <div className="sb-calculator">
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Space className="sb-no-print" wrap>
            <Button onClick={() => void share()} data-testid="share">{t.share}</Button>
            <Button onClick={() => window.print()}>{t.print}</Button>
            <Button onClick={() => setParams(new URLSearchParams())}>{t.restart}</Button>
          </Space>
        }
      />
      {!entity ? (
        <Card data-testid="who">
          <Typography.Title level={2} style={{ fontSize: 18 }} id="who-label">{t.who}</Typography.Title>
          <Radio.Group aria-labelledby="who-label" onChange={(e) => update((p) => p.set('entity', e.target.value as string))}>
            <Space direction="vertical">
              <Radio value="enterprise">{t.enterprise}</Radio>
              <Radio value="person">{t.person}</Radio>
              <Radio value="carrier">{t.carrier}</Radio>
            </Space>
          </Radio.Group>
        </Card>
      ) : (
        <>
          {officer ? (
            <Suspense fallback={null}>
              <AsOfDate value={asOf} onChange={(day) => update((p) => (day ? p.set('date', day) : p.delete('date')))} />
            </Suspense>
          ) : null}
          {progress ? (
            <div className="sb-no-print" style={{ marginBottom: 16 }} data-testid="progress">
              <Typography.Text>{t.progress(progress.answered, progress.skipped, progress.remaining)}</Typography.Text>
              <Progress percent={done + progress.remaining === 0 ? 100 : Math.round((100 * done) / (done + progress.remaining))} showInfo={false} aria-label={t.progress(progress.answered, progress.skipped, progress.remaining)} />
            </div>
          ) : null}
          {(check.data?.answers.length ?? 0) > 0 || skipped.size > 0 ? (
            <Card size="small" title={t.answered} style={{ marginBottom: 16 }} data-testid="answers">
              <Flex wrap gap={8}>
                {(check.data?.answers ?? []).map((a) => (
                  <Tag key={a.variable} closable onClose={() => update((p) => p.delete(`f.${a.variable}`))} closeIcon={<span aria-label={`${t.remove} ${l(a.label)}`}>×</span>}>
                    {l(a.label)}: {l(a.text)}
                  </Tag>
                ))}
                {[...skipped].filter((k) => facts[k] === undefined && byName.has(k)).map((k) => (
                  <Tag key={`skip-${k}`} color="default" closable onClose={() => update((p) => p.set('skip', [...skipped].filter((x) => x !== k).join(',')))} closeIcon={<span aria-label={`${t.unskip} ${l(byName.get(k)?.label)}`}>↺</span>}>
                    {l(byName.get(k)?.label)}: {t.skippedTag}
                  </Tag>
                ))}
              </Flex>
            </Card>
          ) : null}
          {check.isError ? <LoadError error={check.error} /> : null}
          {question ? (
            <Suspense fallback={<PageLoading />}>
              <QuestionForm
                key={question.variable}
                question={question}
                onAnswer={(value) => update((p) => p.set(`f.${question.variable}`, Array.isArray(value) ? value.join(',') : String(value)))}
                onSkip={() => update((p) => p.set('skip', [...skipped, question.variable].join(',')))}
              />
            </Suspense>
          ) : check.data ? (
            <Typography.Paragraph>{t.allAnswered}</Typography.Paragraph>
          ) : null}
          {check.data ? (
            <>
              <Typography.Paragraph type="secondary" data-testid="evaluated-on">{t.evaluatedOn(formatDay(check.data.date, lang))}</Typography.Paragraph>
              <Suspense fallback={<PageLoading />}>
                <VerdictList result={check.data} />
              </Suspense>
            </>
          ) : (
            <PageLoading />
          )}
        </>
      )}
      {check.isError ? <Typography.Text type="danger">{problemMessage(check.error, lang)}</Typography.Text> : null}
    </div>
  );
}
