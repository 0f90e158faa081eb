/**
 * Briefings (工作简报): the programme office drafts one for a period (its figures taken from the
 * targets dashboard that day), edits its text, takes the figures again while it is a draft, issues
 * it (the next number of the year) and downloads it as Word or PDF. Issued briefings are the
 * office's numbered archive.
 */
import { DownloadOutlined, FileWordOutlined, PlusOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Row, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { BRIEFING_STATE_LABELS, TARGET_STATUS_LABELS, type BriefingTarget, type BriefingUnit, type BriefingUpdateBody, type BriefingView } from '@seedbed/contract';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { createBriefing, issueBriefing, refreshBriefing, updateBriefing, useBriefing, useBriefings } from './targets.api';
import { StatusTag } from './targets-pages';

const m = defineMessages({
  zh: {
    title: '工作简报',
    targetsBack: '返回目标任务',
    subtitle: '按期汇总目标任务推进情况，编辑后印发，自动编号归档',
    draft: '起草简报',
    empty: '还没有简报',
    emptyHelp: '选择期间起草一期简报，数据取自目标任务看板',
    number: '期号',
    numberOf: (y: number, n: number) => `${y}年第${n}期`,
    unnumbered: '未编号',
    name: '标题',
    period: '期间',
    state: '状态',
    issuedOn: '印发日期',
    downloads: '下载',
    word: 'Word',
    pdf: 'PDF',
    periodFrom: '起始日期',
    periodTo: '截止日期',
    required: '必填',
    cancel: '取消',
    drafted: '已起草简报',
    back: '返回简报列表',
    masthead: '刊头',
    issuer: '编发单位',
    summary: '总体情况',
    nextSteps: '下步工作',
    distribution: '报送范围',
    distributionHelp: '每行一项，如“报：……”“送：……”',
    save: '保存',
    saved: '已保存',
    refresh: '更新数据',
    refreshed: '数据已更新为今天的看板数据',
    issue: '印发',
    issueConfirm: '印发后将编号并不能再修改，确定印发？',
    issued: (y: number, n: number) => `已印发：${y}年第${n}期`,
    figuresAsOf: (d: string) => `数据截至 ${d}（与当日目标任务看板一致）`,
    total: (n: number) => `目标任务共 ${n} 项`,
    byStatus: '目标任务按状态',
    count: '项数',
    units: '各责任单位推进情况',
    unit: '牵头单位',
    targets: '目标任务',
    reports: '本期报送',
    escalated: '逾期催报',
    statuses: '状态分布',
    attention: '需重点关注的目标任务',
    noAttention: '本期没有滞后、预警或未达标的目标任务',
    goal: '目标',
    figure: '完成',
    progress: '进度 / 时间',
    pending: '待报',
    createdBy: (who: string, when: string) => `${who} 起草于 ${when}`,
    frozen: '已印发的简报不能再修改；如需更正，请起草新一期。',
  },
  en: {
    title: 'Briefings',
    targetsBack: 'Back to targets',
    subtitle: 'The progress of the targets for a period, edited, issued, numbered and archived',
    draft: 'Draft a briefing',
    empty: 'No briefings yet',
    emptyHelp: 'Choose a period to draft one; its figures come from the targets dashboard',
    number: 'Number',
    numberOf: (y: number, n: number) => `${y} No. ${n}`,
    unnumbered: 'Not numbered',
    name: 'Title',
    period: 'Period',
    state: 'State',
    issuedOn: 'Issued on',
    downloads: 'Download',
    word: 'Word',
    pdf: 'PDF',
    periodFrom: 'From',
    periodTo: 'To',
    required: 'Required',
    cancel: 'Cancel',
    drafted: 'Briefing drafted',
    back: 'Back to briefings',
    masthead: 'Masthead',
    issuer: 'Issued by',
    summary: 'Overview',
    nextSteps: 'Next steps',
    distribution: 'Distribution',
    distributionHelp: 'One line each, e.g. “报：…” and “送：…”',
    save: 'Save',
    saved: 'Saved',
    refresh: 'Update figures',
    refreshed: "Figures updated to today's dashboard",
    issue: 'Issue',
    issueConfirm: 'Issuing numbers it and it can no longer be changed. Issue it?',
    issued: (y: number, n: number) => `Issued: ${y} No. ${n}`,
    figuresAsOf: (d: string) => `Figures as of ${d} (the targets dashboard of that day)`,
    total: (n: number) => `${n} targets`,
    byStatus: 'Targets by status',
    count: 'Targets',
    units: 'Progress by unit',
    unit: 'Lead unit',
    targets: 'Targets',
    reports: 'Reports in the period',
    escalated: 'Escalated',
    statuses: 'By status',
    attention: 'Targets needing attention',
    noAttention: 'No target is behind, at risk or missed',
    goal: 'Goal',
    figure: 'Figure',
    progress: 'Progress / time',
    pending: 'Awaited',
    createdBy: (who: string, when: string) => `Drafted by ${who} on ${when}`,
    frozen: 'An issued briefing cannot change; to correct it, draft a new one.',
  },
});

const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);
const docUrl = (id: string, format: 'docx' | 'pdf') => `/api/v1/targets/briefings/${encodeURIComponent(id)}/briefing.${format}`;

