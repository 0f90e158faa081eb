/**
 * A schema-driven fuzzer over every operation of the served OpenAPI document. For each operation
 * it builds a request that the schema accepts, then breaks one thing at a time: strings with NUL
 * or a lone UTF-16 surrogate or far too long, numbers like 1e400 or 30 digits, negative and
 * fractional numbers where whole numbers are expected, wrong types, missing and unknown fields,
 * malformed JSON, and malformed multipart bodies for the upload route, plus a few random values
 * from a fixed seed. Requests go out as a demo account holding the operation's permission, with
 * the CSRF token, against the demo data (real ids where the path takes one, and garbage ids).
 *
 * Asserts: never a 5xx; and a refused request (4xx) writes nothing: no audit record and no
 * row added or removed in any table. Bounded: every operation gets a fixed, small set of cases.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseProblem } from '../src/plugins/errors.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
};
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
interface Case {
  label: string;
  url: string;
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

const SEED = 20261120;
/** Upload routes: multipart, described in prose rather than by a body schema. */
const MULTIPART = new Set(['POST /api/v1/files']);

let t: TestContext;
let clients: Record<string, TestClient>;
let operations: Operation[];
const realIds = new Map<string, string>();
/** Body fields by name that take a real value, so that broken siblings get past the first lookups. */
const realValues = new Map<string, string>([['itemId', 'nn.new-product-subsidy']]);

beforeAll(async () => {
  t = await testApp({ demo: true });
  clients = {};
  for (const name of ['admin', 'office.nanning', 'officer.gxj.nanning', 'reviewer.gxj.nanning', 'finance.nanning', 'ent.nanning']) {
    const c = new TestClient(t.app);
    await c.loginDemo(name, t.clock);
    clients[name] = c;
  }
  const doc = (await new TestClient(t.app).get('/api/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>> }>();
  operations = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      operations.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content['application/json']?.schema });
    }
  }
  await collectRealIds();
});
afterAll(async () => t?.close());

