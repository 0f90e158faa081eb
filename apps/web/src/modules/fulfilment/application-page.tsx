/**
 * One application (or pending award): where it stands, its timeline, its materials, and the
 * actions the person looking at it may take now — the applicant's (withdraw, amend and
 * resubmit), the officers' (accept, pass, return, reject, approve, conclude publicity, resolve
 * objections), the assessors' (score or declare a conflict) and finance's (pay, second approval).
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, problemMessage, type MappedProblem } from '../../app/problem';
import { showInstant } from '../../app/time';
import { LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { fromAnswers, MaterialUploads, QuestionFields, toAnswers } from './answers-form';
import {
  act,
  approve,
  approvePayment,
  assess,
  concludePublicity,
  requestPayment,
  resolveObjection,
  givePayee,
  resubmit,
  useApplication,
  useApplicationForm,
  useFulfilmentMutation,
  usePaymentOf,
  withdraw,
  type ApplicationView,
  type StoredFile,
} from './fulfilment.api';
import { ApplicationTimeline, Money, StageSteps, StatusTag, VerdictView } from './fulfilment-parts';

const m = defineMessages({
  zh: {
    subject: '申请主体',
    department: '受理部门',
    amount: '测算金额',
    approved: '批复金额',
    due: '本环节办理期限',
    publicity: '公示期',
    print: '打印申请表（PDF）',
    product: '产品',
    materials: '申报材料',
    timeline: '办理进度',
    actions: '办理',
    accept: '受理',
    pass: '审核通过',
    reason: '理由（退回或不予支持时必填，申请人可见）',
    return: '退回补正',
    reject: '不予支持',
    approveLabel: '批复金额（元）',
    approve: '批复',
    conclude: '公示期满，进入下一环节',
    publicityRunning: (until: string) => `公示期至 ${until}，${until} 起可结束公示、进入下一环节。`,
    payee: '收款账户',
    noPayee: '申请人未提供收款账户',
    givePayee: '收款账户',
    givePayeeHint: '该奖补无需申请表，请填写奖补拨付的收款账户：户名须与申请主体名称一致，账号仅经办与财务人员可见（脱敏显示）。',
    changePayeeHint: '如需更正收款账户，请重新填写；已申请拨付的款项按申请时的账户拨付。',
    givePayeeBank: '开户银行（含支行）',
    givePayeeName: '户名',
    givePayeeNumber: '银行账号',
    givePayeeNumberRule: '银行账号应为9至30位数字',
    savePayee: '保存收款账户',
    confirmPay: '确认拨付',
    confirmPayHint: '请核对收款人、账户和金额，确认后即从预算中拨付。',
    payeeName: '收款人',
    payeeBank: '开户银行',
    payeeNumber: '账号',
    payAmount: '拨付金额',
    withdraw: '撤回申请',
    withdrawConfirm: '确定撤回此申请？',
    amend: '补正材料并重新提交',
    resubmit: '重新提交',
    assessment: '专家评审',
    conflict: '本人与该申请存在利益冲突（回避评分）',
    conflictNote: '利益冲突说明',
    comment: '评审意见',
    submitAssessment: '提交评审意见',
    assessor: '评审专家',
    total: '总分',
    outlier: '偏离',
    recused: '回避',
    sealed: '已提交，您提交评审意见后可见',
    sealedName: (n: number) => `评审专家 ${n}`,
    blind: '独立评审：提交本人评审意见前，看不到其他专家的评分。',
    scored: (n: number, min: number) => `已有 ${n} 位专家评分（至少需要 ${min} 位）`,
    objections: '公示异议',
    upheld: '异议成立（撤销奖补）',
    dismissed: '异议不成立',
    resolution: '处理意见',
    open: '待处理',
    payment: '拨付',
    pay: '拨付',
    secondApprove: '复核并拨付',
    awaiting: '待另一名财务人员复核',
    paid: '已拨付',
    done: '操作已完成',
    confirm: '确定',
    cancel: '取消',
  },
  en: {
    subject: 'Applicant',
    department: 'Department',
    amount: 'Computed amount',
    approved: 'Approved amount',
    due: 'Due at this stage',
    publicity: 'Publicity',
    print: 'Print application (PDF)',
    product: 'Product',
    materials: 'Materials',
    timeline: 'Progress',
    actions: 'Actions',
    accept: 'Accept',
    pass: 'Pass review',
    reason: 'Reason (required to return or reject; the applicant sees it)',
    return: 'Return for amendment',
    reject: 'Reject',
    approveLabel: 'Approved amount (CNY)',
    approve: 'Approve',
    conclude: 'End publicity and move on',
    publicityRunning: (until: string) => `Publicity runs until ${until}; it can be ended from ${until} on.`,
    payee: 'Paid to',
    noPayee: 'The applicant gave no bank account',
    givePayee: 'Bank account for payment',
    givePayeeHint: "This award needs no application form: give the account it is paid to. The holder must be the applicant; officials see the number masked.",
    changePayeeHint: 'To correct the account, give it again; a payment already requested goes to the account it was requested with.',
    givePayeeBank: 'Bank and branch',
    givePayeeName: 'Account holder',
    givePayeeNumber: 'Account number',
    givePayeeNumberRule: 'A bank account number is 9 to 30 digits',
    savePayee: 'Save the bank account',
    confirmPay: 'Confirm payment',
    confirmPayHint: 'Check the payee, the account and the amount; confirming pays from the budget.',
    payeeName: 'Payee',
    payeeBank: 'Bank',
    payeeNumber: 'Account',
    payAmount: 'Amount',
    withdraw: 'Withdraw',
    withdrawConfirm: 'Withdraw this application?',
    amend: 'Amend and resubmit',
    resubmit: 'Resubmit',
    assessment: 'Expert review',
    conflict: 'I have a conflict of interest with this application (I recuse myself)',
    conflictNote: 'Conflict of interest',
    comment: 'Comments',
    submitAssessment: 'Submit assessment',
    assessor: 'Assessor',
    total: 'Total',
    outlier: 'Outlier',
    recused: 'Recused',
    sealed: 'Submitted; visible once you submit yours',
    sealedName: (n: number) => `Assessor ${n}`,
    blind: "Independent review: other assessors' scores stay hidden until you submit your own.",
    scored: (n: number, min: number) => `${n} assessor(s) have scored (at least ${min} needed)`,
    objections: 'Objections',
    upheld: 'Objection upheld (revoke the award)',
    dismissed: 'Objection dismissed',
    resolution: 'Resolution',
    open: 'Open',
    payment: 'Payment',
    pay: 'Pay',
    secondApprove: 'Approve and pay',
    awaiting: 'Awaiting a second finance officer',
    paid: 'Paid',
    done: 'Done',
    confirm: 'Yes',
    cancel: 'Cancel',
  },
});

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card
      title={
        <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}

function useRun() {
  const { message } = AntApp.useApp();
  const { lang } = useLang();
  const t = useMessages(m);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const mutation = useFulfilmentMutation(async (fn: () => Promise<unknown>) => fn());
  const run = async (fn: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await mutation.mutateAsync(fn);
      void message.success(t.done);
      return true;
    } catch (e) {
      setProblem({ message: problemMessage(e, lang), unplaced: [], placed: [], code: 'X' });
      return false;
    }
  };
  return { run, problem, busy: mutation.isPending };
}

function OfficerActions({ a }: { a: ApplicationView }) {
  const t = useMessages(m);
  const { run, problem, busy } = useRun();
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState<number | null>(a.amountFen === null ? null : a.amountFen / 100);
  const can = (x: string) => a.allowedActions.includes(x);
  // The officer who ends publicity sees when they can, until then no button.
  const waiting = a.status === 'publicity' && can('resolve_objection') && !can('conclude') && a.publicity;
  if (!['accept', 'pass', 'return', 'reject', 'approve', 'conclude'].some(can) && !waiting) return null;
  return (
    <Section title={t.actions}>
      <ProblemAlert problem={problem} />
      {waiting ? (
        <Alert type="info" showIcon data-testid="publicity-running" style={{ marginBottom: 12 }} title={t.publicityRunning(a.publicity!.until)} />
      ) : null}
      {can('approve') ? (
        <Flex gap={8} align="center" style={{ marginBottom: 16 }} wrap>
          <label htmlFor="approve-amount">{t.approveLabel}</label>
          <InputNumber
            id="approve-amount"
            min={0}
            precision={2}
            value={amount}
            onChange={(v) => setAmount(v)}
            style={{ width: 200 }}
          />
          <Button
            type="primary"
            loading={busy}
            onClick={() =>
              void run(() => approve(a.id, amount === null ? undefined : Math.round(amount * 100)))
            }
          >
            {t.approve}
          </Button>
        </Flex>
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        {can('accept') ? (
          <Button type="primary" loading={busy} onClick={() => void run(() => act(a.id, 'accept'))}>
            {t.accept}
          </Button>
        ) : null}
        {can('pass') ? (
          <Button type="primary" loading={busy} onClick={() => void run(() => act(a.id, 'pass'))}>
            {t.pass}
          </Button>
        ) : null}
        {can('conclude') ? (
          <Button type="primary" loading={busy} onClick={() => void run(() => concludePublicity(a.id))}>
            {t.conclude}
          </Button>
        ) : null}
      </Space>
      {can('return') || can('reject') ? (
        <div>
          <label htmlFor="action-reason">{t.reason}</label>
          <Input.TextArea
            id="action-reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ margin: '4px 0 8px' }}
          />
          <Space>
            {can('return') ? (
              <Button
                danger
                loading={busy}
                onClick={() => void run(() => act(a.id, 'return', reason)).then((ok) => ok && setReason(''))}
              >
                {t.return}
              </Button>
            ) : null}
            {can('reject') ? (
              <Button
                danger
                loading={busy}
                onClick={() => void run(() => act(a.id, 'reject', reason)).then((ok) => ok && setReason(''))}
              >
                {t.reject}
              </Button>
            ) : null}
          </Space>
        </div>
      ) : null}
    </Section>
  );
}

function AssessmentSection({ a }: { a: ApplicationView }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const [form] = Form.useForm();
  const [conflict, setConflict] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const mutation = useFulfilmentMutation((body: Parameters<typeof assess>[1]) => assess(a.id, body));
  const s = a.assessment;
  if (!s) return null;
  const fields = [...s.criteria.map((c) => ['scores', c.id] as const), ['conflictNote'] as const];
  const onFinish = async (values: {
    scores?: Record<string, number>;
    conflictNote?: string;
    comment?: string;
  }) => {
    setProblem(null);
    try {
      await mutation.mutateAsync(
        conflict
          ? { conflict: true, conflictNote: values.conflictNote ?? '' }
          : {
              conflict: false,
              scores: values.scores ?? {},
              ...(values.comment ? { comment: values.comment } : {}),
            },
      );
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, fields));
    }
  };
  return (
    <Section title={t.assessment}>
      <Typography.Paragraph>{t.scored(s.scored, s.minAssessors)}</Typography.Paragraph>
      {s.entries.length > 0 ? (
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => String(s.entries.indexOf(r))}
          dataSource={s.entries}
          style={{ marginBottom: 16 }}
          columns={[
            {
              title: t.assessor,
              key: 'assessor',
              render: (_: unknown, r: (typeof s.entries)[number]) =>
                r.sealed ? t.sealedName(s.entries.indexOf(r) + 1) : r.assessorName,
            },
            ...s.criteria.map((c) => ({
              title: `${l(c.label)} (${c.max})`,
              key: c.id,
              render: (_: unknown, r: (typeof s.entries)[number]) =>
                r.conflict || r.sealed ? '—' : r.scores[c.id],
            })),
            {
              title: t.total,
              key: 'total',
              render: (_: unknown, r: (typeof s.entries)[number]) =>
                r.sealed ? (
                  <Typography.Text type="secondary">{t.sealed}</Typography.Text>
                ) : r.conflict ? (
                  <Tag>{t.recused}</Tag>
                ) : (
                  <>
                    {r.total} {r.outlier ? <Tag color="orange">{t.outlier}</Tag> : null}
                  </>
                ),
            },
          ]}
        />
      ) : null}
      {a.allowedActions.includes('assess') ? (
        <>
          {s.blind ? <Typography.Paragraph type="secondary">{t.blind}</Typography.Paragraph> : null}
          <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
            <ProblemAlert problem={problem} />
            <Checkbox
              checked={conflict}
              onChange={(e) => setConflict(e.target.checked)}
              style={{ marginBottom: 12 }}
            >
              {t.conflict}
            </Checkbox>
            {conflict ? (
              <Form.Item name="conflictNote" label={t.conflictNote} rules={[{ required: true }]}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            ) : (
              <>
                <Flex gap={16} wrap>
                  {s.criteria.map((c) => (
                    <Form.Item
                      key={c.id}
                      name={['scores', c.id]}
                      label={`${l(c.label)}（0–${c.max}）`}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={c.max} precision={0} aria-label={l(c.label)} />
                    </Form.Item>
                  ))}
                </Flex>
                <Form.Item name="comment" label={t.comment}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" loading={mutation.isPending}>
              {t.submitAssessment}
            </Button>
          </Form>
        </>
      ) : null}
    </Section>
  );
}

function ObjectionsSection({ a }: { a: ApplicationView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { run, problem, busy } = useRun();
  const [texts, setTexts] = useState<Record<string, string>>({});
  if (!a.objections || a.objections.length === 0) return null;
  const canResolve = a.allowedActions.includes('resolve_objection');
  return (
    <Section title={t.objections}>
      <ProblemAlert problem={problem} />
      {a.objections.map((o) => (
        <Card key={o.id} size="small" style={{ marginBottom: 8 }} data-testid="objection">
          <Typography.Paragraph>
            <Tag color={o.status === 'open' ? 'orange' : o.status === 'upheld' ? 'red' : 'green'}>{o.status === 'open' ? t.open : o.status === 'upheld' ? t.upheld : t.dismissed}</Tag>
            {o.filerName}（{o.filerContact}）· {showInstant(o.filedAt, lang)}
          </Typography.Paragraph>
          <Typography.Paragraph>{o.text}</Typography.Paragraph>
          {o.resolution ? (
            <Typography.Paragraph type="secondary">
              {t.resolution}：{o.resolution}
            </Typography.Paragraph>
          ) : null}
          {o.status === 'open' && canResolve ? (
            <>
              <label htmlFor={`resolution-${o.id}`}>{t.resolution}</label>
              <Input.TextArea
                id={`resolution-${o.id}`}
                rows={2}
                value={texts[o.id] ?? ''}
                onChange={(e) => setTexts({ ...texts, [o.id]: e.target.value })}
                style={{ margin: '4px 0 8px' }}
              />
              <Space>
                <Button
                  loading={busy}
                  onClick={() => void run(() => resolveObjection(o.id, 'dismissed', texts[o.id] ?? ''))}
                >
                  {t.dismissed}
                </Button>
                <Button
                  danger
                  loading={busy}
                  onClick={() => void run(() => resolveObjection(o.id, 'upheld', texts[o.id] ?? ''))}
                >
                  {t.upheld}
                </Button>
              </Space>
            </>
          ) : null}
        </Card>
      ))}
    </Section>
  );
}

/** Who is paid, where and how much: what the finance officer checks before 拨付. */
function PaymentConfirmation({ a, open, busy, onOk, onCancel }: { a: ApplicationView; open: boolean; busy: boolean; onOk: () => void; onCancel: () => void }) {
  const t = useMessages(m);
  const p = a.payeeAccount;
  return (
    <Modal open={open} title={t.confirmPay} okText={t.confirmPay} cancelText={t.cancel} onOk={onOk} onCancel={onCancel} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t.confirmPayHint}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered data-testid="payment-confirmation">
        <Descriptions.Item label={t.payeeName}>{p?.name ?? a.subjectName}</Descriptions.Item>
        <Descriptions.Item label={t.payeeBank}>{p?.bank ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t.payeeNumber}>{p ? p.number : <Typography.Text type="danger">{t.noPayee}</Typography.Text>}</Descriptions.Item>
        <Descriptions.Item label={t.payAmount}>
          <Typography.Text strong>
            <Money fen={a.approvedFen} />
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}

