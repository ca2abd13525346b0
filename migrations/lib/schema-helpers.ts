import type { Knex } from 'knex';

/**
 * Shared column shapes for migrations. MariaDB gets utf8mb4 tables
 * explicitly (MySQL 8's default collation does not exist there); times are
 * DATETIME(3) in UTC on MySQL and epoch milliseconds on SQLite, always set by
 * the application.
 */
export function createTable(knex: Knex, name: string, build: (t: Knex.CreateTableBuilder) => void): Knex.SchemaBuilder {
  return knex.schema.createTable(name, (t) => {
    if (isMysql(knex)) {
      t.charset('utf8mb4');
      t.collate('utf8mb4_unicode_ci');
    }
    build(t);
  });
}

export function time(t: Knex.CreateTableBuilder, name: string): Knex.ColumnBuilder {
  return t.datetime(name, { precision: 3 });
}

export function id(t: Knex.CreateTableBuilder, name = 'id'): Knex.ColumnBuilder {
  return t.string(name, 36);
}

export function isMysql(knex: Knex): boolean {
  return knex.client.config.client === 'mysql2';
}

/** Refuse UPDATE and DELETE on an audit table, in the database itself. */
export async function appendOnly(knex: Knex, table: string): Promise<void> {
  for (const op of ['UPDATE', 'DELETE']) {
    const name = `${table}_no_${op.toLowerCase()}`;
    if (isMysql(knex)) {
      await knex.raw(
        `CREATE TRIGGER ${name} BEFORE ${op} ON ${table} FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${table} is append-only'`,
      );
    } else {
      await knex.raw(`CREATE TRIGGER ${name} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`);
    }
  }
}
