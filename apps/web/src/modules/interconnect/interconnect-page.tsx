/**
 * 互联互通: the programme office's page for the platforms that call this one (machine clients with
 * OAuth 2.0 client credentials: register with scopes, the secret shown once, rotate, revoke), the
 * platforms this one calls (upstreams: register with the credentials they issued, test the
 * connection, remove), the last machine calls, and the feeds module's tabs: the policy feeds this
 * platform subscribes and the webhook subscriptions of its clients.
 */
import { ApiOutlined, CloudServerOutlined, HistoryOutlined, NotificationOutlined, PlusOutlined, ReadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ClientScope } from '@seedbed/contract';
import { defineMessages, useLang, useMessages, usePageTitle } from '../../app/i18n';
import { applyProblemToForm, problemMessage } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { FeedsTab, WebhooksTab } from '../feeds';
import {
  useCalls,
  useCheckUpstream,
  useClients,
  useRegisterClient,
  useRegisterUpstream,
  useRemoveUpstream,
  useRevokeClient,
  useRotateClient,
  useUpstreams,
  type ApiClientSecret,
  type ApiClientView,
  type UpstreamView,
} from './interconnect.api';

const SCOPES: ClientScope[] = ['policies:read', 'indicators:read', 'subjects:exchange', 'reports:push', 'webhooks:manage'];

