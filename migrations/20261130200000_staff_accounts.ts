import type { Knex } from 'knex';
import { createTable, id, time } from './lib/schema-helpers';

/**
 * Staff who sign in to the console (/admin) as people: an argon2id hash, a
 * role, and the failed sign-ins that lock the account for a while. Sessions
 * are stored by the SHA-256 of their cookie, so a database read gives no one
 * a session to replay.
 */
export async function up(knex: Knex): Promise<void> {
  await createTable(knex, 'staff_users', (t) => {
    id(t).primary();
    t.string('email', 254).notNullable().unique();
    t.string('name', 200).notNullable();
    // admin | staff | viewer (domain/staff.ts)
    t.string('role', 16).notNullable();
    t.string('password_hash', 255).notNullable();
    t.integer('failed_logins').notNullable().defaultTo(0);
    time(t, 'locked_until');
    time(t, 'last_login_at');
    time(t, 'created_at').notNullable();
    time(t, 'updated_at').notNullable();
  });
  await createTable(knex, 'staff_sessions', (t) => {
    t.string('token_hash', 64).primary();
    id(t, 'staff_id').notNullable().references('staff_users.id').onDelete('CASCADE');
    time(t, 'created_at').notNullable();
    time(t, 'expires_at').notNullable();
    t.index(['staff_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('staff_sessions');
  await knex.schema.dropTableIfExists('staff_users');
}
