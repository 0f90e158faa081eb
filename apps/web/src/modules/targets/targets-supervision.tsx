/**
 * Supervision (督查督办) on targets: the 督办 section of a target's page (the office issues an item;
 * the items with their status, history and the actions the viewer may take), the 督办件 list
 * filtered by status, one item's page, and the ledger page's note of items awaiting the viewer.
 * The programme office issues, closes (结案意见) and returns (退回理由); the responsible unit answers.
 */
import { App as AntApp, Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Segmented, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  SUPERVISION_ACTION_LABELS,
  SUPERVISION_LEVEL_LABELS,
  SUPERVISION_OVERDUE_LABEL,
  SUPERVISION_STATUS_LABELS,
  SUPERVISION_STATUSES,
  type SupervisionLevel,
  type SupervisionQuery,
  type SupervisionStatus,
  type TargetView,
} from '@seedbed/contract';
import { defineMessages, useLang, useMessages, type Lang } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { answerSupervision, closeSupervision, issueSupervision, returnSupervision, useSupervisionItem, useSupervisionItems, type SupervisionItemView } from './targets-supervision.api';

const m = defineMessages({
  zh: {
    section: '督办',
    issue: '交办督办件',
    none: '暂无督办件',
    listTitle: '督办件',
    listSubtitle: '双创办就目标任务交办，承办单位限期答复，双创办审核办结',
    all: '全部',
    subject: '督办事项',
    request: '督办要求',
    deadline: '办理期限',
    unit: '承办单位',
    level: '督办级别',
    target: '目标任务',
    status: '状态',
    issuedBy: (who: string, at: string) => `${who} 交办于 ${at}`,
    escalated: '已报双创办',
    history: '办理记录',
    answer: '答复',
    answerLabel: '答复内容',
    answerHelp: '采取的措施、完成情况、存在的问题',
    answered: '已答复',
    decision: '审核意见',
    decisionHelp: '办结时填写结案意见；退回时填写退回理由',
    close: '办结',
    return: '退回',
    closedOk: '督办件已办结',
    returnedOk: '督办件已退回',
    issuedOk: '督办件已交办',
    required: '必填',
    dateFormat: '日期格式为 YYYY-MM-DD',
    cancel: '取消',
    emptyFilter: '没有符合条件的督办件',
    emptyAll: '还没有督办件',
    awaitingMe: (n: number) => `有 ${n} 件督办件待您办理`,
    viewAll: '查看督办件',
    back: '返回督办件',
    backTarget: '返回目标任务',
    job: '系统',
  },
  en: {
    section: 'Supervision',
    issue: 'Issue a supervision item',
    none: 'No supervision items',
    listTitle: 'Supervision items',
    listSubtitle: 'The programme office issues items on targets; the unit answers by the deadline; the office closes them',
    all: 'All',
    subject: 'Subject',
    request: 'Request',
    deadline: 'Deadline',
    unit: 'Responsible unit',
    level: 'Level',
    target: 'Target',
    status: 'Status',
    issuedBy: (who: string, at: string) => `Issued by ${who}, ${at}`,
    escalated: 'Escalated to the office',
    history: 'History',
    answer: 'Answer',
    answerLabel: 'Answer',
    answerHelp: 'What was done, how far it got, what stands in the way',
    answered: 'Answered',
    decision: 'Decision',
    decisionHelp: 'Closing: the closing record; returning: the reason',
    close: 'Close',
    return: 'Return',
    closedOk: 'Item closed',
    returnedOk: 'Item returned',
    issuedOk: 'Item issued',
    required: 'Required',
    dateFormat: 'Dates are YYYY-MM-DD',
    cancel: 'Cancel',
    emptyFilter: 'No items match',
    emptyAll: 'No supervision items yet',
    awaitingMe: (n: number) => `${n} supervision item(s) await you`,
    viewAll: 'Supervision items',
    back: 'Back to supervision items',
    backTarget: 'Back to the target',
    job: 'System',
  },
});

const STATUS_COLOURS: Record<SupervisionStatus, string> = { open: 'gold', answered: 'blue', returned: 'orange', closed: 'green' };

export function SupervisionTags({ item, lang }: { item: SupervisionItemView; lang: Lang }) {
  const t = useMessages(m);
  return (
    <Space size={4} wrap data-testid="supervision-tags">
      <Tag color={STATUS_COLOURS[item.status]}>{SUPERVISION_STATUS_LABELS[item.status][lang]}</Tag>
      {item.overdue ? <Tag color="red">{SUPERVISION_OVERDUE_LABEL[lang]}</Tag> : null}
      {item.level === 'key' ? <Tag color="magenta">{SUPERVISION_LEVEL_LABELS.key[lang]}</Tag> : null}
      {item.escalated && item.status !== 'closed' ? <Tag color="volcano">{t.escalated}</Tag> : null}
    </Space>
  );
}

