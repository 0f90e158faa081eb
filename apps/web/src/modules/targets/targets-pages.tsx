/**
 * Targets and the work ledger (目标任务与工作台账). The programme office sees its region's targets
 * with their lights, loads a document's targets, adds and splits targets, binds each to a module's
 * statistic and assigns units; a unit sees the targets it leads or supports and reports progress.
 */
import { DownloadOutlined, FileTextOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Checkbox, Col, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Progress, Radio, Row, Select, Space, Statistic, Switch, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { TARGET_COMPARISON_LABELS, TARGET_STATUS_COLOURS, TARGET_STATUS_LABELS, type TargetComparison, type TargetDashboard, type TargetReportView, type TargetStatus, type TargetView } from '@seedbed/contract';
import { uploadFile } from '../../app/api-client';
import { hasPermission, useMe } from '../../app/auth';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useMessages, type Lang } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { createTarget, loadDocument, reportProgress, updateTarget, useTarget, useTargetOptions, useTargets, useTargetRecords, useTargetsDashboard, type TargetDetail } from './targets.api';
import { MilestonesCard } from './targets-milestones';
import { SupervisionNote, SupervisionSection } from './targets-supervision';

const m = defineMessages({
  zh: {
    title: '目标任务与工作台账',
    subtitle: '目标分解到单位，数据自动汇总，红黄绿灯显示进度',
    mine: '只看本单位牵头或配合的',
    load: '载入文件目标',
    export: '导出台账（Excel）',
    briefings: '工作简报',
    byUnit: '按牵头单位（点击筛选下表）',
    byRegion: '按地区（市本级与各县区）',
    trend: '近十二周状态走势',
    trendEmpty: '每日评价积累后，这里逐周显示各状态目标任务数的走势',
    filtered: (u: string) => `牵头单位：${u}`,
    clearFilter: '清除筛选',
    add: '新增目标',
    empty: '还没有目标任务',
    emptyOffice: '从政策文件载入目标任务，或新增本地目标',
    emptyUnit: '本单位目前没有牵头或配合的目标任务',
    target: '目标任务',
    lead: '牵头单位',
    figure: '当前值 / 目标',
    progress: '进度（对照时间进度）',
    status: '状态',
    period: '期限',
    unassigned: (name: string) => `未指派（文件：${name}）`,
    noLead: '未指派',
    byStatus: '目标任务按状态',
    count: '项数',
    asOf: (d: string) => `数据截至 ${d}`,
    timeGone: (p: number) => `时间进度 ${p}%`,
    document: '政策文件',
    documentRequired: '请选择文件',
    loaded: (n: number, m: number) => `已载入 ${n} 项` + (m > 0 ? `，其中 ${m} 项的牵头单位尚未对应到本地区部门，请指派` : ''),
    alreadyAll: '这份文件的目标任务都已载入',
    loadedOf: (a: number, b: number) => `已载入 ${a} / ${b} 项`,
    task: '工作任务',
    kind: '类型',
    taskHelp: '工作任务按完成进度跟踪（达到 100% 即完成），由牵头单位报送进度',
    records: '数据明细（指标统计的记录）',
    recordsNone: '本期尚无记录',
    recordsUnavailable: '该统计指标不提供明细',
    recordsMore: '仅列出最近 50 条',
    attachments: '附件',
    attachmentsHelp: '佐证材料：PDF、JPG 或 PNG，每个不超过 10 MB，最多 5 个；修改本期报送时以新附件为准',
    attach: '添加附件',
    loadHelp: '文件期限已过的目标按本年度推进；同一目标同一期限只载入一次。',
    save: '保存',
    cancel: '取消',
    name: '目标名称',
    indicator: '指标',
    comparison: '要求',
    value: '目标值',
    unit: '计量单位',
    baseline: '基数',
    baselineHelp: '增长类目标必填：期初的数值',
    from: '起始日期',
    to: '截止日期',
    required: '必填',
    created: '目标任务已新增',
    source: '依据',
    figureSource: '数据来源',
    fromStatistic: (label: string) => `平台统计：${label}`,
    fromReports: '牵头单位报送',
    fromParts: '分解目标汇总',
    none: '—',
    settings: '指派与指标绑定',
    statistic: '绑定统计指标',
    statisticHelp: '绑定后由平台数据自动计算；不绑定则由牵头单位报送数值',
    noStatistic: '不绑定（单位报送）',
    supporting: '配合单位',
    reporting: '报送频次',
    monthly: '按月',
    quarterly: '按季度',
    saved: '已保存',
    parts: '分解目标',
    split: '分解到地区或单位',
    region: '地区',
    splitDone: '已分解',
    due: '本期报送情况',
    dueOn: (d: string) => `应于 ${d} 前报送`,
    reported: '已报送',
    reminded: '逾期，已催报',
    escalated: '逾期，已报双创办督办',
    notYet: '未报送',
    reports: '进展报送',
    noReports: '还没有进展报送',
    report: '报送进展',
    reportPeriod: '报送期',
    reportValue: '本期累计数值',
    reportText: '工作进展',
    reportTextHelp: '做了什么、完成多少、遇到的问题',
    reportedOk: '进展已报送',
    computed: '该指标由平台数据自动计算，只需填写文字进展',
    revised: '已更正',
    by: (who: string, unit: string) => `${unit} · ${who}`,
    back: '返回目标任务',
    notFound: '没有找到这项目标任务',
    milestonesOverdue: (n: number) => `里程碑逾期 ${n}`,
    consolidates: '汇总配合单位本期报送',
    consolidatesHelp: '牵头单位汇总配合单位的报送后，本单位填写的数值即为该目标任务的当前值',
    consolidatesNone: '配合单位尚未报送本期进展',
    consolidated: (names: string) => `汇总：${names}`,
    consolidatedBy: (unit: string) => `已由${unit}汇总`,
    awaitingConsolidation: '待牵头单位汇总',
  },
  en: {
    title: 'Targets and the work ledger',
    subtitle: 'Goals assigned to units, figures computed from the records, traffic lights for progress',
    mine: "Only my unit's",
    load: "Load a document's targets",
    export: 'Export the ledger (Excel)',
    add: 'New target',
    empty: 'No targets yet',
    emptyOffice: "Load a policy document's targets, or add a local one",
    emptyUnit: 'Your unit leads or supports no target yet',
    target: 'Target',
    lead: 'Lead unit',
    figure: 'Now / goal',
    progress: 'Progress (against time)',
    status: 'Status',
    period: 'Period',
    unassigned: (name: string) => `Not assigned (document: ${name})`,
    noLead: 'Not assigned',
    byStatus: 'Targets by status',
    briefings: 'Briefings',
    byUnit: 'By lead unit (click to filter the table)',
    byRegion: 'By region (the city and its districts)',
    trend: 'Lights over the last twelve weeks',
    trendEmpty: 'As the daily evaluations accumulate, the weekly trend of the lights shows here',
    filtered: (u: string) => `Lead unit: ${u}`,
    clearFilter: 'Clear filter',
    count: 'Targets',
    asOf: (d: string) => `Figures as of ${d}`,
    timeGone: (p: number) => `${p}% of the time gone`,
    document: 'Policy document',
    documentRequired: 'Choose a document',
    loaded: (n: number, m: number) => `${n} loaded` + (m > 0 ? `; ${m} have a lead unit not yet mapped to a department here: assign them` : ''),
    alreadyAll: "All this document's targets are loaded",
    loadedOf: (a: number, b: number) => `${a} of ${b} loaded`,
    task: 'Task',
    kind: 'Kind',
    taskHelp: 'A task is tracked by its completion (done at 100 %), reported by its lead unit',
    records: 'Records behind the figure',
    recordsNone: 'No records in the period yet',
    recordsUnavailable: 'This statistic offers no list of its records',
    recordsMore: 'The latest 50 are listed',
    attachments: 'Attachments',
    attachmentsHelp: 'Evidence: PDF, JPG or PNG, up to 10 MB each, at most 5; revising the report replaces them',
    attach: 'Add a file',
    loadHelp: "Targets whose document period is over are pursued this calendar year; a target is loaded once per period.",
    save: 'Save',
    cancel: 'Cancel',
    name: 'Title',
    indicator: 'Indicator',
    comparison: 'Requirement',
    value: 'Goal',
    unit: 'Unit of measure',
    baseline: 'Baseline',
    baselineHelp: 'Required for a growth target: the figure at the start',
    from: 'From',
    to: 'To',
    required: 'Required',
    created: 'Target added',
    source: 'Source',
    figureSource: 'Figure from',
    fromStatistic: (label: string) => `Platform statistic: ${label}`,
    fromReports: "The lead unit's reports",
    fromParts: 'Sum of the parts',
    none: '—',
    settings: 'Assignment and statistic',
    statistic: 'Bound statistic',
    statisticHelp: 'Bound: computed from the platform’s records; unbound: the lead unit reports the figure',
    noStatistic: 'Not bound (reported)',
    supporting: 'Supporting units',
    reporting: 'Reporting',
    monthly: 'Monthly',
    quarterly: 'Quarterly',
    saved: 'Saved',
    parts: 'Parts',
    split: 'Split by region or unit',
    region: 'Region',
    splitDone: 'Part added',
    due: 'Reports for the period',
    dueOn: (d: string) => `Due by ${d}`,
    reported: 'Reported',
    reminded: 'Late, reminded',
    escalated: 'Late, escalated to the office',
    notYet: 'Not reported',
    reports: 'Progress reports',
    noReports: 'No progress reports yet',
    report: 'Report progress',
    reportPeriod: 'Period',
    reportValue: 'Figure to date',
    reportText: 'Progress',
    reportTextHelp: 'What was done, how much, what stands in the way',
    reportedOk: 'Progress reported',
    computed: 'This figure is computed from the records: report progress in words only',
    revised: 'Revised',
    by: (who: string, unit: string) => `${unit} · ${who}`,
    back: 'Back to targets',
    notFound: 'No such target',
    milestonesOverdue: (n: number) => `${n} milestone${n > 1 ? 's' : ''} overdue`,
    consolidates: "Consolidate the supporting units' reports of the period",
    consolidatesHelp: "Once the lead unit consolidates, the figure it reports is the target's",
    consolidatesNone: 'No supporting unit has reported for this period yet',
    consolidated: (names: string) => `Consolidates: ${names}`,
    consolidatedBy: (unit: string) => `Consolidated by ${unit}`,
    awaitingConsolidation: 'Awaiting the lead unit',
  },
});

