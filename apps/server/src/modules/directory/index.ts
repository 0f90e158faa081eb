/**
 * The enterprise directory (企业名录): an enterprise's members choose to list it publicly
 * (公开展示) with a short introduction and a few products; the public directory and each listed
 * enterprise's page show its name, industry and district beside what it wrote, nothing else;
 * withdrawing removes it at once. Its enterprises and products are two sources of the
 * site-wide search (platform/search.ts).
 */
export type { DirectoryTables } from './directory.tables.js';
export { directoryManifest } from './directory.manifest.js';
export { enterprisesSearchSource, productsSearchSource } from './directory.search-source.js';
/** The publicly listed enterprises, page by page as the public route lists them (open data). */
export { publicList as publicDirectory } from './directory.service.js';
