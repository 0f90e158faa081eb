import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The browser's part of the defence, sent on every response:
 * - Content-Security-Policy: scripts only from our own origin, never inline or evaluated (the
 *   built web app and Swagger UI load theirs from files); styles may be inline because Ant
 *   Design and Swagger UI inject theirs at run time; no plugins, no framing, forms post home.
 * - Permissions-Policy: none of the powerful browser features the platform never uses.
 * - Strict-Transport-Security in production only (served over HTTPS there; a development
 *   server on plain HTTP must not teach the browser to refuse it).
 * - Cache-Control: no-store on every /api response unless its route set its own caching:
 *   API answers carry personal and financial data that no shared or browser cache may keep.
 * A route's own Content-Security-Policy or Cache-Control is kept: it can only be narrower (a
 * stored file is served sandboxed) or a deliberate choice (a public answer that may be cached).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'serial=()',
  'usb=()',
].join(', ');

/** Two years, subdomains included: the HTTPS-only promise a production browser keeps. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';

export function securityHeaders(options: { production: boolean }) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // A route may set a stricter policy of its own (file downloads: `sandbox`): keep it.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (options.production) reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    const path = request.url.split('?')[0] ?? '';
    if ((path === '/api' || path.startsWith('/api/')) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  };
}