const STATUS_COLOURS: Record<TargetStatus, string> = {
  not_started: 'default',
  on_track: 'green',
  at_risk: 'gold',
  behind: 'red',
  met: 'blue',
  missed: 'volcano',
  no_figure: 'default',
};
const STATUS_CHART_COLOURS = TARGET_STATUS_COLOURS;
export const STATUS_ORDER: TargetStatus[] = ['behind', 'at_risk', 'on_track', 'met', 'missed', 'no_figure', 'not_started'];

export function StatusTag({ status, lang }: { status: TargetStatus; lang: Lang }) {
  return <Tag color={STATUS_COLOURS[status]}>{TARGET_STATUS_LABELS[status][lang]}</Tag>;
}

const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const goalText = (v: Pick<TargetView, 'comparison' | 'value' | 'unit'>, lang: Lang) =>
  v.comparison === 'increase_by' ? `${TARGET_COMPARISON_LABELS.increase_by[lang]} ${fmt(v.value)}%` : `${TARGET_COMPARISON_LABELS[v.comparison][lang]} ${fmt(v.value)} ${v.unit}`;

function ProgressCell({ v }: { v: TargetView }) {
  const t = useMessages(m);
  const pct = v.progress === null ? null : Math.min(100, Math.round(v.progress * 100));
  return (
    <div style={{ minWidth: 160 }}>
      {pct === null ? <div>{t.none}</div> : <Progress percent={pct} size="small" status={v.status === 'behind' || v.status === 'missed' ? 'exception' : v.status === 'met' ? 'success' : 'normal'} />}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {t.timeGone(Math.round(v.elapsed * 100))}
      </Typography.Text>
    </div>
  );
}

