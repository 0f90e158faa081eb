/**
 * Platform administration: organisations (government departments on the region tree, enterprises,
 * providers…), users and their roles in each organisation, and the hash-chained audit log.
 */
export { adminManifest } from './admin.manifest';
