/**
 * Content's pages: the public news list (资讯: search in words and pinyin, by kind) and an item's
 * page (its text, attachments, the catalogue items an interpretation explains, the video's
 * official page); the officers' desk (my drafts, items awaiting my review, published) and the
 * writing page with the rich-text editor; reviewers publish (now or at a time) or return.
 */
import { useRef, useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { FilePdfOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router';
import { CONTENT_CATEGORIES, CONTENT_CATEGORY_LABELS, CONTENT_KINDS, CONTENT_KIND_LABELS, CONTENT_STATUS_LABELS, type ContentCategory, type ContentKind, type ContentStatus, type PolicyList } from '@seedbed/contract';
import { api, query } from '../../app/api-client';
import { useLang, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, mapProblem, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { createContent, uploadFile, reviewContent, submitContent, updateContent, useContent, useDesk, usePublicContent, withdrawContent, type ContentBody, type ContentPage, type ContentSummary } from './content.api';
import { RichTextEditor } from './rich-text-editor';
import './content.css';

function useTx(): (zh: string, en: string) => string {
  const { lang } = useLang();
  return (zh, en) => (lang === 'zh' ? zh : en);
}

const STATUS_COLOURS: Record<ContentStatus, string> = { draft: 'default', submitted: 'gold', returned: 'red', published: 'green', withdrawn: 'default' };

function StatusTag({ status }: { status: ContentStatus }) {
  const { lang } = useLang();
  return <Tag color={STATUS_COLOURS[status]}>{CONTENT_STATUS_LABELS[status][lang]}</Tag>;
}

// ---------------------------------------------------------------- public

export function NewsListPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('资讯', 'News'));
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string>('all');
  const list = usePublicContent({ q, ...(kind !== 'all' ? { kind } : {}) });
  if (list.error) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div>
      <PageHeading
        title={tx('资讯', 'News')}
        subtitle={tx('新闻、通知公告、政策解读与视频。可按标题、正文或拼音查找。', 'News, notices, policy interpretations and videos. Search by title, text or pinyin.')}
        extra={
          <Space wrap>
            <a href="/feeds/news.xml">{tx('订阅资讯（RSS）', 'News feed (RSS)')}</a>
            <a href="/feeds/policies.xml">{tx('订阅新发布政策（RSS）', 'New policies feed (RSS)')}</a>
          </Space>
        }
      />
      <Input.Search allowClear placeholder={tx('关键词或拼音，如 chuangye', 'Words or pinyin, e.g. chuangye')} onSearch={setQ} style={{ maxWidth: 360, marginBottom: 8 }} data-testid="news-search" aria-label={tx('搜索资讯', 'Search news')} />
      <Tabs activeKey={kind} onChange={setKind} items={[{ key: 'all', label: tx('全部', 'All') }, ...CONTENT_KINDS.map((k) => ({ key: k, label: CONTENT_KIND_LABELS[k][lang] }))]} />
      <ResponsiveList<ContentSummary>
        rows={list.data ?? []}
        loading={list.isLoading}
        rowKey={(c) => c.id}
        testId="news"
        empty={<EmptyState description={q ? tx('没有找到相关资讯。', 'Nothing matches.') : tx('暂无资讯。', 'No news yet.')} />}
        columns={[
          { key: 'title', title: tx('标题', 'Title'), primary: true, render: (c) => <Link to={`/news/${c.id}`}>{c.title}</Link> },
          { key: 'kind', title: tx('类别', 'Kind'), render: (c) => <Tag>{CONTENT_KIND_LABELS[c.kind][lang]}</Tag> },
          { key: 'summary', title: tx('摘要', 'Summary'), render: (c) => <Typography.Text type="secondary">{c.summary}</Typography.Text> },
          { key: 'dept', title: tx('发布部门', 'Department'), render: (c) => c.department },
          { key: 'date', title: tx('发布时间', 'Published'), render: (c) => showInstant(c.publishAt, lang) },
        ]}
      />
    </div>
  );
}

