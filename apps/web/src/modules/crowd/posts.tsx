/**
 * 供需对接: public supply and demand posts (search in words or pinyin; kind, category, region),
 * publishing a post, a post's page with contact through the platform (never contact details),
 * and the message threads both sides read.
 */
import { Alert, Button, Card, Flex, Form, Input, Radio, Space, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CrowdPost } from '@seedbed/contract';
import { useMe } from '../../app/auth';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, type MappedProblem } from '../../app/problem';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { CROWD_POST_KIND_LABELS, closePost, contactPost, createPost, replyThread, useMyPosts, useParties, usePost, usePosts, useThread, useThreads } from './crowd.api';
import { CategorySelect, CategoryText, CrowdTabs, PartySelect, partyOfValue, plainProblem } from './crowd-parts';

const m = defineMessages({
  zh: {
    title: '供需对接',
    subtitle: '企业发布产品供给和需求信息，通过平台站内消息联系，不公开联系方式。支持中文和拼音检索。',
    search: '搜索供需信息',
    kind: '类型',
    all: '全部',
    category: '类别',
    region: '地区',
    owner: '发布方',
    expires: '有效期至',
    post: '发布供需信息',
    empty: '没有符合条件的供需信息',
    newTitle: '发布供需信息',
    postAs: '发布主体',
    postTitle: '标题',
    body: '详细说明',
    submit: '发布',
    noParties: '您还没有可代表的企业、服务机构或个人档案，请先完善“我的档案”。',
    contactTitle: '通过平台联系发布方',
    contactHint: '您的消息将通过站内会话发送给发布方，双方在“我的会话”中往来。',
    contactPlaceholder: '请说明您的需求或供给情况',
    send: '发送',
    loginToContact: '登录后可通过平台联系发布方。',
    login: '登录',
    closed: '已关闭或已过期',
    close: '关闭此信息',
    mine: '这是您发布的信息',
    threads: '我的会话',
    threadsTitle: '我的供需会话',
    noThreads: '还没有会话',
    counterpart: '对方',
    about: '关于',
    asOwner: '对我发布的信息',
    asContact: '我联系的',
    messages: '消息数',
    last: '最近',
    reply: '回复',
    myPosts: '我发布的供需信息',
    noMyPosts: '还没有发布供需信息',
    open: '有效',
    sent: '已发送',
    status: '状态',
  },
  en: {
    title: 'Supply and demand',
    subtitle: 'Enterprises post what they offer and what they need; people get in touch through platform messages, never public contact details. Search in Chinese or pinyin.',
    search: 'Search posts',
    kind: 'Kind',
    all: 'All',
    category: 'Category',
    region: 'Region',
    owner: 'Posted by',
    expires: 'Open until',
    post: 'Publish a post',
    empty: 'No posts match',
    newTitle: 'Publish a supply or demand post',
    postAs: 'Post as',
    postTitle: 'Title',
    body: 'Details',
    submit: 'Publish',
    noParties: 'You act for no enterprise, provider or personal profile yet: complete My profile first.',
    contactTitle: 'Get in touch through the platform',
    contactHint: 'Your message goes to the owner in a platform thread; both of you continue it under My threads.',
    contactPlaceholder: 'Say what you need or offer',
    send: 'Send',
    loginToContact: 'Log in to get in touch with the owner.',
    login: 'Log in',
    closed: 'Closed or expired',
    close: 'Close this post',
    mine: 'This is your post',
    threads: 'My threads',
    threadsTitle: 'My supply and demand threads',
    noThreads: 'No threads yet',
    counterpart: 'With',
    about: 'About',
    asOwner: 'On my post',
    asContact: 'I got in touch',
    messages: 'Messages',
    last: 'Latest',
    reply: 'Reply',
    myPosts: 'My posts',
    noMyPosts: 'You have published no posts',
    open: 'Open',
    sent: 'Sent',
    status: 'Status',
  },
});

function KindTag({ kind }: { kind: CrowdPost['kind'] }) {
  const l = useLocalise();
  return <Tag color={kind === 'supply' ? 'cyan' : 'purple'}>{l(CROWD_POST_KIND_LABELS[kind])}</Tag>;
}

function PostList({ rows, testId, empty }: { rows: readonly CrowdPost[]; testId: string; empty: string }) {
  const t = useMessages(m);
  return (
    <ResponsiveList
      rows={rows}
      rowKey={(r) => r.id}
      testId={testId}
      caption={t.title}
      empty={<EmptyState description={empty} />}
      columns={[
        { key: 'title', title: t.postTitle, primary: true, render: (r) => <Space wrap><KindTag kind={r.kind} /><Link to={`/crowd/posts/${r.id}`}>{r.title}</Link></Space> },
        { key: 'category', title: t.category, render: (r) => <CategoryText category={r.category} /> },
        { key: 'owner', title: t.owner, render: (r) => r.ownerName },
        { key: 'region', title: t.region, render: (r) => r.regionName },
        { key: 'expires', title: t.expires, render: (r) => (r.open ? r.expiresOn : <Typography.Text type="secondary">{t.closed}</Typography.Text>) },
      ]}
    />
  );
}

