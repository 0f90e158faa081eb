/**
 * Investors (投融资对接): the public directory of investors and funds, an investor's desk (its entry
 * and its expressions of interest), the project roadshow with interest and accepted contact, an
 * enterprise's projects, and the finance office's verification and publication.
 */
export { investorsManifest } from './investors.manifest';
