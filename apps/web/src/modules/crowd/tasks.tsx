/**
 * 众包任务: the public list (search in words or pinyin, filters), posting a task (its reward is
 * held in escrow), a task's page (bids, pick, delivery, acceptance, dispute, arbitration), my
 * tasks and bids, and the officers' disputes.
 */
import { Alert, Button, Card, Descriptions, Flex, Form, Input, InputNumber, Radio, Space, Tabs, Typography, Upload, message } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CrowdTaskSummary } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { defineMessages, useLang, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import {
  CROWD_TASK_STATUS_LABELS,
  acceptTask,
  arbitrateTask,
  cancelTask,
  deliver,
  deliveryUrl,
  disputeTask,
  fenOf,
  pickBid,
  placeBid,
  postTask,
  useDisputes,
  useMine,
  useParties,
  useTask,
  useTasks,
  uploadFile,
  type CrowdTask,
} from './crowd.api';
import { CategorySelect, CategoryText, CrowdTabs, PartySelect, StatusTag, partyOfValue, plainProblem } from './crowd-parts';

const m = defineMessages({
  zh: {
    title: '众包任务',
    subtitle: '企业发布任务，赏金由平台托管；服务机构或个人投标，验收后支付。支持中文和拼音检索。',
    search: '搜索任务',
    category: '类别',
    region: '地区',
    status: '状态',
    all: '全部',
    reward: '赏金',
    bidDeadline: '投标截止',
    deliveryDeadline: '交付期限',
    bids: '投标数',
    poster: '发布方',
    post: '发布任务',
    empty: '没有符合条件的任务',
    newTitle: '发布众包任务',
    newSubtitle: '赏金在发布时进入平台托管账户，验收后支付给中标方（报价低于赏金的差额退还给您），撤销或仲裁退款时退还。',
    postAs: '发布主体',
    taskTitle: '任务名称',
    description: '任务说明',
    rewardYuan: '赏金（元）',
    submit: '发布并托管赏金',
    noParties: '您还没有可代表的企业或个人档案，请先完善“我的档案”。',
    bidsTitle: '投标',
    noBids: '还没有投标',
    bidder: '投标方',
    price: '报价',
    days: '交付天数',
    daysN: (n: number) => `${n} 天`,
    messageLabel: '留言',
    pick: '选定中标',
    won: '中标',
    yourBid: '您的投标',
    bidTitle: '投标',
    bidAs: '投标主体',
    priceYuan: '报价（元，不高于赏金）',
    deliveryDays: '交付天数',
    placeBid: '提交投标',
    deliverTitle: '交付成果',
    file: '成果文件（PDF、JPG、PNG，≤10MB）',
    choose: '选择文件',
    note: '说明',
    submitDelivery: '提交成果',
    deliveries: '交付成果',
    download: '下载',
    accept: '验收通过并支付',
    acceptConfirm: '验收后赏金将从托管中支付给中标方，且不可撤回。',
    dispute: '提出争议',
    disputeReason: '争议理由',
    cancel: '撤销任务并退还赏金',
    arbitrateTitle: '仲裁',
    decision: '裁决',
    release: '支付给中标方',
    refund: '退还发布方',
    arbitrationNote: '仲裁意见',
    decide: '提交裁决',
    winner: '中标方',
    winningPrice: '中标价',
    disputeShown: '争议理由',
    outcome: '仲裁意见',
    settledAt: '结算时间',
    visitorBids: (n: number) => `共 ${n} 个投标，报价仅发布方可见。`,
    loginToBid: '登录后可投标。',
    login: '登录',
    done: '已提交',
    mineTitle: '我的众包',
    myTasks: '我发布的任务',
    myBids: '我的投标',
    noTasks: '还没有发布任务',
    noMyBids: '还没有投标',
    myPrice: '我的报价',
    outcomeCol: '结果',
    wonYes: '已中标',
    wonNo: '未中标',
    pending: '待定',
    disputesTitle: '众包仲裁',
    disputesSubtitle: '本部门辖区内发布方提出争议的众包任务，仲裁后赏金一次性支付给中标方或退还发布方。',
    noDisputes: '当前没有待仲裁的争议',
    escrowNote: '赏金已由平台托管',
    deliveredAt: '提交时间',
  },
  en: {
    title: 'Crowd tasks',
    subtitle: 'Enterprises post tasks with the reward held in escrow; providers or persons bid; the reward is paid on acceptance. Search in Chinese or pinyin.',
    search: 'Search tasks',
    category: 'Category',
    region: 'Region',
    status: 'Status',
    all: 'All',
    reward: 'Reward',
    bidDeadline: 'Bids close',
    deliveryDeadline: 'Delivery by',
    bids: 'Bids',
    poster: 'Posted by',
    post: 'Post a task',
    empty: 'No tasks match',
    newTitle: 'Post a crowd task',
    newSubtitle: 'The reward goes into escrow when you post; it is paid to the winner on acceptance (what a lower price leaves is refunded to you), and refunded on cancellation or a refund by arbitration.',
    postAs: 'Post as',
    taskTitle: 'Title',
    description: 'Description',
    rewardYuan: 'Reward (CNY)',
    submit: 'Post and hold the reward',
    noParties: 'You act for no enterprise or personal profile yet: complete My profile first.',
    bidsTitle: 'Bids',
    noBids: 'No bids yet',
    bidder: 'Bidder',
    price: 'Price',
    days: 'Delivery',
    daysN: (n: number) => `${n} days`,
    messageLabel: 'Message',
    pick: 'Pick',
    won: 'Picked',
    yourBid: 'Your bid',
    bidTitle: 'Bid',
    bidAs: 'Bid as',
    priceYuan: 'Price (CNY, at most the reward)',
    deliveryDays: 'Days to deliver',
    placeBid: 'Place bid',
    deliverTitle: 'Deliver',
    file: 'Result file (PDF, JPG, PNG, up to 10 MB)',
    choose: 'Choose file',
    note: 'Note',
    submitDelivery: 'Submit delivery',
    deliveries: 'Deliveries',
    download: 'Download',
    accept: 'Accept and pay',
    acceptConfirm: 'On acceptance the reward is paid from escrow to the winner; this cannot be undone.',
    dispute: 'Dispute',
    disputeReason: 'Reason for the dispute',
    cancel: 'Cancel the task and refund the reward',
    arbitrateTitle: 'Arbitration',
    decision: 'Decision',
    release: 'Pay the winner',
    refund: 'Refund the poster',
    arbitrationNote: 'Reasons',
    decide: 'Decide',
    winner: 'Winner',
    winningPrice: 'Winning price',
    disputeShown: 'Dispute',
    outcome: 'Arbitration',
    settledAt: 'Settled',
    visitorBids: (n: number) => `${n} bids; prices are shown to the poster only.`,
    loginToBid: 'Log in to bid.',
    login: 'Log in',
    done: 'Done',
    mineTitle: 'My crowd tasks',
    myTasks: 'Tasks I posted',
    myBids: 'My bids',
    noTasks: 'You have posted no tasks',
    noMyBids: 'You have placed no bids',
    myPrice: 'My price',
    outcomeCol: 'Outcome',
    wonYes: 'Picked',
    wonNo: 'Not picked',
    pending: 'Pending',
    disputesTitle: 'Crowd disputes',
    disputesSubtitle: 'Disputed crowd tasks in the regions your department covers; a decision pays the reward to the winner or refunds the poster, once.',
    noDisputes: 'No disputes to arbitrate',
    escrowNote: 'The reward is held in escrow',
    deliveredAt: 'Submitted',
  },
});

function TaskList({ rows, testId, empty }: { rows: readonly CrowdTaskSummary[]; testId: string; empty: string }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return (
    <ResponsiveList
      rows={rows}
      rowKey={(r) => r.id}
      testId={testId}
      caption={t.title}
      empty={<EmptyState description={empty} />}
      columns={[
        { key: 'title', title: t.taskTitle, primary: true, render: (r) => <Link to={`/crowd/tasks/${r.id}`}>{r.title}</Link> },
        { key: 'category', title: t.category, render: (r) => <CategoryText category={r.category} /> },
        { key: 'reward', title: t.reward, align: 'right', render: (r) => amountText(r.rewardFen, lang) },
        { key: 'poster', title: t.poster, render: (r) => r.posterName },
        { key: 'region', title: t.region, render: (r) => r.regionName },
        { key: 'deadline', title: t.bidDeadline, render: (r) => r.bidDeadline },
        { key: 'bids', title: t.bids, align: 'right', render: (r) => r.bidCount },
        { key: 'status', title: t.status, render: (r) => <StatusTag status={r.status} /> },
      ]}
    />
  );
}

export function TasksPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (k: string, v: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const filter = { q: get('q'), category: get('category'), regionCode: get('region'), status: get('status') };
  const tasks = useTasks(filter);
  return (
    <>
      <CrowdTabs />
      <PageHeading title={t.title} subtitle={t.subtitle} extra={me.data ? <Link to="/crowd/tasks/new"><Button type="primary">{t.post}</Button></Link> : null} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="flex-end">
          <Input.Search aria-label={t.search} placeholder={t.search} defaultValue={filter.q} allowClear onSearch={(v) => set('q', v.trim())} style={{ maxWidth: 320 }} data-testid="crowd-task-search" />
          <Space direction="vertical" size={2}><label htmlFor="f-category">{t.category}</label><CategorySelect id="f-category" value={filter.category} onChange={(v) => set('category', v)} allowAll allLabel={t.all} /></Space>
          <Space direction="vertical" size={2}><label htmlFor="f-region">{t.region}</label><RegionCascader id="f-region" value={filter.regionCode ?? null} onChange={(c) => set('region', c)} /></Space>
          <Space direction="vertical" size={2}>
            <label htmlFor="f-status">{t.status}</label>
            <Radio.Group id="f-status" value={filter.status ?? ''} onChange={(e) => set('status', e.target.value as string)} optionType="button" options={[{ value: '', label: t.all }, { value: 'open', label: CROWD_TASK_STATUS_LABELS.open[lang] }, { value: 'completed', label: CROWD_TASK_STATUS_LABELS.completed[lang] }]} />
          </Space>
        </Flex>
      </Card>
      {tasks.isLoading ? <PageLoading /> : tasks.error ? <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} /> : <TaskList rows={tasks.data!.items} testId="crowd-tasks" empty={t.empty} />}
    </>
  );
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

export function NewTaskPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  usePageTitle(t.newTitle);
  const parties = useParties();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  if (parties.isLoading) return <PageLoading />;
  if (parties.error) return <LoadError error={parties.error} />;
  const subjects = parties.data!.items.filter((p) => p.kind === 'subject');
  if (subjects.length === 0) return <Alert type="info" showIcon title={t.noParties} />;
  const first = subjects[0]!;
  const fields = [['posterSubjectId'], ['title'], ['description'], ['category'], ['rewardFen'], ['bidDeadline'], ['deliveryDeadline'], ['regionCode']] as const;
  // The form's names are the API's fields, so a refusal lands under its field (the reward is typed in 元).
  const submit = async (v: { posterSubjectId: string; title: string; description: string; category: 'other'; rewardFen: number; bidDeadline: string; deliveryDeadline: string; regionCode: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const task = await postTask({ posterSubjectId: partyOfValue(v.posterSubjectId).partyId, title: v.title ?? '', description: v.description ?? '', category: v.category, rewardFen: fenOf(v.rewardFen), bidDeadline: v.bidDeadline ?? '', deliveryDeadline: v.deliveryDeadline ?? '', regionCode: v.regionCode ?? '' });
      await qc.invalidateQueries({ queryKey: ['crowd'] });
      navigate(`/crowd/tasks/${task.id}`);
    } catch (error) {
      setProblem(applyProblemToForm(form, error, lang, fields.map((f) => [...f])));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeading title={t.newTitle} subtitle={t.newSubtitle} />
      <Card style={{ maxWidth: 720 }}>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ posterSubjectId: `subject:${first.id}`, category: 'design', bidDeadline: plusDays(7), deliveryDeadline: plusDays(30), regionCode: first.regionCode ?? undefined }} data-testid="crowd-task-form">
          <Form.Item label={t.postAs} name="posterSubjectId" required><PartySelect id="posterSubjectId" parties={subjects} only="subject" /></Form.Item>
          <Form.Item label={t.taskTitle} name="title" required><Input maxLength={100} data-testid="crowd-task-title" /></Form.Item>
          <Form.Item label={t.description} name="description" required><Input.TextArea rows={4} maxLength={5000} data-testid="crowd-task-description" /></Form.Item>
          <Form.Item label={t.category} name="category" required><CategorySelect id="category" /></Form.Item>
          <Form.Item label={t.rewardYuan} name="rewardFen" required><InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="crowd-task-reward" /></Form.Item>
          <Flex gap={16} wrap>
            <Form.Item label={t.bidDeadline} name="bidDeadline" required><Input type="date" min={today()} data-testid="crowd-task-bid-deadline" /></Form.Item>
            <Form.Item label={t.deliveryDeadline} name="deliveryDeadline" required><Input type="date" min={today()} data-testid="crowd-task-delivery-deadline" /></Form.Item>
          </Flex>
          <Form.Item label={t.region} name="regionCode" required><RegionCascader id="regionCode" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="crowd-task-submit">{t.submit}</Button>
        </Form>
      </Card>
    </>
  );
}

