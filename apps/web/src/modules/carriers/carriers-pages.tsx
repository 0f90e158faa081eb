/** The carriers' pages: the public registry (双创载体名录), a carrier's page (recognitions; tenants for its operator and the departments covering it), and the operator's 载体管理. */
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import {
  CARRIER_KINDS,
  CARRIER_KIND_LABELS,
  GRADUATION_REASONS,
  GRADUATION_REASON_LABELS,
  RECOGNITION_LEVELS,
  RECOGNITION_LEVEL_LABELS,
  type CarrierKind,
  type GraduationReason,
  type RecognitionLevel,
} from '@seedbed/contract';
import { Link, useParams } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { amountText } from '../../app/amount';
import { ANNUAL_STATUS_LABELS } from '@seedbed/contract';
import { OutcomesCard } from './carriers-outcomes';
import { AssessmentCard } from './carriers-assessment';
import {
  annualXlsxHref,
  enterTenancy,
  exitTenancy,
  fileAnnual,
  recordRecognition,
  registerCarrier,
  reviewAnnual,
  useAnnual,
  useCarrier,
  useCarriers,
  useMyCarriers,
  useTenancies,
  type CarrierSummary,
  type Tenancy,
} from './carriers.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function LevelTag({ level }: { level: RecognitionLevel | null }) {
  const { lang } = useLang();
  const tx = useTx();
  if (!level) return <Tag>{tx('未认定', 'Not recognised')}</Tag>;
  const color = { national: 'red', provincial: 'volcano', city: 'blue', district: 'green' }[level];
  return <Tag color={color}>{RECOGNITION_LEVEL_LABELS[level][lang]}</Tag>;
}

function CarrierList({ rows, loading, testId }: { rows: CarrierSummary[]; loading: boolean; testId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<CarrierSummary>
      rows={rows}
      loading={loading}
      rowKey={(c) => c.id}
      testId={testId}
      empty={<EmptyState description={tx('没有符合条件的载体。', 'No carrier matches.')} />}
      columns={[
        { key: 'name', title: tx('载体', 'Carrier'), primary: true, render: (c) => <Link to={`/carriers/${c.id}`}>{c.name}</Link> },
        { key: 'kind', title: tx('类型', 'Kind'), render: (c) => CARRIER_KIND_LABELS[c.kind][lang] },
        { key: 'level', title: tx('认定级别', 'Recognition'), render: (c) => <LevelTag level={c.level} /> },
        { key: 'region', title: tx('所在区县', 'District'), render: (c) => c.regionName },
        { key: 'operator', title: tx('运营机构', 'Operator'), render: (c) => c.operatorName },
        { key: 'tenants', title: tx('在孵企业', 'Tenants'), render: (c) => tx(`${c.tenants} 家`, `${c.tenants}`) },
        { key: 'area', title: tx('总面积', 'Area'), render: (c) => `${c.areaTotalM2.toLocaleString()} m²` },
      ]}
    />
  );
}

export function CarriersPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('双创载体名录', 'Carriers'));
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [region, setRegion] = useState<string | null>(null);
  const list = useCarriers({ q, ...(kind ? { kind } : {}), ...(region ? { region } : {}) });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('双创载体名录', 'Carriers: maker spaces, incubators and bases')}
        subtitle={tx('众创空间、孵化器、加速器、创业苗圃与各类创业基地，含认定级别与在孵企业数。可按名称、拼音、区县和类型查找。', 'Maker spaces, incubators, accelerators, nurseries and bases with their recognition and tenants. Search by name or pinyin, district and kind.')}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={tx('名称、服务或拼音', 'Name, service or pinyin')} onSearch={setQ} style={{ width: 260 }} data-testid="carrier-search" aria-label={tx('搜索载体', 'Search carriers')} />
        <Select allowClear placeholder={tx('全部类型', 'All kinds')} value={kind} onChange={setKind} style={{ width: 200 }} options={CARRIER_KINDS.map((k) => ({ value: k, label: CARRIER_KIND_LABELS[k][lang] }))} aria-label={tx('类型', 'Kind')} />
        <div style={{ width: 260 }}>
          <RegionCascader value={region} onChange={setRegion} />
        </div>
      </Space>
      <CarrierList rows={list.data ?? []} loading={list.isLoading} testId="carriers" />
    </div>
  );
}

