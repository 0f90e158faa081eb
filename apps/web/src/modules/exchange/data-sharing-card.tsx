/**
 * 数据共享授权 / Data-sharing consent, on an enterprise's own profile: which platform may read its
 * verified profile (grant, revoke at once), the history of grants and revocations, and who read
 * the profile when (谁读取了我的档案). Where this platform has an upstream (the city's), the
 * members import the verified profile kept there instead of filling it in again.
 */
import { App as AntApp, Alert, Button, Card, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { defineMessages, useLang, useMessages } from '../../app/i18n';
import { problemMessage } from '../../app/problem';
import { showInstant } from '../../app/time';
import { useChangeConsent, useDataSharing, useImportSubject, useUpstreams, type DataSharing } from './exchange.api';

const m = defineMessages({
  zh: {
    title: '数据共享授权',
    explain: '授权后，所选平台可读取本企业档案中经登记机关核验的信息（不含自行申报的信息），免去在该平台重复填报；未授权的平台只能看到企业名称、统一社会信用代码、所在地区和企业名录公开的内容。授权可随时撤回，撤回立即生效。',
    platform: '平台',
    choose: '选择要授权的平台',
    grant: '授权',
    granted: (name: string) => `已授权“${name}”读取核验档案`,
    revoked: (name: string) => `已撤回对“${name}”的授权`,
    failed: '操作未成功',
    live: '当前授权',
    none: '尚未授权任何平台。',
    revoke: '撤回',
    revokeConfirm: (name: string) => `撤回后“${name}”将只能读取公开信息。确定撤回？`,
    since: (who: string, at: string) => `${who} 于 ${at} 授权`,
    history: '授权记录',
    action: '操作',
    grantedTag: '授权',
    revokedTag: '撤回',
    by: '操作人',
    at: '时间',
    reads: '谁读取了我的档案',
    noReads: '尚无平台读取过本企业档案。',
    withConsent: '核验档案',
    publicOnly: '仅公开信息',
    what: '读取内容',
    importTitle: '从上级平台导入核验档案',
    importExplain: '若本企业已在上级平台授权本平台，可一键导入在那里核验过的信息（注明来源平台），无需重复填报。',
    importFrom: '上级平台',
    importButton: '导入',
    imported: (n: number) => `已导入 ${n} 项核验信息`,
  },
  en: {
    title: 'Data-sharing consent',
    explain: 'With consent, the chosen platform may read the facts of this profile verified by a registry (never what you declared yourself), so you need not fill them in there again; a platform without consent sees only the name, the credit code, the region and what the public directory shows. Consent may be revoked at any time, at once.',
    platform: 'Platform',
    choose: 'Choose a platform to consent to',
    grant: 'Grant',
    granted: (name: string) => `"${name}" may now read the verified profile`,
    revoked: (name: string) => `Consent for "${name}" revoked`,
    failed: 'Not done',
    live: 'Consents in force',
    none: 'No platform has consent yet.',
    revoke: 'Revoke',
    revokeConfirm: (name: string) => `"${name}" will see public data only. Revoke?`,
    since: (who: string, at: string) => `granted by ${who} on ${at}`,
    history: 'History',
    action: 'Action',
    grantedTag: 'Granted',
    revokedTag: 'Revoked',
    by: 'By',
    at: 'When',
    reads: 'Who read my profile',
    noReads: 'No platform has read this profile yet.',
    withConsent: 'Verified profile',
    publicOnly: 'Public data only',
    what: 'Read',
    importTitle: 'Import the verified profile from the upstream platform',
    importExplain: 'If this enterprise has consented there to this platform, import the facts verified there (naming the platform they came from) instead of filling them in again.',
    importFrom: 'Upstream platform',
    importButton: 'Import',
    imported: (n: number) => `${n} verified facts imported`,
  },
});

function ImportPanel({ subjectId, creditCode }: { subjectId: string; creditCode: string }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const upstreams = useUpstreams();
  const doImport = useImportSubject(subjectId);
  const [upstreamId, setUpstreamId] = useState<string | undefined>();
  const items = upstreams.data ?? [];
  if (items.length === 0) return null;
  const chosen = upstreamId ?? items[0]!.id;
  return (
    <div data-testid="import-panel" style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 15 }}>{t.importTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{t.importExplain}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Select aria-label={t.importFrom} style={{ minWidth: 220 }} value={chosen} onChange={setUpstreamId} options={items.map((u) => ({ value: u.id, label: u.name }))} />
        <Button
          loading={doImport.isPending}
          onClick={() =>
            doImport.mutate(
              { upstreamId: chosen, creditCode },
              { onSuccess: (r) => void message.success(t.imported(r.imported.length)), onError: (e) => void message.error(problemMessage(e, lang)) },
            )
          }
        >
          {t.importButton}
        </Button>
      </Flex>
    </div>
  );
}

