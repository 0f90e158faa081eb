import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { creditCodeCheckCharacter } from '@seedbed/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog, type RuleFileContent } from '@seedbed/rules';
import { creditManifest, seriousViolationBasis } from '../src/modules/credit/index.js';
import { withFactBases } from '../src/platform/fact-basis.js';
import { samplePdf } from '../src/modules/files/files.samples.js';
import { submitApplication } from '../src/modules/fulfilment/index.js';
import { resolveSession } from '../src/modules/identity/index.js';
import { AppError } from '../src/platform/problems.js';
import { enqueueAnyJob } from '../src/platform/jobs.js';
import { demoSignIns, errorFields, testApp, TestClient, type TestContext } from './test-app.js';
import { testPolicySource } from './test-policy-source.js';

/**
 * Credit on the demo data (today 2026-11-20): the Nanning market regulator's officer (credit.officer)
 * imports a file with bad rows (refused with reasons by column) and imports it again (nothing
 * changes); the demo enterprise (credit.ent) with a serious penalty of 13 months ago is on the
 * serious-violation list as a verified fact of the credit registry, so an item excluding 失信主体
 * refuses it through the rules; it applies for repair with a PDF, the officer approves, the fact
 * clears and the item opens. Permissions and bad input.
 */
let t: TestContext;
const as = demoSignIns(() => t);
const stat = (name: string) => creditManifest.statistics.find((s) => s.name === name)!.compute(t.deps.db, { regionCode: '450100', from: '2020-01-01', to: '2026-12-31' });

beforeAll(async () => {
  t = await testApp({ demo: true });
}, 240_000);
afterAll(async () => t?.close());

/** A unified social credit code with its check character (GB 32100-2015). */
const code = (first17: string) => first17 + creditCodeCheckCharacter(first17)!;
const GOOD_CODE = code('91450103MA5TE0001');