const m = defineMessages({
  zh: {
    title: '互联互通',
    subtitle: '与区县、开发区、园区平台及部门系统对接：对方以 OAuth 2.0 客户端凭证调用本平台，本平台以对方签发的凭证调用上级平台。',
    clients: '对接客户端',
    upstreams: '上级平台',
    calls: '调用记录',
    feeds: '订阅的政策',
    webhooks: '事件推送',
    scope: (s: string) => ({ 'policies:read': '读取政策', 'indicators:read': '读取指标', 'subjects:exchange': '经授权交换企业档案', 'reports:push': '报送指标', 'webhooks:manage': '订阅事件通知' })[s] ?? s,
    register: '登记客户端',
    name: '平台或系统名称',
    namePlaceholder: '如：青秀区双创服务平台',
    scopes: '授权范围',
    rate: '每分钟调用上限',
    rateHelp: '超过上限的调用返回 429，并告知多少秒后重试。',
    noClients: '尚未登记对接客户端。登记后，对方平台凭客户端标识和密钥获取访问令牌调用本平台。',
    status: '状态',
    active: '启用',
    revoked: (at: string) => `已吊销（${at}）`,
    previousValid: (at: string) => `旧密钥有效至 ${at}`,
    used: '最近调用',
    never: '尚未调用',
    calls24: '24 小时调用',
    created: '登记时间',
    rotate: '更换密钥',
    rotateConfirm: '更换后新密钥只显示一次，旧密钥再有效 24 小时。确定更换？',
    revoke: '吊销',
    revokeConfirm: '吊销后该客户端的所有令牌立即失效，且不能恢复。确定吊销？',
    revokedDone: '已吊销',
    secretTitle: '请立即保存客户端凭证',
    secretWarn: '密钥只显示这一次，关闭后无法再查看；遗失时请更换密钥。',
    clientId: '客户端标识（client_id）',
    clientSecret: '客户端密钥（client_secret）',
    tokenUrl: '令牌地址',
    close: '我已保存',
    cancel: '取消',
    submit: '登记',
    upstreamRegister: '登记上级平台',
    upstreamName: '平台名称',
    upstreamNamePlaceholder: '如：南宁市双创服务平台',
    baseUrl: '平台地址',
    baseUrlPlaceholder: 'https://…',
    upstreamClientId: '对方签发的客户端标识',
    upstreamSecret: '对方签发的客户端密钥',
    noUpstreams: '尚未登记上级平台。请先请对方平台为本平台登记客户端，再将其签发的凭证填在这里。',
    check: '测试连接',
    remove: '移除',
    removeConfirm: '移除后本平台不再调用该平台。确定移除？',
    noCalls: '还没有调用记录。',
    at: '时间',
    client: '客户端',
    request: '请求',
    result: '结果',
    required: '必填',
    actions: '操作',
  },
  en: {
    title: 'Interconnection',
    subtitle: 'Connect with district, zone and park platforms and departments’ systems: they call this platform with OAuth 2.0 client credentials; this platform calls its upstreams with the credentials they issued.',
    clients: 'Machine clients',
    upstreams: 'Upstream platforms',
    calls: 'Call log',
    feeds: 'Subscribed policies',
    webhooks: 'Webhooks',
    scope: (s: string) => ({ 'policies:read': 'Read policies', 'indicators:read': 'Read indicators', 'subjects:exchange': 'Exchange profiles with consent', 'reports:push': 'Push indicator reports', 'webhooks:manage': 'Subscribe to events' })[s] ?? s,
    register: 'Register a client',
    name: 'Platform or system',
    namePlaceholder: 'e.g. Qingxiu district platform',
    scopes: 'Scopes',
    rate: 'Calls a minute',
    rateHelp: 'Calls above the limit get 429 with the seconds to wait.',
    noClients: 'No machine clients yet. Once registered, the other platform gets tokens with the client id and secret.',
    status: 'Status',
    active: 'Active',
    revoked: (at: string) => `Revoked (${at})`,
    previousValid: (at: string) => `Old secret valid until ${at}`,
    used: 'Last call',
    never: 'Never',
    calls24: 'Calls (24 h)',
    created: 'Registered',
    rotate: 'Rotate secret',
    rotateConfirm: 'The new secret is shown once; the old one works 24 more hours. Rotate?',
    revoke: 'Revoke',
    revokeConfirm: 'All the client’s tokens stop working at once; this cannot be undone. Revoke?',
    revokedDone: 'Revoked',
    secretTitle: 'Save the client credentials now',
    secretWarn: 'The secret is shown only this once; if it is lost, rotate it.',
    clientId: 'Client id (client_id)',
    clientSecret: 'Client secret (client_secret)',
    tokenUrl: 'Token endpoint',
    close: 'I have saved it',
    cancel: 'Cancel',
    submit: 'Register',
    upstreamRegister: 'Register an upstream',
    upstreamName: 'Platform name',
    upstreamNamePlaceholder: 'e.g. Nanning city platform',
    baseUrl: 'Address',
    baseUrlPlaceholder: 'https://…',
    upstreamClientId: 'Client id it issued',
    upstreamSecret: 'Client secret it issued',
    noUpstreams: 'No upstream platforms yet. Ask the other platform to register this one as a client, then enter the credentials it issued here.',
    check: 'Test connection',
    remove: 'Remove',
    removeConfirm: 'This platform will stop calling it. Remove?',
    noCalls: 'No calls yet.',
    at: 'Time',
    client: 'Client',
    request: 'Request',
    result: 'Result',
    required: 'Required',
    actions: 'Actions',
  },
});

function SecretModal({ secret, onClose }: { secret: ApiClientSecret | null; onClose: () => void }) {
  const t = useMessages(m);
  return (
    <Modal open={!!secret} title={t.secretTitle} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t.close}</Button>} maskClosable={false}>
      {secret && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t.secretWarn} />
          <Typography.Text type="secondary">{t.clientId}</Typography.Text>
          <Typography.Paragraph copyable code data-testid="client-id">{secret.client.clientId}</Typography.Paragraph>
          <Typography.Text type="secondary">{t.clientSecret}</Typography.Text>
          <Typography.Paragraph copyable code data-testid="client-secret">{secret.clientSecret}</Typography.Paragraph>
          <Typography.Text type="secondary">{t.tokenUrl}</Typography.Text>
          <Typography.Paragraph copyable code>{`${window.location.origin}/api/v1/oauth/token`}</Typography.Paragraph>
        </Space>
      )}
    </Modal>
  );
}

