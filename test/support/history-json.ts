import { WorkflowFailedError, type Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

/**
 * A closed workflow's history in the proto-JSON form the Temporal CLI and the
 * Web UI's download write, indented so a fixture's diff can be read.
 */
export async function closedHistoryJson(client: Client, workflowId: string): Promise<string> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    await handle.result();
  } catch (err) {
    // A creation that failed for good ends its workflow failed: that history is the one wanted.
    if (!(err instanceof WorkflowFailedError)) throw err;
  }
  return `${JSON.stringify(JSON.parse(historyToJSON(await handle.fetchHistory())), null, 2)}\n`;
}
