/**
 * Files: uploads stored as real files on disk under the files folder (`config.filesDir`: SEEDBED_FILES_DIR, default
 * `files/` beside the database folder), with a `files` core row recording the owner, the SHA-256,
 * the size and the content type detected from the bytes (PDF, JPEG, PNG only; at most 10 MB; the
 * whole file must be one well-formed PDF, PNG or JPEG with nothing appended and no HTML or script
 * in it). Downloads go out through `sendStoredFile` (attachment, nosniff, CSP sandbox).
 * Other modules reference files by id and decide who else may read them.
 */
export type { FileTables } from './files.tables.js';
export { ALLOWED_TYPES, MAX_FILE_BYTES, MAX_UPLOAD_BODY_BYTES, getFile, getFiles, openFileBytes, storeUpload, type StoredFile } from './files.service.js';
export { attachmentHeader, sendStoredFile } from './files.routes.js';
export { filesManifest } from './files.manifest.js';
