/**
 * Investors' pages: the public directory of investors and funds and an investor's page (its
 * contact once the viewer's firm accepted its interest); an investor's desk (its entry, verified
 * by the finance office, and its expressions of interest with the firms' contacts once accepted);
 * the public roadshow and a project's page (an investor expresses interest; the firm accepts or
 * declines; the finance office publishes or returns); an enterprise's projects and the form to post
 * one; the finance office's review.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Descriptions, Flex, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  INTEREST_STATUS_LABELS,
  INVESTMENT_SECTORS,
  INVESTMENT_SECTOR_LABELS,
  INVESTMENT_STAGES,
  INVESTMENT_STAGE_LABELS,
  INVESTOR_KINDS,
  INVESTOR_KIND_LABELS,
  INVESTOR_STATUS_LABELS,
  ROADSHOW_STATUS_LABELS,
  type Contact,
  type InterestStatus,
  type InvestmentSector,
  type InvestmentStage,
  type InvestorKind,
  type InvestorStatus,
  type RoadshowStatus,
} from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { useMe } from '../../app/auth';
import { useLang, usePageTitle, type Lang } from '../../app/i18n';
import { applyProblemToForm, problemMessage, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import {
  answerInterest,
  decideProject,
  expressInterest,
  postProject,
  saveInvestor,
  uploadPdf,
  useDesk,
  useDirectory,
  useInvestor,
  useMyRoadshow,
  useProject,
  useReview,
  useRoadshow,
  verifyInvestor,
  type Interest,
  type InvestorPage,
  type InvestorSummary,
  type RoadshowPage,
  type RoadshowSummary,
} from './investors.api';

const WAN = 1_000_000;
function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}
const ticketText = (p: { ticketMinFen: number; ticketMaxFen: number }, lang: Lang) => `${amountText(p.ticketMinFen, lang)} – ${amountText(p.ticketMaxFen, lang)}`;
const stagesText = (s: readonly InvestmentStage[], lang: Lang) => s.map((x) => INVESTMENT_STAGE_LABELS[x][lang]).join(lang === 'zh' ? '、' : ', ');
const sectorsText = (s: readonly InvestmentSector[], lang: Lang) => s.map((x) => INVESTMENT_SECTOR_LABELS[x][lang]).join(lang === 'zh' ? '、' : ', ');

const KIND_COLOURS: Record<InvestorKind, string> = { angel: 'magenta', venture: 'blue', guidance_fund: 'red' };
function KindTag({ kind }: { kind: InvestorKind }) {
  const { lang } = useLang();
  return <Tag color={KIND_COLOURS[kind]}>{INVESTOR_KIND_LABELS[kind][lang]}</Tag>;
}
const STATUS_COLOURS: Record<InvestorStatus | RoadshowStatus | InterestStatus, string> = { pending: 'gold', verified: 'green', rejected: 'red', submitted: 'gold', published: 'green', returned: 'red', accepted: 'green', declined: 'default' };
type Labels = Readonly<Record<string, { zh: string; en: string }>>;
/** A status of an entry, a project or an interest: each its own words (「待…」 differ). */
function StatusTag({ status, of = 'interest' }: { status: InvestorStatus | RoadshowStatus | InterestStatus; of?: 'investor' | 'project' | 'interest' }) {
  const { lang } = useLang();
  const labels: Labels = of === 'investor' ? INVESTOR_STATUS_LABELS : of === 'project' ? ROADSHOW_STATUS_LABELS : INTEREST_STATUS_LABELS;
  return <Tag color={STATUS_COLOURS[status]}>{labels[status]?.[lang] ?? ''}</Tag>;
}
function ContactBlock({ contact, testId }: { contact: Contact; testId: string }) {
  const tx = useTx();
  return (
    <Descriptions size="small" column={1} data-testid={testId} items={[
      { key: 'n', label: tx('联系人', 'Contact'), children: contact.name },
      { key: 'p', label: tx('电话', 'Phone'), children: contact.phone },
      ...(contact.email ? [{ key: 'e', label: tx('邮箱', 'E-mail'), children: contact.email }] : []),
    ]} />
  );
}

// ---------------------------------------------------------------- the directory

