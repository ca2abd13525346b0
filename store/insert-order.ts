import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { Issue, RuleCode } from '../domain/error-codes';
import type { OrderStatus } from '../domain/order-status';
import type { Actor } from '../domain/order-view';
import { writeHistory } from './order-history';
import { redeemPromo } from './promo-redemption';
import { reserveLine, type ReserveRefusal } from './stock';

/** Everything the creation transaction writes, already validated and priced. */
export interface NewOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  paymentMethod: string;
  totals: { subtotalCentavos: number; discountCentavos: number; shippingFeeCentavos: number; totalCentavos: number; vatCentavos: number };
  promo: { id: string; code: string; perCustomerLimit: number | null } | null;
  shippingAddress: Record<string, unknown>;
  psgc: Record<string, string | null> | null;
  requiresVerification: boolean;
  warnings: { code: string; field: string; message: string }[];
  notes: string | null;
  source: string;
  clientIp: string | null;
  userAgent: string | null;
  idempotencyKey: string | null;
  requestHash: string;
  reservationExpiresAt: Date;
  lines: { productId: string; sku: string; name: string; unitPriceCentavos: number; quantity: number; lineTotalCentavos: number }[];
  actor: Actor;
  reason: string;
}

/** Stock or promo went between validation and reservation: the creation rolled back, these are why. */
export class OrderRefused extends Error {
  constructor(readonly issues: Issue[]) {
    super('The order could not be reserved');
  }
}

/**
 * The one writer of a new order: the order row, every line's reservation,
 * the promo redemption, the items and the first history row, in the
 * caller's transaction. Idempotent by order id: an order that exists is left
 * as it is. Product status and stock are re-checked under each product's
 * lock, promo limits by conditional updates (they may have changed since
 * validation); if any fails
 * it throws OrderRefused with every issue, and the transaction rolls back.
 * True when it created the order, false when it was already there.
 */
export async function insertOrder(trx: Knex.Transaction, o: NewOrder, now: Date): Promise<boolean> {
  if (await trx('orders').where({ id: o.id }).first('id')) return false;
  await trx('orders').insert({
    id: o.id,
    customer_id: o.customerId,
    status: o.status,
    payment_method: o.paymentMethod,
    currency: 'PHP',
    subtotal_centavos: o.totals.subtotalCentavos,
    discount_centavos: o.totals.discountCentavos,
    shipping_fee_centavos: o.totals.shippingFeeCentavos,
    total_centavos: o.totals.totalCentavos,
    vat_centavos: o.totals.vatCentavos,
    promo_code: o.promo?.code ?? null,
    shipping_address: JSON.stringify(o.shippingAddress),
    psgc_region: o.psgc?.region ?? null,
    psgc_province: o.psgc?.province ?? null,
    psgc_city: o.psgc?.city ?? null,
    psgc_barangay: o.psgc?.barangay ?? null,
    requires_verification: o.requiresVerification,
    warnings: JSON.stringify(o.warnings),
    notes: o.notes,
    source: o.source,
    client_ip: o.clientIp,
    user_agent: o.userAgent,
    idempotency_key: o.idempotencyKey,
    request_hash: o.requestHash,
    reservation_expires_at: o.reservationExpiresAt,
    created_at: now,
    updated_at: now,
  });
  const problems: Issue[] = [];
  // Products locked in one order (by id) by every order, so concurrent orders cannot deadlock on them.
  const sorted = [...o.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  for (const line of sorted) {
    const refused = await reserveLine(trx, { orderId: o.id, productId: line.productId, quantity: line.quantity }, o.reservationExpiresAt, o.actor, now);
    if (refused) problems.push(reservationProblem(refused, o.lines.indexOf(line)));
  }
  if (o.promo) {
    const code = await redeemPromo(
      trx,
      { promoId: o.promo.id, orderId: o.id, customerId: o.customerId, discountCentavos: o.totals.discountCentavos, perCustomerLimit: o.promo.perCustomerLimit },
      now,
    );
    if (code) problems.push(promoProblem(code, o.promo.code));
  }
  if (problems.length > 0) throw new OrderRefused(problems);
  // Items only after the stock rows are locked for update: their foreign-key check takes a shared lock on
  // each product, and two orders holding it while both ask for the exclusive one deadlock on MariaDB.
  await trx('order_items').insert(
    o.lines.map((l, i) => ({
      id: uuid(),
      order_id: o.id,
      product_id: l.productId,
      sku: l.sku,
      name: l.name,
      unit_price_centavos: l.unitPriceCentavos,
      quantity: l.quantity,
      line_total_centavos: l.lineTotalCentavos,
      line_no: i,
    })),
  );
  await writeHistory(trx, { orderId: o.id, from: null, to: o.status, actor: o.actor, reason: o.reason, requestIp: o.clientIp, userAgent: o.userAgent }, now);
  return true;
}

/** A line that could not be reserved, reported as validation would have reported it had the change come earlier. */
function reservationProblem(refused: ReserveRefusal, index: number): Issue {
  if (refused.code === 'PRODUCT_UNAVAILABLE') {
    return { code: refused.code, field: `items.${index}.productId`, message: `${refused.name} is ${refused.status}`, severity: 'error' };
  }
  return { code: refused.code, field: `items.${index}.quantity`, message: `Only ${refused.available} of ${refused.name} available`, severity: 'error' };
}

function promoProblem(code: RuleCode, promoCode: string): Issue {
  return { code, field: 'promoCode', message: `Promo code ${promoCode} can no longer be used`, severity: 'error' };
}
