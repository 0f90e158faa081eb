/**
 * Investors' use cases. An investor's people (members of an organisation of kind `investor`) keep
 * its directory entry; each save goes to the finance office of its region (`investors.manage`)
 * for verification, and only verified entries are listed. An enterprise's people post roadshow
 * projects (with an optional pitch deck PDF uploaded through files); the finance office publishes
 * or returns them. A verified investor expresses interest in a published project once, with a
 * message; the firm accepts or declines once; after acceptance the firm sees the investor's
 * contact and the investor the firm's. Nothing here moves money.
 */
import {
  INVESTMENT_SECTOR_LABELS,
  INVESTMENT_STAGE_LABELS,
  INVESTOR_KIND_LABELS,
  type Contact,
  type FieldError,
  type Interest,
  type InterestAnswerBody,
  type InvestorBody,
  type InvestorPage,
  type InvestorQuery,
  type InvestorsReview,
  type InvestorSummary,
  type MyInvestorDesk,
  type MyRoadshow,
  type RoadshowBody,
  type RoadshowDecisionBody,
  type RoadshowPage,
  type RoadshowSummary,
  type VerifyInvestorBody,
} from '@seedbed/contract';
import { formatMoney } from '@seedbed/rules';
import { membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile, openFileBytes } from '../files/index.js';
import { notify } from '../notifications/index.js';
import { indexLexemes, regionCovers, regionPrefix, searchQuery } from '../policies/index.js';
import { regionDisplayName, regionExists } from '../regions/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './investors.repository.js';

export type InvestorsDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'dataKey' | 'modules'>;

const INVESTOR = { zh: '该投资机构', en: 'Investor' };
const PROJECT = { zh: '该路演项目', en: 'Roadshow project' };
const INTEREST = { zh: '该投资意向', en: 'Expression of interest' };
export const INVESTOR_ORGANISATION_KIND = 'investor';

const regionName = (code: string) => regionDisplayName(code) ?? '';
const investorOrgsOf = (p: Principal | undefined) => (p?.memberships ?? []).filter((m) => m.organisationKind === INVESTOR_ORGANISATION_KIND);
const managedPrefixes = (p: Principal | undefined) => (p ? membershipsGranting(p, 'investors.manage').map((m) => regionPrefix(m.regionCode)) : []);
const manages = (p: Principal | undefined, regionCode: string) => (p ? membershipsGranting(p, 'investors.manage').some((m) => regionCovers(m.regionCode, regionCode)) : false);
const enterprisesOf = async (db: Db | Tx, p: Principal | undefined) => (p ? (await listMine(db, p)).filter((s) => s.kind === 'enterprise') : []);

const contactOf = (name: string, phone: string, email: string): Contact => ({ name, phone, email });

// ---------------------------------------------------------------- the directory

const investorSummary = (r: repo.InvestorRow): InvestorSummary => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  stages: r.stages,
  sectors: r.sectors,
  ticketMinFen: Number(r.ticket_min_fen),
  ticketMaxFen: Number(r.ticket_max_fen),
  regionName: regionName(r.region_code),
  status: r.status,
});

const investorPage = (r: repo.InvestorRow, showContact: boolean, mine: boolean): InvestorPage => ({
  ...investorSummary(r),
  intro: r.intro,
  regionCode: r.region_code,
  contact: showContact ? contactOf(r.contact_name, r.contact_phone, r.contact_email) : null,
  reviewNote: mine || showContact ? r.review_note : '',
  mine,
});

export async function directory(deps: InvestorsDeps, q: InvestorQuery): Promise<InvestorSummary[]> {
  const tsquery = q.q ? searchQuery(q.q) : null;
  if (q.q?.trim() && !tsquery) return [];
  return (await repo.investors(deps.db, { status: 'verified', kind: q.kind, stage: q.stage, sector: q.sector, tsquery })).map(investorSummary);
}

