/**
 * The pre-IPO pool (后备上市企业资源库): 上市培育 for enterprises (apply, record stages with
 * evidence, the stage timeline and its rewards in fulfilment) and the finance office's pool
 * (admission, enrolment, verification, stage counts as a chart).
 */
export { ipoManifest } from './ipo.manifest';
