import type { ActorType } from '../../domain/order-status';
import { lineRefundCentavos, RETURN_ACTIONS, RETURN_STATUSES, returnTransitionOf, type ReturnAction, type ReturnStatus } from '../../domain/return-status';

/** The return status table (docs/payments.md "Returns") written out by hand: everything else is refused. */
const ALLOWED: Record<ReturnStatus, Partial<Record<ReturnAction, [ReturnStatus, ActorType[]]>>> = {
  requested: { approve: ['approved', ['admin']], reject: ['rejected', ['admin']] },
  approved: { ship_back: ['shipped_back', ['customer', 'admin']], receive: ['received', ['admin']] },
  shipped_back: { receive: ['received', ['admin']] },
  received: { refund: ['refunded', ['system']] },
  rejected: {},
  refunded: {},
};
const ACTORS: ActorType[] = ['customer', 'admin', 'system'];
const cases = RETURN_STATUSES.flatMap((from) =>
  RETURN_ACTIONS.flatMap((action) => ACTORS.map((actor) => {
    const allowed = ALLOWED[from][action];
    return [from, action, actor, allowed && allowed[1].includes(actor) ? allowed[0] : null] as const;
  })),
);

describe('the return status machine', () => {
  it.each(cases.filter(([, , , to]) => to))('lets a %s return take %s from a %s, becoming %s', (from, action, actor, to) => {
    expect(returnTransitionOf(from, action, actor)?.to).toBe(to);
  });

  it.each(cases.filter(([, , , to]) => !to))('refuses a %s return taking %s from a %s', (from, action, actor) => {
    expect(returnTransitionOf(from, action, actor)).toBeNull();
  });
});

describe('what a returned line refunds', () => {
  it('refunds the full price of the line when the order had no discount', () => {
    expect(lineRefundCentavos({ unitPriceCentavos: 25_000, quantity: 2 }, { subtotalCentavos: 100_000, discountCentavos: 0 })).toBe(50_000);
  });

  it("takes off the line's share of the discount, rounding down so lines never add up to more than was paid", () => {
    // 10 % off 3 x 333.33: each unit's share is 299.997, rounded down.
    expect(lineRefundCentavos({ unitPriceCentavos: 33_333, quantity: 1 }, { subtotalCentavos: 99_999, discountCentavos: 10_000 })).toBe(29_999);
    const lines = [1, 1, 1].map(() => lineRefundCentavos({ unitPriceCentavos: 33_333, quantity: 1 }, { subtotalCentavos: 99_999, discountCentavos: 10_000 }));
    expect(lines.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(99_999 - 10_000);
  });
});
