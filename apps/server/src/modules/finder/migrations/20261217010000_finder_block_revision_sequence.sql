-- A block's revision is drawn from one sequence (issue #23), where it counted up from 1 per
-- block: a revision then names one state of one block for the life of the database, even after
-- the blocks table is emptied and refilled. An app process keeps decoded chunks of blocks
-- (finder.cache.ts) and takes them again only while their blocks carry the revisions they were
-- read at; a counter restarting at 1 could repeat a revision for other contents.
CREATE SEQUENCE finder_block_revisions;
SELECT setval('finder_block_revisions', (SELECT coalesce(max(revision), 0) + 1 FROM finder_subject_blocks));
ALTER TABLE finder_subject_blocks ALTER COLUMN revision SET DEFAULT nextval('finder_block_revisions');

-- As before, the revision of every block a statement touched goes up; the new one is the
-- sequence's next value, drawn once the block's row is locked, so a later writer's is greater.
CREATE OR REPLACE FUNCTION finder_blocks_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In block order, so that two writers touching the same blocks lock them in the same order.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO finder_subject_blocks (kind, block)
    SELECT DISTINCT kind, finder_block_of(subject_id) FROM new_rows ORDER BY 1, 2
    ON CONFLICT (kind, block) DO UPDATE SET revision = nextval('finder_block_revisions');
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO finder_subject_blocks (kind, block)
    SELECT DISTINCT kind, finder_block_of(subject_id) FROM (SELECT kind, subject_id FROM new_rows UNION ALL SELECT kind, subject_id FROM old_rows) x ORDER BY 1, 2
    ON CONFLICT (kind, block) DO UPDATE SET revision = nextval('finder_block_revisions');
  ELSE
    INSERT INTO finder_subject_blocks (kind, block)
    SELECT DISTINCT kind, finder_block_of(subject_id) FROM old_rows ORDER BY 1, 2
    ON CONFLICT (kind, block) DO UPDATE SET revision = nextval('finder_block_revisions');
  END IF;
  RETURN NULL;
END $$;
