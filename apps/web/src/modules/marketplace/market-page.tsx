/**
 * 服务超市: the certified providers' services, searched by Chinese words or pinyin, filtered by
 * category, region, price, voucher payment and star grade; up to three compared side by side; an
 * enterprise orders (a price within the range, or asks for a quote).
 */
import { App as AntApp, Button, Card, Checkbox, Descriptions, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS } from '@seedbed/contract';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { useMySubjects } from '../subjects';
import { placeOrder, useListings, type Listing, type ListingFilter } from './marketplace.api';
import { CategoryTag, Money, PriceRange, Stars, useTx } from './marketplace-parts';
import { VoucherPicker } from './voucher-picker';

export function MarketPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('服务超市', 'Service marketplace'));
  const [draft, setDraft] = useState<ListingFilter>({});
  const [filter, setFilter] = useState<ListingFilter>({});
  const listings = useListings(filter);
  const [compare, setCompare] = useState<string[]>([]);
  const [ordering, setOrdering] = useState<Listing | null>(null);
  const me = useMe().data;
  const rows = listings.data ?? [];
  const compared = rows.filter((l) => compare.includes(l.id));

  return (
    <div>
      <PageHeading
        title={tx('服务超市', 'Service marketplace')}
        subtitle={tx('经认证的第三方专业服务机构提供的服务；可用中文或拼音搜索。', 'Services of certified third-party providers; search in Chinese or pinyin.')}
        extra={
          <Space wrap>
            <Link to="/market/providers">{tx('认证机构名录', 'Certified providers')}</Link>
            <Link to="/market/formula">{tx('星级评选办法', 'How stars are graded')}</Link>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => setFilter({ ...draft, q: draft.q?.trim() || undefined })}>
          <Flex wrap gap={12} align="end">
            <Form.Item label={tx('关键词', 'Search')} style={{ minWidth: 220, flex: 1, marginBottom: 0 }}>
              <Input data-testid="market-q" allowClear placeholder={tx('如：专利、zhuanli、检测', 'e.g. 专利, zhuanli, testing')} value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
            </Form.Item>
            <Form.Item label={tx('服务类别', 'Category')} style={{ minWidth: 160, marginBottom: 0 }}>
              <Select allowClear value={draft.category} onChange={(v) => setDraft({ ...draft, category: v })} options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c][lang] }))} />
            </Form.Item>
            <Form.Item label={tx('服务地区', 'Region')} style={{ minWidth: 200, marginBottom: 0 }}>
              <RegionCascader value={draft.region ?? null} onChange={(v) => setDraft({ ...draft, region: v ?? undefined })} />
            </Form.Item>
            <Form.Item label={tx('价格（元）', 'Price (yuan)')} style={{ marginBottom: 0 }}>
              <Space.Compact>
                <InputNumber min={0} placeholder={tx('最低', 'min')} value={draft.minPriceFen === undefined ? null : draft.minPriceFen / 100} onChange={(v) => setDraft({ ...draft, minPriceFen: v === null ? undefined : Math.round(v * 100) })} />
                <InputNumber min={0} placeholder={tx('最高', 'max')} value={draft.maxPriceFen === undefined ? null : draft.maxPriceFen / 100} onChange={(v) => setDraft({ ...draft, maxPriceFen: v === null ? undefined : Math.round(v * 100) })} />
              </Space.Compact>
            </Form.Item>
            <Form.Item label={tx('星级不低于', 'At least')} style={{ minWidth: 110, marginBottom: 0 }}>
              <Select allowClear value={draft.minStars} onChange={(v) => setDraft({ ...draft, minStars: v })} options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: tx(`${n}星`, `${n} stars`) }))} />
            </Form.Item>
            <Form.Item label={tx('可用服务券', 'Voucher-payable')} style={{ marginBottom: 0 }}>
              <Switch checked={draft.voucherPayable === true} onChange={(v) => setDraft({ ...draft, voucherPayable: v ? true : undefined })} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="market-search">
              {tx('搜索', 'Search')}
            </Button>
          </Flex>
        </Form>
      </Card>
      {listings.error ? (
        <LoadError error={listings.error} onRetry={() => void listings.refetch()} />
      ) : (
        <ResponsiveList<Listing>
          rows={rows}
          loading={listings.isLoading}
          rowKey={(l) => l.id}
          testId="listings"
          caption={tx('服务列表', 'Listings')}
          empty={<EmptyState description={tx('没有符合条件的服务，请换个关键词或放宽筛选条件。', 'No service matches: try other words or fewer filters.')} />}
          columns={[
            {
              key: 'title',
              title: tx('服务', 'Service'),
              primary: true,
              render: (l) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{l.title}</Typography.Text>
                  <Link to={`/market/providers/${l.organisationId}`}>{l.providerName}</Link>
                </Space>
              ),
            },
            { key: 'category', title: tx('类别', 'Category'), render: (l) => <CategoryTag category={l.category} /> },
            { key: 'price', title: tx('价格', 'Price'), render: (l) => <PriceRange min={l.priceMinFen} max={l.priceMaxFen} /> },
            { key: 'days', title: tx('交付周期', 'Delivery'), render: (l) => tx(`${l.deliveryDays} 天`, `${l.deliveryDays} days`) },
            { key: 'stars', title: tx('星级', 'Stars'), render: (l) => <Stars n={l.stars} /> },
            { key: 'voucher', title: tx('服务券', 'Voucher'), render: (l) => (l.voucherPayable ? tx('可用', 'Accepted') : tx('不可用', 'Not accepted')) },
            {
              key: 'actions',
              title: tx('操作', 'Actions'),
              render: (l) => (
                <Space wrap>
                  <Checkbox
                    checked={compare.includes(l.id)}
                    disabled={!compare.includes(l.id) && compare.length >= 3}
                    onChange={(e) => setCompare(e.target.checked ? [...compare, l.id] : compare.filter((x) => x !== l.id))}
                  >
                    {tx('对比', 'Compare')}
                  </Checkbox>
                  {me ? (
                    <Button size="small" type="primary" onClick={() => setOrdering(l)} data-testid="order-button">
                      {tx('下单', 'Order')}
                    </Button>
                  ) : (
                    <Link to="/login">{tx('登录后下单', 'Sign in to order')}</Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      {compared.length >= 2 && <Comparison rows={compared} />}
      {ordering && <OrderModal listing={ordering} onClose={() => setOrdering(null)} />}
    </div>
  );
}

function Comparison({ rows }: { rows: Listing[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const lines: { key: string; label: string; render: (l: Listing) => React.ReactNode }[] = [
    { key: 'provider', label: tx('服务机构', 'Provider'), render: (l) => l.providerName },
    { key: 'category', label: tx('类别', 'Category'), render: (l) => SERVICE_CATEGORY_LABELS[l.category][lang] },
    { key: 'price', label: tx('价格', 'Price'), render: (l) => <PriceRange min={l.priceMinFen} max={l.priceMaxFen} /> },
    { key: 'days', label: tx('交付周期', 'Delivery'), render: (l) => tx(`${l.deliveryDays} 天`, `${l.deliveryDays} days`) },
    { key: 'stars', label: tx('星级', 'Stars'), render: (l) => <Stars n={l.stars} /> },
    { key: 'rating', label: tx('平均评分', 'Average rating'), render: (l) => (l.averageRating === null ? tx('暂无评价', 'No ratings yet') : l.averageRating.toFixed(2)) },
    { key: 'settled', label: tx('今年已验收订单', 'Orders accepted this year'), render: (l) => l.settledOrders },
    { key: 'regions', label: tx('服务地区', 'Regions served'), render: (l) => l.regions.map((r) => r.name).join('、') },
    { key: 'voucher', label: tx('服务券', 'Voucher'), render: (l) => (l.voucherPayable ? tx('可用', 'Accepted') : tx('不可用', 'Not accepted')) },
  ];
  return (
    <Card title={tx('服务对比', 'Side by side')} size="small" style={{ marginTop: 16, overflowX: 'auto' }} data-testid="comparison">
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={lines}
        scroll={{ x: true }}
        columns={[
          { key: 'label', title: '', render: (_: unknown, line: (typeof lines)[number]) => <Typography.Text type="secondary">{line.label}</Typography.Text> },
          ...rows.map((l) => ({ key: l.id, title: l.title, render: (_: unknown, line: (typeof lines)[number]) => line.render(l) })),
        ]}
      />
    </Card>
  );
}

function OrderModal({ listing, onClose }: { listing: Listing; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const subjects = (useMySubjects().data ?? []).filter((s) => s.kind === 'enterprise');
  const [mode, setMode] = useState<'price' | 'quote'>('price');
  const [price, setPrice] = useState<number | null>(listing.priceMinFen / 100);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [voucherId, setVoucherId] = useState<string | null>(null);
  const fixed = listing.priceMinFen === listing.priceMaxFen;
  const priceFen = mode === 'quote' || price === null ? null : Math.round(price * 100);
  const submit = async () => {
    if (!subjects[0]) return;
    setBusy(true);
    setError(null);
    try {
      await placeOrder({ listingId: listing.id, subjectId: subjects[0].id, priceFen: mode === 'quote' ? null : Math.round((price ?? 0) * 100), note, ...(voucherId && mode === 'price' ? { voucherId } : {}) });
      await qc.invalidateQueries({ queryKey: ['marketplace'] });
      message.success(tx('已下单，等待服务机构确认', 'Ordered: the provider will confirm'));
      onClose();
    } catch (e) {
      setError(problemMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={tx(`订购：${listing.title}`, `Order: ${listing.title}`)} onCancel={onClose} onOk={() => void submit()} okText={tx('提交订单', 'Place the order')} cancelText={tx('取消', 'Cancel')} confirmLoading={busy} okButtonProps={{ disabled: subjects.length === 0, 'data-testid': 'order-submit' } as never}>
      {subjects.length === 0 ? (
        <Typography.Paragraph type="warning">{tx('只有企业账户可以下单。', 'Only an enterprise account can order.')}</Typography.Paragraph>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1} items={[
            { key: 'e', label: tx('下单企业', 'Ordering enterprise'), children: subjects[0]!.name },
            { key: 'p', label: tx('服务机构', 'Provider'), children: listing.providerName },
            { key: 'r', label: tx('价格区间', 'Price range'), children: <PriceRange min={listing.priceMinFen} max={listing.priceMaxFen} /> },
          ]} />
          {!fixed && (
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'price' | 'quote')}>
              <Radio value="price">{tx('按区间内价格下单', 'Order at a price in the range')}</Radio>
              <Radio value="quote">{tx('请服务机构报价', 'Ask the provider for a quote')}</Radio>
            </Radio.Group>
          )}
          {mode === 'price' && (
            <label>
              {tx('价格（元）', 'Price (yuan)')}{' '}
              <InputNumber data-testid="order-price" min={0} value={price} onChange={setPrice} disabled={fixed} />
            </label>
          )}
          <Input.TextArea placeholder={tx('需求说明（选填）', 'What you need (optional)')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          {mode === 'price' ? (
            <VoucherPicker target={{ listingId: listing.id, category: listing.category, voucherPayable: listing.voucherPayable }} subjectId={subjects[0]!.id} subjectName={subjects[0]!.name} priceFen={priceFen} value={voucherId} onChange={setVoucherId} />
          ) : (
            listing.voucherPayable && <Typography.Text type="secondary">{tx('本服务可用服务券支付：收到报价后，在“我的订单”接受报价时选择服务券。', 'This service accepts vouchers: choose one when you accept the quote in My orders.')}</Typography.Text>
          )}
          {error && <Typography.Text type="danger" data-testid="order-error">{error}</Typography.Text>}
          {priceFen !== null && !voucherId && <Typography.Text>{tx('应付', 'To pay')}: <Money fen={priceFen} /></Typography.Text>}
        </Space>
      )}
    </Modal>
  );
}
