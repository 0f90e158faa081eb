-- The enterprise directory (企业名录): enterprises that chose to be listed publicly, with the
-- introduction and products they wrote for it. Opting out deletes the row (and its products).
-- Name, industry and district are read from the organisation and its profile when shown.
CREATE TABLE directory_enterprises (
  organisation_id uuid PRIMARY KEY REFERENCES identity_organisations(id) ON DELETE CASCADE,
  introduction    text NOT NULL CHECK (length(btrim(introduction)) BETWEEN 10 AND 500),
  listed_by       uuid NOT NULL REFERENCES identity_users(id),
  listed_at       timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  -- words, pinyin and initials of the name, industry, district and introduction (policies.search.ts)
  search          tsvector NOT NULL
);
CREATE INDEX directory_enterprises_search ON directory_enterprises USING gin (search);

CREATE TABLE directory_products (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES directory_enterprises(organisation_id) ON DELETE CASCADE,
  position        smallint NOT NULL CHECK (position BETWEEN 0 AND 7),
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 40),
  description     text NOT NULL CHECK (length(description) <= 200),
  search          tsvector NOT NULL,
  UNIQUE (organisation_id, position)
);
CREATE INDEX directory_products_search ON directory_products USING gin (search);
