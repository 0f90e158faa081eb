/**
 * Officers: edit a policy as a new version — criteria and amount in the visual rule builder
 * (JSON for experts), previewed in the rules engine's words — run a what-if simulation over every
 * registered subject against the current version (counts, cost, a chart per district), and
 * publish after a confirmation showing the differences and the impact. Above the configured
 * thresholds of affected subjects or cost, publishing submits the draft for a second officer of
 * the same department, who approves (publishing it) or returns it here. A new item (created on
 * /policies/new) has no published version yet: the page says so and publishes it the same way.
 */
import { App as AntApp, Alert, Button, Card, Col, Collapse, Descriptions, Flex, Input, Modal, Progress, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PolicyPublishImpact, PolicyVersionDiff } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { useMe } from '../../app/auth';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle, type Lang, type Localised } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { showInstant } from '../../app/time';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';
import { yuan, type Simulation, type Tally, type VersionView } from './finder.api';
import { SpecEditor } from './rule-builder/spec-editor';

const m = defineMessages({
  zh: {
    title: '政策版本管理',
    current: '当前发布版本',
    draft: '新版本草稿',
    note: '修改说明',
    save: '保存草稿',
    saved: '草稿已保存',
    unsaved: '有未保存的修改：保存草稿后才能模拟测算或发布。',
    simulate: '模拟测算',
    publish: '发布新版本',
    published: '已发布',
    submitted: '影响面超过阈值，已提交同部门另一位经办人审批',
    running: '正在测算…',
    rows: (n: number, ms: number) => `已测算 ${n.toLocaleString('zh-CN')} 个已登记主体，用时 ${(ms / 1000).toFixed(1)} 秒`,
    measure: '指标',
    draftCol: (v: number) => `新版本 v${v}`,
    currentCol: (v: number) => `当前 v${v}`,
    eligible: '符合条件',
    nearMiss: '差一点',
    unknown: '信息不足',
    cost: '总金额（元）',
    affected: '符合与否发生变化的主体',
    district: '区县',
    otherPlace: '其他地区',
    chartSubjects: '各区县符合条件的主体（新版本）',
    chartCost: '各区县总金额（新版本，万元）',
    seriesSubjects: '符合条件的主体',
    seriesCost: '总金额（万元）',
    diff: '与当前版本的差异',
    rulesDiff: '规则',
    amountsDiff: '金额',
    paramsDiff: '参数',
    noDiff: '无变化',
    added: '新增',
    removed: '删除',
    changed: '修改',
    showJson: '查看 JSON',
    criterionNamed: (label: string) => `条件「${label}」`,
    history: '版本历史',
    back: '返回政策页',
    errors: '操作未成功：',
    newItem: '新政策，尚未发布',
    draftVersion: '草稿',
    publishNew: '发布新政策',
    backToDrafts: '返回新建政策与草稿',
    confirmTitle: '确认发布',
    confirmDiff: (r: number, a: number, p: number) => `与当前版本相比：规则 ${r} 处、金额 ${a} 处、参数 ${p} 处变化。`,
    confirmNew: '这是新政策的第一个版本。',
    lastSimulation: '最近一次模拟测算',
    noSimulation: '尚未模拟测算：建议先测算再发布。',
    impact: '发布影响（服务器按当前登记主体计算）',
    impactSubjects: '符合与否变化的主体',
    impactCost: '总金额变化（元）',
    thresholds: (s: number, c: string) => `超过 ${s} 个主体或金额变化超过 ${c} 元时，须同部门另一位经办人审批。`,
    needsApproval: '本次发布超过阈值：确认后将提交审批，批准后才生效。',
    noApproval: '未超过阈值：确认后立即生效。',
    confirm: '确认发布',
    confirmSubmit: '提交审批',
    cancel: '取消',
    awaiting: '该版本正在等待审批',
    awaitingMine: '已提交，等待同部门另一位经办人审批。审批前可继续修改（修改后须重新提交）。',
    awaitingOther: '同部门经办人提交了该版本，请核对差异与影响后批准或退回。',
    submittedAt: (at: string) => `提交于 ${at}`,
    approve: '批准并发布',
    approved: '已批准，新版本已生效',
    returnDraft: '退回修改',
    returnReason: '退回原因',
    returned: '已退回',
    yuanUnit: '元',
  },
  en: {
    title: 'Policy versions',
    current: 'Current published version',
    draft: 'Draft of a new version',
    note: 'What changes and why',
    save: 'Save draft',
    saved: 'Draft saved',
    unsaved: 'Unsaved changes: save the draft before simulating or publishing.',
    simulate: 'Run simulation',
    publish: 'Publish new version',
    published: 'Published',
    submitted: 'Above the thresholds: submitted for approval by another officer of the department',
    running: 'Simulating…',
    rows: (n: number, ms: number) => `${n.toLocaleString('en')} registered subjects evaluated in ${(ms / 1000).toFixed(1)} s`,
    measure: 'Measure',
    draftCol: (v: number) => `New v${v}`,
    currentCol: (v: number) => `Current v${v}`,
    eligible: 'Eligible',
    nearMiss: 'Near misses',
    unknown: 'Not enough information',
    cost: 'Total cost (CNY)',
    affected: 'Subjects whose eligibility changes',
    district: 'District',
    otherPlace: 'Elsewhere',
    chartSubjects: 'Eligible subjects per district (new version)',
    chartCost: 'Total cost per district (new version, 10k CNY)',
    seriesSubjects: 'Eligible subjects',
    seriesCost: 'Total cost (10k CNY)',
    diff: 'Differences from the current version',
    rulesDiff: 'Rules',
    amountsDiff: 'Amounts',
    paramsDiff: 'Parameters',
    noDiff: 'No change',
    added: 'Added',
    removed: 'Removed',
    changed: 'Changed',
    showJson: 'Show JSON',
    criterionNamed: (label: string) => `criterion “${label}”`,
    history: 'Version history',
    back: 'Back to the policy',
    errors: 'Not done: ',
    newItem: 'New policy, not yet published',
    draftVersion: 'Draft',
    publishNew: 'Publish the new policy',
    backToDrafts: 'Back to new items and drafts',
    confirmTitle: 'Confirm publication',
    confirmDiff: (r: number, a: number, p: number) => `Against the current version: ${r} rule, ${a} amount and ${p} parameter changes.`,
    confirmNew: 'This is the first version of a new policy.',
    lastSimulation: 'Last simulation',
    noSimulation: 'Not simulated yet: simulate before publishing.',
    impact: 'Impact of publishing (computed by the server over the registered subjects)',
    impactSubjects: 'Subjects whose eligibility changes',
    impactCost: 'Change of the total cost (CNY)',
    thresholds: (s: number, c: string) => `Above ${s} subjects or a cost change above ${c} CNY, another officer of the department must approve.`,
    needsApproval: 'This publication is above the thresholds: confirming submits it for approval; it takes effect once approved.',
    noApproval: 'Below the thresholds: confirming publishes it at once.',
    confirm: 'Publish',
    confirmSubmit: 'Submit for approval',
    cancel: 'Cancel',
    awaiting: 'This version is awaiting approval',
    awaitingMine: 'Submitted; awaiting another officer of the department. You may still change it (then submit it again).',
    awaitingOther: 'A colleague submitted this version: check the differences and the impact, then approve or return it.',
    submittedAt: (at: string) => `Submitted ${at}`,
    approve: 'Approve and publish',
    approved: 'Approved; the new version is in force',
    returnDraft: 'Return for changes',
    returnReason: 'Why it goes back',
    returned: 'Returned',
    yuanUnit: 'CNY',
  },
});

