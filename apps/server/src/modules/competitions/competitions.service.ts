/**
 * Competitions' use cases: the office publishes a call and keeps the expert pool; enterprises
 * enter with their team, project and pitch deck; the office assigns each round's panel, and every
 * judge is kept off the entries they have a conflict of interest with (the reason recorded);
 * judges score through the review module (blind, outliers flagged); the office advances the
 * preliminary's best to the final and publishes the ranking with its tie-breaks. Winners' profiles
 * receive the verified fact the catalogue's competition items read (source `registry:competitions`).
 */
import {
  EXCLUSION_REASON_LABELS,
  creditCodeProblem,
  isCalendarDate,
  type CallBody,
  type CallManagement,
  type CallPage,
  type CallSummary,
  type CompetitionResult,
  type EntryBody,
  type EntryReviewBody,
  type Expert,
  type ExpertBody,
  type FieldError,
  type JudgingItem,
  type PanelBody,
} from '@seedbed/contract';
import { mayAccess, membershipsGranting, requireAccess, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { regionDisplayName } from '../regions/index.js';
import { reviewSummary, submitReview, type Rubric } from '../review/index.js';
import { creditCodeError, listMine, recordFacts } from '../subjects/index.js';
import { panelExclusions, type EntrantProfile, type JudgeProfile } from './competitions.conflicts.js';
import { rankEntries, TIE_BREAK_RULE, type ScoredEntry } from './competitions.ranking.js';
import * as repo from './competitions.repository.js';
import type { StoredCriterion } from './competitions.tables.js';

export type CompetitionsDeps = Pick<AppDeps, 'db' | 'clock' | 'dataKey' | 'events' | 'config' | 'modules'>;

/** Scores of an entry live in the review module under this owner; the round is 1 (preliminary) or 2 (final). */
const OWNER = 'competitions.entry';
/** Judges without a conflict who must score each entry of a round. */
export const MIN_JUDGES = 2;
/** The verified fact a winner's profile receives: what 南宁's competition item reads. */
export const WINNER_FACT = 'nn_won_renowned_competition';
const SOURCE = { source: 'registry:competitions', verified: true };
const CALL = { zh: '该大赛', en: 'Competition' };
const ENTRY = { zh: '该参赛项目', en: 'Entry' };

const rubricOf = (criteria: readonly StoredCriterion[]): Rubric => {
  const total = criteria.reduce((a, c) => a + c.max, 0);
  return { minAssessors: MIN_JUDGES, criteria: [...criteria], outlierPoints: Math.max(3, Math.round(total * 0.15)), blind: true };
};
const roundOf = (stage: string): 1 | 2 | null => (stage === 'preliminary' ? 1 : stage === 'final' || stage === 'published' ? 2 : null);
const regionName = (code: string) => regionDisplayName(code) ?? code;

const mayManage = (principal: Principal | undefined, regionCode: string) => principal !== undefined && mayAccess(principal, 'competitions.manage', { regionCode });
function requireManage(principal: Principal, call: repo.CallRow): void {
  requireAccess({ principal, permission: 'competitions.manage', regionCode: call.region_code }, { zh: '只有主管该大赛所在地区的双创办可以办理', en: "Only a programme office covering the competition's region may do this" });
}

async function loadCall(db: Db | Tx, id: string): Promise<repo.CallRow> {
  const call = await repo.callById(db, id);
  if (!call) throw notFound(CALL);
  return call;
}

const wrongStage = (doing: { zh: string; en: string }, stage: string) =>
  conflict('COMPETITION_STAGE', `大赛当前处于“${stageZh(stage)}”阶段，不能${doing.zh}`, `The competition is at the stage "${stage}": you cannot ${doing.en} now`);
const stageZh = (s: string) => ({ open: '报名中', preliminary: '初赛评审', final: '决赛评审', published: '结果已公布' })[s] ?? s;

// ---------------------------------------------------------------- public

const summary = (c: repo.CallRow): CallSummary => ({
  id: c.id,
  title: c.title,
  regionName: regionName(c.region_code),
  stage: c.stage,
  opensOn: c.opens_on,
  closesOn: c.closes_on,
  finalOn: c.final_on,
  tracks: c.tracks,
  entries: c.entries,
});

export async function listCalls(deps: CompetitionsDeps): Promise<CallSummary[]> {
  return (await repo.listCalls(deps.db)).map(summary);
}

/** Ranks a round's entries from the review module's scores (conflicts of interest carry none). */
async function rankRound(db: Db | Tx, call: repo.CallRow, entries: readonly repo.EntryRow[], round: number) {
  const rubric = rubricOf(call.rubric);
  const scored: ScoredEntry[] = [];
  for (const e of entries) {
    const s = await reviewSummary(db, { owner: OWNER, caseId: e.id }, round, rubric, { userId: '', mayStillReview: false });
    scored.push({ id: e.id, enteredAt: e.entered_at.toISOString(), reviews: s.entries.filter((r) => !r.conflict && r.total !== null).map((r) => ({ total: r.total!, scores: r.scores })) });
  }
  return { ranked: rankEntries(scored, call.rubric), scored };
}

async function results(db: Db | Tx, call: repo.CallRow): Promise<CompetitionResult[]> {
  if (call.stage !== 'published') return [];
  const entries = (await repo.entriesOf(db, call.id)).filter((e) => e.finalist);
  const { ranked, scored } = await rankRound(db, call, entries, 2);
  return ranked.map((r): CompetitionResult => {
    const e = entries.find((x) => x.id === r.id)!;
    return {
      rank: e.rank ?? r.rank,
      project: e.project,
      entrantName: e.entrant_name,
      track: e.track,
      mean: r.mean === null ? null : Math.round(r.mean * 100) / 100,
      median: r.median,
      decidedBy: r.decidedBy === 'mean' ? null : r.decidedBy,
      winner: e.winner,
      totals: scored.find((s) => s.id === r.id)!.reviews.map((x) => x.total).sort((a, b) => a - b),
    };
  });
}

export async function callPage(deps: CompetitionsDeps, principal: Principal | undefined, id: string): Promise<CallPage> {
  const call = await loadCall(deps.db, id);
  const today = deps.clock.today();
  const mine = principal ? (await listMine(deps.db, principal)).filter((s) => s.kind === 'enterprise') : [];
  const myEntries = await repo.entriesBySubjects(deps.db, mine.map((s) => s.id));
  const entered = new Set(myEntries.filter((e) => e.call_id === id).map((e) => e.subject_id));
  const open = call.stage === 'open' && call.opens_on <= today && today <= call.closes_on;
  return {
    ...summary(call),
    rules: call.rules,
    criteria: call.rubric,
    finalists: call.finalists,
    prizes: call.prizes,
    tieBreakRule: { ...TIE_BREAK_RULE },
    results: await results(deps.db, call),
    mayEnterFor: open ? mine.filter((s) => !entered.has(s.id)).map((s) => ({ subjectId: s.id, name: s.name })) : [],
    myEntries: myEntries
      .filter((e) => e.call_id === id)
      .map((e) => ({ id: e.id, project: e.project, track: e.track, enteredAt: instantOut(e.entered_at), finalist: e.finalist, rank: call.stage === 'published' ? e.rank : null, winner: e.winner })),
    mayManage: mayManage(principal, call.region_code),
  };
}

// ---------------------------------------------------------------- the call (programme office)

export async function createCall(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, body: CallBody): Promise<CallPage> {
  const office = membershipsGranting(principal, 'competitions.manage').find((m) => mayAccess(principal, 'competitions.manage', { regionCode: body.regionCode, organisationId: m.organisationId }));
  if (!office) throw forbidden('只有主管该地区的双创办可以发布大赛', "Only a programme office covering the region may publish a competition");
  const errors: FieldError[] = [];
  const title = body.title.trim();
  if (title.length < 4) errors.push(fieldError('title', 'minLength', '大赛名称至少4个字', 'at least 4 characters'));
  if (body.rules.trim().length < 10) errors.push(fieldError('rules', 'minLength', '请写明参赛规则（至少10个字）', 'state the rules (at least 10 characters)'));
  const tracks = body.tracks.map((x) => x.trim());
  tracks.forEach((x, i) => {
    if (!x) errors.push(fieldError(`tracks.${i}`, 'required', '赛道名称不能为空', 'a track needs a name'));
    else if (tracks.indexOf(x) !== i) errors.push(fieldError(`tracks.${i}`, 'unique', '赛道名称不能重复', 'track names must differ'));
  });
  const names = body.criteria.map((c) => c.name.trim());
  names.forEach((x, i) => {
    if (!x) errors.push(fieldError(`criteria.${i}.name`, 'required', '评分项名称不能为空', 'a criterion needs a name'));
    else if (names.indexOf(x) !== i) errors.push(fieldError(`criteria.${i}.name`, 'unique', '评分项名称不能重复', 'criterion names must differ'));
  });
  for (const f of ['opensOn', 'closesOn', 'finalOn'] as const) if (!isCalendarDate(body[f])) errors.push(fieldError(f, 'format:date', '应为有效日期', 'must be a real date'));
  if (body.closesOn < body.opensOn) errors.push(fieldError('closesOn', 'after_opens', '报名截止日不能早于报名开始日', 'must not lie before the opening date'));
  if (body.finalOn < body.closesOn) errors.push(fieldError('finalOn', 'after_closes', '决赛日期不能早于报名截止日', 'must not lie before the closing date'));
  if (body.closesOn < deps.clock.today()) errors.push(fieldError('closesOn', 'not_past', '报名截止日不能早于今天', 'must not lie before today'));
  if (body.prizes > body.finalists) errors.push(fieldError('prizes', 'within_finalists', '获奖名额不能多于进入决赛的名额', 'there cannot be more prizes than finalists'));
  if (regionDisplayName(body.regionCode) === undefined) errors.push(fieldError('regionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
  if (errors.length) throw invalid(errors);
  const rubric: StoredCriterion[] = body.criteria.map((c, i) => ({ id: `c${i + 1}`, label: { zh: c.name.trim(), en: c.name.trim() }, max: c.max }));
  const id = await deps.db.transaction().execute(async (trx) => {
    if (await repo.callNamed(trx, body.regionCode, title))
      throw conflict('COMPETITION_TITLE_TAKEN', '本地区已有同名大赛', 'A competition of this name already exists in the region', [fieldError('title', 'unique', '本地区已有同名大赛', 'is already used in this region')]);
    const id = await repo.insertCall(trx, {
      region_code: body.regionCode,
      organisation_id: office.organisationId,
      title,
      rules: body.rules.trim(),
      tracks,
      rubric,
      opens_on: body.opensOn,
      closes_on: body.closesOn,
      final_on: body.finalOn,
      finalists: body.finalists,
      prizes: body.prizes,
      stage: 'open',
      published_at: null,
      created_by: principal.userId,
      created_at: deps.clock.now(),
    });
    await record(trx, deps.clock, ctx, { action: 'competition.called', entityType: 'competition', entityId: id, data: { title, regionCode: body.regionCode, tracks, rubric } });
    return id;
  });
  return callPage(deps, principal, id);
}

// ---------------------------------------------------------------- entering (an enterprise)

export async function enter(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, callId: string, body: EntryBody): Promise<CallPage> {
  const call = await loadCall(deps.db, callId);
  const mine = (await listMine(deps.db, principal)).find((s) => s.id === body.subjectId && s.kind === 'enterprise');
  if (!mine) throw forbidden('只能以您所在企业的名义报名', 'You may enter only for your own enterprise');
  const today = deps.clock.today();
  const errors: FieldError[] = [];
  if (!call.tracks.includes(body.track.trim())) errors.push(fieldError('track', 'enum', '请选择本大赛的赛道', "must be one of the competition's tracks"));
  if (body.project.trim().length < 2) errors.push(fieldError('project', 'minLength', '请填写项目名称', 'name the project'));
  if (body.summary.trim().length < 10) errors.push(fieldError('summary', 'minLength', '项目简介至少10个字', 'at least 10 characters'));
  body.team.forEach((m, i) => {
    if (!m.name.trim()) errors.push(fieldError(`team.${i}.name`, 'required', '请填写成员姓名', "give the member's name"));
    if (!m.role.trim()) errors.push(fieldError(`team.${i}.role`, 'required', '请填写成员分工', "give the member's role"));
  });
  let deck;
  try {
    deck = await getFile(deps.db, body.deckFileId);
  } catch {
    deck = undefined;
  }
  if (!deck || deck.ownerUserId !== principal.userId) errors.push(fieldError('deckFileId', 'own_upload', '应为您本人上传的文件', 'must be a file you uploaded'));
  else if (deck.contentType !== 'application/pdf') errors.push(fieldError('deckFileId', 'pdf', '路演材料应为PDF文件', 'the pitch deck must be a PDF'));
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCall(trx, callId);
    const locked = await loadCall(trx, callId);
    if (locked.stage !== 'open' || today > locked.closes_on)
      throw conflict('COMPETITION_CLOSED', '大赛报名已截止', 'Entries to this competition are closed', [fieldError('callId', 'open', '报名已截止', 'entries are closed')]);
    if (today < locked.opens_on)
      throw conflict('COMPETITION_NOT_OPEN', `大赛报名将于${locked.opens_on}开始`, `Entries open on ${locked.opens_on}`, [fieldError('callId', 'open', '报名尚未开始', 'entries are not open yet')]);
    const id = await repo.insertEntry(trx, {
      call_id: callId,
      subject_id: mine.id,
      organisation_id: (await repo.organisationOfSubject(trx, mine.id))!,
      track: body.track.trim(),
      project: body.project.trim(),
      summary: body.summary.trim(),
      team: body.team.map((m) => ({ name: m.name.trim(), role: m.role.trim() })),
      region_code: mine.regionCode ?? locked.region_code,
      deck_file_id: body.deckFileId,
      entered_by: principal.userId,
      entered_at: deps.clock.now(),
      rank: null,
    });
    if (!id) throw conflict('COMPETITION_ENTERED', '该企业已报名本大赛', 'This enterprise has already entered the competition', [fieldError('subjectId', 'unique', '每家企业只能报名一次', 'an enterprise enters once')]);
    await record(trx, deps.clock, ctx, { action: 'competition.entered', entityType: 'competition_entry', entityId: id, data: { callId, subjectId: mine.id, project: body.project.trim(), track: body.track.trim(), deckFileId: body.deckFileId } });
  });
  return callPage(deps, principal, callId);
}


// ---------------------------------------------------------------- the expert pool (programme office)

async function expertViews(db: Db | Tx, ids?: readonly string[]): Promise<(Expert & { profile: JudgeProfile; userId: string })[]> {
  const rows = await repo.experts(db, ids);
  const ties = await repo.tiesOf(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const mine = ties.filter((t) => t.expert_id === r.id);
    return {
      id: r.id,
      userId: r.user_id,
      name: r.name,
      employerName: r.employer_name,
      fields: r.fields,
      ties: mine.map((t) => ({ enterpriseName: t.enterprise_name, relation: t.relation })),
      profile: { expertId: r.id, employerName: r.employer_name, employerCreditCode: r.employer_credit_code, ties: mine.map((t) => ({ creditCode: t.credit_code, relation: t.relation, enterpriseName: t.enterprise_name })) },
    };
  });
}

