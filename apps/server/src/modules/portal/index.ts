/**
 * Portal: the public front of the platform. Today the home page's figures (policy items in
 * force, applications decided and money paid this year), each computed by the statistic its
 * module declares in its manifest, so that a figure means the same here as on a dashboard.
 * It owns no tables and imports no module.
 */
export { portalManifest } from './portal.manifest.js';
