/**
 * 全站搜索: one box over every public directory — enterprises and their products, supply and
 * demand, providers and services, carriers, instruments, news and policies — in Chinese words,
 * pinyin or initials, by district; the counts of every kind as tabs, the first hits of each (全部)
 * or one kind page by page; each hit opens its own page. The query lives in the address.
 */
import { Button, Card, Flex, Input, Pagination, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_PAGE_SIZE, type SearchAnswer } from '@seedbed/contract';
import { defineMessages, useLang, useMessages, usePageTitle } from '../../app/i18n';
import { useIsPhone } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { useSearch } from './search.api';

const m = defineMessages({
  zh: {
    title: '全站搜索',
    subtitle: '一次查找公开展示的企业与产品、供需信息、认证服务机构与服务、双创载体、共享仪器、资讯和政策。可输入中文、全拼或首字母（如“guangai”“smdzxwj”），并按区县筛选。',
    placeholder: '输入关键词、拼音或首字母',
    searchLabel: '全站搜索',
    region: '区县',
    all: '全部',
    start: '输入关键词开始搜索。',
    none: (q: string) => `没有找到与“${q}”相关的内容。可以换个说法、改用拼音，或清除区县筛选。`,
    noneKind: '这一类中没有找到相关内容。',
    found: (n: number) => `共找到 ${n} 条结果`,
    seeAll: (n: number, label: string) => `查看全部 ${n} 条${label} →`,
    results: '搜索结果',
  },
  en: {
    title: 'Search',
    subtitle: 'Find listed enterprises and their products, supply and demand, certified providers and their services, carriers, instruments, news and policies at once. Type Chinese, full pinyin or initials (e.g. guangai, smdzxwj) and narrow by district.',
    placeholder: 'Words, pinyin or initials',
    searchLabel: 'Search the site',
    region: 'District',
    all: 'All',
    start: 'Type something to search for.',
    none: (q: string) => `Nothing found for “${q}”. Try other words, pinyin, or clear the district.`,
    noneKind: 'Nothing of this kind matches.',
    found: (n: number) => `${n} results`,
    seeAll: (n: number, label: string) => `See all ${n} ${label} →`,
    results: 'Results',
  },
});

type Hit = SearchAnswer['hits'][number];