// ---------------------------------------------------------------- the ledger

export function TargetsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  const isOffice = hasPermission(me.data, 'targets.manage');
  const navigate = useNavigate();
  const [mine, setMine] = useState(false);
  const list = useTargets({ mine: !isOffice || mine });
  const [loadOpen, setLoadOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const dashboard = useTargetsDashboard(isOffice && !mine);
  const [unitFilter, setUnitFilter] = useState<string | null>(null);

  const chart = useMemo(() => {
    const counts = new Map((list.data?.byStatus ?? []).map((b) => [b.status, b.count]));
    const present = STATUS_ORDER.filter((s) => (counts.get(s) ?? 0) > 0);
    return { categories: present.map((s) => TARGET_STATUS_LABELS[s][lang]), values: present.map((s) => counts.get(s) ?? 0), colours: present.map((s) => STATUS_CHART_COLOURS[s]), present };
  }, [list.data, lang]);

  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const all = list.data?.items ?? [];
  const items = unitFilter === null || mine ? all : all.filter((v) => (v.lead?.name ?? null) === unitFilter || (unitFilter === NO_LEAD_UNIT && !v.lead));

  const columns: TableColumnsType<TargetView> = [
    {
      title: t.target,
      key: 'title',
      render: (_, v) => (
        <>
          {v.kind === 'task' ? <Tag color="purple">{t.task}</Tag> : null}
          <Link to={`/targets/${v.id}`}>{v.title[lang]}</Link>
          {v.milestones.overdue > 0 ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t.milestonesOverdue(v.milestones.overdue)}
            </Tag>
          ) : null}
        </>
      ),
    },
    { title: t.lead, key: 'lead', responsive: ['md'], render: (_, v) => v.lead?.name ?? (v.leadUnitName ? t.unassigned(v.leadUnitName) : t.noLead) },
    { title: t.figure, key: 'figure', render: (_, v) => `${v.figure === null ? t.none : fmt(v.figure)} / ${goalText(v, lang)}` },
    { title: t.progress, key: 'progress', responsive: ['lg'], render: (_, v) => <ProgressCell v={v} /> },
    { title: t.status, key: 'status', render: (_, v) => <StatusTag status={v.status} lang={lang} /> },
    { title: t.period, key: 'period', responsive: ['md'], render: (_, v) => `${v.periodFrom} ~ ${v.periodTo}` },
  ];

  return (
    <>
      <PageHeading
        title={t.title}
        subtitle={list.data ? `${t.subtitle}。${t.asOf(list.data.asOf)}` : t.subtitle}
        extra={
          isOffice ? (
            <Space wrap>
              <Button icon={<FileTextOutlined aria-hidden />} onClick={() => void navigate('/targets/briefings')}>
                {t.briefings}
              </Button>
              <Button icon={<DownloadOutlined aria-hidden />} href="/api/v1/targets/ledger.xlsx" disabled={items.length === 0}>
                {t.export}
              </Button>
              <Button icon={<UploadOutlined aria-hidden />} onClick={() => setLoadOpen(true)}>
                {t.load}
              </Button>
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAddOpen(true)}>
                {t.add}
              </Button>
            </Space>
          ) : null
        }
      />
      <SupervisionNote />
      {isOffice ? (
        <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
          <Switch checked={mine} onChange={setMine} aria-label={t.mine} />
          <span>{t.mine}</span>
        </Flex>
      ) : null}
      {items.length > 0 ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} md={10}>
            <Card size="small">
              <Chart title={t.byStatus} categories={chart.categories} series={[{ name: t.count, values: chart.values }]} type="pie" height={240} testId="targets-status-chart" />
            </Card>
          </Col>
          <Col xs={24} md={14}>
            <Row gutter={[12, 12]}>
              {chart.present.map((s, i) => (
                <Col key={s} xs={12} sm={8}>
                  <Card size="small">
                    <Statistic title={TARGET_STATUS_LABELS[s][lang]} value={chart.values[i]} valueStyle={{ color: STATUS_CHART_COLOURS[s] }} />
                  </Card>
                </Col>
              ))}
            </Row>
          </Col>
        </Row>
      ) : null}
      {isOffice && !mine && dashboard.data && all.length > 0 ? <DashboardCharts data={dashboard.data} onUnit={setUnitFilter} /> : null}
      {unitFilter !== null && !mine ? (
        <Tag closable onClose={() => setUnitFilter(null)} style={{ marginBottom: 12 }} closeIcon={<span aria-label={t.clearFilter}>×</span>}>
          {t.filtered(unitFilter)}
        </Tag>
      ) : null}
      <Table<TargetView>
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 30, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={isOffice && !mine ? t.emptyOffice : t.emptyUnit} /> }}
        scroll={{ x: 'max-content' }}
        data-testid="targets-table"
      />
      {isOffice ? <LoadModal open={loadOpen} onClose={() => setLoadOpen(false)} /> : null}
      {isOffice ? <TargetFormModal open={addOpen} onClose={() => setAddOpen(false)} /> : null}
    </>
  );
}

