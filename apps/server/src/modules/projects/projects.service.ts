/**
 * The project library's use cases: posting (a person for themself, a service organisation's member
 * for its provider profile), admission by the department keeping the library (the human-resources
 * bureau: the catalogue item's lead unit mapped in the project's city, else any official holding
 * `projects.admit` over the region), the public library searched in words and pinyin, adoptions
 * (an enterprise asks, the poster answers, the adopter records the successful start-up with
 * evidence, the bureau verifies it fixing the reward) and the reward that verification triggers
 * (`projects.rewards.ts`).
 */
import {
  PROJECT_KIND_LABELS,
  PROJECT_OFFER_LABELS,
  isCalendarDate,
  type Adoption,
  type AdoptionAnswerBody,
  type AdoptionBody,
  type AdoptionSuccessBody,
  type AdoptionVerifyBody,
  type FieldError,
  type MyProjects,
  type ProjectBody,
  type ProjectDecisionBody,
  type ProjectDetail,
  type ProjectQuery,
  type ProjectReviewQueue,
  type ProjectSummary,
} from '@seedbed/contract';
import { mayAccess, type Principal } from '../../platform/access.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile, openFileBytes } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { indexLexemes, regionPrefix, searchQuery } from '../policies/index.js';
import { INDUSTRIES, isIndustryCode, regionDisplayName, regionExists } from '../regions/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './projects.repository.js';
import { evaluateReward, keeperOf, rewardItemFor, type RewardDeps } from './projects.rewards.js';

export type ProjectsDeps = RewardDeps;
const PROJECT = { zh: '该项目', en: 'Project' };
const ADOPTION = { zh: '该采用申请', en: 'Adoption' };
const industryName = (code: string) => INDUSTRIES.find((i) => i.code === code)?.name ?? code;

type Mine = Awaited<ReturnType<typeof listMine>>;
const mine = (deps: Pick<AppDeps, 'db'>, principal: Principal | null): Promise<Mine> => (principal ? listMine(deps.db, principal) : Promise.resolve([]));

/** The officials of the department keeping the library (or, where none is mapped, those covering the region). */
const mayReview = (principal: Principal | null, p: { keeper_id: string | null; region_code: string }) =>
  principal !== null && mayAccess(principal, 'projects.admit', { ...(p.keeper_id ? { organisationId: p.keeper_id } : {}), regionCode: p.region_code });

const summaryOut = (p: repo.ProjectRow): ProjectSummary => ({
  id: p.id,
  title: p.title,
  kind: p.kind,
  summary: p.summary,
  industry: p.industry,
  industryName: industryName(p.industry),
  regionCode: p.region_code,
  regionName: regionDisplayName(p.region_code) ?? p.region_code,
  offers: p.offers,
  posterName: p.poster_name,
  posterIsPerson: p.poster_kind === 'person',
  status: p.status,
  admittedOn: p.admitted_on,
  adoptions: p.adoptions,
});

function adoptionOut(a: repo.AdoptionRow, side: Adoption['side']): Adoption {
  return {
    id: a.id,
    projectId: a.project_id,
    projectTitle: a.project_title,
    adopterName: a.adopter_name,
    posterName: a.poster_name,
    side,
    plan: a.plan,
    status: a.status,
    requestedAt: instantOut(a.created_at),
    answerNote: a.answer_note,
    succeededOn: a.succeeded_on,
    successNote: a.success_note,
    evidenceName: a.evidence_name,
    returnNote: a.return_note,
    rewardFen: a.reward_fen === null ? null : Number(a.reward_fen),
    verifiedOn: a.verified_on,
  };
}

