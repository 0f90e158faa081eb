/**
 * The site-wide search (全站搜索): one query over every public directory the modules declare in
 * their manifests (`searchSources`, platform/search.ts) — listed enterprises and products,
 * supply and demand posts, certified providers and services, carriers, instruments, news and
 * policies — in Chinese words, pinyin and initials, by kind and district, each hit linking to its
 * page. It owns no table and imports no module's directory: a module adds one (investors, once
 * the finance module exists) by declaring a source.
 */
export { searchManifest } from './search.manifest.js';