function PaymentSection({ a }: { a: ApplicationView }) {
  const t = useMessages(m);
  const { run, problem, busy } = useRun();
  const canPay = a.allowedActions.includes('pay');
  const payment = usePaymentOf(a.id, canPay || a.status === 'closed');
  const [confirming, setConfirming] = useState(false);
  // One key per intent to pay: a retry (double click, network error) reuses it and never pays twice.
  const key = useMemo(() => `pay-${a.id}-${crypto.randomUUID()}`, [a.id]);
  if (!canPay) return null;
  const p = payment.data;
  const confirm = () =>
    void run(() => (p && p.status === 'awaiting_second_approval' ? approvePayment(p.id) : requestPayment(a.id, key))).then(() => setConfirming(false));
  return (
    <Section title={t.payment}>
      <ProblemAlert problem={problem} />
      <Typography.Paragraph>
        {t.approved}：<Money fen={a.approvedFen} />
        {' · '}
        {t.payee}：{a.payeeAccount ? `${a.payeeAccount.name} ${a.payeeAccount.bank} ${a.payeeAccount.number}` : t.noPayee}
        {p ? (
          <>
            {' · '}
            <Tag color={p.status === 'paid' ? 'green' : 'gold'} data-testid="payment-status">
              {p.status === 'paid' ? t.paid : t.awaiting}
            </Tag>
          </>
        ) : null}
      </Typography.Paragraph>
      {!p ? (
        <Button type="primary" loading={busy} onClick={() => setConfirming(true)}>
          {t.pay}
        </Button>
      ) : p.status === 'awaiting_second_approval' ? (
        <Button type="primary" loading={busy} onClick={() => setConfirming(true)}>
          {t.secondApprove}
        </Button>
      ) : null}
      <PaymentConfirmation a={a} open={confirming} busy={busy} onOk={confirm} onCancel={() => setConfirming(false)} />
    </Section>
  );
}

