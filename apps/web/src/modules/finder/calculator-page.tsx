/**
 * 政策计算器 (no account needed): asks only what the catalogue needs, the most useful question
 * first; every answer goes into the URL, so the page can be shared as a link and printed.
 */
import { App as AntApp, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { defineMessages, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';
import { problemMessage } from '../../app/problem';
import { useLang } from '../../app/i18n';
import { RegionCascader } from '../regions';
import { useCheck, useVariables, type Question, type Variable } from './finder.api';
import { VerdictList } from './verdict-list';

const m = defineMessages({
  zh: {
    title: '政策计算器',
    subtitle: '无需注册。只回答政策需要的问题，随时查看可享受的政策、原因和金额。',
    who: '您是？',
    enterprise: '企业',
    person: '个人（创业者）',
    carrier: '众创空间、孵化器等载体',
    next: '下一个问题',
    answer: '确定',
    skip: '跳过',
    unknownAnswer: '不清楚',
    yes: '是',
    no: '否',
    answered: '已回答',
    remove: '删除',
    share: '复制分享链接',
    copied: '链接已复制',
    print: '打印',
    restart: '重新开始',
    allAnswered: '政策需要的问题都已回答。',
    region: '所在地区',
    date: '评估日期',
    yuanUnit: '元',
  },
  en: {
    title: 'Policy calculator',
    subtitle: 'No account needed. Answer only what the policies need and see, at any time, what you qualify for, why, and how much.',
    who: 'Who are you?',
    enterprise: 'An enterprise',
    person: 'A person (founder)',
    carrier: 'A maker space, incubator or other carrier',
    next: 'Next question',
    answer: 'OK',
    skip: 'Skip',
    unknownAnswer: 'Not sure',
    yes: 'Yes',
    no: 'No',
    answered: 'Your answers',
    remove: 'Remove',
    share: 'Copy link to share',
    copied: 'Link copied',
    print: 'Print',
    restart: 'Start again',
    allAnswered: 'Every question the policies need has been answered.',
    region: 'Region',
    date: 'Evaluation date',
    yuanUnit: 'CNY',
  },
});

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

function QuestionForm({ question, onAnswer, onSkip }: { question: Question; onAnswer: (value: unknown) => void; onSkip: () => void }) {
  const t = useMessages(m);
  const l = useLocalise();
  const [value, setValue] = useState<unknown>(undefined);
  const id = `q-${question.variable}`;
  let input;
  switch (question.type) {
    case 'boolean':
      input = (
        <Radio.Group id={id} aria-labelledby={`${id}-label`} value={value} onChange={(e) => setValue(e.target.value)}>
          <Radio.Button value={true}>{t.yes}</Radio.Button>
          <Radio.Button value={false}>{t.no}</Radio.Button>
        </Radio.Group>
      );
      break;
    case 'integer':
    case 'number':
      input = <InputNumber id={id} style={{ width: 200 }} value={value as number | undefined} onChange={(v) => setValue(v ?? undefined)} addonAfter={question.unit ?? undefined} />;
      break;
    case 'money':
      input = <InputNumber id={id} style={{ width: 240 }} min={0} value={value === undefined ? undefined : (value as number) / 100} onChange={(v) => setValue(v === null || v === undefined ? undefined : Math.round(Number(v) * 100))} addonAfter={t.yuanUnit} />;
      break;
    case 'date':
      input = <DatePicker id={id} value={value ? dayjs(value as string) : null} onChange={(d) => setValue(d ? d.format('YYYY-MM-DD') : undefined)} />;
      break;
    case 'enum':
      input = <Select id={id} style={{ minWidth: 220 }} value={value as string | undefined} onChange={setValue} options={(question.values ?? []).map((o) => ({ value: o.value, label: l(o.label) }))} />;
      break;
    case 'region':
      input = <RegionCascader id={id} value={(value as string) ?? null} onChange={(c) => setValue(c ?? undefined)} />;
      break;
    default:
      input = <Input id={id} style={{ maxWidth: 320 }} value={(value as string) ?? ''} onChange={(e) => setValue(e.target.value || undefined)} />;
  }
  return (
    <Card className="sb-no-print" style={{ marginBottom: 16 }} data-testid="question">
      <Form layout="vertical" onFinish={() => value !== undefined && onAnswer(value)}>
        <Form.Item label={<span id={`${id}-label`}>{l(question.question)}</span>} htmlFor={id} extra={l(question.label)}>
          {input}
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" disabled={value === undefined}>{t.answer}</Button>
          <Button onClick={onSkip}>{t.skip}</Button>
        </Space>
      </Form>
    </Card>
  );
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
  const entity = params.get('entity') ?? undefined;
  const skipped = useMemo(() => new Set((params.get('skip') ?? '').split(',').filter(Boolean)), [params]);
  const facts = useMemo(() => factsFromParams(params, byName), [params, byName]);
  const request = entity && variables.data ? { profile: facts, entity, lang, ...(params.get('date') ? { date: params.get('date')! } : {}) } : null;
  const check = useCheck(request);

  const update = (fn: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    fn(next);
    setParams(next, { replace: false });
  };
  if (variables.isPending) return <PageLoading />;
  if (variables.isError) return <LoadError error={variables.error} onRetry={() => void variables.refetch()} />;

  const question = check.data?.questions.find((q) => !skipped.has(q.variable));
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
          {Object.keys(facts).length > 0 ? (
            <Card size="small" title={t.answered} style={{ marginBottom: 16 }}>
              <Flex wrap gap={8}>
                {Object.entries(facts).map(([k, v]) => (
                  <Tag key={k} closable onClose={() => update((p) => p.delete(`f.${k}`))} closeIcon={<span aria-label={`${t.remove} ${l(byName.get(k)?.label)}`}>×</span>}>
                    {l(byName.get(k)?.label)}: {typeof v === 'boolean' ? (v ? t.yes : t.no) : byName.get(k)?.type === 'money' ? `${(Number(v) / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ${t.yuanUnit}` : String(v)}
                  </Tag>
                ))}
              </Flex>
            </Card>
          ) : null}
          {check.isError ? <LoadError error={check.error} /> : null}
          {question ? (
            <QuestionForm
              key={question.variable}
              question={question}
              onAnswer={(value) => update((p) => p.set(`f.${question.variable}`, Array.isArray(value) ? value.join(',') : String(value)))}
              onSkip={() => update((p) => p.set('skip', [...skipped, question.variable].join(',')))}
            />
          ) : check.data ? (
            <Typography.Paragraph>{t.allAnswered}</Typography.Paragraph>
          ) : null}
          {check.data ? <VerdictList result={check.data} /> : <PageLoading />}
        </>
      )}
      {check.isError ? <Typography.Text type="danger">{problemMessage(check.error, lang)}</Typography.Text> : null}
    </div>
  );
}
