/**
 * 服务券方案 (officers with vouchers.manage): the schemes in the regions their departments cover,
 * each budget's use as a chart (issued, redeemed, left), a new scheme for a voucher item of the
 * catalogue, bulk issue to every eligible registered subject with its progress, and the
 * vouchers a scheme issued.
 */
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@seedbed/contract';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Progress, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type FieldPath, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { Categories, Yuan, settlementText, shareText, useStatusText } from './parts';
import { useCreateScheme, useIssued, useIssueJob, useSchemes, useSchemeStatus, useStartIssue, useVoucherItems, type VoucherScheme } from './vouchers.api';

const m = defineMessages({
  zh: {
    title: '服务券方案',
    subtitle: '服务券方案对应政策目录中的服务券事项（如玉溪市创新券），按年度设立预算；每张券的面额从方案预算中划出，预算用完即不能再发放。',
    create: '设立方案',
    cancel: '取消',
    none: '您所在部门的地区内尚无服务券方案。',
    chartTitle: '各方案预算使用情况（万元）',
    issued: '已发放待使用',
    redeemed: '已兑付',
    left: '预算余额',
    scheme: '方案',
    year: '年度',
    face: '单张面额',
    budget: '预算',
    vouchers: '已发张数',
    categories: '可购买的服务',
    share: '抵扣比例',
    settlement: '兑付方式',
    validity: '有效期',
    status: '状态',
    until: (d: string) => `至 ${d}`,
    days: (n: number) => `发放后 ${n} 天`,
    issue: '批量发放',
    show: '查看已发放',
    hide: '收起',
    suspend: '暂停',
    resume: '恢复',
    suspendHint: '暂停后，该方案的服务券不能再用于新订单，也不能发放',
    jobRunning: '正在向符合条件的主体发放……',
    jobDone: (issued: number, held: number, left: number) => `发放完成：新发 ${issued} 张，已持有 ${held} 个主体，因预算不足未发 ${left} 个主体。`,
    exhausted: '方案预算已用完。',
    holder: '持有人',
    balance: '余额',
    heldCol: '占用',
    expires: '到期日',
    origin: '来源',
    originAward: '申请批复',
    originBulk: '批量发放',
    originPlatform: '平台发放',
    noVouchers: '尚未发放服务券。',
    item: '服务券事项',
    itemHint: '政策目录中“服务券”类的事项',
    faceYuan: '单张面额（元）',
    budgetYuan: '方案预算（元）',
    sharePct: '抵扣比例（%）',
    shareHint: '服务券抵扣订单价格的比例，其余由企业自付',
    settlementMode: '兑付方式',
    validKind: '有效期',
    validUntil: '截止日期',
    validDays: '自发放之日起（天）',
    source: '政策依据',
    sourcePlaceholder: '引用文件条款，如：玉溪市推进大众创业万众创新政策措施（二十）“探索通过创业券、创新券等方式……”',
    save: '设立',
    created: '方案已设立。',
    notInForce: '（已失效）',
  },
  en: {
    title: 'Voucher schemes',
    subtitle: "A scheme is a voucher item of the policy catalogue (e.g. Yuxi's innovation vouchers) with a budget for a year; each voucher's face value comes out of the budget, and issuing stops when it is used up.",
    create: 'New scheme',
    cancel: 'Cancel',
    none: 'No voucher schemes in the regions your departments cover yet.',
    chartTitle: 'Budget use per scheme (10,000 yuan)',
    issued: 'Issued, not yet used',
    redeemed: 'Redeemed',
    left: 'Budget left',
    scheme: 'Scheme',
    year: 'Year',
    face: 'Face value',
    budget: 'Budget',
    vouchers: 'Vouchers',
    categories: 'Pays for',
    share: 'Share',
    settlement: 'Settlement',
    validity: 'Validity',
    status: 'Status',
    until: (d: string) => `until ${d}`,
    days: (n: number) => `${n} days from issue`,
    issue: 'Issue to all eligible',
    show: 'Vouchers issued',
    hide: 'Hide',
    suspend: 'Suspend',
    resume: 'Resume',
    suspendHint: 'While suspended, its vouchers pay for no new order and none is issued',
    jobRunning: 'Issuing to eligible subjects…',
    jobDone: (issued: number, held: number, left: number) => `Done: ${issued} issued, ${held} already held one, ${left} left out for lack of budget.`,
    exhausted: "The scheme's budget is used up.",
    holder: 'Holder',
    balance: 'Left',
    heldCol: 'Held',
    expires: 'Expires',
    origin: 'Issued by',
    originAward: 'Approved application',
    originBulk: 'Bulk issue',
    originPlatform: 'Platform',
    noVouchers: 'No vouchers issued yet.',
    item: 'Voucher item',
    itemHint: 'A voucher item of the policy catalogue',
    faceYuan: 'Face value (yuan)',
    budgetYuan: 'Budget (yuan)',
    sharePct: 'Share (%)',
    shareHint: 'The share of an order price the voucher pays; the enterprise pays the rest',
    settlementMode: 'Settlement',
    validKind: 'Validity',
    validUntil: 'Until',
    validDays: 'Days from issue',
    source: 'Source',
    sourcePlaceholder: 'Cite the clause, e.g. (二十) "探索通过创业券、创新券等方式……"',
    save: 'Create',
    created: 'Scheme created.',
    notInForce: '(ended)',
  },
});