function HitCard({ hit }: { hit: Hit }) {
  const { lang } = useLang();
  return (
    <Card size="small" role="listitem" data-testid="search-hit" data-kind={hit.kind}>
      <Flex vertical gap={4}>
        <Link to={hit.path} style={{ fontSize: 16, fontWeight: 500 }}>
          {hit.title}
        </Link>
        <Space size={[4, 4]} wrap>
          {hit.tags.map((t) => (
            <Tag key={t.zh}>{t[lang]}</Tag>
          ))}
          {hit.regionName ? <Typography.Text type="secondary">{hit.regionName}</Typography.Text> : null}
        </Space>
        {hit.summary ? <Typography.Text type="secondary">{hit.summary}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}

function HitList({ hits, label }: { hits: Hit[]; label: string }) {
  return (
    <div role="list" aria-label={label} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {hits.map((h) => (
        <HitCard key={`${h.kind}:${h.id}`} hit={h} />
      ))}
    </div>
  );
}

export function SearchPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const phone = useIsPhone();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind');
  const region = params.get('region');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const result = useSearch({ q, kind, region, page });

  const change = (next: { q?: string; kind?: string | null; region?: string | null; page?: number }) => {
    const merged = { q, kind, region, page: 1, ...next };
    const p = new URLSearchParams();
    if (merged.q) p.set('q', merged.q);
    if (merged.kind) p.set('kind', merged.kind);
    if (merged.region) p.set('region', merged.region);
    if (merged.page > 1) p.set('page', String(merged.page));
    setParams(p);
  };

  const data = result.data;
  const body = () => {
    if (!q.trim()) return <EmptyState description={t.start} />;
    if (result.isLoading) return <PageLoading />;
    if (result.error) return <LoadError error={result.error} onRetry={() => void result.refetch()} />;
    if (!data) return null;
    if (data.total === 0) return <div data-testid="search-empty"><EmptyState description={t.none(data.q)} /></div>;
    const labelOf = (k: string) => data.kinds.find((x) => x.kind === k)?.label[lang] ?? k;
    if (data.kind === null) {
      return (
        <Flex vertical gap={24}>
          {data.kinds
            .filter((k) => k.count > 0)
            .map((k) => (
              <section key={k.kind} aria-labelledby={`search-group-${k.kind}`} data-testid={`search-group-${k.kind}`}>
                <Typography.Title level={2} id={`search-group-${k.kind}`} style={{ fontSize: 18, marginBottom: 8 }}>
                  {k.label[lang]} <Typography.Text type="secondary">({k.count})</Typography.Text>
                </Typography.Title>
                <HitList hits={data.hits.filter((h) => h.kind === k.kind)} label={k.label[lang]} />
                {k.count > data.pageSize ? (
                  <Typography.Link style={{ display: 'inline-block', marginTop: 8 }} onClick={() => change({ kind: k.kind })} data-testid={`search-more-${k.kind}`}>
                    {t.seeAll(k.count, k.label[lang])}
                  </Typography.Link>
                ) : null}
              </section>
            ))}
        </Flex>
      );
    }
    const count = data.kinds.find((k) => k.kind === data.kind)?.count ?? 0;
    if (count === 0) return <div data-testid="search-empty"><EmptyState description={t.noneKind} /></div>;
    return (
      <Flex vertical gap={12}>
        <HitList hits={data.hits} label={labelOf(data.kind)} />
        {count > SEARCH_PAGE_SIZE ? (
          <Pagination align="center" current={data.page} pageSize={SEARCH_PAGE_SIZE} total={count} showSizeChanger={false} simple={phone} onChange={(p) => change({ page: p })} />
        ) : null}
      </Flex>
    );
  };

  return (
    <div>
      <PageHeading title={t.title} subtitle={t.subtitle} />
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Input.Search
          key={q}
          defaultValue={q}
          allowClear
          enterButton
          size="large"
          placeholder={t.placeholder}
          aria-label={t.searchLabel}
          data-testid="site-search"
          style={{ flex: '1 1 320px', maxWidth: 560 }}
          onSearch={(v) => change({ q: v.trim() })}
        />
        <div style={{ flex: '0 1 260px', minWidth: 200 }} data-testid="search-region">
          <RegionCascader value={region} onChange={(r) => change({ region: r })} />
        </div>
      </Flex>
      {data && q.trim() && data.total > 0 ? (
        <>
          <Typography.Text type="secondary" data-testid="search-total">
            {t.found(data.total)}
          </Typography.Text>
          {phone ? (
            // On a phone, the kinds wrap as chips (a tab strip would hide most of them): those with results.
            <Flex wrap gap={8} data-testid="search-tabs" style={{ margin: '8px 0 16px' }}>
              {[{ key: 'all', label: `${t.all} ${data.total}`, count: data.total }, ...data.kinds.map((k) => ({ key: k.kind, label: `${k.label[lang]} ${k.count}`, count: k.count }))]
                .filter((k) => k.count > 0 || k.key === (kind ?? 'all'))
                .map((k) => (
                  <Button key={k.key} shape="round" type={k.key === (kind ?? 'all') ? 'primary' : 'default'} aria-pressed={k.key === (kind ?? 'all')} onClick={() => change({ kind: k.key === 'all' ? null : k.key })}>
                    {k.label}
                  </Button>
                ))}
            </Flex>
          ) : (
            <Tabs
              activeKey={kind ?? 'all'}
              onChange={(k) => change({ kind: k === 'all' ? null : k })}
              data-testid="search-tabs"
              items={[
                { key: 'all', label: `${t.all} ${data.total}` },
                ...data.kinds.map((k) => ({ key: k.kind, label: `${k.label[lang]} ${k.count}`, disabled: k.count === 0 && k.kind !== kind })),
              ]}
            />
          )}
        </>
      ) : null}
      {body()}
    </div>
  );
}