/** Parts of a rule and version statuses, in words. */
const SECTION: Record<Lang, Record<string, string>> = {
  zh: { criteria: '申请条件', amount: '金额公式', caps: '金额上限', effective: '执行期限', title: '名称', region: '适用地区', mode: '申请方式', entity: '适用对象', benefit: '扶持方式', excludes: '不可同时享受', once_per: '享受次数', requires_materials: '申请材料', source: '依据条款' },
  en: { criteria: 'Criteria', amount: 'Amount formula', caps: 'Caps', effective: 'Effective period', title: 'Title', region: 'Region', mode: 'How to apply', entity: 'Who', benefit: 'Benefit', excludes: 'Not combinable with', once_per: 'How often', requires_materials: 'Materials', source: 'Source clause' },
};
const STATUS: Record<Lang, Record<string, string>> = {
  zh: { draft: '草稿', awaiting_approval: '待审批', published: '现行', superseded: '已被替代', discarded: '已撤销' },
  en: { draft: 'Draft', awaiting_approval: 'Awaiting approval', published: 'In force', superseded: 'Superseded', discarded: 'Discarded' },
};

type DiffEntry = PolicyVersionDiff['rules'][number];
type Spec = Record<string, unknown>;

const titleOf = (spec: unknown): Localised | null => {
  const t = (spec as { title?: Partial<Localised> } | null)?.title;
  return t && typeof t.zh === 'string' ? { zh: t.zh, en: typeof t.en === 'string' ? t.en : t.zh } : null;
};

