import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CodecKeys, type CodecKey } from './codec-keys';

/** The embedded default's JWT secret: generated once, kept under ./data so tokens survive a restart. */
export function readDevSecret(dataDir: string, create = false): string {
  return readOrCreate(path.join(dataDir, 'dev-jwt-secret'), create, 'set AUTH_JWT_SECRET', () => randomBytes(32).toString('base64url'));
}

/**
 * The embedded default's payload key, as a PAYLOAD_CODEC_KEYS value: generated
 * once and kept beside Temporal's own state, which it must be able to read.
 * Losing it makes the encrypted orders in ./data/temporal.db unreadable.
 */
export function readDevCodecKeys(dataDir: string, create = false): CodecKey[] {
  const spec = readOrCreate(path.join(dataDir, 'dev-payload-key'), create, 'set PAYLOAD_CODEC_KEYS', () => `dev:${randomBytes(32).toString('base64')}`);
  return CodecKeys.parse(spec);
}

function readOrCreate(file: string, create: boolean, orSet: string, generate: () => string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (!create) throw new Error(`No ${file}: run npm start once, or ${orSet}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = generate();
  fs.writeFileSync(file, value, { mode: 0o600 });
  return value;
}