interface FormValues {
  itemId: string;
  year: number;
  faceValueFen: number;
  budgetFen: number;
  shareBp: number;
  categories: ServiceCategory[];
  settlement: 'provider_redeems' | 'reimbursed';
  validKind: 'until' | 'days';
  validUntil?: Dayjs;
  validDays?: number;
  sourceNote?: string;
}

const FIELDS: FieldPath[] = [['itemId'], ['year'], ['faceValueFen'], ['budgetFen'], ['shareBp'], ['categories'], ['settlement'], ['validUntil'], ['validDays'], ['sourceNote']];

function CreateScheme({ onDone }: { onDone: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const localise = useLocalise();
  const items = useVoucherItems();
  const create = useCreateScheme();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const validKind = Form.useWatch('validKind', form);
  const submit = async (v: FormValues) => {
    setProblem(null);
    try {
      await create.mutateAsync({
        itemId: v.itemId,
        year: v.year,
        faceValueFen: Math.round(v.faceValueFen * 100),
        budgetFen: Math.round(v.budgetFen * 100),
        shareBp: Math.round(v.shareBp * 100),
        categories: v.categories,
        settlement: v.settlement,
        ...(v.validKind === 'until' && v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
        ...(v.validKind === 'days' && v.validDays ? { validDays: v.validDays } : {}),
        ...(v.sourceNote ? { sourceNote: v.sourceNote } : {}),
      });
      onDone();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, FIELDS));
    }
  };
  const year = dayjs().year();
  return (
    <Card title={t.create} style={{ marginBottom: 16 }} data-testid="create-scheme">
      <ProblemAlert problem={problem} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ year, shareBp: 50, settlement: 'provider_redeems', validKind: 'until', validUntil: dayjs(`${year}-12-31`), categories: [] }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item name="itemId" label={t.item} extra={t.itemHint} rules={[{ required: true }]}>
          <Select
            loading={items.isPending}
            options={(items.data ?? []).map((i) => ({ value: i.id, label: `${localise(i.title)}${i.inForce ? '' : t.notInForce}` }))}
            data-testid="scheme-item"
          />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="faceValueFen" label={t.faceYuan} rules={[{ required: true }]}>
            <InputNumber min={0.01} step={100} data-testid="scheme-face" />
          </Form.Item>
          <Form.Item name="budgetFen" label={t.budgetYuan} rules={[{ required: true }]}>
            <InputNumber min={0.01} step={10000} style={{ width: 180 }} data-testid="scheme-budget" />
          </Form.Item>
          <Form.Item name="shareBp" label={t.sharePct} extra={t.shareHint} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={100} />
          </Form.Item>
        </Space>
        <Form.Item name="categories" label={t.categories} rules={[{ required: true }]}>
          <Checkbox.Group options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: SERVICE_CATEGORY_LABELS[c][lang] }))} data-testid="scheme-categories" />
        </Form.Item>
        <Form.Item name="settlement" label={t.settlementMode}>
          <Radio.Group
            options={[
              { value: 'provider_redeems', label: settlementText('provider_redeems', lang) },
              { value: 'reimbursed', label: settlementText('reimbursed', lang) },
            ]}
          />
        </Form.Item>
        <Form.Item name="validKind" label={t.validKind}>
          <Radio.Group
            options={[
              { value: 'until', label: t.validUntil },
              { value: 'days', label: t.validDays },
            ]}
          />
        </Form.Item>
        {validKind === 'days' ? (
          <Form.Item name="validDays" label={t.validDays} rules={[{ required: true }]}>
            <InputNumber min={1} max={3660} />
          </Form.Item>
        ) : (
          <Form.Item name="validUntil" label={t.validUntil} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        )}
        <Form.Item name="sourceNote" label={t.source}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t.sourcePlaceholder} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="scheme-save">
            {t.save}
          </Button>
          <Button onClick={onDone}>{t.cancel}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function IssueProgress({ jobId }: { jobId: string }) {
  const t = useMessages(m);
  const job = useIssueJob(jobId);
  if (!job.data) return <Progress percent={0} size="small" />;
  const d = job.data;
  if (d.status === 'done') {
    return (
      <Alert
        data-testid="issue-result"
        type={d.budgetExhausted ? 'warning' : 'success'}
        showIcon
        message={`${t.jobDone(d.issued, d.alreadyHeld, d.leftOut)}${d.budgetExhausted ? ` ${t.exhausted}` : ''}`}
      />
    );
  }
  return (
    <div>
      <Typography.Text type="secondary">{t.jobRunning}</Typography.Text>
      <Progress percent={Math.round(d.progress * 100)} size="small" />
    </div>
  );
}

