/**
 * The one gate stored HTML passes: an explicit allow-list of the tags the editor (Tiptap's
 * starter kit and image) makes, their few attributes, and URL schemes http, https and mailto or
 * relative; images only from our own content file URLs. Everything else goes: scripts and their
 * text, event handlers (on*), style attributes (and so CSS expressions), frames, objects, forms,
 * javascript: and data: URLs. Links get rel="noopener noreferrer nofollow".
 */
import sanitizeHtml from 'sanitize-html';

/** The address an item's image is served from (content.routes.ts); nothing else may be an img src. */
export const CONTENT_FILE_PATH = '/api/v1/content/files/';
const OWN_IMAGE = /^\/api\/v1\/content\/files\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'code', 'pre', 'hr'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
  parseStyleAttributes: false,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
};

/** The cleaned HTML. */
export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The ids of our own files the (sanitised) HTML shows as images, in order, once each. */
export function imageFileIds(html: string): string[] {
  const ids: string[] = [];
  for (const m of html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g)) {
    const id = OWN_IMAGE.exec(m[1] ?? '')?.[1];
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The text of the HTML (for search and summaries): tags dropped, entities decoded. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
