import { Secret, TOTP } from 'otpauth';

/** RFC 6238 time-based one-time passwords (30 s, 6 digits, SHA-1: what authenticator apps expect). */
const PERIOD_MS = 30_000;

const totpFor = (secret: string, username: string): TOTP =>
  new TOTP({ issuer: 'Seedbed', label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const otpauthUrl = (secret: string, username: string): string => totpFor(secret, username).toString();

/**
 * Returns the time step the code belongs to (current step ±1), or null when it is wrong.
 * The caller refuses a step not later than the last one used, so a code is good only once.
 */
export function matchTotp(secret: string, username: string, code: string, now: Date): number | null {
  const delta = totpFor(secret, username).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / PERIOD_MS) + delta;
}

export const totpCode = (secret: string, now: Date): string => totpFor(secret, 'x').generate({ timestamp: now.getTime() });
