/**
 * Milestones (里程碑) on a target's page: the programme office sets what should stand by a day
 * (optionally a figure) and removes one not yet reached; the lead unit or the office marks one
 * reached with the day and a note; a figure that met its milestone's marks it by itself.
 */
import { App as AntApp, Button, Card, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { TARGET_MILESTONE_STATE_LABELS, type TargetDetail, type TargetMilestone, type TargetMilestoneState } from '@seedbed/contract';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { applyProblemToForm, problemMessage, type MappedProblem } from '../../app/problem';
import { EmptyState, ProblemAlert } from '../../app/ui';
import { addMilestone, reachMilestone, removeMilestone } from './targets.api';

const m = defineMessages({
  zh: {
    title: '里程碑',
    add: '设置里程碑',
    empty: '尚未设置里程碑',
    emptyOffice: '设置阶段性节点，如“6 月底前完成立项”“上半年达到 4 件”',
    what: '节点内容',
    dueOn: '节点日期',
    value: (unit: string) => `届时应达到的数值（${unit}，可不填）`,
    valueHelp: '填写后，“不少于/多于”类目标的当前值达到该数值即自动确认达成',
    by: (d: string) => `${d} 前`,
    goal: (v: string, unit: string) => `应达到 ${v} ${unit}`,
    reachedBy: (who: string, d: string) => `${who} 确认于 ${d} 达成`,
    byFigure: '当前值已达到，自动确认',
    reach: '确认达成',
    reachedOn: '达成日期',
    note: '说明',
    noteHelp: '可写明佐证，如对应的报送期或文件',
    remove: '删除',
    removeConfirm: '删除这个里程碑？',
    added: '里程碑已设置',
    reachedOk: '已确认达成',
    removed: '里程碑已删除',
    required: '必填',
    dateFormat: '日期格式为 YYYY-MM-DD',
    cancel: '取消',
    summary: (reached: number, total: number, overdue: number) => `已达成 ${reached} / ${total}` + (overdue ? `，逾期 ${overdue}` : ''),
  },
  en: {
    title: 'Milestones',
    add: 'Set a milestone',
    empty: 'No milestones yet',
    emptyOffice: 'Set steps on the way, e.g. "project approved by June" or "4 by mid-year"',
    what: 'Milestone',
    dueOn: 'Day',
    value: (unit: string) => `Figure that should stand by then (${unit}, optional)`,
    valueHelp: 'With a figure, an "at least / more than" target marks it reached once its figure gets there',
    by: (d: string) => `by ${d}`,
    goal: (v: string, unit: string) => `to reach ${v} ${unit}`,
    reachedBy: (who: string, d: string) => `${who} marked it reached on ${d}`,
    byFigure: 'The figure has reached it',
    reach: 'Mark reached',
    reachedOn: 'Reached on',
    note: 'Note',
    noteHelp: 'The evidence, e.g. the report period or the document',
    remove: 'Remove',
    removeConfirm: 'Remove this milestone?',
    added: 'Milestone set',
    reachedOk: 'Marked reached',
    removed: 'Milestone removed',
    required: 'Required',
    dateFormat: 'Dates are YYYY-MM-DD',
    cancel: 'Cancel',
    summary: (reached: number, total: number, overdue: number) => `${reached} of ${total} reached` + (overdue ? `, ${overdue} overdue` : ''),
  },
});

const STATE_COLOURS: Record<TargetMilestoneState, string> = { reached: 'green', upcoming: 'default', overdue: 'red' };
const fmt = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export function MilestonesCard({ detail }: { detail: TargetDetail }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const v = detail.target;
  const [adding, setAdding] = useState(false);
  const [reaching, setReaching] = useState<TargetMilestone | null>(null);
  if (detail.milestones.length === 0 && !v.canManage) return null;
  const mayReach = v.canManage || detail.isLead;
  const remove = async (ms: TargetMilestone) => {
    try {
      qc.setQueryData<TargetDetail>(['targets', 'one', v.id], await removeMilestone(v.id, ms.id));
      await qc.invalidateQueries({ queryKey: ['targets', 'list'] });
      void message.success(t.removed);
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  return (
    <Card
      size="small"
      title={detail.milestones.length ? `${t.title}（${t.summary(v.milestones.reached, v.milestones.total, v.milestones.overdue)}）` : t.title}
      style={{ marginTop: 16 }}
      data-testid="target-milestones"
      extra={v.canManage ? <Button size="small" onClick={() => setAdding(true)}>{t.add}</Button> : null}
    >
      <List
        size="small"
        dataSource={detail.milestones}
        locale={{ emptyText: <EmptyState description={v.canManage ? `${t.empty}。${t.emptyOffice}` : t.empty} /> }}
        renderItem={(ms) => (
          <List.Item
            actions={
              ms.state === 'reached'
                ? []
                : [
                    ...(mayReach ? [<Button key="reach" size="small" onClick={() => setReaching(ms)}>{t.reach}</Button>] : []),
                    ...(v.canManage
                      ? [
                          <Popconfirm key="remove" title={t.removeConfirm} okText={t.remove} cancelText={t.cancel} onConfirm={() => void remove(ms)}>
                            <Button size="small" danger type="text">{t.remove}</Button>
                          </Popconfirm>,
                        ]
                      : []),
                  ]
            }
          >
            <Space direction="vertical" size={0}>
              <Space wrap>
                <Tag color={STATE_COLOURS[ms.state]}>{TARGET_MILESTONE_STATE_LABELS[ms.state][lang]}</Tag>
                <strong>{ms.title}</strong>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[t.by(ms.dueOn), ms.value !== null ? t.goal(fmt(ms.value), v.unit) : null, ms.byFigure ? t.byFigure : ms.reachedOn ? t.reachedBy(ms.reachedBy ?? '', ms.reachedOn) : null].filter(Boolean).join(' · ')}
              </Typography.Text>
              {ms.note ? <Typography.Text style={{ fontSize: 12 }}>{ms.note}</Typography.Text> : null}
            </Space>
          </List.Item>
        )}
      />
      {v.canManage ? <AddModal open={adding} onClose={() => setAdding(false)} detail={detail} /> : null}
      {reaching ? <ReachModal milestone={reaching} onClose={() => setReaching(null)} detail={detail} /> : null}
    </Card>
  );
}

interface AddValues {
  title: string;
  dueOn: string;
  value?: number | null;
}

function AddModal({ open, onClose, detail }: { open: boolean; onClose: () => void; detail: TargetDetail }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const v = detail.target;
  const [form] = Form.useForm<AddValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: AddValues) => {
    setBusy(true);
    setProblem(null);
    try {
      qc.setQueryData<TargetDetail>(['targets', 'one', v.id], await addMilestone(v.id, { title: values.title, dueOn: values.dueOn, ...(values.value !== undefined && values.value !== null ? { value: values.value } : {}) }));
      await qc.invalidateQueries({ queryKey: ['targets', 'list'] });
      void message.success(t.added);
      form.resetFields();
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['title'], ['dueOn'], ['value']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t.add} onCancel={onClose} okText={t.add} cancelText={t.cancel} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(x) => void submit(x)}>
        <Form.Item label={t.what} name="title" rules={[{ required: true, whitespace: true, message: t.required }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item label={t.dueOn} name="dueOn" extra={`${v.periodFrom} ~ ${v.periodTo}`} rules={[{ required: true, message: t.required }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t.dateFormat }]}>
            <Input placeholder={v.periodTo} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t.value(v.unit)} name="value" extra={t.valueHelp}>
            <InputNumber style={{ width: 160 }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function ReachModal({ milestone, onClose, detail }: { milestone: TargetMilestone; onClose: () => void; detail: TargetDetail }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const id = detail.target.id;
  const [form] = Form.useForm<{ reachedOn: string; note?: string }>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const submit = async (values: { reachedOn: string; note?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      qc.setQueryData<TargetDetail>(['targets', 'one', id], await reachMilestone(id, milestone.id, { reachedOn: values.reachedOn, ...(values.note?.trim() ? { note: values.note.trim() } : {}) }));
      await qc.invalidateQueries({ queryKey: ['targets', 'list'] });
      void message.success(t.reachedOk);
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['reachedOn'], ['note']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t.reach}：${milestone.title}`} onCancel={onClose} okText={t.reach} cancelText={t.cancel} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ reachedOn: today }} onFinish={(x) => void submit(x)}>
        <Form.Item label={t.reachedOn} name="reachedOn" rules={[{ required: true, message: t.required }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t.dateFormat }]}>
          <Input style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t.note} name="note" extra={t.noteHelp}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
