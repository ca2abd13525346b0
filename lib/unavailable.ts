import { isGrpcServiceError } from '@temporalio/client';

/**
 * Is this error a dependency being unreachable (the database or Temporal),
 * rather than a bug? Those answer 503 with Retry-After: the request can be
 * sent again unchanged. Walks the cause chain, because knex, mysql2 and the
 * Temporal client wrap the socket error they met.
 */
export function isUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (isDatabaseUnreachable(e) || isTemporalUnreachable(e)) return true;
  }
  return false;
}

/** mysql2/knex/better-sqlite3 codes that mean "could not talk to the database", not "the query was wrong". */
const DATABASE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN',
  // Another transaction held the rows too long: a retry normally goes through.
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'SQLITE_BUSY', 'SQLITE_LOCKED',
]);

function isDatabaseUnreachable(e: unknown): boolean {
  const { code, name, fatal } = e as { code?: unknown; name?: unknown; fatal?: unknown };
  if (typeof code === 'string' && DATABASE_CODES.has(code)) return true;
  // The pool waited acquireConnectionTimeout for a connection; or mysql2 refused a query on a dead connection.
  if (name === 'KnexTimeoutError') return true;
  return fatal === true && e instanceof Error && /closed state|connection/i.test(e.message);
}

/**
 * gRPC UNAVAILABLE (14), DEADLINE_EXCEEDED (4), CANCELLED (1, our own answer deadline) or RESOURCE_EXHAUSTED (8:
 * the server's limits, e.g. in-flight Updates per workflow) from the Temporal client: all pass with time.
 */
function isTemporalUnreachable(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return isGrpcServiceError(e) && (code === 14 || code === 4 || code === 1 || code === 8);
}
