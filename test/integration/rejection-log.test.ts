import { randomUUID } from 'node:crypto';
import { createCustomer, customerToken, orderBody } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { reply } from '../support/api';

// A retried POST is answered from the stored rejection: what is stored must come back whole on both dialects.
describe.each([
  ['MariaDB', false],
  ['SQLite', true],
])('the rejection log on %s', (_dialect, sqlite) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sqlite });
  });
  afterAll(() => stack.close());

  const place = (token: string, body: unknown, key: string) => reply(stack.api(token).POST('/v1/orders', { body: body as never, headers: { 'idempotency-key': key } }));

  it('answers a retry of an order whose error list is over 64 KB with the same 422 and every error', async () => {
    const customer = await createCustomer(stack);
    // The most lines the schema lets through, each the same unknown product with a bad quantity: three problems a line.
    const items = Array.from({ length: 200 }, () => ({ productId: 'p'.repeat(64), quantity: 0 }));
    const key = `big-${randomUUID()}`;

    const first = await place(customer.token, orderBody(items), key);
    expect(first.status).toBe(422);
    // Past the rule's limit (50) but within the schema's cap: still a rule problem, with every other one.
    expect(first.body.errors.map((e: { code: string }) => e.code)).toContain('TOO_MANY_ITEMS');
    expect(Buffer.byteLength(JSON.stringify(first.body.errors))).toBeGreaterThan(65_535);

    const again = await place(customer.token, orderBody(items), key);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('ORDER_REJECTED');
    expect(again.body.errors).toEqual(first.body.errors);
  });

  it('keeps a customer id longer than 36 characters whole and answers its retry with the same 422', async () => {
    const adminChosen = `legacy-${'c'.repeat(57)}`;
    const tokenSubject = `idp|${'s'.repeat(60)}`;
    for (const [token, body] of [
      [stack.adminToken, orderBody([], { customerId: adminChosen })],
      [customerToken(tokenSubject), orderBody([])],
    ] as const) {
      const key = `long-${randomUUID()}`;
      const first = await place(token, body, key);
      expect(first.status).toBe(422);
      expect(first.body.errors.map((e: { code: string }) => e.code)).toContain('CUSTOMER_NOT_FOUND');
      const again = await place(token, body, key);
      expect(again.status).toBe(422);
      expect(again.body.errors).toEqual(first.body.errors);
    }
    const stored = await stack.db('order_rejections').whereIn('customer_id', [adminChosen, tokenSubject]).pluck('customer_id');
    expect(stored.sort()).toEqual([adminChosen, tokenSubject].sort());
    // Longer than any actor id is stored: refused at the door, not cut or failed further in.
    expect((await place(customerToken(`${tokenSubject}x`), orderBody([]), `long-${randomUUID()}`)).status).toBe(401);
  });

  it('refuses more than 200 line items with 400 at the items field, before any rule runs', async () => {
    const customer = await createCustomer(stack);
    const items = Array.from({ length: 201 }, (_, i) => ({ productId: `p-${i}`, quantity: 1 }));
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody(items) }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('items');
  });
});

