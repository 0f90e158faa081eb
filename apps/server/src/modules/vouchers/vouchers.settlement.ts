import type { Receivable, Redemption, ServiceCategory, SettlementBatch, SettlementOverview } from '@seedbed/contract';
import { mayAccess, membershipsGranting, type Principal } from '../../platform/access.js';
import type { Db, Tx } from '../../platform/database.js';
import { conflict, forbidden, notFound } from '../../platform/problems.js';
import { instantOut, nullableInstantOut } from '../../platform/time.js';
import { record, type AuditContext } from '../audit/index.js';
import { postTransaction } from '../ledger/index.js';
import { regionCovers, rulesSnapshot } from '../policies/index.js';
import { listMine } from '../subjects/index.js';
import { LEDGER_SCOPE, schemeRegion, type VoucherDeps } from './vouchers.service.js';
import * as repo from './vouchers.repository.js';
import type { BatchRow, PayableRow, SchemeRow, UseRow } from './vouchers.repository.js';

/**
 * Settlement (结算): finance of a department whose region covers a scheme proposes a batch of
 * the scheme's unsettled redemptions; a second, different finance officer approves it, and each
 * redemption is paid from the payee's payable account to the scheme's disbursed account exactly
 * once (one live batch line per redemption, the ledger's idempotency key per redemption, the
 * batch row locked and its status checked). Replaying an approval pays nothing more.
 */

async function requireFinance(root: Db, db: Db | Tx, principal: Principal, scheme: SchemeRow): Promise<void> {
  const region = await schemeRegion(root, db, scheme);
  if (!mayAccess(principal, 'vouchers.settle', region === null ? {} : { regionCode: region })) {
    throw forbidden('只有地区覆盖该服务券方案的财政部门财务人员可以结算', "Only finance officers of a department whose region covers the scheme may settle it");
  }
}

async function payeeNames(db: Db | Tx, payables: Iterable<PayableRow>): Promise<Map<string, string>> {
  const list = [...payables];
  const orgs = await repo.organisationNames(db, list.flatMap((p) => (p.organisation_id ? [p.organisation_id] : [])));
  const subjects = await repo.subjectNames(db, list.flatMap((p) => (p.subject_id ? [p.subject_id] : [])));
  return new Map(list.map((p) => [p.id, (p.organisation_id ? orgs.get(p.organisation_id) : subjects.get(p.subject_id!)) ?? '']));
}

async function redemptions(db: Db | Tx, uses: readonly UseRow[]): Promise<Redemption[]> {
  const payables = await repo.payablesById(db, uses.map((u) => u.payable_id));
  const names = await payeeNames(db, payables.values());
  return uses.map((u) => ({
    orderId: u.order_id,
    payeeName: names.get(u.payable_id) ?? '',
    payeeKind: payables.get(u.payable_id)!.payee_kind,
    category: u.category as ServiceCategory,
    amountFen: u.voucher_pays_fen,
    redeemedAt: instantOut(u.redeemed_at!),
  }));
}

async function batchViews(root: Db, db: Db | Tx, principal: Principal, batches: readonly BatchRow[]): Promise<SettlementBatch[]> {
  const { views } = await rulesSnapshot(root, db);
  const lines = await repo.linesOf(db, batches.map((b) => b.id));
  const uses = await repo.usesOfOrders(db, lines.map((l) => l.order_id));
  const useOf = new Map(uses.map((u) => [u.order_id, u]));
  const payables = await repo.payablesById(db, uses.map((u) => u.payable_id));
  const names = await payeeNames(db, payables.values());
  const people = await repo.userNames(db, batches.flatMap((b) => [b.proposed_by, ...(b.decided_by ? [b.decided_by] : [])]));
  const out: SettlementBatch[] = [];
  for (const b of batches) {
    const scheme = (await repo.findScheme(db, b.scheme_id))!;
    const mine = lines.filter((l) => l.batch_id === b.id);
    const byPayee = new Map<string, number>();
    for (const l of mine) {
      const p = useOf.get(l.order_id)!.payable_id;
      byPayee.set(p, (byPayee.get(p) ?? 0) + l.amount_fen);
    }
    out.push({
      id: b.id,
      schemeId: b.scheme_id,
      schemeTitle: views.get(scheme.item_id)?.title ?? { zh: '服务券', en: 'Service voucher' },
      year: scheme.year,
      status: b.status,
      totalFen: b.total_fen,
      lines: mine.length,
      payees: [...byPayee].map(([p, amountFen]) => ({ name: names.get(p) ?? '', kind: payables.get(p)!.payee_kind, amountFen })),
      proposedByName: people.get(b.proposed_by) ?? '',
      proposedByMe: b.proposed_by === principal.userId,
      proposedAt: instantOut(b.proposed_at),
      decidedByName: b.decided_by ? (people.get(b.decided_by) ?? '') : null,
      decidedAt: nullableInstantOut(b.decided_at),
    });
  }
  return out;
}

