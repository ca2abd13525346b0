import { temporal } from '@temporalio/proto';
import { rawCall, createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

/**
 * What Temporal writes for one order is what it costs (docs/performance.md):
 * a created and confirmed order takes two workflow tasks, one marker per
 * step, and one search-attribute upsert per status change, nothing more. A
 * patched() call in a new order would add a marker and a TemporalChangeVersion
 * upsert (written by the SDK's core) to every order.
 */
const EventType = temporal.api.enums.v1.EventType;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

async function historyOfConfirmedOrder(): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack);
  const created = await rawCall(stack, 'POST', '/v1/orders', { token: customer.token, body: orderBody([{ productId, quantity: 1 }]) });
  expect(created.status).toBe(201);
  const confirmed = await rawCall(stack, 'POST', `/v1/orders/${created.body.id}/confirm`, { token: stack.adminToken });
  expect(confirmed.status).toBe(200);
  const history = await stack.client.workflow.getHandle(`order-${created.body.id}`).fetchHistory();
  return history.events ?? [];
}

const upsertedKeys = (e: temporal.api.history.v1.IHistoryEvent) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {});

describe("a new order's history", () => {
  it('holds no patch marker and no TemporalChangeVersion upsert, only one local-activity marker per step and one upsert per status', async () => {
    const events = await historyOfConfirmedOrder();
    const markers = events.filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED).map((e) => e.markerRecordedEventAttributes?.markerName);
    expect(markers).toEqual(['core_local_activity', 'core_local_activity', 'core_local_activity']);
    const upserts = events.filter((e) => e.eventType === EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES).map(upsertedKeys);
    expect(upserts.flat()).not.toContain('TemporalChangeVersion');
    expect(upserts).toHaveLength(2);
    expect(events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).toHaveLength(2);
  });
});
