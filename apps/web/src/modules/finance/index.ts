/**
 * Finance (金融服务): the public list of institutions' products, an enterprise's matches with the
 * rules engine's reasons and its financing needs, an institution's products and the requests it
 * answers before their due date, and the finance office's view of overdue answers.
 */
export { financeManifest } from './finance.manifest';
