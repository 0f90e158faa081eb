/**
 * Open data (数据开放): the programme's figures for everyone, signed in or not — the statistics
 * the modules declare `public: true` in their manifests, for any region of the tree (or the whole
 * platform) and a year, quarter or month, by child region and by month, each group downloadable
 * as CSV and .xlsx. Every number is the declared statistic's own `compute`. It owns no tables and
 * imports only the regions module (names and children) and files (the download header).
 */
export { opendataManifest } from './opendata.manifest.js';
