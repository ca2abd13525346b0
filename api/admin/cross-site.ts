import type { FastifyRequest } from 'fastify';

/**
 * Whether a browser sent this request on behalf of another site (the check
 * Go's net/http CrossOriginProtection makes). Browsers since 2023 say where
 * a request comes from in Sec-Fetch-Site, which no page can forge; older
 * ones send Origin on a POST, compared with our Host. A request with
 * neither is not from a browser page (curl, a script), and still needs the
 * CSRF token of the admin page.
 */
export function isCrossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  return origin !== undefined && !sameHost(origin, req.host);
}

/** Host and port of an Origin against our Host header, default ports normalised ("null" and junk never match). */
function sameHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    return from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false;
  }
}
