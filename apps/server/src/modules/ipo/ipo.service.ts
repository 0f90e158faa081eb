/**
 * The pre-IPO pool's use cases: an enterprise one acts for applies to enter (target board, current
 * stage); the finance office (holders of `ipo.manage` covering the firm's region) admits or refuses
 * it with a reason from a fixed list, or enrols a firm by its credit code; the firm records each
 * stage reached with a PDF and the date; the office verifies it (or sends it back with a note), and
 * verification sets the stage's facts and hands the catalogue's rewards to fulfilment
 * (`ipo.rewards.ts`), all in one transaction.
 */
import {
  IPO_BOARD_LABELS,
  IPO_REFUSAL_LABELS,
  IPO_STAGES,
  IPO_STAGE_LABELS,
  isCalendarDate,
  type FieldError,
  type IpoApplyBody,
  type IpoDecisionBody,
  type IpoEnrolBody,
  type IpoEntry,
  type IpoPool,
  type IpoPoolQuery,
  type IpoStageBody,
  type IpoStageRecord,
  type IpoVerifyBody,
  type MyIpo,
} from '@seedbed/contract';
import { mayAccess, type Principal } from '../../platform/access.js';
import type { Tx } from '../../platform/database.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile, openFileBytes } from '../files/index.js';
import { outcomeAwardKey, outcomeAwardStatuses } from '../fulfilment/index.js';
import { notify } from '../notifications/index.js';
import { regionPrefix } from '../policies/index.js';
import { regionDisplayName } from '../regions/index.js';
import { listMine, recordFacts, variableFor } from '../subjects/index.js';
import * as repo from './ipo.repository.js';
import { rewardItemsByStage, rewardStage, stageFacts, type RewardDeps } from './ipo.rewards.js';

export type IpoDeps = RewardDeps;
const ENTRY = { zh: '该入库记录', en: 'Pool entry' };
const RECORD = { zh: '该阶段登记', en: 'Stage record' };
const isUnique = (e: unknown) => (e as { code?: unknown }).code === '23505';
const stageIndex = (s: string) => IPO_STAGES.indexOf(s as (typeof IPO_STAGES)[number]);

/** The finance office covering the firm's region. */
const mayManage = (principal: Principal | null, regionCode: string) => principal !== null && mayAccess(principal, 'ipo.manage', { regionCode });
const notOffice = () => forbidden('只有主管该地区后备上市企业资源库的金融办工作人员可以办理', "Only the finance office keeping the region's pre-IPO pool may do this");

type Mine = Awaited<ReturnType<typeof listMine>>;
const myEnterprises = async (deps: IpoDeps, principal: Principal): Promise<Mine> => (await listMine(deps.db, principal)).filter((s) => s.kind === 'enterprise');

const recordOut = (r: repo.RecordRow): IpoStageRecord => ({
  id: r.id,
  stage: r.stage,
  reachedOn: r.reached_on,
  note: r.note,
  evidenceName: r.evidence_name,
  status: r.status,
  returnNote: r.return_note,
  recordedAt: instantOut(r.recorded_at),
  verifiedOn: r.verified_on,
});

async function entriesOut(deps: IpoDeps, rows: repo.EntryRow[]): Promise<IpoEntry[]> {
  const ids = rows.map((r) => r.id);
  const records = await repo.recordsOf(deps.db, ids);
  const verdicts = await repo.verdictsOf(deps.db, ids);
  const statuses = await outcomeAwardStatuses(
    deps.db,
    verdicts.filter((v) => v.handed).map((v) => ({ subjectId: v.subject_id, itemId: v.item_id, productKey: v.product_key })),
  );
  const out: IpoEntry[] = [];
  for (const e of rows) {
    out.push({
      id: e.id,
      enterpriseName: e.enterprise_name,
      regionCode: e.region_code,
      regionName: regionDisplayName(e.region_code) ?? e.region_code,
      board: e.board,
      stage: e.stage,
      status: e.status,
      note: e.note,
      refusalReason: e.refusal_reason,
      refusalNote: e.refusal_note,
      enrolledByOffice: e.enrolled_by_office,
      appliedAt: instantOut(e.applied_at),
      admittedOn: e.admitted_on,
      records: records.filter((r) => r.entry_id === e.id).map(recordOut),
      rewards: verdicts
        .filter((v) => v.entry_id === e.id)
        .map((v) => ({
          stage: v.stage,
          itemTitle: v.item_title as { zh: string; en: string },
          status: v.status,
          amountFen: v.amount_fen === null ? null : Number(v.amount_fen),
          upTo: v.up_to,
          reasons: v.reasons as { zh: string; en: string }[],
          handedToFulfilment: v.handed,
          fulfilmentStatus: v.handed ? (statuses.get(outcomeAwardKey({ subjectId: v.subject_id, itemId: v.item_id, productKey: v.product_key }))?.label ?? null) : null,
        })),
      rewardItems: await rewardItemsByStage(deps, e.region_code, e.board),
    });
  }
  return out;
}