export function PostsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const me = useMe();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const set = (k: string, v: string | undefined | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const filter = { q: get('q'), kind: get('kind'), category: get('category'), regionCode: get('region') };
  const posts = usePosts(filter);
  return (
    <>
      <CrowdTabs />
      <PageHeading
        title={t.title}
        subtitle={t.subtitle}
        extra={me.data ? <Space wrap><Link to="/crowd/threads"><Button>{t.threads}</Button></Link><Link to="/crowd/posts/new"><Button type="primary">{t.post}</Button></Link></Space> : null}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="flex-end">
          <Input.Search aria-label={t.search} placeholder={t.search} defaultValue={filter.q} allowClear onSearch={(v) => set('q', v.trim())} style={{ maxWidth: 320 }} data-testid="crowd-post-search" />
          <Space direction="vertical" size={2}>
            <label htmlFor="f-kind">{t.kind}</label>
            <Radio.Group id="f-kind" value={filter.kind ?? ''} onChange={(e) => set('kind', e.target.value as string)} optionType="button" options={[{ value: '', label: t.all }, { value: 'supply', label: CROWD_POST_KIND_LABELS.supply[lang] }, { value: 'demand', label: CROWD_POST_KIND_LABELS.demand[lang] }]} />
          </Space>
          <Space direction="vertical" size={2}><label htmlFor="f-category">{t.category}</label><CategorySelect id="f-category" value={filter.category} onChange={(v) => set('category', v)} allowAll allLabel={t.all} /></Space>
          <Space direction="vertical" size={2}><label htmlFor="f-region">{t.region}</label><RegionCascader id="f-region" value={filter.regionCode ?? null} onChange={(c) => set('region', c)} /></Space>
        </Flex>
      </Card>
      {posts.isLoading ? <PageLoading /> : posts.error ? <LoadError error={posts.error} onRetry={() => void posts.refetch()} /> : <PostList rows={posts.data!.items} testId="crowd-posts" empty={t.empty} />}
    </>
  );
}

const plusDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

export function NewPostPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  usePageTitle(t.newTitle);
  const parties = useParties();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  if (parties.isLoading) return <PageLoading />;
  if (parties.error) return <LoadError error={parties.error} />;
  const list = parties.data!.items;
  if (list.length === 0) return <Alert type="info" showIcon title={t.noParties} />;
  const first = list[0]!;
  const submit = async (v: { partyId: string; kind: 'supply' | 'demand'; title: string; body: string; category: 'other'; regionCode: string; expiresOn: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      const post = await createPost({ ...partyOfValue(v.partyId), kind: v.kind, title: v.title ?? '', body: v.body ?? '', category: v.category, regionCode: v.regionCode ?? '', expiresOn: v.expiresOn ?? '' });
      await qc.invalidateQueries({ queryKey: ['crowd'] });
      navigate(`/crowd/posts/${post.id}`);
    } catch (error) {
      setProblem(applyProblemToForm(form, error, lang, [['kind'], ['title'], ['body'], ['category'], ['regionCode'], ['expiresOn'], ['partyId']]));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeading title={t.newTitle} />
      <Card style={{ maxWidth: 720 }}>
        <ProblemAlert problem={problem} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ partyId: `${first.kind}:${first.id}`, kind: 'supply', category: 'other', regionCode: first.regionCode ?? undefined, expiresOn: plusDays(90) }} data-testid="crowd-post-form">
          <Form.Item label={t.postAs} name="partyId" required><PartySelect id="partyId" parties={list} /></Form.Item>
          <Form.Item label={t.kind} name="kind" required><Radio.Group options={[{ value: 'supply', label: CROWD_POST_KIND_LABELS.supply[lang] }, { value: 'demand', label: CROWD_POST_KIND_LABELS.demand[lang] }]} /></Form.Item>
          <Form.Item label={t.postTitle} name="title" required><Input maxLength={100} data-testid="crowd-post-title" /></Form.Item>
          <Form.Item label={t.body} name="body" required><Input.TextArea rows={4} maxLength={5000} data-testid="crowd-post-body" /></Form.Item>
          <Form.Item label={t.category} name="category" required><CategorySelect id="category" /></Form.Item>
          <Form.Item label={t.region} name="regionCode" required><RegionCascader id="regionCode" /></Form.Item>
          <Form.Item label={t.expires} name="expiresOn" required><Input type="date" style={{ width: 200 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="crowd-post-submit">{t.submit}</Button>
        </Form>
      </Card>
    </>
  );
}