async function detailsOut(deps: ProjectsDeps, principal: Principal | null, rows: repo.ProjectRow[], subjects?: Mine): Promise<ProjectDetail[]> {
  const my = subjects ?? (await mine(deps, principal));
  const myIds = new Set(my.map((s) => s.id));
  const ids = rows.map((r) => r.id);
  const adoptions = ids.length ? await repo.adoptionsOf(deps.db, { projectIds: ids }) : [];
  const verdicts = await repo.verdictsOf(deps.db, ids);
  const out: ProjectDetail[] = [];
  for (const p of rows) {
    const isMine = myIds.has(p.poster_subject_id);
    const reviewer = mayReview(principal, p);
    const item = await rewardItemFor(deps, p.region_code);
    out.push({
      ...summaryOut(p),
      keeperName: p.keeper_name,
      attachmentName: p.attachment_name,
      attachmentUrl: p.attachment_file_id && (p.status === 'admitted' || isMine || reviewer) ? `/api/v1/projects/${p.id}/attachment` : null,
      returnReason: p.return_reason,
      postedAt: instantOut(p.created_at),
      mine: isMine,
      mayReview: reviewer,
      adoptionList: adoptions
        .filter((a) => a.project_id === p.id && (isMine || reviewer || myIds.has(a.adopter_subject_id)))
        .map((a) => adoptionOut(a, myIds.has(a.adopter_subject_id) ? 'adopter' : isMine ? 'poster' : 'official')),
      rewards:
        isMine || reviewer
          ? verdicts
              .filter((v) => v.project_id === p.id)
              .map((v) => ({
                itemTitle: v.item_title as { zh: string; en: string },
                status: v.status,
                amountFen: v.amount_fen === null ? null : Number(v.amount_fen),
                reasons: v.reasons as { zh: string; en: string }[],
                handedToFulfilment: v.handed,
              }))
          : [],
      rewardItem: item ? { title: item.title, note: item.note, payableToPoster: p.poster_kind === 'provider' } : null,
    });
  }
  return out;
}

async function oneProject(deps: ProjectsDeps, principal: Principal | null, id: string): Promise<ProjectDetail> {
  const row = await repo.projectById(deps.db, id);
  if (!row) throw notFound(PROJECT);
  const [out] = await detailsOut(deps, principal, [row]);
  // Projects outside the library are seen by their poster and the department keeping it only.
  if (!out || (row.status !== 'admitted' && !out.mine && !out.mayReview)) throw notFound(PROJECT);
  return out;
}

// ---------------------------------------------------------------- the public library

export async function searchProjects(deps: ProjectsDeps, q: ProjectQuery): Promise<ProjectSummary[]> {
  const text = q.q?.trim();
  const tsquery = text ? searchQuery(text) : null;
  if (text && !tsquery) return [];
  const rows = await repo.searchProjects(deps.db, { tsquery, kind: q.kind ?? null, industry: q.industry ?? null, regionPrefix: q.region ? regionPrefix(q.region) : null });
  return rows.map(summaryOut);
}

export const getProject = (deps: ProjectsDeps, principal: Principal | null, id: string) => oneProject(deps, principal, id);

export async function attachment(deps: ProjectsDeps, principal: Principal | null, id: string) {
  const p = await oneProject(deps, principal, id);
  const row = await repo.projectById(deps.db, id);
  if (!p.attachmentUrl || !row?.attachment_file_id) throw notFound({ zh: '该项目的附件', en: "The project's attachment" });
  const file = await getFile(deps.db, row.attachment_file_id);
  return { file, stream: openFileBytes(deps.config, file.id) };
}

// ---------------------------------------------------------------- posting

export const lexemesOf = (b: { title: string; summary: string; kind: keyof typeof PROJECT_KIND_LABELS; industry: string; regionCode: string; offers: readonly (keyof typeof PROJECT_OFFER_LABELS)[] }, poster: string) =>
  indexLexemes(
    `${b.title} ${b.summary} ${PROJECT_KIND_LABELS[b.kind].zh} ${industryName(b.industry)} ${regionDisplayName(b.regionCode) ?? ''} ${b.offers.map((o) => PROJECT_OFFER_LABELS[o].zh).join(' ')} ${poster}`,
  );

