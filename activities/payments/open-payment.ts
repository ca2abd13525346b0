import type { OrderView } from '../../domain/order-view';
import { isOnline } from '../../domain/payment';
import type { PaymentProvider } from '../../lib/payments/payment-provider';
import { openGatewayPayment } from '../../store/payment-ledger';
import { readOrderView } from '../../store/order-store';
import { clock, type ActivityDeps } from '../deps';

/**
 * Opens the gateway checkout of an order paid online, after its stock is
 * reserved: the intent and its checkout URL are recorded on the order, so
 * the create answer carries them. An order paid otherwise, or any order when
 * no gateway is configured, comes back unchanged (staff confirm it).
 * Idempotency key: the order id, at the gateway (intent per reference) and
 * here (one summary row per order).
 */
export function openPayment(deps: ActivityDeps, provider: PaymentProvider | null) {
  return async ({ orderId }: { orderId: string }): Promise<OrderView> => {
    const order = (await readOrderView(deps.db, orderId))!;
    if (!provider || !isOnline(order.paymentMethod) || order.payment) return order;
    const intent = await provider.createIntent({ reference: orderId, amountCentavos: order.totalCentavos, method: order.paymentMethod, description: `Order ${orderId}` });
    await deps.db.transaction((trx) => openGatewayPayment(trx, { orderId, method: order.paymentMethod, amountCentavos: order.totalCentavos, ...intent }, clock(deps)));
    return (await readOrderView(deps.db, orderId))!;
  };
}
