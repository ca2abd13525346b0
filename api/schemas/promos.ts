import { z } from 'zod';
import { ListQuery } from './page';

export const PROMO_KINDS = ['percent', 'fixed', 'free_shipping'] as const;

const centavos = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const limit = z.number().int().min(1).max(1_000_000_000);
const instant = z.iso.datetime({ offset: true });
// A DATETIME column holds years 1000 to 9999: outside them MariaDB refuses the value, or stores year 0 as 2000.
const FIRST_STORABLE = Date.parse('1000-01-01T00:00:00Z');
const LAST_STORABLE = Date.parse('9999-12-31T23:59:59.999Z');
const storableInstant = instant.refine((v) => Date.parse(v) >= FIRST_STORABLE && Date.parse(v) <= LAST_STORABLE, 'must fall between 1000-01-01 and 9999-12-31 (UTC)');

/**
 * Every field of a promo, without defaults: a PATCH must not reset what it
 * does not mention (zod 4 applies defaults inside .partial()).
 */
const fields = {
  // Stored upper-case; customers may type it in any case.
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .transform((c) => c.toUpperCase()),
  kind: z.enum(PROMO_KINDS),
  /** percent: whole percent 1..100; fixed: centavos off; free_shipping: 0 */
  value: centavos,
  maxDiscountCentavos: centavos.nullable(),
  minOrderCentavos: centavos,
  startsAt: storableInstant.nullable(),
  endsAt: storableInstant.nullable(),
  usageLimit: limit.nullable(),
  perCustomerLimit: limit.nullable(),
  active: z.boolean(),
};

export type PromoTermsInput = { kind: (typeof PROMO_KINDS)[number]; value: number; startsAt: string | null; endsAt: string | null };

/** Rules across fields, shared by create and by PATCH (checked on the promo as it would be after the change). */
export function promoTermsProblems(p: PromoTermsInput): { field: string; message: string }[] {
  const found: { field: string; message: string }[] = [];
  if (p.kind === 'percent' && (p.value < 1 || p.value > 100)) found.push({ field: 'value', message: 'a percent promo takes a value from 1 to 100' });
  if (p.kind === 'fixed' && p.value < 1) found.push({ field: 'value', message: 'a fixed promo takes a value of at least 1 centavo' });
  if (p.startsAt && p.endsAt && Date.parse(p.endsAt) <= Date.parse(p.startsAt)) found.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  return found;
}

export const NewPromo = z
  .strictObject({
    ...fields,
    value: fields.value.default(0),
    maxDiscountCentavos: fields.maxDiscountCentavos.default(null),
    minOrderCentavos: fields.minOrderCentavos.default(0),
    startsAt: fields.startsAt.default(null),
    endsAt: fields.endsAt.default(null),
    usageLimit: fields.usageLimit.default(null),
    perCustomerLimit: fields.perCustomerLimit.default(null),
    active: fields.active.default(true),
  })
  .superRefine((p, ctx) => {
    for (const { field, message } of promoTermsProblems(p)) ctx.addIssue({ code: 'custom', path: [field], message });
  });
export type NewPromo = z.infer<typeof NewPromo>;

export const PromoPatch = z.strictObject(fields).partial();
export type PromoPatch = z.infer<typeof PromoPatch>;

export const PromoListQuery = ListQuery.extend({ active: z.enum(['true', 'false']).optional() });
