/**
 * 数据集 / Datasets: the open datasets (policies, publicity, statistics, directories) with their
 * rows, last change and licence, each downloadable as CSV and JSON with its DCAT metadata, and
 * the changelog of their schemas and data. Part of the open-data page.
 */
import { DatabaseOutlined, DownloadOutlined, FileTextOutlined, HistoryOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Space, Tag, Typography } from 'antd';
import { defineMessages, useLang, useLocalise, useMessages } from '../../app/i18n';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError, PageLoading } from '../../app/ui';
import { CATALOGUE_HREF, datasetHref, useDatasetChangelog, useDatasets, type DatasetChangelog, type DatasetSummary } from './opendata.api';

const m = defineMessages({
  zh: {
    title: '数据集',
    intro: '平台公开数据的机器可读版本：政策、公示、统计与名录，每个数据集均可下载 CSV（UTF-8，Excel 可直接打开）和 JSON，网址长期不变；元数据采用 DCAT 标准（JSON-LD），不含身份证号、电话等个人信息。',
    catalogue: '数据目录（DCAT）',
    rows: (n: string) => `${n} 行`,
    modified: (when: string) => `更新于 ${when}`,
    unmodified: '数据不记录更新时间',
    licence: (name: string) => `许可：${name}`,
    version: (v: number) => `第 ${v} 版结构`,
    csv: 'CSV',
    json: 'JSON',
    metadata: '元数据',
    download: (title: string) => `下载“${title}”`,
    empty: '暂无公开数据集。',
    emptyRows: '暂无数据',
    changelog: '更新记录',
    changelogIntro: '数据集结构的每次变化（列的增减或含义变化）都会在此登记；删除或改名的列至少提前六个月预告。',
    noChanges: '暂无更新记录。',
    columns: (n: number) => `${n} 列`,
  },
  en: {
    title: 'Datasets',
    intro: "The platform's public data in machine-readable form: policies, publicity, statistics and directories, each downloadable as CSV (UTF-8, opens in Excel) and JSON at URLs that do not change; metadata in DCAT (JSON-LD); no ID numbers, phone numbers or other personal data.",
    catalogue: 'Catalogue (DCAT)',
    rows: (n: string) => `${n} rows`,
    modified: (when: string) => `Updated ${when}`,
    unmodified: 'The data keeps no time of change',
    licence: (name: string) => `Licence: ${name}`,
    version: (v: number) => `Schema version ${v}`,
    csv: 'CSV',
    json: 'JSON',
    metadata: 'Metadata',
    download: (title: string) => `Download “${title}”`,
    empty: 'No open datasets yet.',
    emptyRows: 'No rows yet',
    changelog: 'Changelog',
    changelogIntro: "Every change to a dataset's structure (columns added or removed, or their meaning) is listed here; a column is announced at least six months before it is removed or renamed.",
    noChanges: 'No changes yet.',
    columns: (n: number) => `${n} columns`,
  },
});

/** A change time: a calendar date as it is, an instant in Asia/Shanghai. */
const when = (value: string, lang: 'zh' | 'en') => (value.length === 10 ? value : showInstant(value, lang));

export function DatasetsSection() {
  const t = useMessages(m);
  const datasets = useDatasets();
  return (
    <section aria-labelledby="open-datasets" style={{ marginTop: 24 }} data-testid="open-datasets">
      <Flex justify="space-between" align="baseline" wrap gap={8}>
        <Typography.Title level={2} id="open-datasets" style={{ fontSize: 20, margin: 0 }}>
          <DatabaseOutlined aria-hidden /> {t.title}
        </Typography.Title>
        <Typography.Link href={CATALOGUE_HREF} target="_blank" data-testid="open-datasets-catalogue">
          <FileTextOutlined aria-hidden /> {t.catalogue}
        </Typography.Link>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t.intro}
      </Typography.Paragraph>
      {datasets.isError ? (
        <LoadError error={datasets.error} onRetry={() => void datasets.refetch()} />
      ) : !datasets.data ? (
        <PageLoading />
      ) : datasets.data.datasets.length === 0 ? (
        <Card>
          <EmptyState description={t.empty} />
        </Card>
      ) : (
        <Row gutter={[16, 16]} role="list">
          {datasets.data.datasets.map((d) => (
            <Col xs={24} md={12} xl={8} key={d.name} role="listitem">
              <DatasetCard d={d} />
            </Col>
          ))}
        </Row>
      )}
      <Changelog />
    </section>
  );
}

function DatasetCard({ d }: { d: DatasetSummary }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const title = l(d.title);
  return (
    <Card size="small" title={title} style={{ height: '100%' }} data-testid="open-dataset" data-name={d.name} data-rows={d.rows}>
      <Typography.Paragraph style={{ fontSize: 13 }} ellipsis={{ rows: 3, expandable: true, symbol: lang === 'zh' ? '展开' : 'more' }}>
        {l(d.description)}
      </Typography.Paragraph>
      <Space size={[4, 4]} wrap style={{ marginBottom: 8 }}>
        {d.rows === 0 ? <Tag>{t.emptyRows}</Tag> : <Tag color="blue">{t.rows(d.rows.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US'))}</Tag>}
        <Tag>{t.columns(d.columns.length)}</Tag>
        {d.modified ? <Tag>{t.modified(when(d.modified, lang))}</Tag> : d.rows > 0 ? <Tag>{t.unmodified}</Tag> : null}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        <Typography.Link href={d.licence.url} target="_blank" rel="license noopener">
          {t.licence(d.licence.name)}
        </Typography.Link>
        {' · '}
        {t.version(d.version)}
      </Typography.Paragraph>
      <Space size={4} wrap role="group" aria-label={t.download(title)}>
        <Typography.Link href={datasetHref(d.name, 'data.csv')} download data-testid="dataset-csv">
          <DownloadOutlined aria-hidden /> {t.csv}
        </Typography.Link>
        <Typography.Text type="secondary" aria-hidden>
          ·
        </Typography.Text>
        <Typography.Link href={datasetHref(d.name, 'data.json')} target="_blank" data-testid="dataset-json">
          <DownloadOutlined aria-hidden /> {t.json}
        </Typography.Link>
        <Typography.Text type="secondary" aria-hidden>
          ·
        </Typography.Text>
        <Typography.Link href={datasetHref(d.name, 'metadata')} target="_blank" data-testid="dataset-metadata">
          <FileTextOutlined aria-hidden /> {t.metadata}
        </Typography.Link>
      </Space>
    </Card>
  );
}

function Changelog() {
  const t = useMessages(m);
  const l = useLocalise();
  const log = useDatasetChangelog();
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  if (!log.data) return null;
  const titles = new Map(log.data.data.map((d) => [d.dataset, d.title]));
  type Row = DatasetChangelog['schemaChanges'][number];
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      data-testid="open-datasets-changelog"
      title={
        <span>
          <HistoryOutlined aria-hidden /> {t.changelog}
        </span>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t.changelogIntro}
      </Typography.Paragraph>
      {log.data.schemaChanges.length === 0 ? (
        <EmptyState description={t.noChanges} />
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t.changelog}>
          {log.data.schemaChanges.map((r: Row) => (
            <li key={`${r.dataset}-${r.version}`} data-testid="dataset-change" style={{ padding: '6px 0', borderTop: '1px solid #f0f0f0' }}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text type="secondary" style={{ minWidth: 90 }}>
                  {r.date}
                </Typography.Text>
                <Typography.Text strong>{l(titles.get(r.dataset))}</Typography.Text>
                <Tag>{t.version(r.version)}</Tag>
                <Typography.Text>{l(r.change)}</Typography.Text>
              </Flex>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
