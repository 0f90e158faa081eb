/**
 * Investors (投融资对接): the directory of investors and funds (天使投资人/机构, 创投机构, 政府引导基金),
 * each kept by the investor's own account (an organisation of kind `investor`) and verified by the
 * finance office (金融办, `investors.manage`); and the project roadshow (项目路演/股权众筹项目): an
 * enterprise posts a project with a pitch deck, the finance office publishes it, a verified
 * investor expresses interest with a message, the firm accepts or declines contact, and on
 * acceptance each side sees the other's contact. The directory is a source of the site search.
 */
export type { InvestorsTables } from './investors.tables.js';
export { investorsManifest } from './investors.manifest.js';