export async function investor(deps: InvestorsDeps, principal: Principal | undefined, id: string): Promise<InvestorPage> {
  const [r] = await repo.investors(deps.db, { id });
  if (!r) throw notFound(INVESTOR);
  const mine = investorOrgsOf(principal).some((m) => m.organisationId === r.organisation_id);
  const office = manages(principal, r.region_code);
  if (r.status !== 'verified' && !mine && !office) throw notFound(INVESTOR);
  const accepted = !mine && !office && (await repo.acceptedBetween(deps.db, r.id, (await enterprisesOf(deps.db, principal)).map((s) => s.id)));
  return investorPage(r, mine || office || accepted, mine);
}

function checkInvestor(body: InvestorBody, known: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (body.name.trim().length < 2) errors.push(fieldError('name', 'required', '应填写投资人或机构名称（至少 2 个字）', 'must name the investor (at least 2 characters)'));
  if (body.stages.length === 0) errors.push(fieldError('stages', 'required', '应至少选择一个投资阶段', 'must name at least one stage'));
  if (body.sectors.length === 0) errors.push(fieldError('sectors', 'required', '应至少选择一个投资领域', 'must name at least one sector'));
  if (body.ticketMaxFen <= 0) errors.push(fieldError('ticketMaxFen', 'positive', '单笔投资上限应大于零', 'must be more than zero'));
  if (body.ticketMinFen > body.ticketMaxFen) errors.push(fieldError('ticketMinFen', 'not_above_max', '单笔投资下限不能高于上限', 'must not exceed the highest ticket'));
  if (!known) errors.push(fieldError('regionCode', 'known_region', '不是有效的行政区划', 'is not a current region'));
  if (body.contact.name.trim().length < 1) errors.push(fieldError('contact.name', 'required', '应填写联系人', 'must name a contact person'));
  if (!/^[0-9+\- ]{5,30}$/.test(body.contact.phone.trim())) errors.push(fieldError('contact.phone', 'phone', '应填写有效的联系电话', 'must be a telephone number'));
  if (body.contact.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.contact.email.trim())) errors.push(fieldError('contact.email', 'email', '电子邮箱格式不正确', 'is not an e-mail address'));
  return errors;
}

const investorLexemes = (b: InvestorBody) =>
  indexLexemes(
    `${b.name} ${INVESTOR_KIND_LABELS[b.kind].zh} ${b.stages.map((s) => INVESTMENT_STAGE_LABELS[s].zh).join(' ')} ${b.sectors.map((s) => INVESTMENT_SECTOR_LABELS[s].zh).join(' ')} ${regionName(b.regionCode)} ${b.intro}`,
  );

export async function myDesk(deps: InvestorsDeps, principal: Principal): Promise<MyInvestorDesk> {
  const orgs = investorOrgsOf(principal);
  if (orgs.length === 0) return { organisations: [], interests: [] };
  const rows = await repo.investors(deps.db, { organisationIds: orgs.map((o) => o.organisationId) });
  const interests = rows.length > 0 ? await repo.interests(deps.db, { investorIds: rows.map((r) => r.id) }) : [];
  return {
    organisations: orgs.map((o) => {
      const r = rows.find((x) => x.organisation_id === o.organisationId);
      return { organisationId: o.organisationId, organisationName: o.organisationName, organisationRegionCode: o.regionCode, investor: r ? investorPage(r, true, true) : null };
    }),
    interests: interests.map((x) => interestOut(x, 'investor')),
  };
}

/** Writes the entry of an investor organisation the user acts for: made on the first save; every save awaits the finance office's verification again. */
export async function saveInvestor(deps: InvestorsDeps, principal: Principal, ctx: AuditContext, organisationId: string, body: InvestorBody): Promise<InvestorPage> {
  if (!investorOrgsOf(principal).some((m) => m.organisationId === organisationId)) throw forbidden('只有该投资机构的人员可以维护其名录信息', 'Only the investor’s own people may keep its entry');
  const errors = checkInvestor(body, /^\d{6}$/.test(body.regionCode) && (await regionExists(deps.db, body.regionCode)));
  if (errors.length > 0) throw invalid(errors);
  const now = deps.clock.now();
  const lexemes = investorLexemes(body);
  const values = {
    name: body.name.trim(),
    kind: body.kind,
    stages: JSON.stringify(body.stages),
    sectors: JSON.stringify(body.sectors),
    ticket_min_fen: body.ticketMinFen,
    ticket_max_fen: body.ticketMaxFen,
    region_code: body.regionCode,
    intro: body.intro.trim(),
    contact_name: body.contact.name.trim(),
    contact_phone: body.contact.phone.trim(),
    contact_email: body.contact.email.trim(),
  };
  const id = await deps.db.transaction().execute(async (trx) => {
    const existing = (await repo.investors(trx, { organisationIds: [organisationId] }))[0];
    let id: string;
    if (existing) {
      await repo.lockRow(trx, 'investors', existing.id);
      await repo.updateInvestor(trx, existing.id, values, lexemes, now);
      id = existing.id;
    } else {
      id = await repo.insertInvestor(trx, { organisation_id: organisationId, ...values, created_at: now, updated_at: now }, lexemes);
    }
    await record(trx, deps.clock, ctx, { action: existing ? 'investors.entry_changed' : 'investors.entry_created', entityType: 'investor', entityId: id, data: { kind: body.kind } });
    return id;
  });
  return investor(deps, principal, id);
}