async function entryView(deps: IpoDeps, id: string): Promise<IpoEntry> {
  const row = await repo.entryById(deps.db, id);
  if (!row) throw notFound(ENTRY);
  return (await entriesOut(deps, [row]))[0]!;
}

/** Writes the facts a stage sets that the enterprise profile holds (verified, from the pool). */
async function writeProfileFacts(trx: Tx, deps: IpoDeps, ctx: AuditContext, entry: repo.EntryRow, stage: (typeof IPO_STAGES)[number], on: string) {
  const facts = Object.fromEntries(Object.entries(stageFacts(entry.board, stage, on)).filter(([k]) => variableFor('enterprise', k) !== undefined));
  if (Object.keys(facts).length > 0) await recordFacts(trx, deps, ctx, entry.subject_id, { facts }, { source: 'registry:ipo', verified: true });
}

// ---------------------------------------------------------------- the enterprise

export async function myIpo(deps: IpoDeps, principal: Principal): Promise<MyIpo> {
  const mine = await myEnterprises(deps, principal);
  const rows = await repo.entriesOf(deps.db, mine.map((s) => s.id));
  return { entries: await entriesOut(deps, rows), mayApplyFor: mine.map((s) => ({ subjectId: s.id, name: s.name })) };
}

const liveEntry = () =>
  conflict('IPO_ENTRY_LIVE', '该企业已在资源库中或入库申请正在审核', 'The enterprise is already in the pool or its application is being decided', [
    fieldError('subjectId', 'one_live_entry', '每家企业只能有一条在库或待审核的记录', 'one entry in the pool or awaiting decision per enterprise'),
  ]);

export async function applyToPool(deps: IpoDeps, principal: Principal, ctx: AuditContext, body: IpoApplyBody): Promise<IpoEntry> {
  const firm = (await myEnterprises(deps, principal)).find((s) => s.id === body.subjectId);
  const errors: FieldError[] = [];
  if (!firm) errors.push(fieldError('subjectId', 'acts_for_enterprise', '只能为您所代表的企业申请入库', 'must be an enterprise you act for'));
  if (body.stage === 'listed') errors.push(fieldError('stage', 'not_listed', '已挂牌或上市的企业不再进入后备资源库', 'a listed enterprise no longer enters the pre-IPO pool'));
  if (errors.length > 0) throw invalid(errors);
  const region = (await repo.subjectRegion(deps.db, firm!.id)) ?? firm!.regionCode;
  if (!region) throw invalid([fieldError('subjectId', 'region', '企业档案缺少注册地区，请先完善档案', "the enterprise profile has no region: complete the profile first")]);
  let id: string;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertEntry(trx, {
        subject_id: firm!.id,
        region_code: region,
        board: body.board,
        stage: body.stage,
        status: 'applied',
        note: body.note.trim(),
        enrolled_by_office: false,
        applied_by: principal.userId,
        applied_at: deps.clock.now(),
      });
      await record(trx, deps.clock, ctx, { action: 'ipo.applied', entityType: 'ipo_entry', entityId: id, data: { subjectId: firm!.id, board: body.board, stage: body.stage } });
      return id;
    });
  } catch (e) {
    if (isUnique(e)) throw liveEntry();
    throw e;
  }
  return entryView(deps, id);
}

