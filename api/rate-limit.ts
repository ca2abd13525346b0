import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../lib/config';
import { authenticate } from './auth';
import { clientIp } from './client-ip';
import type { App } from './context';
import { Problem } from './problem';

/** Probes and scrapes come from the platform, often all from one address, and must never be turned away. */
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One bucket per client: the token's subject when the request carries a
 * valid bearer token (a customer behind a shop's shared NAT is not punished
 * for the others), else the client address (IPv6 by /64, as one host
 * usually holds the whole /64).
 */
async function clientKey(req: FastifyRequest): Promise<string> {
  if (req.headers.authorization?.startsWith('Bearer ')) {
    // authenticate() keeps the claims on the request, so the route does not verify the token again.
    const claims = await authenticate(req).catch(() => null);
    if (claims) return `${claims.role}:${claims.sub}`;
  }
  const ip = clientIp(req);
  return ip ? `ip:${normalizeIP(ip)}` : 'ip:unknown';
}

/**
 * Per-client request limits, in memory per API process: RATE_LIMIT_PER_SECOND
 * on every route, and tighter per-minute limits where a request is costly
 * (POST /v1/orders starts a workflow) or guesses a secret (POST /admin/login).
 * A limit of 0 is off. Runs first on each request, before the token is
 * checked, so a flood of bad tokens is limited too.
 */
export async function registerRateLimits(app: App, limits: AppConfig['http']['rateLimit']): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: clientKey,
    errorResponseBuilder: (_req, { ttl }) => {
      const seconds = Math.max(1, Math.ceil(ttl / 1000));
      return new Problem('RATE_LIMITED', `Too many requests; retry in ${seconds} s`, [], { 'retry-after': String(seconds) });
    },
  });
  const limiter = (max: number, timeWindow: number) => (max > 0 ? app.rateLimit({ max, timeWindow }) : null);
  const general = limiter(limits.perSecond, 1_000);
  const byRoute = new Map([
    ['POST /v1/orders', limiter(limits.ordersPerMinute, 60_000)],
    ['POST /admin/login', limiter(limits.loginPerMinute, 60_000)],
  ]);
  app.addHook('onRequest', async function limit(req, reply) {
    if (UNLIMITED.has(req.routeOptions.url ?? '')) return;
    const route = `${req.method} ${req.routeOptions.url}`;
    const limiterFor = byRoute.has(route) ? byRoute.get(route) : general;
    await limiterFor?.call(this, req, reply);
  });
}
