import fc from 'fast-check';
import { auditInventory } from '../../store/audit-inventory';
import { createCustomer, createProduct, eventually, orderBody, product } from '../support/fixtures';
import { startStack, type Stack } from '../support/stack';
import { act as actOn, reply } from '../support/api';

/**
 * Random sequences of order and stock commands, each driven through the real
 * API, workflow and database, against a model of two products' stock. After
 * every command the database must match the model and pass the inventory
 * audit (docs/domain.md §5) over the whole database.
 *
 * Replay a failure with the seed and path it prints:
 *   FC_SEED=<seed> FC_PATH=<path> npx jest test/integration/inventory-property.test.ts --selectProjects integration
 */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const replayPath = process.env.FC_PATH;
// With a path, fast-check starts at that case and goes on from there: replay only the one.
const NUM_RUNS = Number(process.env.FC_RUNS ?? (replayPath ? 1 : 20));

interface Line {
  product: number;
  quantity: number;
}
interface Model {
  stock: { onHand: number; reserved: number }[];
  /** orders still holding stock, oldest first */
  live: { id: string; status: 'pending' | 'confirmed'; lines: Line[] }[];
}
interface Real {
  orders: Stack;
  /** same database, but reservations expire after a second */
  expiring: Stack;
  token: string;
  productIds: string[];
}
type Command = fc.AsyncCommand<Model, Real, false>;

const ran: Record<string, number> = {};

async function placeOrder(stack: Stack, m: Model, r: Real, lines: Line[]): Promise<string | null> {
  const fits = lines.every((l) => m.stock[l.product].onHand - m.stock[l.product].reserved >= l.quantity);
  const items = lines.map((l) => ({ productId: r.productIds[l.product], quantity: l.quantity }));
  const res = await reply(stack.api(r.token).POST('/v1/orders', { body: orderBody(items) }));
  if (!fits) {
    expect(res.status).toBe(422);
    expect(new Set(res.body.errors.map((e: { code: string }) => e.code))).toEqual(new Set(['INSUFFICIENT_STOCK']));
    return null;
  }
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('pending');
  return res.body.id;
}

const act = async (r: Real, orderId: string, action: 'confirm' | 'cancel') => {
  const res = await actOn(r.orders.api(r.orders.adminToken), orderId, action, {});
  expect(res.status).toBe(200);
};

class Place implements Command {
  constructor(readonly lines: Line[]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const id = await placeOrder(r.orders, m, r, this.lines);
    if (id) {
      for (const l of this.lines) m.stock[l.product].reserved += l.quantity;
      m.live.push({ id, status: 'pending', lines: this.lines });
    }
  }
  toString = () => `place(${JSON.stringify(this.lines)})`;
}

class Confirm implements Command {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.live.some((o) => o.status === 'pending');
  async run(m: Model, r: Real) {
    const pending = m.live.filter((o) => o.status === 'pending');
    const order = pending[this.pick % pending.length];
    await act(r, order.id, 'confirm');
    for (const l of order.lines) {
      m.stock[l.product].onHand -= l.quantity;
      m.stock[l.product].reserved -= l.quantity;
    }
    order.status = 'confirmed';
  }
  toString = () => `confirm(#${this.pick})`;
}

/** Cancels a pending order (stock released) or a confirmed one (stock back on the shelf). */
class Cancel implements Command {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.live.length > 0;
  async run(m: Model, r: Real) {
    const order = m.live[this.pick % m.live.length];
    await act(r, order.id, 'cancel');
    for (const l of order.lines) {
      if (order.status === 'pending') m.stock[l.product].reserved -= l.quantity;
      else m.stock[l.product].onHand += l.quantity;
    }
    m.live.splice(m.live.indexOf(order), 1);
  }
  toString = () => `cancel(#${this.pick})`;
}

/** Places an order whose reservation expires after a second, and waits until the workflow has expired it. */
class Expire implements Command {
  constructor(readonly lines: Line[]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const id = await placeOrder(r.expiring, m, r, this.lines);
    if (!id) return;
    await eventually(async () => {
      expect((await reply(r.expiring.api(r.token).GET('/v1/orders/{id}', { params: { path: { id } } }))).body.status).toBe('expired');
    });
  }
  toString = () => `expire(${JSON.stringify(this.lines)})`;
}

