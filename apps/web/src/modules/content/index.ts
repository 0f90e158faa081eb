/**
 * Content (资讯): the public news list and pages (news, notices, policy interpretations,
 * videos; search in words and pinyin; RSS feeds), and the officers' desk with the rich-text
 * editor, review and publication by a second officer.
 */
export { contentManifest } from './content.manifest';
