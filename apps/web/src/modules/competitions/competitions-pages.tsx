/**
 * The competitions' pages (创新创业大赛): the public list and a call's page (rules, tracks, rubric,
 * the ranking rule, entering with a pitch deck, and once published the results with anonymised
 * score distributions); the programme office's 大赛管理 (publish a call, the expert pool) and a
 * call's management (panels, exclusions with their reasons, scores with outliers, advance,
 * publish); a judge's 大赛评审 (score against the rubric, or declare a conflict of interest).
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { COMPETITION_STAGE_LABELS, EXCLUSION_REASON_LABELS, type CallPage, type CompetitionStage, type ExclusionView, type JudgingItem, type ManagedEntry, type TieRelationCode } from '@seedbed/contract';
import { Link, useParams } from 'react-router';
import { hasPermission, useMe } from '../../app/auth';
import { Chart } from '../../app/chart';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import {
  addExpert,
  advanceCall,
  assignPanel,
  createCall,
  deckHref,
  enterCall,
  publishCall,
  reviewEntry,
  uploadFile,
  useCall,
  useCalls,
  useExperts,
  useJudging,
  useManagement,
  type CallSummary,
  type Expert,
} from './competitions.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

const RELATION_LABELS: Record<TieRelationCode, { zh: string; en: string }> = {
  legal_representative: { zh: '法定代表人', en: 'Legal representative' },
  shareholder: { zh: '股东', en: 'Shareholder' },
  director: { zh: '董事或高管', en: 'Director or officer' },
  relative: { zh: '创始人近亲属', en: 'Relative of a founder' },
  employer_related: { zh: '所在单位的关联企业', en: "Related to the employer" },
};

function StageTag({ stage }: { stage: CompetitionStage }) {
  const { lang } = useLang();
  const color = { open: 'green', preliminary: 'blue', final: 'purple', published: 'gold' }[stage];
  return <Tag color={color}>{COMPETITION_STAGE_LABELS[stage][lang]}</Tag>;
}

function CallList({ rows, loading, manage }: { rows: CallSummary[]; loading: boolean; manage?: boolean }) {
  const tx = useTx();
  return (
    <ResponsiveList<CallSummary>
      rows={rows}
      loading={loading}
      rowKey={(c) => c.id}
      testId="competition-calls"
      empty={<EmptyState description={tx('暂无大赛。', 'No competition yet.')} />}
      columns={[
        { key: 'title', title: tx('大赛', 'Competition'), primary: true, render: (c) => <Link to={manage ? `/competitions/${c.id}/manage` : `/competitions/${c.id}`}>{c.title}</Link> },
        { key: 'stage', title: tx('阶段', 'Stage'), render: (c) => <StageTag stage={c.stage} /> },
        { key: 'region', title: tx('地区', 'Region'), render: (c) => c.regionName },
        { key: 'dates', title: tx('报名时间', 'Entries'), render: (c) => `${c.opensOn} — ${c.closesOn}` },
        { key: 'final', title: tx('决赛', 'Final'), render: (c) => c.finalOn },
        { key: 'tracks', title: tx('赛道', 'Tracks'), render: (c) => c.tracks.join('、') },
        { key: 'entries', title: tx('参赛项目', 'Entries'), render: (c) => String(c.entries) },
      ]}
    />
  );
}

export function CompetitionsPage() {
  const tx = useTx();
  usePageTitle(tx('创新创业大赛', 'Competitions'));
  const list = useCalls();
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      <PageHeading title={tx('创新创业大赛', 'Innovation and start-up competitions')} subtitle={tx('查看大赛的赛道、规则与评分标准，以企业名义报名参赛；结果公布后可查看名次与评分分布。', 'See the tracks, rules and rubric of each competition, enter for your enterprise, and once published see the places and score distributions.')} />
      <CallList rows={list.data ?? []} loading={list.isLoading} />
    </div>
  );
}

// ---------------------------------------------------------------- a call's page

function Rubric({ call }: { call: CallPage }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <Card size="small" title={tx('赛制与评分标准', 'Rules and rubric')} style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'stage', label: tx('阶段', 'Stage'), children: <StageTag stage={call.stage} /> },
          { key: 'region', label: tx('地区', 'Region'), children: call.regionName },
          { key: 'open', label: tx('报名时间', 'Entries'), children: `${call.opensOn} — ${call.closesOn}` },
          { key: 'final', label: tx('决赛日期', 'Final'), children: call.finalOn },
          { key: 'tracks', label: tx('赛道', 'Tracks'), children: call.tracks.join('、') },
          { key: 'places', label: tx('进入决赛 / 获奖名额', 'Finalists / prizes'), children: `${call.finalists} / ${call.prizes}` },
          { key: 'rules', label: tx('参赛规则', 'Rules'), span: 2, children: <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{call.rules}</Typography.Paragraph> },
          { key: 'rubric', label: tx('评分标准', 'Rubric'), span: 2, children: call.criteria.map((c) => `${c.label[lang]} ${c.max}${tx('分', ' pts')}`).join('；') },
          { key: 'rank', label: tx('排名规则', 'Ranking rule'), span: 2, children: <span data-testid="tie-break-rule">{call.tieBreakRule[lang]}</span> },
        ]}
      />
    </Card>
  );
}

function Results({ call }: { call: CallPage }) {
  const tx = useTx();
  if (call.stage !== 'published') return null;
  const decided = { median: tx('中位数', 'median'), top_criterion: tx('最高分值项', 'top criterion'), entered_at: tx('报名时间', 'entry time') };
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : 0);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  return (
    <Card size="small" title={tx('大赛结果', 'Results')} style={{ marginBottom: 16 }} data-testid="competition-results">
      <ResponsiveList<CallPage['results'][number]>
        rows={call.results}
        rowKey={(r) => `${r.rank}`}
        testId="results"
        empty={<EmptyState description={tx('没有进入决赛的项目。', 'No finalist.')} />}
        columns={[
          { key: 'rank', title: tx('名次', 'Place'), primary: true, render: (r) => <span>{tx(`第${r.rank}名`, `No. ${r.rank}`)} {r.winner ? <Tag color="gold">{tx('获奖', 'Prize')}</Tag> : null}</span> },
          { key: 'project', title: tx('项目', 'Project'), render: (r) => r.project },
          { key: 'entrant', title: tx('参赛单位', 'Entrant'), render: (r) => r.entrantName },
          { key: 'track', title: tx('赛道', 'Track'), render: (r) => r.track },
          { key: 'mean', title: tx('平均分', 'Mean'), render: (r) => (r.mean === null ? '—' : r.mean.toFixed(2)) },
          { key: 'median', title: tx('中位数', 'Median'), render: (r) => (r.median === null ? '—' : String(r.median)) },
          { key: 'by', title: tx('同分判定', 'Tie decided by'), render: (r) => (r.decidedBy ? decided[r.decidedBy] : '—') },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <Chart
          title={tx('决赛评分分布（不显示评委姓名）', 'Final scores by entry (no judge named)')}
          categories={call.results.map((r) => r.project)}
          series={[
            { name: tx('最低分', 'Lowest'), values: call.results.map((r) => min(r.totals)) },
            { name: tx('中位数', 'Median'), values: call.results.map((r) => r.median ?? 0) },
            { name: tx('最高分', 'Highest'), values: call.results.map((r) => max(r.totals)) },
            { name: tx('平均分', 'Mean'), values: call.results.map((r) => Math.round((r.mean ?? 0) * 100) / 100), kind: 'line' },
          ]}
          testId="score-distribution"
        />
        <Typography.Text type="secondary">{tx(`各项目评委总分：${call.results.map((r) => `${r.project} ${r.totals.join('、')}`).join('；')}`, `Judges' totals: ${call.results.map((r) => `${r.project} ${r.totals.join(', ')}`).join('; ')}`)}</Typography.Text>
      </div>
    </Card>
  );
}

function EntryForm({ call }: { call: CallPage }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ subjectId: string; track: string; project: string; summary: string; team: string }>();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  if (call.mayEnterFor.length === 0) return null;
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    if (!file) {
      setProblem({ message: tx('请上传路演材料（PDF）', 'Upload the pitch deck (PDF)'), unplaced: [], placed: [], code: 'DECK_REQUIRED' });
      return;
    }
    setBusy(true);
    try {
      const deck = await uploadFile(file);
      const team = v.team
        .split(/[\n；;]/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [name = '', role = ''] = line.split(/[，,、:：\s]+/);
          return { name, role: role || tx('成员', 'member') };
        });
      await enterCall(call.id, { subjectId: v.subjectId, track: v.track, project: v.project, summary: v.summary, team, deckFileId: deck.id });
      message.success(tx('已报名', 'Entered'));
      form.resetFields();
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['competitions'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['subjectId'], ['track'], ['project'], ['summary'], ['team']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={tx('报名参赛', 'Enter')} style={{ marginBottom: 16 }} data-testid="entry-form">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ subjectId: call.mayEnterFor[0]!.subjectId, track: call.tracks[0] }}>
        <Form.Item name="subjectId" label={tx('参赛企业', 'Enterprise')} rules={[{ required: true }]}>
          <Select options={call.mayEnterFor.map((s) => ({ value: s.subjectId, label: s.name }))} />
        </Form.Item>
        <Form.Item name="track" label={tx('赛道', 'Track')} rules={[{ required: true }]}>
          <Select options={call.tracks.map((x) => ({ value: x, label: x }))} data-testid="entry-track" />
        </Form.Item>
        <Form.Item name="project" label={tx('项目名称', 'Project')} rules={[{ required: true, message: tx('请填写项目名称', 'Name the project') }]}>
          <Input maxLength={100} data-testid="entry-project" />
        </Form.Item>
        <Form.Item name="summary" label={tx('项目简介', 'Summary')} rules={[{ required: true, min: 10, message: tx('至少10个字', 'At least 10 characters') }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="entry-summary" />
        </Form.Item>
        <Form.Item name="team" label={tx('团队成员（每行一人：姓名 分工）', 'Team (one per line: name role)')} rules={[{ required: true, message: tx('请填写团队成员', 'List the team') }]}>
          <Input.TextArea rows={3} placeholder={tx('林晓青 负责人', 'Lin Xiaoqing lead')} data-testid="entry-team" />
        </Form.Item>
        <Form.Item label={tx('路演材料（PDF，不超过10MB）', 'Pitch deck (PDF, at most 10 MB)')} required>
          <Space>
            <Upload beforeUpload={(f) => { setFile(f); return false; }} maxCount={1} accept=".pdf" showUploadList={false}>
              <Button data-testid="entry-deck">{tx('选择文件', 'Choose a file')}</Button>
            </Upload>
            {file ? <Typography.Text type="secondary">{file.name}</Typography.Text> : null}
          </Space>
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="entry-submit">{tx('提交报名', 'Submit the entry')}</Button>
      </Form>
    </Card>
  );
}

export function CompetitionPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const page = useCall(id);
  usePageTitle(page.data?.title ?? tx('创新创业大赛', 'Competition'));
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const c = page.data;
  return (
    <div>
      <PageHeading title={c.title} extra={<Space>{c.mayManage ? <Link to={`/competitions/${c.id}/manage`}>{tx('大赛管理', 'Manage')}</Link> : null}<Link to="/competitions">{tx('全部大赛', 'All competitions')}</Link></Space>} />
      <Results call={c} />
      <Rubric call={c} />
      {c.myEntries.length > 0 ? (
        <Card size="small" title={tx('我的参赛项目', 'My entries')} style={{ marginBottom: 16 }}>
          <ResponsiveList<CallPage['myEntries'][number]>
            rows={c.myEntries}
            rowKey={(e) => e.id}
            testId="my-entries"
            columns={[
              { key: 'project', title: tx('项目', 'Project'), primary: true, render: (e) => e.project },
              { key: 'track', title: tx('赛道', 'Track'), render: (e) => e.track },
              { key: 'status', title: tx('进展', 'Progress'), render: (e) => (e.rank !== null ? tx(`第${e.rank}名${e.winner ? '，获奖' : ''}`, `No. ${e.rank}${e.winner ? ', prize' : ''}`) : e.finalist ? tx('进入决赛', 'Finalist') : tx('已报名', 'Entered')) },
              { key: 'deck', title: tx('路演材料', 'Deck'), render: (e) => <a href={deckHref(e.id)}>{tx('下载', 'Download')}</a> },
            ]}
          />
        </Card>
      ) : null}
      <EntryForm call={c} />
    </div>
  );
}

// ---------------------------------------------------------------- the programme office

function NewCallForm() {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ title: string; rules: string; regionCode: string; tracks: string; criteria: string; opensOn: Dayjs; closesOn: Dayjs; finalOn: Dayjs; finalists: number; prizes: number }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    const criteria = v.criteria
      .split(/[\n；;]/)
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => {
        const m = /^(.*?)[\s:：]*(\d+)\s*分?$/.exec(x);
        return { name: (m ? m[1]! : x).trim(), max: m ? Number(m[2]) : 0 };
      });
    try {
      await createCall({ title: v.title, rules: v.rules, regionCode: v.regionCode, tracks: v.tracks.split(/[、,，;；\n]/).map((x) => x.trim()).filter(Boolean), criteria, opensOn: day(v.opensOn), closesOn: day(v.closesOn), finalOn: day(v.finalOn), finalists: v.finalists, prizes: v.prizes });
      message.success(tx('大赛已发布', 'Competition published'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['competitions'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['title'], ['rules'], ['regionCode'], ['opensOn'], ['closesOn'], ['finalOn'], ['finalists'], ['prizes']]));
    }
  };
  return (
    <Card size="small" title={tx('发布大赛', 'Publish a competition')} style={{ marginBottom: 16 }} data-testid="new-call">
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ finalists: 3, prizes: 1 }}>
        <Form.Item name="title" label={tx('大赛名称', 'Title')} rules={[{ required: true, message: tx('请填写大赛名称', 'Give the title') }]}>
          <Input maxLength={100} data-testid="call-title" />
        </Form.Item>
        <Form.Item name="regionCode" label={tx('举办地区', 'Region')} rules={[{ required: true, message: tx('请选择地区', 'Choose the region') }]}>
          <RegionCascader />
        </Form.Item>
        <Form.Item name="rules" label={tx('参赛规则', 'Rules')} rules={[{ required: true, min: 10, message: tx('至少10个字', 'At least 10 characters') }]}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="call-rules" />
        </Form.Item>
        <Form.Item name="tracks" label={tx('赛道（用顿号分隔）', 'Tracks (separated by 、 or commas)')} rules={[{ required: true, message: tx('请填写赛道', 'Give the tracks') }]}>
          <Input placeholder="电子信息、先进制造" data-testid="call-tracks" />
        </Form.Item>
        <Form.Item name="criteria" label={tx('评分标准（每行一项：名称 分值）', 'Rubric (one per line: name points)')} rules={[{ required: true, message: tx('请填写评分标准', 'Give the rubric') }]}>
          <Input.TextArea rows={3} placeholder={'创新性 40\n市场前景 30\n团队 30'} data-testid="call-criteria" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="opensOn" label={tx('报名开始', 'Entries open')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker data-testid="call-opens" />
          </Form.Item>
          <Form.Item name="closesOn" label={tx('报名截止', 'Entries close')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker data-testid="call-closes" />
          </Form.Item>
          <Form.Item name="finalOn" label={tx('决赛日期', 'Final')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker data-testid="call-final" />
          </Form.Item>
          <Form.Item name="finalists" label={tx('进入决赛名额', 'Finalists')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} precision={0} data-testid="call-finalists" />
          </Form.Item>
          <Form.Item name="prizes" label={tx('获奖名额', 'Prizes')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} precision={0} data-testid="call-prizes" />
          </Form.Item>
        </Flex>
        <Button type="primary" onClick={() => void submit()} data-testid="call-submit">{tx('发布', 'Publish')}</Button>
      </Form>
    </Card>
  );
}

function ExpertPool() {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const experts = useExperts();
  const [form] = Form.useForm<{ username: string; employerName: string; employerCreditCode?: string; fields?: string; tieName?: string; tieCode?: string; tieRelation?: TieRelationCode }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await addExpert({
        username: v.username,
        employerName: v.employerName,
        employerCreditCode: v.employerCreditCode?.trim() ? v.employerCreditCode.trim() : null,
        fields: v.fields ?? '',
        ties: v.tieCode?.trim() ? [{ creditCode: v.tieCode.trim(), enterpriseName: v.tieName?.trim() ?? '', relation: v.tieRelation ?? 'shareholder' }] : [],
      });
      message.success(tx('已纳入专家库', 'Added to the pool'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['competitions', 'experts'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['username'], ['employerName'], ['employerCreditCode'], ['fields']]));
    }
  };
  return (
    <Card size="small" title={tx('评审专家库', 'Expert pool')} style={{ marginBottom: 16 }}>
      {experts.error ? <LoadError error={experts.error} onRetry={() => void experts.refetch()} /> : null}
      <ResponsiveList<Expert>
        rows={experts.data ?? []}
        loading={experts.isLoading}
        rowKey={(e) => e.id}
        testId="experts"
        empty={<EmptyState description={tx('专家库为空。', 'The pool is empty.')} />}
        columns={[
          { key: 'name', title: tx('专家', 'Expert'), primary: true, render: (e) => e.name },
          { key: 'employer', title: tx('工作单位', 'Employer'), render: (e) => e.employerName },
          { key: 'fields', title: tx('专业领域', 'Fields'), render: (e) => e.fields || '—' },
          { key: 'ties', title: tx('关联企业', 'Related enterprises'), render: (e) => (e.ties.length ? e.ties.map((t) => `${t.enterpriseName}（${RELATION_LABELS[t.relation][lang]}）`).join('；') : '—') },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{tx('纳入专家', 'Add an expert')}</Typography.Title>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ tieRelation: 'shareholder' }}>
        <Flex gap={16} wrap>
          <Form.Item name="username" label={tx('专家账号', 'Account')} rules={[{ required: true, message: tx('请填写账号', 'Give the account') }]}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item name="employerName" label={tx('工作单位', 'Employer')} rules={[{ required: true, message: tx('请填写工作单位', 'Give the employer') }]}><Input style={{ width: 240 }} /></Form.Item>
          <Form.Item name="employerCreditCode" label={tx('单位统一社会信用代码（可空）', "Employer's credit code (optional)")}><Input style={{ width: 240 }} maxLength={18} /></Form.Item>
          <Form.Item name="fields" label={tx('专业领域', 'Fields')}><Input style={{ width: 240 }} /></Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="tieName" label={tx('关联企业名称（可空）', 'Related enterprise (optional)')}><Input style={{ width: 240 }} /></Form.Item>
          <Form.Item name="tieCode" label={tx('关联企业信用代码', "Its credit code")}><Input style={{ width: 240 }} maxLength={18} /></Form.Item>
          <Form.Item name="tieRelation" label={tx('关系', 'Relation')}><Select style={{ width: 200 }} options={Object.entries(RELATION_LABELS).map(([k, v]) => ({ value: k, label: v[lang] }))} /></Form.Item>
        </Flex>
        <Button onClick={() => void submit()}>{tx('纳入专家库', 'Add to the pool')}</Button>
      </Form>
    </Card>
  );
}

export function OfficePage() {
  const tx = useTx();
  usePageTitle(tx('大赛管理', 'Competitions: manage'));
  const list = useCalls();
  const me = useMe();
  if (me.data && !hasPermission(me.data, 'competitions.manage')) return <Alert type="warning" message={tx('只有双创办可以管理大赛。', 'Only a programme office manages competitions.')} />;
  return (
    <div>
      <PageHeading title={tx('大赛管理', 'Competitions: manage')} subtitle={tx('发布大赛、维护评审专家库；进入大赛指派评委、查看回避情况与评分、结束初赛并公布结果。', 'Publish competitions and keep the expert pool; open a competition to assign judges, see exclusions and scores, close the preliminary round and publish the results.')} />
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : <CallList rows={list.data ?? []} loading={list.isLoading} manage />}
      <div style={{ marginTop: 16 }} />
      <NewCallForm />
      <ExpertPool />
    </div>
  );
}

function PanelForm({ id, round, experts, seated }: { id: string; round: number; experts: Expert[]; seated: string[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const free = experts.filter((e) => !seated.includes(e.id));
  if (free.length === 0) return null;
  const submit = async () => {
    setProblem(null);
    try {
      await assignPanel(id, round, chosen);
      message.success(tx('已指派评委，利益冲突已自动回避', 'Judges assigned; conflicts of interest excluded'));
      setChosen([]);
      await qc.invalidateQueries({ queryKey: ['competitions'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  return (
    <div data-testid="panel-form">
      <ProblemAlert problem={problem} />
      <Typography.Text>{tx(`为${round === 1 ? '初赛' : '决赛'}指派评委：`, `Assign judges to the ${round === 1 ? 'preliminary' : 'final'} round:`)}</Typography.Text>
      <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 4, margin: '8px 0' }} options={free.map((e) => ({ value: e.id, label: `${e.name}（${e.employerName}）` }))} />
      <Button type="primary" disabled={chosen.length === 0} onClick={() => void submit()} data-testid="panel-submit">{tx('指派', 'Assign')}</Button>
    </div>
  );
}

export function ManagePage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const m = useManagement(id);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(m.data?.call.title ?? tx('大赛管理', 'Manage'));
  if (m.isLoading) return <PageLoading />;
  if (m.error || !m.data) return <LoadError error={m.error} onRetry={() => void m.refetch()} />;
  const { call, round, entries, panel, exclusions, experts, roundComplete, minJudges } = m.data;
  const act = async (f: () => Promise<unknown>, done: string) => {
    setProblem(null);
    setBusy(true);
    try {
      await f();
      message.success(done);
      await qc.invalidateQueries({ queryKey: ['competitions'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    } finally {
      setBusy(false);
    }
  };
  const panelRound = call.stage === 'open' || call.stage === 'preliminary' ? 1 : call.stage === 'final' ? 2 : null;
  const seated = panel.filter((p) => p.round === panelRound).map((p) => p.expertId);
  return (
    <div>
      <PageHeading title={call.title} extra={<Space><StageTag stage={call.stage} /><Link to={`/competitions/${call.id}`}>{tx('大赛页面', 'Public page')}</Link></Space>} />
      <ProblemAlert problem={problem} />
      <Card size="small" title={round === null ? tx('参赛项目', 'Entries') : tx(`${round === 1 ? '初赛' : '决赛'}评分`, `${round === 1 ? 'Preliminary' : 'Final'} scores`)} style={{ marginBottom: 16 }}>
        <ResponsiveList<ManagedEntry>
          rows={entries}
          rowKey={(e) => e.id}
          testId="managed-entries"
          empty={<EmptyState description={tx('还没有参赛项目。', 'No entry yet.')} />}
          columns={[
            { key: 'project', title: tx('项目', 'Project'), primary: true, render: (e) => <span>{e.project} {e.winner ? <Tag color="gold">{tx('获奖', 'Prize')}</Tag> : null}</span> },
            { key: 'entrant', title: tx('参赛单位', 'Entrant'), render: (e) => `${e.entrantName}（${e.regionName}）` },
            { key: 'track', title: tx('赛道', 'Track'), render: (e) => e.track },
            { key: 'deck', title: tx('路演材料', 'Deck'), render: (e) => <a href={deckHref(e.id)}>{tx('下载', 'Download')}</a> },
            {
              key: 'reviews',
              title: tx('评分（评委 总分）', 'Scores (judge total)'),
              render: (e) =>
                round === null ? (
                  '—'
                ) : (
                  <span data-testid="entry-reviews">
                    {e.reviews.length === 0 ? tx('尚无评分', 'No score yet') : null}
                    {e.reviews.map((r, i) => (
                      <Tag key={i} color={r.conflict ? 'default' : r.outlier ? 'red' : 'blue'}>
                        {r.judgeName} {r.conflict ? tx('声明回避', 'declared a conflict') : r.total}
                        {r.outlier ? tx('（偏离）', ' (outlier)') : ''}
                      </Tag>
                    ))}
                    <Typography.Text type="secondary">{tx(`应评 ${e.judgesExpected} 人`, `${e.judgesExpected} judges`)}</Typography.Text>
                  </span>
                ),
            },
            { key: 'place', title: tx('名次', 'Place'), render: (e) => (e.rank !== null ? String(e.rank) : e.finalist ? tx('决赛', 'Finalist') : '—') },
          ]}
        />
        <Space style={{ marginTop: 12 }} wrap>
          {call.stage === 'preliminary' ? (
            <Button type="primary" disabled={!roundComplete} loading={busy} onClick={() => void act(() => advanceCall(call.id), tx('初赛结束，已确定决赛名单', 'Preliminary closed; finalists chosen'))} data-testid="advance">
              {tx(`结束初赛（前${call.finalists}名进入决赛）`, `Close the preliminary (top ${call.finalists} go to the final)`)}
            </Button>
          ) : null}
          {call.stage === 'final' ? (
            <Button type="primary" disabled={!roundComplete} loading={busy} onClick={() => void act(() => publishCall(call.id), tx('结果已公布', 'Results published'))} data-testid="publish">
              {tx('公布结果', 'Publish the results')}
            </Button>
          ) : null}
          {round !== null && !roundComplete ? <Typography.Text type="secondary">{tx(`每个项目至少需要${minJudges}份有效评分。`, `Every entry needs at least ${minJudges} scores.`)}</Typography.Text> : null}
        </Space>
      </Card>
      <Card size="small" title={tx('评审组', 'Panels')} style={{ marginBottom: 16 }}>
        {[1, 2].map((r) => {
          const names = panel.filter((p) => p.round === r).map((p) => p.name);
          return names.length ? (
            <div key={r} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{r === 1 ? tx('初赛：', 'Preliminary: ') : tx('决赛：', 'Final: ')}</Typography.Text>
              {names.join('、')}
            </div>
          ) : null;
        })}
        {panelRound !== null ? <PanelForm id={call.id} round={panelRound} experts={experts} seated={seated} /> : null}
      </Card>
      <Card size="small" title={tx('利益冲突回避', 'Conflicts of interest excluded')} style={{ marginBottom: 16 }}>
        <ResponsiveList<ExclusionView>
          rows={exclusions}
          rowKey={(x) => `${x.round}-${x.project}-${x.judgeName}-${x.reason}`}
          testId="exclusions"
          empty={<EmptyState description={tx('没有需要回避的评委。', 'No judge had to be excluded.')} />}
          columns={[
            { key: 'judge', title: tx('评委', 'Judge'), primary: true, render: (x) => x.judgeName },
            { key: 'round', title: tx('轮次', 'Round'), render: (x) => (x.round === 1 ? tx('初赛', 'Preliminary') : tx('决赛', 'Final')) },
            { key: 'project', title: tx('回避项目', 'Entry'), render: (x) => `${x.project}（${x.entrantName}）` },
            { key: 'reason', title: tx('原因', 'Reason'), render: (x) => <Tag color="orange">{EXCLUSION_REASON_LABELS[x.reason][lang]}</Tag> },
            { key: 'detail', title: tx('说明', 'Detail'), render: (x) => x.detail[lang] },
          ]}
        />
      </Card>
    </div>
  );
}

// ---------------------------------------------------------------- judges

function ScoreForm({ item }: { item: JudgingItem }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, number | string | undefined>>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = form.getFieldsValue();
    setProblem(null);
    setBusy(true);
    try {
      const scores = Object.fromEntries(item.criteria.map((c) => [c.id, v[c.id] as number]).filter(([, x]) => x !== undefined && x !== null));
      await reviewEntry(item.entryId, conflict ? { round: item.round, conflict: true, conflictNote: String(v.conflictNote ?? '') } : { round: item.round, conflict: false, scores, comment: String(v.comment ?? '') });
      message.success(conflict ? tx('已声明回避', 'Conflict declared') : tx('评分已提交', 'Score submitted'));
      await qc.invalidateQueries({ queryKey: ['competitions', 'judging'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [...item.criteria.map((c) => ['scores', c.id] as [string, string]), ['conflictNote'], ['comment']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={`${item.project}（${item.track}）`} style={{ marginBottom: 16 }} data-testid="judging-item" extra={<a href={deckHref(item.entryId)}>{tx('路演材料', 'Pitch deck')}</a>}>
      <Typography.Paragraph>{item.summary}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{tx('团队：', 'Team: ')}{item.team.map((m) => `${m.name}（${m.role}）`).join('、')}</Typography.Paragraph>
      {item.reviewed ? (
        <Tag color="green">{tx('已提交', 'Submitted')}</Tag>
      ) : (
        <>
          <ProblemAlert problem={problem} />
          <Form form={form} layout="vertical">
            <Checkbox checked={conflict} onChange={(e) => setConflict(e.target.checked)} data-testid="declare-conflict" style={{ marginBottom: 12 }}>
              {tx('我与该项目存在利益关系，申请回避', 'I have a conflict of interest with this entry')}
            </Checkbox>
            {conflict ? (
              <Form.Item name="conflictNote" label={tx('说明情况', 'Describe the conflict')}>
                <Input.TextArea rows={2} maxLength={1000} data-testid="conflict-note" />
              </Form.Item>
            ) : (
              <Flex gap={16} wrap>
                {item.criteria.map((c) => (
                  <Form.Item key={c.id} name={c.id} label={`${c.label[lang]}（0—${c.max}）`}>
                    <InputNumber min={0} max={c.max} precision={0} data-testid={`score-${c.id}`} />
                  </Form.Item>
                ))}
              </Flex>
            )}
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="score-submit">{conflict ? tx('声明回避', 'Declare') : tx('提交评分', 'Submit the score')}</Button>
          </Form>
        </>
      )}
    </Card>
  );
}

export function JudgingPage() {
  const tx = useTx();
  usePageTitle(tx('大赛评审', 'Competition judging'));
  const work = useJudging();
  if (work.isLoading) return <PageLoading />;
  if (work.error) return <LoadError error={work.error} onRetry={() => void work.refetch()} />;
  const items = work.data ?? [];
  const groups = [...new Map(items.map((i) => [`${i.callId}:${i.round}`, i])).values()];
  return (
    <div>
      <PageHeading title={tx('大赛评审', 'Competition judging')} subtitle={tx('按评分标准独立评分；提交前看不到其他评委的评分。与您有利益关系的项目已自动回避，不在此列出。', "Score independently against the rubric; others' scores stay hidden until you submit. Entries you have a conflict of interest with are excluded and not listed.")} />
      {items.length === 0 ? <EmptyState description={tx('目前没有需要您评审的项目。', 'Nothing to judge right now.')} /> : null}
      {groups.map((g) => (
        <div key={`${g.callId}:${g.round}`}>
          <Typography.Title level={4}>{`${g.callTitle} · ${g.round === 1 ? tx('初赛', 'Preliminary') : tx('决赛', 'Final')}`}</Typography.Title>
          {items.filter((i) => i.callId === g.callId && i.round === g.round).map((i) => <ScoreForm key={i.entryId} item={i} />)}
        </div>
      ))}
    </div>
  );
}