export function DirectoryPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('投资机构名录', 'Investors and funds'));
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [stage, setStage] = useState<string | undefined>();
  const list = useDirectory({ q, kind, stage });
  return (
    <div>
      <PageHeading
        title={tx('投资机构名录', 'Investors and funds')}
        subtitle={tx('经市金融办核实的天使投资人/机构、创投机构和政府引导基金：投资阶段、领域和单笔金额。联系方式在企业同意对接后可见。', 'Angel investors, venture firms and government guidance funds verified by the finance office: stages, sectors and ticket sizes. Contacts show once a firm accepts contact.')}
        extra={<Link to="/roadshow">{tx('项目路演', 'Project roadshow')}</Link>}
      />
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={tx('名称、领域或拼音', 'Name, sector or pinyin')} value={typed} onChange={(e) => setTyped(e.target.value)} onSearch={(v) => setQ(v)} style={{ maxWidth: 320 }} data-testid="investors-search" />
        <Select allowClear placeholder={tx('机构类型', 'Kind')} value={kind} onChange={setKind} style={{ minWidth: 170 }} options={INVESTOR_KINDS.map((k) => ({ value: k, label: INVESTOR_KIND_LABELS[k][lang] }))} data-testid="investors-kind" />
        <Select allowClear placeholder={tx('投资阶段', 'Stage')} value={stage} onChange={setStage} style={{ minWidth: 140 }} options={INVESTMENT_STAGES.map((k) => ({ value: k, label: INVESTMENT_STAGE_LABELS[k][lang] }))} />
      </Flex>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<InvestorSummary>
          rows={list.data ?? []}
          rowKey={(r) => r.id}
          testId="investors-list"
          caption={tx('投资机构', 'Investors')}
          empty={<EmptyState description={tx('没有符合条件的投资机构。', 'No investor matches.')} />}
          columns={[
            { key: 'name', title: tx('名称', 'Name'), primary: true, render: (r) => <Link to={`/investors/${r.id}`}>{r.name}</Link> },
            { key: 'kind', title: tx('类型', 'Kind'), render: (r) => <KindTag kind={r.kind} /> },
            { key: 'stages', title: tx('投资阶段', 'Stages'), render: (r) => stagesText(r.stages, lang) },
            { key: 'sectors', title: tx('投资领域', 'Sectors'), render: (r) => sectorsText(r.sectors, lang) },
            { key: 'ticket', title: tx('单笔金额', 'Ticket size'), render: (r) => ticketText(r, lang) },
            { key: 'region', title: tx('所在地', 'Region'), render: (r) => r.regionName },
          ]}
        />
      )}
    </div>
  );
}

function InvestorDetails({ p }: { p: InvestorPage }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <Descriptions size="small" column={1} bordered items={[
      { key: 'kind', label: tx('类型', 'Kind'), children: <KindTag kind={p.kind} /> },
      { key: 'stages', label: tx('投资阶段', 'Stages'), children: stagesText(p.stages, lang) },
      { key: 'sectors', label: tx('投资领域', 'Sectors'), children: sectorsText(p.sectors, lang) },
      { key: 'ticket', label: tx('单笔金额', 'Ticket size'), children: ticketText(p, lang) },
      { key: 'region', label: tx('所在地', 'Region'), children: p.regionName },
      { key: 'intro', label: tx('简介', 'About'), children: p.intro || tx('（未填写）', '(none)') },
    ]} />
  );
}

export function InvestorDetailPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const q = useInvestor(id);
  usePageTitle(q.data?.name ?? tx('投资机构', 'Investor'));
  if (q.isLoading) return <PageLoading />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data!;
  return (
    <div>
      <PageHeading title={p.name} extra={<Link to="/investors">{tx('返回名录', 'Back to the directory')}</Link>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <InvestorDetails p={p} />
      </Card>
      <Card size="small" title={tx('联系方式', 'Contact')}>
        {p.contact ? <ContactBlock contact={p.contact} testId="investor-contact" /> : <Typography.Text type="secondary">{tx('企业在路演项目中同意与该机构对接后，可在此看到联系方式。', 'Shown here once your firm accepts this investor’s interest in a roadshow project.')}</Typography.Text>}
      </Card>
    </div>
  );
}

