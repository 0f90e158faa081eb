-- Content (资讯): news, notices, policy interpretations (政策解读) and videos written by officers,
-- reviewed by a second officer before publishing, optionally scheduled (public from publish_at).
-- body_html is stored only after the server's sanitiser (content.sanitise.ts) has cleaned it.
CREATE TABLE content_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind             text NOT NULL CHECK (kind IN ('news','notice','interpretation','video')),
  category         text NOT NULL CHECK (category IN ('programme','policy','enterprise','training','notice','story')),
  title            text NOT NULL CHECK (length(title) BETWEEN 2 AND 120),
  summary          text NOT NULL CHECK (length(summary) <= 300),
  body_html        text NOT NULL CHECK (length(body_html) <= 200000),
  -- a video: a link to an official video page (http/https), shown as a link, never framed
  video_url        text CHECK (video_url IS NULL OR video_url ~ '^https?://[^\s<>"]+$'),
  organisation_id  uuid NOT NULL REFERENCES identity_organisations(id),
  author_id        uuid NOT NULL REFERENCES identity_users(id),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','returned','published','withdrawn')),
  publish_at       timestamptz,
  reviewer_id      uuid REFERENCES identity_users(id),
  reviewed_at      timestamptz,
  return_reason    text CHECK (return_reason IS NULL OR length(return_reason) BETWEEN 1 AND 1000),
  search           tsvector NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT content_video_has_url CHECK ((kind = 'video') = (video_url IS NOT NULL)),
  -- published: reviewed by someone other than the author, with the time it becomes public
  CONSTRAINT content_published_reviewed CHECK (status NOT IN ('published','withdrawn') OR (reviewer_id IS NOT NULL AND reviewed_at IS NOT NULL AND publish_at IS NOT NULL)),
  CONSTRAINT content_reviewer_not_author CHECK (reviewer_id IS NULL OR reviewer_id <> author_id),
  CONSTRAINT content_returned_with_reason CHECK ((status = 'returned') = (return_reason IS NOT NULL))
);
CREATE INDEX content_items_search ON content_items USING gin (search);
CREATE INDEX content_items_public ON content_items (status, publish_at DESC);

-- The workflow: draft → submitted → published | returned; returned → submitted; published → withdrawn.
-- Only drafts and returned items change their text.
CREATE FUNCTION content_item_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status THEN
    IF OLD.status NOT IN ('draft','returned') AND (NEW.title, NEW.summary, NEW.body_html, NEW.kind, NEW.category, NEW.video_url) IS DISTINCT FROM (OLD.title, OLD.summary, OLD.body_html, OLD.kind, OLD.category, OLD.video_url) THEN
      RAISE EXCEPTION 'content item % is % and cannot be edited', OLD.id, OLD.status USING ERRCODE = '23514', CONSTRAINT = 'content_item_frozen';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT ((OLD.status IN ('draft','returned') AND NEW.status = 'submitted')
       OR (OLD.status = 'submitted' AND NEW.status IN ('published','returned'))
       OR (OLD.status = 'published' AND NEW.status = 'withdrawn')) THEN
    RAISE EXCEPTION 'content item % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = '23514', CONSTRAINT = 'content_item_transition';
  END IF;
  IF NEW.status = 'published' AND (OLD.title, OLD.summary, OLD.body_html) IS DISTINCT FROM (NEW.title, NEW.summary, NEW.body_html) THEN
    RAISE EXCEPTION 'content item % is published as submitted', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'content_item_frozen';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER content_item_transition BEFORE UPDATE ON content_items FOR EACH ROW EXECUTE FUNCTION content_item_transition();

CREATE FUNCTION content_item_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'draft' THEN
    RAISE EXCEPTION 'a content item starts as a draft' USING ERRCODE = '23514', CONSTRAINT = 'content_item_transition';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER content_item_insert BEFORE INSERT ON content_items FOR EACH ROW EXECUTE FUNCTION content_item_insert();

-- The catalogue items a policy interpretation explains (policy_items is the policies module's:
-- referenced by its key, no foreign key across modules).
CREATE TABLE content_item_policies (
  content_id      uuid NOT NULL REFERENCES content_items(id) ON DELETE CASCADE,
  policy_item_id  text NOT NULL,
  PRIMARY KEY (content_id, policy_item_id)
);
CREATE INDEX content_item_policies_item ON content_item_policies (policy_item_id);

-- Files an item uses: images in its text and attachments (PDF) listed under it.
CREATE TABLE content_item_files (
  content_id  uuid NOT NULL REFERENCES content_items(id) ON DELETE CASCADE,
  file_id     uuid NOT NULL REFERENCES files(id),
  role        text NOT NULL CHECK (role IN ('image','attachment')),
  position    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (content_id, file_id, role)
);
CREATE INDEX content_item_files_file ON content_item_files (file_id);
