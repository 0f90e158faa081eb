-- The policy catalogue in the database: documents, benefit items and their versions. Version 1
-- of each item is imported from the catalogue (catalog/); officers add draft versions, simulate
-- them and publish. policy_items carries the current published version's searchable fields.
CREATE TABLE policy_documents (
  key        text PRIMARY KEY,
  title      jsonb NOT NULL,
  issuer     jsonb NOT NULL,
  number     text,
  region     text NOT NULL,
  issued_on  date,
  status     text NOT NULL,
  source     text NOT NULL
);

CREATE TABLE policy_items (
  id                text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+\.[a-z0-9.-]+$'),
  document_key      text NOT NULL REFERENCES policy_documents(key),
  current_version   integer NOT NULL CHECK (current_version >= 1),
  title_zh          text NOT NULL,
  title_en          text NOT NULL,
  entity            text NOT NULL,
  benefit           text NOT NULL,
  mode              text NOT NULL CHECK (mode IN ('apply','automatic')),
  region_code       text,
  lead_unit         text,
  effective_from    date NOT NULL,
  effective_to      date,
  search            tsvector NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_items_search ON policy_items USING gin (search);
CREATE INDEX policy_items_document ON policy_items (document_key);

CREATE TABLE policy_versions (
  item_id      text NOT NULL REFERENCES policy_items(id),
  version      integer NOT NULL CHECK (version >= 1),
  status       text NOT NULL CHECK (status IN ('draft','published','superseded','discarded')),
  spec         jsonb NOT NULL,
  parameters   jsonb NOT NULL DEFAULT '{}'::jsonb,
  meta         jsonb NOT NULL,
  note         text NOT NULL DEFAULT '',
  created_by   uuid REFERENCES identity_users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES identity_users(id),
  published_at timestamptz,
  PRIMARY KEY (item_id, version)
);
-- At most one published version per item and at most one open draft.
CREATE UNIQUE INDEX policy_versions_one_published ON policy_versions (item_id) WHERE status = 'published';
CREATE UNIQUE INDEX policy_versions_one_draft ON policy_versions (item_id) WHERE status = 'draft';
