/**
 * The project library's pages: the public library (创业项目库, searched in words and pinyin), a
 * project's page (asking to adopt it), 我的项目 (posting, answering adoptions, recording a
 * successful start-up, the reward it earned) and the bureau's 项目库审核 (admission, verification).
 */
import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import {
  ADOPTION_STATUS_LABELS,
  PROJECT_KINDS,
  PROJECT_KIND_LABELS,
  PROJECT_OFFERS,
  PROJECT_OFFER_LABELS,
  PROJECT_STATUS_LABELS,
  type AdoptionStatus,
  type ProjectKind,
  type ProjectOffer,
  type ProjectStatus,
} from '@seedbed/contract';
import { Link, useParams } from 'react-router';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import type { Lang } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { IndustrySelect, RegionCascader } from '../regions';
import {
  answerAdoption,
  askToAdopt,
  decideProject,
  editProject,
  evidenceHref,
  postProject,
  recordSuccess,
  uploadPdf,
  useMyProjects,
  useProject,
  useProjects,
  useReviewQueue,
  verifySuccess,
  type Adoption,
  type ProjectDetail,
  type ProjectSummary,
} from './projects.api';

/** A refusal in one line: its first field's message (the field is in the dialog), else the general one. */
const refusal = (e: unknown, lang: Lang) => {
  const m = mapProblem(e, lang, []);
  return m.unplaced[0]?.message ?? m.message;
};

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

function StatusTag({ status }: { status: ProjectStatus }) {
  const { lang } = useLang();
  const color = { submitted: 'gold', admitted: 'green', returned: 'red' }[status];
  return <Tag color={color}>{PROJECT_STATUS_LABELS[status][lang]}</Tag>;
}
function AdoptionTag({ status }: { status: AdoptionStatus }) {
  const { lang } = useLang();
  const color = { requested: 'gold', accepted: 'blue', declined: 'default', succeeded: 'purple', verified: 'green' }[status];
  return <Tag color={color}>{ADOPTION_STATUS_LABELS[status][lang]}</Tag>;
}
function Offers({ offers }: { offers: readonly ProjectOffer[] }) {
  const { lang } = useLang();
  return (
    <>
      {offers.map((o) => (
        <Tag key={o}>{PROJECT_OFFER_LABELS[o][lang]}</Tag>
      ))}
    </>
  );
}

/** A PDF chosen in a form, uploaded when the form is sent. */
function PdfPicker({ file, onChange, testId, label }: { file: File | null; onChange: (f: File | null) => void; testId: string; label: string }) {
  const tx = useTx();
  return (
    <>
      <Upload
        beforeUpload={(f) => {
          onChange(f);
          return false;
        }}
        maxCount={1}
        accept=".pdf"
        showUploadList={false}
      >
        <Button data-testid={testId}>{label}</Button>
      </Upload>
      {file ? (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {file.name}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {tx('未选择文件', 'No file chosen')}
        </Typography.Text>
      )}
    </>
  );
}

// ---------------------------------------------------------------- the public library

