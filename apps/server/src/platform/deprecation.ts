/**
 * Deprecating a route (docs/API-VERSIONING.md): the route keeps working until its sunset, every
 * answer says so in the `Deprecation` (RFC 9745: `@` and the Unix time it was deprecated) and
 * `Sunset` (RFC 8594: an HTTP date) headers with a `Link` to what replaces it, and the OpenAPI
 * document marks the operation `deprecated: true`. The policy's minimum notice is checked when
 * the route is registered.
 *
 *   app.get(url, deprecate({ since: '2027-01-01', sunset: '2027-07-01', link: '/api/docs#…' }, { config, schema }), handler)
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The least time between announcing a deprecation and removing the route. */
export const MIN_NOTICE_MONTHS = 6;

export interface Deprecation {
  /** The day it was deprecated (ISO date). */
  since: string;
  /** The day it may be removed (ISO date): at least MIN_NOTICE_MONTHS after `since`. */
  sunset: string;
  /** Where its replacement or the notice is described (a URL or a path). */
  link?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The route's options with the deprecation headers added to every answer and `deprecated: true` in its schema. */
export function deprecate<O extends { schema?: object; onSend?: unknown }>(d: Deprecation, options: O): O {
  if (!ISO_DATE.test(d.since) || !ISO_DATE.test(d.sunset)) throw new Error(`deprecation dates must be ISO dates: ${d.since}, ${d.sunset}`);
  const since = new Date(`${d.since}T00:00:00Z`);
  const sunset = new Date(`${d.sunset}T00:00:00Z`);
  const earliest = new Date(since);
  earliest.setUTCMonth(earliest.getUTCMonth() + MIN_NOTICE_MONTHS);
  if (sunset < earliest) throw new Error(`a deprecated route's sunset (${d.sunset}) must be at least ${MIN_NOTICE_MONTHS} months after its deprecation (${d.since})`);
  const headers: Record<string, string> = {
    deprecation: `@${Math.floor(since.getTime() / 1000)}`,
    sunset: sunset.toUTCString(),
  };
  if (d.link) headers.link = `<${d.link}>; rel="deprecation"`;
  const existing = options.onSend === undefined ? [] : Array.isArray(options.onSend) ? options.onSend : [options.onSend];
  const hook = async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    for (const [k, v] of Object.entries(headers)) reply.header(k, v);
    return payload;
  };
  return { ...options, schema: { ...(options.schema ?? {}), deprecated: true }, onSend: [...existing, hook] };
}
