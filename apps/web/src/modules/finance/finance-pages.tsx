/**
 * Finance's public and enterprise pages: the products (searched in words or pinyin, by kind and
 * amount), a product's page with who may apply in the rules engine's words, an enterprise's
 * matches ("您符合其中 N 款产品的申请条件") with the engine's reasons, and its needs with each
 * institution's answer and due date.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Empty, Flex, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { PRODUCT_KINDS, REFUSAL_REASON_LABELS, REQUEST_ORIGIN_LABELS } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { setConsent, useMatches, useMyNeeds, useProduct, useProducts, type Need, type ProductSummary } from './finance.api';
import { amountRange, KindTag, kindText, NeedDialog, NeedTag, rateRange, RequestTag, termRange, useTx, VerdictCriteria, VerdictTag } from './finance-parts';

function ProductList({ rows, testId }: { rows: ProductSummary[]; testId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<ProductSummary>
      rows={rows}
      rowKey={(p) => p.id}
      testId={testId}
      caption={tx('金融产品', 'Finance products')}
      empty={<EmptyState description={tx('没有符合条件的产品。', 'No product matches.')} />}
      columns={[
        { key: 'name', title: tx('产品', 'Product'), primary: true, render: (p) => <Link to={`/finance/products/${p.id}`}>{p.name}</Link> },
        { key: 'kind', title: tx('类型', 'Kind'), render: (p) => <KindTag kind={p.kind} /> },
        { key: 'inst', title: tx('机构', 'Institution'), render: (p) => p.institution },
        { key: 'amount', title: tx('额度', 'Amount'), render: (p) => amountRange(p, lang) },
        { key: 'rate', title: tx('年利率', 'Annual rate'), render: (p) => rateRange(p, lang) },
        { key: 'term', title: tx('期限', 'Term'), render: (p) => termRange(p, lang) },
        { key: 'collateral', title: tx('担保方式', 'Collateral'), render: (p) => p.collateral },
      ]}
    />
  );
}

export function ProductsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('金融产品', 'Finance products'));
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [amountWan, setAmountWan] = useState<number | null>(null);
  const products = useProducts({ q, kind, amountFen: amountWan ? Math.round(amountWan * 1_000_000) : undefined });
  const me = useMe();
  return (
    <div>
      <PageHeading
        title={tx('金融产品', 'Finance products')}
        subtitle={tx('银行、担保公司和投资机构发布的融资产品：额度、利率、期限、担保方式和申请条件。企业登录后可查看自己符合哪些产品并在线申请。', 'Products of banks, guarantee companies and investors: amount, rate, term, collateral and who may apply. Enterprises signed in see which they qualify for and apply online.')}
        extra={me.data ? <Link to="/finance/matches">{tx('查看我符合的产品', 'Products for me')}</Link> : null}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={tx('产品名称、机构或拼音，如 xinyongdai', 'Name, institution or pinyin, e.g. xinyongdai')} value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={(v) => setQ(v)} style={{ maxWidth: 360 }} data-testid="finance-search" />
        <Select allowClear placeholder={tx('产品类型', 'Kind')} value={kind} onChange={setKind} style={{ minWidth: 160 }} options={PRODUCT_KINDS.map((k) => ({ value: k, label: kindText(k, lang) }))} data-testid="finance-kind" />
        <InputNumber min={1} max={100000} placeholder={tx('需要金额（万元）', 'Amount (10,000 yuan)')} value={amountWan} onChange={(v) => setAmountWan(v)} style={{ width: 200 }} data-testid="finance-amount" />
      </Flex>
      {products.error ? <LoadError error={products.error} onRetry={() => void products.refetch()} /> : <ProductList rows={products.data ?? []} testId="finance-products" />}
    </div>
  );
}

export function ProductDetailPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const product = useProduct(id);
  const me = useMe();
  const isInstitution = !!me.data?.memberships.some((m) => m.organisationKind === 'financial_institution');
  const matches = useMatches(!!me.data && !isInstitution && !me.data.user.isPlatformAdmin);
  const [applying, setApplying] = useState(false);
  usePageTitle(product.data?.name ?? tx('金融产品', 'Finance product'));
  if (product.isLoading) return <PageLoading />;
  if (product.error || !product.data) return <LoadError error={product.error} onRetry={() => void product.refetch()} />;
  const p = product.data;
  const mine = matches.data?.items.find((i) => i.product.id === p.id);
  return (
    <div>
      <PageHeading
        title={p.name}
        subtitle={`${p.institution} · ${kindText(p.kind, lang)}`}
        extra={
          <Space wrap>
            {mine && p.status === 'active' && mine.verdict.status !== 'ineligible' && mine.verdict.status !== 'near_miss' ? (
              <Button type="primary" data-testid="apply-product" onClick={() => setApplying(true)}>
                {tx('申请该产品', 'Apply')}
              </Button>
            ) : null}
            {p.mayManage ? <Link to="/finance/products-mine">{tx('管理我的产品', 'Manage my products')}</Link> : <Link to="/finance">{tx('返回金融产品', 'Back to the products')}</Link>}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={tx('额度', 'Amount')}>{amountRange(p, lang)}</Descriptions.Item>
          <Descriptions.Item label={tx('年利率', 'Annual rate')}>{rateRange(p, lang)}</Descriptions.Item>
          <Descriptions.Item label={tx('期限', 'Term')}>{termRange(p, lang)}</Descriptions.Item>
          <Descriptions.Item label={tx('担保方式', 'Collateral')}>{p.collateral}</Descriptions.Item>
          <Descriptions.Item label={tx('服务地区', 'Offered in')}>{p.regionName}</Descriptions.Item>
          <Descriptions.Item label={tx('更新时间', 'Updated')}>{showInstant(p.updatedAt, lang)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 8 }}>{p.description}</Typography.Paragraph>
      </Card>
      <Card size="small" title={tx('申请条件', 'Who may apply')} style={{ marginBottom: 16 }} data-testid="product-criteria">
        <ul className="sb-criteria">
          {p.criteria.map((c, i) => (
            <li key={i}>
              <strong>{c.label[lang]}</strong>：{c.text[lang]}
            </li>
          ))}
        </ul>
      </Card>
      {mine ? (
        <Card size="small" title={<Space wrap>{tx(`${matches.data!.subject.name}的匹配结果`, `${matches.data!.subject.name}: match`)}<VerdictTag status={mine.verdict.status} /></Space>} data-testid="product-verdict">
          <VerdictCriteria verdict={mine.verdict} />
        </Card>
      ) : null}
      {applying && matches.data ? <NeedDialog subjectId={matches.data.subject.id} product={p} onClose={() => setApplying(false)} onDone={() => setApplying(false)} /> : null}
    </div>
  );
}

export function MatchesPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('产品与匹配', 'Products for me'));
  const matches = useMatches();
  const [applying, setApplying] = useState<ProductSummary | null | undefined>(undefined);
  if (matches.isLoading) return <PageLoading />;
  if (matches.error) return <EmptyState description={problemMessage(matches.error, lang)} />;
  const m = matches.data!;
  return (
    <div>
      <PageHeading
        title={tx('产品与匹配', 'Products for me')}
        subtitle={tx(`按${m.subject.name}的企业档案逐款评估：符合条件的可直接申请，不符合的说明原因。`, `Each product evaluated on ${m.subject.name}'s profile: apply to those you qualify for; the others say why not.`)}
        extra={
          <Space wrap>
            <Button type="primary" data-testid="post-need" onClick={() => setApplying(null)}>
              {tx('发布融资需求', 'Post a need')}
            </Button>
            <Link to="/finance/needs">{tx('我的融资需求', 'My needs')}</Link>
          </Space>
        }
      />
      <Typography.Title level={4} data-testid="match-count">
        {tx(`共 ${m.total} 款产品，您符合其中 ${m.eligible} 款产品的申请条件`, `${m.total} products: you qualify for ${m.eligible}`)}
      </Typography.Title>
      {m.items.length === 0 ? <Empty description={tx('暂无受理中的金融产品。', 'No product is open yet.')} /> : null}
      {m.items.map(({ product: p, verdict }) => (
        <Card
          key={p.id}
          size="small"
          style={{ marginBottom: 12 }}
          data-testid={`match-${p.name}`}
          title={
            <Flex gap={8} wrap align="center">
              <VerdictTag status={verdict.status} />
              <KindTag kind={p.kind} />
              <Link to={`/finance/products/${p.id}`} style={{ whiteSpace: 'normal' }}>
                {p.name}
              </Link>
            </Flex>
          }
          extra={
            verdict.status === 'eligible' || verdict.status === 'unknown' ? (
              <Button size="small" type={verdict.status === 'eligible' ? 'primary' : 'default'} onClick={() => setApplying(p)} data-testid="apply-match">
                {tx('申请', 'Apply')}
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {p.institution} · {amountRange(p, lang)} · {rateRange(p, lang)} · {termRange(p, lang)}
          </Typography.Paragraph>
          <VerdictCriteria verdict={verdict} />
        </Card>
      ))}
      {applying !== undefined ? <NeedDialog subjectId={m.subject.id} product={applying} onClose={() => setApplying(undefined)} onDone={() => setApplying(undefined)} /> : null}
    </div>
  );
}

function NeedCard({ n }: { n: Need }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const toggle = async (v: boolean) => {
    setBusy(true);
    try {
      await setConsent(n.id, v);
      await qc.invalidateQueries({ queryKey: ['finance'] });
    } catch (e) {
      void message.error(problemMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="need"
      title={
        <Flex gap={8} wrap align="center">
          <NeedTag status={n.status} />
          <span>{tx(`${amountText(n.amountFen, lang)} · ${n.termMonths} 个月`, `${amountText(n.amountFen, lang)} · ${n.termMonths} months`)}</span>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {tx(`发布于 ${showInstant(n.postedAt, lang)}`, `Posted ${showInstant(n.postedAt, lang)}`)}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {tx('用途：', 'For: ')}
        {n.purpose} · {tx('担保：', 'Collateral: ')}
        {n.collateral}
      </Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <Switch size="small" checked={n.consentToShare} loading={busy} onChange={(v) => void toggle(v)} data-testid="need-consent-switch" />
        <Typography.Text type="secondary">{tx('如被拒绝，同意推送给其他符合条件的产品', 'If refused, offer it to other matching products')}</Typography.Text>
      </Flex>
      <ResponsiveList
        rows={n.requests}
        rowKey={(r) => r.id}
        testId="need-requests"
        empty={<EmptyState description={tx('暂无额度、期限和条件都相符的产品；可调整金额或期限后重新发布。', 'No product fits the amount, term and conditions yet; change them and post again.')} />}
        columns={[
          { key: 'inst', title: tx('机构与产品', 'Institution and product'), primary: true, render: (r) => `${r.institution} · ${r.product.name}` },
          { key: 'origin', title: tx('来源', 'How'), render: (r) => REQUEST_ORIGIN_LABELS[r.origin][lang] },
          { key: 'state', title: tx('答复', 'Answer'), render: (r) => <RequestTag r={r} /> },
          {
            key: 'detail',
            title: tx('内容', 'Details'),
            render: (r) =>
              r.offer
                ? tx(`${amountText(r.offer.amountFen, lang)}，年利率 ${(r.offer.rateBp / 100).toFixed(2)}%，${r.offer.termMonths} 个月${r.offer.note ? `；${r.offer.note}` : ''}`, `${amountText(r.offer.amountFen, lang)} at ${(r.offer.rateBp / 100).toFixed(2)}% for ${r.offer.termMonths} months${r.offer.note ? `; ${r.offer.note}` : ''}`)
                : r.refusal
                  ? `${REFUSAL_REASON_LABELS[r.refusal.reason][lang]}${r.refusal.note ? `：${r.refusal.note}` : ''}`
                  : '—',
          },
        ]}
      />
    </Card>
  );
}

export function MyNeedsPage() {
  const tx = useTx();
  usePageTitle(tx('我的融资需求', 'My financing needs'));
  const needs = useMyNeeds();
  if (needs.isLoading) return <PageLoading />;
  if (needs.error) return <LoadError error={needs.error} onRetry={() => void needs.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('我的融资需求', 'My financing needs')}
        subtitle={tx('每家机构应在规定的工作日内答复：同意的给出额度、利率和期限，拒绝的说明原因。超期未答复的由市金融办督办。', 'Each institution answers within the set working days: an offer with amount, rate and term, or a refusal with its reason. The finance office follows up overdue answers.')}
        extra={<Link to="/finance/matches">{tx('产品与匹配', 'Products for me')}</Link>}
      />
      {(needs.data ?? []).length === 0 ? (
        <EmptyState description={tx('还没有融资需求。在“产品与匹配”中申请产品或发布需求。', 'No need yet. Apply to a product or post a need from “Products for me”.')}>
          <Link to="/finance/matches">{tx('去产品与匹配', 'Go to Products for me')}</Link>
        </EmptyState>
      ) : (
        needs.data!.map((n) => <NeedCard key={n.id} n={n} />)
      )}
    </div>
  );
}
