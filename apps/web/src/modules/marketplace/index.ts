/**
 * The service marketplace (服务超市): public search, comparison and provider pages with the star
 * grade explained; enterprises' orders; the provider workbench; officers' certification work.
 */
export { marketplaceManifest } from './marketplace.manifest';
