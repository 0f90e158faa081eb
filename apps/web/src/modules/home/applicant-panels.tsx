/**
 * What an applicant (founder, enterprise, person) needs on arrival, shared by the overview (/me)
 * and the signed-in home page: how complete each profile is, the policies it matches with their
 * amounts, each application with its next step (and, once paid, what was paid, when, where), and
 * unread notices.
 */
import { Card, Empty, Flex, List, Progress, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ApplicationSummary, SubjectSummary } from '@seedbed/contract';
import { amountText } from '../../app/amount';
import { ApplyAction } from '../../app/apply-action';
import { defineMessages, useLang, useLocalise, useMessages } from '../../app/i18n';
import { ResponsiveList } from '../../app/responsive';
import { showInstant } from '../../app/time';
import { LoadError, PageLoading } from '../../app/ui';
import { useMatches } from '../finder';
import { PaidSummary, useMyApplications } from '../fulfilment';
import { useUnreadNotices } from '../notifications';
import { useMySubjects, useProfileVariables, useSubject } from '../subjects';

const m = defineMessages({
  zh: {
    profileTitle: '档案完整度',
    profileHint: '档案越完整，匹配越准确，申请时要填的越少。',
    missing: (labels: string) => `还可补充：${labels}`,
    complete: '档案信息已齐全',
    editProfile: '完善档案',
    noProfile: '还没有档案',
    createProfile: '去建立档案',
    matchesTitle: '我的政策匹配',
    worth: '符合条件的政策可得金额（元）',
    lowerBound: '部分金额待定，实际可能更多',
    eligibleCount: (n: number, u: number) => `符合 ${n} 项 · 需补充信息 ${u} 项`,
    allMatches: '查看全部匹配',
    noMatches: '暂时没有符合条件的政策，补充档案信息后再看看。',
    amountTbd: '金额待定',
    applicationsTitle: '我的申请',
    allApplications: '全部申请',
    noApplications: '还没有申请。',
    item: '政策事项',
    status: '当前环节',
    next: '下一步',
    amount: '金额',
    due: (d: string) => `（时限 ${d}）`,
    overdue: '已超期',
    noticesTitle: '未读通知',
    noNotices: '没有未读通知。',
    allNotices: '全部通知',
    nextStep: (status: string, dept: string): string => {
      switch (status) {
      case 'acceptance':
        return `等待${dept}受理`;
      case 'first_review':
        return '初审中';
      case 'expert_review':
        return '专家评审中';
      case 'approval':
        return '等待批复金额';
      case 'publicity':
        return '公示中，期满无异议后拨付';
      case 'payment':
        return '等待财务部门拨付';
      case 'returned':
        return '请按退回理由补正后重新提交';
      case 'rejected':
        return '不予支持，理由见申请详情';
      case 'withdrawn':
        return '已撤回';
      case 'closed':
        return '已拨付';
        default:
          return '';
      }
    },
  },
  en: {
    profileTitle: 'Profile completeness',
    profileHint: 'The more complete the profile, the better the matches and the less to fill in when applying.',
    missing: (labels: string) => `You could add: ${labels}`,
    complete: 'The profile is complete',
    editProfile: 'Complete the profile',
    noProfile: 'No profile yet',
    createProfile: 'Create a profile',
    matchesTitle: 'My policy matches',
    worth: 'What eligible policies are worth (CNY)',
    lowerBound: 'Some amounts are not known yet: it may be more',
    eligibleCount: (n: number, u: number) => `${n} eligible · ${u} need more information`,
    allMatches: 'All matches',
    noMatches: 'No policy matches yet; add to the profile and look again.',
    amountTbd: 'Amount to be set',
    applicationsTitle: 'My applications',
    allApplications: 'All applications',
    noApplications: 'No applications yet.',
    item: 'Policy item',
    status: 'Stage',
    next: 'Next step',
    amount: 'Amount',
    due: (d: string) => ` (by ${d})`,
    overdue: 'Overdue',
    noticesTitle: 'Unread notices',
    noNotices: 'No unread notices.',
    allNotices: 'All notices',
    nextStep: (status: string, dept: string): string => {
      switch (status) {
      case 'acceptance':
        return `${dept} is to accept it`;
      case 'first_review':
        return 'In first review';
      case 'expert_review':
        return 'In expert review';
      case 'approval':
        return 'The amount is to be approved';
      case 'publicity':
        return 'In publicity; paid once it ends without objection';
      case 'payment':
        return 'Finance is to pay it';
      case 'returned':
        return 'Amend it as the reason says and resubmit';
      case 'rejected':
        return 'Not supported; the reason is on the application';
      case 'withdrawn':
        return 'Withdrawn';
      case 'closed':
        return 'Paid';
        default:
          return '';
      }
    },
  },
});