async function checkBody(deps: ProjectsDeps, principal: Principal, body: ProjectBody, my: Mine): Promise<{ poster: Mine[number] }> {
  const errors: FieldError[] = [];
  const poster = my.find((s) => s.id === body.subjectId && (s.kind === 'person' || s.kind === 'provider'));
  if (!poster) errors.push(fieldError('subjectId', 'poster', '只能以本人或您所在的服务机构发布项目', 'must be yourself or a service organisation you act for'));
  if (body.title.trim().length < 4) errors.push(fieldError('title', 'minLength', '项目名称至少4个字', 'must have at least 4 characters'));
  if (body.summary.trim().length < 20) errors.push(fieldError('summary', 'minLength', '项目简介至少20个字', 'must have at least 20 characters'));
  if (!isIndustryCode(body.industry)) errors.push(fieldError('industry', 'known_industry', '不是国民经济行业分类（GB/T 4754）中的行业', 'is not a GB/T 4754 industry'));
  if (!(await regionExists(deps.db, body.regionCode))) errors.push(fieldError('regionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
  if (body.attachmentFileId !== null) {
    const file = await getFile(deps.db, body.attachmentFileId).catch(() => null);
    if (!file) errors.push(fieldError('attachmentFileId', 'uploaded', '请先上传附件', 'upload the attachment first'));
    else if (file.ownerUserId !== principal.userId) errors.push(fieldError('attachmentFileId', 'own_upload', '附件应由本人上传', 'must be a file you uploaded'));
    else if (file.contentType !== 'application/pdf') errors.push(fieldError('attachmentFileId', 'pdf', '附件应为PDF文件', 'must be a PDF'));
  }
  if (errors.length > 0) throw invalid(errors);
  return { poster: poster! };
}

const titleTaken = () =>
  conflict('PROJECT_TITLE_TAKEN', '您已发布过同名项目', 'You have already posted a project of this title', [fieldError('title', 'unique', '同一发布者的项目名称不能重复（奖励按每个项目一次）', 'one project of each title per poster (a reward is once per project)')]);
const isUnique = (e: unknown) => (e as { code?: unknown }).code === '23505';

export async function postProject(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, body: ProjectBody): Promise<ProjectDetail> {
  const { poster } = await checkBody(deps, principal, body, await mine(deps, principal));
  const keeper = await keeperOf(deps, body.regionCode);
  const now = deps.clock.now();
  let id: string;
  try {
    id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertProject(
        trx,
        {
          poster_user_id: principal.userId,
          poster_subject_id: poster.id,
          title: body.title.trim(),
          kind: body.kind,
          summary: body.summary.trim(),
          industry: body.industry,
          region_code: body.regionCode,
          offers: body.offers,
          attachment_file_id: body.attachmentFileId,
          keeper_id: keeper,
          status: 'submitted',
          return_reason: null,
          decided_by: null,
          decided_at: null,
          admitted_on: null,
          created_at: now,
          updated_at: now,
        },
        lexemesOf({ ...body, title: body.title.trim() }, poster.name),
      );
      await record(trx, deps.clock, ctx, { action: 'project.posted', entityType: 'project', entityId: id, data: { title: body.title.trim(), kind: body.kind, subjectId: poster.id, regionCode: body.regionCode } });
      return id;
    });
  } catch (e) {
    if (isUnique(e)) throw titleTaken();
    throw e;
  }
  return oneProject(deps, principal, id);
}

/** The poster changes a project awaiting admission or returned: it goes (back) to admission. */
export async function editProject(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, id: string, body: ProjectBody): Promise<ProjectDetail> {
  const my = await mine(deps, principal);
  const row = await repo.projectById(deps.db, id);
  if (!row || !my.some((s) => s.id === row.poster_subject_id)) throw notFound(PROJECT);
  const { poster } = await checkBody(deps, principal, body, my);
  if (poster.id !== row.poster_subject_id) throw invalid([fieldError('subjectId', 'same_poster', '项目的发布者不能更换', "a project's poster cannot change")]);
  const keeper = await keeperOf(deps, body.regionCode);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const now = await repo.projectById(trx, id, true);
      if (now?.status === 'admitted') throw conflict('PROJECT_ADMITTED', '项目已入库，不能再修改', 'The project is in the library: it can no longer be changed');
      await repo.updateProject(
        trx,
        id,
        { title: body.title.trim(), kind: body.kind, summary: body.summary.trim(), industry: body.industry, region_code: body.regionCode, offers: body.offers, attachment_file_id: body.attachmentFileId, keeper_id: keeper, updated_at: deps.clock.now() },
        lexemesOf({ ...body, title: body.title.trim() }, poster.name),
      );
      await record(trx, deps.clock, ctx, { action: 'project.resubmitted', entityType: 'project', entityId: id, data: { title: body.title.trim() } });
    });
  } catch (e) {
    if (isUnique(e)) throw titleTaken();
    throw e;
  }
  return oneProject(deps, principal, id);
}