async function xlsxOf(rows: (string | Date)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信用信息');
  ws.addRow(['统一社会信用代码 Credit code', '主体名称 Name', '信用信息类别 Kind', '失信程度 Severity', '决定文书号 Decision number', '决定日期 Decided on', '法律依据 Legal basis', '事由及内容 Facts and decision']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const FILE_ROWS: (string | Date)[][] = [
  [GOOD_CODE, '南宁测试甲贸易有限公司', '行政处罚', '一般', '南市监处罚〔2026〕101号', new Date(Date.UTC(2026, 9, 9)), '《中华人民共和国广告法》第五十五条', '发布虚假广告，罚款两万元'],
  [GOOD_CODE, '南宁测试甲贸易有限公司', '经营异常名录', '轻微', '南市监异常〔2026〕7号', '2026-08-01', '《企业信息公示暂行条例》第十七条', '未按期报送年度报告'],
  ['91450103MA5TE00019', '南宁测试乙有限公司', '行政处罚', '一般', '南市监处罚〔2026〕102号', '2026-10-10', '《中华人民共和国广告法》', '虚假宣传'],
  [GOOD_CODE, '南宁测试甲贸易有限公司', '严重失信主体名单', '一般', '南市监列严〔2026〕3号', '2026-10-11', '《市场监督管理严重违法失信名单管理办法》', '列入严重违法失信名单'],
  [GOOD_CODE, '南宁测试甲贸易有限公司', '行政处罚', '严重', '南市监处罚〔2026〕104号', '2026-13-01', '', '罚款'],
  [GOOD_CODE, '南宁测试甲贸易有限公司', '行政处罚', '一般', '南市监处罚〔2026〕101号', '2026-10-09', '《中华人民共和国广告法》第五十五条', '同一文书号再次出现'],
];

describe('import', () => {
  let officer: TestClient;
  beforeAll(async () => {
    officer = await as('credit.officer');
  });

  it('the template downloads with the columns the import reads', async () => {
    const r = await officer.get('/api/v1/credit/template.xlsx');
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['信用信息', '填写说明']);
    expect(String(wb.worksheets[0]!.getRow(1).getCell(5).value)).toContain('决定文书号');
  });

  it('imports the good rows and refuses the bad ones with their reasons by column', async () => {
    const before = await stat('credit.records');
    const r = await officer.post('/api/v1/credit/imports', { fileName: '处罚信息.xlsx', contentBase64: await xlsxOf(FILE_ROWS) });
    expect(r.statusCode, r.body).toBe(200);
    const result = r.json();
    expect(result).toMatchObject({ rows: 6, created: 2, unchanged: 0 });
    const refused = result.refused as { row: number; errors: { column: string; message: { zh: string } }[] }[];
    expect(refused.map((x) => [x.row, x.errors.map((e) => e.column)])).toEqual([
      [4, ['统一社会信用代码']],
      [5, ['失信程度']],
      [6, ['决定日期', '法律依据']],
      [7, ['决定文书号']],
    ]);
    expect(refused[1]!.errors[0]!.message.zh).toContain('严重');
    expect(refused[3]!.errors[0]!.message.zh).toContain('第2行');
    expect(await stat('credit.records')).toBe(before + 2);
    const work = (await officer.get('/api/v1/credit/work')).json();
    const imported = work.records.find((x: { decisionNumber: string }) => x.decisionNumber === '南市监处罚〔2026〕101号');
    // The Excel date became the day; an ordinary record: published 3 months to 1 year.
    expect(imported).toMatchObject({ decidedOn: '2026-10-09', status: 'published', publishedUntil: '2027-10-09', repairFrom: '2027-01-09', origin: 'imported', registered: false, sourceName: '南宁市市场监督管理局' });
    expect(work.records.find((x: { decisionNumber: string }) => x.decisionNumber === '南市监异常〔2026〕7号')).toMatchObject({ status: 'not_published', publishedFrom: null });
  });

  it('re-importing the same file changes nothing', async () => {
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_records`.execute(t.deps.db)).rows[0]!.n);
    const audit = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'credit.record_added'`.execute(t.deps.db)).rows[0]!.n);
    const [n, a] = [await count(), await audit()];
    const again = (await officer.post('/api/v1/credit/imports', { fileName: '处罚信息.xlsx', contentBase64: await xlsxOf(FILE_ROWS) })).json();
    expect(again).toMatchObject({ rows: 6, created: 0, unchanged: 2 });
    expect(again.refused).toHaveLength(4);
    expect([await count(), await audit()]).toEqual([n, a]);
  });

  it('reads the same rows from a CSV file, credit codes and dates kept as text', async () => {
    const csv = '\uFEFF统一社会信用代码,主体名称,信用信息类别,失信程度,决定文书号,决定日期,法律依据,事由及内容\r\n' + `${GOOD_CODE},南宁测试甲贸易有限公司,行政处罚,一般,南市监处罚〔2026〕101号,2026-10-09,《中华人民共和国广告法》第五十五条,"发布虚假广告，罚款两万元"\r\n`;
    const r = (await officer.post('/api/v1/credit/imports', { fileName: 'a.csv', contentBase64: Buffer.from(csv).toString('base64') })).json();
    expect(r).toMatchObject({ rows: 1, created: 0, unchanged: 1, refused: [] });
  });

  it('refuses a file that is not the template, naming the field', async () => {
    expect(errorFields(await officer.post('/api/v1/credit/imports', { fileName: 'a.txt', contentBase64: 'AAAA' }))).toEqual(['fileName:xlsx_or_csv']);
    const csv = Buffer.from('名称,日期\r\n甲,2026-01-01\r\n').toString('base64');
    const r = await officer.post('/api/v1/credit/imports', { fileName: 'a.csv', contentBase64: csv });
    expect(r.statusCode).toBe(422);
    expect(errorFields(r)).toEqual(['contentBase64:template_columns']);
  });
});

