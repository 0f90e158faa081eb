/**
 * Verdicts as people read them: eligible items first with amount and computation, near misses
 * with the gap, failed criteria with the reason they cannot close, items that need more information with what is missing (never shown as "not
 * eligible"), and the ineligible ones folded away.
 */
import { Card, Collapse, Flex, List, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { defineMessages, useLocalise, useMessages } from '../../app/i18n';
import { yuan, type CheckResult, type ItemVerdict } from './finder.api';

const m = defineMessages({
  zh: {
    eligible: '符合条件',
    near_miss: '差一点',
    unknown: '需补充信息',
    ineligible: '不符合',
    total: '可享受的潜在金额（元）',
    lowerBound: '（部分项目金额待定，实际可能更多）',
    counts: (e: number, n: number, u: number) => `符合 ${e} 项 · 差一点 ${n} 项 · 需补充信息 ${u} 项`,
    amount: '金额',
    computation: '计算过程',
    noAmount: '本项不计金额',
    amountUnknown: '金额待定：还需要',
    criteria: '条件',
    needs: '还需要：',
    gap: '差距：',
    reason: '原因：',
    policy: '查看政策原文',
    automatic: '免申即享',
    conflicts: '不可同时享受：',
    anotherItem: '另一项政策',
    ineligibleList: (n: number) => `不符合的政策（${n} 项）`,
    none: '暂无',
  },
  en: {
    eligible: 'Eligible',
    near_miss: 'Near miss',
    unknown: 'Needs more information',
    ineligible: 'Not eligible',
    total: 'Total potential value (CNY)',
    lowerBound: ' (some amounts are not known yet: it may be more)',
    counts: (e: number, n: number, u: number) => `${e} eligible · ${n} near misses · ${u} need more information`,
    amount: 'Amount',
    computation: 'Computation',
    noAmount: 'No amount for this item',
    amountUnknown: 'Amount not known yet: still needs',
    criteria: 'Criteria',
    needs: 'Still needs: ',
    gap: 'Gap: ',
    reason: 'Why: ',
    policy: 'Read the policy',
    automatic: 'No application needed',
    conflicts: 'Cannot be combined with: ',
    anotherItem: 'another item',
    ineligibleList: (n: number) => `Not eligible (${n})`,
    none: 'None',
  },
});

const COLOURS = { eligible: 'green', near_miss: 'orange', unknown: 'blue', ineligible: 'default' } as const;
const ICON = { pass: '✓', fail: '✗', unknown: '?' } as const;

export function StatusTag({ status }: { status: ItemVerdict['status'] }) {
  const t = useMessages(m);
  return <Tag color={COLOURS[status]}>{t[status]}</Tag>;
}

/** Conflicting items are named by their titles from the same result, never by their ids. */
function VerdictCard({ item, titles }: { item: ItemVerdict; titles: ReadonlyMap<string, ItemVerdict['title']> }) {
  const t = useMessages(m);
  const l = useLocalise();
  return (
    <Card size="small" id={item.id} data-testid={`verdict-${item.id}`} className="sb-verdict" style={{ marginBottom: 12 }}
      title={<Flex gap={8} wrap align="center"><StatusTag status={item.status} />{item.mode === 'automatic' ? <Tag color="purple">{t.automatic}</Tag> : null}<span style={{ whiteSpace: 'normal' }}>{l(item.title)}</span></Flex>}
      extra={<Link to={`/policies/${item.id}`}>{t.policy}</Link>}
    >
      {item.amount ? (
        item.amount.status === 'known' ? (
          <div>
            <Typography.Text strong>{t.amount}: {yuan(item.amount.fen)} 元</Typography.Text>
            <ul className="sb-steps" aria-label={t.computation}>{item.amount.steps.map((s, i) => <li key={i}>{l(s)}</li>)}</ul>
          </div>
        ) : (
          <Typography.Paragraph>{t.amountUnknown} {item.amount.missing.join('、')}</Typography.Paragraph>
        )
      ) : null}
      {item.amount?.note ? <Typography.Paragraph type="secondary">{l(item.amount.note)}</Typography.Paragraph> : null}
      {item.gap ? <Typography.Paragraph><strong>{t.gap}</strong>{l(item.gap.text)}</Typography.Paragraph> : null}
      {item.missing.length > 0 ? <Typography.Paragraph><strong>{t.needs}</strong>{item.missing.map((x) => l(x.label)).join('；')}</Typography.Paragraph> : null}
      {item.conflicts.length > 0 ? <Typography.Paragraph type="warning">{t.conflicts}{item.conflicts.map((id) => { const title = titles.get(id); return title ? l(title) : t.anotherItem; }).join('、')}</Typography.Paragraph> : null}
      <Typography.Text type="secondary">{t.criteria}</Typography.Text>
      <ul className="sb-criteria">
        {item.criteria.map((c) => (
          <li key={c.id} data-status={c.status}><span aria-hidden>{ICON[c.status]}</span> {l(c.sentence)}{c.status === 'fail' && c.reason ? <Typography.Text type="secondary" className="sb-reason"> {t.reason}{l(c.reason)}</Typography.Text> : null}</li>
        ))}
      </ul>
    </Card>
  );
}

export function VerdictList({ result }: { result: CheckResult }) {
  const t = useMessages(m);
  const groups = (s: ItemVerdict['status']) => result.items.filter((i) => i.status === s);
  const titles = new Map(result.items.map((i) => [i.id, i.title] as const));
  const ineligible = groups('ineligible');
  return (
    <div>
      <Card style={{ marginBottom: 16 }}>
        <Space direction="vertical">
          <Statistic title={t.total} value={yuan(result.summary.totalFen)} data-testid="total-value" />
          <Typography.Text>{t.counts(result.summary.eligible, result.summary.nearMiss, result.summary.unknown)}{result.summary.totalIsLowerBound ? t.lowerBound : ''}</Typography.Text>
        </Space>
      </Card>
      {(['eligible', 'near_miss', 'unknown'] as const).map((s) => (
        <section key={s} aria-labelledby={`sec-${s}`}>
          <Typography.Title level={2} id={`sec-${s}`} style={{ fontSize: 18 }}>{t[s]}（{groups(s).length}）</Typography.Title>
          {groups(s).length === 0 ? <Typography.Paragraph type="secondary">{t.none}</Typography.Paragraph> : groups(s).map((i) => <VerdictCard key={i.id} item={i} titles={titles} />)}
        </section>
      ))}
      {ineligible.length > 0 ? (
        <Collapse items={[{ key: 'x', label: t.ineligibleList(ineligible.length), children: <List dataSource={ineligible} renderItem={(i) => <VerdictCard item={i} titles={titles} />} /> }]} />
      ) : null}
    </div>
  );
}