const publicExpert = ({ id, name, employerName, fields, ties }: Expert): Expert => ({ id, name, employerName, fields, ties });

export async function listExperts(deps: CompetitionsDeps, principal: Principal): Promise<Expert[]> {
  if (!principal.permissions.has('competitions.manage')) throw forbidden();
  return (await expertViews(deps.db)).map(publicExpert);
}

export async function addExpert(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, body: ExpertBody): Promise<Expert[]> {
  const user = await repo.expertUser(deps.db, body.username.trim());
  const errors: FieldError[] = [];
  if (!user) errors.push(fieldError('username', 'known_user', '没有这个账号', 'no such account'));
  else if (user.region_code === null) errors.push(fieldError('username', 'expert_role', '该账号不是评审专家（须在主管部门担任评审专家角色）', 'the account is not an expert (it must hold the expert role in a department)'));
  const code = body.employerCreditCode?.trim().toUpperCase() ?? null;
  if (code !== null) {
    const p = creditCodeProblem(code);
    if (p) errors.push(creditCodeError('employerCreditCode', p));
  }
  body.ties.forEach((t, i) => {
    const p = creditCodeProblem(t.creditCode.trim().toUpperCase());
    if (p) errors.push(creditCodeError(`ties.${i}.creditCode`, p));
  });
  if (errors.length) throw invalid(errors);
  requireAccess({ principal, permission: 'competitions.manage', regionCode: user!.region_code! }, { zh: '只能将本地区的评审专家纳入专家库', en: 'You may add experts of your own region only' });
  await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertExpert(
      trx,
      { user_id: user!.id, region_code: user!.region_code!, employer_name: body.employerName.trim(), employer_credit_code: code, fields: body.fields.trim(), created_by: principal.userId, created_at: deps.clock.now() },
      body.ties.map((t) => ({ credit_code: t.creditCode.trim().toUpperCase(), enterprise_name: t.enterpriseName.trim(), relation: t.relation })),
    );
    if (!id) throw conflict('EXPERT_IN_POOL', '该专家已在专家库中', 'This expert is already in the pool', [fieldError('username', 'unique', '已在专家库中', 'is already in the pool')]);
    await record(trx, deps.clock, ctx, { action: 'competition.expert_added', entityType: 'competition_expert', entityId: id, data: { userId: user!.id, employerName: body.employerName.trim(), ties: body.ties.length } });
  });
  return listExperts(deps, principal);
}

