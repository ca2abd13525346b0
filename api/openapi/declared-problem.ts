import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

type ResponseSchemas = Record<string, { content?: Record<string, { schema?: z.ZodType }> } | undefined>;

/**
 * Whether the route's documented responses allow this problem body: its
 * status is declared and the body fits that status's problem+json schema (so
 * its code is one the document lists). Routes without documented responses
 * (the 404 handler, hidden pages) allow anything.
 */
export function problemIsDeclared(req: FastifyRequest, status: number, body: unknown): boolean {
  const responses = req.routeOptions?.schema?.response as ResponseSchemas | undefined;
  if (!responses) return true;
  const schema = responses[String(status)]?.content?.['application/problem+json']?.schema;
  return !!schema && schema.safeParse(body).success;
}
