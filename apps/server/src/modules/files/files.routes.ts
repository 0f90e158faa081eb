import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { IdParams } from '@seedbed/contract';
import { auditContextOf, requirePrincipal, type AppInstance } from '../../platform/http.js';
import { AppError } from '../../platform/problems.js';
import { fileTooLarge, MAX_FILE_BYTES, readOwnFile, storeUpload } from './files.service.js';

export const StoredFileSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});

/** Content-Disposition for a stored name (RFC 6266 with an ASCII fallback). */
export function attachmentHeader(name: string, inline = false): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function filesRoutes(app: AppInstance): void {
  // Multipart only in this scope, with hard limits: one file, MAX_FILE_BYTES, no other fields.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 } });
    const s = scope as unknown as AppInstance;
    s.post(
      '/api/v1/files',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['files'],
          summary: '上传文件 / Upload a file (multipart, field "file"; PDF, JPEG or PNG, at most 10 MB; type checked from the bytes)',
          consumes: ['multipart/form-data'],
          response: { 201: StoredFileSchema },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (!request.isMultipart()) {
          throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
        }
        let part;
        try {
          part = await request.file();
        } catch (error) {
          throw mapMultipartError(error);
        }
        if (!part) throw new AppError(400, 'FILE_MISSING', { zh: '没有收到文件（字段名 file）', en: 'No file received (field "file")' });
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (error) {
          throw mapMultipartError(error);
        }
        const stored = await storeUpload(app.deps, principal, auditContextOf(request), { filename: part.filename, bytes });
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
      return reply.type(file.contentType).header('content-disposition', attachmentHeader(file.name)).send(stream);
    },
  );
}

function mapMultipartError(error: unknown): Error {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return fileTooLarge();
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError(400, 'FILE_ONE_ONLY', { zh: '每次只能上传一个文件，且不带其他字段', en: 'Upload exactly one file and no other fields' });
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', { zh: '请以 multipart/form-data 上传文件', en: 'Upload the file as multipart/form-data' });
  }
  return error as Error;
}
