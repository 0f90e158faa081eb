/**
 * Open data (数据开放): the programme's figures for everyone, signed in or not — the statistics
 * the modules declare `public: true` in their manifests, for any region of the tree (or the whole
 * platform) and a year, quarter or month, by child region and by month, each group downloadable
 * as CSV and .xlsx. Every number is the declared statistic's own `compute`.
 *
 * And the open datasets (opendata.datasets.ts, opendata.catalogue.ts): policies, policy
 * documents, awards in publicity, the public statistics, carriers, listed enterprises and
 * certified service providers as CSV and JSON at stable URLs under /api/v1/public/datasets, with
 * DCAT 2 metadata (JSON-LD) and a changelog. Each is read through its owning module's exported
 * public reader (the function its public route calls). It owns no tables.
 */
export { opendataManifest } from './opendata.manifest.js';
export { DATASETS, DATASET_CHANGES } from './opendata.datasets.js';