function IssuedList({ schemeId }: { schemeId: string }) {
  const t = useMessages(m);
  const status = useStatusText();
  const issued = useIssued(schemeId);
  if (issued.isPending) return <PageLoading />;
  if (issued.isError) return <LoadError error={issued.error} />;
  return (
    <ResponsiveList
      rows={issued.data}
      rowKey={(v) => v.id}
      testId="issued-vouchers"
      empty={t.noVouchers}
      columns={[
        { key: 'holder', title: t.holder, primary: true, render: (v) => v.subjectName },
        { key: 'face', title: t.face, align: 'right', render: (v) => <Yuan fen={v.faceValueFen} /> },
        { key: 'left', title: t.balance, align: 'right', render: (v) => <Yuan fen={v.balanceFen} /> },
        { key: 'held', title: t.heldCol, align: 'right', render: (v) => <Yuan fen={v.heldFen} /> },
        { key: 'expires', title: t.expires, render: (v) => v.expiresOn },
        { key: 'origin', title: t.origin, render: (v) => ({ award: t.originAward, bulk: t.originBulk, platform: t.originPlatform })[v.origin] },
        { key: 'status', title: t.status, render: (v) => status(v.status) },
      ]}
    />
  );
}

function SchemeActions({ scheme }: { scheme: VoucherScheme }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const start = useStartIssue();
  const setStatus = useSchemeStatus();
  const [jobId, setJobId] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const issue = async () => {
    setProblem(null);
    try {
      setJobId((await start.mutateAsync(scheme.id)).jobId);
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  return (
    <div>
      <Space wrap>
        <Button type="primary" size="small" onClick={() => void issue()} loading={start.isPending} disabled={scheme.status !== 'active'} data-testid="bulk-issue">
          {t.issue}
        </Button>
        <Button size="small" onClick={() => setOpen(!open)} data-testid="show-issued">
          {open ? t.hide : t.show}
        </Button>
        <Button
          size="small"
          title={t.suspendHint}
          loading={setStatus.isPending}
          onClick={() => {
            setProblem(null);
            setStatus.mutateAsync({ id: scheme.id, status: scheme.status === 'active' ? 'suspended' : 'active' }).catch((e: unknown) => setProblem(mapProblem(e, lang, [])));
          }}
        >
          {scheme.status === 'active' ? t.suspend : t.resume}
        </Button>
      </Space>
      <ProblemAlert problem={problem} />
      {jobId && <IssueProgress jobId={jobId} />}
      {open && (
        <div style={{ marginTop: 12 }}>
          <IssuedList schemeId={scheme.id} />
        </div>
      )}
    </div>
  );
}

export function SchemesPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const { lang } = useLang();
  const localise = useLocalise();
  const status = useStatusText();
  const schemes = useSchemes();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState(false);
  return (
    <div>
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={
          !creating && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="new-scheme">
              {t.create}
            </Button>
          )
        }
      />
      {created && <Alert type="success" showIcon message={t.created} style={{ marginBottom: 16 }} closable onClose={() => setCreated(false)} />}
      {creating && (
        <CreateScheme
          onDone={() => {
            setCreating(false);
            setCreated(true);
          }}
        />
      )}
      {schemes.isPending ? (
        <PageLoading />
      ) : schemes.isError ? (
        <LoadError error={schemes.error} onRetry={() => void schemes.refetch()} />
      ) : schemes.data.length === 0 ? (
        <EmptyState description={t.none} />
      ) : (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Chart
              title={t.chartTitle}
              testId="scheme-budgets"
              type="horizontal"
              height={Math.max(160, 70 * schemes.data.length)}
              categories={schemes.data.map((s) => `${localise(s.itemTitle)} ${s.year}`)}
              format={(v) => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 })}
              series={[
                { name: t.redeemed, values: schemes.data.map((s) => s.redeemedFen / 1_000_000), stack: 'b' },
                { name: t.issued, values: schemes.data.map((s) => Math.max(0, s.budgetFen - s.leftFen - s.redeemedFen) / 1_000_000), stack: 'b' },
                { name: t.left, values: schemes.data.map((s) => s.leftFen / 1_000_000), stack: 'b' },
              ]}
            />
          </Card>
          <ResponsiveList
            rows={schemes.data}
            rowKey={(s) => s.id}
            testId="schemes"
            columns={[
              {
                key: 'scheme',
                title: t.scheme,
                primary: true,
                render: (s) => (
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>
                      {localise(s.itemTitle)}（{s.year}）
                    </Typography.Text>
                    <Typography.Text type="secondary">{s.departmentName}</Typography.Text>
                  </Space>
                ),
              },
              { key: 'face', title: t.face, align: 'right', render: (s) => <Yuan fen={s.faceValueFen} /> },
              {
                key: 'budget',
                title: t.budget,
                align: 'right',
                render: (s) => (
                  <span>
                    <Yuan fen={s.budgetFen} />
                    <br />
                    <Typography.Text type="secondary">
                      {t.left} <Yuan fen={s.leftFen} />
                    </Typography.Text>
                  </span>
                ),
              },
              { key: 'vouchers', title: t.vouchers, align: 'right', render: (s) => s.vouchersIssued },
              { key: 'categories', title: t.categories, render: (s) => <Categories codes={s.categories} /> },
              { key: 'share', title: t.share, render: (s) => `${shareText(s.shareBp, lang)}，${settlementText(s.settlement, lang)}` },
              { key: 'validity', title: t.validity, render: (s) => (s.validUntil ? t.until(s.validUntil) : t.days(s.validDays ?? 0)) },
              { key: 'status', title: t.status, render: (s) => <Tag color={s.status === 'active' ? 'green' : 'orange'}>{status(s.status)}</Tag> },
              { key: 'actions', title: '', render: (s) => <SchemeActions scheme={s} /> },
            ]}
          />
        </>
      )}
    </div>
  );
}
