import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  CROWD_OTHER_LABEL,
  CROWD_TASK_STATUS_LABELS,
  SERVICE_CATEGORY_LABELS,
  isCalendarDate,
  type CreateCrowdBidBody,
  type CreateCrowdPostBody,
  type CreateCrowdTaskBody,
  type CrowdArbitrateBody,
  type CrowdCategory,
  type CrowdDeliverBody,
  type CrowdMine,
  type CrowdParty,
  type CrowdPost,
  type CrowdPostList,
  type CrowdPostQuery,
  type CrowdTask,
  type CrowdTaskList,
  type CrowdTaskQuery,
  type CrowdTaskStatus,
  type CrowdTaskSummary,
  type CrowdThread,
  type CrowdThreadSummary,
  type FieldError,
} from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import { addDays, type Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import type { Text } from '../../platform/module.js';
import { record, type AuditContext } from '../audit/index.js';
import { getFile } from '../files/index.js';
import { openAccount, postTransaction } from '../ledger/index.js';
import { notify } from '../notifications/index.js';
import { indexLexemes, searchQuery } from '../policies/index.js';
import { listMine } from '../subjects/index.js';
import * as repo from './crowd.repository.js';
import type { PostRow, TaskRow } from './crowd.repository.js';

export type CrowdDeps = Pick<AppDeps, 'db' | 'clock' | 'modules'>;

/** The ledger scope of every crowd transaction: idempotency keys are unique in it. */
export const LEDGER_SCOPE = 'crowd';
const TASK_NOUN = { zh: '该众包任务', en: 'Crowd task' };
const POST_NOUN = { zh: '该供需信息', en: 'Supply or demand post' };

const categoryLabel = (c: CrowdCategory) => (c === 'other' ? CROWD_OTHER_LABEL : SERVICE_CATEGORY_LABELS[c]);
const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

// ---------------------------------------------------------------- parties

/**
 * The parties a person acts for: the subjects they act for (their enterprise's, their own as a
 * person) and the service provider organisations they belong to (providers have no subject).
 */
export async function partiesOf(db: Db | Tx, principal: Principal): Promise<CrowdParty[]> {
  const subjects = await listMine(db, principal);
  const providers = principal.memberships.filter((m) => m.organisationKind === 'service_provider');
  return [
    ...subjects.map((s) => ({ kind: 'subject' as const, id: s.id, name: s.name, regionCode: s.regionCode ?? null, isPerson: s.kind === 'person' })),
    ...providers.map((m) => ({ kind: 'organisation' as const, id: m.organisationId, name: m.organisationName, regionCode: m.regionCode, isPerson: false })),
  ];
}

interface Mine {
  subjectIds: string[];
  organisationIds: string[];
  has(kind: 'subject' | 'organisation', id: string | null): boolean;
}

async function mine(db: Db | Tx, principal: Principal | null): Promise<Mine> {
  const parties = principal ? await partiesOf(db, principal) : [];
  const subjectIds = parties.filter((p) => p.kind === 'subject').map((p) => p.id);
  const organisationIds = parties.filter((p) => p.kind === 'organisation').map((p) => p.id);
  return { subjectIds, organisationIds, has: (kind, id) => id !== null && (kind === 'subject' ? subjectIds : organisationIds).includes(id) };
}

const partyKey = (subjectId: string | null, organisationId: string | null) => (subjectId ? `subject:${subjectId}` : `organisation:${organisationId}`);

/** Tells a party: a subject's people (notifications' own rule), or each member of a provider organisation. */
async function tellParty(trx: Tx, deps: CrowdDeps, subjectId: string | null, organisationId: string | null, message: { kind: 'crowd.task' | 'crowd.message'; title: Text; body: Text; link: string }): Promise<void> {
  if (subjectId) {
    await notify(trx, deps, { subjectId, ...message });
    return;
  }
  for (const userId of await repo.membersOf(trx, organisationId!)) await notify(trx, deps, { userId, ...message });
}

// ---------------------------------------------------------------- ledger accounts

/**
 * The module's ledger account under `key`, opened on first use. A transaction-level advisory
 * lock on the key makes two first uses wait for each other rather than open two accounts.
 * 'deposits' has no floor: its balance is minus what posters have paid in off-platform (bank
 * transfer to the programme's account) for rewards held in escrow here. A party's payable
 * account (floor 0) holds what the platform owes it: a winner's reward, a poster's refund.
 */
async function accountFor(trx: Tx, key: string): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`crowd-account:${key}`}))`.execute(trx);
  const existing = await repo.accountByKey(trx, key);
  if (existing) return existing;
  const account = await openAccount(trx, {
    ownerModule: 'crowd',
    kind: key === 'deposits' ? 'deposits' : 'payable',
    unit: 'fen',
    floor: key === 'deposits' ? null : 0,
    reference: key === 'deposits' ? 'crowd:deposits' : key,
  });
  await repo.insertAccountKey(trx, key, account.id);
  return account.id;
}

export async function ensureCrowdAccounts(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => void (await accountFor(trx, 'deposits')));
}

/**
 * Moves the whole escrow out of a task, once: to the winner (its bid's price) and the rest back
 * to the poster on 'release', all back to the poster on 'refund'. One balanced transaction under
 * the key `task:<id>:settlement`: a second settlement of the task (either way) finds the key
 * taken and is refused by the ledger, the escrow account's floor 0 refuses paying it twice, and
 * the task's status and settlement column (database trigger) refuse a second settlement.
 */
async function settle(trx: Tx, clock: Clock, task: TaskRow, how: 'release' | 'refund'): Promise<string> {
  const poster = await accountFor(trx, `subject:${task.poster_subject_id}`);
  const postings = [{ accountId: task.escrow_account_id, amount: -task.reward_fen }];
  if (how === 'release') {
    const bid = (await repo.findBid(trx, task.winning_bid_id!))!;
    const winner = await accountFor(trx, partyKey(bid.bidder_subject_id, bid.bidder_organisation_id));
    postings.push({ accountId: winner, amount: bid.price_fen });
    if (task.reward_fen > bid.price_fen) postings.push({ accountId: poster, amount: task.reward_fen - bid.price_fen });
  } else postings.push({ accountId: poster, amount: task.reward_fen });
  const written = await postTransaction(trx, clock, {
    scope: LEDGER_SCOPE,
    idempotencyKey: `task:${task.id}:settlement`,
    memo: how === 'release' ? '众包任务赏金支付给中标方 / Crowd task reward released to the winner' : '众包任务赏金退还发布方 / Crowd task reward refunded to the poster',
    reference: `crowd_task:${task.id}`,
    postings,
  });
  if (written.replayed) throw alreadySettled(task.status);
  return written.value.id;
}

// ---------------------------------------------------------------- problems

const statusError = (rule: string, zh: string, en: string) => fieldError('status', rule, zh, en);

const statusLabel = (status: string) => CROWD_TASK_STATUS_LABELS[status as CrowdTaskStatus] ?? { zh: status, en: status };

function alreadySettled(status: string) {
  const now = statusLabel(status);
  return conflict('CROWD_TASK_SETTLED', '该任务的赏金已结算（已支付或已退还），不能再次结算', "The task's reward has already been settled (released or refunded); it is settled only once", [
    statusError('settled_once', `任务已「${now.zh}」，赏金只结算一次`, `the task is ${now.en.toLowerCase()}; a reward is settled exactly once`),
  ]);
}

function wrongStatus(task: TaskRow, action: { zh: string; en: string }, allowed: CrowdTaskStatus[]) {
  if (['completed', 'refunded', 'cancelled'].includes(task.status) && ['accept', 'arbitrate', 'cancel'].some((a) => action.en.startsWith(a))) return alreadySettled(task.status);
  const now = statusLabel(task.status);
  return conflict('CROWD_TASK_STATUS', `任务当前状态（${now.zh}）不能${action.zh}`, `The task is ${now.en.toLowerCase()}: it does not allow to ${action.en}`, [
    statusError(
      `one_of:${allowed.join(',')}`,
      `${action.zh}要求任务状态为：${allowed.map((a) => statusLabel(a).zh).join('、')}（当前：${now.zh}）`,
      `${action.en} needs the task to be ${allowed.map((a) => statusLabel(a).en.toLowerCase()).join(' or ')} (it is ${now.en.toLowerCase()})`,
    ),
  ]);
}

function checkText(errors: FieldError[], field: string, value: string, max: number, min = 1): void {
  const v = value.trim();
  if (v.length < min) errors.push(fieldError(field, 'minLength', min > 1 ? `至少 ${min} 个字（不计首尾空格）` : '不能为空', min > 1 ? `must have at least ${min} characters besides spaces` : 'must not be blank'));
  if (v.length > max) errors.push(fieldError(field, 'maxLength', `不超过 ${max} 个字`, `must be at most ${max} characters`));
}

// ---------------------------------------------------------------- views

async function summaries(db: Db | Tx, rows: (TaskRow & { bid_count: number })[]): Promise<CrowdTaskSummary[]> {
  const [names, regions] = await Promise.all([repo.partyNames(db, rows.map((r) => r.poster_subject_id), []), repo.regionNames(db, rows.map((r) => r.region_code))]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    rewardFen: r.reward_fen,
    bidDeadline: r.bid_deadline,
    deliveryDeadline: r.delivery_deadline,
    regionCode: r.region_code,
    regionName: regions.get(r.region_code) ?? r.region_code,
    posterName: names.get(r.poster_subject_id) ?? '',
    status: r.status,
    bidCount: r.bid_count,
    createdAt: instantOut(r.created_at),
  }));
}

function regionPrefixOf(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
}

export async function listTasks(db: Db, q: CrowdTaskQuery): Promise<CrowdTaskList> {
  const { rows, total } = await repo.listTasks(db, {
    tsquery: q.q ? searchQuery(q.q) : null,
    category: q.category,
    regionPrefix: regionPrefixOf(q.regionCode),
    status: q.status,
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return { items: await summaries(db, rows), total };
}

type Role = CrowdTask['role'];

export async function getTask(db: Db | Tx, clock: Clock, principal: Principal | null, id: string): Promise<CrowdTask> {
  const task = await repo.findTask(db, id);
  if (!task) throw notFound(TASK_NOUN);
  const me = await mine(db, principal);
  const bids = await repo.bidsOf(db, id);
  const winning = bids.find((b) => b.id === task.winning_bid_id);
  const isPoster = me.has('subject', task.poster_subject_id);
  const myBid = bids.find((b) => me.has('subject', b.bidder_subject_id) || me.has('organisation', b.bidder_organisation_id));
  const isWinner = !!winning && winning === myBid;
  const isArbitrator = !!principal && mayAccess(principal, 'crowd.arbitrate', { regionCode: task.region_code });
  const role: Role = isPoster ? 'poster' : isWinner ? 'winner' : myBid ? 'bidder' : isArbitrator ? 'arbitrator' : 'visitor';
  const names = await repo.partyNames(
    db,
    [task.poster_subject_id, ...bids.flatMap((b) => (b.bidder_subject_id ? [b.bidder_subject_id] : []))],
    bids.flatMap((b) => (b.bidder_organisation_id ? [b.bidder_organisation_id] : [])),
  );
  const bidderName = (b: (typeof bids)[number]) => names.get((b.bidder_subject_id ?? b.bidder_organisation_id)!) ?? '';
  const seesAll = isPoster || isArbitrator;
  const visibleBids = bids.filter((b) => seesAll || b === myBid);
  const seesDeliveries = isPoster || isWinner || isArbitrator;
  const deliveries = seesDeliveries ? await repo.deliveriesOf(db, id) : [];
  const [summary] = await summaries(db, [{ ...task, bid_count: bids.length }]);
  const today = clock.today();
  const myParties = principal ? await partiesOf(db, principal) : [];
  const canBidAs = myParties.filter((p) => !(p.kind === 'subject' && p.id === task.poster_subject_id));
  return {
    ...summary!,
    description: task.description,
    bids: visibleBids.map((b) => ({ id: b.id, bidderName: bidderName(b), priceFen: b.price_fen, deliveryDays: b.delivery_days, message: b.message, createdAt: instantOut(b.created_at), won: b.id === task.winning_bid_id, mine: b === myBid })),
    deliveries: deliveries.map((d) => ({ id: d.id, fileName: d.original_name, note: d.note, createdAt: instantOut(d.created_at) })),
    winnerName: winning ? bidderName(winning) : null,
    winningPriceFen: winning && (seesAll || isWinner) ? winning.price_fen : null,
    disputeReason: isPoster || isWinner || isArbitrator ? task.dispute_reason : null,
    outcomeNote: isPoster || isWinner || isArbitrator ? task.outcome_note : null,
    settledAt: nullableInstantOut(task.settled_at),
    role,
    can: {
      bid: !!principal && task.status === 'open' && today <= task.bid_deadline && !isPoster && !myBid && canBidAs.length > 0,
      pick: isPoster && task.status === 'open' && bids.length > 0,
      cancel: isPoster && task.status === 'open',
      deliver: isWinner && (task.status === 'awarded' || task.status === 'delivered'),
      accept: isPoster && task.status === 'delivered',
      dispute: isPoster && (task.status === 'awarded' || task.status === 'delivered'),
      arbitrate: isArbitrator && task.status === 'disputed',
    },
  };
}

// ---------------------------------------------------------------- tasks: posting and bidding

export async function postTask(deps: CrowdDeps, principal: Principal, ctx: AuditContext, body: CreateCrowdTaskBody): Promise<CrowdTask> {
  const errors: FieldError[] = [];
  const today = deps.clock.today();
  checkText(errors, 'title', body.title, 100, 2);
  checkText(errors, 'description', body.description, 5000);
  if (!Number.isSafeInteger(body.rewardFen) || body.rewardFen <= 0) errors.push(fieldError('rewardFen', 'exclusiveMinimum', '赏金应大于 0 元', 'the reward must be more than 0'));
  const bidOk = isCalendarDate(body.bidDeadline);
  const deliveryOk = isCalendarDate(body.deliveryDeadline);
  if (!bidOk) errors.push(fieldError('bidDeadline', 'format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD'));
  else if (body.bidDeadline < today) errors.push(fieldError('bidDeadline', 'not_past', `投标截止日不能早于今天（${today}）`, `the bid deadline must not be before today (${today})`));
  if (!deliveryOk) errors.push(fieldError('deliveryDeadline', 'format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD'));
  else if (body.deliveryDeadline < today) errors.push(fieldError('deliveryDeadline', 'not_past', `交付期限不能早于今天（${today}）`, `the delivery deadline must not be before today (${today})`));
  else if (bidOk && body.deliveryDeadline <= body.bidDeadline) errors.push(fieldError('deliveryDeadline', 'after_bid_deadline', '交付期限应晚于投标截止日', 'the delivery deadline must come after the bid deadline'));
  if (bidOk && body.bidDeadline > addDays(today, 365)) errors.push(fieldError('bidDeadline', 'within_a_year', '投标截止日应在一年之内', 'the bid deadline must be within a year'));
  const me = await mine(deps.db, principal);
  if (!me.has('subject', body.posterSubjectId)) errors.push(fieldError('posterSubjectId', 'acts_for', '只能以您代表的企业或您本人名义发布', 'must be an enterprise you act for, or yourself'));
  if (!(await repo.regionExists(deps.db, body.regionCode))) errors.push(fieldError('regionCode', 'exists', '地区代码不存在', 'no such region'));
  if (errors.length) throw invalid(errors);
  const id = randomUUID();
  const title = body.title.trim();
  const description = body.description.trim();
  await deps.db.transaction().execute(async (trx) => {
    const escrow = await openAccount(trx, { ownerModule: 'crowd', kind: 'task_escrow', unit: 'fen', floor: 0, reference: `crowd_task:${id}` });
    const deposits = await accountFor(trx, 'deposits');
    // The poster has paid the reward in off-platform (to the programme's account); the deposit
    // records it: minus on 'deposits' (what came in), plus on the task's escrow (what is held).
    const deposit = await postTransaction(trx, deps.clock, {
      scope: LEDGER_SCOPE,
      idempotencyKey: `task:${id}:deposit`,
      memo: '众包任务赏金托管 / Crowd task reward paid into escrow',
      reference: `crowd_task:${id}`,
      postings: [
        { accountId: deposits, amount: -body.rewardFen },
        { accountId: escrow.id, amount: body.rewardFen },
      ],
    });
    const lexemes = [...indexLexemes(title), ...indexLexemes(description), ...indexLexemes(categoryLabel(body.category).zh)];
    await repo.insertTask(
      trx,
      {
        id,
        poster_subject_id: body.posterSubjectId,
        posted_by: principal.userId,
        title,
        description,
        category: body.category,
        reward_fen: body.rewardFen,
        bid_deadline: body.bidDeadline,
        delivery_deadline: body.deliveryDeadline,
        region_code: body.regionCode,
        escrow_account_id: escrow.id,
        deposit_transaction_id: deposit.value.id,
        created_at: deps.clock.now(),
      },
      lexemes,
    );
    await record(trx, deps.clock, ctx, { action: 'crowd.task_posted', entityType: 'crowd_task', entityId: id, data: { rewardFen: body.rewardFen, category: body.category, regionCode: body.regionCode } });
  });
  return getTask(deps.db, deps.clock, principal, id);
}

async function lockedTask(trx: Tx, id: string): Promise<TaskRow> {
  const task = await repo.lockTask(trx, id);
  if (!task) throw notFound(TASK_NOUN);
  return task;
}

export async function bid(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string, body: CreateCrowdBidBody): Promise<CrowdTask> {
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    const me = await mine(trx, principal);
    const errors: FieldError[] = [];
    if (!me.has(body.partyKind, body.partyId)) errors.push(fieldError('partyId', 'acts_for', '只能以您代表的企业、服务机构或您本人名义投标', 'must be an enterprise or provider you act for, or yourself'));
    if (me.has('subject', task.poster_subject_id)) errors.push(fieldError('partyId', 'not_own_task', '不能对自己（或所代表企业）发布的任务投标', "you may not bid on a task you (or an enterprise you act for) posted"));
    if (body.priceFen > task.reward_fen) errors.push(fieldError('priceFen', 'maximum:reward', `报价不能高于任务赏金（${yuan(task.reward_fen)}）`, `the price must not exceed the task's reward (${yuan(task.reward_fen)})`));
    if (body.priceFen <= 0) errors.push(fieldError('priceFen', 'exclusiveMinimum', '报价应大于 0 元', 'the price must be more than 0'));
    if (body.message.length > 2000) errors.push(fieldError('message', 'maxLength', '不超过 2000 个字', 'must be at most 2000 characters'));
    if (errors.length) throw invalid(errors);
    if (task.status !== 'open') throw wrongStatus(task, { zh: '投标', en: 'bid' }, ['open']);
    if (deps.clock.today() > task.bid_deadline)
      throw conflict('CROWD_BIDS_CLOSED', '投标已截止', 'Bidding has closed', [fieldError('bidDeadline', 'not_past', `投标截止日为 ${task.bid_deadline}`, `the bid deadline was ${task.bid_deadline}`)]);
    const row = await repo.insertBid(trx, {
      task_id: task.id,
      bidder_subject_id: body.partyKind === 'subject' ? body.partyId : null,
      bidder_organisation_id: body.partyKind === 'organisation' ? body.partyId : null,
      submitted_by: principal.userId,
      price_fen: body.priceFen,
      delivery_days: body.deliveryDays,
      message: body.message.trim(),
      created_at: deps.clock.now(),
    });
    if (!row) throw conflict('CROWD_BID_EXISTS', '已对该任务投过标', 'You have already bid on this task', [fieldError('partyId', 'one_bid', '每个投标方对一个任务只能投一次标', 'each bidder bids once per task')]);
    await tellParty(trx, deps, task.poster_subject_id, null, { kind: 'crowd.task', title: { zh: `众包任务「${task.title}」收到新投标`, en: `A new bid on your crowd task “${task.title}”` }, body: { zh: `报价 ${yuan(body.priceFen)}，${body.deliveryDays} 天交付。`, en: `Price ${yuan(body.priceFen)}, delivery in ${body.deliveryDays} days.` }, link: `/crowd/tasks/${task.id}` });
    await record(trx, deps.clock, ctx, { action: 'crowd.bid_placed', entityType: 'crowd_task', entityId: task.id, data: { bidId: row.id, priceFen: body.priceFen } });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

