/**
 * The audit log's read side for people: each entry as a sentence with the actor's and the object's
 * names, filters (who, kind of action, object, time) and an .xlsx export. Names of objects other
 * modules own (an application, a budget, a policy item) come from resolvers the caller passes in,
 * so the log never imports the modules that write to it.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/database.js';
import { fieldError, invalid } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import * as repo from './audit.repository.js';
import type { AuditRow } from './audit.repository.js';
import { actorOf, auditKindOf, AUDIT_KINDS, AUDIT_OBJECT_TYPES, namesNeeded, sentenceOf, type AuditNames, type Text } from './audit.sentences.js';

/** Human names of one entity type's objects, by id (ids that name nothing are left out). */
export type AuditNameResolver = (db: Db, ids: readonly string[]) => Promise<ReadonlyMap<string, Text>>;

export interface ReadableFilter {
  limit: number;
  before?: number | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  who?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface ReadableEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  actor: string | null;
  actorName: Text;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  kind: string | null;
  kindLabel: Text | null;
  objectLabel: Text | null;
  sentence: Text;
}

const plain = (t: Text): Text => ({ zh: t.zh, en: t.en });

/** Resolves every name the rows mention: core tables here, the rest through `resolvers`. */
export async function namesFor(db: Db, rows: readonly AuditRow[], resolvers: Readonly<Record<string, AuditNameResolver>>): Promise<AuditNames> {
  const wanted = new Map<string, Set<string>>();
  const want = (type: string, id: string) => {
    if (!wanted.has(type)) wanted.set(type, new Set());
    wanted.get(type)!.add(id);
  };
  for (const r of rows) {
    if (r.actor_user_id) want('user', r.actor_user_id);
    for (const [type, id] of namesNeeded(r)) want(type, id);
  }
  const ids = (type: string) => [...(wanted.get(type) ?? [])];
  const core = await repo.coreNames(db, { users: ids('user'), organisations: ids('organisation'), subjects: ids('subject'), files: ids('file') });
  const names = new Map<string, Map<string, Text>>();
  const same = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, { zh: r.name, en: r.name }]));
  names.set('user', same(core.users));
  names.set('organisation', same(core.organisations));
  names.set('subject', same(core.subjects));
  names.set('file', same(core.files));
  for (const [type, resolve] of Object.entries(resolvers)) {
    const list = ids(type);
    if (list.length) names.set(type, new Map(await resolve(db, list)));
  }
  return names;
}

export function readable(row: AuditRow, names: AuditNames): ReadableEntry {
  const kind = auditKindOf(row.action);
  const object = row.entity_id ? names.get(row.entity_type)?.get(row.entity_id) : undefined;
  return {
    id: row.id,
    at: instantOut(row.at),
    actorUserId: row.actor_user_id,
    actor: row.actor,
    actorName: plain(actorOf(row, names)),
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    kind: kind?.key ?? null,
    kindLabel: kind ? plain(kind.label) : null,
    objectLabel: object ? plain(object) : null,
    sentence: sentenceOf(row, names),
  };
}

export function filterOf(q: Omit<ReadableFilter, 'limit'>, limit: number): repo.AuditFilter {
  const kind = q.kind ? AUDIT_KINDS.find((k) => k.key === q.kind) : undefined;
  if (q.kind && !kind) {
    throw invalid([fieldError('kind', 'one_of', `操作类别须为：${AUDIT_KINDS.map((k) => k.label.zh).join('、')}`, `the kind of action must be one of: ${AUDIT_KINDS.map((k) => k.key).join(', ')}`)]);
  }
  return {
    limit,
    before: q.before,
    entityType: q.entityType,
    entityId: q.entityId,
    who: q.who,
    from: q.from,
    to: q.to,
    ...(kind ? { actionPrefixes: kind.prefixes } : {}),
  };
}

/** A page of the log, newest first, as sentences. */
export async function readableLog(db: Db, q: ReadableFilter, resolvers: Readonly<Record<string, AuditNameResolver>>) {
  const { rows, total } = await repo.list(db, filterOf(q, q.limit));
  const names = await namesFor(db, rows, resolvers);
  return {
    total,
    items: rows.map((r) => readable(r, names)),
    kinds: AUDIT_KINDS.map((k) => ({ key: k.key, label: plain(k.label) })),
    objectTypes: AUDIT_OBJECT_TYPES.map((k) => ({ key: k.key, label: plain(k.label) })),
  };
}

/** The most rows an export holds (newest first). */
export const AUDIT_EXPORT_LIMIT = 10_000;

/** The filtered log as .xlsx: number, time (Asia/Shanghai), actor, kind, object, sentence in Chinese and English. */
export async function auditXlsx(db: Db, q: Omit<ReadableFilter, 'limit' | 'before'>, resolvers: Readonly<Record<string, AuditNameResolver>>): Promise<Buffer> {
  const { rows } = await repo.list(db, filterOf(q, AUDIT_EXPORT_LIMIT));
  const names = await namesFor(db, rows, resolvers);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Seedbed';
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [
    { header: '序号 No.', key: 'id', width: 9 },
    { header: '时间 Time', key: 'at', width: 20 },
    { header: '操作人 Actor', key: 'actor', width: 22 },
    { header: '类别 Kind', key: 'kind', width: 16 },
    { header: '对象 Object', key: 'object', width: 36 },
    { header: '记录 Entry', key: 'zh', width: 70 },
    { header: 'Entry (English)', key: 'en', width: 70 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    const e = readable(r, names);
    ws.addRow({
      id: e.id,
      at: r.at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
      actor: e.actorName.zh,
      kind: e.kindLabel?.zh ?? '',
      object: e.objectLabel?.zh ?? '',
      zh: e.sentence.zh,
      en: e.sentence.en,
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
