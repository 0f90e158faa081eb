/** Files: what an upload answers (POST /api/v1/files) and what an application's material names. */
import { Type, type Static } from '@sinclair/typebox';

export const StoredFile = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
});
export type StoredFile = Static<typeof StoredFile>;
