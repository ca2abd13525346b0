import { createSigner } from 'fast-jwt';

/** Mints an HS256 token the API accepts (local use, tests, the start banner). */
export function mintToken(secret: string, sub: string, role: 'admin' | 'customer', expiresIn = '30d'): string {
  const ms = parseDuration(expiresIn);
  return createSigner({ key: secret, algorithm: 'HS256', expiresIn: ms })({ sub, role });
}

function parseDuration(text: string): number {
  const m = /^(\d+)([smhd])$/.exec(text);
  if (!m) throw new Error(`expiry must look like 30d, 12h, 15m or 60s, not ${text}`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