describe('entry, permissions and bad input', () => {
  it('an entered record with bad fields names each field and writes nothing', async () => {
    const officer = await as('credit.officer');
    const r = await officer.post('/api/v1/credit/records', { creditCode: '91450103MA5TE00019', subjectName: '南宁测试丙有限公司', kind: 'honour', severity: 'serious', decisionNumber: 'X-1', decidedOn: '2099-01-01', legalBasis: '依据', content: '内容' });
    expect(r.statusCode).toBe(400);
    expect(errorFields(r).sort()).toEqual(['creditCode:check_character', 'decidedOn:not_future', 'severity:none_for_honour'].sort());
    expect((await sql`SELECT 1 FROM credit_records WHERE decision_number = 'X-1'`.execute(t.deps.db)).rows).toHaveLength(0);
  });

  it('only officers of a source department record; an enterprise may not import', async () => {
    const ent = await as('ent.nanning');
    expect((await ent.post('/api/v1/credit/imports', { fileName: 'a.csv', contentBase64: 'AAAA' })).statusCode).toBe(403);
    expect((await ent.get('/api/v1/credit/work')).statusCode).toBe(403);
  });
});

const rules: RuleFileContent = {
  file: 'test.yaml',
  variables: {
    region: { entity: ['enterprise', 'person'], type: 'region', period: 'eternal', label: { zh: '地区', en: 'Region' }, question: { zh: '在哪里？', en: 'Where?' } },
    on_serious_violation_list: { entity: ['enterprise', 'person'], type: 'boolean', period: 'instant', label: { zh: '列入严重失信名单', en: 'On the serious-violation list' }, question: { zh: '是否失信？', en: 'Listed?' } },
  },
  items: [
    {
      id: 'test.clean-record-grant',
      title: { zh: '守信企业奖励', en: 'Clean-record grant' },
      entity: 'enterprise',
      benefit: 'reward',
      mode: 'apply',
      region: '450100',
      effective: { from: '2020-01-01', to: null },
      criteria: [{ id: 'not_listed', label: { zh: '未列入严重失信名单', en: 'Not on the serious-violation list' }, rule: { '!': { var: 'on_serious_violation_list' } } }],
      amount: { formula: 100000 },
    },
  ],
};
const source = testPolicySource(compileCatalog([rules]));
const ratingFact = async (subjectId: string) =>
  (await sql<{ value: unknown; source: string; verified: boolean }>`SELECT value, source, verified FROM subject_facts WHERE subject_id = ${subjectId} AND variable = 'credit_rating' AND superseded_at IS NULL`.execute(t.deps.db)).rows[0];

