/**
 * Finance's institution and office pages: an institution's products (publish one with who may
 * apply chosen from conditions the rules engine checks; pause, resume, withdraw), the requests it
 * must answer before their due date (an offer, or a refusal with a reason from the list), and the
 * finance office's overdue requests and each institution's record.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { PRODUCT_KINDS, PRODUCT_STATUS_LABELS, REFUSAL_REASONS, REFUSAL_REASON_LABELS, type EligibilityCriterion, type ProductKind, type ProductStatus } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { Chart } from '../../app/chart';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, problemMessage, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { accept, createProduct, refuse, setProductStatus, useIncoming, useMyProducts, useOversight, type IncomingRequest, type ProductSummary } from './finance.api';
import { amountRange, KindTag, kindText, rateRange, RequestTag, termRange, useTx } from './finance-parts';

// ---------------------------------------------------------------- products

/** Conditions an institution picks; each becomes a criterion of the rules engine (checked by the server). */
const CONDITIONS = {
  tech_sme: { zh: '科技型中小企业', en: 'Registered tech SME', rule: () => ({ '==': [{ var: 'is_tech_sme' }, true] }) },
  high_tech: { zh: '高新技术企业', en: 'Certified high-tech enterprise', rule: () => ({ '==': [{ var: 'is_high_tech_enterprise' }, true] }) },
  sme: { zh: '中小微企业', en: 'An SME', rule: () => ({ in: [{ var: 'size_class' }, ['micro', 'small', 'medium']] }) },
  no_violation: { zh: '未列入严重失信名单', en: 'Not on the serious-violation list', rule: () => ({ '==': [{ var: 'on_serious_violation_list' }, false] }) },
} as const;
type ConditionKey = keyof typeof CONDITIONS;

interface ProductValues {
  name: string;
  kind: ProductKind;
  amountMinWan: number;
  amountMaxWan: number;
  rateMin: number;
  rateMax: number;
  termMinMonths: number;
  termMaxMonths: number;
  collateral: string;
  description: string;
  conditions: ConditionKey[];
  foundedYears: number | null;
  maxEmployees: number | null;
  minRevenueWan: number | null;
}
const PRODUCT_FIELDS = [['name'], ['kind'], ['amountMinFen'], ['amountMaxFen'], ['rateMinBp'], ['rateMaxBp'], ['termMinMonths'], ['termMaxMonths'], ['collateral'], ['description'], ['eligibility']] as const;

function eligibilityOf(v: ProductValues): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = (v.conditions ?? []).map((k) => ({ id: k, label: { zh: CONDITIONS[k].zh, en: CONDITIONS[k].en }, rule: CONDITIONS[k].rule() }));
  if (v.foundedYears) out.push({ id: 'founded_within', label: { zh: `成立不满 ${v.foundedYears} 年`, en: `Founded within ${v.foundedYears} years` }, rule: { within_years: [{ var: 'founded_on' }, v.foundedYears] } });
  if (v.maxEmployees) out.push({ id: 'employees', label: { zh: `员工不超过 ${v.maxEmployees} 人`, en: `At most ${v.maxEmployees} employees` }, rule: { '<=': [{ var: 'employees' }, v.maxEmployees] } });
  if (v.minRevenueWan) out.push({ id: 'revenue', label: { zh: `上年营业收入不低于 ${v.minRevenueWan} 万元`, en: `Revenue of at least ${v.minRevenueWan}0,000 yuan` }, rule: { '>=': [{ var: 'revenue' }, Math.round(v.minRevenueWan * 1_000_000)] } });
  return out;
}

