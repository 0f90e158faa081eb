/**
 * Population jobs read subjects as columns (issue #23): the finder's read model, kept current by
 * triggers, gives exactly what reading every subject's current facts one by one gives (missing
 * facts, booleans, numbers, dates, strings with separators and quotes, lists, objects, JSON null,
 * the region from the facts when the subject has none, the demo's subjects, superseded facts),
 * before and after profile changes, and chunk by chunk; the populations built from it and each
 * row's district are the same.
 * The blocks hold the evaluator's typed columns (finder.blocks.ts), so the reference's values are
 * read as the evaluator accepts them: a value of the wrong type is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { isDictionaryColumn, MISSING_BOOL, parseDate, rowFacts, toDictionaryColumn, type Catalog, type Column } from '@seedbed/rules';
import { BLOCKS, blockCache, blockColumns, blockOf, blockRevisions as revisionsOfRanges, matchSubject, refreshBlocks, chunkPopulation, SIZE_CLASS_COLUMN, type SubjectColumns } from '../src/modules/finder/index.js';
import { rulesSnapshot } from '../src/modules/policies/index.js';
import { classifySize, sizeClassOf } from '../src/modules/subjects/index.js';
import type { Db } from '../src/platform/database.js';
import { testApp, type TestContext } from './test-app.js';

let t: TestContext;
let db: Db;
let catalog: Catalog;
let stored: string[];
let rule: string[];
const KIND = 'enterprise';

/** A chunk as plain values: a missing cell is null, a date its day number, a size class its name. */
interface Plain {
  size: number;
  ids: string[];
  regions: (string | null)[];
  values: Record<string, unknown[]>;
}

function cells(col: Column | undefined, size: number): unknown[] {
  if (col === undefined) return new Array(size).fill(null);
  if (isDictionaryColumn(col)) return Array.from(col.codes, (c) => (c >= 0 ? col.dict[c] : null));
  if (col instanceof Float64Array) return Array.from(col, (v) => (Number.isNaN(v) ? null : v));
  if (col instanceof Uint8Array) return Array.from(col, (v) => (v === MISSING_BOOL ? null : v === 1));
  return [...col];
}

const plainOf = (c: SubjectColumns): Plain => ({ size: c.size, ids: c.ids, regions: cells(c.regions, c.size) as (string | null)[], values: Object.fromEntries(stored.map((v) => [v, cells(c.columns[v], c.size)])) });

/** What the evaluator accepts of a stored value for a variable of the type (anything else is missing). */
function accepted(type: string, v: unknown): unknown {
  switch (type) {
    case 'integer':
    case 'number':
    case 'money':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 'date':
      return typeof v === 'string' ? (parseDate(v) ?? null) : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'string_list':
      return Array.isArray(v) ? v.map(String) : null;
    default:
      return typeof v === 'string' ? v : null;
  }
}

/** The read this replaces: every subject's current facts, one object per subject, from subject_facts. */
async function reference(withDemo: boolean): Promise<Plain> {
  const facts = stored.filter((v) => v !== SIZE_CLASS_COLUMN);
  const r = await sql<{ id: string; region_code: string | null; facts: Record<string, unknown> | null }>`
    SELECT s.id, s.region_code,
           (SELECT jsonb_object_agg(f.variable, f.value) FROM subject_facts f
             WHERE f.subject_id = s.id AND f.superseded_at IS NULL AND f.variable = ANY(${facts}::text[])) AS facts
      FROM subjects s WHERE s.kind = ${KIND} ${withDemo ? sql`` : sql`AND NOT s.demo`} ORDER BY s.id`.execute(db);
  const values: Record<string, unknown[]> = {};
  for (const v of stored)
    values[v] = r.rows.map((row) => {
      const f = row.facts ?? {};
      if (v !== SIZE_CLASS_COLUMN) return accepted(catalog.variables.get(v)!.type, f[v] ?? null);
      const input = (name: string) => (f[name] ?? undefined) as never;
      return sizeClassOf({ industry: input('industry'), employees: input('employees'), revenue: input('revenue'), total_assets: input('total_assets') });
    });
  return { size: r.rows.length, ids: r.rows.map((x) => x.id), regions: r.rows.map((x) => x.region_code), values };
}

