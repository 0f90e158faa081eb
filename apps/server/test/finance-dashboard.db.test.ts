/**
 * The finance office's dashboard on the demo data, after the daily job computed the demo loan's
 * quarter subsidy: every figure equals what the records say (counted here straight from the
 * tables), the loan breakdowns add up to the loans module's declared statistics, the period and
 * the region narrow them (a district: its borrowers' loans), and only the finance office of a covering region may read it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinanceDashboard } from '@seedbed/contract';
import { systemActor } from '../src/modules/audit/index.js';
import { createOrganisation, createUser, hashPassword, setMembership } from '../src/modules/identity/index.js';
import { loansManifest } from '../src/modules/loans/index.js';
import { enqueueAnyJob } from '../src/platform/jobs.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, demoSignIns, errorFields, testApp, type TestContext } from './test-app.js';

let t: TestContext;
const as = demoSignIns(() => t);
const PERIOD = { regionCode: '450100', from: '2026-01-01', to: '2026-12-31' };
const loansStat = (name: string) => loansManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, PERIOD);
const loansManifestStat = (name: string, regionCode: string) => loansManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { ...PERIOD, regionCode });
const one = async (query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(t.deps.db)).rows[0]!.n);

beforeAll(async () => {
  t = await testApp({ demo: true });
  await enqueueAnyJob(t.deps.db, 'loans.quarter_subsidies', { date: '2026-11-20' });
  await t.app.jobs.drain();
  // A district's finance office (青秀区金融办), made here: the demo has the city's only.
  const ctx = systemActor('test');
  await t.deps.db.transaction().execute(async (trx) => {
    const office = await createOrganisation(trx, t.deps, ctx, { name: '南宁市青秀区金融工作办公室', kind: 'government', regionCode: '450103' });
    const user = await createUser(trx, t.deps, ctx, { username: 'finoffice.qingxiu', displayName: '韦青（区金融办）', password: DEMO_PASSWORD, passwordHash: await hashPassword(DEMO_PASSWORD), mfaSecret: DEMO_TOTP_SECRET });
    await setMembership(trx, t.deps, ctx, office, user, ['financial_regulator']);
  });
}, 240_000);
afterAll(async () => t?.close());

describe('the finance dashboard', () => {
  it('equals the records for Nanning in 2026', async () => {
    const office = await as('finoffice.nanning');
    const r = await office.get(`/api/v1/finance/dashboard?regionCode=450100&from=2026-01-01&to=2026-12-31`);
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json<FinanceDashboard>();
    expect(d.regionName).toContain('南宁');
    expect(d.needsPosted).toBe(await one(sql<{ n: string }>`SELECT count(*) AS n FROM finance_needs WHERE region_code LIKE '4501%' AND posted_at >= '2025-12-31T16:00:00Z'`));
    expect(d.needsPosted).toBe(2);
    expect(d.needsMatched).toBe(await one(sql<{ n: string }>`SELECT count(DISTINCT n.id) AS n FROM finance_needs n JOIN finance_requests q ON q.need_id = n.id WHERE n.region_code LIKE '4501%'`));
    expect(d.answeredInTime).toBe(await one(sql<{ n: string }>`SELECT count(*) AS n FROM finance_requests q JOIN finance_needs n ON n.id = q.need_id WHERE n.region_code LIKE '4501%' AND q.answered_on <= q.due_on`));
    expect(d.answeredInTime).toBe(1);
    expect(d.grantedFen).toBe(await one(sql<{ n: string }>`SELECT coalesce(sum(offer_amount_fen), 0) AS n FROM finance_requests WHERE status = 'accepted'`));
    expect(d.grantedFen).toBe(150_000_000);

    // Loans by bank and by district: each row equals the records, and the rows add up to the declared statistics.
    const loans = await sql<{ bank: string; region_code: string; loans: number; principal: string }>`
      SELECT o.name AS bank, CASE WHEN b.region_code LIKE '4501%' THEN b.region_code ELSE l.region_code END AS region_code, count(*)::int AS loans, sum(l.principal_fen) AS principal
        FROM loan_requests l JOIN identity_organisations o ON o.id = l.bank_org_id JOIN subjects b ON b.id = l.subject_id
       WHERE l.region_code LIKE '4501%' AND l.granted_at IS NOT NULL AND l.start_on BETWEEN '2026-01-01' AND '2026-12-31' GROUP BY 1, 2`.execute(t.deps.db);
    const subsidies = await one(sql<{ n: string }>`SELECT coalesce(sum(x.subsidy_fen), 0) AS n FROM loan_subsidies x JOIN loan_requests l ON l.id = x.loan_id WHERE l.region_code LIKE '4501%'`);
    expect(loans.rows.length).toBeGreaterThan(0);
    expect(subsidies).toBeGreaterThan(0);
    for (const row of loans.rows) {
      expect(d.byBank.find((b) => b.name === row.bank)).toMatchObject({ loans: row.loans, principalFen: Number(row.principal) });
      expect(d.byDistrict.find((b) => b.key === row.region_code)).toMatchObject({ loans: row.loans, principalFen: Number(row.principal) });
    }
    const sum = (rows: FinanceDashboard['byBank'], k: 'loans' | 'principalFen' | 'subsidyFen') => rows.reduce((s, x) => s + x[k], 0);
    for (const rows of [d.byBank, d.byDistrict]) {
      expect(sum(rows, 'loans')).toBe(await loansStat('loans.granted'));
      expect(sum(rows, 'principalFen')).toBe(await loansStat('loans.granted_amount'));
      expect(sum(rows, 'subsidyFen')).toBe(await loansStat('loans.subsidies_computed'));
      expect(sum(rows, 'subsidyFen')).toBe(subsidies);
    }
    expect(d.byDistrict.every((x) => x.name.length > 0)).toBe(true);
    // By district is the borrower's district (the demo borrower lives in 青秀区, 450103), not the city's item.
    expect(d.byDistrict.map((x) => x.key)).toContain('450103');
    // A district chosen: only its borrowers' loans, adding up to the statistics of that district.
    const district = (await office.get('/api/v1/finance/dashboard?regionCode=450103&from=2026-01-01&to=2026-12-31')).json<FinanceDashboard>();
    expect(district.regionCode).toBe('450103');
    expect(district.byDistrict.map((x) => x.key)).toEqual(['450103']);
    expect(district.byDistrict[0]!.principalFen).toBe(d.byDistrict.find((x) => x.key === '450103')!.principalFen);
    expect(sum(district.byBank, 'principalFen')).toBe(await loansManifestStat('loans.granted_amount', '450103'));
  });

  it("a district's office sees its district by default, may choose it, and not the city nor another district", async () => {
    const qingxiu = await as('finoffice.qingxiu');
    const own = (await qingxiu.get('/api/v1/finance/dashboard?from=2026-01-01&to=2026-12-31')).json<FinanceDashboard>();
    expect(own.regionCode).toBe('450103');
    expect(own.byDistrict.map((x) => x.key)).toEqual(['450103']);
    expect(own.byDistrict[0]!.loans).toBeGreaterThan(0);
    expect((await qingxiu.get('/api/v1/finance/dashboard?regionCode=450103&from=2026-01-01&to=2026-12-31')).json<FinanceDashboard>()).toEqual(own);
    expect(errorFields(await qingxiu.get('/api/v1/finance/dashboard?regionCode=450100'))).toEqual(['regionCode:supervised']);
    expect(errorFields(await qingxiu.get('/api/v1/finance/dashboard?regionCode=450102'))).toEqual(['regionCode:supervised']);
  });

  it('narrows to the period and the region; refuses others and bad periods', async () => {
    const office = await as('finoffice.nanning');
    const before = (await office.get('/api/v1/finance/dashboard?regionCode=450100&from=2025-01-01&to=2025-12-31')).json<FinanceDashboard>();
    expect(before).toMatchObject({ needsPosted: 0, needsMatched: 0, answeredInTime: 0, grantedFen: 0, byBank: [], byDistrict: [] });
    const bad = await office.get('/api/v1/finance/dashboard?regionCode=450100&from=2026-12-31&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(errorFields(bad)).toEqual(['from:not_after_to']);
    expect(errorFields(await office.get('/api/v1/finance/dashboard?regionCode=360600'))).toEqual(['regionCode:supervised']);
    expect((await (await as('bank.nanning')).get('/api/v1/finance/dashboard')).statusCode).toBe(403);
    expect((await (await as('ent.nanning')).get('/api/v1/finance/dashboard')).statusCode).toBe(403);
    // Defaults: the office's region, this year to today.
    expect((await office.get('/api/v1/finance/dashboard')).json<FinanceDashboard>()).toMatchObject({ regionCode: '450100', from: '2026-01-01', to: '2026-11-20' });
  });
});
