import { ApplicationFailure } from '@temporalio/activity';
import { v7 as uuid } from 'uuid';
import type { Issue } from '../domain/error-codes';
import type { PlacedOrderRequest } from '../domain/order-request';
import type { OrderStatus } from '../domain/order-status';
import type { OrderView } from '../domain/order-view';
import { readOrderView } from '../store/order-store';
import { redeemPromo } from '../store/promo-redemption';
import { reserveLine, type ReserveRefusal } from '../store/stock';
import { clock, type ActivityDeps } from './deps';
import type { ValidationOutcome } from './validate-order';
import type { OrderWorkflowInput } from '../workflows/order-input';

export interface CreateOrderInput {
  orderId: string;
  request: PlacedOrderRequest;
  requestHash: string;
  origin: OrderWorkflowInput['origin'];
  validation: ValidationOutcome & { ok: true };
  status: OrderStatus;
  expiresAt: string;
}

/**
 * Creates the order, reserves every line and redeems the promo in ONE
 * transaction. Idempotency key: the order id (a retry finds the order and
 * returns it). Product status, stock and promo limits are re-checked
 * atomically by conditional updates, since they may have changed since
 * validation; if any fails the transaction rolls back and a non-retryable
 * ORDER_REJECTED failure carries every issue found, with the same codes
 * validation uses (PRODUCT_UNAVAILABLE, INSUFFICIENT_STOCK, ...).
 */
export function createOrder(deps: ActivityDeps) {
  return async (input: CreateOrderInput): Promise<OrderView> => {
    const { db } = deps;
    const now = clock(deps);
    const v = input.validation;
    const expiresAt = new Date(input.expiresAt);
    const actor = input.origin.actor;
    const problems: Issue[] = [];
    await db.transaction(async (trx) => {
      if (await trx('orders').where({ id: input.orderId }).first('id')) return;
      const address = { ...input.request.shippingAddress, phone: v.phoneE164 ?? input.request.shippingAddress.phone };
      await trx('orders').insert({
        id: input.orderId,
        customer_id: input.request.customerId,
        status: input.status,
        payment_method: input.request.paymentMethod,
        currency: 'PHP',
        subtotal_centavos: v.totals.subtotalCentavos,
        discount_centavos: v.totals.discountCentavos,
        shipping_fee_centavos: v.totals.shippingFeeCentavos,
        total_centavos: v.totals.totalCentavos,
        vat_centavos: v.totals.vatCentavos,
        promo_code: v.promoId ? input.request.promoCode!.trim().toUpperCase() : null,
        shipping_address: JSON.stringify(address),
        psgc_region: v.psgc?.region ?? null,
        psgc_province: v.psgc?.province ?? null,
        psgc_city: v.psgc?.city ?? null,
        psgc_barangay: v.psgc?.barangay ?? null,
        requires_verification: v.requiresVerification,
        warnings: JSON.stringify(v.warnings.map(({ code, field, message }) => ({ code, field, message }))),
        notes: input.request.notes ?? null,
        source: input.request.source,
        client_ip: input.origin.clientIp,
        user_agent: input.origin.userAgent,
        idempotency_key: input.origin.idempotencyKey,
        request_hash: input.requestHash,
        reservation_expires_at: expiresAt,
        created_at: now,
        updated_at: now,
      });
      const sorted = [...v.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1));
      for (const line of sorted) {
        const refused = await reserveLine(trx, { orderId: input.orderId, productId: line.productId, quantity: line.quantity }, expiresAt, actor, now);
        if (refused) problems.push(reservationProblem(refused, v.lines.indexOf(line)));
      }
      if (v.promoId) {
        const code = await redeemPromo(
          trx,
          { promoId: v.promoId, orderId: input.orderId, customerId: input.request.customerId, discountCentavos: v.totals.discountCentavos, perCustomerLimit: v.perCustomerLimit },
          now,
        );
        if (code) problems.push({ code, field: 'promoCode', message: `Promo code ${input.request.promoCode} can no longer be used`, severity: 'error' });
      }
      if (problems.length > 0) throw new RolledBack();
      // Items only after the stock rows are locked for update: their foreign-key check takes a shared lock on
      // each product, and two orders holding it while both ask for the exclusive one deadlock on MariaDB.
      await trx('order_items').insert(
        v.lines.map((l, i) => ({
          id: uuid(),
          order_id: input.orderId,
          product_id: l.productId,
          sku: l.sku,
          name: l.name,
          unit_price_centavos: l.unitPriceCentavos,
          quantity: l.quantity,
          line_total_centavos: l.lineTotalCentavos,
          line_no: i,
        })),
      );
      await trx('order_status_history').insert({
        id: uuid(),
        order_id: input.orderId,
        from_status: null,
        to_status: input.status,
        actor_type: actor.type,
        actor_id: actor.id,
        reason: v.requiresVerification ? 'order placed; held for verification' : 'order placed',
        request_ip: input.origin.clientIp,
        user_agent: input.origin.userAgent,
        created_at: now,
      });
    }).catch((err) => {
      if (!(err instanceof RolledBack)) throw err;
    });
    if (problems.length > 0) {
      throw ApplicationFailure.nonRetryable('The order could not be reserved', 'ORDER_REJECTED', problems);
    }
    return (await readOrderView(db, input.orderId))!;
  };
}

class RolledBack extends Error {}

/** A line that could not be reserved, reported as validation would have reported it had the change come earlier. */
function reservationProblem(refused: ReserveRefusal, index: number): Issue {
  if (refused.code === 'PRODUCT_UNAVAILABLE') {
    return { code: refused.code, field: `items.${index}.productId`, message: `${refused.name} is ${refused.status}`, severity: 'error' };
  }
  return { code: refused.code, field: `items.${index}.quantity`, message: `Only ${refused.available} of ${refused.name} available`, severity: 'error' };
}