/** The profile to show first: the enterprise, else the first. */
export function primarySubject(subjects: readonly SubjectSummary[] | undefined): SubjectSummary | undefined {
  return subjects?.find((s) => s.kind === 'enterprise') ?? subjects?.[0];
}

function CompletenessOf({ subject }: { subject: SubjectSummary }) {
  const t = useMessages(m);
  const l = useLocalise();
  const profile = useSubject(subject.id);
  const variables = useProfileVariables();
  if (profile.isPending || variables.isPending) return <PageLoading />;
  if (profile.isError) return <LoadError error={profile.error} />;
  if (variables.isError) return <LoadError error={variables.error} />;
  const asked = variables.data.filter((v) => v.entity.includes(subject.kind));
  const filled = asked.filter((v) => profile.data.facts[v.name]?.value !== null && profile.data.facts[v.name]?.value !== undefined);
  const percent = asked.length ? Math.round((filled.length / asked.length) * 100) : 100;
  const missing = asked.filter((v) => !filled.includes(v)).slice(0, 4);
  return (
    <Flex gap={16} align="center" wrap data-testid="profile-completeness">
      <Progress type="circle" percent={percent} size={72} aria-label={`${t.profileTitle} ${percent}%`} />
      <Space direction="vertical" size={4} style={{ flex: 1, minWidth: 200 }}>
        <Typography.Text strong>{subject.name}</Typography.Text>
        <Typography.Text type="secondary">{missing.length ? t.missing(missing.map((v) => l(v.label)).join('、')) : t.complete}</Typography.Text>
        <Link to={`/profile/${subject.id}`}>{t.editProfile} →</Link>
      </Space>
    </Flex>
  );
}

export function ProfileCompletenessCard() {
  const t = useMessages(m);
  const subjects = useMySubjects();
  return (
    <Card title={t.profileTitle} data-testid="overview-profile">
      {subjects.isPending ? (
        <PageLoading />
      ) : subjects.isError ? (
        <LoadError error={subjects.error} />
      ) : subjects.data.length === 0 ? (
        <Empty description={t.noProfile}>
          <Link to="/profile">{t.createProfile}</Link>
        </Empty>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t.profileHint}</Typography.Paragraph>
          {subjects.data.map((s) => (
            <CompletenessOf key={s.id} subject={s} />
          ))}
        </Space>
      )}
    </Card>
  );
}

