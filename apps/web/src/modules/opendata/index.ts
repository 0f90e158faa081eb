/**
 * Open statistics (数据开放): the programme's public figures for any region and a year, quarter
 * or month, each figure by child region and month by month as charts, each group downloadable
 * as CSV and Excel. For everyone, signed in or not.
 */
export { opendataManifest } from './opendata.manifest';