/** The plain values as the evaluator's columns (what the blocks should have given). */
function columnsOfPlain(p: Plain): SubjectColumns {
  const columns: Record<string, Column> = {};
  for (const v of stored) {
    const type = v === SIZE_CLASS_COLUMN ? 'enum' : catalog.variables.get(v)!.type;
    const list = p.values[v]!;
    columns[v] =
      type === 'integer' || type === 'number' || type === 'money' || type === 'date' ? Float64Array.from(list, (x) => (x === null ? NaN : (x as number)))
      : type === 'boolean' ? Uint8Array.from(list, (x) => (x === null ? MISSING_BOOL : x ? 1 : 0))
      : type === 'string_list' ? (list as (string[] | null)[])
      : toDictionaryColumn(list as (string | null)[]);
  }
  return { size: p.size, ids: p.ids, regions: toDictionaryColumn(p.regions), columns, last: p.ids.at(-1) ?? null };
}

/** A chunk's districts as plain rows (the evaluator's reading of each row), as its population and district groups give them. */
function districtsOf(c: SubjectColumns) {
  const { population, districts, groupOf } = chunkPopulation(catalog, c, rule);
  expect(groupOf).toHaveLength(c.size);
  const out = new Map<string, { region: string; subjectIds: string[]; rows: Record<string, unknown>[] }>();
  for (let i = 0; i < population.size; i++) {
    const region = districts[groupOf[i]!]!;
    let d = out.get(region);
    if (!d) out.set(region, (d = { region, subjectIds: [], rows: [] }));
    if (c.ids.length > 0) d.subjectIds.push(c.ids[i]!);
    d.rows.push(rowFacts(catalog, population, i));
  }
  return [...out.values()];
}

// A variable of a type, other than the size class and the facts it is computed from (set on their own below).
const pick = (type: string) => [...catalog.variables.entries()].find(([name, v]) => v.type === type && !['size_class', 'region', 'industry', 'employees', 'revenue', 'total_assets'].includes(name))?.[0];

async function addSubject(facts: Record<string, unknown>, options: { region?: string | null; demo?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  const kind = KIND;
  const org = randomUUID();
  await sql`INSERT INTO identity_organisations (id, name, kind, region_code) VALUES (${org}, ${'列读取测试 ' + id}, 'enterprise', '450103')`.execute(db);
  await sql`INSERT INTO subjects (id, kind, name, region_code, organisation_id, user_id, demo)
            VALUES (${id}, ${kind}, ${'列读取测试 ' + id}, ${options.region === undefined ? '450103' : options.region}, ${org}, null, ${options.demo ?? false})`.execute(db);
  for (const [variable, value] of Object.entries(facts))
    await sql`INSERT INTO subject_facts (subject_id, variable, value, source, verified) VALUES (${id}, ${variable}, ${JSON.stringify(value)}::jsonb, 'declared', false)`.execute(db);
  return id;
}

/** A profile change as the subjects module makes it: the current fact superseded, a new one recorded (or none). */
async function setFact(id: string, variable: string, value: unknown | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`UPDATE subject_facts SET superseded_at = now() WHERE subject_id = ${id} AND variable = ${variable} AND superseded_at IS NULL`.execute(trx);
    if (value !== undefined)
      await sql`INSERT INTO subject_facts (subject_id, variable, value, source, verified) VALUES (${id}, ${variable}, ${JSON.stringify(value)}::jsonb, 'declared', false)`.execute(trx);
  });
}

/** The subjects read from the column blocks, in ranges of blocks as a job's parts read them. */
async function readBlocks(withDemo: boolean, cuts = [0, 1000, 2048, 2049, 4096]): Promise<Plain> {
  const all: Plain = { size: 0, ids: [], regions: [], values: Object.fromEntries(stored.map((v) => [v, []])) };
  for (let k = 0; k + 1 < cuts.length; k++) {
    const c = await blockColumns(db, KIND, catalog, stored, cuts[k]!, cuts[k + 1]!, { withDemo });
    // Without the ids (as a simulation reads): the same subjects, counted, ids left out.
    const bare = await blockColumns(db, KIND, catalog, stored, cuts[k]!, cuts[k + 1]!, { withDemo, withIds: false });
    expect(bare.last).toBeNull();
    expect(plainOf(bare)).toEqual({ ...plainOf(c), ids: [] });
    expect(c.last).toBe(c.ids.at(-1) ?? null);
    const p = plainOf(c);
    all.size += p.size;
    all.ids.push(...p.ids);
    all.regions.push(...p.regions);
    for (const v of stored) all.values[v]!.push(...p.values[v]!);
  }
  return all;
}

