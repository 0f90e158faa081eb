/**
 * The audit log, newest first, each entry a sentence ("蒙佳 受理了 南宁某某科技有限公司 的 工业新产品补助
 * 申请"), narrowed by who, kind of action, object and days, exported as .xlsx; and a check of its
 * hash chain: every entry carries the hash of the one before, so an edited or deleted entry
 * breaks the chain at that point.
 */
import { CheckCircleOutlined, CloseOutlined, DownloadOutlined, FileExcelOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Grid, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { defineMessages, useLang, useLocalise, useMessages } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError } from '../../app/ui';
import { auditExportHref, useAuditLog, verifyAuditChain, type AuditEntry, type AuditFilter, type AuditVerification } from './admin.api';

const m = defineMessages({
  zh: {
    verify: '校验审计链',
    verifyHelp: '逐条核对哈希链，发现任何被修改或删除的记录。',
    ok: (n: number) => `审计链完整：已校验 ${n} 条记录，未发现篡改。`,
    broken: (id: number, reason: string) => `审计链在第 ${id} 条记录处断开：${reason}`,
    checked: (n: number) => `已校验 ${n} 条记录。`,
    anchored: (count: number, at: string) => `已核对 ${count} 个签名检查点，最近一个签于 ${at}。`,
    noCheckpoint: '尚无签名检查点：记录只受哈希链保护，删除最新记录无法被发现。',
    unanchored: (n: number) => `最近一个检查点之后的 ${n} 条记录只受哈希链保护，下一个检查点签署后即受保护。`,
    download: '下载检查点文件',
    at: '时间',
    entry: '记录',
    empty: '暂无审计记录',
    emptyFiltered: '没有符合筛选条件的记录',
    more: '加载更早的记录',
    end: '已显示全部记录',
    who: '操作人',
    whoPlaceholder: '姓名或账号',
    kind: '操作类别',
    anyKind: '全部类别',
    objectType: '对象类别',
    anyObject: '全部对象',
    period: '日期',
    object: (name: string) => `对象：${name}`,
    onlyThis: '只看此对象',
    clear: '清除筛选',
    total: (n: number) => `共 ${n} 条`,
    exportXlsx: '导出 Excel',
  },
  en: {
    verify: 'Verify the chain',
    verifyHelp: 'Checks the hash chain entry by entry to reveal any edited or deleted record.',
    ok: (n: number) => `The audit chain is intact: ${n} entries checked, no tampering found.`,
    broken: (id: number, reason: string) => `The audit chain breaks at entry ${id}: ${reason}`,
    checked: (n: number) => `${n} entries checked.`,
    anchored: (count: number, at: string) => `${count} signed checkpoints checked; the latest was signed at ${at}.`,
    noCheckpoint: 'No signed checkpoint yet: entries are protected by the hash chain alone, so deleting the newest ones would go unnoticed.',
    unanchored: (n: number) => `${n} entries after the latest checkpoint are protected by the hash chain alone until the next checkpoint is signed.`,
    download: 'Download the checkpoint file',
    at: 'Time',
    entry: 'Entry',
    empty: 'No audit entries yet',
    emptyFiltered: 'No entry matches the filters',
    more: 'Load older entries',
    end: 'All entries shown',
    who: 'Who',
    whoPlaceholder: 'Name or account',
    kind: 'Kind of action',
    anyKind: 'All kinds',
    objectType: 'Kind of object',
    anyObject: 'All objects',
    period: 'Days',
    object: (name: string) => `Object: ${name}`,
    onlyThis: 'Only this object',
    clear: 'Clear filters',
    total: (n: number) => `${n} entries`,
    exportXlsx: 'Export Excel',
  },
});

