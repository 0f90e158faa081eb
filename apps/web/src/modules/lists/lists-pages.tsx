/**
 * The lists' pages (清单): the public index of fee lists and power lists with answered complaints;
 * a list as it stands with every revision's changes (added, removed, changed field by field) and,
 * for a fee list, the complaint form (乱收费); the department's desk: revise a list (the rows,
 * the legal basis, a change note) and answer the complaints routed to it before their due date.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { LIST_FIELDS, LIST_KIND_LABELS, COMPLAINT_WORKING_DAYS, type ListKind, type ListRow, type Revision } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant, showInstantDate } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { answerComplaint, fileComplaint, reviseList, useDepartmentComplaints, useList, useMyLists, usePublicComplaints, usePublicLists, type DepartmentComplaint, type ListSummary, type PublicComplaint } from './lists.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

function ListsTable({ rows, testId }: { rows: ListSummary[]; testId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<ListSummary>
      rows={rows}
      rowKey={(l) => l.id}
      testId={testId}
      empty={<EmptyState description={tx('尚无公布的清单。', 'No list published yet.')} />}
      columns={[
        { key: 'title', title: tx('清单', 'List'), primary: true, render: (l) => <Link to={`/lists/${l.id}`}>{l.title}</Link> },
        { key: 'dept', title: tx('部门', 'Department'), render: (l) => l.department },
        { key: 'rows', title: tx('事项', 'Rows'), render: (l) => tx(`${l.rows} 项`, `${l.rows}`) },
        { key: 'rev', title: tx('版本', 'Revision'), render: (l) => (l.revision ? tx(`第 ${l.revision} 版`, `Revision ${l.revision}`) : tx('未公布', 'Not published')) },
        { key: 'at', title: tx('更新时间', 'Updated'), render: (l) => (l.updatedAt ? showInstant(l.updatedAt, lang) : '—') },
      ]}
    />
  );
}

function ComplaintsList({ rows, testId }: { rows: PublicComplaint[]; testId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<PublicComplaint>
      rows={rows}
      rowKey={(c) => c.id}
      testId={testId}
      empty={<EmptyState description={tx('尚无已答复的投诉。', 'No answered complaint yet.')} />}
      columns={[
        { key: 'what', title: tx('投诉事项', 'Complaint'), primary: true, render: (c) => `${c.chargedBy}：${c.what}（${amountText(c.amountFen, lang)}）` },
        { key: 'dept', title: tx('答复部门', 'Department'), render: (c) => c.department },
        { key: 'answer', title: tx('答复', 'Answer'), render: (c) => c.answer ?? '—' },
        { key: 'on', title: tx('答复时间', 'Answered'), render: (c) => (c.answeredAt ? showInstantDate(c.answeredAt) : '—') },
        { key: 'due', title: tx('时限', 'Deadline'), render: (c) => <DueTag c={c} /> },
      ]}
    />
  );
}

function DueTag({ c }: { c: PublicComplaint }) {
  const tx = useTx();
  if (c.overdue) return <Tag color="red">{c.answer ? tx(`超期答复（应于 ${c.dueOn} 前）`, `Answered late (due ${c.dueOn})`) : tx(`已超期（应于 ${c.dueOn} 前）`, `Overdue (due ${c.dueOn})`)}</Tag>;
  return <Tag color={c.answer ? 'green' : 'gold'}>{c.answer ? tx('按时答复', 'Answered in time') : tx(`${c.dueOn} 前答复`, `Due ${c.dueOn}`)}</Tag>;
}

export function ListsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('清单公开', 'Fee and power lists'));
  const [kind, setKind] = useState<ListKind>('fee');
  const lists = usePublicLists(kind);
  const complaints = usePublicComplaints();
  if (lists.error) return <LoadError error={lists.error} onRetry={() => void lists.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('清单公开', 'Fee and power lists')}
        subtitle={tx('各部门的涉企收费目录清单和权责清单，以及每次修订的内容和依据。清单外收费可在收费清单页面投诉。', "Each department's fees charged to enterprises and its powers and responsibilities, with every revision and its basis. Complain of a fee not on a list from the fee list's page.")}
      />
      <Tabs activeKey={kind} onChange={(k) => setKind(k as ListKind)} items={(['fee', 'power'] as const).map((k) => ({ key: k, label: LIST_KIND_LABELS[k][lang] }))} />
      <ListsTable rows={lists.data ?? []} testId="lists" />
      <Card size="small" title={tx('乱收费投诉及答复', 'Complaints and answers')} style={{ marginTop: 16 }}>
        <ComplaintsList rows={complaints.data ?? []} testId="public-complaints" />
      </Card>
    </div>
  );
}

const fieldLabel = (kind: ListKind, key: string, lang: 'zh' | 'en') => LIST_FIELDS[kind].find((f) => f.key === key)?.[lang] ?? key;

function RevisionChanges({ kind, r }: { kind: ListKind; r: Revision }) {
  const tx = useTx();
  const { lang } = useLang();
  const { added, removed, changed } = r.diff;
  return (
    <div data-testid={`revision-${r.number}`}>
      <Typography.Paragraph>
        <strong>{tx('修订依据：', 'Basis: ')}</strong>
        {r.legalBasis}
        <br />
        <strong>{tx('修订说明：', 'Note: ')}</strong>
        {r.changeNote}
      </Typography.Paragraph>
      <ul className="sb-diff">
        {added.map((x) => (
          <li key={`a-${x.item}`}>
            <Tag color="green">{tx('新增', 'Added')}</Tag>
            {x.item}
            {kind === 'fee' ? `（${x.standard}）` : `（${x.kind}）`}
          </li>
        ))}
        {removed.map((x) => (
          <li key={`r-${x.item}`}>
            <Tag color="red">{tx('取消', 'Removed')}</Tag>
            <del>{x.item}</del>
          </li>
        ))}
        {changed.map((x) => (
          <li key={`c-${x.item}`}>
            <Tag color="blue">{tx('调整', 'Changed')}</Tag>
            {x.item}：
            {x.fields.map((f) => (
              <span key={f.field} data-testid="field-change">
                {fieldLabel(kind, f.field, lang)} <del>{f.before}</del> → <ins>{f.after}</ins>{' '}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ListPublicPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const page = useList(id);
  usePageTitle(page.data?.title ?? tx('清单', 'List'));
  const [reviseOpen, setReviseOpen] = useState(false);
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const l = page.data;
  const fields = LIST_FIELDS[l.kind];
  return (
    <div>
      <PageHeading
        title={l.title}
        subtitle={`${l.department} · ${LIST_KIND_LABELS[l.kind][lang]} · ${l.revision ? tx(`第 ${l.revision} 版`, `revision ${l.revision}`) : tx('未公布', 'not published')}`}
        extra={
          <Space wrap>
            {l.mayRevise ? (
              <Button type="primary" data-testid="revise-list" onClick={() => setReviseOpen(true)}>
                {tx('修订清单', 'Revise')}
              </Button>
            ) : null}
            <Link to="/lists">{tx('返回清单公开', 'Back to the lists')}</Link>
          </Space>
        }
      />
      <Card size="small" title={tx('现行清单', 'As it stands')} style={{ marginBottom: 16 }}>
        <Table<ListRow>
          size="small"
          rowKey={(r) => r.item ?? ''}
          dataSource={l.current}
          pagination={false}
          scroll={{ x: true }}
          data-testid="current-rows"
          locale={{ emptyText: tx('清单为空', 'The list is empty') }}
          columns={fields.map((f) => ({ key: f.key, dataIndex: f.key, title: f[lang] }))}
        />
      </Card>
      <Card size="small" title={tx('修订记录', 'Revisions')} style={{ marginBottom: 16 }}>
        {l.revisions.length === 0 ? (
          <EmptyState description={tx('尚未公布。', 'Not yet published.')} />
        ) : (
          l.revisions.map((r) => (
            <Card key={r.number} type="inner" size="small" style={{ marginBottom: 8 }} title={tx(`第 ${r.number} 版 · ${showInstant(r.publishedAt, lang)} · ${r.publishedBy}`, `Revision ${r.number} · ${showInstant(r.publishedAt, lang)} · ${r.publishedBy}`)}>
              <RevisionChanges kind={l.kind} r={r} />
            </Card>
          ))
        )}
      </Card>
      {l.kind === 'fee' && l.revision ? <ComplaintForm listId={l.id} /> : null}
      {reviseOpen ? <ReviseDialog list={l} onClose={() => setReviseOpen(false)} /> : null}
    </div>
  );
}

interface ComplaintValues {
  chargedBy: string;
  what: string;
  amountYuan: number;
  chargedOn: Dayjs;
  contactName?: string;
  contactPhone?: string;
}

function ComplaintForm({ listId }: { listId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const me = useMe();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ComplaintValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [done, setDone] = useState<PublicComplaint | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = !!me.data;
  const submit = async (v: ComplaintValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const c = await fileComplaint({
        listId,
        chargedBy: v.chargedBy ?? '',
        what: v.what ?? '',
        amountFen: Math.round((v.amountYuan ?? 0) * 100),
        chargedOn: v.chargedOn ? v.chargedOn.format('YYYY-MM-DD') : '',
        contactName: signedIn ? null : (v.contactName ?? ''),
        contactPhone: signedIn ? null : (v.contactPhone ?? ''),
      });
      setDone(c);
      form.resetFields();
      await client.invalidateQueries({ queryKey: ['lists', 'complaints'] });
      void message.success(tx('投诉已提交', 'Complaint filed'));
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['chargedBy'], ['what'], ['amountFen'], ['chargedOn'], ['contactName'], ['contactPhone']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={tx('投诉清单外收费（乱收费）', 'Complain of a fee not on the list')} data-testid="complaint-card">
      <Typography.Paragraph type="secondary">
        {tx(`投诉将转交本清单所属部门，在 ${COMPLAINT_WORKING_DAYS} 个工作日内答复；答复公开时不含您的姓名和联系方式。`, `The department answers within ${COMPLAINT_WORKING_DAYS} working days; the answer is published without your name or contact.`)}
      </Typography.Paragraph>
      {done ? <Typography.Paragraph type="success" data-testid="complaint-filed">{tx(`已提交，答复期限：${done.dueOn}`, `Filed; answer due by ${done.dueOn}`)}</Typography.Paragraph> : null}
      <ProblemAlert problem={problem} />
      <Form<ComplaintValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="chargedBy" label={tx('收费单位', 'Who charged')} rules={[{ required: true, message: tx('应填写收费单位', 'Required') }]}>
          <Input maxLength={100} data-testid="complaint-charged-by" />
        </Form.Item>
        <Form.Item name="what" label={tx('收取的费用', 'What was charged')} rules={[{ required: true, message: tx('应说明收取的费用', 'Required') }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="complaint-what" />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="amountYuan" label={tx('金额（元）', 'Amount (yuan)')} rules={[{ required: true, message: tx('应填写金额', 'Required') }]}>
            <InputNumber min={0.01} step={1} precision={2} style={{ width: 160 }} data-testid="complaint-amount" />
          </Form.Item>
          <Form.Item name="chargedOn" label={tx('收费日期', 'Date charged')} rules={[{ required: true, message: tx('应选择日期', 'Required') }]}>
            <DatePicker data-testid="complaint-date" />
          </Form.Item>
        </Space>
        {signedIn ? null : (
          <Space wrap size={16}>
            <Form.Item name="contactName" label={tx('姓名', 'Name')} rules={[{ required: true, message: tx('未登录时应留下姓名', 'Required when not signed in') }]}>
              <Input maxLength={50} data-testid="complaint-name" />
            </Form.Item>
            <Form.Item name="contactPhone" label={tx('联系电话', 'Phone')} rules={[{ required: true, message: tx('未登录时应留下联系电话', 'Required when not signed in') }]}>
              <Input maxLength={20} data-testid="complaint-phone" />
            </Form.Item>
          </Space>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="file-complaint">
          {tx('提交投诉', 'File the complaint')}
        </Button>
      </Form>
    </Card>
  );
}

interface ReviseValues {
  legalBasis: string;
  changeNote: string;
  rows: ListRow[];
}

function ReviseDialog({ list, onClose }: { list: { id: string; kind: ListKind; current: ListRow[] }; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ReviseValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = LIST_FIELDS[list.kind];
  const save = async (v: ReviseValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const page = await reviseList(list.id, { legalBasis: v.legalBasis ?? '', changeNote: v.changeNote ?? '', rows: (v.rows ?? []).map((r) => Object.fromEntries(fields.map((f) => [f.key, r?.[f.key] ?? '']))) });
      client.setQueryData(['lists', 'page', list.id], page);
      await client.invalidateQueries({ queryKey: ['lists', 'public'] });
      void message.success(tx('修订已公布', 'Revision published'));
      onClose();
    } catch (e) {
      setProblem(mapProblem(e, lang, [['legalBasis'], ['changeNote'], ['rows']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={960} title={tx('修订清单', 'Revise the list')} okText={tx('公布修订', 'Publish the revision')} cancelText={tx('取消', 'Cancel')} confirmLoading={busy} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'publish-revision' } as never}>
      <ProblemAlert problem={problem} />
      <Form<ReviseValues> form={form} layout="vertical" initialValues={{ rows: list.current, legalBasis: '', changeNote: '' }} onFinish={(v) => void save(v)}>
        <Form.List name="rows">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Card key={item.key} size="small" type="inner" style={{ marginBottom: 8 }} title={tx(`第 ${i + 1} 项`, `Row ${i + 1}`)} extra={<Button size="small" danger type="link" onClick={() => remove(item.name)}>{tx('删除', 'Remove')}</Button>}>
                  <Space wrap>
                    {fields.map((f) => (
                      <Form.Item key={f.key} name={[item.name, f.key]} label={f[lang]} style={{ marginBottom: 4, minWidth: 160 }}>
                        <Input maxLength={500} data-testid={`row-${i}-${f.key}`} />
                      </Form.Item>
                    ))}
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add(Object.fromEntries(fields.map((f) => [f.key, ''])))} data-testid="add-row">
                {tx('新增一项', 'Add a row')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="legalBasis" label={tx('修订依据', 'Legal basis')} style={{ marginTop: 16 }}>
          <Input maxLength={500} data-testid="revision-basis" />
        </Form.Item>
        <Form.Item name="changeNote" label={tx('修订说明', 'What changes')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="revision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ListsDeskPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('清单与投诉', 'Lists and complaints'));
  const lists = useMyLists();
  const complaints = useDepartmentComplaints();
  const [answering, setAnswering] = useState<DepartmentComplaint | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  if (lists.isLoading) return <PageLoading />;
  if (lists.error) return <LoadError error={lists.error} onRetry={() => void lists.refetch()} />;
  const send = async () => {
    if (!answering) return;
    setBusy(true);
    setProblem(null);
    try {
      await answerComplaint(answering.id, { answer: text });
      await client.invalidateQueries({ queryKey: ['lists', 'complaints'] });
      void message.success(tx('已答复并公开', 'Answered and published'));
      setAnswering(null);
      setText('');
    } catch (e) {
      setProblem(mapProblem(e, lang, [['answer']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <PageHeading title={tx('清单与投诉', 'Lists and complaints')} subtitle={tx('修订本部门的收费清单和权责清单；答复转来的乱收费投诉。', "Revise your department's lists; answer the complaints routed to it.")} />
      <Card size="small" title={tx('本部门清单', 'My department’s lists')} style={{ marginBottom: 16 }}>
        <ListsTable rows={lists.data ?? []} testId="my-lists" />
      </Card>
      <Card size="small" title={tx('收到的投诉', 'Complaints received')}>
        <ResponsiveList<DepartmentComplaint>
          rows={complaints.data ?? []}
          rowKey={(c) => c.id}
          testId="department-complaints"
          empty={<EmptyState description={tx('没有收到投诉。', 'No complaints.')} />}
          columns={[
            { key: 'what', title: tx('投诉事项', 'Complaint'), primary: true, render: (c) => `${c.chargedBy}：${c.what}（${amountText(c.amountFen, lang)}，${c.chargedOn}）` },
            { key: 'contact', title: tx('投诉人', 'From'), render: (c) => c.contact },
            { key: 'due', title: tx('时限', 'Deadline'), render: (c) => <DueTag c={c} /> },
            { key: 'answer', title: tx('答复', 'Answer'), render: (c) => c.answer ?? <Button size="small" type="primary" data-testid="answer-complaint" onClick={() => setAnswering(c)}>{tx('答复', 'Answer')}</Button> },
          ]}
        />
      </Card>
      <Modal open={answering !== null} title={tx('答复投诉', 'Answer')} okText={tx('答复并公开', 'Answer and publish')} cancelText={tx('取消', 'Cancel')} confirmLoading={busy} onCancel={() => setAnswering(null)} onOk={() => void send()}>
        <ProblemAlert problem={problem} />
        <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} aria-label={tx('答复内容', 'Answer')} data-testid="answer-text" />
      </Modal>
    </div>
  );
}
