import type { z } from 'zod';

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/**
 * A posted form checked by the API's own zod schema: the CSRF field and the
 * `view` field (which fragment to answer with) are taken
 * out (the schemas are strict), `convert` turns the text fields the schema
 * wants as numbers or booleans into them, and each issue becomes the message
 * shown under its field.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, convert: (f: Record<string, unknown>) => Record<string, unknown> = (f) => f): FormResult<z.infer<S>> {
  const { _csrf: _token, view: _view, ...fields } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const parsed = schema.safeParse(convert(fields));
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: fields };
}

/** A number field: empty stays absent (the schema says whether it is required), anything else is Number()-ed. */
export const numberField = (v: unknown): unknown => (v === undefined || v === '' ? undefined : Number(v));
