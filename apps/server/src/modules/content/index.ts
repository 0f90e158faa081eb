/**
 * Content (资讯): news, notices, policy interpretations (政策解读, each linking the catalogue
 * items it explains) and videos (a link to the official video page), written by officers in the
 * rich-text editor, the HTML sanitised on the server against an allow-list before it is stored,
 * reviewed and published by a second officer (never the author; a status workflow the database
 * enforces), at once or at a set time; public pages searched in words and pinyin, RSS feeds of
 * news and of newly published policies, and the site map.
 */
export type { ContentTables } from './content.tables.js';
export { contentManifest } from './content.manifest.js';
export { sanitiseHtml } from './content.sanitise.js';
export { contentSearchSource } from './content.search-source.js';
