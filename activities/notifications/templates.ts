import { formatPeso } from '../../domain/money';
import type { NotificationEvent } from '../../domain/notifications';
import type { OrderFacts } from './order-facts';

export interface RenderedNotification {
  subject: string;
  text: string;
  sms: string;
}

// One line per event, used by both channels. A Record, so a new event
// without its message does not compile.
const LINES: Record<NotificationEvent, (f: OrderFacts) => { title: string; line: string }> = {
  created: (f) => ({ title: 'Order received', line: `Salamat sa order! Total: ${formatPeso(f.totalCentavos)}. We'll message you once it's confirmed.` }),
  verification_required: () => ({ title: 'Order needs verification', line: 'We need to verify your order before we confirm it. Our team will contact you soon.' }),
  confirmed: (f) => ({ title: 'Order confirmed', line: `Confirmed na! Total: ${formatPeso(f.totalCentavos)}. We're preparing it now.` }),
  cancelled: () => ({ title: 'Order cancelled', line: 'Your order was cancelled. Message us if this is a mistake.' }),
  expired: () => ({ title: 'Order expired', line: "Your order expired because it wasn't confirmed in time. You're welcome to order again." }),
  shipped: (f) => ({ title: 'Order shipped', line: `On the way na! ${f.carrier ?? 'Courier'} tracking no. ${f.trackingNumber ?? '-'}.` }),
  delivered: () => ({ title: 'Order delivered', line: 'Delivered na! Salamat po for shopping with us.' }),
};

/**
 * The customer-facing text for an event: a short SMS (one line, a short
 * order reference) and an e-mail that also carries the full order id for
 * anyone who writes to support.
 */
export function renderNotification(event: NotificationEvent, f: OrderFacts): RenderedNotification {
  const ref = shortRef(f.orderId);
  const { title, line } = LINES[event](f);
  return {
    subject: `${title}: order ${ref}`,
    text: `Hi ${f.customerName},\n\n${line}\n\nOrder ID: ${f.orderId}\n\nSalamat po,\nOrderly`,
    sms: `Orderly order ${ref}: ${line}`,
  };
}

/** The id's random tail: a UUIDv7's head is a timestamp, the same for orders placed together. */
export function shortRef(orderId: string): string {
  return `#${orderId.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
