/** One policy: the source sentence, the criteria in plain language, the amount rule, the responsible department, how to apply, versions. */
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ContentSummary, PolicyDetail } from '@seedbed/contract';
import { api, query } from '../../app/api-client';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { showInstantDate } from '../../app/time';
import { ApplyAction } from '../../app/apply-action';
import { amountText } from '../../app/amount';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';

const m = defineMessages({
  zh: {
    source: '政策原文', criteria: '申请条件', amount: '金额规则', formula: '计算公式', caps: '上限', noAmount: '本项不计金额（见原文）',
    department: '责任部门', lead: '牵头单位', supporting: '配合单位', how: '如何申请', materials: '所需材料', document: '文件', effective: '有效期',
    apply: '申请', upTo: (a: string) => `最高 ${a}`, deadline: (d: string) => `${d} 截止`, noDeadline: '长期有效',
    versions: '版本历史', interpretations: '政策解读', calc: '用计算器测一测', manage: '管理版本（经办人员）', open: '有效', closed: '已失效', automatic: '免申即享', reading: '解读说明', until: '至', now: '长期',
  },
  en: {
    source: 'Source text', criteria: 'Criteria', amount: 'Amount rule', formula: 'Formula', caps: 'Caps', noAmount: 'No amount is computed for this item (see the text)',
    department: 'Responsible department', lead: 'Lead unit', supporting: 'Supporting units', how: 'How to apply', materials: 'Materials', document: 'Document', effective: 'In effect',
    apply: 'Apply', upTo: (a: string) => `Up to ${a}`, deadline: (d: string) => `closes ${d}`, noDeadline: 'open-ended',
    versions: 'Version history', interpretations: 'Interpretations', calc: 'Check with the calculator', manage: 'Manage versions (officers)', open: 'In effect', closed: 'Ended', automatic: 'No application needed', reading: 'Reading notes', until: 'to', now: 'open-ended',
  },
});

export function PolicyPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const { id = '' } = useParams();
  const p = useQuery({ queryKey: ['policies', id, 'detail'], queryFn: () => api.get<PolicyDetail>(`/policies/${id}`) });
  // The content module's interpretations of this item (through the API, not its pages).
  const interpretations = useQuery({ queryKey: ['content', 'public', { policyItem: id }], queryFn: () => api.get<ContentSummary[]>(`/public/content${query({ policyItem: id })}`) });
  usePageTitle(p.data ? l(p.data.title) : '');
  if (p.isPending) return <PageLoading />;
  if (p.isError) return <LoadError error={p.error} onRetry={() => void p.refetch()} />;
  const d = p.data;
  return (
    <>
      <PageHeading
        title={l(d.title)}
        subtitle={<Space wrap><Tag color={d.open ? 'green' : 'default'}>{d.open ? t.open : t.closed}</Tag>{d.mode === 'automatic' ? <Tag color="purple">{t.automatic}</Tag> : null}<Tag>{l(d.benefitLabel)}</Tag><Tag>{l(d.entityLabel)}</Tag><span>v{d.version}</span></Space>}
        extra={<Space wrap className="sb-no-print"><Link to={`/calculator?entity=${d.entity}`}><Button type="primary">{t.calc}</Button></Link>{d.canManage ? <Link to={`/policies/${d.id}/manage`}><Button data-testid="manage">{t.manage}</Button></Link> : null}</Space>}
      />
      <Card title={t.apply} style={{ marginBottom: 16 }} data-testid="apply-card">
        <Space direction="vertical" size={8}>
          <Space wrap size={16}>
            {d.maxAmountFen !== null ? <Typography.Text strong data-testid="policy-amount">{t.upTo(amountText(d.maxAmountFen, lang))}</Typography.Text> : null}
            <Typography.Text type="secondary">{d.effective.to ? t.deadline(d.effective.to) : t.noDeadline}</Typography.Text>
          </Space>
          <ApplyAction itemId={d.id} channel={d.application} size="large" />
        </Space>
      </Card>
      <Card title={t.source} style={{ marginBottom: 16 }}>
        <blockquote className="sb-quote" lang="zh-CN">{d.quote}</blockquote>
        <Typography.Text type="secondary">{l(d.document.title)}{d.document.number ? `（${d.document.number}）` : ''}{d.clause ? ` ${d.clause}` : ''}</Typography.Text>
      </Card>
      <Card title={t.criteria} style={{ marginBottom: 16 }}>
        <ul>{d.criteria.map((c) => <li key={c.id}>{l(c.label)}</li>)}</ul>
      </Card>
      <Card title={t.amount} style={{ marginBottom: 16 }}>
        {d.amountRule.formula ? <Typography.Paragraph><strong>{t.formula}: </strong>{l(d.amountRule.formula)}</Typography.Paragraph> : <Typography.Paragraph>{t.noAmount}</Typography.Paragraph>}
        {d.amountRule.caps.length ? <Typography.Paragraph><strong>{t.caps}: </strong>{d.amountRule.caps.map((c) => l(c)).join('；')}</Typography.Paragraph> : null}
        {d.amountRule.note ? <Typography.Paragraph type="secondary">{l(d.amountRule.note)}</Typography.Paragraph> : null}
      </Card>
      <Card title={t.how} style={{ marginBottom: 16 }}>
        <Typography.Paragraph>{l(d.howToApply)}</Typography.Paragraph>
        <Descriptions column={1} size="small" items={[
          { key: 'lead', label: t.lead, children: d.leadUnit ?? '—' },
          { key: 'sup', label: t.supporting, children: d.supportingUnits.join('、') || '—' },
          { key: 'mat', label: t.materials, children: d.requiresMaterials.map((x) => l(x.label)).join('、') || '—' },
          { key: 'eff', label: t.effective, children: `${d.effective.from} ${t.until} ${d.effective.to ?? t.now}` },
          { key: 'doc', label: t.document, children: `${l(d.document.issuer)} ${d.document.number ?? ''}` },
        ]} />
      </Card>
      {interpretations.data?.length ? (
        <Card title={t.interpretations} style={{ marginBottom: 16 }} data-testid="interpretations">
          <ul>{interpretations.data.map((c) => <li key={c.id}><Link to={`/news/${c.id}`}>{c.title}</Link>{c.summary ? <Typography.Text type="secondary">：{c.summary}</Typography.Text> : null}</li>)}</ul>
        </Card>
      ) : null}
      {d.reading.length ? <Card title={t.reading} style={{ marginBottom: 16 }}><ul>{d.reading.map((r, i) => <li key={i}>{l(r)}</li>)}</ul></Card> : null}
      <Card title={t.versions}>
        <ul>{d.versions.map((v) => <li key={v.version}>v{v.version} · {v.note} {v.publishedAt ? `· ${showInstantDate(v.publishedAt)}` : ''}</li>)}</ul>
      </Card>
    </>
  );
}