/** Runs an action on the task; the page shows the answer, or the problem. */
function useTaskAction(id: string) {
  const qc = useQueryClient();
  const { lang } = useLang();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<CrowdTask>) => {
    setBusy(true);
    setProblem(null);
    try {
      const task = await action();
      qc.setQueryData(['crowd', 'task', id], task);
      await qc.invalidateQueries({ queryKey: ['crowd'], refetchType: 'none' });
      return true;
    } catch (error) {
      setProblem(plainProblem(error, lang));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { problem, busy, run };
}

function BidForm({ task }: { task: CrowdTask }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const qc = useQueryClient();
  const parties = useParties();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  // The server refuses a bid on one's own task (naming the rule); the page offers the form only when it may bid.
  const usable = parties.data?.items ?? [];
  if (!usable.length) return null;
  // The form's names are the API's fields (the price typed in 元), so a refusal lands under its field.
  const submit = async (v: { partyId: string; priceFen: number; deliveryDays: number; message: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      qc.setQueryData(['crowd', 'task', task.id], await placeBid(task.id, { ...partyOfValue(v.partyId), priceFen: fenOf(v.priceFen), deliveryDays: v.deliveryDays ?? 0, message: v.message ?? '' }));
      await qc.invalidateQueries({ queryKey: ['crowd'], refetchType: 'none' });
    } catch (error) {
      setProblem(applyProblemToForm(form, error, lang, [['partyId'], ['priceFen'], ['deliveryDays'], ['message']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t.bidTitle} size="small" style={{ marginBottom: 16 }}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" data-testid="crowd-bid-form" initialValues={{ partyId: `${usable[0]!.kind}:${usable[0]!.id}`, priceFen: task.rewardFen / 100, deliveryDays: 7, message: '' }} onFinish={submit}>
        <Form.Item label={t.bidAs} name="partyId"><PartySelect id="partyId" parties={usable} /></Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label={t.priceYuan} name="priceFen"><InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="crowd-bid-price" /></Form.Item>
          <Form.Item label={t.deliveryDays} name="deliveryDays"><InputNumber min={1} max={365} precision={0} data-testid="crowd-bid-days" /></Form.Item>
        </Flex>
        <Form.Item label={t.messageLabel} name="message"><Input.TextArea rows={2} maxLength={2000} data-testid="crowd-bid-message" /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="crowd-bid-submit">{t.placeBid}</Button>
      </Form>
    </Card>
  );
}

function DeliverForm({ task }: { task: CrowdTask }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { problem, busy, run } = useTaskAction(task.id);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [uploadProblem, setUploadProblem] = useState<MappedProblem | null>(null);
  const submit = async () => {
    if (!file) return;
    setUploadProblem(null);
    let stored;
    try {
      stored = await uploadFile(file);
    } catch (error) {
      setUploadProblem(plainProblem(error, lang));
      return;
    }
    if (await run(() => deliver(task.id, stored.id, note))) {
      setFile(null);
      setNote('');
      void message.success(t.done);
    }
  };
  return (
    <Card title={t.deliverTitle} size="small" style={{ marginBottom: 16 }} data-testid="crowd-deliver">
      <ProblemAlert problem={uploadProblem ?? problem} />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t.file}</Typography.Text>
        <Upload beforeUpload={(f) => { setFile(f); return false; }} maxCount={1} accept=".pdf,.jpg,.jpeg,.png" showUploadList={false}>
          <Button data-testid="crowd-deliver-choose">{t.choose}</Button>
        </Upload>
        {file ? <Typography.Text type="secondary">{file.name}</Typography.Text> : null}
        <Input.TextArea aria-label={t.note} placeholder={t.note} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void submit()} data-testid="crowd-deliver-submit">{t.submitDelivery}</Button>
      </Space>
    </Card>
  );
}

function PosterActions({ task }: { task: CrowdTask }) {
  const t = useMessages(m);
  const { problem, busy, run } = useTaskAction(task.id);
  const [reason, setReason] = useState('');
  if (!task.can.accept && !task.can.dispute && !task.can.cancel) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="crowd-poster-actions">
      <ProblemAlert problem={problem} />
      <Space direction="vertical" style={{ width: '100%' }}>
        {task.can.accept ? (
          <>
            <Typography.Text type="secondary">{t.acceptConfirm}</Typography.Text>
            <Button type="primary" loading={busy} onClick={() => void run(() => acceptTask(task.id))} data-testid="crowd-accept">{t.accept}</Button>
          </>
        ) : null}
        {task.can.dispute ? (
          <Flex gap={8} wrap>
            <Input aria-label={t.disputeReason} placeholder={t.disputeReason} value={reason} onChange={(e) => setReason(e.target.value)} style={{ maxWidth: 420 }} />
            <Button danger loading={busy} onClick={() => void run(() => disputeTask(task.id, reason))} data-testid="crowd-dispute">{t.dispute}</Button>
          </Flex>
        ) : null}
        {task.can.cancel ? <Button danger loading={busy} onClick={() => void run(() => cancelTask(task.id))} data-testid="crowd-cancel">{t.cancel}</Button> : null}
      </Space>
    </Card>
  );
}

function ArbitrateForm({ task }: { task: CrowdTask }) {
  const t = useMessages(m);
  const { problem, busy, run } = useTaskAction(task.id);
  return (
    <Card title={t.arbitrateTitle} size="small" style={{ marginBottom: 16 }}>
      <ProblemAlert problem={problem} />
      <Form layout="vertical" initialValues={{ decision: 'release', note: '' }} onFinish={(v: { decision: 'release' | 'refund'; note: string }) => void run(() => arbitrateTask(task.id, { decision: v.decision, note: v.note ?? '' }))} data-testid="crowd-arbitrate-form">
        <Form.Item label={t.decision} name="decision"><Radio.Group options={[{ value: 'release', label: t.release }, { value: 'refund', label: t.refund }]} /></Form.Item>
        <Form.Item label={t.arbitrationNote} name="note"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="crowd-arbitrate-submit">{t.decide}</Button>
      </Form>
    </Card>
  );
}

export function TaskPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { id = '' } = useParams();
  const me = useMe();
  const task = useTask(id);
  const pick = useTaskAction(id);
  usePageTitle(task.data?.title ?? t.title);
  if (task.isLoading) return <PageLoading />;
  if (task.error) return <LoadError error={task.error} onRetry={() => void task.refetch()} />;
  const k = task.data!;
  return (
    <>
      <PageHeading title={k.title} subtitle={<Space wrap><StatusTag status={k.status} /><CategoryText category={k.category} /><span>{k.regionName}</span></Space>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 2 }} size="small">
          <Descriptions.Item label={t.poster}>{k.posterName}</Descriptions.Item>
          <Descriptions.Item label={t.reward}><span data-testid="crowd-task-reward-shown">{amountText(k.rewardFen, lang)}</span>{k.status === 'open' || k.status === 'awarded' || k.status === 'delivered' || k.status === 'disputed' ? <Typography.Text type="secondary"> · {t.escrowNote}</Typography.Text> : null}</Descriptions.Item>
          <Descriptions.Item label={t.bidDeadline}>{k.bidDeadline}</Descriptions.Item>
          <Descriptions.Item label={t.deliveryDeadline}>{k.deliveryDeadline}</Descriptions.Item>
          {k.winnerName ? <Descriptions.Item label={t.winner}>{k.winnerName}</Descriptions.Item> : null}
          {k.winningPriceFen !== null ? <Descriptions.Item label={t.winningPrice}>{amountText(k.winningPriceFen, lang)}</Descriptions.Item> : null}
          {k.settledAt ? <Descriptions.Item label={t.settledAt}>{showInstant(k.settledAt, lang)}</Descriptions.Item> : null}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{k.description}</Typography.Paragraph>
        {k.disputeReason ? <Alert type="warning" showIcon title={t.disputeShown} description={k.disputeReason} style={{ marginBottom: 8 }} /> : null}
        {k.outcomeNote ? <Alert type="info" showIcon title={t.outcome} description={k.outcomeNote} /> : null}
      </Card>

      <PosterActions task={k} />
      {k.can.arbitrate ? <ArbitrateForm task={k} /> : null}
      {k.can.deliver ? <DeliverForm task={k} /> : null}
      {k.can.bid ? <BidForm task={k} /> : !me.data && k.status === 'open' ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t.loginToBid} action={<Link to={`/login?next=/crowd/tasks/${k.id}`}><Button size="small">{t.login}</Button></Link>} /> : null}

      {k.deliveries.length > 0 ? (
        <Card title={t.deliveries} size="small" style={{ marginBottom: 16 }}>
          <ResponsiveList
            rows={k.deliveries}
            rowKey={(d) => d.id}
            testId="crowd-deliveries"
            columns={[
              { key: 'file', title: t.file, primary: true, render: (d) => <a href={deliveryUrl(k.id, d.id)}>{d.fileName}</a> },
              { key: 'note', title: t.note, render: (d) => d.note || '—' },
              { key: 'at', title: t.deliveredAt, render: (d) => showInstant(d.createdAt, lang) },
            ]}
          />
        </Card>
      ) : null}

      <Card title={t.bidsTitle} size="small">
        <ProblemAlert problem={pick.problem} />
        {k.role === 'visitor' || (k.role === 'bidder' && k.bids.length <= 1) ? <Typography.Paragraph type="secondary">{t.visitorBids(k.bidCount)}</Typography.Paragraph> : null}
        <ResponsiveList
          rows={k.bids}
          rowKey={(b) => b.id}
          testId="crowd-bids"
          empty={<EmptyState description={t.noBids} />}
          columns={[
            { key: 'bidder', title: t.bidder, primary: true, render: (b) => <Space>{b.bidderName}{b.mine ? <Typography.Text type="secondary">（{t.yourBid}）</Typography.Text> : null}</Space> },
            { key: 'price', title: t.price, align: 'right', render: (b) => amountText(b.priceFen, lang) },
            { key: 'days', title: t.days, render: (b) => t.daysN(b.deliveryDays) },
            { key: 'message', title: t.messageLabel, render: (b) => b.message || '—' },
            {
              key: 'action',
              title: '',
              render: (b) => (b.won ? <Typography.Text strong>{t.won}</Typography.Text> : k.can.pick ? <Button size="small" type="primary" loading={pick.busy} onClick={() => void pick.run(() => pickBid(k.id, b.id))} data-testid="crowd-pick">{t.pick}</Button> : null),
            },
          ]}
        />
      </Card>
    </>
  );
}

