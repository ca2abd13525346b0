import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/order-view';
import { CLOCK_SKEW_MS, tokenTimesProblem } from '../lib/tokens';
import { Problem } from './problem';

// A subject longer than the actor ids we store (64 characters: history, ledger, error log) is refused with 401,
// rather than failing the write it would reach.
export const Claims = z.object({ sub: z.string().min(1).max(64), role: z.enum(['customer', 'admin']) });
export type Claims = z.infer<typeof Claims>;
/** A verified token's payload: the claims, and the times that the lifetime rules need. */
const TokenPayload = Claims.extend({ iat: z.number(), exp: z.number() });

declare module 'fastify' {
  interface FastifyRequest {
    claims?: Claims;
  }
  interface FastifyInstance {
    /** AUTH_MAX_TOKEN_LIFETIME_DAYS, for the checks after the signature */
    maxTokenLifetimeDays: number;
  }
  interface FastifyContextConfig {
    /** Admin-only route: customers get 403 before the body is even validated. */
    admin?: boolean;
    /** No bearer token: the route authenticates its caller itself (the payment gateway's signed webhooks). */
    public?: boolean;
  }
}

/**
 * Bearer tokens: HS256 with AUTH_JWT_SECRET; `exp` and `iat` are required
 * (a token without an expiry would be valid forever) and a minute of clock
 * skew is allowed on both. The same rules hold for the admin page's cookie.
 */
export async function registerAuth(app: FastifyInstance, opts: { secret: string; maxTokenLifetimeDays: number }): Promise<void> {
  await app.register(fastifyJwt, { secret: opts.secret, verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'iat'], clockTolerance: CLOCK_SKEW_MS } });
  app.decorate('maxTokenLifetimeDays', opts.maxTokenLifetimeDays);
}

/** The claims of a payload whose signature and expiry are verified, or what is wrong with it. */
function claimsOf(server: FastifyInstance, payload: unknown): Claims | string {
  const parsed = TokenPayload.safeParse(payload);
  if (!parsed.success) return 'The token lacks a subject or a known role';
  const problem = tokenTimesProblem(parsed.data, server.maxTokenLifetimeDays);
  return problem ?? { sub: parsed.data.sub, role: parsed.data.role };
}

/** Verifies a token that did not come in the Authorization header (the admin page's cookie): its claims, or null. */
export function verifyToken(server: FastifyInstance, token: string): Claims | null {
  let payload: unknown;
  try {
    payload = server.jwt.verify(token);
  } catch {
    return null;
  }
  const claims = claimsOf(server, payload);
  return typeof claims === 'string' ? null : claims;
}

/**
 * Runs before validation on every /v1 route, so a missing token is 401 and a
 * customer on an admin route is 403 whatever the body holds. Handlers still
 * call authenticate()/requireAdmin(), which reuse the verified claims.
 */
export async function accessHook(req: FastifyRequest): Promise<void> {
  if (!req.url.startsWith('/v1/') || req.routeOptions.config?.public) return;
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
  const claims = claimsOf(req.server, payload);
  if (typeof claims === 'string') throw new Problem('UNAUTHENTICATED', claims);
  req.claims = claims;
  return claims;
}

export async function requireAdmin(req: FastifyRequest): Promise<Claims> {
  const claims = await authenticate(req);
  if (claims.role !== 'admin') throw new Problem('FORBIDDEN', 'This needs an admin');
  return claims;
}

export const actorOf = (claims: Claims): Actor => ({ type: claims.role, id: claims.sub });