export async function myProjects(deps: ProjectsDeps, principal: Principal): Promise<MyProjects> {
  const my = await mine(deps, principal);
  const posted = await detailsOut(deps, principal, await repo.projectsPostedBy(deps.db, my.map((s) => s.id)), my);
  const enterprises = my.filter((s) => s.kind === 'enterprise');
  const adoptions = enterprises.length ? await repo.adoptionsOf(deps.db, { adopterSubjectIds: enterprises.map((s) => s.id) }) : [];
  return {
    posted,
    adoptions: adoptions.map((a) => adoptionOut(a, 'adopter')),
    mayPostFor: my.filter((s) => s.kind === 'person' || s.kind === 'provider').map((s) => ({ subjectId: s.id, name: s.name, kind: s.kind })),
    mayAdoptFor: enterprises.map((s) => ({ subjectId: s.id, name: s.name })),
  };
}

// ---------------------------------------------------------------- admission (the bureau)

export async function reviewQueue(deps: ProjectsDeps, principal: Principal): Promise<ProjectReviewQueue> {
  const projects = (await repo.projectsAwaiting(deps.db)).filter((p) => mayReview(principal, p));
  const adoptions = (await repo.adoptionsOf(deps.db, { status: 'succeeded' })).filter((a) => mayReview(principal, { keeper_id: a.keeper_id, region_code: a.project_region }));
  return { projects: await detailsOut(deps, principal, projects), adoptions: adoptions.map((a) => adoptionOut(a, 'official')) };
}

const notReviewer = () => forbidden('只有管理该地区创业项目库的人社部门工作人员可以审核', "Only the officials keeping the region's project library (the human-resources bureau) may decide this");

export async function decideProject(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, id: string, body: ProjectDecisionBody): Promise<ProjectDetail> {
  const row = await repo.projectById(deps.db, id);
  if (!row) throw notFound(PROJECT);
  if (!mayReview(principal, row)) throw notReviewer();
  const reason = body.reason?.trim() ?? '';
  if (!body.admit && reason.length < 2) throw invalid([fieldError('reason', 'required_to_return', '退回项目应说明理由', 'returning a project needs the reason')]);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.projectById(trx, id, true);
    if (now?.status !== 'submitted') throw conflict('PROJECT_DECIDED', '该项目不在待审核状态', 'The project is not awaiting admission');
    await repo.setProjectDecision(trx, id, { status: body.admit ? 'admitted' : 'returned', return_reason: body.admit ? null : reason, decided_by: principal.userId, decided_at: deps.clock.now(), admitted_on: body.admit ? deps.clock.today() : null });
    await record(trx, deps.clock, ctx, { action: body.admit ? 'project.admitted' : 'project.returned', entityType: 'project', entityId: id, data: body.admit ? { title: row.title } : { title: row.title, reason } });
    await notify(trx, deps, {
      subjectId: row.poster_subject_id,
      kind: 'projects.progress',
      title: body.admit ? { zh: `项目已入库：${row.title}`, en: `Project admitted: ${row.title}` } : { zh: `项目被退回：${row.title}`, en: `Project returned: ${row.title}` },
      body: body.admit
        ? { zh: '您的项目已列入公共就业创业服务机构创业项目库，企业可以在项目库中找到并申请采用。', en: 'Your project is now in the public start-up project library: enterprises can find it and ask to adopt it.' }
        : { zh: `退回理由：${reason}。修改后可重新提交。`, en: `Reason: ${reason}. Change it and submit it again.` },
      link: '/projects/mine',
    });
  });
  return oneProject(deps, principal, id);
}

// ---------------------------------------------------------------- adoptions

