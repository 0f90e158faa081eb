/**
 * 数据开放 / Open statistics: the figures the modules declare public, for a region (the whole
 * platform by default) and a year, quarter or month. Each group of figures downloads as CSV and
 * Excel; the figure chosen is drawn by child region and month by month (app/chart.tsx, with its
 * hidden data table) and said in a sentence. Region, period and figure live in the address.
 * Below, the open datasets with their downloads, metadata and changelog (datasets-section.tsx).
 */
import { BarChartOutlined, DownloadOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Flex, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Chart } from '../../app/chart';
import { defineMessages, useLang, useLocalise, useMessages, usePageTitle } from '../../app/i18n';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { RegionCascader } from '../regions';
import { DatasetsSection } from './datasets-section';
import { downloadHref, useOpenBreakdown, useOpenStatistics, type OpenBreakdown, type OpenFigure, type OpenFilter, type OpenStatisticsView } from './opendata.api';

type Kind = 'year' | 'quarter' | 'month';

const m = defineMessages({
  zh: {
    title: '数据开放',
    subtitle: (region: string, period: string, from: string, to: string) => `${region} · ${period}（${from} 至 ${to}）`,
    intro: '平台各项工作的公开统计数据，由各业务模块按统一口径从业务记录实时计算，不含个人信息。可按地区和期间查看，每组数据均可下载 CSV 或 Excel。',
    region: '地区',
    regionHint: '不选择地区即为全平台',
    period: '统计期间',
    year: '按年',
    quarter: '按季度',
    month: '按月',
    csv: '下载 CSV',
    xlsx: '下载 Excel',
    showChart: '查看图表',
    shown: '图表见下方',
    byRegion: (label: string) => `${label}：按下级地区`,
    byMonth: (label: string) => `${label}：逐月`,
    byMonthHint: '本年 1 月至所选期间末，每月的数值。',
    noChildren: '该地区没有下级区划，无法按地区比较。',
    noRegionData: '各地区在本期间均无数据。',
    empty: '所选地区和期间暂无数据。可选择更大的地区或更长的期间。',
    sentence: (label: string, region: string, period: string, value: string) => `${region}${period}${label}为${value}。`,
    highest: (name: string, value: string) => `下级地区中最高的是${name}，为${value}。`,
    monthly: (month: string, value: string) => `逐月看，${month}最高，为${value}。`,
    allZero: (region: string) => `各下级地区在本期间均为 0：这项数值记在${region}本级（例如由本级部门办理或拨付）。`,
    asOf: (day: string) => `数据截至 ${day}，每次打开页面时计算。`,
    download: (group: string) => `下载“${group}”数据`,
  },
  en: {
    title: 'Open statistics',
    subtitle: (region: string, period: string, from: string, to: string) => `${region} · ${period} (${from} to ${to})`,
    intro: "The programme's public figures, each computed from the records by the module that owns them, the same way everywhere, with no personal data. Choose a region and a period; every group downloads as CSV or Excel.",
    region: 'Region',
    regionHint: 'No region chosen: the whole platform',
    period: 'Period',
    year: 'Year',
    quarter: 'Quarter',
    month: 'Month',
    csv: 'Download CSV',
    xlsx: 'Download Excel',
    showChart: 'Show the charts',
    shown: 'Charts below',
    byRegion: (label: string) => `${label}: by region`,
    byMonth: (label: string) => `${label}: month by month`,
    byMonthHint: "Each month from January to the end of the period.",
    noChildren: 'This region has no smaller regions to compare.',
    noRegionData: 'No region has a figure in this period.',
    empty: 'Nothing to show for this region and period yet. Try a larger region or a longer period.',
    sentence: (label: string, region: string, period: string, value: string) => `${label} in ${region}, ${period}: ${value}.`,
    highest: (name: string, value: string) => `Highest among its regions: ${name}, ${value}.`,
    monthly: (month: string, value: string) => `Month by month, ${month} was highest: ${value}.`,
    allZero: (region: string) => `Every smaller region shows 0 for this period: the figure is recorded at the level of ${region} itself (e.g. handled or paid by its own departments).`,
    asOf: (day: string) => `Figures as of ${day}, computed when the page opens.`,
    download: (group: string) => `Download “${group}”`,
  },
});

/** A figure's value in the unit people read: fen as 元 with two decimals. */
function useFormat() {
  const { lang } = useLang();
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  return (figure: Pick<OpenFigure, 'unit'>, value: number): string => {
    if (figure.unit.en === 'fen') return `${(value / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${lang === 'zh' ? '元' : 'yuan'}`;
    const n = value.toLocaleString(locale, { maximumFractionDigits: 2 });
    return lang === 'zh' ? `${n} ${figure.unit.zh}` : `${n} ${figure.unit.en}`;
  };
}

