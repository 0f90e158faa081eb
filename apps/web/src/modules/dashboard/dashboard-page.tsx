/**
 * The programme office's dashboard: five figures over its region and a period, drawn by the
 * shared Chart wrapper. Clicking a bar opens the list behind it; every figure and every list
 * downloads as .xlsx (money as numbers in 元). Region and period live in the address, so a view
 * can be shared.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Cascader, Col, DatePicker, Drawer, Flex, Grid, Result, Row, Table, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, RequireAuth, useMe } from '../../app/auth';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle, type Localised } from '../../app/i18n';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { exportHref, useDashboard, useDashboardTable, type DashboardFigureName, type DashboardFilter, type DashboardTable, type DashboardView } from './dashboard.api';

const m = defineMessages({
  zh: {
    title: '数据看板',
    subtitle: (region: string, from: string, to: string) => `${region} · ${from} 至 ${to}`,
    region: '地区',
    period: '统计期间',
    stages: '各环节申请数',
    stagesHint: '统计期间内提交的申请（含免申即享待批奖补）当前所处环节；点击柱形查看名单。',
    departments: '各牵头部门申请数',
    departmentsHint: '统计期间内提交的申请，按牵头部门；点击查看名单。',
    budgets: '预算执行',
    budgetsHint: '统计期间所涉年度的预算：已拨付、已批复待拨付与可用余额；点击查看该预算的奖补。',
    processing: '各环节办理用时（工作日）',
    processingHint: '统计期间内办结的环节，平均与中位用时按工作日历计算。',
    overdue: '当前超期件数',
    overdueHint: '今天已超过环节时限、仍在办理的申请；点击查看名单。',
    matches: '已申请与符合条件未申请',
    matchesHint: '依申请办理的事项：已申请的主体数；其余主体按政策计算器当前的匹配结果，分为符合条件与可能符合（档案未排除、尚需补充事项信息）。点击查看尚未申请的主体。',
    count: '申请数',
    open: '在办',
    paid: '已拨付',
    committed: '已批复待拨付',
    left: '可用余额',
    mean: '平均用时',
    median: '中位用时',
    overdueCount: '超期件数',
    applied: '已申请',
    notApplied: '符合条件未申请',
    possible: '可能符合未申请',
    export: '导出 Excel',
    exportList: '导出名单（Excel）',
    noBudgets: '统计期间所涉年度尚无预算',
    noMatches: '暂无申请，也暂无符合条件的主体：企业完善档案后，政策计算器会自动匹配',
    noApplications: '统计期间内没有提交的申请',
    noProcessing: '统计期间内尚无办结的环节，办理用时将在首个环节办结后显示',
    noOverdue: '没有超期未办的事项',
    noRows: '没有符合条件的记录',
    forbidden: '数据看板供双创办（项目办公室）使用。',
    yuan: (v: string) => `${v} 万元`,
    days: (v: string) => `${v} 天`,
  },
  en: {
    title: 'Dashboard',
    subtitle: (region: string, from: string, to: string) => `${region} · ${from} to ${to}`,
    region: 'Region',
    period: 'Period',
    stages: 'Applications by stage',
    stagesHint: 'Applications submitted in the period (pending awards included) by their current stage; click a bar for the list.',
    departments: 'Applications by lead department',
    departmentsHint: 'Applications submitted in the period, by lead department; click for the list.',
    budgets: 'Budgets',
    budgetsHint: 'Budgets of the years the period touches: paid, committed and left; click for the awards on a budget.',
    processing: 'Working days per stage',
    processingHint: 'Stages completed in the period; mean and median on the working calendar.',
    overdue: 'Overdue now',
    overdueHint: 'Applications past their stage deadline today and still open; click for the list.',
    matches: 'Applied, and qualifying but not applied',
    matchesHint: "Items applied for online: subjects that applied; of the others, from the calculator's current matches, those that qualify and those that may (nothing in their profile rules them out; the item asks more). Click for those who have not applied.",
    count: 'Applications',
    open: 'Open',
    paid: 'Paid',
    committed: 'Committed',
    left: 'Left',
    mean: 'Mean',
    median: 'Median',
    overdueCount: 'Overdue',
    applied: 'Applied',
    notApplied: 'Qualify, not applied',
    possible: 'May qualify, not applied',
    export: 'Export Excel',
    exportList: 'Export the list (Excel)',
    noBudgets: 'No budget yet for the years of the period',
    noMatches: 'No application and nobody qualifies yet: the calculator matches enterprises as their profiles fill in',
    noApplications: 'No application was submitted in the period',
    noProcessing: 'No stage was completed in the period yet: working days show once one is',
    noOverdue: 'Nothing is overdue',
    noRows: 'Nothing here',
    forbidden: 'The dashboard is for the programme office.',
    yuan: (v: string) => `${v} × 10k CNY`,
    days: (v: string) => `${v} d`,
  },
});

/** fen → 万元 with up to two decimals. */
const wan = (fen: number) => (fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
/** fen → "12,345.00". */
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

interface Drill {
  figure: DashboardFigureName;
  key: string;
}

export function DashboardPage() {
  const t = useMessages(m);
  const { data: me } = useMe();
  return (
    <RequireAuth>
      {me && !hasPermission(me, 'fulfilment.supervise') ? <Result status="403" title="403" subTitle={t.forbidden} /> : <Dashboard />}
    </RequireAuth>
  );
}

function Dashboard() {
  const t = useMessages(m);
  const l = useLocalise();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const filter: DashboardFilter = { regionCode: params.get('region') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const view = useDashboard(filter);
  const [drill, setDrill] = useState<Drill | null>(null);
  const screens = Grid.useBreakpoint();

  if (view.isError) return <LoadError error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <PageLoading />;
  const d = view.data;
  const set = (patch: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
        return next;
      },
      { replace: true },
    );
  const open = (figure: DashboardFigureName) => (i: number) => {
    const key = keysOf(d, figure)[i];
    if (key) setDrill({ figure, key });
  };
  const exportButton = (figure: DashboardFigureName) => (
    <Button size="small" type="link" icon={<DownloadOutlined aria-hidden />} href={exportHref(filter, figure)} data-testid={`export-${figure}`}>
      {t.export}
    </Button>
  );
  const half = { xs: 24, xl: 12 };
  const anyApplication = d.stages.some((s) => s.count > 0);

  return (
    <>
      <PageHeading title={t.title} subtitle={t.subtitle(d.region.name, d.from, d.to)} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <Flex gap={8} align="center" wrap>
            <Typography.Text id="dashboard-region">{t.region}</Typography.Text>
            <RegionPicker regions={d.regions} value={d.region.code} onChange={(code) => set({ region: code === d.regions[0]?.code ? null : code })} />
          </Flex>
          <Flex gap={8} align="center" wrap>
            <Typography.Text id="dashboard-period">{t.period}</Typography.Text>
            <DatePicker.RangePicker
              aria-labelledby="dashboard-period"
              allowClear={false}
              value={[dayjs(d.from), dayjs(d.to)]}
              onChange={(range: [Dayjs | null, Dayjs | null] | null) => {
                if (range?.[0] && range[1]) set({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
              }}
              data-testid="dashboard-period"
            />
          </Flex>
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col {...half}>
          <Card title={t.stages} extra={exportButton('stages')}>
            <Typography.Paragraph type="secondary">{t.stagesHint}</Typography.Paragraph>
            {anyApplication ? (
              <Contained><Chart testId="chart-stages" title={t.stages} categories={d.stages.map((s) => l(s.label))} series={[{ name: t.count, values: d.stages.map((s) => s.count) }]} onSelect={open('stages')} /></Contained>
            ) : (
              <EmptyState description={t.noApplications} />
            )}
          </Card>
        </Col>
        <Col {...half}>
          <Card title={t.departments} extra={exportButton('departments')}>
            <Typography.Paragraph type="secondary">{t.departmentsHint}</Typography.Paragraph>
            {d.departments.length ? (
              <Contained><Chart
                testId="chart-departments"
                type="horizontal"
                title={t.departments}
                categories={d.departments.map((x) => l(x.label))}
                series={[
                  { name: t.count, values: d.departments.map((x) => x.count) },
                  { name: t.open, values: d.departments.map((x) => x.open) },
                ]}
                onSelect={open('departments')}
              /></Contained>
            ) : (
              <EmptyState description={t.noApplications} />
            )}
          </Card>
        </Col>
        <Col {...half}>
          <Card title={t.budgets} extra={exportButton('budgets')}>
            <Typography.Paragraph type="secondary">{t.budgetsHint}</Typography.Paragraph>
            {d.budgets.length ? (
              <Contained><Chart
                testId="chart-budgets"
                type="horizontal"
                title={t.budgets}
                categories={d.budgets.map((b) => l(b.label))}
                format={(v) => t.yuan(wan(v))}
                series={[
                  { name: t.paid, values: d.budgets.map((b) => b.paidFen), stack: 'budget' },
                  { name: t.committed, values: d.budgets.map((b) => b.committedFen), stack: 'budget' },
                  { name: t.left, values: d.budgets.map((b) => b.amountFen - b.committedFen - b.paidFen), stack: 'budget' },
                ]}
                onSelect={open('budgets')}
              /></Contained>
            ) : (
              <EmptyState description={t.noBudgets} />
            )}
          </Card>
        </Col>
        <Col {...half}>
          <Card title={t.processing} extra={exportButton('processing')}>
            <Typography.Paragraph type="secondary">{t.processingHint}</Typography.Paragraph>
{d.processing.some((p) => p.meanWorkingDays !== null) ? (
                          <Contained><Chart
                testId="chart-processing"
                title={t.processing}
                height={220}
                categories={d.processing.map((p) => l(p.label))}
                format={(v) => t.days(v.toLocaleString('zh-CN', { maximumFractionDigits: 1 }))}
                series={[
                  { name: t.mean, values: d.processing.map((p) => p.meanWorkingDays ?? 0) },
                  { name: t.median, values: d.processing.map((p) => p.medianWorkingDays ?? 0) },
                ]}
                onSelect={open('processing')}
              /></Contained>
            ) : (
              <EmptyState description={t.noProcessing} />
            )}
            <Typography.Title level={3} style={{ fontSize: 14, marginTop: 8 }}>
              {t.overdue}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t.overdueHint}</Typography.Paragraph>
{d.processing.some((p) => p.overdue > 0) ? (
                          <Contained><Chart
                testId="chart-overdue"
                title={t.overdue}
                height={180}
                categories={d.processing.map((p) => l(p.label))}
                series={[{ name: t.overdueCount, values: d.processing.map((p) => p.overdue) }]}
                onSelect={open('processing')}
              /></Contained>
            ) : (
              <Typography.Paragraph data-testid="no-overdue">{t.noOverdue}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t.matches} extra={exportButton('matches')}>
            <Typography.Paragraph type="secondary">{t.matchesHint}</Typography.Paragraph>
            {d.matches.length ? (
              <Contained><Chart
                testId="chart-matches"
                type="horizontal"
                title={t.matches}
                height={Math.max(220, 40 * d.matches.length + 60)}
                categories={d.matches.map((x) => l(x.label))}
                series={[
                  { name: t.applied, values: d.matches.map((x) => x.applied), stack: 'subjects' },
                  { name: t.notApplied, values: d.matches.map((x) => x.eligibleNotApplied), stack: 'subjects' },
                  { name: t.possible, values: d.matches.map((x) => x.possibleNotApplied), stack: 'subjects' },
                ]}
                onSelect={open('matches')}
              /></Contained>
            ) : (
              <EmptyState description={t.noMatches} />
            )}
          </Card>
        </Col>
      </Row>
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        size={screens.md ? 'large' : 'default'}
        width={screens.md ? 900 : '100%'}
        destroyOnHidden
        title={drill ? <DrillTitle filter={filter} drill={drill} /> : null}
      >
        {drill ? <DrillList filter={filter} drill={drill} /> : null}
      </Drawer>
    </>
  );
}

/**
 * Keeps a chart inside its card: the wrapper's hidden data table is absolutely positioned and as
 * wide as its text, which would otherwise widen the page on a phone.
 */
function Contained({ children }: { children: ReactNode }) {
  return <div style={{ position: 'relative', overflow: 'hidden' }}>{children}</div>;
}

/** The keys of a figure's bars, in the order drawn. */
function keysOf(d: DashboardView, figure: DashboardFigureName): string[] {
  switch (figure) {
    case 'stages':
      return d.stages.map((s) => s.key);
    case 'departments':
      return d.departments.map((s) => s.key);
    case 'budgets':
      return d.budgets.map((s) => s.key);
    case 'processing':
      return d.processing.map((s) => s.key);
    case 'matches':
      return d.matches.map((s) => s.key);
  }
}

/** The office's region and its districts, as a two-level cascader. */
function RegionPicker({ regions, value, onChange }: { regions: DashboardView['regions']; value: string; onChange: (code: string) => void }) {
  const root = regions.find((r) => r.parentCode === null);
  const options = useMemo(
    () => (root ? [{ value: root.code, label: root.name, children: regions.filter((r) => r.parentCode === root.code).map((r) => ({ value: r.code, label: r.name })) }] : []),
    [regions, root],
  );
  const path = !root ? [] : value === root.code ? [root.code] : [root.code, value];
  return (
    <Cascader
      aria-labelledby="dashboard-region"
      data-testid="dashboard-region"
      options={options}
      value={path}
      changeOnSelect
      allowClear={false}
      style={{ minWidth: 200 }}
      onChange={(p) => {
        const last = (p as string[] | undefined)?.at(-1);
        if (last) onChange(last);
      }}
    />
  );
}

function DrillTitle({ filter, drill }: { filter: DashboardFilter; drill: Drill }) {
  const l = useLocalise();
  const table = useDashboardTable(filter, drill.figure, drill.key);
  return <span data-testid="drill-title">{table.data ? l(table.data.title) : '…'}</span>;
}

function DrillList({ filter, drill }: { filter: DashboardFilter; drill: Drill }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const table = useDashboardTable(filter, drill.figure, drill.key);
  if (table.isError) return <LoadError error={table.error} onRetry={() => void table.refetch()} />;
  if (!table.data) return <PageLoading />;
  const data = table.data;
  type Row = DashboardTable['rows'][number] & { n: number };
  const text = (v: unknown, type: string): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') return l(v as Localised);
    if (type === 'money' && typeof v === 'number') return yuan(v);
    return String(v);
  };
  const columns: TableColumnsType<Row> = data.columns.map((c, i) => ({
    key: c.key,
    title: l(c.label),
    align: c.type === 'money' || c.type === 'number' || c.type === 'days' ? 'right' : 'left',
    render: (_: unknown, r: Row) => {
      const shown = text(r.cells[c.key], c.type);
      return i === 0 && r.link ? <Link to={r.link}>{shown}</Link> : shown;
    },
  }));
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined aria-hidden />} href={exportHref(filter, drill.figure, drill.key)} data-testid="drill-export">
          {t.exportList}
        </Button>
      </Flex>
      <Table<Row>
        data-testid="drill-list"
        size="small"
        rowKey="n"
        columns={columns}
        dataSource={data.rows.map((r, n) => ({ ...r, n }))}
        pagination={data.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyState description={t.noRows} /> }}
        scroll={{ x: 'max-content' }}
        key={lang}
      />
    </>
  );
}
