import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient, testApp, type TestContext } from './test-app.js';

let t: TestContext;
let owner: TestClient;
let enterpriseId: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  owner = new TestClient(t.app);
  await owner.loginDemo('ent.nanning', t.clock);
  enterpriseId = (await owner.get('/api/v1/subjects/mine')).json().items[0].id;
});
afterAll(async () => t?.close());

const factRows = async () =>
  Number((await t.database.db.selectFrom('subject_facts' as never).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as { n: number }).n);

describe('enterprise profile', () => {
  it('shows facts with source and date and the computed size class', async () => {
    const p = (await owner.get(`/api/v1/subjects/${enterpriseId}`)).json();
    expect(p.facts.employees).toMatchObject({ value: 18, source: 'declared', verified: false });
    expect(p.facts.employees.label.zh).toBe('从业人员');
    // Software: 10–99 people and revenue ≥ 50万 → small.
    expect(p.computed.sizeClass).toMatchObject({ value: 'small', rule: '工信部联企业〔2011〕300号' });
  });

  it('records a declared change as a new fact and keeps the old one in history', async () => {
    const before = await factRows();
    const r = await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { employees: 8 }, asOf: '2026-10-31' });
    expect(r.statusCode).toBe(200);
    expect(r.json().facts.employees).toMatchObject({ value: 8, asOf: '2026-10-31' });
    expect(r.json().computed.sizeClass.value).toBe('micro');
    expect(await factRows()).toBe(before + 1);
  });

  it('refuses bad values naming each field and rule, and changes nothing', async () => {
    const before = await factRows();
    const r = await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, {
      facts: { employees: -1, founded_on: '2026-02-30', region: '999999', industry: 'Z99', favourite_colour: 'green', revenue: 12.5 },
    });
    expect(r.statusCode).toBe(400);
    const got = r.json().errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'facts.employees:type:integer',
        'facts.founded_on:format:date',
        'facts.region:exists:region',
        'facts.industry:format:industry',
        'facts.favourite_colour:known_variable',
        'facts.revenue:type:money',
      ]),
    );
    expect(await factRows()).toBe(before);
  });

  it('refuses a founding date in the future', async () => {
    const r = await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { founded_on: '2027-01-01' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'facts.founded_on', rule: 'range:date' });
  });

  it('lets an officer record verified facts that the enterprise can then not edit', async () => {
    const officer = new TestClient(t.app);
    await officer.loginDemo('officer.nanning', t.clock);
    const v = await officer.post(`/api/v1/subjects/${enterpriseId}/verified-facts`, {
      facts: { founded_on: '2025-06-18', is_tech_sme: true },
      registry: 'market_regulation',
      asOf: '2026-11-01',
    });
    expect(v.statusCode).toBe(200);
    expect(v.json().facts.founded_on).toMatchObject({ source: 'registry:market_regulation', verified: true });
    const edit = await owner.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { founded_on: '2024-01-01', employees: 9 } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'FACT_VERIFIED', errors: [{ field: 'facts.founded_on', rule: 'verified' }] });
    // The unverified fact in the same request was not applied either.
    expect((await owner.get(`/api/v1/subjects/${enterpriseId}`)).json().facts.employees.value).toBe(8);
  });

  it('keeps other users out, lets officers read, and refuses enterprises verifying', async () => {
    const other = new TestClient(t.app);
    await other.loginDemo('ent.yuxi', t.clock);
    expect((await other.get(`/api/v1/subjects/${enterpriseId}`)).statusCode).toBe(403);
    expect((await other.patch(`/api/v1/subjects/${enterpriseId}/facts`, { facts: { employees: 1 } })).statusCode).toBe(403);
    expect((await other.post(`/api/v1/subjects/${enterpriseId}/verified-facts`, { facts: { employees: 1 }, registry: 'x_y', asOf: '2026-01-01' })).statusCode).toBe(403);
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get(`/api/v1/subjects/${enterpriseId}`)).statusCode).toBe(401);
  });
});

describe('person profile', () => {
  it('masks the ID number in every response and stores it encrypted', async () => {
    const founder = new TestClient(t.app);
    await founder.loginDemo('founder', t.clock);
    const id = (await founder.get('/api/v1/subjects/mine')).json().items[0].id;
    const p = (await founder.get(`/api/v1/subjects/${id}`)).json();
    expect(p.facts.id_number.value).toBe('4501**********0029');
    expect(p.facts.birth_date.value).toBe('1998-03-15');
    const raw = await t.database.db
      .selectFrom('subject_facts' as never)
      .select(['value' as never])
      .where('variable' as never, '=', 'id_number' as never)
      .execute();
    expect(JSON.stringify(raw)).not.toContain('450103199803150029');
    const audit = await t.database.db.selectFrom('audit_log' as never).select(['data' as never]).execute();
    expect(JSON.stringify(audit)).not.toContain('450103199803150029');
  });

  it('refuses an ID number with a wrong check character', async () => {
    const founder = new TestClient(t.app);
    await founder.loginDemo('founder', t.clock);
    const id = (await founder.get('/api/v1/subjects/mine')).json().items[0].id;
    const r = await founder.patch(`/api/v1/subjects/${id}/facts`, { facts: { id_number: '450103199803150021' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'facts.id_number', rule: 'check_character' });
  });
});