export async function recordStage(deps: IpoDeps, principal: Principal, ctx: AuditContext, entryId: string, body: IpoStageBody): Promise<IpoEntry> {
  const entry = await repo.entryById(deps.db, entryId);
  const mine = await myEnterprises(deps, principal);
  if (!entry || !mine.some((s) => s.id === entry.subject_id)) throw notFound(ENTRY);
  const errors: FieldError[] = [];
  if (entry.status !== 'admitted') errors.push(fieldError('stage', 'in_pool', '企业入库后才能登记上市进程阶段', 'stages are recorded once the enterprise is in the pool'));
  else if (body.stage === 'cultivation') errors.push(fieldError('stage', 'after_entry', '入库培育由入库本身确认，请登记之后的阶段', 'entering the pool is the cultivation stage: record a later one'));
  else if (stageIndex(body.stage) < stageIndex(entry.stage)) errors.push(fieldError('stage', 'not_behind', `不能登记早于当前阶段（${IPO_STAGE_LABELS[entry.stage].zh}）的阶段`, `must not lie before the current stage (${IPO_STAGE_LABELS[entry.stage].en})`));
  if (!isCalendarDate(body.reachedOn)) errors.push(fieldError('reachedOn', 'format:date', '应为有效日期', 'must be a real date'));
  else if (body.reachedOn > deps.clock.today()) errors.push(fieldError('reachedOn', 'not_future', '达到日期不能晚于今天', 'must not lie after today'));
  const file = await getFile(deps.db, body.evidenceFileId).catch(() => null);
  if (!file) errors.push(fieldError('evidenceFileId', 'uploaded', '请先上传证明材料（PDF）', 'upload the evidence (a PDF) first'));
  else if (file.ownerUserId !== principal.userId) errors.push(fieldError('evidenceFileId', 'own_upload', '证明材料应由本人上传', 'must be a file you uploaded'));
  else if (file.contentType !== 'application/pdf') errors.push(fieldError('evidenceFileId', 'pdf', '证明材料应为PDF文件', 'must be a PDF'));
  if (errors.length > 0) throw invalid(errors);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const now = await repo.entryById(trx, entryId, true);
      if (now?.status !== 'admitted') throw conflict('IPO_NOT_IN_POOL', '企业不在资源库中', 'The enterprise is not in the pool');
      const id = await repo.insertRecord(trx, {
        entry_id: entryId,
        stage: body.stage,
        reached_on: body.reachedOn,
        evidence_file_id: body.evidenceFileId,
        note: body.note.trim(),
        status: 'recorded',
        recorded_by: principal.userId,
        recorded_at: deps.clock.now(),
      });
      await record(trx, deps.clock, ctx, { action: 'ipo.stage_recorded', entityType: 'ipo_entry', entityId: entryId, data: { recordId: id, stage: body.stage, reachedOn: body.reachedOn, evidenceFileId: body.evidenceFileId } });
    });
  } catch (e) {
    if (isUnique(e))
      throw conflict('IPO_STAGE_RECORDED', '该阶段已登记（待核实或已核实）', 'This stage is already recorded (awaiting verification or verified)', [
        fieldError('stage', 'once_per_stage', '每个阶段只登记、核实一次', 'each stage is recorded and verified once'),
      ]);
    throw e;
  }
  return entryView(deps, entryId);
}

// ---------------------------------------------------------------- the finance office

export async function pool(deps: IpoDeps, principal: Principal, q: IpoPoolQuery): Promise<IpoPool> {
  const rows = (await repo.poolEntries(deps.db, { regionPrefix: q.region ? regionPrefix(q.region) : null, stage: q.stage ?? null, board: q.board ?? null, status: q.status ?? null })).filter((e) => mayManage(principal, e.region_code));
  const entries = await entriesOut(deps, rows);
  const byStage = IPO_STAGES.map((stage) => ({ stage, count: rows.filter((r) => r.status === 'admitted' && r.stage === stage).length }));
  const awaitingRows = await repo.recordsAwaiting(deps.db);
  const covered = new Map<string, repo.EntryRow>();
  for (const r of awaitingRows) {
    if (covered.has(r.entry_id)) continue;
    const e = await repo.entryById(deps.db, r.entry_id);
    if (e && mayManage(principal, e.region_code)) covered.set(r.entry_id, e);
  }
  const awaiting = awaitingRows.filter((r) => covered.has(r.entry_id)).map((r) => ({ entryId: r.entry_id, enterpriseName: covered.get(r.entry_id)!.enterprise_name, board: covered.get(r.entry_id)!.board, record: recordOut(r) }));
  return { entries, byStage, awaiting };
}

