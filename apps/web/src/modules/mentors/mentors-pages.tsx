/**
 * The mentors' pages: the library with asking for a mentor (the platform suggests the best
 * matches and says why), my mentoring (as founder or as mentor: answer, book, confirm with a
 * record, rate, end), and the programme office's figures against each mentor's yearly commitment.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Rate, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { MENTOR_FIELDS, MENTOR_FIELD_LABELS, MENTOR_INDUSTRIES, MENTOR_INDUSTRY_LABELS, PAIRING_STATUS_LABELS, SESSION_MODES, SESSION_MODE_LABELS, type MentorField, type MentorIndustry, type SessionMode } from '@seedbed/contract';
import { Link } from 'react-router';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, ProblemAlert } from '../../app/ui';
import { Chart } from '../../app/chart';
import { useMe } from '../../app/auth';
import { RegionCascader } from '../regions';
import { useMySubjects } from '../subjects';
import { addMentor, bookSession, confirmSession, decide, endPairing, rate, requestMentor, suggest, updateMentor, useCommitments, useManagedMentors, useMentors, usePairings, type Commitment, type ManagedMentor, type Mentor, type Pairing, type Suggestion } from './mentors.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

function FieldTags({ fields }: { fields: readonly MentorField[] }) {
  const { lang } = useLang();
  return (
    <Space size={[4, 4]} wrap>
      {fields.map((f) => (
        <Tag key={f} color="blue">
          {MENTOR_FIELD_LABELS[f][lang]}
        </Tag>
      ))}
    </Space>
  );
}

export function MentorsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('创业导师', 'Mentors'));
  const me = useMe();
  const library = useMentors();
  if (library.error) return <LoadError error={library.error} onRetry={() => void library.refetch()} />;
  return (
    <div>
      <PageHeading title={tx('创业导师', 'Start-up mentors')} subtitle={tx('由双创办登记的创业导师：擅长领域、熟悉行业和可辅导时间。说明您的需求，平台按擅长领域、行业、所在地和导师当前辅导量推荐，并说明理由。', 'Mentors listed by the programme office: their fields, industries and availability. Describe your need: the platform suggests mentors by field, industry, place and current load, and says why.')} />
      {me.data ? <AskCard /> : <Card size="small" style={{ marginBottom: 16 }}>{tx('登录后可申请导师辅导。', 'Sign in to ask for a mentor.')} <Link to="/login">{tx('登录', 'Sign in')}</Link></Card>}
      <ResponsiveList<Mentor>
        rows={library.data ?? []}
        loading={library.isLoading}
        rowKey={(m) => m.id}
        testId="mentors"
        empty={<EmptyState description={tx('导师库暂无导师。', 'No mentor yet.')} />}
        columns={[
          { key: 'name', title: tx('导师', 'Mentor'), primary: true, render: (m) => <strong>{m.name}</strong> },
          { key: 'org', title: tx('单位与职务', 'Organisation'), render: (m) => `${m.organisation} ${m.title}` },
          { key: 'fields', title: tx('擅长领域', 'Fields'), render: (m) => <FieldTags fields={m.fields} /> },
          { key: 'ind', title: tx('熟悉行业', 'Industries'), render: (m) => m.industries.map((i) => MENTOR_INDUSTRY_LABELS[i][lang]).join(lang === 'zh' ? '、' : ', ') || '—' },
          { key: 'region', title: tx('所在地', 'Place'), render: (m) => m.regionName },
          { key: 'avail', title: tx('可辅导时间', 'Availability'), render: (m) => m.availability },
          { key: 'rating', title: tx('创业者评价', 'Rating'), render: (m) => (m.rating === null ? tx('暂无', 'None yet') : `${m.rating} / 5`) },
        ]}
      />
    </div>
  );
}

function AskCard() {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const subjects = useMySubjects();
  const [form] = Form.useForm<{ subjectId: string; need: string; fields: MentorField[]; industry?: MentorIndustry }>();
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const mine = subjects.data ?? [];
  const find = async () => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      const subject = mine.find((s) => s.id === v.subjectId);
      setSuggestions(await suggest({ fields: v.fields, industry: v.industry ?? null, regionCode: subject?.regionCode ?? null }));
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  const ask = async (s: Suggestion) => {
    const v = await form.validateFields();
    setProblem(null);
    try {
      await requestMentor({ mentorId: s.mentor.id, subjectId: v.subjectId, need: v.need, fields: v.fields, industry: v.industry ?? null });
      setAsked(s.mentor.name);
      message.success(tx(`已向${s.mentor.name}提出申请`, `Asked ${s.mentor.name}`));
      await qc.invalidateQueries({ queryKey: ['mentors'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  if (mine.length === 0 && !subjects.isLoading) return null;
  return (
    <Card size="small" title={tx('申请导师辅导', 'Ask for a mentor')} style={{ marginBottom: 16 }}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={{ subjectId: mine[0]?.id }} style={{ maxWidth: 720 }} key={mine[0]?.id ?? 'none'}>
        <Form.Item name="subjectId" label={tx('申请人', 'For')} rules={[{ required: true }]}>
          <Select options={mine.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="need" label={tx('您的需求', 'Your need')} rules={[{ required: true, min: 5, message: tx('请用几句话说明需求（至少5个字）', 'Say what you need (at least 5 characters)') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="need" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="fields" label={tx('需要辅导的领域', 'Fields')} rules={[{ required: true, message: tx('请选择至少一个领域', 'Choose at least one') }]}>
            <Select mode="multiple" style={{ width: 360 }} options={MENTOR_FIELDS.map((f) => ({ value: f, label: MENTOR_FIELD_LABELS[f][lang] }))} data-testid="need-fields" />
          </Form.Item>
          <Form.Item name="industry" label={tx('所在行业', 'Industry')}>
            <Select allowClear style={{ width: 260 }} options={MENTOR_INDUSTRIES.map((i) => ({ value: i, label: MENTOR_INDUSTRY_LABELS[i][lang] }))} />
          </Form.Item>
        </Space>
        <Button onClick={() => void find()} data-testid="suggest">
          {tx('推荐导师', 'Suggest mentors')}
        </Button>
      </Form>
      {suggestions !== null && (
        <List
          style={{ marginTop: 16 }}
          data-testid="suggestions"
          locale={{ emptyText: <Empty description={tx('没有擅长这些领域的导师。', 'No mentor covers these fields.')} /> }}
          dataSource={suggestions}
          renderItem={(s, i) => (
            <List.Item
              actions={[
                <Button key="ask" type={i === 0 ? 'primary' : 'default'} disabled={asked !== null} onClick={() => void ask(s)} aria-label={tx(`向${s.mentor.name}申请`, `Ask ${s.mentor.name}`)}>
                  {tx('向TA申请', 'Ask')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    <strong>{s.mentor.name}</strong>
                    <span>{`${s.mentor.organisation} ${s.mentor.title}`}</span>
                    <Tag color="gold">{tx(`匹配度 ${s.score} 分`, `Score ${s.score}`)}</Tag>
                  </Space>
                }
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {s.terms.map((t, k) => (
                      <li key={k}>{`${t.points > 0 ? '+' : ''}${t.points}：${t.reason[lang]}`}</li>
                    ))}
                  </ul>
                }
              />
            </List.Item>
          )}
        />
      )}
      {asked && (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="asked">
          {tx(`已向${asked}提出申请，导师答复后可在“我的导师辅导”预约辅导。`, `You asked ${asked}; once they answer, book sessions in My mentoring.`)} <Link to="/mentors/mine">{tx('我的导师辅导', 'My mentoring')}</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function MyMentoringPage() {
  const tx = useTx();
  usePageTitle(tx('我的导师辅导', 'My mentoring'));
  const list = usePairings();
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data ?? [];
  return (
    <div>
      <PageHeading title={tx('我的导师辅导', 'My mentoring')} subtitle={tx('作为创业者或导师的辅导关系。每次辅导由双方分别确认并写下简短记录，双方都确认后才计入辅导次数。', 'Your pairings as founder or as mentor. Each session is confirmed by both sides with a short record; it counts once both have.')} extra={<Link to="/mentors">{tx('导师库', 'The library')}</Link>} />
      {rows.length === 0 && !list.isLoading ? <EmptyState description={tx('还没有导师辅导。', 'No mentoring yet.')}><Link to="/mentors">{tx('去找导师', 'Find a mentor')}</Link></EmptyState> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {rows.map((p) => (
          <PairingCard key={p.id} p={p} />
        ))}
      </Space>
    </div>
  );
}

function PairingCard({ p }: { p: Pairing }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [records, setRecords] = useState<Record<string, string>>({});
  const [endReason, setEndReason] = useState('');
  const [book] = Form.useForm<{ heldOn: Dayjs; mode: SessionMode; place?: string }>();
  const run = async (what: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await what();
      message.success(done);
      await qc.invalidateQueries({ queryKey: ['mentors'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, []));
    }
  };
  const live = p.status === 'accepted';
  const mySide = p.side;
  return (
    <Card size="small" data-testid="pairing" title={mySide === 'founder' ? tx(`导师：${p.mentorName}`, `Mentor: ${p.mentorName}`) : tx(`创业者：${p.founderName}`, `Founder: ${p.founderName}`)} extra={<Tag data-testid="pairing-status" color={live ? 'green' : p.status === 'requested' ? 'blue' : 'default'}>{PAIRING_STATUS_LABELS[p.status][lang]}</Tag>}>
      <ProblemAlert problem={problem} />
      <Descriptions size="small" column={1} items={[
        { key: 'need', label: tx('需求', 'Need'), children: p.need },
        { key: 'fields', label: tx('领域', 'Fields'), children: <FieldTags fields={p.fields} /> },
        { key: 'why', label: tx(`匹配度 ${p.score} 分`, `Score ${p.score}`), children: p.terms.map((t) => `${t.points > 0 ? '+' : ''}${t.points} ${t.reason[lang]}`).join('；') },
        ...(p.endReason ? [{ key: 'end', label: tx('结束原因', 'Ended because'), children: p.endReason }] : []),
      ]} />
      {p.status === 'requested' && mySide === 'mentor' && (
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" onClick={() => void run(() => decide(p.id, { accept: true, note: '' }), tx('已接受', 'Accepted'))}>{tx('接受', 'Accept')}</Button>
          <Button onClick={() => void run(() => decide(p.id, { accept: false, note: '' }), tx('已婉拒', 'Declined'))}>{tx('婉拒', 'Decline')}</Button>
        </Space>
      )}
      {p.sessions.length > 0 && (
        <List
          size="small"
          header={<strong>{tx('辅导记录', 'Sessions')}</strong>}
          dataSource={p.sessions}
          renderItem={(s) => {
            const mine = mySide === 'mentor' ? s.mentorConfirmedAt : s.founderConfirmedAt;
            return (
              <List.Item data-testid={`session-${s.heldOn}`}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <span>{`${s.heldOn} ${SESSION_MODE_LABELS[s.mode][lang]} ${s.place}`}</span>
                    {s.confirmed ? <Tag color="green">{tx('双方已确认', 'Confirmed by both')}</Tag> : <Tag color="orange">{tx(`待${s.mentorConfirmedAt ? '创业者' : s.founderConfirmedAt ? '导师' : '双方'}确认`, `Awaiting ${s.mentorConfirmedAt ? 'the founder' : s.founderConfirmedAt ? 'the mentor' : 'both'}`)}</Tag>}
                  </Space>
                  {s.mentorRecord && <span>{tx('导师记录：', "Mentor's record: ")}{s.mentorRecord}</span>}
                  {s.founderRecord && <span>{tx('创业者记录：', "Founder's record: ")}{s.founderRecord}</span>}
                  {!mine && live && (
                    <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
                      <Input placeholder={tx('简要记录本次辅导内容', 'A short record of the session')} value={records[s.id] ?? ''} onChange={(e) => setRecords((r) => ({ ...r, [s.id]: e.target.value }))} aria-label={tx(`${s.heldOn}辅导记录`, `Record of ${s.heldOn}`)} />
                      <Button type="primary" onClick={() => void run(() => confirmSession(p.id, s.id, { record: records[s.id] ?? '' }), tx('已确认', 'Confirmed'))}>{tx('确认已辅导', 'Confirm')}</Button>
                    </Space.Compact>
                  )}
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {live && (
        <Form form={book} layout="inline" style={{ marginTop: 12, rowGap: 8 }} initialValues={{ mode: 'in_person' }}>
          <Form.Item name="heldOn" label={tx('辅导日期', 'Date')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="mode" label={tx('方式', 'Mode')}>
            <Select style={{ width: 100 }} options={SESSION_MODES.map((m) => ({ value: m, label: SESSION_MODE_LABELS[m][lang] }))} />
          </Form.Item>
          <Form.Item name="place" label={tx('地点', 'Place')}>
            <Input maxLength={200} style={{ width: 240 }} />
          </Form.Item>
          <Button onClick={() => void book.validateFields().then((v) => run(() => bookSession(p.id, { heldOn: v.heldOn.format('YYYY-MM-DD'), mode: v.mode, place: v.place ?? '' }), tx('已预约', 'Booked')))}>{tx('预约辅导', 'Book a session')}</Button>
        </Form>
      )}
      {(live || p.status === 'ended') && (
        <Space wrap style={{ marginTop: 12 }}>
          <span>{tx('我的评价', 'My rating')}</span>
          <Rate value={p.myRating ?? 0} onChange={(stars) => void run(() => rate(p.id, { stars, comment: '' }), tx('已评价', 'Rated'))} />
          {p.theirRating !== null && <span>{tx(`对方评价 ${p.theirRating} 星`, `Their rating: ${p.theirRating}`)}</span>}
        </Space>
      )}
      {(live || p.status === 'requested') && (
        <Space.Compact style={{ width: '100%', maxWidth: 560, marginTop: 12 }}>
          <Input placeholder={tx('结束原因', 'Why end it')} value={endReason} onChange={(e) => setEndReason(e.target.value)} aria-label={tx('结束原因', 'Why end it')} />
          <Button danger onClick={() => void run(() => endPairing(p.id, { reason: endReason }), tx('已结束', 'Ended'))}>{tx('结束辅导', 'End')}</Button>
        </Space.Compact>
      )}
    </Card>
  );
}

export function MentorsOfficePage() {
  const tx = useTx();
  usePageTitle(tx('导师辅导情况', 'Mentoring figures'));
  const year = new Date().getFullYear();
  const list = useCommitments(year);
  const managed = useManagedMentors();
  // The mentor being edited, 'new' while adding one, null when the form is closed.
  const [editing, setEditing] = useState<ManagedMentor | 'new' | null>(null);
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data ?? [];
  const byId = new Map((managed.data ?? []).map((m) => [m.id, m]));
  return (
    <div>
      <PageHeading
        title={tx(`导师辅导情况（${year}年）`, `Mentoring in ${year}`)}
        subtitle={tx('登记和修改本辖区的创业导师；每位导师本年度经双方确认的辅导次数与年度承诺次数。', "Add and edit your region's mentors; each mentor's sessions this year confirmed by both sides, against their yearly commitment.")}
        extra={
          <Space wrap>
            <Button type="primary" onClick={() => setEditing('new')} data-testid="add-mentor">
              {tx('登记导师', 'Add a mentor')}
            </Button>
            <Link to="/mentors">{tx('导师库', 'The library')}</Link>
          </Space>
        }
      />
      {rows.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Chart
            title={tx('确认辅导次数与年度承诺', 'Confirmed sessions and the yearly commitment')}
            categories={rows.map((r) => r.name)}
            series={[
              { name: tx('已确认辅导', 'Confirmed'), values: rows.map((r) => r.confirmed) },
              { name: tx('已预约（含未确认）', 'Booked (incl. unconfirmed)'), values: rows.map((r) => r.booked) },
              { name: tx('年度承诺', 'Commitment'), values: rows.map((r) => r.yearlySessions) },
            ]}
            testId="commitments-chart"
          />
        </Card>
      )}
      <ResponsiveList<Commitment>
        rows={rows}
        loading={list.isLoading}
        rowKey={(r) => r.mentorId}
        testId="commitments"
        empty={<EmptyState description={tx('本辖区尚无导师。点击“登记导师”添加。', 'No mentor in your region yet. Use “Add a mentor”.')} />}
        columns={[
          { key: 'name', title: tx('导师', 'Mentor'), primary: true, render: (r) => r.name },
          { key: 'org', title: tx('单位', 'Organisation'), render: (r) => r.organisation },
          { key: 'region', title: tx('所在地', 'Place'), render: (r) => r.regionName },
          { key: 'confirmed', title: tx('已确认 / 承诺', 'Confirmed / committed'), render: (r) => `${r.confirmed} / ${r.yearlySessions}` },
          { key: 'booked', title: tx('已预约', 'Booked'), render: (r) => r.booked },
          { key: 'share', title: tx('完成率', 'Done'), render: (r) => `${Math.round((100 * r.confirmed) / r.yearlySessions)}%` },
          { key: 'account', title: tx('平台账号', 'Account'), render: (r) => (byId.get(r.mentorId)?.hasAccount ? tx('已关联', 'Linked') : tx('未关联', 'None')) },
          {
            key: 'edit',
            title: tx('操作', 'Actions'),
            render: (r) => (
              <Button size="small" disabled={!byId.has(r.mentorId)} onClick={() => setEditing(byId.get(r.mentorId) ?? null)} aria-label={tx(`修改${r.name}`, `Edit ${r.name}`)}>
                {tx('修改', 'Edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing !== null && <MentorFormModal mentor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

interface MentorForm {
  name: string;
  organisation: string;
  title?: string;
  regionCode: string;
  fields: MentorField[];
  industries?: MentorIndustry[];
  availability: string;
  yearlySessions: number;
  bio?: string;
  username?: string;
}

const MENTOR_FORM_FIELDS = [['name'], ['organisation'], ['title'], ['regionCode'], ['fields'], ['industries'], ['availability'], ['yearlySessions'], ['bio'], ['username']] as const;

/** Adding a mentor (mentor null) or editing one: every field the library keeps, checked field by field. */
function MentorFormModal({ mentor, onClose }: { mentor: ManagedMentor | null; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<MentorForm>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const initial: Partial<MentorForm> = mentor
    ? { name: mentor.name, organisation: mentor.organisation, title: mentor.title, regionCode: mentor.regionCode, fields: mentor.fields, industries: mentor.industries, availability: mentor.availability, yearlySessions: mentor.yearlySessions, bio: mentor.bio, username: mentor.username ?? undefined }
    : { fields: [], industries: [], yearlySessions: 12 };
  const submit = async () => {
    let v: MentorForm;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows each field's message
    }
    setProblem(null);
    setSaving(true);
    const username = v.username?.trim();
    const body = {
      name: v.name.trim(),
      organisation: v.organisation.trim(),
      title: (v.title ?? '').trim(),
      regionCode: v.regionCode,
      fields: v.fields,
      industries: v.industries ?? [],
      availability: v.availability.trim(),
      yearlySessions: v.yearlySessions,
      bio: (v.bio ?? '').trim(),
      ...(username ? { username } : {}),
    };
    try {
      if (mentor) await updateMentor(mentor.id, body);
      else await addMentor(body);
      message.success(mentor ? tx(`已保存${body.name}的信息`, `Saved ${body.name}`) : tx(`已登记导师${body.name}`, `Added ${body.name}`));
      await qc.invalidateQueries({ queryKey: ['mentors'] });
      onClose();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, MENTOR_FORM_FIELDS));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={mentor ? tx(`修改导师：${mentor.name}`, `Edit mentor: ${mentor.name}`) : tx('登记导师', 'Add a mentor')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={tx('保存', 'Save')}
      cancelText={tx('取消', 'Cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'mentor-save' } as never}
      width={720}
      destroyOnHidden
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={initial} data-testid="mentor-form">
        <Space wrap align="start">
          <Form.Item name="name" label={tx('导师姓名', 'Name')} rules={[{ required: true, whitespace: true, min: 2, message: tx('请填写导师姓名（至少2个字）', "Enter the mentor's name (at least 2 characters)") }]}>
            <Input maxLength={40} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="organisation" label={tx('所在单位', 'Organisation')} rules={[{ required: true, whitespace: true, min: 2, message: tx('请填写所在单位（至少2个字）', 'Enter the organisation (at least 2 characters)') }]}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="title" label={tx('职务或职称', 'Title')}>
            <Input maxLength={100} style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Form.Item name="regionCode" label={tx('所在区县', 'District')} rules={[{ required: true, message: tx('请选择导师所在区县', "Choose the mentor's district") }]}>
          <RegionCascader anyLevel={false} />
        </Form.Item>
        <Form.Item name="fields" label={tx('擅长领域', 'Fields of expertise')} rules={[{ required: true, type: 'array', min: 1, message: tx('请至少选择一个擅长领域', 'Choose at least one field of expertise') }]}>
          <Select mode="multiple" options={MENTOR_FIELDS.map((f) => ({ value: f, label: MENTOR_FIELD_LABELS[f][lang] }))} data-testid="mentor-fields" />
        </Form.Item>
        <Form.Item name="industries" label={tx('熟悉行业', 'Industries')}>
          <Select mode="multiple" options={MENTOR_INDUSTRIES.map((i) => ({ value: i, label: MENTOR_INDUSTRY_LABELS[i][lang] }))} data-testid="mentor-industries" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="availability" label={tx('可辅导时间', 'Availability')} rules={[{ required: true, whitespace: true, min: 2, message: tx('请填写可辅导时间（至少2个字），如“每周三下午”', 'Say when the mentor is available (at least 2 characters), e.g. “Wednesday afternoons”') }]}>
            <Input maxLength={200} style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="yearlySessions" label={tx('年度辅导承诺（次）', 'Sessions a year (commitment)')} rules={[{ required: true, type: 'integer', min: 1, max: 200, message: tx('请填写年度辅导承诺次数（1至200次）', 'Enter the yearly commitment (1 to 200 sessions)') }]}>
            <InputNumber min={1} max={200} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="bio" label={tx('简介', 'About')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item
          name="username"
          label={tx('关联的平台账号（用户名，可不填）', 'Linked account (username, optional)')}
          extra={tx('导师本人有平台账号时填写，导师即可用该账号答复辅导申请、确认辅导。', 'When the mentor has an account, they answer requests and confirm sessions with it.')}
          rules={[{ min: 3, max: 64, message: tx('关联账号的用户名应为3至64个字符', 'The linked username has 3 to 64 characters') }]}
        >
          <Input maxLength={64} style={{ width: 260 }} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
