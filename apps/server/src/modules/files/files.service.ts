import { createHash, randomUUID } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { StoredFile } from '@seedbed/contract';
import type { Principal } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Config } from '../../platform/config.js';
import type { Db, Tx } from '../../platform/database.js';
import { AppError, fieldError, forbidden, notFound } from '../../platform/problems.js';
import { record, type AuditContext } from '../audit/index.js';
import * as repo from './files.repository.js';
import type { FileRow } from './files.repository.js';
import { inspectUpload, type AllowedMime } from './files.inspect.js';

/** What uploads may be: checked against the bytes, never the name or the client's content type. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** A whole upload request: the file plus the multipart framing (boundaries, part headers). */
export const MAX_UPLOAD_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024;
/** Stored names are at most this many bytes of UTF-8. */
export const MAX_NAME_BYTES = 200;

export interface FileDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** A stored file as the API shows it (contract: StoredFile). */
export type { StoredFile };

export const toStoredFile = (row: FileRow): StoredFile => ({
  id: row.id,
  name: row.original_name,
  contentType: row.content_type,
  size: row.size_bytes,
  sha256: row.sha256,
  uploadedAt: row.created_at.toISOString(),
});

export const fileTooLarge = (): AppError =>
  new AppError(
    413,
    'FILE_TOO_LARGE',
    { zh: `文件超过大小上限（${MAX_FILE_BYTES / 1024 / 1024} MB）`, en: `The file exceeds the size limit (${MAX_FILE_BYTES / 1024 / 1024} MB)` },
    [fieldError('file', 'max_size', `最大 ${MAX_FILE_BYTES / 1024 / 1024} MB`, `must be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`)],
  );

const EXTENSIONS: Record<AllowedMime, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

// Control characters (C0, DEL, C1), bidirectional overrides, embeddings and isolates (U+202A–U+202E,
// U+2066–U+2069) and marks (U+200E, U+200F, U+061C), zero-width characters and the byte-order mark,
// line and paragraph separators, lone surrogates.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The longest prefix of `text` whose UTF-8 is at most `bytes` bytes, cut between code points. */
function utf8Prefix(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (used + size > bytes) break;
    out += ch;
    used += size;
  }
  return out;
}

/**
 * The name a file is stored and offered under: a readable display name that cannot act as a
 * path or mislead a reader. No folder parts, no control or bidirectional-override characters,
 * no characters Windows refuses in names, no leading dots (hidden files, `..`), no trailing dots
 * or spaces, an extension that matches the bytes (appended when it does not), at most
 * MAX_NAME_BYTES bytes of UTF-8.
 */
export function safeFileName(name: string, mime: AllowedMime): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let cleaned = base
    .replace(UNSAFE_IN_NAME, '')
    .normalize('NFC')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  const extensions = EXTENSIONS[mime];
  const lower = cleaned.toLowerCase();
  let extension = extensions.find((e) => lower.endsWith(e));
  let stem = extension ? cleaned.slice(0, cleaned.length - extension.length) : cleaned;
  extension = extension ? cleaned.slice(cleaned.length - extension.length) : extensions[0]!;
  stem = utf8Prefix(stem, MAX_NAME_BYTES - Buffer.byteLength(extension)).replace(/[\s.]+$/, '');
  cleaned = `${stem || 'file'}${extension}`;
  return cleaned;
}

/** Writes the bytes to a new file and forces them to disk before it takes its final name. */
function writeDurably(path: string, bytes: Buffer): void {
  const temp = `${path}.part`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export async function storeUpload(deps: FileDeps, principal: Principal, ctx: AuditContext, input: { filename: string; bytes: Buffer }): Promise<StoredFile> {
  if (input.bytes.length === 0) {
    throw new AppError(400, 'FILE_EMPTY', { zh: '文件为空', en: 'The file is empty' });
  }
  if (input.bytes.length > MAX_FILE_BYTES) throw fileTooLarge();
  const inspection = inspectUpload(input.bytes);
  if (!inspection.ok) {
    const { rule, zh, en } = inspection.refusal;
    if (!inspection.recognised) {
      const detected = (await fileTypeFromBuffer(input.bytes))?.mime;
      throw new AppError(
        415,
        'FILE_TYPE_NOT_ALLOWED',
        { zh: `文件类型不允许（检测为 ${detected ?? '未知类型'}）：仅接受 PDF、JPEG、PNG`, en: `File type not allowed (detected ${detected ?? 'unknown'}): only PDF, JPEG and PNG are accepted` },
        [fieldError('file', rule, zh, en)],
      );
    }
    throw new AppError(415, 'FILE_CONTENT_NOT_ALLOWED', { zh: `文件内容不予接受：${zh}`, en: `File content refused: ${en}` }, [fieldError('file', rule, zh, en)]);
  }
  const id = randomUUID();
  const dir = deps.config.filesDir;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, id);
  writeDurably(path, input.bytes);
  const row: FileRow = {
    id,
    owner_user_id: principal.userId,
    original_name: safeFileName(input.filename, inspection.mime),
    content_type: inspection.mime,
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
  return createReadStream(join(config.filesDir, id));
}

export async function readOwnFile(deps: FileDeps, principal: Principal, id: string) {
  const file = await getFile(deps.db, id);
  if (file.ownerUserId !== principal.userId) throw forbidden('只有上传者可以下载此文件', 'Only the uploader may download this file');
  return { file, stream: openFileBytes(deps.config, id) };
}
