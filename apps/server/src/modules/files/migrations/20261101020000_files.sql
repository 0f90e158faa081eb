-- Uploaded files (a shared core table: any module may reference a file by foreign key). The
-- bytes live on disk under the files folder, named by id; the row records what the server
-- detected from the bytes themselves (never the client's claim), the size and the SHA-256.
CREATE TABLE files (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_user_id uuid NOT NULL REFERENCES identity_users(id),
  original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
  content_type  text NOT NULL CHECK (content_type IN ('application/pdf','image/jpeg','image/png')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_owner ON files(owner_user_id);
