/**
 * 企业名录: the public directory of enterprises that chose to be listed and each one's page;
 * `DirectoryListingPanel`, shown on an enterprise's profile, is where its members choose to be
 * listed (公开展示) with an introduction and products, or stop.
 */
export { directoryManifest } from './directory.manifest';
export { DirectoryListingPanel } from './listing-panel';