/** The schemes this finance officer settles, their unsettled redemptions, and their batches. */
export async function settlementOverview(db: Db, principal: Principal): Promise<SettlementOverview> {
  const departments = membershipsGranting(principal, 'vouchers.settle');
  const { views } = await rulesSnapshot(db);
  const schemes = (await repo.listSchemes(db)).filter((s) => {
    const region = views.get(s.item_id)?.regionCode ?? null;
    return departments.some((d) => region === null || regionCovers(d.regionCode, region));
  });
  const out: SettlementOverview['schemes'] = [];
  for (const s of schemes) {
    const unsettled = await redemptions(db, await repo.unsettledOfScheme(db, s.id));
    out.push({ id: s.id, title: views.get(s.item_id)?.title ?? { zh: '服务券', en: 'Service voucher' }, year: s.year, unsettledFen: unsettled.reduce((n, r) => n + r.amountFen, 0), unsettled });
  }
  const batches = await batchViews(db, db, principal, await repo.batchesOfSchemes(db, schemes.map((s) => s.id)));
  return { schemes: out, batches };
}

export async function proposeBatch(trx: Tx, deps: VoucherDeps, principal: Principal, ctx: AuditContext, schemeId: string): Promise<SettlementBatch> {
  const scheme = await repo.lockScheme(trx, schemeId);
  if (!scheme) throw notFound({ zh: '该服务券方案', en: 'Voucher scheme' });
  await requireFinance(deps.db, trx, principal, scheme);
  const uses = await repo.unsettledOfScheme(trx, schemeId);
  if (uses.length === 0) throw conflict('NOTHING_TO_SETTLE', '该方案没有待结算的兑付', 'The scheme has no redemptions waiting to be settled');
  const total = uses.reduce((n, u) => n + u.voucher_pays_fen, 0);
  const batch = await repo.insertBatch(trx, { scheme_id: schemeId, status: 'proposed', total_fen: total, proposed_by: principal.userId, proposed_at: deps.clock.now(), decided_by: null, decided_at: null });
  await repo.insertLines(trx, batch.id, uses.map((u) => ({ orderId: u.order_id, amountFen: u.voucher_pays_fen })));
  await record(trx, deps.clock, ctx, { action: 'voucher_batch.proposed', entityType: 'voucher_batch', entityId: batch.id, data: { schemeId, totalFen: total, lines: uses.length } });
  return (await batchViews(deps.db, trx, principal, [batch]))[0]!;
}

async function lockedBatch(trx: Tx, deps: VoucherDeps, principal: Principal, batchId: string): Promise<{ batch: BatchRow; scheme: SchemeRow }> {
  const found = await repo.findBatch(trx, batchId);
  if (!found) throw notFound({ zh: '该结算批次', en: 'Settlement batch' });
  // The money path's lock order: scheme row, batch row, the uses, the ledger's accounts, the audit chain.
  const scheme = (await repo.lockScheme(trx, found.scheme_id))!;
  await requireFinance(deps.db, trx, principal, scheme);
  return { batch: (await repo.lockBatch(trx, batchId))!, scheme };
}

/**
 * The second finance officer approves a proposed batch: each line's redemption is paid once
 * (payable → disbursed, idempotency key per redemption) and marked settled. Approving a paid
 * batch again returns it as it is and pays nothing.
 */