async function requirePoster(trx: Tx, principal: Principal, task: TaskRow): Promise<void> {
  if (!(await mine(trx, principal)).has('subject', task.poster_subject_id)) throw forbidden('只有任务发布方可以这样做', 'Only the poster of the task may do this');
}

export async function pick(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string, bidId: string): Promise<CrowdTask> {
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    await requirePoster(trx, principal, task);
    if (task.status !== 'open') throw wrongStatus(task, { zh: '选定中标方', en: 'pick a bid' }, ['open']);
    const chosen = await repo.findBid(trx, bidId);
    if (!chosen || chosen.task_id !== task.id) throw invalid([fieldError('bidId', 'of_task', '不是该任务的投标', 'is not a bid on this task')]);
    await repo.updateTask(trx, task.id, { status: 'awarded', winning_bid_id: chosen.id, picked_at: deps.clock.now() });
    await tellParty(trx, deps, chosen.bidder_subject_id, chosen.bidder_organisation_id, {
      kind: 'crowd.task',
      title: { zh: `您已中标众包任务「${task.title}」`, en: `Your bid on “${task.title}” was picked` },
      body: { zh: `请在 ${task.delivery_deadline} 前交付成果。`, en: `Please deliver by ${task.delivery_deadline}.` },
      link: `/crowd/tasks/${task.id}`,
    });
    await record(trx, deps.clock, ctx, { action: 'crowd.bid_picked', entityType: 'crowd_task', entityId: task.id, data: { bidId: chosen.id } });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

export async function cancel(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string): Promise<CrowdTask> {
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    await requirePoster(trx, principal, task);
    if (task.status !== 'open') throw wrongStatus(task, { zh: '撤销（选定中标方之前才能撤销）', en: 'cancel (only before a bid is picked)' }, ['open']);
    const settlement = await settle(trx, deps.clock, task, 'refund');
    await repo.updateTask(trx, task.id, { status: 'cancelled', settlement_transaction_id: settlement, settled_at: deps.clock.now() });
    for (const b of await repo.bidsOf(trx, task.id)) {
      await tellParty(trx, deps, b.bidder_subject_id, b.bidder_organisation_id, { kind: 'crowd.task', title: { zh: `众包任务「${task.title}」已被发布方撤销`, en: `The crowd task “${task.title}” was cancelled` }, body: { zh: '发布方在选定中标方之前撤销了任务。', en: 'The poster cancelled the task before picking a bid.' }, link: `/crowd/tasks/${task.id}` });
    }
    await record(trx, deps.clock, ctx, { action: 'crowd.task_cancelled', entityType: 'crowd_task', entityId: task.id, data: { refundedFen: task.reward_fen, transactionId: settlement } });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

export async function deliver(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string, body: CrowdDeliverBody): Promise<CrowdTask> {
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    const winning = task.winning_bid_id ? await repo.findBid(trx, task.winning_bid_id) : undefined;
    const me = await mine(trx, principal);
    if (!winning || !(me.has('subject', winning.bidder_subject_id) || me.has('organisation', winning.bidder_organisation_id))) throw forbidden('只有中标方可以交付成果', 'Only the winner of the task may deliver');
    if (task.status !== 'awarded' && task.status !== 'delivered') throw wrongStatus(task, { zh: '交付成果', en: 'deliver' }, ['awarded', 'delivered']);
    let file;
    try {
      file = await getFile(trx, body.fileId);
    } catch {
      file = undefined;
    }
    if (!file || file.ownerUserId !== principal.userId) throw invalid([fieldError('fileId', 'own_upload', '应为您本人上传的文件', 'must be a file you uploaded')]);
    if (!(await repo.insertDelivery(trx, { task_id: task.id, file_id: body.fileId, note: body.note.trim(), submitted_by: principal.userId, created_at: deps.clock.now() })))
      throw conflict('CROWD_DELIVERY_EXISTS', '该文件已交付过', 'This file has already been delivered', [fieldError('fileId', 'unique', '同一文件只交付一次', 'a file is delivered once')]);
    if (task.status === 'awarded') await repo.updateTask(trx, task.id, { status: 'delivered', delivered_at: deps.clock.now() });
    await tellParty(trx, deps, task.poster_subject_id, null, { kind: 'crowd.task', title: { zh: `众包任务「${task.title}」已交付成果`, en: `Delivery for “${task.title}”` }, body: { zh: '请验收或提出争议。', en: 'Please accept the delivery or dispute it.' }, link: `/crowd/tasks/${task.id}` });
    await record(trx, deps.clock, ctx, { action: 'crowd.delivered', entityType: 'crowd_task', entityId: task.id, data: { fileId: body.fileId } });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

export async function accept(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string): Promise<CrowdTask> {
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    await requirePoster(trx, principal, task);
    if (task.status !== 'delivered') throw wrongStatus(task, { zh: '验收', en: 'accept delivery' }, ['delivered']);
    const settlement = await settle(trx, deps.clock, task, 'release');
    await repo.updateTask(trx, task.id, { status: 'completed', settlement_transaction_id: settlement, settled_at: deps.clock.now() });
    const winning = (await repo.findBid(trx, task.winning_bid_id!))!;
    await tellParty(trx, deps, winning.bidder_subject_id, winning.bidder_organisation_id, { kind: 'crowd.task', title: { zh: `众包任务「${task.title}」已验收`, en: `“${task.title}”: delivery accepted` }, body: { zh: `报酬 ${yuan(winning.price_fen)} 已从托管中支付给您。`, en: `${yuan(winning.price_fen)} is released to you from escrow.` }, link: `/crowd/tasks/${task.id}` });
    await record(trx, deps.clock, ctx, { action: 'crowd.accepted', entityType: 'crowd_task', entityId: task.id, data: { releasedFen: winning.price_fen, transactionId: settlement } });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

export async function dispute(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string, reason: string): Promise<CrowdTask> {
  const errors: FieldError[] = [];
  checkText(errors, 'reason', reason, 2000);
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    await requirePoster(trx, principal, task);
    if (task.status !== 'awarded' && task.status !== 'delivered') throw wrongStatus(task, { zh: '提出争议', en: 'dispute' }, ['awarded', 'delivered']);
    await repo.updateTask(trx, task.id, { status: 'disputed', dispute_reason: reason.trim(), disputed_at: deps.clock.now() });
    const winning = (await repo.findBid(trx, task.winning_bid_id!))!;
    await tellParty(trx, deps, winning.bidder_subject_id, winning.bidder_organisation_id, { kind: 'crowd.task', title: { zh: `众包任务「${task.title}」的发布方提出了争议`, en: `The poster of “${task.title}” opened a dispute` }, body: { zh: '主管部门将仲裁。', en: 'An officer will arbitrate.' }, link: `/crowd/tasks/${task.id}` });
    await record(trx, deps.clock, ctx, { action: 'crowd.disputed', entityType: 'crowd_task', entityId: task.id, data: {} });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

export async function arbitrate(deps: CrowdDeps, principal: Principal, ctx: AuditContext, taskId: string, body: CrowdArbitrateBody): Promise<CrowdTask> {
  const errors: FieldError[] = [];
  checkText(errors, 'note', body.note, 2000);
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const task = await lockedTask(trx, taskId);
    if (!mayAccess(principal, 'crowd.arbitrate', { regionCode: task.region_code })) throw forbidden('只有任务所在地区主管部门的经办人员可以仲裁', "Only an officer of a department covering the task's region may arbitrate");
    if (task.status !== 'disputed') throw wrongStatus(task, { zh: '仲裁', en: 'arbitrate' }, ['disputed']);
    const settlement = await settle(trx, deps.clock, task, body.decision);
    await repo.updateTask(trx, task.id, {
      status: body.decision === 'release' ? 'completed' : 'refunded',
      settlement_transaction_id: settlement,
      settled_at: deps.clock.now(),
      outcome_note: body.note.trim(),
      decided_by: principal.userId,
    });
    const winning = (await repo.findBid(trx, task.winning_bid_id!))!;
    const release = body.decision === 'release';
    const message = {
      kind: 'crowd.task' as const,
      title: { zh: `众包任务「${task.title}」的争议已仲裁`, en: `The dispute over “${task.title}” is decided` },
      body: { zh: `仲裁结果：${release ? '赏金支付给中标方' : '赏金退还发布方'}。${body.note.trim()}`, en: `Decision: ${release ? 'reward released to the winner' : 'reward refunded to the poster'}. ${body.note.trim()}` },
      link: `/crowd/tasks/${task.id}`,
    };
    await tellParty(trx, deps, task.poster_subject_id, null, message);
    await tellParty(trx, deps, winning.bidder_subject_id, winning.bidder_organisation_id, message);
    await record(trx, deps.clock, ctx, { action: 'crowd.arbitrated', entityType: 'crowd_task', entityId: task.id, data: { decision: body.decision, transactionId: settlement } });
  });
  return getTask(deps.db, deps.clock, principal, taskId);
}

/** A delivered file, for the poster, the winner and arbitrating officers. */
export async function deliveryFile(db: Db, clock: Clock, principal: Principal, taskId: string, deliveryId: string): Promise<{ id: string; name: string; contentType: string }> {
  const view = await getTask(db, clock, principal, taskId);
  if (!['poster', 'winner', 'arbitrator'].includes(view.role)) throw forbidden('只有发布方、中标方和仲裁人员可以查看交付成果', 'Only the poster, the winner and arbitrating officers may read deliveries');
  const d = await repo.findDelivery(db, taskId, deliveryId);
  if (!d) throw notFound({ zh: '该交付成果', en: 'Delivery' });
  const file = await getFile(db, d.file_id);
  return { id: file.id, name: file.name, contentType: file.contentType };
}

export async function disputes(db: Db, principal: Principal): Promise<CrowdTaskList> {
  const regions = membershipsGranting(principal, 'crowd.arbitrate').map((m) => m.regionCode);
  if (!regions.length) return { items: [], total: 0 };
  const { rows } = await repo.listTasks(db, { status: 'disputed', limit: 500, offset: 0 });
  const mineRows = rows.filter((r) => mayAccess(principal, 'crowd.arbitrate', { regionCode: r.region_code }));
  return { items: await summaries(db, mineRows), total: mineRows.length };
}

export async function myCrowd(db: Db, principal: Principal): Promise<CrowdMine> {
  const me = await mine(db, principal);
  const posted = await repo.listTasks(db, { posterSubjectIds: me.subjectIds, limit: 100, offset: 0 });
  const bids = await repo.bidsByParties(db, me.subjectIds, me.organisationIds);
  const bidTasks = await repo.listTasks(db, { ids: [...new Set(bids.map((b) => b.task_id))], limit: 100, offset: 0 });
  const taskViews = new Map((await summaries(db, bidTasks.rows)).map((s) => [s.id, s]));
  const names = await repo.partyNames(db, bids.flatMap((b) => (b.bidder_subject_id ? [b.bidder_subject_id] : [])), bids.flatMap((b) => (b.bidder_organisation_id ? [b.bidder_organisation_id] : [])));
  const won = new Map(bidTasks.rows.map((r) => [r.id, r.winning_bid_id]));
  return {
    tasks: await summaries(db, posted.rows),
    bids: bids.flatMap((b) => {
      const task = taskViews.get(b.task_id);
      return task ? [{ task, priceFen: b.price_fen, won: won.get(b.task_id) === b.id, bidderName: names.get((b.bidder_subject_id ?? b.bidder_organisation_id)!) ?? '' }] : [];
    }),
  };
}

// ---------------------------------------------------------------- supply and demand

async function postViews(db: Db | Tx, clock: Clock, principal: Principal | null, rows: PostRow[]): Promise<CrowdPost[]> {
  const me = await mine(db, principal);
  const [names, regions] = await Promise.all([
    repo.partyNames(db, rows.flatMap((r) => (r.owner_subject_id ? [r.owner_subject_id] : [])), rows.flatMap((r) => (r.owner_organisation_id ? [r.owner_organisation_id] : []))),
    repo.regionNames(db, rows.map((r) => r.region_code)),
  ]);
  const today = clock.today();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    category: r.category,
    regionCode: r.region_code,
    regionName: regions.get(r.region_code) ?? r.region_code,
    ownerName: names.get((r.owner_subject_id ?? r.owner_organisation_id)!) ?? '',
    expiresOn: r.expires_on,
    open: r.closed_at === null && r.expires_on >= today,
    mine: me.has('subject', r.owner_subject_id) || me.has('organisation', r.owner_organisation_id),
    createdAt: instantOut(r.created_at),
  }));
}

