/** Pieces every fulfilment page shows: money, status, the verdict, the timeline, the stages. */
import { Alert, List, Steps, Tag, Timeline, Typography } from 'antd';
import { displayFen } from '../subjects';
import { defineMessages, useLang, useLocalise, useMessages } from '../../app/i18n';
import { showInstant } from '../../app/time';
import type { ApplicationSummary, Stage, TimelineEntry, Verdict } from './fulfilment.api';
import { refusedForSeriousViolation, SeriousViolationCitation } from '../credit';

export const fm = defineMessages({
  zh: {
    yuan: '元',
    eligible: '符合条件',
    ineligible: '不符合条件',
    unknown: '尚需补充信息',
    near_miss: '差一点符合',
    amount: '测算金额',
    approved: '批复金额',
    reason: '理由',
    department: '部门',
    due: '办理期限',
    overdue: '已超期',
    automatic: '免申即享',
    verdictTitle: '资格预判',
    timeline: '办理进度',
    stages: '办理环节',
    workingDays: (n: number) => `${n} 个工作日`,
    days: (n: number) => `${n} 天`,
    action: (a: string) => ACTION_ZH[a] ?? a,
  },
  en: {
    yuan: 'CNY',
    eligible: 'Eligible',
    ineligible: 'Not eligible',
    unknown: 'More information needed',
    near_miss: 'Nearly eligible',
    amount: 'Computed amount',
    approved: 'Approved amount',
    reason: 'Reason',
    department: 'Department',
    due: 'Due',
    overdue: 'Overdue',
    automatic: 'No application needed',
    verdictTitle: 'Eligibility',
    timeline: 'Progress',
    stages: 'Stages',
    workingDays: (n: number) => `${n} working days`,
    days: (n: number) => `${n} days`,
    action: (a: string) => ACTION_EN[a] ?? a,
  },
});

const ACTION_ZH: Record<string, string> = {
  'application.submitted': '提交申请',
  'application.pending_award': '免申即享待批复',
  'application.accepted': '受理',
  'application.passed': '审核通过',
  'application.returned': '退回补正',
  'application.rejected': '不予支持',
  'application.withdrawn': '撤回',
  'application.resubmitted': '补正后重新提交',
  'application.assessed': '专家评审意见',
  'application.approved': '批复，进入公示',
  'application.objection_filed': '收到公示异议',
  'application.objection_resolved': '异议已处理',
  'application.publicity_concluded': '公示期满',
  'application.revoked': '撤销奖补',
  'application.payment_requested': '申请拨付',
  'application.payee_given': '填写收款账户',
  'application.paid': '已拨付，办结',
};
const ACTION_EN: Record<string, string> = {
  'application.submitted': 'Submitted',
  'application.pending_award': 'Pending award (no application needed)',
  'application.accepted': 'Accepted',
  'application.passed': 'Review passed',
  'application.returned': 'Returned for amendment',
  'application.rejected': 'Rejected',
  'application.withdrawn': 'Withdrawn',
  'application.resubmitted': 'Amended and resubmitted',
  'application.assessed': 'Expert assessment',
  'application.approved': 'Approved; publicity starts',
  'application.objection_filed': 'Objection received',
  'application.objection_resolved': 'Objection resolved',
  'application.publicity_concluded': 'Publicity ended',
  'application.revoked': 'Award revoked',
  'application.payment_requested': 'Payment requested',
  'application.payee_given': 'Bank account given',
  'application.paid': 'Paid; closed',
};

export function Money({ fen }: { fen: number | null | undefined }) {
  const { lang } = useLang();
  const t = useMessages(fm);
  if (fen === null || fen === undefined) return <>—</>;
  return (
    <span>
      {displayFen(fen, 'yuan', lang === 'zh' ? 'zh-CN' : 'en-US')} {t.yuan}
    </span>
  );
}

const STATUS_COLOURS: Record<string, string> = {
  acceptance: 'blue',
  first_review: 'blue',
  expert_review: 'purple',
  approval: 'geekblue',
  publicity: 'gold',
  payment: 'cyan',
  returned: 'orange',
  withdrawn: 'default',
  rejected: 'red',
  closed: 'green',
};

export function StatusTag({ a }: { a: Pick<ApplicationSummary, 'status' | 'statusLabel' | 'overdue'> }) {
  const l = useLocalise();
  const t = useMessages(fm);
  return (
    <>
      <Tag color={STATUS_COLOURS[a.status] ?? 'default'} data-testid="status">
        {l(a.statusLabel)}
      </Tag>
      {a.overdue ? <Tag color="red">{t.overdue}</Tag> : null}
    </>
  );
}

export function VerdictView({ verdict }: { verdict: Verdict }) {
  const t = useMessages(fm);
  const l = useLocalise();
  const type = verdict.status === 'eligible' ? 'success' : verdict.status === 'ineligible' ? 'error' : 'warning';
  return (
    <Alert
      type={type}
      showIcon
      data-testid="verdict"
      title={
        <span>
          {t.verdictTitle}：{t[verdict.status]}
          {verdict.amount?.fen !== null && verdict.amount?.fen !== undefined ? (
            <>
              {' · '}
              {t.amount} <Money fen={verdict.amount.fen} />
            </>
          ) : null}
        </span>
      }
      description={
        <List
          size="small"
          dataSource={verdict.criteria}
          renderItem={(c) => (
            <List.Item>
              <Tag color={c.status === 'pass' ? 'green' : c.status === 'fail' ? 'red' : 'default'}>{c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '?'}</Tag>
              <div>
                {l(c.sentence)}
                {refusedForSeriousViolation(c) ? <SeriousViolationCitation /> : null}
              </div>
            </List.Item>
          )}
        />
      }
    />
  );
}

export function StageSteps({ stages, current }: { stages: Stage[]; current?: string }) {
  const l = useLocalise();
  const t = useMessages(fm);
  const index = current ? stages.findIndex((s) => s.key === current) : -1;
  const done = current === 'closed';
  return (
    <Steps
      size="small"
      current={done ? stages.length : Math.max(index, 0)}
      aria-label={t.stages}
      items={stages.map((s) => ({
        title: l(s.label),
        description: s.deadline ? (s.deadline.working ? t.workingDays(s.deadline.days) : t.days(s.deadline.days)) : undefined,
      }))}
    />
  );
}

export function ApplicationTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useMessages(fm);
  const { lang } = useLang();
  return (
    <Timeline
      data-testid="timeline"
      items={entries.map((e) => ({
        color: e.to === 'returned' || e.to === 'rejected' ? 'red' : e.to === 'closed' ? 'green' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{t.action(e.action)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {showInstant(e.at, lang)}
              {e.department ? ` · ${e.department}` : ''}
            </Typography.Text>
            {e.reason ? (
              <div>
                {t.reason}：{e.reason}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