export async function verifyInvestor(deps: InvestorsDeps, principal: Principal, ctx: AuditContext, id: string, body: VerifyInvestorBody): Promise<InvestorPage> {
  const [r] = await repo.investors(deps.db, { id });
  if (!r || !manages(principal, r.region_code)) throw notFound(INVESTOR);
  if (body.decision === 'rejected' && body.note.trim().length < 2) throw invalid([fieldError('note', 'required', '未通过核实时应说明原因', 'must give the reason when not verifying')]);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRow(trx, 'investors', id);
    if (locked?.status !== 'pending') throw conflict('INVESTOR_DECIDED', '该名录信息已核实过，机构修改后才能再次核实', 'The entry is already decided; it is verified again after a change', [fieldError('status', 'pending', '只能核实待核实的名录信息', 'only an entry awaiting verification can be decided')]);
    await repo.decideInvestor(trx, id, body.decision, body.note.trim(), principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'investors.entry_verified', entityType: 'investor', entityId: id, data: { decision: body.decision } });
    for (const userId of await repo.membersOf(trx, r.organisation_id))
      await notify(trx, deps, {
        userId,
        kind: 'investors.contact',
        title: body.decision === 'verified' ? { zh: '投资机构名录信息已核实', en: 'Your directory entry is verified' } : { zh: '投资机构名录信息未通过核实', en: 'Your directory entry was not verified' },
        body: { zh: body.note.trim() || '已在投资机构名录中展示。', en: body.note.trim() || 'It is now listed in the directory.' },
        link: '/investors/desk',
        dedupeKey: `investors-verify:${id}:${deps.clock.now().toISOString()}`,
      });
  });
  return investor(deps, principal, id);
}

// ---------------------------------------------------------------- the roadshow

type Side = 'firm' | 'investor' | 'office';

function interestOut(x: repo.InterestRow, side: Side): Interest {
  const accepted = x.status === 'accepted';
  return {
    id: x.id,
    projectId: x.project_id,
    projectName: x.project_name,
    firm: x.firm,
    investorId: x.investor_id,
    investor: x.investor,
    investorKind: x.investor_kind,
    message: x.message,
    status: x.status,
    createdAt: instantOut(x.created_at),
    decidedAt: nullableInstantOut(x.decided_at),
    firmContact: accepted && side === 'investor' ? contactOf(x.p_contact_name, x.p_contact_phone, x.p_contact_email) : null,
    investorContact: accepted && side === 'firm' ? contactOf(x.i_contact_name, x.i_contact_phone, x.i_contact_email) : null,
  };
}

const projectSummary = (p: repo.ProjectRow): RoadshowSummary => ({
  id: p.id,
  name: p.name,
  firm: p.firm,
  sector: p.sector,
  stage: p.stage,
  amountFen: Number(p.amount_fen),
  regionName: regionName(p.region_code),
  status: p.status,
  postedAt: instantOut(p.posted_at),
  interests: p.interests,
});

