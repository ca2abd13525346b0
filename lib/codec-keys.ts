import { z } from 'zod';

/** One AES-256 key of the payload codec, named so that a payload records which key sealed it. */
export interface CodecKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * PAYLOAD_CODEC_KEYS: "<id>:<base64 of 32 bytes>" entries, comma-separated.
 * The first key encrypts; every key decrypts, so a new key goes first and the
 * old ones stay listed until no open workflow holds a payload sealed with them.
 * Messages never quote a key.
 */
export const CodecKeys = z.string().transform((spec, ctx): CodecKey[] => {
  const keys: CodecKey[] = [];
  const entries = spec.split(',').map((s) => s.trim()).filter(Boolean);
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = entry.slice(colon + 1);
    const problem = entryProblem(i, id, encoded, keys);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    keys.push({ id, key: Buffer.from(encoded, 'base64') });
  }
  if (keys.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'holds no key; expected "<key id>:<base64 key>[,<old id>:<old key>...]"' });
    return z.NEVER;
  }
  return keys;
});

function entryProblem(index: number, id: string, encoded: string, earlier: CodecKey[]): string | null {
  if (!KEY_ID.test(id)) return `entry ${index + 1} is not "<key id>:<base64 key>" (a key id has letters, digits, . _ -)`;
  if (!BASE64.test(encoded) || Buffer.from(encoded, 'base64').length !== 32) return `key "${id}" is not the base64 of 32 bytes; make one with: openssl rand -base64 32`;
  if (earlier.some((k) => k.id === id)) return `key id "${id}" is listed twice`;
  return null;
}

/** The standalone API and worker run encrypted or not at all: personal data must not reach Temporal in clear. */
/**
 * The standalone API and worker run with the keys they are given. Without any they still start (a deployment
 * that sets only the contract's variables must come up), but say loudly that order data reaches Temporal in clear.
 */
export function warnIfNoCodecKeys(keys: CodecKey[] | undefined, log: { warn: (msg: string) => void }): void {
  if (keys) return;
  log.warn(
    'PAYLOAD_CODEC_KEYS is not set: order data (names, addresses, phones) reaches Temporal unencrypted. ' +
      'Set the same value on the API and the worker, e.g. PAYLOAD_CODEC_KEYS="k1:$(openssl rand -base64 32)"; see README, "Payload encryption".',
  );
}
