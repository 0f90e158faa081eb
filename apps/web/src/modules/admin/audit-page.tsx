/**
 * The audit log, newest first, and a check of its hash chain: every entry carries the hash of
 * the one before, so an edited or deleted entry breaks the chain at that point.
 */
import { CheckCircleOutlined, DownloadOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { showInstant } from '../../app/time';
import { EmptyState, LoadError } from '../../app/ui';
import { useAuditLog, verifyAuditChain, type AuditEntry, type AuditVerification } from './admin.api';
import { AUDIT_ACTION_LABELS } from './labels';

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
    actor: '操作人',
    action: '操作',
    entity: '对象',
    system: '系统',
    empty: '暂无审计记录',
    more: '加载更早的记录',
    end: '已显示全部记录',
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
    actor: 'Actor',
    action: 'Action',
    entity: 'Entity',
    system: 'System',
    empty: 'No audit entries yet',
    more: 'Load older entries',
    end: 'All entries shown',
  },
});

export function AuditPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  const log = useAuditLog();
  const verify = useMutation({ mutationFn: verifyAuditChain });

  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'id', key: 'id', width: 80 },
    { title: t.at, dataIndex: 'at', key: 'at', render: (at: string) => showInstant(at, lang, { seconds: true }) },
    { title: t.actor, dataIndex: 'actor', key: 'actor', render: (a: string | null) => a ?? <Typography.Text type="secondary">{t.system}</Typography.Text> },
    {
      title: t.action,
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => (
        <>
          {AUDIT_ACTION_LABELS[a]?.[lang] ?? ''}{' '}
          <Typography.Text type="secondary" className="sb-mono" style={{ fontSize: 12 }}>
            {a}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t.entity,
      key: 'entity',
      render: (_, e) => (
        <span className="sb-mono">
          {e.entityType}
          {e.entityId ? ` ${e.entityId}` : ''}
        </span>
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
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={log.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <EmptyState description={t.empty} /> }}
        scroll={{ x: 'max-content' }}
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