async function projectPage(deps: InvestorsDeps, principal: Principal | undefined, p: repo.ProjectRow): Promise<RoadshowPage> {
  const mine = (await enterprisesOf(deps.db, principal)).some((s) => s.id === p.subject_id);
  const office = manages(principal, p.region_code);
  if (p.status !== 'published' && !mine && !office) throw notFound(PROJECT);
  const myInvestors = investorOrgsOf(principal).length > 0 ? await repo.investors(deps.db, { organisationIds: investorOrgsOf(principal).map((m) => m.organisationId) }) : [];
  const all = await repo.interests(deps.db, { projectIds: [p.id] });
  const shown = mine ? all.map((x) => interestOut(x, 'firm')) : all.filter((x) => myInvestors.some((i) => i.id === x.investor_id)).map((x) => interestOut(x, 'investor'));
  return {
    ...projectSummary(p),
    useOfFunds: p.use_of_funds,
    summary: p.summary,
    deckName: p.deck_file_id ? p.deck_name : null,
    deckUrl: p.deck_file_id ? `/api/v1/roadshow/${p.id}/deck` : null,
    reviewNote: mine || office ? p.review_note : '',
    mine,
    interestsShown: shown,
    mayExpressInterest: p.status === 'published' && !mine && myInvestors.some((i) => i.status === 'verified' && !all.some((x) => x.investor_id === i.id)),
    mayPublish: office && p.status === 'submitted',
  };
}

export async function roadshow(deps: InvestorsDeps): Promise<RoadshowSummary[]> {
  return (await repo.projects(deps.db, { status: 'published' })).map(projectSummary);
}

export async function project(deps: InvestorsDeps, principal: Principal | undefined, id: string): Promise<RoadshowPage> {
  const [p] = await repo.projects(deps.db, { id });
  if (!p) throw notFound(PROJECT);
  return projectPage(deps, principal, p);
}

export async function deck(deps: InvestorsDeps, principal: Principal | undefined, id: string) {
  const page = await project(deps, principal, id);
  const [p] = await repo.projects(deps.db, { id });
  if (!page.deckUrl || !p?.deck_file_id) throw notFound({ zh: '该项目的路演材料', en: "The project's pitch deck" });
  const file = await getFile(deps.db, p.deck_file_id);
  return { file, stream: openFileBytes(deps.config, file.id) };
}

export async function myRoadshow(deps: InvestorsDeps, principal: Principal): Promise<MyRoadshow> {
  const mine = await enterprisesOf(deps.db, principal);
  const rows = mine.length > 0 ? await repo.projects(deps.db, { subjectIds: mine.map((s) => s.id) }) : [];
  const projects: RoadshowPage[] = [];
  for (const p of rows) projects.push(await projectPage(deps, principal, p));
  return { enterprises: mine.map((s) => ({ id: s.id, name: s.name })), projects };
}

export async function postProject(deps: InvestorsDeps, principal: Principal, ctx: AuditContext, body: RoadshowBody): Promise<RoadshowPage> {
  const subject = (await enterprisesOf(deps.db, principal)).find((s) => s.id === body.subjectId);
  const errors: FieldError[] = [];
  if (!subject) errors.push(fieldError('subjectId', 'acts_for', '应选择您所代表的企业', 'must be an enterprise you act for'));
  else if (!subject.regionCode) errors.push(fieldError('subjectId', 'region', '企业档案应先填写登记地', "the enterprise's profile must give its place of registration"));
  if (body.name.trim().length < 2) errors.push(fieldError('name', 'required', '应填写项目名称（至少 2 个字）', 'must name the project (at least 2 characters)'));
  if (body.amountFen <= 0) errors.push(fieldError('amountFen', 'positive', '拟融资金额应大于零', 'must be more than zero'));
  if (body.useOfFunds.trim().length < 4) errors.push(fieldError('useOfFunds', 'required', '应说明资金用途（至少 4 个字）', 'must say what the money is for (at least 4 characters)'));
  if (body.summary.trim().length < 10) errors.push(fieldError('summary', 'required', '项目介绍至少 10 个字', 'must describe the project (at least 10 characters)'));
  if (body.contact.name.trim().length < 1) errors.push(fieldError('contact.name', 'required', '应填写联系人', 'must name a contact person'));
  if (!/^[0-9+\- ]{5,30}$/.test(body.contact.phone.trim())) errors.push(fieldError('contact.phone', 'phone', '应填写有效的联系电话', 'must be a telephone number'));
  if (body.contact.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.contact.email.trim())) errors.push(fieldError('contact.email', 'email', '电子邮箱格式不正确', 'is not an e-mail address'));
  if (body.deckFileId !== null) {
    const file = await getFile(deps.db, body.deckFileId).catch(() => null);
    if (!file) errors.push(fieldError('deckFileId', 'uploaded', '请先上传路演材料', 'upload the pitch deck first'));
    else if (file.ownerUserId !== principal.userId) errors.push(fieldError('deckFileId', 'own_upload', '路演材料应由本人上传', 'must be a file you uploaded'));
    else if (file.contentType !== 'application/pdf') errors.push(fieldError('deckFileId', 'pdf', '路演材料应为 PDF 文件', 'must be a PDF'));
  }
  if (errors.length > 0) throw invalid(errors);
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertProject(trx, {
      subject_id: subject!.id,
      region_code: subject!.regionCode!,
      name: body.name.trim(),
      sector: body.sector,
      stage: body.stage,
      amount_fen: body.amountFen,
      use_of_funds: body.useOfFunds.trim(),
      summary: body.summary.trim(),
      deck_file_id: body.deckFileId,
      contact_name: body.contact.name.trim(),
      contact_phone: body.contact.phone.trim(),
      contact_email: body.contact.email.trim(),
      posted_by: principal.userId,
      posted_at: deps.clock.now(),
    });
    await record(trx, deps.clock, ctx, { action: 'investors.project_posted', entityType: 'investors_project', entityId: id, data: { amountFen: body.amountFen, stage: body.stage } });
    return id;
  });
  return project(deps, principal, id);
}

