/**
 * 互联互通 / Interconnection: `DataSharingCard` on an enterprise's own profile (which platform may
 * read its verified profile, who read it, importing it from the upstream platform) and the
 * district reports page (who reported a period, the sums and each district's share; pushing this
 * region's figures upward).
 */
export { exchangeManifest } from './exchange.manifest';
export { DataSharingCard } from './data-sharing-card';