/** Ids that exist in the demo data, so that broken bodies reach routes whose path resolves. */
async function collectRealIds() {
  const ent = clients['ent.nanning']!;
  const subject = (await ent.get('/api/v1/subjects/mine')).json<{ items: { id: string }[] }>().items[0]!.id;
  realIds.set('/api/v1/subjects/{id}', subject);
  realIds.set('/api/v1/finder/subjects/{id}', subject);
  realIds.set('/api/v1/policies/{id}', 'nn.new-product-subsidy');
  realValues.set('subjectId', subject);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const upload = await ent.request('POST', '/api/v1/files', multipartBody([{ name: 'file', filename: 'a.pdf', bytes: pdf }]), { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  if (upload.statusCode === 201) realIds.set('/api/v1/files/{id}', upload.json<{ id: string }>().id);
  const app = (await ent.get('/api/v1/fulfilment/applications/mine')).json<{ items?: { id: string }[] }>();
  const applicationId = (app.items ?? (app as unknown as { id: string }[]))[0]?.id;
  if (applicationId) realIds.set('/api/v1/fulfilment/applications/{id}', applicationId);
  const budgets = (await clients['finance.nanning']!.get('/api/v1/budgets')).json<{ items?: { id: string }[] }>();
  const budgetId = (budgets.items ?? (budgets as unknown as { id: string }[]))[0]?.id;
  if (budgetId) realIds.set('/api/v1/budgets/{id}', budgetId);
  const orgs = (await clients.admin!.get('/api/v1/admin/organisations')).json<{ items: { id: string }[] }>();
  if (orgs.items?.[0]) realIds.set('/api/v1/admin/organisations/{id}', orgs.items[0].id);
  const users = (await clients.admin!.get('/api/v1/admin/users')).json<{ items: { id: string }[] }>();
  if (users.items?.[0]) realIds.set('{userId}', users.items[0].id);
  const publicity = (await ent.get('/api/v1/public/publicity')).json<{ items?: { id: string }[] }>();
  const publicityId = (publicity.items ?? (publicity as unknown as { id: string }[]))[0]?.id;
  if (publicityId) realIds.set('/api/v1/public/publicity/{id}', publicityId);
}

const BOUNDARY = '----seedbedfuzz';
function multipartBody(parts: { name: string; filename?: string; bytes: Buffer }[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`), p.bytes, Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

// ---- values the schema accepts -------------------------------------------------------------

const branchesOf = (s: Schema): Schema[] | undefined => s.anyOf ?? s.oneOf;
const typeOf = (s: Schema): string | undefined => {
  if (Array.isArray(s.type)) return s.type.find((x) => x !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.enum) return typeof s.enum[0];
  if (s.const !== undefined) return typeof s.const;
  return undefined;
};

const PATTERN_SAMPLES: Record<string, string> = {
  '^\\d{6}$': '450103',
  '^[a-z0-9]+\\.[a-z0-9.-]+$': 'nn.new-product-subsidy',
  '^[a-z][a-z0-9_]*$': 'a',
};

function sample(s: Schema): unknown {
  const branches = branchesOf(s);
  if (branches?.length) return sample(branches[0]!);
  if (s.allOf?.length) return sample(Object.assign({}, ...s.allOf) as Schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = realValues.get(key) ?? sample(s.properties?.[key] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}));
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 1;
      return s.maximum !== undefined && lo > s.maximum ? s.maximum : Math.max(lo, 1 <= (s.maximum ?? 1) ? 1 : lo);
    }
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date') return '2026-11-20';
      if (s.format === 'date-time') return '2026-11-20T02:00:00Z';
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.pattern) return PATTERN_SAMPLES[s.pattern] ?? 'a';
      return 'a'.repeat(Math.max(1, s.minLength ?? 1));
    }
    default:
      return 'a';
  }
}

// ---- where to break the body ----------------------------------------------------------------

interface Site {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
}

function sitesOf(s: Schema, path: (string | number)[] = [], depth = 0): Site[] {
  if (depth > 3) return [];
  const branches = branchesOf(s);
  if (branches?.length) return sitesOf(branches[0]!, path, depth);
  const out: Site[] = [];
  if (typeOf(s) === 'object') {
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      out.push({ path: [...path, key], schema: child, required: (s.required ?? []).includes(key) });
      out.push(...sitesOf(child, [...path, key], depth + 1));
    }
  }
  if (typeOf(s) === 'array' && s.items) {
    out.push({ path: [...path, 0], schema: s.items, required: false });
    out.push(...sitesOf(s.items, [...path, 0], depth + 1));
  }
  return out;
}

/** The base body with the value at `path` replaced (or removed), creating what leads to it. */
function withValue(base: unknown, rootSchema: Schema, path: (string | number)[], value: unknown, remove = false): unknown {
  const root = structuredClone(base) as Record<string | number, unknown>;
  let node = root;
  let schema: Schema = rootSchema;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    schema = branchesOf(schema)?.[0] ?? schema;
    const childSchema = (typeof key === 'number' ? schema.items : schema.properties?.[key]) ?? {};
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = sample(childSchema);
    if (Array.isArray(node[key]) && (node[key] as unknown[]).length === 0) (node[key] as unknown[]).push(sample((branchesOf(childSchema)?.[0] ?? childSchema).items ?? {}));
    node = node[key] as Record<string | number, unknown>;
    schema = childSchema;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return root;
}

/** JSON with raw number texts (1e400, 30 digits) that JSON.stringify cannot write. */
function jsonWithRaw(value: unknown, raws: Map<string, string>): string {
  let text = JSON.stringify(value);
  for (const [token, raw] of raws) text = text.replace(JSON.stringify(token), raw);
  return text;
}

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
const HUGE = '1e400';
const DIGITS30 = '123456789012345678901234567890';

function bodyCases(op: Operation, schema: Schema, rng: () => unknown[]): Case[] {
  const url = op.path;
  const json = (label: string, value: unknown, raws = new Map<string, string>()): Case => ({ label, url, payload: jsonWithRaw(value, raws), headers: { 'content-type': 'application/json' } });
  const base = sample(schema);
  const cases: Case[] = [
    { label: 'malformed JSON', url, payload: '{"a":', headers: { 'content-type': 'application/json' } },
    { label: 'JSON with a NUL outside strings', url, payload: '{\u0000}', headers: { 'content-type': 'application/json' } },
    json('body is a list', []),
    json('body is a string', 'x'),
    json('body is null', null),
    json('unknown field', { ...(base as object), __fuzz: 1 }),
    json('unknown field with NUL in its name', { ...(base as object), ['x\u0000y']: 'z' }),
  ];
  for (const site of sitesOf(schema)) {
    const at = site.path.join('.');
    const type = typeOf(site.schema);
    const put = (label: string, value: unknown) => json(`${at}: ${label}`, withValue(base, schema, site.path, value));
    const raw = (label: string, text: string) => json(`${at}: ${label}`, withValue(base, schema, site.path, '__raw__'), new Map([['__raw__', text]]));
    if (site.required) cases.push(json(`${at}: missing`, withValue(base, schema, site.path, undefined, true)));
    cases.push(put('wrong type (object)', { x: 1 }), put('NUL', NUL), put('lone surrogate', SURROGATE), put('lone surrogate alone', '\udc00'));
    if (type === 'string' || type === undefined) {
      cases.push(put('wrong type (number)', 5), put('too long', 'x'.repeat((site.schema.maxLength ?? 20_000) + 1)), put('NUL at the end', `${String(sample(site.schema))}\u0000`));
    }
    if (type === 'integer' || type === 'number' || type === undefined) {
      cases.push(raw('1e400', HUGE), raw('-1e400', `-${HUGE}`), raw('30 digits', DIGITS30), raw('-30 digits', `-${DIGITS30}`), put('negative', -1), put('numeric string', '1'));
      if (type !== 'number') cases.push(put('fractional', 1.5));
    }
    if (type === 'object') {
      cases.push(put('key with NUL', { 'k\u0000': 'v' }), put('value with NUL', { k: NUL }), put('nested value with surrogate', { k: { k: [SURROGATE] } }));
    }
    if (type === 'array') cases.push(put('wrong type (string)', 'x'), put('list of NUL', [NUL, NUL]));
    for (const v of rng()) cases.push(put(`random ${JSON.stringify(v)?.slice(0, 40)}`, v));
  }
  return cases;
}

const encodeSegment = (value: string) => value.split('').map((ch) => (ch >= '\ud800' && ch <= '\udfff' ? '%ED%A0%80' : encodeURIComponent(ch))).join('');

function paramValues(p: Parameter): [string, string][] {
  const type = typeOf(branchesOf(p.schema)?.[0] ?? p.schema);
  const values: [string, string][] = [
    ['NUL', NUL],
    ['lone surrogate', SURROGATE],
    ['NUL only', '\u0000'],
    ['too long', 'x'.repeat(5000)],
    ['1e400', HUGE],
    ['30 digits', DIGITS30],
    ['-30 digits', `-${DIGITS30}`],
    ['negative', '-1'],
    ['fractional', '1.5'],
    ['empty', ''],
    ['percent garbage', '%'],
  ];
  if (type === 'integer' || type === 'number') values.push(['2^31', '2147483648'], ['2^63', '9223372036854775808'], ['hex', '0x10'], ['Infinity', 'Infinity'], ['NaN', 'NaN']);
  return values;
}

function urlFor(op: Operation, overrides: Record<string, string> = {}, query: Record<string, string> = {}): string {
  let url = op.path;
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    const value = overrides[p.name] ?? realIds.get(`{${p.name}}`) ?? (p.name === 'id' ? realIds.get(op.path.slice(0, op.path.indexOf('{id}') + 4)) : undefined) ?? String(sample(p.schema));
    url = url.replace(`{${p.name}}`, overrides[p.name] !== undefined ? encodeSegment(value) : encodeURIComponent(value));
  }
  const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeSegment(v)}`).join('&');
  return qs ? `${url}?${qs}` : url;
}

function casesFor(op: Operation, index: number): Case[] {
  const cases: Case[] = [];
  for (const p of op.parameters) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    for (const [label, value] of paramValues(p)) {
      const url = p.in === 'path' ? urlFor(op, { [p.name]: value }) : urlFor(op, {}, { [p.name]: value });
      cases.push({ label: `${p.in} ${p.name}: ${label}`, url });
    }
  }
  if (op.parameters.some((p) => p.in === 'query')) cases.push({ label: 'query: unknown parameter with NUL', url: urlFor(op, {}, { 'x\u0000': NUL }) });
  // A garbage id in the path with an otherwise accepted body.
  if (op.parameters.some((p) => p.in === 'path')) cases.push({ label: 'path: random id', url: urlFor(op, Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, typeOf(p.schema) === 'integer' ? '999999' : randomUUID()]))) });
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody && op.body) {
    const random = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.integer(), fc.double(), fc.constant(null), fc.boolean(), fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }));
    let run = 0;
    const rng = () => fc.sample(random, { seed: SEED + index * 1000 + run++, numRuns: 2 });
    for (const c of bodyCases(op, op.body, rng)) cases.push({ ...c, url: urlFor(op) });
  } else if (hasBody && !MULTIPART.has(`${op.method} ${op.path}`)) {
    // No body schema: only the body parser's refusals (anything else is ignored by design).
    cases.push({ label: 'malformed JSON', url: urlFor(op), payload: '{"a":', headers: { 'content-type': 'application/json' } });
  }
  if (MULTIPART.has(`${op.method} ${op.path}`)) cases.push(...multipartCases(op));
  return cases.map((c) => ({ ...c, label: `${op.method} ${op.path} — ${c.label}` }));
}

