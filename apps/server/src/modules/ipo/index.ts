/**
 * The pre-IPO pool (后备上市企业资源库, 岳塘 004 (四); Nanning's 新三板挂牌 subsidies, 001 三(三)14):
 * enterprises apply to enter (or the finance office enrols them) with their target board and
 * current stage; the office admits or refuses them with a reason from a fixed list; the firm
 * records each stage reached (股改, 辅导备案, 申报受理, 挂牌/上市) with a PDF, the office verifies it;
 * verification writes the stage's catalogue facts as verified facts on the firm's profile and
 * hands the catalogue's stage rewards, judged by the rules engine, to fulfilment as pending
 * awards with `outcome` (source 'ipo', product `<board>:<stage>`; once per subject per item where
 * the catalogue says so, see `ipo.rewards.ts`).
 */
export type { IpoTables } from './ipo.tables.js';
export { ipoManifest } from './ipo.manifest.js';
