/**
 * 我的预约: my instrument bookings (their state, bills and fees; cancel one still to come; start
 * and stop a self-operated session) and my test requests (results, reports, bills); the printable
 * statement of what a voucher does not pay.
 */
import { App as AntApp, Button, Popconfirm, Space, Typography } from 'antd';
import { TEST_STATUS_LABELS } from '@seedbed/contract';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { RequireAuth } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading } from '../../app/ui';
import { bookingAction, bookingStatementUrl, reportUrl, sessionAction, testAction, testStatementUrl, useMyBookings, useMyTests, type Booking, type TestRequest } from './instruments.api';
import { Money, StatusTag, useTx } from './parts';

export function MyBookingsPage() {
  return (
    <RequireAuth>
      <MyBookings />
    </RequireAuth>
  );
}

export function During({ b }: { b: Pick<Booking, 'during'> }) {
  const { lang } = useLang();
  return <span>{`${showInstant(b.during.start, lang)} – ${showInstant(b.during.end, lang).slice(-5)}`}</span>;
}

/** The printable statement of what a voucher does not pay (结算单, a PDF). */
function StatementLink({ href }: { href: string }) {
  const tx = useTx();
  return <a href={href} target="_blank" rel="noreferrer" data-testid="statement-link">{tx('结算单（PDF）', 'Statement (PDF)')}</a>;
}

export function Bill({ b }: { b: Booking }) {
  const tx = useTx();
  if (b.billFen !== null)
    return (
      <Space direction="vertical" size={0}>
        <Money fen={b.billFen} />
        {b.voucherPaysFen !== null && <Typography.Text type="secondary">{tx('其中创新券支付 ', 'voucher pays ')}<Money fen={b.voucherPaysFen} /></Typography.Text>}
        {b.voucherPaysFen === null && <Typography.Text type="secondary">{tx('开具发票结算', 'invoiced')}</Typography.Text>}
        {b.billFen > (b.voucherPaysFen ?? 0) && <StatementLink href={bookingStatementUrl(b.id)} />}
      </Space>
    );
  if (b.feeFen)
    return (
      <Space direction="vertical" size={0}>
        <span>{b.status === 'no_show' ? tx('爽约费 ', 'No-show fee ') : tx('违约金 ', 'Fee ')}<Money fen={b.feeFen} /></span>
        <StatementLink href={bookingStatementUrl(b.id)} />
      </Space>
    );
  return (
    <Space direction="vertical" size={0}>
      <span>{tx('预估 ', 'Estimate ')}<Money fen={b.estimateFen} /></span>
      {b.paidWithVoucher && b.voucherPaysFen !== null && <Typography.Text type="secondary">{tx('创新券已冻结 ', 'voucher holds ')}<Money fen={b.voucherPaysFen} /></Typography.Text>}
    </Space>
  );
}

