/**
 * The library's items from other platforms (上级政策 / 区级政策): what this platform subscribes
 * from the city's or a district's feed, with the origin platform's name, linking to the item's
 * page there (where it is applied for). Shown under the library's own list, with its filters.
 */
import { Card, Flex, List, Tag, Typography } from 'antd';
import { defineMessages, useLocalise, useMessages } from '../../app/i18n';
import { useUpstreamPolicies } from './feeds.api';

const m = defineMessages({
  zh: {
    title: '上级及区县平台政策',
    upstream: '上级政策',
    district: '区级政策',
    from: (p: string) => `来自${p}`,
    applyThere: (p: string) => `到${p}申请`,
    open: '有效',
    closed: '已失效',
    until: (d: string) => `截至 ${d}`,
    noEnd: '长期有效',
  },
  en: {
    title: 'Policies of the city and district platforms',
    upstream: 'Upstream',
    district: 'District',
    from: (p: string) => `From ${p}`,
    applyThere: (p: string) => `Apply on ${p}`,
    open: 'Open',
    closed: 'Closed',
    until: (d: string) => `until ${d}`,
    noEnd: 'open-ended',
  },
});

export function UpstreamPolicies({ filter }: { filter: { q?: string; entity?: string; benefit?: string; open?: string } }) {
  const t = useMessages(m);
  const l = useLocalise();
  const list = useUpstreamPolicies(filter);
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <Card title={t.title} style={{ marginTop: 16 }} data-testid="upstream-policies">
      <List
        dataSource={list.data.items}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        renderItem={(p) => (
          <List.Item data-testid="upstream-policy-row">
            <List.Item.Meta
              title={
                <a href={p.origin.url} target="_blank" rel="noreferrer">
                  {l(p.title)}
                </a>
              }
              description={
                <Flex wrap gap={6} align="center">
                  <Tag color={p.origin.kind === 'upstream' ? 'blue' : 'cyan'}>{p.origin.kind === 'upstream' ? t.upstream : t.district}</Tag>
                  <Tag color={p.open ? 'green' : 'default'}>{p.open ? t.open : t.closed}</Tag>
                  <Typography.Text type="secondary">{t.from(p.origin.platform)}</Typography.Text>
                  <span>{l(p.document.issuer)}{p.document.number ? ` · ${p.document.number}` : ''}</span>
                  <span>{p.effective.to ? t.until(p.effective.to) : t.noEnd}</span>
                  <a href={p.origin.url} target="_blank" rel="noreferrer">{t.applyThere(p.origin.platform)}</a>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