export function PostPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { id = '' } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const post = usePost(id);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(post.data?.title ?? t.title);
  if (post.isLoading) return <PageLoading />;
  if (post.error) return <LoadError error={post.error} onRetry={() => void post.refetch()} />;
  const p = post.data!;
  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(plainProblem(error, lang));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeading title={p.title} subtitle={<Space wrap><KindTag kind={p.kind} /><CategoryText category={p.category} /><span>{p.regionName}</span></Space>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t.owner}：{p.ownerName} · {p.open ? `${t.expires} ${p.expiresOn}` : t.closed}</Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.body}</Typography.Paragraph>
      </Card>
      <ProblemAlert problem={problem} />
      {p.mine ? (
        <Card size="small">
          <Space wrap>
            <Typography.Text>{t.mine}</Typography.Text>
            <Link to="/crowd/threads"><Button>{t.threads}</Button></Link>
            {p.open ? (
              <Button danger loading={busy} data-testid="crowd-post-close" onClick={() => void act(async () => qc.setQueryData(['crowd', 'post', id], await closePost(id)))}>
                {t.close}
              </Button>
            ) : null}
          </Space>
        </Card>
      ) : !p.open ? null : me.data ? (
        <Card title={t.contactTitle} size="small" data-testid="crowd-contact">
          <Typography.Paragraph type="secondary">{t.contactHint}</Typography.Paragraph>
          <Input.TextArea aria-label={t.contactTitle} placeholder={t.contactPlaceholder} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} data-testid="crowd-contact-text" />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            loading={busy}
            data-testid="crowd-contact-send"
            onClick={() =>
              void act(async () => {
                const thread = await contactPost(id, text);
                navigate(`/crowd/threads/${thread.id}`);
              })
            }
          >
            {t.send}
          </Button>
        </Card>
      ) : (
        <Alert type="info" showIcon title={t.loginToContact} action={<Link to={`/login?next=/crowd/posts/${p.id}`}><Button size="small">{t.login}</Button></Link>} />
      )}
    </>
  );
}

export function ThreadsPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.threadsTitle);
  const threads = useThreads();
  const posts = useMyPosts();
  return (
    <>
      <CrowdTabs />
      <PageHeading title={t.threadsTitle} extra={<Link to="/crowd/posts/new"><Button type="primary">{t.post}</Button></Link>} />
      <Tabs
        items={[
          {
            key: 'threads',
            label: t.threads,
            children: threads.isLoading ? <PageLoading /> : threads.error ? <LoadError error={threads.error} /> : (
              <ResponsiveList
                rows={threads.data!.items}
                rowKey={(r) => r.id}
                testId="crowd-threads"
                empty={<EmptyState description={t.noThreads} />}
                columns={[
                  { key: 'about', title: t.about, primary: true, render: (r) => <Space wrap><KindTag kind={r.postKind} /><Link to={`/crowd/threads/${r.id}`}>{r.postTitle}</Link></Space> },
                  { key: 'with', title: t.counterpart, render: (r) => r.counterpartName },
                  { key: 'side', title: t.kind, render: (r) => (r.asOwner ? t.asOwner : t.asContact) },
                  { key: 'n', title: t.messages, align: 'right', render: (r) => r.messageCount },
                  { key: 'last', title: t.last, render: (r) => showInstant(r.lastMessageAt, lang) },
                ]}
              />
            ),
          },
          { key: 'posts', label: t.myPosts, children: posts.isLoading ? <PageLoading /> : posts.error ? <LoadError error={posts.error} /> : <PostList rows={posts.data!.items} testId="crowd-my-posts" empty={t.noMyPosts} /> },
        ]}
      />
    </>
  );
}

export function ThreadPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const thread = useThread(id);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(thread.data?.postTitle ?? t.threadsTitle);
  if (thread.isLoading) return <PageLoading />;
  if (thread.error) return <LoadError error={thread.error} onRetry={() => void thread.refetch()} />;
  const th = thread.data!;
  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      qc.setQueryData(['crowd', 'thread', id], await replyThread(id, text));
      setText('');
    } catch (error) {
      setProblem(plainProblem(error, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeading title={th.postTitle} subtitle={<Space wrap><KindTag kind={th.postKind} /><span>{t.counterpart}：{th.counterpartName}</span><Link to={`/crowd/posts/${th.postId}`}>{t.about}</Link></Space>} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex vertical gap={8} data-testid="crowd-messages">
          {th.messages.map((msg) => (
            <Flex key={msg.id} justify={msg.fromMe ? 'flex-end' : 'flex-start'}>
              <div data-testid="crowd-message" style={{ maxWidth: '80%', padding: '8px 12px', borderRadius: 8, background: msg.fromMe ? '#e6f4ff' : '#f5f5f5' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{msg.senderName} · {showInstant(msg.createdAt, lang)}</Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{msg.body}</div>
              </div>
            </Flex>
          ))}
        </Flex>
      </Card>
      <ProblemAlert problem={problem} />
      <Input.TextArea aria-label={t.reply} placeholder={t.reply} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} data-testid="crowd-reply-text" />
      <Button type="primary" style={{ marginTop: 8 }} loading={busy} onClick={() => void send()} data-testid="crowd-reply-send">{t.send}</Button>
    </>
  );
}
