import fs from 'node:fs';
import type { DevServer } from '../../lib/temporal-dev-server';

/** Stops what test/workflow/global-setup.ts started, if it started anything. */
export default async function workflowGlobalTeardown(): Promise<void> {
  const started = (globalThis as Record<string, unknown>).__workflowTests as { server: DevServer; bundlePath: string } | undefined;
  if (!started) return;
  await started.server.stop();
  fs.rmSync(started.bundlePath, { force: true });
}
