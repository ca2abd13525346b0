import fs from 'node:fs';
import path from 'node:path';

/** The workflow bundle `npm run build` writes next to the compiled code (dist/). */
export const PREBUILT_BUNDLE = 'workflow-bundle.js';

/**
 * The bundle a worker loads unless WORKFLOW_BUNDLE_PATH names one: the
 * prebuilt one when this is the compiled build, so production never runs
 * webpack at start and every worker of a release runs the same workflow
 * code; undefined under tsx, where the worker bundles the sources itself.
 */
export function defaultBundlePath(): string | undefined {
  const prebuilt = path.join(__dirname, '..', PREBUILT_BUNDLE);
  return fs.existsSync(prebuilt) ? prebuilt : undefined;
}
