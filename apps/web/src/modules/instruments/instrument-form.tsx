/**
 * The owner's form for everything an instrument has: what it is (name, model, maker, class,
 * location and district, original value, specifications), its test services with their sample
 * requirements and per-sample prices, its hourly rates, opening hours per weekday, closures, and
 * its booking rules (length, cap on future bookings, approval, cancellation deadline and fee,
 * no-show fee, self-operation with the qualification needed or operated by the owner's staff).
 * Creates a new instrument, or edits one.
 */
import { App as AntApp, Button, Card, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import { INSTRUMENT_CATEGORIES, INSTRUMENT_CATEGORY_LABELS, type InstrumentBody, type InstrumentCategory } from '@seedbed/contract';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { RegionCascader } from '../regions';
import { createInstrument, setClosures, updateInstrument, type Instrument } from './instruments.api';
import { hhmm, useTx, WEEKDAY_NAMES } from './parts';

interface DayValue {
  open: boolean;
  from: string;
  to: string;
}
interface ServiceValue {
  name?: string;
  sampleRequirements?: string;
  price?: number | null;
  internalPrice?: number | null;
}
interface Values {
  name?: string;
  model?: string;
  maker?: string;
  category: InstrumentCategory;
  location?: string;
  regionCode?: string;
  originalValue?: number | null;
  specifications?: string;
  services?: ServiceValue[];
  internalRate?: number | null;
  externalRate?: number | null;
  hours: DayValue[];
  minMinutes?: number | null;
  maxMinutes?: number | null;
  maxFutureBookings?: number | null;
  cancelCutoffHours?: number | null;
  cancelFee?: number | null;
  noShowFee?: number | null;
  approvalRequired: boolean;
  operation: 'self' | 'staff';
  qualification?: string;
}

const fen = (yuan: number | null | undefined) => Math.round(Number(yuan ?? 0) * 100);
const minutesOf = (t: string) => {
  const [h, m] = t.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const DEFAULT_DAY: DayValue = { open: true, from: '08:30', to: '17:30' };

function valuesOf(i: Instrument | null): Values {
  if (!i)
    return {
      category: 'analytical',
      internalRate: 100,
      externalRate: 200,
      originalValue: 0,
      services: [],
      hours: [DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, DEFAULT_DAY, { open: false, from: '09:00', to: '12:00' }, { open: false, from: '09:00', to: '12:00' }],
      minMinutes: 30,
      maxMinutes: 480,
      cancelCutoffHours: 24,
      cancelFee: 100,
      noShowFee: 100,
      maxFutureBookings: 3,
      approvalRequired: false,
      operation: 'staff',
      qualification: '',
    };
  return {
    name: i.name,
    model: i.model,
    maker: i.maker,
    category: i.category,
    location: i.location,
    regionCode: i.regionCode,
    originalValue: i.originalValueFen / 100,
    specifications: i.specifications,
    services: i.services.map((s) => ({ name: s.name, sampleRequirements: s.sampleRequirements, price: s.pricePerSampleFen / 100, internalPrice: s.internalPricePerSampleFen / 100 })),
    internalRate: i.internalRateFen / 100,
    externalRate: i.externalRateFen / 100,
    hours: i.openingHours.map((h) => (h ? { open: true, from: hhmm(h.open), to: hhmm(h.close) } : { open: false, from: '09:00', to: '17:00' })),
    minMinutes: i.minMinutes,
    maxMinutes: i.maxMinutes,
    maxFutureBookings: i.maxFutureBookings,
    cancelCutoffHours: i.cancelCutoffHours,
    cancelFee: i.cancelFeeFen / 100,
    noShowFee: i.noShowFeeFen / 100,
    approvalRequired: i.approvalRequired,
    operation: i.operation,
    qualification: i.qualification,
  };
}

function bodyOf(v: Values): InstrumentBody {
  return {
    name: v.name ?? '',
    model: v.model ?? '',
    maker: v.maker ?? '',
    category: v.category,
    location: v.location ?? '',
    regionCode: v.regionCode ?? '',
    originalValueFen: fen(v.originalValue),
    specifications: v.specifications ?? '',
    services: (v.services ?? []).map((s) => ({ name: s.name ?? '', sampleRequirements: s.sampleRequirements ?? '', pricePerSampleFen: fen(s.price), internalPricePerSampleFen: fen(s.internalPrice) })),
    internalRateFen: fen(v.internalRate),
    externalRateFen: fen(v.externalRate),
    openingHours: v.hours.map((h) => (h.open ? { open: minutesOf(h.from), close: h.to === '00:00' ? 1440 : minutesOf(h.to) } : null)),
    minMinutes: Number(v.minMinutes ?? 0),
    maxMinutes: Number(v.maxMinutes ?? 0),
    cancelCutoffHours: Number(v.cancelCutoffHours ?? 0),
    cancelFeeFen: fen(v.cancelFee),
    noShowFeeFen: fen(v.noShowFee),
    maxFutureBookings: Number(v.maxFutureBookings ?? 0),
    approvalRequired: v.approvalRequired,
    operation: v.operation,
    qualification: v.qualification ?? '',
  };
}

export function InstrumentForm({ instrument, onClose }: { instrument: Instrument | null; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [closures, setClosureList] = useState(instrument?.closures ?? []);
  const [range, setRange] = useState<[string, string] | null>(null);
  const [reason, setReason] = useState('');
  const operation = Form.useWatch('operation', form);
  const hours = Form.useWatch('hours', form);
  const initial = valuesOf(instrument);
  const save = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const body = bodyOf(v);
      const saved = instrument ? await updateInstrument(instrument.id, body) : await createInstrument(body);
      if (JSON.stringify(closures) !== JSON.stringify(saved.closures)) await setClosures(saved.id, closures);
      void message.success(instrument ? tx('已保存', 'Saved') : tx('仪器已发布', 'Instrument listed'));
      await qc.invalidateQueries({ queryKey: ['instruments'] });
      onClose();
    } catch (e) {
      setError(problemMessage(e, lang));
    } finally {
      setSaving(false);
    }
  };
  const yuanInput = (testId?: string) => <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter={tx('元', 'yuan')} data-testid={testId} />;
  return (
    <Modal
      open
      width={760}
      title={instrument ? tx(`修改仪器：${instrument.name}`, `Edit: ${instrument.name}`) : tx('发布仪器', 'List an instrument')}
      onCancel={onClose}
      okText={instrument ? tx('保存', 'Save') : tx('发布', 'List it')}
      cancelText={tx('取消', 'Cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'instrument-save' } as never}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="instrument-form">
        <Divider plain>{tx('基本信息', 'The instrument')}</Divider>
        <Form.Item name="name" label={tx('仪器名称', 'Name')} rules={[{ required: true, whitespace: true, message: tx('请填写仪器名称', 'Enter the name') }]}><Input data-testid="instrument-name" maxLength={100} /></Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}><Form.Item name="model" label={tx('型号', 'Model')}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="maker" label={tx('生产厂商', 'Maker')}><Input maxLength={100} /></Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="category" label={tx('类别', 'Class')}><Select options={INSTRUMENT_CATEGORIES.map((c) => ({ value: c, label: INSTRUMENT_CATEGORY_LABELS[c][lang] }))} /></Form.Item></Col>
        </Row>
        <Form.Item name="location" label={tx('存放地点', 'Location')} rules={[{ required: true, whitespace: true, message: tx('请填写存放地点', 'Enter the location') }]}><Input data-testid="instrument-location" maxLength={200} /></Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="regionCode" label={tx('所在区县', 'District')} rules={[{ required: true, message: tx('请选择所在区县', 'Choose the district') }]}>
              <RegionCascader value={form.getFieldValue('regionCode') ?? initial.regionCode ?? null} onChange={(c) => form.setFieldValue('regionCode', c)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}><Form.Item name="originalValue" label={tx('原值', 'Original value')}>{yuanInput()}</Form.Item></Col>
        </Row>
        <Form.Item name="specifications" label={tx('技术指标', 'Specifications')}><Input.TextArea maxLength={4000} autoSize={{ minRows: 2 }} /></Form.Item>

        <Divider plain>{tx('收费（机时）', 'Hourly rates')}</Divider>
        <Row gutter={12}>
          <Col xs={12}><Form.Item name="internalRate" label={tx('校内（元/小时）', 'Internal (yuan/h)')}>{yuanInput()}</Form.Item></Col>
          <Col xs={12}><Form.Item name="externalRate" label={tx('对外（元/小时）', 'External (yuan/h)')}>{yuanInput('instrument-rate')}</Form.Item></Col>
        </Row>

        <Divider plain>{tx('测试项目（按样品收费）', 'Test services (per sample)')}</Divider>
        <Form.List name="services">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.length === 0 && <Typography.Text type="secondary">{tx('还没有测试项目。', 'No test services yet.')}</Typography.Text>}
              {fields.map((f) => (
                <Card key={f.key} size="small" extra={<Button size="small" onClick={() => remove(f.name)}>{tx('删除', 'Remove')}</Button>} title={tx(`测试项目 ${f.name + 1}`, `Service ${f.name + 1}`)}>
                  <Form.Item name={[f.name, 'name']} label={tx('项目名称', 'Name')} rules={[{ required: true, whitespace: true, message: tx('请填写项目名称', 'Enter the name') }]}><Input maxLength={100} data-testid="service-name" /></Form.Item>
                  <Form.Item name={[f.name, 'sampleRequirements']} label={tx('样品要求', 'Sample requirements')}><Input.TextArea maxLength={500} autoSize /></Form.Item>
                  <Row gutter={12}>
                    <Col xs={12}><Form.Item name={[f.name, 'internalPrice']} label={tx('校内（元/样品）', 'Internal (yuan/sample)')}>{yuanInput()}</Form.Item></Col>
                    <Col xs={12}><Form.Item name={[f.name, 'price']} label={tx('对外（元/样品）', 'External (yuan/sample)')}>{yuanInput('service-price')}</Form.Item></Col>
                  </Row>
                </Card>
              ))}
              <Button onClick={() => add({ name: '', sampleRequirements: '', price: 0, internalPrice: 0 })} data-testid="add-service">{tx('添加测试项目', 'Add a test service')}</Button>
            </Space>
          )}
        </Form.List>

        <Divider plain>{tx('开放时间（北京时间）', 'Opening hours (Beijing time)')}</Divider>
        {WEEKDAY_NAMES[lang].map((day, i) => (
          <Space key={day} wrap style={{ display: 'flex', marginBottom: 8 }}>
            <span style={{ display: 'inline-block', width: 40 }}>{day}</span>
            <Form.Item name={['hours', i, 'open']} valuePropName="checked" noStyle><Switch checkedChildren={tx('开放', 'Open')} unCheckedChildren={tx('不开放', 'Closed')} aria-label={tx(`${day}开放`, `${day} open`)} /></Form.Item>
            {hours?.[i]?.open !== false && (
              <>
                <Form.Item name={['hours', i, 'from']} noStyle><Input type="time" style={{ width: 120 }} aria-label={tx(`${day}开门`, `${day} opens`)} /></Form.Item>
                <span>–</span>
                <Form.Item name={['hours', i, 'to']} noStyle><Input type="time" style={{ width: 120 }} aria-label={tx(`${day}关门`, `${day} closes`)} /></Form.Item>
              </>
            )}
          </Space>
        ))}

        <Divider plain>{tx('停用时段', 'Closures')}</Divider>
        <Space direction="vertical" style={{ width: '100%' }}>
          {closures.length === 0 && <Typography.Text type="secondary">{tx('没有停用时段。', 'No closures.')}</Typography.Text>}
          {closures.map((c, idx) => (
            <Space key={`${c.from}-${idx}`} wrap>
              <span>{`${c.from} – ${c.to}：${c.reason}`}</span>
              <Button size="small" onClick={() => setClosureList(closures.filter((_, k) => k !== idx))}>{tx('删除', 'Remove')}</Button>
            </Space>
          ))}
          <Space wrap>
            <DatePicker.RangePicker aria-label={tx('停用日期', 'Dates')} onChange={(d) => setRange(d?.[0] && d[1] ? [d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')] : null)} />
            <Input placeholder={tx('原因，如：年度维护保养', 'Reason, e.g. annual maintenance')} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} style={{ width: 240 }} />
            <Button
              disabled={!range || !reason.trim()}
              onClick={() => {
                if (range) setClosureList([...closures, { from: range[0], to: range[1], reason: reason.trim() }]);
                setReason('');
              }}
            >
              {tx('添加停用', 'Add')}
            </Button>
          </Space>
        </Space>

        <Divider plain>{tx('预约规则', 'Booking rules')}</Divider>
        <Row gutter={12}>
          <Col xs={12} sm={8}><Form.Item name="minMinutes" label={tx('每次最短（分钟）', 'Shortest (minutes)')}><InputNumber min={15} max={10080} style={{ width: '100%' }} data-testid="rule-min-minutes" /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="maxMinutes" label={tx('每次最长（分钟）', 'Longest (minutes)')}><InputNumber min={15} max={10080} style={{ width: '100%' }} data-testid="rule-max-minutes" /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="maxFutureBookings" label={tx('每人未来预约上限', 'Future bookings a person')}><InputNumber min={1} max={100} style={{ width: '100%' }} data-testid="rule-max-future" /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="cancelCutoffHours" label={tx('开始前多少小时内取消收费', 'Fee when cancelled within (hours)')}><InputNumber min={0} max={720} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="cancelFee" label={tx('逾期取消违约金', 'Late-cancellation fee')}>{yuanInput()}</Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="noShowFee" label={tx('爽约费', 'No-show fee')}>{yuanInput('rule-no-show-fee')}</Form.Item></Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={8}><Form.Item name="approvalRequired" label={tx('对外预约须审核', 'We approve external bookings')} valuePropName="checked"><Switch data-testid="rule-approval" /></Form.Item></Col>
          <Col xs={24} sm={16}>
            <Form.Item name="operation" label={tx('操作方式', 'Operation')}>
              <Select options={[{ value: 'staff', label: tx('由本单位人员操作', 'Operated by our staff') }, { value: 'self', label: tx('用户具备资质后自行操作', 'Self-operated when qualified') }]} />
            </Form.Item>
          </Col>
        </Row>
        {operation === 'self' && (
          <Form.Item name="qualification" label={tx('自行操作所需资质', 'Qualification for self-operation')} rules={[{ required: true, whitespace: true, message: tx('请写明所需资质', 'Say which qualification is needed') }]}>
            <Input.TextArea maxLength={1000} autoSize />
          </Form.Item>
        )}
        {error && <Typography.Paragraph type="danger" data-testid="instrument-form-error">{error}</Typography.Paragraph>}
      </Form>
    </Modal>
  );
}
