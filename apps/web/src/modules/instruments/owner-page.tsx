/**
 * 仪器管理: an instrument owner's workbench — its instruments (and a new one), bookings to
 * approve, usage to record (the bill follows), no-shows, users' qualifications to confirm, and
 * the year's sharing statistics with a chart and an .xlsx export.
 */
import { App as AntApp, Button, Card, Input, InputNumber, Modal, Space, Tabs, Typography, Upload } from 'antd';
import { TEST_STATUS_LABELS, type TestStatus } from '@seedbed/contract';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { RequireAuth } from '../../app/auth';
import { Chart } from '../../app/chart';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { InstrumentForm } from './instrument-form';
import { bookingAction, confirmQualification, recordResult, recordUsage, reportUrl, testAction, uploadFile, useOwnerWorkbench, useSharing, type Booking, type Instrument, type TestRequest } from './instruments.api';
import { Bill, During, TestBill } from './my-bookings-page';
import { Money, StatusTag, useTx } from './parts';

export function OwnerPage() {
  return (
    <RequireAuth>
      <Owner />
    </RequireAuth>
  );
}

function Owner() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('仪器管理', 'Instrument management'));
  const wb = useOwnerWorkbench();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [editing, setEditing] = useState<Instrument | 'new' | null>(null);
  const [declining, setDeclining] = useState<TestRequest | null>(null);
  const [resulting, setResulting] = useState<TestRequest | null>(null);
  const [using, setUsing] = useState<Booking | null>(null);
  const [rejecting, setRejecting] = useState<Booking | null>(null);
  const [reason, setReason] = useState('');
  const [now] = useState(() => Date.now());
  if (wb.isLoading) return <PageLoading />;
  if (wb.error || !wb.data) return <LoadError error={wb.error} onRetry={() => void wb.refetch()} />;
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      void message.success(done);
      await qc.invalidateQueries({ queryKey: ['instruments'] });
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  return (
    <div>
      <PageHeading title={tx('仪器管理', 'Instrument management')} subtitle={wb.data.organisations.map((o) => o.name).join('、')} extra={<Button type="primary" onClick={() => setEditing('new')} data-testid="new-instrument">{tx('发布仪器', 'List an instrument')}</Button>} />
      <Tabs
        items={[
          {
            key: 'bookings',
            label: tx('预约与使用', 'Bookings and use'),
            children: (
              <ResponsiveList<Booking>
                rows={wb.data.bookings}
                rowKey={(b) => b.id}
                testId="owner-bookings"
                caption={tx('预约', 'Bookings')}
                empty={<EmptyState description={tx('还没有预约。', 'No bookings yet.')} />}
                columns={[
                  { key: 'instrument', title: tx('仪器', 'Instrument'), primary: true, render: (b) => b.instrumentName },
                  { key: 'who', title: tx('预约人', 'Booked by'), render: (b) => `${b.bookedBy}${b.subjectName ? `（${b.subjectName}）` : ''}${b.external ? '' : tx(' · 校内', ' · internal')}` },
                  { key: 'during', title: tx('时段', 'Time'), render: (b) => <During b={b} /> },
                  { key: 'status', title: tx('状态', 'Status'), render: (b) => <StatusTag status={b.status} /> },
                  { key: 'bill', title: tx('费用', 'Bill'), render: (b) => <Bill b={b} /> },
                  {
                    key: 'actions',
                    title: tx('操作', 'Actions'),
                    render: (b) => (
                      <Space wrap>
                        {b.status === 'requested' && <Button size="small" type="primary" onClick={() => void act(() => bookingAction(b.id, 'approve'), tx('已批准', 'Approved'))}>{tx('批准', 'Approve')}</Button>}
                        {b.status === 'requested' && <Button size="small" onClick={() => { setReason(''); setRejecting(b); }}>{tx('不予通过', 'Reject')}</Button>}
                        {b.status === 'confirmed' && Date.parse(b.during.start) <= now && <Button size="small" type="primary" data-testid="record-usage" onClick={() => setUsing(b)}>{tx('登记使用', 'Record use')}</Button>}
                        {b.status === 'confirmed' && Date.parse(b.during.start) <= now && <Button size="small" danger onClick={() => void act(() => bookingAction(b.id, 'no-show'), tx('已登记爽约', 'No-show recorded'))}>{tx('爽约', 'No-show')}</Button>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'tests',
            label: tx('测试申请', 'Test requests'),
            children: (
              <ResponsiveList<TestRequest>
                rows={wb.data.tests}
                rowKey={(t) => t.id}
                testId="owner-tests"
                caption={tx('测试申请', 'Test requests')}
                empty={<EmptyState description={tx('还没有测试申请。', 'No test requests yet.')} />}
                columns={[
                  { key: 'service', title: tx('测试项目', 'Service'), primary: true, render: (t) => `${t.instrumentName} · ${t.serviceName}` },
                  { key: 'who', title: tx('申请人', 'Requested by'), render: (t) => `${t.requestedBy}${t.subjectName ? `（${t.subjectName}）` : ''}` },
                  { key: 'samples', title: tx('样品', 'Samples'), render: (t) => <Space direction="vertical" size={0}><span>{tx(`${t.samples}个`, `${t.samples}`)}{t.samplesTested !== null ? tx(`，实测${t.samplesTested}个`, `, ${t.samplesTested} tested`) : ''}</span>{t.note && <Typography.Text type="secondary">{t.note}</Typography.Text>}</Space> },
                  { key: 'status', title: tx('状态', 'Status'), render: (t) => <TestStatusText status={t.status} reason={t.reason} /> },
                  { key: 'bill', title: tx('费用', 'Bill'), render: (t) => <TestBill t={t} /> },
                  {
                    key: 'actions',
                    title: tx('操作', 'Actions'),
                    render: (t) => (
                      <Space wrap>
                        {t.status === 'requested' && <Button size="small" type="primary" data-testid="accept-test" onClick={() => void act(() => testAction(t.id, 'accept'), tx('已受理，申请人将收到通知', 'Accepted; the requester is told'))}>{tx('受理', 'Accept')}</Button>}
                        {t.status === 'requested' && <Button size="small" onClick={() => { setReason(''); setDeclining(t); }}>{tx('不予受理', 'Decline')}</Button>}
                        {t.status === 'accepted' && <Button size="small" type="primary" data-testid="record-result" onClick={() => setResulting(t)}>{tx('出具结果', 'Record the result')}</Button>}
                        {t.hasReport && <a href={reportUrl(t.id)}>{tx('检测报告', 'Report')}</a>}
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'instruments',
            label: tx('仪器', 'Instruments'),
            children: (
              <ResponsiveList<Instrument>
                rows={wb.data.instruments}
                rowKey={(i) => i.id}
                testId="owner-instruments"
                caption={tx('仪器', 'Instruments')}
                empty={<EmptyState description={tx('还没有发布仪器。', 'No instruments listed yet.')} />}
                columns={[
                  { key: 'name', title: tx('仪器', 'Instrument'), primary: true, render: (i) => <Link to={`/instruments/${i.id}`}>{i.name}</Link> },
                  { key: 'category', title: tx('类别', 'Class'), render: (i) => i.categoryLabel[lang] },
                  { key: 'rates', title: tx('收费（校内/对外，每小时）', 'Rates (internal/external, per hour)'), render: (i) => <span><Money fen={i.internalRateFen} /> / <Money fen={i.externalRateFen} /></span> },
                  { key: 'rules', title: tx('审核', 'Approval'), render: (i) => (i.approvalRequired ? tx('须审核', 'Approved by us') : tx('即约即定', 'Confirmed at once')) },
                  { key: 'closures', title: tx('停用', 'Closures'), render: (i) => i.closures.map((c) => `${c.from}–${c.to} ${c.reason}`).join('；') || tx('无', 'None') },
                  {
                    key: 'edit',
                    title: tx('操作', 'Actions'),
                    render: (i) => (
                      <Space wrap>
                        <Button size="small" type="primary" data-testid="edit-instrument" onClick={() => setEditing(i)}>{tx('修改信息与规则', 'Edit details and rules')}</Button>
                        <Link to={`/instruments/${i.id}`}>{tx('照片与日历', 'Photos and calendar')}</Link>
                      </Space>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'qualifications',
            label: tx('用户资质', 'Qualifications'),
            children: (
              <ResponsiveList
                rows={wb.data.qualifications}
                rowKey={(q) => `${q.instrumentId}-${q.userId}`}
                testId="owner-qualifications"
                caption={tx('资质声明', 'Declared qualifications')}
                empty={<EmptyState description={tx('没有资质声明。', 'No declared qualifications.')} />}
                columns={[
                  { key: 'user', title: tx('用户', 'User'), primary: true, render: (q) => q.userName },
                  { key: 'instrument', title: tx('仪器', 'Instrument'), render: (q) => q.instrumentName },
                  { key: 'statement', title: tx('资质说明', 'Statement'), render: (q) => q.statement },
                  { key: 'status', title: tx('状态', 'Status'), render: (q) => (q.status === 'confirmed' ? tx('已确认', 'Confirmed') : <Button size="small" onClick={() => void act(() => confirmQualification(q.instrumentId, q.userId), tx('已确认', 'Confirmed'))}>{tx('确认', 'Confirm')}</Button>) },
                ]}
              />
            ),
          },
          { key: 'sharing', label: tx('共享统计', 'Sharing statistics'), children: <Sharing /> },
        ]}
      />
      {editing && <InstrumentForm instrument={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {resulting && <ResultModal test={resulting} onClose={() => setResulting(null)} />}
      {declining && (
        <Modal
          open
          title={tx(`不予受理：${declining.serviceName}`, `Decline: ${declining.serviceName}`)}
          okText={tx('不予受理', 'Decline')}
          cancelText={tx('取消', 'Cancel')}
          okButtonProps={{ disabled: !reason.trim() }}
          onCancel={() => setDeclining(null)}
          onOk={async () => {
            await act(() => testAction(declining.id, 'decline', reason.trim()), tx('已不予受理，申请人将收到通知', 'Declined; the requester is told'));
            setDeclining(null);
          }}
        >
          <Input.TextArea aria-label={tx('理由', 'Reason')} placeholder={tx('请说明理由，申请人将看到', 'The reason, which the requester sees')} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Modal>
      )}
      {using && <UsageModal booking={using} onClose={() => setUsing(null)} />}
      {rejecting && (
        <Modal
          open
          title={tx(`不予通过：${rejecting.instrumentName}`, `Reject: ${rejecting.instrumentName}`)}
          okText={tx('不予通过', 'Reject')}
          cancelText={tx('取消', 'Cancel')}
          okButtonProps={{ disabled: !reason.trim() }}
          onCancel={() => setRejecting(null)}
          onOk={async () => {
            await act(() => bookingAction(rejecting.id, 'reject', reason.trim()), tx('已不予通过，预约人将收到通知', 'Rejected; the booker is told'));
            setRejecting(null);
          }}
        >
          <Input.TextArea aria-label={tx('理由', 'Reason')} placeholder={tx('请说明理由，预约人将看到', 'The reason, which the booker sees')} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Modal>
      )}
    </div>
  );
}

function TestStatusText({ status, reason }: { status: TestStatus; reason: string | null }) {
  const { lang } = useLang();
  return <span>{TEST_STATUS_LABELS[status][lang]}{reason ? `（${reason}）` : ''}</span>;
}

/** The owner records a test's result: the PDF report uploaded, and the samples actually tested; the bill follows. */
function ResultModal({ test: t, onClose }: { test: TestRequest; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [samples, setSamples] = useState<number>(t.samples);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={tx(`出具结果：${t.serviceName}`, `Result: ${t.serviceName}`)}
      onCancel={onClose}
      okText={tx('出具结果并计费', 'Issue and bill')}
      cancelText={tx('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !file, 'data-testid': 'result-confirm' } as never}
      onOk={async () => {
        if (!file) return;
        setBusy(true);
        try {
          const r = await recordResult(t.id, file.id, samples);
          void message.success(tx(`已出具结果，费用${((r.billFen ?? 0) / 100).toFixed(2)}元`, `Result issued: bill ${((r.billFen ?? 0) / 100).toFixed(2)} yuan`));
          await qc.invalidateQueries({ queryKey: ['instruments'] });
          onClose();
        } catch (e) {
          setError(problemMessage(e, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{tx(`申请${t.samples}个样品，每样${(t.pricePerSampleFen / 100).toFixed(2)}元；费用按实测样品数计算。`, `${t.samples} samples requested at ${(t.pricePerSampleFen / 100).toFixed(2)} yuan each; the bill counts the samples tested.`)}</Typography.Text>
        <Space wrap>
          <span>{tx('实测样品数', 'Samples tested')}</span>
          <InputNumber aria-label={tx('实测样品数', 'Samples tested')} min={0} max={t.samples} value={samples} onChange={(v) => setSamples(v ?? 0)} />
        </Space>
        <Upload
          accept="application/pdf"
          showUploadList={false}
          customRequest={async ({ file: f }) => {
            try {
              const stored = await uploadFile(f as File);
              setFile({ id: stored.id, name: stored.name });
            } catch (e) {
              setError(problemMessage(e, lang));
            }
          }}
        >
          <Button data-testid="report-upload">{tx('上传检测报告（PDF）', 'Upload the report (PDF)')}</Button>
        </Upload>
        {file && <Typography.Text data-testid="report-name">{file.name}</Typography.Text>}
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
    </Modal>
  );
}

/** Shanghai wall time (YYYY-MM-DDTHH:mm) of an instant, and back. */
const wall = (instant: string) => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16);
const instantOf = (w: string) => `${w}:00+08:00`;

function UsageModal({ booking: b, onClose }: { booking: Booking; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [start, setStart] = useState(wall(b.during.start));
  const [end, setEnd] = useState(wall(b.during.end));
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={tx(`登记使用：${b.instrumentName}`, `Record use: ${b.instrumentName}`)}
      onCancel={onClose}
      okText={tx('登记并计费', 'Record and bill')}
      cancelText={tx('取消', 'Cancel')}
      okButtonProps={{ 'data-testid': 'usage-confirm' } as never}
      onOk={async () => {
        try {
          const r = await recordUsage(b.id, instantOf(start), instantOf(end));
          void message.success(tx(`已登记，费用${((r.billFen ?? 0) / 100).toFixed(2)}元`, `Recorded: bill ${((r.billFen ?? 0) / 100).toFixed(2)} yuan`));
          await qc.invalidateQueries({ queryKey: ['instruments'] });
          onClose();
        } catch (e) {
          setError(problemMessage(e, lang));
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{tx('实际开始与结束时间（北京时间）；费用按实际时长和预约时的收费标准计算。', 'Actual start and end (Beijing time); the bill is the booked rate for the time used.')}</Typography.Text>
        <Input type="datetime-local" aria-label={tx('实际开始', 'Actual start')} value={start} onChange={(e) => setStart(e.target.value)} />
        <Input type="datetime-local" aria-label={tx('实际结束', 'Actual end')} value={end} onChange={(e) => setEnd(e.target.value)} />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
    </Modal>
  );
}

function Sharing() {
  const tx = useTx();
  const [year, setYear] = useState(new Date().getFullYear());
  const s = useSharing(year);
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber aria-label={tx('年度', 'Year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <a href={`/api/v1/instruments/sharing.xlsx?year=${year}`}>{tx('导出 Excel', 'Export .xlsx')}</a>
      </Space>
      {s.error ? (
        <LoadError error={s.error} />
      ) : !s.data ? (
        <PageLoading />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }} data-testid="sharing-total">
            <Space wrap size="large">
              <span>{tx('有效机时', 'Effective hours')}：{s.data.total.effectiveHours}</span>
              <span>{tx('对外服务机时', 'External hours')}：{s.data.total.externalHours}</span>
              <span>{tx('共享率', 'Sharing rate')}：{(s.data.total.sharingRate * 100).toFixed(1)}%</span>
              <span>{tx('服务收入', 'Income')}：<Money fen={s.data.total.incomeFen} /></span>
              <span>{tx('其中测试项目', 'Of it, test services')}：<Money fen={s.data.total.testIncomeFen} /></span>
              <span>{tx('测试样品', 'Samples tested')}：{s.data.total.samplesTested}</span>
              <span>{tx('服务用户', 'Users served')}：{s.data.total.usersServed}</span>
            </Space>
          </Card>
          <Chart
            title={tx(`${year}年各仪器机时`, `Hours per instrument, ${year}`)}
            type="horizontal"
            testId="sharing-chart"
            categories={s.data.rows.map((r) => r.instrumentName)}
            series={[
              { name: tx('对外服务机时', 'External hours'), values: s.data.rows.map((r) => r.externalHours), stack: 'h' },
              { name: tx('校内机时', 'Internal hours'), values: s.data.rows.map((r) => Math.round((r.effectiveHours - r.externalHours) * 100) / 100), stack: 'h' },
            ]}
          />
        </>
      )}
    </div>
  );
}
