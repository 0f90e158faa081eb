import type { Db, Tx } from './database.js';
import { type AppError, conflict, fieldError } from './problems.js';

/**
 * Paying for a marketplace order with a service voucher (创新券, 服务代金券). The vouchers module
 * knows the schemes, the vouchers and their money on the ledger; the marketplace knows the
 * orders. A function set wired in app construction (like `applicationChannels`), so that
 * neither module imports the other.
 *
 * The order's life drives the voucher's: the provider confirms the order → `hold`; the
 * enterprise accepts delivery (or an officer decides a dispute for the provider) → `redeem`;
 * the order is cancelled (or a dispute goes against the provider) → `release`. Every call is
 * idempotent per order, and runs inside the caller's transaction after the caller has locked
 * its own order row (the vouchers module then locks its voucher rows and ledger accounts, and
 * the audit chain comes last).
 */
export interface VoucherUse {
  voucherId: string;
  /** The subject (一企一档) of the enterprise that orders: it must hold the voucher. */
  holderSubjectId: string;
  /** The certified provider that delivers the service. */
  providerOrganisationId: string;
  /** The service category of the listing ordered (e.g. `legal`, `ip`, `testing`); the voucher must pay for it. */
  category: string;
  /** The order's price in fen. */
  priceFen: number;
  /** The marketplace order: the idempotency key of the hold. */
  orderId: string;
}

export interface VoucherQuote {
  /** What the voucher pays of the price, in fen (its scheme's share, at most what is left on it). */
  voucherPaysFen: number;
  /** What the enterprise pays itself, in fen. */
  enterprisePaysFen: number;
  /**
   * How the scheme settles: `provider_redeems` (通兑: the provider is paid the voucher's part by
   * the scheme) or `reimbursed` (通用: the enterprise pays the provider in full and is reimbursed).
   */
  settlement: 'provider_redeems' | 'reimbursed';
}

export interface VoucherPayments {
  /**
   * What the voucher would pay for this order, checked as `hold` would check it: a problem naming
   * the field and rule (`voucherId`: not the holder's, expired, not yet valid, wrong category,
   * nothing left) when it cannot be used. Writes nothing.
   */
  quote(db: Db | Tx, use: VoucherUse, today: string): Promise<VoucherQuote>;
  /** Hold the voucher's part for the order. Idempotent per order (a second call returns the first hold's quote). */
  hold(trx: Tx, use: VoucherUse, today: string): Promise<VoucherQuote>;
  /** Delivery accepted: the hold becomes a redemption the provider (or the enterprise, when reimbursed) is owed. Idempotent. */
  redeem(trx: Tx, orderId: string): Promise<void>;
  /** The order was cancelled or lost its dispute: the held part returns to the voucher. Idempotent; nothing held is fine. */
  release(trx: Tx, orderId: string): Promise<void>;
  /** The voucher part of each order that has one (for the order's page and the provider's receivables). */
  usesOf(db: Db | Tx, orderIds: readonly string[]): Promise<Map<string, VoucherQuote & { status: 'held' | 'redeemed' | 'released' | 'settled' }>>;
}

/** Until the vouchers module is wired: every use is refused with a clear problem. */
export const noVoucherPayments: VoucherPayments = {
  quote: async () => {
    throw unavailable();
  },
  hold: async () => {
    throw unavailable();
  },
  redeem: async () => {
    throw unavailable();
  },
  release: async () => undefined,
  usesOf: async () => new Map(),
};

const unavailable = (): AppError =>
  conflict('VOUCHERS_UNAVAILABLE', '本平台暂不受理服务券支付', 'Vouchers are not accepted on this platform', [
    fieldError('voucherId', 'unavailable', '服务券暂不可用', 'Vouchers are not available'),
  ]);
