import { SERVICE_CATEGORIES, type FieldError, type IssuedVoucher, type MyVoucher, type ServiceCategory, type VoucherItem, type VoucherScheme, type VoucherSchemeBody } from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import { addDays } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import type { AppDeps } from '../../platform/http.js';
import { conflict, fieldError, forbidden, invalid, notFound } from '../../platform/problems.js';
import { instantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { accountOf, breachesFloor, lockAccounts, openAccount, postTransaction } from '../ledger/index.js';
import { notify } from '../notifications/index.js';
import { regionCovers, rulesSnapshot, type PolicyItemView } from '../policies/index.js';
import { listMine } from '../subjects/index.js';
import { budgetExhausted } from './vouchers.problems.js';
import * as repo from './vouchers.repository.js';
import type { SchemeRow, VoucherRow } from './vouchers.repository.js';

export type VoucherDeps = Pick<AppDeps, 'db' | 'clock' | 'modules'>;

/** The ledger's scope of the vouchers' idempotency keys. */
export const LEDGER_SCOPE = 'vouchers';

// ---------------------------------------------------------------- the catalogue's voucher items

const inForceIn = (item: PolicyItemView, year: number): boolean => item.effective.from <= `${year}-12-31` && (item.effective.to === null || item.effective.to >= `${year}-01-01`);

/** The catalogue items that are voucher schemes (benefit: voucher) in regions this officer's departments cover. */
export async function voucherItems(db: Db, principal: Principal, today: string): Promise<VoucherItem[]> {
  const departments = membershipsGranting(principal, 'vouchers.manage');
  const { views } = await rulesSnapshot(db);
  return [...views.values()]
    .filter((i) => i.benefit === 'voucher' && departments.some((d) => i.regionCode === null || regionCovers(d.regionCode, i.regionCode)))
    .map((i) => ({ id: i.id, title: i.title, regionCode: i.regionCode, inForce: i.effective.from <= today && (i.effective.to === null || i.effective.to >= today) }))
    .sort((a, b) => a.title.zh.localeCompare(b.title.zh, 'zh-CN'));
}

// ---------------------------------------------------------------- schemes

async function schemeViews(root: Db, db: Db | Tx, rows: readonly SchemeRow[]): Promise<VoucherScheme[]> {
  const { views } = await rulesSnapshot(root, db);
  const figures = await repo.schemeFigures(db, rows.map((r) => r.id));
  const departments = await repo.organisationNames(db, rows.map((r) => r.department_id));
  const out: VoucherScheme[] = [];
  for (const r of rows) {
    const item = views.get(r.item_id);
    const f = figures.get(r.id) ?? { vouchers: 0, issued_fen: 0, redeemed_fen: 0, settled_fen: 0 };
    const account = await accountOf(db, r.account_id);
    out.push({
      id: r.id,
      itemId: r.item_id,
      itemTitle: item?.title ?? { zh: r.item_id, en: r.item_id },
      regionCode: item?.regionCode ?? null,
      year: r.year,
      departmentName: departments.get(r.department_id) ?? '',
      faceValueFen: r.face_value_fen,
      categories: r.categories as ServiceCategory[],
      shareBp: r.share_bp,
      settlement: r.settlement,
      validUntil: r.valid_until,
      validDays: r.valid_days,
      budgetFen: r.budget_fen,
      issuedFen: f.issued_fen,
      leftFen: account?.balance ?? 0,
      vouchersIssued: f.vouchers,
      redeemedFen: f.redeemed_fen,
      settledFen: f.settled_fen,
      status: r.status,
      sourceNote: r.source_note,
    });
  }
  return out;
}

/** The region a scheme lives in: its item's (null: valid everywhere). */
export async function schemeRegion(root: Db, db: Db | Tx, scheme: SchemeRow): Promise<string | null> {
  return (await rulesSnapshot(root, db)).views.get(scheme.item_id)?.regionCode ?? null;
}

/** An officer (vouchers.manage) of a department whose region covers the scheme's item, or a 403. */
export async function requireManager(root: Db, db: Db | Tx, principal: Principal, scheme: SchemeRow): Promise<void> {
  const region = await schemeRegion(root, db, scheme);
  if (!mayAccess(principal, 'vouchers.manage', region === null ? {} : { regionCode: region })) {
    throw forbidden('只有地区覆盖该方案事项的部门经办人员可以管理此服务券方案', "Only officers of a department whose region covers the scheme's item may manage it");
  }
}

export async function listSchemes(db: Db, principal: Principal): Promise<VoucherScheme[]> {
  const departments = membershipsGranting(principal, 'vouchers.manage');
  const { views } = await rulesSnapshot(db);
  const rows = (await repo.listSchemes(db)).filter((s) => {
    const region = views.get(s.item_id)?.regionCode ?? null;
    return departments.some((d) => region === null || regionCovers(d.regionCode, region));
  });
  return schemeViews(db, db, rows);
}

export async function schemeView(root: Db, db: Db | Tx, id: string): Promise<VoucherScheme> {
  const row = await repo.findScheme(db, id);
  if (!row) throw notFound({ zh: '该服务券方案', en: 'Voucher scheme' });
  return (await schemeViews(root, db, [row]))[0]!;
}

function checkSchemeBody(body: VoucherSchemeBody, item: PolicyItemView | undefined): FieldError[] {
  const errors: FieldError[] = [];
  if (!item) errors.push(fieldError('itemId', 'exists', '应为政策目录中已有的事项', 'must be an item of the policy catalogue'));
  else if (item.benefit !== 'voucher') errors.push(fieldError('itemId', 'voucher_item', '该事项不是服务券类政策', 'is not a voucher item of the catalogue'));
  else if (!inForceIn(item, body.year)) {
    errors.push(fieldError('year', 'in_force', `该事项在 ${body.year} 年不在有效期内（${item.effective.from} 至 ${item.effective.to ?? '长期'}）`, `the item is not in force in ${body.year} (${item.effective.from} to ${item.effective.to ?? 'open'})`));
  }
  if ((body.validUntil === undefined) === (body.validDays === undefined)) {
    errors.push(fieldError('validUntil', 'one_of', '有效期应填写截止日期或自发放之日起的天数，二者择一', 'give either an expiry date or a number of days from issue, not both'));
  }
  if (body.validUntil !== undefined && body.validUntil < `${body.year}-01-01`) {
    errors.push(fieldError('validUntil', 'minimum', `截止日期不能早于 ${body.year} 年`, `must not be before ${body.year}`));
  }
  if (body.faceValueFen > body.budgetFen) errors.push(fieldError('faceValueFen', 'maximum', '单张面额不能超过方案预算', "must not exceed the scheme's budget"));
  for (const [i, c] of body.categories.entries()) {
    if (!(SERVICE_CATEGORIES as readonly string[]).includes(c)) errors.push(fieldError(`categories/${i}`, 'enum', '不是平台的服务类别', 'is not a service category of the platform'));
  }
  return errors;
}

/**
 * A new scheme: an officer of a department whose region covers the voucher item creates it for
 * a year with its budget. Its three ledger accounts are opened and the budget appropriated to
 * the scheme's account (floor 0), from which every voucher is funded.
 */
export async function createScheme(trx: Tx, deps: VoucherDeps, principal: Principal | null, ctx: AuditContext, body: VoucherSchemeBody, departmentId?: string): Promise<VoucherScheme> {
  const item = (await rulesSnapshot(deps.db, trx)).views.get(body.itemId);
  const errors = checkSchemeBody(body, item);
  if (errors.length) throw invalid(errors);
  let department = departmentId;
  if (principal) {
    const mine = membershipsGranting(principal, 'vouchers.manage').filter((m) => item!.regionCode === null || regionCovers(m.regionCode, item!.regionCode));
    if (mine.length === 0) throw forbidden('只有地区覆盖该事项的部门经办人员可以设立服务券方案', "Only officers of a department whose region covers the item may create its voucher scheme");
    department = mine[0]!.organisationId;
  }
  if (!department) throw invalid([fieldError('departmentId', 'required', '必填', 'is required')]);
  if (await repo.findSchemeOfItem(trx, body.itemId, body.year)) {
    throw conflict('VOUCHER_SCHEME_EXISTS', '该事项本年度已有服务券方案', 'The item already has a voucher scheme for that year', [fieldError('year', 'unique', '每个事项每年只有一个服务券方案', 'one scheme per item and year')]);
  }
  const reference = `voucher_scheme:${body.itemId}:${body.year}`;
  const account = await openAccount(trx, { ownerModule: 'vouchers', kind: 'scheme', unit: 'fen', floor: 0, reference });
  const appropriation = await openAccount(trx, { ownerModule: 'vouchers', kind: 'scheme_appropriation', unit: 'fen', floor: null, reference });
  const disbursed = await openAccount(trx, { ownerModule: 'vouchers', kind: 'scheme_disbursed', unit: 'fen', floor: null, reference });
  const row = await repo.insertScheme(trx, {
    item_id: body.itemId,
    year: body.year,
    department_id: department,
    face_value_fen: body.faceValueFen,
    categories: [...body.categories],
    share_bp: body.shareBp,
    settlement: body.settlement,
    valid_until: body.validUntil ?? null,
    valid_days: body.validDays ?? null,
    budget_fen: body.budgetFen,
    source_note: body.sourceNote ?? '',
    account_id: account.id,
    appropriation_account_id: appropriation.id,
    disbursed_account_id: disbursed.id,
    created_by: principal?.userId ?? null,
    created_at: deps.clock.now(),
  });
  if (!row) throw conflict('VOUCHER_SCHEME_EXISTS', '该事项本年度已有服务券方案', 'The item already has a voucher scheme for that year', [fieldError('year', 'unique', '每个事项每年只有一个服务券方案', 'one scheme per item and year')]);
  await postTransaction(trx, deps.clock, {
    scope: LEDGER_SCOPE,
    idempotencyKey: `appropriation:${row.id}`,
    memo: 'scheme budget',
    reference: `voucher_scheme:${row.id}`,
    postings: [
      { accountId: appropriation.id, amount: -body.budgetFen },
      { accountId: account.id, amount: body.budgetFen },
    ],
  });
  await record(trx, deps.clock, ctx, {
    action: 'voucher_scheme.created',
    entityType: 'voucher_scheme',
    entityId: row.id,
    data: { itemId: body.itemId, year: body.year, budgetFen: body.budgetFen, faceValueFen: body.faceValueFen, categories: body.categories, shareBp: body.shareBp, settlement: body.settlement },
  });
  return (await schemeViews(deps.db, trx, [row]))[0]!;
}

/** Suspends a scheme (its vouchers then pay for nothing) or puts it back in force. */
export async function setSchemeStatus(trx: Tx, deps: VoucherDeps, principal: Principal, ctx: AuditContext, id: string, status: 'active' | 'suspended'): Promise<VoucherScheme> {
  const scheme = await repo.lockScheme(trx, id);
  if (!scheme) throw notFound({ zh: '该服务券方案', en: 'Voucher scheme' });
  await requireManager(deps.db, trx, principal, scheme);
  if (scheme.status !== status) {
    await repo.setSchemeStatus(trx, id, status);
    await record(trx, deps.clock, ctx, { action: status === 'suspended' ? 'voucher_scheme.suspended' : 'voucher_scheme.resumed', entityType: 'voucher_scheme', entityId: id, data: {} });
  }
  return schemeView(deps.db, trx, id);
}

// ---------------------------------------------------------------- issuing

/** A voucher's last valid day when issued today under the scheme. */
export const expiryOf = (scheme: SchemeRow, issuedOn: string): string => scheme.valid_until ?? addDays(issuedOn, (scheme.valid_days ?? 1) - 1);

export interface IssueResult {
  voucher: VoucherRow;
  issued: boolean;
}

/**
 * Issues one voucher of a scheme to a subject (the caller has locked the scheme row): its face
 * value moves from the scheme's account into the voucher's (floor 0 on both), so a scheme's
 * vouchers never exceed its budget; a second voucher of the same scheme for the same subject is
 * refused by the database (the first is returned). The holder is told.
 */
export async function issueVoucher(
  trx: Tx,
  deps: VoucherDeps,
  ctx: AuditContext,
  scheme: SchemeRow,
  subjectId: string,
  origin: 'award' | 'bulk' | 'platform',
  applicationId: string | null = null,
): Promise<IssueResult> {
  const existing = await repo.findVoucherOf(trx, scheme.id, subjectId);
  if (existing) return { voucher: existing, issued: false };
  const today = deps.clock.today();
  const expiresOn = expiryOf(scheme, today);
  if (expiresOn < today) {
    throw conflict('VOUCHER_SCHEME_ENDED', '该服务券方案的有效期已过，不能再发放', "The scheme's validity has ended: no more vouchers can be issued", [fieldError('validUntil', 'expired', '方案截止日期已过', "the scheme's expiry date has passed")]);
  }
  const account = await openAccount(trx, { ownerModule: 'vouchers', kind: 'voucher', unit: 'fen', floor: 0, reference: `voucher_scheme:${scheme.id}:subject:${subjectId}` });
  const voucher = await repo.insertVoucher(trx, {
    scheme_id: scheme.id,
    subject_id: subjectId,
    face_value_fen: scheme.face_value_fen,
    issued_on: today,
    expires_on: expiresOn,
    account_id: account.id,
    origin,
    application_id: applicationId,
    expired_at: null,
    created_at: deps.clock.now(),
  });
  if (!voucher) return { voucher: (await repo.findVoucherOf(trx, scheme.id, subjectId))!, issued: false };
  try {
    await postTransaction(trx, deps.clock, {
      scope: LEDGER_SCOPE,
      idempotencyKey: `issue:${voucher.id}`,
      memo: 'voucher issued',
      reference: `voucher:${voucher.id}`,
      postings: [
        { accountId: scheme.account_id, amount: -scheme.face_value_fen },
        { accountId: account.id, amount: scheme.face_value_fen },
      ],
    });
  } catch (error) {
    if (breachesFloor(error)) throw budgetExhausted();
    throw error;
  }
  const item = (await rulesSnapshot(deps.db, trx)).views.get(scheme.item_id);
  const title = item?.title ?? { zh: '服务券', en: 'Service voucher' };
  const yuan = (scheme.face_value_fen / 100).toLocaleString('zh-CN');
  await notify(trx, deps, {
    subjectId,
    kind: 'voucher.issued',
    title: { zh: `您获得一张${title.zh}`, en: `You received a voucher: ${title.en}` },
    body: { zh: `面额 ${yuan} 元，有效期至 ${expiresOn}，可在服务市场向服务机构购买相关服务。`, en: `Face value ¥${yuan}, valid until ${expiresOn}; use it to buy services from providers on the marketplace.` },
    link: '/vouchers/mine',
    dedupeKey: `voucher:${voucher.id}`,
  });
  await record(trx, deps.clock, ctx, { action: 'voucher.issued', entityType: 'voucher', entityId: voucher.id, data: { schemeId: scheme.id, subjectId, faceValueFen: scheme.face_value_fen, origin, applicationId } });
  return { voucher, issued: true };
}

/** What is left on the scheme's account that no voucher has taken yet. */
export async function schemeAvailable(trx: Tx, scheme: SchemeRow): Promise<number> {
  const [account] = await lockAccounts(trx, [scheme.account_id]);
  return account?.available ?? 0;
}

/**
 * 'award.approved' (fulfilment): an item with a voucher scheme for the year of approval issues
 * one voucher to the subject; a voucher item without one is refused (nothing could be issued). A voucher item's money lives in its scheme: an award approved with
 * an amount of money as well would also commit a budget, counting the money twice, so it is
 * refused (the approval rolls back with the problem).
 */
export async function onAwardApproved(trx: Tx, deps: VoucherDeps, payload: { applicationId: string; itemId: string; subjectId: string; approvedFen: number }): Promise<void> {
  const year = Number(deps.clock.today().slice(0, 4));
  const found = await repo.findSchemeOfItem(trx, payload.itemId, year);
  if (!found) {
    // A voucher item approved with no scheme this year would leave the subject approved with nothing:
    // the approval is refused until the department sets up the year's scheme.
    const item = (await rulesSnapshot(deps.db, trx)).views.get(payload.itemId);
    if (item?.benefit === 'voucher') {
      throw conflict('VOUCHER_SCHEME_MISSING', `该服务券类事项尚未设立 ${year} 年度的服务券方案，批复后无法发券：请先设立方案`, `The voucher item has no voucher scheme for ${year}: no voucher could be issued, so set up the scheme before approving`);
    }
    return;
  }
  if (payload.approvedFen > 0) {
    throw conflict('VOUCHER_ITEM_WITH_AMOUNT', '服务券类事项的资金在服务券方案中，批复时不再另行核定金额', "A voucher item's money is in its voucher scheme: approve it without an amount", [
      fieldError('amountFen', 'maximum', '服务券类事项批复金额应为 0（发放一张服务券）', 'must be 0 for a voucher item (one voucher is issued)'),
    ]);
  }
  const scheme = (await repo.lockScheme(trx, found.id))!;
  if (scheme.status !== 'active') {
    throw conflict('VOUCHER_SCHEME_SUSPENDED', '该服务券方案已暂停，不能发放服务券', 'The voucher scheme is suspended: no voucher can be issued');
  }
  await issueVoucher(trx, deps, { actorUserId: null, actor: 'system:award', requestId: null, ip: null }, scheme, payload.subjectId, 'award', payload.applicationId);
}

export async function issuedVouchers(db: Db, principal: Principal, schemeId: string): Promise<IssuedVoucher[]> {
  const scheme = await repo.findScheme(db, schemeId);
  if (!scheme) throw notFound({ zh: '该服务券方案', en: 'Voucher scheme' });
  await requireManager(db, db, principal, scheme);
  const rows = await repo.vouchersOfScheme(db, schemeId);
  const names = await repo.subjectNames(db, rows.map((r) => r.subject_id));
  const out: IssuedVoucher[] = [];
  for (const v of rows) {
    const a = await accountOf(db, v.account_id);
    out.push({
      id: v.id,
      subjectName: names.get(v.subject_id) ?? '',
      faceValueFen: v.face_value_fen,
      balanceFen: a?.available ?? 0,
      heldFen: a?.held ?? 0,
      issuedOn: v.issued_on,
      expiresOn: v.expires_on,
      origin: v.origin,
      status: v.status,
    });
  }
  return out;
}

// ---------------------------------------------------------------- a holder's vouchers

export async function myVouchers(db: Db, principal: Principal): Promise<MyVoucher[]> {
  const subjects = await listMine(db, principal);
  const rows = await repo.vouchersOfSubjects(db, subjects.map((s) => s.id));
  const names = new Map(subjects.map((s) => [s.id, s.name]));
  const { views } = await rulesSnapshot(db);
  const uses = await repo.usesOfVouchers(db, rows.map((r) => r.id));
  const providers = await repo.organisationNames(db, uses.map((u) => u.provider_organisation_id));
  const out: MyVoucher[] = [];
  for (const v of rows) {
    const scheme = (await repo.findScheme(db, v.scheme_id))!;
    const a = await accountOf(db, v.account_id);
    out.push({
      id: v.id,
      schemeTitle: views.get(scheme.item_id)?.title ?? { zh: '服务券', en: 'Service voucher' },
      year: scheme.year,
      subjectName: names.get(v.subject_id) ?? '',
      faceValueFen: v.face_value_fen,
      leftFen: v.status === 'expired' ? 0 : (a?.available ?? 0),
      heldFen: a?.held ?? 0,
      categories: scheme.categories as ServiceCategory[],
      shareBp: scheme.share_bp,
      settlement: scheme.settlement,
      validFrom: v.issued_on,
      expiresOn: v.expires_on,
      status: v.status,
      uses: uses
        .filter((u) => u.voucher_id === v.id)
        .map((u) => ({
          orderId: u.order_id,
          providerName: providers.get(u.provider_organisation_id) ?? '',
          category: u.category as ServiceCategory,
          priceFen: u.price_fen,
          voucherPaysFen: u.voucher_pays_fen,
          enterprisePaysFen: u.enterprise_pays_fen,
          status: u.status,
          at: instantOut(u.settled_at ?? u.released_at ?? u.redeemed_at ?? u.held_at),
        })),
    });
  }
  return out;
}
