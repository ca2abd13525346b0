import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Problem } from './problem';

/**
 * ETag and If-Match for the resources two staff members may change at once:
 * an order (its actions) and a product (PATCH, stock). The ETag is the row's
 * version (store/row-version.ts), a strong validator. docs/api.md, Concurrency.
 */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .max(200)
    .optional()
    .describe('The ETag you read. The change is made only if the resource is still at it; 412 PRECONDITION_FAILED if it changed meanwhile. Leave out to act whatever its state'),
});

export const etagOf = (version: number) => `"${version}"`;

/** The version the request's If-Match names; undefined without one (or with `*`: any current version). */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const version = /^\s*"(\d{1,9})"\s*$/.exec(header)?.[1];
  // Not an ETag this API hands out (a weak one, a list, garbage): it cannot match the current one.
  if (version === undefined) throw stale();
  return Number(version);
}

export const stale = () => new Problem('PRECONDITION_FAILED', 'It changed since you read it (If-Match does not match its ETag): read it again, then decide');

export function sendEtag(reply: FastifyReply, version: number | null): void {
  if (version !== null) reply.header('etag', etagOf(version));
}
