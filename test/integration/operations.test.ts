import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { v7 as uuid } from 'uuid';
import { recordError, type ErrorRecord } from '../../activities/record-error';
import { mintToken } from '../../lib/tokens';
import { auditInventory } from '../../store/audit-inventory';
import { createCustomer, createProduct, customerToken, orderBody, product, type Reply } from '../support/fixtures';
import { JWT_SECRET, startStack, type Stack } from '../support/stack';
import { act as actOn, reply } from '../support/api';

// The report views and the audit's window query are written per dialect: run everything on both.
describe.each([
  ['MariaDB', false],
  ['SQLite', true],
])('operations endpoints on %s', (_dialect, sqlite) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sqlite });
  });
  afterAll(() => stack.close());

  /** The body of an answer that must be 200. */
  const ok = async (answer: Promise<Reply>) => {
    const res = await answer;
    expect(res.status).toBe(200);
    return res.body;
  };
  const placeOrder = async (customerToken: string, items: { productId: string; quantity: number }[]) => {
    const res = await reply(stack.api(customerToken).POST('/v1/orders', { body: orderBody(items) }));
    expect(res.status).toBe(201);
    return res.body as { id: string; totalCentavos: number; createdAt: string };
  };
  const act = async (orderId: string, action: 'confirm' | 'cancel') => {
    const res = await actOn(stack.api(stack.adminToken), orderId, action, {});
    expect(res.status).toBe(200);
  };
  const newProduct = async (body: { priceCentavos: number; stockOnHand: number; lowStockThreshold: number }) => {
    const res = await reply(stack.api(stack.adminToken).POST('/v1/products', { body: { sku: `OPS-${randomUUID()}`, name: 'Barako Coffee', ...body } }));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  describe('the error log', () => {
    const record = (e: Partial<ErrorRecord> & { orderId: string }) =>
      recordError({ db: stack.db, config: stack.config, log: pino({ level: 'silent' }) })({
        category: 'inventory', severity: 'low', code: 'TEST_ERROR', message: 'something to look at', dedupeKey: randomUUID(), ...e,
      });

    it('lists errors newest first, filtered by resolution, severity, category and order, a page at a time', async () => {
      const orderId = randomUUID();
      await record({ orderId, severity: 'low', category: 'inventory', code: 'FIRST', details: { sku: 'X-1' } });
      await record({ orderId, severity: 'critical', category: 'payment', code: 'SECOND' });
      await record({ orderId, severity: 'critical', category: 'system', code: 'THIRD' });

      const all = await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId } } })));
      expect(all.data.map((e: { code: string }) => e.code)).toEqual(['THIRD', 'SECOND', 'FIRST']);
      expect(all.data[2]).toMatchObject({ orderId, category: 'inventory', severity: 'low', details: { sku: 'X-1' }, resolved: false, resolvedBy: null });
      expect(all.nextCursor).toBeNull();

      const critical = await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId, severity: 'critical' } } })));
      expect(critical.data.map((e: { code: string }) => e.code)).toEqual(['THIRD', 'SECOND']);
      const payment = await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId, category: 'payment', resolved: 'false' } } })));
      expect(payment.data.map((e: { code: string }) => e.code)).toEqual(['SECOND']);
      const unfiltered = await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { severity: 'critical', limit: 200 } } })));
      expect(unfiltered.data.every((e: { severity: string }) => e.severity === 'critical')).toBe(true);

      const first = await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId, limit: 2 } } })));
      const second = await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId, limit: 2, cursor: first.nextCursor } } })));
      expect([...first.data, ...second.data].map((e: { code: string }) => e.code)).toEqual(['THIRD', 'SECOND', 'FIRST']);
      expect(second.nextCursor).toBeNull();

      expect((await reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { severity: 'urgent' as never } } }))).status).toBe(400);
      expect((await reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { cursor: 'bm9wZQ' } } }))).body.code).toBe('VALIDATION_ERROR');
    });

    it('resolves an error once, by the admin in the token, and answers 409 to a second resolve without changing it', async () => {
      const orderId = randomUUID();
      await record({ orderId, code: 'TO_RESOLVE' });
      const [entry] = (await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId } } })))).data;

      const resolved = await reply(stack.api(stack.adminToken).POST('/v1/errors/{id}/resolve', { params: { path: { id: entry.id } }, body: { note: 'restocked by hand' } }));
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ id: entry.id, resolved: true, resolvedBy: 'staff-1', resolutionNote: 'restocked by hand' });
      expect(Date.parse(resolved.body.resolvedAt)).toBeGreaterThan(Date.now() - 60_000);

      const again = await reply(stack.api(mintToken(JWT_SECRET, 'staff-2', 'admin')).POST('/v1/errors/{id}/resolve', { params: { path: { id: entry.id } }, body: { note: 'me too' } }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CONFLICT');
      const [after] = (await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId, resolved: 'true' } } })))).data;
      expect(after).toEqual(resolved.body);
      expect((await ok(reply(stack.api(stack.adminToken).GET('/v1/errors', { params: { query: { orderId: orderId, resolved: 'false' } } })))).data).toEqual([]);

      const unknown = await reply(stack.api(stack.adminToken).POST('/v1/errors/{id}/resolve', { params: { path: { id: randomUUID() } }, body: { note: 'x' } }));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ERROR_NOT_FOUND');
      expect((await reply(stack.api(stack.adminToken).POST('/v1/errors/{id}/resolve', { params: { path: { id: entry.id } }, body: {} as never }))).status).toBe(400);
    });

    it('answers 403 to a customer on every operations endpoint', async () => {
      const token = customerToken(randomUUID());
      const api = stack.api(token);
      for (const answer of [
        api.GET('/v1/errors'),
        api.GET('/v1/reports/orders'),
        api.GET('/v1/reports/pending-items'),
        api.GET('/v1/reports/inventory'),
        api.GET('/v1/reports/audit'),
        api.GET('/v1/products/{id}/movements', { params: { path: { id: randomUUID() } } }),
      ]) {
        expect((await reply(answer)).status).toBe(403);
      }
      expect((await reply(stack.api(token).POST('/v1/errors/{id}/resolve', { params: { path: { id: randomUUID() } }, body: { note: 'x' } }))).status).toBe(403);
    });
  });

  describe('the reports', () => {
    it('answer with the right numbers after orders are placed, confirmed and cancelled', async () => {
      const before = await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/orders')));
      const customer = await createCustomer(stack);
      const a = await newProduct({ priceCentavos: 10_000, stockOnHand: 10, lowStockThreshold: 5 });
      const b = await newProduct({ priceCentavos: 20_000, stockOnHand: 50, lowStockThreshold: 45 });
      const untouched = await newProduct({ priceCentavos: 5_000, stockOnHand: 3, lowStockThreshold: 3 });

      await placeOrder(customer.token, [{ productId: a, quantity: 2 }]);
      const confirmed = await placeOrder(customer.token, [{ productId: a, quantity: 1 }, { productId: b, quantity: 3 }]);
      await act(confirmed.id, 'confirm');
      const cancelled = await placeOrder(customer.token, [{ productId: b, quantity: 1 }]);
      await act(cancelled.id, 'cancel');
      const pendingB = await placeOrder(customer.token, [{ productId: b, quantity: 2 }]);

      const after = await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/orders')));
      const count = (report: { byStatus: { status: string; orders: number }[] }, status: string) => report.byStatus.find((s) => s.status === status)?.orders ?? 0;
      expect(count(after, 'pending') - count(before, 'pending')).toBe(2);
      expect(count(after, 'confirmed') - count(before, 'confirmed')).toBe(1);
      expect(count(after, 'cancelled') - count(before, 'cancelled')).toBe(1);
      expect(after.totals.orders - before.totals.orders).toBe(4);
      // Only the confirmed order is revenue; pending and cancelled ones are not.
      expect(after.totals.revenueCentavos - before.totals.revenueCentavos).toBe(confirmed.totalCentavos);
      expect(typeof after.totals.revenueCentavos).toBe('number');
      const today = pendingB.createdAt.slice(0, 10);
      const day = await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/orders', { params: { query: { from: today, to: today } } })));
      expect(day.byDay.map((d: { day: string }) => d.day)).toEqual([today]);
      expect(day.byDay[0].byStatus.confirmed).toBeGreaterThanOrEqual(1);
      expect(day.totals.revenueCentavos).toBe(day.byStatus.reduce((n: number, s: { revenueCentavos: number }) => n + s.revenueCentavos, 0));
      expect((await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/orders', { params: { query: { from: '2001-01-01', to: '2001-01-31' } } })))).totals).toEqual({ orders: 0, revenueCentavos: 0 });
      expect((await reply(stack.api(stack.adminToken).GET('/v1/reports/orders', { params: { query: { from: '2026-02-01', to: '2026-01-01' } } }))).status).toBe(400);
      expect((await reply(stack.api(stack.adminToken).GET('/v1/reports/orders', { params: { query: { from: 'yesterday' } } }))).status).toBe(400);

      const pending = (await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/pending-items')))).data.filter((p: { productId: string }) => [a, b, untouched].includes(p.productId));
      expect(pending).toEqual(
        expect.arrayContaining([
          { productId: a, sku: expect.any(String), name: 'Barako Coffee', reservedQuantity: 2, orders: 1 },
          { productId: b, sku: expect.any(String), name: 'Barako Coffee', reservedQuantity: 2, orders: 1 },
        ]),
      );
      expect(pending).toHaveLength(2);

      const inventory = (await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/inventory')))).data;
      const stock = (id: string) => inventory.find((p: { productId: string }) => p.productId === id);
      expect(stock(a)).toMatchObject({ onHand: 9, reserved: 2, available: 7, lowStockThreshold: 5, lowStock: false });
      // available 45 <= threshold 45 is low.
      expect(stock(b)).toMatchObject({ onHand: 47, reserved: 2, available: 45, lowStockThreshold: 45, lowStock: true });
      expect(stock(untouched)).toMatchObject({ onHand: 3, reserved: 0, available: 3, lowStock: true });
    });
  });

  describe('the inventory ledger', () => {
    it("lists a product's reserve, commit, restock, release and adjustment movements newest first", async () => {
      const customer = await createCustomer(stack);
      const productId = await createProduct(stack, { stockOnHand: 5 });
      const kept = await placeOrder(customer.token, [{ productId, quantity: 2 }]);
      await act(kept.id, 'confirm');
      await act(kept.id, 'cancel');
      const dropped = await placeOrder(customer.token, [{ productId, quantity: 1 }]);
      await act(dropped.id, 'cancel');
      expect((await reply(stack.api(stack.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: 3, reason: 'delivery' } }))).status).toBe(200);
      expect((await reply(stack.api(stack.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: -1, reason: 'broken jar' } }))).status).toBe(200);

      const { data, nextCursor } = await ok(reply(stack.api(stack.adminToken).GET('/v1/products/{id}/movements', { params: { path: { id: productId } } })));
      expect(nextCursor).toBeNull();
      expect(data.map((m: { kind: string; orderId: string | null; deltaOnHand: number; deltaReserved: number; onHandAfter: number; reservedAfter: number }) => [m.kind, m.orderId, m.deltaOnHand, m.deltaReserved, m.onHandAfter, m.reservedAfter])).toEqual([
        ['adjustment', null, -1, 0, 7, 0],
        ['restock', null, 3, 0, 8, 0],
        ['release', dropped.id, 0, -1, 5, 0],
        ['reserve', dropped.id, 0, 1, 5, 1],
        ['restock', kept.id, 2, 0, 5, 0],
        ['commit', kept.id, -2, -2, 3, 0],
        ['reserve', kept.id, 0, 2, 5, 2],
        ['restock', null, 5, 0, 5, 0],
      ]);
      expect(data[0]).toMatchObject({ productId, reason: 'broken jar', actor: { type: 'admin', id: 'staff-1' } });
      expect(data[6].actor).toEqual({ type: 'customer', id: customer.id });

      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await ok(reply(stack.api(stack.adminToken).GET('/v1/products/{id}/movements', { params: { path: { id: productId }, query: { limit: 3, ...(cursor && { cursor }) } } })));
        pages.push(page.data.map((m: { id: string }) => m.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
      expect(pages.flat()).toEqual(data.map((m: { id: string }) => m.id));
      expect((await reply(stack.api(stack.adminToken).GET('/v1/products/{id}/movements', { params: { path: { id: randomUUID() } } }))).body.code).toBe('PRODUCT_NOT_FOUND');
    });

    it('never takes stock on hand below what is reserved', async () => {
      const customer = await createCustomer(stack);
      const productId = await createProduct(stack, { stockOnHand: 5 });
      await placeOrder(customer.token, [{ productId, quantity: 4 }]);

      const refused = await reply(stack.api(stack.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: -2, reason: 'stocktake' } }));
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('STOCK_BELOW_RESERVED');
      expect(await product(stack, productId)).toMatchObject({ stockOnHand: 5, stockReserved: 4 });
      expect((await ok(reply(stack.api(stack.adminToken).GET('/v1/products/{id}/movements', { params: { path: { id: productId } } })))).data).toHaveLength(2);

      const toTheLimit = await reply(stack.api(stack.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: -1, reason: 'stocktake' } }));
      expect(toTheLimit.status).toBe(200);
      expect(toTheLimit.body).toMatchObject({ stockOnHand: 4, stockReserved: 4, stockAvailable: 0 });
    });
  });

  describe('the inventory audit', () => {
    const runScript = (databaseUrl: string) =>
      promisify(execFile)(path.join(__dirname, '../../node_modules/.bin/tsx'), [path.join(__dirname, '../../scripts/audit.ts')], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
      }).then(
        (out) => ({ code: 0, stdout: out.stdout }),
        (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
      );

    it('reports clean after a series of operations and names the product whose row was tampered with', async () => {
      const customer = await createCustomer(stack);
      const productId = await createProduct(stack, { stockOnHand: 8 });
      const confirmed = await placeOrder(customer.token, [{ productId, quantity: 3 }]);
      await act(confirmed.id, 'confirm');
      const cancelled = await placeOrder(customer.token, [{ productId, quantity: 2 }]);
      await act(cancelled.id, 'cancel');
      await placeOrder(customer.token, [{ productId, quantity: 1 }]);
      await reply(stack.api(stack.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: productId } }, body: { delta: 4, reason: 'delivery' } }));

      const clean = await auditInventory(stack.db);
      expect(clean.violations).toEqual([]);
      expect(clean.movements).toBeGreaterThanOrEqual(7);
      expect(await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/audit')))).toMatchObject({ clean: true, violations: [] });

      await stack.db('products').where({ id: productId }).update({ stock_on_hand: stack.db.raw('stock_on_hand + 1') });
      try {
        const broken = await auditInventory(stack.db);
        expect(broken.violations).toEqual([
          expect.objectContaining({ productId, check: 'on_hand_vs_ledger', expected: 9, actual: 10 }),
        ]);
        expect(await ok(reply(stack.api(stack.adminToken).GET('/v1/reports/audit')))).toMatchObject({ clean: false, violations: [{ productId, check: 'on_hand_vs_ledger' }] });
        const script = await runScript(stack.config.databaseUrl!);
        expect(script.code).toBe(1);
        expect(script.stdout).toContain(`(${productId}) on_hand_vs_ledger: stock_on_hand is 10 but its movements add up to 9`);
      } finally {
        // Leave the shared database consistent for the other test files' audits.
        await stack.db('products').where({ id: productId }).update({ stock_on_hand: stack.db.raw('stock_on_hand - 1') });
      }
      expect((await auditInventory(stack.db)).violations).toEqual([]);
    });
  });
});

