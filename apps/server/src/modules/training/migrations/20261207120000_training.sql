-- Start-up training (创业培训): courses of training providers (organisations of kind
-- service_provider), their sessions, enrolments of persons (subjects of kind person) up to the
-- course's capacity, attendance per session, and the follow-up six months after completion.
-- Completion facts go onto the trainee's profile through the subjects module, never here.

CREATE TABLE training_courses (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES identity_organisations(id),
  title            text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  kind             text NOT NULL CHECK (kind IN ('syb','startup','online_startup','improve')),
  region_code      text NOT NULL REFERENCES core_regions(code),
  place            text NOT NULL CHECK (length(place) <= 200),
  online           boolean NOT NULL,
  capacity         integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  -- live enrolments, kept by the trigger below: the capacity is the database's rule
  enrolled         integer NOT NULL DEFAULT 0,
  item_id          text NOT NULL CHECK (length(item_id) BETWEEN 1 AND 100),
  subsidy_fen      integer NOT NULL CHECK (subsidy_fen >= 0),
  completed_at     timestamptz,
  created_by       uuid NOT NULL REFERENCES identity_users(id),
  created_at       timestamptz NOT NULL,
  CONSTRAINT training_courses_capacity CHECK (enrolled BETWEEN 0 AND capacity),
  CONSTRAINT training_courses_place CHECK (online OR length(place) >= 2)
);
CREATE INDEX training_courses_provider ON training_courses (organisation_id);
CREATE INDEX training_courses_region ON training_courses (region_code);

CREATE TABLE training_sessions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id  uuid NOT NULL REFERENCES training_courses(id),
  held_on    date NOT NULL,
  hours      integer NOT NULL CHECK (hours BETWEEN 1 AND 12),
  topic      text NOT NULL CHECK (length(topic) BETWEEN 2 AND 100),
  CONSTRAINT training_sessions_one_a_day UNIQUE (course_id, held_on)
);

CREATE TABLE training_enrolments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id     uuid NOT NULL REFERENCES training_courses(id),
  subject_id    uuid NOT NULL REFERENCES subjects(id),
  user_id       uuid NOT NULL REFERENCES identity_users(id),
  status        text NOT NULL CHECK (status IN ('enrolled','completed','not_completed','withdrawn')),
  enrolled_at   timestamptz NOT NULL,
  completed_on  date,
  CONSTRAINT training_enrolments_once UNIQUE (course_id, subject_id),
  CONSTRAINT training_enrolments_completed_on CHECK ((status = 'completed') = (completed_on IS NOT NULL))
);
CREATE INDEX training_enrolments_subject ON training_enrolments (subject_id);

-- The capacity: every live enrolment (not withdrawn) counts on its course's row, whose CHECK
-- refuses one more than the capacity; the UPDATE locks the row, so concurrent enrolments queue.
CREATE FUNCTION training_count_enrolments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'withdrawn' THEN
      UPDATE training_courses SET enrolled = enrolled + 1 WHERE id = NEW.course_id;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.course_id <> NEW.course_id THEN
      RAISE EXCEPTION 'an enrolment does not move to another course';
    END IF;
    IF OLD.status <> 'withdrawn' AND NEW.status = 'withdrawn' THEN
      UPDATE training_courses SET enrolled = enrolled - 1 WHERE id = NEW.course_id;
    ELSIF OLD.status = 'withdrawn' AND NEW.status <> 'withdrawn' THEN
      UPDATE training_courses SET enrolled = enrolled + 1 WHERE id = NEW.course_id;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER training_enrolments_count AFTER INSERT OR UPDATE ON training_enrolments
  FOR EACH ROW EXECUTE FUNCTION training_count_enrolments();

CREATE TABLE training_attendance (
  session_id     uuid NOT NULL REFERENCES training_sessions(id),
  enrolment_id   uuid NOT NULL REFERENCES training_enrolments(id),
  present        boolean NOT NULL,
  recorded_by    uuid NOT NULL REFERENCES identity_users(id),
  recorded_at    timestamptz NOT NULL,
  PRIMARY KEY (session_id, enrolment_id)
);

-- The follow-up six months after completion (created by the daily job), answered by the
-- provider or the programme office.
CREATE TABLE training_follow_ups (
  enrolment_id  uuid PRIMARY KEY REFERENCES training_enrolments(id),
  due_on        date NOT NULL,
  outcome       text CHECK (outcome IN ('started_business','employed','neither','unreachable')),
  note          text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  recorded_by   uuid REFERENCES identity_users(id),
  recorded_at   timestamptz,
  CONSTRAINT training_follow_ups_recorded CHECK ((outcome IS NULL) = (recorded_at IS NULL))
);
