/**
 * The finance office's dashboard (金融看板): for a region it supervises and a period, the financing
 * needs posted and matched, the requests answered by their due date, the amount offered, and the
 * guaranteed loans and interest subsidies by bank and by district, each chart with its data table.
 */
import { useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Space, Statistic } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { FinanceDashboard } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { api } from '../../app/api-client';
import { Chart } from '../../app/chart';
import { useLang, usePageTitle } from '../../app/i18n';
import { mapProblem } from '../../app/problem';
import { EmptyState, LoadError, PageHeading, PageLoading, ProblemAlert } from '../../app/ui';
import { RegionCascader } from '../regions';
import { useTx } from './finance-parts';

const useDashboard = (regionCode: string | null, from: string | null, to: string | null) =>
  useQuery({
    queryKey: ['finance', 'dashboard', regionCode, from, to],
    // A region the office does not supervise is refused: the page keeps the last figures and says why.
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => {
      const p = new URLSearchParams();
      if (regionCode) p.set('regionCode', regionCode);
      if (from) p.set('from', from);
      if (to) p.set('to', to);
      const qs = p.toString();
      return api.get<FinanceDashboard>(`/finance/dashboard${qs ? `?${qs}` : ''}`);
    },
  });

/** 万元 with up to two decimals: the charts' unit. */
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

export function FinanceDashboardPage() {
  const tx = useTx();
  const { lang } = useLang();
  usePageTitle(tx('金融看板', 'Finance dashboard'));
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  // The region: the office's own by default; a city office may narrow to a district (区县) it covers.
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const q = useDashboard(regionCode, range ? range[0].format('YYYY-MM-DD') : null, range ? range[1].format('YYYY-MM-DD') : null);
  if (q.isLoading) return <PageLoading />;
  if (!q.data) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const wanText = (v: number) => (lang === 'zh' ? `${v.toLocaleString('zh-CN')} 万元` : `${v.toLocaleString('en')} × 10,000 yuan`);
  const loanSeries = (rows: FinanceDashboard['byBank']) => [
    { name: tx('贷款发放（万元）', 'Loans granted (10,000 yuan)'), values: rows.map((r) => wan(r.principalFen)) },
    { name: tx('核定贴息（万元）', 'Subsidies assessed (10,000 yuan)'), values: rows.map((r) => wan(r.subsidyFen)), color: '#faad14' },
  ];
  return (
    <div>
      <PageHeading
        title={tx('金融看板', 'Finance dashboard')}
        subtitle={tx(`${d.regionName}，${d.from} 至 ${d.to}：企业融资需求与金融机构答复，创业担保贷款与贴息。`, `${d.regionName}, ${d.from} to ${d.to}: financing needs and answers; guaranteed loans and subsidies.`)}
        extra={
          <Space wrap>
            <div style={{ minWidth: 220 }} data-testid="dashboard-region">
              <RegionCascader value={regionCode ?? d.regionCode} onChange={(code) => setRegionCode(code)} aria-label={tx('地区', 'Region')} />
            </div>
            <DatePicker.RangePicker
              allowClear
              value={range ?? [dayjs(d.from), dayjs(d.to)]}
              onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
              aria-label={tx('统计期间', 'Period')}
            />
          </Space>
        }
      />
      {q.error ? <ProblemAlert problem={mapProblem(q.error, lang, [])} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="dashboard-figures">
        <Col xs={12} md={6}><Card size="small"><Statistic title={tx('企业融资需求', 'Needs posted')} value={d.needsPosted} suffix={tx('项', '')} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tx('匹配到产品的需求', 'Needs matched')} value={d.needsMatched} suffix={tx('项', '')} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tx('按期答复的申请', 'Answered in time')} value={d.answeredInTime} suffix={tx('笔', '')} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={tx('机构同意金额', 'Amount offered')} value={amountText(d.grantedFen, lang)} /></Card></Col>
      </Row>
      <Flex vertical gap={16}>
        <Card size="small" title={tx('创业担保贷款与贴息：按银行', 'Guaranteed loans and subsidies by bank')}>
          {d.byBank.length > 0 ? (
            <Chart testId="dashboard-banks" type="horizontal" title={tx('按银行', 'By bank')} categories={d.byBank.map((r) => r.name)} series={loanSeries(d.byBank)} format={wanText} height={Math.max(200, d.byBank.length * 70)} />
          ) : (
            <EmptyState description={tx('本期间没有发放的贷款或核定的贴息。', 'No loan granted or subsidy assessed in the period.')} />
          )}
        </Card>
        <Card size="small" title={tx('创业担保贷款与贴息：按区县', 'Guaranteed loans and subsidies by district')}>
          {d.byDistrict.length > 0 ? (
            <Chart testId="dashboard-districts" title={tx('按区县', 'By district')} categories={d.byDistrict.map((r) => r.name)} series={loanSeries(d.byDistrict)} format={wanText} />
          ) : (
            <EmptyState description={tx('本期间没有发放的贷款或核定的贴息。', 'No loan granted or subsidy assessed in the period.')} />
          )}
        </Card>
      </Flex>
    </div>
  );
}
