/**
 * Guaranteed start-up loans (创业担保贷款): a person requests a loan and follows it (schedule,
 * quarterly interest subsidies and their split between levels); the HR bureau reviews, the
 * guarantee fund guarantees and names the bank, the bank grants; the finance bureau computes the
 * quarters' subsidies on demand (the server's daily job does it at each quarter's end).
 */
export { loansManifest } from './loans.manifest';
