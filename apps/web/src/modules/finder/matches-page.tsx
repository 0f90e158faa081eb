/** My matches (一企一档): every policy for my saved profile, with a link to answer more in the calculator. */
import { Button, Card, List, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { defineMessages, useMessages, usePageTitle } from '../../app/i18n';
import { EmptyState, LoadError, PageHeading, PageLoading } from '../../app/ui';
import { useMatches } from './finder.api';
import { VerdictList } from './verdict-list';
import { useMySubjects } from '../subjects';

const m = defineMessages({
  zh: {
    title: '我的政策匹配',
    pick: '选择档案',
    more: '在计算器中补充更多信息',
    profile: '完善档案',
    none: '还没有档案',
    kind_enterprise: '企业',
    kind_person: '个人',
    kind_carrier: '载体',
    kind_provider: '服务机构',
    kind_institution: '院所',
  },
  en: {
    title: 'My policy matches',
    pick: 'Choose a profile',
    more: 'Answer more in the calculator',
    profile: 'Complete the profile',
    none: 'No profile yet',
    kind_enterprise: 'Enterprise',
    kind_person: 'Person',
    kind_carrier: 'Carrier',
    kind_provider: 'Service provider',
    kind_institution: 'Institution',
  },
});

const KINDS = ['enterprise', 'person', 'carrier', 'provider', 'institution'] as const;
const isKind = (kind: string): kind is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(kind);

export function MatchesIndexPage() {
  const t = useMessages(m);
  usePageTitle(t.title);
  // The shared query of one's subjects (its cache holds the list itself, as every page reads it).
  const mine = useMySubjects();
  if (mine.isPending) return <PageLoading />;
  if (mine.isError) return <LoadError error={mine.error} />;
  return (
    <>
      <PageHeading title={t.title} subtitle={t.pick} />
      {mine.data.length === 0 ? <EmptyState description={t.none} /> : (
        <List bordered dataSource={mine.data} renderItem={(s) => (
            <List.Item>
              <Link to={`/finder/matches/${s.id}`}>{s.name}</Link>
              {isKind(s.kind) ? <Tag style={{ marginInlineStart: 8 }}>{t[`kind_${s.kind}`]}</Tag> : null}
            </List.Item>
          )} />
      )}
    </>
  );
}

export function MatchesPage() {
  const t = useMessages(m);
  const { subjectId = '' } = useParams();
  const matches = useMatches(subjectId);
  usePageTitle(t.title);
  if (matches.isPending) return <PageLoading />;
  if (matches.isError) return <LoadError error={matches.error} onRetry={() => void matches.refetch()} />;
  const params = new URLSearchParams({ entity: matches.data.subject.kind });
  for (const [k, v] of Object.entries(matches.data.profile)) params.set(`f.${k}`, Array.isArray(v) ? v.join(',') : String(v));
  return (
    <>
      <PageHeading
        title={`${t.title} · ${matches.data.subject.name}`}
        extra={
          <Card size="small" className="sb-no-print">
            <Link to={`/calculator?${params.toString()}`}><Button type="primary">{t.more}</Button></Link>{' '}
            <Link to={`/profile/${subjectId}`}><Button>{t.profile}</Button></Link>
          </Card>
        }
      />
      <Typography.Paragraph type="secondary">{matches.data.date}</Typography.Paragraph>
      <VerdictList result={matches.data} />
    </>
  );
}
