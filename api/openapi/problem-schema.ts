import { z } from 'zod';
import type { ApiCode } from '../../domain/error-codes';

/** One entry of a problem's errors[]: a rule issue or a schema problem at a field path (api/problem.ts ProblemItem). */
export const ProblemItemSchema = z
  .strictObject({
    code: z.string().describe('A rule code (docs/domain.md §3) or VALIDATION_ERROR'),
    field: z.string().describe('Where: a body path such as items.0.quantity, or querystring.cursor, headers.if-match'),
    message: z.string(),
    severity: z.enum(['error', 'warning']),
    suggestions: z.array(z.string()).optional(),
  })
  .meta({ id: 'ProblemItem' });

const pascal = (code: string) => code.toLowerCase().replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
const cache = new Map<string, ReturnType<typeof buildProblem>>();

/**
 * An application/problem+json body (RFC 9457) whose code is one of `codes`:
 * one named component per set of codes (ProblemOrderNotFound,
 * ProblemConflictOrStockBelowReserved), so a generated client has a type per
 * answer and the document stays small.
 */
export function problemSchema(codes: readonly ApiCode[]) {
  const sorted = [...new Set(codes)].sort();
  const name = `Problem${sorted.map(pascal).join('Or')}`;
  let schema = cache.get(name);
  if (!schema) cache.set(name, (schema = buildProblem(sorted).meta({ id: name })));
  return schema;
}

function buildProblem(codes: readonly ApiCode[]) {
  return z.strictObject({
    type: z.string().describe('https://orderly.dev/problems/<code in kebab case>'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    code: z.enum(codes as [ApiCode, ...ApiCode[]]),
    errors: z.array(ProblemItemSchema),
  });
}

