/** The public side: the certified providers' list, a provider's page with its grade explained, and the grade formula. */
import { Card, Descriptions, Space, Table, Typography } from 'antd';
import { RATING_DIMENSIONS, RATING_DIMENSION_LABELS, SERVICE_CATEGORY_LABELS } from '@seedbed/contract';
import { Link, useParams } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { useFormula, useProviderPage, useProviders, type ProviderPage, type ProviderSummary } from './marketplace.api';
import { CategoryTag, GradeExplained, PriceRange, Stars, useTx } from './marketplace-parts';

export function ProvidersPage() {
  const tx = useTx();
  usePageTitle(tx('认证服务机构名录', 'Certified providers'));
  const providers = useProviders();
  if (providers.error) return <LoadError error={providers.error} onRetry={() => void providers.refetch()} />;
  return (
    <div>
      <PageHeading title={tx('认证服务机构名录', 'Certified providers')} subtitle={tx('认证有效期内的第三方专业服务机构，含认证范围、有效期、资质与星级。', 'Third-party providers whose certification is in force: scope, validity, qualifications and stars.')} extra={<Link to="/market">{tx('返回服务超市', 'Back to the marketplace')}</Link>} />
      <ResponsiveList<ProviderSummary>
        rows={providers.data ?? []}
        loading={providers.isLoading}
        rowKey={(p) => p.organisationId}
        testId="providers"
        empty={<EmptyState description={tx('暂无认证服务机构。', 'No certified provider yet.')} />}
        columns={[
          { key: 'name', title: tx('机构', 'Provider'), primary: true, render: (p) => <Link to={`/market/providers/${p.organisationId}`}>{p.name}</Link> },
          { key: 'region', title: tx('所在地', 'Based in'), render: (p) => p.regionName },
          { key: 'scope', title: tx('认证范围', 'Certified for'), render: (p) => <Space wrap size={4}>{p.categories.map((c) => <CategoryTag key={c} category={c} />)}</Space> },
          { key: 'validity', title: tx('有效期', 'Valid'), render: (p) => `${p.validFrom ?? ''} – ${p.validTo ?? ''}` },
          { key: 'stars', title: tx('星级', 'Stars'), render: (p) => <Stars n={p.stars} /> },
        ]}
      />
    </div>
  );
}

export function ProviderPublicPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const page = useProviderPage(id);
  usePageTitle(page.data?.provider.name ?? tx('服务机构', 'Provider'));
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const { provider, grade, annualGrades, listings, ratings } = page.data;
  return (
    <div>
      <PageHeading title={provider.name} extra={<Link to="/market">{tx('返回服务超市', 'Back to the marketplace')}</Link>} />
      <Card size="small" title={tx('认证信息', 'Certification')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
          { key: 'region', label: tx('所在地', 'Based in'), children: provider.regionName },
          { key: 'scope', label: tx('认证范围', 'Certified for'), children: provider.categories.map((c) => SERVICE_CATEGORY_LABELS[c][lang]).join('、') },
          { key: 'validity', label: tx('有效期', 'Valid'), children: `${provider.validFrom ?? ''} – ${provider.validTo ?? ''}` },
          { key: 'regions', label: tx('服务地区', 'Regions served'), children: provider.regions.map((r) => r.name).join('、') },
          { key: 'q', label: tx('资质', 'Qualifications'), children: provider.qualifications, span: 2 },
        ]} />
      </Card>
      <Card size="small" title={tx('星级与评分说明', 'Star grade, explained')} extra={<Link to="/market/formula">{tx('评选办法', 'The formula')}</Link>} style={{ marginBottom: 16 }}>
        <GradeExplained grade={grade} />
        {annualGrades.length > 0 && (
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {tx('年度评定：', 'Annual grades: ')}
            {annualGrades.map((g) => tx(`${g.year}年 ${g.stars}星（${g.points}分）`, `${g.year}: ${g.stars} stars (${g.points})`)).join('；')}
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={tx('服务项目', 'Services')} style={{ marginBottom: 16 }}>
        <ResponsiveList<ProviderPage['listings'][number]>
          rows={listings}
          rowKey={(l) => l.id}
          testId="provider-listings"
          empty={<EmptyState description={tx('暂无在售服务。', 'No services listed.')} />}
          columns={[
            { key: 't', title: tx('服务', 'Service'), primary: true, render: (l) => l.title },
            { key: 'c', title: tx('类别', 'Category'), render: (l) => <CategoryTag category={l.category} /> },
            { key: 'p', title: tx('价格', 'Price'), render: (l) => <PriceRange min={l.priceMinFen} max={l.priceMaxFen} /> },
            { key: 'd', title: tx('交付周期', 'Delivery'), render: (l) => tx(`${l.deliveryDays} 天`, `${l.deliveryDays} days`) },
          ]}
        />
      </Card>
      <Card size="small" title={tx('服务评价（仅来自已验收订单）', 'Ratings (from accepted orders only)')}>
        <ResponsiveList<ProviderPage['ratings'][number]>
          rows={ratings}
          rowKey={(r) => r.orderId}
          testId="ratings"
          empty={<EmptyState description={tx('暂无评价。', 'No ratings yet.')} />}
          columns={[
            { key: 'o', title: tx('订单', 'Order'), primary: true, render: (r) => r.orderTitle },
            ...RATING_DIMENSIONS.map((d) => ({ key: d, title: RATING_DIMENSION_LABELS[d][lang], render: (r: ProviderPage['ratings'][number]) => <Stars n={r.scores[d] ?? 0} /> })),
            { key: 'c', title: tx('评语', 'Comment'), render: (r) => r.comment || '—' },
            { key: 'reply', title: tx('机构回复', 'Reply'), render: (r) => r.reply ?? '—' },
            { key: 'at', title: tx('时间', 'When'), render: (r) => showInstant(r.ratedAt, lang) },
          ]}
        />
      </Card>
    </div>
  );
}

export function FormulaPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('星级评选办法', 'How stars are graded'));
  const formula = useFormula();
  if (formula.isLoading) return <PageLoading />;
  if (formula.error || !formula.data) return <LoadError error={formula.error} />;
  return (
    <div>
      <PageHeading title={tx('服务机构星级评选办法', 'How providers are graded (星级评选)')} extra={<Link to="/market">{tx('返回服务超市', 'Back to the marketplace')}</Link>} />
      <Typography.Paragraph>
        {tx(
          '每年由双创办按以下公式对认证服务机构评定星级；年度内的“当前星级”按同一公式随评价实时计算。总分0–100分。',
          'Each year the programme office grades certified providers by this formula; during the year the current grade follows the same formula as ratings come in. Points 0–100.',
        )}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="term"
        data-testid="formula-terms"
        dataSource={formula.data.terms}
        columns={[
          { key: 'l', title: tx('评分项', 'Term'), render: (_: unknown, t: (typeof formula.data.terms)[number]) => t.label[lang] },
          { key: 'r', title: tx('计分规则', 'Rule'), render: (_: unknown, t: (typeof formula.data.terms)[number]) => t.rule[lang] },
          { key: 'm', title: tx('最高分', 'Max'), align: 'right', render: (_: unknown, t: (typeof formula.data.terms)[number]) => (t.max > 0 ? t.max : tx('扣分项', 'deduction')) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{tx('星级', 'Stars')}</Typography.Title>
      <ul>
        {formula.data.stars.map((s) => (
          <li key={s.stars}>{tx(`${s.stars}星：${s.minPoints}分及以上`, `${s.stars} stars: ${s.minPoints} points or more`)}</li>
        ))}
      </ul>
    </div>
  );
}