export async function askToAdopt(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, projectId: string, body: AdoptionBody): Promise<ProjectDetail> {
  const my = await mine(deps, principal);
  const row = await repo.projectById(deps.db, projectId);
  if (!row || row.status !== 'admitted') throw notFound(PROJECT);
  const adopter = my.find((s) => s.id === body.subjectId && s.kind === 'enterprise');
  const errors: FieldError[] = [];
  if (!adopter) errors.push(fieldError('subjectId', 'acts_for_enterprise', '只能以您所代表的企业申请采用', 'must be an enterprise you act for'));
  if (my.some((s) => s.id === row.poster_subject_id)) errors.push(fieldError('subjectId', 'not_own_project', '不能采用自己发布的项目', 'you cannot adopt your own project'));
  if (body.plan.trim().length < 10) errors.push(fieldError('plan', 'minLength', '采用计划至少10个字', 'must have at least 10 characters'));
  if (errors.length > 0) throw invalid(errors);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.projectById(trx, projectId, true);
      const id = await repo.insertAdoption(trx, { project_id: projectId, adopter_subject_id: adopter!.id, requested_by: principal.userId, plan: body.plan.trim(), status: 'requested', created_at: deps.clock.now() });
      await record(trx, deps.clock, ctx, { action: 'project.adoption_requested', entityType: 'project', entityId: projectId, data: { adoptionId: id, subjectId: adopter!.id } });
      await notify(trx, deps, {
        subjectId: row.poster_subject_id,
        kind: 'projects.progress',
        title: { zh: `${adopter!.name}申请采用您的项目`, en: `${adopter!.name} asks to adopt your project` },
        body: { zh: `项目：${row.title}。请在“我的项目”中答复。`, en: `Project: ${row.title}. Answer it under My projects.` },
        link: '/projects/mine',
      });
    });
  } catch (e) {
    if (isUnique(e)) throw conflict('ADOPTION_LIVE', '该企业已申请采用此项目', 'This enterprise has already asked to adopt the project', [fieldError('subjectId', 'one_live_adoption', '同一企业对同一项目只能有一个进行中的采用', 'one live adoption per project and enterprise')]);
    throw e;
  }
  return oneProject(deps, principal, projectId);
}

async function adoptionFor(deps: ProjectsDeps, principal: Principal, id: string) {
  const a = await repo.adoptionById(deps.db, id);
  if (!a) throw notFound(ADOPTION);
  const my = await mine(deps, principal);
  const side = my.some((s) => s.id === a.adopter_subject_id) ? 'adopter' : my.some((s) => s.id === a.poster_subject_id) ? 'poster' : mayReview(principal, { keeper_id: a.keeper_id, region_code: a.project_region }) ? 'official' : null;
  if (!side) throw notFound(ADOPTION);
  return { a, side } as const;
}

async function adoptionView(deps: ProjectsDeps, id: string, side: Adoption['side']): Promise<Adoption> {
  return adoptionOut((await repo.adoptionById(deps.db, id))!, side);
}

export async function answerAdoption(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, id: string, body: AdoptionAnswerBody): Promise<Adoption> {
  const { a, side } = await adoptionFor(deps, principal, id);
  if (side !== 'poster') throw forbidden('只有项目提供者可以答复采用申请', 'Only the poster answers an adoption request');
  if (!body.accept && body.note.trim().length < 2) throw invalid([fieldError('note', 'required_to_decline', '婉拒时请说明理由', 'declining needs the reason')]);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.adoptionById(trx, id, true);
    if (now?.status !== 'requested') throw conflict('ADOPTION_ANSWERED', '该采用申请已答复', 'The request has been answered already');
    await repo.setAdoption(trx, id, { status: body.accept ? 'accepted' : 'declined', answered_at: deps.clock.now(), answer_note: body.note.trim() || null });
    await record(trx, deps.clock, ctx, { action: body.accept ? 'project.adoption_accepted' : 'project.adoption_declined', entityType: 'project', entityId: a.project_id, data: { adoptionId: id } });
    await notify(trx, deps, {
      subjectId: a.adopter_subject_id,
      kind: 'projects.progress',
      title: body.accept ? { zh: `项目提供者同意您采用：${a.project_title}`, en: `The poster agreed to your adoption: ${a.project_title}` } : { zh: `项目提供者婉拒了您的采用申请：${a.project_title}`, en: `The poster declined your adoption: ${a.project_title}` },
      body: body.accept
        ? { zh: '成功创业后，请在“我的项目”中登记并上传证明材料（如采用协议、营业执照）。', en: 'Once you have started up successfully, record it under My projects with the evidence (e.g. the adoption agreement, the business licence).' }
        : { zh: `理由：${body.note.trim()}`, en: `Reason: ${body.note.trim()}` },
      link: '/projects/mine',
    });
  });
  return adoptionView(deps, id, side);
}