// ---------------------------------------------------------------- panels (programme office)

const roundEntries = (entries: readonly repo.EntryRow[], round: number) => (round === 1 ? entries : entries.filter((e) => e.finalist));

/**
 * Assigns judges to a round (adding to the panel already there). Each judge is excluded from the
 * entries they have a conflict of interest with, the reason recorded; every entry must keep at
 * least `MIN_JUDGES` judges. Assigning the preliminary panel closes entries.
 */
export async function assignPanel(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, callId: string, round: number, body: PanelBody): Promise<CallManagement> {
  const call = await loadCall(deps.db, callId);
  requireManage(principal, call);
  const ids = [...new Set(body.expertIds)];
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCall(trx, callId);
    const locked = await loadCall(trx, callId);
    const allowed = round === 1 ? ['open', 'preliminary'] : ['final'];
    if (!allowed.includes(locked.stage)) throw wrongStage({ zh: `为${round === 1 ? '初赛' : '决赛'}指派评委`, en: `assign the ${round === 1 ? 'preliminary' : 'final'} panel` }, locked.stage);
    const entries = roundEntries(await repo.entriesOf(trx, callId), round);
    if (entries.length === 0) throw conflict('COMPETITION_NO_ENTRIES', '还没有参赛项目，不能指派评委', 'There are no entries to judge yet', [fieldError('expertIds', 'entries', '还没有参赛项目', 'no entries yet')]);
    const existing = (await repo.panelsOf(trx, callId)).filter((p) => p.round === round).map((p) => p.expert_id);
    const fresh = ids.filter((x) => !existing.includes(x));
    const judges = await expertViews(trx, [...existing, ...fresh]);
    const missing = fresh.filter((x) => !judges.some((j) => j.id === x));
    if (missing.length) throw invalid([fieldError('expertIds', 'known_expert', '所选评委不在专家库中', 'a chosen judge is not in the expert pool')]);
    if (fresh.length === 0) throw invalid([fieldError('expertIds', 'new_judges', '所选评委已在本轮评审组中', 'the chosen judges already sit on this round')]);
    const entrants: EntrantProfile[] = entries.map((e) => ({ entryId: e.id, organisationName: e.entrant_name, creditCode: e.credit_code }));
    const exclusions = panelExclusions(judges.filter((j) => fresh.includes(j.id)).map((j) => j.profile), entrants);
    const prior = (await repo.exclusionsOf(trx, callId)).filter((x) => x.round === round);
    const panel = [...existing, ...fresh];
    const short = entries.filter((e) => panel.filter((j) => !exclusions.some((x) => x.entryId === e.id && x.expertId === j) && !prior.some((x) => x.entry_id === e.id && x.expert_id === j)).length < MIN_JUDGES);
    if (short.length)
      throw conflict(
        'PANEL_TOO_SMALL',
        `排除利益冲突后，“${short.map((e) => e.project).join('、')}”的评委少于${MIN_JUDGES}人，请增加评委`,
        `After conflicts of interest are excluded, ${short.map((e) => e.project).join(', ')} would have fewer than ${MIN_JUDGES} judges: add judges`,
        [fieldError('expertIds', 'min_judges', `每个项目至少应有${MIN_JUDGES}名无利益冲突的评委`, `every entry needs at least ${MIN_JUDGES} judges without a conflict of interest`)],
      );
    const now = deps.clock.now();
    await repo.insertPanel(trx, callId, round, fresh, principal.userId, now);
    await repo.insertExclusions(trx, exclusions.map((x) => ({ call_id: callId, round, entry_id: x.entryId, expert_id: x.expertId, reason: x.reason, detail_zh: x.detail.zh, detail_en: x.detail.en, recorded_at: now })));
    if (round === 1 && locked.stage === 'open') await repo.updateCall(trx, callId, { stage: 'preliminary' });
    for (const j of judges.filter((x) => fresh.includes(x.id)))
      await notify(trx, deps, {
        userId: j.userId,
        kind: 'competitions.judging',
        title: { zh: `请评审“${locked.title}”${round === 1 ? '初赛' : '决赛'}`, en: `Please judge the ${round === 1 ? 'preliminary' : 'final'} round of "${locked.title}"` },
        body: { zh: '您已被指派为本轮评委。与您有利益关系的项目已自动回避。', en: 'You sit on this round\'s panel. Entries you have a conflict of interest with are excluded automatically.' },
        link: '/competitions-judging',
        dedupeKey: `competition:${callId}:r${round}:${j.id}`,
      });
    await record(trx, deps.clock, ctx, {
      action: 'competition.panel_assigned',
      entityType: 'competition',
      entityId: callId,
      data: { round, expertIds: fresh, exclusions: exclusions.map((x) => ({ entryId: x.entryId, expertId: x.expertId, reason: x.reason })) },
    });
  });
  return management(deps, principal, callId);
}

