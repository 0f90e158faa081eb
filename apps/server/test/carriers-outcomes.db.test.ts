import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { TestClient, testApp, type TestContext, demoSignIns, errorFields as fields } from './test-app.js';

/**
 * Tenants' outcomes on the demo data: carrier.yingtan runs 鹰潭信江众创空间 (Yingtan, recognised by
 * the province) where 鹰潭铜创电子商务有限公司 has stayed since 2026-05-04. A NEEQ listing with its
 * evidence is evaluated by Yingtan's reward to the platform (once per incubated firm, within 36
 * months of leaving, for a firm successfully incubated): a pending award in fulfilment for the
 * carrier's own profile (载体档案, held by the operator), with the evidence attached, once. Today is 2026-11-20.
 */
let t: TestContext;
const as = demoSignIns(() => t);
const BOUNDARY = 'seedbed-carriers-outcomes';
async function upload(c: TestClient, seed: number): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="挂牌公告.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
interface Award { itemTitle: { zh: string }; status: string; amountFen: number | null; reasons: { zh: string }[] }
interface OutcomeOut { id: string; tenantName: string; kind: string; achievedOn: string; evidenceName: string; awards: Award[] }
const neeqAward = (o: OutcomeOut | undefined) => o?.awards.find((a) => a.itemTitle.zh === '孵化企业新三板挂牌奖励众创平台');
const pendingOf = async () =>
  ((await (await as('carrier.yingtan')).get('/api/v1/fulfilment/applications/mine')).json() as { items: { id: string; itemId: string; status: string; amountFen: number | null; origin: string }[] }).items;

let carrierId: string;
let tenancyId: string;
let evidence: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  carrierId = ((await new TestClient(t.app).get('/api/v1/carriers?q=信江')).json() as { id: string }[])[0]!.id;
  const tenancies = (await (await as('carrier.yingtan')).get(`/api/v1/carriers/${carrierId}/tenancies`)).json() as { id: string; tenantName: string }[];
  tenancyId = tenancies.find((x) => x.tenantName === '鹰潭铜创电子商务有限公司')!.id;
  evidence = await upload(await as('carrier.yingtan'), 1);
}, 240_000);
afterAll(async () => t?.close());