// The ledger is append-only: a forged movement can never be removed again, so forge only in a database of its own.
describe('the inventory audit on a database of its own', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ sqlite: true });
  });
  afterAll(() => stack.close());

  it('names a movement that breaks the ledger chain and a reservation left active on a cancelled order', async () => {
    const customer = await createCustomer(stack);
    const productId = await createProduct(stack, { stockOnHand: 6 });
    const order = await reply(stack.api(customer.token).POST('/v1/orders', { body: orderBody([{ productId, quantity: 2 }]) }));
    expect(order.status).toBe(201);
    expect((await auditInventory(stack.db)).violations).toEqual([]);

    const forged = uuid();
    await stack.db('inventory_movements').insert({
      id: forged, product_id: productId, kind: 'adjustment', delta_on_hand: 0, delta_reserved: 0, on_hand_after: 99, reserved_after: 2,
      actor_type: 'admin', dedupe_key: `adjustment:${forged}`, created_at: new Date(),
    });
    // A status change that skipped the workflow, so nothing released the stock.
    await stack.db('orders').where({ id: order.body.id }).update({ status: 'cancelled' });

    const { violations } = await auditInventory(stack.db);
    expect(violations).toEqual([
      expect.objectContaining({ productId, check: 'ledger_chain', ref: forged, expected: 6, actual: 99 }),
      expect.objectContaining({ productId, check: 'orphan_reservation', ref: order.body.id, actual: 2 }),
    ]);
  });
});