/** One item: what was asked, by when, of whom; its history; the viewer's action. */
function ItemCard({ item, showTarget }: { item: SupervisionItemView; showTarget?: boolean }) {
  const t = useMessages(m);
  const { lang } = useLang();
  return (
    <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{item.subject}</span>} extra={<SupervisionTags item={item} lang={lang} />} style={{ marginBottom: 12 }} data-testid="supervision-item">
      <Descriptions column={1} size="small">
        {showTarget ? (
          <Descriptions.Item label={t.target}>
            <Link to={`/targets/${item.target.id}`}>{item.target.title[lang]}</Link>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t.unit}>{item.organisation.name}</Descriptions.Item>
        <Descriptions.Item label={t.deadline}>{item.deadline}</Descriptions.Item>
        <Descriptions.Item label={t.level}>{SUPERVISION_LEVEL_LABELS[item.level][lang]}</Descriptions.Item>
        <Descriptions.Item label={t.request}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{item.request}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Text strong style={{ display: 'block', margin: '8px 0' }}>
        {t.history}
      </Typography.Text>
      <Timeline
        data-testid="supervision-history"
        items={item.history.map((h, i) => ({
          key: i,
          color: h.action === 'closed' ? 'green' : h.action === 'returned' || h.action === 'escalated' ? 'red' : 'blue',
          children: (
            <div>
              <Space wrap size={4}>
                <strong>{SUPERVISION_ACTION_LABELS[h.action][lang]}</strong>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[h.organisation, h.by || t.job, showInstant(h.at, lang)].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Space>
              {h.text && h.action !== 'issued' ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }}>{h.text}</Typography.Paragraph> : null}
            </div>
          ),
        }))}
      />
      {item.canAnswer ? <AnswerForm item={item} /> : null}
      {item.canDecide ? <DecisionForm item={item} /> : null}
    </Card>
  );
}

function useRefresh() {
  const qc = useQueryClient();
  return async (item: SupervisionItemView) => {
    qc.setQueryData(['targets', 'supervision', 'one', item.id], item);
    await qc.invalidateQueries({ queryKey: ['targets', 'supervision'] });
  };
}

function AnswerForm({ item }: { item: SupervisionItemView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ text: string }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { text: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await refresh(await answerSupervision(item.id, { text: v.text }));
      void message.success(t.answered);
      form.resetFields();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['text']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="supervision-answer-form">
      <ProblemAlert problem={problem} />
      <Form.Item label={t.answerLabel} name="text" rules={[{ required: true, whitespace: true, message: t.required }]} extra={t.answerHelp}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t.answer}
      </Button>
    </Form>
  );
}

function DecisionForm({ item }: { item: SupervisionItemView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ text: string }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState<'close' | 'return' | null>(null);
  const decide = async (how: 'close' | 'return') => {
    let v: { text: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(how);
    setProblem(null);
    try {
      await refresh(await (how === 'close' ? closeSupervision : returnSupervision)(item.id, { text: v.text }));
      void message.success(how === 'close' ? t.closedOk : t.returnedOk);
      form.resetFields();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['text']]));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Form form={form} layout="vertical" data-testid="supervision-decision-form">
      <ProblemAlert problem={problem} />
      <Form.Item label={t.decision} name="text" rules={[{ required: true, whitespace: true, message: t.required }]} extra={t.decisionHelp}>
        <Input.TextArea rows={3} maxLength={4000} showCount />
      </Form.Item>
      <Space wrap>
        <Button type="primary" loading={busy === 'close'} disabled={busy !== null} onClick={() => void decide('close')}>
          {t.close}
        </Button>
        <Button danger loading={busy === 'return'} disabled={busy !== null} onClick={() => void decide('return')}>
          {t.return}
        </Button>
      </Space>
    </Form>
  );
}

// ---------------------------------------------------------------- on a target's page

/** The 督办 section of a target's page: the office issues; everyone in view sees the items and acts. */
export function SupervisionSection({ target }: { target: TargetView }) {
  const t = useMessages(m);
  const items = useSupervisionItems({ targetId: target.id });
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={t.section}
      style={{ marginTop: 16 }}
      data-testid="target-supervision"
      extra={
        target.canManage ? (
          <Button size="small" type="primary" onClick={() => setOpen(true)}>
            {t.issue}
          </Button>
        ) : null
      }
    >
      {items.isError ? <LoadError error={items.error} onRetry={() => void items.refetch()} /> : null}
      {items.data && items.data.items.length === 0 ? <Typography.Text type="secondary">{t.none}</Typography.Text> : null}
      {(items.data?.items ?? []).map((i) => (
        <ItemCard key={i.id} item={i} />
      ))}
      {target.canManage ? <IssueModal open={open} onClose={() => setOpen(false)} target={target} /> : null}
    </Card>
  );
}

interface IssueValues {
  subject: string;
  request: string;
  deadline: string;
  organisationId?: string;
  level: SupervisionLevel;
}

