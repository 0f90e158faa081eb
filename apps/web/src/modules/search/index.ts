/**
 * 全站搜索: one search over every public directory (GET /search): enterprises, products, supply
 * and demand, providers, services, carriers, instruments, news and policies, by kind and district.
 */
export { searchManifest } from './search.manifest';
