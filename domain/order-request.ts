import { z } from 'zod';

/**
 * The order a client sends (docs/api.md "POST /v1/orders"). The schema only
 * rejects malformed input (wrong types, unknown fields, oversized strings);
 * business problems such as a missing barangay or a quantity of 0 are left to
 * the validation rules, so the customer gets every problem at once with its
 * stable rule code.
 */
const text = (max: number) => z.string().max(max);

export const ShippingAddress = z.strictObject({
  recipientName: text(120).optional(),
  phone: text(32).optional(),
  line1: text(200).optional(),
  line2: text(200).optional(),
  barangay: text(100).optional(),
  city: text(100).optional(),
  province: text(100).optional(),
  region: text(100).optional(),
  postalCode: text(10).optional(),
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const ORDER_SOURCES = ['web', 'mobile', 'api', 'admin'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export const OrderItemRequest = z.strictObject({
  productId: text(64).min(1),
  quantity: z.number(),
});

export const OrderRequest = z.strictObject({
  customerId: text(64).min(1).optional(),
  // Hard cap against oversized bodies; TOO_MANY_ITEMS (config, 50) is a rule.
  items: z.array(OrderItemRequest).max(200).default([]),
  paymentMethod: text(32).default(''),
  shippingAddress: ShippingAddress.default({}),
  promoCode: text(64).optional(),
  expectedTotalCentavos: z.number().int().nonnegative().optional(),
  notes: text(500).optional(),
  source: z.enum(ORDER_SOURCES).default('api'),
});
export type OrderRequest = z.infer<typeof OrderRequest>;

/** The request as the workflow gets it: the customer is always resolved. */
export type PlacedOrderRequest = Omit<OrderRequest, 'customerId'> & { customerId: string };