export async function decideProject(deps: InvestorsDeps, principal: Principal, ctx: AuditContext, id: string, body: RoadshowDecisionBody): Promise<RoadshowPage> {
  const [p] = await repo.projects(deps.db, { id });
  if (!p || !manages(principal, p.region_code)) throw notFound(PROJECT);
  if (body.decision === 'returned' && body.note.trim().length < 2) throw invalid([fieldError('note', 'required', '退回时应说明原因', 'must give the reason for returning')]);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRow(trx, 'investors_projects', id);
    if (locked?.status !== 'submitted') throw conflict('PROJECT_DECIDED', '该项目已发布或退回', 'The project is already published or returned', [fieldError('status', 'submitted', '只能发布或退回待发布的项目', 'only a project awaiting publication can be decided')]);
    await repo.decideProject(trx, id, body.decision, body.note.trim(), principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: body.decision === 'published' ? 'investors.project_published' : 'investors.project_returned', entityType: 'investors_project', entityId: id, data: {} });
    await notify(trx, deps, {
      subjectId: p.subject_id,
      kind: 'investors.contact',
      title: body.decision === 'published' ? { zh: `路演项目已发布：${p.name}`, en: `Roadshow project published: ${p.name}` } : { zh: `路演项目被退回：${p.name}`, en: `Roadshow project returned: ${p.name}` },
      body: { zh: body.note.trim() || '投资机构现在可以看到该项目并表达投资意向。', en: body.note.trim() || 'Investors can now see it and express interest.' },
      link: `/roadshow/${id}`,
      dedupeKey: `investors-project:${id}`,
    });
  });
  return project(deps, principal, id);
}

