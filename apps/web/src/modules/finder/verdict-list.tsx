/**
 * Verdicts as people read them: eligible items first with amount and computation, near misses
 * with the gap, failed criteria with the reason they cannot close (and, where one failed on a
 * verified fact, what the fact rests on: the credit record that gates), items that need more information
 * with what is missing (never shown as "not eligible"), the ineligible ones folded away; then the
 * items whose period has ended (each with the day it ended) and, behind a toggle, other places'
 * policies — listed, never evaluated.
 */
import { Button, Card, Collapse, Flex, List, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { defineMessages, useLang, useLocalise, useMessages } from '../../app/i18n';
import { yuan, type CheckResult, type ItemVerdict } from './finder.api';
import { ApplyAction, type ChannelLike } from '../../app/apply-action';

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
    endedList: (n: number) => `已结束的政策（${n} 项）`,
    endedOn: (d: string) => `已于 ${d} 结束`,
    beginsOn: (d: string) => `${d} 起施行`,
    otherPlaces: (n: number) => `其他城市的政策（${n} 项）`,
    otherPlacesHide: '收起其他城市的政策',
    otherPlacesNote: '以下政策适用于其他地区，不针对您所在地评估。',
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
    endedList: (n: number) => `Policies that have ended (${n})`,
    endedOn: (d: string) => `ended on ${d}`,
    beginsOn: (d: string) => `in force from ${d}`,
    otherPlaces: (n: number) => `Other cities' policies (${n})`,
    otherPlacesHide: "Hide other cities' policies",
    otherPlacesNote: 'These policies apply elsewhere; they are not evaluated for your place.',
  },
});

const COLOURS = { eligible: 'green', near_miss: 'orange', unknown: 'blue', ineligible: 'default' } as const;
const ICON = { pass: '✓', fail: '✗', unknown: '?' } as const;

export function StatusTag({ status }: { status: ItemVerdict['status'] }) {
  const t = useMessages(m);
  return <Tag color={COLOURS[status]}>{t[status]}</Tag>;
}

/** 2017-12-31 → 2017-12-31 (zh) / 31 Dec 2017 (en). */
function day(d: string, lang: string): string {
  if (lang === 'zh') return d;
  const [y, mo, dd] = d.split('-').map(Number) as [number, number, number];
  return `${dd} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][mo - 1]} ${y}`;
}

/** Conflicting items are named by their titles from the same result, never by their ids. */
function VerdictCard({ item, titles, channel }: { item: ItemVerdict; titles: ReadonlyMap<string, ItemVerdict['title']>; channel: ChannelLike | undefined }) {
  const t = useMessages(m);
  const l = useLocalise();
  // What the amount still needs, by label (never a variable name).
  const labels = new Map(item.missing.map((x) => [x.variable, x.label]));
  const amountNeeds = item.amount?.missing.map((name) => labels.get(name)).filter((x) => x !== undefined) ?? [];
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
          <Typography.Paragraph>{t.amountUnknown} {amountNeeds.map((x) => l(x)).join('、')}</Typography.Paragraph>
        )
      ) : null}
      {item.amount?.note ? <Typography.Paragraph type="secondary">{l(item.amount.note)}</Typography.Paragraph> : null}
      {item.gap ? <Typography.Paragraph className="sb-gap"><strong>{t.gap}</strong>{l(item.gap.text)}</Typography.Paragraph> : null}
      {item.missing.length > 0 ? <Typography.Paragraph><strong>{t.needs}</strong>{item.missing.map((x) => l(x.label)).join('；')}</Typography.Paragraph> : null}
      {item.conflicts.length > 0 ? <Typography.Paragraph type="warning">{t.conflicts}{item.conflicts.map((id) => { const title = titles.get(id); return title ? l(title) : t.anotherItem; }).join('、')}</Typography.Paragraph> : null}
      {/* The way into applying (or why not), as fulfilment says; not offered where the item is ruled out. */}
      {item.status !== 'ineligible' ? <div className="sb-no-print" style={{ margin: '4px 0 8px' }}><ApplyAction itemId={item.id} channel={channel} size="small" /></div> : null}
      <Typography.Text type="secondary">{t.criteria}</Typography.Text>
      <ul className="sb-criteria">
        {item.criteria.map((c) => (
          <li key={c.id} data-status={c.status}><span aria-hidden>{ICON[c.status]}</span> {l(c.sentence)}{c.status === 'fail' && c.reason ? <Typography.Text type="secondary" className="sb-reason"> {t.reason}{l(c.reason)}</Typography.Text> : null}{c.status === 'fail' && c.basis ? <Typography.Text type="secondary" className="sb-reason" data-testid="criterion-basis"> {l(c.basis)}</Typography.Text> : null}</li>
        ))}
      </ul>
    </Card>
  );
}

export function VerdictList({ result }: { result: CheckResult }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const [otherPlaces, setOtherPlaces] = useState(false);
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
          {groups(s).length === 0 ? <Typography.Paragraph type="secondary">{t.none}</Typography.Paragraph> : groups(s).map((i) => <VerdictCard key={i.id} item={i} titles={titles} channel={result.applications[i.id]} />)}
        </section>
      ))}
      {ineligible.length > 0 ? (
        <Collapse items={[{ key: 'x', label: t.ineligibleList(ineligible.length), children: <List dataSource={ineligible} renderItem={(i) => <VerdictCard item={i} titles={titles} channel={result.applications[i.id]} />} /> }]} />
      ) : null}
      {result.ended.count > 0 ? (
        <Collapse
          style={{ marginTop: 12 }}
          data-testid="ended"
          items={[
            {
              key: 'ended',
              label: t.endedList(result.ended.count),
              children: (
                <List
                  size="small"
                  dataSource={result.ended.items}
                  renderItem={(i) => (
                    <List.Item data-testid={`ended-${i.id}`}>
                      <Flex gap={8} wrap justify="space-between" style={{ width: '100%' }}>
                        <Link to={`/policies/${i.id}`}>{l(i.title)}</Link>
                        <Typography.Text type="secondary">{i.endedOn ? t.endedOn(day(i.endedOn, lang)) : i.beginsOn ? t.beginsOn(day(i.beginsOn, lang)) : null}</Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      ) : null}
      {result.outOfScope.count > 0 ? (
        <div className="sb-no-print" style={{ marginTop: 12 }}>
          <Button type="link" style={{ paddingInline: 0 }} aria-expanded={otherPlaces} onClick={() => setOtherPlaces((x) => !x)} data-testid="other-places">
            {otherPlaces ? t.otherPlacesHide : t.otherPlaces(result.outOfScope.count)}
          </Button>
          {otherPlaces ? (
            <Card size="small">
              <Typography.Paragraph type="secondary">{t.otherPlacesNote}</Typography.Paragraph>
              <List
                size="small"
                dataSource={result.outOfScope.items}
                renderItem={(i) => (
                  <List.Item>
                    <Flex gap={8} wrap justify="space-between" style={{ width: '100%' }}>
                      <Link to={`/policies/${i.id}`}>{l(i.title)}</Link>
                      <Tag>{i.regionName}</Tag>
                    </Flex>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