// ---------------------------------------------------------------- the office's view

export async function management(deps: CompetitionsDeps, principal: Principal, callId: string): Promise<CallManagement> {
  const call = await loadCall(deps.db, callId);
  requireManage(principal, call);
  const round = roundOf(call.stage);
  const all = await repo.entriesOf(deps.db, callId);
  const panels = await repo.panelsOf(deps.db, callId);
  const pool = await expertViews(deps.db);
  const exclusions = await repo.exclusionsOf(deps.db, callId);
  const rubric = rubricOf(call.rubric);
  const shown = round === null ? all : roundEntries(all, round);
  const entries = [];
  let complete = round !== null && shown.length > 0;
  for (const e of shown) {
    const panel = round === null ? [] : panels.filter((p) => p.round === round);
    const expected = panel.filter((p) => !exclusions.some((x) => x.round === round && x.entry_id === e.id && x.expert_id === p.expert_id)).length;
    const s = round === null ? null : await reviewSummary(deps.db, { owner: OWNER, caseId: e.id }, round, rubric, { userId: principal.userId, mayStillReview: false });
    const reviews = (s?.entries ?? []).map((r) => ({ judgeName: r.assessorName, conflict: r.conflict, total: r.total, scores: r.scores, outlier: r.outlier }));
    if (!s || s.scored < MIN_JUDGES || panel.length === 0) complete = false;
    entries.push({
      id: e.id,
      project: e.project,
      entrantName: e.entrant_name,
      regionName: regionName(e.region_code),
      track: e.track,
      enteredAt: instantOut(e.entered_at),
      finalist: e.finalist,
      rank: call.stage === 'published' ? e.rank : null,
      winner: e.winner,
      reviews,
      judgesExpected: expected,
    });
  }
  const name = (expertId: string) => pool.find((x) => x.id === expertId)?.name ?? '';
  return {
    call: await callPage(deps, principal, callId),
    round,
    entries,
    panel: panels.map((p) => ({ round: p.round, expertId: p.expert_id, name: name(p.expert_id) })),
    exclusions: exclusions.map((x) => {
      const e = all.find((y) => y.id === x.entry_id)!;
      return { round: x.round, project: e.project, entrantName: e.entrant_name, judgeName: name(x.expert_id), reason: x.reason, detail: { zh: x.detail_zh || EXCLUSION_REASON_LABELS[x.reason].zh, en: x.detail_en } };
    }),
    experts: pool.map(publicExpert),
    roundComplete: complete,
    minJudges: MIN_JUDGES,
  };
}

