import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The gateway's webhook signature: header `t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${raw body}`). The timestamp is inside the
 * MAC, so a captured request cannot be replayed past the tolerance.
 */
export const SIGNATURE_HEADER = 'x-orderly-signature';

export function signWebhook(secret: string, body: string, nowMs = Date.now()): string {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${mac(secret, t, body)}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'mismatch';

/** null when the header is a valid signature of this body, made within `toleranceSeconds` of now. */
export function signatureProblem(secret: string, header: string | undefined, body: string, toleranceSeconds: number, nowMs = Date.now()): SignatureProblem | null {
  if (!header) return 'missing';
  const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return 'malformed';
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds) return 'stale';
  const expected = Buffer.from(mac(secret, t, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex')) ? null : 'mismatch';
}

function mac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}
