/**
 * The enterprise directory (企业名录): enterprises that chose to be listed, searched by name,
 * product or pinyin and by district, and a listed enterprise's page (name, industry, district,
 * introduction, products: only what the enterprise chose to show).
 */
import { Card, Descriptions, Flex, Input, List, Pagination, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { DIRECTORY_PAGE_SIZE, shanghaiDateOf } from '@seedbed/contract';
import { defineMessages, useMessages, usePageTitle } from '../../app/i18n';
import { useIsPhone } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { useDirectory, useListedEnterprise, type DirectoryEnterprise } from './directory.api';

const m = defineMessages({
  zh: {
    title: '企业名录',
    subtitle: '自愿公开展示的企业及其产品。可按企业名称、产品、行业或拼音查找，并按区县筛选。企业可在“我的档案”中选择公开展示或随时取消。',
    placeholder: '企业名称、产品或拼音',
    searchLabel: '搜索企业名录',
    none: '没有符合条件的企业。',
    industry: '所属行业',
    region: '所在区县',
    products: '主要产品',
    noProducts: '该企业未填写产品。',
    intro: '企业简介',
    listedAt: '公开展示自',
    back: '返回企业名录',
    notListed: '该企业未公开展示，或已取消公开展示。',
    unknownIndustry: '未填写',
    total: (n: number) => `共 ${n} 家企业`,
    siteSearch: '在全站搜索 →',
  },
  en: {
    title: 'Enterprise directory',
    subtitle: 'Enterprises that chose to be listed, with their products. Search by name, product, industry or pinyin and narrow by district. An enterprise lists itself (or stops) from its profile.',
    placeholder: 'Enterprise, product or pinyin',
    searchLabel: 'Search the directory',
    none: 'No enterprise matches.',
    industry: 'Industry',
    region: 'District',
    products: 'Products',
    noProducts: 'No products listed.',
    intro: 'About',
    listedAt: 'Listed since',
    back: 'Back to the directory',
    notListed: 'This enterprise is not listed, or no longer.',
    unknownIndustry: 'Not given',
    total: (n: number) => `${n} enterprises`,
    siteSearch: 'Search the whole site →',
  },
});

function EnterpriseCard({ e }: { e: DirectoryEnterprise }) {
  const t = useMessages(m);
  return (
    <Card size="small" role="listitem" data-testid="directory-enterprise">
      <Flex vertical gap={6}>
        <Link to={`/enterprises/${e.organisationId}`} style={{ fontSize: 16, fontWeight: 500 }}>
          {e.name}
        </Link>
        <Flex wrap gap={6} align="center">
          {e.industry ? <Tag color="geekblue">{e.industry}</Tag> : null}
          <Typography.Text type="secondary">{e.regionName}</Typography.Text>
        </Flex>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {e.introduction}
        </Typography.Paragraph>
        {e.products.length > 0 ? (
          <Flex wrap gap={4} aria-label={t.products}>
            {e.products.map((p) => (
              <Tag key={p.name}>{p.name}</Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

export function DirectoryPage() {
  const t = useMessages(m);
  const phone = useIsPhone();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const region = params.get('region');
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useDirectory({ q, region, page });
  const change = (next: { q?: string; region?: string | null; page?: number }) => {
    const merged = { q, region, page: 1, ...next };
    const p = new URLSearchParams();
    if (merged.q) p.set('q', merged.q);
    if (merged.region) p.set('region', merged.region);
    if (merged.page > 1) p.set('page', String(merged.page));
    setParams(p);
  };
  return (
    <div>
      <PageHeading title={t.title} subtitle={t.subtitle} extra={<Link to={q ? `/search?q=${encodeURIComponent(q)}` : '/search'}>{t.siteSearch}</Link>} />
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search key={q} defaultValue={q} allowClear placeholder={t.placeholder} aria-label={t.searchLabel} data-testid="directory-search" style={{ flex: '1 1 280px', maxWidth: 420 }} onSearch={(v) => change({ q: v.trim() })} />
        <div style={{ flex: '0 1 260px', minWidth: 200 }}>
          <RegionCascader value={region} onChange={(r) => change({ region: r })} />
        </div>
      </Flex>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isLoading || !list.data ? (
        <PageLoading />
      ) : list.data.total === 0 ? (
        <div data-testid="directory-empty">
          <EmptyState description={t.none} />
        </div>
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t.total(list.data.total)}</Typography.Text>
          <div role="list" aria-label={t.title} style={{ display: 'grid', gap: 12, gridTemplateColumns: phone ? '1fr' : 'repeat(auto-fill, minmax(320px, 1fr))' }}>
            {list.data.items.map((e) => (
              <EnterpriseCard key={e.organisationId} e={e} />
            ))}
          </div>
          {list.data.total > DIRECTORY_PAGE_SIZE ? (
            <Pagination align="center" current={page} pageSize={DIRECTORY_PAGE_SIZE} total={list.data.total} showSizeChanger={false} simple={phone} onChange={(p) => change({ page: p })} />
          ) : null}
        </Flex>
      )}
    </div>
  );
}

export function EnterprisePublicPage() {
  const { id = '' } = useParams();
  const t = useMessages(m);
  const page = useListedEnterprise(id);
  usePageTitle(page.data?.name ?? t.title);
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) {
    return (
      <div>
        <PageHeading title={t.title} extra={<Link to="/enterprises">{t.back}</Link>} />
        <EmptyState description={t.notListed} />
      </div>
    );
  }
  const e = page.data;
  return (
    <div data-testid="enterprise-page">
      <PageHeading title={e.name} extra={<Link to="/enterprises">{t.back}</Link>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'industry', label: t.industry, children: e.industry ?? t.unknownIndustry },
            { key: 'region', label: t.region, children: e.regionName },
            { key: 'intro', label: t.intro, children: <span style={{ whiteSpace: 'pre-wrap' }}>{e.introduction}</span>, span: 2 },
            { key: 'since', label: t.listedAt, children: shanghaiDateOf(e.listedAt) },
          ]}
        />
      </Card>
      <Card size="small" title={t.products}>
        {e.products.length === 0 ? (
          <EmptyState description={t.noProducts} />
        ) : (
          <List
            data-testid="enterprise-products"
            dataSource={e.products}
            renderItem={(p) => (
              <List.Item>
                <List.Item.Meta title={p.name} description={p.description || null} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
