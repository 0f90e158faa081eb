/**
 * The guaranteed start-up loan's pages: my loans (request one under an item I may qualify for),
 * the work list of the HR bureau, the guarantee fund and the bank (with the next due dates), and
 * a loan's page: its progress, the action of whoever acts next (review, guarantee naming the
 * bank, grant), the repayment schedule with each period's subsidy (a chart and a list), and the
 * quarters' subsidies with their split between the levels that fund them.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Steps, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { FUNDING_LEVEL_LABELS, LOAN_METHODS, LOAN_METHOD_LABELS, LOAN_STATUS_LABELS, type LoanMethod, type LoanStatus } from '@seedbed/contract';
import { Link, useNavigate, useParams } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList, useIsPhone } from '../../app/responsive';
import { Chart } from '../../app/chart';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { amountText } from '../../app/amount';
import { hasPermission, useMe } from '../../app/auth';
import { ReservesCard } from './loans-reserves';
import { grantLoan, guaranteeLoan, prepayLoan, reportDefault, requestLoan, reviewLoan, runQuarters, useBanks, useLoan, useLoanItems, useMyLoans, useWorkList, type LoanView } from './loans.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const STATUS_COLOR: Record<LoanStatus, string> = { requested: 'blue', refused: 'red', approved: 'cyan', guaranteed: 'geekblue', granted: 'green', repaid: 'default', defaulted: 'orange' };
const rateText = (bp: number) => `${(bp / 100).toFixed(2)}%`;

function StatusTag({ status }: { status: LoanStatus }) {
  const { lang } = useLang();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="loan-status">
      {LOAN_STATUS_LABELS[status][lang]}
    </Tag>
  );
}

function LoanList({ rows, loading, testId, showBorrower }: { rows: LoanView[]; loading: boolean; testId: string; showBorrower: boolean }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<LoanView>
      rows={rows}
      loading={loading}
      rowKey={(l) => l.id}
      testId={testId}
      empty={<EmptyState description={tx('暂无贷款。', 'No loan yet.')} />}
      columns={[
        ...(showBorrower ? [{ key: 'who', title: tx('借款人', 'Borrower'), primary: true, render: (l: LoanView) => <Link to={`/loans/${l.id}`}>{l.borrowerName}</Link> }] : []),
        { key: 'item', title: tx('贷款事项', 'Loan item'), primary: !showBorrower, render: (l) => (showBorrower ? l.itemTitle[lang] : <Link to={`/loans/${l.id}`}>{l.itemTitle[lang]}</Link>) },
        { key: 'amount', title: tx('金额', 'Amount'), render: (l) => amountText(l.principalFen ?? l.amountFen, lang) },
        { key: 'status', title: tx('状态', 'Status'), render: (l) => <StatusTag status={l.status} /> },
        { key: 'bank', title: tx('经办银行', 'Bank'), render: (l) => l.bankName ?? '—' },
        { key: 'due', title: tx('下次还款日', 'Next due'), render: (l) => l.nextDueOn ?? '—' },
        { key: 'requested', title: tx('申请日期', 'Requested'), render: (l) => l.requestedAt.slice(0, 10) },
      ]}
    />
  );
}

// ---------------------------------------------------------------- my loans

export function MyLoansPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('创业担保贷款', 'Guaranteed start-up loans'));
  const mine = useMyLoans();
  const items = useLoanItems();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  // One choice per item and borrower: the user's own, or an enterprise they act for (小微企业).
  const choices = (items.data ?? []).map((i) => ({ key: `${i.subjectId ?? ''}|${i.id}`, item: i }));
  const submit = async (v: { itemId: string; amountFen: number; termMonths: number; purpose: string }) => {
    setProblem(null);
    const chosen = choices.find((c) => c.key === v.itemId)?.item;
    try {
      const loan = await requestLoan({ itemId: chosen?.id ?? '', ...(chosen?.borrowerKind === 'enterprise' && chosen.subjectId ? { subjectId: chosen.subjectId } : {}), amountFen: Math.round((v.amountFen ?? 0) * 100), termMonths: v.termMonths, purpose: v.purpose ?? '' });
      message.success(tx('申请已提交，等待人社部门审核', 'Requested: the HR bureau reviews it next'));
      await qc.invalidateQueries({ queryKey: ['loans'] });
      void navigate(`/loans/${loan.id}`);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['itemId'], ['amountFen'], ['termMonths'], ['purpose']]));
    }
  };
  return (
    <div>
      <PageHeading
        title={tx('创业担保贷款', 'Guaranteed start-up loans')}
        subtitle={tx('面向个人和小微企业、由人社部门审核资格、担保基金提供担保、合作银行发放的创业贷款；按季度核定财政贴息，经兑现流程拨付。', 'Start-up loans to persons and small enterprises, reviewed by the HR bureau, guaranteed by the guarantee fund and lent by a cooperating bank; the interest subsidy is assessed each quarter and paid through fulfilment.')}
      />
      <LoanList rows={mine.data ?? []} loading={mine.isLoading} testId="my-loans" showBorrower={new Set((mine.data ?? []).map((l) => l.borrowerName)).size > 1} />
      <Card size="small" title={tx('申请贷款', 'Request a loan')} style={{ marginTop: 16 }}>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ termMonths: 24 }} style={{ maxWidth: 560 }}>
          <Form.Item name="itemId" label={tx('贷款事项（仅列出您符合或可能符合条件的事项）', 'Loan item (only those you meet or may meet)')} rules={[{ required: true, message: tx('请选择贷款事项', 'Choose the loan item') }]}>
            <Select data-testid="loan-item" loading={items.isLoading} options={choices.map(({ key, item: i }) => ({ value: key, label: i.borrowerKind === 'enterprise' && i.borrowerName ? `${i.title[lang]}（${i.regionName}）— ${tx('借款企业', 'borrower')}：${i.borrowerName}` : `${i.title[lang]}（${i.regionName}）` }))} notFoundContent={tx('暂无您可以申请的贷款事项', 'No loan item you may request')} />
          </Form.Item>
          <Form.Item name="amountFen" label={tx('申请金额（元）', 'Amount (CNY)')} rules={[{ required: true, message: tx('请填写金额', 'Give the amount') }]}>
            <InputNumber min={1} precision={2} style={{ width: '100%' }} data-testid="loan-amount" />
          </Form.Item>
          <Form.Item name="termMonths" label={tx('期限（月）', 'Term (months)')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} style={{ width: '100%' }} data-testid="loan-term" />
          </Form.Item>
          <Form.Item name="purpose" label={tx('贷款用途', 'What the loan is for')} rules={[{ required: true, message: tx('请说明用途', 'Say what it is for') }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="loan-purpose" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="request-loan">
            {tx('提交申请', 'Request')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

// ---------------------------------------------------------------- the work list

export function WorkPage() {
  const tx = useTx();
  const { lang } = useLang();
  const { data: me } = useMe();
  usePageTitle(tx('担保贷款办理', 'Guaranteed loans'));
  const list = useWorkList();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data ?? [];
  const mayFund = hasPermission(me, 'loans.fund');
  const todo = rows.filter((l) => l.mayReview || l.mayGuarantee || (l.mayGrant && l.status === 'guaranteed'));
  const run = async () => {
    setProblem(null);
    try {
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const r = await runQuarters(today);
      if (r.computed > 0) message.success(tx(`已核算 ${r.computed} 笔季度贴息，已转入兑现流程`, `${r.computed} quarter subsidies computed and handed to fulfilment`));
      else message.info(tx('没有需要核算的季度：已结束的季度均已核算（每季度只核算一次）', 'Nothing to compute: every ended quarter is done (each once)'));
      await qc.invalidateQueries({ queryKey: ['loans'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  return (
    <div>
      <PageHeading
        title={tx('担保贷款办理', 'Guaranteed loans')}
        subtitle={tx('人社部门审核资格，担保基金作出担保决定并指定经办银行，银行放款；还款中的贷款列出下次还款日。', 'The HR bureau reviews eligibility, the guarantee fund decides and names the bank, the bank lends; loans being repaid show their next due date.')}
        extra={
          mayFund ? (
            <Space wrap>
              <Link to="/loans-finance">{tx('风险准备金与贴息规则', 'Reserve and subsidy rules')}</Link>
              <Button onClick={() => void run()} data-testid="run-quarters">{tx('核算已结束季度的贴息', 'Compute the ended quarters’ subsidies')}</Button>
            </Space>
          ) : null
        }
      />
      <ProblemAlert problem={problem} />
      <Card size="small" title={tx(`待办（${todo.length}）`, `To do (${todo.length})`)} style={{ marginBottom: 16 }}>
        <LoanList rows={todo} loading={list.isLoading} testId="loans-todo" showBorrower />
      </Card>
      <Card size="small" title={tx('全部贷款', 'All loans')}>
        <LoanList rows={rows} loading={list.isLoading} testId="loans-all" showBorrower />
      </Card>
      <ReservesCard />
    </div>
  );
}

// ---------------------------------------------------------------- a loan

// The step in progress: once requested, the HR review is next; once granted, repayment is under way.
const STEP: Record<LoanStatus, number> = { requested: 1, refused: 1, approved: 2, guaranteed: 3, granted: 4, repaid: 5, defaulted: 4 };
/** A schedule's figure: always in 元 with two decimals, so the column reads evenly ("260.00 元", not "260 元"). */
const yuanText = (fen: number, lang: 'zh' | 'en') => {
  const yuan = (fen / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return lang === 'zh' ? `${yuan} 元` : `CNY ${yuan}`;
};

function ReviewCard({ loan, guarantee }: { loan: LoanView; guarantee: boolean }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const banks = useBanks(loan.id, guarantee);
  const submit = async (v: { decision: string; reason?: string; bankOrganisationId?: string }) => {
    setProblem(null);
    try {
      if (guarantee) await guaranteeLoan(loan.id, { decision: v.decision === 'approve' ? 'guarantee' : 'refuse', bankOrganisationId: v.bankOrganisationId ?? null, reason: v.reason ?? '' });
      else await reviewLoan(loan.id, { decision: v.decision === 'approve' ? 'approve' : 'refuse', reason: v.reason ?? '' });
      await qc.invalidateQueries({ queryKey: ['loans'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['reason'], ['bankOrganisationId']]));
    }
  };
  return (
    <Card size="small" title={guarantee ? tx('担保决定', 'The guarantee') : tx('资格审核', 'Eligibility review')} style={{ marginBottom: 16 }} data-testid={guarantee ? 'guarantee-card' : 'review-card'}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ decision: 'approve' }} style={{ maxWidth: 560 }}>
        <Form.Item name="decision" label={tx('决定', 'Decision')}>
          <Radio.Group
            options={[
              { value: 'approve', label: guarantee ? tx('同意担保', 'Guarantee') : tx('审核通过', 'Approve') },
              { value: 'refuse', label: tx('不予通过', 'Refuse') },
            ]}
          />
        </Form.Item>
        {guarantee && (
          <Form.Item name="bankOrganisationId" label={tx('经办银行', 'Lending bank')}>
            <Select data-testid="bank" loading={banks.isLoading} options={(banks.data ?? []).map((b) => ({ value: b.id, label: b.name }))} notFoundContent={tx('本地区暂无合作银行', 'No cooperating bank in the region')} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={tx('理由（不予通过时必填）', 'Reason (required to refuse)')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid={guarantee ? 'submit-guarantee' : 'submit-review'}>
          {tx('提交', 'Submit')}
        </Button>
      </Form>
    </Card>
  );
}

function GrantCard({ loan }: { loan: LoanView }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const submit = async (v: { principalFen: number; annualRateBp: number; startOn: Dayjs; method: LoanMethod }) => {
    setProblem(null);
    try {
      await grantLoan(loan.id, { principalFen: Math.round((v.principalFen ?? 0) * 100), annualRateBp: Math.round((v.annualRateBp ?? 0) * 100), startOn: v.startOn?.format('YYYY-MM-DD') ?? '', method: v.method });
      await qc.invalidateQueries({ queryKey: ['loans'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['principalFen'], ['annualRateBp'], ['startOn'], ['method']]));
    }
  };
  return (
    <Card size="small" title={tx('放款', 'Grant the loan')} style={{ marginBottom: 16 }} data-testid="grant-card">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ principalFen: loan.amountFen / 100, annualRateBp: 4.35, method: 'equal_instalment' }} style={{ maxWidth: 560 }}>
        <Form.Item name="principalFen" label={tx('放款金额（元）', 'Principal (CNY)')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={2} style={{ width: '100%' }} data-testid="grant-principal" />
        </Form.Item>
        <Form.Item name="annualRateBp" label={tx('年利率（%）', 'Annual rate (%)')} rules={[{ required: true }]}>
          <InputNumber min={0} max={24} precision={2} style={{ width: '100%' }} data-testid="grant-rate" />
        </Form.Item>
        <Form.Item name="startOn" label={tx('放款日期', 'Paid out on')} rules={[{ required: true, message: tx('请选择放款日期', 'Choose the date') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="grant-start" />
        </Form.Item>
        <Form.Item name="method" label={tx('还款方式', 'Repayment')}>
          <Select data-testid="grant-method" options={LOAN_METHODS.map((m) => ({ value: m, label: LOAN_METHOD_LABELS[m][lang] }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="submit-grant">
          {tx('确认放款', 'Grant')}
        </Button>
      </Form>
    </Card>
  );
}

/** The lending bank records an early repayment made with a period's instalment: the schedule is recomputed from the next period. */
function PrepayCard({ loan }: { loan: LoanView }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  // Any period but the last (after it nothing is left to prepay), once each; the latest one already due first.
  const periods = loan.schedule.slice(0, -1).filter((p) => p.prepaidFen === 0);
  const latestDue = [...periods].reverse().find((p) => loan.nextDueOn === null || p.dueOn < loan.nextDueOn);
  const submit = async (v: { afterPeriod: number; principalFen: number }) => {
    setProblem(null);
    try {
      const after = await prepayLoan(loan.id, { afterPeriod: v.afterPeriod, principalFen: Math.round((v.principalFen ?? 0) * 100) });
      form.resetFields();
      message.success(after.status === 'repaid' ? tx('已登记提前还款，贷款已结清', 'Early repayment recorded: the loan is repaid') : tx('已登记提前还款，还款计划已重新计算', 'Early repayment recorded: the schedule is recomputed'));
      await qc.invalidateQueries({ queryKey: ['loans'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['afterPeriod'], ['principalFen']]));
    }
  };
  if (periods.length === 0) return null;
  return (
    <Card size="small" title={tx('登记提前还款', 'Record an early repayment')} style={{ marginBottom: 16 }} data-testid="prepay-card">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ afterPeriod: latestDue?.n }} style={{ maxWidth: 560 }}>
        <Form.Item
          name="afterPeriod"
          label={tx('提前还款日期（随该期还款一并归还）', 'Repaid on (with that period’s instalment)')}
          extra={tx('此后各期按新的剩余本金重新计算，期限不变。', 'The periods after it are recomputed on the principal left; the term stays.')}
          rules={[{ required: true, message: tx('请选择提前还款日期', 'Choose the date') }]}
        >
          <Select data-testid="prepay-period" options={periods.map((p) => ({ value: p.n, label: tx(`${p.dueOn}（第${p.n}期，剩余本金 ${yuanText(p.closingFen, lang)}）`, `${p.dueOn} (period ${p.n}, ${yuanText(p.closingFen, lang)} left)`) }))} />
        </Form.Item>
        <Form.Item name="principalFen" label={tx('提前归还本金（元）', 'Principal repaid early (CNY)')} rules={[{ required: true, message: tx('请填写提前归还的本金', 'Give the principal repaid') }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="prepay-amount" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="submit-prepay">
          {tx('登记', 'Record')}
        </Button>
      </Form>
    </Card>
  );
}

/** The lending bank reports a default, after a confirmation: the region's bad-debt reserve covers the loss. */
function DefaultCard({ loan }: { loan: LoanView }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const send = async (v: { defaultedOn: Dayjs; lossFen: number }) => {
    setProblem(null);
    try {
      await reportDefault(loan.id, { defaultedOn: v.defaultedOn?.format('YYYY-MM-DD') ?? '', lossFen: Math.round((v.lossFen ?? 0) * 100) });
      message.success(tx('已报告违约，风险准备金已代偿', 'Default reported: the reserve has covered the loss'));
      await qc.invalidateQueries({ queryKey: ['loans'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['defaultedOn'], ['lossFen']]));
    }
  };
  const confirm = (v: { defaultedOn: Dayjs; lossFen: number }) =>
    modal.confirm({
      title: tx('确认报告违约？', 'Report the default?'),
      content: tx(`风险准备金将代偿 ${yuanText(Math.round(v.lossFen * 100), lang)}，贷款转为已代偿，此操作不能撤销。`, `The bad-debt reserve will cover ${yuanText(Math.round(v.lossFen * 100), lang)} and the loan is closed as defaulted. This cannot be undone.`),
      okText: tx('确认报告', 'Report'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-default' } as ButtonProps,
      cancelText: tx('取消', 'Cancel'),
      onOk: () => send(v),
    });
  return (
    <Card size="small" title={tx('报告违约（风险准备金代偿）', 'Report a default (the reserve covers it)')} style={{ marginBottom: 16 }} data-testid="default-card">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={confirm} initialValues={{ lossFen: (loan.outstandingFen ?? 0) / 100 || undefined }} style={{ maxWidth: 560 }}>
        <Form.Item name="defaultedOn" label={tx('违约日期', 'Defaulted on')} rules={[{ required: true, message: tx('请选择违约日期', 'Choose the date') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="default-date" />
        </Form.Item>
        <Form.Item name="lossFen" label={tx('代偿金额（元）', 'Loss to cover (CNY)')} extra={tx('一般为未偿还本金；不能超过放款金额和风险准备金余额。', 'Usually the principal left; at most the principal and the reserve’s balance.')} rules={[{ required: true, message: tx('请填写代偿金额', 'Give the loss') }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="default-loss-input" />
        </Form.Item>
        <Button danger htmlType="submit" data-testid="submit-default">
          {tx('报告违约', 'Report the default')}
        </Button>
      </Form>
    </Card>
  );
}

function Subsidies({ loan }: { loan: LoanView }) {
  const tx = useTx();
  const { lang } = useLang();
  type Row = LoanView['subsidies'][number];
  return (
    <Card size="small" title={tx('季度贴息', 'Quarterly interest subsidies')} style={{ marginBottom: 16 }}>
      <ResponsiveList<Row>
        rows={loan.subsidies}
        rowKey={(s) => `${s.year}-${s.quarter}`}
        testId="subsidies"
        empty={<EmptyState description={tx('尚无已核定的季度贴息：每季度结束后核算。', 'No quarter assessed yet: each is computed when the quarter ends.')} />}
        columns={[
          { key: 'q', title: tx('季度', 'Quarter'), primary: true, render: (s) => tx(`${s.year}年第${s.quarter}季度`, `${s.year} Q${s.quarter}`) },
          { key: 'amount', title: tx('贴息', 'Subsidy'), render: (s) => amountText(s.subsidyFen, lang) },
          {
            key: 'split',
            title: tx('分担（省:市:县）', 'Shares (province:city:county)'),
            render: (s) => (
              <span data-testid="split">
                {`${s.weights.join(':')} — `}
                {s.sharesFen.map((f, i) => `${FUNDING_LEVEL_LABELS[i]![lang]} ${amountText(f, lang)}`).join('，')}
              </span>
            ),
          },
          {
            key: 'status',
            title: tx('状态', 'Status'),
            render: (s) => (s.status === 'paid' ? <Tag color="green">{tx(`已拨付 ${amountText(s.paidFen ?? 0, lang)}`, `Paid ${amountText(s.paidFen ?? 0, lang)}`)}</Tag> : s.status === 'nil' ? <Tag>{tx('本季度无应付利息', 'No interest due')}</Tag> : <Tag color="blue">{tx('兑现中', 'In fulfilment')}</Tag>),
          },
        ]}
      />
    </Card>
  );
}

function Schedule({ loan }: { loan: LoanView }) {
  const tx = useTx();
  const { lang } = useLang();
  type Row = LoanView['schedule'][number];
  const isPhone = useIsPhone();
  const [all, setAll] = useState(false);
  if (loan.schedule.length === 0) return null;
  // On a phone each period is a card: the periods from the next one due, six at a time, unless all are asked for.
  const from = loan.nextDueOn ? Math.max(0, loan.schedule.findIndex((p) => p.dueOn >= loan.nextDueOn!)) : 0;
  const folded = isPhone && !all && loan.schedule.length > 6;
  const rows = folded ? loan.schedule.slice(from, from + 6) : loan.schedule;
  return (
    <Card size="small" title={tx('还款计划', 'Repayment schedule')} style={{ marginBottom: 16 }}>
      <Chart
        title={tx('每期还款构成与贴息', 'Each period: principal, interest and subsidy')}
        categories={loan.schedule.map((p) => p.dueOn.slice(0, 7))}
        series={[
          { name: tx('本金', 'Principal'), values: loan.schedule.map((p) => p.principalFen / 100), stack: 'pay' },
          { name: tx('利息', 'Interest'), values: loan.schedule.map((p) => p.interestFen / 100), stack: 'pay' },
          { name: tx('贴息', 'Subsidy'), values: loan.schedule.map((p) => p.subsidyFen / 100), kind: 'line' },
        ]}
        format={(v) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} ${tx('元', 'CNY')}`}
        height={260}
        testId="schedule-chart"
      />
      <ResponsiveList<Row>
        rows={rows}
        rowKey={(p) => String(p.n)}
        testId="schedule"
        empty={<EmptyState description={tx('尚未放款。', 'Not granted yet.')} />}
        columns={[
          { key: 'n', title: tx('期次', 'Period'), primary: true, render: (p) => tx(`第${p.n}期（${p.dueOn}）`, `${p.n} (${p.dueOn})`) },
          { key: 'pay', title: tx('应还', 'Payment'), render: (p) => yuanText(p.paymentFen, lang) },
          { key: 'principal', title: tx('本金', 'Principal'), render: (p) => yuanText(p.principalFen, lang) },
          { key: 'interest', title: tx('利息', 'Interest'), render: (p) => yuanText(p.interestFen, lang) },
          { key: 'subsidy', title: tx('贴息', 'Subsidy'), render: (p) => yuanText(p.subsidyFen, lang) },
          ...(loan.schedule.some((p) => p.prepaidFen > 0) ? [{ key: 'prepaid', title: tx('提前还款', 'Repaid early'), render: (p: Row) => (p.prepaidFen > 0 ? <span data-testid="prepaid">{yuanText(p.prepaidFen, lang)}</span> : '—') }] : []),
          { key: 'left', title: tx('剩余本金', 'Left'), render: (p) => yuanText(p.closingFen, lang) },
        ]}
      />
      {folded && (
        <Button block style={{ marginTop: 12 }} onClick={() => setAll(true)} data-testid="schedule-all">
          {tx(`显示全部 ${loan.schedule.length} 期`, `Show all ${loan.schedule.length} periods`)}
        </Button>
      )}
    </Card>
  );
}

export function LoanPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const page = useLoan(id);
  const { data: me } = useMe();
  usePageTitle(tx('创业担保贷款', 'Guaranteed start-up loan'));
  // Back to where this reader comes from: the office's or the bank's work list, or the borrower's own loans.
  const atWork = hasPermission(me, 'loans.review') || hasPermission(me, 'loans.guarantee') || (me?.memberships ?? []).some((m) => m.organisationKind === 'financial_institution');
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const l = page.data;
  return (
    <div>
      <PageHeading title={`${l.itemTitle[lang]} · ${l.borrowerName}`} extra={<Space>{atWork ? <Link to="/loans-work">{tx('担保贷款办理', 'Guaranteed loans')}</Link> : <Link to="/loans">{tx('我的贷款', 'My loans')}</Link>}</Space>} />
      <Steps
        size="small"
        style={{ marginBottom: 16 }}
        current={STEP[l.status]}
        status={l.status === 'refused' || l.status === 'defaulted' ? 'error' : undefined}
        items={[{ title: tx('申请', 'Request') }, { title: tx('人社审核', 'HR review') }, { title: tx('担保', 'Guarantee') }, { title: tx('放款', 'Grant') }, { title: tx('还款与贴息', 'Repayment') }]}
      />
      <Card size="small" title={tx('贷款概况', 'The loan')} style={{ marginBottom: 16 }} extra={<StatusTag status={l.status} />}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'amount', label: tx('申请金额', 'Requested'), children: amountText(l.amountFen, lang) },
            { key: 'term', label: tx('期限', 'Term'), children: tx(`${l.termMonths} 个月`, `${l.termMonths} months`) },
            { key: 'purpose', label: tx('用途', 'Purpose'), children: l.purpose, span: 2 },
            ...(l.refusalReason ? [{ key: 'reason', label: tx('不予通过的理由', 'Reason for refusal'), children: l.refusalReason, span: 2 }] : []),
            ...(l.bankName ? [{ key: 'bank', label: tx('经办银行', 'Bank'), children: l.bankName }] : []),
            ...(l.principalFen !== null ? [{ key: 'principal', label: tx('放款金额', 'Principal'), children: <span data-testid="principal">{amountText(l.principalFen, lang)}</span> }] : []),
            ...(l.annualRateBp !== null ? [{ key: 'rate', label: tx('年利率', 'Annual rate'), children: rateText(l.annualRateBp) }] : []),
            ...(l.method ? [{ key: 'method', label: tx('还款方式', 'Repayment'), children: LOAN_METHOD_LABELS[l.method][lang] }] : []),
            ...(l.startOn ? [{ key: 'start', label: tx('放款日期', 'Paid out on'), children: l.startOn }] : []),
            ...(l.outstandingFen !== null && l.status === 'granted' ? [{ key: 'outstanding', label: tx('剩余本金', 'Principal left'), children: <span data-testid="outstanding">{yuanText(l.outstandingFen, lang)}</span> }] : []),
            ...(l.defaultedOn ? [{ key: 'defaulted', label: tx('违约日期', 'Defaulted on'), children: l.defaultedOn }] : []),
            ...(l.defaultLossFen !== null ? [{ key: 'loss', label: tx('风险准备金代偿', 'Covered by the reserve'), children: <span data-testid="default-loss">{yuanText(l.defaultLossFen, lang)}</span> }] : []),
            ...(l.nextDueOn ? [{ key: 'next', label: tx('下次还款日', 'Next due'), children: l.nextDueOn }] : []),
            { key: 'subsidy', label: tx('贴息政策', 'Interest subsidy'), children: l.subsidyTitle[lang], span: 2 },
          ]}
        />
      </Card>
      {l.mayReview && <ReviewCard loan={l} guarantee={false} />}
      {l.mayGuarantee && <ReviewCard loan={l} guarantee />}
      {l.mayGrant && l.status === 'guaranteed' && <GrantCard loan={l} />}
      {l.status === 'defaulted' && l.defaultLossFen !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="default-alert"
          message={tx(`该贷款已于 ${l.defaultedOn ?? ''} 违约，风险准备金已代偿 ${yuanText(l.defaultLossFen, lang)}。`, `Defaulted on ${l.defaultedOn ?? ''}: the bad-debt reserve covered ${yuanText(l.defaultLossFen, lang)}.`)}
        />
      )}
      {l.mayGrant && l.status === 'granted' && <PrepayCard loan={l} />}
      {l.mayGrant && l.status === 'granted' && <DefaultCard loan={l} />}
      {/* The quarters' subsidies once there is a schedule to subsidise (before the grant there is nothing to assess). */}
      {(l.schedule.length > 0 || l.subsidies.length > 0) && <Subsidies loan={l} />}
      <Schedule loan={l} />
    </div>
  );
}
