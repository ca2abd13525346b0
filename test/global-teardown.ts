import fs from 'node:fs';
import type { DevServer } from '../lib/temporal-dev-server';

export default async function globalTeardown(): Promise<void> {
  await ((globalThis as Record<string, unknown>).__temporal as DevServer | undefined)?.stop();
  if (process.env.WORKFLOW_BUNDLE_PATH) fs.rmSync(process.env.WORKFLOW_BUNDLE_PATH, { force: true });
}