function multipartCases(op: Operation): Case[] {
  const url = op.path;
  const mp = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  return [
    { label: 'multipart without boundary', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: pdf }]), headers: { 'content-type': 'multipart/form-data' } },
    { label: 'multipart with another boundary', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: pdf }]), headers: { 'content-type': 'multipart/form-data; boundary=other' } },
    { label: 'multipart truncated inside the file', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: pdf }]).subarray(0, 150), headers: mp },
    { label: 'multipart without the closing boundary', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: pdf }], false), headers: mp },
    { label: 'multipart with garbage only', url, payload: Buffer.from('garbage\r\n\r\n--'), headers: mp },
    { label: 'multipart empty', url, payload: Buffer.alloc(0), headers: mp },
    { label: 'multipart field instead of a file', url, payload: multipartBody([{ name: 'file', bytes: pdf }]), headers: mp },
    { label: 'multipart two files', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: pdf }, { name: 'file', filename: 'b.pdf', bytes: pdf }]), headers: mp },
    { label: 'multipart a field then a file', url, payload: multipartBody([{ name: 'note', bytes: Buffer.from('x') }, { name: 'file', filename: 'a.pdf', bytes: pdf }]), headers: mp },
    { label: 'multipart wrong field name', url, payload: multipartBody([{ name: 'other', filename: 'a.pdf', bytes: pdf }]), headers: mp },
    { label: 'multipart part without headers', url, payload: Buffer.from(`--${BOUNDARY}\r\n\r\nabc\r\n--${BOUNDARY}--\r\n`), headers: mp },
    { label: 'multipart header without end', url, payload: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"`), headers: mp },
    { label: 'multipart empty file', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: Buffer.alloc(0) }]), headers: mp },
    { label: 'multipart text file', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: Buffer.from('not a pdf') }]), headers: mp },
    { label: 'multipart PDF then HTML', url, payload: multipartBody([{ name: 'file', filename: 'a.pdf', bytes: Buffer.concat([pdf, Buffer.from('<html><script>alert(1)</script>')]) }]), headers: mp },
    { label: 'JSON to the upload route', url, payload: '{"file":"x"}', headers: { 'content-type': 'application/json' } },
    { label: 'text to the upload route', url, payload: 'x', headers: { 'content-type': 'text/plain' } },
  ];
}