export function MinePage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.mineTitle);
  const mine = useMine();
  if (mine.isLoading) return <PageLoading />;
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  const d = mine.data!;
  return (
    <>
      <CrowdTabs />
      <PageHeading title={t.mineTitle} extra={<Link to="/crowd/tasks/new"><Button type="primary">{t.post}</Button></Link>} />
      <Tabs
        items={[
          { key: 'tasks', label: t.myTasks, children: <TaskList rows={d.tasks} testId="crowd-my-tasks" empty={t.noTasks} /> },
          {
            key: 'bids',
            label: t.myBids,
            children: (
              <ResponsiveList
                rows={d.bids}
                rowKey={(b) => b.task.id}
                testId="crowd-my-bids"
                empty={<EmptyState description={t.noMyBids} />}
                columns={[
                  { key: 'title', title: t.taskTitle, primary: true, render: (b) => <Link to={`/crowd/tasks/${b.task.id}`}>{b.task.title}</Link> },
                  { key: 'as', title: t.bidAs, render: (b) => b.bidderName },
                  { key: 'price', title: t.myPrice, align: 'right', render: (b) => amountText(b.priceFen, lang) },
                  { key: 'status', title: t.status, render: (b) => <StatusTag status={b.task.status} /> },
                  { key: 'won', title: t.outcomeCol, render: (b) => (b.won ? t.wonYes : b.task.status === 'open' ? t.pending : t.wonNo) },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}

export function DisputesPage() {
  const t = useMessages(m);
  usePageTitle(t.disputesTitle);
  const disputes = useDisputes();
  return (
    <>
      <PageHeading title={t.disputesTitle} subtitle={t.disputesSubtitle} />
      {disputes.isLoading ? <PageLoading /> : disputes.error ? <LoadError error={disputes.error} onRetry={() => void disputes.refetch()} /> : <TaskList rows={disputes.data!.items} testId="crowd-disputes" empty={t.noDisputes} />}
    </>
  );
}
