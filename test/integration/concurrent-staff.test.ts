import { mintToken } from '../../lib/tokens';
import { act, reply } from '../support/api';
import { createProduct, placePendingOrder, product } from '../support/fixtures';
import { JWT_SECRET, startStack, type Stack } from '../support/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

// Two staff members, each with a token of their own.
const ana = () => stack.api(mintToken(JWT_SECRET, 'staff-ana', 'admin'));
const ben = () => stack.api(mintToken(JWT_SECRET, 'staff-ben', 'admin'));

const pendingOrder = () => placePendingOrder(stack, { stockOnHand: 10 });

describe('two staff members acting on the same order at once', () => {
  it('lets exactly one of two actions sent with the same If-Match through; the other gets 412 and changes nothing', async () => {
    const { id, productId } = await pendingOrder();
    const read = await reply(ana().GET('/v1/orders/{id}', { params: { path: { id } } }));
    const etag = read.headers.etag!;
    expect(etag).toMatch(/^"\d+"$/);

    // Ana confirms and Ben cancels, both having read the pending order: without If-Match both would be applied one after the other.
    const [confirmed, cancelled] = await Promise.all([act(ana(), id, 'confirm', null, { 'if-match': etag }), act(ben(), id, 'cancel', { reason: 'duplicate' }, { 'if-match': etag })]);
    const statuses = [confirmed.status, cancelled.status].sort();
    expect(statuses).toEqual([200, 412]);
    const loser = confirmed.status === 412 ? confirmed : cancelled;
    expect(loser.body).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });

    const after = await reply(ana().GET('/v1/orders/{id}', { params: { path: { id } } }));
    expect(after.body.status).toBe(confirmed.status === 200 ? 'confirmed' : 'cancelled');
    expect(after.body.history).toHaveLength(2);
    expect(after.headers.etag).not.toBe(etag);
    expect(await product(stack, productId)).toMatchObject(confirmed.status === 200 ? { stockOnHand: 9, stockReserved: 0 } : { stockOnHand: 10, stockReserved: 0 });
  });

  it('answers 412 to an action with a stale ETag, and applies it with the current one', async () => {
    const { id } = await pendingOrder();
    const first = (await reply(ana().GET('/v1/orders/{id}', { params: { path: { id } } }))).headers.etag!;
    const confirmed = await act(ben(), id, 'confirm', null, { 'if-match': first });
    expect(confirmed.status).toBe(200);
    expect(confirmed.headers.etag).toBeDefined();

    const stale = await act(ana(), id, 'cancel', { reason: 'too late' }, { 'if-match': first });
    expect(stale.status).toBe(412);
    expect((await reply(ana().GET('/v1/orders/{id}', { params: { path: { id } } }))).body.status).toBe('confirmed');

    const processing = await act(ana(), id, 'processing', null, { 'if-match': confirmed.headers.etag! });
    expect(processing.status).toBe(200);
  });

  it('acts as before without If-Match, and refuses an If-Match that is not one of our ETags', async () => {
    const { id } = await pendingOrder();
    expect((await act(ana(), id, 'confirm', null, { 'if-match': 'W/"1"' })).status).toBe(412);
    expect((await act(ana(), id, 'confirm')).status).toBe(200);
    expect((await act(ben(), id, 'processing', null, { 'if-match': '*' })).status).toBe(200);
  });
});

describe('two staff members changing the same product at once', () => {
  it('applies exactly one of two PATCHes sent with the same If-Match', async () => {
    const productId = await createProduct(stack, { priceCentavos: 10_000 });
    const etag = (await reply(ana().GET('/v1/products/{id}', { params: { path: { id: productId } } }))).headers.etag!;
    const [a, b] = await Promise.all([
      reply(ana().PATCH('/v1/products/{id}', { params: { path: { id: productId } }, body: { priceCentavos: 12_000 }, headers: { 'if-match': etag } })),
      reply(ben().PATCH('/v1/products/{id}', { params: { path: { id: productId } }, body: { priceCentavos: 9_000 }, headers: { 'if-match': etag } })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? a : b;
    expect((await product(stack, productId)).priceCentavos).toBe(winner.body.priceCentavos);
  });

  it('applies exactly one of two stock counts sent with the same If-Match, and records only that movement', async () => {
    const productId = await createProduct(stack, { stockOnHand: 20 });
    const etag = (await reply(ana().GET('/v1/products/{id}', { params: { path: { id: productId } } }))).headers.etag!;
    // Both counted 20 and found 17: applied twice, the stock would fall to 14.
    const count = (api: ReturnType<typeof ana>) =>
      reply(api.POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: -3, reason: 'stocktake' }, headers: { 'if-match': etag } }));
    const answers = await Promise.all([count(ana()), count(ben())]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await product(stack, productId)).stockOnHand).toBe(17);
    const ledger = await reply(ana().GET('/v1/products/{id}/movements', { params: { path: { id: productId } } }));
    expect(ledger.body.data.map((m: { kind: string; deltaOnHand: number }) => [m.kind, m.deltaOnHand])).toEqual([
      ['adjustment', -3],
      ['restock', 20],
    ]);
  });

  it('sends a new ETag with every change, which a next change can use', async () => {
    const productId = await createProduct(stack);
    const first = (await reply(ana().GET('/v1/products/{id}', { params: { path: { id: productId } } }))).headers.etag!;
    const renamed = await reply(ana().PATCH('/v1/products/{id}', { params: { path: { id: productId } }, body: { name: 'Pili Nuts' }, headers: { 'if-match': first } }));
    expect(renamed.status).toBe(200);
    expect(renamed.headers.etag).not.toBe(first);
    const restocked = await reply(ana().POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: 5, reason: 'delivery' }, headers: { 'if-match': renamed.headers.etag! } }));
    expect(restocked.status).toBe(200);
  });
});
