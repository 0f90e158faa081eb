/**
 * Carriers (双创载体): the public registry and a carrier's page with its recognitions; the
 * operator's 载体管理 (register a carrier, record tenants entering, leaving, graduating);
 * officials covering a carrier record its recognitions and see its tenants.
 */
export { carriersManifest } from './carriers.manifest';
