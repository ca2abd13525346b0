import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyInstance } from 'fastify';
import { Problem } from '../problem';
import { isCrossSite } from './cross-site';

const self = ["'self'"];
const none = ["'none'"];

/**
 * What keeps other sites from acting through a signed-in admin's browser,
 * and the pages from being framed or fed foreign scripts. Registered in the
 * admin plugin's own context, so none of it touches /v1 or /docs.
 * - A POST that the browser says came from another site is refused (403)
 *   before its body is read.
 * - Every POST carries the page's CSRF token: form field `_csrf`, or the
 *   `x-csrf-token` header that htmx sends (reply.generateCsrf in the page).
 * - Bodies are forms or JSON only: text/plain is what another site's form
 *   can send without the browser asking us first.
 * - Content-Security-Policy: scripts and styles from us only (htmx is served
 *   under /admin), inline ones only with the response's nonce; no framing
 *   (also X-Frame-Options DENY for old browsers); nosniff.
 */
export async function securePages(admin: FastifyInstance): Promise<void> {
  admin.setErrorHandler((err: FastifyError) => {
    // csrf-protection answers with errors of its own: make them our problem+json.
    if (err.code?.startsWith('FST_CSRF_')) throw new Problem('FORBIDDEN', 'The page token is missing or stale: reload the admin page');
    throw err;
  });
  admin.addHook('onRequest', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossSite(req)) throw new Problem('FORBIDDEN', 'The admin page does not take requests from other sites');
  });
  await admin.register(formbody);
  admin.removeContentTypeParser('text/plain');
  await admin.register(cookie);
  await admin.register(csrf, { cookieOpts: { path: '/admin', httpOnly: true, sameSite: 'strict', secure: 'auto' } });
  await admin.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: self,
        scriptSrc: self,
        scriptSrcAttr: none,
        styleSrc: self,
        imgSrc: self,
        connectSrc: self,
        formAction: self,
        baseUri: none,
        objectSrc: none,
        frameAncestors: none,
      },
    },
    frameguard: { action: 'deny' },
    // HSTS belongs to whoever terminates TLS; from here it would also bind every subdomain for a year.
    strictTransportSecurity: false,
  });
}
