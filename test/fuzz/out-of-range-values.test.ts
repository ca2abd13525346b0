import { rawCall, createProduct, product } from '../support/fixtures';
import { createPromo } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';

/**
 * Values the schemas accepted but the database cannot hold, found by the
 * fuzz run: each answered 500 (or was stored as another value) before.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(() => stack.close());

const admin = () => ({ token: stack.adminToken });
const newCode = () => `P${Math.random().toString(36).slice(2, 10)}`;

describe('promo dates outside what the database holds', () => {
  it.each([
    ['past year 9999 once the offset is applied', '9999-12-31T23:59:59-23:59'],
    ['before year 0 once the offset is applied', '0000-01-01T00:00:00+23:59'],
    ['in year 0, which the database would store as 2000', '0000-01-01T00:00:00Z'],
    ['before year 1000', '0999-12-31T23:59:59Z'],
  ])('refuses a start or end %s with 400 at the field', async (_what, instant) => {
    for (const field of ['startsAt', 'endsAt']) {
      const created = await rawCall(stack, 'POST', '/v1/promo-codes', { ...admin(), body: { code: newCode(), kind: 'fixed', value: 100, [field]: instant } });
      expect(created.status).toBe(400);
      expect(created.body.errors.map((e: { field: string }) => e.field)).toContain(field);

      const promo = await createPromo(stack);
      const patched = await rawCall(stack, 'PATCH', `/v1/promo-codes/${promo.id}`, { ...admin(), body: { [field]: instant } });
      expect(patched.status).toBe(400);
      expect(patched.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('still takes the first and last instants the database holds', async () => {
    const res = await rawCall(stack, 'POST', '/v1/promo-codes', {
      ...admin(),
      body: { code: newCode(), kind: 'fixed', value: 100, startsAt: '1000-01-01T08:00:00+08:00', endsAt: '9999-12-31T23:59:59.999Z' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ startsAt: '1000-01-01T00:00:00.000Z', endsAt: '9999-12-31T23:59:59.999Z' });
  });
});

describe('stock past what the stock column holds', () => {
  /** Up to `target` on hand through the API, 10,000,000 a restock: every unit in the ledger, so the inventory audit stays clean. */
  async function stockedTo(target: number): Promise<string> {
    const id = await createProduct(stack, { stockOnHand: 0 });
    for (let onHand = 0; onHand < target; onHand += 10_000_000) {
      const delta = Math.min(10_000_000, target - onHand);
      expect((await rawCall(stack, 'POST', `/v1/products/${id}/stock`, { ...admin(), body: { delta, reason: 'restock' } })).status).toBe(200);
    }
    return id;
  }

  it('refuses a restock that would take stock on hand past 2,147,483,647 with 409, changing nothing', async () => {
    const id = await stockedTo(2_140_000_000);
    const res = await rawCall(stack, 'POST', `/v1/products/${id}/stock`, { ...admin(), body: { delta: 10_000_000, reason: 'restock' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT' });
    expect((await product(stack, id)).stockOnHand).toBe(2_140_000_000);
  });

  it('restocks up to exactly 2,147,483,647', async () => {
    const id = await stockedTo(2_140_000_000);
    const res = await rawCall(stack, 'POST', `/v1/products/${id}/stock`, { ...admin(), body: { delta: 7_483_647, reason: 'restock' } });
    expect(res.status).toBe(200);
    expect(res.body.stockOnHand).toBe(2_147_483_647);
  });
});
