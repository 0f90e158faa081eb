/**
 * An instrument's page: what it is and does, its rates and rules, and a week calendar of its
 * busy times and closures (FullCalendar, shown in Asia/Shanghai whatever the browser's zone);
 * a signed-in user selects a free slot and books it, for an enterprise they act for and, where
 * it holds one, paying with its innovation voucher; a taken slot can be waited for.
 */
import FullCalendar from '@fullcalendar/react';
import interactionPlugin from '@fullcalendar/interaction';
import timeGridPlugin from '@fullcalendar/timegrid';
import zhCnLocale from '@fullcalendar/core/locales/zh-cn';
import type { DateSelectArg, DatesSetArg, EventInput } from '@fullcalendar/core';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Image, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { useIsPhone } from '../../app/responsive';
import { LoadError, PageHeading, PageLoading } from '../../app/ui';
import { useMySubjects } from '../subjects';
import { addPhoto, book, declareQualification, photoUrl, removePhoto, requestTest, uploadFile, useBusy, useInstrument, useMyVouchers, waitFor, type Instrument } from './instruments.api';
import { hhmm, Money, useTx, WEEKDAY_NAMES } from './parts';

const SHIFT = 8 * 3_600_000;
/** An instant as the calendar's wall time: the calendar runs in UTC, showing Shanghai's clock. */
const toWall = (instant: string) => new Date(new Date(instant).getTime() + SHIFT).toISOString();
/** A wall time the calendar selected as the Shanghai instant it means: 2026-11-23T09:00:00+08:00. */
const fromWall = (d: Date) => `${d.toISOString().slice(0, 19)}+08:00`;
/** Now on Shanghai's clock, as the calendar's wall time: its first week and "today" are Beijing's, whatever the browser's zone. */
const wallNow = () => new Date(Date.now() + SHIFT);
const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function InstrumentPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const instrument = useInstrument(id);
  usePageTitle(instrument.data?.name ?? tx('仪器', 'Instrument'));
  if (instrument.isLoading) return <PageLoading />;
  if (instrument.error || !instrument.data) return <LoadError error={instrument.error} onRetry={() => void instrument.refetch()} />;
  return <InstrumentView instrument={instrument.data} />;
}

