import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The embedded default's JWT secret: generated once, kept under ./data so tokens survive a restart. */
export function readDevSecret(dataDir: string, create = false): string {
  const file = path.join(dataDir, 'dev-jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  if (!create) throw new Error(`No AUTH_JWT_SECRET and no ${file}: run npm start once, or set AUTH_JWT_SECRET`);
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
