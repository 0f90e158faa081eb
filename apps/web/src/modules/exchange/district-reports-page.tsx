/**
 * 区县报送 / District reports: for a period, each expected district (the platforms registered to
 * report to this one) with received / late / missing, the deadline rule, and each indicator's sum
 * with every district's share. Where this platform itself reports upward (it has an upstream),
 * the officer pushes this region's figures from the same page.
 */
import { App as AntApp, Alert, Button, Card, Col, Flex, Form, InputNumber, Row, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { hasPermission, useMe } from '../../app/auth';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { shanghaiToday, showInstant } from '../../app/time';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { useDistrictReports, useIndicatorList, usePushIndicators, useUpstreams, type DistrictReports } from './exchange.api';

const m = defineMessages({
  zh: {
    title: '区县报送',
    period: '报告期',
    month: (y: string, mo: string) => `${y}年${Number(mo)}月`,
    quarter: (y: string, q: string) => `${y}年第${q}季度`,
    deadline: (d: string) => `截止日：${d}`,
    district: '区县',
    platform: '报送平台',
    status: '状态',
    version: '版本',
    receivedAt: '最新接收时间',
    received: '已报送',
    late: '迟报',
    missing: '未报送',
    notDue: '未到截止日',
    noDistricts: '尚无登记的区县报送平台（由区县主管部门登记具有“报送指标”权限的平台后列出）。',
    sums: '各指标合计及各区县占比',
    total: (v: string, unit: string) => `合计 ${v} ${unit}`,
    share: (name: string) => `${name}：各区县`,
    push: '向上级平台报送本地区指标',
    pushExplain: '未填写的指标取自本平台相应统计（如有）；每次报送为新版本，上级平台以最新版本为准。',
    upstream: '上级平台',
    send: '报送',
    sent: (v: number, status: number) => `已报送第${v}版（上级平台答复 ${status}）`,
    notSent: '未能报送',
    fromStatistic: '留空则取本平台统计',
  },
  en: {
    title: 'District reports',
    period: 'Period',
    month: (y: string, mo: string) => `${y}-${mo}`,
    quarter: (y: string, q: string) => `${y} Q${q}`,
    deadline: (d: string) => `Deadline: ${d}`,
    district: 'District',
    platform: 'Reporting platform',
    status: 'Status',
    version: 'Version',
    receivedAt: 'Latest received',
    received: 'Received',
    late: 'Late',
    missing: 'Missing',
    notDue: 'Not yet due',
    noDistricts: 'No district platform is registered to report yet (they are listed once a district department registers a platform allowed to report indicators).',
    sums: "Each indicator's sum and the districts' shares",
    total: (v: string, unit: string) => `Total ${v} ${unit}`,
    share: (name: string) => `${name}: by district`,
    push: "Report this region's indicators to the upstream platform",
    pushExplain: 'An indicator left empty is read from the matching statistic of this platform (where there is one); each push is a new version, and the upstream keeps the latest.',
    upstream: 'Upstream platform',
    send: 'Report',
    sent: (v: number, status: number) => `Version ${v} reported (upstream answered ${status})`,
    notSent: 'Not reported',
    fromStatistic: 'Empty: from this platform’s statistics',
  },
});

const STATUS_COLOUR = { received: 'green', late: 'orange', missing: 'red', not_due: 'default' } as const;

/** The last twelve months and four quarters before today (Asia/Shanghai), newest first. */
function periods(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(year, month - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const q = Math.floor((month - 1) / 3) + 1;
  for (let i = 0; i < 4; i++) {
    const n = (year * 4 + q - 1) - i;
    out.push(`${Math.floor(n / 4)}-Q${(n % 4) + 1}`);
  }
  return out;
}

type T = (typeof m)['zh'];
const periodLabel = (t: T, p: string) => (p.includes('Q') ? t.quarter(p.slice(0, 4), p.slice(6)) : t.month(p.slice(0, 4), p.slice(5, 7)));

function Reports({ data }: { data: DistrictReports }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const localise = useLocalise();
  const statusLabel = { received: t.received, late: t.late, missing: t.missing, not_due: t.notDue };
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t.deadline(data.deadline)} description={localise(data.rule)} />
      <Card size="small" style={{ marginBottom: 16 }}>
        {data.districts.length === 0 ? (
          <EmptyState description={t.noDistricts} />
        ) : (
          <Table
            size="small"
            data-testid="district-reports"
            rowKey={(r) => `${r.regionCode}:${r.platformName}`}
            pagination={false}
            scroll={{ x: true }}
            dataSource={data.districts}
            columns={[
              { title: t.district, dataIndex: 'regionName' },
              { title: t.platform, dataIndex: 'platformName', render: (v: string, r) => `${v}（${r.organisationName}）` },
              { title: t.status, dataIndex: 'status', render: (v: keyof typeof statusLabel) => <Tag color={STATUS_COLOUR[v]}>{statusLabel[v]}</Tag> },
              { title: t.version, dataIndex: 'version', render: (v: number | null) => v ?? '—' },
              { title: t.receivedAt, dataIndex: 'receivedAt', render: (v: string | null) => (v ? showInstant(v, lang) : '—') },
            ]}
          />
        )}
      </Card>
      {data.districts.length > 0 ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>{t.sums}</Typography.Title>
          <Row gutter={[16, 16]}>
            {data.indicators.map((i) => (
              <Col xs={24} lg={12} key={i.name}>
                <Card size="small" title={localise(i.label)} extra={<Typography.Text strong>{t.total(i.total.toLocaleString('zh-CN'), localise(i.unit))}</Typography.Text>}>
                  <Chart
                    testId={`share-${i.name}`}
                    type="pie"
                    height={220}
                    title={t.share(localise(i.label))}
                    categories={i.shares.map((s) => s.regionName)}
                    series={[{ name: localise(i.label), values: i.shares.map((s) => s.value) }]}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </>
      ) : null}
    </>
  );
}

function PushForm({ period }: { period: string }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const localise = useLocalise();
  const { message } = AntApp.useApp();
  const upstreams = useUpstreams();
  const indicators = useIndicatorList();
  const push = usePushIndicators();
  const [form] = Form.useForm<{ upstreamId: string; values: Record<string, number | null> }>();
  const items = upstreams.data ?? [];
  if (items.length === 0 || !indicators.data) return null;
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t.push} data-testid="push-indicators">
      <Typography.Paragraph type="secondary">{t.pushExplain}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ upstreamId: items[0]!.id, values: {} }}
        onFinish={(v) => {
          const typed = Object.entries(v.values ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number').map(([name, value]) => ({ name, value }));
          push.mutate(
            { upstreamId: v.upstreamId, period, ...(typed.length > 0 ? { indicators: typed } : {}) },
            { onSuccess: (r) => void (r.receipt ? message.success(t.sent(r.version, r.status)) : message.error(`${t.notSent}（${r.status}）`)), onError: (e) => void message.error(problemMessage(e, lang)) },
          );
        }}
      >
        <Form.Item name="upstreamId" label={t.upstream} style={{ maxWidth: 360 }}>
          <Select options={items.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Row gutter={16}>
          {indicators.data.map((i) => (
            <Col xs={24} sm={12} lg={8} key={i.name}>
              <Form.Item name={['values', i.name]} label={`${localise(i.label)}（${localise(i.unit)}）`}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder={i.localStatistic ? t.fromStatistic : undefined} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={push.isPending}>{t.send}</Button>
      </Form>
    </Card>
  );
}

export function DistrictReportsPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  const me = useMe();
  const options = useMemo(() => periods(shanghaiToday()), []);
  const [period, setPeriod] = useState(options[1]!);
  const oversee = hasPermission(me.data, 'exchange.oversee');
  const report = hasPermission(me.data, 'exchange.report');
  const reports = useDistrictReports(period, oversee);
  return (
    <>
      <PageHeading
        title={t.title}
        extra={
          <Flex align="center" gap={8}>
            <span id="period-label">{t.period}</span>
            <Select aria-labelledby="period-label" style={{ minWidth: 160 }} value={period} onChange={setPeriod} options={options.map((p) => ({ value: p, label: periodLabel(t, p) }))} />
          </Flex>
        }
      />
      {oversee ? reports.isPending ? <PageLoading /> : reports.isError ? <LoadError error={reports.error} onRetry={() => void reports.refetch()} /> : <Reports data={reports.data} /> : null}
      {report ? <PushForm period={period} /> : null}
    </>
  );
}