export async function listPosts(db: Db, clock: Clock, principal: Principal | null, q: CrowdPostQuery & { mine?: boolean }): Promise<CrowdPostList> {
  const me = q.mine && principal ? await mine(db, principal) : null;
  const { rows, total } = await repo.listPosts(db, {
    tsquery: q.q ? searchQuery(q.q) : null,
    kind: q.kind,
    category: q.category,
    regionPrefix: regionPrefixOf(q.regionCode),
    ...(me ? { owners: me } : { openOn: clock.today() }),
    limit: q.limit ?? 50,
    offset: q.offset ?? 0,
  });
  return { items: await postViews(db, clock, principal, rows), total };
}

export async function getPost(db: Db | Tx, clock: Clock, principal: Principal | null, id: string): Promise<CrowdPost> {
  const row = await repo.findPost(db, id);
  if (!row) throw notFound(POST_NOUN);
  return (await postViews(db, clock, principal, [row]))[0]!;
}

export async function createPost(deps: CrowdDeps, principal: Principal, ctx: AuditContext, body: CreateCrowdPostBody): Promise<CrowdPost> {
  const errors: FieldError[] = [];
  const today = deps.clock.today();
  checkText(errors, 'title', body.title, 100, 2);
  checkText(errors, 'body', body.body, 5000);
  if (!isCalendarDate(body.expiresOn)) errors.push(fieldError('expiresOn', 'format:date', '应为有效日期（YYYY-MM-DD）', 'must be a real date written YYYY-MM-DD'));
  else if (body.expiresOn < today) errors.push(fieldError('expiresOn', 'not_past', `有效期不能早于今天（${today}）`, `must not be before today (${today})`));
  else if (body.expiresOn > addDays(today, 365)) errors.push(fieldError('expiresOn', 'within_a_year', '有效期最长一年', 'must be within a year'));
  const me = await mine(deps.db, principal);
  if (!me.has(body.partyKind, body.partyId)) errors.push(fieldError('partyId', 'acts_for', '只能以您代表的企业、服务机构或您本人名义发布', 'must be an enterprise or provider you act for, or yourself'));
  if (!(await repo.regionExists(deps.db, body.regionCode))) errors.push(fieldError('regionCode', 'exists', '地区代码不存在', 'no such region'));
  if (errors.length) throw invalid(errors);
  const title = body.title.trim();
  const text = body.body.trim();
  const id = await deps.db.transaction().execute(async (trx) => {
    const postId = await repo.insertPost(
      trx,
      {
        kind: body.kind,
        owner_subject_id: body.partyKind === 'subject' ? body.partyId : null,
        owner_organisation_id: body.partyKind === 'organisation' ? body.partyId : null,
        created_by: principal.userId,
        title,
        body: text,
        category: body.category,
        region_code: body.regionCode,
        expires_on: body.expiresOn,
        created_at: deps.clock.now(),
      },
      [...indexLexemes(title), ...indexLexemes(text), ...indexLexemes(categoryLabel(body.category).zh)],
    );
    await record(trx, deps.clock, ctx, { action: 'crowd.post_created', entityType: 'crowd_post', entityId: postId, data: { kind: body.kind, category: body.category } });
    return postId;
  });
  return getPost(deps.db, deps.clock, principal, id);
}