/** Where a diff entry is, in words: "申请条件 · 条件「…」" (never the JSON path). */
function useDiffPlace() {
  const t = useMessages(m);
  const { lang } = useLang();
  return (e: DiffEntry, specs: unknown[]) => {
    const top = e.path.split(/[.[]/)[0] ?? '';
    const section = SECTION[lang][top] ?? (lang === 'zh' ? '其他' : 'Other');
    const id = e.path.match(/^criteria\[([^\]]+)\]/)?.[1];
    if (!id) return section;
    for (const s of specs) {
      const c = ((s as { criteria?: { id: string; label: Localised }[] } | null)?.criteria ?? []).find((x) => x.id === id);
      if (c) return `${section} · ${t.criterionNamed(c.label[lang] || c.label.zh)}`;
    }
    return section;
  };
}

function DiffList({ title, entries, specs }: { title: string; entries: DiffEntry[]; specs: unknown[] }) {
  const t = useMessages(m);
  const place = useDiffPlace();
  const label = { added: t.added, removed: t.removed, changed: t.changed } as Record<string, string>;
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {entries.length === 0 ? <Typography.Paragraph type="secondary">{t.noDiff}</Typography.Paragraph> : (
        <>
          <ul className="sb-diff">
            {entries.map((e) => (
              <li key={e.path}><Tag color={e.change === 'added' ? 'green' : e.change === 'removed' ? 'red' : 'blue'}>{label[e.change] ?? e.change}</Tag>{place(e, specs)}</li>
            ))}
          </ul>
          <Collapse size="small" ghost items={[{ key: 'json', label: t.showJson, children: <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{entries.map((e) => `${e.path}: ${e.before !== undefined ? JSON.stringify(e.before) : '∅'} → ${e.after !== undefined ? JSON.stringify(e.after) : '∅'}`).join('\n')}</pre> }]} />
        </>
      )}
    </div>
  );
}

/** The diff of one version against the one before it, loaded when opened. */
function HistoryDiff({ id, from, to, specs }: { id: string; from: number; to: number; specs: unknown[] }) {
  const t = useMessages(m);
  const diff = useQuery({ queryKey: ['policies', id, 'diff', from, to], queryFn: () => api.get<PolicyVersionDiff>(`/policies/${id}/diff?from=${from}&to=${to}`) });
  if (!diff.data) return <PageLoading />;
  return (
    <Flex vertical gap={8}>
      <DiffList title={t.rulesDiff} entries={diff.data.rules} specs={specs} />
      <DiffList title={t.amountsDiff} entries={diff.data.amounts} specs={specs} />
      <DiffList title={t.paramsDiff} entries={diff.data.parameters} specs={specs} />
    </Flex>
  );
}

