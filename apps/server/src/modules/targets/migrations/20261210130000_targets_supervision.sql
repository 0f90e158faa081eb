-- Supervision items (督办件): the programme office asks a unit responsible for a target (its lead
-- or a supporting unit) to act on it by a deadline; the unit answers; the office closes the item
-- with a closing record (结案意见) or returns it with a reason and the unit answers again.
-- status: open (待答复), answered (已答复), returned (已退回), closed (已办结). escalated_on: the
-- day the daily job told the unit and the programme office that the deadline had passed without
-- an answer (written once).
CREATE TABLE targets_supervision_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  target_id        uuid NOT NULL REFERENCES targets_targets(id),
  organisation_id  uuid NOT NULL REFERENCES identity_organisations(id),
  subject          text NOT NULL CHECK (length(btrim(subject)) BETWEEN 1 AND 200),
  request          text NOT NULL CHECK (length(btrim(request)) BETWEEN 1 AND 4000),
  level            text NOT NULL DEFAULT 'general' CHECK (level IN ('general','key')),
  deadline         date NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open','answered','returned','closed')),
  issued_by        uuid NOT NULL REFERENCES identity_users(id),
  issued_at        timestamptz NOT NULL,
  closed_at        timestamptz,
  escalated_on     date,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX targets_supervision_items_target ON targets_supervision_items(target_id);
CREATE INDEX targets_supervision_items_unit ON targets_supervision_items(organisation_id, status);

-- Every step of an item, in order: issued, answered, returned, closed, escalated (by the daily
-- job: no actor), in the order of id. Append-only.
CREATE TABLE targets_supervision_steps (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id          uuid NOT NULL REFERENCES targets_supervision_items(id),
  action           text NOT NULL CHECK (action IN ('issued','answered','returned','closed','escalated')),
  text             text CHECK (text IS NULL OR length(btrim(text)) BETWEEN 1 AND 4000),
  actor_id         uuid REFERENCES identity_users(id),
  organisation_id  uuid REFERENCES identity_organisations(id),
  at               timestamptz NOT NULL,
  CHECK ((action = 'escalated') = (actor_id IS NULL)),
  CHECK (action NOT IN ('answered','returned','closed') OR text IS NOT NULL)
);
CREATE INDEX targets_supervision_steps_item ON targets_supervision_steps(item_id, id);

CREATE FUNCTION targets_supervision_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'supervision steps are append-only' USING ERRCODE = '55000';
END $$;
CREATE TRIGGER targets_supervision_steps_append_only BEFORE UPDATE OR DELETE ON targets_supervision_steps
  FOR EACH ROW EXECUTE FUNCTION targets_supervision_steps_append_only();
