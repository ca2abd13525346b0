import '@fastify/jwt';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/order-view';
import { Problem } from './problem';

export const Claims = z.object({ sub: z.string().min(1), role: z.enum(['customer', 'admin']) });
export type Claims = z.infer<typeof Claims>;

declare module 'fastify' {
  interface FastifyRequest {
    claims?: Claims;
  }
  interface FastifyContextConfig {
    /** Admin-only route: customers get 403 before the body is even validated. */
    admin?: boolean;
  }
}

/**
 * Runs before validation on every /v1 route, so a missing token is 401 and a
 * customer on an admin route is 403 whatever the body holds. Handlers still
 * call authenticate()/requireAdmin(), which reuse the verified claims.
 */
export async function accessHook(req: FastifyRequest): Promise<void> {
  if (!req.url.startsWith('/v1/')) return;
  if (req.routeOptions.config?.admin) await requireAdmin(req);
  else await authenticate(req);
}

/** Verifies the bearer token (HS256, AUTH_JWT_SECRET) and returns its claims, or 401. */
export async function authenticate(req: FastifyRequest): Promise<Claims> {
  if (req.claims) return req.claims;
  let payload: unknown;
  try {
    payload = await req.jwtVerify();
  } catch {
    throw new Problem('UNAUTHENTICATED', 'A valid bearer token is required');
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new Problem('UNAUTHENTICATED', 'The token lacks a subject or a known role');
  req.claims = claims.data;
  return claims.data;
}

export async function requireAdmin(req: FastifyRequest): Promise<Claims> {
  const claims = await authenticate(req);
  if (claims.role !== 'admin') throw new Problem('FORBIDDEN', 'This needs an admin');
  return claims;
}

export const actorOf = (claims: Claims): Actor => ({ type: claims.role, id: claims.sub });