// ---------------------------------------------------------------- an investor's desk

interface EntryValues {
  name: string;
  kind: InvestorKind;
  stages: InvestmentStage[];
  sectors: InvestmentSector[];
  ticketMinWan: number;
  ticketMaxWan: number;
  regionCode: string;
  intro: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}
const ENTRY_FIELDS = [['name'], ['kind'], ['stages'], ['sectors'], ['ticketMinFen'], ['ticketMaxFen'], ['regionCode'], ['intro'], ['contact', 'name'], ['contact', 'phone'], ['contact', 'email']] as const;
const ENTRY_FORM_NAMES: Record<string, keyof EntryValues> = { ticketMinFen: 'ticketMinWan', ticketMaxFen: 'ticketMaxWan', 'contact.name': 'contactName', 'contact.phone': 'contactPhone', 'contact.email': 'contactEmail' };

function EntryForm({ organisationId, organisationName, organisationRegionCode, current }: { organisationId: string; organisationName: string; organisationRegionCode: string; current: InvestorPage | null }) {
  const tx = useTx();
  const { lang } = useLang();
  const [form] = Form.useForm<EntryValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submit = async (v: EntryValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await saveInvestor(organisationId, {
        name: v.name ?? '',
        kind: v.kind,
        stages: v.stages ?? [],
        sectors: v.sectors ?? [],
        ticketMinFen: Math.round((v.ticketMinWan ?? 0) * WAN),
        ticketMaxFen: Math.round((v.ticketMaxWan ?? 0) * WAN),
        regionCode: v.regionCode ?? '',
        intro: v.intro ?? '',
        contact: { name: v.contactName ?? '', phone: v.contactPhone ?? '', email: v.contactEmail ?? '' },
      });
      await qc.invalidateQueries({ queryKey: ['investors'] });
      void message.success(tx('已保存，等待市金融办核实', 'Saved: awaiting the finance office’s verification'));
    } catch (e) {
      const mapped = applyProblemToForm(form, e, lang, ENTRY_FIELDS.map((f) => [...f]));
      // The server names nested and fen fields; the form's own names differ.
      form.setFields(mapped.placed.map((p) => ({ name: ENTRY_FORM_NAMES[p.name.join('.')] ?? (p.name[0] as keyof EntryValues), errors: [p.message] })));
      setProblem(mapped);
    } finally {
      setBusy(false);
    }
  };
  // A first entry starts from the organisation's registered name and region.
  const init: Partial<EntryValues> = current
    ? { name: current.name, kind: current.kind, stages: current.stages, sectors: current.sectors, ticketMinWan: current.ticketMinFen / WAN, ticketMaxWan: current.ticketMaxFen / WAN, regionCode: current.regionCode, intro: current.intro, contactName: current.contact?.name, contactPhone: current.contact?.phone, contactEmail: current.contact?.email }
    : { name: organisationName, kind: 'angel', stages: [], sectors: [], regionCode: organisationRegionCode };
  return (
    <>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" initialValues={init} onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }}>
        <Form.Item name="name" label={tx('名称', 'Name')}><Input maxLength={60} data-testid="entry-name" /></Form.Item>
        <Form.Item name="kind" label={tx('类型', 'Kind')}><Select options={INVESTOR_KINDS.map((k) => ({ value: k, label: INVESTOR_KIND_LABELS[k][lang] }))} /></Form.Item>
        <Form.Item name="stages" label={tx('投资阶段', 'Stages')}><Checkbox.Group options={INVESTMENT_STAGES.map((k) => ({ value: k, label: INVESTMENT_STAGE_LABELS[k][lang] }))} /></Form.Item>
        <Form.Item name="sectors" label={tx('投资领域', 'Sectors')}><Checkbox.Group options={INVESTMENT_SECTORS.map((k) => ({ value: k, label: INVESTMENT_SECTOR_LABELS[k][lang] }))} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="ticketMinWan" label={tx('单笔下限（万元）', 'Lowest ticket (10,000 yuan)')}><InputNumber min={0} max={1000000} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="ticketMaxWan" label={tx('单笔上限（万元）', 'Highest ticket (10,000 yuan)')}><InputNumber min={0} max={1000000} style={{ width: 200 }} /></Form.Item>
        </Flex>
        <Form.Item name="regionCode" label={tx('所在地', 'Region')}><RegionCascader /></Form.Item>
        <Form.Item name="intro" label={tx('简介', 'About')}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="contactName" label={tx('联系人', 'Contact person')}><Input maxLength={40} /></Form.Item>
          <Form.Item name="contactPhone" label={tx('联系电话', 'Phone')}><Input maxLength={30} /></Form.Item>
          <Form.Item name="contactEmail" label={tx('电子邮箱', 'E-mail')}><Input maxLength={100} /></Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="entry-save">{tx('保存并提交核实', 'Save and submit for verification')}</Button>
      </Form>
    </>
  );
}