function Downloads({ b }: { b: BriefingView }) {
  const t = useMessages(m);
  return (
    <Space wrap>
      <Button size="small" icon={<FileWordOutlined aria-hidden />} href={docUrl(b.id, 'docx')} aria-label={`${t.word} ${b.title}`}>
        {t.word}
      </Button>
      <Button size="small" icon={<DownloadOutlined aria-hidden />} href={docUrl(b.id, 'pdf')} target="_blank" aria-label={`${t.pdf} ${b.title}`}>
        {t.pdf}
      </Button>
    </Space>
  );
}

function NumberCell({ b }: { b: BriefingView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return b.number !== null && b.year !== null ? <span>{t.numberOf(b.year, b.number)}</span> : <Tag>{BRIEFING_STATE_LABELS.draft[lang]}</Tag>;
}

export function BriefingsPage() {
  const t = useMessages(m);
  const list = useBriefings();
  const [open, setOpen] = useState(false);
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const columns: TableColumnsType<BriefingView> = [
    { title: t.number, key: 'number', render: (_, b) => <NumberCell b={b} /> },
    { title: t.name, key: 'title', render: (_, b) => <Link to={`/targets/briefings/${b.id}`}>{b.title}</Link> },
    { title: t.period, key: 'period', responsive: ['md'], render: (_, b) => `${b.periodFrom} ~ ${b.periodTo}` },
    { title: t.issuedOn, key: 'issuedOn', responsive: ['md'], render: (_, b) => b.issuedOn ?? '—' },
    { title: t.downloads, key: 'downloads', render: (_, b) => <Downloads b={b} /> },
  ];
  return (
    <>
      <Link to="/targets">← {t.targetsBack}</Link>
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {t.draft}
          </Button>
        }
      />
      <Table<BriefingView>
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description={t.emptyHelp} /> }}
        scroll={{ x: 'max-content' }}
        data-testid="briefings-table"
      />
      <DraftModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}

const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

function DraftModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ periodFrom: string; periodTo: string }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const end = today();
  const submit = async (v: { periodFrom: string; periodTo: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const b = await createBriefing(v);
      void message.success(t.drafted);
      await qc.invalidateQueries({ queryKey: ['briefings'] });
      onClose();
      void navigate(`/targets/briefings/${b.id}`);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['periodFrom'], ['periodTo'], ['regionCode']]));
    } finally {
      setBusy(false);
    }
  };
  const date = [{ required: true, message: t.required }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }];
  return (
    <Modal open={open} title={t.draft} onCancel={onClose} okText={t.draft} cancelText={t.cancel} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ periodFrom: `${end.slice(0, 8)}01`, periodTo: end }} onFinish={(v) => void submit(v)}>
        <Form.Item label={t.periodFrom} name="periodFrom" rules={date}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.Item label={t.periodTo} name="periodTo" rules={date}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type EditValues = Required<BriefingUpdateBody>;

