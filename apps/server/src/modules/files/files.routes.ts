import multipart from '@fastify/multipart';
import type { ReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IdParams, StoredFile } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { AppError, fieldError } from '../../platform/problems.js';
import { fileTooLarge, MAX_FILE_BYTES, MAX_UPLOAD_BODY_BYTES, readOwnFile, storeUpload } from './files.service.js';

// Characters RFC 5987 allows unencoded in an ext-value (attr-char); everything else is %-encoded.
const encodeRfc5987 = (text: string) => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition for a stored name (RFC 6266): `filename*` carries the name in UTF-8 per
 * RFC 5987; `filename` is an ASCII fallback with anything that could end or escape the quoted
 * string, or be decoded by a browser (`%`), replaced.
 */
export function attachmentHeader(name: string, inline = false): string {
  const wellFormed = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const ascii = wellFormed.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(wellFormed)}`;
}

/**
 * Sends a stored file's bytes as a download that no browser runs: an attachment with a safe
 * name, the type detected at upload, no sniffing, and a CSP sandbox (no scripts, no origin)
 * should it ever be shown inline anyway.
 */
export function sendStoredFile(reply: FastifyReply, file: { name: string; contentType: string }, bytes: ReadStream): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', attachmentHeader(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

const MULTIPART_FORM = { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' };
const oneFileOnly = () =>
  new AppError(400, 'FILE_ONE_ONLY', { zh: '每次只能上传一个文件（字段名 file），且不带其他字段', en: 'Upload exactly one file (field "file") and no other fields' }, [
    fieldError('file', 'one_file', '只能有一个文件字段 file', 'must be the one and only part, a file named "file"'),
  ]);

/**
 * Reads the one file of a multipart body to the end of the body: a second part, a field, a
 * truncated or malformed body is refused, whatever came first, before anything is stored.
 */
async function readTheOneFile(request: FastifyRequest): Promise<{ filename: string; bytes: Buffer }> {
  let file: { filename: string; bytes: Buffer } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file' || part.fieldname !== 'file' || file) {
        if (part.type === 'file') part.file.resume();
        throw oneFileOnly();
      }
      file = { filename: part.filename, bytes: await part.toBuffer() };
    }
  } catch (error) {
    throw mapMultipartError(error);
  }
  if (!file) {
    throw new AppError(400, 'FILE_MISSING', { zh: '没有收到文件（字段名 file）', en: 'No file received (field "file")' }, [fieldError('file', 'required', '必填', 'is required')]);
  }
  return file;
}

export function filesRoutes(app: AppInstance): void {
  // Multipart only in this scope, with hard limits: one file, MAX_FILE_BYTES, no other fields.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 } });
    // A declared body over the limit is refused before a byte of it is read, whatever it holds.
    scope.addHook('onRequest', async (request) => {
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > MAX_UPLOAD_BODY_BYTES) throw fileTooLarge();
    });
    const s = scope as unknown as AppInstance;
    s.post(
      '/api/v1/files',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['files'],
          summary: '上传文件 / Upload a file (multipart, one part: a file named "file"; PDF, JPEG or PNG, at most 10 MB; type and structure checked from the bytes)',
          consumes: ['multipart/form-data'],
          response: { 201: StoredFile },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', MULTIPART_FORM);
        const { filename, bytes } = await readTheOneFile(request);
        const stored = await storeUpload(app.deps, principal, auditContextOf(request), { filename, bytes });
        return reply.code(201).send(stored);
      },
    );
  });

  app.get(
    '/api/v1/files/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['files'], summary: '下载我上传的文件 / Download a file I uploaded', params: IdParams },
    },
    async (request, reply) => {
      const { file, stream } = await readOwnFile(app.deps, requirePrincipal(request), request.params.id);
      return sendStoredFile(reply, file, stream);
    },
  );
}

/** A multipart parsing failure as the client's problem: too large (413), too many parts, or malformed (400). */
function mapMultipartError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') return oneFileOnly();
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', MULTIPART_FORM);
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError(400, 'MULTIPART_MALFORMED', { zh: `multipart 请求体格式错误（${reason}）`, en: `Malformed multipart body (${reason})` }, [
    fieldError('body', 'multipart', '应为完整的 multipart/form-data 请求体', 'must be a complete multipart/form-data body'),
  ]);
}
