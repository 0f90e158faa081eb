/**
 * Service vouchers (服务券: 创新券, 创业券): a holder's vouchers and their uses, officers' schemes
 * (budget used and left, bulk issue with progress), finance's two-person settlement, and what a
 * provider (or a reimbursed enterprise) is owed.
 */
export { vouchersManifest } from './vouchers.manifest';