export async function enrol(deps: IpoDeps, principal: Principal, ctx: AuditContext, body: IpoEnrolBody): Promise<IpoEntry> {
  const code = body.creditCode.trim().toUpperCase();
  const firm = await repo.enterpriseByCreditCode(deps.db, code);
  const errors: FieldError[] = [];
  if (!firm) errors.push(fieldError('creditCode', 'registered', '没有以该统一社会信用代码登记的企业档案', 'no enterprise profile has this credit code'));
  else if (!mayManage(principal, firm.region_code)) errors.push(fieldError('creditCode', 'in_your_region', '该企业不在您主管的地区', 'the enterprise is outside your region'));
  if (body.stage === 'listed') errors.push(fieldError('stage', 'not_listed', '已挂牌或上市的企业不再进入后备资源库', 'a listed enterprise no longer enters the pre-IPO pool'));
  if (errors.length > 0) throw invalid(errors);
  let id: string;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertEntry(trx, {
        subject_id: firm!.id,
        region_code: firm!.region_code,
        board: body.board,
        stage: body.stage,
        status: 'admitted',
        note: body.note.trim(),
        enrolled_by_office: true,
        applied_by: principal.userId,
        applied_at: deps.clock.now(),
        decided_by: principal.userId,
        decided_at: deps.clock.now(),
        admitted_on: deps.clock.today(),
      });
      const entry = (await repo.entryById(trx, id))!;
      await writeProfileFacts(trx, deps, ctx, entry, 'cultivation', deps.clock.today());
      await record(trx, deps.clock, ctx, { action: 'ipo.enrolled', entityType: 'ipo_entry', entityId: id, data: { subjectId: firm!.id, board: body.board, stage: body.stage } });
      await notify(trx, deps, {
        subjectId: firm!.id,
        kind: 'ipo.progress',
        title: { zh: '贵企业已列入后备上市企业资源库', en: 'Your enterprise is in the pre-IPO pool' },
        body: { zh: `金融办已将贵企业列入资源库（拟${IPO_BOARD_LABELS[body.board].zh}）。达到新阶段时，请登记并上传证明材料。`, en: `The finance office enrolled your enterprise (target: ${IPO_BOARD_LABELS[body.board].en}). Record each stage you reach with its evidence.` },
        link: '/ipo/mine',
      });
      return id;
    });
  } catch (e) {
    if (isUnique(e))
      throw conflict('IPO_ENTRY_LIVE', '该企业已在资源库中或入库申请正在审核', 'The enterprise is already in the pool or its application is being decided', [
        fieldError('creditCode', 'one_live_entry', '每家企业只能有一条在库或待审核的记录', 'one entry in the pool or awaiting decision per enterprise'),
      ]);
    throw e;
  }
  return entryView(deps, id);
}

export async function decide(deps: IpoDeps, principal: Principal, ctx: AuditContext, id: string, body: IpoDecisionBody): Promise<IpoEntry> {
  const entry = await repo.entryById(deps.db, id);
  if (!entry) throw notFound(ENTRY);
  if (!mayManage(principal, entry.region_code)) throw notOffice();
  const note = body.note.trim();
  const errors: FieldError[] = [];
  if (!body.admit && body.reason === null) errors.push(fieldError('reason', 'required_to_refuse', '不予入库时请选择理由', 'refusing needs a reason'));
  if (!body.admit && body.reason === 'other' && note.length < 2) errors.push(fieldError('note', 'required_for_other', '选择“其他原因”时请写明理由', 'the reason "other" needs the note'));
  if (body.admit && body.reason !== null) errors.push(fieldError('reason', 'only_to_refuse', '入库时不填写不予入库理由', 'a refusal reason goes with a refusal only'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.entryById(trx, id, true);
    if (now?.status !== 'applied') throw conflict('IPO_DECIDED', '该入库申请已办理', 'This application has been decided already');
    await repo.setEntry(trx, id, {
      status: body.admit ? 'admitted' : 'refused',
      refusal_reason: body.admit ? null : body.reason,
      refusal_note: body.admit ? null : note || null,
      decided_by: principal.userId,
      decided_at: deps.clock.now(),
      admitted_on: body.admit ? deps.clock.today() : null,
    });
    if (body.admit) await writeProfileFacts(trx, deps, ctx, entry, 'cultivation', deps.clock.today());
    await record(trx, deps.clock, ctx, { action: body.admit ? 'ipo.admitted' : 'ipo.refused', entityType: 'ipo_entry', entityId: id, data: body.admit ? { subjectId: entry.subject_id } : { subjectId: entry.subject_id, reason: body.reason, note } });
    const why = body.reason ? IPO_REFUSAL_LABELS[body.reason] : null;
    await notify(trx, deps, {
      subjectId: entry.subject_id,
      kind: 'ipo.progress',
      title: body.admit ? { zh: '已列入后备上市企业资源库', en: 'Admitted into the pre-IPO pool' } : { zh: '入库申请未获通过', en: 'Pool application refused' },
      body: body.admit
        ? { zh: '达到股改、辅导备案、申报受理、挂牌或上市等阶段时，请登记并上传证明材料，经金融办核实后按政策兑现奖励。', en: 'Record each stage you reach (reform, coaching, application, listing) with its evidence: once the finance office verifies it, the policy rewards follow.' }
        : { zh: `理由：${why!.zh}${note ? `（${note}）` : ''}`, en: `Reason: ${why!.en}${note ? ` (${note})` : ''}` },
      link: '/ipo/mine',
    });
  });
  return entryView(deps, id);
}

