import type { Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { NotificationKind, NotificationKindDeclaration } from '../../platform/module.js';
import { fieldError, invalid } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './notifications.repository.js';

export interface Text {
  zh: string;
  en: string;
}

export interface NotifyDeps {
  clock: Clock;
  /** The kinds the manifests declare (`notificationKinds`): a person may switch each off. */
  modules: { notificationKinds: readonly NotificationKindDeclaration[] };
}

export type NotifyTarget = { userId: string; subjectId?: string } | { subjectId: string; userId?: undefined };

export interface NotificationInput {
  kind: NotificationKind;
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
  if (!deps.modules.notificationKinds.some((k) => k.kind === input.kind)) {
    throw new Error(`通知类型未在模块清单中声明 / The notification kind "${input.kind}" is not declared by any module manifest (notificationKinds)`);
  }
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

export async function getPreferences(db: Db, kinds: readonly NotificationKindDeclaration[], principal: Principal) {
  const stored = await repo.preferences(db, principal.userId);
  return { items: kinds.map((k) => ({ kind: k.kind, label: k.label, description: k.description, enabled: stored.get(k.kind) ?? true })) };
}

export async function setPreferences(db: Db, clock: Clock, kinds: readonly NotificationKindDeclaration[], principal: Principal, ctx: AuditContext, prefs: Record<string, boolean>) {
  const known = new Set<string>(kinds.map((k) => k.kind));
  const errors = Object.keys(prefs)
    .filter((k) => !known.has(k))
    .map((k) => fieldError(`preferences.${k}`, 'known_kind', '不是可设置的通知类型', 'is not a notification kind'));
  if (errors.length) throw invalid(errors);
  await db.transaction().execute(async (trx) => {
    for (const [kind, enabled] of Object.entries(prefs)) await repo.setPreference(trx, principal.userId, kind, enabled);
    await record(trx, clock, ctx, { action: 'notification.preferences_changed', entityType: 'user', entityId: principal.userId, data: { preferences: prefs } });
  });
  return getPreferences(db, kinds, principal);
}