const periodKey = (kind: Kind, d: Dayjs): string =>
  kind === 'year' ? d.format('YYYY') : kind === 'quarter' ? `${d.format('YYYY')}-Q${Math.floor(d.month() / 3) + 1}` : d.format('YYYY-MM');

const periodDay = (key: string): Dayjs => {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return dayjs(`${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}-01`);
  return dayjs(key.length === 4 ? `${key}-01-01` : `${key}-01`);
};

export function OpenDataPage() {
  const t = useMessages(m);
  const l = useLocalise();
  usePageTitle(t.title);
  const [params, setParams] = useSearchParams();
  const filter: OpenFilter = { regionCode: params.get('region') ?? undefined, period: params.get('period') ?? undefined };
  const view = useOpenStatistics(filter);
  const set = (patch: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
        return next;
      },
      { replace: true },
    );

  if (view.isError) return <LoadError error={view.error} onRetry={() => void view.refetch()} />;
  if (!view.data) return <PageLoading />;
  const d = view.data;
  const figures = d.groups.flatMap((g) => g.figures);
  const chosen = figures.find((f) => f.name === params.get('figure')) ?? figures[0] ?? null;
  const anything = figures.some((f) => f.value !== 0);
  const regionName = d.region.name;

  return (
    <>
      <PageHeading title={t.title} subtitle={<span data-testid="open-data-subtitle">{t.subtitle(regionName, l(d.period.label), d.period.from, d.period.to)}</span>} />
      <Typography.Paragraph>{t.intro}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={16} align="center">
          <Flex gap={8} align="center" wrap style={{ flex: '1 1 280px', maxWidth: 420 }}>
            <label htmlFor="open-data-region">{t.region}</label>
            <div style={{ flex: 1, minWidth: 200 }} data-testid="open-data-region">
              <RegionCascader id="open-data-region" aria-describedby="open-data-region-hint" value={filter.regionCode ?? null} onChange={(code) => set({ region: code })} />
            </div>
            <Typography.Text type="secondary" id="open-data-region-hint" style={{ fontSize: 12 }}>
              {t.regionHint}
            </Typography.Text>
          </Flex>
          <PeriodPicker value={d.period.key} kind={d.period.kind} onChange={(period) => set({ period })} />
        </Flex>
      </Card>
      {!anything ? (
        <Card>
          <EmptyState description={t.empty} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {d.groups.map((g) => (
            <Col span={24} key={g.group}>
              <Card
                title={<span id={`group-${g.group}`}>{l(g.label)}</span>}
                data-testid={`group-${g.group}`}
                extra={
                  <Space size={4} wrap role="group" aria-label={t.download(l(g.label))}>
                    <Typography.Link href={downloadHref(filter, g.group, 'csv')} download data-testid={`download-${g.group}-csv`}>
                      <DownloadOutlined aria-hidden /> {t.csv}
                    </Typography.Link>
                    <Typography.Text type="secondary" aria-hidden>
                      ·
                    </Typography.Text>
                    <Typography.Link href={downloadHref(filter, g.group, 'xlsx')} download data-testid={`download-${g.group}-xlsx`}>
                      <DownloadOutlined aria-hidden /> {t.xlsx}
                    </Typography.Link>
                  </Space>
                }
              >
                <Figures figures={g.figures} chosen={chosen?.name ?? null} onChoose={(name) => set({ figure: name })} />
                {chosen && g.figures.some((f) => f.name === chosen.name) ? <Charts filter={filter} figure={chosen} view={d} /> : null}
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t.asOf(d.asOf)}
      </Typography.Paragraph>
      <DatasetsSection />
    </>
  );
}

function PeriodPicker({ value, kind, onChange }: { value: string; kind: Kind; onChange: (period: string) => void }) {
  const t = useMessages(m);
  const day = periodDay(value);
  const tooLate = (d: Dayjs) => d.isAfter(dayjs(), 'day') || d.year() < 2000;
  return (
    <Flex gap={8} align="center" wrap>
      <Typography.Text id="open-data-period">{t.period}</Typography.Text>
      <Select<Kind>
        aria-labelledby="open-data-period"
        data-testid="open-data-kind"
        value={kind}
        style={{ width: 100 }}
        options={(['year', 'quarter', 'month'] as const).map((k) => ({ value: k, label: t[k] }))}
        onChange={(k) => onChange(periodKey(k, day.isAfter(dayjs()) ? dayjs() : day))}
      />
      <DatePicker
        aria-labelledby="open-data-period"
        data-testid="open-data-period"
        picker={kind}
        allowClear={false}
        value={day}
        disabledDate={tooLate}
        onChange={(d: Dayjs | null) => {
          if (d) onChange(periodKey(kind, d));
        }}
      />
    </Flex>
  );
}

/** The group's figures as tiles; each chooses the figure the charts draw. */
function Figures({ figures, chosen, onChoose }: { figures: OpenFigure[]; chosen: string | null; onChoose: (name: string) => void }) {
  const t = useMessages(m);
  const l = useLocalise();
  const format = useFormat();
  return (
    <Row gutter={[12, 12]} role="list">
      {figures.map((f) => {
        const on = f.name === chosen;
        return (
          <Col xs={12} sm={8} lg={6} key={f.name} role="listitem">
            <button
              type="button"
              className="sb-open-figure"
              aria-pressed={on}
              onClick={() => onChoose(f.name)}
              data-testid="open-figure"
              data-label={f.label.zh}
              data-value={f.value}
              style={{
                width: '100%',
                height: '100%',
                textAlign: 'left',
                padding: '8px 12px',
                borderRadius: 8,
                border: on ? '2px solid #1677ff' : '1px solid #d9d9d9',
                background: on ? '#e6f4ff' : '#fff',
                cursor: 'pointer',
                font: 'inherit',
              }}
            >
              <span style={{ display: 'block', color: 'rgba(0,0,0,0.65)', fontSize: 13, lineHeight: 1.4 }}>{l(f.label)}</span>
              <span style={{ display: 'block', fontSize: 18, fontWeight: 600, marginTop: 4, wordBreak: 'break-all' }}>{format(f, f.value)}</span>
              <span style={{ display: 'block', fontSize: 12, color: '#1677ff', marginTop: 2 }}>
                <BarChartOutlined aria-hidden /> {on ? t.shown : t.showChart}
              </span>
            </button>
          </Col>
        );
      })}
    </Row>
  );
}

/** The chosen figure by child region and month by month, and the same in words. */
function Charts({ filter, figure, view }: { filter: OpenFilter; figure: OpenFigure; view: OpenStatisticsView }) {
  const t = useMessages(m);
  const l = useLocalise();
  const format = useFormat();
  const { lang } = useLang();
  const breakdown = useOpenBreakdown(filter, figure.name);
  if (breakdown.isError) return <LoadError error={breakdown.error} onRetry={() => void breakdown.refetch()} />;
  const b: OpenBreakdown | undefined = breakdown.data?.figure.name === figure.name ? breakdown.data : undefined;
  if (!b) return <PageLoading />;
  const label = l(figure.label);
  const fmt = (v: number) => format(figure, v);
  const top = [...b.byRegion].sort((x, y) => y.value - x.value)[0];
  const monthName = (month: string) => (lang === 'zh' ? `${Number(month.slice(5))}月` : dayjs(`${month}-01`).format('MMM'));
  const topMonth = [...b.byMonth].sort((x, y) => y.value - x.value)[0];
  return (
    <section aria-label={label} style={{ marginTop: 16 }} data-testid="open-charts">
      <Typography.Paragraph data-testid="open-sentence" style={{ fontSize: 15 }}>
        {t.sentence(label, view.region.name, l(view.period.label), fmt(b.figure.value))}
        {top && top.value !== 0 ? ` ${t.highest(top.name, fmt(top.value))}` : ''}
        {topMonth && topMonth.value !== 0 && b.byMonth.length > 1 ? ` ${t.monthly(monthName(topMonth.month), fmt(topMonth.value))}` : ''}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t.byRegion(label)}
          </Typography.Title>
          {view.region.code !== null && b.byRegion.length === 0 ? (
            <Typography.Paragraph type="secondary">{t.noChildren}</Typography.Paragraph>
          ) : b.byRegion.length === 0 ? (
            <Typography.Paragraph type="secondary">{t.noRegionData}</Typography.Paragraph>
          ) : b.byRegion.every((r) => r.value === 0) ? (
            <Typography.Paragraph type="secondary" data-testid="open-regions-zero">
              {t.allZero(view.region.name)}
            </Typography.Paragraph>
          ) : (
            <Contained>
              <Chart
                testId="open-chart-regions"
                type="horizontal"
                title={t.byRegion(label)}
                height={Math.max(200, 28 * b.byRegion.length + 40)}
                categories={b.byRegion.map((r) => r.name)}
                format={fmt}
                series={[{ name: label, values: b.byRegion.map((r) => r.value) }]}
              />
            </Contained>
          )}
        </Col>
        <Col xs={24} xl={12}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            {t.byMonth(label)}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t.byMonthHint}
          </Typography.Paragraph>
          <Contained>
            <Chart
              testId="open-chart-months"
              title={t.byMonth(label)}
              height={240}
              categories={b.byMonth.map((x) => monthName(x.month))}
              format={fmt}
              series={[{ name: label, values: b.byMonth.map((x) => x.value), kind: b.byMonth.length > 1 ? 'line' : 'bar' }]}
            />
          </Contained>
        </Col>
      </Row>
    </section>
  );
}

/** Keeps a chart inside its card (its hidden data table is as wide as its text). */
function Contained({ children }: { children: ReactNode }) {
  return <div style={{ position: 'relative', overflow: 'hidden' }}>{children}</div>;
}
