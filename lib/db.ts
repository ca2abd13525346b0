import fs from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import { MigrationFiles } from './migration-source';
import { assertNodeRunsSqlite } from './sqlite-node-version';

export type SqliteSynchronous = 'full' | 'normal';

/**
 * One knex instance for either dialect. MySQL/MariaDB when DATABASE_URL is a
 * mysql:// URL, otherwise the embedded SQLite file under the data folder.
 * Both are set to UTC on every connection (docs/pitfalls.md: mysql2 shifts times).
 */
export function createDb(databaseUrl: string | undefined, dataDir: string, pool = 10, sqliteSynchronous: SqliteSynchronous = 'full'): Knex {
  const migrations = { migrationSource: new MigrationFiles(path.join(__dirname, '..', 'migrations')) };
  if (databaseUrl?.startsWith('mysql')) {
    return knex({
      client: 'mysql2',
      connection: { uri: databaseUrl, timezone: 'Z', dateStrings: false, supportBigNumbers: true } as Knex.MySql2ConnectionConfig,
      // Fail fast when the database is unreachable: with the pool's connections hanging on a partitioned network,
      // a request waiting for one answers 503 (Retry-After) after 5 s instead of knex's default 60 s, and an
      // activity's attempt fails and is retried with backoff. Healthy transactions here take milliseconds, so
      // 5 s of queueing for a connection already means an outage (test/faults/database-outage.test.ts).
      acquireConnectionTimeout: 5_000,
      pool: {
        min: 0,
        max: pool,
        afterCreate(conn: { query: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null, conn: unknown) => void) {
          conn.query("SET time_zone = '+00:00'", (err) => done(err, conn));
        },
      },
      migrations,
    });
  }
  assertNodeRunsSqlite();
  const file = databaseUrl?.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : path.join(dataDir, 'orderly.sqlite');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return knex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: unknown) => void) {
        reusePreparedStatements(conn);
        conn.pragma('journal_mode = WAL');
        // full: every commit waits for the disk (better-sqlite3 blocks the event loop meanwhile); normal: only checkpoints do (SQLITE_SYNCHRONOUS).
        conn.pragma(`synchronous = ${sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
    migrations,
  });
}

interface SqliteConnection {
  pragma: (s: string) => void;
  prepare: (sql: string) => unknown;
}

const PREPARED_STATEMENTS_KEPT = 500;

/**
 * knex prepares every query again on better-sqlite3 (its dialect calls
 * `prepare(sql)` per query); compiling the SQL took 1.8 s of the embedded
 * app's 28 s of CPU in a profile of the bench. Orderly's queries are a few
 * hundred distinct texts with bindings, so the connection keeps the last
 * PREPARED_STATEMENTS_KEPT statements by text. A statement is safe to reuse
 * here: better-sqlite3 runs each one to the end synchronously, and SQLite
 * recompiles a kept statement itself when a migration changes the schema.
 */
function reusePreparedStatements(conn: SqliteConnection): void {
  const prepare = conn.prepare.bind(conn);
  const kept = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) {
      kept.delete(sql); // re-inserted below: the Map's order is the recency order
    } else {
      statement = prepare(sql);
      if (kept.size >= PREPARED_STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return statement;
  };
}

/** Booleans come back as 1/0, SUM() as a string on MariaDB, JSON as text: convert here, once. */
export const fromDb = {
  bool: (v: unknown): boolean => v === true || v === 1 || v === '1',
  int: (v: unknown): number => (v === null || v === undefined ? 0 : Number(v)),
  json: <T>(v: unknown, fallback: T): T => (v === null || v === undefined ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)),
  // SQLite keeps the Dates knex binds as epoch milliseconds.
  date: (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v))),
  iso: (v: unknown): string | null => (v === null || v === undefined ? null : fromDb.date(v).toISOString()),
};