export async function recordSuccess(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, id: string, body: AdoptionSuccessBody): Promise<Adoption> {
  const { a, side } = await adoptionFor(deps, principal, id);
  if (side !== 'adopter') throw forbidden('只有采用项目的企业可以登记成功创业', 'Only the adopting enterprise records its successful start-up');
  const errors: FieldError[] = [];
  if (!isCalendarDate(body.succeededOn)) errors.push(fieldError('succeededOn', 'format:date', '应为有效日期', 'must be a real date'));
  else if (body.succeededOn > deps.clock.today()) errors.push(fieldError('succeededOn', 'not_future', '成功创业日期不能晚于今天', 'must not lie after today'));
  else if (body.succeededOn < new Date(a.created_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)) errors.push(fieldError('succeededOn', 'after_request', '成功创业日期不能早于申请采用的日期', 'must not lie before the adoption was asked'));
  const file = await getFile(deps.db, body.evidenceFileId).catch(() => null);
  if (!file) errors.push(fieldError('evidenceFileId', 'uploaded', '请先上传证明材料（PDF）', 'upload the evidence (a PDF) first'));
  else if (file.ownerUserId !== principal.userId) errors.push(fieldError('evidenceFileId', 'own_upload', '证明材料应由本人上传', 'must be a file you uploaded'));
  else if (file.contentType !== 'application/pdf') errors.push(fieldError('evidenceFileId', 'pdf', '证明材料应为PDF文件', 'must be a PDF'));
  if (body.note.trim().length < 4) errors.push(fieldError('note', 'minLength', '说明至少4个字', 'must have at least 4 characters'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.adoptionById(trx, id, true);
    if (now?.status !== 'accepted') throw conflict('ADOPTION_NOT_ACCEPTED', '项目提供者同意采用后（且尚未登记）才能登记成功创业', 'Success is recorded once the poster has agreed (and only once)', [fieldError('succeededOn', 'accepted_adoption', '采用尚未生效或已登记', 'the adoption is not live or already recorded')]);
    await repo.setAdoption(trx, id, { status: 'succeeded', succeeded_on: body.succeededOn, evidence_file_id: body.evidenceFileId, success_note: body.note.trim(), recorded_by: principal.userId, recorded_at: deps.clock.now() });
    await record(trx, deps.clock, ctx, { action: 'project.success_recorded', entityType: 'project', entityId: a.project_id, data: { adoptionId: id, succeededOn: body.succeededOn, evidenceFileId: body.evidenceFileId } });
    await notify(trx, deps, {
      subjectId: a.poster_subject_id,
      kind: 'projects.progress',
      title: { zh: `${a.adopter_name}已登记成功创业`, en: `${a.adopter_name} recorded a successful start-up` },
      body: { zh: `项目：${a.project_title}。下一步：人社部门核定并确定奖励金额。`, en: `Project: ${a.project_title}. Next: the human-resources bureau verifies it and fixes the reward.` },
      link: '/projects/mine',
    });
  });
  return adoptionView(deps, id, side);
}