async function expectSameAsReference(withDemo = true): Promise<void> {
  const want = await reference(withDemo);
  const got = await readBlocks(withDemo);
  expect(got).toEqual(want);
  // And read whole, the chunk's districts are those of the reference (in any order).
  const byRegion = (list: ReturnType<typeof districtsOf>) => [...list].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  const whole = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS, { withDemo });
  expect(byRegion(districtsOf(whole))).toEqual(byRegion(districtsOf(columnsOfPlain(want))));
}

const blockRevisions = async () =>
  (await sql<{ block: number; variable: string; revision: string }>`SELECT block, variable, revision::text FROM finder_block_columns WHERE kind = ${KIND} ORDER BY block, variable`.execute(db)).rows;

beforeAll(async () => {
  t = await testApp();
  db = t.database.db;
  catalog = (await rulesSnapshot(db)).catalog;
  const names = ['boolean', 'integer', 'number', 'money', 'date', 'string', 'enum', 'string_list', 'region'].map(pick).filter((n): n is string => !!n);
  stored = [...[...new Set([...names, 'region', 'industry', 'employees', 'revenue', 'total_assets'])].filter((n) => catalog.variables.has(n)), SIZE_CLASS_COLUMN];
  rule = [...new Set([...names, 'region', 'size_class'])].filter((n) => catalog.variables.has(n));
}, 180_000);
afterAll(async () => t?.close());