export async function closePost(deps: CrowdDeps, principal: Principal, ctx: AuditContext, id: string): Promise<CrowdPost> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockPost(trx, id);
    if (!row) throw notFound(POST_NOUN);
    const me = await mine(trx, principal);
    if (!(me.has('subject', row.owner_subject_id) || me.has('organisation', row.owner_organisation_id))) throw forbidden('只有发布者可以关闭', 'Only the owner of the post may close it');
    if (row.closed_at) throw conflict('CROWD_POST_CLOSED', '该信息已关闭', 'The post is already closed', [fieldError('status', 'open', '只能关闭未关闭的信息', 'only an open post can be closed')]);
    await repo.closePost(trx, id, deps.clock.now());
    await record(trx, deps.clock, ctx, { action: 'crowd.post_closed', entityType: 'crowd_post', entityId: id, data: {} });
  });
  return getPost(deps.db, deps.clock, principal, id);
}

async function threadView(db: Db | Tx, principal: Principal, threadId: string): Promise<CrowdThread> {
  const thread = await repo.findThread(db, threadId);
  if (!thread) throw notFound({ zh: '该会话', en: 'Thread' });
  const post = (await repo.findPost(db, thread.post_id))!;
  const me = await mine(db, principal);
  const asOwner = me.has('subject', post.owner_subject_id) || me.has('organisation', post.owner_organisation_id);
  if (!asOwner && thread.contact_user_id !== principal.userId) throw forbidden('只有会话双方可以查看', 'Only the two sides of the thread may read it');
  const messages = await repo.messagesOf(db, thread.id);
  const ownerName = (await repo.partyNames(db, post.owner_subject_id ? [post.owner_subject_id] : [], post.owner_organisation_id ? [post.owner_organisation_id] : [])).get((post.owner_subject_id ?? post.owner_organisation_id)!) ?? '';
  const contactName = await repo.userName(db, thread.contact_user_id);
  return {
    id: thread.id,
    postId: post.id,
    postTitle: post.title,
    postKind: post.kind,
    counterpartName: asOwner ? contactName : ownerName,
    asOwner,
    lastMessageAt: instantOut(messages.at(-1)?.created_at ?? thread.created_at),
    messageCount: messages.length,
    messages: messages.map((m) => ({ id: m.id, fromMe: m.sender_user_id === principal.userId, senderName: m.sender_user_id === thread.contact_user_id ? contactName : ownerName, body: m.body, createdAt: instantOut(m.created_at) })),
  };
}

