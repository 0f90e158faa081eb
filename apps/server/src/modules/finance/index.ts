/**
 * Finance (金融服务): financial institutions publish products (kind, amount, annual rate, term,
 * collateral, and who may apply as a rule of the rules engine over the profile's variables),
 * searchable in words and pinyin; each product is evaluated against an enterprise's profile with
 * the engine's explanation; enterprises post financing needs or apply to a product, and each
 * institution answers within working days on the working calendar (an offer, or a refusal with a
 * reason from a fixed list); overdue answers are escalated daily to the finance office (金融办,
 * `finance.supervise`) and counted per institution; with the firm's consent a refused need is
 * offered to other matching products. Later parts add guaranteed start-up loans and the pre-IPO pool.
 */
export type { FinanceTables } from './finance.tables.js';
export { financeManifest } from './finance.manifest.js';
