import { z } from 'zod';
import { API_CODES, type ApiCode } from '../../domain/error-codes';

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

/** An application/problem+json body (RFC 9457) whose code is one of `codes`. */
export function problemSchema(codes: readonly ApiCode[]) {
  return z.strictObject({
    type: z.string().describe('https://orderly.dev/problems/<code in kebab case>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(codes as [ApiCode, ...ApiCode[]]),
    errors: z.array(ProblemItemSchema),
  });
}

/** Any problem this API sends: what an error response is when nothing narrower is known. */
export const AnyProblem = problemSchema(API_CODES);