export function ProjectsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('创业项目库', 'Start-up project library'));
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [industry, setIndustry] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const list = useProjects({ q, ...(kind ? { kind } : {}), ...(industry ? { industry } : {}), ...(region ? { region } : {}) });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('创业项目库', 'Start-up project library')}
        subtitle={tx(
          '个人和机构提供的专利、科研成果与创业项目，经人社部门（公共就业创业服务机构）审核入库。企业可申请采用；采用后成功创业的，按当地政策对项目提供者给予奖励。可按名称、拼音、类型、行业和地区查找。',
          'Patents, research results and business projects offered by persons and organisations, admitted by the human-resources bureau (the public employment service). Enterprises may ask to adopt one; a successful start-up earns the project provider the local reward. Search by name or pinyin, kind, industry and region.',
        )}
        extra={<Link to="/projects/mine">{tx('发布项目', 'Post a project')}</Link>}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={tx('名称、简介或拼音', 'Name, summary or pinyin')} onSearch={setQ} style={{ width: 240 }} data-testid="project-search" aria-label={tx('搜索项目', 'Search projects')} />
        <Select allowClear placeholder={tx('全部类型', 'All kinds')} value={kind} onChange={setKind} style={{ width: 180 }} options={PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k][lang] }))} aria-label={tx('类型', 'Kind')} />
        <div style={{ width: 260 }}>
          <IndustrySelect value={industry} onChange={(v) => setIndustry(v ?? null)} />
        </div>
        <div style={{ width: 240 }}>
          <RegionCascader value={region} onChange={setRegion} />
        </div>
      </Space>
      <ResponsiveList<ProjectSummary>
        rows={list.data ?? []}
        loading={list.isLoading}
        rowKey={(p) => p.id}
        testId="projects"
        empty={<EmptyState description={tx('没有符合条件的项目。', 'No project matches.')} />}
        columns={[
          { key: 'title', title: tx('项目', 'Project'), primary: true, render: (p) => <Link to={`/projects/${p.id}`}>{p.title}</Link> },
          { key: 'kind', title: tx('类型', 'Kind'), render: (p) => PROJECT_KIND_LABELS[p.kind][lang] },
          { key: 'industry', title: tx('行业', 'Industry'), render: (p) => p.industryName },
          { key: 'region', title: tx('地区', 'Region'), render: (p) => p.regionName },
          { key: 'offers', title: tx('合作方式', 'Offered as'), render: (p) => <Offers offers={p.offers} /> },
          { key: 'poster', title: tx('项目提供者', 'Provided by'), render: (p) => p.posterName },
          { key: 'adoptions', title: tx('已采用', 'Adopted'), render: (p) => tx(`${p.adoptions} 次`, `${p.adoptions}`) },
        ]}
      />
    </div>
  );
}

function RewardNotes({ p }: { p: ProjectDetail }) {
  const tx = useTx();
  const { lang } = useLang();
  if (!p.rewardItem) return <Typography.Text type="secondary">{tx('本地区的政策目录中暂无项目库采用奖励。', "The region's catalogue has no reward for adopted projects.")}</Typography.Text>;
  return (
    <Space direction="vertical" size={4}>
      <span>
        {p.rewardItem.title[lang]}
        {p.rewardItem.note ? `（${p.rewardItem.note[lang]}）` : ''}
      </span>
      {!p.rewardItem.payableToPoster ? (
        <Alert
          type="warning"
          showIcon
          data-testid="person-reward-note"
          title={tx(
            '该项目由个人发布：政策目录将这项奖励的对象（项目提供者）编码为服务机构，本平台的兑现系统不能向个人档案兑现服务机构事项。成功创业可以登记和核定，但奖励暂不能在线兑现，请向人社部门咨询线下办理。',
            "Posted by a person: the catalogue encodes this reward's recipient (the project provider) as a service organisation, and fulfilment here cannot pay an organisation's item to a person. A successful start-up is still recorded and verified, but the reward cannot be paid online: ask the human-resources bureau about claiming it offline.",
          )}
        />
      ) : null}
    </Space>
  );
}

function Rewards({ p }: { p: ProjectDetail }) {
  const tx = useTx();
  const { lang } = useLang();
  if (p.rewards.length === 0) return null;
  return (
    <Card size="small" title={tx('项目奖励', 'Reward')} style={{ marginBottom: 16 }} data-testid="project-rewards">
      {p.rewards.map((r) => (
        <div key={r.itemTitle.zh}>
          {r.handedToFulfilment ? <Tag color="green">{tx('已进入兑现流程', 'In fulfilment')}</Tag> : r.status === 'not_payable' ? <Tag color="orange">{tx('暂不能在线兑现', 'Not payable online')}</Tag> : <Tag>{tx('暂不符合', 'Not eligible')}</Tag>}
          <span>{r.itemTitle[lang]}</span>
          {r.amountFen !== null ? <strong style={{ marginLeft: 8 }}>{amountText(r.amountFen, lang)}</strong> : null}
          {r.handedToFulfilment && p.mine ? (
            <Link to="/fulfilment/mine" style={{ marginLeft: 8 }}>
              {tx('查看兑现进度', 'Follow it in fulfilment')}
            </Link>
          ) : null}
          {r.reasons.map((x) => (
            <div key={x.zh}>
              <Typography.Text type="secondary">{x[lang]}</Typography.Text>
            </div>
          ))}
        </div>
      ))}
    </Card>
  );
}

