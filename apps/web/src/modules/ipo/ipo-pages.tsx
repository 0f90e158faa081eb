/**
 * The pre-IPO pool's pages: 上市培育 (an enterprise applies to enter the pool, records each stage it
 * reaches with a PDF, and follows the stage timeline and the rewards each verified stage brought in
 * fulfilment) and the finance office's 后备上市企业资源库 (filters, stage counts as a chart,
 * admission or refusal with a reason, enrolment by credit code, verification of recorded stages).
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Steps, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import {
  IPO_BOARDS,
  IPO_BOARD_LABELS,
  IPO_ENTRY_STATUSES,
  IPO_ENTRY_STATUS_LABELS,
  IPO_RECORD_STATUS_LABELS,
  IPO_REFUSAL_LABELS,
  IPO_REFUSAL_REASONS,
  IPO_STAGES,
  IPO_STAGE_LABELS,
  type IpoBoard,
  type IpoEntryStatus,
  type IpoPoolQuery,
  type IpoRecordStatus,
  type IpoRefusalReason,
  type IpoStage,
} from '@seedbed/contract';
import { Link } from 'react-router';
import { amountText } from '../../app/amount';
import { Chart } from '../../app/chart';
import { useLang, usePageTitle, type Lang } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { applyToPool, decide, enrol, evidenceHref, recordStage, uploadPdf, useIpoPool, useMyIpo, verifyStage, type IpoEntry, type IpoPool } from './ipo.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}
/** A refusal in one line: its first field's message, else the general one. */
const refusal = (e: unknown, lang: Lang) => {
  const m = mapProblem(e, lang, []);
  return m.unplaced[0]?.message ?? m.message;
};

function EntryTag({ status }: { status: IpoEntryStatus }) {
  const { lang } = useLang();
  return <Tag color={{ applied: 'gold', admitted: 'green', refused: 'red' }[status]}>{IPO_ENTRY_STATUS_LABELS[status][lang]}</Tag>;
}
function RecordTag({ status }: { status: IpoRecordStatus }) {
  const { lang } = useLang();
  return <Tag color={{ recorded: 'purple', verified: 'green', returned: 'orange' }[status]}>{IPO_RECORD_STATUS_LABELS[status][lang]}</Tag>;
}
const boardOptions = (lang: Lang) => IPO_BOARDS.map((b) => ({ value: b, label: IPO_BOARD_LABELS[b][lang] }));
const stageOptions = (lang: Lang, stages: readonly IpoStage[] = IPO_STAGES) => stages.map((s) => ({ value: s, label: IPO_STAGE_LABELS[s][lang] }));

// ---------------------------------------------------------------- 上市培育 (the enterprise)

