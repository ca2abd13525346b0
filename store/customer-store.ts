import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import { fromDb } from '../lib/db';
import { newestFirstPage, type KeysetCursor } from './keyset-page';

type Row = Record<string, unknown>;

/** A customer as written; the phone already in E.164 (or null). */
export interface NewCustomer {
  email: string;
  phone: string | null;
  name: string;
  status: string;
  trusted: boolean;
}

export type CustomerChanges = Partial<NewCustomer>;

export function toCustomer(c: Row) {
  return {
    id: String(c.id),
    email: String(c.email),
    phone: (c.phone as string | null) ?? null,
    name: String(c.name),
    status: String(c.status),
    trusted: fromDb.bool(c.trusted),
    tier: String(c.tier),
    totalSpentCentavos: fromDb.int(c.total_spent_centavos),
    ordersCount: fromDb.int(c.orders_count),
    createdAt: fromDb.iso(c.created_at),
    updatedAt: fromDb.iso(c.updated_at),
  };
}

export async function readCustomer(db: Knex, id: string) {
  const row = await db('customers').where({ id }).first();
  return row ? toCustomer(row) : null;
}

export async function readCustomerByEmail(db: Knex, email: string) {
  const row = await db('customers').where({ email: email.toLowerCase() }).first();
  return row ? toCustomer(row) : null;
}

/** Newest first, a page at a time. */
/** Newest first, a page at a time; `offset` (deprecated) applies only without a cursor. */
export async function listCustomers(db: Knex, page: { limit: number; cursor: KeysetCursor | null; offset?: number }) {
  const q = db('customers');
  if (!page.cursor && page.offset) q.offset(page.offset);
  const { rows, nextCursor } = await newestFirstPage(q, page.limit, page.cursor);
  return { data: rows.map(toCustomer), nextCursor };
}

/**
 * Creates a customer and returns the id. E-mails are stored lower-case so
 * the unique key catches the same address in another case; a taken one
 * throws the database's duplicate-key error (isUniqueViolation).
 */
export async function insertCustomer(db: Knex, c: NewCustomer, now = new Date()): Promise<string> {
  const id = uuid();
  await db('customers').insert({ id, email: c.email.toLowerCase(), phone: c.phone, name: c.name, status: c.status, trusted: c.trusted, created_at: now, updated_at: now });
  return id;
}

/** Sets the fields given and leaves the rest; e-mail lower-cased as on insert. */
export async function updateCustomer(db: Knex, id: string, c: CustomerChanges, now = new Date()): Promise<void> {
  const changes = {
    ...(c.email !== undefined && { email: c.email.toLowerCase() }),
    ...(c.phone !== undefined && { phone: c.phone }),
    ...(c.name !== undefined && { name: c.name }),
    ...(c.status !== undefined && { status: c.status }),
    ...(c.trusted !== undefined && { trusted: c.trusted }),
  };
  await db('customers').where({ id }).update({ ...changes, updated_at: now });
}
