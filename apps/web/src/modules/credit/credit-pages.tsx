/**
 * The credit pages. The enterprise's (我的信用): whether it is on the serious-violation list and
 * which record puts it there, each record with its source, decision, severity and publication
 * window, and the repair application once the shortest window has passed (reason and a PDF). The
 * source department's (信用信息): import of the department's file (template, then the refused rows
 * with their reasons), entry of one record, and the records with the repairs to decide.
 */
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import {
  CREDIT_PUBLICATION_STATUS_LABELS,
  CREDIT_RECORD_KINDS,
  CREDIT_RECORD_KIND_LABELS,
  CREDIT_REPAIR_STATUS_LABELS,
  CREDIT_SEVERITIES,
  CREDIT_SEVERITY_LABELS,
  type CreditPublicationStatus,
  type CreditRecordKind,
  type CreditSeverity,
} from '@seedbed/contract';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { RatingCard } from './credit-rating';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import {
  applyForRepair,
  decideRepair,
  enterRecord,
  evidenceHref,
  fileBase64,
  importFile,
  reviewRepair,
  TEMPLATE_HREF,
  uploadPdf,
  useCreditWork,
  useMyCredit,
  type CreditImportResult,
  type CreditRecordView,
} from './credit.api';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const STATUS_COLOR: Record<CreditPublicationStatus, string> = {
  not_published: 'default',
  published: 'orange',
  repaired: 'green',
  expired: 'default',
};
const SEVERITY_COLOR: Record<CreditSeverity, string> = { minor: 'default', ordinary: 'gold', serious: 'red' };

function RecordTags({ r }: { r: CreditRecordView }) {
  const { lang } = useLang();
  return (
    <Space size={4} wrap>
      <Tag>{CREDIT_RECORD_KIND_LABELS[r.kind][lang]}</Tag>
      {r.severity ? (
        <Tag color={SEVERITY_COLOR[r.severity]}>{CREDIT_SEVERITY_LABELS[r.severity][lang]}</Tag>
      ) : null}
      <Tag
        color={r.severity === null && r.status === 'published' ? 'green' : STATUS_COLOR[r.status]}
        data-testid="credit-status"
      >
        {CREDIT_PUBLICATION_STATUS_LABELS[r.status][lang]}
      </Tag>
    </Space>
  );
}

function windowText(r: CreditRecordView, tx: (zh: string, en: string) => string): string {
  if (r.publishedFrom === null) return tx('不予公示', 'Not published');
  if (r.publishedUntil === null) return tx(`${r.publishedFrom} 起公示`, `Published from ${r.publishedFrom}`);
  return tx(
    `${r.publishedFrom} 至 ${r.publishedUntil}（不含）`,
    `${r.publishedFrom} to ${r.publishedUntil} (exclusive)`,
  );
}

