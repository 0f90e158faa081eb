/**
 * 服务券结算 (finance with vouchers.settle): per scheme, the redemptions waiting to be settled
 * and a button to propose them as one batch; the batches, where a second, different finance
 * officer approves (the proposer cannot) and each redemption is then paid once, or rejects (the
 * proposer withdraws) and the redemptions wait for a new batch.
 */
import { Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { Yuan, useStatusText } from './parts';
import { categoryName, useApproveBatch, useProposeBatch, useRejectBatch, useSettlement } from './vouchers.api';

const m = defineMessages({
  zh: {
    title: '服务券结算',
    subtitle: '服务机构兑付的服务券（通兑）和企业申请报销的服务券（通用）由财政部门分批结算：一名财务人员提出结算批次，另一名财务人员复核批准后支付，每笔兑付只支付一次。',
    none: '您所在财政部门的地区内尚无服务券方案。',
    unsettled: '待结算的兑付',
    nothing: '暂无待结算的兑付',
    propose: '提出结算批次',
    payee: '收款方',
    provider: '服务机构',
    enterprise: '企业报销',
    category: '服务类别',
    amount: '金额',
    redeemedAt: '兑付时间',
    batches: '结算批次',
    noBatches: '暂无结算批次',
    scheme: '方案',
    total: '合计',
    lines: '笔数',
    payees: '收款方明细',
    proposedBy: '提出人',
    decidedBy: '复核人',
    status: '状态',
    approve: '复核批准',
    reject: '驳回',
    withdraw: '撤回',
    yours: '您提出的批次须由另一名财务人员复核批准',
    paid: (yuan: string) => `已支付 ${yuan}`,
  },
  en: {
    title: 'Voucher settlement',
    subtitle: 'Vouchers redeemed by providers (通兑) and reimbursements to enterprises (通用) are settled by finance in batches: one finance officer proposes a batch, a different one approves it and it is paid, each redemption once.',
    none: 'No voucher schemes in the regions your finance department covers.',
    unsettled: 'Redemptions to settle',
    nothing: 'Nothing to settle',
    propose: 'Propose a batch',
    payee: 'Payee',
    provider: 'Provider',
    enterprise: 'Enterprise (reimbursed)',
    category: 'Category',
    amount: 'Amount',
    redeemedAt: 'Redeemed',
    batches: 'Settlement batches',
    noBatches: 'No batches yet',
    scheme: 'Scheme',
    total: 'Total',
    lines: 'Redemptions',
    payees: 'Payees',
    proposedBy: 'Proposed by',
    decidedBy: 'Decided by',
    status: 'Status',
    approve: 'Approve',
    reject: 'Reject',
    withdraw: 'Withdraw',
    yours: 'A batch you proposed is approved by another finance officer',
    paid: (yuan: string) => `Paid ${yuan}`,
  },
});

export function SettlementPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const { lang } = useLang();
  const localise = useLocalise();
  const status = useStatusText();
  const overview = useSettlement();
  const propose = useProposeBatch();
  const approve = useApproveBatch();
  const reject = useRejectBatch();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const run = async (work: Promise<unknown>) => {
    setProblem(null);
    try {
      await work;
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  if (overview.isPending) return <PageLoading />;
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => void overview.refetch()} />;
  const { schemes, batches } = overview.data;
  return (
    <div>
      <PageHeading title={t.title} subtitle={t.subtitle} />
      <ProblemAlert problem={problem} />
      {schemes.length === 0 ? (
        <EmptyState description={t.none} />
      ) : (
        schemes.map((s) => (
          <Card
            key={s.id}
            data-testid="settle-scheme"
            style={{ marginBottom: 16 }}
            title={
              <Space wrap>
                <span>
                  {localise(s.title)}（{s.year}）
                </span>
                <Typography.Text type="secondary">
                  {t.unsettled}：<Yuan fen={s.unsettledFen} />
                </Typography.Text>
              </Space>
            }
            extra={
              <Button type="primary" size="small" disabled={s.unsettled.length === 0} loading={propose.isPending} onClick={() => void run(propose.mutateAsync(s.id))} data-testid="propose-batch">
                {t.propose}
              </Button>
            }
          >
            <ResponsiveList
              rows={s.unsettled}
              rowKey={(r) => r.orderId}
              testId="unsettled"
              empty={t.nothing}
              columns={[
                { key: 'payee', title: t.payee, primary: true, render: (r) => `${r.payeeName}（${r.payeeKind === 'provider' ? t.provider : t.enterprise}）` },
                { key: 'category', title: t.category, render: (r) => categoryName(r.category, lang) },
                { key: 'amount', title: t.amount, align: 'right', render: (r) => <Yuan fen={r.amountFen} /> },
                { key: 'at', title: t.redeemedAt, render: (r) => showInstant(r.redeemedAt, lang) },
              ]}
            />
          </Card>
        ))
      )}
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t.batches}
      </Typography.Title>
      <ResponsiveList
        rows={batches}
        rowKey={(b) => b.id}
        testId="batches"
        empty={t.noBatches}
        columns={[
          { key: 'scheme', title: t.scheme, primary: true, render: (b) => `${localise(b.schemeTitle)}（${b.year}）` },
          { key: 'total', title: t.total, align: 'right', render: (b) => <Yuan fen={b.totalFen} /> },
          { key: 'lines', title: t.lines, align: 'right', render: (b) => b.lines },
          {
            key: 'payees',
            title: t.payees,
            render: (b) => (
              <span>
                {b.payees.map((p) => (
                  <div key={p.name}>
                    {p.name} <Yuan fen={p.amountFen} />
                  </div>
                ))}
              </span>
            ),
          },
          { key: 'proposed', title: t.proposedBy, render: (b) => `${b.proposedByName} ${showInstant(b.proposedAt, lang)}` },
          { key: 'decided', title: t.decidedBy, render: (b) => (b.decidedByName ? `${b.decidedByName} ${showInstant(b.decidedAt, lang)}` : '—') },
          { key: 'status', title: t.status, render: (b) => <Tag color={b.status === 'paid' ? 'green' : b.status === 'proposed' ? 'blue' : 'default'}>{status(b.status)}</Tag> },
          {
            key: 'act',
            title: '',
            render: (b) =>
              b.status === 'proposed' ? (
                <Space>
                  <Tooltip title={b.proposedByMe ? t.yours : undefined}>
                    <Button type="primary" size="small" disabled={b.proposedByMe} loading={approve.isPending} onClick={() => void run(approve.mutateAsync(b.id))} data-testid="approve-batch">
                      {t.approve}
                    </Button>
                  </Tooltip>
                  <Button size="small" loading={reject.isPending} onClick={() => void run(reject.mutateAsync(b.id))}>
                    {b.proposedByMe ? t.withdraw : t.reject}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