export async function verifySuccess(deps: ProjectsDeps, principal: Principal, ctx: AuditContext, id: string, body: AdoptionVerifyBody): Promise<Adoption> {
  const a = await repo.adoptionById(deps.db, id);
  if (!a) throw notFound(ADOPTION);
  if (!mayReview(principal, { keeper_id: a.keeper_id, region_code: a.project_region })) throw notReviewer();
  const item = await rewardItemFor(deps, a.project_region);
  const reason = body.reason?.trim() ?? '';
  const errors: FieldError[] = [];
  if (body.approve && item && body.rewardFen === null) errors.push(fieldError('rewardFen', 'required', '请核定奖励金额', 'fix the reward'));
  if (body.approve && !item && body.rewardFen !== null) errors.push(fieldError('rewardFen', 'no_reward_item', '本地区的政策目录中没有项目库采用奖励，不能核定金额', "no item of the region's catalogue rewards an adopted project: no amount can be fixed"));
  if (!body.approve && reason.length < 2) errors.push(fieldError('reason', 'required_to_return', '退回时请说明理由', 'sending it back needs the reason'));
  if (errors.length > 0) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const now = await repo.adoptionById(trx, id, true);
    if (now?.status !== 'succeeded') throw conflict('ADOPTION_NOT_RECORDED', '该采用没有待核定的成功创业登记', 'This adoption has no recorded success awaiting verification');
    const project = (await repo.projectById(trx, a.project_id, true))!;
    if (!body.approve) {
      await repo.setAdoption(trx, id, { status: 'accepted', return_note: reason });
      await record(trx, deps.clock, ctx, { action: 'project.success_returned', entityType: 'project', entityId: a.project_id, data: { adoptionId: id, reason } });
      await notify(trx, deps, {
        subjectId: a.adopter_subject_id,
        kind: 'projects.progress',
        title: { zh: `成功创业登记被退回：${a.project_title}`, en: `Success record sent back: ${a.project_title}` },
        body: { zh: `理由：${reason}。请补充后重新登记。`, en: `Reason: ${reason}. Complete it and record it again.` },
        link: '/projects/mine',
      });
      return;
    }
    if (body.rewardFen !== null) {
      const other = await repo.adoptionsOf(trx, { projectIds: [a.project_id], status: 'verified' });
      if (other.length > 0)
        throw conflict('PROJECT_REWARDED', '该项目的成功创业奖励已核定过（每个项目奖励一次）', "This project's reward has already been fixed (once per project)", [fieldError('rewardFen', 'once_per_project', '每个项目只奖励一次', 'one reward per project')]);
    }
    await repo.setAdoption(trx, id, { status: 'verified', verified_by: principal.userId, verified_at: deps.clock.now(), verified_on: deps.clock.today(), reward_fen: body.rewardFen, return_note: null });
    await record(trx, deps.clock, ctx, { action: 'project.success_verified', entityType: 'project', entityId: a.project_id, data: { adoptionId: id, rewardFen: body.rewardFen } });
    if (body.rewardFen !== null) await evaluateReward(trx, deps, ctx, project, { rewardFen: body.rewardFen, evidenceFileId: a.evidence_file_id! });
    for (const subjectId of [a.adopter_subject_id, a.poster_subject_id]) {
      await notify(trx, deps, {
        subjectId,
        kind: 'projects.progress',
        title: { zh: `成功创业已核定：${a.project_title}`, en: `Successful start-up verified: ${a.project_title}` },
        body:
          body.rewardFen === null
            ? { zh: `${a.adopter_name}采用该项目成功创业，已由人社部门核定。`, en: `${a.adopter_name}'s start-up with the project is verified by the human-resources bureau.` }
            : { zh: `${a.adopter_name}采用该项目成功创业，人社部门核定项目奖励${body.rewardFen / 100}元。`, en: `${a.adopter_name}'s start-up with the project is verified; the bureau fixed the reward at ${body.rewardFen / 100} yuan.` },
        link: '/projects/mine',
      });
    }
  });
  return adoptionView(deps, id, 'official');
}

export async function evidence(deps: ProjectsDeps, principal: Principal, id: string) {
  const { a } = await adoptionFor(deps, principal, id);
  if (!a.evidence_file_id) throw notFound({ zh: '证明材料', en: 'Evidence' });
  const file = await getFile(deps.db, a.evidence_file_id);
  return { file, stream: openFileBytes(deps.config, file.id) };
}