function ProductDialog({ onClose }: { onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const [form] = Form.useForm<ProductValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submit = async (v: ProductValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await createProduct({
        name: v.name ?? '',
        kind: v.kind,
        amountMinFen: Math.round((v.amountMinWan ?? 0) * 1_000_000),
        amountMaxFen: Math.round((v.amountMaxWan ?? 0) * 1_000_000),
        rateMinBp: Math.round((v.rateMin ?? 0) * 100),
        rateMaxBp: Math.round((v.rateMax ?? 0) * 100),
        termMinMonths: v.termMinMonths,
        termMaxMonths: v.termMaxMonths,
        collateral: v.collateral ?? '',
        description: v.description ?? '',
        eligibility: eligibilityOf(v),
      });
      await qc.invalidateQueries({ queryKey: ['finance'] });
      void message.success(tx('产品已发布', 'Product published'));
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, PRODUCT_FIELDS.map((f) => [...f])));
    } finally {
      setBusy(false);
    }
  };
  const half = { style: { flex: '1 1 140px', minWidth: 140 } };
  return (
    <Modal open width={640} title={tx('发布金融产品', 'Publish a product')} okText={tx('发布', 'Publish')} cancelText={tx('取消', 'Cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'product-submit' } as never}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'credit', termMinMonths: 6, termMaxMonths: 36, conditions: [] }}>
        <Form.Item name="name" label={tx('产品名称', 'Name')} rules={[{ required: true, message: tx('请填写名称', 'Enter the name') }]}>
          <Input maxLength={60} data-testid="product-name" />
        </Form.Item>
        <Form.Item name="kind" label={tx('产品类型', 'Kind')}>
          <Select options={PRODUCT_KINDS.map((k) => ({ value: k, label: kindText(k, lang) }))} data-testid="product-kind" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="amountMinWan" label={tx('最低额度（万元）', 'Lowest amount (10,000 yuan)')} rules={[{ required: true, message: tx('请填写', 'Required') }]} {...half}>
            <InputNumber min={0} max={1000000} style={{ width: '100%' }} data-testid="product-amount-min" />
          </Form.Item>
          <Form.Item name="amountMaxWan" label={tx('最高额度（万元）', 'Highest amount (10,000 yuan)')} rules={[{ required: true, message: tx('请填写', 'Required') }]} {...half}>
            <InputNumber min={0} max={1000000} style={{ width: '100%' }} data-testid="product-amount-max" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="rateMin" label={tx('最低年利率（%）', 'Lowest annual rate (%)')} rules={[{ required: true, message: tx('请填写', 'Required') }]} {...half}>
            <InputNumber min={0} max={100} step={0.05} style={{ width: '100%' }} data-testid="product-rate-min" />
          </Form.Item>
          <Form.Item name="rateMax" label={tx('最高年利率（%）', 'Highest annual rate (%)')} rules={[{ required: true, message: tx('请填写', 'Required') }]} {...half}>
            <InputNumber min={0} max={100} step={0.05} style={{ width: '100%' }} data-testid="product-rate-max" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="termMinMonths" label={tx('最短期限（月）', 'Shortest term (months)')} {...half}>
            <InputNumber min={1} max={360} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="termMaxMonths" label={tx('最长期限（月）', 'Longest term (months)')} {...half}>
            <InputNumber min={1} max={360} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="collateral" label={tx('担保方式', 'Collateral')}>
          <Input maxLength={300} placeholder={tx('如：纯信用，无需抵押', 'e.g. none: credit only')} data-testid="product-collateral" />
        </Form.Item>
        <Form.Item name="description" label={tx('产品说明', 'Description')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="product-description" />
        </Form.Item>
        <Typography.Text strong>{tx('申请条件（由规则引擎按企业档案判断）', 'Who may apply (the rules engine checks each on the profile)')}</Typography.Text>
        <Form.Item name="conditions" style={{ marginTop: 8 }}>
          <Checkbox.Group options={(Object.keys(CONDITIONS) as ConditionKey[]).map((k) => ({ value: k, label: CONDITIONS[k][lang] }))} data-testid="product-conditions" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="foundedYears" label={tx('成立不满（年）', 'Founded within (years)')} {...half}>
            <InputNumber min={1} max={50} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="maxEmployees" label={tx('员工不超过（人）', 'At most (employees)')} {...half}>
            <InputNumber min={1} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="minRevenueWan" label={tx('上年营业收入不低于（万元）', 'Revenue at least (10,000 yuan)')} {...half}>
            <InputNumber min={1} max={10000000} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function StatusActions({ p }: { p: ProductSummary }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const change = async (status: ProductStatus) => {
    try {
      await setProductStatus(p.id, { status, note: '' });
      await qc.invalidateQueries({ queryKey: ['finance'] });
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  if (p.status === 'withdrawn') return <Typography.Text type="secondary">{PRODUCT_STATUS_LABELS.withdrawn[lang]}</Typography.Text>;
  return (
    <Space wrap size={4}>
      <Typography.Text>{PRODUCT_STATUS_LABELS[p.status][lang]}</Typography.Text>
      {p.status === 'active' ? (
        <Button size="small" onClick={() => void change('paused')}>
          {tx('暂停受理', 'Pause')}
        </Button>
      ) : (
        <Button size="small" onClick={() => void change('active')}>
          {tx('恢复受理', 'Resume')}
        </Button>
      )}
      <Popconfirm title={tx('下架后不能恢复，确定下架？', 'A withdrawn product cannot come back. Withdraw?')} okText={tx('下架', 'Withdraw')} cancelText={tx('取消', 'Cancel')} onConfirm={() => void change('withdrawn')}>
        <Button size="small" danger>
          {tx('下架', 'Withdraw')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

export function MyProductsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('我的金融产品', 'My products'));
  const products = useMyProducts();
  const [creating, setCreating] = useState(false);
  if (products.isLoading) return <PageLoading />;
  if (products.error) return <LoadError error={products.error} onRetry={() => void products.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('我的金融产品', 'My products')}
        subtitle={tx('发布的产品在“金融产品”中公开，并按申请条件与企业档案自动匹配。', 'Published products are public and matched with enterprises’ profiles by their conditions.')}
        extra={
          <Space wrap>
            <Button type="primary" data-testid="new-product" onClick={() => setCreating(true)}>
              {tx('发布新产品', 'Publish a product')}
            </Button>
            <Link to="/finance/incoming">{tx('融资申请', 'Requests')}</Link>
          </Space>
        }
      />
      <ResponsiveList<ProductSummary>
        rows={products.data ?? []}
        rowKey={(p) => p.id}
        testId="my-products"
        empty={<EmptyState description={tx('还没有发布产品。', 'No product yet.')} />}
        columns={[
          { key: 'name', title: tx('产品', 'Product'), primary: true, render: (p) => <Link to={`/finance/products/${p.id}`}>{p.name}</Link> },
          { key: 'kind', title: tx('类型', 'Kind'), render: (p) => <KindTag kind={p.kind} /> },
          { key: 'amount', title: tx('额度', 'Amount'), render: (p) => amountRange(p, lang) },
          { key: 'rate', title: tx('年利率', 'Annual rate'), render: (p) => rateRange(p, lang) },
          { key: 'term', title: tx('期限', 'Term'), render: (p) => termRange(p, lang) },
          { key: 'status', title: tx('状态', 'Status'), render: (p) => <StatusActions p={p} /> },
        ]}
      />
      {creating ? <ProductDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

// ---------------------------------------------------------------- requests

interface AnswerValues {
  decision: 'accept' | 'refuse';
  amountWan: number;
  rate: number;
  termMonths: number;
  reason: (typeof REFUSAL_REASONS)[number];
  note: string;
}

function AnswerDialog({ r, onClose }: { r: IncomingRequest; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const [form] = Form.useForm<AnswerValues>();
  const decision = Form.useWatch('decision', form) ?? 'accept';
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submit = async (v: AnswerValues) => {
    setBusy(true);
    setProblem(null);
    try {
      if (v.decision === 'accept') await accept(r.id, { amountFen: Math.round((v.amountWan ?? 0) * 1_000_000), rateBp: Math.round((v.rate ?? 0) * 100), termMonths: v.termMonths, note: v.note ?? '' });
      else await refuse(r.id, { reason: v.reason, note: v.note ?? '' });
      await qc.invalidateQueries({ queryKey: ['finance'] });
      void message.success(tx('已答复', 'Answered'));
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['amountFen'], ['rateBp'], ['termMonths'], ['reason'], ['note']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={tx(`答复：${r.subjectName}`, `Answer: ${r.subjectName}`)} okText={tx('提交答复', 'Answer')} cancelText={tx('取消', 'Cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'answer-submit' } as never}>
      <Typography.Paragraph type="secondary">
        {r.product.name} · {amountText(r.amountFen, lang)} · {tx(`${r.termMonths} 个月`, `${r.termMonths} months`)} · {tx(`${r.dueOn} 前答复`, `due ${r.dueOn}`)}
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ decision: 'accept', amountWan: r.amountFen / 1_000_000, termMonths: r.termMonths, reason: 'cash_flow' }}>
        <Form.Item name="decision">
          <Radio.Group optionType="button" data-testid="answer-decision" options={[{ value: 'accept', label: tx('同意（给出授信方案）', 'Accept with an offer') }, { value: 'refuse', label: tx('拒绝（说明原因）', 'Refuse with a reason') }]} />
        </Form.Item>
        {decision === 'accept' ? (
          <>
            <Form.Item name="amountWan" label={tx('授信金额（万元）', 'Amount (10,000 yuan)')} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={0.01} max={1000000} style={{ width: '100%' }} data-testid="answer-amount" />
            </Form.Item>
            <Form.Item name="rate" label={tx('年利率（%）', 'Annual rate (%)')} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={0} max={100} step={0.05} style={{ width: '100%' }} data-testid="answer-rate" />
            </Form.Item>
            <Form.Item name="termMonths" label={tx('期限（月）', 'Term (months)')} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={1} max={360} style={{ width: '100%' }} data-testid="answer-term" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label={tx('拒绝原因', 'Reason')}>
            <Select options={REFUSAL_REASONS.map((k) => ({ value: k, label: REFUSAL_REASON_LABELS[k][lang] }))} data-testid="answer-reason" />
          </Form.Item>
        )}
        <Form.Item name="note" label={tx('说明', 'Note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="answer-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestList({ rows, testId, onAnswer }: { rows: IncomingRequest[]; testId: string; onAnswer?: (r: IncomingRequest) => void }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<IncomingRequest>
      rows={rows}
      rowKey={(r) => r.id}
      testId={testId}
      empty={<EmptyState description={tx('暂无融资申请。', 'No request.')} />}
      columns={[
        { key: 'who', title: tx('企业', 'Enterprise'), primary: true, render: (r) => r.subjectName },
        { key: 'product', title: tx('机构与产品', 'Institution and product'), render: (r) => `${r.institution} · ${r.product.name}` },
        { key: 'amount', title: tx('金额与期限', 'Amount and term'), render: (r) => `${amountText(r.amountFen, lang)} · ${tx(`${r.termMonths} 个月`, `${r.termMonths} months`)}` },
        { key: 'purpose', title: tx('用途与担保', 'Purpose and collateral'), render: (r) => `${r.purpose}；${r.collateral}` },
        { key: 'region', title: tx('地区', 'Region'), render: (r) => r.regionName },
        { key: 'due', title: tx('答复时限', 'Deadline'), render: (r) => <RequestTag r={r} /> },
        ...(onAnswer
          ? [
              {
                key: 'act',
                title: tx('操作', 'Action'),
                render: (r: IncomingRequest) =>
                  r.mayAnswer ? (
                    <Button size="small" type="primary" onClick={() => onAnswer(r)} data-testid="answer-request">
                      {tx('答复', 'Answer')}
                    </Button>
                  ) : r.offer ? (
                    tx(`已同意 ${amountText(r.offer.amountFen, lang)}`, `Offered ${amountText(r.offer.amountFen, lang)}`)
                  ) : r.refusal ? (
                    REFUSAL_REASON_LABELS[r.refusal.reason][lang]
                  ) : (
                    '—'
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

export function IncomingPage() {
  const tx = useTx();
  usePageTitle(tx('融资申请', 'Financing requests'));
  const rows = useIncoming();
  const [answering, setAnswering] = useState<IncomingRequest | null>(null);
  if (rows.isLoading) return <PageLoading />;
  if (rows.error) return <LoadError error={rows.error} onRetry={() => void rows.refetch()} />;
  const pending = rows.data!.filter((r) => r.status === 'pending');
  const answered = rows.data!.filter((r) => r.status !== 'pending');
  return (
    <div>
      <PageHeading
        title={tx('融资申请', 'Financing requests')}
        subtitle={tx('请在答复时限内答复：同意的给出额度、利率和期限，拒绝的选择原因。超期未答复的将报送市金融办督办，并计入本机构的超期记录。', 'Answer by the deadline: an offer with amount, rate and term, or a refusal with its reason. Overdue requests are escalated to the finance office and counted against the institution.')}
        extra={<Link to="/finance/products-mine">{tx('我的金融产品', 'My products')}</Link>}
      />
      <Card size="small" title={tx(`待答复（${pending.length}）`, `To answer (${pending.length})`)} style={{ marginBottom: 16 }}>
        <RequestList rows={pending} testId="incoming-pending" onAnswer={setAnswering} />
      </Card>
      <Card size="small" title={tx(`已答复（${answered.length}）`, `Answered (${answered.length})`)}>
        <RequestList rows={answered} testId="incoming-answered" onAnswer={() => undefined} />
      </Card>
      {answering ? <AnswerDialog r={answering} onClose={() => setAnswering(null)} /> : null}
    </div>
  );
}

// ---------------------------------------------------------------- the finance office

export function OversightPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('融资督办', 'Financing oversight'));
  const o = useOversight();
  if (o.isLoading) return <PageLoading />;
  if (o.error) return <LoadError error={o.error} onRetry={() => void o.refetch()} />;
  const d = o.data!;
  return (
    <div>
      <PageHeading title={tx('融资督办', 'Financing oversight')} subtitle={tx(`${d.regionName}：金融机构对企业融资需求的答复情况，超期未答复的逐笔列出。`, `${d.regionName}: how institutions answer enterprises' needs; each overdue request listed.`)} />
      <Card size="small" title={tx(`超期未答复（${d.overdue.length}）`, `Overdue (${d.overdue.length})`)} style={{ marginBottom: 16 }}>
        <RequestList rows={d.overdue} testId="oversight-overdue" />
      </Card>
      <Card size="small" title={tx('各机构答复情况', 'By institution')}>
        {d.institutions.length > 0 ? (
          <Chart
            testId="oversight-chart"
            type="horizontal"
            title={tx('各机构答复情况', 'By institution')}
            categories={d.institutions.map((x) => x.institution)}
            series={[
              { name: tx('按期答复', 'In time'), values: d.institutions.map((x) => x.answeredInTime), stack: 'a', color: '#52c41a' },
              { name: tx('超期', 'Overdue'), values: d.institutions.map((x) => x.overdue), stack: 'a', color: '#ff4d4f' },
            ]}
            height={Math.max(180, d.institutions.length * 60)}
          />
        ) : null}
        <ResponsiveList
          rows={d.institutions}
          rowKey={(x) => x.institution}
          testId="oversight-institutions"
          empty={<EmptyState description={tx('本地区尚无融资申请。', 'No request in the region yet.')} />}
          columns={[
            { key: 'inst', title: tx('机构', 'Institution'), primary: true, render: (x) => x.institution },
            { key: 'requests', title: tx('收到申请', 'Requests'), render: (x) => x.requests },
            { key: 'answered', title: tx('已答复', 'Answered'), render: (x) => x.answered },
            { key: 'inTime', title: tx('按期答复', 'In time'), render: (x) => x.answeredInTime },
            { key: 'overdue', title: tx('超期', 'Overdue'), render: (x) => x.overdue },
            { key: 'granted', title: tx('同意金额', 'Offered'), render: (x) => amountText(x.grantedFen, lang) },
          ]}
        />
      </Card>
    </div>
  );
}
