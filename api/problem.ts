import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ApiCode, Issue, Severity } from '../domain/error-codes';
import { isUnavailable } from '../lib/unavailable';
import { problemIsDeclared } from './openapi/declared-problem';

/** One entry of a problem's errors[]: a rule issue, or a schema problem at a field path. */
export interface ProblemItem {
  code: string;
  field: string;
  message: string;
  severity: Severity;
  suggestions?: string[];
}

/** An expected failure with its API code; everything else is masked as 500 INTERNAL. */
export class Problem extends Error {
  constructor(
    readonly code: ApiCode,
    detail: string,
    readonly errors: ProblemItem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** Retry-After for 503s: a dependency blipped; the same request can be sent again. */
export const RETRY_SOON = { 'retry-after': '5' };

/** The one place API codes become HTTP statuses. An unmapped code does not compile. */
export function statusOf(code: ApiCode): number {
  switch (code) {
    case 'VALIDATION_ERROR':
      return 400;
    case 'UNAUTHENTICATED':
    case 'WEBHOOK_SIGNATURE_INVALID':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
    case 'ORDER_NOT_FOUND':
    case 'PRODUCT_NOT_FOUND':
    case 'CUSTOMER_NOT_FOUND':
    case 'PROMO_NOT_FOUND':
    case 'ERROR_NOT_FOUND':
    case 'RETURN_NOT_FOUND':
    case 'WEBHOOK_SUBSCRIPTION_NOT_FOUND':
    case 'WEBHOOK_DELIVERY_NOT_FOUND':
      return 404;
    case 'INVALID_STATE_TRANSITION':
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'CONFLICT':
    case 'STOCK_BELOW_RESERVED':
    case 'ORDER_FAILED':
    case 'REFUND_EXCEEDS_CAPTURED':
    case 'RETURN_NOT_ALLOWED':
    case 'RETURN_WINDOW_CLOSED':
    case 'WEBHOOK_DELIVERY_PENDING':
      return 409;
    case 'ORDER_REJECTED':
    case 'RETURN_QUANTITY_EXCEEDED':
      return 422;
    case 'PRECONDITION_FAILED':
      return 412;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const problemBody = (status: number, code: string, detail: string, errors: ProblemItem[]) => ({
  type: `https://orderly.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
  title: TITLES[status] ?? 'Error',
  status,
  detail,
  code,
  errors,
});

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, errors: ProblemItem[] = []) {
  return reply.status(status).type('application/problem+json').send(problemBody(status, code, detail, errors));
}

/**
 * Sends a problem the route itself raised (a Problem it threw, or its
 * schema's validation). One its document does not declare (status or code)
 * is a bug like any other: logged, answered 500, so the document never lies
 * to a generated client (docs/api.md "Responses match the document").
 * Refusals by the framework before the route runs (malformed JSON, body too
 * large, wrong media type, a bad URL) are documented once for every route.
 */
function sendRouteProblem(reply: FastifyReply, status: number, code: string, detail: string, errors: ProblemItem[] = []) {
  if (problemIsDeclared(reply.request, status, problemBody(status, code, detail, errors))) return sendProblem(reply, status, code, detail, errors);
  reply.log.error({ status, code, url: reply.request.url }, 'problem not declared in the route document');
  return sendProblem(reply, 500, 'INTERNAL', 'Something went wrong on our side; it has been logged.');
}

export const issuesToItems = (issues: Issue[]): ProblemItem[] =>
  issues.map(({ code, field, message, severity, suggestions }) => ({ code, field, message, severity, ...(suggestions ? { suggestions } : {}) }));

/** fastify's error handler: problems as they are, schema and parser errors as 400, the rest masked. */
export function errorHandler(log: Logger) {
  return (err: FastifyError & { validation?: { instancePath: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string }, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof Problem) {
      reply.headers(err.headers);
      return sendRouteProblem(reply, statusOf(err.code), err.code, err.message, err.errors);
    }
    if (err.validation) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        code: 'VALIDATION_ERROR',
        field: fieldPath(where, v.instancePath, v.params),
        message: v.message ?? 'invalid',
        severity: 'error' as const,
      }));
      return sendRouteProblem(reply, 400, 'VALIDATION_ERROR', `The request ${where} is not valid`, errors);
    }
    if (isUnavailable(err)) {
      // The cause may quote SQL or data: it goes to the log, the client gets the code.
      log.warn({ err: { code: (err as { code?: unknown }).code, name: err.name }, url: req.url }, 'dependency unavailable');
      reply.headers(RETRY_SOON);
      return sendProblem(reply, 503, 'UNAVAILABLE', 'A service Orderly depends on is unreachable; retry shortly');
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // fastify's own client errors: malformed JSON, wrong content type, body too large...
      const code = status === 429 ? 'RATE_LIMITED' : status === 401 ? 'UNAUTHENTICATED' : 'VALIDATION_ERROR';
      return sendProblem(reply, status, code, safeMessage(err));
    }
    log.error({ err, url: req.url }, 'unhandled error');
    return sendProblem(reply, 500, 'INTERNAL', 'Something went wrong on our side; it has been logged.');
  };
}

function fieldPath(where: string, instancePath: string, params?: Record<string, unknown>): string {
  const parts = instancePath.split('/').filter(Boolean);
  // Unknown keys (strict objects) are reported on the object: name the key itself.
  const keys = params?.keys ?? (params?.issue as { keys?: string[] } | undefined)?.keys;
  if (Array.isArray(keys) && keys.length) parts.push(String(keys[0]));
  const path = parts.join('.');
  return where === 'body' ? path || '(body)' : `${where}${path ? '.' + path : ''}`;
}

function safeMessage(err: FastifyError): string {
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return 'The body is not valid JSON';
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The body is too large';
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Send application/json';
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The body is empty';
  return 'The request is not valid';
}
