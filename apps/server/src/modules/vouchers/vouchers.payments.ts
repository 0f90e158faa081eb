import type { ServiceCategory } from '@seedbed/contract';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/database.js';
import { conflict, fieldError } from '../../platform/problems.js';
import type { VoucherPayments, VoucherQuote, VoucherUse } from '../../platform/voucher-payments.js';
import { accountOf, breachesFloor, openAccount, placeHold, postHold, voidHold } from '../ledger/index.js';
import { LEDGER_SCOPE } from './vouchers.service.js';
import { nothingLeft, voucherRefused } from './vouchers.problems.js';
import * as repo from './vouchers.repository.js';
import type { PayableRow, SchemeRow, UseRow, VoucherRow } from './vouchers.repository.js';

/**
 * The vouchers' side of paying marketplace orders (platform/voucher-payments.ts). A use is a
 * hold on the voucher's account (floor 0) towards the payee's payable account of the scheme,
 * keyed by the order: the voucher row is locked first, so uses of one voucher queue, and the
 * ledger's floor refuses anything beyond the voucher's balance even so.
 */

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The checks `quote` and `hold` share: a problem naming `voucherId` and the rule, or the quote. */
function quoteFor(voucher: VoucherRow | undefined, scheme: SchemeRow | undefined, available: number, use: VoucherUse, today: string): VoucherQuote {
  if (!voucher || !scheme) throw voucherRefused('exists', '服务券不存在', 'no such voucher');
  if (voucher.subject_id !== use.holderSubjectId) throw voucherRefused('holder', '该服务券不属于下单的企业', 'the voucher does not belong to the enterprise that orders');
  if (scheme.status !== 'active') throw voucherRefused('suspended', '该服务券所属方案已暂停', "the voucher's scheme is suspended");
  if (today < voucher.issued_on) throw voucherRefused('not_yet_valid', `服务券自 ${voucher.issued_on} 起方可使用`, `the voucher is valid from ${voucher.issued_on}`);
  if (voucher.status === 'expired' || today > voucher.expires_on) throw voucherRefused('expired', `服务券已于 ${voucher.expires_on} 到期`, `the voucher expired on ${voucher.expires_on}`);
  if (!scheme.categories.includes(use.category)) {
    throw voucherRefused('category', '该服务券不能用于此类服务', 'the voucher does not pay for this category of service');
  }
  if (use.orderId.length < 1 || use.orderId.length > 100) {
    throw conflict('VOUCHER_REFUSED', '订单编号应为 1 至 100 个字符', 'The order id must be 1 to 100 characters', [fieldError('orderId', 'length', '应为 1 至 100 个字符', 'must be 1 to 100 characters')]);
  }
  if (!Number.isSafeInteger(use.priceFen) || use.priceFen <= 0) {
    throw conflict('VOUCHER_REFUSED', '订单价格应为正整数（分）', "The order's price must be a positive number of fen", [fieldError('priceFen', 'minimum', '应为正整数（分）', 'must be a positive whole number of fen')]);
  }
  if (available <= 0) throw nothingLeft();
  const share = Math.floor((use.priceFen * scheme.share_bp) / 10000);
  const voucherPaysFen = Math.min(share, available);
  if (voucherPaysFen <= 0) throw voucherRefused('balance', `订单价格 ${yuan(use.priceFen)} 元过低，服务券可抵部分不足 1 分`, `at ¥${yuan(use.priceFen)} the voucher's share is less than one fen`);
  return { voucherPaysFen, enterprisePaysFen: use.priceFen - voucherPaysFen, settlement: scheme.settlement };
}

const quoteOf = (u: UseRow): VoucherQuote => ({ voucherPaysFen: u.voucher_pays_fen, enterprisePaysFen: u.enterprise_pays_fen, settlement: u.settlement });

/** The payable account of the scheme for a payee, opened the first time (under the scheme row's lock). */
async function payableFor(trx: Tx, scheme: SchemeRow, payee: { kind: 'provider'; organisationId: string } | { kind: 'enterprise'; subjectId: string }): Promise<PayableRow> {
  const found = await repo.findPayable(trx, scheme.id, payee);
  if (found) return found;
  await repo.lockScheme(trx, scheme.id);
  const again = await repo.findPayable(trx, scheme.id, payee);
  if (again) return again;
  const reference = payee.kind === 'provider' ? `voucher_scheme:${scheme.id}:provider:${payee.organisationId}` : `voucher_scheme:${scheme.id}:enterprise:${payee.subjectId}`;
  const account = await openAccount(trx, { ownerModule: 'vouchers', kind: 'payable', unit: 'fen', floor: 0, reference });
  return repo.insertPayable(trx, {
    scheme_id: scheme.id,
    payee_kind: payee.kind,
    organisation_id: payee.kind === 'provider' ? payee.organisationId : null,
    subject_id: payee.kind === 'enterprise' ? payee.subjectId : null,
    account_id: account.id,
  });
}

