import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer } from '../../lib/temporal-dev-server';

/**
 * For the workflow tests: one Temporal dev server and one workflow bundle, no
 * database (their activities are in-memory stubs). In a run that also has
 * integration tests whose setup went first, they share its server and bundle.
 * Otherwise the server takes a free port: the integration setup may still
 * claim TEST_TEMPORAL_PORT later in the same run.
 */
export default async function workflowGlobalSetup(): Promise<void> {
  if (process.env.TEST_TEMPORAL_ADDRESS && process.env.WORKFLOW_BUNDLE_PATH) return;
  const server = await startDevServer({ port: await freePort() });
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
  const bundlePath = path.join(os.tmpdir(), `orderly-workflow-tests-${process.pid}.js`);
  fs.writeFileSync(bundlePath, bundle.code);
  (globalThis as Record<string, unknown>).__workflowTests = { server, bundlePath };
  process.env.TEST_TEMPORAL_ADDRESS = server.address;
  process.env.WORKFLOW_BUNDLE_PATH = bundlePath;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m), log: noop };