async function requireRoundComplete(db: Db | Tx, call: repo.CallRow, entries: readonly repo.EntryRow[], round: number): Promise<void> {
  const panels = (await repo.panelsOf(db, call.id)).filter((p) => p.round === round);
  if (panels.length === 0) throw conflict('PANEL_MISSING', '本轮尚未指派评委', 'No panel has been assigned to this round');
  const rubric = rubricOf(call.rubric);
  const short: string[] = [];
  for (const e of entries) {
    const s = await reviewSummary(db, { owner: OWNER, caseId: e.id }, round, rubric, { userId: '', mayStillReview: false });
    if (s.scored < MIN_JUDGES) short.push(e.project);
  }
  if (short.length)
    throw conflict('ROUND_INCOMPLETE', `以下项目的有效评分少于${MIN_JUDGES}份：${short.join('、')}`, `These entries have fewer than ${MIN_JUDGES} scores: ${short.join(', ')}`, [
      fieldError('round', 'min_judges', `每个项目至少需要${MIN_JUDGES}份有效评分`, `every entry needs at least ${MIN_JUDGES} scores`),
    ]);
}

/** Closes the preliminary round: the best `finalists` entries by the ranking rule go to the final. */
export async function advance(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, callId: string): Promise<CallManagement> {
  requireManage(principal, await loadCall(deps.db, callId));
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCall(trx, callId);
    const call = await loadCall(trx, callId);
    if (call.stage !== 'preliminary') throw wrongStage({ zh: '结束初赛', en: 'close the preliminary round' }, call.stage);
    const entries = await repo.entriesOf(trx, callId);
    await requireRoundComplete(trx, call, entries, 1);
    const { ranked } = await rankRound(trx, call, entries, 1);
    const finalists = ranked.slice(0, call.finalists).map((r) => r.id);
    await repo.setFinalists(trx, finalists);
    await repo.updateCall(trx, callId, { stage: 'final' });
    for (const e of entries)
      await notify(trx, deps, {
        subjectId: e.subject_id,
        kind: 'competitions.result',
        title: finalists.includes(e.id) ? { zh: `“${e.project}”进入“${call.title}”决赛`, en: `"${e.project}" is in the final of "${call.title}"` } : { zh: `“${e.project}”未进入“${call.title}”决赛`, en: `"${e.project}" did not reach the final of "${call.title}"` },
        body: { zh: '初赛评审已结束。', en: 'The preliminary round is over.' },
        link: `/competitions/${callId}`,
        dedupeKey: `competition:${callId}:advance:${e.id}`,
      });
    await record(trx, deps.clock, ctx, { action: 'competition.advanced', entityType: 'competition', entityId: callId, data: { finalists, ranking: ranked.map((r) => ({ entryId: r.id, rank: r.rank, mean: r.mean })) } });
  });
  return management(deps, principal, callId);
}

