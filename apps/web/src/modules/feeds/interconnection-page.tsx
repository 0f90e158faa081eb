/**
 * Two tabs of the 互联互通 page (the interconnect module's): the policy feeds this platform
 * subscribes from other platforms (last pull, items received, errors; subscribe, pull now, pause,
 * resume) and the webhook subscriptions of its organisation's clients with their deliveries
 * (every attempt; replay).
 */
import { App as AntApp, Button, Card, Descriptions, Drawer, Flex, Form, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { UpstreamList } from '@seedbed/contract';
import { api } from '../../app/api-client';
import { useState } from 'react';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { problemMessage, problemOf } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageLoading } from '../../app/ui';
import { useFeedSubscriptions, usePatchFeed, usePullNow, useSubscribeFeed, useReplayDelivery, useWebhookDeliveries, useWebhookSubscriptions, type FeedSubscription, type WebhookDelivery, type WebhookSubscription } from './feeds.api';

const m = defineMessages({
  zh: {
    subscribe: '订阅政策',
    subscribeTitle: '订阅其他平台的政策',
    upstreamField: '平台',
    upstreamHelp: '在“互联互通”中登记的上级或区县平台。',
    noUpstream: '尚未登记上级平台：请先在“上级平台”标签页中登记。',
    levelField: '类别',
    levelUpstream: '上级政策',
    levelDistrict: '区级政策',
    intervalField: '拉取间隔（分钟）',
    subscribed: '已订阅，正在拉取',
    submitSubscribe: '订阅',
    cancelSubscribe: '取消',
    required: '必填',
    feedsEmpty: '尚未订阅其他平台的政策。',
    platform: '平台',
    level: '类别',
    upstream: '上级政策',
    district: '区级政策',
    interval: '拉取间隔',
    minutes: (n: number) => `每 ${n} 分钟`,
    lastPull: '最近拉取',
    lastSuccess: '最近成功',
    never: '尚未拉取',
    held: '当前事项',
    received: '累计接收',
    status: '状态',
    ok: '正常',
    paused: '已暂停',
    error: '出错',
    pullNow: '立即拉取',
    pause: '暂停',
    resume: '恢复',
    pulled: (n: number) => `已拉取，收到 ${n} 条`,
    pullFailed: '拉取失败',
    webhooksEmpty: '本单位的对接客户端尚未登记 Webhook。',
    url: '接收地址',
    topics: '事件',
    delivered: '已送达',
    failing: '重试中或失败',
    deliveries: '投递记录',
    deliveriesOf: (url: string) => `投递记录：${url}`,
    noDeliveries: '尚无投递。',
    topic: '事件',
    occurredAt: '发生时间',
    attempts: '尝试次数',
    nextAttempt: '下次重试',
    dStatus: (s: string) => ({ pending: '待发送', retrying: '重试中', delivered: '已送达', failed: '已放弃' })[s] ?? s,
    attemptLine: (n: number, status: string, ms: number) => `第 ${n} 次：${status}，${ms} 毫秒`,
    noAnswer: '无响应',
    replay: '重新投递',
    replayed: '已安排重新投递',
    replay_failed: '未能重新投递',
    topicName: (x: string) => ({ 'policy.published': '政策发布', 'award.published': '奖补公示', 'indicator.updated': '指标更新' })[x] ?? x,
    active: '启用',
    inactive: '已取消',
  },
  en: {
    subscribe: 'Subscribe',
    subscribeTitle: "Subscribe another platform's policies",
    upstreamField: 'Platform',
    upstreamHelp: 'An upstream or district platform registered under Interconnection.',
    noUpstream: 'No upstream platform yet: register one under the Upstream platforms tab first.',
    levelField: 'Kind',
    levelUpstream: 'Upstream policies',
    levelDistrict: 'District policies',
    intervalField: 'Pull every (minutes)',
    subscribed: 'Subscribed; pulling now',
    submitSubscribe: 'Subscribe',
    cancelSubscribe: 'Cancel',
    required: 'Required',
    feedsEmpty: "No other platform's policies are subscribed yet.",
    platform: 'Platform',
    level: 'Kind',
    upstream: 'Upstream policies',
    district: 'District policies',
    interval: 'Pull interval',
    minutes: (n: number) => `every ${n} min`,
    lastPull: 'Last pull',
    lastSuccess: 'Last success',
    never: 'not pulled yet',
    held: 'Items now',
    received: 'Received in all',
    status: 'Status',
    ok: 'OK',
    paused: 'Paused',
    error: 'Error',
    pullNow: 'Pull now',
    pause: 'Pause',
    resume: 'Resume',
    pulled: (n: number) => `Pulled: ${n} entries received`,
    pullFailed: 'The pull failed',
    webhooksEmpty: "Your organisation's clients have registered no webhooks.",
    url: 'Receiver',
    topics: 'Events',
    delivered: 'Delivered',
    failing: 'Retrying or failed',
    deliveries: 'Deliveries',
    deliveriesOf: (url: string) => `Deliveries: ${url}`,
    noDeliveries: 'No deliveries yet.',
    topic: 'Event',
    occurredAt: 'Occurred',
    attempts: 'Attempts',
    nextAttempt: 'Next attempt',
    dStatus: (s: string) => ({ pending: 'Pending', retrying: 'Retrying', delivered: 'Delivered', failed: 'Given up' })[s] ?? s,
    attemptLine: (n: number, status: string, ms: number) => `Attempt ${n}: ${status}, ${ms} ms`,
    noAnswer: 'no answer',
    replay: 'Send again',
    replayed: 'Sending again',
    replay_failed: 'Could not send again',
    topicName: (x: string) => ({ 'policy.published': 'Policy published', 'award.published': 'Award in publicity', 'indicator.updated': 'Indicator updated' })[x] ?? x,
    active: 'Active',
    inactive: 'Cancelled',
  },
});

