import type { Knex } from 'knex';
import { v7 as uuid } from 'uuid';
import type { StaffMember, StaffRole } from '../domain/staff';
import { fromDb } from '../lib/db';

type Row = Record<string, unknown>;

export const toStaff = (r: Row): StaffMember => ({ id: String(r.id), email: String(r.email), name: String(r.name), role: r.role as StaffRole });

/** A staff account with its password already hashed; a taken e-mail throws the duplicate-key error (isUniqueViolation). */
export async function insertStaff(db: Knex, s: { email: string; name: string; role: StaffRole; passwordHash: string }, now = new Date()): Promise<string> {
  const id = uuid();
  await db('staff_users').insert({ id, email: s.email.toLowerCase(), name: s.name, role: s.role, password_hash: s.passwordHash, failed_logins: 0, created_at: now, updated_at: now });
  return id;
}

/** What signing in needs: the hash and the lockout state. */
export async function readStaffLogin(db: Knex, email: string) {
  const r = await db('staff_users').where({ email: email.toLowerCase() }).first();
  return r ? { ...toStaff(r), passwordHash: String(r.password_hash), lockedUntil: r.locked_until ? fromDb.date(r.locked_until) : null } : null;
}

/**
 * Counts a failed sign-in in SQL (two guesses racing both count) and locks
 * the account once the count reaches `attempts`; the count starts again then.
 */
export async function recordFailedLogin(db: Knex, id: string, lockout: { attempts: number; minutes: number }, now = new Date()): Promise<void> {
  await db('staff_users').where({ id }).increment('failed_logins', 1).update({ updated_at: now });
  await db('staff_users')
    .where({ id })
    .andWhere('failed_logins', '>=', lockout.attempts)
    .update({ failed_logins: 0, locked_until: new Date(now.getTime() + lockout.minutes * 60_000), updated_at: now });
}

export async function recordGoodLogin(db: Knex, id: string, now = new Date()): Promise<void> {
  await db('staff_users').where({ id }).update({ failed_logins: 0, locked_until: null, last_login_at: now, updated_at: now });
}

/** Staff names by id, for timelines and ledgers that record who acted. */
export async function staffNames(db: Knex, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (!wanted.length) return new Map();
  const rows: Row[] = await db('staff_users').whereIn('id', wanted).select('id', 'name');
  return new Map(rows.map((r) => [String(r.id), String(r.name)]));
}
