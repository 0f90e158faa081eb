import { sql } from 'kysely';
import type { Db, Tx } from '../src/platform/database.js';

/**
 * A normalised description of the `public` schema, read from the catalogue: one sorted list of
 * lines per kind of object, each line the object's name and its definition as PostgreSQL prints
 * it (`pg_get_constraintdef`, `pg_get_indexdef`, `pg_get_triggerdef`, `pg_get_functiondef` …).
 * Two databases built by different paths have the same schema when their dumps are equal.
 * Not compared: owners and grants beyond the tables' ACLs, statistics, storage parameters.
 */
export type SchemaDump = Record<SchemaSection, string[]>;

const PUBLIC = `(SELECT oid FROM pg_namespace WHERE nspname = 'public')`;

const QUERIES = {
  relations: `
    SELECT format('%s kind=%s persistence=%s rls=%s/%s acl=%s', c.relname, c.relkind, c.relpersistence,
                  c.relrowsecurity, c.relforcerowsecurity, coalesce(c.relacl::text, '-')) AS line
    FROM pg_class c WHERE c.relnamespace = ${PUBLIC} AND c.relkind NOT IN ('i', 'I')`,
  // Columns in their order (row_number skips dropped columns), with type, nullability, default,
  // identity, generation and collation.
  columns: `
    SELECT format('%s #%s %s %s notnull=%s default=%s identity=%s generated=%s collation=%s',
                  c.relname, lpad(row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)::text, 3, '0'), a.attname,
                  format_type(a.atttypid, a.atttypmod), a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), '-'),
                  coalesce(nullif(a.attidentity, ''), '-'), coalesce(nullif(a.attgenerated, ''), '-'),
                  coalesce(co.collname, '-')) AS line
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
    WHERE c.relnamespace = ${PUBLIC} AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped`,
  constraints: `
    SELECT format('%s %s %s %s', coalesce(nullif(con.conrelid, 0)::regclass::text, con.contypid::regtype::text),
                  con.conname, con.contype, pg_get_constraintdef(con.oid, true)) AS line
    FROM pg_constraint con WHERE con.connamespace = ${PUBLIC}`,
  indexes: `
    SELECT format('%s %s', tablename, indexdef) AS line FROM pg_indexes WHERE schemaname = 'public'`,
  triggers: `
    SELECT format('%s enabled=%s %s', t.tgrelid::regclass::text, t.tgenabled, pg_get_triggerdef(t.oid, true)) AS line
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = ${PUBLIC} AND NOT t.tgisinternal`,
  functions: `
    SELECT format('%s %s', p.oid::regprocedure::text,
                  CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) ELSE 'kind=' || p.prokind::text END) AS line
    FROM pg_proc p WHERE p.pronamespace = ${PUBLIC}`,
  sequences: `
    SELECT format('%s %s start=%s min=%s max=%s increment=%s cycle=%s cache=%s', sequencename, data_type,
                  start_value, min_value, max_value, increment_by, cycle, cache_size) AS line
    FROM pg_sequences WHERE schemaname = 'public'`,
  extensions: `
    SELECT format('%s %s schema=%s', e.extname, e.extversion, n.nspname) AS line
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,
  views: `
    SELECT format('view %s %s', viewname, definition) AS line FROM pg_views WHERE schemaname = 'public'
    UNION ALL
    SELECT format('materialized view %s %s', matviewname, definition) FROM pg_matviews WHERE schemaname = 'public'`,
  // Enums, domains, ranges and free-standing composite types (not the row type of each table).
  types: `
    SELECT format('%s type=%s base=%s notnull=%s default=%s labels=%s', t.typname, t.typtype,
                  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) ELSE '-' END,
                  t.typnotnull, coalesce(t.typdefault, '-'),
                  coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '-')) AS line
    FROM pg_type t LEFT JOIN pg_class c ON c.oid = t.typrelid
    WHERE t.typnamespace = ${PUBLIC} AND (t.typtype IN ('e', 'd', 'r', 'm') OR (t.typtype = 'c' AND c.relkind = 'c'))`,
  policies: `
    SELECT format('%s %s %s %s roles=%s using=%s check=%s', tablename, policyname, permissive, cmd, roles,
                  coalesce(qual, '-'), coalesce(with_check, '-')) AS line
    FROM pg_policies WHERE schemaname = 'public'`,
  comments: `
    SELECT format('%s%s %s', c.relname, coalesce('.' || a.attname, ''), d.description) AS line
    FROM pg_description d
    JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
    LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0
    WHERE c.relnamespace = ${PUBLIC}`,
} as const;

export type SchemaSection = keyof typeof QUERIES;
export const SCHEMA_SECTIONS = Object.keys(QUERIES) as SchemaSection[];

/** A dump with nothing in it. */
export function emptySchemaDump(): SchemaDump {
  const dump = {} as SchemaDump;
  for (const section of SCHEMA_SECTIONS) dump[section] = [];
  return dump;
}

/** Reads the schema of the database (or of the transaction's view of it). */
export async function dumpSchema(db: Db | Tx): Promise<SchemaDump> {
  const dump = emptySchemaDump();
  for (const section of SCHEMA_SECTIONS) {
    const { rows } = await sql<{ line: string }>`${sql.raw(QUERIES[section])}`.execute(db);
    dump[section] = rows.map((r) => r.line).sort();
  }
  return dump;
}

/**
 * What differs between two dumps, one line per object: `<section>: - <line>` for what only the
 * first has, `<section>: + <line>` for what only the second has. Empty when they are identical.
 */
export function schemaDifferences(expected: SchemaDump, actual: SchemaDump): string[] {
  const differences: string[] = [];
  for (const section of SCHEMA_SECTIONS) {
    const [a, b] = [new Set(expected[section]), new Set(actual[section])];
    for (const line of expected[section]) if (!b.has(line)) differences.push(`${section}: - ${line}`);
    for (const line of actual[section]) if (!a.has(line)) differences.push(`${section}: + ${line}`);
  }
  return differences;
}