describe('the gate and repair', () => {
  let ent: TestClient;
  let subjectId: string;
  const apply = async () => {
    const token = (ent as unknown as { cookies: Map<string, string> }).cookies.get('sb_session')!;
    const principal = (await resolveSession(t.deps, token))!;
    return submitApplication({ ...t.deps, policies: source }, principal, { actorUserId: null, actor: 'test', requestId: null, ip: null }, { itemId: 'test.clean-record-grant', subjectId, answers: {}, materials: {} });
  };
  beforeAll(async () => {
    ent = await as('credit.ent');
    subjectId = (await ent.get('/api/v1/subjects/mine')).json().items[0].id;
  });

  it('the serious record puts the enterprise on the list as a verified fact of the credit registry, which it cannot change', async () => {
    const facts = await sql<{ value: unknown; source: string; verified: boolean; as_of: string }>`SELECT value, source, verified, as_of::text FROM subject_facts WHERE subject_id = ${subjectId} AND variable = 'on_serious_violation_list' AND superseded_at IS NULL`.execute(t.deps.db);
    expect(facts.rows).toEqual([{ value: true, source: 'registry:credit', verified: true, as_of: '2025-10-20' }]);
    const mine = (await ent.get('/api/v1/credit/mine')).json().subjects[0];
    expect(mine.onSeriousViolationList).toBe(true);
    const gating = mine.records.filter((r: { gates: boolean }) => r.gates);
    expect(gating.map((r: { decisionNumber: string }) => r.decisionNumber)).toEqual(['南市监处罚〔2025〕88号']);
    const declared = await ent.request('PATCH', `/api/v1/subjects/${subjectId}/facts`, { facts: { on_serious_violation_list: false } });
    expect(declared.statusCode).toBe(409);
    // The rating is a verified fact of the registry too (D while listed); the enterprise cannot declare another.
    expect(await ratingFact(subjectId)).toEqual({ value: 'D', source: 'registry:credit', verified: true });
    expect((await ent.request('PATCH', `/api/v1/subjects/${subjectId}/facts`, { facts: { credit_rating: 'A' } })).statusCode).toBe(409);
  });

  it('an item excluding 失信主体 refuses it through the rules', async () => {
    const error = await apply().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_ELIGIBLE');
    expect((error as AppError).fieldErrors?.[0]).toMatchObject({ field: 'criteria.not_listed', rule: 'fail' });
    // The refusal cites the record that gates: its kind, decision number, department and end of publication.
    const cited = '南宁市市场监督管理局 2025-10-20 作出的 南市监处罚〔2025〕88号（行政处罚，严重失信，公示至 2028-10-20 前）';
    expect((error as AppError).text.zh).toContain(cited);
    expect((error as AppError).fieldErrors?.[0]!.message.zh).toContain(cited);
    expect((error as AppError).text.en).toContain('Administrative penalty 南市监处罚〔2025〕88号 by 南宁市市场监督管理局, decided 2025-10-20 (serious, published until 2028-10-20)');
    // The same basis explains the criterion wherever a verdict is shown (the finder, the application form).
    const explained = await withFactBases(t.deps.modules.factBases, t.deps.db, subjectId, t.clock.today(), [
      { id: 'not_listed', status: 'fail', values: { on_serious_violation_list: true } },
      { id: 'other', status: 'pass', values: { on_serious_violation_list: true } },
    ]);
    expect(explained[0]!.basis?.zh).toContain(cited);
    expect(explained[1]!.basis).toBeUndefined();
  });

  it('repair: not before the shortest window, only with its own PDF, decided by the source department; approval opens the item', async () => {
    const mine = (await ent.get('/api/v1/credit/mine')).json().subjects[0];
    const serious = mine.records.find((r: { severity: string }) => r.severity === 'serious');
    const ordinary = mine.records.find((r: { severity: string }) => r.severity === 'ordinary');
    expect(serious).toMatchObject({ repairFrom: '2026-10-20', publishedUntil: '2028-10-20', mayApplyForRepair: true });
    expect(ordinary).toMatchObject({ repairFrom: '2026-12-20', mayApplyForRepair: false });
    const grades = async () => Promise.all(['A', 'B', 'C', 'D'].map((g) => stat(`credit.ratings_${g}`)));
    const gradesBefore = await grades();
    const enterprises = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM subjects WHERE kind = 'enterprise' AND NOT demo AND region_code LIKE '4501%'`.execute(t.deps.db)).rows[0]!.n);
    expect(gradesBefore.reduce((a, b) => a + b, 0)).toBe(enterprises);
    expect(gradesBefore[3]).toBeGreaterThanOrEqual(1);
    // The rating: a published serious record makes it D (70 − 30 − 10 + 5 honour + 5 years = 40).
    expect(mine.rating).toMatchObject({ grade: 'D', score: 40, cappedBySeriousViolation: true });
    expect(mine.rating.indicators.map((i: { key: string; points: number }) => [i.key, i.points])).toEqual([['serious_published', -30], ['ordinary_published', -10], ['minor_recent', 0], ['corrected', 0], ['honours', 5], ['tax_grade', 0], ['age', 5]]);
    const pdf = await upload(ent, 7);
    const early = await ent.post(`/api/v1/credit/records/${ordinary.id}/repairs`, { reason: '已足额缴纳罚款并完成整改，提交缴款凭证。', evidenceFileId: pdf });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail ?? early.body).toContain('2026-12-20');
    expect(errorFields(await ent.post(`/api/v1/credit/records/${serious.id}/repairs`, { reason: '短', evidenceFileId: await upload(await as('ent.nanning'), 8) })).sort()).toEqual(['evidenceFileId:own_upload', 'reason:minLength']);
    // Another enterprise does not see the record.
    expect((await (await as('ent.nanning')).post(`/api/v1/credit/records/${serious.id}/repairs`, { reason: '已足额缴纳罚款并完成整改，提交缴款凭证。', evidenceFileId: pdf })).statusCode).toBe(404);

    const applied = await ent.post(`/api/v1/credit/records/${serious.id}/repairs`, { reason: '已足额缴纳罚款，召回全部不合格产品并完成整改，提交缴款凭证和整改报告。', evidenceFileId: pdf });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ mayApplyForRepair: false, repairs: [{ status: 'applied', evidenceFileName: 'evidence.pdf' }] });
    expect((await ent.post(`/api/v1/credit/records/${serious.id}/repairs`, { reason: '再次申请信用修复，补充整改材料。', evidenceFileId: pdf })).statusCode).toBe(409);
    const repairId = applied.json().repairs[0].id;

    // Another department's officer may not decide; the enterprise may not either.
    expect((await (await as('officer.nanning')).post(`/api/v1/credit/repairs/${repairId}/decision`, { decision: 'approve', reason: '' })).statusCode).toBe(403);
    expect((await ent.post(`/api/v1/credit/repairs/${repairId}/decision`, { decision: 'approve', reason: '' })).statusCode).toBe(403);
    const officer = await as('credit.officer');
    expect(errorFields(await officer.post(`/api/v1/credit/repairs/${repairId}/decision`, { decision: 'refuse', reason: '' }))).toEqual(['reason:required_on_refusal']);
    const evidence = await officer.get(`/api/v1/credit/repairs/${repairId}/evidence`);
    expect(evidence.statusCode).toBe(200);
    expect(evidence.headers['content-type']).toContain('application/pdf');

    // Repair goes through the review module: no decision before a review against the rubric.
    const early2 = await officer.post(`/api/v1/credit/repairs/${repairId}/decision`, { decision: 'approve', reason: '整改到位，准予修复' });
    expect(early2.statusCode).toBe(409);
    expect(errorFields(early2)).toEqual(['decision:review_complete']);
    expect((await ent.post(`/api/v1/credit/repairs/${repairId}/reviews`, { conflict: false, scores: { corrected: 5, obligations: 5, evidence: 5 } })).statusCode).toBe(403);
    expect(errorFields(await officer.post(`/api/v1/credit/repairs/${repairId}/reviews`, { conflict: false, scores: { corrected: 6, obligations: 5 } })).sort()).toEqual(['scores.corrected:maximum', 'scores.evidence:required']);
    const toReview = (await officer.get('/api/v1/credit/work')).json().records.find((r: { id: string }) => r.id === serious.id).repairs[0].review;
    expect(toReview).toMatchObject({ mayReview: true, scored: 0, complete: false, minAssessors: 1 });
    expect(toReview.criteria.map((c: { id: string }) => c.id)).toEqual(['corrected', 'obligations', 'evidence']);
    const reviewed = await officer.post(`/api/v1/credit/repairs/${repairId}/reviews`, { conflict: false, scores: { corrected: 5, obligations: 5, evidence: 4 }, comment: '罚款缴清，整改报告与现场核查一致' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json().repairs[0].review).toMatchObject({ mayReview: false, scored: 1, complete: true, entries: [{ total: 14, mine: true }] });
    expect((await officer.post(`/api/v1/credit/repairs/${repairId}/reviews`, { conflict: false, scores: { corrected: 5, obligations: 5, evidence: 5 } })).statusCode).toBe(409);
    const scores = await sql<{ owner: string; total: number }>`SELECT owner, total FROM review_scores WHERE case_id = ${repairId}`.execute(t.deps.db);
    expect(scores.rows).toEqual([{ owner: 'credit.repair', total: 14 }]);
    // The enterprise sees its repair, not the department's review.
    expect((await ent.get('/api/v1/credit/mine')).json().subjects[0].records.find((r: { id: string }) => r.id === serious.id).repairs[0].review).toBeNull();

    const approved = await officer.post(`/api/v1/credit/repairs/${repairId}/decision`, { decision: 'approve', reason: '整改到位，准予修复' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'repaired', gates: false, repairs: [{ status: 'approved' }] });
    expect((await officer.post(`/api/v1/credit/repairs/${repairId}/decision`, { decision: 'approve', reason: '' })).statusCode).toBe(409);
    const after = (await ent.get('/api/v1/credit/mine')).json().subjects[0];
    expect(after.onSeriousViolationList).toBe(false);
    // After repair the record weighs −3 as corrected: 67, C; the officer sees the same rating.
    expect(after.rating).toMatchObject({ grade: 'C', score: 67, cappedBySeriousViolation: false });
    // Ratings by grade: one enterprise moved from D to C.
    const gradesAfter = await grades();
    expect([gradesAfter[2]! - gradesBefore[2]!, gradesAfter[3]! - gradesBefore[3]!]).toEqual([1, -1]);
    const work = (await officer.get('/api/v1/credit/work')).json();
    expect(work.ratings.find((r: { subjectId: string }) => r.subjectId === subjectId)).toMatchObject({ grade: 'C', score: 67 });
    const view = await apply();
    expect(view).toMatchObject({ status: 'acceptance', amountFen: 100000 });
    expect(await stat('credit.repairs_approved')).toBe(1);
    expect(await ratingFact(subjectId)).toEqual({ value: 'C', source: 'registry:credit', verified: true });
    // Off the list, the refusal path cites nothing: the basis follows the records of today.
    expect(await seriousViolationBasis(t.deps.db, subjectId, true, t.clock.today())).toBeNull();
  });

  it('守信激励: an enterprise rated A by the registry is marked 守信优先 on the reviewers\' list; others are not', async () => {
    const officer = await as('credit.officer');
    const code = (await sql<{ credit_code: string }>`SELECT credit_code FROM subjects WHERE id = ${subjectId}`.execute(t.deps.db)).rows[0]!.credit_code;
    const entered = (b: Record<string, string | null>) => officer.post('/api/v1/credit/records', { creditCode: code, subjectName: '南宁诚远商贸有限公司', legalBasis: '《广西壮族自治区守合同重信用企业公示办法》', ...b });
    const inbox = async () => ((await (await as('officer.nanning')).get('/api/v1/fulfilment/inbox')).json().items as { itemId: string; subjectId: string; creditPriority?: boolean }[]).filter((a) => a.itemId === 'test.clean-record-grant');
    const before = await inbox();
    expect(before.find((a) => a.subjectId === subjectId)).toMatchObject({ creditPriority: false });
    // Two more honours (+10) and a tax credit grade A (+10): 67 → 87, grade A.
    for (const [n, day] of [['南市监〔2025〕31号', '2025-03-15'], ['南市监〔2026〕18号', '2026-03-15']] as const)
      expect((await entered({ kind: 'honour', severity: null, decisionNumber: n, decidedOn: day, content: '年度“守合同重信用”企业' })).statusCode).toBe(201);
    expect(await ratingFact(subjectId)).toEqual({ value: 'B', source: 'registry:credit', verified: true });
    expect((await entered({ kind: 'tax_credit_grade', severity: 'minor', decisionNumber: '南税信〔2026〕7号', decidedOn: '2026-04-30', legalBasis: '《纳税信用管理办法（试行）》', content: '2025年度纳税信用等级为A级' })).statusCode).toBe(201);
    expect(await ratingFact(subjectId)).toEqual({ value: 'A', source: 'registry:credit', verified: true });
    expect((await (await as('credit.ent')).get('/api/v1/credit/mine')).json().subjects[0].rating).toMatchObject({ grade: 'A', score: 87 });
    const after = await inbox();
    expect(after.find((a) => a.subjectId === subjectId)).toMatchObject({ creditPriority: true });
    expect(after.filter((a) => a.subjectId !== subjectId).every((a) => a.creditPriority === false)).toBe(true);
  });
});

describe('public inquiry', () => {
  const ENT_CODE = () => sql<{ credit_code: string }>`SELECT credit_code FROM subjects WHERE name = '南宁诚远商贸有限公司'`.execute(t.deps.db).then((r) => r.rows[0]!.credit_code);
  const inquiries = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_inquiries`.execute(t.deps.db)).rows[0]!.n);
  const audits = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'credit.inquiry'`.execute(t.deps.db)).rows[0]!.n);

  it('shows only published records: not minor, not expired, not repaired; nothing internal; anonymous lookups leave no trace', async () => {
    const officer = await as('credit.officer');
    // An ordinary record decided 14 months ago: its year of publication has passed.
    const expired = await officer.post('/api/v1/credit/records', { creditCode: GOOD_CODE, subjectName: '南宁测试甲贸易有限公司', kind: 'administrative_penalty', severity: 'ordinary', decisionNumber: '南市监处罚〔2025〕9号', decidedOn: '2025-09-20', legalBasis: '《中华人民共和国广告法》', content: '虚假宣传，罚款一万元' });
    expect(expired.json()).toMatchObject({ status: 'expired' });
    const anonymous = new TestClient(t.app);
    const [n, a] = [await inquiries(), await audits()];
    const byCode = await anonymous.get(`/api/v1/credit/inquiry?q=${GOOD_CODE}`);
    expect(byCode.statusCode, byCode.body).toBe(200);
    const found = byCode.json();
    expect(found).toMatchObject({ page: 1, hasMore: false });
    expect(found.subjects).toHaveLength(1);
    // Published: the ordinary penalty of October; not the minor one, not the expired one.
    expect(found.subjects[0].records.map((r: { decisionNumber: string }) => r.decisionNumber)).toEqual(['南市监处罚〔2026〕101号']);
    expect(Object.keys(found.subjects[0].records[0]).sort()).toEqual(['content', 'decidedOn', 'decisionNumber', 'kind', 'legalBasis', 'publishedUntil', 'severity', 'sourceName']);
    expect(byCode.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(byCode.body).not.toMatch(/repair|recorded|origin|subjectId/i);
    // The repaired serious penalty of the demo enterprise is gone; its ordinary one and honours remain (not its minor tax record).
    const byName = (await anonymous.get(`/api/v1/credit/inquiry?q=${encodeURIComponent('诚远商贸')}`)).json();
    expect(byName.subjects.map((s: { name: string }) => s.name)).toEqual(['南宁诚远商贸有限公司']);
    expect(byName.subjects[0].records.map((r: { decisionNumber: string }) => r.decisionNumber).sort()).toEqual(['南市监〔2024〕12号', '南市监〔2025〕31号', '南市监〔2026〕18号', '南市监处罚〔2026〕41号']);
    expect([await inquiries(), await audits()]).toEqual([n, a]);
  });

  it('an officer\'s lookup is audited and the enterprise sees which organisation looked, and when', async () => {
    const officer = await as('officer.nanning');
    const orgs = (await sql<{ name: string }>`SELECT o.name FROM identity_memberships m JOIN identity_users u ON u.id = m.user_id JOIN identity_organisations o ON o.id = m.organisation_id WHERE u.username = 'officer.nanning' AND o.kind = 'government'`.execute(t.deps.db)).rows.map((x) => x.name);
    const a = await audits();
    const r = await officer.get(`/api/v1/credit/inquiry?q=${await ENT_CODE()}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(await audits()).toBe(a + 1);
    const mine = (await (await as('credit.ent')).get('/api/v1/credit/mine')).json().subjects[0];
    expect(orgs.length).toBeGreaterThan(0);
    expect(orgs).toContain(mine.inquiries[0].organisationName);
    expect(mine.inquiries[0].at.slice(0, 10)).toBe(t.clock.now().toISOString().slice(0, 10));
    expect(mine.inquiries).toHaveLength(1);
  });

  it('bad input is refused naming the field; pages', async () => {
    const anonymous = new TestClient(t.app);
    expect(errorFields(await anonymous.get('/api/v1/credit/inquiry?q=a'))[0]).toMatch(/^(querystring\.)?q:/);
    expect(errorFields(await anonymous.get('/api/v1/credit/inquiry?q=%20%20a'))).toEqual(['q:minLength']);
    expect((await anonymous.get('/api/v1/credit/inquiry?q=91450103MA5TE00019')).json().errors[0].field).toBe('q');
    expect(errorFields(await anonymous.get('/api/v1/credit/inquiry?q=%E5%8D%97%E5%AE%81&page=0'))[0]).toMatch(/^(querystring\.)?page:/);
    expect((await anonymous.get('/api/v1/credit/inquiry')).statusCode).toBe(400);
    const first = (await anonymous.get(`/api/v1/credit/inquiry?q=${encodeURIComponent('有限公司')}`)).json();
    expect(first.subjects.length).toBeLessThanOrEqual(10);
    if (first.hasMore) expect((await anonymous.get(`/api/v1/credit/inquiry?q=${encodeURIComponent('有限公司')}&page=2`)).json().subjects[0].creditCode).not.toBe(first.subjects[0].creditCode);
  });
});