export function CarrierPublicPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const page = useCarrier(id);
  usePageTitle(page.data?.name ?? tx('双创载体', 'Carrier'));
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const c = page.data;
  return (
    <div>
      <PageHeading title={c.name} extra={<Link to="/carriers">{tx('返回名录', 'Back to the registry')}</Link>} />
      <Card size="small" title={tx('基本情况', 'About')} style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: tx('类型', 'Kind'), children: CARRIER_KIND_LABELS[c.kind][lang] },
            { key: 'level', label: tx('当前认定级别', 'Current recognition'), children: <LevelTag level={c.level} /> },
            { key: 'op', label: tx('运营机构', 'Operator'), children: c.operatorName },
            { key: 'region', label: tx('所在区县', 'District'), children: c.regionName },
            { key: 'addr', label: tx('地址', 'Address'), children: c.address, span: 2 },
            { key: 'area', label: tx('面积（总/在孵用房/公共服务）', 'Area (total / tenants / public services)'), children: `${c.areaTotalM2.toLocaleString()} / ${c.areaTenantM2.toLocaleString()} / ${c.areaPublicM2.toLocaleString()} m²` },
            { key: 'tenants', label: tx('在孵企业 / 累计毕业', 'Tenants / graduated'), children: `${c.tenants} / ${c.graduates}` },
            { key: 'services', label: tx('服务内容', 'Services'), children: c.services || '—', span: 2 },
          ]}
        />
      </Card>
      <Card size="small" title={tx('认定记录', 'Recognitions')} style={{ marginBottom: 16 }} extra={c.mayRecognise ? <RecognitionButton carrierId={c.id} /> : null}>
        <ResponsiveList<(typeof c.recognitions)[number]>
          rows={c.recognitions}
          rowKey={(r) => r.id}
          testId="recognitions"
          empty={<EmptyState description={tx('尚无认定记录。', 'No recognition recorded yet.')} />}
          columns={[
            { key: 'level', title: tx('级别', 'Level'), primary: true, render: (r) => <LevelTag level={r.level} /> },
            { key: 'issuer', title: tx('认定部门', 'Issued by'), render: (r) => r.issuer },
            { key: 'on', title: tx('认定日期', 'Recognised on'), render: (r) => r.recognisedOn },
            { key: 'until', title: tx('有效期至', 'Valid until'), render: (r) => r.validUntil ?? tx('长期', 'No end date') },
            { key: 'current', title: tx('状态', 'Status'), render: (r) => (r.current ? <Tag color="green">{tx('有效', 'In force')}</Tag> : <Tag>{tx('已失效', 'Lapsed')}</Tag>) },
          ]}
        />
      </Card>
      {(c.mayManage || c.mayRecognise) && <TenantsCard carrierId={c.id} mayManage={c.mayManage} />}
      {(c.mayManage || c.mayRecognise) && <CarrierOutcomes carrierId={c.id} mayManage={c.mayManage} />}
      {(c.mayManage || c.mayRecognise) && <AnnualCard carrierId={c.id} mayExport={c.mayRecognise} />}
      <AssessmentCard carrierId={c.id} />
    </div>
  );
}

function CarrierOutcomes({ carrierId, mayManage }: { carrierId: string; mayManage: boolean }) {
  const tenancies = useTenancies(carrierId, true);
  return <OutcomesCard carrierId={carrierId} mayManage={mayManage} tenancies={tenancies.data ?? []} />;
}

