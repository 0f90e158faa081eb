-- The finder's read model of registered subjects (issue #23): one row per subject with its kind,
-- demo flag, region and every current fact as one jsonb object, in subject id order. Population
-- jobs (simulations, matching after a publish) read a chunk of it as one row of columns (one JSON
-- array per variable) instead of one object per subject and an index probe per fact. Statement
-- triggers on the core subject tables keep it current on every write path (profile edits,
-- registry pulls, imports, the demo seed), in the writing transaction.
CREATE TABLE finder_subject_rows (
  subject_id  uuid PRIMARY KEY REFERENCES subjects(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  demo        boolean NOT NULL,
  region_code text,
  facts       jsonb NOT NULL
);
CREATE INDEX finder_subject_rows_kind ON finder_subject_rows (kind, subject_id);

-- A new subject's row, from what is stored (normally no facts yet).
CREATE FUNCTION finder_add_subject_rows(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO finder_subject_rows (subject_id, kind, demo, region_code, facts)
  SELECT s.id, s.kind, s.demo, s.region_code,
         coalesce((SELECT jsonb_object_agg(f.variable, f.value) FROM subject_facts f
                    WHERE f.subject_id = s.id AND f.superseded_at IS NULL), '{}'::jsonb)
    FROM subjects s
   WHERE s.id = ANY(ids)
  ON CONFLICT (subject_id) DO NOTHING
$$;

-- The changed variables of each subject patched in (removed when no current value is left). An
-- UPDATE patches the newest committed row, so two transactions changing different facts of one
-- subject at the same time both land.
CREATE FUNCTION finder_patch_subject_rows(ids uuid[], variables text[]) RETURNS void LANGUAGE sql AS $$
  WITH changed AS (SELECT DISTINCT u.subject_id, u.variable FROM unnest(ids, variables) AS u(subject_id, variable)),
  patch AS (
    SELECT c.subject_id, array_agg(c.variable) AS variables,
           coalesce(jsonb_object_agg(f.variable, f.value) FILTER (WHERE f.id IS NOT NULL), '{}'::jsonb) AS facts
      FROM changed c
      LEFT JOIN subject_facts f ON f.subject_id = c.subject_id AND f.variable = c.variable AND f.superseded_at IS NULL
     GROUP BY c.subject_id)
  UPDATE finder_subject_rows r SET facts = (r.facts - p.variables) || p.facts
    FROM patch p WHERE r.subject_id = p.subject_id
$$;

CREATE FUNCTION finder_subject_rows_from_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM finder_patch_subject_rows(ARRAY(SELECT subject_id FROM old_rows), ARRAY(SELECT variable FROM old_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM finder_patch_subject_rows(ARRAY(SELECT subject_id FROM new_rows UNION ALL SELECT subject_id FROM old_rows),
                                      ARRAY(SELECT variable FROM new_rows UNION ALL SELECT variable FROM old_rows));
  ELSE
    PERFORM finder_patch_subject_rows(ARRAY(SELECT subject_id FROM new_rows), ARRAY(SELECT variable FROM new_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION finder_subject_rows_from_subjects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM finder_add_subject_rows(ARRAY(SELECT id FROM new_rows));
  ELSE
    UPDATE finder_subject_rows r SET kind = s.kind, demo = s.demo, region_code = s.region_code
      FROM new_rows s
     WHERE r.subject_id = s.id AND (r.kind, r.demo, r.region_code) IS DISTINCT FROM (s.kind, s.demo, s.region_code);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER finder_subject_rows_facts_insert AFTER INSERT ON subject_facts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_subject_rows_from_facts();
CREATE TRIGGER finder_subject_rows_facts_update AFTER UPDATE ON subject_facts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_subject_rows_from_facts();
CREATE TRIGGER finder_subject_rows_facts_delete AFTER DELETE ON subject_facts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_subject_rows_from_facts();
CREATE TRIGGER finder_subject_rows_subjects_insert AFTER INSERT ON subjects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_subject_rows_from_subjects();
CREATE TRIGGER finder_subject_rows_subjects_update AFTER UPDATE ON subjects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_subject_rows_from_subjects();

SELECT finder_add_subject_rows(ARRAY(SELECT id FROM subjects));
