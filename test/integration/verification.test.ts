import { ADDRESS, createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { ageAccount, codesOf, warningCodesOf } from '../support/promo-fixtures';
import { startStack, type Stack } from '../support/stack';
import { act as actOn, reply, type OrderActionName } from '../support/api';

let stack: Stack;
beforeAll(async () => {
  // At most 2 orders per customer per hour, so the velocity test's third order is refused;
  // every other test here places at most two orders per customer.
  stack = await startStack({ env: { VELOCITY_PER_CUSTOMER_PER_HOUR: '2' } });
});
afterAll(() => stack.close());

/** A customer whose account is a month old, so only the rule under test holds an order. */
async function oldCustomer() {
  const customer = await createCustomer(stack);
  await ageAccount(stack, customer.id);
  return customer;
}

/** Two of 26,000.00 by cash on delivery: 52,000.00, above the 50,000.00 verification threshold. */
async function bigCodOrder(token: string) {
  const productId = await createProduct(stack, { priceCentavos: 2_600_000, stockOnHand: 10 });
  const res = await reply(stack.api(token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }], { paymentMethod: 'cod' }) }));
  return { res, productId };
}

/** The codes of each rejection recorded for a customer, oldest first; recorded just after the 422 is answered. */
const recordedCodes = (customerId: string, expected: number) =>
  eventually(async () => {
    const rows = await stack.db('order_rejections').where({ customer_id: customerId }).orderBy('created_at');
    expect(rows).toHaveLength(expected);
    return rows.map((r) => String(r.codes).split(',').sort());
  });

const act = (orderId: string, action: OrderActionName) => actOn(stack.api(stack.adminToken), orderId, action);

describe('orders held for verification', () => {
  it('holds cash on delivery above 50,000.00 by an untrusted customer until an admin verifies it', async () => {
    const customer = await oldCustomer();
    const { res, productId } = await bigCodOrder(customer.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'awaiting_verification', requiresVerification: true, totalCentavos: 5_200_000 });
    expect(warningCodesOf(res)).toEqual(['VERIFICATION_REQUIRED']);
    expect((await product(stack, productId)).stockReserved).toBe(2);

    const early = await act(res.body.id, 'confirm');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_STATE_TRANSITION');

    const verified = await act(res.body.id, 'verify');
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('pending');
    const confirmed = await act(res.body.id, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(await product(stack, productId)).toMatchObject({ stockOnHand: 8, stockReserved: 0 });

    const history = (await reply(stack.api(stack.adminToken).GET('/v1/orders/{id}', { params: { path: { id: res.body.id } } }))).body.history;
    expect(history.map((h: { from: string; to: string }) => [h.from, h.to])).toEqual([
      [null, 'awaiting_verification'],
      ['awaiting_verification', 'pending'],
      ['pending', 'confirmed'],
    ]);
  });

  it('lets a customer marked trusted pay cash on delivery above the threshold without verification', async () => {
    const customer = await oldCustomer();
    const patched = await reply(stack.api(stack.adminToken).PATCH('/v1/customers/{id}', { params: { path: { id: customer.id } }, body: { trusted: true } }));
    expect(patched.body).toMatchObject({ trusted: true, status: 'active' });
    const { res } = await bigCodOrder(customer.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending', requiresVerification: false, warnings: [] });
  });

  it('changes only the trusted flag when an admin marks a customer trusted, and keeps it through later changes', async () => {
    const customer = await createCustomer(stack, { status: 'suspended' });
    const patch = (body: object) => reply(stack.api(stack.adminToken).PATCH('/v1/customers/{id}', { params: { path: { id: customer.id } }, body }));
    expect((await patch({ trusted: true })).body).toMatchObject({ trusted: true, status: 'suspended' });
    expect((await patch({ name: 'Maria Clara Ibarra' })).body).toMatchObject({ trusted: true, status: 'suspended' });
  });

  it('holds an order above 20,000.00 from an account made today with NEW_ACCOUNT_HIGH_VALUE', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { priceCentavos: 1_100_000 });
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]) }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'awaiting_verification', requiresVerification: true });
    expect(warningCodesOf(res)).toEqual(['NEW_ACCOUNT_HIGH_VALUE']);
  });
});

describe('abuse and mistakes', () => {
  it('refuses a third order within the hour with VELOCITY_LIMIT_EXCEEDED when the limit is 2', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const place = (quantity: number) => reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity }]) }));
    expect((await place(1)).status).toBe(201);
    expect((await place(2)).status).toBe(201);
    const third = await place(3);
    expect(third.status).toBe(422);
    expect(codesOf(third)).toEqual(['VELOCITY_LIMIT_EXCEEDED']);
    expect(await recordedCodes(customer.id, 1)).toEqual([['VELOCITY_LIMIT_EXCEEDED']]);
  });

  it('warns of a possible duplicate when the same order is placed again, and takes it', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const body = orderBody([{ productId, quantity: 1 }]);
    const first = await reply(stack.api(customer.token).POST('/v1/orders', { body }));
    const second = await reply(stack.api(customer.token).POST('/v1/orders', { body }));
    expect(warningCodesOf(first)).toEqual([]);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'pending', requiresVerification: false });
    expect(second.body.warnings).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE_ORDER', field: 'items' })]);
    expect(second.body.warnings[0].message).toContain(first.body.id);
  });

  it('rejects a mistyped barangay with ADDRESS_UNKNOWN_LOCATION and suggests the real one', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const res = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { shippingAddress: { ...ADDRESS, barangay: 'Bel Aire' } }) }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'ADDRESS_UNKNOWN_LOCATION', field: 'shippingAddress.barangay', severity: 'error', suggestions: expect.arrayContaining(['Bel-Air']) }),
    ]);
    expect(res.body.errors[0].suggestions[0]).toBe('Bel-Air');
    expect(await recordedCodes(customer.id, 1)).toEqual([['ADDRESS_UNKNOWN_LOCATION']]);
  });
});

describe('the record of rejections', () => {
  const report = async (from: string) => {
    const res = await reply(stack.api(stack.adminToken).GET('/v1/reports/rejections', { params: { query: { from } } }));
    expect(res.status).toBe(200);
    const count = (code: string) => res.body.byCode.find((c: { code: string }) => c.code === code)?.count ?? 0;
    return { count, attempts: res.body.rejectedAttempts as number };
  };

  // The tests above wait for their own rejections to be recorded, so none lands between before and after.
  it('records every rejected attempt with its codes, and the rejections report counts them by code', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const before = await report(since);
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack);
    const mistyped = { ...ADDRESS, barangay: 'Bel Aire', postalCode: '12345' };
    const replies = [
      await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { shippingAddress: mistyped }) })),
      await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 1 }], { shippingAddress: { ...ADDRESS, barangay: 'Bel Aire' } }) })),
    ];
    expect(replies.map((r) => r.status)).toEqual([422, 422]);

    expect(await recordedCodes(customer.id, 2)).toEqual([['ADDRESS_UNKNOWN_LOCATION', 'INVALID_POSTAL_CODE'], ['ADDRESS_UNKNOWN_LOCATION']]);
    expect(await stack.db('order_rejections').where({ customer_id: customer.id }).first()).toMatchObject({ source: 'api', client_ip: '127.0.0.1' });

    const after = await report(since);
    expect(after.count('ADDRESS_UNKNOWN_LOCATION') - before.count('ADDRESS_UNKNOWN_LOCATION')).toBe(2);
    expect(after.count('INVALID_POSTAL_CODE') - before.count('INVALID_POSTAL_CODE')).toBe(1);
    expect(after.attempts - before.attempts).toBeGreaterThanOrEqual(2);
  });
});
