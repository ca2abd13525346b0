import { z } from 'zod';
import { ORDER_SOURCES } from '../../domain/order-request';
import { ORDER_STATUSES } from '../../domain/order-status';
import { centavosOut, id, instant, nextCursor } from './response-common';
import { PaymentView } from './payment-views';

/**
 * The order as every order route answers it (domain/order-view.ts OrderView).
 * Response schemas are strict and have no transforms: the serializer encodes
 * with them, and a field the handler adds without listing it here is a 500 in
 * development and tests, never a silent leak (docs/api.md "Adding an endpoint").
 */
const OrderStatusSchema = z.enum(ORDER_STATUSES).meta({ id: 'OrderStatus' });

export const OrderItemView = z.strictObject({
  productId: id,
  sku: z.string(),
  name: z.string(),
  unitPriceCentavos: centavosOut,
  quantity: z.number().int(),
  lineTotalCentavos: centavosOut,
});

const AddressView = z.strictObject({
  recipientName: z.string().optional(),
  phone: z.string().optional().describe('E.164, e.g. +639171234567'),
  line1: z.string().optional(),
  line2: z.string().optional(),
  barangay: z.string().optional(),
  city: z.string().optional(),
  province: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  psgc: z.record(z.string(), z.string().nullable()).optional().describe('PSGC codes of the region, province, city and barangay'),
});

export const OrderView = z
  .strictObject({
    id,
    status: OrderStatusSchema,
    customerId: id,
    items: z.array(OrderItemView),
    subtotalCentavos: centavosOut,
    discountCentavos: centavosOut,
    shippingFeeCentavos: centavosOut,
    totalCentavos: centavosOut,
    vatCentavos: centavosOut.describe('VAT included in the total (12%)'),
    currency: z.literal('PHP'),
    paymentMethod: z.string(),
    promoCode: z.string().nullable(),
    shippingAddress: AddressView,
    requiresVerification: z.boolean(),
    warnings: z.array(z.strictObject({ code: z.string(), message: z.string(), field: z.string().optional() })),
    reservationExpiresAt: instant.nullable(),
    source: z.enum(ORDER_SOURCES),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    payment: PaymentView.nullable().describe('The money side: the gateway checkout of an order paid online, captures and refunds; null until there is one'),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Order' });

export const HistoryEntryView = z
  .strictObject({
    from: OrderStatusSchema.nullable(),
    to: OrderStatusSchema,
    actor: z.strictObject({ type: z.enum(['customer', 'admin', 'system']), id: z.string().nullable() }),
    reason: z.string().nullable(),
    at: instant,
  })
  .meta({ id: 'HistoryEntry' });

export const OrderWithHistory = OrderView.extend({ history: z.array(HistoryEntryView) }).meta({ id: 'OrderWithHistory' });

export const OrderPage = z.strictObject({ data: z.array(OrderView), nextCursor }).meta({ id: 'OrderPage' });