/**
 * Publishes the final's ranking: places by the rule with its tie-breaks, the first `prizes` win.
 * Each winner's profile receives the verified fact the catalogue's competition item reads, in the
 * same transaction; the finder then tells the winner it qualifies.
 */
export async function publish(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, callId: string): Promise<CallManagement> {
  requireManage(principal, await loadCall(deps.db, callId));
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCall(trx, callId);
    const call = await loadCall(trx, callId);
    if (call.stage !== 'final') throw wrongStage({ zh: '公布结果', en: 'publish the results' }, call.stage);
    const finalists = (await repo.entriesOf(trx, callId)).filter((e) => e.finalist);
    await requireRoundComplete(trx, call, finalists, 2);
    const { ranked } = await rankRound(trx, call, finalists, 2);
    for (const r of ranked) {
      const winner = r.rank <= call.prizes;
      await repo.setRank(trx, r.id, r.rank, winner);
      const e = finalists.find((x) => x.id === r.id)!;
      if (winner) await recordFacts(trx, deps, ctx, e.subject_id, { facts: { [WINNER_FACT]: true } }, SOURCE);
      await notify(trx, deps, {
        subjectId: e.subject_id,
        kind: 'competitions.result',
        title: { zh: `“${call.title}”结果公布：“${e.project}”第${r.rank}名${winner ? '，获奖' : ''}`, en: `"${call.title}" results: "${e.project}" placed ${r.rank}${winner ? ', a prize' : ''}` },
        body: winner ? { zh: '获奖信息已记入企业档案；可据此申请相关扶持政策。', en: "The prize is recorded on your enterprise's profile; you may apply for the support it qualifies for." } : { zh: '感谢参赛。', en: 'Thank you for taking part.' },
        link: `/competitions/${callId}`,
        dedupeKey: `competition:${callId}:result:${e.id}`,
      });
    }
    await repo.updateCall(trx, callId, { stage: 'published', published_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'competition.published', entityType: 'competition', entityId: callId, data: { ranking: ranked.map((r) => ({ entryId: r.id, rank: r.rank, mean: r.mean, median: r.median, decidedBy: r.decidedBy })), prizes: call.prizes } });
  });
  return management(deps, principal, callId);
}