describe('finder column read', () => {
  it('reads tricky values exactly as the per-subject read, before and after profile changes', async () => {
    const [bool, integer, date, text, list] = [pick('boolean'), pick('integer') ?? pick('number'), pick('date'), pick('string') ?? pick('enum'), pick('string_list') ?? pick('enum')];
    expect([bool, integer, date, text, list].every(Boolean), `the catalogue has variables of every type the test covers: ${[bool, integer, date, text, list]}`).toBe(true);
    const none = await addSubject({});
    const fromFacts = await addSubject({ region: '450105', employees: 12, industry: 'I65', revenue: 1_000_000, total_assets: 2_000_000 }, { region: null });
    const tricky = await addSubject({
      [bool!]: true,
      [integer!]: 123456789012345,
      [date!]: '2024-02-29',
      [text!]: 'a,b "quoted" \\ back\nline 逗号，',
      ...(list === text ? {} : { [list!]: ['x,y', 'z"', ''] }),
      region: { code: '450103' },
      employees: '100',
      industry: null,
      revenue: -1.5,
    }, { region: null });
    const wrong = await addSubject({ [bool!]: 'true', [integer!]: 0, [date!]: '2026-02-30', [text!]: 42, [list!]: 'not a list', employees: 0, industry: 'C30', revenue: 0, total_assets: 0 });
    await addSubject({ [bool!]: false, employees: 5 }, { demo: true });
    await expectSameAsReference(true);
    await expectSameAsReference(false);

    const got = await readBlocks(true);
    const at = (id: string) => got.ids.indexOf(id);
    expect(got.values[bool!]![at(tricky)]).toBe(true);
    expect(got.values[integer!]![at(tricky)]).toBe(123456789012345);
    expect(got.values[date!]![at(tricky)]).toBe(parseDate('2024-02-29'));
    // Values the evaluator does not accept for the type are missing, never coerced.
    expect(got.values[bool!]![at(wrong)]).toBeNull();
    expect(got.values[date!]![at(wrong)]).toBeNull();
    expect(got.values[text!]![at(wrong)]).toBeNull();
    expect(got.values.employees![at(tricky)]).toBeNull();
    expect(got.values[SIZE_CLASS_COLUMN]![at(fromFacts)]).toBe('micro');
    expect(got.values[text!]![at(tricky)]).toBe('a,b "quoted" \\ back\nline 逗号，');
    // A list where the variable takes one (an enum's value given as a list is missing).
    if (list !== text) expect(got.values[list!]![at(tricky)]).toEqual(catalog.variables.get(list!)!.type === 'string_list' ? ['x,y', 'z"', ''] : null);
    expect(got.values[bool!]![at(none)]).toBeNull();
    expect(got.regions[at(fromFacts)]).toBeNull();
    const districts = districtsOf(await blockColumns(db, KIND, catalog, stored, 0, BLOCKS));
    expect(districts.find((d) => d.subjectIds.includes(fromFacts))?.region).toBe('450105');
    expect(districts.find((d) => d.subjectIds.includes(tricky))?.region).toBe('unknown');
    expect(districts.find((d) => d.subjectIds.includes(wrong))?.region).toBe('450103');

    // Profile changes: a value replaced, a fact removed, a fact added, the subject moved and marked demo.
    await setFact(tricky, bool!, false);
    await setFact(tricky, text!, undefined);
    await setFact(none, date!, '2020-01-01');
    await sql`UPDATE subjects SET region_code = '450107' WHERE id = ${fromFacts}`.execute(db);
    await sql`UPDATE subjects SET demo = true WHERE id = ${wrong}`.execute(db);
    await expectSameAsReference(true);
    await expectSameAsReference(false);
    const after = await readBlocks(true);
    expect(after.values[bool!]![after.ids.indexOf(tricky)]).toBe(false);
    expect(after.values[text!]![after.ids.indexOf(tricky)]).toBeNull();
    expect((await readBlocks(false)).ids).not.toContain(wrong);

    // Facts deleted outright, and a subject deleted with its facts.
    await sql`DELETE FROM subject_facts WHERE subject_id = ${fromFacts} AND variable = 'employees'`.execute(db);
    await sql`DELETE FROM subjects WHERE id = ${none}`.execute(db);
    await expectSameAsReference(true);
    expect((await readBlocks(true)).ids).not.toContain(none);
  });

  it('reads the same subjects in any cut of the block range, and nothing from an empty block', async () => {
    for (let i = 0; i < 7; i++) await addSubject({ employees: i, industry: i % 2 ? 'I65' : 'C30', revenue: i * 1_000_000 });
    const whole = await reference(true);
    // Every cut of the block range gives the same subjects in the same order.
    expect(await readBlocks(true, [0, 4096])).toEqual(whole);
    expect(await readBlocks(true, Array.from({ length: 65 }, (_, i) => i * 64))).toEqual(whole);
    expect(await readBlocks(true, [0, ...whole.ids.map(blockOf).filter((b) => b > 0), 4096].filter((b, i, all) => i === 0 || b > all[i - 1]!))).toEqual(whole);
    // A block no subject falls in reads as empty.
    const used = new Set(whole.ids.map(blockOf));
    const free = Array.from({ length: BLOCKS }, (_, b) => b).find((b) => !used.has(b))!;
    const empty = await blockColumns(db, KIND, catalog, stored, free, free + 1);
    expect(empty.last).toBeNull();
    expect(plainOf(empty)).toEqual({ size: 0, ids: [], regions: [], values: Object.fromEntries(stored.map((v) => [v, []])) });
  });

  it('keeps the stored column blocks until a subject of the block changes, then rebuilds only that block', async () => {
    const id = await addSubject({ employees: 3, industry: 'I65' });
    await readBlocks(true);
    const before = await blockRevisions();
    expect(before.length).toBeGreaterThan(0);
    // Read again with nothing changed: nothing is rebuilt.
    await readBlocks(true);
    expect(await blockRevisions()).toEqual(before);
    // One profile change: its block alone gets a new revision, and the read sees the new value.
    await setFact(id, 'employees', 4);
    const got = await readBlocks(true);
    expect(got.values.employees![got.ids.indexOf(id)]).toBe(4);
    const after = await blockRevisions();
    const block = parseInt(id.slice(0, 3), 16);
    const changed = after.filter((r, i) => r.revision !== before[i]?.revision);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((r) => r.block === block)).toBe(true);
    expect(after.filter((r) => r.block !== block)).toEqual(before.filter((r) => r.block !== block));
    // A variable not read before is built for every block once, then kept.
    const extra = [...catalog.variables.keys()].find((v) => !stored.includes(v) && v !== 'size_class')!;
    await blockColumns(db, KIND, catalog, [extra], 0, 4096);
    const withExtra = await blockRevisions();
    expect(withExtra.filter((r) => r.variable === extra).length).toBe(after.filter((r) => r.variable === '#ids').length);
    await blockColumns(db, KIND, catalog, [extra], 0, 4096);
    expect(await blockRevisions()).toEqual(withExtra);
    // A column stored in another format than the reader's (a variable whose type changed, a new
    // size classification) is rebuilt, though its block did not change.
    await sql`UPDATE finder_block_columns SET format = 'json', data = '\\x'::bytea WHERE kind = ${KIND} AND block = ${block} AND variable = ${SIZE_CLASS_COLUMN}`.execute(db);
    // (Such a change comes with new code or a new catalogue, which this process's kept chunks are
    // not read for; here the stored column changed under a running process, so it forgets them.)
    blockCache(db).clear();
    const rebuilt = await readBlocks(true);
    expect(rebuilt.values[SIZE_CLASS_COLUMN]).toEqual((await reference(true)).values[SIZE_CLASS_COLUMN]);
    const formats = (await sql<{ format: string }>`SELECT DISTINCT format FROM finder_block_columns WHERE kind = ${KIND} AND variable = ${SIZE_CLASS_COLUMN}`.execute(db)).rows;
    expect(formats.map((f) => f.format)).toEqual([expect.stringMatching(/^size:/)]);
  });

  it('keeps a chunk read in this process while its blocks are unchanged, and reads it again once one changed', async () => {
    const id = await addSubject({ employees: 8, industry: 'I65' });
    const cache = blockCache(db);
    const first = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS);
    // Nothing changed: the same chunk, not read again.
    expect(await blockColumns(db, KIND, catalog, stored, 0, BLOCKS)).toBe(first);
    // Other options or other columns are other chunks.
    const bare = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS, { withIds: false });
    expect(bare).not.toBe(first);
    expect(await blockColumns(db, KIND, catalog, stored, 0, BLOCKS, { withIds: false })).toBe(bare);
    // A profile change in one block: the chunk is read again and holds the new value; the reads
    // agree with the per-subject reference.
    await setFact(id, 'employees', 9);
    const second = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS);
    expect(second).not.toBe(first);
    expect(cells(second.columns.employees, second.size)[second.ids.indexOf(id)]).toBe(9);
    expect(await blockColumns(db, KIND, catalog, stored, 0, BLOCKS)).toBe(second);
    await expectSameAsReference(true);
    // A job's stream reads the revisions of all its ranges at once and hands each on: the same as
    // one range at a time, and the chunk kept is taken on them without a query of its own.
    const ranges = [{ lo: 0, hi: 1000 }, { lo: 1000, hi: 2048 }, { lo: 2048, hi: BLOCKS }];
    const hints = await revisionsOfRanges(db, KIND, ranges);
    expect(hints).toEqual(await Promise.all(ranges.map(async (r) => (await revisionsOfRanges(db, KIND, [r]))[0])));
    expect(new Set(hints).size).toBe(3);
    // Ranges with gaps between them, in any order: the blocks between are nobody's.
    const gapped = [{ lo: 2048, hi: BLOCKS }, { lo: 0, hi: 500 }, { lo: 1000, hi: 1500 }];
    expect(await revisionsOfRanges(db, KIND, gapped)).toEqual(await Promise.all(gapped.map(async (r) => (await revisionsOfRanges(db, KIND, [r]))[0])));
    await expect(revisionsOfRanges(db, KIND, [{ lo: 0, hi: 100 }, { lo: 50, hi: 150 }])).rejects.toThrow(/disjoint/);
    const whole = (await revisionsOfRanges(db, KIND, [{ lo: 0, hi: BLOCKS }]))[0]!;
    expect(await blockColumns(db, KIND, catalog, stored, 0, BLOCKS, { revisions: whole })).toBe(second);
    // Revisions other than those the chunk was read at: it is read again.
    const reread = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS, { revisions: hints[0]! });
    expect(reread).not.toBe(second);
    expect(plainOf(reread)).toEqual(plainOf(second));
    // The blocks table emptied and refilled (as a restore would): revisions are never drawn twice,
    // so the chunk kept is not taken for the refilled blocks.
    const seen = new Set((await sql<{ revision: string }>`SELECT revision::text FROM finder_subject_blocks`.execute(db)).rows.map((r) => r.revision));
    // (One sequence for every block: no two blocks share a revision either.)
    expect(seen.size).toBe(Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM finder_subject_blocks`.execute(db)).rows[0]!.n));
    const blocks = (await sql<{ block: number }>`SELECT block FROM finder_subject_blocks WHERE kind = ${KIND}`.execute(db)).rows.map((r) => r.block);
    await sql`DELETE FROM finder_subject_blocks WHERE kind = ${KIND}`.execute(db);
    await sql`INSERT INTO finder_subject_blocks (kind, block) SELECT ${KIND}, unnest(${blocks}::int[])`.execute(db);
    const refilled = (await sql<{ revision: string }>`SELECT revision::text FROM finder_subject_blocks WHERE kind = ${KIND}`.execute(db)).rows;
    expect(refilled.length).toBeGreaterThan(0);
    expect(refilled.filter((r) => seen.has(r.revision))).toEqual([]);
    const third = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS);
    expect(third).not.toBe(reread);
    expect(plainOf(third)).toEqual(plainOf(second));
    // With no budget nothing is kept.
    cache.setBudget(0);
    expect(cache.size).toBe(0);
    const a = await blockColumns(db, KIND, catalog, stored, 0, BLOCKS);
    expect(await blockColumns(db, KIND, catalog, stored, 0, BLOCKS)).not.toBe(a);
    cache.setBudget(256 * 1024 * 1024);
  });

  it('refreshes the columns of changed blocks in the background, so that the next read rebuilds nothing', async () => {
    const id = await addSubject({ employees: 20, industry: 'I65' });
    await readBlocks(true);
    // (Columns of variables the earlier tests read, and not since, are stale: brought up to date first.)
    await refreshBlocks(db);
    expect(await refreshBlocks(db)).toBe(0);
    const before = await blockRevisions();
    // A profile change (the subjects module's transaction, its event heard by the finder): a refresh is queued once.
    const queued = async () => Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM platform_jobs WHERE kind = 'finder.refresh_blocks' AND status = 'queued'`.execute(db)).rows[0]!.n);
    await sql`DELETE FROM platform_jobs WHERE kind = 'finder.refresh_blocks'`.execute(db);
    await setFact(id, 'employees', 21);
    for (let i = 0; i < 2; i++) await db.transaction().execute((trx) => matchSubject(trx, t.deps, { subjectId: id, kind: KIND }));
    expect(await queued()).toBe(1);
    // Of a kind no population job has read, nothing is queued.
    await sql`DELETE FROM platform_jobs WHERE kind = 'finder.refresh_blocks'`.execute(db);
    await db.transaction().execute((trx) => matchSubject(trx, t.deps, { subjectId: id, kind: 'carrier' }));
    expect(await queued()).toBe(0);
    // The refresh rebuilds the changed block's columns alone, each in the format it had.
    const block = blockOf(id);
    expect(await refreshBlocks(db)).toBe(1);
    const after = await blockRevisions();
    expect(after.filter((r) => r.block !== block)).toEqual(before.filter((r) => r.block !== block));
    const current = (await sql<{ revision: string }>`SELECT revision::text FROM finder_subject_blocks WHERE kind = ${KIND} AND block = ${block}`.execute(db)).rows[0]!.revision;
    expect(after.filter((r) => r.block === block).map((r) => r.revision)).toEqual(before.filter((r) => r.block === block).map(() => current));
    // The next read finds every block current: it rebuilds nothing, and sees the change.
    const got = await readBlocks(true);
    expect(await blockRevisions()).toEqual(after);
    expect(got.values.employees![got.ids.indexOf(id)]).toBe(21);
    expect(await refreshBlocks(db)).toBe(0);
  });

  it('gives the size class of the full classification for every input', () => {
    const industries = ['I65', 'C30', 'F52', 'M73', 'E47', 'A01', 'K7020', 'K701', 'L72', 'G59', '', 'bad', undefined];
    const numbers = [undefined, null, 0, 5, 10, 99, 100, 300, 1000, 5_000_000, 100_000_000, 1e12];
    let classified = 0;
    for (const industry of industries)
      for (const employees of numbers)
        for (const revenue of numbers.slice(0, 8))
          for (const total_assets of [undefined, 0, 100_000_000, 1e12]) {
            const inputs = { industry, employees, revenue, total_assets };
            const want = classifySize(inputs).value;
            expect(sizeClassOf(inputs), JSON.stringify(inputs)).toBe(want);
            if (want) classified++;
          }
    expect(classified).toBeGreaterThan(100);
  });
});