export async function verifyStage(deps: IpoDeps, principal: Principal, ctx: AuditContext, recordId: string, body: IpoVerifyBody): Promise<IpoEntry> {
  const rec = await repo.recordById(deps.db, recordId);
  if (!rec) throw notFound(RECORD);
  const entry = await repo.entryById(deps.db, rec.entry_id);
  if (!entry) throw notFound(RECORD);
  if (!mayManage(principal, entry.region_code)) throw notOffice();
  const note = body.note.trim();
  if (!body.approve && note.length < 2) throw invalid([fieldError('note', 'required_to_return', '退回时请说明理由', 'sending it back needs the reason')]);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.recordById(trx, recordId, true);
    if (now?.status !== 'recorded') throw conflict('IPO_STAGE_DECIDED', '该阶段登记已核实或已退回', 'This stage record has been verified or sent back already');
    const locked = (await repo.entryById(trx, rec.entry_id, true))!;
    if (!body.approve) {
      await repo.setRecord(trx, recordId, { status: 'returned', return_note: note });
      await record(trx, deps.clock, ctx, { action: 'ipo.stage_returned', entityType: 'ipo_entry', entityId: entry.id, data: { recordId, stage: rec.stage, note } });
      await notify(trx, deps, {
        subjectId: entry.subject_id,
        kind: 'ipo.progress',
        title: { zh: `阶段登记被退回：${IPO_STAGE_LABELS[rec.stage].zh}`, en: `Stage record sent back: ${IPO_STAGE_LABELS[rec.stage].en}` },
        body: { zh: `理由：${note}。请补充后重新登记。`, en: `Reason: ${note}. Complete it and record it again.` },
        link: '/ipo/mine',
      });
      return;
    }
    await repo.setRecord(trx, recordId, { status: 'verified', verified_by: principal.userId, verified_at: deps.clock.now(), verified_on: deps.clock.today(), return_note: null });
    if (stageIndex(rec.stage) > stageIndex(locked.stage)) await repo.setEntry(trx, entry.id, { stage: rec.stage });
    const handed = await rewardStage(trx, deps, ctx, locked, { stage: rec.stage, reachedOn: rec.reached_on, evidenceFileId: rec.evidence_file_id });
    await record(trx, deps.clock, ctx, { action: 'ipo.stage_verified', entityType: 'ipo_entry', entityId: entry.id, data: { recordId, stage: rec.stage, awardsHanded: handed } });
    await notify(trx, deps, {
      subjectId: entry.subject_id,
      kind: 'ipo.progress',
      title: { zh: `阶段已核实：${IPO_STAGE_LABELS[rec.stage].zh}`, en: `Stage verified: ${IPO_STAGE_LABELS[rec.stage].en}` },
      body:
        handed > 0
          ? { zh: `金融办已核实，${handed}项政策奖励已进入兑现流程。`, en: `The finance office verified it: ${handed} policy reward(s) entered fulfilment.` }
          : { zh: '金融办已核实。本阶段在政策目录中暂无可兑现的奖励。', en: 'The finance office verified it. The catalogue has no reward to pay for this stage.' },
      link: '/ipo/mine',
    });
  });
  return entryView(deps, entry.id);
}

/** The stage's evidence: for the firm's people and the office covering it. */
export async function evidence(deps: IpoDeps, principal: Principal, recordId: string) {
  const rec = await repo.recordById(deps.db, recordId);
  const entry = rec ? await repo.entryById(deps.db, rec.entry_id) : undefined;
  if (!rec || !entry) throw notFound(RECORD);
  const mine = await myEnterprises(deps, principal);
  if (!mine.some((s) => s.id === entry.subject_id) && !mayManage(principal, entry.region_code)) throw notFound(RECORD);
  const file = await getFile(deps.db, rec.evidence_file_id);
  return { file, stream: openFileBytes(deps.config, file.id) };
}
