/** Pieces the crowd pages share: the category and status labels, the filters, the party picker. */
import { Segmented, Select, Tag } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import type { Lang } from '../../app/i18n';
import { mapProblem, type MappedProblem } from '../../app/problem';
import type { CrowdCategory, CrowdParty, CrowdTaskStatus } from '@seedbed/contract';
import { useLocalise } from '../../app/i18n';
import { CROWD_CATEGORIES, CROWD_TASK_STATUS_LABELS, categoryLabel } from './crowd.api';

const STATUS_COLOURS: Record<CrowdTaskStatus, string> = {
  open: 'green',
  awarded: 'blue',
  delivered: 'gold',
  disputed: 'red',
  completed: 'default',
  refunded: 'default',
  cancelled: 'default',
};

export function StatusTag({ status }: { status: CrowdTaskStatus }) {
  const l = useLocalise();
  return <Tag color={STATUS_COLOURS[status]}>{l(CROWD_TASK_STATUS_LABELS[status])}</Tag>;
}

export function CategoryText({ category }: { category: CrowdCategory }) {
  const l = useLocalise();
  return <>{l(categoryLabel(category))}</>;
}

export function CategorySelect({ id, value, onChange, allowAll, allLabel }: { id?: string; value?: string | undefined; onChange?: (v: string | undefined) => void; allowAll?: boolean; allLabel?: string }) {
  const l = useLocalise();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear={allowAll}
      placeholder={allLabel}
      style={{ minWidth: 160 }}
      options={CROWD_CATEGORIES.map((c) => ({ value: c, label: l(categoryLabel(c)) }))}
    />
  );
}

/** Whom one acts for: the enterprise, oneself (个人), a service provider. */
export function PartySelect({ id, parties, value, onChange, only }: { id?: string; parties: readonly CrowdParty[]; value?: string; onChange?: (v: string) => void; only?: 'subject' }) {
  const l = useLocalise();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      style={{ minWidth: 240 }}
      options={parties
        .filter((p) => !only || p.kind === only)
        .map((p) => ({ value: `${p.kind}:${p.id}`, label: p.isPerson ? l({ zh: `${p.name}（个人）`, en: `${p.name} (myself)` }) : p.name }))}
    />
  );
}

export const partyOfValue = (value: string): { partyKind: 'subject' | 'organisation'; partyId: string } => {
  const [kind, id] = value.split(':') as ['subject' | 'organisation', string];
  return { partyKind: kind, partyId: id };
};

const TABS = [
  { to: '/crowd/tasks', label: { zh: '众包任务', en: 'Crowd tasks' }, signedIn: false },
  { to: '/crowd/posts', label: { zh: '供需对接', en: 'Supply & demand' }, signedIn: false },
  { to: '/crowd/mine', label: { zh: '我的任务和投标', en: 'My tasks & bids' }, signedIn: true },
  { to: '/crowd/threads', label: { zh: '我的会话', en: 'My threads' }, signedIn: true },
];

/** The crowd pages' own navigation: tasks, supply and demand, and (signed in) mine and my threads. */
export function CrowdTabs() {
  const l = useLocalise();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = TABS.filter((t) => !t.signedIn || me.data);
  const current = tabs.find((t) => pathname.startsWith(t.to))?.to ?? '';
  return (
    <nav aria-label={l({ zh: '众包供需', en: 'Crowd' })} style={{ marginBottom: 16, overflowX: 'auto' }}>
      <Segmented value={current} onChange={(v) => navigate(String(v))} options={tabs.map((t) => ({ value: t.to, label: l(t.label) }))} />
    </nav>
  );
}

/**
 * A refusal of an action without a form (pick, accept, contact…) as sentences only: the
 * server's summary of bad input names the field's path, which is not for people.
 */
export function plainProblem(error: unknown, lang: Lang): MappedProblem {
  const mapped = mapProblem(error, lang, []);
  const details = mapped.unplaced.map((u) => u.message);
  const message = mapped.code === 'VALIDATION_FAILED' && details.length ? details.join('；') : [mapped.message, ...details].join(lang === 'zh' ? '：' : ': ');
  return { ...mapped, message, unplaced: [] };
}
