/**
 * The officials' workbench (工作台): 待办, what the reader may act on now, soonest due first, with
 * each row's deadline and the step waiting for them; 已办, the applications they acted on. Search
 * and filters (item, stage, applicant, overdue) work over both lists; complete applications at
 * acceptance can be accepted together (受理, each on its own, with a result per application).
 * Each row opens the application page, where the step is done.
 */
import { Alert, App as AntApp, Badge, Button, Card, Checkbox, Flex, Grid, Input, List, Popconfirm, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../app/auth';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { shanghaiToday, showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { batchAccept, useFulfilmentMutation, useWorkbench, type BatchActionResult, type WorkbenchEntry } from './fulfilment.api';
import { Money, StatusTag, fm } from './fulfilment-parts';

const STEPS_ZH: Record<string, string> = {
  accept: '受理',
  pass: '审核',
  approve: '批复',
  assess: '专家评分',
  conclude: '结束公示',
  resolve_objection: '处理异议',
  pay: '拨付',
};
const STEPS_EN: Record<string, string> = {
  accept: 'Accept',
  pass: 'Review',
  approve: 'Approve',
  assess: 'Score',
  conclude: 'End publicity',
  resolve_objection: 'Resolve objection',
  pay: 'Pay',
};

const m = defineMessages({
  zh: {
    title: '工作台',
    subtitle: '待办事项按办理期限排列；点击一行进入申请页办理。',
    todo: '待办',
    done: '已办',
    search: '搜索编号、申请主体或事项',
    item: '政策事项',
    stage: '当前环节',
    applicant: '申请主体',
    overdueOnly: '只看已超期',
    credit: '守信激励',
    creditPriority: '守信优先',
    creditPriorityHint: '申请主体信用评级为A级且未列入严重失信名单，可优先办理',
    reference: '编号',
    due: '办理期限',
    amount: '金额',
    stepTitle: '待办事项',
    mine: '我的办理',
    open: '办理',
    view: '查看',
    clear: '清除筛选',
    batch: (n: number) => `批量受理（${n}）`,
    batchConfirm: (n: number) => `确定受理选中的 ${n} 份申请？每份申请分别受理，互不影响。`,
    batchHint: '可勾选处于受理环节的申请批量受理。',
    batchDone: (ok: number, all: number) => `已受理 ${ok} / ${all} 份`,
    accepted: '已受理',
    refused: '未受理',
    noTodo: '暂无待办，辛苦了',
    noDone: '还没有办理过的申请',
    noMatch: '没有符合筛选条件的申请',
    dueToday: '今天到期',
    daysLeft: (n: number) => `剩 ${n} 天`,
    daysOver: (n: number) => `超期 ${n} 天`,
    confirm: '确定',
    cancel: '取消',
    exportAwards: '导出奖补名单（Excel）',
    budgets: '预算与台账',
    step: (a: string) => STEPS_ZH[a] ?? '',
  },
  en: {
    title: 'Workbench',
    subtitle: 'Work to do, soonest due first; open a row to act on the application.',
    todo: 'To do',
    done: 'Done',
    search: 'Search by reference, applicant or item',
    item: 'Item',
    stage: 'Stage',
    applicant: 'Applicant',
    overdueOnly: 'Overdue only',
    credit: 'Good credit',
    creditPriority: 'Good credit first',
    creditPriorityHint: 'The applicant is rated A and not on the serious-violation list: it may be handled first',
    reference: 'Reference',
    due: 'Due',
    amount: 'Amount',
    stepTitle: 'Your step',
    mine: 'What I did',
    open: 'Open',
    view: 'View',
    clear: 'Clear filters',
    batch: (n: number) => `Accept ${n} selected`,
    batchConfirm: (n: number) => `Accept the ${n} selected applications? Each is accepted on its own.`,
    batchHint: 'Tick applications at acceptance to accept them together.',
    batchDone: (ok: number, all: number) => `${ok} of ${all} accepted`,
    accepted: 'Accepted',
    refused: 'Not accepted',
    noTodo: 'Nothing waits for you',
    noDone: 'You have not acted on an application yet',
    noMatch: 'No application matches the filters',
    dueToday: 'due today',
    daysLeft: (n: number) => `${n} day(s) left`,
    daysOver: (n: number) => `${n} day(s) overdue`,
    confirm: 'Yes',
    cancel: 'Cancel',
    exportAwards: 'Export award list (Excel)',
    budgets: 'Budgets and ledgers',
    step: (a: string) => STEPS_EN[a] ?? '',
  },
});

/** Calendar days from `from` to `to` (both YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function CreditPriorityTag() {
  const t = useMessages(m);
  return (
    <Tooltip title={t.creditPriorityHint}>
      <Tag color="gold" data-testid="credit-priority">
        {t.creditPriority}
      </Tag>
    </Tooltip>
  );
}

function Deadline({ due, overdue }: { due: string | null; overdue: boolean }) {
  const t = useMessages(m);
  if (!due) return <>—</>;
  const left = daysBetween(shanghaiToday(), due);
  return (
    <span data-testid="deadline">
      {due}{' '}
      {overdue || left < 0 ? (
        <Tag color="red">{t.daysOver(Math.max(1, -left))}</Tag>
      ) : left === 0 ? (
        <Tag color="orange">{t.dueToday}</Tag>
      ) : (
        <Typography.Text type={left <= 2 ? 'warning' : 'secondary'}>{t.daysLeft(left)}</Typography.Text>
      )}
    </span>
  );
}

/** The step waiting for the reader, in words (accept, review, score, approve, end publicity, resolve an objection, pay). */
function StepTags({ actions }: { actions: string[] }) {
  const t = useMessages(m);
  const steps = [...new Set(actions.map((a) => t.step(a)).filter((x) => x))];
  return (
    <>
      {steps.map((s) => (
        <Tag key={s} color="blue">
          {s}
        </Tag>
      ))}
    </>
  );
}

interface Filters {
  q: string;
  item: string | undefined;
  stage: string | undefined;
  applicant: string | undefined;
  overdue: boolean;
}

function applyFilters(rows: WorkbenchEntry[], f: Filters, localise: (t: { zh: string; en: string }) => string): WorkbenchEntry[] {
  const q = f.q.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!q || [r.reference, r.subjectName, localise(r.itemTitle), r.itemTitle.zh].some((x) => x.toLowerCase().includes(q))) &&
      (!f.item || localise(r.itemTitle) === f.item) &&
      (!f.stage || localise(r.statusLabel) === f.stage) &&
      (!f.applicant || r.subjectName === f.applicant) &&
      (!f.overdue || r.overdue),
  );
}