/** The simulation's answer: totals against the current version, and a chart per district. */
function SimulationResult({ sim }: { sim: Simulation }) {
  const t = useMessages(m);
  const result = sim.result;
  if (!result) return <Progress percent={Math.round(sim.progress * 100)} status={sim.status === 'failed' ? 'exception' : 'active'} aria-label={t.running} />;
  const row = (label: string, f: (x: Tally) => string | number) => ({ key: label, measure: label, draft: f(result.draft.total), current: result.current ? f(result.current.total) : '—' });
  // Districts with someone eligible or a cost, largest first; names come from the server (never codes).
  const districts = result.draft.byDistrict.filter((d) => d.eligible > 0 || d.amountFen > 0).sort((a, b) => b.eligible - a.eligible || b.amountFen - a.amountFen);
  const names = districts.map((d) => d.name ?? t.otherPlace);
  return (
    <>
      <Typography.Paragraph>{t.rows(result.rows, result.elapsedMs)}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t.measure, dataIndex: 'measure' },
          { title: t.draftCol(result.draft.version), dataIndex: 'draft' },
          { title: result.current ? t.currentCol(result.current.version) : '—', dataIndex: 'current' },
        ]}
        dataSource={[row(t.eligible, (x) => x.eligible), row(t.nearMiss, (x) => x.nearMiss), row(t.unknown, (x) => x.unknown), row(t.cost, (x) => yuan(x.amountFen))]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="sim-affected">
        {t.affected}：<strong>{result.affected.toLocaleString('zh-CN')}</strong>
      </Typography.Paragraph>
      {districts.length > 0 ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t.chartSubjects}</Typography.Text>
            <Chart type="horizontal" title={t.chartSubjects} categories={names} series={[{ name: t.seriesSubjects, values: districts.map((d) => d.eligible) }]} height={Math.max(220, names.length * 28)} testId="sim-district-subjects" />
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Text strong>{t.chartCost}</Typography.Text>
            <Chart
              type="horizontal"
              title={t.chartCost}
              categories={names}
              series={[{ name: t.seriesCost, values: districts.map((d) => Math.round(d.amountFen / 100) / 10_000) }]}
              format={(v) => v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}
              height={Math.max(220, names.length * 28)}
              testId="sim-district-cost"
            />
          </Col>
        </Row>
      ) : null}
    </>
  );
}