export function ProjectPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const page = useProject(id);
  const me = useMe();
  const mine = useMyProjects(!!me.data);
  usePageTitle(page.data?.title ?? tx('创业项目', 'Project'));
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const p = page.data;
  const adopters = mine.data?.mayAdoptFor ?? [];
  return (
    <div>
      <PageHeading
        title={p.title}
        extra={
          <Space>
            {p.status === 'admitted' && !p.mine && adopters.length > 0 ? <AdoptButton project={p} adopters={adopters} /> : null}
            <Link to="/projects">{tx('返回项目库', 'Back to the library')}</Link>
          </Space>
        }
      />
      {p.status === 'admitted' && !me.data ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tx('企业登录后可申请采用该项目。', 'Sign in as an enterprise to ask to adopt this project.')} /> : null}
      <Card size="small" title={tx('项目概况', 'About the project')} style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'kind', label: tx('类型', 'Kind'), children: PROJECT_KIND_LABELS[p.kind][lang] },
            { key: 'status', label: tx('状态', 'Status'), children: <StatusTag status={p.status} /> },
            { key: 'poster', label: tx('项目提供者', 'Provided by'), children: `${p.posterName}${p.posterIsPerson ? tx('（个人）', ' (a person)') : ''}` },
            { key: 'industry', label: tx('行业', 'Industry'), children: p.industryName },
            { key: 'region', label: tx('地区', 'Region'), children: p.regionName },
            { key: 'offers', label: tx('合作方式', 'Offered as'), children: <Offers offers={p.offers} /> },
            { key: 'admitted', label: tx('入库日期', 'Admitted on'), children: p.admittedOn ?? '—' },
            { key: 'keeper', label: tx('入库审核部门', 'Kept by'), children: p.keeperName ?? tx('所在地区的主管部门', "The region's department") },
            { key: 'summary', label: tx('项目简介', 'Summary'), children: p.summary, span: 2 },
            {
              key: 'attachment',
              label: tx('附件', 'Attachment'),
              children: p.attachmentUrl ? (
                <a href={p.attachmentUrl} data-testid="project-attachment">
                  {p.attachmentName}
                </a>
              ) : (
                tx('无', 'None')
              ),
              span: 2,
            },
            { key: 'reward', label: tx('成功创业奖励', 'Reward for a successful adoption'), children: <RewardNotes p={p} />, span: 2 },
          ]}
        />
      </Card>
      <Rewards p={p} />
      {p.adoptionList.length > 0 ? (
        <Card size="small" title={tx('采用情况', 'Adoptions')}>
          <AdoptionList rows={p.adoptionList} testId="project-adoptions" />
        </Card>
      ) : null}
    </div>
  );
}

