/**
 * 应收服务券款: what a service provider is owed for vouchers it accepted (通兑), or what an
 * enterprise is reimbursed (通用), per scheme: held by open orders, redeemed and waiting, in a
 * settlement batch, paid.
 */
import { Typography } from 'antd';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { Yuan } from './parts';
import { useReceivables } from './vouchers.api';

const m = defineMessages({
  zh: {
    title: '应收服务券款',
    subtitle: '服务机构接受服务券（通兑）后由财政部门结算；采用通用方式的服务券由企业先行付款、再由财政部门报销。',
    none: '暂无服务券应收款。',
    scheme: '服务券方案',
    payee: '收款方',
    provider: '服务机构',
    enterprise: '企业（报销）',
    held: '订单占用中',
    redeemed: '已兑付待结算',
    inBatch: '结算复核中',
    paid: '已支付',
  },
  en: {
    title: 'Voucher receivables',
    subtitle: 'A provider that accepts vouchers (通兑) is paid by finance in settlement batches; with reimbursed vouchers (通用) the enterprise pays and is reimbursed.',
    none: 'Nothing is owed for vouchers yet.',
    scheme: 'Scheme',
    payee: 'Payee',
    provider: 'Provider',
    enterprise: 'Enterprise (reimbursed)',
    held: 'Held by open orders',
    redeemed: 'Redeemed, to settle',
    inBatch: 'In a batch',
    paid: 'Paid',
  },
});

export function ReceivablesPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const localise = useLocalise();
  useLang();
  const rows = useReceivables();
  return (
    <div>
      <PageHeading title={t.title} subtitle={t.subtitle} />
      {rows.isPending ? (
        <PageLoading />
      ) : rows.isError ? (
        <LoadError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : rows.data.length === 0 ? (
        <EmptyState description={t.none} />
      ) : (
        <ResponsiveList
          rows={rows.data}
          rowKey={(r) => `${localise(r.schemeTitle)}-${r.year}-${r.payeeName}`}
          testId="receivables"
          columns={[
            { key: 'scheme', title: t.scheme, primary: true, render: (r) => `${localise(r.schemeTitle)}（${r.year}）` },
            { key: 'payee', title: t.payee, render: (r) => <Typography.Text>{r.payeeName}（{r.payeeKind === 'provider' ? t.provider : t.enterprise}）</Typography.Text> },
            { key: 'held', title: t.held, align: 'right', render: (r) => <Yuan fen={r.heldFen} /> },
            { key: 'redeemed', title: t.redeemed, align: 'right', render: (r) => <Yuan fen={r.redeemedFen} /> },
            { key: 'batch', title: t.inBatch, align: 'right', render: (r) => <Yuan fen={r.inBatchFen} /> },
            { key: 'paid', title: t.paid, align: 'right', render: (r) => <Yuan fen={r.paidFen} /> },
          ]}
        />
      )}
    </div>
  );
}