describe('the publication window ends by itself', () => {
  it('an imported serious record of a registered enterprise gates it until three years after the decision; the daily job clears it', async () => {
    const officer = await as('credit.officer');
    const ent = await as('ent.nanning');
    const subjectId = (await ent.get('/api/v1/subjects/mine')).json().items[0].id;
    const creditCode = (await sql<{ credit_code: string }>`SELECT credit_code FROM subjects WHERE id = ${subjectId}`.execute(t.deps.db)).rows[0]!.credit_code;
    const r = await officer.post('/api/v1/credit/records', { creditCode, subjectName: '南宁青禾智能科技有限公司', kind: 'court_judgement', severity: 'serious', decisionNumber: '（2023）桂0103民初1号', decidedOn: '2023-11-21', legalBasis: '《中华人民共和国民事诉讼法》', content: '有履行能力而拒不履行生效判决' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ registered: true, gates: true, publishedUntil: '2026-11-21' });
    const fact = async () => (await sql<{ value: unknown }>`SELECT value FROM subject_facts WHERE subject_id = ${subjectId} AND variable = 'on_serious_violation_list' AND superseded_at IS NULL`.execute(t.deps.db)).rows[0]?.value;
    expect(await fact()).toBe(true);
    t.clock.advance(86_400_000);
    await enqueueAnyJob(t.deps.db, 'credit.publication_windows', { date: t.clock.today() });
    await t.app.jobs.drain();
    expect(await fact()).toBe(false);
    as.clear();
  });
});

const BOUNDARY = '----seedbedcredittest';
async function upload(c: TestClient, seed: number): Promise<string> {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    samplePdf(200, seed),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  const r = await c.request('POST', '/api/v1/files', body, { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
