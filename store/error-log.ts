import type { Knex } from 'knex';
import type { ErrorCategory, ErrorSeverity } from '../domain/error-log';
import { fromDb } from '../lib/db';
import { looksInternal, redactPersonal } from '../lib/redact';
import { newestFirstPage, type KeysetCursor } from './keyset-page';

type Row = Record<string, unknown>;

/** order_errors.message is a VARCHAR(1000). */
const MESSAGE_MAX = 1000;

/**
 * What an error row may tell an admin. Text that reads like SQL, a stack
 * trace or a network address is replaced by a line naming the code (the
 * cause is in the worker log); e-mail addresses and phone numbers are taken
 * out of the rest. Applied when a row is written and again when it is read,
 * for rows written before messages were checked.
 */
export function safeErrorMessage(code: string, message: string): string {
  if (looksInternal(message)) return `${code}: an internal failure; the cause is in the worker log`;
  return redactPersonal(message).slice(0, MESSAGE_MAX);
}

export function toErrorEntry(e: Row) {
  return {
    id: String(e.id),
    orderId: (e.order_id as string | null) ?? null,
    category: e.category as ErrorCategory,
    severity: e.severity as ErrorSeverity,
    code: String(e.code),
    message: safeErrorMessage(String(e.code), String(e.message)),
    details: fromDb.json<unknown>(e.details, null),
    createdAt: fromDb.iso(e.created_at)!,
    resolved: e.resolved_at !== null && e.resolved_at !== undefined,
    resolvedAt: fromDb.iso(e.resolved_at),
    resolvedBy: (e.resolved_by as string | null) ?? null,
    resolutionNote: (e.resolution_note as string | null) ?? null,
  };
}
export type ErrorEntry = ReturnType<typeof toErrorEntry>;

export interface ErrorFilter {
  resolved?: boolean;
  severity?: ErrorSeverity;
  category?: ErrorCategory;
  orderId?: string;
  limit: number;
  cursor: KeysetCursor | null;
}

/** The error log, newest first. */
export async function listErrors(db: Knex, f: ErrorFilter): Promise<{ data: ErrorEntry[]; nextCursor: string | null }> {
  const q = db('order_errors');
  if (f.resolved === true) q.whereNotNull('resolved_at');
  if (f.resolved === false) q.whereNull('resolved_at');
  if (f.severity) q.where('severity', f.severity);
  if (f.category) q.where('category', f.category);
  if (f.orderId) q.where('order_id', f.orderId);
  const { rows, nextCursor } = await newestFirstPage(q, f.limit, f.cursor);
  return { data: rows.map(toErrorEntry), nextCursor };
}

/**
 * Marks an error resolved once. The update is guarded by resolved_at IS NULL,
 * so of two racing resolutions exactly one wins and the other changes nothing.
 */
export async function resolveError(db: Knex, id: string, by: string, note: string, now: Date): Promise<'resolved' | 'not_found' | 'already_resolved'> {
  const updated = await db('order_errors').where({ id }).whereNull('resolved_at').update({ resolved_at: now, resolved_by: by, resolution_note: note });
  if (updated > 0) return 'resolved';
  return (await db('order_errors').where({ id }).first('id')) ? 'already_resolved' : 'not_found';
}

export async function readError(db: Knex, id: string): Promise<ErrorEntry | null> {
  const row = await db('order_errors').where({ id }).first();
  return row ? toErrorEntry(row) : null;
}