describe("a tenant's outcome", () => {
  const url = () => `/api/v1/carriers/${carrierId}/outcomes`;
  const body = () => ({ tenancyId, kind: 'neeq_listed', achievedOn: '2026-10-01', competitionLevel: null, regionCode: null, evidenceFileId: evidence });

  it('is recorded by the operator only, with its evidence, refusing bad input naming the field and the rule', async () => {
    const op = await as('carrier.yingtan');
    expect((await (await as('carrier.nanning')).post(url(), body())).statusCode).toBe(403);
    expect((await (await as('ent.yingtan')).post(url(), body())).statusCode).toBe(403);
    const { evidenceFileId: _omitted, ...withoutEvidence } = body();
    const noEvidence = await op.post(url(), withoutEvidence);
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.body).toContain('evidenceFileId');
    const othersFile = await upload(await as('carrier.nanning'), 2);
    expect(fields(await op.post(url(), { ...body(), evidenceFileId: othersFile }))).toEqual(['evidenceFileId:own_upload']);
    expect(fields(await op.post(url(), { ...body(), evidenceFileId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['evidenceFileId:uploaded']);
    expect(fields(await op.post(url(), { ...body(), achievedOn: '2026-12-01' }))).toEqual(['achievedOn:not_future']);
    expect(fields(await op.post(url(), { ...body(), achievedOn: '2026-01-10' }))).toEqual(['achievedOn:after_entered']);
    expect(fields(await op.post(url(), { ...body(), kind: 'competition' }))).toEqual(['competitionLevel:required']);
    expect(fields(await op.post(url(), { ...body(), kind: 'above_scale', competitionLevel: 'city' })).sort()).toEqual(['competitionLevel:competitions_only', 'regionCode:required']);
    // Nothing was half-written.
    expect((await op.get(url())).json()).toEqual([]);
  });

  it('of a firm still in residence earns nothing yet: the item says why (not yet successfully incubated)', async () => {
    const r = await (await as('carrier.yingtan')).post(url(), body());
    expect(r.statusCode, r.body).toBe(201);
    const [o] = r.json() as OutcomeOut[];
    expect(o).toMatchObject({ tenantName: '鹰潭铜创电子商务有限公司', kind: 'neeq_listed', achievedOn: '2026-10-01', evidenceName: '挂牌公告.pdf' });
    expect(neeqAward(o)?.status).not.toBe('eligible');
    expect(neeqAward(o)!.reasons.length).toBeGreaterThan(0);
    expect(await pendingOf()).toEqual([]);
    const again = await (await as('carrier.yingtan')).post(url(), { ...body(), achievedOn: '2026-10-02' });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['kind:once']);
  });

  it("becomes a pending award for the carrier's own profile once the firm graduates, with the evidence attached", async () => {
    const op = await as('carrier.yingtan');
    const exit = await op.post(`/api/v1/carriers/${carrierId}/tenancies/${tenancyId}/exit`, { leftOn: '2026-11-10', exit: 'graduated', graduationReason: 'listed' });
    expect(exit.statusCode, exit.body).toBe(200);
    const [o] = (await op.get(url())).json() as OutcomeOut[];
    expect(neeqAward(o)).toMatchObject({ status: 'eligible', amountFen: 30_000_000, reasons: [] });
    const pending = await pendingOf();
    expect(pending).toMatchObject([{ itemId: 'yt.incubation-neeq-reward', origin: 'automatic', status: 'approval', amountFen: 30_000_000 }]);
    const view = (await op.get(`/api/v1/fulfilment/applications/${pending[0]!.id}`)).json();
    expect(view).toMatchObject({ productKey: '鹰潭铜创电子商务有限公司', subjectName: '鹰潭信江众创空间', materials: [{ materialId: 'outcome_evidence', label: { zh: '成果证明材料' }, file: { name: '挂牌公告.pdf' } }] });
    // It is the carrier's profile (载体), held by the operator, not an enterprise profile of the operator.
    const subject = await sql<{ kind: string; carrier_id: string }>`SELECT s.kind, s.carrier_id FROM fulfilment_applications a JOIN subjects s ON s.id = a.subject_id WHERE a.id = ${pending[0]!.id}`.execute(t.deps.db);
    expect(subject.rows).toEqual([{ kind: 'carrier', carrier_id: carrierId }]);
    const operatorEnterprise = await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects s JOIN identity_organisations o ON o.id = s.organisation_id WHERE o.name = '鹰潭信江众创空间运营管理有限公司' AND s.kind = 'enterprise'`.execute(t.deps.db);
    expect(operatorEnterprise.rows[0]!.n).toBe(0);
    // The science bureau of Yingtan (the item's lead unit) has it to confirm.
    expect((await (await as('officer.yingtan')).get(`/api/v1/fulfilment/applications/${pending[0]!.id}`)).statusCode).toBe(200);
    const note = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notifications n JOIN identity_users u ON u.id = n.user_id WHERE u.username = 'carrier.yingtan' AND n.kind = 'award.pending'`.execute(t.deps.db);
    expect(note.rows[0]!.n).toBe(1);
  });

  it('appears once: further outcomes of the firm re-evaluate it without a second award', async () => {
    const op = await as('carrier.yingtan');
    const prize = await op.post(url(), { ...body(), kind: 'competition', competitionLevel: 'provincial', achievedOn: '2026-11-15', evidenceFileId: await upload(op, 3) });
    expect(prize.statusCode, prize.body).toBe(201);
    const items = (await pendingOf()).map((a) => a.itemId).sort();
    expect(items).toEqual(['yt.incubation-competition-reward', 'yt.incubation-neeq-reward']);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fulfilment_applications WHERE item_id = 'yt.incubation-neeq-reward'`.execute(t.deps.db);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('outside the window the item sets (36 months after leaving) earns nothing, and says so', async () => {
    const op = await as('carrier.yingtan');
    const yuetang = (await sql<{ credit_code: string }>`SELECT credit_code FROM subjects WHERE name = '湘潭岳塘智造装备有限公司'`.execute(t.deps.db)).rows[0]!;
    const entered = await op.post(`/api/v1/carriers/${carrierId}/tenancies`, { creditCode: yuetang.credit_code, lease: '', areaM2: 50, enteredOn: '2020-01-06' });
    expect(entered.statusCode, entered.body).toBe(201);
    const old = (entered.json() as { id: string; tenantName: string }[]).find((x) => x.tenantName === '湘潭岳塘智造装备有限公司')!;
    expect((await op.post(`/api/v1/carriers/${carrierId}/tenancies/${old.id}/exit`, { leftOn: '2022-06-01', exit: 'graduated', graduationReason: 'grew_out' })).statusCode).toBe(200);
    const late = await op.post(url(), { tenancyId: old.id, kind: 'neeq_listed', achievedOn: '2026-09-01', competitionLevel: null, regionCode: null, evidenceFileId: await upload(op, 4) });
    expect(late.statusCode, late.body).toBe(201);
    const o = (late.json() as OutcomeOut[]).find((x) => x.tenantName === '湘潭岳塘智造装备有限公司');
    expect(neeqAward(o)).toMatchObject({ status: 'ineligible' });
    expect(neeqAward(o)!.reasons.length).toBe(1);
    expect((await pendingOf()).length).toBe(2);
  });

  it('are seen by the departments covering the carrier, not by others', async () => {
    expect((await (await as('officer.yingtan')).get(`/api/v1/carriers/${carrierId}/outcomes`)).statusCode).toBe(200);
    expect((await (await as('officer.nanning')).get(`/api/v1/carriers/${carrierId}/outcomes`)).statusCode).toBe(403);
    await expect(
      sql`INSERT INTO carrier_outcomes (carrier_id, tenancy_id, subject_id, kind, achieved_on, evidence_file_id, recorded_by, recorded_at)
          SELECT carrier_id, tenancy_id, subject_id, 'competition', achieved_on, evidence_file_id, recorded_by, recorded_at FROM carrier_outcomes LIMIT 1`.execute(t.deps.db),
    ).rejects.toThrow(/carrier_outcomes_level_for_competitions|carrier_outcomes_once/);
  });
});
