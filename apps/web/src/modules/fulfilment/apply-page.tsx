/** Apply for one policy item: the questions its rules need, the materials, the verdict before submitting. */
import { Button, Card, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../app/api-client';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { MaterialUploads, QuestionFields, toAnswers } from './answers-form';
import { previewVerdict, submitApplication, useApplicationForm, useFulfilmentMutation, type StoredFile, type Verdict } from './fulfilment.api';
import { StageSteps, VerdictView } from './fulfilment-parts';
import type { SubjectSummary } from '@seedbed/contract';

const m = defineMessages({
  zh: {
    title: '申请政策兑现',
    subject: '申请主体',
    department: '受理部门',
    noDepartment: '该事项尚未配置受理部门，暂不能在线申请。',
    check: '预判资格',
    submit: '提交申请',
    product: '产品名称或编号',
    open: '已有一份尚未办结的申请：',
    view: '查看',
    none: '您还没有可用于申请的档案',
    noApply: '该事项免申即享，无需申请。',
    payee: '收款账户',
    payeeHint: '奖补资金拨付到申请主体本身的银行账户，户名须与申请主体名称一致。账号仅经办与财务人员可见（脱敏显示）。',
    payeeBank: '开户银行（含支行）',
    payeeName: '户名',
    payeeNumber: '银行账号',
    payeeNumberRule: '银行账号应为9至30位数字',
  },
  en: {
    title: 'Apply for a policy',
    subject: 'Applying as',
    department: 'Handled by',
    noDepartment: 'No department handles this item on the platform yet: it cannot be applied for online.',
    check: 'Check eligibility',
    submit: 'Submit application',
    product: 'Product name or number',
    open: 'An application is already open:',
    view: 'View',
    none: 'You have no profile to apply with',
    noApply: 'This item needs no application (免申即享).',
    payee: 'Bank account for payment',
    payeeHint: "Awards are paid to the applicant's own account: the holder must be the applicant. Officials see the number masked.",
    payeeBank: 'Bank and branch',
    payeeName: 'Account holder',
    payeeNumber: 'Account number',
    payeeNumberRule: 'A bank account number is 9 to 30 digits',
  },
});

export function ApplyPage() {
  const { itemId = '' } = useParams();
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const navigate = useNavigate();
  const subjects = useQuery({ queryKey: ['subjects', 'mine'], queryFn: async () => (await api.get<{ items: SubjectSummary[] }>('/subjects/mine')).items });
  const [chosen, setChosen] = useState<string | undefined>();
  const subjectId = chosen ?? subjects.data?.find((s) => s.kind === 'enterprise')?.id ?? subjects.data?.[0]?.id;
  const form = useApplicationForm(itemId, subjectId);
  const [antForm] = Form.useForm();
  const [files, setFiles] = useState<Record<string, StoredFile>>({});
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const submit = useFulfilmentMutation(submitApplication);
  usePageTitle(form.data ? `${t.title} · ${l(form.data.item.title)}` : t.title);

  if (subjects.isPending || (subjectId && form.isPending)) return <PageLoading />;
  if (subjects.isError) return <LoadError error={subjects.error} />;
  if (!subjectId) return <EmptyState description={t.none} />;
  if (form.isError) return <LoadError error={form.error} onRetry={() => void form.refetch()} />;
  const f = form.data!;
  const fields = [...f.questions.map((q) => [q.variable] as const), ['productKey'] as const, ['payeeAccount', 'bank'] as const, ['payeeAccount', 'name'] as const, ['payeeAccount', 'number'] as const];
  // An item that pays money asks where to pay it.
  const paysMoney = f.verdict.amount !== null;
  const subjectName = (subjects.data ?? []).find((s) => s.id === subjectId)?.name ?? f.subject.name;

  const current = (): { answers: Record<string, unknown>; productKey?: string } => {
    const values = antForm.getFieldsValue() as Record<string, unknown>;
    const productKey = typeof values.productKey === 'string' && values.productKey.trim() ? values.productKey.trim() : undefined;
    return { answers: toAnswers(f.questions, values), ...(productKey ? { productKey } : {}) };
  };

  const check = async () => {
    setProblem(null);
    try {
      setVerdict(await previewVerdict({ itemId, subjectId, ...current() }));
    } catch (e) {
      setProblem(applyProblemToForm(antForm, e, lang, fields));
    }
  };

  const onSubmit = async () => {
    setProblem(null);
    try {
      const payee = (antForm.getFieldsValue() as { payeeAccount?: { bank?: string; name?: string; number?: string } }).payeeAccount;
      const created = await submit.mutateAsync({
        itemId,
        subjectId,
        ...current(),
        materials: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.id])),
        ...(paysMoney && payee ? { payeeAccount: { bank: payee.bank ?? '', name: payee.name ?? '', number: payee.number ?? '' } } : {}),
      });
      void navigate(`/fulfilment/applications/${created.id}`);
    } catch (e) {
      setProblem(applyProblemToForm(antForm, e, lang, fields));
    }
  };

  return (
    <div>
      <PageHeading title={`${t.title}：${l(f.item.title)}`} subtitle={`${l(f.item.document.title)} ${f.item.document.number ?? ''} ${f.item.clause ?? ''}`} />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={24} wrap>
          <label>
            {t.subject}{' '}
            <Select
              value={subjectId}
              onChange={(v: string) => {
                setChosen(v);
                setVerdict(null);
              }}
              options={(subjects.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ minWidth: 260 }}
              aria-label={t.subject}
            />
          </label>
          <span>
            {t.department}：<strong>{f.department?.name ?? '—'}</strong>
          </span>
        </Flex>
        <div style={{ marginTop: 16 }}>
          <StageSteps stages={f.stages} />
        </div>
      </Card>
      {f.item.mode === 'automatic' ? <EmptyState description={t.noApply} /> : null}
      {!f.department ? <EmptyState description={t.noDepartment} /> : null}
      {f.openApplicationId ? (
        <Typography.Paragraph>
          {t.open} <Link to={`/fulfilment/applications/${f.openApplicationId}`}>{t.view}</Link>
        </Typography.Paragraph>
      ) : null}
      <ProblemAlert problem={problem} />
      <Card>
        <Form form={antForm} layout="vertical" onFinish={() => void onSubmit()} onValuesChange={() => setVerdict(null)}>
          <QuestionFields questions={f.questions} />
          {f.productRequired ? (
            <Form.Item name="productKey" label={t.product} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          ) : null}
          <MaterialUploads materials={f.materials} value={files} onChange={setFiles} />
          {paysMoney ? (
            <fieldset style={{ border: 0, padding: 0, margin: '16px 0 0' }}>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {t.payee}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t.payeeHint}</Typography.Paragraph>
              <Flex gap={16} wrap>
                <Form.Item name={['payeeAccount', 'name']} label={t.payeeName} rules={[{ required: true }]} initialValue={subjectName} style={{ minWidth: 240, flex: 1 }}>
                  <Input maxLength={200} id="payee-name" />
                </Form.Item>
                <Form.Item name={['payeeAccount', 'bank']} label={t.payeeBank} rules={[{ required: true, min: 2 }]} style={{ minWidth: 240, flex: 1 }}>
                  <Input maxLength={100} id="payee-bank" />
                </Form.Item>
                <Form.Item
                  name={['payeeAccount', 'number']}
                  label={t.payeeNumber}
                  rules={[{ required: true }, { pattern: /^[\d\s-]{9,40}$/, message: t.payeeNumberRule }]}
                  style={{ minWidth: 240, flex: 1 }}
                >
                  <Input maxLength={40} inputMode="numeric" autoComplete="off" id="payee-number" />
                </Form.Item>
              </Flex>
            </fieldset>
          ) : null}
          <div style={{ margin: '16px 0' }}>
            <VerdictView verdict={verdict ?? f.verdict} />
          </div>
          <Space>
            <Button onClick={() => void check()}>{t.check}</Button>
            <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!f.department || f.item.mode === 'automatic'}>
              {t.submit}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
