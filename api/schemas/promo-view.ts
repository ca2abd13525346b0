import { z } from 'zod';
import { PROMO_KINDS } from './promos';
import { centavosOut, id, instant, nextCursor } from './response-common';

/** A promo code as the promo routes answer it (store/promo-store.ts toPromo). */
export const PromoView = z
  .strictObject({
    id,
    code: z.string().describe('Upper-case'),
    kind: z.enum(PROMO_KINDS),
    value: z.number().int().describe('percent: whole percent 1..100; fixed: centavos off; free_shipping: 0'),
    maxDiscountCentavos: centavosOut.nullable(),
    minOrderCentavos: centavosOut,
    startsAt: instant.nullable(),
    endsAt: instant.nullable(),
    usageLimit: z.number().int().nullable(),
    perCustomerLimit: z.number().int().nullable(),
    active: z.boolean(),
    redemptionsCount: z.number().int(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Promo' });
export const PromoPage = z.strictObject({ data: z.array(PromoView), nextCursor }).meta({ id: 'PromoPage' });