function InterestList({ rows, side, testId }: { rows: Interest[]; side: 'firm' | 'investor'; testId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const answer = async (id: string, decision: 'accepted' | 'declined') => {
    try {
      await answerInterest(id, { decision });
      await qc.invalidateQueries({ queryKey: ['investors'] });
      void message.success(decision === 'accepted' ? tx('已同意，双方可看到对方联系方式', 'Accepted: each side now sees the other’s contact') : tx('已婉拒', 'Declined'));
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  return (
    <ResponsiveList<Interest>
      rows={rows}
      rowKey={(x) => x.id}
      testId={testId}
      caption={tx('投资意向', 'Expressions of interest')}
      empty={<EmptyState description={side === 'firm' ? tx('尚无投资机构表达意向。', 'No investor has expressed interest yet.') : tx('尚未对任何项目表达意向。', 'No interest expressed yet.')} />}
      columns={[
        side === 'firm'
          ? { key: 'who', title: tx('投资机构', 'Investor'), primary: true, render: (x) => <Link to={`/investors/${x.investorId}`}>{x.investor}</Link> }
          : { key: 'who', title: tx('项目', 'Project'), primary: true, render: (x) => <Link to={`/roadshow/${x.projectId}`}>{x.projectName}</Link> },
        side === 'firm' ? { key: 'kind', title: tx('类型', 'Kind'), render: (x) => <KindTag kind={x.investorKind} /> } : { key: 'firm', title: tx('企业', 'Firm'), render: (x) => x.firm },
        { key: 'msg', title: tx('留言', 'Message'), render: (x) => x.message },
        { key: 'at', title: tx('时间', 'When'), render: (x) => showInstant(x.createdAt, lang) },
        { key: 'status', title: tx('状态', 'Status'), render: (x) => <StatusTag status={x.status} /> },
        {
          key: 'contact',
          title: tx('联系方式', 'Contact'),
          render: (x) => {
            const c = side === 'firm' ? x.investorContact : x.firmContact;
            if (c) return <span data-testid={`${testId}-contact`}>{`${c.name} ${c.phone}${c.email ? ` ${c.email}` : ''}`}</span>;
            if (side === 'firm' && x.status === 'pending')
              return (
                <Space>
                  <Button size="small" type="primary" onClick={() => void answer(x.id, 'accepted')} data-testid="interest-accept">{tx('同意交换联系方式', 'Accept contact')}</Button>
                  <Button size="small" onClick={() => void answer(x.id, 'declined')} data-testid="interest-decline">{tx('婉拒', 'Decline')}</Button>
                </Space>
              );
            return <Typography.Text type="secondary">{x.status === 'pending' ? tx('企业同意后可见', 'After the firm accepts') : '—'}</Typography.Text>;
          },
        },
      ]}
    />
  );
}

export function DeskPage() {
  const tx = useTx();
  usePageTitle(tx('投资机构工作台', 'Investor desk'));
  const d = useDesk();
  if (d.isLoading) return <PageLoading />;
  if (d.error) return <LoadError error={d.error} onRetry={() => void d.refetch()} />;
  const desk = d.data!;
  return (
    <div>
      <PageHeading title={tx('投资机构工作台', 'Investor desk')} subtitle={tx('维护本机构在投资机构名录中的信息（每次修改由市金融办核实后展示），查看对路演项目表达的意向。', 'Keep your entry in the directory (each change is listed after the finance office verifies it) and follow your expressions of interest.')} extra={<Link to="/roadshow">{tx('浏览路演项目', 'Browse the roadshow')}</Link>} />
      {desk.organisations.length === 0 ? <EmptyState description={tx('您不是投资机构的成员。', 'You are not a member of an investor.')} /> : null}
      {desk.organisations.map((o) => (
        <Card key={o.organisationId} size="small" style={{ marginBottom: 16 }} title={<Space wrap>{o.organisationName}{o.investor ? <StatusTag of="investor" status={o.investor.status} /> : <Tag>{tx('尚未填写', 'Not yet written')}</Tag>}</Space>}>
          {o.investor?.reviewNote ? <Typography.Paragraph type="secondary">{tx(`金融办意见：${o.investor.reviewNote}`, `Finance office: ${o.investor.reviewNote}`)}</Typography.Paragraph> : null}
          <EntryForm organisationId={o.organisationId} organisationName={o.organisationName} organisationRegionCode={o.organisationRegionCode} current={o.investor} />
        </Card>
      ))}
      <Card size="small" title={tx('我的投资意向', 'My expressions of interest')}>
        <InterestList rows={desk.interests} side="investor" testId="desk-interests" />
      </Card>
    </div>
  );
}

// ---------------------------------------------------------------- the roadshow

function ProjectList({ rows, testId, empty }: { rows: RoadshowSummary[]; testId: string; empty: string }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <ResponsiveList<RoadshowSummary>
      rows={rows}
      rowKey={(r) => r.id}
      testId={testId}
      caption={tx('路演项目', 'Roadshow projects')}
      empty={<EmptyState description={empty} />}
      columns={[
        { key: 'name', title: tx('项目', 'Project'), primary: true, render: (r) => <Link to={`/roadshow/${r.id}`}>{r.name}</Link> },
        { key: 'firm', title: tx('企业', 'Firm'), render: (r) => r.firm },
        { key: 'sector', title: tx('领域', 'Sector'), render: (r) => INVESTMENT_SECTOR_LABELS[r.sector][lang] },
        { key: 'stage', title: tx('阶段', 'Stage'), render: (r) => INVESTMENT_STAGE_LABELS[r.stage][lang] },
        { key: 'amount', title: tx('拟融资', 'Seeking'), render: (r) => amountText(r.amountFen, lang) },
        { key: 'region', title: tx('所在地', 'Region'), render: (r) => r.regionName },
        { key: 'status', title: tx('状态', 'Status'), render: (r) => <StatusTag of="project" status={r.status} /> },
      ]}
    />
  );
}

export function RoadshowPageView() {
  const tx = useTx();
  usePageTitle(tx('项目路演', 'Project roadshow'));
  const list = useRoadshow();
  const me = useMe();
  return (
    <div>
      <PageHeading
        title={tx('项目路演', 'Project roadshow')}
        subtitle={tx('企业提交、市金融办发布的股权融资项目。经核实的投资机构可表达投资意向，企业同意后双方交换联系方式。', 'Equity projects posted by firms and published by the finance office. Verified investors express interest; once the firm accepts, both see each other’s contact.')}
        extra={me.data ? <Link to="/roadshow/mine">{tx('我的路演项目', 'My projects')}</Link> : null}
      />
      {list.error ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : <ProjectList rows={list.data ?? []} testId="roadshow-list" empty={tx('暂无路演项目。', 'No project on the roadshow yet.')} />}
    </div>
  );
}

function ProjectDetails({ p }: { p: RoadshowPage }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <Descriptions size="small" column={1} bordered items={[
      { key: 'firm', label: tx('企业', 'Firm'), children: p.firm },
      { key: 'sector', label: tx('领域', 'Sector'), children: INVESTMENT_SECTOR_LABELS[p.sector][lang] },
      { key: 'stage', label: tx('融资阶段', 'Stage'), children: INVESTMENT_STAGE_LABELS[p.stage][lang] },
      { key: 'amount', label: tx('拟融资金额', 'Amount sought'), children: amountText(p.amountFen, lang) },
      { key: 'use', label: tx('资金用途', 'Use of funds'), children: p.useOfFunds },
      { key: 'summary', label: tx('项目介绍', 'About the project'), children: p.summary },
      { key: 'region', label: tx('所在地', 'Region'), children: p.regionName },
      { key: 'deck', label: tx('路演材料', 'Pitch deck'), children: p.deckUrl ? <a href={p.deckUrl}>{p.deckName ?? tx('下载', 'Download')}</a> : tx('未上传', 'None') },
      { key: 'status', label: tx('状态', 'Status'), children: <StatusTag of="project" status={p.status} /> },
    ]} />
  );
}

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const q = useProject(id);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  usePageTitle(q.data?.name ?? tx('路演项目', 'Roadshow project'));
  if (q.isLoading) return <PageLoading />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data!;
  const express = async () => {
    setProblem(null);
    try {
      await expressInterest(p.id, text);
      await qc.invalidateQueries({ queryKey: ['investors'] });
      void message.success(tx('已表达投资意向，等待企业答复', 'Interest expressed: the firm will answer'));
    } catch (e) {
      setProblem(problemMessage(e, lang));
    }
  };
  const decide = async (decision: 'published' | 'returned') => {
    setProblem(null);
    try {
      await decideProject(p.id, { decision, note });
      await qc.invalidateQueries({ queryKey: ['investors'] });
      void message.success(decision === 'published' ? tx('已发布', 'Published') : tx('已退回', 'Returned'));
    } catch (e) {
      setProblem(problemMessage(e, lang));
    }
  };
  return (
    <div>
      <PageHeading title={p.name} extra={<Link to="/roadshow">{tx('返回路演列表', 'Back to the roadshow')}</Link>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <ProjectDetails p={p} />
        {p.reviewNote ? <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{tx(`金融办意见：${p.reviewNote}`, `Finance office: ${p.reviewNote}`)}</Typography.Paragraph> : null}
      </Card>
      {problem ? <Typography.Paragraph type="danger" role="alert">{problem}</Typography.Paragraph> : null}
      {p.mayPublish ? (
        <Card size="small" title={tx('发布审核', 'Publication')} style={{ marginBottom: 16 }}>
          <Input.TextArea rows={2} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} placeholder={tx('意见（退回时必填）', 'Note (required when returning)')} style={{ marginBottom: 8 }} />
          <Space>
            <Button type="primary" onClick={() => void decide('published')} data-testid="project-publish">{tx('发布', 'Publish')}</Button>
            <Button danger onClick={() => void decide('returned')}>{tx('退回', 'Return')}</Button>
          </Space>
        </Card>
      ) : null}
      {p.mayExpressInterest ? (
        <Card size="small" title={tx('表达投资意向', 'Express interest')} style={{ marginBottom: 16 }}>
          <Input.TextArea rows={3} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} placeholder={tx('简要说明关注点和下一步安排', 'What interests you and what you propose next')} style={{ marginBottom: 8 }} data-testid="interest-message" />
          <Button type="primary" onClick={() => void express()} data-testid="interest-submit">{tx('提交投资意向', 'Send')}</Button>
        </Card>
      ) : null}
      {p.mine || p.interestsShown.length > 0 ? (
        <Card size="small" title={p.mine ? tx('投资机构的意向', 'Investors’ interest') : tx('我的投资意向', 'My interest')}>
          <InterestList rows={p.interestsShown} side={p.mine ? 'firm' : 'investor'} testId="project-interests" />
        </Card>
      ) : null}
    </div>
  );
}