export function AuditPage() {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [who, setWho] = useState('');
  const [objectName, setObjectName] = useState<string | null>(null);
  const log = useAuditLog(filter);
  const verify = useMutation({ mutationFn: verifyAuditChain });
  // On a phone the time goes under the sentence: one column, no sideways scrolling.
  const wide = Grid.useBreakpoint().md ?? true;

  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const first = log.data?.pages[0];
  const filtered = Object.values(filter).some((v) => v !== undefined && v !== '');
  const patch = (p: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...p }));

  const columns: TableColumnsType<AuditEntry> = [
    ...(wide
      ? ([{ title: t.at, dataIndex: 'at', key: 'at', width: 180, render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{showInstant(at, lang, { seconds: true })}</span> }] as TableColumnsType<AuditEntry>)
      : []),
    {
      title: t.entry,
      key: 'sentence',
      render: (_, e) => (
        <div data-testid="audit-entry">
          <Typography.Text>{l(e.sentence)}</Typography.Text>
          <Flex wrap gap={4} align="center" style={{ marginTop: 4 }}>
            {wide ? null : <Typography.Text type="secondary" style={{ fontSize: 12 }}>{showInstant(e.at, lang, { seconds: true })}</Typography.Text>}
            {e.kindLabel ? <Tag>{l(e.kindLabel)}</Tag> : null}
            {e.objectLabel && e.entityId && filter.entityId !== e.entityId ? (
              <Button
                size="small"
                type="link"
                style={{ padding: 0, height: 'auto' }}
                onClick={() => {
                  setObjectName(l(e.objectLabel));
                  patch({ entityType: e.entityType, entityId: e.entityId ?? undefined });
                }}
              >
                {t.onlyThis}
              </Button>
            ) : null}
          </Flex>
        </div>
      ),
    },
  ];

  return (
    <>
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t.verifyHelp}</Typography.Text>
        <Flex wrap gap={8}>
          <Button icon={<SafetyCertificateOutlined aria-hidden />} onClick={() => verify.mutate()} loading={verify.isPending}>
            {t.verify}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} href="/api/v1/admin/audit/checkpoints" download="audit-checkpoints.jsonl">
            {t.download}
          </Button>
        </Flex>
      </Flex>
      <div aria-live="polite">
        {verify.isError ? <Alert type="error" showIcon title={problemMessage(verify.error, lang)} style={{ marginBottom: 16 }} /> : null}
        {verify.data ? (
          verify.data.ok ? (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleOutlined />}
              title={t.ok(verify.data.checked)}
              description={<CheckpointSummary checkpoints={verify.data.checkpoints} />}
              style={{ marginBottom: 16 }}
              data-testid="audit-verify-result"
            />
          ) : (
            <Alert
              type="error"
              showIcon
              icon={<WarningOutlined />}
              title={verify.data.firstBroken ? t.broken(verify.data.firstBroken.id, verify.data.firstBroken.reason) : t.checked(verify.data.checked)}
              description={verify.data.firstBroken ? t.checked(verify.data.checked) : undefined}
              style={{ marginBottom: 16 }}
              data-testid="audit-verify-result"
            />
          )
        ) : null}
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={12} align="flex-end">
          <label>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t.who}</Typography.Text>
            <Input.Search
              id="audit-who"
              data-testid="audit-who"
              allowClear
              placeholder={t.whoPlaceholder}
              value={who}
              onChange={(e) => {
                setWho(e.target.value);
                if (!e.target.value) patch({ who: undefined });
              }}
              onSearch={(v) => patch({ who: v.trim() || undefined })}
              style={{ width: 200 }}
            />
          </label>
          <label>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t.kind}</Typography.Text>
            <Select
              data-testid="audit-kind"
              aria-label={t.kind}
              style={{ width: 180 }}
              value={filter.kind ?? ''}
              onChange={(v: string) => patch({ kind: v || undefined })}
              options={[{ value: '', label: t.anyKind }, ...(first?.kinds ?? []).map((k) => ({ value: k.key, label: l(k.label) }))]}
            />
          </label>
          <label>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t.objectType}</Typography.Text>
            <Select
              data-testid="audit-object-type"
              aria-label={t.objectType}
              style={{ width: 160 }}
              value={filter.entityId ? '' : (filter.entityType ?? '')}
              disabled={!!filter.entityId}
              onChange={(v: string) => patch({ entityType: v || undefined })}
              options={[{ value: '', label: t.anyObject }, ...(first?.objectTypes ?? []).map((k) => ({ value: k.key, label: l(k.label) }))]}
            />
          </label>
          <label>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t.period}</Typography.Text>
            <DatePicker.RangePicker
              aria-label={t.period}
              onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
                patch({ from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
              }
            />
          </label>
          {filtered ? (
            <Button
              icon={<CloseOutlined aria-hidden />}
              onClick={() => {
                setFilter({});
                setWho('');
                setObjectName(null);
              }}
            >
              {t.clear}
            </Button>
          ) : null}
        </Flex>
        {filter.entityId && objectName ? (
          <Tag
            closable
            style={{ marginTop: 12 }}
            data-testid="audit-object"
            onClose={() => {
              setObjectName(null);
              patch({ entityType: undefined, entityId: undefined });
            }}
          >
            {t.object(objectName)}
          </Tag>
        ) : null}
      </Card>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" data-testid="audit-total">
          {first ? t.total(first.total) : ''}
        </Typography.Text>
        <Button size="small" icon={<FileExcelOutlined aria-hidden />} href={auditExportHref(filter)} data-testid="audit-export">
          {t.exportXlsx}
        </Button>
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={log.isPending || log.isFetching}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <EmptyState description={filtered ? t.emptyFiltered : t.empty} /> }}
        scroll={wide ? { x: 560 } : undefined}
        data-testid="audit-list"
      />
      {rows.length > 0 ? (
        <Flex justify="center" style={{ marginTop: 16 }}>
          {log.hasNextPage ? (
            <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t.more}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t.end}</Typography.Text>
          )}
        </Flex>
      ) : null}
    </>
  );
}

/** What the signed checkpoints (kept outside the database) say about the chain's newest entries. */
function CheckpointSummary({ checkpoints }: { checkpoints: AuditVerification['checkpoints'] }) {
  const t = useMessages(m);
  const { lang } = useLang();
  if (!checkpoints) return null;
  if (checkpoints.count === 0 || !checkpoints.lastAt) return <Typography.Text type="warning">{t.noCheckpoint}</Typography.Text>;
  return (
    <>
      {t.anchored(checkpoints.count, showInstant(checkpoints.lastAt, lang, { seconds: true }))}
      {checkpoints.unanchored > 0 ? <> {t.unanchored(checkpoints.unanchored)}</> : null}
    </>
  );
}