// ---- the check -------------------------------------------------------------------------------

function clientFor(permission: string): TestClient {
  const byPermission: Record<string, string> = {
    'admin.organisations': 'admin',
    'admin.users': 'admin',
    'admin.audit': 'office.nanning',
    'subjects.read_any': 'officer.gxj.nanning',
    'subjects.verify': 'officer.gxj.nanning',
    'policies.manage': 'office.nanning',
    'fulfilment.review': 'officer.gxj.nanning',
    'fulfilment.assess': 'reviewer.gxj.nanning',
    'fulfilment.pay': 'finance.nanning',
    'fulfilment.supervise': 'office.nanning',
    'fulfilment.export': 'office.nanning',
    'calendar.manage': 'office.nanning',
  };
  return clients[byPermission[permission] ?? 'ent.nanning']!;
}

let countQuery: string | null = null;
/** Rows per table: a refused request must leave every count as it was. */
async function rowCounts(): Promise<string> {
  if (!countQuery) {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.database.db);
    countQuery = tables.rows.map((r) => `select '${r.name}' as name, count(*)::int as n from "${r.name}"`).join(' union all ');
  }
  // Without parallel workers: on the PostgreSQL server, starting them for a union of a hundred-odd
  // small counts costs several times the counting itself, after every request.
  const query = countQuery;
  const counts = await t.database.db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return sql.raw<{ name: string; n: number }>(query).execute(trx);
  });
  // Sorted here: PostgreSQL may run the union's branches in parallel and return them in any order.
  return counts.rows.map((r) => `${r.name}=${r.n}`).sort().join(' ');
}