function MyBookings() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('我的仪器预约', 'My instrument bookings'));
  const list = useMyBookings();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const session = async (b: Booking, action: 'start' | 'stop') => {
    try {
      const r = await sessionAction(b.id, action);
      void message.success(action === 'start' ? tx('已开始使用，用完请点“结束使用”', 'Session started: stop it when you are done') : tx(`已结束使用，费用${((r.billFen ?? 0) / 100).toFixed(2)}元`, `Session stopped: bill ${((r.billFen ?? 0) / 100).toFixed(2)} yuan`));
      await qc.invalidateQueries({ queryKey: ['instruments'] });
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  const cancel = async (b: Booking) => {
    try {
      const r = await bookingAction(b.id, 'cancel');
      void message.success(r.feeFen ? tx(`已取消，按规则收取违约金${(r.feeFen / 100).toFixed(2)}元`, `Cancelled; a fee of ${(r.feeFen / 100).toFixed(2)} yuan applies`) : tx('已取消', 'Cancelled'));
      await qc.invalidateQueries({ queryKey: ['instruments'] });
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  return (
    <div>
      <PageHeading title={tx('我的仪器预约', 'My instrument bookings')} extra={<Link to="/instruments">{tx('预约仪器', 'Book an instrument')}</Link>} />
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<Booking>
          rows={list.data ?? []}
          loading={list.isLoading}
          rowKey={(b) => b.id}
          testId="my-bookings"
          caption={tx('我的预约', 'My bookings')}
          empty={<EmptyState description={tx('还没有仪器预约。', 'No instrument bookings yet.')}><Link to="/instruments">{tx('去预约', 'Find an instrument')}</Link></EmptyState>}
          columns={[
            { key: 'instrument', title: tx('仪器', 'Instrument'), primary: true, render: (b) => <Space direction="vertical" size={0}><Link to={`/instruments/${b.instrumentId}`}>{b.instrumentName}</Link><Typography.Text type="secondary">{b.ownerName}</Typography.Text></Space> },
            { key: 'during', title: tx('时段', 'Time'), render: (b) => <During b={b} /> },
            { key: 'for', title: tx('预约单位', 'For'), render: (b) => b.subjectName ?? tx('个人', 'Myself') },
            { key: 'status', title: tx('状态', 'Status'), render: (b) => <StatusTag status={b.status} /> },
            { key: 'bill', title: tx('费用', 'Bill'), render: (b) => <Bill b={b} /> },
            {
              key: 'actions',
              title: tx('操作', 'Actions'),
              render: (b) => (
                <Space wrap>
                  {b.mayStart && <Button size="small" type="primary" data-testid="session-start" onClick={() => void session(b, 'start')}>{tx('开始使用', 'Start')}</Button>}
                  {b.mayStop && (
                    <Space direction="vertical" size={0}>
                      <Typography.Text type="secondary">{tx(`使用中，自 ${showInstant(b.actualStart!, lang).slice(-5)} 起`, `In use since ${showInstant(b.actualStart!, lang).slice(-5)}`)}</Typography.Text>
                      <Button size="small" type="primary" data-testid="session-stop" onClick={() => void session(b, 'stop')}>{tx('结束使用', 'Stop')}</Button>
                    </Space>
                  )}
                  {b.mayCancel && (
                    <Popconfirm title={tx('确定取消该预约？临近开始取消将收取违约金。', 'Cancel this booking? Close to its start a fee applies.')} onConfirm={() => void cancel(b)} okText={tx('取消预约', 'Cancel it')} cancelText={tx('保留', 'Keep')}>
                      <Button size="small" danger>{tx('取消', 'Cancel')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Typography.Title level={4} style={{ marginTop: 24 }}>{tx('我的测试申请', 'My test requests')}</Typography.Title>
      <MyTests />
    </div>
  );
}

export function TestBill({ t }: { t: TestRequest }) {
  const tx = useTx();
  if (t.billFen !== null)
    return (
      <Space direction="vertical" size={0}>
        <Money fen={t.billFen} />
        {t.voucherPaysFen !== null && <Typography.Text type="secondary">{tx('其中创新券支付 ', 'voucher pays ')}<Money fen={t.voucherPaysFen} /></Typography.Text>}
        {t.voucherPaysFen === null && <Typography.Text type="secondary">{tx('开具发票结算', 'invoiced')}</Typography.Text>}
        {t.billFen > (t.voucherPaysFen ?? 0) && <StatementLink href={testStatementUrl(t.id)} />}
      </Space>
    );
  if (t.status === 'declined' || t.status === 'cancelled') return <span>{tx('不收费', 'No charge')}</span>;
  return (
    <Space direction="vertical" size={0}>
      <span>{tx('预估 ', 'Estimate ')}<Money fen={t.estimateFen} /></span>
      {t.paidWithVoucher && t.voucherPaysFen !== null && <Typography.Text type="secondary">{tx('创新券已冻结 ', 'voucher holds ')}<Money fen={t.voucherPaysFen} /></Typography.Text>}
    </Space>
  );
}

function MyTests() {
  const tx = useTx();
  const { lang } = useLang();
  const list = useMyTests();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const cancel = async (t: TestRequest) => {
    try {
      await testAction(t.id, 'cancel');
      void message.success(tx('已取消测试申请', 'Test request cancelled'));
      await qc.invalidateQueries({ queryKey: ['instruments'] });
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <ResponsiveList<TestRequest>
      rows={list.data ?? []}
      loading={list.isLoading}
      rowKey={(t) => t.id}
      testId="my-tests"
      caption={tx('我的测试申请', 'My test requests')}
      empty={<EmptyState description={tx('还没有测试申请：在仪器页面的“测试项目”中申请。', 'No test requests yet: request one under an instrument’s test services.')} />}
      columns={[
        { key: 'service', title: tx('测试项目', 'Test service'), primary: true, render: (t) => <Space direction="vertical" size={0}><Link to={`/instruments/${t.instrumentId}`}>{`${t.instrumentName} · ${t.serviceName}`}</Link><Typography.Text type="secondary">{t.ownerName}</Typography.Text></Space> },
        { key: 'samples', title: tx('样品', 'Samples'), render: (t) => `${tx(`${t.samples}个`, `${t.samples}`)}${t.samplesTested !== null ? tx(`，实测${t.samplesTested}个`, `, ${t.samplesTested} tested`) : ''}` },
        { key: 'for', title: tx('申请单位', 'For'), render: (t) => t.subjectName ?? tx('个人', 'Myself') },
        { key: 'status', title: tx('状态', 'Status'), render: (t) => `${TEST_STATUS_LABELS[t.status][lang]}${t.reason ? `（${t.reason}）` : ''}` },
        { key: 'bill', title: tx('费用', 'Bill'), render: (t) => <TestBill t={t} /> },
        {
          key: 'actions',
          title: tx('操作', 'Actions'),
          render: (t) => (
            <Space wrap>
              {t.hasReport && <a href={reportUrl(t.id)} data-testid="report-link">{tx('下载检测报告', 'Download the report')}</a>}
              {t.mayCancel && (
                <Popconfirm title={tx('确定取消该测试申请？', 'Cancel this test request?')} onConfirm={() => void cancel(t)} okText={tx('取消申请', 'Cancel it')} cancelText={tx('保留', 'Keep')}>
                  <Button size="small" danger>{tx('取消', 'Cancel')}</Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}
