import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { PromoKind } from '../domain/pricing';
import { fromDb } from '../lib/db';
import { byKeyPage } from './keyset-page';

type Row = Record<string, unknown>;

/** A promo's terms as written: the code already upper-case, times as ISO-8601 strings. */
export interface PromoTerms {
  code: string;
  kind: PromoKind;
  value: number;
  maxDiscountCentavos: number | null;
  minOrderCentavos: number;
  startsAt: string | null;
  endsAt: string | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  active: boolean;
}

const nullableInt = (v: unknown): number | null => (v === null || v === undefined ? null : fromDb.int(v));

export function toPromo(p: Row) {
  return {
    id: String(p.id),
    code: String(p.code),
    kind: String(p.kind) as PromoKind,
    value: fromDb.int(p.value),
    maxDiscountCentavos: nullableInt(p.max_discount_centavos),
    minOrderCentavos: fromDb.int(p.min_order_centavos),
    startsAt: fromDb.iso(p.starts_at),
    endsAt: fromDb.iso(p.ends_at),
    usageLimit: nullableInt(p.usage_limit),
    perCustomerLimit: nullableInt(p.per_customer_limit),
    active: fromDb.bool(p.active),
    redemptionsCount: fromDb.int(p.redemptions_count),
    createdAt: fromDb.iso(p.created_at),
    updatedAt: fromDb.iso(p.updated_at),
  };
}

const COLUMNS = {
  code: 'code',
  kind: 'kind',
  value: 'value',
  maxDiscountCentavos: 'max_discount_centavos',
  minOrderCentavos: 'min_order_centavos',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  usageLimit: 'usage_limit',
  perCustomerLimit: 'per_customer_limit',
  active: 'active',
} as const satisfies Record<keyof PromoTerms, string>;

/** The columns the terms set; absent fields are left alone. */
function toRow(terms: Partial<PromoTerms>): Row {
  const row: Row = {};
  for (const [field, column] of Object.entries(COLUMNS) as [keyof PromoTerms, string][]) {
    const v = terms[field];
    if (v === undefined) continue;
    row[column] = (field === 'startsAt' || field === 'endsAt') && typeof v === 'string' ? new Date(v) : v;
  }
  return row;
}

export async function readPromo(db: Knex, id: string) {
  const row = await db('promo_codes').where({ id }).first();
  return row ? toPromo(row) : null;
}

/** By code, a page at a time; `active` filters when given. */
/** By code, a page at a time (keyset on the unique code). */
export async function listPromos(db: Knex, filter: { active?: boolean; limit: number; after: string | null; offset?: number }) {
  const q = db('promo_codes');
  if (filter.active !== undefined) q.where('active', filter.active);
  const { rows, nextCursor } = await byKeyPage(q, 'code', filter.limit, filter.after, filter.offset);
  return { data: rows.map(toPromo), nextCursor };
}

/** Creates a promo and returns its id; a taken code throws the database's duplicate-key error (isUniqueViolation). */
export async function insertPromo(db: Knex, terms: PromoTerms, now = new Date()): Promise<string> {
  const id = uuid();
  await db('promo_codes').insert({ id, ...toRow(terms), redemptions_count: 0, created_at: now, updated_at: now });
  return id;
}

/**
 * Sets the terms given and leaves the rest. Redemptions already held are not
 * taken back, so a usageLimit below them changes nothing and this returns
 * false. Checked in the UPDATE itself, so a redemption racing the change
 * cannot slip past. A taken code throws the database's duplicate-key error.
 */
export async function updatePromo(db: Knex, id: string, terms: Partial<PromoTerms>, now = new Date()): Promise<boolean> {
  const update = db('promo_codes').where({ id });
  if (typeof terms.usageLimit === 'number') update.andWhere('redemptions_count', '<=', terms.usageLimit);
  return (await update.update({ ...toRow(terms), updated_at: now })) > 0;
}
