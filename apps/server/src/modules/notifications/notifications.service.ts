import type { Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { fieldError, invalid } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './notifications.repository.js';

export interface Text {
  zh: string;
  en: string;
}

/** The kinds a person can choose to be told about (all on unless switched off). */
export const NOTIFICATION_KINDS: readonly { kind: string; label: Text; description: Text }[] = [
  {
    kind: 'policy.match',
    label: { zh: '新政策或政策调整与我匹配', en: 'A new or changed policy matches me' },
    description: { zh: '发布或调整的政策，按我的档案我符合条件时通知我', en: 'When a published or changed policy makes me eligible according to my profile' },
  },
  {
    kind: 'profile.eligible',
    label: { zh: '档案变化后新符合的政策', en: 'Newly eligible after a profile change' },
    description: { zh: '我的档案信息变化使我符合某项政策时通知我', en: 'When a change of my profile makes me eligible for a policy' },
  },
  {
    kind: 'award.pending',
    label: { zh: '免申即享待兑现', en: 'No-application benefits pending' },
    description: { zh: '免申即享政策自动匹配到我，等待兑现时通知我', en: 'When a no-application (免申即享) benefit is matched to me and awaits payment' },
  },
  {
    kind: 'fulfilment.overdue',
    label: { zh: '超期待办提醒（工作人员）', en: 'Overdue work reminders (officials)' },
    description: { zh: '我办理或督办的申请超过环节时限时，每天提醒一次（每个环节只提醒一次）', en: 'Once a day, when an application I act on or supervise passes its stage deadline (once per stage)' },
  },
];

export interface NotifyDeps {
  clock: Clock;
}

export type NotifyTarget = { userId: string; subjectId?: string } | { subjectId: string; userId?: undefined };

export interface NotificationInput {
  kind: string;
  title: Text;
  body: Text;
  link?: string | null;
  /** The same key never notifies the same user twice (re-runs, repeated events). */
  dedupeKey?: string;
}

/**
 * Notifies a user, or everyone who acts for a subject, inside the caller's transaction,
 * respecting each user's preferences. Returns how many notifications were created.
 */
export async function notify(trx: Tx, deps: NotifyDeps, input: NotifyTarget & NotificationInput): Promise<number> {
  const users = input.userId ? [input.userId] : await repo.usersOfSubject(trx, input.subjectId!);
  const off = await repo.disabledKinds(trx, users, input.kind);
  let n = 0;
  for (const userId of users) {
    if (off.has(userId)) continue;
    const created = await repo.insert(trx, {
      user_id: userId,
      subject_id: input.subjectId ?? null,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link ?? null,
      dedupe_key: input.dedupeKey ?? null,
      created_at: deps.clock.now(),
    });
    if (created) n++;
  }
  return n;
}

export async function inbox(db: Db, principal: Principal, q: { limit?: number; offset?: number; unread?: boolean }) {
  const { rows, total, unread } = await repo.inbox(db, principal.userId, q.limit ?? 20, q.offset ?? 0, q.unread ?? false);
  return {
    total,
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subjectId: r.subject_id,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: instantOut(r.created_at),
      readAt: nullableInstantOut(r.read_at),
    })),
  };
}

export const unreadCount = (db: Db, principal: Principal) => repo.unreadCount(db, principal.userId);

export async function markRead(db: Db, clock: Clock, principal: Principal, ids: string[] | 'all'): Promise<number> {
  return repo.markRead(db, principal.userId, ids, clock.now());
}

export async function getPreferences(db: Db, principal: Principal) {
  const stored = await repo.preferences(db, principal.userId);
  return { items: NOTIFICATION_KINDS.map((k) => ({ ...k, enabled: stored.get(k.kind) ?? true })) };
}

export async function setPreferences(db: Db, clock: Clock, principal: Principal, ctx: AuditContext, prefs: Record<string, boolean>) {
  const known = new Set(NOTIFICATION_KINDS.map((k) => k.kind));
  const errors = Object.keys(prefs)
    .filter((k) => !known.has(k))
    .map((k) => fieldError(`preferences.${k}`, 'known_kind', '不是可设置的通知类型', 'is not a notification kind'));
  if (errors.length) throw invalid(errors);
  await db.transaction().execute(async (trx) => {
    for (const [kind, enabled] of Object.entries(prefs)) await repo.setPreference(trx, principal.userId, kind, enabled);
    await record(trx, clock, ctx, { action: 'notification.preferences_changed', entityType: 'user', entityId: principal.userId, data: { preferences: prefs } });
  });
  return getPreferences(db, principal);
}
