/**
 * 政策库: search Chinese words, pinyin or initials; filter by region, department (one value per
 * unit), subject type, benefit type, open/closed. Items in force come first, then by relevance;
 * each row shows the words that matched, the most an award can be and the deadline.
 */
import { Button, Card, Flex, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { PolicyFacets, PolicyList } from '@seedbed/contract';
import { api, query } from '../../app/api-client';
import { hasPermission, useMe } from '../../app/auth';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle, type Localised } from '../../app/i18n';
import { amountText } from '../../app/amount';
import type { ReactNode } from 'react';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { UpstreamPolicies } from '../feeds';

const m = defineMessages({
  zh: {
    title: '政策库',
    subtitle: '支持中文分词、拼音和首字母检索（如“创业担保”“chuangye”“cydb”）。',
    search: '搜索政策',
    region: '地区',
    department: '部门',
    entity: '对象',
    benefit: '扶持方式',
    status: '状态',
    open: '有效',
    closed: '已失效',
    any: '全部',
    automatic: '免申即享',
    total: (n: number) => `共 ${n} 项`,
    calculator: '用政策计算器看看我能享受哪些',
    upTo: (a: string) => `最高 ${a}`,
    byRule: '金额按规则计算',
    until: (d: string) => `${d} 截止`,
    ended: (d: string) => `已于 ${d} 截止`,
    noEnd: '长期有效',
    lead: '牵头单位',
    newItem: '新建政策事项',
  },
  en: {
    title: 'Policy library',
    subtitle: 'Search by Chinese words, pinyin or initials (e.g. 创业担保, chuangye, cydb).',
    search: 'Search policies',
    region: 'Region',
    department: 'Department',
    entity: 'For',
    benefit: 'Benefit',
    status: 'Status',
    open: 'In effect',
    closed: 'Ended',
    any: 'All',
    automatic: 'No application needed',
    total: (n: number) => `${n} policies`,
    calculator: 'Use the calculator to see what I qualify for',
    upTo: (a: string) => `Up to ${a}`,
    byRule: 'Amount set by the rules',
    until: (d: string) => `closes ${d}`,
    ended: (d: string) => `closed on ${d}`,
    noEnd: 'open-ended',
    lead: 'Lead unit',
    newItem: 'New policy item',
  },
});


/** The title with the matched ranges (from the server) inside <mark>. */
function Highlighted({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] | undefined }) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at || b > text.length) continue;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={a} className="sb-hit">{text.slice(a, b)}</mark>);
    at = b;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