export async function approveBatch(trx: Tx, deps: VoucherDeps, principal: Principal, ctx: AuditContext, batchId: string): Promise<{ batch: SettlementBatch; paidFen: number }> {
  const { batch, scheme } = await lockedBatch(trx, deps, principal, batchId);
  if (batch.status === 'paid') return { batch: (await batchViews(deps.db, trx, principal, [batch]))[0]!, paidFen: 0 };
  if (batch.status === 'rejected') throw conflict('VOUCHER_BATCH_REJECTED', '该结算批次已驳回或撤回，不能批准', 'This settlement batch was rejected or withdrawn: it cannot be approved');
  if (batch.proposed_by === principal.userId) {
    throw conflict('SECOND_APPROVER_SAME', '复核人不能是提出结算批次的同一财务人员', 'The approver must be a different finance officer from the one who proposed the batch');
  }
  const lines = await repo.linesOf(trx, [batch.id]);
  const uses: UseRow[] = [];
  for (const l of lines) uses.push((await repo.lockUse(trx, l.order_id))!);
  const payables = await repo.payablesById(trx, uses.map((u) => u.payable_id));
  let paid = 0;
  const now = deps.clock.now();
  for (const [i, l] of lines.entries()) {
    const use = uses[i]!;
    if (use.status === 'settled') continue;
    const x = await postTransaction(trx, deps.clock, {
      scope: LEDGER_SCOPE,
      idempotencyKey: `settle:${use.order_id}`,
      memo: 'voucher settlement',
      reference: `voucher_batch:${batch.id}`,
      postings: [
        { accountId: payables.get(use.payable_id)!.account_id, amount: -l.amount_fen },
        { accountId: scheme.disbursed_account_id, amount: l.amount_fen },
      ],
    });
    if (!x.replayed) paid += l.amount_fen;
    await repo.setUseStatus(trx, use.order_id, { status: 'settled', settled_at: now });
    await repo.markLinePaid(trx, batch.id, use.order_id, x.value.id);
  }
  const decided = await repo.decideBatch(trx, batch.id, 'paid', principal.userId, now);
  await record(trx, deps.clock, ctx, { action: 'voucher_batch.paid', entityType: 'voucher_batch', entityId: batch.id, data: { schemeId: scheme.id, totalFen: batch.total_fen, paidFen: paid, proposedBy: batch.proposed_by } });
  return { batch: (await batchViews(deps.db, trx, principal, [decided]))[0]!, paidFen: paid };
}

/** Ends a proposed batch without paying: its proposer withdraws it or another finance officer rejects it; its redemptions may be proposed again. */
export async function rejectBatch(trx: Tx, deps: VoucherDeps, principal: Principal, ctx: AuditContext, batchId: string): Promise<SettlementBatch> {
  const { batch } = await lockedBatch(trx, deps, principal, batchId);
  if (batch.status !== 'proposed') throw conflict('VOUCHER_BATCH_DECIDED', '该结算批次已处理', 'This settlement batch has already been decided');
  await repo.giveUpLines(trx, batch.id);
  const decided = await repo.decideBatch(trx, batch.id, 'rejected', principal.userId, deps.clock.now());
  await record(trx, deps.clock, ctx, { action: 'voucher_batch.rejected', entityType: 'voucher_batch', entityId: batch.id, data: { withdrawn: batch.proposed_by === principal.userId } });
  return (await batchViews(deps.db, trx, principal, [decided]))[0]!;
}

/**
 * What a payee is owed per scheme: a provider's organisations (通兑) and an enterprise's own
 * subjects (通用, reimbursed): held by open orders, redeemed and waiting, in a batch, paid.
 */
export async function receivables(db: Db, principal: Principal): Promise<Receivable[]> {
  const organisationIds = principal.memberships.filter((m) => m.organisationKind === 'service_provider').map((m) => m.organisationId);
  const subjectIds = (await listMine(db, principal)).map((s) => s.id);
  const payables = await repo.payablesOf(db, { organisationIds, subjectIds });
  const names = await payeeNames(db, payables);
  const uses = await repo.usesOfPayables(db, payables.map((p) => p.id));
  const { views } = await rulesSnapshot(db);
  const out: Receivable[] = [];
  for (const p of payables) {
    const scheme = (await repo.findScheme(db, p.scheme_id))!;
    const mine = uses.filter((u) => u.payable_id === p.id);
    const sum = (f: (u: (typeof mine)[number]) => boolean) => mine.filter(f).reduce((n, u) => n + Number(u.voucher_pays_fen), 0);
    out.push({
      schemeTitle: views.get(scheme.item_id)?.title ?? { zh: '服务券', en: 'Service voucher' },
      year: scheme.year,
      payeeName: names.get(p.id) ?? '',
      payeeKind: p.payee_kind,
      heldFen: sum((u) => u.status === 'held'),
      redeemedFen: sum((u) => u.status === 'redeemed' && !u.in_batch),
      inBatchFen: sum((u) => u.status === 'redeemed' && u.in_batch),
      paidFen: sum((u) => u.status === 'settled'),
    });
  }
  return out;
}