/** Restock (delta > 0) or adjustment (delta < 0); refused when it would take on hand below reserved. */
class ChangeStock implements Command {
  constructor(
    readonly product: number,
    readonly delta: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const s = m.stock[this.product];
    const res = await reply(r.orders.api(r.orders.adminToken).POST('/v1/products/{id}/stock', { params: { path: { id: r.productIds[this.product] } }, body: { delta: this.delta, reason: 'property test' } }));
    if (s.onHand + this.delta >= s.reserved) {
      expect(res.status).toBe(200);
      s.onHand += this.delta;
    } else {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STOCK_BELOW_RESERVED');
    }
  }
  toString = () => `stock(${this.product}, ${this.delta > 0 ? '+' : ''}${this.delta})`;
}

/** Runs the command, then holds the database to the model and to the audit. */
const checked = (c: Command): Command => ({
  check: (m) => c.check(m),
  async run(m, r) {
    try {
      await c.run(m, r);
      ran[c.constructor.name] = (ran[c.constructor.name] ?? 0) + 1;
      for (const [i, id] of r.productIds.entries()) {
        expect(await product(r.orders, id)).toMatchObject({ stockOnHand: m.stock[i].onHand, stockReserved: m.stock[i].reserved });
      }
      expect((await auditInventory(r.orders.db)).violations).toEqual([]);
    } catch (err) {
      // The counterexample lists every command; say which one broke.
      if (err instanceof Error) err.message = `after ${c}: ${err.message}`;
      throw err;
    }
  },
  toString: () => c.toString(),
});

const lines = fc.uniqueArray(fc.record({ product: fc.integer({ min: 0, max: 1 }), quantity: fc.integer({ min: 1, max: 5 }) }), {
  minLength: 1,
  maxLength: 2,
  selector: (l) => l.product,
});
const command: fc.Arbitrary<Command> = fc
  .oneof(
    { weight: 4, arbitrary: lines.map((l) => new Place(l)) },
    { weight: 3, arbitrary: fc.nat().map((p) => new Confirm(p)) },
    { weight: 2, arbitrary: fc.nat().map((p) => new Cancel(p)) },
    { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0)).map(([p, d]) => new ChangeStock(p, d)) },
    { weight: 1, arbitrary: lines.map((l) => new Expire(l)) },
  )
  .map(checked);

let orders: Stack;
let expiring: Stack;
beforeAll(async () => {
  orders = await startStack();
  expiring = await startStack({ env: { RESERVATION_TTL_SECONDS: '1' } });
});
afterAll(async () => {
  await expiring?.close();
  await orders?.close();
});

it('keeps stock equal to a model of it, and the inventory audit clean, through any sequence of orders and stock changes', async () => {
  console.info(`fast-check seed ${seed}, ${NUM_RUNS} runs (replay: FC_SEED=${seed}${replayPath ? ` FC_PATH=${replayPath}` : ''})`);
  await fc.assert(
    fc.asyncProperty(fc.tuple(fc.nat({ max: 12 }), fc.nat({ max: 12 })), fc.array(command, { minLength: 5, maxLength: 15 }), async (opening, cmds) => {
      const setup = async () => {
        const customer = await createCustomer(orders);
        const productIds = [await createProduct(orders, { stockOnHand: opening[0] }), await createProduct(orders, { stockOnHand: opening[1] })];
        return { model: { stock: opening.map((onHand) => ({ onHand, reserved: 0 })), live: [] }, real: { orders, expiring, token: customer.token, productIds } };
      };
      await fc.asyncModelRun(setup, cmds);
    }),
    // Every run drives real workflows, so no shrinking: the seed and path replay the failing case.
    { seed, path: replayPath, numRuns: NUM_RUNS, endOnFailure: true },
  );
  console.info(`commands run: ${JSON.stringify(ran)}`);
}, 300_000);
