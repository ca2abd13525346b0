import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { StaffMember } from '../domain/staff';
import { toStaff } from './staff-store';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new session: the cookie value (256 random bits) is returned, only its hash is stored. The member's expired sessions go. */
export async function createSession(db: Knex, staffId: string, hours: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db('staff_sessions').where({ staff_id: staffId }).andWhere('expires_at', '<=', now).delete();
  await db('staff_sessions').insert({ token_hash: hashOf(token), staff_id: staffId, created_at: now, expires_at: new Date(now.getTime() + hours * 3_600_000) });
  return token;
}

/** The staff member of a live session, or null (unknown, expired). */
export async function readSession(db: Knex, token: string, now = new Date()): Promise<StaffMember | null> {
  const row = await db('staff_sessions as s')
    .join('staff_users as u', 'u.id', 's.staff_id')
    .where('s.token_hash', hashOf(token))
    .andWhere('s.expires_at', '>', now)
    .first('u.id', 'u.email', 'u.name', 'u.role');
  return row ? toStaff(row) : null;
}

export async function deleteSession(db: Knex, token: string): Promise<void> {
  await db('staff_sessions').where({ token_hash: hashOf(token) }).delete();
}
