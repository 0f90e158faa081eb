-- Time of day: ranges of instants (tstzrange, half-open [start, end)) that must not overlap for
-- the same resource are kept apart by exclusion constraints such as
--   EXCLUDE USING gist (resource_id WITH =, during WITH &&)
-- which need GiST operator classes for plain scalar columns: the btree_gist extension.
-- PostgreSQL: a contrib extension marked trusted (13+), so the database owner may create it.
-- PGlite: `openDatabase` loads its build of the extension, so the same statement works.
CREATE EXTENSION IF NOT EXISTS btree_gist;