/**
 * The next transaction id the database will hand out. A request that changes no row is given
 * none (reads and sequences take no transaction id), so while this stays the same the row counts
 * cannot have changed and need not be read again. On a PostgreSQL server the ids are shared by
 * every database of the cluster: another test file's work advances it too, and the counts are
 * then read as before.
 */
async function nextTransactionId(): Promise<string> {
  const { rows } = await sql<{ next: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as next`.execute(t.database.db);
  return rows[0]!.next;
}

/**
 * Refusals that write by design: a failed sign-in is an authentication event, recorded in the
 * audit log (and counted towards the lockout) even though the request is refused.
 */
const WRITES_BY_DESIGN: Record<string, { statuses: number[]; tables: string[] }> = {
  'POST /api/v1/auth/login': { statuses: [401, 423], tables: ['audit_log'] },
  'POST /api/v1/auth/mfa': { statuses: [401, 423], tables: ['audit_log'] },
};

/**
 * The operations in SHARDS parts, one test each (over two thousand requests, each checked for
 * writes, take minutes on a loaded two-core machine; a part stays well within a test's limit as
 * routes are added). The totals are checked once every part has run.
 */
const SHARDS = 6;
const statuses = new Map<number, number>();
let total = 0;

describe('fuzzing every operation of the OpenAPI document', () => {
  for (let shard = 0; shard < SHARDS; shard++) {
    it(`answers broken requests with a 4xx naming the problem, never a 5xx, and writes nothing when it refuses (part ${shard + 1} of ${SHARDS})`, async () => {
      const failures: string[] = [];
      let before = await rowCounts();
      let beforeId = await nextTransactionId();
      for (const [index, op] of operations.entries()) {
        if (index % SHARDS !== shard) continue;
        const route = t.app.apiRoutes.find((r) => r.method === op.method && r.url === op.path.replace(/\{(\w+)\}/g, ':$1'));
        const client = clientFor(route?.permission ?? 'authenticated');
        for (const c of casesFor(op, index)) {
          total++;
          const response = await client.request(op.method, c.url, c.payload, c.headers ?? {});
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          if (response.statusCode >= 500) failures.push(`${c.label}: ${response.statusCode} ${response.body.slice(0, 300)}`);
          if (response.statusCode === 400 && !/"errors"|"code"/.test(response.body)) failures.push(`${c.label}: 400 without a problem body`);
          const afterId = await nextTransactionId();
          const after = afterId === beforeId ? before : await rowCounts();
          // Read after the counts: the next request is measured from here.
          beforeId = afterId === beforeId ? afterId : await nextTransactionId();
          if (response.statusCode >= 400 && response.statusCode < 500 && after !== before) {
            const changed = after.split(' ').filter((x) => !before.split(' ').includes(x));
            const allowed = WRITES_BY_DESIGN[`${op.method} ${op.path}`];
            const byDesign = allowed?.statuses.includes(response.statusCode) && changed.every((x) => allowed.tables.includes(x.split('=')[0]!));
            if (!byDesign) failures.push(`${c.label}: ${response.statusCode} but rows changed: ${changed.join(', ')}`);
          }
          before = after;
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }

  it('reached every operation, most of them past the permission check', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(total).toBeGreaterThan(1000);
    // Every operation must have been reached by something other than the permission check.
    expect(statuses.get(400)).toBeGreaterThan(total / 2);
  });
});

describe('the safety net under validation: database refusals are client errors', () => {
  const request = { url: '/api/v1/x', id: 'test', log: { warn: () => undefined } } as unknown as FastifyRequest;
  async function refusal(run: () => Promise<unknown>) {
    try {
      await run();
    } catch (error) {
      const p = databaseProblem(error as never, request);
      return p && { status: p.status, code: p.code, rule: p.errors?.[0]?.rule, field: p.errors?.[0]?.field };
    }
    throw new Error('the database accepted it');
  }

  it('maps data exceptions (class 22) to 400 naming the rule, whatever the database', async () => {
    const db = t.database.db;
    // PostgreSQL and PGlite both refuse NUL in text (22021); a lone surrogate they would store as
    // U+FFFD without a word, which is why validation refuses it before (well_formed_unicode).
    expect(await refusal(() => sql`select ${'a\u0000b'}::text`.execute(db))).toMatchObject({ status: 400, rule: 'no_nul' });
    expect(await refusal(() => sql`select ${'x'}::uuid`.execute(db))).toMatchObject({ status: 400, rule: 'invalid_text_representation' });
    expect(await refusal(() => sql`select ${'99999999999'}::int`.execute(db))).toMatchObject({ status: 400, rule: 'numeric_value_out_of_range' });
    expect(await refusal(() => sql`select ${'2026-02-30'}::date`.execute(db))).toMatchObject({ status: 400, rule: 'datetime_field_overflow' });
    expect(await refusal(() => sql`select ${'not a date'}::date`.execute(db))).toMatchObject({ status: 400, rule: 'invalid_datetime_format' });
  });

  it('maps integrity constraint violations (class 23) to 409 with the constraint as the rule', async () => {
    const db = t.database.db;
    await sql`create table if not exists zz_net_parent (id int primary key)`.execute(db);
    await sql`create table if not exists zz_net_child (id int constraint zz_net_child_positive check (id > 0), parent int constraint zz_net_child_parent references zz_net_parent (id))`.execute(db);
    await sql`insert into zz_net_parent (id) values (1)`.execute(db);
    expect(await refusal(() => sql`insert into zz_net_child (id) values (-1)`.execute(db))).toMatchObject({ status: 409, code: 'CONSTRAINT_VIOLATED', rule: 'zz_net_child_positive' });
    expect(await refusal(() => sql`insert into zz_net_child (id, parent) values (1, 2)`.execute(db))).toMatchObject({ status: 409, code: 'CONSTRAINT_VIOLATED', rule: 'zz_net_child_parent' });
    expect(await refusal(() => sql`insert into zz_net_parent (id) values (1)`.execute(db))).toMatchObject({ status: 409, code: 'CONFLICT', rule: 'zz_net_parent_pkey' });
    expect(await refusal(() => sql`insert into zz_net_child (id) values (null), (0)`.execute(db))).toMatchObject({ status: 409 });
  });

  it('keeps serialisation failures and deadlocks a 503 to retry, and leaves other errors alone', () => {
    expect(databaseProblem({ code: '40P01' }, request)).toMatchObject({ status: 503, code: 'RETRY' });
    expect(databaseProblem({ code: '40001' }, request)).toMatchObject({ status: 503, code: 'RETRY' });
    expect(databaseProblem({ code: 'XX000' }, request)).toBeNull();
    expect(databaseProblem({ code: 'ENOENT' }, request)).toBeNull();
  });
});