function ClientsTab() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const clients = useClients();
  const register = useRegisterClient();
  const rotate = useRotateClient();
  const revoke = useRevokeClient();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<ApiClientSecret | null>(null);
  const [form] = Form.useForm<{ name: string; scopes: ClientScope[]; ratePerMinute: number }>();

  if (clients.isPending) return <PageLoading />;
  if (clients.isError) return <LoadError error={clients.error} onRetry={() => void clients.refetch()} />;

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await register.mutateAsync(values);
      setOpen(false);
      form.resetFields();
      setSecret(created);
    } catch (error) {
      applyProblemToForm(form, error, lang, [['name'], ['scopes'], ['ratePerMinute']]);
    }
  };

  const columns = [
    { title: t.name, dataIndex: 'name', key: 'name' },
    { title: t.scopes, key: 'scopes', render: (_: unknown, c: ApiClientView) => <Space size={[4, 4]} wrap>{c.scopes.map((s) => <Tag key={s}>{t.scope(s)}</Tag>)}</Space> },
    { title: t.rate, dataIndex: 'ratePerMinute', key: 'rate' },
    { title: t.calls24, dataIndex: 'callsLast24h', key: 'calls' },
    { title: t.used, key: 'used', render: (_: unknown, c: ApiClientView) => (c.lastUsedAt ? showInstant(c.lastUsedAt, lang) : t.never) },
    {
      title: t.status,
      key: 'status',
      render: (_: unknown, c: ApiClientView) =>
        c.revokedAt ? (
          <Tag color="red">{t.revoked(showInstant(c.revokedAt, lang))}</Tag>
        ) : (
          <Space direction="vertical" size={2}>
            <Tag color="green">{t.active}</Tag>
            {c.previousSecretValidUntil && <Typography.Text type="secondary">{t.previousValid(showInstant(c.previousSecretValidUntil, lang))}</Typography.Text>}
          </Space>
        ),
    },
    {
      title: t.actions,
      key: 'actions',
      render: (_: unknown, c: ApiClientView) =>
        c.revokedAt ? null : (
          <Space wrap>
            <Popconfirm title={t.rotateConfirm} onConfirm={() => rotate.mutateAsync(c.id).then(setSecret, (e: unknown) => void message.error(problemMessage(e, lang)))}>
              <Button size="small">{t.rotate}</Button>
            </Popconfirm>
            <Popconfirm title={t.revokeConfirm} okButtonProps={{ danger: true }} onConfirm={() => revoke.mutateAsync(c.id).then(() => void message.success(t.revokedDone), (e: unknown) => void message.error(problemMessage(e, lang)))}>
              <Button size="small" danger>
                {t.revoke}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t.register}
        </Button>
      </Space>
      {clients.data.items.length === 0 ? (
        <EmptyState description={t.noClients} />
      ) : (
        <Table rowKey="id" columns={columns} dataSource={clients.data.items} pagination={false} scroll={{ x: 900 }} />
      )}
      <Modal open={open} title={t.register} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={t.submit} cancelText={t.cancel} confirmLoading={register.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ ratePerMinute: 120, scopes: ['policies:read'] }}>
          <Form.Item name="name" label={t.name} rules={[{ required: true, whitespace: true, message: t.required }]}>
            <Input maxLength={80} placeholder={t.namePlaceholder} />
          </Form.Item>
          <Form.Item name="scopes" label={t.scopes} rules={[{ required: true, type: 'array', min: 1, message: t.required }]}>
            <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: t.scope(s) }))} />
          </Form.Item>
          <Form.Item name="ratePerMinute" label={t.rate} extra={t.rateHelp} rules={[{ required: true, message: t.required }]}>
            <InputNumber min={1} max={6000} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

