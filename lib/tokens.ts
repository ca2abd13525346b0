import { createSigner } from 'fast-jwt';

/** What `npm run token` and the start banner mint, and the most the API accepts unless AUTH_MAX_TOKEN_LIFETIME_DAYS says otherwise. */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 30;
/** The clocks of the machine that minted a token and of the API may disagree by this much. */
export const CLOCK_SKEW_MS = 60_000;

/** Mints an HS256 token the API accepts (local use, tests, the start banner). */
export function mintToken(secret: string, sub: string, role: 'admin' | 'customer', expiresIn = `${DEFAULT_TOKEN_LIFETIME_DAYS}d`): string {
  return createSigner({ key: secret, algorithm: 'HS256', expiresIn: durationMs(expiresIn) })({ sub, role });
}

/**
 * The rules on a token's times that the signature check does not cover: it
 * was not issued in the future, and it lives (exp - iat) at most
 * maxLifetimeDays, so a leaked token is useful for a bounded time.
 * Returns what is wrong, or null.
 */
export function tokenTimesProblem(times: { iat: number; exp: number }, maxLifetimeDays: number, nowMs = Date.now()): string | null {
  if (times.iat * 1000 > nowMs + CLOCK_SKEW_MS) return 'The token was issued in the future';
  if (times.exp - times.iat > maxLifetimeDays * 86_400) return `The token lives longer than ${maxLifetimeDays} days`;
  return null;
}

/** 30d, 12h, 15m, 60s in milliseconds. */
export function durationMs(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw new Error(`expiry must look like 30d, 12h, 15m or 60s, not ${text}`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
