/** Lists: my applications, the officers' inbox (with overdue work), finance's budgets and payables. */
import { App as AntApp, Button, Card, Drawer, Form, InputNumber, Modal, Progress, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { BudgetableItem } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { showInstant } from '../../app/time';
import { useState } from 'react';
import { Link, Navigate } from 'react-router';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { hasPermission, useMe } from '../../app/auth';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { setBudget, useBudgetLedger, useBudgets, useFulfilmentMutation, useInbox, useMyApplications, useOverdue, usePayables, type ApplicationSummary, type Budget } from './fulfilment.api';
import { Money, StatusTag, fm } from './fulfilment-parts';
import { BudgetChangesCard, isBudgetChange } from './budget-changes';
import { PolicyItemName } from '../policies';

const m = defineMessages({
  zh: {
    mine: '我的申请',
    mineHint: '政策兑现申请与免申即享待办奖补，点击查看办理进度。',
    none: '暂无',
    inbox: '政策兑现待办',
    overdue: '超期督办（全部门）',
    payables: '待拨付',
    budgets: '预算执行',
    finance: '预算与拨付',
    reference: '编号',
    item: '政策事项',
    subject: '申请主体',
    status: '当前环节',
    due: '期限',
    amount: '金额',
    department: '受理部门',
    year: '年度',
    budget: '预算',
    committed: '已批复待拨付',
    paid: '已拨付',
    left: '余额',
    progress: '执行进度',
    threshold: '复核门槛',
    exportAwards: '导出奖补名单（Excel）',
    setBudget: '安排预算',
    itemId: '政策事项',
    itemPick: '选择本部门所辖地区的政策事项',
    ledger: '台账',
    ledgerTitle: (item: string, year: number) => `预算台账：${item}（${year}年）`,
    at: '时间',
    kind: '类型',
    commitment: '批复占用',
    release: '撤销释放',
    payment: '拨付',
    application: '申请',
    open: '查看申请',
    noLedger: '该预算尚无收支记录',
    budgetYuan: '年度预算（元）',
    thresholdYuan: '超过此金额须第二人复核（元）',
    save: '保存',
    proposed: '已提出调整：须由另一名财务人员批准后生效',
    findPolicies: '查找可申请的政策',
  },
  en: {
    mine: 'My applications',
    mineHint: 'Applications and pending awards (no application needed); open one to see its progress.',
    none: 'Nothing here',
    inbox: 'Fulfilment inbox',
    overdue: 'Overdue work (all departments)',
    payables: 'Awaiting payment',
    budgets: 'Budgets',
    finance: 'Budgets and payments',
    reference: 'Reference',
    item: 'Item',
    subject: 'Applicant',
    status: 'Stage',
    due: 'Due',
    amount: 'Amount',
    department: 'Department',
    year: 'Year',
    budget: 'Budget',
    committed: 'Committed',
    paid: 'Paid',
    left: 'Left',
    progress: 'Spent',
    threshold: 'Second approval above',
    exportAwards: 'Export award list (Excel)',
    setBudget: 'Set a budget',
    itemId: 'Policy item',
    itemPick: 'Pick an item of the region your department covers',
    ledger: 'Ledger',
    ledgerTitle: (item: string, year: number) => `Budget ledger: ${item} (${year})`,
    at: 'Time',
    kind: 'Entry',
    commitment: 'Committed at approval',
    release: 'Released',
    payment: 'Paid',
    application: 'Application',
    open: 'Open the application',
    noLedger: 'No entries on this budget yet',
    budgetYuan: 'Budget for the year (CNY)',
    thresholdYuan: 'Second approval above (CNY)',
    save: 'Save',
    proposed: 'Change proposed: it takes effect when a second finance officer approves it',
    findPolicies: 'Find policies to apply for',
  },
});

function ApplicationTable({ rows, testId }: { rows: ApplicationSummary[]; testId: string }) {
  const t = useMessages(m);
  const f = useMessages(fm);
  const l = useLocalise();
  if (rows.length === 0) return <EmptyState description={t.none} />;
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: true }}
      columns={[
        { title: t.reference, dataIndex: 'reference', render: (v: string, r) => <Link to={`/fulfilment/applications/${r.id}`}>{v}</Link> },
        {
          title: t.item,
          key: 'item',
          render: (_: unknown, r) => (
            <>
              {l(r.itemTitle)} {r.origin === 'automatic' ? <Tag color="green">{f.automatic}</Tag> : null}
            </>
          ),
        },
        { title: t.subject, dataIndex: 'subjectName' },
        { title: t.status, key: 'status', render: (_: unknown, r) => <StatusTag a={r} /> },
        { title: t.due, dataIndex: 'stageDueOn', render: (v: string | null) => v ?? '—' },
        { title: t.amount, key: 'amount', render: (_: unknown, r) => <Money fen={r.approvedFen ?? r.amountFen} /> },
        { title: t.department, key: 'dept', render: (_: unknown, r) => r.department.name },
      ]}
    />
  );
}