export function LibraryPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  usePageTitle(t.title);
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (k: string, v: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const facets = useQuery({ queryKey: ['policies', 'facets'], queryFn: () => api.get<PolicyFacets>('/policies/facets'), staleTime: 60_000 });
  const q = { q: get('q'), region: get('region'), department: get('department'), entity: get('entity'), benefit: get('benefit'), open: get('open'), page: get('page'), pageSize: '20' };
  const list = useQuery({ queryKey: ['policies', 'list', q], queryFn: () => api.get<PolicyList>(`/policies${query(q)}`), placeholderData: (p) => p });
  const label = (arr: { value: string; label: Localised }[] | undefined, v: string) => l(arr?.find((x) => x.value === v)?.label, v);
  return (
    <>
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Space wrap>
            <Link to="/calculator">{t.calculator}</Link>
            {/* Officers (policies.manage) create new items; everyone else never sees the button. */}
            {hasPermission(me.data, 'policies.manage') ? (
              // A link that looks like a button (no button nested in a link); a plain click stays in the app.
              <Button
                type="primary"
                href="/policies/new"
                data-testid="new-policy-item"
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  void navigate('/policies/new');
                }}
              >
                {t.newItem}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Input.Search id="policy-search" aria-label={t.search} placeholder={t.search} defaultValue={get('q')} allowClear enterButton onSearch={(v) => set('q', v.trim())} data-testid="policy-search" />
          <Flex wrap gap={12}>
            <Space direction="vertical" size={2}><label htmlFor="f-region">{t.region}</label><RegionCascader id="f-region" value={get('region') ?? null} onChange={(c) => set('region', c)} /></Space>
            <Space direction="vertical" size={2}><label htmlFor="f-dept">{t.department}</label>
              <Select id="f-dept" allowClear style={{ minWidth: 180 }} value={get('department')} onChange={(v) => set('department', v)} placeholder={t.any}
                options={[...new Map([...(facets.data?.issuers ?? []).map((i) => [i.zh, { value: i.zh, label: l(i) }] as const), ...(facets.data?.departments ?? []).map((d) => [d, { value: d, label: d }] as const)]).values()]} />
            </Space>
            <Space direction="vertical" size={2}><label htmlFor="f-entity">{t.entity}</label>
              <Select id="f-entity" allowClear style={{ minWidth: 140 }} value={get('entity')} onChange={(v) => set('entity', v)} placeholder={t.any} options={(facets.data?.entities ?? []).map((e) => ({ value: e.value, label: l(e.label) }))} />
            </Space>
            <Space direction="vertical" size={2}><label htmlFor="f-benefit">{t.benefit}</label>
              <Select id="f-benefit" allowClear style={{ minWidth: 140 }} value={get('benefit')} onChange={(v) => set('benefit', v)} placeholder={t.any} options={(facets.data?.benefits ?? []).map((e) => ({ value: e.value, label: l(e.label) }))} />
            </Space>
            <Space direction="vertical" size={2}><label htmlFor="f-open">{t.status}</label>
              <Select id="f-open" allowClear style={{ minWidth: 120 }} value={get('open')} onChange={(v) => set('open', v)} placeholder={t.any} options={[{ value: 'true', label: t.open }, { value: 'false', label: t.closed }]} />
            </Space>
          </Flex>
        </Flex>
      </Card>
      {list.isError ? <LoadError error={list.error} /> : !list.data ? <PageLoading /> : (
        <>
          <Typography.Paragraph aria-live="polite">{t.total(list.data.total)}</Typography.Paragraph>
          <List
            dataSource={list.data.items}
            renderItem={(p) => (
              <List.Item data-testid="policy-row">
                <List.Item.Meta
                  title={<Link to={`/policies/${p.id}`}><Highlighted text={l(p.title)} ranges={p.highlight?.[lang]} /></Link>}
                  description={
                    <Flex vertical gap={6}>
                      <Flex wrap gap={12} align="center">
                        <Typography.Text strong data-testid="policy-row-amount">{p.maxAmountFen !== null ? t.upTo(amountText(p.maxAmountFen, lang)) : t.byRule}</Typography.Text>
                        <Typography.Text type={p.open ? undefined : 'secondary'} data-testid="policy-row-deadline">
                          {p.effective.to ? (p.open ? t.until(p.effective.to) : t.ended(p.effective.to)) : t.noEnd}
                        </Typography.Text>
                      </Flex>
                      <Flex wrap gap={6}>
                        <Tag color={p.open ? 'green' : 'default'}>{p.open ? t.open : t.closed}</Tag>
                        {p.mode === 'automatic' ? <Tag color="purple">{t.automatic}</Tag> : null}
                        <Tag>{label(facets.data?.benefits, p.benefit)}</Tag>
                        <Tag>{label(facets.data?.entities, p.entity)}</Tag>
                        <span>{l(p.document.issuer)}{p.document.number ? ` · ${p.document.number}` : ''}{p.leadUnitName ? ` · ${t.lead}：${p.leadUnitName}` : ''}</span>
                      </Flex>
                    </Flex>
                  }
                />
              </List.Item>
            )}
          />
          <Pagination current={Number(get('page') ?? 1)} total={list.data.total} pageSize={20} onChange={(pg) => set('page', String(pg))} showSizeChanger={false} />
          {/* Items of the platforms this one subscribes to (上级政策 / 区级政策), applied for there. */}
          <UpstreamPolicies filter={{ q: get('q'), entity: get('entity'), benefit: get('benefit'), open: get('open') }} />
        </>
      )}
    </>
  );
}
