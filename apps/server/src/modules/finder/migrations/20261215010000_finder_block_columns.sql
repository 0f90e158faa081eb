-- Column blocks of the finder's read model (issue #23): the subjects of a kind are cut into 4,096
-- blocks by the first three hex digits of their id, and each block keeps, per variable a
-- population job has read, the block's values as one text ready to send (JSON values joined by
-- commas, in subject id order; an empty block's text is empty), with the block's ids, regions and
-- demo flags beside them (the ids bare, the regions as JSON, the flags as t/f). A
-- simulation then reads a few rows per block instead of aggregating every subject's facts.
--
-- A block's revision goes up in the transaction that changes any of its subjects' rows (a
-- statement trigger on finder_subject_rows); a stored column is current only while it carries its
-- block's revision, and the reader rebuilds stale ones from finder_subject_rows before reading.
CREATE FUNCTION finder_block_of(id uuid) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ('x' || substr(id::text, 1, 3))::bit(12)::int
$$;

-- The least and the greatest id of a block.
CREATE FUNCTION finder_block_first(block int) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (lpad(to_hex(block), 3, '0') || '00000-0000-0000-0000-000000000000')::uuid
$$;
CREATE FUNCTION finder_block_last(block int) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (lpad(to_hex(block), 3, '0') || 'fffff-ffff-ffff-ffff-ffffffffffff')::uuid
$$;

CREATE TABLE finder_subject_blocks (
  kind     text NOT NULL,
  block    int NOT NULL CHECK (block >= 0 AND block < 4096),
  revision bigint NOT NULL DEFAULT 1,
  PRIMARY KEY (kind, block)
);

-- Derived from finder_subject_rows and rebuilt when missing, so written without WAL: after a crash
-- the table is empty and every block is rebuilt on its next read.
CREATE UNLOGGED TABLE finder_block_columns (
  kind     text NOT NULL,
  block    int NOT NULL,
  -- a variable's name, or '#ids', '#regions', '#demo'
  variable text NOT NULL,
  revision bigint NOT NULL,
  data     text NOT NULL,
  PRIMARY KEY (kind, block, variable)
  -- (no foreign key: an unlogged table cannot reference a logged one; blocks are never deleted)
);
-- Read far more often than written, and read whole: kept uncompressed.
ALTER TABLE finder_block_columns ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE FUNCTION finder_blocks_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In block order, so that two writers touching the same blocks lock them in the same order.
  IF TG_OP = 'INSERT' THEN
    INSERT INTO finder_subject_blocks (kind, block)
    SELECT DISTINCT kind, finder_block_of(subject_id) FROM new_rows ORDER BY 1, 2
    ON CONFLICT (kind, block) DO UPDATE SET revision = finder_subject_blocks.revision + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO finder_subject_blocks (kind, block)
    SELECT DISTINCT kind, finder_block_of(subject_id) FROM (SELECT kind, subject_id FROM new_rows UNION ALL SELECT kind, subject_id FROM old_rows) x ORDER BY 1, 2
    ON CONFLICT (kind, block) DO UPDATE SET revision = finder_subject_blocks.revision + 1;
  ELSE
    INSERT INTO finder_subject_blocks (kind, block)
    SELECT DISTINCT kind, finder_block_of(subject_id) FROM old_rows ORDER BY 1, 2
    ON CONFLICT (kind, block) DO UPDATE SET revision = finder_subject_blocks.revision + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER finder_blocks_insert AFTER INSERT ON finder_subject_rows
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_blocks_touched();
CREATE TRIGGER finder_blocks_update AFTER UPDATE ON finder_subject_rows
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_blocks_touched();
CREATE TRIGGER finder_blocks_delete AFTER DELETE ON finder_subject_rows
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finder_blocks_touched();

INSERT INTO finder_subject_blocks (kind, block)
SELECT DISTINCT kind, finder_block_of(subject_id) FROM finder_subject_rows ORDER BY 1, 2;