// ---------------------------------------------------------------- judging (experts on a panel)

async function judgeOf(db: Db | Tx, principal: Principal) {
  const expert = await repo.expertByUser(db, principal.userId);
  if (!expert) throw forbidden('您不在大赛评审专家库中', 'You are not in the competitions expert pool');
  return expert;
}

export async function judging(deps: CompetitionsDeps, principal: Principal): Promise<JudgingItem[]> {
  const expert = await repo.expertByUser(deps.db, principal.userId);
  if (!expert) return [];
  const out: JudgingItem[] = [];
  for (const seat of await repo.judgingOf(deps.db, expert.id)) {
    const call = await loadCall(deps.db, seat.call_id);
    const exclusions = (await repo.exclusionsOf(deps.db, call.id)).filter((x) => x.round === seat.round && x.expert_id === expert.id);
    const rubric = rubricOf(call.rubric);
    for (const e of roundEntries(await repo.entriesOf(deps.db, call.id), seat.round)) {
      if (exclusions.some((x) => x.entry_id === e.id)) continue;
      const s = await reviewSummary(deps.db, { owner: OWNER, caseId: e.id }, seat.round, rubric, { userId: principal.userId, mayStillReview: true });
      out.push({ entryId: e.id, callId: call.id, callTitle: call.title, round: seat.round, project: e.project, track: e.track, summary: e.summary, team: e.team, criteria: call.rubric, reviewed: s.entries.some((r) => r.mine) });
    }
  }
  return out;
}

