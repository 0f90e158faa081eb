/**
 * Open datasets (开放数据集): the DCAT catalogue lists every dataset with a CSV and a JSON
 * distribution whose URLs answer with that content type; the CSV has a byte-order mark and the
 * declared columns as its header, and the same rows as the JSON; published policies are in the
 * policies dataset; no dataset carries personal identifiers; an unknown dataset is a 404 naming it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetChangelog, DatasetOverview, DatasetRows, DcatCatalog, DcatDatasetDocument, PublicityEntry } from '@seedbed/contract';
import { DATASETS } from '../src/modules/opendata/opendata.datasets.js';
import { publishedItemIds } from '../src/modules/policies/index.js';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let anon: TestClient;
const path = (url: string) => new URL(url).pathname + new URL(url).search;

beforeAll(async () => {
  t = await testApp({ demo: true });
  anon = new TestClient(t.app);
});
afterAll(async () => t?.close());

/** RFC 4180 parsing (quoted fields with doubled quotes, CRLF lines), enough to check our writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** A JSON cell as the CSV writes it (formula-looking text gets an apostrophe). */
const asCsv = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

describe('the DCAT catalogue', () => {
  it('is JSON-LD listing every dataset with CSV and JSON distributions that answer', async () => {
    const r = await anon.get('/api/v1/public/datasets');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/ld\+json/);
    const cat = r.json() as DcatCatalog;
    expect(cat['@context']).toMatchObject({ dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', vcard: 'http://www.w3.org/2006/vcard/ns#' });
    expect(cat['@type']).toBe('dcat:Catalog');
    expect(cat['dct:license']['@id']).toBe('https://creativecommons.org/licenses/by/4.0/');
    const names = cat['dcat:dataset'].map((d) => d['dct:identifier']);
    expect(names).toEqual(DATASETS.map((d) => d.name));
    expect(names).toEqual(expect.arrayContaining(['policies', 'policy-documents', 'award-publicity', 'statistics', 'carriers', 'enterprise-directory', 'service-providers']));
    for (const d of cat['dcat:dataset']) {
      expect(d['@type']).toBe('dcat:Dataset');
      expect(d['dct:title'].map((x) => x['@language'])).toEqual(['zh', 'en']);
      expect(d['dcat:keyword'].length).toBeGreaterThan(0);
      expect(d['dct:publisher']['foaf:name'][0]!['@value']).toContain('Seedbed');
      expect(d['dct:license']['@id']).toBe(cat['dct:license']['@id']);
      expect(d['dcat:distribution'].map((x) => x['dcat:mediaType'])).toEqual(['text/csv', 'application/json']);
      for (const dist of d['dcat:distribution']) {
        const url = dist['dcat:downloadURL']['@id'];
        expect(url).toMatch(/^https?:\/\/[^/]+\/api\/v1\/public\/datasets\/[a-z-]+\/data\.(csv|json)$/);
        const got = await anon.get(path(url));
        expect(got.statusCode, `${url} ${got.body.slice(0, 200)}`).toBe(200);
        expect(got.headers['content-type']).toContain(dist['dcat:mediaType']);
      }
      const meta = await anon.get(path(d['@id']));
      expect(meta.statusCode).toBe(200);
      expect((meta.json() as DcatDatasetDocument)['dct:identifier']).toBe(d['dct:identifier']);
    }
    // Where a dataset's rows keep a time of change, the catalogue says it.
    const policies = cat['dcat:dataset'].find((d) => d['dct:identifier'] === 'policies')!;
    expect(policies['dct:modified']?.['@value']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('the rows', () => {
  it('are the same in CSV (BOM, the declared header) and JSON', async () => {
    let nonEmpty = 0;
    for (const d of DATASETS) {
      const json = (await anon.get(`/api/v1/public/datasets/${d.name}/data.json`)).json() as DatasetRows;
      expect(json.dataset).toBe(d.name);
      expect(json.columns.map((c) => c.name)).toEqual(d.columns.map((c) => c.name));
      expect(json.total).toBe(json.rows.length);
      for (const row of json.rows) expect(Object.keys(row).sort(), d.name).toEqual(d.columns.map((c) => c.name).sort());
      const csv = await anon.get(`/api/v1/public/datasets/${d.name}/data.csv`);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain(`${d.name}.csv`);
      expect(csv.body.startsWith('\uFEFF')).toBe(true);
      const lines = parseCsv(csv.body.slice(1));
      expect(lines[0]).toEqual(d.columns.map((c) => c.name));
      expect(lines.slice(1)).toEqual(json.rows.map((row) => d.columns.map((c) => asCsv(row[c.name]))));
      if (json.rows.length > 0) nonEmpty++;
    }
    // The demo fills most datasets: the comparison is not of empty files.
    expect(nonEmpty).toBeGreaterThanOrEqual(5);
  });

  it('pages with limit and offset, and refuses a limit over the maximum', async () => {
    const all = (await anon.get('/api/v1/public/datasets/policies/data.json')).json() as DatasetRows;
    expect(all.total).toBeGreaterThan(3);
    const page = (await anon.get('/api/v1/public/datasets/policies/data.json?limit=2&offset=1')).json() as DatasetRows;
    expect(page).toMatchObject({ total: all.total, offset: 1, limit: 2 });
    expect(page.rows).toEqual(all.rows.slice(1, 3));
    const csv = parseCsv((await anon.get('/api/v1/public/datasets/policies/data.csv?limit=2&offset=1')).body.slice(1));
    expect(csv.length).toBe(3);
    expect((await anon.get('/api/v1/public/datasets/policies/data.json?limit=10001')).statusCode).toBe(400);
  });

  it('lists every published policy item in the policies dataset', async () => {
    const json = (await anon.get('/api/v1/public/datasets/policies/data.json')).json() as DatasetRows;
    const published = await publishedItemIds(t.deps.db);
    expect(published.length).toBeGreaterThan(3);
    expect(json.rows.map((r) => r.key).sort()).toEqual([...published].sort());
    const one = json.rows.find((r) => r.key === published[0])!;
    expect(typeof one.title_zh).toBe('string');
    expect((one.title_zh as string).length).toBeGreaterThan(1);
  });

  it('gives the awards in publicity as the public publicity list does', async () => {
    // An automatic award (免申即享) put into publicity directly: the dataset follows the public list.
    const subject = (await sql<{ id: string; name: string }>`SELECT id, name FROM subjects WHERE kind = 'enterprise' ORDER BY name LIMIT 1`.execute(t.deps.db)).rows[0]!;
    const department = (await sql<{ id: string }>`SELECT id FROM identity_organisations WHERE kind = 'government' ORDER BY name LIMIT 1`.execute(t.deps.db)).rows[0]!;
    // It starts in approval, as the database requires, and is approved into publicity.
    await sql`INSERT INTO fulfilment_applications (reference, origin, item_id, item_version, item_title, subject_id, subject_name, department_id, region_code, status,
                stage_entered_at, verdict, evaluated_on, amount_fen, created_at, updated_at)
              VALUES ('OD-TEST-0001', 'automatic', 'test.open-data', 1, ${JSON.stringify({ zh: '开放数据测试事项', en: 'Open data test item' })}, ${subject.id}, ${subject.name},
                ${department.id}, '450100', 'approval', now(), '{}'::jsonb, '2026-11-18', 1234567, now(), now())`.execute(t.deps.db);
    await sql`UPDATE fulfilment_applications SET status = 'publicity', approved_fen = 1234567, approved_on = '2026-11-18', publicity_from = '2026-11-19', publicity_until = '2026-11-26'
               WHERE reference = 'OD-TEST-0001'`.execute(t.deps.db);
    const listed = ((await anon.get('/api/v1/public/publicity')).json() as { items: PublicityEntry[] }).items;
    const json = (await anon.get('/api/v1/public/datasets/award-publicity/data.json')).json() as DatasetRows;
    expect(json.rows.map((r) => r.reference)).toEqual(listed.map((e) => e.reference));
    expect(json.rows.find((r) => r.reference === 'OD-TEST-0001')).toEqual({
      reference: 'OD-TEST-0001',
      item_title_zh: '开放数据测试事项',
      item_title_en: 'Open data test item',
      subject_name: subject.name,
      amount_yuan: 12345.67,
      publicity_from: '2026-11-19',
      publicity_until: '2026-11-26',
      department: listed.find((e) => e.reference === 'OD-TEST-0001')!.department,
      origin: 'automatic',
    });
    expect(json.modified).toBe(listed.map((e) => e.publicityFrom).sort().at(-1));
  });

  it('holds no personal identifiers: no such column, no ID number or mobile number in any cell', async () => {
    const personal = /id_?number|id_?card|phone|mobile|email|contact|credit_?code|account|birth|身份证|电话|手机|邮箱/i;
    const idNumber = /(^|\D)\d{17}[\dXx](\D|$)/;
    const mobile = /(^|\D)1[3-9]\d{9}(\D|$)/;
    for (const d of DATASETS) {
      for (const c of d.columns) {
        expect(c.name, d.name).not.toMatch(personal);
        expect(c.title.zh, d.name).not.toMatch(personal);
      }
      const json = (await anon.get(`/api/v1/public/datasets/${d.name}/data.json`)).json() as DatasetRows;
      for (const row of json.rows)
        for (const [k, v] of Object.entries(row)) {
          if (typeof v !== 'string') continue;
          expect(v, `${d.name}.${k}`).not.toMatch(idNumber);
          expect(v, `${d.name}.${k}`).not.toMatch(mobile);
        }
    }
  });

  it('answers an unknown dataset with a 404 naming it in Chinese and English', async () => {
    for (const url of ['/api/v1/public/datasets/no-such/data.csv', '/api/v1/public/datasets/no-such/data.json', '/api/v1/public/datasets/no-such', '/api/v1/public/datasets/no-such/changelog']) {
      const r = await anon.get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const body = r.json() as { message: { zh: string; en: string } };
      expect(body.message.zh).toContain('no-such');
      expect(body.message.zh).toContain('数据集');
      expect(body.message.en).toContain('no-such');
      expect(body.message.en).toContain('Dataset');
    }
  });
});

describe('the overview and the changelog', () => {
  it('counts the rows the downloads give and lists each dataset’s schema versions', async () => {
    const o = (await anon.get('/api/v1/public/datasets/overview')).json() as DatasetOverview;
    expect(o.datasets.map((d) => d.name)).toEqual(DATASETS.map((d) => d.name));
    for (const d of o.datasets) {
      const json = (await anon.get(path(d.downloads.json))).json() as DatasetRows;
      expect(d.rows, d.name).toBe(json.total);
      expect(d.licence.name).toBe('CC BY 4.0');
    }
    const log = (await anon.get('/api/v1/public/datasets/changelog')).json() as DatasetChangelog;
    expect(new Set(log.schemaChanges.map((c) => c.dataset))).toEqual(new Set(DATASETS.map((d) => d.name)));
    expect(log.data.map((d) => d.dataset)).toEqual(DATASETS.map((d) => d.name));
    const one = (await anon.get('/api/v1/public/datasets/policies/changelog')).json() as DatasetChangelog;
    expect(one.schemaChanges.every((c) => c.dataset === 'policies')).toBe(true);
    expect(one.data).toEqual([log.data.find((d) => d.dataset === 'policies')]);
  });
});