/** The dashboard's own name for targets without a lead unit (the server's). */
const NO_LEAD_UNIT = '未指派牵头单位';

/** Stacked series, one per light present, in the dashboard's order and colours. */
function stacked(rows: { counts: { status: TargetStatus; count: number }[] }[], lang: Lang, kind: 'bar' | 'line' = 'bar') {
  const present = STATUS_ORDER.filter((s) => rows.some((r) => r.counts.some((c) => c.status === s && c.count > 0)));
  return present.map((s) => ({ name: TARGET_STATUS_LABELS[s][lang], color: STATUS_CHART_COLOURS[s], kind, ...(kind === 'bar' ? { stack: 'lights' } : {}), values: rows.map((r) => r.counts.find((c) => c.status === s)?.count ?? 0) }));
}

function DashboardCharts({ data, onUnit }: { data: TargetDashboard; onUnit: (unit: string) => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="targets-dashboard">
      <Col xs={24} lg={12}>
        <Card size="small" title={t.byUnit}>
          <Chart title={t.byUnit} type="horizontal" categories={data.byUnit.map((u) => u.unit)} series={stacked(data.byUnit, lang)} height={Math.max(200, 48 * data.byUnit.length + 60)} onSelect={(i) => onUnit(data.byUnit[i]!.unit)} testId="targets-unit-chart" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t.byRegion}>
          <Chart title={t.byRegion} categories={data.byRegion.map((r) => r.regionName)} series={stacked(data.byRegion, lang)} height={240} testId="targets-region-chart" />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t.trend}>
          {data.trend.length > 1 ? (
            <Chart title={t.trend} categories={data.trend.map((p) => p.day.slice(5))} series={stacked(data.trend, lang, 'line')} height={240} testId="targets-trend-chart" />
          ) : (
            <EmptyState description={t.trendEmpty} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function LoadModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const options = useTargetOptions(open);
  const [form] = Form.useForm<{ document: string }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { document: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await loadDocument({ document: v.document });
      void message.success(r.loaded === 0 ? t.alreadyAll : t.loaded(r.loaded, r.unassigned));
      await qc.invalidateQueries({ queryKey: ['targets'] });
      form.resetFields();
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['document']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t.load} onCancel={onClose} okText={t.load} cancelText={t.cancel} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item label={t.document} name="document" rules={[{ required: true, message: t.documentRequired }]} extra={t.loadHelp}>
          <Select loading={options.isPending} options={(options.data?.documents ?? []).map((d) => ({ value: d.key, label: `${d.title}（${t.loadedOf(d.loaded, d.targets + d.tasks)}）` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface TargetFormValues {
  kind: 'target' | 'task';
  title: string;
  indicator: string;
  comparison: TargetComparison;
  value: number;
  unit: string;
  baseline?: number | null;
  periodFrom: string;
  periodTo: string;
  leadOrganisationId?: string;
  regionCode?: string;
}

/** A new target, or (with a parent) a part of one for a district or a unit. */
function TargetFormModal({ open, onClose, parent }: { open: boolean; onClose: () => void; parent?: TargetView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const options = useTargetOptions(open);
  const [form] = Form.useForm<TargetFormValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const year = new Date().getFullYear();
  const initial: Partial<TargetFormValues> = parent
    ? { title: parent.title.zh, indicator: parent.indicator.zh, comparison: parent.comparison, unit: parent.unit, periodFrom: parent.periodFrom, periodTo: parent.periodTo, regionCode: parent.regionCode }
    : { kind: 'target', comparison: 'at_least', periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` };
  // A task (工作任务) is tracked by its completion: no indicator or goal to give; a part is what it splits.
  const kind = Form.useWatch('kind', form) ?? (parent?.kind ?? 'target');
  const isTask = parent ? parent.kind === 'task' : kind === 'task';
  const submit = async (v: TargetFormValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await createTarget({
        ...(parent ? { parentId: parent.id } : {}),
        ...(v.regionCode ? { regionCode: v.regionCode } : {}),
        title: v.title,
        ...(isTask ? { kind: 'task' as const } : { indicator: v.indicator, comparison: v.comparison, value: v.value, unit: v.unit, baseline: v.baseline ?? null }),
        periodFrom: v.periodFrom,
        periodTo: v.periodTo,
        ...(v.leadOrganisationId ? { leadOrganisationId: v.leadOrganisationId } : {}),
      });
      void message.success(parent ? t.splitDone : t.created);
      await qc.invalidateQueries({ queryKey: ['targets'] });
      form.resetFields();
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['title'], ['indicator'], ['comparison'], ['value'], ['unit'], ['baseline'], ['periodFrom'], ['periodTo'], ['leadOrganisationId'], ['regionCode'], ['parentId']]));
    } finally {
      setBusy(false);
    }
  };
  const req = [{ required: true, message: t.required }];
  const datePattern = [{ required: true, message: t.required }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }];
  return (
    <Modal open={open} title={parent ? t.split : t.add} onCancel={onClose} okText={t.save} cancelText={t.cancel} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        {parent ? (
          <Form.Item label={t.region} name="regionCode" rules={req}>
            <RegionCascader aria-label={t.region} />
          </Form.Item>
        ) : null}
        {parent ? null : (
          <Form.Item label={t.kind} name="kind" extra={isTask ? t.taskHelp : undefined}>
            <Radio.Group optionType="button" options={[{ value: 'target', label: t.target }, { value: 'task', label: t.task }]} />
          </Form.Item>
        )}
        <Form.Item label={t.name} name="title" rules={req}>
          <Input maxLength={200} />
        </Form.Item>
        {isTask ? null : (
          <>
            <Form.Item label={t.indicator} name="indicator" rules={req}>
              <Input maxLength={200} />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item label={t.comparison} name="comparison" rules={req} style={{ minWidth: 120 }}>
                <Select options={Object.entries(TARGET_COMPARISON_LABELS).map(([k, l]) => ({ value: k, label: l[lang] }))} disabled={!!parent} />
              </Form.Item>
              <Form.Item label={t.value} name="value" rules={req}>
                <InputNumber style={{ width: 140 }} />
              </Form.Item>
              <Form.Item label={t.unit} name="unit" rules={req}>
                <Input maxLength={20} style={{ width: 100 }} />
              </Form.Item>
            </Flex>
            <Form.Item label={t.baseline} name="baseline" extra={t.baselineHelp}>
              <InputNumber style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
        <Flex gap={12} wrap>
          <Form.Item label={t.from} name="periodFrom" rules={datePattern}>
            <Input placeholder="2026-01-01" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t.to} name="periodTo" rules={datePattern}>
            <Input placeholder="2026-12-31" style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        <Form.Item label={t.lead} name="leadOrganisationId">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(options.data?.units ?? []).map((u) => ({ value: u.organisationId, label: u.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- one target

export function TargetPage() {
  const { id = '' } = useParams();
  const t = useMessages(m);
  const { lang } = useLang();
  const detail = useTarget(id);
  const [splitOpen, setSplitOpen] = useState(false);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const { target: v, parts, reports, due } = detail.data;
  const figureFrom = v.parts > 0 ? t.fromParts : v.statistic ? t.fromStatistic(v.statistic.label[lang]) : t.fromReports;

  return (
    <>
      <Link to="/targets">← {t.back}</Link>
      <PageHeading
        title={v.title[lang]}
        subtitle={
          <>
            {v.kind === 'task' ? <Tag color="purple">{t.task}</Tag> : null}
            <StatusTag status={v.status} lang={lang} />
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Descriptions column={1} size="small" data-testid="target-facts">
              <Descriptions.Item label={t.indicator}>{v.indicator[lang]}</Descriptions.Item>
              <Descriptions.Item label={t.value}>{goalText(v, lang)}</Descriptions.Item>
              {v.baseline !== null ? <Descriptions.Item label={t.baseline}>{fmt(v.baseline)}</Descriptions.Item> : null}
              <Descriptions.Item label={t.period}>{`${v.periodFrom} ~ ${v.periodTo}`}</Descriptions.Item>
              <Descriptions.Item label={t.figure}>
                <span data-testid="target-figure">{v.figure === null ? t.none : fmt(v.figure)}</span>
                {v.figureAsOf ? <Typography.Text type="secondary">{`（${t.asOf(v.figureAsOf)}）`}</Typography.Text> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t.figureSource}>{figureFrom}</Descriptions.Item>
              <Descriptions.Item label={t.progress}>
                <ProgressCell v={v} />
              </Descriptions.Item>
              <Descriptions.Item label={t.lead}>{v.lead?.name ?? (v.leadUnitName ? t.unassigned(v.leadUnitName) : t.noLead)}</Descriptions.Item>
              <Descriptions.Item label={t.supporting}>{v.supporting.length ? v.supporting.map((s) => s.name).join('、') : t.none}</Descriptions.Item>
              {v.source ? (
                <Descriptions.Item label={t.source}>
                  {`《${v.source.documentTitle}》${v.source.clause ? `（${v.source.clause}）` : ''}`}
                  {v.source.quote ? <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{`“${v.source.quote}”`}</Typography.Paragraph> : null}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          {v.statistic ? <RecordsCard id={v.id} /> : null}
        </Col>
        <Col xs={24} lg={10}>
          {v.canManage ? <SettingsCard v={v} /> : null}
          {v.canReport ? <ReportCard v={v} reports={reports} isLead={detail.data.isLead} duePeriod={due[0]?.period} /> : null}
        </Col>
      </Row>

      {due.length > 0 ? (
        <Card size="small" title={`${t.due}：${due[0]!.period}（${t.dueOn(due[0]!.dueOn)}）`} style={{ marginTop: 16 }}>
          <List
            size="small"
            dataSource={due}
            data-testid="target-due"
            renderItem={(d) => (
              <List.Item>
                <span>{d.organisation.name}</span>
                {d.reported ? <Tag color="green">{t.reported}</Tag> : d.chase === 'escalated' ? <Tag color="red">{t.escalated}</Tag> : d.chase === 'reminded' ? <Tag color="orange">{t.reminded}</Tag> : <Tag>{t.notYet}</Tag>}
              </List.Item>
            )}
          />
        </Card>
      ) : null}

      {parts.length > 0 || v.canManage ? (
        <Card size="small" title={t.parts} style={{ marginTop: 16 }} extra={v.canManage ? <Button size="small" onClick={() => setSplitOpen(true)}>{t.split}</Button> : null}>
          <Table<TargetView>
            size="small"
            rowKey="id"
            dataSource={parts}
            pagination={false}
            locale={{ emptyText: t.none }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t.region, key: 'region', render: (_, p) => <Link to={`/targets/${p.id}`}>{p.regionName}</Link> },
              { title: t.lead, key: 'lead', render: (_, p) => p.lead?.name ?? t.noLead },
              { title: t.figure, key: 'figure', render: (_, p) => `${p.figure === null ? t.none : fmt(p.figure)} / ${goalText(p, lang)}` },
              { title: t.status, key: 'status', render: (_, p) => <StatusTag status={p.status} lang={lang} /> },
            ]}
          />
        </Card>
      ) : null}

      <MilestonesCard detail={detail.data} />

      <SupervisionSection target={v} />

      <Card size="small" title={t.reports} style={{ marginTop: 16 }}>
        <List
          dataSource={reports}
          locale={{ emptyText: t.noReports }}
          data-testid="target-reports"
          renderItem={(r) => (
            <List.Item style={{ display: 'block' }}>
              <Space wrap>
                <strong>{r.period}</strong>
                {r.value !== null ? <span>{`${fmt(r.value)} ${v.unit}`}</span> : null}
                {r.revisedAt ? <Tag>{t.revised}</Tag> : null}
                {r.consolidates.length > 0 ? <Tag color="blue">{t.consolidated(r.consolidates.map((c) => c.organisationName).join('、'))}</Tag> : null}
                {r.consolidatedBy ? (
                  <Tag color="green">{t.consolidatedBy(r.consolidatedBy.organisationName)}</Tag>
                ) : v.lead && r.organisation.organisationId !== v.lead.organisationId ? (
                  <Tag>{t.awaitingConsolidation}</Tag>
                ) : null}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.progress}</Typography.Paragraph>
              {r.attachments.length > 0 ? (
                <Space wrap style={{ marginBottom: 4 }}>
                  {r.attachments.map((a) => (
                    <a key={a.id} href={`/api/v1/targets/${encodeURIComponent(v.id)}/reports/${encodeURIComponent(r.id)}/attachments/${encodeURIComponent(a.id)}`}>
                      <PaperClipOutlined aria-hidden /> {a.name}
                    </a>
                  ))}
                </Space>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${t.by(r.reportedBy, r.organisation.name)} · ${showInstant(r.revisedAt ?? r.reportedAt, lang)}`}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      {v.canManage ? <TargetFormModal open={splitOpen} onClose={() => setSplitOpen(false)} parent={v} /> : null}
    </>
  );
}

/** The records behind a computed figure: what the bound statistic counts, newest first. */
function RecordsCard({ id }: { id: string }) {
  const t = useMessages(m);
  const records = useTargetRecords(id);
  const data = records.data;
  return (
    <Card size="small" title={t.records} style={{ marginTop: 16 }} data-testid="target-records">
      {records.isError ? (
        <LoadError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <List
          size="small"
          loading={records.isPending}
          dataSource={data?.records ?? []}
          locale={{ emptyText: <EmptyState description={data && !data.available ? t.recordsUnavailable : t.recordsNone} /> }}
          renderItem={(r) => (
            <List.Item>
              <Space wrap>
                <Typography.Text type="secondary">{r.date}</Typography.Text>
                {r.link ? <Link to={r.link}>{r.label}</Link> : <span>{r.label}</span>}
              </Space>
            </List.Item>
          )}
          footer={data?.more ? <Typography.Text type="secondary">{t.recordsMore}</Typography.Text> : undefined}
        />
      )}
    </Card>
  );
}

function SettingsCard({ v }: { v: TargetView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const options = useTargetOptions(true);
  const [form] = Form.useForm<{ statistic: string | null; leadOrganisationId: string | null; supportingOrganisationIds: string[]; baseline: number | null; reporting: 'monthly' | 'quarterly' }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const units = (options.data?.units ?? []).map((u) => ({ value: u.organisationId, label: u.name }));
  const submit = async (values: { statistic: string | null; leadOrganisationId: string | null; supportingOrganisationIds: string[]; baseline: number | null; reporting: 'monthly' | 'quarterly' }) => {
    setBusy(true);
    setProblem(null);
    try {
      const d = await updateTarget(v.id, {
        statistic: values.statistic ?? null,
        leadOrganisationId: values.leadOrganisationId ?? null,
        supportingOrganisationIds: values.supportingOrganisationIds ?? [],
        baseline: values.baseline ?? null,
        reporting: values.reporting,
      });
      qc.setQueryData<TargetDetail>(['targets', 'one', v.id], d);
      await qc.invalidateQueries({ queryKey: ['targets', 'list'] });
      void message.success(t.saved);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['statistic'], ['leadOrganisationId'], ['supportingOrganisationIds'], ['baseline'], ['reporting']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t.settings} style={{ marginBottom: 16 }} data-testid="target-settings">
      <ProblemAlert problem={problem} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ statistic: v.statistic?.name ?? null, leadOrganisationId: v.lead?.organisationId ?? null, supportingOrganisationIds: v.supporting.map((s) => s.organisationId), baseline: v.baseline, reporting: v.reporting }}
        onFinish={(x) => void submit(x)}
      >
        <Form.Item label={t.statistic} name="statistic" extra={t.statisticHelp}>
          <Select
            allowClear
            placeholder={t.noStatistic}
            showSearch={{ optionFilterProp: 'label' }}
            loading={options.isPending}
            options={(options.data?.statistics ?? []).map((s) => ({ value: s.name, label: `${s.label[lang]}（${s.unit[lang]}）` }))}
          />
        </Form.Item>
        <Form.Item label={t.lead} name="leadOrganisationId">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units} />
        </Form.Item>
        <Form.Item label={t.supporting} name="supportingOrganisationIds">
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={units} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label={t.baseline} name="baseline">
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t.reporting} name="reporting">
            <Select style={{ width: 120 }} options={[{ value: 'monthly', label: t.monthly }, { value: 'quarterly', label: t.quarterly }]} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t.save}
        </Button>
      </Form>
    </Card>
  );
}

/** The reporting periods a unit may report for: this one and the five before it, within the target's period. */
function reportPeriods(v: TargetView, today: string): string[] {
  const out: string[] = [];
  let y = Number(today.slice(0, 4));
  let n = v.reporting === 'quarterly' ? Math.ceil(Number(today.slice(5, 7)) / 3) : Number(today.slice(5, 7));
  for (let i = 0; i < 6; i++) {
    const p = v.reporting === 'quarterly' ? `${y}-Q${n}` : `${y}-${String(n).padStart(2, '0')}`;
    const first = v.reporting === 'quarterly' ? `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01` : `${p}-01`;
    if (first <= v.periodTo && `${p.slice(0, 4)}-12-31` >= v.periodFrom) out.push(p);
    n -= 1;
    if (n === 0) {
      y -= 1;
      n = v.reporting === 'quarterly' ? 4 : 12;
    }
  }
  return out;
}

type ReportValues = { period: string; value?: number | null; progress: string; consolidates?: string[] };

function ReportCard({ v, reports, isLead, duePeriod }: { v: TargetView; reports: readonly TargetReportView[]; isLead: boolean; duePeriod: string | undefined }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ReportValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const computed = v.figureSource === 'statistic' || v.parts > 0;
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const periods = reportPeriods(v, today);
  // The period whose report is due first (the server's), else the last one that ended.
  const initialPeriod = duePeriod && periods.includes(duePeriod) ? duePeriod : (periods[1] ?? periods[0]);
  // The lead unit consolidates the supporting units' reports of the period it reports for (all, unless it unticks some).
  const period = Form.useWatch('period', form) ?? initialPeriod;
  const supporting = isLead ? reports.filter((r) => r.period === period && r.organisation.organisationId !== v.lead?.organisationId) : [];
  const supportingKey = supporting.map((r) => r.id).join(',');
  useEffect(() => {
    if (isLead) form.setFieldValue('consolidates', supportingKey ? supportingKey.split(',') : []);
  }, [form, isLead, supportingKey]);
  const submit = async (values: ReportValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const attachments: string[] = [];
      for (const f of files) attachments.push((await uploadFile(f)).id);
      const consolidates = isLead ? (values.consolidates ?? []) : [];
      const d = await reportProgress(v.id, { period: values.period, progress: values.progress, ...(computed ? {} : { value: values.value ?? null }), ...(attachments.length ? { attachments } : {}), ...(consolidates.length ? { consolidates } : {}) });
      qc.setQueryData<TargetDetail>(['targets', 'one', v.id], d);
      await qc.invalidateQueries({ queryKey: ['targets', 'list'] });
      void message.success(t.reportedOk);
      form.resetFields(['progress', 'value']);
      setFiles([]);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['period'], ['value'], ['progress'], ['attachments'], ['consolidates']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t.report} data-testid="target-report-form">
      <ProblemAlert problem={problem} />
      {computed ? <Alert type="info" showIcon message={t.computed} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ period: initialPeriod }} onFinish={(x) => void submit(x)}>
        <Form.Item label={t.reportPeriod} name="period" rules={[{ required: true, message: t.required }]}>
          <Select options={periods.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        {isLead && v.supporting.length > 0 ? (
          <Form.Item label={t.consolidates} name="consolidates" extra={supporting.length ? t.consolidatesHelp : t.consolidatesNone} data-testid="target-consolidates">
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
              {supporting.map((r) => (
                <Checkbox key={r.id} value={r.id}>
                  {`${r.organisation.name}${r.value !== null ? `：${fmt(r.value)} ${v.unit}` : ''} — ${r.progress.length > 40 ? `${r.progress.slice(0, 40)}…` : r.progress}`}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        ) : null}
        {computed ? null : (
          <Form.Item label={`${t.reportValue}（${v.unit}）`} name="value">
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item label={t.reportText} name="progress" rules={[{ required: true, message: t.required }]} extra={t.reportTextHelp}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t.attachments} extra={t.attachmentsHelp}>
          <Upload
            multiple
            accept=".pdf,.jpg,.jpeg,.png"
            fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
            beforeUpload={(f) => {
              setFiles((xs) => (xs.length >= 5 ? xs : [...xs, f]));
              return false;
            }}
            onRemove={(u) => setFiles((xs) => xs.filter((_, i) => String(i) !== u.uid))}
          >
            <Button icon={<PaperClipOutlined aria-hidden />}>{t.attach}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t.report}
        </Button>
      </Form>
    </Card>
  );
}