/** A judge's score of an entry (or a declared conflict, which also records an exclusion). */
export async function reviewEntry(deps: CompetitionsDeps, principal: Principal, ctx: AuditContext, entryId: string, body: EntryReviewBody): Promise<JudgingItem[]> {
  const expert = await judgeOf(deps.db, principal);
  const entry = await repo.entryById(deps.db, entryId);
  if (!entry) throw notFound(ENTRY);
  await deps.db.transaction().execute(async (trx) => {
    await repo.lockCall(trx, entry.call_id);
    const call = await loadCall(trx, entry.call_id);
    if (roundOf(call.stage) !== body.round || call.stage === 'published') throw invalid([fieldError('round', 'current_round', '本轮不在评审中', 'this round is not being judged')]);
    if (body.round === 2 && !entry.finalist) throw invalid([fieldError('round', 'finalist', '该项目未进入决赛', 'the entry is not in the final')]);
    const seated = (await repo.panelsOf(trx, call.id)).some((p) => p.round === body.round && p.expert_id === expert.id);
    if (!seated) throw forbidden('您不是本轮评委', 'You do not sit on this round’s panel');
    const excluded = (await repo.exclusionsOf(trx, call.id)).find((x) => x.round === body.round && x.entry_id === entryId && x.expert_id === expert.id);
    if (excluded) throw forbidden(`您已回避该项目：${excluded.detail_zh}`, `You are excluded from this entry: ${excluded.detail_en}`);
    await submitReview(trx, deps.clock, { owner: OWNER, caseId: entryId }, body.round, { userId: principal.userId, interested: false }, rubricOf(call.rubric), body);
    if (body.conflict) {
      const note = body.conflictNote?.trim() ?? '';
      await repo.insertExclusions(trx, [{ call_id: call.id, round: body.round, entry_id: entryId, expert_id: expert.id, reason: 'declared', detail_zh: `评委声明利益冲突：${note}`, detail_en: `The judge declared a conflict of interest: ${note}`, recorded_at: deps.clock.now() }]);
    }
    await record(trx, deps.clock, ctx, { action: body.conflict ? 'competition.conflict_declared' : 'competition.scored', entityType: 'competition_entry', entityId: entryId, data: { round: body.round } });
  });
  return judging(deps, principal);
}

/** Who may read an entry's pitch deck: the entrant, the office covering the call, judges of its rounds who are not excluded. */
export async function deckOf(deps: CompetitionsDeps, principal: Principal, entryId: string) {
  const entry = await repo.entryById(deps.db, entryId);
  if (!entry) throw notFound(ENTRY);
  const call = await loadCall(deps.db, entry.call_id);
  const own = (await listMine(deps.db, principal)).some((s) => s.id === entry.subject_id);
  let judge = false;
  const expert = await repo.expertByUser(deps.db, principal.userId);
  if (expert) {
    const seats = (await repo.panelsOf(deps.db, call.id)).filter((p) => p.expert_id === expert.id && (p.round === 1 || entry.finalist));
    const excluded = await repo.exclusionsOf(deps.db, call.id);
    judge = seats.some((s) => !excluded.some((x) => x.round === s.round && x.entry_id === entryId && x.expert_id === expert.id));
  }
  if (!own && !judge && !mayManage(principal, call.region_code)) throw forbidden('只有参赛企业、主管双创办和本项目的评委可以查看路演材料', "Only the entrant, the programme office and the entry's judges may read the pitch deck");
  return getFile(deps.db, entry.deck_file_id);
}
