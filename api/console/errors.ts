import { z } from 'zod';
import { ERROR_CATEGORIES, ERROR_SEVERITIES } from '../../domain/error-log';
import { listErrors, readError, resolveError } from '../../store/error-log';
import { parseCursor } from '../../store/keyset-page';
import type { ApiDeps, App } from '../context';
import { ResolveBody } from '../schemas/errors';
import { parseForm } from './forms';
import { fromHtmx, render } from './render';
import { may, signedIn } from './session';

const Filters = z.object({
  resolved: z.enum(['true', 'false', 'all']).catch('false'),
  severity: z.enum(ERROR_SEVERITIES).optional().catch(undefined),
  category: z.enum(ERROR_CATEGORIES).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
const Params = z.object({ id: z.string().min(1).max(64) });

/** The error log (open ones first by default) with filters, and resolving an error once with a note (the API's ResolveBody). */
export function errorPages(app: App, { db }: ApiDeps): void {
  app.get('/admin/errors', { preHandler: signedIn }, async (req, reply) => {
    const f = Filters.parse(req.query ?? {});
    const resolved = f.resolved === 'all' ? undefined : f.resolved === 'true';
    const page = await listErrors(db, { resolved, severity: f.severity, category: f.category, limit: 50, cursor: f.cursor ? parseCursor(f.cursor) : null });
    const params = new URLSearchParams(Object.entries({ ...f, cursor: page.nextCursor ?? undefined }).filter((e): e is [string, string] => !!e[1]));
    return render(req, reply, 'errors', { f, rows: page.data, severities: ERROR_SEVERITIES, categories: ERROR_CATEGORIES, nextHref: page.nextCursor ? `/admin/errors?${params}` : null });
  });

  app.post('/admin/errors/:id/resolve', { preHandler: [signedIn, app.csrfProtection, may('act')] }, async (req, reply) => {
    const { id } = Params.parse(req.params);
    const form = parseForm(ResolveBody, req.body);
    let status = 200;
    let message: string | null = null;
    if (!form.ok) [status, message] = [400, form.errors.note ?? 'Write a note'];
    else {
      const outcome = await resolveError(db, id, req.staff!.id, form.data.note, new Date());
      if (outcome === 'not_found') return render(req, reply, 'not-found', { what: `error ${id}` }, 404);
      if (outcome === 'already_resolved') [status, message] = [409, 'Someone resolved this error already.'];
    }
    if (!fromHtmx(req) && status === 200) return reply.redirect('/admin/errors', 303);
    const row = await readError(db, id);
    return render(req, reply, fromHtmx(req) ? 'error-row' : 'error-alone', { e: row, message }, status);
  });
}
