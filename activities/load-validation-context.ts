import type { Knex } from 'knex';
import type { PlacedOrderRequest } from '../domain/order-request';
import type { ProductSnapshot, PromoFacts, ValidationContext } from '../domain/validation/context';
import { normalizePhilippineMobile } from '../domain/phone';
import { fromDb } from '../lib/db';
import { resolveAddress } from './address/resolve-address';
import type { ActivityDeps } from './deps';

/** Loads, in a handful of queries, every fact the validation rules need. */
export async function loadValidationContext(
  deps: ActivityDeps,
  order: PlacedOrderRequest,
  clientIp: string | null,
  now: Date,
): Promise<ValidationContext & { psgc: Record<string, string | null> | null; promoId: string | null }> {
  const { db, config } = deps;
  const rules = config.rules;
  const productIds = [...new Set(order.items.map((i) => i.productId))];
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const [customer, productRows, promo, customerOrders, ipOrders, duplicateOfOrderId] = await Promise.all([
    db('customers').where({ id: order.customerId }).first(),
    productIds.length ? db('products').whereIn('id', productIds) : [],
    order.promoCode ? loadPromo(db, order.promoCode, order.customerId) : null,
    countOrders(db, 'customer_id', order.customerId, hourAgo),
    clientIp ? countOrders(db, 'client_ip', clientIp, hourAgo) : 0,
    findDuplicate(db, order, new Date(now.getTime() - rules.duplicateWindowMinutes * 60_000)),
  ]);
  const products = new Map<string, ProductSnapshot>();
  for (const p of productRows) {
    products.set(p.id, {
      id: p.id,
      sku: p.sku,
      name: p.name,
      priceCentavos: fromDb.int(p.price_centavos),
      status: p.status,
      available: fromDb.int(p.stock_on_hand) - fromDb.int(p.stock_reserved),
    });
  }
  const a = order.shippingAddress;
  const place = a.province?.trim() && a.city?.trim() && a.barangay?.trim() ? resolveAddress(a) : null;
  const phone = a.phone?.trim() ? normalizePhilippineMobile(a.phone) : null;
  return {
    now,
    rules,
    customer: customer
      ? { id: customer.id, status: customer.status, trusted: fromDb.bool(customer.trusted), createdAt: fromDb.date(customer.created_at) }
      : null,
    products,
    address: {
      islandGroup: place?.islandGroup ?? null,
      issues: place && !place.ok ? place.issues.map((i) => ({ ...i, severity: 'error' as const })) : [],
    },
    phoneE164: phone?.ok ? phone.e164 : null,
    promo,
    velocity: { customerOrdersLastHour: customerOrders, ipOrdersLastHour: ipOrders },
    duplicateOfOrderId,
    psgc: place?.ok ? place.psgc : null,
    promoId: promo?.found ? promo.id : null,
  };
}

async function countOrders(db: Knex, column: string, value: string, since: Date): Promise<number> {
  const row = await db('orders').where(column, value).andWhere('created_at', '>=', since).count({ n: '*' }).first();
  return fromDb.int(row?.n);
}

async function loadPromo(db: Knex, code: string, customerId: string): Promise<PromoFacts> {
  const p = await db('promo_codes').whereRaw('UPPER(code) = ?', [code.trim().toUpperCase()]).first();
  if (!p) return { found: false };
  const usage = await db('promo_customer_usage').where({ promo_id: p.id, customer_id: customerId }).first();
  return {
    found: true,
    id: p.id,
    code: p.code,
    active: fromDb.bool(p.active),
    startsAt: p.starts_at ? fromDb.date(p.starts_at) : null,
    endsAt: p.ends_at ? fromDb.date(p.ends_at) : null,
    minOrderCentavos: fromDb.int(p.min_order_centavos),
    usageLimit: p.usage_limit === null ? null : fromDb.int(p.usage_limit),
    perCustomerLimit: p.per_customer_limit === null ? null : fromDb.int(p.per_customer_limit),
    redemptions: fromDb.int(p.redemptions_count),
    customerRedemptions: fromDb.int(usage?.used),
    terms: {
      kind: p.kind,
      value: fromDb.int(p.value),
      maxDiscountCentavos: p.max_discount_centavos === null ? null : fromDb.int(p.max_discount_centavos),
    },
  };
}

/** A live order by the same customer with exactly the same lines, inside the window. */
async function findDuplicate(db: Knex, order: PlacedOrderRequest, since: Date): Promise<string | null> {
  if (order.items.length === 0) return null;
  const recent = await db('orders')
    .where('customer_id', order.customerId)
    .andWhere('created_at', '>=', since)
    .whereNotIn('status', ['cancelled', 'expired', 'failed'])
    .select('id');
  if (recent.length === 0) return null;
  const want = signature(order.items);
  const items = await db('order_items').whereIn('order_id', recent.map((r) => r.id)).select('order_id', 'product_id', 'quantity');
  const byOrder = new Map<string, { productId: string; quantity: number }[]>();
  for (const i of items) byOrder.set(i.order_id, [...(byOrder.get(i.order_id) ?? []), { productId: i.product_id, quantity: Number(i.quantity) }]);
  for (const [id, lines] of byOrder) if (signature(lines) === want) return id;
  return null;
}

const signature = (lines: { productId: string; quantity: number }[]): string =>
  lines.map((l) => `${l.productId}x${l.quantity}`).sort().join(',');