function InstrumentView({ instrument: i }: { instrument: Instrument }) {
  const tx = useTx();
  const { lang } = useLang();
  const me = useMe().data;
  const phone = useIsPhone();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const busy = useBusy(i.id, range?.from ?? '', range?.to ?? '');
  const [selected, setSelected] = useState<{ start: string; end: string } | null>(null);
  const [service, setService] = useState<Instrument['services'][number] | null>(null);
  const events: EventInput[] = [
    ...(range ? (busy.data?.busy ?? []) : []).map((b) => ({ start: toWall(b.start), end: toWall(b.end), title: tx('已预约', 'Booked'), color: '#8c8c8c' })),
    ...(busy.data?.closures ?? []).map((c) => ({ start: c.from, end: addDay(c.to, 1), allDay: true, display: 'background', color: '#ff4d4f', title: c.reason })),
    ...(busy.data?.closures ?? []).map((c) => ({ start: c.from, end: addDay(c.to, 1), allDay: true, title: tx(`停用：${c.reason}`, `Closed: ${c.reason}`), color: '#ff4d4f' })),
  ];
  const businessHours = i.openingHours.flatMap((h, idx) => (h ? [{ daysOfWeek: [(idx + 1) % 7], startTime: hhmm(h.open), endTime: hhmm(h.close) }] : []));
  return (
    <div>
      <PageHeading title={i.name} subtitle={`${i.ownerName} · ${i.regionName}`} extra={<Link to="/instruments">{tx('返回仪器列表', 'Back to the instruments')}</Link>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
          <Descriptions.Item label={tx('类别', 'Class')}>{i.categoryLabel[lang]}</Descriptions.Item>
          <Descriptions.Item label={tx('型号 / 厂商', 'Model / maker')}>{[i.model, i.maker].filter(Boolean).join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={tx('存放地点', 'Location')}>{i.location}</Descriptions.Item>
          <Descriptions.Item label={tx('原值', 'Original value')}><Money fen={i.originalValueFen} /></Descriptions.Item>
          <Descriptions.Item label={tx('收费（校内 / 对外）', 'Rates (internal / external)')}>
            <Money fen={i.internalRateFen} /> / <Money fen={i.externalRateFen} /> {tx('每小时', 'per hour')}
          </Descriptions.Item>
          <Descriptions.Item label={tx('操作方式', 'Operation')}>{i.operation === 'staff' ? tx('由本单位人员操作', 'Operated by our staff') : tx(`自行操作，须具备资质：${i.qualification}`, `Self-operated; qualification: ${i.qualification}`)}</Descriptions.Item>
          <Descriptions.Item label={tx('开放时间', 'Opening hours')}>
            {i.openingHours.map((h, idx) => (h ? `${WEEKDAY_NAMES[lang][idx]} ${hhmm(h.open)}–${hhmm(h.close)}` : null)).filter(Boolean).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label={tx('预约规则', 'Booking rules')}>
            {tx(
              `每次${i.minMinutes}–${i.maxMinutes}分钟；每人最多${i.maxFutureBookings}个未来预约；开始前${i.cancelCutoffHours}小时内取消收取${(i.cancelFeeFen / 100).toFixed(2)}元；爽约收取${(i.noShowFeeFen / 100).toFixed(2)}元；${i.approvalRequired ? '对外预约须经审核' : '即约即定'}`,
              `${i.minMinutes}–${i.maxMinutes} minutes a booking; at most ${i.maxFutureBookings} future bookings a person; cancelling within ${i.cancelCutoffHours} hours costs ${(i.cancelFeeFen / 100).toFixed(2)} yuan; a no-show costs ${(i.noShowFeeFen / 100).toFixed(2)} yuan; ${i.approvalRequired ? 'external bookings approved by the owner' : 'confirmed at once'}`,
            )}
          </Descriptions.Item>
          <Descriptions.Item label={tx('技术指标', 'Specifications')} span={2}>{i.specifications || tx('未填写', 'Not given')}</Descriptions.Item>
        </Descriptions>
        {i.services.length > 0 && (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            pagination={false}
            rowKey="name"
            dataSource={i.services}
            data-testid="instrument-services"
            columns={[
              { title: tx('测试项目', 'Test service'), dataIndex: 'name' },
              { title: tx('样品要求', 'Sample requirements'), dataIndex: 'sampleRequirements' },
              { title: tx('每样收费（校内 / 对外）', 'Per sample (internal / external)'), render: (_, s) => <span><Money fen={s.internalPricePerSampleFen} /> / <Money fen={s.pricePerSampleFen} /></span> },
              {
                title: tx('送检', 'Request'),
                render: (_, s) =>
                  me ? (
                    <Button size="small" type="primary" data-testid="request-test" onClick={() => setService(s)}>{tx('申请测试', 'Request')}</Button>
                  ) : (
                    <Link to="/login">{tx('登录后申请', 'Sign in to request')}</Link>
                  ),
              },
            ]}
          />
        )}
      </Card>
      <Photos instrument={i} />
      <Card
        size="small"
        title={tx('空闲与已预约时段（北京时间）', 'Free and booked times (Beijing time)')}
        extra={<a href={`/api/v1/instruments/${i.id}/busy.ics`}>{tx('订阅日历（iCalendar）', 'Subscribe (iCalendar)')}</a>}
      >
        {!me && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={<span>{tx('登录后可在日历上选择空闲时段预约。', 'Sign in to select a free slot and book it.')} <Link to="/login">{tx('登录', 'Sign in')}</Link></span>} />}
        {me && <Typography.Paragraph type="secondary">{tx('在日历上拖选空闲时段即可预约。', 'Drag over a free time on the calendar to book it.')}</Typography.Paragraph>}
        <div data-testid="instrument-calendar">
          <FullCalendar
            plugins={[timeGridPlugin, interactionPlugin]}
            key={phone ? 'day' : 'week'}
            initialView={phone ? 'timeGridDay' : 'timeGridWeek'}
            timeZone="UTC"
            now={wallNow}
            locales={[zhCnLocale]}
            locale={lang === 'zh' ? 'zh-cn' : 'en'}
            allDayText={tx('停用', 'Closed')}
            firstDay={1}
            allDaySlot
            height="auto"
            slotMinTime="07:00:00"
            slotMaxTime="22:00:00"
            businessHours={businessHours}
            selectable={!!me}
            selectMirror
            selectOverlap={false}
            selectConstraint="businessHours"
            events={events}
            datesSet={(arg: DatesSetArg) => {
              const from = arg.start.toISOString().slice(0, 10);
              const to = addDay(arg.end.toISOString().slice(0, 10), -1);
              if (range?.from !== from || range?.to !== to) setRange({ from, to });
            }}
            select={(arg: DateSelectArg) => (arg.allDay ? undefined : setSelected({ start: fromWall(arg.start), end: fromWall(arg.end) }))}
            buttonText={{ today: phone ? tx('今天', 'Today') : tx('本周', 'This week') }}
          />
        </div>
      </Card>
      {selected && <BookModal instrument={i} during={selected} onClose={() => setSelected(null)} />}
      {service && <TestModal instrument={i} service={service} onClose={() => setService(null)} />}
    </div>
  );
}

function BookModal({ instrument: i, during, onClose }: { instrument: Instrument; during: { start: string; end: string }; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const payer = usePayer({ subject: tx('预约单位', 'Booking for'), asPerson: tx('以个人身份预约', 'Book as a person'), voucherTestId: 'voucher-select' });
  const { subjectId, voucherId } = payer;
  const [purpose, setPurpose] = useState('');
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const minutes = (Date.parse(during.end) - Date.parse(during.start)) / 60_000;
  const show = (s: string) => s.slice(0, 16).replace('T', ' ');
  const errText = error ? problemMessage(error, lang) : null;
  const taken = !!error && /no_overlap|已被预约|taken/.test(JSON.stringify(error));
  const needsQualification = !!error && /self_operation_qualified/.test(JSON.stringify(error));
  const run = async (f: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await f();
      void message.success(done);
      // Closed before the lists refresh: a spent voucher must not linger in the closing dialog.
      onClose();
      await qc.invalidateQueries({ queryKey: ['instruments'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={tx(`预约：${i.name}`, `Book: ${i.name}`)}
      onCancel={onClose}
      okText={tx('确认预约', 'Book')}
      cancelText={tx('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'book-confirm' } as never}
      onOk={() => void run(() => book(i.id, { during, subjectId, voucherId, purpose }), tx('预约已提交', 'Booked'))}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{tx(`时段：${show(during.start)} 至 ${show(during.end)}（${minutes}分钟，北京时间）`, `Time: ${show(during.start)} to ${show(during.end)} (${minutes} minutes, Beijing time)`)}</Typography.Text>
        {payer.fields}
        <Input.TextArea placeholder={tx('用途或样品说明（选填）', 'Purpose or samples (optional)')} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        {errText && <Alert type="error" showIcon message={errText} data-testid="book-error" />}
        {taken && (
          <Button onClick={() => void run(() => waitFor(i.id, during), tx('已加入候补，时段空出时将通知您', 'You are on the waiting list'))}>{tx('加入候补名单', 'Join the waiting list')}</Button>
        )}
        {needsQualification && (
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder={tx('说明您的操作资质（培训、经历）', 'Your qualification (training, experience)')} value={statement} onChange={(e) => setStatement(e.target.value)} />
            <Button onClick={() => void run(() => declareQualification(i.id, statement), tx('已提交，待仪器所有单位确认', 'Sent for the owner to confirm'))}>{tx('提交资质声明', 'Declare')}</Button>
          </Space.Compact>
        )}
      </Space>
    </Modal>
  );
}

/** The instrument's photos; its owner adds (JPEG or PNG) and removes them. */
function Photos({ instrument: i }: { instrument: Instrument }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  if (i.photos.length === 0 && !i.mayManage) return null;
  const refresh = () => qc.invalidateQueries({ queryKey: ['instruments'] });
  return (
    <Card size="small" title={tx('仪器照片', 'Photos')} style={{ marginBottom: 16 }} data-testid="instrument-photos">
      <Space wrap size="middle" align="start">
        {i.photos.length === 0 && <Typography.Text type="secondary">{tx('还没有照片。', 'No photos yet.')}</Typography.Text>}
        <Image.PreviewGroup>
          {i.photos.map((p) => (
            <Space key={p.fileId} direction="vertical" size={4} align="center">
              <Image src={photoUrl(i.id, p.fileId)} alt={tx(`${i.name}照片`, `Photo of ${i.name}`)} width={160} height={120} style={{ objectFit: 'cover' }} />
              {i.mayManage && (
                <Popconfirm
                  title={tx('删除这张照片？', 'Remove this photo?')}
                  okText={tx('删除', 'Remove')}
                  cancelText={tx('保留', 'Keep')}
                  onConfirm={async () => {
                    try {
                      await removePhoto(i.id, p.fileId);
                      void message.success(tx('已删除照片', 'Photo removed'));
                      await refresh();
                    } catch (e) {
                      void message.error(problemMessage(e, lang));
                    }
                  }}
                >
                  <Button size="small" danger data-testid="photo-remove">{tx('删除', 'Remove')}</Button>
                </Popconfirm>
              )}
            </Space>
          ))}
        </Image.PreviewGroup>
        {i.mayManage && (
          <Upload
            accept="image/jpeg,image/png"
            showUploadList={false}
            customRequest={async ({ file }) => {
              try {
                const stored = await uploadFile(file as File);
                await addPhoto(i.id, stored.id);
                void message.success(tx('已添加照片', 'Photo added'));
                await refresh();
              } catch (e) {
                void message.error(problemMessage(e, lang));
              }
            }}
          >
            <Button data-testid="photo-upload">{tx('上传照片（JPEG、PNG）', 'Upload a photo (JPEG, PNG)')}</Button>
          </Upload>
        )}
      </Space>
    </Card>
  );
}

/** Request a test service with N samples: for an enterprise one acts for and, where it holds one, paying with its voucher. */
function TestModal({ instrument: i, service, onClose }: { instrument: Instrument; service: Instrument['services'][number]; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const payer = usePayer({ subject: tx('申请单位', 'Requesting for'), asPerson: tx('以个人身份申请', 'Request as a person'), voucherTestId: 'test-voucher-select' });
  const { subjectId, voucherId } = payer;
  const [samples, setSamples] = useState(1);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={tx(`申请测试：${service.name}`, `Request: ${service.name}`)}
      onCancel={onClose}
      okText={tx('提交申请', 'Send the request')}
      cancelText={tx('取消', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'test-confirm' } as never}
      onOk={async () => {
        setBusy(true);
        try {
          await requestTest(i.id, { serviceName: service.name, samples, note, subjectId, voucherId });
          void message.success(tx('测试申请已提交，待仪器所有单位受理', 'Request sent for the owner to accept'));
          onClose();
          await qc.invalidateQueries({ queryKey: ['instruments'] });
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{tx(`样品要求：${service.sampleRequirements || '未注明'}`, `Sample requirements: ${service.sampleRequirements || 'none given'}`)}</Typography.Text>
        <Typography.Text>{tx('对外每样 ', 'External, per sample ')}<Money fen={service.pricePerSampleFen} />{tx('，按实测样品数收费。', '; billed for the samples tested.')}</Typography.Text>
        <Form.Item label={tx('样品数量', 'Samples')} style={{ marginBottom: 0 }}>
          <InputNumber min={1} max={1000} value={samples} onChange={(v) => setSamples(v ?? 1)} data-testid="test-samples" />
        </Form.Item>
        {payer.fields}
        <Input.TextArea data-testid="test-note" placeholder={tx('样品说明：名称、状态、数量、注意事项', 'The samples: what, their state, how many, hazards')} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        {error !== null && <Alert type="error" showIcon message={problemMessage(error, lang)} data-testid="test-error" />}
      </Space>
    </Modal>
  );
}

/**
 * Who pays for a booking or a test: an enterprise one acts for (the first, until one picks another
 * or none, a person's own) and, where it holds one that pays for testing, its voucher. The dialogs
 * close before the lists refresh, so a voucher just spent never lingers as a bare value.
 */
function usePayer(labels: { subject: string; asPerson: string; voucherTestId: string }) {
  const tx = useTx();
  const subjects = (useMySubjects().data ?? []).filter((s) => s.kind === 'enterprise');
  const vouchers = useMyVouchers(subjects.length > 0).data ?? [];
  const [picked, setPicked] = useState<string | null | undefined>(undefined);
  const subjectId = picked === undefined ? subjects[0]?.id : (picked ?? undefined);
  const subjectName = subjects.find((s) => s.id === subjectId)?.name;
  const usable = vouchers.filter((v) => v.status === 'active' && v.categories.includes('testing') && v.leftFen > 0 && v.subjectName === subjectName);
  const [voucherId, setChosen] = useState<string | undefined>();
  const fields = (
    <>
      {subjects.length > 0 && (
        <Form.Item label={labels.subject} style={{ marginBottom: 0 }}>
          <Select value={subjectId} onChange={(v) => { setPicked(v ?? null); setChosen(undefined); }} allowClear placeholder={labels.asPerson} options={subjects.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
      )}
      {subjectId && (
        <Form.Item label={tx('使用创新券', 'Pay with a voucher')} style={{ marginBottom: 0 }}>
          <Select
            data-testid={labels.voucherTestId}
            allowClear
            value={voucherId}
            onChange={setChosen}
            placeholder={usable.length ? tx('不使用', 'Do not use') : tx('没有可用于检验检测的服务券', 'No voucher pays for testing')}
            options={usable.map((v) => ({ value: v.id, label: tx(`${v.schemeTitle.zh}（余额${(v.leftFen / 100).toFixed(2)}元）`, `${v.schemeTitle.en} (left ${(v.leftFen / 100).toFixed(2)} yuan)`) }))}
          />
        </Form.Item>
      )}
    </>
  );
  return { subjectId, voucherId, fields };
}