function IssueModal({ open, onClose, target }: { open: boolean; onClose: () => void; target: TargetView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<IssueValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const units = [...(target.lead ? [target.lead] : []), ...target.supporting].map((u) => ({ value: u.organisationId, label: u.name }));
  const submit = async (v: IssueValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await issueSupervision({ targetId: target.id, subject: v.subject, request: v.request, deadline: v.deadline, level: v.level, ...(v.organisationId ? { organisationId: v.organisationId } : {}) });
      void message.success(t.issuedOk);
      await qc.invalidateQueries({ queryKey: ['targets', 'supervision'] });
      form.resetFields();
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['subject'], ['request'], ['deadline'], ['organisationId'], ['level'], ['targetId']]));
    } finally {
      setBusy(false);
    }
  };
  const req = [{ required: true, whitespace: true, message: t.required }];
  return (
    <Modal open={open} title={t.issue} onCancel={onClose} okText={t.issue} cancelText={t.cancel} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ level: 'general', organisationId: target.lead?.organisationId }} onFinish={(v) => void submit(v)}>
        <Form.Item label={t.subject} name="subject" rules={req}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.request} name="request" rules={req}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label={t.deadline} name="deadline" rules={[{ required: true, message: t.required }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t.dateFormat }]}>
            <Input placeholder="2026-12-31" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t.level} name="level">
            <Select style={{ width: 140 }} options={(['general', 'key'] as const).map((l) => ({ value: l, label: SUPERVISION_LEVEL_LABELS[l][lang] }))} />
          </Form.Item>
        </Flex>
        <Form.Item label={t.unit} name="organisationId" rules={[{ required: true, message: t.required }]}>
          <Select options={units} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- the ledger page's note

/** On the ledger page: how many items await the viewer (to answer, or to decide), and the way to the list. */
export function SupervisionNote() {
  const t = useMessages(m);
  const items = useSupervisionItems({});
  const waiting = (items.data?.items ?? []).filter((i) => i.canAnswer || i.canDecide).length;
  if (!items.data) return null;
  return waiting > 0 ? (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="supervision-note" message={<Link to="/targets/supervision">{t.awaitingMe(waiting)}</Link>} />
  ) : (
    <div style={{ marginBottom: 12 }}>
      <Link to="/targets/supervision">{t.viewAll}</Link>
    </div>
  );
}

// ---------------------------------------------------------------- the list and one item

type Filter = NonNullable<SupervisionQuery['status']> | 'all';

export function SupervisionPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const [filter, setFilter] = useState<Filter>('all');
  const list = useSupervisionItems(filter === 'all' ? {} : { status: filter });
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const counts = new Map((list.data?.byStatus ?? []).map((b) => [b.status, b.count]));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const options: { value: Filter; label: string }[] = [
    { value: 'all', label: `${t.all}${list.data ? ` ${total}` : ''}` },
    ...SUPERVISION_STATUSES.map((s) => ({ value: s as Filter, label: `${SUPERVISION_STATUS_LABELS[s][lang]}${list.data ? ` ${counts.get(s) ?? 0}` : ''}` })),
    { value: 'overdue', label: `${SUPERVISION_OVERDUE_LABEL[lang]}${list.data ? ` ${list.data.overdue}` : ''}` },
  ];
  return (
    <>
      <Link to="/targets">← {t.backTarget}</Link>
      <PageHeading title={t.listTitle} subtitle={t.listSubtitle} />
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented<Filter> value={filter} onChange={setFilter} options={options} data-testid="supervision-filter" />
      </div>
      <ResponsiveList<SupervisionItemView>
        rows={list.data?.items ?? []}
        loading={list.isPending}
        rowKey={(i) => i.id}
        testId="supervision-list"
        caption={t.listTitle}
        empty={<EmptyState description={filter === 'all' ? t.emptyAll : t.emptyFilter} />}
        columns={[
          { key: 'subject', title: t.subject, primary: true, render: (i) => <Link to={`/targets/supervision/${i.id}`}>{i.subject}</Link> },
          { key: 'target', title: t.target, render: (i) => <Link to={`/targets/${i.target.id}`}>{i.target.title[lang]}</Link> },
          { key: 'unit', title: t.unit, render: (i) => i.organisation.name },
          { key: 'deadline', title: t.deadline, render: (i) => i.deadline },
          { key: 'status', title: t.status, render: (i) => <SupervisionTags item={i} lang={lang} /> },
        ]}
      />
    </>
  );
}

export function SupervisionItemPage() {
  const { itemId = '' } = useParams();
  const t = useMessages(m);
  const { lang } = useLang();
  const item = useSupervisionItem(itemId);
  if (item.isPending) return <PageLoading />;
  if (item.isError) return <LoadError error={item.error} onRetry={() => void item.refetch()} />;
  const v = item.data;
  return (
    <>
      <Link to="/targets/supervision">← {t.back}</Link>
      <PageHeading title={v.subject} subtitle={t.issuedBy(v.issuedBy, showInstant(v.issuedAt, lang))} />
      <ItemCard item={v} showTarget />
    </>
  );
}