function Consents({ subjectId, sharing }: { subjectId: string; sharing: DataSharing }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const { message } = AntApp.useApp();
  const change = useChangeConsent(subjectId);
  const [choice, setChoice] = useState<string | undefined>();
  const liveIds = new Set(sharing.live.map((c) => c.clientId));
  const grantable = sharing.platforms.filter((p) => !liveIds.has(p.clientId));
  const act = (clientId: string, name: string, action: 'grant' | 'revoke') =>
    change.mutate(
      { clientId, action },
      {
        onSuccess: () => {
          setChoice(undefined);
          void message.success(action === 'grant' ? t.granted(name) : t.revoked(name));
        },
        onError: (e) => void message.error(`${t.failed}：${problemMessage(e, lang)}`),
      },
    );
  const chosen = grantable.find((p) => p.clientId === choice);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t.choose}
          placeholder={t.choose}
          style={{ minWidth: 280, flex: '1 1 280px', maxWidth: 480 }}
          value={choice}
          onChange={setChoice}
          options={grantable.map((p) => ({ value: p.clientId, label: `${p.name}（${p.organisationName}）` }))}
        />
        <Button type="primary" disabled={!chosen} loading={change.isPending} onClick={() => chosen && act(chosen.clientId, chosen.name, 'grant')}>
          {t.grant}
        </Button>
      </Flex>
      <Typography.Title level={3} style={{ fontSize: 15 }}>{t.live}</Typography.Title>
      {sharing.live.length === 0 ? (
        <Typography.Paragraph type="secondary">{t.none}</Typography.Paragraph>
      ) : (
        <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="consents-live">
          {sharing.live.map((c) => (
            <Flex key={c.clientId} justify="space-between" align="center" wrap gap={8}>
              <span>
                <Typography.Text strong>{c.platformName}</Typography.Text>
                <Typography.Text type="secondary">（{c.organisationName}）· {t.since(c.by, showInstant(c.at, lang))}</Typography.Text>
              </span>
              <Popconfirm title={t.revokeConfirm(c.platformName)} onConfirm={() => act(c.clientId, c.platformName, 'revoke')}>
                <Button danger size="small">{t.revoke}</Button>
              </Popconfirm>
            </Flex>
          ))}
        </Flex>
      )}
    </>
  );
}

export function DataSharingCard({ subjectId, creditCode }: { subjectId: string; creditCode: string | null }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const sharing = useDataSharing(subjectId);
  // Officers reading the profile are not its members: the card is the enterprise's own.
  if (!sharing.data) return null;
  const s = sharing.data;
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="data-sharing" title={t.title}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t.explain} />
      {creditCode ? <ImportPanel subjectId={subjectId} creditCode={creditCode} /> : null}
      <Consents subjectId={subjectId} sharing={s} />
      <Typography.Title level={3} style={{ fontSize: 15 }}>{t.reads}</Typography.Title>
      <Table
        size="small"
        data-testid="profile-reads"
        rowKey={(r) => `${r.at}:${r.platformName}`}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t.noReads }}
        dataSource={s.reads}
        columns={[
          { title: t.at, dataIndex: 'at', render: (v: string) => showInstant(v, lang) },
          { title: t.platform, dataIndex: 'platformName', render: (v: string, r) => `${v}（${r.organisationName}）` },
          { title: t.what, dataIndex: 'withConsent', render: (v: boolean) => <Tag color={v ? 'blue' : 'default'}>{v ? t.withConsent : t.publicOnly}</Tag> },
        ]}
      />
      {s.history.length > 0 ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>{t.history}</Typography.Title>
          <Table
            size="small"
            rowKey={(r) => `${r.at}:${r.clientId}:${r.action}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: true }}
            dataSource={s.history}
            columns={[
              { title: t.at, dataIndex: 'at', render: (v: string) => showInstant(v, lang) },
              { title: t.platform, dataIndex: 'platformName' },
              { title: t.action, dataIndex: 'action', render: (v: string) => <Tag color={v === 'granted' ? 'green' : 'orange'}>{v === 'granted' ? t.grantedTag : t.revokedTag}</Tag> },
              { title: t.by, dataIndex: 'by' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
