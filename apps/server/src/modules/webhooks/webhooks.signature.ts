import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA-256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Seedbed-Signature';

export function sign(secret: string, unixSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${sign(secret, unixSeconds, body)}`;
}

/**
 * What a receiver does: true when the header's v1 is the HMAC of its timestamp and the raw body
 * under `secret` (and, with `toleranceSeconds`, the timestamp is that close to `now`).
 */
export function verifySignature(secret: string, header: string | undefined, body: string, options: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  if (!header) return false;
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (options.toleranceSeconds !== undefined && Math.abs((options.now ?? new Date()).getTime() / 1000 - t) > options.toleranceSeconds) return false;
  return timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(sign(secret, t, body), 'hex'));
}