/** A signed-in person gets in touch with a post's owner: their thread on the post (made on first contact) gets the message. */
export async function contact(deps: CrowdDeps, principal: Principal, ctx: AuditContext, postId: string, text: string): Promise<CrowdThread> {
  const errors: FieldError[] = [];
  checkText(errors, 'body', text, 2000);
  if (errors.length) throw invalid(errors);
  const threadId = await deps.db.transaction().execute(async (trx) => {
    const post = await repo.lockPost(trx, postId);
    if (!post) throw notFound(POST_NOUN);
    const me = await mine(trx, principal);
    if (me.has('subject', post.owner_subject_id) || me.has('organisation', post.owner_organisation_id))
      throw invalid([fieldError('postId', 'not_own_post', '不能联系自己发布的信息', 'you cannot contact your own post')]);
    if (post.closed_at || post.expires_on < deps.clock.today()) throw conflict('CROWD_POST_CLOSED', '该信息已关闭或过期，不能再联系', 'The post is closed or expired', [fieldError('expiresOn', 'open', '只能联系有效期内未关闭的信息', 'only open posts can be contacted')]);
    const thread = await repo.threadFor(trx, post.id, principal.userId, deps.clock.now());
    await repo.insertMessage(trx, { thread_id: thread.id, sender_user_id: principal.userId, body: text.trim(), created_at: deps.clock.now() });
    await tellParty(trx, deps, post.owner_subject_id, post.owner_organisation_id, { kind: 'crowd.message', title: { zh: `有人通过平台联系您发布的「${post.title}」`, en: `Someone got in touch about “${post.title}”` }, body: { zh: '请在“我的会话”中查看并回复。', en: 'Read and reply in your message threads.' }, link: `/crowd/threads/${thread.id}` });
    await record(trx, deps.clock, ctx, { action: 'crowd.contacted', entityType: 'crowd_post', entityId: post.id, data: { threadId: thread.id } });
    return thread.id;
  });
  return threadView(deps.db, principal, threadId);
}