function sameUse(u: UseRow, use: VoucherUse): void {
  if (u.voucher_id !== use.voucherId || u.price_fen !== use.priceFen || u.category !== use.category || u.provider_organisation_id !== use.providerOrganisationId) {
    throw conflict('VOUCHER_ORDER_USED', '该订单已使用服务券，且内容不同', 'This order already uses a voucher, with different details', [
      fieldError('orderId', 'unique', '一个订单只能使用一次服务券', 'an order uses a voucher once'),
    ]);
  }
}

export function voucherPaymentsOf(clock: Clock): VoucherPayments {
  return {
    async quote(db: Db | Tx, use: VoucherUse, today: string): Promise<VoucherQuote> {
      const voucher = await repo.findVoucher(db, use.voucherId);
      const scheme = voucher && (await repo.findScheme(db, voucher.scheme_id));
      const account = voucher && (await accountOf(db, voucher.account_id));
      return quoteFor(voucher, scheme, account?.available ?? 0, use, today);
    },

    async hold(trx: Tx, use: VoucherUse, today: string): Promise<VoucherQuote> {
      const earlier = await repo.findUse(trx, use.orderId);
      if (earlier) {
        sameUse(earlier, use);
        return quoteOf(earlier);
      }
      const voucher = await repo.lockVoucher(trx, use.voucherId);
      const again = await repo.findUse(trx, use.orderId);
      if (again) {
        sameUse(again, use);
        return quoteOf(again);
      }
      const scheme = voucher && (await repo.findScheme(trx, voucher.scheme_id));
      const account = voucher && (await accountOf(trx, voucher.account_id));
      const quote = quoteFor(voucher, scheme, account?.available ?? 0, use, today);
      const payable = await payableFor(
        trx,
        scheme!,
        scheme!.settlement === 'provider_redeems' ? { kind: 'provider', organisationId: use.providerOrganisationId } : { kind: 'enterprise', subjectId: use.holderSubjectId },
      );
      let holdId: string;
      try {
        const hold = await placeHold(trx, clock, {
          scope: LEDGER_SCOPE,
          idempotencyKey: `order:${use.orderId}`,
          accountId: voucher!.account_id,
          counterAccountId: payable.account_id,
          amount: quote.voucherPaysFen,
          memo: 'voucher use',
          reference: `order:${use.orderId}`,
        });
        holdId = hold.value.id;
      } catch (error) {
        if (breachesFloor(error)) throw nothingLeft();
        throw error;
      }
      await repo.insertUse(trx, {
        order_id: use.orderId,
        voucher_id: voucher!.id,
        payable_id: payable.id,
        provider_organisation_id: use.providerOrganisationId,
        category: use.category as ServiceCategory,
        price_fen: use.priceFen,
        voucher_pays_fen: quote.voucherPaysFen,
        enterprise_pays_fen: quote.enterprisePaysFen,
        settlement: quote.settlement,
        hold_id: holdId,
        status: 'held',
        held_at: clock.now(),
        redeemed_at: null,
        released_at: null,
        settled_at: null,
      });
      return quote;
    },

    async redeem(trx: Tx, orderId: string): Promise<void> {
      const found = await repo.findUse(trx, orderId);
      if (!found) throw conflict('VOUCHER_NOT_HELD', '该订单没有占用服务券', 'This order holds no voucher', [fieldError('orderId', 'held', '订单未占用服务券', 'the order holds no voucher')]);
      await repo.lockVoucher(trx, found.voucher_id);
      const use = (await repo.lockUse(trx, orderId))!;
      if (use.status === 'redeemed' || use.status === 'settled') return;
      if (use.status === 'released') {
        throw conflict('VOUCHER_RELEASED', '该订单占用的服务券额度已释放（订单取消或服务券到期），不能再兑付', "This order's voucher part was released (cancelled or expired): it cannot be redeemed", [
          fieldError('voucherId', 'expired', '服务券额度已释放', 'the voucher part was released'),
        ]);
      }
      await postHold(trx, clock, use.hold_id);
      await repo.setUseStatus(trx, orderId, { status: 'redeemed', redeemed_at: clock.now() });
    },

    async release(trx: Tx, orderId: string): Promise<void> {
      const found = await repo.findUse(trx, orderId);
      if (!found) return;
      await repo.lockVoucher(trx, found.voucher_id);
      const use = (await repo.lockUse(trx, orderId))!;
      if (use.status === 'released') return;
      if (use.status !== 'held') {
        throw conflict('VOUCHER_REDEEMED', '该订单的服务券已兑付，不能释放', "This order's voucher part has been redeemed: it cannot be released");
      }
      await voidHold(trx, clock, use.hold_id);
      await repo.setUseStatus(trx, orderId, { status: 'released', released_at: clock.now() });
    },

    async usesOf(db: Db | Tx, orderIds: readonly string[]) {
      const rows = await repo.usesOfOrders(db, orderIds);
      return new Map(rows.map((u) => [u.order_id, { ...quoteOf(u), status: u.status }]));
    },
  };
}