export function BriefingPage() {
  const { id = '' } = useParams();
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const detail = useBriefing(id);
  const [form] = Form.useForm<EditValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'refresh' | 'issue'>(null);
  const b = detail.data;
  useEffect(() => {
    if (b) form.setFieldsValue({ masthead: b.masthead, title: b.title, issuer: b.issuer, summary: b.summary, nextSteps: b.nextSteps, distribution: b.distribution });
  }, [b, form]);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError || !b) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  const draft = b.state === 'draft';

  const act = async (kind: 'save' | 'refresh' | 'issue', run: () => Promise<BriefingView>, done: (v: BriefingView) => string) => {
    setBusy(kind);
    setProblem(null);
    try {
      const v = await run();
      qc.setQueryData(['briefings', 'one', id], v);
      await qc.invalidateQueries({ queryKey: ['briefings', 'list'] });
      void message.success(done(v));
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['masthead'], ['title'], ['issuer'], ['summary'], ['nextSteps'], ['distribution']]));
    } finally {
      setBusy(null);
    }
  };
  const save = (v: EditValues) => act('save', () => updateBriefing(id, v), () => t.saved);
  const f = b.figures;
  const unitColumns: TableColumnsType<BriefingUnit> = [
    { title: t.unit, dataIndex: 'name' },
    { title: t.targets, dataIndex: 'targets', align: 'right' },
    { title: t.statuses, key: 'statuses', render: (_, u) => <Space size={4} wrap>{u.byStatus.map((s) => <span key={s.status}><StatusTag status={s.status} lang={lang} />{s.count}</span>)}</Space> },
    { title: t.reports, dataIndex: 'reports', align: 'right', responsive: ['md'] },
    { title: t.escalated, dataIndex: 'escalated', align: 'right', responsive: ['md'] },
  ];
  const attentionColumns: TableColumnsType<BriefingTarget> = [
    { title: t.targets, dataIndex: 'title' },
    { title: t.unit, dataIndex: 'lead', responsive: ['md'] },
    { title: t.goal, dataIndex: 'goal', responsive: ['lg'] },
    { title: t.figure, key: 'figure', render: (_, a) => (a.figure === null ? t.pending : `${a.figure.toLocaleString('zh-CN')}${a.unit}`) },
    { title: t.progress, key: 'progress', responsive: ['md'], render: (_, a) => `${pct(a.progress)} / ${pct(a.elapsed)}` },
    { title: t.state, key: 'status', render: (_, a) => <StatusTag status={a.status} lang={lang} /> },
  ];

  return (
    <>
      <Link to="/targets/briefings">← {t.back}</Link>
      <PageHeading
        title={b.title}
        subtitle={
          <Space wrap>
            {b.number !== null && b.year !== null ? <Tag color="red">{t.numberOf(b.year, b.number)}</Tag> : <Tag>{BRIEFING_STATE_LABELS.draft[lang]}</Tag>}
            <span>{`${b.periodFrom} ~ ${b.periodTo}`}</span>
            <Typography.Text type="secondary">{t.createdBy(b.createdBy, showInstant(b.createdAt, lang))}</Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            <Downloads b={b} />
            {draft ? (
              <>
                <Button icon={<ReloadOutlined aria-hidden />} loading={busy === 'refresh'} onClick={() => void act('refresh', () => refreshBriefing(id), () => t.refreshed)}>
                  {t.refresh}
                </Button>
                <Popconfirm title={t.issueConfirm} okText={t.issue} cancelText={t.cancel} onConfirm={() => void act('issue', () => issueBriefing(id), (v) => t.issued(v.year!, v.number!))}>
                  <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy === 'issue'}>
                    {t.issue}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
          </Space>
        }
      />
      <ProblemAlert problem={problem} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={draft ? t.save : BRIEFING_STATE_LABELS.issued[lang]}>
            {draft ? (
              <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="briefing-form">
                <Form.Item label={t.masthead} name="masthead" rules={[{ required: true, whitespace: true, message: t.required }]}>
                  <Input maxLength={40} />
                </Form.Item>
                <Form.Item label={t.name} name="title" rules={[{ required: true, whitespace: true, message: t.required }]}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item label={t.issuer} name="issuer" rules={[{ required: true, whitespace: true, message: t.required }]}>
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item label={t.summary} name="summary">
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
                </Form.Item>
                <Form.Item label={t.nextSteps} name="nextSteps">
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} maxLength={4000} />
                </Form.Item>
                <Form.Item label={t.distribution} name="distribution" extra={t.distributionHelp}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={400} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy === 'save'}>
                  {t.save}
                </Button>
              </Form>
            ) : (
              <>
                <Typography.Paragraph type="secondary">{t.frozen}</Typography.Paragraph>
                <Descriptions column={1} size="small" data-testid="briefing-issued">
                  <Descriptions.Item label={t.masthead}>{b.masthead}</Descriptions.Item>
                  <Descriptions.Item label={t.issuer}>{b.issuer}</Descriptions.Item>
                  <Descriptions.Item label={t.issuedOn}>{b.issuedOn}</Descriptions.Item>
                  <Descriptions.Item label={t.summary}>
                    <span style={{ whiteSpace: 'pre-line' }}>{b.summary}</span>
                  </Descriptions.Item>
                  {b.nextSteps ? (
                    <Descriptions.Item label={t.nextSteps}>
                      <span style={{ whiteSpace: 'pre-line' }}>{b.nextSteps}</span>
                    </Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t.distribution}>
                    <span style={{ whiteSpace: 'pre-line' }}>{b.distribution}</span>
                  </Descriptions.Item>
                </Descriptions>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t.figuresAsOf(f.asOf)} extra={t.total(f.total)}>
            {f.total > 0 ? (
              <Chart
                title={t.byStatus}
                categories={f.byStatus.map((s) => TARGET_STATUS_LABELS[s.status][lang])}
                series={[{ name: t.count, values: f.byStatus.map((s) => s.count) }]}
                height={240}
                testId="briefing-status-chart"
              />
            ) : (
              <EmptyState description={t.empty} />
            )}
          </Card>
          <Card size="small" title={t.units} style={{ marginTop: 16 }}>
            <Table<BriefingUnit> rowKey="name" size="small" columns={unitColumns} dataSource={f.units} pagination={false} scroll={{ x: 'max-content' }} data-testid="briefing-units" />
          </Card>
          <Card size="small" title={t.attention} style={{ marginTop: 16 }}>
            <Table<BriefingTarget>
              rowKey="title"
              size="small"
              columns={attentionColumns}
              dataSource={f.attention}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <EmptyState description={t.noAttention} /> }}
              data-testid="briefing-attention"
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
