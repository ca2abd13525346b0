import { ORDER_STATUSES } from '../../domain/order-status';
import { statusEventType, subscribesTo, WEBHOOK_EVENT_TYPES } from '../../domain/webhook-events';

describe('webhook event types', () => {
  it('names every status change: the first status is order.created, pending after verification is order.verified, the rest order.<status>', () => {
    expect(statusEventType(null, 'pending')).toBe('order.created');
    expect(statusEventType(null, 'awaiting_verification')).toBe('order.created');
    expect(statusEventType('awaiting_verification', 'pending')).toBe('order.verified');
    for (const to of ['confirmed', 'processing', 'shipped', 'delivered', 'cancelled', 'expired', 'failed'] as const) {
      expect(statusEventType('pending', to)).toBe(`order.${to}`);
    }
    for (const to of ORDER_STATUSES) expect(WEBHOOK_EVENT_TYPES).toContain(statusEventType('pending', to));
  });

  it('matches a subscription by exact type, by its prefix pattern, or by *', () => {
    expect(subscribesTo(['order.shipped'], 'order.shipped')).toBe(true);
    expect(subscribesTo(['order.shipped'], 'order.delivered')).toBe(false);
    expect(subscribesTo(['order.*'], 'order.refunded')).toBe(true);
    expect(subscribesTo(['order.*'], 'return.requested')).toBe(false);
    expect(subscribesTo(['return.*'], 'return.requested')).toBe(true);
    expect(subscribesTo(['*'], 'return.refunded')).toBe(true);
    expect(subscribesTo([], 'order.created')).toBe(false);
  });
});