function BatchResults({ result, onClose }: { result: BatchActionResult; onClose: () => void }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const ok = result.results.filter((r) => r.ok).length;
  return (
    <Alert
      data-testid="batch-results"
      type={ok === result.results.length ? 'success' : 'warning'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={t.batchDone(ok, result.results.length)}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {result.results.map((r) => (
            <li key={r.id}>
              {r.reference ?? '—'}：{r.ok ? `${t.accepted} → ${l(r.statusLabel)}` : `${t.refused}：${r.problem ? (lang === 'zh' ? r.problem.message.zh : r.problem.message.en) : ''}`}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function WorkList({ rows, kind, selected, onSelect }: { rows: WorkbenchEntry[]; kind: 'todo' | 'done'; selected: string[]; onSelect: (ids: string[]) => void }) {
  const t = useMessages(m);
  const f = useMessages(fm);
  const l = useLocalise();
  const { lang } = useLang();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const link = (r: WorkbenchEntry) => `/fulfilment/applications/${r.id}`;
  const mine = (r: WorkbenchEntry) => (r.myLastAction ? `${f.action(r.myLastAction.action)} · ${showInstant(r.myLastAction.at, lang)}` : '—');
  if (!screens.md) {
    // Phones: one card per application.
    return (
      <List
        data-testid={`workbench-${kind}`}
        dataSource={rows}
        renderItem={(r) => (
          <List.Item style={{ display: 'block' }} data-testid="workbench-row">
            <Flex justify="space-between" align="start" gap={8}>
              <div style={{ minWidth: 0 }}>
                {kind === 'todo' && r.actions.includes('accept') ? (
                  <Checkbox
                    checked={selected.includes(r.id)}
                    onChange={(e) => onSelect(e.target.checked ? [...selected, r.id] : selected.filter((x) => x !== r.id))}
                    aria-label={`${t.reference} ${r.reference}`}
                    style={{ marginInlineEnd: 8 }}
                  />
                ) : null}
                <Link to={link(r)}>
                  <Typography.Text strong>{l(r.itemTitle)}</Typography.Text>
                </Link>
                <div>
                  <Typography.Text type="secondary">
                    {r.reference} · {r.subjectName}
                  </Typography.Text>
                  {r.creditPriority ? <CreditPriorityTag /> : null}
                </div>
              </div>
              <StatusTag a={r} />
            </Flex>
            <Flex gap={8} wrap style={{ marginTop: 6 }} align="center">
              {kind === 'todo' ? (
                <>
                  <span>
                    {t.due}：<Deadline due={r.stageDueOn} overdue={r.overdue} />
                  </span>
                  <StepTags actions={r.actions} />
                </>
              ) : (
                <Typography.Text type="secondary">{mine(r)}</Typography.Text>
              )}
              <Money fen={r.approvedFen ?? r.amountFen} />
            </Flex>
          </List.Item>
        )}
      />
    );
  }
  return (
    <Table
      data-testid={`workbench-${kind}`}
      size="middle"
      rowKey="id"
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: true }}
      onRow={(r) => ({ 'data-testid': 'workbench-row', onDoubleClick: () => void navigate(link(r)) }) as React.HTMLAttributes<HTMLElement>}
      rowSelection={
        kind === 'todo'
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !r.actions.includes('accept'), 'aria-label': `${t.reference} ${r.reference}` }),
            }
          : undefined
      }
      columns={[
        { title: t.reference, dataIndex: 'reference', render: (v: string, r) => <Link to={link(r)}>{v}</Link> },
        {
          title: t.item,
          key: 'item',
          render: (_: unknown, r) => (
            <>
              {l(r.itemTitle)} {r.origin === 'automatic' ? <Tag color="green">{f.automatic}</Tag> : null}
            </>
          ),
        },
        { title: t.applicant, dataIndex: 'subjectName' },
        {
          title: t.credit,
          key: 'credit',
          // 守信优先 first when sorted (joint rewards for good credit); the list stays by due date otherwise.
          sorter: (a: WorkbenchEntry, b: WorkbenchEntry) => Number(!!b.creditPriority) - Number(!!a.creditPriority),
          sortDirections: ['ascend' as const],
          render: (_: unknown, r: WorkbenchEntry) => (r.creditPriority ? <CreditPriorityTag /> : null),
        },
        { title: t.stage, key: 'status', render: (_: unknown, r) => <StatusTag a={r} /> },
        ...(kind === 'todo'
          ? [
              { title: t.due, key: 'due', render: (_: unknown, r: WorkbenchEntry) => <Deadline due={r.stageDueOn} overdue={r.overdue} /> },
              { title: t.stepTitle, key: 'step', render: (_: unknown, r: WorkbenchEntry) => <StepTags actions={r.actions} /> },
            ]
          : [{ title: t.mine, key: 'mine', render: (_: unknown, r: WorkbenchEntry) => mine(r) }]),
        { title: t.amount, key: 'amount', align: 'right' as const, render: (_: unknown, r) => <Money fen={r.approvedFen ?? r.amountFen} /> },
        {
          title: '',
          key: 'open',
          render: (_: unknown, r) => (
            <Button size="small" type={kind === 'todo' ? 'primary' : 'default'} onClick={() => void navigate(link(r))}>
              {kind === 'todo' ? t.open : t.view}
            </Button>
          ),
        },
      ]}
    />
  );
}

export function WorkbenchPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  usePageTitle(t.title);
  const me = useMe();
  const works = hasPermission(me.data, 'fulfilment.work');
  const q = useWorkbench(works);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'done' ? 'done' : 'todo';
  const [filters, setFilters] = useState<Filters>({ q: '', item: undefined, stage: undefined, applicant: undefined, overdue: false });
  const [selected, setSelected] = useState<string[]>([]);
  const [result, setResult] = useState<BatchActionResult | null>(null);
  const accept = useFulfilmentMutation(batchAccept);
  const all = useMemo(() => [...(q.data?.todo ?? []), ...(q.data?.done ?? [])], [q.data]);
  const options = useMemo(() => {
    const unique = <T,>(xs: [string, T][]) => [...new Map(xs)].map(([value, label]) => ({ value, label }));
    return {
      // Keyed by their labels: a select writes its values into the page, and codes are no text for people.
      items: unique(all.map((r) => [l(r.itemTitle), l(r.itemTitle)])),
      stages: unique(all.map((r) => [l(r.statusLabel), l(r.statusLabel)])),
      applicants: unique(all.map((r) => [r.subjectName, r.subjectName])),
    };
  }, [all, l]);
  if (me.isPending || (works && q.isPending)) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data ?? { todo: [], done: [] };
  const todo = applyFilters(data.todo, filters, l);
  const done = applyFilters(data.done, filters, l);
  const filtered = filters.q || filters.item || filters.stage || filters.applicant || filters.overdue;
  const acceptable = selected.filter((id) => data.todo.some((r) => r.id === id && r.actions.includes('accept')));
  const runBatch = async () => {
    try {
      const r = await accept.mutateAsync(acceptable);
      setResult(r);
      setSelected([]);
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  const body = (rows: WorkbenchEntry[], kind: 'todo' | 'done') =>
    rows.length === 0 ? (
      <EmptyState description={filtered ? t.noMatch : kind === 'todo' ? t.noTodo : t.noDone} />
    ) : (
      <WorkList rows={rows} kind={kind} selected={acceptable} onSelect={setSelected} />
    );
  return (
    <div>
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Space wrap>
            {hasPermission(me.data, 'fulfilment.pay') ? <Link to="/fulfilment/finance">{t.budgets}</Link> : null}
            {hasPermission(me.data, 'fulfilment.export') ? (
              <a href="/api/v1/fulfilment/awards.xlsx" download>
                {t.exportAwards}
              </a>
            ) : null}
          </Space>
        }
      />
      {result ? <BatchResults result={result} onClose={() => setResult(null)} /> : null}
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 12 } }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            placeholder={t.search}
            aria-label={t.search}
            value={filters.q}
            onChange={(e) => setFilters({ ...filters, q: e.target.value })}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
          <Select allowClear placeholder={t.item} aria-label={t.item} value={filters.item} onChange={(v?: string) => setFilters({ ...filters, item: v })} options={options.items} style={{ flex: '1 1 200px', maxWidth: 280 }} popupMatchSelectWidth={false} />
          <Select allowClear placeholder={t.stage} aria-label={t.stage} value={filters.stage} onChange={(v?: string) => setFilters({ ...filters, stage: v })} options={options.stages} style={{ flex: '1 1 120px', maxWidth: 180 }} />
          <Select allowClear showSearch placeholder={t.applicant} aria-label={t.applicant} value={filters.applicant} onChange={(v?: string) => setFilters({ ...filters, applicant: v })} options={options.applicants} style={{ flex: '1 1 200px', maxWidth: 280 }} popupMatchSelectWidth={false} />
          <Checkbox checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })}>
            {t.overdueOnly}
          </Checkbox>
          {filtered ? (
            <Button type="link" onClick={() => setFilters({ q: '', item: undefined, stage: undefined, applicant: undefined, overdue: false })}>
              {t.clear}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'done' ? { tab: 'done' } : {}, { replace: true })}
          tabBarExtraContent={
            tab === 'todo' && data.todo.some((r) => r.actions.includes('accept')) ? (
              <Popconfirm title={t.batchConfirm(acceptable.length)} okText={t.confirm} cancelText={t.cancel} onConfirm={() => void runBatch()} disabled={acceptable.length === 0}>
                <Button type="primary" disabled={acceptable.length === 0} loading={accept.isPending}>
                  {t.batch(acceptable.length)}
                </Button>
              </Popconfirm>
            ) : null
          }
          items={[
            {
              key: 'todo',
              label: (
                <span data-testid="tab-todo">
                  {t.todo} <Badge count={data.todo.length} showZero color={data.todo.some((r) => r.overdue) ? 'red' : 'blue'} />
                </span>
              ),
              children: (
                <>
                  {data.todo.some((r) => r.actions.includes('accept')) ? (
                    <Typography.Paragraph type="secondary">{t.batchHint}</Typography.Paragraph>
                  ) : null}
                  {body(todo, 'todo')}
                </>
              ),
            },
            {
              key: 'done',
              label: (
                <span data-testid="tab-done">
                  {t.done} <Badge count={data.done.length} showZero color="gray" overflowCount={999} />
                </span>
              ),
              children: body(done, 'done'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
