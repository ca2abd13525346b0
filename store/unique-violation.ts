/**
 * A duplicate key on insert or update, in either dialect: the one test the
 * API uses to answer 409 CONFLICT instead of passing the database error on.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
