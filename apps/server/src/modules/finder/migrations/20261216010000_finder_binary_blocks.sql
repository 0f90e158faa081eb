-- The column blocks in binary (issue #23): each variable of a block is stored as the bytes of the
-- column the compiled evaluator reads (float64, one byte per boolean, dictionary codes; see
-- finder.blocks.ts), with the name of its format, so that a population job copies bytes rather
-- than parsing values. A stored column is current while it carries its block's revision AND the
-- format the reader asks for (a variable whose type changed, or a new size classification, is
-- rebuilt). The table is derived and unlogged: the text columns are dropped, not converted.
TRUNCATE finder_block_columns;
ALTER TABLE finder_block_columns DROP COLUMN data;
ALTER TABLE finder_block_columns ADD COLUMN format text NOT NULL, ADD COLUMN data bytea NOT NULL;
-- Read far more often than written, and read whole: kept uncompressed.
ALTER TABLE finder_block_columns ALTER COLUMN data SET STORAGE EXTERNAL;
