-- Lists (清单): each department's 涉企收费目录清单 (fee list) and 权责清单 (power and
-- responsibility list), published as numbered revisions, each with its legal basis and a change
-- note and the whole list as it stands (rows as JSON: the diff between revisions is computed).
-- Revisions are never changed or removed.
CREATE TABLE lists_catalogues (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind             text NOT NULL CHECK (kind IN ('fee','power')),
  organisation_id  uuid NOT NULL REFERENCES identity_organisations(id),
  title            text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  created_by       uuid NOT NULL REFERENCES identity_users(id),
  created_at       timestamptz NOT NULL,
  CONSTRAINT lists_one_per_department UNIQUE (organisation_id, kind)
);

CREATE TABLE lists_revisions (
  catalogue_id  uuid NOT NULL REFERENCES lists_catalogues(id),
  number        integer NOT NULL CHECK (number >= 1),
  legal_basis   text NOT NULL CHECK (length(legal_basis) BETWEEN 2 AND 500),
  change_note   text NOT NULL CHECK (length(change_note) BETWEEN 2 AND 1000),
  rows          jsonb NOT NULL CHECK (jsonb_typeof(rows) = 'array'),
  published_by  uuid NOT NULL REFERENCES identity_users(id),
  published_at  timestamptz NOT NULL,
  PRIMARY KEY (catalogue_id, number)
);

CREATE FUNCTION lists_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published revision of a list is never changed or removed' USING ERRCODE = '23514', CONSTRAINT = 'lists_revisions_append_only';
END $$;
CREATE TRIGGER lists_revisions_append_only BEFORE UPDATE OR DELETE ON lists_revisions FOR EACH ROW EXECUTE FUNCTION lists_revisions_append_only();

-- Numbers follow one another: revision n + 1 only after n.
CREATE FUNCTION lists_revisions_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.number <> coalesce((SELECT max(number) FROM lists_revisions WHERE catalogue_id = NEW.catalogue_id), 0) + 1 THEN
    RAISE EXCEPTION 'revision % of list % is out of order', NEW.number, NEW.catalogue_id USING ERRCODE = '23514', CONSTRAINT = 'lists_revisions_in_order';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lists_revisions_in_order BEFORE INSERT ON lists_revisions FOR EACH ROW EXECUTE FUNCTION lists_revisions_in_order();

-- "Charged but not on the list" (乱收费): filed by any visitor (signed in, or with a contact),
-- routed to the department whose fee list it concerns, answered by a deadline in working days;
-- published with the answer, never with the complainant's name or contact.
CREATE TABLE lists_complaints (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  catalogue_id        uuid NOT NULL REFERENCES lists_catalogues(id),
  organisation_id     uuid NOT NULL REFERENCES identity_organisations(id),
  charged_by          text NOT NULL CHECK (length(charged_by) BETWEEN 2 AND 100),
  what                text NOT NULL CHECK (length(what) BETWEEN 2 AND 1000),
  amount_fen          bigint NOT NULL CHECK (amount_fen > 0),
  charged_on          date NOT NULL,
  complainant_user_id uuid REFERENCES identity_users(id),
  contact_name        text CHECK (contact_name IS NULL OR length(contact_name) BETWEEN 1 AND 50),
  contact_phone       text CHECK (contact_phone IS NULL OR contact_phone ~ '^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$'),
  filed_at            timestamptz NOT NULL,
  due_on              date NOT NULL,
  answer              text CHECK (answer IS NULL OR length(answer) BETWEEN 2 AND 2000),
  answered_by         uuid REFERENCES identity_users(id),
  answered_at         timestamptz,
  CONSTRAINT lists_complaint_who CHECK (complainant_user_id IS NOT NULL OR (contact_name IS NOT NULL AND contact_phone IS NOT NULL)),
  CONSTRAINT lists_complaint_answered CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by IS NULL))
);
CREATE INDEX lists_complaints_department ON lists_complaints (organisation_id, answered_at);

-- An answer is given once.
CREATE FUNCTION lists_complaint_answer_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.answer IS NOT NULL THEN
    RAISE EXCEPTION 'complaint % is already answered', OLD.id USING ERRCODE = '23514', CONSTRAINT = 'lists_complaint_answer_once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER lists_complaint_answer_once BEFORE UPDATE ON lists_complaints FOR EACH ROW EXECUTE FUNCTION lists_complaint_answer_once();