function MatchesOf({ subject, limit }: { subject: SubjectSummary; limit: number }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const matches = useMatches(subject.id);
  if (matches.isPending) return <PageLoading />;
  if (matches.isError) return <LoadError error={matches.error} onRetry={() => void matches.refetch()} />;
  const r = matches.data;
  const eligible = r.items.filter((i) => i.status === 'eligible');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Flex gap={24} wrap align="flex-end">
        <Statistic title={t.worth} value={(r.summary.totalFen / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 2 })} data-testid="overview-matches-total" />
        <Typography.Text type="secondary">
          {t.eligibleCount(r.summary.eligible, r.summary.unknown)}
          {r.summary.totalIsLowerBound ? ` · ${t.lowerBound}` : ''}
        </Typography.Text>
      </Flex>
      {eligible.length === 0 ? (
        <Typography.Paragraph type="secondary">{t.noMatches}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={eligible.slice(0, limit)}
          renderItem={(i) => (
            <List.Item data-testid="overview-match">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Link to={`/policies/${i.id}`}>{l(i.title)}</Link>
                  <Typography.Text strong>{i.amount?.status === 'known' && i.amount.fen !== null ? amountText(i.amount.fen, lang) : t.amountTbd}</Typography.Text>
                </Flex>
                <ApplyAction itemId={i.id} channel={r.applications[i.id]} size="small" />
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Link to={`/finder/matches/${subject.id}`}>{t.allMatches} →</Link>
    </Space>
  );
}

export function MatchesCard({ limit = 5 }: { limit?: number }) {
  const t = useMessages(m);
  const subjects = useMySubjects();
  const subject = primarySubject(subjects.data);
  return (
    <Card title={t.matchesTitle} data-testid="overview-matches">
      {subjects.isPending ? <PageLoading /> : subjects.isError ? <LoadError error={subjects.error} /> : !subject ? <Empty description={t.noProfile} /> : <MatchesOf subject={subject} limit={limit} />}
    </Card>
  );
}

function NextStep({ a }: { a: ApplicationSummary }) {
  const t = useMessages(m);
  if (a.status === 'closed') return <PaidSummary applicationId={a.id} compact />;
  const step = t.nextStep(a.status, a.department.name);
  return (
    <span>
      {step || '—'}
      {a.stageDueOn && a.status !== 'returned' ? t.due(a.stageDueOn) : ''}
      {a.overdue ? (
        <Tag color="red" style={{ marginInlineStart: 8 }}>
          {t.overdue}
        </Tag>
      ) : null}
    </span>
  );
}

export function ApplicationsCard({ limit }: { limit?: number }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const apps = useMyApplications();
  const rows = limit ? (apps.data ?? []).slice(0, limit) : (apps.data ?? []);
  return (
    <Card title={t.applicationsTitle} extra={<Link to="/fulfilment/mine">{t.allApplications}</Link>} data-testid="overview-applications">
      {apps.isPending ? (
        <PageLoading />
      ) : apps.isError ? (
        <LoadError error={apps.error} onRetry={() => void apps.refetch()} />
      ) : (
        <ResponsiveList
          testId="my-applications"
          caption={t.applicationsTitle}
          rows={rows}
          rowKey={(a) => a.id}
          empty={<Empty description={t.noApplications} />}
          columns={[
            { key: 'item', title: t.item, primary: true, render: (a) => <Link to={`/fulfilment/applications/${a.id}`}>{l(a.itemTitle)}</Link> },
            { key: 'status', title: t.status, render: (a) => <Tag color={a.status === 'closed' ? 'green' : a.status === 'returned' ? 'orange' : a.status === 'rejected' ? 'red' : 'blue'}>{l(a.statusLabel)}</Tag> },
            { key: 'next', title: t.next, render: (a) => <NextStep a={a} /> },
            { key: 'amount', title: t.amount, align: 'right', render: (a) => (a.approvedFen !== null ? amountText(a.approvedFen, lang) : a.amountFen !== null ? amountText(a.amountFen, lang) : '—') },
          ]}
        />
      )}
    </Card>
  );
}

export function NoticesCard({ limit = 5 }: { limit?: number }) {
  const t = useMessages(m);
  const l = useLocalise();
  const { lang } = useLang();
  const notices = useUnreadNotices(true, limit);
  return (
    <Card title={t.noticesTitle} extra={<Link to="/notifications">{t.allNotices}</Link>} data-testid="overview-notices">
      {notices.isPending ? (
        <PageLoading />
      ) : notices.isError ? (
        <LoadError error={notices.error} />
      ) : notices.data.items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t.noNotices}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={notices.data.items}
          renderItem={(n) => (
            <List.Item data-testid="overview-notice">
              <Flex vertical gap={2}>
                <Typography.Text strong>{n.link ? <Link to={n.link}>{l(n.title)}</Link> : l(n.title)}</Typography.Text>
                <Typography.Text>{l(n.body)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{showInstant(n.createdAt, lang)}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The overview's four panels in a responsive grid. */
export function ApplicantPanels() {
  return (
    <Flex vertical gap={16}>
      <ApplicationsCard />
      <div className="sb-overview-grid">
        <MatchesCard />
        <Flex vertical gap={16}>
          <ProfileCompletenessCard />
          <NoticesCard />
        </Flex>
      </div>
    </Flex>
  );
}

