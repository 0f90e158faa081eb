/**
 * Training's pages: the courses (创业培训), a course's page (enrol; for its provider the trainees,
 * attendance per session and completion), my training (attendance, certificate, applying for the
 * subsidy), the provider's courses (open one) and the follow-ups six months after completion.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { COMPLETION_SHARE, COURSE_KINDS, formatInstant, COURSE_KIND_LABELS, ENROLMENT_STATUS_LABELS, FOLLOW_UP_OUTCOMES, FOLLOW_UP_OUTCOME_LABELS, type CourseKind, type EnrolmentStatus, type FollowUpOutcome } from '@seedbed/contract';
import { Link, useParams } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { RegionCascader } from '../regions';
import {
  answerFollowUp,
  certificateHref,
  completeCourse,
  enrol,
  openCourse,
  recordAttendance,
  useCourse,
  useCourses,
  useFollowUps,
  useMyCourses,
  useMyEnrolments,
  useRoster,
  useSubsidyItems,
  withdraw,
  type CoursePage,
  type CourseSummary,
  type FollowUp,
  type MyEnrolment,
  type RosterEntry,
} from './training.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const STATUS_COLOR: Record<EnrolmentStatus, string> = { enrolled: 'blue', completed: 'green', not_completed: 'orange', withdrawn: 'default' };

function StatusTag({ status }: { status: EnrolmentStatus }) {
  const { lang } = useLang();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="enrolment-status">
      {ENROLMENT_STATUS_LABELS[status][lang]}
    </Tag>
  );
}

function CourseList({ rows, loading, testId, showWithdrawn = false }: { rows: CourseSummary[]; loading: boolean; testId: string; showWithdrawn?: boolean }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<CourseSummary>
      rows={rows}
      loading={loading}
      rowKey={(c) => c.id}
      testId={testId}
      empty={<EmptyState description={tx('暂无培训班。', 'No course yet.')} />}
      columns={[
        { key: 'title', title: tx('培训班', 'Course'), primary: true, render: (c) => <Link to={`/training/${c.id}`}>{c.title}</Link> },
        { key: 'kind', title: tx('类型', 'Kind'), render: (c) => COURSE_KIND_LABELS[c.kind][lang] },
        { key: 'provider', title: tx('培训机构', 'Provider'), render: (c) => c.providerName },
        { key: 'dates', title: tx('培训日期', 'Dates'), render: (c) => `${c.startsOn} — ${c.endsOn}` },
        { key: 'hours', title: tx('学时', 'Hours'), render: (c) => c.hours },
        { key: 'place', title: tx('地点', 'Place'), render: (c) => (c.online ? tx('线上', 'Online') : c.regionName) },
        { key: 'seats', title: tx('名额', 'Seats'), render: (c) => `${c.enrolled} / ${c.capacity}` },
        ...(showWithdrawn ? [{ key: 'withdrawn', title: tx('开课前退出', 'Withdrew'), render: (c: CourseSummary) => (c.withdrawn > 0 ? tx(`${c.withdrawn}人`, `${c.withdrawn}`) : '—') }] : []),
        {
          key: 'open',
          title: tx('状态', 'Status'),
          render: (c) => (c.completedAt ? <Tag>{tx('已结业', 'Closed')}</Tag> : c.open ? <Tag color="green">{tx('可报名', 'Open')}</Tag> : <Tag color="orange">{tx('已满或已结束', 'Full or ended')}</Tag>),
        },
      ]}
    />
  );
}

export function CoursesPage() {
  const tx = useTx();
  usePageTitle(tx('创业培训', 'Start-up training'));
  const [region, setRegion] = useState<string | null>(null);
  const list = useCourses(region ? { region } : {});
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('创业培训', 'Start-up training')}
        subtitle={tx(
          `SYB、创业培训、网络创业培训等培训班。出勤达到总学时的${COMPLETION_SHARE * 100}%即可结业，结业后可凭结业记录申请创业培训补贴。`,
          `SYB, start-up and online business courses. Attend ${COMPLETION_SHARE * 100}% of the hours to complete one; with the completion you can claim the start-up training subsidy.`,
        )}
      />
      <div style={{ width: 260, marginBottom: 16 }}>
        <RegionCascader value={region} onChange={setRegion} />
      </div>
      <CourseList rows={list.data ?? []} loading={list.isLoading} testId="courses" />
    </div>
  );
}

export function CourseDetailPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const page = useCourse(id);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  usePageTitle(page.data?.title ?? tx('培训班', 'Course'));
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const c = page.data;
  const doEnrol = async () => {
    setProblem(null);
    try {
      await enrol(c.id);
      message.success(tx('报名成功', 'Enrolled'));
      await qc.invalidateQueries({ queryKey: ['training'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  const doWithdraw = async () => {
    setProblem(null);
    try {
      await withdraw(c.id);
      message.success(tx('已退出报名，名额已释放', 'Withdrawn; your seat is free again'));
      await qc.invalidateQueries({ queryKey: ['training'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  return (
    <div>
      <PageHeading title={c.title} extra={<Link to="/training">{tx('返回培训班列表', 'Back to the courses')}</Link>} />
      <ProblemAlert problem={problem} />
      <Card size="small" title={tx('培训班概况', 'About the course')} style={{ marginBottom: 16 }} extra={c.mayEnrol ? <Button type="primary" onClick={() => void doEnrol()} data-testid="enrol">{tx('报名参加', 'Enrol')}</Button> : null}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: tx('类型', 'Kind'), children: COURSE_KIND_LABELS[c.kind][lang] },
            { key: 'provider', label: tx('培训机构', 'Provider'), children: c.providerName },
            { key: 'dates', label: tx('培训日期', 'Dates'), children: `${c.startsOn} — ${c.endsOn}` },
            { key: 'hours', label: tx('总学时', 'Hours'), children: c.hours },
            { key: 'place', label: tx('地点', 'Place'), children: c.online ? tx('线上培训', 'Online') : `${c.regionName} ${c.place}` },
            { key: 'seats', label: tx('已报名 / 名额', 'Enrolled / seats'), children: <span data-testid="seats">{`${c.enrolled} / ${c.capacity}`}</span> },
            { key: 'item', label: tx('适用补贴', 'Subsidy'), children: `${c.itemTitle[lang]}（${tx('每人', 'per trainee')} ${amountText(c.subsidyFen, lang)}）`, span: 2 },
          ]}
        />
        {c.mine && (
          <div style={{ marginTop: 12 }} data-testid="my-enrolment">
            {tx('我的报名：', 'My enrolment: ')}
            <StatusTag status={c.mine.status} /> {tx(`已出勤 ${c.mine.attendedHours} / ${c.mine.hours} 学时`, `${c.mine.attendedHours} of ${c.mine.hours} hours attended`)}
            {' · '}
            <Link to="/training/mine">{tx('查看我的培训', 'My training')}</Link>
            {c.mayWithdraw && (
              <div style={{ marginTop: 8 }}>
                <Popconfirm
                  title={tx('退出报名？', 'Withdraw?')}
                  description={tx(`开课（${c.startsOn}）前可以退出，名额将释放给其他人。`, `You may withdraw before the start (${c.startsOn}); your seat goes to someone else.`)}
                  okText={tx('退出报名', 'Withdraw')}
                  cancelText={tx('取消', 'Cancel')}
                  onConfirm={() => void doWithdraw()}
                >
                  <Button danger data-testid="withdraw">{tx('退出报名', 'Withdraw')}</Button>
                </Popconfirm>
                <span style={{ marginInlineStart: 8, color: '#666' }}>{tx(`开课日（${c.startsOn}）前可退出`, `Possible until the day before ${c.startsOn}`)}</span>
              </div>
            )}
          </div>
        )}
      </Card>
      <Card size="small" title={tx('课程安排', 'Sessions')} style={{ marginBottom: 16 }}>
        <ResponsiveList<CoursePage['sessions'][number]>
          rows={c.sessions}
          rowKey={(s) => s.id}
          testId="sessions"
          empty={<EmptyState description={tx('尚无课次。', 'No session.')} />}
          columns={[
            { key: 'on', title: tx('日期', 'Date'), primary: true, render: (s) => s.heldOn },
            { key: 'topic', title: tx('内容', 'Topic'), render: (s) => s.topic },
            { key: 'hours', title: tx('学时', 'Hours'), render: (s) => s.hours },
            { key: 'rec', title: tx('考勤', 'Attendance'), render: (s) => (s.recorded ? <Tag color="green">{tx('已登记', 'Recorded')}</Tag> : <Tag>{tx('未登记', 'Not yet')}</Tag>) },
          ]}
        />
      </Card>
      {c.mayManage && <RosterCard course={c} />}
    </div>
  );
}

/** The provider's trainees: attendance per session (ticked present), and closing the course. */
function RosterCard({ course }: { course: CoursePage }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const roster = useRoster(course.id, true);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [edits, setEdits] = useState<Record<string, string[]>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const rows = roster.data ?? [];
  const live = rows.filter((r) => r.status === 'enrolled');
  const withdrawn = rows.filter((r) => r.status === 'withdrawn').length;
  const closed = course.completedAt !== null;
  const presentAt = (sessionId: string) => edits[sessionId] ?? rows.filter((r) => r.present.includes(sessionId)).map((r) => r.id);
  const save = async (sessionId: string) => {
    setProblem(null);
    setSaving(sessionId);
    try {
      await recordAttendance(course.id, sessionId, { present: presentAt(sessionId).filter((id) => live.some((r) => r.id === id)) });
      message.success(tx('考勤已登记', 'Attendance recorded'));
      setEdits(({ [sessionId]: _, ...rest }) => rest);
      await qc.invalidateQueries({ queryKey: ['training'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    } finally {
      setSaving(null);
    }
  };
  const close = async () => {
    setProblem(null);
    try {
      await completeCourse(course.id);
      message.success(tx('培训班已结业', 'Course closed'));
      await qc.invalidateQueries({ queryKey: ['training'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  if (roster.error) return <LoadError error={roster.error} onRetry={() => void roster.refetch()} />;
  return (
    <Card
      size="small"
      title={tx('学员与考勤', 'Trainees and attendance')}
      extra={
        !closed && live.length > 0 ? (
          <Button type="primary" onClick={() => void close()} data-testid="complete-course">
            {tx('结业', 'Close the course')}
          </Button>
        ) : null
      }
    >
      <ProblemAlert problem={problem} />
      <p style={{ color: '#666' }}>
        {tx(
          `出勤达到总学时${COMPLETION_SHARE * 100}%（${Math.ceil(course.hours * COMPLETION_SHARE)}学时）的学员结业，其个人档案记入“参加了创业培训”和补贴标准，可申请创业培训补贴。`,
          `Trainees present for ${COMPLETION_SHARE * 100}% of the hours (${Math.ceil(course.hours * COMPLETION_SHARE)} h) complete the course; their profile then records the training and the subsidy standard, and they can claim the subsidy.`,
        )}
      </p>
      <ResponsiveList<RosterEntry>
        rows={rows}
        loading={roster.isLoading}
        rowKey={(r) => r.id}
        testId="roster"
        empty={<EmptyState description={tx('尚无学员报名。', 'No trainee yet.')} />}
        columns={[
          { key: 'name', title: tx('学员', 'Trainee'), primary: true, render: (r) => r.traineeName },
          { key: 'status', title: tx('状态', 'Status'), render: (r) => <StatusTag status={r.status} /> },
          { key: 'hours', title: tx('出勤学时', 'Hours attended'), render: (r) => `${r.attendedHours} / ${course.hours}` },
          { key: 'done', title: tx('结业日期', 'Completed on'), render: (r) => r.completedOn ?? '—' },
          { key: 'withdrawn', title: tx('退出时间', 'Withdrew on'), render: (r) => (r.withdrawnAt ? formatInstant(r.withdrawnAt, lang) : '—') },
        ]}
      />
      {withdrawn > 0 && (
        <p style={{ marginTop: 8, color: '#666' }} data-testid="withdrawals">
          {tx(`开课前退出 ${withdrawn} 人，名额已释放。`, `${withdrawn} withdrew before the start; their seats are free again.`)}
        </p>
      )}
      {!closed && live.length > 0 && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
          {course.sessions.map((s) => (
            <Card key={s.id} size="small" type="inner" title={`${s.heldOn} ${s.topic}（${s.hours}${tx('学时', ' h')}）`} data-testid={`attendance-${s.heldOn}`}>
              <Space wrap>
                <Checkbox.Group
                  value={presentAt(s.id)}
                  onChange={(v) => setEdits((e) => ({ ...e, [s.id]: v as string[] }))}
                  options={live.map((r) => ({ value: r.id, label: r.traineeName }))}
                  aria-label={tx(`${s.heldOn} 出勤学员`, `Present on ${s.heldOn}`)}
                />
                <Button size="small" loading={saving === s.id} onClick={() => void save(s.id)}>
                  {s.recorded ? tx('更新考勤', 'Update attendance') : tx('登记考勤', 'Record attendance')}
                </Button>
                {s.recorded && <Tag color="green">{tx('已登记', 'Recorded')}</Tag>}
              </Space>
            </Card>
          ))}
        </Space>
      )}
    </Card>
  );
}

export function MyTrainingPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('我的培训', 'My training'));
  const mine = useMyEnrolments();
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('我的培训', 'My training')}
        subtitle={tx('报名的培训班、出勤学时和结业证书。结业后可直接申请创业培训补贴，培训情况已记入您的档案，无需再上传证明。', 'Your courses, hours attended and certificates. Once you complete a course, apply for the training subsidy: the training is on your profile already, no proof to upload.')}
        extra={<Link to="/training">{tx('浏览培训班', 'Browse courses')}</Link>}
      />
      <ResponsiveList<MyEnrolment>
        rows={mine.data ?? []}
        loading={mine.isLoading}
        rowKey={(e) => e.id}
        testId="my-training"
        empty={<EmptyState description={tx('您还没有报名培训班。', 'You have not enrolled in a course yet.')}><Link to="/training">{tx('去看看培训班', 'See the courses')}</Link></EmptyState>}
        columns={[
          { key: 'course', title: tx('培训班', 'Course'), primary: true, render: (e) => <Link to={`/training/${e.courseId}`}>{e.courseTitle}</Link> },
          { key: 'provider', title: tx('培训机构', 'Provider'), render: (e) => e.providerName },
          { key: 'status', title: tx('状态', 'Status'), render: (e) => <StatusTag status={e.status} /> },
          { key: 'hours', title: tx('出勤学时', 'Hours attended'), render: (e) => `${e.attendedHours} / ${e.hours}` },
          {
            key: 'next',
            title: tx('结业与补贴', 'Completion and subsidy'),
            render: (e) =>
              e.status === 'completed' ? (
                <Space wrap>
                  <a href={certificateHref(e.id)} data-testid="certificate">{tx('结业证书（PDF）', 'Certificate (PDF)')}</a>
                  <Link to={`/fulfilment/apply/${e.itemId}`} data-testid="apply-subsidy">
                    {tx(`申请${e.itemTitle.zh}（${amountText(e.subsidyFen, lang)}）`, `Apply: ${e.itemTitle.en} (${amountText(e.subsidyFen, lang)})`)}
                  </Link>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}

interface CourseForm {
  title: string;
  kind: CourseKind;
  regionCode: string;
  online: boolean;
  place?: string;
  capacity: number;
  itemId: string;
  subsidyYuan: number;
  sessions: { heldOn: Dayjs; hours: number; topic: string }[];
}

export function ProviderPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('培训管理', 'My courses'));
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const mine = useMyCourses();
  const items = useSubsidyItems();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<CourseForm>();
  const online = Form.useWatch('online', form);
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await openCourse({
        title: v.title,
        kind: v.kind,
        regionCode: v.regionCode,
        online: v.online ?? false,
        place: v.place ?? '',
        capacity: v.capacity,
        itemId: v.itemId,
        subsidyFen: Math.round((v.subsidyYuan ?? 0) * 100),
        sessions: (v.sessions ?? []).map((s) => ({ heldOn: s.heldOn.format('YYYY-MM-DD'), hours: s.hours, topic: s.topic })),
      });
      message.success(tx('培训班已开设', 'Course opened'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['training'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['title'], ['kind'], ['regionCode'], ['place'], ['capacity'], ['itemId'], ['subsidyFen'], ['sessions']]));
    }
  };
  if (mine.error) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('培训管理', 'My courses')}
        subtitle={tx('开设培训班，在培训班页面逐次登记考勤并结业；结业学员的档案随之更新，可申请创业培训补贴。', "Open courses; on a course's page record attendance session by session and close it — completing trainees' profiles follow, and they can claim the subsidy.")}
        extra={
          <Button type="primary" onClick={() => setOpen(true)} data-testid="open-course">
            {tx('开设培训班', 'Open a course')}
          </Button>
        }
      />
      <Card size="small" title={tx('本机构的培训班', 'Our courses')} style={{ marginBottom: 16 }}>
        <CourseList rows={mine.data ?? []} loading={mine.isLoading} testId="my-courses" showWithdrawn />
      </Card>
      <FollowUpsCard />
      <Modal open={open} title={tx('开设培训班', 'Open a course')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('开设', 'Open')} cancelText={tx('取消', 'Cancel')} width={720} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'syb', online: false, capacity: 30, sessions: [{ hours: 8 }] }}>
          <Form.Item name="title" label={tx('培训班名称', 'Title')} rules={[{ required: true, message: tx('请填写名称', 'Enter the title') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={tx('类型', 'Kind')} rules={[{ required: true }]}>
              <Select style={{ width: 260 }} options={COURSE_KINDS.map((k) => ({ value: k, label: COURSE_KIND_LABELS[k][lang] }))} />
            </Form.Item>
            <Form.Item name="capacity" label={tx('名额', 'Seats')} rules={[{ required: true }]}>
              <InputNumber min={1} max={500} precision={0} />
            </Form.Item>
            <Form.Item name="online" label={tx('线上培训', 'Online')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="regionCode" label={tx('所在区县', 'District')} rules={[{ required: true, message: tx('请选择区县', 'Choose the district') }]}>
            <RegionCascader anyLevel={false} />
          </Form.Item>
          {!online && (
            <Form.Item name="place" label={tx('培训地点', 'Place')} rules={[{ required: true, message: tx('请填写地点', 'Enter the place') }]}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Space wrap>
            <Form.Item name="itemId" label={tx('适用的补贴事项', 'Subsidy item')} rules={[{ required: true, message: tx('请选择补贴事项', 'Choose the item') }]}>
              <Select style={{ width: 280 }} loading={items.isLoading} options={(items.data ?? []).map((i) => ({ value: i.id, label: i.regionName ? `${i.title[lang]}（${i.regionName}）` : i.title[lang] }))} />
            </Form.Item>
            <Form.Item name="subsidyYuan" label={tx('补贴标准（元/人，按人社部门核定）', 'Standard (yuan a trainee, as approved)')} rules={[{ required: true, message: tx('请填写补贴标准', 'Enter the standard') }]}>
              <InputNumber min={0} precision={2} />
            </Form.Item>
          </Space>
          <Form.List name="sessions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline">
                    <Form.Item name={[f.name, 'heldOn']} label={tx('日期', 'Date')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name={[f.name, 'hours']} label={tx('学时', 'Hours')} rules={[{ required: true }]}>
                      <InputNumber min={1} max={12} precision={0} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'topic']} label={tx('内容', 'Topic')} rules={[{ required: true, message: tx('请填写内容', 'Enter the topic') }]}>
                      <Input maxLength={100} style={{ width: 220 }} />
                    </Form.Item>
                    {fields.length > 1 && <Button onClick={() => remove(f.name)}>{tx('删除', 'Remove')}</Button>}
                  </Space>
                ))}
                <Button onClick={() => add({ hours: 8 })}>{tx('增加课次', 'Add a session')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}

/** Follow-ups six months after completion: the provider's trainees, or those of the regions an office oversees. */
function FollowUpsCard() {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useFollowUps();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const answer = async (f: FollowUp, outcome: FollowUpOutcome) => {
    setProblem(null);
    try {
      await answerFollowUp(f.enrolmentId, { outcome, note: '' });
      message.success(tx('回访结果已登记', 'Follow-up recorded'));
      await qc.invalidateQueries({ queryKey: ['training', 'follow-ups'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Card size="small" title={tx('结业半年回访', 'Follow-ups six months after completion')}>
      <ProblemAlert problem={problem} />
      <ResponsiveList<FollowUp>
        rows={list.data ?? []}
        loading={list.isLoading}
        rowKey={(f) => f.enrolmentId}
        testId="follow-ups"
        empty={<EmptyState description={tx('暂无到期的回访。结业满六个月后，系统每天自动生成回访任务。', 'No follow-up due. Six months after a completion, a daily job creates its follow-up.')} />}
        columns={[
          { key: 'name', title: tx('学员', 'Trainee'), primary: true, render: (f) => f.traineeName },
          { key: 'course', title: tx('培训班', 'Course'), render: (f) => f.courseTitle },
          { key: 'done', title: tx('结业日期', 'Completed on'), render: (f) => f.completedOn },
          { key: 'due', title: tx('回访日期', 'Due on'), render: (f) => f.dueOn },
          {
            key: 'outcome',
            title: tx('回访结果', 'Outcome'),
            render: (f) => (
              <Select<FollowUpOutcome>
                style={{ width: 180 }}
                placeholder={tx('选择结果', 'Choose')}
                value={f.outcome ?? undefined}
                onChange={(o) => void answer(f, o)}
                options={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: FOLLOW_UP_OUTCOME_LABELS[o][lang] }))}
                aria-label={tx(`${f.traineeName}的回访结果`, `Outcome for ${f.traineeName}`)}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

export function FollowUpsPage() {
  const tx = useTx();
  const me = useMe();
  usePageTitle(tx('创业培训回访', 'Training follow-ups'));
  return (
    <div>
      <PageHeading
        title={tx('创业培训回访', 'Training follow-ups')}
        subtitle={tx('结业满六个月的学员是否已创业或就业。培训机构或双创办登记结果，计入创业就业统计。', 'Whether trainees six months after completion started a business or found work, recorded by the provider or the programme office; it feeds the statistics.')}
      />
      {me.data && <FollowUpsCard />}
      <div style={{ marginTop: 16 }}>
        <Link to="/training">{tx('查看培训班', 'See the courses')}</Link>
      </div>
    </div>
  );
}