function UpstreamsTab() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const upstreams = useUpstreams();
  const register = useRegisterUpstream();
  const check = useCheckUpstream();
  const remove = useRemoveUpstream();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; baseUrl: string; clientId: string; clientSecret: string }>();

  if (upstreams.isPending) return <PageLoading />;
  if (upstreams.isError) return <LoadError error={upstreams.error} onRetry={() => void upstreams.refetch()} />;

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await register.mutateAsync(values);
      setOpen(false);
      form.resetFields();
    } catch (error) {
      applyProblemToForm(form, error, lang, [['name'], ['baseUrl'], ['clientId'], ['clientSecret']]);
    }
  };

  const test = async (u: UpstreamView) => {
    try {
      const r = await check.mutateAsync(u.id);
      if (r.ok) void message.success(`${u.name}：${r.message[lang]}`);
      else void message.error(`${u.name}：${r.message[lang]}`);
    } catch (e) {
      void message.error(problemMessage(e, lang));
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t.upstreamRegister}
        </Button>
      </Space>
      {upstreams.data.items.length === 0 ? (
        <EmptyState description={t.noUpstreams} />
      ) : (
        <Table
          rowKey="id"
          pagination={false}
          scroll={{ x: 700 }}
          dataSource={upstreams.data.items}
          columns={[
            { title: t.upstreamName, dataIndex: 'name', key: 'name' },
            { title: t.baseUrl, dataIndex: 'baseUrl', key: 'url', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
            { title: t.created, key: 'created', render: (_: unknown, u: UpstreamView) => showInstant(u.createdAt, lang) },
            {
              title: t.actions,
              key: 'actions',
              render: (_: unknown, u: UpstreamView) => (
                <Space wrap>
                  <Button size="small" onClick={() => void test(u)} loading={check.isPending && check.variables === u.id}>
                    {t.check}
                  </Button>
                  <Popconfirm title={t.removeConfirm} onConfirm={() => remove.mutateAsync(u.id).catch((e: unknown) => void message.error(problemMessage(e, lang)))}>
                    <Button size="small" danger>
                      {t.remove}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal open={open} title={t.upstreamRegister} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={t.submit} cancelText={t.cancel} confirmLoading={register.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t.upstreamName} rules={[{ required: true, whitespace: true, message: t.required }]}>
            <Input maxLength={80} placeholder={t.upstreamNamePlaceholder} />
          </Form.Item>
          <Form.Item name="baseUrl" label={t.baseUrl} rules={[{ required: true, whitespace: true, message: t.required }]}>
            <Input maxLength={300} placeholder={t.baseUrlPlaceholder} />
          </Form.Item>
          <Form.Item name="clientId" label={t.upstreamClientId} rules={[{ required: true, whitespace: true, message: t.required }]}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="clientSecret" label={t.upstreamSecret} rules={[{ required: true, message: t.required }]}>
            <Input.Password maxLength={200} autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CallsTab() {
  const t = useMessages(m);
  const { lang } = useLang();
  const calls = useCalls();
  if (calls.isPending) return <PageLoading />;
  if (calls.isError) return <LoadError error={calls.error} onRetry={() => void calls.refetch()} />;
  if (calls.data.items.length === 0) return <EmptyState description={t.noCalls} />;
  return (
    <Table
      rowKey={(r) => `${r.at}-${r.path}-${r.status}-${r.clientName}`}
      size="small"
      scroll={{ x: 700 }}
      dataSource={calls.data.items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t.at, key: 'at', render: (_: unknown, r) => showInstant(r.at, lang, { seconds: true }) },
        { title: t.client, dataIndex: 'clientName', key: 'client' },
        { title: t.request, key: 'request', render: (_: unknown, r) => <Typography.Text code>{`${r.method} ${r.path}`}</Typography.Text> },
        { title: t.result, key: 'status', render: (_: unknown, r) => <Tag color={r.status < 400 ? 'green' : r.status === 429 ? 'orange' : 'red'}>{r.status}</Tag> },
      ]}
    />
  );
}

export function InterconnectPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'clients';
  return (
    <>
      <PageHeading title={t.title} subtitle={t.subtitle} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'clients' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'clients', label: t.clients, icon: <ApiOutlined />, children: <ClientsTab /> },
          { key: 'upstreams', label: t.upstreams, icon: <CloudServerOutlined />, children: <UpstreamsTab /> },
          { key: 'calls', label: t.calls, icon: <HistoryOutlined />, children: <CallsTab /> },
          { key: 'feeds', label: t.feeds, icon: <ReadOutlined />, children: <FeedsTab /> },
          { key: 'webhooks', label: t.webhooks, icon: <NotificationOutlined />, children: <WebhooksTab /> },
        ]}
      />
    </>
  );
}