export async function expressInterest(deps: InvestorsDeps, principal: Principal, ctx: AuditContext, projectId: string, message: string): Promise<RoadshowPage> {
  const [p] = await repo.projects(deps.db, { id: projectId });
  if (!p || p.status !== 'published') throw notFound(PROJECT);
  const mine = investorOrgsOf(principal);
  const inv = (mine.length > 0 ? await repo.investors(deps.db, { organisationIds: mine.map((m) => m.organisationId) }) : []).find((i) => i.status === 'verified');
  if (!inv) throw forbidden('只有经金融办核实的投资机构可以表达投资意向', 'Only an investor verified by the finance office may express interest');
  if (message.trim().length < 2) throw invalid([fieldError('message', 'required', '应写几句话说明投资意向（至少 2 个字）', 'must say a few words about the interest (at least 2 characters)')]);
  await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertInterest(trx, { project_id: p.id, investor_id: inv.id, message: message.trim(), created_by: principal.userId, created_at: deps.clock.now() }).catch((e: unknown) => {
      if ((e as { code?: unknown }).code === '23505') throw conflict('INTEREST_EXISTS', '已对该项目表达过投资意向', 'You have already expressed interest in this project', [fieldError('projectId', 'once', '每家投资机构对每个项目只表达一次意向', 'one expression of interest per investor and project')]);
      throw e;
    });
    await record(trx, deps.clock, ctx, { action: 'investors.interest_expressed', entityType: 'investors_interest', entityId: id, data: { projectId: p.id, investorId: inv.id } });
    await notify(trx, deps, {
      subjectId: p.subject_id,
      kind: 'investors.contact',
      title: { zh: `${inv.name}对“${p.name}”有投资意向`, en: `${inv.name} is interested in “${p.name}”` },
      body: { zh: `${INVESTOR_KIND_LABELS[inv.kind].zh}，单笔 ${formatMoney(Number(inv.ticket_min_fen), 'zh')}—${formatMoney(Number(inv.ticket_max_fen), 'zh')}。请决定是否交换联系方式。`, en: `${INVESTOR_KIND_LABELS[inv.kind].en}, tickets ${formatMoney(Number(inv.ticket_min_fen), 'en')}–${formatMoney(Number(inv.ticket_max_fen), 'en')}. Accept or decline contact.` },
      link: `/roadshow/${p.id}`,
      dedupeKey: `investors-interest:${id}`,
    });
  });
  return project(deps, principal, projectId);
}

export async function answerInterest(deps: InvestorsDeps, principal: Principal, ctx: AuditContext, id: string, body: InterestAnswerBody): Promise<RoadshowPage> {
  const [x] = await repo.interests(deps.db, { id });
  // Another firm's interest is not theirs to read: the same answer as one that does not exist.
  if (!x || !(await enterprisesOf(deps.db, principal)).some((s) => s.id === x.subject_id)) throw notFound(INTEREST);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockRow(trx, 'investors_interests', id);
    if (locked?.status !== 'pending') throw conflict('INTEREST_ANSWERED', '已答复过该投资意向', 'This interest is already answered', [fieldError('decision', 'once', '每个投资意向只答复一次', 'an interest is answered once')]);
    await repo.answerInterest(trx, id, body.decision, principal.userId, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: body.decision === 'accepted' ? 'investors.contact_accepted' : 'investors.contact_declined', entityType: 'investors_interest', entityId: id, data: { projectId: x.project_id } });
    for (const userId of await repo.membersOf(trx, x.investor_organisation_id))
      await notify(trx, deps, {
        userId,
        kind: 'investors.contact',
        title: body.decision === 'accepted' ? { zh: `${x.firm}同意交换联系方式`, en: `${x.firm} accepted contact` } : { zh: `${x.firm}婉拒了投资意向`, en: `${x.firm} declined` },
        body: body.decision === 'accepted' ? { zh: `“${x.project_name}”的联系人：${x.p_contact_name}，${x.p_contact_phone}`, en: `Contact for “${x.project_name}”: ${x.p_contact_name}, ${x.p_contact_phone}` } : { zh: `“${x.project_name}”`, en: `“${x.project_name}”` },
        link: `/roadshow/${x.project_id}`,
        dedupeKey: `investors-answer:${id}`,
      });
  });
  return project(deps, principal, x.project_id);
}

// ---------------------------------------------------------------- the finance office

export async function review(deps: InvestorsDeps, principal: Principal): Promise<InvestorsReview> {
  const m = membershipsGranting(principal, 'investors.manage');
  if (m.length === 0) throw forbidden('只有金融监管部门可以核实投资机构、发布路演项目', 'Only the finance office may verify investors and publish projects');
  const prefixes = managedPrefixes(principal);
  const invs = await repo.investors(deps.db, { regionPrefixes: prefixes });
  const projects: RoadshowPage[] = [];
  for (const p of await repo.projects(deps.db, { regionPrefixes: prefixes })) projects.push(await projectPage(deps, principal, p));
  return { regionName: m.map((x) => regionName(x.regionCode)).join('、'), investors: invs.map((r) => investorPage(r, true, false)), projects };
}