function PublishDialog({ id, draft, isNew, diff, sim, open, onClose, onDone }: { id: string; draft: VersionView; isNew: boolean; diff: PolicyVersionDiff | undefined; sim: Simulation | undefined; open: boolean; onClose: () => void; onDone: (v: VersionView) => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const [problem, setProblem] = useState<string | null>(null);
  const impact = useQuery({ queryKey: ['policies', id, 'impact', draft.version], queryFn: () => api.get<PolicyPublishImpact>(`/policies/${id}/versions/${draft.version}/impact`), enabled: open, staleTime: 0 });
  const publish = useMutation({
    mutationFn: () => api.post<VersionView>(`/policies/${id}/versions/${draft.version}/publish`),
    onSuccess: (v) => onDone(v),
    onError: (e) => setProblem(problemMessage(e, lang)),
  });
  const result = sim?.status === 'done' && sim.version === draft.version ? sim.result : null;
  return (
    <Modal
      open={open}
      title={t.confirmTitle}
      onCancel={onClose}
      okText={impact.data?.needsApproval ? t.confirmSubmit : t.confirm}
      cancelText={t.cancel}
      okButtonProps={{ disabled: !impact.data, loading: publish.isPending, danger: !impact.data?.needsApproval, 'data-testid': 'publish-confirm' } as never}
      onOk={() => publish.mutate()}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="publish-dialog">
        <Typography.Text>{isNew || !diff ? t.confirmNew : t.confirmDiff(diff.rules.length, diff.amounts.length, diff.parameters.length)}</Typography.Text>
        <Card size="small" title={t.lastSimulation}>
          {result ? (
            <Space size="large" wrap>
              <Statistic title={t.eligible} value={result.draft.total.eligible} />
              <Statistic title={t.affected} value={result.affected} />
              <Statistic title={t.cost} value={yuan(result.draft.total.amountFen)} />
            </Space>
          ) : (
            <Typography.Text type="warning">{t.noSimulation}</Typography.Text>
          )}
        </Card>
        <Card size="small" title={t.impact}>
          {impact.isError ? <LoadError error={impact.error} /> : !impact.data ? <PageLoading /> : (
            <Flex vertical gap={8}>
              <Space size="large" wrap>
                <Statistic title={t.impactSubjects} value={impact.data.affectedSubjects} />
                <Statistic title={t.impactCost} value={yuan(impact.data.costChangeFen)} />
              </Space>
              <Typography.Text type="secondary">{t.thresholds(impact.data.thresholds.subjects, yuan(impact.data.thresholds.costFen))}</Typography.Text>
              <Alert type={impact.data.needsApproval ? 'warning' : 'info'} showIcon title={impact.data.needsApproval ? t.needsApproval : t.noApproval} data-testid="publish-approval-needed" />
            </Flex>
          )}
        </Card>
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
      </Flex>
    </Modal>
  );
}

function ApprovalCard({ id, draft, onDone }: { id: string; draft: VersionView; onDone: (message: string) => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const mine = !!me.data && (draft.approval?.submittedBy === me.data.user.id || draft.approval?.createdBy === me.data.user.id);
  const approve = useMutation({ mutationFn: () => api.post<VersionView>(`/policies/${id}/versions/${draft.version}/approve`), onSuccess: () => onDone(t.approved), onError: (e) => setProblem(problemMessage(e, lang)) });
  const back = useMutation({ mutationFn: () => api.post<VersionView>(`/policies/${id}/versions/${draft.version}/return`, { reason: reason.trim() }), onSuccess: () => onDone(t.returned), onError: (e) => setProblem(problemMessage(e, lang)) });
  const impact = draft.approval?.impact;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="awaiting-approval"
      title={`${t.awaiting}${draft.approval ? ` · ${t.submittedAt(showInstant(draft.approval.submittedAt, lang))}` : ''}`}
      description={
        <Flex vertical gap={8}>
          <span>{mine ? t.awaitingMine : t.awaitingOther}</span>
          {impact ? (
            <span>
              {t.impactSubjects}：{impact.affectedSubjects.toLocaleString('zh-CN')}；{t.impactCost}：{yuan(impact.costChangeFen)}
            </span>
          ) : null}
          {!mine ? (
            <Flex gap={8} wrap>
              <Button type="primary" onClick={() => approve.mutate()} loading={approve.isPending} data-testid="approve">{t.approve}</Button>
              <Input aria-label={t.returnReason} placeholder={t.returnReason} value={reason} onChange={(e) => setReason(e.target.value)} style={{ maxWidth: 320 }} />
              <Button onClick={() => back.mutate()} disabled={!reason.trim()} loading={back.isPending}>{t.returnDraft}</Button>
            </Flex>
          ) : null}
          {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
        </Flex>
      }
    />
  );
}

export function ManagePage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  usePageTitle(t.title);
  const versions = useQuery({ queryKey: ['policies', id, 'versions'], queryFn: () => api.get<{ items: VersionView[] }>(`/policies/${id}/versions`) });
  const current = versions.data?.items.find((v) => v.status === 'published');
  const draft = versions.data?.items.find((v) => v.status === 'draft' || v.status === 'awaiting_approval');
  // Until the officer edits them, the editor shows the draft (or the published version) as it is.
  const [edited, setEdited] = useState<Spec | null>(null);
  const [editedNote, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const shown = draft ?? current;
  const spec = edited ?? ((shown?.spec ?? {}) as Spec);
  const note = editedNote ?? draft?.note ?? '';
  const [simId, setSimId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sim = useQuery({
    queryKey: ['finder', 'simulation', simId],
    queryFn: () => api.get<Simulation>(`/finder/simulations/${simId}`),
    enabled: simId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
  const diff = useQuery({
    queryKey: ['policies', id, 'diff', current?.version, draft?.version],
    queryFn: () => api.get<PolicyVersionDiff>(`/policies/${id}/diff?from=${current!.version}&to=${draft!.version}`),
    enabled: !!current && !!draft,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['policies'] });
  };
  const save = useMutation({
    mutationFn: () => api.put<VersionView>(`/policies/${id}/draft`, { spec, note: note || '—', ...(shown && Object.keys(shown.parameters).length ? { parameters: shown.parameters } : {}) }),
    onSuccess: async () => {
      setProblem(null);
      setEdited(null);
      setNote(null);
      void message.success(t.saved);
      await refresh();
    },
    onError: (e) => setProblem(problemMessage(e, lang)),
  });
  const simulate = useMutation({
    mutationFn: () => api.post<Simulation>('/finder/simulations', { itemId: id, version: draft!.version }),
    onSuccess: (s) => setSimId(s.id),
    onError: (e) => setProblem(problemMessage(e, lang)),
  });
  if (versions.isPending) return <PageLoading />;
  if (versions.isError) return <LoadError error={versions.error} />;
  const dirty = edited !== null || editedNote !== null;
  const awaiting = draft?.status === 'awaiting_approval';
  const title = l(titleOf(shown?.spec), t.title);
  const specs = versions.data.items.map((v) => v.spec);
  return (
    <>
      <PageHeading
        title={`${t.title} · ${title}`}
        subtitle={current ? undefined : <Tag color="orange" data-testid="new-item">{t.newItem}</Tag>}
        // Before its first publication the item has no public page: back to the drafts instead.
        extra={current ? <Link to={`/policies/${id}`}>{t.back}</Link> : <Link to="/policies/new">{t.backToDrafts}</Link>}
      />
      {problem ? <Alert type="error" showIcon title={t.errors} description={problem} style={{ marginBottom: 16 }} data-testid="manage-error" closable onClose={() => setProblem(null)} /> : null}
      {awaiting && draft ? (
        <ApprovalCard
          id={id}
          draft={draft}
          onDone={(msg) => {
            void message.success(msg);
            void refresh();
          }}
        />
      ) : null}
      <Card title={t.draft} style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          items={[
            { key: 'c', label: t.current, children: current ? `v${current.version}` : t.newItem },
            ...(draft ? [{ key: 'd', label: t.draftVersion, children: <Space>{`v${draft.version}`}<Tag>{STATUS[lang][draft.status] ?? t.draftVersion}</Tag></Space> }] : []),
          ]}
        />
        <SpecEditor key={`${draft?.version ?? 'current'}:${draft?.status ?? ''}`} itemId={id} spec={spec} parameters={shown?.parameters} onChange={setEdited} />
        <div style={{ marginTop: 12 }}>
          <label htmlFor="draft-note">{t.note}</label>
          <Input id="draft-note" value={note} onChange={(e) => setNote(e.target.value)} style={{ marginBottom: 12 }} />
        </div>
        {dirty ? <Alert type="info" showIcon title={t.unsaved} style={{ marginBottom: 12 }} /> : null}
        <Space wrap>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="save-draft">{t.save}</Button>
          <Button onClick={() => simulate.mutate()} disabled={!draft || dirty} loading={simulate.isPending} data-testid="simulate">{t.simulate}</Button>
          <Button danger onClick={() => setConfirming(true)} disabled={!draft || dirty || awaiting} data-testid="publish">{current ? t.publish : t.publishNew}</Button>
        </Space>
      </Card>
      {draft && diff.data ? (
        <Card title={t.diff} style={{ marginBottom: 16 }} data-testid="diff">
          <Flex vertical gap={8}>
            <DiffList title={t.rulesDiff} entries={diff.data.rules} specs={specs} />
            <DiffList title={t.amountsDiff} entries={diff.data.amounts} specs={specs} />
            <DiffList title={t.paramsDiff} entries={diff.data.parameters} specs={specs} />
          </Flex>
        </Card>
      ) : null}
      {sim.data ? (
        <Card title={t.simulate} style={{ marginBottom: 16 }} data-testid="simulation">
          <SimulationResult sim={sim.data} />
        </Card>
      ) : null}
      {draft && confirming ? (
        <PublishDialog
          id={id}
          draft={draft}
          isNew={!current}
          diff={diff.data}
          sim={sim.data}
          open={confirming}
          onClose={() => setConfirming(false)}
          onDone={(v) => {
            setConfirming(false);
            void message.success(v.status === 'awaiting_approval' ? t.submitted : t.published);
            void refresh();
          }}
        />
      ) : null}
      <Card title={t.history}>
        <Collapse
          items={versions.data.items.map((v, i, all) => ({
            key: String(v.version),
            label: `v${v.version} · ${STATUS[lang][v.status] ?? v.status} · ${v.note}${v.publishedAt ? ` · ${showInstant(v.publishedAt, lang)}` : ''}`,
            // Versions come newest first; the one before is the next in the list (discarded drafts are not listed).
            children: all[i + 1] ? <HistoryDiff id={id} from={all[i + 1]!.version} to={v.version} specs={specs} /> : <Typography.Text type="secondary">{t.noDiff}</Typography.Text>,
          }))}
        />
      </Card>
    </>
  );
}