export function MyApplicationsPage() {
  const t = useMessages(m);
  usePageTitle(t.mine);
  const q = useMyApplications();
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div>
      <PageHeading title={t.mine} subtitle={t.mineHint} extra={<Link to="/finder/matches">{t.findPolicies}</Link>} />
      <ApplicationTable rows={q.data} testId="my-applications" />
    </div>
  );
}

export function InboxPage() {
  const t = useMessages(m);
  usePageTitle(t.inbox);
  const me = useMe();
  const reviews = hasPermission(me.data, 'fulfilment.review');
  const supervises = hasPermission(me.data, 'fulfilment.supervise');
  const inbox = useInbox(reviews && supervises);
  const overdue = useOverdue(supervises);
  // The inbox became the workbench: old links of officials land there.
  if (me.data && !supervises && hasPermission(me.data, 'fulfilment.work')) return <Navigate to="/workbench" replace />;
  return (
    <div>
      <PageHeading
        title={t.inbox}
        extra={
          hasPermission(me.data, 'fulfilment.export') ? (
            <a href="/api/v1/fulfilment/awards.xlsx" download>
              {t.exportAwards}
            </a>
          ) : null
        }
      />
      {reviews && supervises ? (
        <Card style={{ marginBottom: 16 }}>
          {inbox.isPending ? <PageLoading /> : inbox.isError ? <LoadError error={inbox.error} /> : <ApplicationTable rows={inbox.data} testId="inbox" />}
        </Card>
      ) : null}
      {supervises ? (
        <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.overdue}</Typography.Title>}>
          {overdue.isPending ? <PageLoading /> : overdue.isError ? <LoadError error={overdue.error} /> : <ApplicationTable rows={overdue.data} testId="overdue" />}
        </Card>
      ) : null}
    </div>
  );
}

/**
 * A finance officer sets an item's budget for a year and its second-approval threshold. The first
 * time it is created at once; a change of an existing budget waits for a second finance officer.
 */
/** The items the reader's finance departments may open a budget for (the server knows the regions they cover). */
function useBudgetableItems(enabled: boolean) {
  return useQuery({
    queryKey: ['fulfilment', 'budgetable-items'],
    enabled,
    queryFn: async () => (await api.get<{ items: BudgetableItem[] }>('/budgets/items')).items,
  });
}

function BudgetForm({ financeDepartmentId }: { financeDepartmentId: string }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const mutation = useFulfilmentMutation(setBudget);
  const l = useLocalise();
  const items = useBudgetableItems(open);
  // Options are keyed by position: a select writes its values into the page (for screen readers), and an item id is no text for people.
  const choices = (items.data ?? []).filter((p) => p.financeDepartmentIds.includes(financeDepartmentId));
  const onFinish = async (v: { itemId: string; year: number; amount: number; threshold: number }) => {
    setProblem(null);
    try {
      const result = await mutation.mutateAsync({ itemId: choices[Number(v.itemId)]?.id ?? '', year: v.year, amountFen: Math.round(v.amount * 100), secondApprovalThresholdFen: Math.round(v.threshold * 100), financeDepartmentId });
      if (isBudgetChange(result)) void message.info(t.proposed);
      setOpen(false);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['itemId'], ['year'], ['amountFen'], ['secondApprovalThresholdFen']]));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t.setBudget}</Button>
      <Modal open={open} title={t.setBudget} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={(v) => void onFinish(v)}>
          <Form.Item name="itemId" label={t.itemId} rules={[{ required: true }]} extra={t.itemPick}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={items.isPending}
              aria-label={t.itemId}
              options={choices.map((p, i) => ({ value: String(i), label: `${l(p.title)}${p.documentNumber ? `（${p.documentNumber}）` : ''}` }))}
            />
          </Form.Item>
          <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item name="amount" label={t.budgetYuan} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="threshold" label={t.thresholdYuan} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} style={{ width: 240 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {t.save}
          </Button>
        </Form>
      </Modal>
    </>
  );
}

