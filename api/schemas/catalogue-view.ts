import { z } from 'zod';
import type { ActorType } from '../../domain/order-status';
import type { MovementKind } from '../../store/stock';
import { CUSTOMER_STATUSES, PRODUCT_STATUSES } from './catalogue';
import { centavosOut, id, instant, nextCursor } from './response-common';

/** Products, customers and the stock ledger as the catalogue routes answer them (store/*-store.ts to*()). */
export const ProductView = z
  .strictObject({
    id,
    sku: z.string(),
    name: z.string(),
    priceCentavos: centavosOut,
    status: z.enum(PRODUCT_STATUSES),
    stockOnHand: z.number().int(),
    stockReserved: z.number().int().describe('Held by orders not yet confirmed or released'),
    stockAvailable: z.number().int().describe('stockOnHand - stockReserved: what new orders can take'),
    lowStockThreshold: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Product' });
export const ProductPage = z.strictObject({ data: z.array(ProductView), nextCursor }).meta({ id: 'ProductPage' });

export const CustomerView = z
  .strictObject({
    id,
    email: z.string(),
    phone: z.string().nullable().describe('E.164'),
    name: z.string(),
    status: z.enum(CUSTOMER_STATUSES),
    trusted: z.boolean(),
    tier: z.enum(['bronze', 'silver', 'gold', 'platinum']),
    totalSpentCentavos: centavosOut,
    ordersCount: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Customer' });
export const CustomerPage = z.strictObject({ data: z.array(CustomerView), nextCursor }).meta({ id: 'CustomerPage' });

const MOVEMENT_KINDS = ['reserve', 'release', 'commit', 'restock', 'adjustment', 'return'] as const satisfies readonly MovementKind[];
export const ActorView = z.strictObject({ type: z.enum(['customer', 'admin', 'system'] as const satisfies readonly ActorType[]), id: z.string().nullable() }).meta({ id: 'Actor' });

export const StockMovementView = z
  .strictObject({
    id,
    productId: id,
    orderId: z.string().nullable(),
    kind: z.enum(MOVEMENT_KINDS),
    deltaOnHand: z.number().int(),
    deltaReserved: z.number().int(),
    onHandAfter: z.number().int(),
    reservedAfter: z.number().int(),
    actor: ActorView,
    reason: z.string().nullable(),
    at: instant,
  })
  .meta({ id: 'StockMovement' });
export const StockMovementPage = z.strictObject({ data: z.array(StockMovementView), nextCursor }).meta({ id: 'StockMovementPage' });