/** The applicant of a pending award (no application form) gives or corrects the payee account. */
function PayeeForm({ a }: { a: ApplicationView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [antForm] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const mutation = useFulfilmentMutation((body: { bank: string; name: string; number: string }) => givePayee(a.id, body));
  if (!a.allowedActions.includes('give_payee')) return null;
  const fields = [['payeeAccount', 'bank'], ['payeeAccount', 'name'], ['payeeAccount', 'number']] as const;
  const onSave = async () => {
    setProblem(null);
    const v = (antForm.getFieldsValue() as { payeeAccount?: { bank?: string; name?: string; number?: string } }).payeeAccount ?? {};
    try {
      await mutation.mutateAsync({ bank: v.bank ?? '', name: v.name ?? '', number: v.number ?? '' });
      // The page shows the account masked from now on; the number typed is not kept on the screen.
      antForm.setFieldValue(['payeeAccount', 'number'], '');
      void message.success(t.done);
    } catch (e) {
      setProblem(applyProblemToForm(antForm, e, lang, fields));
    }
  };
  return (
    <Section title={t.givePayee}>
      <Typography.Paragraph type="secondary">{a.payeeAccount ? t.changePayeeHint : t.givePayeeHint}</Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form form={antForm} layout="vertical" onFinish={() => void onSave()} initialValues={{ payeeAccount: { name: a.payeeAccount?.name ?? a.subjectName, bank: a.payeeAccount?.bank ?? '' } }}>
        <Flex wrap gap={16}>
          <Form.Item name={['payeeAccount', 'name']} label={t.givePayeeName} rules={[{ required: true }]} style={{ minWidth: 240, flex: 1 }}>
            <Input maxLength={200} id="give-payee-name" />
          </Form.Item>
          <Form.Item name={['payeeAccount', 'bank']} label={t.givePayeeBank} rules={[{ required: true, min: 2 }]} style={{ minWidth: 240, flex: 1 }}>
            <Input maxLength={100} id="give-payee-bank" />
          </Form.Item>
          <Form.Item name={['payeeAccount', 'number']} label={t.givePayeeNumber} rules={[{ required: true }, { pattern: /^[\d\s-]{9,40}$/, message: t.givePayeeNumberRule }]} style={{ minWidth: 240, flex: 1 }}>
            <Input maxLength={40} inputMode="numeric" autoComplete="off" id="give-payee-number" />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={mutation.isPending}>
          {t.savePayee}
        </Button>
      </Form>
    </Section>
  );
}

function ApplicantActions({ a }: { a: ApplicationView }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { run, problem, busy } = useRun();
  const amending = a.allowedActions.includes('resubmit');
  const form = useApplicationForm(a.itemId, amending ? a.subjectId : undefined);
  const [antForm] = Form.useForm();
  const [files, setFiles] = useState<Record<string, StoredFile>>({});
  const [amendProblem, setAmendProblem] = useState<MappedProblem | null>(null);
  const mutation = useFulfilmentMutation((body: Parameters<typeof resubmit>[1]) => resubmit(a.id, body));
  useEffect(() => {
    if (form.data) antForm.setFieldsValue(fromAnswers(form.data.questions, a.answers));
  }, [form.data, a.answers, antForm]);
  if (!a.allowedActions.includes('withdraw') && !amending) return null;
  const existing = Object.fromEntries(a.materials.map((x) => [x.materialId, x.file?.id ?? '']));
  const onResubmit = async () => {
    if (!form.data) return;
    setAmendProblem(null);
    try {
      await mutation.mutateAsync({
        answers: toAnswers(form.data.questions, antForm.getFieldsValue() as Record<string, unknown>),
        materials: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.id])),
      });
      setFiles({});
    } catch (e) {
      setAmendProblem(
        applyProblemToForm(
          antForm,
          e,
          lang,
          form.data.questions.map((q) => [q.variable]),
        ),
      );
    }
  };
  return (
    <Section title={t.actions}>
      <ProblemAlert problem={problem} />
      {amending && form.data ? (
        <div style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t.amend}
          </Typography.Title>
          <ProblemAlert problem={amendProblem} />
          <Form form={antForm} layout="vertical" onFinish={() => void onResubmit()}>
            <QuestionFields questions={form.data.questions} />
            <MaterialUploads
              materials={form.data.materials}
              value={files}
              onChange={setFiles}
              existing={existing}
            />
            <Button type="primary" htmlType="submit" loading={mutation.isPending}>
              {t.resubmit}
            </Button>
          </Form>
        </div>
      ) : null}
      {a.allowedActions.includes('withdraw') ? (
        <Popconfirm
          title={t.withdrawConfirm}
          okText={t.confirm}
          cancelText={t.cancel}
          onConfirm={() => void run(() => withdraw(a.id))}
        >
          <Button danger loading={busy}>
            {t.withdraw}
          </Button>
        </Popconfirm>
      ) : null}
    </Section>
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const t = useMessages(m);
  const l = useLocalise();
  const q = useApplication(id);
  usePageTitle(q.data ? `${q.data.reference} ${l(q.data.itemTitle)}` : '');
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  return (
    <div>
      <PageHeading
        title={
          <>
            {l(a.itemTitle)} <StatusTag a={a} />
          </>
        }
        subtitle={a.reference}
        extra={
          <a href={`/api/v1/fulfilment/applications/${a.id}/print.pdf`} target="_blank" rel="noreferrer">
            {t.print}
          </a>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t.subject}>{a.subjectName}</Descriptions.Item>
          <Descriptions.Item label={t.department}>{a.department.name}</Descriptions.Item>
          <Descriptions.Item label={t.amount}>
            <Money fen={a.amountFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t.approved}>
            <Money fen={a.approvedFen} />
          </Descriptions.Item>
          {a.stageDueOn ? <Descriptions.Item label={t.due}>{a.stageDueOn}</Descriptions.Item> : null}
          {a.publicity ? (
            <Descriptions.Item
              label={t.publicity}
            >{`${a.publicity.from} – ${a.publicity.until}`}</Descriptions.Item>
          ) : null}
          {Object.entries(a.answers).map(([k, v]) => (
            <Descriptions.Item key={k} label={l(a.answerLabels[k], k)}>
              {typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v)}
            </Descriptions.Item>
          ))}
          {a.productKey ? <Descriptions.Item label={t.product}>{a.productKey}</Descriptions.Item> : null}
          {a.payeeAccount ? (
            <Descriptions.Item label={t.payee}>
              <span data-testid="payee-account">
                {a.payeeAccount.name} · {a.payeeAccount.bank} · {a.payeeAccount.number}
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <StageSteps stages={a.stages} current={a.status} />
        </div>
      </Card>
      <ApplicantActions a={a} />
      <PayeeForm a={a} />
      <OfficerActions a={a} />
      <AssessmentSection a={a} />
      <ObjectionsSection a={a} />
      <PaymentSection a={a} />
      {a.verdict && typeof a.verdict === 'object' && 'criteria' in a.verdict ? (
        <div style={{ marginBottom: 16 }}>
          <VerdictView verdict={a.verdict} />
        </div>
      ) : null}
      <Section title={t.materials}>
        <ul>
          {a.materials.map((x) => (
            <li key={x.materialId}>
              {l(x.label)}：
              {x.file ? (
                <a href={`/api/v1/fulfilment/applications/${a.id}/materials/${x.materialId}`}>
                  {x.file.name}（{Math.ceil(x.file.size / 1024)} KB）
                </a>
              ) : (
                '—'
              )}
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t.timeline}>
        <ApplicationTimeline entries={a.timeline} />
      </Section>
    </div>
  );
}
