/**
 * 我的服务券: the vouchers of the enterprise (or person) I act for: scheme, face value, what is
 * left and held by open orders, the categories it pays for, its share and expiry, and its uses.
 */
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { Categories, Yuan, settlementText, shareText, useStatusText } from './parts';
import { categoryName, useMyVouchers, type MyVoucher } from './vouchers.api';

const m = defineMessages({
  zh: {
    title: '我的服务券',
    subtitle: '创新券、创业券等服务券可在服务市场向服务机构购买所列类别的服务，按比例抵扣价格。',
    none: '您还没有服务券。符合条件的企业可在政策库中申请创新券等服务券，或由主管部门直接发放。',
    face: '面额',
    left: '可用余额',
    held: '订单占用',
    categories: '可购买的服务',
    share: '抵扣比例',
    settlement: '兑付方式',
    valid: '有效期',
    holder: '持有人',
    uses: '使用记录',
    noUses: '尚未使用',
    provider: '服务机构',
    category: '服务类别',
    price: '订单价格',
    voucherPays: '服务券抵扣',
    youPay: '自付',
    status: '状态',
    at: '时间',
    receivables: '报销与应收款',
    until: (from: string, to: string) => `${from} 至 ${to}`,
  },
  en: {
    title: 'My vouchers',
    subtitle: 'Innovation and start-up vouchers buy the listed categories of service from providers on the marketplace, paying a share of the price.',
    none: 'You have no vouchers yet. Eligible enterprises apply for innovation vouchers in the policy library, or the department issues them directly.',
    face: 'Face value',
    left: 'Left',
    held: 'Held by orders',
    categories: 'Pays for',
    share: 'Share',
    settlement: 'Settlement',
    valid: 'Valid',
    holder: 'Holder',
    uses: 'Uses',
    noUses: 'Not used yet',
    provider: 'Provider',
    category: 'Category',
    price: 'Price',
    voucherPays: 'Voucher pays',
    youPay: 'You pay',
    status: 'Status',
    at: 'When',
    receivables: 'Reimbursements and receivables',
    until: (from: string, to: string) => `${from} to ${to}`,
  },
});

function VoucherCard({ v }: { v: MyVoucher }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const localise = useLocalise();
  const status = useStatusText();
  return (
    <Card
      data-testid="my-voucher"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>
            {localise(v.schemeTitle)}（{v.year}）
          </span>
          <Tag color={v.status === 'active' ? 'green' : 'default'}>{status(v.status)}</Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label={t.holder}>{v.subjectName}</Descriptions.Item>
        <Descriptions.Item label={t.face}>
          <Yuan fen={v.faceValueFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t.left}>
          <Typography.Text strong data-testid="voucher-left">
            <Yuan fen={v.leftFen} />
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t.held}>
          <Yuan fen={v.heldFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t.share}>{shareText(v.shareBp, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.settlement}>{settlementText(v.settlement, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.valid}>{t.until(v.validFrom, v.expiresOn)}</Descriptions.Item>
        <Descriptions.Item label={t.categories} span={2}>
          <Categories codes={v.categories} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 12 }}>
        {t.uses}
      </Typography.Title>
      <ResponsiveList
        rows={v.uses}
        rowKey={(u) => u.orderId}
        testId="voucher-uses"
        empty={t.noUses}
        columns={[
          { key: 'provider', title: t.provider, primary: true, render: (u) => u.providerName },
          { key: 'category', title: t.category, render: (u) => categoryName(u.category, lang) },
          { key: 'price', title: t.price, align: 'right', render: (u) => <Yuan fen={u.priceFen} /> },
          { key: 'voucher', title: t.voucherPays, align: 'right', render: (u) => <Yuan fen={u.voucherPaysFen} /> },
          { key: 'you', title: t.youPay, align: 'right', render: (u) => <Yuan fen={u.enterprisePaysFen} /> },
          { key: 'status', title: t.status, render: (u) => status(u.status) },
          { key: 'at', title: t.at, render: (u) => showInstant(u.at, lang) },
        ]}
      />
    </Card>
  );
}

export function MyVouchersPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const vouchers = useMyVouchers();
  return (
    <div>
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Link to="/vouchers/receivables">
            <Button>{t.receivables}</Button>
          </Link>
        }
      />
      {vouchers.isPending ? (
        <PageLoading />
      ) : vouchers.isError ? (
        <LoadError error={vouchers.error} onRetry={() => void vouchers.refetch()} />
      ) : vouchers.data.length === 0 ? (
        <EmptyState description={t.none} />
      ) : (
        vouchers.data.map((v) => <VoucherCard key={v.id} v={v} />)
      )}
    </div>
  );
}
