import { renderNotification, shortRef } from '../../activities/notifications/templates';
import { formatPeso } from '../../domain/money';
import { NOTIFICATION_EVENTS } from '../../domain/notifications';

const facts = {
  orderId: '0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  customerName: 'Maria Clara',
  email: 'maria@example.ph',
  phone: '+639171234567',
  totalCentavos: 123_450,
  carrier: 'LBC',
  trackingNumber: 'LBC123456',
};

describe('notification templates', () => {
  it.each(NOTIFICATION_EVENTS)('writes the %s SMS as one line of at most 160 characters', (event) => {
    const { sms } = renderNotification(event, facts);
    expect(sms).not.toContain('\n');
    expect(sms.length).toBeLessThanOrEqual(160);
    expect(sms).toContain(shortRef(facts.orderId));
  });

  it('puts the full order id in every e-mail for support to find', () => {
    for (const event of NOTIFICATION_EVENTS) expect(renderNotification(event, facts).text).toContain(`Order ID: ${facts.orderId}`);
  });

  it('shows the total in pesos when an order is received and when it is confirmed', () => {
    expect(renderNotification('created', facts).sms).toContain(formatPeso(123_450));
    expect(renderNotification('confirmed', facts).text).toContain('₱1,234.50');
  });

  it('names the carrier and tracking number when an order ships', () => {
    expect(renderNotification('shipped', facts).sms).toContain('LBC tracking no. LBC123456');
  });

  it("takes the short reference from the id's random tail, not its timestamp head", () => {
    expect(shortRef(facts.orderId)).toBe('#2E3F4A5B');
  });
});
