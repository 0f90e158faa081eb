/**
 * Officers: edit a policy as a new version (the rule as JSON, checked by the rules engine), run a
 * what-if simulation over every registered subject against the current version, and publish
 * with the diff of rules and amounts shown first. A new item (created on /policies/new) has no
 * published version yet: the page says so, simulates without a comparison and publishes it.
 */
import { App as AntApp, Alert, Button, Card, Collapse, Descriptions, Flex, Input, Progress, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { PolicyVersionDiff } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { defineMessages, useLang, useMessages, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { showInstant } from '../../app/time';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';
import { yuan, type Simulation, type Tally, type VersionView } from './finder.api';

const m = defineMessages({
  zh: {
    title: '政策版本管理',
    current: '当前发布版本',
    draft: '新版本草稿（规则 JSON）',
    note: '修改说明',
    save: '保存草稿',
    saved: '草稿已保存',
    simulate: '模拟测算',
    publish: '发布新版本',
    published: '已发布',
    discard: '撤销草稿',
    running: '正在测算…',
    rows: (n: number, ms: number) => `已测算 ${n.toLocaleString('zh-CN')} 个已登记主体，用时 ${(ms / 1000).toFixed(1)} 秒`,
    measure: '指标',
    draftCol: (v: number) => `新版本 v${v}`,
    currentCol: (v: number) => `当前 v${v}`,
    eligible: '符合条件',
    nearMiss: '差一点',
    unknown: '信息不足',
    cost: '总金额（元）',
    district: '区县',
    diff: '与当前版本的差异',
    rulesDiff: '规则',
    amountsDiff: '金额',
    paramsDiff: '参数',
    noDiff: '无变化',
    history: '版本历史',
    back: '返回政策页',
    errors: '规则有误：',
    newItem: '新政策，尚未发布',
    draftVersion: '草稿',
    publishNew: '发布新政策',
    backToDrafts: '返回新建政策与草稿',
  },
  en: {
    title: 'Policy versions',
    current: 'Current published version',
    draft: 'Draft of a new version (rule JSON)',
    note: 'What changes and why',
    save: 'Save draft',
    saved: 'Draft saved',
    simulate: 'Run simulation',
    publish: 'Publish new version',
    published: 'Published',
    discard: 'Discard draft',
    running: 'Simulating…',
    rows: (n: number, ms: number) => `${n.toLocaleString('en')} registered subjects evaluated in ${(ms / 1000).toFixed(1)} s`,
    measure: 'Measure',
    draftCol: (v: number) => `New v${v}`,
    currentCol: (v: number) => `Current v${v}`,
    eligible: 'Eligible',
    nearMiss: 'Near misses',
    unknown: 'Not enough information',
    cost: 'Total cost (CNY)',
    district: 'District',
    diff: 'Differences from the current version',
    rulesDiff: 'Rules',
    amountsDiff: 'Amounts',
    paramsDiff: 'Parameters',
    noDiff: 'No change',
    history: 'Version history',
    back: 'Back to the policy',
    errors: 'Rule problems: ',
    newItem: 'New policy, not yet published',
    draftVersion: 'Draft',
    publishNew: 'Publish the new policy',
    backToDrafts: 'Back to new items and drafts',
  },
});

type DiffEntry = PolicyVersionDiff['rules'][number];

function DiffList({ title, entries }: { title: string; entries: DiffEntry[] }) {
  const t = useMessages(m);
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {entries.length === 0 ? <Typography.Paragraph type="secondary">{t.noDiff}</Typography.Paragraph> : (
        <ul className="sb-diff">
          {entries.map((e) => (
            <li key={e.path}><code>{e.path}</code> <Tag>{e.change}</Tag>{e.before !== undefined ? <del>{JSON.stringify(e.before)}</del> : null} {e.after !== undefined ? <ins>{JSON.stringify(e.after)}</ins> : null}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The diff of one version against the one before it, loaded when opened. */
function HistoryDiff({ id, from, to }: { id: string; from: number; to: number }) {
  const t = useMessages(m);
  const diff = useQuery({ queryKey: ['policies', id, 'diff', from, to], queryFn: () => api.get<PolicyVersionDiff>(`/policies/${id}/diff?from=${from}&to=${to}`) });
  if (!diff.data) return <PageLoading />;
  return (
    <Flex vertical gap={8}>
      <DiffList title={t.rulesDiff} entries={diff.data.rules} />
      <DiffList title={t.amountsDiff} entries={diff.data.amounts} />
      <DiffList title={t.paramsDiff} entries={diff.data.parameters} />
    </Flex>
  );
}

export function ManagePage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  usePageTitle(t.title);
  const versions = useQuery({ queryKey: ['policies', id, 'versions'], queryFn: () => api.get<{ items: VersionView[] }>(`/policies/${id}/versions`) });
  const current = versions.data?.items.find((v) => v.status === 'published');
  const draft = versions.data?.items.find((v) => v.status === 'draft');
  // Until the officer edits them, the editor shows the draft (or the published version) as it is.
  const [editedText, setText] = useState<string | null>(null);
  const [editedNote, setNote] = useState<string | null>(null);
  const shown = draft ?? current;
  const text = editedText ?? (shown ? JSON.stringify(shown.spec, null, 2) : '');
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
  const save = useMutation({
    mutationFn: async () => {
      let spec: unknown;
      try {
        spec = JSON.parse(text);
      } catch (e) {
        throw new Error(`JSON: ${(e as Error).message}`, { cause: e });
      }
      return api.put<VersionView>(`/policies/${id}/draft`, { spec, note: note || '—' });
    },
    onSuccess: async () => {
      setProblem(null);
      void message.success(t.saved);
      await qc.invalidateQueries({ queryKey: ['policies', id] });
    },
    onError: (e) => setProblem(e instanceof Error && e.message.startsWith('JSON') ? e.message : problemMessage(e, lang)),
  });
  const simulate = useMutation({
    mutationFn: () => api.post<Simulation>('/finder/simulations', { itemId: id, version: draft!.version }),
    onSuccess: (s) => setSimId(s.id),
    onError: (e) => setProblem(problemMessage(e, lang)),
  });
  const publish = useMutation({
    mutationFn: () => api.post<VersionView>(`/policies/${id}/versions/${draft!.version}/publish`),
    onSuccess: async () => {
      void message.success(t.published);
      setText(null);
      await qc.invalidateQueries({ queryKey: ['policies'] });
    },
    onError: (e) => setProblem(problemMessage(e, lang)),
  });
  if (versions.isPending) return <PageLoading />;
  if (versions.isError) return <LoadError error={versions.error} />;
  const result = sim.data?.result;
  const row = (label: string, f: (x: Tally) => string | number) => ({ key: label, measure: label, draft: result ? f(result.draft.total) : '', current: result?.current ? f(result.current.total) : '—' });
  return (
    <>
      <PageHeading
        title={`${t.title} · ${id}`}
        subtitle={current ? undefined : <Tag color="orange" data-testid="new-item">{t.newItem}</Tag>}
        // Before its first publication the item has no public page: back to the drafts instead.
        extra={current ? <Link to={`/policies/${id}`}>{t.back}</Link> : <Link to="/policies/new">{t.backToDrafts}</Link>}
      />
      {problem ? <Alert type="error" showIcon title={t.errors} description={problem} style={{ marginBottom: 16 }} data-testid="manage-error" /> : null}
      <Card title={t.draft} style={{ marginBottom: 16 }}>
        <Descriptions size="small" items={[{ key: 'c', label: t.current, children: current ? `v${current.version}` : t.newItem }, ...(draft ? [{ key: 'd', label: t.draftVersion, children: `v${draft.version}` }] : [])]} />
        <label htmlFor="spec-json" className="sb-visually-hidden">{t.draft}</label>
        <Input.TextArea id="spec-json" data-testid="spec-json" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 10, maxRows: 30 }} style={{ fontFamily: 'monospace' }} />
        <label htmlFor="draft-note">{t.note}</label>
        <Input id="draft-note" value={note} onChange={(e) => setNote(e.target.value)} style={{ marginBottom: 12 }} />
        <Space wrap>
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending}>{t.save}</Button>
          <Button onClick={() => simulate.mutate()} disabled={!draft} loading={simulate.isPending}>{t.simulate}</Button>
          <Button danger onClick={() => publish.mutate()} disabled={!draft} loading={publish.isPending} data-testid="publish">{current ? t.publish : t.publishNew}</Button>
        </Space>
      </Card>
      {draft && diff.data ? (
        <Card title={t.diff} style={{ marginBottom: 16 }} data-testid="diff">
          <Flex vertical gap={8}>
            <DiffList title={t.rulesDiff} entries={diff.data.rules} />
            <DiffList title={t.amountsDiff} entries={diff.data.amounts} />
            <DiffList title={t.paramsDiff} entries={diff.data.parameters} />
          </Flex>
        </Card>
      ) : null}
      {sim.data ? (
        <Card title={t.simulate} style={{ marginBottom: 16 }} data-testid="simulation">
          {!result ? (
            <Progress percent={Math.round(sim.data.progress * 100)} status={sim.data.status === 'failed' ? 'exception' : 'active'} aria-label={t.running} />
          ) : (
            <>
              <Typography.Paragraph>{t.rows(result.rows, result.elapsedMs)}</Typography.Paragraph>
              <Table
                size="small"
                pagination={false}
                columns={[
                  { title: t.measure, dataIndex: 'measure' },
                  { title: t.draftCol(result.draft.version), dataIndex: 'draft' },
                  { title: result.current ? t.currentCol(result.current.version) : '—', dataIndex: 'current' },
                ]}
                dataSource={[row(t.eligible, (x) => x.eligible), row(t.nearMiss, (x) => x.nearMiss), row(t.unknown, (x) => x.unknown), row(t.cost, (x) => yuan(x.amountFen))]}
              />
              <Table
                size="small"
                style={{ marginTop: 12 }}
                pagination={false}
                rowKey="region"
                columns={[
                  { title: t.district, dataIndex: 'region', render: (r: string, d: { name: string | null }) => `${d.name ?? ''} ${r}` },
                  { title: t.eligible, dataIndex: 'eligible' },
                  { title: t.nearMiss, dataIndex: 'nearMiss' },
                  { title: t.cost, dataIndex: 'amountFen', render: (v: number) => yuan(v) },
                ]}
                dataSource={result.draft.byDistrict}
              />
            </>
          )}
        </Card>
      ) : null}
      <Card title={t.history}>
        <Collapse
          items={versions.data.items.map((v, i, all) => ({
            key: String(v.version),
            label: `v${v.version} · ${v.status} · ${v.note}${v.publishedAt ? ` · ${showInstant(v.publishedAt, lang)}` : ''}`,
            // Versions come newest first; the one before is the next in the list (discarded drafts are not listed).
            children: all[i + 1] ? <HistoryDiff id={id} from={all[i + 1]!.version} to={v.version} /> : <Typography.Text type="secondary">{t.noDiff}</Typography.Text>,
          }))}
        />
      </Card>
    </>
  );
}