export function FinancePage() {
  const t = useMessages(m);
  usePageTitle(t.finance);
  const me = useMe();
  const pays = hasPermission(me.data, 'fulfilment.pay');
  const budgets = useBudgets(pays);
  const payables = usePayables(pays);
  const financeMembership = me.data?.memberships.find((x) => x.roles.includes('finance'));
  const financeDepartment = financeMembership?.organisationId;
  const [ledgerOf, setLedgerOf] = useState<Budget | null>(null);
  return (
    <div>
      <PageHeading
        title={t.finance}
        extra={
          <>
            {financeDepartment ? <BudgetForm financeDepartmentId={financeDepartment} /> : null}{' '}
            <a href="/api/v1/fulfilment/awards.xlsx" download>
              {t.exportAwards}
            </a>
          </>
        }
      />
      {financeDepartment && me.data ? <BudgetChangesCard myUserId={me.data.user.id} /> : null}
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.budgets}</Typography.Title>} style={{ marginBottom: 16 }}>
        {budgets.isPending ? (
          <PageLoading />
        ) : budgets.isError ? (
          <LoadError error={budgets.error} />
        ) : (
          <Table
            data-testid="budgets"
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={budgets.data}
            columns={[
              { title: t.item, dataIndex: 'itemId', render: (id: string) => <PolicyItemName id={id} /> },
              { title: t.year, dataIndex: 'year' },
              { title: t.budget, key: 'a', render: (_: unknown, b) => <Money fen={b.amountFen} /> },
              { title: t.committed, key: 'c', render: (_: unknown, b) => <Money fen={b.committedFen} /> },
              { title: t.paid, key: 'p', render: (_: unknown, b) => <Money fen={b.paidFen} /> },
              { title: t.left, key: 'l', render: (_: unknown, b) => <Money fen={b.leftFen} /> },
              {
                title: t.progress,
                key: 'bar',
                render: (_: unknown, b) => (
                  <Progress
                    percent={b.amountFen ? Math.round(((b.paidFen + b.committedFen) / b.amountFen) * 100) : 0}
                    success={{ percent: b.amountFen ? Math.round((b.paidFen / b.amountFen) * 100) : 0 }}
                    size="small"
                    style={{ width: 140 }}
                  />
                ),
              },
              { title: t.threshold, key: 't', render: (_: unknown, b) => <Money fen={b.secondApprovalThresholdFen} /> },
              {
                title: '',
                key: 'ledger',
                render: (_: unknown, b) => (
                  <Button size="small" onClick={() => setLedgerOf(b)}>
                    {t.ledger}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <LedgerDrawer budget={ledgerOf} onClose={() => setLedgerOf(null)} />
      <Card title={<Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t.payables}</Typography.Title>}>
        {payables.isPending ? <PageLoading /> : payables.isError ? <LoadError error={payables.error} /> : <ApplicationTable rows={payables.data} testId="payables" />}
      </Card>
    </div>
  );
}

/** A budget's journal: each commitment, release and payment with the balances after it. */
function LedgerDrawer({ budget, onClose }: { budget: Budget | null; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const ledger = useBudgetLedger(budget?.id ?? null);
  const title = useItemTitle(budget?.itemId);
  const kinds: Record<string, { label: string; colour: string }> = {
    commitment: { label: t.commitment, colour: 'gold' },
    release: { label: t.release, colour: 'default' },
    payment: { label: t.payment, colour: 'green' },
  };
  return (
    <Drawer open={!!budget} onClose={onClose} size={960} title={budget ? t.ledgerTitle(title, budget.year) : ''} destroyOnHidden>
      {ledger.isPending ? (
        <PageLoading />
      ) : ledger.isError ? (
        <LoadError error={ledger.error} />
      ) : ledger.data.length === 0 ? (
        <EmptyState description={t.noLedger} />
      ) : (
        <Table
          data-testid="budget-ledger"
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={ledger.data}
          columns={[
            { title: t.at, dataIndex: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{showInstant(v, lang)}</span> },
            { title: t.kind, dataIndex: 'kind', render: (k: string) => <Tag color={kinds[k]?.colour}>{kinds[k]?.label ?? '—'}</Tag> },
            { title: t.amount, key: 'a', align: 'right', render: (_: unknown, e) => <Money fen={e.amountFen} /> },
            { title: t.committed, key: 'c', align: 'right', render: (_: unknown, e) => <Money fen={e.committedFen} /> },
            { title: t.paid, key: 'p', align: 'right', render: (_: unknown, e) => <Money fen={e.paidFen} /> },
            { title: t.left, key: 'l', align: 'right', render: (_: unknown, e) => <Money fen={e.leftFen} /> },
            { title: t.application, key: 'app', render: (_: unknown, e) => <Link style={{ whiteSpace: 'nowrap' }} to={`/fulfilment/applications/${e.awardId}`}>{t.open}</Link> },
          ]}
        />
      )}
    </Drawer>
  );
}

/** An item's title for headings (the catalogue's, in the reader's language). */
function useItemTitle(id: string | undefined): string {
  const l = useLocalise();
  const q = useQuery({ queryKey: ['policies', id, 'detail'], queryFn: () => api.get<{ title: { zh: string; en: string } }>(`/policies/${encodeURIComponent(id ?? '')}`), enabled: !!id, staleTime: 5 * 60_000 });
  return q.data ? l(q.data.title) : '';
}
