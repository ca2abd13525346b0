import { z } from 'zod';

const centavos = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const PRODUCT_STATUSES = ['active', 'inactive', 'discontinued'] as const;
export const NewProduct = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  priceCentavos: centavos,
  stockOnHand: z.number().int().nonnegative().max(10_000_000).default(0),
  status: z.enum(PRODUCT_STATUSES).default('active'),
  lowStockThreshold: z.number().int().nonnegative().max(1_000_000).optional(),
});
// zod 4 applies defaults inside .partial(): without the overrides a PATCH would reset an unmentioned status to active.
export const ProductPatch = NewProduct.omit({ stockOnHand: true }).partial().extend({ status: z.enum(PRODUCT_STATUSES).optional() });
export const StockChange = z.strictObject({
  delta: z.number().int().min(-10_000_000).max(10_000_000).refine((d) => d !== 0, 'delta must not be 0'),
  reason: z.string().trim().min(1).max(500),
});

export const CUSTOMER_STATUSES = ['active', 'suspended', 'banned', 'closed'] as const;
export const NewCustomer = z.strictObject({
  email: z.email().max(254),
  phone: z.string().trim().max(32).optional(),
  name: z.string().trim().min(1).max(200),
  status: z.enum(CUSTOMER_STATUSES).default('active'),
  trusted: z.boolean().default(false),
});
// As ProductPatch: a PATCH must not reset an unmentioned status or trusted flag.
export const CustomerPatch = NewCustomer.partial().extend({ status: z.enum(CUSTOMER_STATUSES).optional(), trusted: z.boolean().optional() });
