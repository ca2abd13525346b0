import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PREBUILT_BUNDLE } from '../workers/prebuilt-bundle';

/**
 * `npm run build`: what production runs, in dist/. The TypeScript compiled by
 * tsc (tsconfig.build.json), the admin page's templates beside it, and the
 * workflow bundle built once here, so a worker starts without webpack and
 * every worker of a release runs byte-identical workflow code.
 */
async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const dist = path.join(root, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });

  let started = Date.now();
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  fs.cpSync(path.join(root, 'api', 'views'), path.join(dist, 'api', 'views'), { recursive: true });
  console.log(`compiled to dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  started = Date.now();
  // From the sources, as the tests bundle them: the bundler compiles workflow code itself.
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quietLogger });
  fs.writeFileSync(path.join(dist, PREBUILT_BUNDLE), code);
  console.log(`workflow bundle dist/${PREBUILT_BUNDLE} (${(code.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m), log: noop };

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