interface ProjectValues {
  subjectId: string;
  name: string;
  sector: InvestmentSector;
  stage: InvestmentStage;
  amountWan: number;
  useOfFunds: string;
  summary: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}
const PROJECT_FIELDS = [['subjectId'], ['name'], ['sector'], ['stage'], ['amountFen'], ['useOfFunds'], ['summary'], ['deckFileId'], ['contact', 'name'], ['contact', 'phone'], ['contact', 'email']] as const;
const PROJECT_FORM_NAMES: Record<string, keyof ProjectValues> = { amountFen: 'amountWan', 'contact.name': 'contactName', 'contact.phone': 'contactPhone', 'contact.email': 'contactEmail' };

function PostDialog({ enterprises, onClose }: { enterprises: { id: string; name: string }[]; onClose: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const [form] = Form.useForm<ProjectValues>();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const submit = async (v: ProjectValues) => {
    setBusy(true);
    setProblem(null);
    try {
      const deckFileId = file ? (await uploadPdf(file)).id : null;
      await postProject({ subjectId: v.subjectId, name: v.name ?? '', sector: v.sector, stage: v.stage, amountFen: Math.round((v.amountWan ?? 0) * WAN), useOfFunds: v.useOfFunds ?? '', summary: v.summary ?? '', deckFileId, contact: { name: v.contactName ?? '', phone: v.contactPhone ?? '', email: v.contactEmail ?? '' } });
      await qc.invalidateQueries({ queryKey: ['investors'] });
      void message.success(tx('已提交，等待市金融办发布', 'Posted: awaiting the finance office'));
      onClose();
    } catch (e) {
      const mapped = applyProblemToForm(form, e, lang, PROJECT_FIELDS.map((f) => [...f]));
      form.setFields(mapped.placed.filter((p) => p.name[0] !== 'deckFileId').map((p) => ({ name: PROJECT_FORM_NAMES[p.name.join('.')] ?? (p.name[0] as keyof ProjectValues), errors: [p.message] })));
      setProblem(mapped);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={tx('提交路演项目', 'Post a roadshow project')} okText={tx('提交', 'Submit')} cancelText={tx('取消', 'Cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'project-submit' } as never}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ subjectId: enterprises[0]?.id, sector: 'digital', stage: 'angel' }}>
        <Form.Item name="subjectId" label={tx('企业', 'Enterprise')}><Select options={enterprises.map((e) => ({ value: e.id, label: e.name }))} /></Form.Item>
        <Form.Item name="name" label={tx('项目名称', 'Project name')}><Input maxLength={60} data-testid="project-name" /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="sector" label={tx('领域', 'Sector')}><Select style={{ minWidth: 180 }} options={INVESTMENT_SECTORS.map((k) => ({ value: k, label: INVESTMENT_SECTOR_LABELS[k][lang] }))} /></Form.Item>
          <Form.Item name="stage" label={tx('融资阶段', 'Stage')}><Select style={{ minWidth: 140 }} options={INVESTMENT_STAGES.map((k) => ({ value: k, label: INVESTMENT_STAGE_LABELS[k][lang] }))} /></Form.Item>
        </Flex>
        <Form.Item name="amountWan" label={tx('拟融资金额（万元）', 'Amount sought (10,000 yuan)')}><InputNumber min={0} max={1000000} style={{ width: '100%' }} data-testid="project-amount" /></Form.Item>
        <Form.Item name="useOfFunds" label={tx('资金用途', 'Use of funds')}><Input.TextArea rows={2} maxLength={1000} data-testid="project-use" /></Form.Item>
        <Form.Item name="summary" label={tx('项目介绍', 'About the project')}><Input.TextArea rows={3} maxLength={2000} data-testid="project-summary" /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="contactName" label={tx('联系人', 'Contact person')}><Input maxLength={40} data-testid="project-contact-name" /></Form.Item>
          <Form.Item name="contactPhone" label={tx('联系电话', 'Phone')}><Input maxLength={30} data-testid="project-contact-phone" /></Form.Item>
        </Flex>
        <Form.Item name="contactEmail" label={tx('电子邮箱（选填）', 'E-mail (optional)')}><Input maxLength={100} /></Form.Item>
        <Upload beforeUpload={(f) => { setFile(f); return false; }} maxCount={1} accept=".pdf" showUploadList={false}>
          <Button>{tx('选择路演材料（PDF，选填）', 'Choose a pitch deck (PDF, optional)')}</Button>
        </Upload>
        {file ? <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{file.name}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

export function MyRoadshowPage() {
  const tx = useTx();
  usePageTitle(tx('我的路演项目', 'My roadshow projects'));
  const q = useMyRoadshow();
  const [posting, setPosting] = useState(false);
  if (q.isLoading) return <PageLoading />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data!;
  return (
    <div>
      <PageHeading
        title={tx('我的路演项目', 'My roadshow projects')}
        subtitle={tx('提交股权融资项目，市金融办发布后投资机构可表达意向；您决定是否交换联系方式。', 'Post an equity project; once the finance office publishes it investors can express interest, and you decide whether to exchange contacts.')}
        extra={d.enterprises.length > 0 ? <Button type="primary" onClick={() => setPosting(true)} data-testid="project-new">{tx('提交路演项目', 'Post a project')}</Button> : null}
      />
      {d.enterprises.length === 0 ? <EmptyState description={tx('路演项目由企业提交：请以企业账号登录。', 'Projects are posted by enterprises: sign in as an enterprise.')} /> : null}
      {d.projects.length === 0 && d.enterprises.length > 0 ? <EmptyState description={tx('尚未提交路演项目。', 'No project posted yet.')} /> : null}
      {d.projects.map((p) => (
        <Card key={p.id} size="small" style={{ marginBottom: 16 }} title={<Space wrap><Link to={`/roadshow/${p.id}`}>{p.name}</Link><StatusTag of="project" status={p.status} /></Space>}>
          <InterestList rows={p.interestsShown} side="firm" testId="mine-interests" />
        </Card>
      ))}
      {posting ? <PostDialog enterprises={d.enterprises} onClose={() => setPosting(false)} /> : null}
    </div>
  );
}

// ---------------------------------------------------------------- the finance office

export function ReviewPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('投资机构核实与路演发布', 'Investors and roadshow review'));
  const q = useReview();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  if (q.isLoading) return <PageLoading />;
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data!;
  const verify = async (id: string, decision: 'verified' | 'rejected', note: string) => {
    try {
      await verifyInvestor(id, { decision, note });
      await qc.invalidateQueries({ queryKey: ['investors'] });
      void message.success(decision === 'verified' ? tx('已核实', 'Verified') : tx('已标记为未通过', 'Not verified'));
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };
  const reject = (id: string) => {
    let note = '';
    modal.confirm({
      title: tx('未通过核实的原因', 'Why is it not verified?'),
      content: <Input.TextArea rows={3} maxLength={300} onChange={(e) => (note = e.target.value)} />,
      okText: tx('确定', 'Confirm'),
      cancelText: tx('取消', 'Cancel'),
      onOk: () => verify(id, 'rejected', note),
    });
  };
  return (
    <div>
      <PageHeading title={tx('投资机构核实与路演发布', 'Investors and roadshow review')} subtitle={tx(`${d.regionName}：核实投资机构的名录信息，发布或退回企业提交的路演项目。`, `${d.regionName}: verify investors' entries; publish or return firms' roadshow projects.`)} />
      <Card size="small" title={tx('投资机构', 'Investors')} style={{ marginBottom: 16 }}>
        <ResponsiveList<InvestorPage>
          rows={d.investors}
          rowKey={(r) => r.id}
          testId="review-investors"
          empty={<EmptyState description={tx('本地区尚无投资机构。', 'No investor in the region yet.')} />}
          columns={[
            { key: 'name', title: tx('名称', 'Name'), primary: true, render: (r) => <Link to={`/investors/${r.id}`}>{r.name}</Link> },
            { key: 'kind', title: tx('类型', 'Kind'), render: (r) => <KindTag kind={r.kind} /> },
            { key: 'ticket', title: tx('单笔金额', 'Ticket size'), render: (r) => ticketText(r, lang) },
            { key: 'status', title: tx('状态', 'Status'), render: (r) => <StatusTag of="investor" status={r.status} /> },
            {
              key: 'act',
              title: tx('操作', 'Action'),
              render: (r) =>
                r.status === 'pending' ? (
                  <Space>
                    <Button size="small" type="primary" onClick={() => void verify(r.id, 'verified', '')}>{tx('核实通过', 'Verify')}</Button>
                    <Button size="small" danger onClick={() => reject(r.id)}>{tx('不通过', 'Reject')}</Button>
                  </Space>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={tx('路演项目', 'Roadshow projects')}>
        <ProjectList rows={d.projects} testId="review-projects" empty={tx('本地区尚无路演项目。', 'No project in the region yet.')} />
      </Card>
    </div>
  );
}