function RecordDetails({ r }: { r: CreditRecordView }) {
  const tx = useTx();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} style={{ marginTop: 8 }}>
      <Descriptions.Item label={tx('来源部门', 'Source')}>{r.sourceName}</Descriptions.Item>
      <Descriptions.Item label={tx('决定文书号', 'Decision')}>{r.decisionNumber}</Descriptions.Item>
      <Descriptions.Item label={tx('决定日期', 'Decided on')}>{r.decidedOn}</Descriptions.Item>
      <Descriptions.Item label={tx('公示期', 'Published')}>{windowText(r, tx)}</Descriptions.Item>
      {r.repairFrom ? (
        <Descriptions.Item label={tx('可申请修复', 'Repair from')}>{r.repairFrom}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label={tx('法律依据', 'Legal basis')}>{r.legalBasis}</Descriptions.Item>
      <Descriptions.Item label={tx('事由及内容', 'Facts and decision')} span={2}>
        {r.content}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Repairs({ r }: { r: CreditRecordView }) {
  const tx = useTx();
  const { lang } = useLang();
  if (r.repairs.length === 0) return null;
  return (
    <div style={{ marginTop: 8 }} data-testid="credit-repairs">
      {r.repairs.map((p) => (
        <Alert
          key={p.id}
          type={p.status === 'approved' ? 'success' : p.status === 'refused' ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 8 }}
          title={`${tx('信用修复申请', 'Repair application')}：${CREDIT_REPAIR_STATUS_LABELS[p.status][lang]}${tx(`（${p.appliedAt.slice(0, 10)} 申请）`, ` (applied ${p.appliedAt.slice(0, 10)})`)}`}
          description={
            <>
              <div>{p.reason}</div>
              <a href={evidenceHref(p.id)}>{p.evidenceFileName}</a>
              {p.decisionReason ? (
                <div>{tx(`审核意见：${p.decisionReason}`, `Decision: ${p.decisionReason}`)}</div>
              ) : null}
            </>
          }
        />
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- the enterprise

function RepairForm({ record, onDone }: { record: CreditRecordView; onDone: () => void }) {
  const tx = useTx();
  const { lang } = useLang();
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason?: string }) => {
    setProblem(null);
    if (!file) {
      setProblem({
        message: tx('请选择证明材料（PDF）', 'Choose the evidence (PDF)'),
        unplaced: [],
        placed: [],
        code: 'CLIENT',
      });
      return;
    }
    setBusy(true);
    try {
      const stored = await uploadPdf(file);
      await applyForRepair(record.id, { reason: v.reason ?? '', evidenceFileId: stored.id });
      onDone();
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['reason'], ['evidenceFileId']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={tx('申请信用修复', 'Apply for repair')}
      style={{ marginTop: 8 }}
      data-testid="repair-form"
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reason"
          label={tx('已如何纠正失信行为', 'How the breach was corrected')}
          rules={[{ required: true, message: tx('请说明纠正情况', 'Say how it was corrected') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="repair-reason" />
        </Form.Item>
        <Form.Item
          label={tx('证明材料（PDF，如缴款凭证、整改报告）', 'Evidence (PDF: receipts, the remedial report)')}
          required
        >
          <Upload beforeUpload={(f) => (setFile(f), false)} maxCount={1} accept=".pdf" showUploadList={false}>
            <Button data-testid="repair-evidence">{tx('选择文件', 'Choose file')}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {file ? file.name : tx('未选择文件', 'No file chosen')}
          </Typography.Text>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="repair-submit">
          {tx('提交修复申请', 'Apply')}
        </Button>
      </Form>
    </Card>
  );
}

function MyRecord({ r }: { r: CreditRecordView }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="credit-record"
      title={
        <span
          style={{ whiteSpace: 'normal' }}
        >{`${CREDIT_RECORD_KIND_LABELS[r.kind][lang]} · ${r.decisionNumber}`}</span>
      }
    >
      <RecordTags r={r} />
      {r.gates ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={tx(
            '该记录使本企业列入严重失信主体名单',
            'This record puts the enterprise on the serious-violation list',
          )}
        />
      ) : null}
      <RecordDetails r={r} />
      <Repairs r={r} />
      <div style={{ marginTop: 8 }}>
        {r.mayApplyForRepair ? (
          open ? (
            <RepairForm
              record={r}
              onDone={() => {
                message.success(
                  tx('修复申请已提交，等待来源部门审核', 'Applied: the source department reviews it next'),
                );
                setOpen(false);
                void qc.invalidateQueries({ queryKey: ['credit'] });
              }}
            />
          ) : (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="repair-open">
              {tx('申请信用修复', 'Apply for repair')}
            </Button>
          )
        ) : r.status === 'published' && r.repairFrom && r.repairs.every((p) => p.status === 'refused') ? (
          // Published, nothing under review, yet not open: the shortest window has not passed.

          <Typography.Text type="secondary">
            {tx(
              `最短公示期满后，${r.repairFrom} 起可申请信用修复。`,
              `Repair may be applied for from ${r.repairFrom}, when the shortest window has passed.`,
            )}
          </Typography.Text>
        ) : null}
      </div>
    </Card>
  );
}

export function MyCreditPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('我的信用', 'My credit'));
  const q = useMyCredit();
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isLoading || !q.data) return <PageLoading />;
  const subjects = q.data.subjects;
  return (
    <div>
      <PageHeading
        title={tx('我的信用', 'My credit')}
        subtitle={tx(
          '各部门作出的行政处罚、失信名单、经营异常、纳税信用、司法判决和表彰记录。轻微失信不予公示；一般失信公示3个月至1年，严重失信公示1年至3年，最短公示期满后可申请信用修复。',
          'Penalties, lists, tax grades, judgements and honours from the departments that decided them. Minor: not published; ordinary: 3 months to 1 year; serious: 1 to 3 years; repair may be applied for after the shortest window.',
        )}
      />
      {subjects.length === 0 ? (
        <EmptyState description={tx('您尚未关联企业。', 'You act for no enterprise.')} />
      ) : null}
      {subjects.map((s) => (
        <div key={s.subjectId} style={{ marginBottom: 24 }}>
          <Typography.Title level={4}>{s.name}</Typography.Title>
          {s.onSeriousViolationList ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="credit-listed"
              title={tx('本企业目前列入严重失信主体名单', 'The enterprise is on the serious-violation list')}
              description={tx(
                `依据：${s.records
                  .filter((r) => r.gates)
                  .map((r) => `${r.sourceName} ${r.decisionNumber}`)
                  .join('；')}。排除失信主体的政策事项将不予受理；信用修复获准后即恢复。`,
                `Because of: ${s.records
                  .filter((r) => r.gates)
                  .map((r) => `${r.sourceName} ${r.decisionNumber}`)
                  .join('; ')}. Items excluding listed enterprises refuse it until a repair is approved.`,
              )}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="credit-clear"
              title={tx(
                '本企业未列入严重失信主体名单',
                'The enterprise is not on the serious-violation list',
              )}
            />
          )}
          <RatingCard rating={s.rating} />
          {s.records.length === 0 ? (
            <EmptyState description={tx('暂无信用记录。', 'No credit record.')} />
          ) : (
            s.records.map((r) => <MyRecord key={r.id} r={r} />)
          )}
          <Card size="small" title={tx('谁查询过本企业（信用查询）', 'Who looked the enterprise up')} data-testid="credit-inquiries">
            {s.inquiries.length === 0 ? (
              <Typography.Text type="secondary">{tx('暂无机关工作人员查询记录。', 'No officer has looked the enterprise up.')}</Typography.Text>
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey={(q) => `${q.organisationName}${q.at}`}
                dataSource={s.inquiries}
                columns={[
                  { title: tx('查询机关', 'Organisation'), dataIndex: 'organisationName' },
                  { title: tx('查询时间', 'When'), render: (_, q) => showInstant(q.at, lang) },
                ]}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {tx('仅记录机关工作人员在“信用查询”中的查询；公众查询不记名。', 'Only lookups by government officers in the credit inquiry are recorded; the public looks anonymously.')}
            </Typography.Paragraph>
          </Card>
        </div>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------- the source department

function ImportCard({ departments }: { departments: { id: string; name: string }[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dept, setDept] = useState<string | undefined>(
    departments.length === 1 ? departments[0]!.id : undefined,
  );
  const [result, setResult] = useState<CreditImportResult | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!file) return;
    setProblem(null);
    setResult(null);
    setBusy(true);
    try {
      setResult(
        await importFile({
          fileName: file.name,
          contentBase64: await fileBase64(file),
          ...(dept ? { sourceOrganisationId: dept } : {}),
        }),
      );
      await qc.invalidateQueries({ queryKey: ['credit'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, [['fileName'], ['contentBase64']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={tx('导入信用信息文件', 'Import a file')}
      style={{ marginBottom: 16 }}
      data-testid="credit-import"
    >
      <Typography.Paragraph type="secondary">
        {tx(
          '按模板填写（.xlsx，或另存为 UTF-8 编码的 .csv），每行一条记录。逐行校验：有误的行不导入并说明原因；同一文书号重复导入不会重复登记。',
          'Fill in the template (.xlsx, or .csv in UTF-8), one record per row. Each row is checked: a bad row is refused with its reasons; re-importing a decision number records nothing twice.',
        )}{' '}
        <a href={TEMPLATE_HREF} data-testid="credit-template">
          {tx('下载模板', 'Download the template')}
        </a>
      </Typography.Paragraph>
      <ProblemAlert problem={problem} />
      <Space wrap>
        {departments.length > 1 ? (
          <Select
            style={{ minWidth: 220 }}
            placeholder={tx('以哪个部门导入', 'Department')}
            value={dept}
            onChange={setDept}
            options={departments.map((d) => ({ value: d.id, label: d.name }))}
          />
        ) : null}
        <Upload
          beforeUpload={(f) => (setFile(f), setResult(null), false)}
          maxCount={1}
          accept=".xlsx,.csv"
          showUploadList={false}
        >
          <Button data-testid="credit-file">{tx('选择文件', 'Choose file')}</Button>
        </Upload>
        <Typography.Text type="secondary">
          {file ? file.name : tx('未选择文件', 'No file chosen')}
        </Typography.Text>
        <Button
          type="primary"
          disabled={!file}
          loading={busy}
          onClick={() => void run()}
          data-testid="credit-import-run"
        >
          {tx('导入', 'Import')}
        </Button>
      </Space>
      {result ? (
        <div style={{ marginTop: 12 }} data-testid="credit-import-result">
          <Alert
            type={result.refused.length > 0 ? 'warning' : 'success'}
            showIcon
            title={tx(
              `共 ${result.rows} 行：新登记 ${result.created} 条，已登记未变 ${result.unchanged} 条，未导入 ${result.refused.length} 行`,
              `${result.rows} rows: ${result.created} recorded, ${result.unchanged} already recorded, ${result.refused.length} refused`,
            )}
          />
          {result.refused.length > 0 ? (
            <Table
              size="small"
              style={{ marginTop: 8 }}
              pagination={false}
              rowKey={(r) => String(r.row)}
              dataSource={result.refused}
              data-testid="credit-refused"
              columns={[
                { title: tx('行号', 'Row'), dataIndex: 'row', width: 64 },
                { title: tx('决定文书号', 'Decision'), render: (_, r) => r.decisionNumber ?? '—' },
                {
                  title: tx('未导入原因', 'Why refused'),
                  render: (_, r) =>
                    r.errors.map((e, i) => <div key={i}>{`${e.column}：${e.message[lang]}`}</div>),
                },
              ]}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

interface EntryValues {
  creditCode?: string;
  subjectName?: string;
  kind?: CreditRecordKind;
  severity?: CreditSeverity | 'none';
  decisionNumber?: string;
  decidedOn?: Dayjs;
  legalBasis?: string;
  content?: string;
  sourceOrganisationId?: string;
}

function EntryCard({ departments }: { departments: { id: string; name: string }[] }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<EntryValues>();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [open, setOpen] = useState(false);
  const submit = async (v: EntryValues) => {
    setProblem(null);
    try {
      await enterRecord({
        creditCode: v.creditCode ?? '',
        subjectName: v.subjectName ?? '',
        kind: v.kind!,
        severity: v.severity === 'none' || v.severity === undefined ? null : v.severity,
        decisionNumber: v.decisionNumber ?? '',
        decidedOn: v.decidedOn ? v.decidedOn.format('YYYY-MM-DD') : '',
        legalBasis: v.legalBasis ?? '',
        content: v.content ?? '',
        ...(v.sourceOrganisationId ? { sourceOrganisationId: v.sourceOrganisationId } : {}),
      });
      message.success(tx('已登记', 'Recorded'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['credit'] });
    } catch (e) {
      setProblem(
        applyProblemToForm(form, e, lang, [
          ['creditCode'],
          ['subjectName'],
          ['kind'],
          ['severity'],
          ['decisionNumber'],
          ['decidedOn'],
          ['legalBasis'],
          ['content'],
          ['sourceOrganisationId'],
        ]),
      );
    }
  };
  if (!open)
    return (
      <Button style={{ marginBottom: 16 }} onClick={() => setOpen(true)} data-testid="credit-entry-open">
        {tx('登记一条记录', 'Enter a record')}
      </Button>
    );
  const required = (zh: string, en: string) => [{ required: true, message: tx(zh, en) }];
  return (
    <Card size="small" title={tx('登记信用记录', 'Enter a record')} style={{ marginBottom: 16 }}>
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }}>
        {departments.length > 1 ? (
          <Form.Item
            name="sourceOrganisationId"
            label={tx('来源部门', 'Source department')}
            rules={required('请选择部门', 'Choose the department')}
          >
            <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="creditCode"
          label={tx('统一社会信用代码', 'Credit code')}
          rules={required('请填写统一社会信用代码', 'Give the credit code')}
        >
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item
          name="subjectName"
          label={tx('主体名称', 'Name')}
          rules={required('请填写主体名称', 'Give the name')}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item
            name="kind"
            label={tx('信用信息类别', 'Kind')}
            rules={required('请选择类别', 'Choose the kind')}
          >
            <Select
              style={{ minWidth: 200 }}
              options={CREDIT_RECORD_KINDS.map((k) => ({
                value: k,
                label: CREDIT_RECORD_KIND_LABELS[k][lang],
              }))}
            />
          </Form.Item>
          <Form.Item
            name="severity"
            label={tx('失信程度', 'Severity')}
            rules={required('请选择失信程度（表彰选“不适用”）', 'Choose the severity (“none” for an honour)')}
          >
            <Select
              style={{ minWidth: 160 }}
              options={[
                ...CREDIT_SEVERITIES.map((s) => ({ value: s, label: CREDIT_SEVERITY_LABELS[s][lang] })),
                { value: 'none', label: tx('不适用（表彰）', 'None (honour)') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="decidedOn"
            label={tx('决定日期', 'Decided on')}
            rules={required('请选择决定日期', 'Choose the date')}
          >
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item
          name="decisionNumber"
          label={tx('决定文书号', 'Decision number')}
          rules={required('请填写文书号', 'Give the decision number')}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={tx('法律依据', 'Legal basis')}
          rules={required('请填写法律依据', 'Give the legal basis')}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="content"
          label={tx('事由及内容', 'Facts and decision')}
          rules={required('请填写事由及内容', 'State the facts and decision')}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {tx('登记', 'Record')}
          </Button>
          <Button onClick={() => setOpen(false)}>{tx('取消', 'Cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

type RepairReviewView = NonNullable<CreditRecordView['repairs'][number]['review']>;

/** The review of a repair application (the review module): the reviews so far and, for a reviewer who has not, the rubric to score. */
function RepairReview({ repairId, review }: { repairId: string; review: RepairReviewView }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const submit = async () => {
    setProblem(null);
    try {
      const given = Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number'));
      await reviewRepair(repairId, { conflict: false, scores: given, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      message.success(tx('评审意见已提交', 'Review submitted'));
      await qc.invalidateQueries({ queryKey: ['credit'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, review.criteria.map((c) => ['scores', c.id])));
    }
  };
  return (
    <div data-testid="repair-review" style={{ marginBottom: 8 }}>
      <Typography.Text strong>{tx(`评审（${review.scored}/${review.minAssessors}）`, `Review (${review.scored}/${review.minAssessors})`)}</Typography.Text>
      {review.entries.map((e, i) => (
        <div key={i}>
          <Typography.Text type="secondary">
            {e.sealed
              ? tx(`${e.assessorName}：已评审`, `${e.assessorName}: reviewed`)
              : e.conflict
                ? tx(`${e.assessorName}：声明利益冲突（${e.conflictNote ?? ''}）`, `${e.assessorName}: declared a conflict of interest (${e.conflictNote ?? ''})`)
                : tx(`${e.assessorName}：${e.total ?? 0} 分${e.comment ? `，${e.comment}` : ''}`, `${e.assessorName}: ${e.total ?? 0} points${e.comment ? `, ${e.comment}` : ''}`)}
          </Typography.Text>
        </div>
      ))}
      {review.mayReview ? (
        <div style={{ marginTop: 8 }}>
          <ProblemAlert problem={problem} />
          <Space wrap>
            {review.criteria.map((c) => (
              <label key={c.id}>
                {`${lang === 'zh' ? c.label.zh : c.label.en}（0–${c.max}）`}{' '}
                <InputNumber min={0} max={c.max} precision={0} value={scores[c.id] ?? null} onChange={(v) => setScores({ ...scores, [c.id]: v })} data-testid={`repair-score-${c.id}`} />
              </label>
            ))}
          </Space>
          <Input.TextArea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={tx('评审意见（可选）', 'Comments (optional)')} data-testid="repair-review-comment" style={{ margin: '8px 0' }} />
          <Button onClick={() => void submit()} data-testid="repair-review-submit">
            {tx('提交评审', 'Submit review')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function DecideRepair({ r }: { r: CreditRecordView }) {
  const tx = useTx();
  const { lang } = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const pending = r.repairs.find((p) => p.status === 'applied');
  if (!pending) return null;
  const review = pending.review;
  const decide = async (decision: 'approve' | 'refuse') => {
    setProblem(null);
    try {
      await decideRepair(pending.id, { decision, reason });
      message.success(
        decision === 'approve'
          ? tx('已准予修复，该记录停止公示', 'Approved: the record is no longer published')
          : tx('已不予修复', 'Refused'),
      );
      await qc.invalidateQueries({ queryKey: ['credit'] });
    } catch (e) {
      setProblem(mapProblem(e, lang, [['reason']]));
    }
  };
  return (
    <div style={{ marginTop: 8 }} data-testid="repair-decide">
      {review ? <RepairReview repairId={pending.id} review={review} /> : null}
      <ProblemAlert problem={problem} />
      {review && !review.complete ? (
        <Typography.Paragraph type="secondary">{tx('评审完成后方可作出决定（至少一份无利益冲突的评分）。', 'Decide once reviewed (at least one score without a conflict of interest).')}</Typography.Paragraph>
      ) : null}
      <Input.TextArea
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={tx('审核意见（不予修复时必填）', 'Your reasons (required to refuse)')}
        data-testid="repair-decision-reason"
        style={{ marginBottom: 8 }}
      />
      <Space>
        <Button type="primary" disabled={!!review && !review.complete} onClick={() => void decide('approve')} data-testid="repair-approve">
          {tx('准予修复', 'Approve')}
        </Button>
        <Button danger disabled={!!review && !review.complete} onClick={() => void decide('refuse')} data-testid="repair-refuse">
          {tx('不予修复', 'Refuse')}
        </Button>
      </Space>
    </div>
  );
}

export function CreditWorkPage() {
  const tx = useTx();
  usePageTitle(tx('信用信息', 'Credit records'));
  const q = useCreditWork();
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isLoading || !q.data) return <PageLoading />;
  const { departments, records, ratings } = q.data;
  const toDecide = records.filter((r) => r.mayDecideRepair);
  return (
    <div>
      <PageHeading
        title={tx('信用信息', 'Credit records')}
        subtitle={tx(
          '本部门作出的行政处罚、失信名单等信用记录的导入、登记和信用修复审核。',
          "Import and enter your department's credit records, and decide repair applications.",
        )}
      />
      {departments.length > 0 ? (
        <>
          <ImportCard departments={departments} />
          <EntryCard departments={departments} />
        </>
      ) : null}
      {toDecide.length > 0 ? (
        <Card
          size="small"
          title={tx(`待审核的信用修复（${toDecide.length}）`, `Repairs to decide (${toDecide.length})`)}
          style={{ marginBottom: 16 }}
          data-testid="repairs-to-decide"
        >
          {toDecide.map((r) => (
            <div key={r.id} style={{ marginBottom: 16 }}>
              <Typography.Text strong>{`${r.subjectName} · ${r.decisionNumber}`}</Typography.Text>
              <div>
                <RecordTags r={r} />
              </div>
              <Repairs r={r} />
              <DecideRepair r={r} />
            </div>
          ))}
        </Card>
      ) : null}
      {ratings.length > 0 ? (
        <Card size="small" title={tx('企业信用评级', 'Enterprise ratings')} style={{ marginBottom: 16 }} data-testid="credit-ratings">
          <Collapse
            size="small"
            items={ratings.map((r) => ({
              key: r.subjectId,
              label: tx(`${r.name}：${r.grade} 级，${r.score} 分`, `${r.name}: grade ${r.grade}, ${r.score} points`),
              children: <RatingCard rating={r} title={tx('评级依据', 'How it is rated')} />,
            }))}
          />
        </Card>
      ) : null}
      <ResponsiveList<CreditRecordView>
        rows={records}
        loading={false}
        rowKey={(r) => r.id}
        testId="credit-records"
        empty={<EmptyState description={tx('本部门暂无信用记录。', 'No record from your department yet.')} />}
        columns={[
          { key: 'who', title: tx('主体', 'Enterprise'), primary: true, render: (r) => r.subjectName },
          { key: 'what', title: tx('类别与状态', 'Kind and status'), render: (r) => <RecordTags r={r} /> },
          { key: 'decision', title: tx('决定文书号', 'Decision'), render: (r) => r.decisionNumber },
          { key: 'on', title: tx('决定日期', 'Decided on'), render: (r) => r.decidedOn },
          { key: 'window', title: tx('公示期', 'Published'), render: (r) => windowText(r, tx) },
          {
            key: 'linked',
            title: tx('已注册企业', 'Registered'),
            desktopOnly: true,
            render: (r) => (r.registered ? tx('是', 'Yes') : tx('否', 'No')),
          },
        ]}
      />
    </div>
  );
}