function ApplyButton({ firms }: { firms: { subjectId: string; name: string }[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ subjectId: string; board: IpoBoard; stage: IpoStage; note: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    setBusy(true);
    try {
      await applyToPool({ ...v, note: v.note ?? '' });
      message.success(tx('已提交入库申请，等待金融办审核', 'Applied: the finance office decides next'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['ipo'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['subjectId'], ['board'], ['stage'], ['note']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="ipo-apply">
        {tx('申请入库', 'Apply to enter')}
      </Button>
      <Modal open={open} title={tx('申请进入后备上市企业资源库', 'Apply to enter the pre-IPO pool')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('提交申请', 'Apply')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ subjectId: firms[0]?.subjectId, note: '' }}>
          <Form.Item name="subjectId" label={tx('企业', 'Enterprise')} rules={[{ required: true, message: tx('请选择企业', 'Choose the enterprise') }]}>
            <Select options={firms.map((f) => ({ value: f.subjectId, label: f.name }))} />
          </Form.Item>
          <Form.Item name="board" label={tx('拟上市板块', 'Target board')} rules={[{ required: true, message: tx('请选择板块', 'Choose the board') }]}>
            <Select options={boardOptions(lang)} data-testid="ipo-board" />
          </Form.Item>
          <Form.Item name="stage" label={tx('目前所处阶段', 'Current stage')} rules={[{ required: true, message: tx('请选择阶段', 'Choose the stage') }]}>
            <Select options={stageOptions(lang, IPO_STAGES.filter((s) => s !== 'listed'))} data-testid="ipo-stage" />
          </Form.Item>
          <Form.Item name="note" label={tx('企业情况说明（选填）', 'About the enterprise (optional)')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="ipo-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function StageButton({ entry }: { entry: IpoEntry }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ stage: IpoStage; reachedOn: Dayjs; note: string }>();
  const done = new Set(entry.records.filter((r) => r.status !== 'returned').map((r) => r.stage));
  const open_ = IPO_STAGES.filter((s) => s !== 'cultivation' && IPO_STAGES.indexOf(s) >= IPO_STAGES.indexOf(entry.stage) && !done.has(s));
  if (open_.length === 0) return null;
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
      await recordStage(entry.id, { stage: v.stage, reachedOn: v.reachedOn.format('YYYY-MM-DD'), evidenceFileId: stored.id, note: v.note ?? '' });
      message.success(tx('已登记，等待金融办核实', 'Recorded: the finance office verifies it next'));
      setOpen(false);
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['ipo'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['stage'], ['reachedOn'], ['note'], ['evidenceFileId']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="ipo-record-stage">
        {tx('登记新阶段', 'Record a stage')}
      </Button>
      <Modal open={open} title={tx('登记达到的上市进程阶段', 'Record a listing stage reached')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('登记', 'Record')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ stage: open_[0], note: '' }}>
          <Form.Item name="stage" label={tx('阶段', 'Stage')} rules={[{ required: true, message: tx('请选择阶段', 'Choose the stage') }]}>
            <Select options={stageOptions(lang, open_)} data-testid="stage-select" />
          </Form.Item>
          <Form.Item name="reachedOn" label={tx('达到日期（如挂牌公告日、受理日）', 'Date reached (e.g. of the listing notice or acceptance)')} rules={[{ required: true, message: tx('请选择日期', 'Choose the date') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="stage-date" />
          </Form.Item>
          <Form.Item name="note" label={tx('说明（选填）', 'Note (optional)')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="stage-note" />
          </Form.Item>
          <Form.Item label={tx('证明材料（PDF，如挂牌公告、受理通知书、辅导备案文件）', 'Evidence (a PDF: the listing notice, the acceptance, the coaching filing)')} required>
            <Upload
              beforeUpload={(f) => {
                setFile(f);
                return false;
              }}
              maxCount={1}
              accept=".pdf"
              showUploadList={false}
            >
              <Button data-testid="stage-evidence">{tx('选择文件', 'Choose a file')}</Button>
            </Upload>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {file ? file.name : tx('未选择文件', 'No file chosen')}
            </Typography.Text>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Timeline({ entry }: { entry: IpoEntry }) {
  const tx = useTx();
  const { lang } = useLang();
  const current = IPO_STAGES.indexOf(entry.stage);
  return (
    <Steps
      size="small"
      current={current}
      style={{ marginBottom: 16 }}
      items={IPO_STAGES.map((s, i) => {
        const rec = [...entry.records].reverse().find((r) => r.stage === s);
        const description = s === 'cultivation' ? (entry.admittedOn ? tx(`${entry.admittedOn} 入库`, `In the pool since ${entry.admittedOn}`) : undefined) : rec ? `${rec.reachedOn} · ${IPO_RECORD_STATUS_LABELS[rec.status][lang]}` : undefined;
        return { title: IPO_STAGE_LABELS[s][lang], description, status: entry.status !== 'admitted' ? 'wait' : i < current ? 'finish' : i === current ? (s === 'listed' ? 'finish' : 'process') : 'wait' };
      })}
    />
  );
}

function Rewards({ entry }: { entry: IpoEntry }) {
  const tx = useTx();
  const { lang } = useLang();
  const upcoming = entry.rewardItems.filter((i) => !entry.rewards.some((r) => r.stage === i.stage && r.itemTitle.zh === i.title.zh));
  return (
    <div data-testid="ipo-rewards">
      <Typography.Title level={5}>{tx('阶段奖励', 'Stage rewards')}</Typography.Title>
      {entry.rewards.length === 0 && upcoming.length === 0 ? (
        <Typography.Paragraph type="secondary">{tx('本地区政策目录中暂无与所选板块阶段对应的奖励。', "The region's catalogue has no reward for the stages of this board.")}</Typography.Paragraph>
      ) : null}
      {entry.rewards.map((r) => (
        <div key={`${r.stage}-${r.itemTitle.zh}`} style={{ marginBottom: 8 }} data-testid="ipo-reward">
          <Tag>{IPO_STAGE_LABELS[r.stage][lang]}</Tag>
          <span>{r.itemTitle[lang]}</span>
          {r.amountFen !== null ? <strong style={{ marginLeft: 8 }}>{r.upTo ? tx(`最高 ${amountText(r.amountFen, lang)}`, `up to ${amountText(r.amountFen, lang)}`) : amountText(r.amountFen, lang)}</strong> : null}
          <div style={{ marginTop: 4 }}>
            {r.handedToFulfilment ? (
              <>
                <Tag color="green">{tx('已进入兑现流程', 'In fulfilment')}</Tag>
                {r.fulfilmentStatus ? <Typography.Text type="secondary">{tx(`当前环节：${r.fulfilmentStatus.zh}`, `Now at: ${r.fulfilmentStatus.en}`)}</Typography.Text> : null}
                <Link to="/fulfilment/mine" style={{ marginLeft: 8 }}>
                  {tx('查看兑现进度', 'Follow it')}
                </Link>
              </>
            ) : (
              <Typography.Text type="secondary">{tx('未进入兑现：', 'Not handed: ')}{r.reasons.map((x) => x[lang]).join('；') || '—'}</Typography.Text>
            )}
          </div>
        </div>
      ))}
      {upcoming.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tx('达到以下阶段并经核实后可获得：', 'Once these stages are reached and verified: ')}
          {upcoming.map((i) => `${IPO_STAGE_LABELS[i.stage][lang]} — ${i.title[lang]}`).join('；')}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

function EntryCard({ entry }: { entry: IpoEntry }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="ipo-entry"
      title={
        <Space wrap>
          <span>{entry.enterpriseName}</span>
          <EntryTag status={entry.status} />
          <Tag color="blue">{tx(`拟${IPO_BOARD_LABELS[entry.board].zh}`, `Target: ${IPO_BOARD_LABELS[entry.board].en}`)}</Tag>
        </Space>
      }
      extra={entry.status === 'admitted' ? <StageButton entry={entry} /> : null}
    >
      {entry.status === 'applied' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={tx('入库申请已提交，等待金融办审核。', 'Your application awaits the finance office.')} /> : null}
      {entry.status === 'refused' && entry.refusalReason ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={tx(`未予入库：${IPO_REFUSAL_LABELS[entry.refusalReason].zh}`, `Refused: ${IPO_REFUSAL_LABELS[entry.refusalReason].en}`)}
          description={entry.refusalNote ?? undefined}
        />
      ) : null}
      <Timeline entry={entry} />
      {entry.records.length > 0 ? (
        <ResponsiveList
          rows={entry.records}
          rowKey={(r) => r.id}
          testId="ipo-records"
          columns={[
            { key: 'stage', title: tx('阶段', 'Stage'), primary: true, render: (r) => IPO_STAGE_LABELS[r.stage][lang] },
            { key: 'on', title: tx('达到日期', 'Reached on'), render: (r) => r.reachedOn },
            {
              key: 'status',
              title: tx('状态', 'Status'),
              render: (r) => (
                <span>
                  <RecordTag status={r.status} />
                  {r.returnNote ? <Typography.Text type="secondary">{tx(`理由：${r.returnNote}`, `Reason: ${r.returnNote}`)}</Typography.Text> : null}
                </span>
              ),
            },
            { key: 'evidence', title: tx('证明材料', 'Evidence'), render: (r) => <a href={evidenceHref(r.id)}>{r.evidenceName ?? tx('下载', 'Download')}</a> },
          ]}
        />
      ) : null}
      {entry.status === 'admitted' ? <Rewards entry={entry} /> : null}
    </Card>
  );
}

export function MyIpoPage() {
  const tx = useTx();
  usePageTitle(tx('上市培育', 'Pre-IPO pool'));
  const mine = useMyIpo();
  if (mine.isLoading) return <PageLoading />;
  if (mine.error || !mine.data) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  const d = mine.data;
  const live = new Set(d.entries.filter((e) => e.status !== 'refused').map((e) => e.enterpriseName));
  const mayApply = d.mayApplyFor.filter((f) => !live.has(f.name));
  return (
    <div>
      <PageHeading
        title={tx('上市培育', 'Pre-IPO pool')}
        subtitle={tx(
          '进入后备上市企业资源库的企业，达到股改、辅导备案、申报受理、挂牌或上市等阶段时登记并上传证明材料，经金融办核实后，政策规定的阶段奖励自动进入兑现流程。',
          'Enterprises in the pre-IPO pool record each stage they reach (reform, coaching, application, listing) with its evidence; once the finance office verifies it, the stage rewards of the policies enter fulfilment by themselves.',
        )}
        extra={mayApply.length > 0 ? <ApplyButton firms={mayApply} /> : null}
      />
      {d.mayApplyFor.length === 0 ? (
        <EmptyState description={tx('后备上市企业资源库面向企业。您的账号暂无企业档案。', 'The pre-IPO pool is for enterprises. Your account has no enterprise profile.')} />
      ) : d.entries.length === 0 ? (
        <EmptyState description={tx('尚未申请入库。点击“申请入库”，选择拟上市板块和目前所处阶段。', 'No application yet. Use "Apply to enter" with your target board and current stage.')} />
      ) : (
        d.entries.map((e) => <EntryCard key={e.id} entry={e} />)
      )}
    </div>
  );
}

// ---------------------------------------------------------------- 后备上市企业资源库 (the finance office)

function DecideButtons({ entry }: { entry: IpoEntry }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState<IpoRefusalReason | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const send = async (admit: boolean) => {
    setProblem(null);
    try {
      await decide(entry.id, { admit, reason: admit ? null : reason, note: admit ? '' : note });
      message.success(admit ? tx('已入库', 'Admitted') : tx('已告知企业不予入库的理由', 'Refused: the enterprise is told why'));
      setRefusing(false);
      await qc.invalidateQueries({ queryKey: ['ipo'] });
    } catch (e) {
      if (admit) message.error(refusal(e, lang));
      else setProblem(mapProblem(e, lang, []));
    }
  };
  return (
    <Space wrap>
      <Button size="small" type="primary" onClick={() => void send(true)} data-testid="ipo-admit">
        {tx('同意入库', 'Admit')}
      </Button>
      <Button size="small" onClick={() => setRefusing(true)} data-testid="ipo-refuse">
        {tx('不予入库', 'Refuse')}
      </Button>
      <Modal open={refusing} title={tx(`不予入库：${entry.enterpriseName}`, `Refuse: ${entry.enterpriseName}`)} onCancel={() => setRefusing(false)} onOk={() => void send(false)} okText={tx('不予入库', 'Refuse')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select<IpoRefusalReason> style={{ width: '100%' }} placeholder={tx('选择理由', 'Choose the reason')} value={reason ?? undefined} onChange={setReason} options={IPO_REFUSAL_REASONS.map((r) => ({ value: r, label: IPO_REFUSAL_LABELS[r][lang] }))} aria-label={tx('理由', 'Reason')} />
          <Input.TextArea rows={3} maxLength={1000} placeholder={tx('补充说明（选择“其他原因”时必填）', 'Note (required for "other")')} value={note} onChange={(e) => setNote(e.target.value)} />
        </Space>
      </Modal>
    </Space>
  );
}

function VerifyButtons({ recordId }: { recordId: string }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [note, setNote] = useState('');
  const send = async (approve: boolean) => {
    try {
      const entry = await verifyStage(recordId, { approve, note: approve ? '' : note });
      const handed = entry.rewards.filter((r) => r.handedToFulfilment).length;
      message.success(approve ? tx(`已核实${handed > 0 ? `，奖励已进入兑现流程` : ''}`, `Verified${handed > 0 ? ': rewards entered fulfilment' : ''}`) : tx('已退回', 'Sent back'));
      setReturning(false);
      await qc.invalidateQueries({ queryKey: ['ipo'] });
    } catch (e) {
      message.error(refusal(e, lang));
    }
  };
  return (
    <Space wrap>
      <Button size="small" type="primary" onClick={() => void send(true)} data-testid="ipo-verify">
        {tx('核实', 'Verify')}
      </Button>
      <Button size="small" onClick={() => setReturning(true)}>
        {tx('退回', 'Send back')}
      </Button>
      <Modal open={returning} title={tx('退回阶段登记', 'Send the record back')} onCancel={() => setReturning(false)} onOk={() => void send(false)} okText={tx('退回', 'Send back')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={1000} placeholder={tx('请说明理由', 'Give the reason')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Space>
  );
}

function EnrolButton() {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [form] = Form.useForm<{ creditCode: string; board: IpoBoard; stage: IpoStage; note: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    setProblem(null);
    setBusy(true);
    try {
      await enrol({ ...v, note: v.note ?? '' });
      message.success(tx('已直接入库', 'Enrolled'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['ipo'] });
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['creditCode'], ['board'], ['stage'], ['note']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="ipo-enrol">
        {tx('直接入库', 'Enrol an enterprise')}
      </Button>
      <Modal open={open} title={tx('将企业列入资源库', 'Enrol an enterprise in the pool')} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={tx('入库', 'Enrol')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ loading: busy }} destroyOnHidden>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" initialValues={{ note: '' }}>
          <Form.Item name="creditCode" label={tx('统一社会信用代码', 'Unified social credit code')} rules={[{ required: true, len: 18, message: tx('应为18位', 'Must have 18 characters') }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="board" label={tx('拟上市板块', 'Target board')} rules={[{ required: true, message: tx('请选择板块', 'Choose the board') }]}>
            <Select options={boardOptions(lang)} />
          </Form.Item>
          <Form.Item name="stage" label={tx('目前所处阶段', 'Current stage')} rules={[{ required: true, message: tx('请选择阶段', 'Choose the stage') }]}>
            <Select options={stageOptions(lang, IPO_STAGES.filter((s) => s !== 'listed'))} />
          </Form.Item>
          <Form.Item name="note" label={tx('说明（选填）', 'Note (optional)')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function StageChart({ pool }: { pool: IpoPool }) {
  const tx = useTx();
  const { lang } = useLang();
  return (
    <Chart
      testId="ipo-stage-chart"
      title={tx('在库企业所处阶段', 'Enterprises in the pool by stage')}
      categories={pool.byStage.map((s) => IPO_STAGE_LABELS[s.stage][lang])}
      series={[{ name: tx('企业数', 'Enterprises'), values: pool.byStage.map((s) => s.count) }]}
      height={260}
    />
  );
}

export function IpoPoolPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('后备上市企业资源库', 'Pre-IPO pool'));
  const [filter, setFilter] = useState<IpoPoolQuery>({});
  const pool = useIpoPool(filter);
  const d = pool.data;
  return (
    <div>
      <PageHeading
        title={tx('后备上市企业资源库', 'Pre-IPO pool')}
        subtitle={tx('审核企业入库申请，核实企业登记的上市进程阶段；核实后，政策目录中的阶段奖励自动进入兑现流程。', "Decide enterprises' applications and verify the stages they record; verified stages hand the catalogue's stage rewards to fulfilment.")}
        extra={<EnrolButton />}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 220 }}>
          <RegionCascader value={filter.region ?? null} onChange={(code) => setFilter((f) => ({ ...f, region: code ?? undefined }))} aria-label={tx('地区', 'Region')} />
        </div>
        <Select<IpoStage> allowClear style={{ width: 150 }} placeholder={tx('阶段', 'Stage')} value={filter.stage} onChange={(stage) => setFilter((f) => ({ ...f, stage }))} options={stageOptions(lang)} aria-label={tx('阶段', 'Stage')} />
        <Select<IpoBoard> allowClear style={{ width: 150 }} placeholder={tx('板块', 'Board')} value={filter.board} onChange={(board) => setFilter((f) => ({ ...f, board }))} options={boardOptions(lang)} aria-label={tx('板块', 'Board')} />
        <Select<IpoEntryStatus> allowClear style={{ width: 150 }} placeholder={tx('状态', 'Status')} value={filter.status} onChange={(status) => setFilter((f) => ({ ...f, status }))} options={IPO_ENTRY_STATUSES.map((s) => ({ value: s, label: IPO_ENTRY_STATUS_LABELS[s][lang] }))} aria-label={tx('状态', 'Status')} />
      </Space>
      {pool.isLoading ? <PageLoading /> : null}
      {pool.error ? <LoadError error={pool.error} onRetry={() => void pool.refetch()} /> : null}
      {d ? (
        <>
          <Card size="small" title={tx(`待核实的阶段登记（${d.awaiting.length}）`, `Stages awaiting verification (${d.awaiting.length})`)} style={{ marginBottom: 16 }}>
            <ResponsiveList
              rows={d.awaiting}
              rowKey={(a) => a.record.id}
              testId="ipo-awaiting"
              empty={<EmptyState description={tx('没有待核实的阶段登记。', 'No stage awaits verification.')} />}
              columns={[
                { key: 'firm', title: tx('企业', 'Enterprise'), primary: true, render: (a) => a.enterpriseName },
                { key: 'stage', title: tx('阶段', 'Stage'), render: (a) => `${IPO_BOARD_LABELS[a.board][lang]} · ${IPO_STAGE_LABELS[a.record.stage][lang]}` },
                { key: 'on', title: tx('达到日期', 'Reached on'), render: (a) => a.record.reachedOn },
                { key: 'note', title: tx('说明', 'Note'), render: (a) => a.record.note || '—' },
                { key: 'evidence', title: tx('证明材料', 'Evidence'), render: (a) => <a href={evidenceHref(a.record.id)}>{a.record.evidenceName ?? tx('下载', 'Download')}</a> },
                { key: 'actions', title: tx('操作', 'Actions'), render: (a) => <VerifyButtons recordId={a.record.id} /> },
              ]}
            />
          </Card>
          <Card size="small" title={tx('在库企业所处阶段', 'Enterprises in the pool by stage')} style={{ marginBottom: 16 }}>
            <StageChart pool={d} />
          </Card>
          <Card size="small" title={tx(`企业（${d.entries.length}）`, `Enterprises (${d.entries.length})`)}>
            <ResponsiveList
              rows={d.entries}
              rowKey={(e) => e.id}
              testId="ipo-pool"
              empty={<EmptyState description={tx('没有符合条件的企业。', 'No enterprise matches.')} />}
              columns={[
                { key: 'firm', title: tx('企业', 'Enterprise'), primary: true, render: (e) => e.enterpriseName },
                { key: 'region', title: tx('地区', 'Region'), render: (e) => e.regionName },
                { key: 'board', title: tx('拟上市板块', 'Board'), render: (e) => IPO_BOARD_LABELS[e.board][lang] },
                { key: 'stage', title: tx('阶段', 'Stage'), render: (e) => IPO_STAGE_LABELS[e.stage][lang] },
                {
                  key: 'status',
                  title: tx('状态', 'Status'),
                  render: (e) => (
                    <span>
                      <EntryTag status={e.status} />
                      {e.refusalReason ? <Typography.Text type="secondary">{IPO_REFUSAL_LABELS[e.refusalReason][lang]}</Typography.Text> : null}
                    </span>
                  ),
                },
                {
                  key: 'rewards',
                  title: tx('移交兑现的奖励', 'Rewards handed'),
                  render: (e) => {
                    const handed = e.rewards.filter((r) => r.handedToFulfilment);
                    return handed.length > 0 ? handed.map((r) => <div key={`${r.stage}-${r.itemTitle.zh}`}>{r.itemTitle[lang]}{r.fulfilmentStatus ? `（${r.fulfilmentStatus[lang]}）` : ''}</div>) : '—';
                  },
                },
                { key: 'actions', title: tx('操作', 'Actions'), render: (e) => (e.status === 'applied' ? <DecideButtons entry={e} /> : '—') },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