function RecognitionButton({ carrierId }: { carrierId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ level: RecognitionLevel; issuer: string; issuerRegionCode: string | null; recognisedOn: Dayjs; validUntil: Dayjs | null }>();
  const level = Form.useWatch('level', form);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await recordRecognition(carrierId, { level: v.level, issuer: v.issuer ?? '', issuerRegionCode: v.level === 'national' ? null : (v.issuerRegionCode ?? null), recognisedOn: day(v.recognisedOn) ?? '', validUntil: day(v.validUntil) });
      message.success(tx('已登记认定', 'Recognition recorded'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['carriers'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['level'], ['issuer'], ['issuerRegionCode'], ['recognisedOn'], ['validUntil']]));
    }
  };
  return (
    <>
      <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="record-recognition">
        {tx('登记认定', 'Record a recognition')}
      </Button>
      <Modal open={open} title={tx('登记认定', 'Record a recognition')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('登记', 'Record')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ level: 'provincial' }}>
          <Form.Item name="level" label={tx('级别（应与认定部门的层级一致）', "Level (the issuing authority's own)")} rules={[{ required: true }]}>
            <Select options={RECOGNITION_LEVELS.map((l) => ({ value: l, label: RECOGNITION_LEVEL_LABELS[l][lang] }))} data-testid="recognition-level" />
          </Form.Item>
          <Form.Item name="issuer" label={tx('认定部门', 'Issued by')} rules={[{ required: true, message: tx('请填写认定部门', 'Name the issuing authority') }]}>
            <Input maxLength={100} placeholder={tx('如：江西省科学技术厅', 'e.g. 江西省科学技术厅')} data-testid="recognition-issuer" />
          </Form.Item>
          {level !== 'national' && (
            <Form.Item name="issuerRegionCode" label={tx('认定部门所在地区', "The issuing authority's region")} rules={[{ required: true, message: tx('请选择地区', 'Choose the region') }]}>
              <RegionCascader />
            </Form.Item>
          )}
          <Form.Item name="recognisedOn" label={tx('认定日期', 'Recognised on')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="recognition-on" />
          </Form.Item>
          <Form.Item name="validUntil" label={tx('有效期至（可空）', 'Valid until (optional)')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function TenantsCard({ carrierId, mayManage }: { carrierId: string; mayManage: boolean }) {
  const tx = useTx();
  const tenancies = useTenancies(carrierId, true);
  return (
    <Card size="small" title={tx('在孵企业', 'Tenants')} extra={mayManage ? <EnterButton carrierId={carrierId} /> : null}>
      {tenancies.error ? (
        <LoadError error={tenancies.error} onRetry={() => void tenancies.refetch()} />
      ) : (
        <ResponsiveList<Tenancy>
          rows={tenancies.data ?? []}
          loading={tenancies.isLoading}
          rowKey={(x) => x.id}
          testId="tenancies"
          empty={<EmptyState description={tx('尚无入驻企业。', 'No tenant recorded yet.')} />}
          columns={[
            { key: 'name', title: tx('企业', 'Firm'), primary: true, render: (x) => x.tenantName },
            { key: 'in', title: tx('入驻日期', 'Entered'), render: (x) => x.enteredOn },
            { key: 'area', title: tx('面积', 'Area'), render: (x) => `${x.areaM2} m²` },
            { key: 'lease', title: tx('租赁协议', 'Lease'), render: (x) => x.lease || '—' },
            {
              key: 'out',
              title: tx('状态', 'Status'),
              render: (x) =>
                x.leftOn === null ? (
                  <Tag color="green">{tx('在孵', 'In residence')}</Tag>
                ) : x.exit === 'graduated' ? (
                  <Tag color="blue">{tx(`${x.leftOn} 毕业（${x.graduationReason ? GRADUATION_REASON_LABELS[x.graduationReason].zh : ''}）`, `Graduated ${x.leftOn} (${x.graduationReason ? GRADUATION_REASON_LABELS[x.graduationReason].en.toLowerCase() : ''})`)}</Tag>
                ) : (
                  <Tag>{tx(`${x.leftOn} 离开`, `Left ${x.leftOn}`)}</Tag>
                ),
            },
            ...(mayManage ? [{ key: 'act', title: tx('操作', 'Action'), render: (x: Tenancy) => (x.leftOn === null ? <ExitButton carrierId={carrierId} tenancy={x} /> : null) }] : []),
          ]}
        />
      )}
    </Card>
  );
}

function EnterButton({ carrierId }: { carrierId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ creditCode: string; lease: string; areaM2: number; enteredOn: Dayjs }>();
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await enterTenancy(carrierId, { creditCode: (v.creditCode ?? '').trim(), lease: v.lease ?? '', areaM2: v.areaM2, enteredOn: day(v.enteredOn) ?? '' });
      message.success(tx('已登记入驻，企业档案已更新', "Entry recorded; the firm's profile is updated"));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['carriers'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['creditCode'], ['lease'], ['areaM2'], ['enteredOn']]));
    }
  };
  return (
    <>
      <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="enter-tenant">
        {tx('登记入驻', 'Record a firm entering')}
      </Button>
      <Modal open={open} title={tx('登记企业入驻', 'Record a firm entering')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('登记', 'Record')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ enteredOn: dayjs() }}>
          <Form.Item name="creditCode" label={tx('统一社会信用代码', 'Unified social credit code')} rules={[{ required: true, len: 18, message: tx('应为18位统一社会信用代码', 'Enter the 18-character credit code') }]}>
            <Input maxLength={18} data-testid="tenant-credit-code" />
          </Form.Item>
          <Form.Item name="lease" label={tx('租赁协议（编号或说明）', 'Lease (reference or note)')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="areaM2" label={tx('使用面积（平方米）', 'Area used (m²)')} rules={[{ required: true, message: tx('请填写面积', 'Enter the area') }]}>
            <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="tenant-area" />
          </Form.Item>
          <Form.Item name="enteredOn" label={tx('入驻日期', 'Entered on')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function ExitButton({ carrierId, tenancy }: { carrierId: string; tenancy: Tenancy }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ exit: 'left' | 'graduated'; graduationReason?: GraduationReason; leftOn: Dayjs }>();
  const exit = Form.useWatch('exit', form);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await exitTenancy(carrierId, tenancy.id, { exit: v.exit, graduationReason: v.exit === 'graduated' ? (v.graduationReason ?? null) : null, leftOn: day(v.leftOn) ?? '' });
      message.success(tx('已登记', 'Recorded'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['carriers'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['exit'], ['graduationReason'], ['leftOn']]));
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {tx('离开/毕业', 'Leave / graduate')}
      </Button>
      <Modal open={open} title={tx(`${tenancy.tenantName}：离开或毕业`, `${tenancy.tenantName}: leaving or graduating`)} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('登记', 'Record')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ exit: 'graduated', leftOn: dayjs() }}>
          <Form.Item name="exit" label={tx('情形', 'What happened')}>
            <Select options={[{ value: 'graduated', label: tx('毕业', 'Graduated') }, { value: 'left', label: tx('离开（未毕业）', 'Left (not graduated)') }]} />
          </Form.Item>
          {exit === 'graduated' && (
            <Form.Item name="graduationReason" label={tx('毕业原因', 'Reason')} rules={[{ required: true, message: tx('请选择毕业原因', 'Choose the reason') }]}>
              <Select options={GRADUATION_REASONS.map((r) => ({ value: r, label: GRADUATION_REASON_LABELS[r][lang] }))} />
            </Form.Item>
          )}
          <Form.Item name="leftOn" label={tx('离开日期（应晚于入驻日期）', 'Left on (after the date of entering)')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function MyCarriersPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('载体管理', 'My carriers'));
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const mine = useMyCarriers();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ name: string; kind: CarrierKind; address: string; regionCode: string; areaTotalM2: number; areaTenantM2: number; areaPublicM2: number; services: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await registerCarrier({ ...v, services: v.services ?? '' });
      message.success(tx('载体已登记', 'Carrier registered'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['carriers'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['name'], ['kind'], ['address'], ['regionCode'], ['areaTotalM2'], ['areaTenantM2'], ['areaPublicM2'], ['services']]));
    }
  };
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <div>
      <PageHeading title={tx('载体管理', 'My carriers')} subtitle={tx('登记本机构运营的载体；在载体页面登记企业入驻、离开和毕业，企业档案随之更新。', "Register the carriers your organisation runs; on a carrier's page record firms entering, leaving and graduating — their profiles follow.")} />
      <Card size="small" title={tx('我运营的载体', 'Carriers I run')} style={{ marginBottom: 16 }}>
        <CarrierList rows={mine.data ?? []} loading={mine.isLoading} testId="my-carriers" />
      </Card>
      <Card size="small" title={tx('登记新载体', 'Register a carrier')}>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
          <Form.Item name="name" label={tx('载体名称', 'Name')} rules={[{ required: true, message: tx('请填写名称', 'Enter the name') }]}>
            <Input maxLength={100} data-testid="carrier-name" />
          </Form.Item>
          <Form.Item name="kind" label={tx('类型', 'Kind')} rules={[{ required: true, message: tx('请选择类型', 'Choose the kind') }]}>
            <Select options={CARRIER_KINDS.map((k) => ({ value: k, label: CARRIER_KIND_LABELS[k][lang] }))} data-testid="carrier-kind" />
          </Form.Item>
          <Form.Item name="regionCode" label={tx('所在区县', 'District')} rules={[{ required: true, message: tx('请选择区县', 'Choose the district') }]}>
            <RegionCascader anyLevel={false} />
          </Form.Item>
          <Form.Item name="address" label={tx('地址', 'Address')} rules={[{ required: true, message: tx('请填写地址', 'Enter the address') }]}>
            <Input maxLength={200} data-testid="carrier-address" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="areaTotalM2" label={tx('总面积（m²）', 'Total area (m²)')} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={1} precision={0} data-testid="carrier-area-total" />
            </Form.Item>
            <Form.Item name="areaTenantM2" label={tx('在孵企业用房（m²）', 'For tenants (m²)')} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={0} precision={0} data-testid="carrier-area-tenant" />
            </Form.Item>
            <Form.Item name="areaPublicM2" label={tx('公共服务（m²）', 'Public services (m²)')} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={0} precision={0} data-testid="carrier-area-public" />
            </Form.Item>
          </Space>
          <Form.Item name="services" label={tx('服务内容', 'Services offered')}>
            <Input.TextArea maxLength={2000} rows={3} />
          </Form.Item>
          <Button type="primary" onClick={() => void submit()} data-testid="register-carrier">
            {tx('登记', 'Register')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

const fen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

/** The year's statistics: computed from the records, filed by the operator, reviewed by the covering department. */
function AnnualCard({ carrierId, mayExport }: { carrierId: string; mayExport: boolean }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(() => dayjs().year());
  const thisYear = dayjs().year();
  const annual = useAnnual(carrierId, year, true);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<{ jobs: number; revenue: number; rd: number; ipCount: number; investment: number }>();
  if (annual.isLoading) return <PageLoading />;
  if (annual.error || !annual.data) return <LoadError error={annual.error} onRetry={() => void annual.refetch()} />;
  const a = annual.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['carriers', 'annual', carrierId] });
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await fileAnnual(carrierId, year, { jobs: v.jobs, revenueFen: fen(v.revenue), rdFen: fen(v.rd), ipCount: v.ipCount, investmentFen: fen(v.investment) });
      message.success(tx('年度统计已报送', 'Annual statistics filed'));
      await refresh();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['jobs'], ['revenue'], ['rd'], ['ipCount'], ['investment']]));
    }
  };
  const review = async (decision: 'accept' | 'return') => {
    setProblem(null);
    try {
      await reviewAnnual(carrierId, year, { decision, reason: decision === 'return' ? reason : null });
      message.success(decision === 'accept' ? tx('已审核通过', 'Accepted') : tx('已退回', 'Returned'));
      await refresh();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, []));
    }
  };
  const f = a.filed;
  return (
    <Card
      size="small"
      title={tx(`${year}年度统计（火炬统计口径）`, `Annual statistics ${year} (torch statistics)`)}
      style={{ marginTop: 16 }}
      extra={
        <Space wrap>
          <Select
            size="small"
            value={year}
            onChange={(y) => {
              setProblem(null);
              form.resetFields();
              setYear(y);
            }}
            options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: tx(`${y}年度`, `${y}`) }))}
            aria-label={tx('统计年度', 'Year')}
            data-testid="annual-year"
            style={{ width: 110 }}
          />
          {mayExport ? <a href={annualXlsxHref(year)} download data-testid="annual-export">{tx('导出本辖区（Excel）', 'Export my region (Excel)')}</a> : null}
        </Space>
      }
      data-testid="annual"
    >
      <ProblemAlert problem={problem} />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 't', label: tx('年内在孵企业（来自入驻记录）', 'Tenants in the year (from the records)'), children: <span data-testid="annual-tenants">{a.computed.tenants}</span> },
          { key: 'e', label: tx('累计入驻', 'Ever entered'), children: a.computed.tenantsEver },
          { key: 'g', label: tx('年内毕业', 'Graduated in the year'), children: a.computed.graduates },
          ...(f
            ? [
                { key: 's', label: tx('状态', 'Status'), children: <Tag color={f.status === 'accepted' ? 'green' : f.status === 'returned' ? 'red' : 'gold'}>{ANNUAL_STATUS_LABELS[f.status][lang]}</Tag> },
                { key: 'j', label: tx('从业人员', 'Jobs'), children: f.jobs },
                { key: 'r', label: tx('营业收入', 'Revenue'), children: amountText(f.revenueFen, lang) },
                { key: 'rd', label: tx('研发投入', 'R&D'), children: amountText(f.rdFen, lang) },
                { key: 'ip', label: tx('知识产权（件）', 'IP (items)'), children: f.ipCount },
                { key: 'inv', label: tx('获得投资', 'Investment received'), children: amountText(f.investmentFen, lang) },
                ...(f.returnReason ? [{ key: 'why', label: tx('退回理由', 'Returned because'), children: f.returnReason }] : []),
              ]
            : [{ key: 's', label: tx('状态', 'Status'), children: <Tag>{tx('未报送', 'Not filed')}</Tag> }]),
        ]}
      />
      {a.mayFile && (
        <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
          <Space wrap>
            <Form.Item name="jobs" label={tx('在孵企业从业人员', "Tenants' employees")} rules={[{ required: true, message: tx('请填写', 'Required') }]}>
              <InputNumber min={0} precision={0} data-testid="annual-jobs" />
            </Form.Item>
            <Form.Item name="revenue" label={tx('营业收入（元）', 'Revenue (yuan)')} initialValue={0}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
            <Form.Item name="rd" label={tx('研发投入（元）', 'R&D (yuan)')} initialValue={0}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
            <Form.Item name="ipCount" label={tx('知识产权（件）', 'IP (items)')} initialValue={0}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="investment" label={tx('获得投资（元）', 'Investment (yuan)')} initialValue={0}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
          </Space>
          <div>
            <Button type="primary" onClick={() => void submit()} data-testid="annual-file">
              {tx('报送', 'File')}
            </Button>
          </div>
        </Form>
      )}
      {a.mayReview && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" onClick={() => void review('accept')} data-testid="annual-accept">
            {tx('审核通过', 'Accept')}
          </Button>
          <Input placeholder={tx('退回理由', 'Reason for returning')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 240 }} aria-label={tx('退回理由', 'Reason for returning')} />
          <Button danger onClick={() => void review('return')}>
            {tx('退回', 'Return')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