function AdoptButton({ project, adopters }: { project: ProjectDetail; adopters: { subjectId: string; name: string }[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ subjectId: string; plan: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      await askToAdopt(project.id, v);
      message.success(tx('已提交采用申请，等待项目提供者答复', 'Request sent: the poster will answer'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['projects'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['subjectId'], ['plan']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="adopt">
        {tx('申请采用', 'Ask to adopt')}
      </Button>
      <Modal open={open} title={tx(`申请采用：${project.title}`, `Ask to adopt: ${project.title}`)} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('提交', 'Send')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ subjectId: adopters[0]?.subjectId }}>
          <Form.Item name="subjectId" label={tx('采用企业', 'Enterprise')} rules={[{ required: true, message: tx('请选择企业', 'Choose the enterprise') }]}>
            <Select options={adopters.map((a) => ({ value: a.subjectId, label: a.name }))} />
          </Form.Item>
          <Form.Item name="plan" label={tx('采用计划（如何使用该项目、预计规模与就业）', 'Plan (how you will use it, scale, jobs)')} rules={[{ required: true, min: 10, message: tx('至少10个字', 'At least 10 characters') }]}>
            <Input.TextArea rows={4} maxLength={1000} data-testid="adopt-plan" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

// ---------------------------------------------------------------- adoptions, as a list with each side's actions

function AdoptionList({ rows, testId, actions, empty }: { rows: readonly Adoption[]; testId: string; actions?: (a: Adoption) => ReactNode; empty?: string }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<Adoption>
      rows={rows}
      rowKey={(a) => a.id}
      testId={testId}
      empty={<EmptyState description={empty ?? tx('暂无采用申请。', 'No adoption yet.')} />}
      columns={[
        { key: 'project', title: tx('项目', 'Project'), primary: true, render: (a) => <Link to={`/projects/${a.projectId}`}>{a.projectTitle}</Link> },
        { key: 'adopter', title: tx('采用企业', 'Enterprise'), render: (a) => a.adopterName },
        { key: 'status', title: tx('状态', 'Status'), render: (a) => <AdoptionTag status={a.status} /> },
        { key: 'plan', title: tx('采用计划', 'Plan'), render: (a) => a.plan },
        {
          key: 'success',
          title: tx('成功创业', 'Start-up'),
          render: (a) =>
            a.succeededOn ? (
              <span>
                {a.succeededOn} {a.successNote}
                {a.evidenceName ? (
                  <>
                    {' '}
                    <a href={evidenceHref(a.id)}>{a.evidenceName}</a>
                  </>
                ) : null}
                {a.rewardFen !== null ? <strong style={{ marginLeft: 6 }}>{tx('核定奖励', 'Reward')} {amountText(a.rewardFen, lang)}</strong> : null}
              </span>
            ) : a.returnNote ? (
              <Typography.Text type="warning">{tx(`被退回：${a.returnNote}`, `Sent back: ${a.returnNote}`)}</Typography.Text>
            ) : (
              '—'
            ),
        },
        ...(actions ? [{ key: 'actions', title: tx('操作', 'Actions'), render: actions }] : []),
      ]}
    />
  );
}

function AnswerButtons({ a }: { a: Adoption }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const answer = async (accept: boolean) => {
    try {
      await answerAdoption(a.id, { accept, note });
      message.success(accept ? tx('已同意采用', 'Adoption accepted') : tx('已婉拒', 'Declined'));
      setDeclining(false);
      await qc.invalidateQueries({ queryKey: ['projects'] });
    } catch (e) {
      message.error(refusal(e, lang));
    }
  };
  return (
    <Space wrap>
      <Button size="small" type="primary" onClick={() => void answer(true)} data-testid="adoption-accept">
        {tx('同意', 'Accept')}
      </Button>
      <Button size="small" onClick={() => setDeclining(true)}>
        {tx('婉拒', 'Decline')}
      </Button>
      <Modal open={declining} title={tx('婉拒采用申请', 'Decline the request')} onCancel={() => setDeclining(false)} onOk={() => void answer(false)} okText={tx('婉拒', 'Decline')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={500} placeholder={tx('请说明理由', 'Give the reason')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Space>
  );
}

function SuccessButton({ a }: { a: Adoption }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ succeededOn: Dayjs; note: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    if (!file) {
      setProblem({ message: tx('请上传证明材料（PDF）', 'Upload the evidence (a PDF)'), unplaced: [], placed: [], code: 'EVIDENCE_REQUIRED' });
      return;
    }
    setBusy(true);
    try {
      const stored = await uploadPdf(file);
      await recordSuccess(a.id, { succeededOn: v.succeededOn.format('YYYY-MM-DD'), evidenceFileId: stored.id, note: v.note });
      message.success(tx('已登记，等待人社部门核定', 'Recorded: the human-resources bureau verifies it next'));
      setOpen(false);
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['projects'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['succeededOn'], ['note'], ['evidenceFileId']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="record-success">
        {tx('登记成功创业', 'Record the start-up')}
      </Button>
      <Modal open={open} title={tx('登记采用项目成功创业', 'Record a successful start-up')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('登记', 'Record')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical">
          <Form.Item name="succeededOn" label={tx('成功创业日期（如营业执照登记日）', 'Date of the start-up (e.g. of the business licence)')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="success-on" />
          </Form.Item>
          <Form.Item name="note" label={tx('说明', 'Note')} rules={[{ required: true, min: 4, message: tx('至少4个字', 'At least 4 characters') }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="success-note" />
          </Form.Item>
          <Form.Item label={tx('证明材料（PDF，如采用协议、营业执照）', 'Evidence (a PDF: the adoption agreement, the business licence)')} required>
            <PdfPicker file={file} onChange={setFile} testId="success-evidence" label={tx('选择文件', 'Choose a file')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

// ---------------------------------------------------------------- 我的项目

interface ProjectForm {
  subjectId: string;
  title: string;
  kind: ProjectKind;
  summary: string;
  industry: string;
  regionCode: string;
  offers: ProjectOffer[];
}

function ProjectFormButton({ posters, project }: { posters: { subjectId: string; name: string; kind: string }[]; project?: ProjectDetail }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<ProjectForm>();
  const posterOf = project ? posters.find((p) => p.name === project.posterName)?.subjectId : posters[0]?.subjectId;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      const attachmentFileId = file ? (await uploadPdf(file)).id : null;
      const body = { ...v, attachmentFileId };
      if (project) await editProject(project.id, body);
      else await postProject(body);
      message.success(tx('已提交，等待人社部门入库审核', 'Submitted: the human-resources bureau reviews it next'));
      setOpen(false);
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['projects'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['subjectId'], ['title'], ['kind'], ['summary'], ['industry'], ['regionCode'], ['offers'], ['attachmentFileId']]));
    } finally {
      setBusy(false);
    }
  };
  const initial: Partial<ProjectForm> = project
    ? { subjectId: posterOf, title: project.title, kind: project.kind, summary: project.summary, industry: project.industry, regionCode: project.regionCode, offers: project.offers }
    : { subjectId: posterOf, kind: 'patent', offers: [] };
  return (
    <>
      <Button type={project ? 'default' : 'primary'} size={project ? 'small' : 'middle'} onClick={() => setOpen(true)} data-testid={project ? 'project-edit' : 'project-post'}>
        {project ? tx('修改并重新提交', 'Change and resubmit') : tx('发布项目', 'Post a project')}
      </Button>
      <Modal open={open} title={project ? tx('修改项目', 'Change the project') : tx('发布项目', 'Post a project')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('提交审核', 'Submit')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden width={640}>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item name="subjectId" label={tx('项目提供者', 'Provided by')} rules={[{ required: true }]}>
            <Select disabled={!!project} options={posters.map((p) => ({ value: p.subjectId, label: `${p.name}${p.kind === 'person' ? tx('（个人）', ' (yourself)') : tx('（服务机构）', ' (organisation)')}` }))} />
          </Form.Item>
          <Form.Item name="title" label={tx('项目名称', 'Title')} rules={[{ required: true, min: 4, max: 60, message: tx('4至60个字', '4 to 60 characters') }]}>
            <Input maxLength={60} data-testid="project-title" />
          </Form.Item>
          <Form.Item name="kind" label={tx('类型', 'Kind')} rules={[{ required: true }]}>
            <Select data-testid="project-kind" options={PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item name="summary" label={tx('项目简介（技术内容、成熟度、适用场景）', 'Summary (what it is, how mature, where it applies)')} rules={[{ required: true, min: 20, message: tx('至少20个字', 'At least 20 characters') }]}>
            <Input.TextArea rows={4} maxLength={2000} data-testid="project-summary" />
          </Form.Item>
          <Form.Item name="industry" label={tx('所属行业', 'Industry')} rules={[{ required: true, message: tx('请选择行业', 'Choose the industry') }]}>
            <IndustrySelect />
          </Form.Item>
          <Form.Item name="regionCode" label={tx('所在地区', 'Region')} rules={[{ required: true, message: tx('请选择地区', 'Choose the region') }]}>
            <RegionCascader />
          </Form.Item>
          <Form.Item name="offers" label={tx('合作方式', 'Offered as')} rules={[{ required: true, type: 'array', min: 1, message: tx('至少选择一种', 'Choose at least one') }]}>
            <Checkbox.Group data-testid="project-offers" options={PROJECT_OFFERS.map((o) => ({ value: o, label: PROJECT_OFFER_LABELS[o][lang] }))} />
          </Form.Item>
          <Form.Item label={tx('附件（可选，PDF）', 'Attachment (optional, a PDF)')}>
            <PdfPicker file={file} onChange={setFile} testId="project-attachment-file" label={tx('选择文件', 'Choose a file')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function MyProjectsPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('我的项目', 'My projects'));
  const mine = useMyProjects();
  if (mine.isLoading) return <PageLoading />;
  if (mine.error || !mine.data) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  const d = mine.data;
  const received = d.posted.flatMap((p) => p.adoptionList);
  return (
    <div>
      <PageHeading
        title={tx('我的项目', 'My projects')}
        subtitle={tx('发布的项目经人社部门审核后进入公共创业项目库；企业申请采用后由您答复。企业采用后成功创业，经人社部门核定，按政策对项目提供者给予奖励。', 'Projects you post enter the public library once the human-resources bureau admits them; you answer enterprises that ask to adopt them. When an adopter starts up successfully and the bureau verifies it, the project provider is rewarded as the policy says.')}
        extra={d.mayPostFor.length > 0 ? <ProjectFormButton posters={d.mayPostFor} /> : null}
      />
      {d.mayPostFor.length > 0 ? (
        <Card size="small" title={tx('我发布的项目', 'Projects I posted')} style={{ marginBottom: 16 }}>
          <ResponsiveList<ProjectDetail>
            rows={d.posted}
            rowKey={(p) => p.id}
            testId="my-projects"
            empty={<EmptyState description={tx('还没有发布项目。点击“发布项目”提交您的专利、科研成果或创业点子。', 'No project yet. Use "Post a project" to offer a patent, a research result or a business idea.')} />}
            columns={[
              { key: 'title', title: tx('项目', 'Project'), primary: true, render: (p) => <Link to={`/projects/${p.id}`}>{p.title}</Link> },
              { key: 'kind', title: tx('类型', 'Kind'), render: (p) => PROJECT_KIND_LABELS[p.kind][lang] },
              {
                key: 'status',
                title: tx('状态', 'Status'),
                render: (p) => (
                  <span>
                    <StatusTag status={p.status} />
                    {p.returnReason ? <Typography.Text type="secondary">{tx(`理由：${p.returnReason}`, `Reason: ${p.returnReason}`)}</Typography.Text> : null}
                  </span>
                ),
              },
              {
                key: 'reward',
                title: tx('奖励', 'Reward'),
                render: (p) =>
                  p.rewards.length > 0 ? (
                    p.rewards.map((r) => (
                      <div key={r.itemTitle.zh} data-testid="my-project-reward">
                        {r.handedToFulfilment ? <Tag color="green">{tx('已进入兑现流程', 'In fulfilment')}</Tag> : <Tag color="orange">{tx('暂不能在线兑现', 'Not payable online')}</Tag>}
                        {r.amountFen !== null ? amountText(r.amountFen, lang) : null}
                        {r.handedToFulfilment ? (
                          <Link to="/fulfilment/mine" style={{ marginLeft: 6 }}>
                            {tx('查看兑现进度', 'Follow it')}
                          </Link>
                        ) : null}
                      </div>
                    ))
                  ) : p.rewardItem && !p.rewardItem.payableToPoster ? (
                    <Typography.Text type="secondary">{tx('个人发布的项目暂不能在线兑现奖励', "A person's project: the reward cannot be paid online")}</Typography.Text>
                  ) : (
                    '—'
                  ),
              },
              { key: 'actions', title: tx('操作', 'Actions'), render: (p) => (p.status === 'admitted' ? '—' : <ProjectFormButton posters={d.mayPostFor} project={p} />) },
            ]}
          />
        </Card>
      ) : null}
      {d.mayPostFor.length > 0 ? (
        <Card size="small" title={tx('收到的采用申请', 'Adoption requests received')} style={{ marginBottom: 16 }}>
          <AdoptionList rows={received} testId="received-adoptions" actions={(a) => (a.status === 'requested' ? <AnswerButtons a={a} /> : '—')} />
        </Card>
      ) : null}
      {d.mayAdoptFor.length > 0 ? (
        <Card size="small" title={tx('我的采用', 'My adoptions')}>
          <AdoptionList
            rows={d.adoptions}
            testId="my-adoptions"
            actions={(a) => (a.status === 'accepted' ? <SuccessButton a={a} /> : '—')}
          />
          {d.adoptions.length === 0 ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {tx('在', 'Find a project in the ')}
              <Link to="/projects">{tx('创业项目库', 'library')}</Link>
              {tx('中找到项目后可申请采用。', ' and ask to adopt it.')}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
      {d.mayPostFor.length === 0 && d.mayAdoptFor.length === 0 ? <EmptyState description={tx('个人、服务机构可以发布项目，企业可以采用项目。您的账号暂无可用的档案。', 'Persons and service organisations post projects; enterprises adopt them. Your account has no profile for either.')} /> : null}
    </div>
  );
}

// ---------------------------------------------------------------- 项目库审核 (the bureau)

function DecideButtons({ p }: { p: ProjectDetail }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const decide = async (admit: boolean) => {
    try {
      await decideProject(p.id, { admit, reason: admit ? null : reason });
      message.success(admit ? tx('已入库', 'Admitted') : tx('已退回', 'Returned'));
      setReturning(false);
      await qc.invalidateQueries({ queryKey: ['projects'] });
    } catch (e) {
      message.error(refusal(e, lang));
    }
  };
  return (
    <Space wrap>
      <Button size="small" type="primary" onClick={() => void decide(true)} data-testid="project-admit">
        {tx('同意入库', 'Admit')}
      </Button>
      <Button size="small" onClick={() => setReturning(true)}>
        {tx('退回', 'Return')}
      </Button>
      <Modal open={returning} title={tx('退回项目', 'Return the project')} onCancel={() => setReturning(false)} onOk={() => void decide(false)} okText={tx('退回', 'Return')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={500} placeholder={tx('请说明退回理由', 'Give the reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}

function VerifyButton({ a }: { a: Adoption }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const project = useProject(a.projectId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ approve: 'yes' | 'no'; rewardFen?: number; reason?: string }>();
  const approve = Form.useWatch('approve', form);
  const item = project.data?.rewardItem ?? null;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblem(null);
    try {
      const ok = v.approve === 'yes';
      await verifySuccess(a.id, { approve: ok, rewardFen: ok && item ? Math.round((v.rewardFen ?? 0) * 100) : null, reason: ok ? null : (v.reason ?? '') });
      message.success(ok ? tx('已核定', 'Verified') : tx('已退回', 'Sent back'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['projects'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['rewardFen'], ['reason']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="verify-success">
        {tx('核定', 'Verify')}
      </Button>
      <Modal open={open} title={tx(`核定成功创业：${a.projectTitle}`, `Verify the start-up: ${a.projectTitle}`)} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('确定', 'Confirm')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'who', label: tx('采用企业', 'Enterprise'), children: a.adopterName },
            { key: 'poster', label: tx('项目提供者', 'Provided by'), children: a.posterName },
            { key: 'on', label: tx('成功创业日期', 'Started up on'), children: a.succeededOn },
            { key: 'note', label: tx('说明', 'Note'), children: a.successNote },
            { key: 'evidence', label: tx('证明材料', 'Evidence'), children: a.evidenceName ? <a href={evidenceHref(a.id)}>{a.evidenceName}</a> : '—' },
            { key: 'item', label: tx('奖励政策', 'Reward'), children: item ? `${item.title[lang]}${item.note ? `（${item.note[lang]}）` : ''}` : tx('本地区无此项奖励', 'No such reward here') },
          ]}
        />
        {item && !item.payableToPoster ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={tx('项目由个人发布：奖励核定后记录在案，但本平台暂不能向个人在线兑现该服务机构事项。', "Posted by a person: the fixed reward is recorded, but this organisation's item cannot be paid to a person online here.")} /> : null}
        <Form form={form} layout="vertical" initialValues={{ approve: 'yes' }}>
          <Form.Item name="approve" label={tx('核定结果', 'Decision')}>
            <Select options={[{ value: 'yes', label: tx('属实，核定成功创业', 'Verified: a successful start-up') }, { value: 'no', label: tx('退回补充', 'Send it back') }]} />
          </Form.Item>
          {approve !== 'no' && item ? (
            <Form.Item name="rewardFen" label={tx('核定奖励金额（元）', 'Reward fixed (yuan)')} rules={[{ required: true, message: tx('请填写金额', 'Enter the amount') }]}>
              <InputNumber min={0} step={100} precision={2} style={{ width: '100%' }} data-testid="reward-yuan" />
            </Form.Item>
          ) : null}
          {approve === 'no' ? (
            <Form.Item name="reason" label={tx('退回理由', 'Reason')} rules={[{ required: true, min: 2, message: tx('请说明理由', 'Give the reason') }]}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}

export function ProjectsOfficePage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('项目库审核', 'Project library review'));
  const queue = useReviewQueue();
  if (queue.isLoading) return <PageLoading />;
  if (queue.error || !queue.data) return <LoadError error={queue.error} onRetry={() => void queue.refetch()} />;
  const d = queue.data;
  return (
    <div>
      <PageHeading
        title={tx('项目库审核', 'Project library review')}
        subtitle={tx('审核个人和机构提交的项目是否列入公共就业创业服务机构创业项目库；核定企业采用项目后成功创业的登记，并在政策规定的区间内确定奖励金额。', 'Decide whether submitted projects enter the public start-up project library; verify adopters\' successful start-ups and fix the reward within the policy\'s range.')}
        extra={<Link to="/projects">{tx('查看项目库', 'The library')}</Link>}
      />
      <Card size="small" title={tx('待入库审核的项目', 'Projects awaiting admission')} style={{ marginBottom: 16 }}>
        <ResponsiveList<ProjectDetail>
          rows={d.projects}
          rowKey={(p) => p.id}
          testId="review-projects"
          empty={<EmptyState description={tx('没有待审核的项目。', 'No project awaits admission.')} />}
          columns={[
            { key: 'title', title: tx('项目', 'Project'), primary: true, render: (p) => <Link to={`/projects/${p.id}`}>{p.title}</Link> },
            { key: 'kind', title: tx('类型', 'Kind'), render: (p) => PROJECT_KIND_LABELS[p.kind][lang] },
            { key: 'poster', title: tx('项目提供者', 'Provided by'), render: (p) => `${p.posterName}${p.posterIsPerson ? tx('（个人）', ' (a person)') : ''}` },
            { key: 'region', title: tx('地区', 'Region'), render: (p) => p.regionName },
            { key: 'industry', title: tx('行业', 'Industry'), render: (p) => p.industryName },
            { key: 'actions', title: tx('操作', 'Actions'), render: (p) => <DecideButtons p={p} /> },
          ]}
        />
      </Card>
      <Card size="small" title={tx('待核定的成功创业', 'Start-ups awaiting verification')}>
        <AdoptionList rows={d.adoptions} testId="review-adoptions" actions={(a) => <VerifyButton a={a} />} empty={tx('没有待核定的成功创业。', 'No start-up awaits verification.')} />
      </Card>
    </div>
  );
}