export function NewsPage() {
  const { id = '' } = useParams();
  const tx = useTx();
  const { lang } = useLang();
  const page = useContent(id);
  usePageTitle(page.data?.title ?? tx('资讯', 'News'));
  if (page.isLoading) return <PageLoading />;
  if (page.error || !page.data) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  const c = page.data;
  return (
    <article>
      <PageHeading
        title={c.title}
        subtitle={
          <Space wrap className="sb-news-meta">
            <Tag>{CONTENT_KIND_LABELS[c.kind][lang]}</Tag>
            <span>{CONTENT_CATEGORY_LABELS[c.category][lang]}</span>
            <span>{c.department}</span>
            {c.publishAt ? <span>{showInstant(c.publishAt, lang)}</span> : null}
            {c.status !== 'published' || (c.publishAt && new Date(c.publishAt) > new Date()) ? <StatusTag status={c.status} /> : null}
          </Space>
        }
        extra={<Link to="/news">{tx('返回资讯', 'Back to news')}</Link>}
      />
      <ReviewPanel page={c} />
      {c.videoUrl ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <a href={c.videoUrl} target="_blank" rel="noopener noreferrer nofollow" data-testid="video-link">
            <PlayCircleOutlined aria-hidden /> {tx('在官方视频页面观看', 'Watch on the official video page')}
          </a>
        </Card>
      ) : null}
      {/* The body is HTML the server sanitised against its allow-list before storing it. */}
      <Card style={{ marginBottom: 16 }}>
        <div className="sb-rich-text" data-testid="news-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      </Card>
      {c.policies.length > 0 ? (
        <Card size="small" title={tx('解读的政策事项', 'Policy items explained')} style={{ marginBottom: 16 }}>
          <ul>
            {c.policies.map((p) => (
              <li key={p.id}>
                <Link to={`/policies/${encodeURIComponent(p.id)}`}>{lang === 'zh' ? p.title : p.titleEn}</Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {c.attachments.length > 0 ? (
        <Card size="small" title={tx('附件', 'Attachments')} style={{ marginBottom: 16 }}>
          <ul>
            {c.attachments.map((a) => (
              <li key={a.id}>
                <a href={a.href} download>
                  <FilePdfOutlined aria-hidden /> {a.name}（{Math.max(1, Math.round(a.size / 1024))} KB）
                </a>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </article>
  );
}

/** The author's and the reviewer's actions on an item's page. */
function ReviewPanel({ page: c }: { page: ContentPage }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [at, setAt] = useState<Dayjs | null>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!c.mayEdit && !c.mayReview && !c.mayWithdraw && c.status !== 'returned' && c.status !== 'submitted') return null;
  const act = async (run: () => Promise<ContentPage>, done: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await run();
      client.setQueryData(['content', 'page', c.id], next);
      await client.invalidateQueries({ queryKey: ['content', 'desk'] });
      await client.invalidateQueries({ queryKey: ['content', 'public'] });
      void message.success(done);
      return true;
    } catch (e) {
      setProblem(mapProblem(e, lang, [['reason'], ['publishAt'], ['status']]));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={tx('审核与发布', 'Review and publication')} style={{ marginBottom: 16 }} data-testid="review-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <StatusTag status={c.status} />
          <span>{tx(`作者：${c.author}`, `Author: ${c.author}`)}</span>
          {c.reviewer ? <span>{tx(`审核：${c.reviewer}`, `Reviewer: ${c.reviewer}`)}</span> : null}
        </Space>
        {c.returnReason ? <Typography.Text type="danger">{tx(`退回原因：${c.returnReason}`, `Returned: ${c.returnReason}`)}</Typography.Text> : null}
        <ProblemAlert problem={problem} />
        <Space wrap>
          {c.mayEdit ? (
            <>
              <Link to={`/content-desk/${c.id}/edit`}>
                <Button>{tx('修改', 'Edit')}</Button>
              </Link>
              <Button type="primary" loading={busy} data-testid="submit-content" onClick={() => void act(() => submitContent(c.id), tx('已提交审核', 'Submitted for review'))}>
                {tx('提交审核', 'Submit for review')}
              </Button>
            </>
          ) : null}
          {c.mayReview ? (
            <>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} placeholder={tx('定时发布（可选）', 'Publish at (optional)')} aria-label={tx('定时发布时间', 'Publication time')} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              <Button
                type="primary"
                loading={busy}
                data-testid="publish-content"
                onClick={() => void act(() => reviewContent(c.id, { decision: 'publish', publishAt: at ? at.second(0).millisecond(0).toISOString() : null, reason: null }), at ? tx('已定时发布', 'Scheduled') : tx('已发布', 'Published'))}
              >
                {at ? tx('定时发布', 'Schedule') : tx('审核通过并发布', 'Approve and publish')}
              </Button>
              <Button danger onClick={() => setReturnOpen(true)} data-testid="return-content">
                {tx('退回修改', 'Return')}
              </Button>
            </>
          ) : null}
          {c.mayWithdraw ? (
            <Button danger loading={busy} onClick={() => void act(() => withdrawContent(c.id), tx('已撤下', 'Withdrawn'))}>
              {tx('撤下', 'Withdraw')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Modal
        open={returnOpen}
        title={tx('退回修改', 'Return for changes')}
        okText={tx('退回', 'Return')}
        cancelText={tx('取消', 'Cancel')}
        confirmLoading={busy}
        onCancel={() => setReturnOpen(false)}
        onOk={() => void act(() => reviewContent(c.id, { decision: 'return', publishAt: null, reason }), tx('已退回', 'Returned')).then((ok) => ok && setReturnOpen(false))}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={tx('退回原因', 'Reason')} placeholder={tx('请说明需要修改的地方', 'Say what needs changing')} />
      </Modal>
    </Card>
  );
}

// ---------------------------------------------------------------- officers

export function DeskPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('资讯发布', 'Content'));
  const desk = useDesk();
  if (desk.isLoading) return <PageLoading />;
  if (desk.error || !desk.data) return <LoadError error={desk.error} onRetry={() => void desk.refetch()} />;
  const list = (rows: ContentSummary[], testId: string, empty: string) => (
    <ResponsiveList<ContentSummary>
      rows={rows}
      rowKey={(c) => c.id}
      testId={testId}
      empty={<EmptyState description={empty} />}
      columns={[
        { key: 'title', title: tx('标题', 'Title'), primary: true, render: (c) => <Link to={`/news/${c.id}`}>{c.title}</Link> },
        { key: 'kind', title: tx('类别', 'Kind'), render: (c) => CONTENT_KIND_LABELS[c.kind][lang] },
        { key: 'status', title: tx('状态', 'Status'), render: (c) => <StatusTag status={c.status} /> },
        { key: 'dept', title: tx('部门', 'Department'), render: (c) => c.department },
        { key: 'date', title: tx('发布时间', 'Publication'), render: (c) => (c.publishAt ? showInstant(c.publishAt, lang) : '—') },
      ]}
    />
  );
  const d = desk.data;
  return (
    <div>
      <PageHeading
        title={tx('资讯发布', 'Content')}
        subtitle={tx('撰写新闻、通知、政策解读和视频；提交后由另一位审核人员发布。', 'Write news, notices, policy interpretations and videos; another officer reviews and publishes them.')}
        extra={
          <Link to="/content-desk/new">
            <Button type="primary" data-testid="new-content">
              {tx('撰写资讯', 'Write')}
            </Button>
          </Link>
        }
      />
      <Card size="small" title={tx(`待我审核（${d.toReview.length}）`, `Awaiting my review (${d.toReview.length})`)} style={{ marginBottom: 16 }}>
        {list(d.toReview, 'to-review', tx('没有待审核的资讯。', 'Nothing awaits your review.'))}
      </Card>
      <Card size="small" title={tx('我的草稿与退回', 'My drafts and returned items')} style={{ marginBottom: 16 }}>
        {list(d.mine, 'my-content', tx('没有草稿。', 'No drafts.'))}
      </Card>
      <Card size="small" title={tx('已发布（含定时）', 'Published (scheduled included)')}>
        {list(d.published, 'published-content', tx('尚无已发布的资讯。', 'Nothing published yet.'))}
      </Card>
    </div>
  );
}

interface FormValues {
  kind: ContentKind;
  category: ContentCategory;
  title: string;
  summary: string;
  videoUrl: string;
  policyItemIds: string[];
  bodyHtml: string;
}

export function EditContentPage() {
  const { id = '' } = useParams();
  const page = useContent(id);
  if (id && page.isLoading) return <PageLoading />;
  if (id && (page.error || !page.data)) return <LoadError error={page.error} onRetry={() => void page.refetch()} />;
  return <ContentForm key={id || 'new'} existing={id ? page.data! : null} />;
}

function ContentForm({ existing }: { existing: ContentPage | null }) {
  const tx = useTx();
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  usePageTitle(existing ? tx('修改资讯', 'Edit') : tx('撰写资讯', 'Write'));
  const [form] = Form.useForm<FormValues>();
  const [attachments, setAttachments] = useState<{ id: string; name: string }[]>(existing?.attachments.map((a) => ({ id: a.id, name: a.name })) ?? []);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const pdfPicker = useRef<HTMLInputElement>(null);
  const kind = Form.useWatch('kind', form) ?? existing?.kind ?? 'news';
  const [policyQ, setPolicyQ] = useState('');
  const policies = useQuery({ queryKey: ['policies', 'list', 'content-picker', policyQ], enabled: kind === 'interpretation', queryFn: () => api.get<PolicyList>(`/policies${query({ q: policyQ, pageSize: 50 })}`) });
  const known = new Map([...(existing?.policies.map((p) => [p.id, lang === 'zh' ? p.title : p.titleEn] as const) ?? []), ...(policies.data?.items.map((p) => [p.id, p.title[lang]] as const) ?? [])]);
  const save = async (v: FormValues) => {
    setSaving(true);
    setProblem(null);
    const body: ContentBody = {
      kind: v.kind,
      category: v.category,
      title: v.title ?? '',
      summary: v.summary ?? '',
      bodyHtml: v.bodyHtml ?? '',
      videoUrl: v.kind === 'video' ? (v.videoUrl ?? '') : null,
      policyItemIds: v.kind === 'interpretation' ? (v.policyItemIds ?? []) : [],
      attachmentIds: attachments.map((a) => a.id),
    };
    try {
      const saved = existing ? await updateContent(existing.id, body) : await createContent(body);
      client.setQueryData(['content', 'page', saved.id], saved);
      await client.invalidateQueries({ queryKey: ['content', 'desk'] });
      void message.success(tx('已保存', 'Saved'));
      void navigate(`/news/${saved.id}`);
    } catch (e) {
      setProblem(applyProblemToForm(form, e, lang, [['kind'], ['category'], ['title'], ['summary'], ['videoUrl'], ['policyItemIds'], ['bodyHtml'], ['attachmentIds']]));
    } finally {
      setSaving(false);
    }
  };
  const onAttachment = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    try {
      const stored = await uploadFile(file);
      if (stored.contentType !== 'application/pdf') void message.error(tx('附件应为 PDF 文件', 'Attachments must be PDF files'));
      else setAttachments((a) => [...a, { id: stored.id, name: stored.name }]);
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  };
  return (
    <div>
      <PageHeading title={existing ? tx('修改资讯', 'Edit content') : tx('撰写资讯', 'Write content')} extra={<Link to="/content-desk">{tx('返回资讯发布', 'Back to content')}</Link>} />
      <ProblemAlert problem={problem} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{
          kind: existing?.kind ?? 'news',
          category: existing?.category ?? 'programme',
          title: existing?.title ?? '',
          summary: existing?.summary ?? '',
          videoUrl: existing?.videoUrl ?? '',
          policyItemIds: existing?.policies.map((p) => p.id) ?? [],
          bodyHtml: existing?.bodyHtml ?? '',
        }}
      >
        <Space wrap size={16}>
          <Form.Item name="kind" label={tx('类别', 'Kind')} style={{ minWidth: 180 }}>
            <Select data-testid="content-kind" options={CONTENT_KINDS.map((k) => ({ value: k, label: CONTENT_KIND_LABELS[k][lang] }))} />
          </Form.Item>
          <Form.Item name="category" label={tx('栏目', 'Category')} style={{ minWidth: 180 }}>
            <Select options={CONTENT_CATEGORIES.map((k) => ({ value: k, label: CONTENT_CATEGORY_LABELS[k][lang] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={tx('标题', 'Title')} rules={[{ required: true, message: tx('应填写标题', 'Give a title') }]}>
          <Input maxLength={120} data-testid="content-title" />
        </Form.Item>
        <Form.Item name="summary" label={tx('摘要（可不填，默认取正文开头）', 'Summary (optional: the start of the text otherwise)')}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
        {kind === 'video' ? (
          <Form.Item name="videoUrl" label={tx('官方视频页面网址', 'Official video page')} rules={[{ required: true, message: tx('应填写网址', 'Give the address') }]}>
            <Input placeholder="https://" />
          </Form.Item>
        ) : null}
        {kind === 'interpretation' ? (
          <Form.Item name="policyItemIds" label={tx('解读的政策事项', 'Policy items it explains')} rules={[{ required: true, message: tx('应选择政策事项', 'Choose the items') }]}>
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={setPolicyQ}
              loading={policies.isFetching}
              placeholder={tx('输入事项名称或拼音查找', 'Type a name or pinyin')}
              options={[...known].map(([value, label]) => ({ value, label }))}
              data-testid="content-policies"
            />
          </Form.Item>
        ) : null}
        <Form.Item label={tx('正文', 'Text')} name="bodyHtml" required={kind !== 'video'}>
          <RichTextEditor tx={tx} label={tx('正文', 'Text')} />
        </Form.Item>
        <Form.Item label={tx('附件（PDF）', 'Attachments (PDF)')}>
          <Space direction="vertical">
            {attachments.map((a) => (
              <Space key={a.id}>
                <FilePdfOutlined aria-hidden />
                <span>{a.name}</span>
                <Button size="small" type="link" onClick={() => setAttachments((x) => x.filter((y) => y.id !== a.id))}>
                  {tx('移除', 'Remove')}
                </Button>
              </Space>
            ))}
            <Button loading={uploading} onClick={() => pdfPicker.current?.click()}>
              {uploading ? tx('正在上传…', 'Uploading…') : tx('上传 PDF 附件', 'Upload a PDF')}
            </Button>
            <input ref={pdfPicker} type="file" accept="application/pdf" data-testid="content-attachment" hidden aria-label={tx('选择 PDF 文件', 'Choose a PDF')} onChange={(e) => void onAttachment(e.target.files?.[0]).then(() => (e.target.value = ''))} />
          </Space>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-content">
          {tx('保存草稿', 'Save draft')}
        </Button>
      </Form>
    </div>
  );
}