export async function reply(deps: CrowdDeps, principal: Principal, ctx: AuditContext, threadId: string, text: string): Promise<CrowdThread> {
  const errors: FieldError[] = [];
  checkText(errors, 'body', text, 2000);
  if (errors.length) throw invalid(errors);
  await deps.db.transaction().execute(async (trx) => {
    const view = await threadView(trx, principal, threadId);
    const thread = (await repo.findThread(trx, threadId))!;
    const post = (await repo.findPost(trx, thread.post_id))!;
    await repo.insertMessage(trx, { thread_id: threadId, sender_user_id: principal.userId, body: text.trim(), created_at: deps.clock.now() });
    const message = { kind: 'crowd.message' as const, title: { zh: `「${post.title}」有新消息`, en: `A new message about “${post.title}”` }, body: { zh: '请在“我的会话”中查看。', en: 'Read it in your message threads.' }, link: `/crowd/threads/${threadId}` };
    if (view.asOwner) await notify(trx, deps, { userId: thread.contact_user_id, ...message });
    else await tellParty(trx, deps, post.owner_subject_id, post.owner_organisation_id, message);
    await record(trx, deps.clock, ctx, { action: 'crowd.message_sent', entityType: 'crowd_post', entityId: post.id, data: { threadId } });
  });
  return threadView(deps.db, principal, threadId);
}

export async function getThread(db: Db, principal: Principal, id: string): Promise<CrowdThread> {
  return threadView(db, principal, id);
}

export async function listThreads(db: Db, principal: Principal): Promise<{ items: CrowdThreadSummary[] }> {
  const me = await mine(db, principal);
  const rows = await repo.threadsOf(db, principal.userId, me.subjectIds, me.organisationIds);
  const names = await repo.partyNames(db, rows.flatMap((r) => (r.owner_subject_id ? [r.owner_subject_id] : [])), rows.flatMap((r) => (r.owner_organisation_id ? [r.owner_organisation_id] : [])));
  return {
    items: rows.map((r) => {
      const asOwner = me.has('subject', r.owner_subject_id) || me.has('organisation', r.owner_organisation_id);
      return {
        id: r.id,
        postId: r.post_id,
        postTitle: r.title,
        postKind: r.kind,
        counterpartName: asOwner ? r.contact_name : (names.get((r.owner_subject_id ?? r.owner_organisation_id)!) ?? ''),
        asOwner,
        lastMessageAt: instantOut(r.last_at),
        messageCount: r.n,
      };
    }),
  };
}
