import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { auditPayments } from '../../store/audit-payments';
import { rawCall as call, eventually } from '../support/fixtures';
import { checkout, orderReaches, paymentsOf, placeOnlineOrder } from '../support/payment-fixtures';
import { startStack, type Stack } from '../support/stack';

/**
 * Random sequences of refunds (some refused by the gateway, some racing each
 * other) on a paid order, through the API, the refund workflow, the local
 * gateway and MariaDB, against a model of what was paid back. After every
 * command: refunded <= captured, the summary, the ledger and the gateway all
 * agree with the model, and the payments audit is clean.
 *
 * Replay a failure: FC_SEED=<seed> FC_PATH=<path> npx jest test/integration/payments-property.test.ts --selectProjects integration
 */
const seed = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const replayPath = process.env.FC_PATH;
const NUM_RUNS = Number(process.env.FC_RUNS ?? (replayPath ? 1 : 5));

interface Model {
  captured: number;
  paidBack: number;
}
interface Real {
  stack: Stack;
  orderId: string;
}
type Command = fc.AsyncCommand<Model, Real, false>;

const refund = (r: Real, amountCentavos: number) =>
  call(r.stack, 'POST', `/v1/orders/${r.orderId}/refunds`, { token: r.stack.adminToken, body: { amountCentavos, reason: 'property' }, headers: { 'idempotency-key': randomUUID() } });

/** Every refund settled (paid back or failed): the refund workflows are done. */
const settled = (r: Real) =>
  eventually(async () => {
    const p = await paymentsOf(r.stack, r.orderId);
    expect(p.refunds.filter((x) => x.status === 'pending')).toEqual([]);
    return p;
  });

async function agrees(m: Model, r: Real): Promise<void> {
  const p = await settled(r);
  expect(p.payment).toMatchObject({ capturedCentavos: m.captured, refundedCentavos: m.paidBack });
  expect(p.payment!.refundedCentavos).toBeLessThanOrEqual(p.payment!.capturedCentavos);
  expect(p.ledger.filter((l) => l.kind === 'refund').reduce((s, l) => s + l.amountCentavos, 0)).toBe(m.paidBack);
  expect(r.stack.provider!.intents().find((i) => i.reference === r.orderId)!.refundedCentavos).toBe(m.paidBack);
  expect((await auditPayments(r.stack.db)).violations.filter((v) => v.orderId === r.orderId)).toEqual([]);
}

class Refund implements Command {
  constructor(
    readonly amount: number,
    readonly refused: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    r.stack.provider!.refundFailure = this.refused ? 'refuse' : null;
    try {
      const res = await refund(r, this.amount);
      if (this.amount > m.captured - m.paidBack) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('REFUND_EXCEEDS_CAPTURED');
      } else {
        expect(res.status).toBe(201);
        await settled(r);
        if (!this.refused) m.paidBack += this.amount;
      }
    } finally {
      r.stack.provider!.refundFailure = null;
    }
    await agrees(m, r);
  }
  toString = () => `refund(${this.amount}${this.refused ? ', refused' : ''})`;
}

class Race implements Command {
  constructor(readonly amounts: number[]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const room = m.captured - m.paidBack;
    const answers = await Promise.all(this.amounts.map((a) => refund(r, a)));
    const accepted = this.amounts.filter((_, i) => answers[i].status === 201).reduce((s, a) => s + a, 0);
    expect(accepted).toBeLessThanOrEqual(room);
    // A refund was refused only when it did not fit: what is left now is less than it.
    this.amounts.forEach((a, i) => {
      if (answers[i].status !== 201) expect(a).toBeGreaterThan(room - accepted);
    });
    m.paidBack += accepted;
    await agrees(m, r);
  }
  toString = () => `race(${this.amounts.join(', ')})`;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ payments: true });
});
afterAll(() => stack.close());

it('never refunds more than was captured, and keeps ledger, totals and gateway in step, over random refund sequences', async () => {
  const amount = fc.integer({ min: 1, max: 20_000 });
  const commands = [amount.chain((a) => fc.boolean().map((refused) => new Refund(a, refused))), fc.array(amount, { minLength: 2, maxLength: 6 }).map((as) => new Race(as))];
  await fc.assert(
    fc.asyncProperty(fc.commands(commands, { maxCommands: 6, ...(replayPath ? { replayPath } : {}) }), async (cmds) => {
      const { order } = await placeOnlineOrder(stack, { quantity: 2, priceCentavos: 10_000 });
      await checkout(order.payment.checkoutUrl, 'pay');
      await orderReaches(stack, order.id, 'confirmed');
      await fc.asyncModelRun(() => ({ model: { captured: order.totalCentavos, paidBack: 0 }, real: { stack, orderId: order.id } }), cmds);
    }),
    { numRuns: NUM_RUNS, seed, ...(replayPath ? { path: replayPath } : {}), endOnFailure: true },
  );
}, 600_000);
