import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync, writeFileSync, type ReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, forbidden, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './files.repository.js';
import type { FileRow } from './files.repository.js';

/** What uploads may be: checked against the bytes, never the name or the client's content type. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FileDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

/** Where file bytes live: SEEDBED_FILES_DIR, else `files/` beside the database folder. */
export function filesDirOf(config: Config, env: NodeJS.ProcessEnv = process.env): string {
  return env.SEEDBED_FILES_DIR || join(dirname(config.dataDir), 'files');
}

export const toStoredFile = (row: FileRow): StoredFile => ({
  id: row.id,
  name: row.original_name,
  contentType: row.content_type,
  size: row.size_bytes,
  sha256: row.sha256,
  uploadedAt: row.created_at.toISOString(),
});

export const fileTooLarge = (): AppError =>
  new AppError(413, 'FILE_TOO_LARGE', {
    zh: `文件超过大小上限（${MAX_FILE_BYTES / 1024 / 1024} MB）`,
    en: `The file exceeds the size limit (${MAX_FILE_BYTES / 1024 / 1024} MB)`,
  });

/** Keeps a readable, safe display name: no path, no control characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned || 'file';
}

export async function storeUpload(deps: FileDeps, principal: Principal, ctx: AuditContext, input: { filename: string; bytes: Buffer }): Promise<StoredFile> {
  if (input.bytes.length === 0) {
    throw new AppError(400, 'FILE_EMPTY', { zh: '文件为空', en: 'The file is empty' });
  }
  if (input.bytes.length > MAX_FILE_BYTES) throw fileTooLarge();
  const detected = await fileTypeFromBuffer(input.bytes);
  if (!detected || !ALLOWED_TYPES[detected.mime]) {
    throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', {
      zh: `文件类型不允许（检测为 ${detected?.mime ?? '未知类型'}）：仅接受 PDF、JPEG、PNG`,
      en: `File type not allowed (detected ${detected?.mime ?? 'unknown'}): only PDF, JPEG and PNG are accepted`,
    });
  }
  const id = randomUUID();
  const dir = filesDirOf(deps.config);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, id);
  const temp = `${path}.part`;
  writeFileSync(temp, input.bytes, { mode: 0o600 });
  renameSync(temp, path);
  const row: FileRow = {
    id,
    owner_user_id: principal.userId,
    original_name: cleanName(input.filename),
    content_type: detected.mime,
    size_bytes: input.bytes.length,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    created_at: deps.clock.now(),
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertFile(trx, row);
      await record(trx, deps.clock, ctx, { action: 'file.uploaded', entityType: 'file', entityId: id, data: { contentType: row.content_type, size: row.size_bytes, sha256: row.sha256 } });
    });
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  return toStoredFile(row);
}

export async function getFile(db: Db | Tx, id: string): Promise<StoredFile & { ownerUserId: string }> {
  const row = await repo.findFile(db, id);
  if (!row) throw notFound({ zh: '该文件', en: 'File' });
  return { ...toStoredFile(row), ownerUserId: row.owner_user_id };
}

export async function getFiles(db: Db | Tx, ids: readonly string[]): Promise<(StoredFile & { ownerUserId: string })[]> {
  return (await repo.findFiles(db, ids)).map((row) => ({ ...toStoredFile(row), ownerUserId: row.owner_user_id }));
}

/** The bytes of a file. Callers decide who may read it; the owner always may (`readOwnFile`). */
export function openFileBytes(config: Config, id: string): ReadStream {
  return createReadStream(join(filesDirOf(config), id));
}

export async function readOwnFile(deps: FileDeps, principal: Principal, id: string) {
  const file = await getFile(deps.db, id);
  if (file.ownerUserId !== principal.userId) throw forbidden('只有上传者可以下载此文件', 'Only the uploader may download this file');
  return { file, stream: openFileBytes(deps.config, id) };
}
