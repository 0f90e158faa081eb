/**
 * Service vouchers (创新券, 创业券, 小微企业服务代金券; sources 000 四(二)11, 003 (二十)): a scheme
 * is a catalogue item with `benefit: voucher` for a year, with its face value, the service
 * categories it pays for, the share of a price it pays, its settlement mode (通兑: the provider
 * redeems; 通用: the enterprise is reimbursed), validity and budget. The money is on the ledger:
 * the scheme's budget account (floor 0) funds each voucher's account (floor 0), so vouchers never
 * exceed the budget; an order's use is a hold on the voucher (key: the order), posted to the
 * payee's payable account on delivery, voided on cancellation or expiry; finance settles payables
 * in batches under the two-person rule, each redemption paid once. Vouchers are issued through
 * fulfilment ('award.approved') or in bulk to the subjects the finder finds eligible (a job).
 * The marketplace uses vouchers through `deps.voucherPayments` (`voucherPaymentsOf`).
 */
export type { VoucherTables } from './vouchers.tables.js';
export { vouchersManifest } from './vouchers.manifest.js';
export { voucherPaymentsOf } from './vouchers.payments.js';
export { createScheme, issueVoucher, type VoucherDeps } from './vouchers.service.js';
export { voucherFigures, type VoucherFigureRow } from './vouchers.statistics.js';
