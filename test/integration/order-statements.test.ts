import { orderIdFor } from '../../api/order-ids';
import { act, reply } from '../support/api';
import { createCustomer, createProduct, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';

/**
 * The worker's and the API's cost follows the number of SQL statements an
 * order runs (docs/performance.md, "Issue 9, third round"): this counts
 * those of one created and confirmed order (COD, one line, no promo, no
 * webhook subscriber), so a change that adds round trips to the order path
 * shows here before it shows in the bench. Counted: every statement whose
 * bindings name the order, its customer or its product, which is every
 * statement of the order's path but BEGIN and COMMIT, and none of the
 * schedules that may run meanwhile.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

// 44 before issue 9's third round: reserve and commit read the product three times, each step looked for
// notifications and webhooks to start, an action read the whole order view first, and a confirm read the
// payment method and looked for a promo redemption. 32 since.
const MOST_STATEMENTS = 32;

describe('SQL statements of one order', () => {
  it(`creates and confirms an order in at most ${MOST_STATEMENTS} statements that name it, its customer or its product`, async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const statements: string[] = [];
    // The order's id is known before it exists: it follows from the customer and the Idempotency-Key.
    const orderId = orderIdFor(customer.id, 'count-statements');
    const watched = new Set<unknown>([customer.id, productId, orderId]);
    // knex sends every value as a binding, so the ids are found there.
    const onQuery = (q: { sql: string; bindings?: unknown[] }) => {
      if ((q.bindings ?? []).some((b) => watched.has(b))) statements.push(q.sql);
    };
    stack.db.on('query', onQuery);
    try {
      const api = stack.api(customer.token);
      const created = await reply(api.POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { paymentMethod: 'cod' }), headers: { 'idempotency-key': 'count-statements' } }));
      expect(created.status).toBe(201);
      expect(created.body.id).toBe(orderId);
      const confirmed = await act(stack.api(stack.adminToken), orderId, 'confirm');
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
    } finally {
      stack.db.removeListener('query', onQuery);
    }
    // On failure, the list says which statements came in.
    if (statements.length > MOST_STATEMENTS) console.log(`${statements.length} statements:\n${statements.join('\n')}`);
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.length).toBeLessThanOrEqual(MOST_STATEMENTS);
  });
});
