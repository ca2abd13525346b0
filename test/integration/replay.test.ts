import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { closedHistoryJson } from '../support/history-json';
import { DRIVE, ORDER_PATHS } from '../support/order-paths';
import { startPathStacks } from '../support/path-stacks';

/**
 * Replay: every history in test/fixtures/histories, recorded by this or an
 * earlier version of the order workflow, must replay against the current
 * code, or a change would break orders already running (docs/versioning.md).
 * Fixtures are named `<version>-order-<path>.json`, the version being the day
 * of the workflow version that recorded them (a letter after it when one day
 * saw two versions); every path must have one.
 *
 * `npm run record:histories` (RECORD_HISTORIES=1) drives every path on a real
 * stack and writes fixtures of the current code instead, named by
 * HISTORY_VERSION (default: today).
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'histories');
const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort();
const replayOptions = () => ({ workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } });
const replay = (json: string, name: string) => Worker.runReplayHistory(replayOptions(), historyFromJSON(JSON.parse(json)), name);

if (process.env.RECORD_HISTORIES === '1') {
  it('records a history of every path of the order workflow with the current code', async () => {
    const version = process.env.HISTORY_VERSION ?? new Date().toISOString().slice(0, 10);
    const stacks = await startPathStacks();
    try {
      for (const name of ORDER_PATHS) {
        const { stack, workflowId } = await DRIVE[name](stacks);
        const json = await closedHistoryJson(stack.client, workflowId);
        await replay(json, workflowId);
        fs.writeFileSync(path.join(FIXTURES, `${version}-order-${name}.json`), json);
      }
    } finally {
      await stacks.close();
    }
  }, 300_000);
} else {
  it.each(ORDER_PATHS)('has a recorded history of the %s path', (name) => {
    expect(fixtures.filter((f) => new RegExp(`^\\d{4}-\\d{2}-\\d{2}[a-z]?-order-${name}\\.json$`).test(f))).not.toEqual([]);
  });

  it.each(fixtures)('replays %s against the current workflow code', async (file) => {
    await expect(replay(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), file)).resolves.toBeUndefined();
  });
}