function FeedsSection() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const feeds = useFeedSubscriptions();
  const pull = usePullNow();
  const patch = usePatchFeed();
  if (feeds.isError) return <LoadError error={feeds.error} onRetry={() => void feeds.refetch()} />;
  if (!feeds.data) return <PageLoading />;
  if (feeds.data.items.length === 0) return <EmptyState description={t.feedsEmpty} />;
  return (
    <Table<FeedSubscription>
      rowKey="id"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={feeds.data.items}
      data-testid="feed-subscriptions"
      columns={[
        { title: t.platform, dataIndex: 'upstreamName' },
        { title: t.level, render: (_, s) => <Tag color={s.originLevel === 'upstream' ? 'blue' : 'cyan'}>{s.originLevel === 'upstream' ? t.upstream : t.district}</Tag> },
        { title: t.interval, render: (_, s) => t.minutes(s.intervalMinutes) },
        { title: t.lastPull, render: (_, s) => (s.lastPullAt ? showInstant(s.lastPullAt, lang) : t.never) },
        { title: t.held, dataIndex: 'itemsHeld', align: 'right' },
        { title: t.received, dataIndex: 'itemsReceived', align: 'right' },
        {
          title: t.status,
          render: (_, s) =>
            !s.active ? (
              <Tag>{t.paused}</Tag>
            ) : s.lastError ? (
              <Space direction="vertical" size={0}>
                <Tag color="red">{t.error}</Tag>
                <Typography.Text type="danger" style={{ fontSize: 12 }}>{s.lastError}</Typography.Text>
                {s.lastSuccessAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t.lastSuccess}：{showInstant(s.lastSuccessAt, lang)}</Typography.Text> : null}
              </Space>
            ) : (
              <Tag color="green">{t.ok}</Tag>
            ),
        },
        {
          title: '',
          render: (_, s) => (
            <Space wrap>
              <Button
                size="small"
                loading={pull.isPending && pull.variables === s.id}
                onClick={() =>
                  pull.mutate(s.id, {
                    onSuccess: (r) => (r.error ? void message.error(`${t.pullFailed}：${r.error}`) : void message.success(t.pulled(r.received))),
                    onError: (e) => void message.error(problemMessage(problemOf(e), lang) ?? t.pullFailed),
                  })
                }
              >
                {t.pullNow}
              </Button>
              <Button size="small" onClick={() => patch.mutate({ id: s.id, body: { active: !s.active } })}>{s.active ? t.pause : t.resume}</Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

function DeliveriesDrawer({ subscription, onClose }: { subscription: WebhookSubscription | null; onClose: () => void }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const list = useWebhookDeliveries(subscription?.id ?? null);
  const replay = useReplayDelivery();
  return (
    <Drawer open={subscription !== null} onClose={onClose} width={720} title={subscription ? t.deliveriesOf(subscription.url) : ''}>
      {list.isError ? (
        <LoadError error={list.error} />
      ) : !list.data ? (
        <PageLoading />
      ) : list.data.items.length === 0 ? (
        <EmptyState description={t.noDeliveries} />
      ) : (
        <Flex vertical gap={12}>
          {list.data.items.map((d: WebhookDelivery) => (
            <Card key={d.id} size="small" data-testid="webhook-delivery">
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t.topic}>{t.topicName(d.topic)}</Descriptions.Item>
                <Descriptions.Item label={t.status}>
                  <Tag color={d.status === 'delivered' ? 'green' : d.status === 'failed' ? 'red' : 'orange'}>{t.dStatus(d.status)}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t.occurredAt}>{showInstant(d.occurredAt, lang)}</Descriptions.Item>
                <Descriptions.Item label={t.attempts}>{d.attempts}</Descriptions.Item>
                {d.nextAttemptAt ? <Descriptions.Item label={t.nextAttempt}>{showInstant(d.nextAttemptAt, lang)}</Descriptions.Item> : null}
              </Descriptions>
              <ul style={{ margin: '4px 0 8px', paddingInlineStart: 20 }}>
                {d.attemptLog.map((a) => (
                  <li key={a.attempt}>
                    {t.attemptLine(a.attempt, a.status !== null ? `HTTP ${a.status}` : (a.error ?? t.noAnswer), a.durationMs)}
                  </li>
                ))}
              </ul>
              <Button
                size="small"
                onClick={() => replay.mutate(d.id, { onSuccess: () => void message.success(t.replayed), onError: (e) => void message.error(problemMessage(problemOf(e), lang) ?? t.replay_failed) })}
              >
                {t.replay}
              </Button>
            </Card>
          ))}
        </Flex>
      )}
    </Drawer>
  );
}

function WebhooksSection() {
  const t = useMessages(m);
  const hooks = useWebhookSubscriptions();
  const [open, setOpen] = useState<WebhookSubscription | null>(null);
  if (hooks.isError) return <LoadError error={hooks.error} onRetry={() => void hooks.refetch()} />;
  if (!hooks.data) return <PageLoading />;
  if (hooks.data.items.length === 0) return <EmptyState description={t.webhooksEmpty} />;
  return (
    <>
      <Table<WebhookSubscription>
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={hooks.data.items}
        data-testid="webhook-subscriptions"
        columns={[
          { title: t.url, dataIndex: 'url', render: (u: string) => <Typography.Text style={{ wordBreak: 'break-all' }}>{u}</Typography.Text> },
          { title: t.topics, render: (_, s) => <Flex wrap gap={4}>{s.topics.map((x) => <Tag key={x}>{t.topicName(x)}</Tag>)}</Flex> },
          { title: t.status, render: (_, s) => (s.active ? <Tag color="green">{t.active}</Tag> : <Tag>{t.inactive}</Tag>) },
          { title: t.delivered, dataIndex: 'delivered', align: 'right' },
          { title: t.failing, dataIndex: 'failing', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
          { title: '', render: (_, s) => <Button size="small" onClick={() => setOpen(s)}>{t.deliveries}</Button> },
        ]}
      />
      <DeliveriesDrawer subscription={open} onClose={() => setOpen(null)} />
    </>
  );
}

function SubscribeButton() {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ upstreamId: string; originLevel: 'upstream' | 'district'; intervalMinutes: number }>();
  const upstreams = useQuery({ queryKey: ['interconnect', 'upstreams'], queryFn: () => api.get<UpstreamList>('/interconnect/upstreams'), enabled: open });
  const subscribe = useSubscribeFeed();
  const pull = usePullNow();
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await subscribe.mutateAsync(values);
      setOpen(false);
      form.resetFields();
      void message.success(t.subscribed);
      pull.mutate(created.id);
    } catch (error) {
      void message.error(problemMessage(error, lang));
    }
  };
  const options = upstreams.data?.items ?? [];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t.subscribe}
      </Button>
      <Modal open={open} title={t.subscribeTitle} onCancel={() => setOpen(false)} onOk={() => void submit()} okText={t.submitSubscribe} cancelText={t.cancelSubscribe} confirmLoading={subscribe.isPending} destroyOnHidden>
        {upstreams.data && options.length === 0 ? (
          <EmptyState description={t.noUpstream} />
        ) : (
          <Form form={form} layout="vertical" initialValues={{ originLevel: 'upstream', intervalMinutes: 5 }}>
            <Form.Item name="upstreamId" label={t.upstreamField} extra={t.upstreamHelp} rules={[{ required: true, message: t.required }]}>
              <Select loading={upstreams.isPending} options={options.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
            <Form.Item name="originLevel" label={t.levelField}>
              <Radio.Group options={[{ value: 'upstream', label: t.levelUpstream }, { value: 'district', label: t.levelDistrict }]} />
            </Form.Item>
            <Form.Item name="intervalMinutes" label={t.intervalField} rules={[{ required: true, message: t.required }]}>
              <InputNumber min={1} max={1440} precision={0} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}

/** 订阅的政策: the interconnection page's tab for the policy feeds this platform subscribes. */
export function FeedsTab() {
  return (
    <Flex vertical gap={12}>
      <Flex justify="flex-end">
        <SubscribeButton />
      </Flex>
      <FeedsSection />
    </Flex>
  );
}

/** Webhook 推送: the interconnection page's tab for the event subscriptions of this platform's clients. */
export function WebhooksTab() {
  return <WebhooksSection />;
}
