/**
 * The public publicity page (公示): awards in publicity, the .xlsx list, and an objection form for
 * anyone. A table on desktops, one card per award on phones (app/responsive.tsx).
 */
import { App as AntApp, Button, Card, Form, Input, Modal, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { ResponsiveList } from '../../app/responsive';
import { fileObjection, useFulfilmentMutation, usePublicity, type PublicityEntry } from './fulfilment.api';
import { Money } from './fulfilment-parts';

const m = defineMessages({
  zh: {
    title: '政策兑现公示',
    subtitle: '以下拟奖补对象正在公示。如有异议，请在公示期内实名提出，受理部门将核实处理；您的联系方式仅工作人员可见。',
    export: '下载公示名单（Excel）',
    reference: '编号',
    item: '政策事项',
    subject: '拟奖补对象',
    amount: '拟奖补金额',
    period: '公示期',
    department: '受理部门',
    object: '提出异议',
    name: '姓名',
    contact: '联系电话或邮箱',
    text: '异议内容',
    submit: '提交异议',
    sent: '异议已提交，受理部门将核实处理',
    none: '目前没有正在公示的项目',
  },
  en: {
    title: 'Award publicity',
    subtitle: 'These awards are in publicity. If you object, say so with your name before the period ends; the department will look into it. Only officials see your contact.',
    export: 'Download the list (Excel)',
    reference: 'Reference',
    item: 'Item',
    subject: 'Proposed recipient',
    amount: 'Amount',
    period: 'Publicity period',
    department: 'Department',
    object: 'Object',
    name: 'Name',
    contact: 'Phone or e-mail',
    text: 'Your objection',
    submit: 'Submit objection',
    sent: 'Objection submitted; the department will look into it',
    none: 'No award is in publicity now',
  },
});

const PAGE = 20;

export function PublicityPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  usePageTitle(t.title);
  const q = usePublicity();
  const [target, setTarget] = useState<PublicityEntry | null>(null);
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [page, setPage] = useState(1);
  const mutation = useFulfilmentMutation((x: { id: string; body: { name: string; contact: string; text: string } }) => fileObjection(x.id, x.body));
  const onFinish = async (values: { name: string; contact: string; text: string }) => {
    if (!target) return;
    setProblem(null);
    try {
      await mutation.mutateAsync({ id: target.id, body: values });
      void message.success(t.sent);
      setTarget(null);
      form.resetFields();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['name'], ['contact'], ['text']]));
    }
  };
  return (
    <div>
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          <a href="/api/v1/public/publicity.xlsx" download>
            {t.export}
          </a>
        }
      />
      <Card>
        {q.isPending ? (
          <PageLoading />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.length === 0 ? (
          <EmptyState description={t.none} />
        ) : (
          <>
            <ResponsiveList
              testId="publicity"
              caption={t.title}
              rows={q.data.slice((page - 1) * PAGE, page * PAGE)}
              rowKey={(r) => r.id}
              columns={[
                { key: 'subject', title: t.subject, primary: true, render: (r) => <strong>{r.subjectName}</strong> },
                { key: 'item', title: t.item, render: (r) => l(r.itemTitle) },
                { key: 'amount', title: t.amount, align: 'right', render: (r) => <Money fen={r.approvedFen} /> },
                { key: 'period', title: t.period, render: (r) => `${r.publicityFrom} – ${r.publicityUntil}` },
                { key: 'department', title: t.department, render: (r) => r.department },
                { key: 'reference', title: t.reference, render: (r) => r.reference },
                {
                  key: 'object',
                  title: t.object,
                  render: (r) => (
                    <Button size="small" onClick={() => setTarget(r)} aria-label={`${t.object}：${r.subjectName}`}>
                      {t.object}
                    </Button>
                  ),
                },
              ]}
            />
            {q.data.length > PAGE ? <Pagination style={{ marginTop: 12 }} current={page} pageSize={PAGE} total={q.data.length} onChange={setPage} showSizeChanger={false} /> : null}
          </>
        )}
      </Card>
      <Modal open={!!target} title={target ? `${t.object}：${target.subjectName}` : ''} onCancel={() => setTarget(null)} footer={null} destroyOnHidden>
        <Typography.Paragraph type="secondary">{target ? l(target.itemTitle) : ''}</Typography.Paragraph>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
          <Form.Item name="name" label={t.name} rules={[{ required: true, max: 100 }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="contact" label={t.contact} rules={[{ required: true, min: 3, max: 100 }]}>
            <Input autoComplete="tel" />
          </Form.Item>
          <Form.Item name="text" label={t.text} rules={[{ required: true, min: 5, max: 2000 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={mutation.isPending}>
            {t.submit}
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
